/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QKD keys as ETSI GS QKD 014 V1.1.1 hands them out: a key container
 * {"keys": [{"key_ID": UUID, "key": base64}, ...]} and its parsed form.
 * Shared by "kpsec qkd import", the ETSI 014 client and the watch mode.
 */
#ifndef KPSEC_QKD_CONTAINER_H
#define KPSEC_QKD_CONTAINER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define QKD_KEY_ID_LEN 16
/* Key sizes kpsec accepts: 128 to 1024 bits, whole bytes. */
#define QKD_KEY_MIN_BYTES 16
#define QKD_KEY_MAX_BYTES 128
/* Keys one container (and one netlink request) may carry. */
#define QKD_CONTAINER_MAX 1024

struct qkd_key {
	uint8_t id[QKD_KEY_ID_LEN];
	uint8_t key[QKD_KEY_MAX_BYTES];
	size_t len;
};

/* A parsed container; qkd_keys_free zeroises the keys. */
struct qkd_keys {
	struct qkd_key *k;
	size_t n;
};

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (36 characters) and back. */
#define QKD_UUID_STR_LEN 36
bool qkd_uuid_parse(const char *s, uint8_t id[QKD_KEY_ID_LEN]);
void qkd_uuid_format(char out[QKD_UUID_STR_LEN + 1], const uint8_t id[QKD_KEY_ID_LEN]);

/*
 * Parse a key container of @len bytes.  Every key must have a valid UUID
 * key_ID (no two alike), base64 that decodes to @want_bytes bytes (any
 * size kpsec accepts when 0), and there must be 1 .. QKD_CONTAINER_MAX
 * keys.  On error: false, nothing in @out, and @err (@errlen bytes) names
 * the problem and the key's index, never a key's value.
 */
bool qkd_container_parse(const char *json, size_t len, size_t want_bytes,
			 struct qkd_keys *out, char *err, size_t errlen);

/* What qkd_container_parse_ex found wrong, for callers that tell apart. */
enum qkd_container_err {
	QKD_CONTAINER_OK = 0,
	QKD_CONTAINER_MALFORMED,	/* not JSON, wrong shape, bad UUID or base64 */
	QKD_CONTAINER_DUP_ID,		/* a key_ID given twice */
	QKD_CONTAINER_BAD_SIZE,		/* a key not of @want_bytes, or not 128..1024 bits */
	QKD_CONTAINER_BAD_COUNT,	/* no keys, or more than QKD_CONTAINER_MAX */
	QKD_CONTAINER_NOMEM,
};

/* qkd_container_parse, telling what kind of defect it found. */
enum qkd_container_err qkd_container_parse_ex(const char *json, size_t len,
					      size_t want_bytes,
					      struct qkd_keys *out,
					      char *err, size_t errlen);
/*
 * Parse ETSI key IDs, {"key_IDs": [{"key_ID": UUID}, ...]}, of @len
 * bytes: 1 .. QKD_CONTAINER_MAX distinct UUIDs, into *@ids (malloc'd,
 * the caller frees it) and their number *@n.  On error: false, *@ids
 * NULL, and @err names the problem and the index.
 */
bool qkd_key_ids_parse(const char *json, size_t len, uint8_t (**ids)[QKD_KEY_ID_LEN],
		       size_t *n, char *err, size_t errlen);

/* The container JSON of @keys, malloc'd; the caller zeroises and frees it. */
char *qkd_container_format(const struct qkd_keys *keys);
void qkd_keys_free(struct qkd_keys *keys);

#endif /* KPSEC_QKD_CONTAINER_H */
