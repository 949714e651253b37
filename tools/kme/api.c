// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec-kme: the three routes of ETSI GS QKD 014 V1.1.1 under
 * /api/v1/keys/{SAE_ID}/, their parameters, their JSON and the faults
 * --fault injects into them.
 *
 * Key containers are written by hand, not with json-c: json-c would copy
 * the keys into buffers it frees without zeroising them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/crypto.h>

#include "api.h"
#include "base64.h"
#include "pool.h"
#include "uuid.h"

#define API_PREFIX "/api/v1/keys/"
#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
/* Decoded query parameter names and values are never longer. */
#define PARAM_NAME_MAX 32
#define PARAM_VALUE_MAX 256
/* A key_ID quoted in a message: a UUID and then some. */
#define QUOTE_MAX 64

enum api_route { ROUTE_STATUS, ROUTE_ENC_KEYS, ROUTE_DEC_KEYS };

static const char *const route_names[] = {
	[ROUTE_STATUS] = "status",
	[ROUTE_ENC_KEYS] = "enc_keys",
	[ROUTE_DEC_KEYS] = "dec_keys",
};

struct param {
	char name[PARAM_NAME_MAX + 1];
	char value[PARAM_VALUE_MAX + 1];
};

struct params {
	struct param *p;
	size_t n;
};

/* What one request to a route needs. */
struct api_call {
	const struct kme_config *cfg;
	size_t ep;
	const char *sae;		/* the caller */
	char peer[KME_ID_MAX + 1];	/* the SAE ID in the path */
	const struct http_request *req;
	struct http_response *resp;
};

void api_error(struct http_response *resp, int status, const char *message,
	       struct json_object *details)
{
	struct json_object *obj = json_object_new_object();
	struct json_object *msg = json_object_new_string(message);
	const char *text;

	http_response_clear(resp);
	resp->status = status;
	if (!obj || !msg || json_object_object_add(obj, "message", msg))
		goto out;
	msg = NULL;
	if (details) {
		if (json_object_object_add(obj, "details", details))
			goto out;
		details = NULL;
	}
	text = json_object_to_json_string_ext(obj, JSON_FLAGS);
	if (text) {
		resp->body = strdup(text);
		resp->len = resp->body ? strlen(resp->body) : 0;
	}
out:
	/* Out of memory: the status code alone still says what happened. */
	json_object_put(msg);
	json_object_put(details);
	json_object_put(obj);
}

static void __attribute__((format(printf, 4, 5)))
api_errorf(struct http_response *resp, int status, struct json_object *details,
	   const char *fmt, ...)
{
	char message[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	api_error(resp, status, message, details);
}

/* [{@name: @value}], taking @value over; NULL when out of memory. */
static struct json_object *detail(const char *name, struct json_object *value)
{
	struct json_object *arr = json_object_new_array();
	struct json_object *obj = json_object_new_object();

	if (!arr || !obj || !value || json_object_object_add(obj, name, value))
		goto fail;
	value = NULL;
	if (json_object_array_add(arr, obj))
		goto fail;
	return arr;
fail:
	json_object_put(value);
	json_object_put(obj);
	json_object_put(arr);
	return NULL;
}

static struct json_object *detail_int(const char *name, int64_t value)
{
	return detail(name, json_object_new_int64(value));
}

static struct json_object *detail_str(const char *name, const char *value)
{
	return detail(name, json_object_new_string(value));
}

/* @s fit to quote in a message: printable ASCII, at most QUOTE_MAX. */
static void quote(char out[QUOTE_MAX + 1], const char *s)
{
	size_t i;

	for (i = 0; s[i] && i < QUOTE_MAX; i++)
		out[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	out[i] = '\0';
}

static bool sae_id_valid(const char *id)
{
	size_t len = strlen(id), i;

	if (!len || len > KME_ID_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (id[i] < 0x20 || id[i] >= 0x7f)
			return false;
	return true;
}

/* Decode the %XX escapes of @len bytes at @in into @out (@cap bytes). */
static bool url_decode(char *out, size_t cap, const char *in, size_t len)
{
	size_t i, o = 0;
	int c, hi, lo;

	for (i = 0; i < len; i++) {
		c = (unsigned char)in[i];
		if (c == '%') {
			if (len - i < 3)
				return false;
			hi = kpsec_hex_digit(in[i + 1]);
			lo = kpsec_hex_digit(in[i + 2]);
			if (hi < 0 || lo < 0)
				return false;
			c = hi << 4 | lo;
			i += 2;
		}
		if (!c || o + 1 >= cap)
			return false;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return true;
}

/* "name=value&..." into @ps; false if malformed or out of memory. */
static bool params_parse(const char *query, struct params *ps)
{
	const char *piece, *end, *eq;
	size_t count = 1;

	ps->p = NULL;
	ps->n = 0;
	if (!query || !*query)
		return true;
	for (piece = query; *piece; piece++)
		count += *piece == '&';
	ps->p = calloc(count, sizeof(*ps->p));
	if (!ps->p)
		return false;
	for (piece = query; ; piece = end + 1) {
		end = strchrnul(piece, '&');
		eq = memchr(piece, '=', (size_t)(end - piece));
		if (!eq || eq == piece ||
		    !url_decode(ps->p[ps->n].name, sizeof(ps->p[ps->n].name),
				piece, (size_t)(eq - piece)) ||
		    !url_decode(ps->p[ps->n].value, sizeof(ps->p[ps->n].value),
				eq + 1, (size_t)(end - eq - 1)))
			return false;
		ps->n++;
		if (!*end)
			return true;
	}
}

static bool parse_count(const char *s, long *out)
{
	size_t len = strlen(s), i;

	if (!len || len > 9)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	*out = strtol(s, NULL, 10);
	return true;
}

/* Whether the call is a POST: its parameters are in the body, not the query. */
static bool is_post(const struct api_call *call)
{
	return !strcmp(call->req->method, "POST");
}

/* The request body as a JSON object, or NULL after an error reply. */
static struct json_object *body_object(struct api_call *call)
{
	const struct http_request *req = call->req;
	struct json_tokener *tok;
	struct json_object *obj;
	size_t end;

	if (req->query && *req->query) {
		api_error(call->resp, 400,
			  "a POST takes its parameters in the body, not the query", NULL);
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok) {
		api_error(call->resp, 503, "out of memory", NULL);
		return NULL;
	}
	obj = json_tokener_parse_ex(tok, req->body, (int)req->body_len);
	end = json_tokener_get_parse_end(tok);
	if (obj && json_tokener_get_error(tok) == json_tokener_success)
		end += strspn(req->body + end, " \t\r\n");
	if (!obj || json_tokener_get_error(tok) != json_tokener_success ||
	    end != req->body_len) {
		json_tokener_free(tok);
		json_object_put(obj);
		api_error(call->resp, 400, "request body is not valid JSON", NULL);
		return NULL;
	}
	json_tokener_free(tok);
	if (!json_object_is_type(obj, json_type_object)) {
		json_object_put(obj);
		api_error(call->resp, 400, "request body is not a JSON object", NULL);
		return NULL;
	}
	return obj;
}

/* Cut @resp's body in half: a strict prefix of a JSON object is not JSON. */
static void make_malformed(struct http_response *resp)
{
	size_t half = resp->len / 2;

	OPENSSL_cleanse(resp->body + half, resp->len - half);
	resp->len = half;
}

/*
 * Reply with the Key container of @keys (@n of them), shaped by the
 * faults of --fault.  The keys stay where they are.
 */
static void key_container(struct api_call *call, struct pool_key **keys,
			  unsigned int n)
{
	unsigned int faults = call->cfg->faults, emit = n, i, bytes;
	char b64[KPSEC_B64_LEN(KME_KEY_BYTES_MAX) + 1];
	char id_str[KME_UUID_STR_LEN + 1];
	uint8_t id[KME_UUID_LEN];
	struct http_response *resp = call->resp;
	size_t cap, len;
	char *buf;
	int written;

	if ((faults & KME_FAULT_SHORT) && emit)
		emit--;
	cap = sizeof("{\"keys\":[]}") +
	      (size_t)emit * (sizeof("{\"key_ID\":\"\",\"key\":\"\"},") +
			      KME_UUID_STR_LEN + KPSEC_B64_LEN(KME_KEY_BYTES_MAX));
	buf = malloc(cap);
	if (!buf) {
		api_error(resp, 503, "out of memory", NULL);
		return;
	}
	len = (size_t)snprintf(buf, cap, "{\"keys\":[");
	for (i = 0; i < emit; i++) {
		memcpy(id, keys[i]->id, sizeof(id));
		if ((faults & KME_FAULT_UNKNOWN_ID) && uuid_v4(id)) {
			OPENSSL_cleanse(buf, cap);
			free(buf);
			api_error(resp, 503, "random number generator failed", NULL);
			return;
		}
		uuid_format(id_str, id);
		bytes = keys[i]->bytes;
		if (faults & KME_FAULT_WRONG_SIZE)
			bytes--;
		kpsec_b64_encode(b64, keys[i]->key, bytes);
		if ((faults & KME_FAULT_BAD_BASE64) && i == 0)
			b64[0] = '*';
		written = snprintf(buf + len, cap - len,
				   "%s{\"key_ID\":\"%s\",\"key\":\"%s\"}",
				   i ? "," : "", id_str, b64);
		len += (size_t)written;
	}
	OPENSSL_cleanse(b64, sizeof(b64));
	len += (size_t)snprintf(buf + len, cap - len, "]}");

	http_response_clear(resp);
	resp->status = 200;
	resp->body = buf;
	resp->len = len;
	resp->secret = true;
	resp->keys = emit;
	if (faults & KME_FAULT_MALFORMED)
		make_malformed(resp);
}

static bool json_add_int(struct json_object *obj, const char *name, int64_t v)
{
	struct json_object *val = json_object_new_int64(v);

	if (!val || json_object_object_add(obj, name, val)) {
		json_object_put(val);
		return false;
	}
	return true;
}

static bool json_add_str(struct json_object *obj, const char *name, const char *s)
{
	struct json_object *val = json_object_new_string(s);

	if (!val || json_object_object_add(obj, name, val)) {
		json_object_put(val);
		return false;
	}
	return true;
}

/* The KME the slave SAE is attached to, as far as this process knows. */
static const char *target_kme_id(const struct api_call *call)
{
	const struct kme_config *cfg = call->cfg;
	long ep = pool_sae_endpoint(call->peer);
	size_t i;

	if (ep >= 0)
		return cfg->ep[ep].kme_id;
	for (i = 0; i < cfg->n_ep; i++)
		if (i != call->ep)
			return cfg->ep[i].kme_id;
	return cfg->ep[call->ep].kme_id;
}

static void get_status(struct api_call *call)
{
	const struct kme_config *cfg = call->cfg;
	struct kme_pair *pair = pool_pair(call->sae, call->peer);
	struct http_response *resp = call->resp;
	struct json_object *obj;
	const char *text;
	uint64_t stored;
	bool ok;

	if (call->req->query && *call->req->query) {
		api_error(resp, 400, "status takes no query parameters", NULL);
		return;
	}
	obj = json_object_new_object();
	if (!pair || !obj) {
		json_object_put(obj);
		api_error(resp, 503, "out of memory", NULL);
		return;
	}
	stored = pool_bits(pair) / cfg->key_size;
	if (cfg->faults & KME_FAULT_EMPTY)
		stored = 0;
	if (cfg->faults & KME_FAULT_STATUS_LIES)
		stored += cfg->max_keys_per_request;

	ok = json_add_str(obj, "source_KME_ID", cfg->ep[call->ep].kme_id) &&
	     json_add_str(obj, "target_KME_ID", target_kme_id(call)) &&
	     json_add_str(obj, "master_SAE_ID", call->sae) &&
	     json_add_str(obj, "slave_SAE_ID", call->peer) &&
	     json_add_int(obj, "key_size", cfg->key_size) &&
	     json_add_int(obj, "stored_key_count", (int64_t)stored) &&
	     json_add_int(obj, "max_key_count", (int64_t)(cfg->buffer / cfg->key_size)) &&
	     json_add_int(obj, "max_key_per_request", cfg->max_keys_per_request) &&
	     json_add_int(obj, "max_key_size", KME_KEY_BITS_MAX) &&
	     json_add_int(obj, "min_key_size", KME_KEY_BITS_MIN) &&
	     json_add_int(obj, "max_SAE_ID_count", 0);
	text = ok ? json_object_to_json_string_ext(obj, JSON_FLAGS) : NULL;
	http_response_clear(resp);
	resp->body = text ? strdup(text) : NULL;
	json_object_put(obj);
	if (!resp->body) {
		api_error(resp, 503, "out of memory", NULL);
		return;
	}
	resp->status = 200;
	resp->len = strlen(resp->body);
	if (cfg->faults & KME_FAULT_MALFORMED)
		make_malformed(resp);
}

/* The members of a Key request; false after an error reply. */
static bool enc_request_json(struct api_call *call, long *number, long *size)
{
	static const char *const unsupported[] = {
		"additional_slave_SAE_IDs", "extension_mandatory",
	};
	struct json_object *obj = body_object(call), *v;
	unsigned int i;

	if (!obj)
		return false;
	if (json_object_object_get_ex(obj, "number", &v)) {
		if (!json_object_is_type(v, json_type_int))
			goto not_int;
		*number = (long)json_object_get_int64(v);
		if (*number != json_object_get_int64(v))
			*number = -1;	/* out of range, said below */
	}
	if (json_object_object_get_ex(obj, "size", &v)) {
		if (!json_object_is_type(v, json_type_int))
			goto not_int;
		*size = (long)json_object_get_int64(v);
		if (*size != json_object_get_int64(v))
			*size = -1;
	}
	for (i = 0; i < ARRAY_SIZE(unsupported); i++) {
		if (!json_object_object_get_ex(obj, unsupported[i], &v))
			continue;
		if (!json_object_is_type(v, json_type_array)) {
			api_errorf(call->resp, 400, NULL, "%s must be an array",
				   unsupported[i]);
			goto fail;
		}
		if (json_object_array_length(v)) {
			api_errorf(call->resp, 400,
				   detail(unsupported[i], json_object_get(v)),
				   "%s is not supported", unsupported[i]);
			goto fail;
		}
	}
	if (json_object_object_get_ex(obj, "extension_optional", &v) &&
	    !json_object_is_type(v, json_type_array)) {
		api_error(call->resp, 400, "extension_optional must be an array", NULL);
		goto fail;
	}
	json_object_put(obj);
	return true;

not_int:
	api_error(call->resp, 400, "number and size must be integers", NULL);
fail:
	json_object_put(obj);
	return false;
}

static bool enc_request_query(struct api_call *call, long *number, long *size)
{
	bool seen_number = false, seen_size = false, ok = false;
	struct params ps;
	long *dest;
	bool *seen;
	size_t i;

	if (!params_parse(call->req->query, &ps)) {
		api_error(call->resp, 400, "malformed query", NULL);
		goto out;
	}
	for (i = 0; i < ps.n; i++) {
		if (!strcmp(ps.p[i].name, "number")) {
			dest = number;
			seen = &seen_number;
		} else if (!strcmp(ps.p[i].name, "size")) {
			dest = size;
			seen = &seen_size;
		} else {
			char name[QUOTE_MAX + 1];

			quote(name, ps.p[i].name);
			api_errorf(call->resp, 400, NULL,
				   "unknown query parameter \"%s\"", name);
			goto out;
		}
		if (*seen) {
			api_errorf(call->resp, 400, NULL, "%s given twice",
				   ps.p[i].name);
			goto out;
		}
		*seen = true;
		if (!parse_count(ps.p[i].value, dest)) {
			api_errorf(call->resp, 400, NULL,
				   "%s must be a whole number", ps.p[i].name);
			goto out;
		}
	}
	ok = true;
out:
	free(ps.p);
	return ok;
}

static void enc_keys(struct api_call *call)
{
	const struct kme_config *cfg = call->cfg;
	long number = 1, size = cfg->key_size;
	struct pool_key **keys;
	struct kme_pair *pair;
	unsigned int dropped;
	int err;

	if (!(is_post(call) ? enc_request_json(call, &number, &size) :
	      enc_request_query(call, &number, &size)))
		return;
	if (number < 1 || number > (long)cfg->max_keys_per_request) {
		api_errorf(call->resp, 400,
			   detail_int("max_key_per_request", cfg->max_keys_per_request),
			   "number must be 1 to %u", cfg->max_keys_per_request);
		return;
	}
	if (size < KME_KEY_BITS_MIN || size > KME_KEY_BITS_MAX || size % 8) {
		api_errorf(call->resp, 400, NULL,
			   "size must be a multiple of 8 from %d to %d bits",
			   KME_KEY_BITS_MIN, KME_KEY_BITS_MAX);
		return;
	}
	if (cfg->faults & KME_FAULT_EMPTY) {
		api_error(call->resp, 503, "key pool empty",
			  detail_int("stored_key_count", 0));
		return;
	}

	pair = pool_pair(call->sae, call->peer);
	keys = calloc((size_t)number, sizeof(*keys));
	if (!pair || !keys) {
		free(keys);
		api_error(call->resp, 503, "out of memory", NULL);
		return;
	}
	err = pool_draw(pair, call->sae, (unsigned int)number, (unsigned int)size,
			keys, &dropped);
	if (err == -ENOSPC)
		api_error(call->resp, 400, "not enough keys",
			  detail_int("stored_key_count",
				     (int64_t)(pool_bits(pair) / cfg->key_size)));
	else if (err)
		api_error(call->resp, 503, err == -EIO ?
			  "random number generator failed" : "out of memory", NULL);
	else
		key_container(call, keys, (unsigned int)number);
	if (dropped) {
		char kme[KME_LOG_ID_MAX], master[KME_LOG_ID_MAX], slave[KME_LOG_ID_MAX];

		kme_log_field(kme, sizeof(kme), cfg->ep[call->ep].kme_id);
		kme_log_field(master, sizeof(master), call->sae);
		kme_log_field(slave, sizeof(slave), call->peer);
		kme_log("kme=%s forgot %u keys of SAEs %s and %s that waited longest for their slave",
			kme, dropped, master, slave);
	}
	free(keys);
}

/* The key_IDs a Key IDs request (GET or POST) asks for, or -1 after an error reply. */
static long dec_request_ids(struct api_call *call, char (**ids)[PARAM_VALUE_MAX + 1])
{
	struct json_object *obj = NULL, *arr, *item, *v;
	struct params ps = { 0 };
	long n = -1, i;

	*ids = NULL;
	if (is_post(call)) {
		obj = body_object(call);
		if (!obj)
			return -1;
		if (!json_object_object_get_ex(obj, "key_IDs", &arr) ||
		    !json_object_is_type(arr, json_type_array)) {
			api_error(call->resp, 400, "key_IDs must be an array", NULL);
			goto out;
		}
		n = (long)json_object_array_length(arr);
	} else {
		if (!params_parse(call->req->query, &ps)) {
			api_error(call->resp, 400, "malformed query", NULL);
			goto out;
		}
		n = (long)ps.n;
	}
	if (n < 1 || n > (long)call->cfg->max_keys_per_request) {
		api_errorf(call->resp, 400,
			   detail_int("max_key_per_request", call->cfg->max_keys_per_request),
			   "ask for 1 to %u key_IDs", call->cfg->max_keys_per_request);
		n = -1;
		goto out;
	}
	*ids = calloc((size_t)n, sizeof(**ids));
	if (!*ids) {
		api_error(call->resp, 503, "out of memory", NULL);
		n = -1;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (obj) {
			item = json_object_array_get_idx(arr, (size_t)i);
			if (!json_object_is_type(item, json_type_object) ||
			    !json_object_object_get_ex(item, "key_ID", &v) ||
			    !json_object_is_type(v, json_type_string) ||
			    (size_t)json_object_get_string_len(v) > PARAM_VALUE_MAX) {
				api_error(call->resp, 400,
					  "each of key_IDs must be an object with a string key_ID", NULL);
				goto bad;
			}
			strcpy((*ids)[i], json_object_get_string(v));
		} else {
			if (strcmp(ps.p[i].name, "key_ID")) {
				char name[QUOTE_MAX + 1];

				quote(name, ps.p[i].name);
				api_errorf(call->resp, 400, NULL,
					   "unknown query parameter \"%s\"", name);
				goto bad;
			}
			strcpy((*ids)[i], ps.p[i].value);
		}
	}
	goto out;
bad:
	free(*ids);
	*ids = NULL;
	n = -1;
out:
	free(ps.p);
	json_object_put(obj);
	return n;
}

static void dec_keys(struct api_call *call)
{
	char (*ids)[PARAM_VALUE_MAX + 1];
	struct pool_key **keys = NULL;
	char q[QUOTE_MAX + 1];
	uint8_t id[KME_UUID_LEN];
	long n, i, j;

	n = dec_request_ids(call, &ids);
	if (n < 0)
		return;
	keys = calloc((size_t)n, sizeof(*keys));
	if (!keys) {
		api_error(call->resp, 503, "out of memory", NULL);
		goto out;
	}
	/* All or nothing: check every key_ID before touching any key. */
	for (i = 0; i < n; i++) {
		quote(q, ids[i]);
		if (!uuid_parse(ids[i], id)) {
			api_errorf(call->resp, 400, detail_str("key_ID", q),
				   "key_ID \"%s\" is not a UUID", q);
			goto out;
		}
		keys[i] = pool_find(id);
		if (!keys[i]) {
			api_errorf(call->resp, 400, detail_str("key_ID", q),
				   "key_ID %s is unknown or was already delivered", q);
			goto out;
		}
		if (strcmp(pool_key_slave(keys[i]), call->sae)) {
			api_errorf(call->resp, 401, detail_str("key_ID", q),
				   "key_ID %s was not made for SAE %s", q, call->sae);
			goto out;
		}
		if (strcmp(pool_key_master(keys[i]), call->peer)) {
			api_errorf(call->resp, 400, detail_str("key_ID", q),
				   "key_ID %s was not made by master SAE %s", q, call->peer);
			goto out;
		}
		for (j = 0; j < i; j++) {
			if (keys[j] == keys[i]) {
				api_errorf(call->resp, 400, detail_str("key_ID", q),
					   "key_ID %s is asked for twice", q);
				goto out;
			}
		}
	}
	key_container(call, keys, (unsigned int)n);
	/* Delivered to both SAEs now, unless the reply could not be made. */
	if (call->resp->status == 200)
		for (i = 0; i < n; i++)
			pool_deliver(keys[i]);
out:
	free(keys);
	free(ids);
}

/* Split the path into route and SAE ID: 0, -1 (no such route) or -2. */
static int parse_route(const char *path, char sae[KME_ID_MAX + 1],
		       enum api_route *route)
{
	const char *id = path + strlen(API_PREFIX), *slash;
	size_t i;

	if (strncmp(path, API_PREFIX, strlen(API_PREFIX)))
		return -1;
	slash = strchr(id, '/');
	if (!slash || slash == id)
		return -1;
	for (i = 0; i < ARRAY_SIZE(route_names); i++)
		if (!strcmp(slash + 1, route_names[i]))
			break;
	if (i == ARRAY_SIZE(route_names))
		return -1;
	*route = (enum api_route)i;
	if (!url_decode(sae, KME_ID_MAX + 1, id, (size_t)(slash - id)) ||
	    !sae_id_valid(sae))
		return -2;
	return 0;
}

void api_handle(const struct kme_config *cfg, size_t ep, const char *sae,
		const struct http_request *req, struct http_response *resp)
{
	struct api_call call = {
		.cfg = cfg, .ep = ep, .sae = sae, .req = req, .resp = resp,
	};
	enum api_route route;
	int err;

	err = parse_route(req->path, call.peer, &route);
	if (err == -1) {
		api_error(resp, 404, "no such resource: the routes are "
			  API_PREFIX "{SAE_ID}/status, enc_keys and dec_keys", NULL);
		return;
	}
	if (err) {
		api_error(resp, 400, "bad SAE ID in the path", NULL);
		return;
	}
	if (route == ROUTE_STATUS ? strcmp(req->method, "GET") :
	    strcmp(req->method, "GET") && strcmp(req->method, "POST")) {
		api_errorf(resp, 400, NULL, "%s takes %s", route_names[route],
			   route == ROUTE_STATUS ? "GET" : "GET or POST");
		return;
	}
	if (cfg->faults & KME_FAULT_SLOW)
		kme_sleep_ms(cfg->slow_ms);
	if (!strcmp(call.peer, sae)) {
		api_errorf(resp, 401, NULL, route == ROUTE_DEC_KEYS ?
			   "SAE %s cannot be its own master SAE" :
			   "SAE %s cannot be its own slave SAE", sae);
		return;
	}
	switch (route) {
	case ROUTE_STATUS:
		get_status(&call);
		break;
	case ROUTE_ENC_KEYS:
		enc_keys(&call);
		break;
	case ROUTE_DEC_KEYS:
		dec_keys(&call);
		break;
	}
}
