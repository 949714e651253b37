// SPDX-License-Identifier: GPL-2.0
/* The INI line reader of the configuration files of tools/qkd (ini.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ini.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static struct ini_span trim(struct ini_span t)
{
	while (t.n && is_blank(t.s[0])) {
		t.s++;
		t.n--;
	}
	while (t.n && is_blank(t.s[t.n - 1]))
		t.n--;
	return t;
}

bool ini_is_word(struct ini_span t, const char *word)
{
	return t.n == strlen(word) && !strncasecmp(t.s, word, t.n);
}

static enum ini_err parse_line(struct ini_span t, const struct ini_ops *ops, void *ctx,
			       unsigned int line, bool *in_section)
{
	size_t i;

	for (i = 0; i < t.n; i++) {
		if (t.s[i] == '#') {
			t.n = i;
			break;
		}
	}
	t = trim(t);
	if (!t.n)
		return INI_OK;
	if (t.s[0] == '[') {
		if (t.n < 2 || t.s[t.n - 1] != ']')
			return INI_BAD_HEADER;
		*in_section = true;
		return ops->section(ctx, trim((struct ini_span){ t.s + 1, t.n - 2 }), line) ?
		       INI_CALLBACK : INI_OK;
	}
	for (i = 0; i < t.n && t.s[i] != '='; i++)
		;
	if (i == t.n)
		return INI_NO_EQUALS;
	if (!*in_section)
		return INI_OUTSIDE_SECTION;
	return ops->key_value(ctx, trim((struct ini_span){ t.s, i }),
			      trim((struct ini_span){ t.s + i + 1, t.n - i - 1 }), line) ?
	       INI_CALLBACK : INI_OK;
}

enum ini_err ini_parse(const char *text, size_t len, const struct ini_ops *ops, void *ctx,
		       unsigned int *line)
{
	enum ini_err ret = INI_OK;
	bool in_section = false;
	size_t pos = 0, start, n;

	*line = 0;
	while (!ret && pos < len) {
		start = pos;
		while (pos < len && text[pos] != '\n')
			pos++;
		n = pos - start;
		if (pos < len)
			pos++;
		++*line;
		if (n - (n && text[start + n - 1] == '\r') > INI_LINE_MAX)
			ret = INI_LINE_TOO_LONG;
		else
			ret = parse_line((struct ini_span){ text + start, n }, ops, ctx, *line,
					 &in_section);
	}
	return ret;
}

char *ini_read_file(const char *path, size_t max, size_t *len)
{
	char *buf = malloc(max + 1);
	ssize_t n = 0;
	int fd, err;

	*len = 0;
	if (!buf)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		free(buf);
		errno = err;
		return NULL;
	}
	while (*len <= max) {
		n = read(fd, buf + *len, max + 1 - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		*len += (size_t)n;
	}
	err = n < 0 ? errno : *len > max ? E2BIG : 0;
	close(fd);
	if (err) {
		free(buf);
		errno = err;
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}
