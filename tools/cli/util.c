// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base64.h"
#include "kpsec.h"
#include "util.h"

void report(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs(PROG_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void out_of_memory(void)
{
	report("out of memory");
	exit(EXIT_FAILURE);
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	size_t bytes;
	void *p;

	if (size && nmemb > SIZE_MAX / size)
		out_of_memory();
	bytes = nmemb * size;
	p = realloc(ptr, bytes ? bytes : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xgrow(void *arr, size_t *room, size_t n, size_t size)
{
	if (n < *room)
		return arr;
	*room = *room ? 2 * *room : 8;
	return xreallocarray(arr, *room, size);
}

bool is_help_word(const char *arg)
{
	return !strcmp(arg, "help") || !strcmp(arg, "--help") ||
	       !strcmp(arg, "-h");
}

unsigned int device_index(const char *what, const char *name)
{
	unsigned int ifindex;

	if (!*name || strlen(name) >= IFNAMSIZ || strchr(name, '/')) {
		report("invalid %s name \"%.*s\": at most %d characters, no '/'",
		       what, IFNAMSIZ * 2, name, IFNAMSIZ - 1);
		return 0;
	}
	ifindex = if_nametoindex(name);
	if (!ifindex) {
		if (errno == ENODEV || errno == ENXIO)
			report("%s \"%s\" does not exist", what, name);
		else
			report("cannot look up %s \"%s\": %s", what, name,
			       strerror(errno));
	}
	return ifindex;
}

bool looks_like_key(const char *s)
{
	uint8_t buf[KPSEC_KEY_LEN + 3];
	size_t len = strlen(s);
	bool key;

	key = len == KPSEC_B64_LEN(KPSEC_KEY_LEN) &&
	      kpsec_b64_decode(buf, sizeof(buf), s, len) == KPSEC_KEY_LEN;
	explicit_bzero(buf, sizeof(buf));
	return key;
}

void report_unknown(const char *what, const char *arg, const char *command)
{
	char hint[32];

	snprintf(hint, sizeof(hint), "kpsec%s%s help", command ? " " : "",
		 command ? command : "");
	if (looks_like_key(arg))
		report("unknown %s that looks like a key: keys are never given on the command line (try \"%s\")",
		       what, hint);
	else
		report("unknown %s \"%s\" (try \"%s\")", what, arg, hint);
}

const char *input_name(const char *path)
{
	return strcmp(path, "-") ? path : "<stdin>";
}

char *read_secret_file(const char *path, size_t max, const char *what, size_t *len)
{
	bool from_stdin = !strcmp(path, "-");
	char *buf = xcalloc(max + 1, 1);
	bool ok = true;
	int fd;

	*len = 0;
	fd = from_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		report("cannot open %s \"%s\": %s", what, path, strerror(errno));
		free(buf);
		return NULL;
	}
	while (*len <= max) {
		ssize_t n = read(fd, buf + *len, max + 1 - *len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			report("cannot read %s \"%s\": %s", what, input_name(path),
			       strerror(errno));
			ok = false;
			break;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	if (!from_stdin)
		close(fd);
	if (ok && *len > max) {
		report("%s \"%s\" is too long: at most %zu bytes", what, input_name(path), max);
		ok = false;
	}
	if (ok)
		return buf;
	explicit_bzero(buf, max + 1);
	free(buf);
	return NULL;
}
