/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ETSI GS QKD 014 V1.1.1 routes of kpsec-kme: Get status, Get key
 * (enc_keys) and Get key with key IDs (dec_keys), and their JSON.
 */
#ifndef KPSEC_KME_API_H
#define KPSEC_KME_API_H

#include <stddef.h>

#include "http.h"
#include "kme.h"

struct json_object;

/*
 * Answer @req from SAE @sae (the CN of its verified certificate), which
 * came to endpoint @ep, in @resp.
 */
void api_handle(const struct kme_config *cfg, size_t ep, const char *sae,
		const struct http_request *req, struct http_response *resp);

/*
 * An Error reply {"message": @message, "details": @details}; @details (a
 * JSON array, taken over) may be NULL.
 */
void api_error(struct http_response *resp, int status, const char *message,
	       struct json_object *details);

#endif /* KPSEC_KME_API_H */
