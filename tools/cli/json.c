// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>

#include "json.h"

void json_init(struct json_writer *w, FILE *out)
{
	w->out = out;
	w->depth = 0;
	w->has_items[0] = false;
}

static void write_escaped(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* The comma and member name that come before any value. */
static void begin_item(struct json_writer *w, const char *key)
{
	if (w->has_items[w->depth])
		fputc(',', w->out);
	w->has_items[w->depth] = true;
	if (key) {
		write_escaped(w->out, key);
		fputc(':', w->out);
	}
}

static void open_container(struct json_writer *w, const char *key, char bracket)
{
	begin_item(w, key);
	fputc(bracket, w->out);
	if (w->depth + 1 < JSON_MAX_DEPTH)
		w->depth++;
	w->has_items[w->depth] = false;
}

static void close_container(struct json_writer *w, char bracket)
{
	if (w->depth > 0)
		w->depth--;
	fputc(bracket, w->out);
}

void json_open_object(struct json_writer *w, const char *key)
{
	open_container(w, key, '{');
}

void json_close_object(struct json_writer *w)
{
	close_container(w, '}');
}

void json_open_array(struct json_writer *w, const char *key)
{
	open_container(w, key, '[');
}

void json_close_array(struct json_writer *w)
{
	close_container(w, ']');
}

void json_string(struct json_writer *w, const char *key, const char *value)
{
	begin_item(w, key);
	if (value)
		write_escaped(w->out, value);
	else
		fputs("null", w->out);
}

void json_u64(struct json_writer *w, const char *key, uint64_t value)
{
	begin_item(w, key);
	fprintf(w->out, "%" PRIu64, value);
}

void json_bool(struct json_writer *w, const char *key, bool value)
{
	begin_item(w, key);
	fputs(value ? "true" : "false", w->out);
}

void json_null(struct json_writer *w, const char *key)
{
	begin_item(w, key);
	fputs("null", w->out);
}
