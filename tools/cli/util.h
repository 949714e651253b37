/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error reporting and small helpers shared by every command.
 *
 * Every failure is reported as exactly one line on stderr that starts
 * with "kpsec: ", by whoever detects it; callers just propagate -1.
 */
#ifndef KPSEC_CLI_UTIL_H
#define KPSEC_CLI_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#define PROG_NAME "kpsec"

/* Exit statuses: 0 success, 1 failure, 2 bad command line (usage). */
#define EXIT_USAGE 2

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Print "kpsec: <message>\n" on stderr. */
void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Allocations that cannot fail: out of memory is reported and exits. */
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
/* Room for one more element of @size in @arr, which holds @n of *@room. */
void *xgrow(void *arr, size_t *room, size_t n, size_t size);

/* Whether @arg is one of the words that ask for help: help, --help, -h. */
bool is_help_word(const char *arg);

/*
 * The ifindex of the network device @name, or 0 after reporting
 * '<what> "name" does not exist' (what: "device", "lower device").
 */
unsigned int device_index(const char *what, const char *name);

/*
 * Whether @s looks like a base64 key (44 characters that decode to 32
 * bytes): such a string must never be echoed in an error message.
 */
bool looks_like_key(const char *s);

/*
 * Report an argument @command does not know, without echoing it when it
 * looks like a key: 'unknown <what> "x" (try "kpsec <command> help")'.
 */
void report_unknown(const char *what, const char *arg, const char *command);

/* The name of input file @path in messages: "-" is "<stdin>". */
const char *input_name(const char *path);

/*
 * Read all of @path ("-": standard input), at most @max bytes, into a new
 * NUL-terminated buffer, its length in *@len; NULL after reporting, with
 * @what naming the file ("key container").  The caller wipes and frees it.
 */
char *read_secret_file(const char *path, size_t max, const char *what, size_t *len);

#endif /* KPSEC_CLI_UTIL_H */
