// SPDX-License-Identifier: GPL-2.0
/*
 * ETSI GS QKD 014 key containers.  Parsed with json-c; written by hand,
 * so that every copy of a key we make is one we can wipe.
 *
 * json-c keeps its own copies of the base64 keys: the string objects,
 * and the tokener's buffer, where each string is gathered before it
 * becomes an object.  Both are wiped before they are freed; the buffer
 * is sized up front so that no realloc leaves a copy behind.
 */
#include <json-c/json.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "container.h"
#include "uuid.h"

/* Tokener buffer room: a 1024-bit key is 172 base64 characters. */
#define TOKENER_ROOM 4096

static void set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

bool qkd_uuid_parse(const char *s, uint8_t id[QKD_KEY_ID_LEN])
{
	return kpsec_uuid_parse(s, id);
}

void qkd_uuid_format(char out[QKD_UUID_STR_LEN + 1], const uint8_t id[QKD_KEY_ID_LEN])
{
	kpsec_uuid_format(out, id);
}

void qkd_keys_free(struct qkd_keys *keys)
{
	if (keys->k) {
		explicit_bzero(keys->k, keys->n * sizeof(*keys->k));
		free(keys->k);
	}
	keys->k = NULL;
	keys->n = 0;
}

/* Wipe the text of a json-c string object in place. */
static void wipe_string(struct json_object *s)
{
	int len;

	if (!json_object_is_type(s, json_type_string))
		return;
	len = json_object_get_string_len(s);
	if (len > 0)
		explicit_bzero((char *)json_object_get_string(s), (size_t)len);
}

/* Wipe every "key" string of the container @top, whatever its shape. */
static void wipe_json_keys(struct json_object *top)
{
	struct json_object *arr, *entry, *key;
	size_t i, n;

	if (!json_object_is_type(top, json_type_object) ||
	    !json_object_object_get_ex(top, "keys", &arr) ||
	    !json_object_is_type(arr, json_type_array))
		return;
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		entry = json_object_array_get_idx(arr, i);
		if (json_object_is_type(entry, json_type_object) &&
		    json_object_object_get_ex(entry, "key", &key))
			wipe_string(key);
	}
}

static bool is_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Parse @len bytes of JSON text strictly: one value, nothing but
 * whitespace after it, valid UTF-8.  NULL with @err set on failure.
 */
static struct json_object *parse_json(const char *json, size_t len,
				      char *err, size_t errlen)
{
	struct json_object *obj = NULL;
	enum json_tokener_error jerr;
	struct json_tokener *tok;
	size_t end;

	if (len > INT_MAX) {
		set_err(err, errlen, "not JSON: too long");
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok) {
		set_err(err, errlen, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	/* Room for any key up front: growing the buffer would copy keys. */
	if (printbuf_memset(tok->pb, 0, 0, TOKENER_ROOM) < 0) {
		json_tokener_free(tok);
		set_err(err, errlen, "out of memory");
		return NULL;
	}
	printbuf_reset(tok->pb);

	obj = json_tokener_parse_ex(tok, json, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	/* A bare top-level number only ends at the next character. */
	if (!obj && jerr == json_tokener_continue) {
		obj = json_tokener_parse_ex(tok, " ", 1);
		jerr = json_tokener_get_error(tok);
		end = len;
	}
	if (!obj) {
		if (jerr == json_tokener_continue)
			set_err(err, errlen, "not JSON: %s",
				len ? "it ends too early" : "empty");
		else
			set_err(err, errlen, "not JSON: %s at byte %zu",
				json_tokener_error_desc(jerr), end);
	} else {
		while (end < len && is_json_space(json[end]))
			end++;
		if (end < len) {
			set_err(err, errlen, "not JSON: text after the value at byte %zu", end);
			wipe_json_keys(obj);
			json_object_put(obj);
			obj = NULL;
		}
	}
	explicit_bzero(tok->pb->buf, (size_t)tok->pb->size);
	json_tokener_free(tok);
	return obj;
}

/* The length base64 text of @len characters decodes to, or -1. */
static long b64_decoded_len(const char *s, size_t len)
{
	if (len % 4)
		return -1;
	if (!len)
		return 0;
	return (long)(len / 4 * 3) - (s[len - 1] == '=') - (s[len - 2] == '=');
}

static bool size_ok(size_t bytes, size_t want_bytes)
{
	if (want_bytes)
		return bytes == want_bytes;
	return bytes >= QKD_KEY_MIN_BYTES && bytes <= QKD_KEY_MAX_BYTES;
}

/* Member @name of entry @i, which must be a string. */
static bool get_string(struct json_object *entry, const char *name,
		       struct json_object **value, size_t i, char *err, size_t errlen)
{
	if (!json_object_object_get_ex(entry, name, value)) {
		set_err(err, errlen, "keys[%zu]: no %s", i, name);
		return false;
	}
	if (!json_object_is_type(*value, json_type_string)) {
		set_err(err, errlen, "keys[%zu]: %s is not a string", i, name);
		return false;
	}
	return true;
}

/* One entry of "keys": its key_ID and key into @k. */
static enum qkd_container_err parse_entry(struct json_object *entry, size_t i,
					  size_t want_bytes, struct qkd_key *k,
					  char *err, size_t errlen)
{
	struct json_object *id, *key;
	enum qkd_container_err ret = QKD_CONTAINER_OK;
	const char *b64;
	uint8_t *buf;
	long want, n;
	size_t len;

	if (!json_object_is_type(entry, json_type_object)) {
		set_err(err, errlen, "keys[%zu] is not an object", i);
		return QKD_CONTAINER_MALFORMED;
	}
	if (!get_string(entry, "key_ID", &id, i, err, errlen))
		return QKD_CONTAINER_MALFORMED;
	/* The length too: json-c strings may hold a NUL. */
	if (json_object_get_string_len(id) != QKD_UUID_STR_LEN ||
	    !qkd_uuid_parse(json_object_get_string(id), k->id)) {
		set_err(err, errlen,
			"keys[%zu]: key_ID is not a UUID: expected 8-4-4-4-12 hex digits", i);
		return QKD_CONTAINER_MALFORMED;
	}
	if (!get_string(entry, "key", &key, i, err, errlen))
		return QKD_CONTAINER_MALFORMED;
	b64 = json_object_get_string(key);
	len = (size_t)json_object_get_string_len(key);
	want = b64_decoded_len(b64, len);
	/* Check the base64 first, so that garbage is never called a size. */
	buf = want > 0 ? malloc((size_t)want + 3) : NULL;
	if (want > 0 && !buf) {
		set_err(err, errlen, "out of memory");
		return QKD_CONTAINER_NOMEM;
	}
	n = want > 0 ? kpsec_b64_decode(buf, (size_t)want + 3, b64, len) : -1;
	if (n < 0 || n != want) {
		set_err(err, errlen, "keys[%zu]: key is not valid base64", i);
		ret = QKD_CONTAINER_MALFORMED;
	} else if (!size_ok((size_t)n, want_bytes)) {
		if (want_bytes)
			set_err(err, errlen, "keys[%zu]: key is %ld bits, %zu asked",
				i, n * 8, want_bytes * 8);
		else
			set_err(err, errlen,
				"keys[%zu]: key is %ld bits: kpsec takes %d to %d bits, whole bytes",
				i, n * 8, QKD_KEY_MIN_BYTES * 8, QKD_KEY_MAX_BYTES * 8);
		ret = QKD_CONTAINER_BAD_SIZE;
	} else {
		memcpy(k->key, buf, (size_t)n);
		k->len = (size_t)n;
	}
	if (buf) {
		explicit_bzero(buf, (size_t)want + 3);
		free(buf);
	}
	wipe_string(key);
	return ret;
}

enum qkd_container_err qkd_container_parse_ex(const char *json, size_t len,
					      size_t want_bytes,
					      struct qkd_keys *out,
					      char *err, size_t errlen)
{
	enum qkd_container_err ret = QKD_CONTAINER_OK;
	struct json_object *top, *arr = NULL;
	char a[QKD_UUID_STR_LEN + 1];
	struct qkd_keys keys = { 0 };
	size_t i, j, n;

	out->k = NULL;
	out->n = 0;
	if (want_bytes && (want_bytes < QKD_KEY_MIN_BYTES || want_bytes > QKD_KEY_MAX_BYTES)) {
		set_err(err, errlen, "cannot ask for %zu-bit keys: kpsec takes %d to %d bits",
			want_bytes * 8, QKD_KEY_MIN_BYTES * 8, QKD_KEY_MAX_BYTES * 8);
		return QKD_CONTAINER_BAD_SIZE;
	}
	top = parse_json(json, len, err, errlen);
	if (!top)
		return QKD_CONTAINER_MALFORMED;
	if (!json_object_is_type(top, json_type_object)) {
		set_err(err, errlen, "not a key container: expected a JSON object");
		ret = QKD_CONTAINER_MALFORMED;
		goto out;
	}
	if (!json_object_object_get_ex(top, "keys", &arr) ||
	    !json_object_is_type(arr, json_type_array)) {
		set_err(err, errlen, "not a key container: %s",
			json_object_object_get_ex(top, "keys", NULL) ?
			"\"keys\" is not an array" : "no \"keys\" array");
		ret = QKD_CONTAINER_MALFORMED;
		goto out;
	}
	n = json_object_array_length(arr);
	if (!n || n > QKD_CONTAINER_MAX) {
		set_err(err, errlen, "%zu keys in the container: expected 1 to %d",
			n, QKD_CONTAINER_MAX);
		ret = QKD_CONTAINER_BAD_COUNT;
		goto out;
	}
	keys.k = calloc(n, sizeof(*keys.k));
	if (!keys.k) {
		set_err(err, errlen, "out of memory");
		ret = QKD_CONTAINER_NOMEM;
		goto out;
	}
	keys.n = n;
	for (i = 0; i < n; i++) {
		ret = parse_entry(json_object_array_get_idx(arr, i), i, want_bytes,
				  &keys.k[i], err, errlen);
		if (ret)
			goto out;
		for (j = 0; j < i; j++) {
			if (!memcmp(keys.k[j].id, keys.k[i].id, QKD_KEY_ID_LEN)) {
				qkd_uuid_format(a, keys.k[i].id);
				set_err(err, errlen, "keys[%zu]: key_ID %s given twice (keys[%zu])",
					i, a, j);
				ret = QKD_CONTAINER_DUP_ID;
				goto out;
			}
		}
	}
out:
	wipe_json_keys(top);
	json_object_put(top);
	if (ret)
		qkd_keys_free(&keys);
	else
		*out = keys;
	return ret;
}

bool qkd_container_parse(const char *json, size_t len, size_t want_bytes,
			 struct qkd_keys *out, char *err, size_t errlen)
{
	return qkd_container_parse_ex(json, len, want_bytes, out, err, errlen) ==
	       QKD_CONTAINER_OK;
}

bool qkd_key_ids_parse(const char *json, size_t len, uint8_t (**ids)[QKD_KEY_ID_LEN],
		       size_t *n, char *err, size_t errlen)
{
	struct json_object *top, *arr = NULL, *item, *v;
	char a[QKD_UUID_STR_LEN + 1];
	uint8_t (*out)[QKD_KEY_ID_LEN] = NULL;
	size_t i, j, count = 0;
	bool ok = false;

	*ids = NULL;
	*n = 0;
	top = parse_json(json, len, err, errlen);
	if (!top)
		return false;
	if (!json_object_is_type(top, json_type_object) ||
	    !json_object_object_get_ex(top, "key_IDs", &arr) ||
	    !json_object_is_type(arr, json_type_array)) {
		set_err(err, errlen, "no \"key_IDs\" array: expected {\"key_IDs\":[{\"key_ID\":UUID},...]}");
		goto out;
	}
	count = json_object_array_length(arr);
	if (!count || count > QKD_CONTAINER_MAX) {
		set_err(err, errlen, "%zu key IDs: expected 1 to %d", count, QKD_CONTAINER_MAX);
		goto out;
	}
	out = calloc(count, sizeof(*out));
	if (!out) {
		set_err(err, errlen, "out of memory");
		goto out;
	}
	for (i = 0; i < count; i++) {
		item = json_object_array_get_idx(arr, i);
		if (!json_object_is_type(item, json_type_object) ||
		    !json_object_object_get_ex(item, "key_ID", &v) ||
		    !json_object_is_type(v, json_type_string)) {
			set_err(err, errlen, "key_IDs[%zu] is not {\"key_ID\":UUID}", i);
			goto out;
		}
		if (json_object_get_string_len(v) != QKD_UUID_STR_LEN ||
		    !qkd_uuid_parse(json_object_get_string(v), out[i])) {
			set_err(err, errlen,
				"key_IDs[%zu]: key_ID is not a UUID: expected 8-4-4-4-12 hex digits", i);
			goto out;
		}
		for (j = 0; j < i; j++) {
			if (!memcmp(out[j], out[i], QKD_KEY_ID_LEN)) {
				qkd_uuid_format(a, out[i]);
				set_err(err, errlen, "key_IDs[%zu]: key ID %s given twice (key_IDs[%zu])",
					i, a, j);
				goto out;
			}
		}
	}
	ok = true;
out:
	json_object_put(top);
	if (!ok) {
		free(out);
		return false;
	}
	*ids = out;
	*n = count;
	return true;
}

#define ENTRY_OPEN "{\"key_ID\":\""
#define ENTRY_MID "\",\"key\":\""
#define ENTRY_CLOSE "\"}"
#define TOP_OPEN "{\"keys\":["
#define TOP_CLOSE "]}"

static char *put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

#define PUT_LIT(p, lit) put(p, lit, sizeof(lit) - 1)

char *qkd_container_format(const struct qkd_keys *keys)
{
	size_t i, room = sizeof(TOP_OPEN) + sizeof(TOP_CLOSE);
	char *buf, *p;

	for (i = 0; i < keys->n; i++) {
		if (keys->k[i].len > QKD_KEY_MAX_BYTES)
			return NULL;
		room += sizeof(ENTRY_OPEN) + QKD_UUID_STR_LEN + sizeof(ENTRY_MID) +
			KPSEC_B64_LEN(keys->k[i].len) + sizeof(ENTRY_CLOSE) + 1;
	}
	buf = malloc(room);
	if (!buf)
		return NULL;
	p = PUT_LIT(buf, TOP_OPEN);
	for (i = 0; i < keys->n; i++) {
		if (i)
			*p++ = ',';
		p = PUT_LIT(p, ENTRY_OPEN);
		qkd_uuid_format(p, keys->k[i].id);
		p += QKD_UUID_STR_LEN;
		p = PUT_LIT(p, ENTRY_MID);
		kpsec_b64_encode(p, keys->k[i].key, keys->k[i].len);
		p += KPSEC_B64_LEN(keys->k[i].len);
		p = PUT_LIT(p, ENTRY_CLOSE);
	}
	p = PUT_LIT(p, TOP_CLOSE);
	*p = '\0';
	return buf;
}
