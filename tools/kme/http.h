/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small HTTP/1.1 server over OpenSSL for kpsec-kme: mutual TLS, one
 * request per connection, connections served one after another.
 */
#ifndef KPSEC_KME_HTTP_H
#define KPSEC_KME_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "kme.h"

/* The request-target and header section the server reads at most. */
#define HTTP_TARGET_MAX 4096
#define HTTP_HEADER_MAX (16 * 1024)

struct http_request {
	char method[16];
	const char *target;	/* as sent: path and query */
	const char *path;	/* the target before any '?' */
	const char *query;	/* after the '?', or NULL */
	const char *body;	/* NUL-terminated, body_len bytes */
	size_t body_len;
};

struct http_response {
	int status;
	char *body;		/* malloc'd JSON */
	size_t len;
	bool secret;		/* holds keys: zeroise it when done */
	unsigned int keys;	/* keys it carries, for the log */
};

/* Check @listen ("ADDR:PORT", "[ADDR]:PORT"); false if malformed. */
bool http_listen_valid(const char *listen);

/*
 * Load every endpoint's certificate and key, the CA, and listen.
 * Reports its own errors; 0 or -1.
 */
int http_setup(struct kme_config *cfg);

/* Serve connections until a stop signal; 0, or -1 on a fatal error. */
int http_serve(struct kme_config *cfg);

void http_cleanup(struct kme_config *cfg);

/* Drop @resp's body, zeroised if it held keys. */
void http_response_clear(struct http_response *resp);

#endif /* KPSEC_KME_HTTP_H */
