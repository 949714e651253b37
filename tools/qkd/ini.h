/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The INI syntax of the KMECONF and watch configuration files, the same
 * as the node configuration files' (lib/nodeconf.h): "[Section]" headers,
 * "Key = Value" lines, names case-insensitive, blanks around them
 * ignored, '#' starting a comment, lines ending in LF or CR LF.  This
 * reads the lines; what the sections and keys mean is the caller's.
 */
#ifndef KPSEC_QKD_INI_H
#define KPSEC_QKD_INI_H

#include <stdbool.h>
#include <stddef.h>

/* Characters in a line, its CR LF or LF not counted. */
#define INI_LINE_MAX 1023

struct ini_span {
	const char *s;
	size_t n;
};

/* Whether @t is @word, ignoring case. */
bool ini_is_word(struct ini_span t, const char *word);

enum ini_err {
	INI_OK = 0,
	INI_LINE_TOO_LONG,	/* more than INI_LINE_MAX characters */
	INI_BAD_HEADER,		/* '[' without a closing ']' at the end */
	INI_NO_EQUALS,		/* neither a header nor KEY = VALUE */
	INI_OUTSIDE_SECTION,	/* KEY = VALUE before any header */
	INI_CALLBACK,		/* a callback refused the line */
};

/*
 * The callbacks return 0 to go on, anything else to stop there (after
 * describing the problem themselves).  @value may be empty; neither is
 * NUL-terminated.
 */
struct ini_ops {
	int (*section)(void *ctx, struct ini_span name, unsigned int line);
	int (*key_value)(void *ctx, struct ini_span key, struct ini_span value,
			 unsigned int line);
};

/*
 * Go through the @len bytes of @text line by line.  Returns the first
 * defect with its line (from 1) in *@line, or INI_OK.
 */
enum ini_err ini_parse(const char *text, size_t len, const struct ini_ops *ops, void *ctx,
		       unsigned int *line);

/*
 * Read all of @path, at most @max bytes, into a new NUL-terminated
 * buffer.  NULL with errno set; E2BIG when the file is longer.
 */
char *ini_read_file(const char *path, size_t max, size_t *len);

#endif /* KPSEC_QKD_INI_H */
