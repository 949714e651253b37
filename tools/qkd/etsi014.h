/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A client of ETSI GS QKD 014 V1.1.1, the REST API through which an SAE
 * (here: a kpsec node) gets keys from its KME, over libcurl:
 *
 *   Get status               GET  {URL}/api/v1/keys/{slave_SAE_ID}/status
 *   Get key                  POST {URL}/api/v1/keys/{slave_SAE_ID}/enc_keys
 *   Get key with key IDs     POST {URL}/api/v1/keys/{master_SAE_ID}/dec_keys
 *
 * HTTPS only, TLS 1.2 or later, mutual TLS: our certificate and key, and
 * a CA that must verify the KME's certificate, host name included.
 * Everything the KME sends is checked before any key is handed back.
 *
 * Library code, used in-process by the one-shot commands and the watch
 * mode: nothing here prints or exits.  Each call returns an enum etsi_err
 * and, unless ETSI_OK, describes the failure in the caller's @err buffer
 * (@errlen bytes) in one line without a prefix, never showing a key.
 */
#ifndef KPSEC_QKD_ETSI014_H
#define KPSEC_QKD_ETSI014_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "container.h"

enum etsi_err {
	ETSI_OK = 0,
	ETSI_E_BAD_REQUEST,	/* HTTP 400: the KME refused the request */
	ETSI_E_UNAUTHORIZED,	/* HTTP 401: this SAE may not ask for that */
	ETSI_E_UNAVAILABLE,	/* HTTP 503, or fewer keys stored than asked */
	ETSI_E_HTTP,		/* any other HTTP status than 200 */
	ETSI_E_MALFORMED,	/* not JSON, fields missing or mistyped, bad UUID or base64 */
	ETSI_E_SHORT,		/* other keys than asked: their number, size or IDs */
	ETSI_E_LIMIT,		/* a request beyond the limits the KME's status gives */
	ETSI_E_TLS,		/* TLS handshake: a certificate refused either way */
	ETSI_E_CONNECT,		/* refused, unreachable, or no answer within Timeout */
	ETSI_E_LOCAL,		/* bad KMECONF or arguments, out of memory */
	__ETSI_E_MAX
};

/* A few words naming the class of @e: "bad request", "TLS", ... */
const char *etsi_err_name(enum etsi_err e);

/* Timeout in seconds: the whole of one request, connecting included. */
#define ETSI_TIMEOUT_MIN 1
#define ETSI_TIMEOUT_MAX 300
#define ETSI_TIMEOUT_DEFAULT 10
#define ETSI_URL_MAX 1023

/*
 * A KME configuration file (KMECONF):
 *
 *     [KME]
 *     URL = https://192.0.2.1:8443      # https only
 *     Certificate = sae-1.crt           # our client certificate (PEM)
 *     PrivateKey = sae-1.key            # its key: mode 0600 or stricter
 *     CA = ca.crt                       # verifies the KME
 *     Timeout = 5                       # seconds, optional, 1 .. 300
 *
 * The syntax of the node configuration files (lib/nodeconf.h): names
 * are case-insensitive, '#' starts a comment, lines may end in CR LF.
 * Relative paths are relative to the directory of the file.
 */
struct etsi_config {
	char url[ETSI_URL_MAX + 1];	/* https://HOST[:PORT][/PATH], no trailing '/' */
	char cert[PATH_MAX];
	char key[PATH_MAX];
	char ca[PATH_MAX];
	unsigned int timeout;
};

/*
 * Read and check the KMECONF @path into @conf: the URL, and that the
 * three files can be opened, the private key by its owner only.  Errors
 * are ETSI_E_LOCAL, described as "PATH:LINE: what is wrong".
 */
enum etsi_err etsi_config_load(const char *path, struct etsi_config *conf,
			       char *err, size_t errlen);

/* Whether @id can be an SAE ID in a URL: 1 .. ETSI_ID_MAX of [A-Za-z0-9._~-], not "." first. */
#define ETSI_ID_MAX 255
bool etsi_sae_id_valid(const char *id);

/* A reply to Get status, every field checked for its presence and type. */
struct etsi_status {
	char source_kme_id[ETSI_ID_MAX + 1];
	char target_kme_id[ETSI_ID_MAX + 1];
	char master_sae_id[ETSI_ID_MAX + 1];
	char slave_sae_id[ETSI_ID_MAX + 1];
	uint64_t key_size;		/* bits: the default of Get key */
	uint64_t stored_key_count;
	uint64_t max_key_count;
	uint64_t max_key_per_request;
	uint64_t max_key_size;		/* bits */
	uint64_t min_key_size;		/* bits */
	bool has_max_sae_id_count;	/* optional in practice */
	uint64_t max_sae_id_count;
};

/* One connection to one KME, reused from request to request. */
struct etsi_client;

enum etsi_err etsi_client_new(const struct etsi_config *conf, struct etsi_client **out,
			      char *err, size_t errlen);
void etsi_client_free(struct etsi_client *c);

/* Get status of the keys shared with @slave_sae_id. */
enum etsi_err etsi_get_status(struct etsi_client *c, const char *slave_sae_id,
			      struct etsi_status *st, char *err, size_t errlen);

/*
 * Whether Get key may ask for @number keys of @size_bits (0: the KME's
 * key_size) given @st: ETSI_E_LIMIT beyond max_key_per_request or
 * min_key_size .. max_key_size, ETSI_E_UNAVAILABLE beyond
 * stored_key_count, ETSI_E_LOCAL beyond what kpsec takes.  *@size_bits
 * is set to the size to ask.
 */
enum etsi_err etsi_check_request(const struct etsi_status *st, unsigned int number,
				 unsigned int *size_bits, char *err, size_t errlen);

/*
 * Get key: @number keys of @size_bits (0: the KME's key_size) for
 * @slave_sae_id, after checking the request against @st (a fresh Get
 * status when NULL).  The reply must be exactly @number keys of that
 * size with valid, distinct UUIDs.  @keys is filled only on ETSI_OK.
 */
enum etsi_err etsi_get_key(struct etsi_client *c, const char *slave_sae_id,
			   const struct etsi_status *st, unsigned int number,
			   unsigned int size_bits, struct qkd_keys *keys,
			   char *err, size_t errlen);

/*
 * Get key with key IDs: the @n keys (1 .. QKD_CONTAINER_MAX, distinct)
 * that @master_sae_id obtained with Get key.  The reply must hold exactly
 * those IDs, each key 128 .. 1024 bits; @keys gets them in @ids' order.
 */
enum etsi_err etsi_get_key_with_ids(struct etsi_client *c, const char *master_sae_id,
				    const uint8_t (*ids)[QKD_KEY_ID_LEN], size_t n,
				    struct qkd_keys *keys, char *err, size_t errlen);

/*
 * Internal to etsi014.c and kmeconf.c: format the message into @err and
 * return @e.
 */
enum etsi_err etsi_set_err(char *err, size_t errlen, enum etsi_err e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif /* KPSEC_QKD_ETSI014_H */
