/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal streaming JSON writer: compact output, commas and string
 * escaping handled here.  @key is the member name inside an object and
 * NULL for array elements and the top-level value.
 */
#ifndef KPSEC_CLI_JSON_H
#define KPSEC_CLI_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 8

struct json_writer {
	FILE *out;
	unsigned int depth;
	bool has_items[JSON_MAX_DEPTH];	/* a comma is due before the next item */
};

void json_init(struct json_writer *w, FILE *out);
void json_open_object(struct json_writer *w, const char *key);
void json_close_object(struct json_writer *w);
void json_open_array(struct json_writer *w, const char *key);
void json_close_array(struct json_writer *w);
/* A string, or null when @value is NULL. */
void json_string(struct json_writer *w, const char *key, const char *value);
void json_u64(struct json_writer *w, const char *key, uint64_t value);
void json_bool(struct json_writer *w, const char *key, bool value);
void json_null(struct json_writer *w, const char *key);

#endif /* KPSEC_CLI_JSON_H */
