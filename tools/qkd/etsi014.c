// SPDX-License-Identifier: GPL-2.0
/*
 * ETSI GS QKD 014 V1.1.1 client over libcurl; see etsi014.h.
 *
 * Keys arrive as base64 in the reply body.  The copy we gather is wiped
 * whenever it is dropped or grown (never realloc'd); json-c's copies are
 * wiped by container.c.  libcurl's and OpenSSL's own receive buffers are
 * out of our reach.
 */
#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "etsi014.h"

/* 1024 keys of 1024 bits take about 230 KB of JSON. */
#define REPLY_MAX (4 * 1024 * 1024)
/* Enough of a KME's error message to understand it. */
#define MESSAGE_MAX 200

struct reply {
	char *buf;
	size_t len, room;
	bool too_long, nomem;
};

struct etsi_client {
	CURL *h;
	struct curl_slist *headers;
	struct reply reply;
	char curl_err[CURL_ERROR_SIZE];
	char tls_err[CURL_ERROR_SIZE];	/* OpenSSL's last error, as curl gave it */
	char io_err[CURL_ERROR_SIZE];	/* curl's last "OpenSSL SSL_read/write: ..." */
	struct etsi_config conf;
};

static const char *const err_names[__ETSI_E_MAX] = {
	[ETSI_OK] = "ok",
	[ETSI_E_BAD_REQUEST] = "bad request",
	[ETSI_E_UNAUTHORIZED] = "unauthorized",
	[ETSI_E_UNAVAILABLE] = "unavailable",
	[ETSI_E_HTTP] = "HTTP error",
	[ETSI_E_MALFORMED] = "malformed reply",
	[ETSI_E_SHORT] = "not the keys asked",
	[ETSI_E_LIMIT] = "beyond the KME's limits",
	[ETSI_E_TLS] = "TLS",
	[ETSI_E_CONNECT] = "cannot connect",
	[ETSI_E_LOCAL] = "local error",
};

const char *etsi_err_name(enum etsi_err e)
{
	if ((unsigned int)e >= __ETSI_E_MAX)
		return "unknown error";
	return err_names[e];
}

enum etsi_err etsi_set_err(char *err, size_t errlen, enum etsi_err e, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return e;
}

/* --- requests ---------------------------------------------------------- */

static void reply_clear(struct reply *r)
{
	if (r->buf) {
		explicit_bzero(r->buf, r->room);
		free(r->buf);
	}
	memset(r, 0, sizeof(*r));
}

/* Gather the body; grown by copying, so that no freed block keeps keys. */
static size_t on_data(char *data, size_t size, size_t nmemb, void *arg)
{
	struct reply *r = arg;
	size_t n = size * nmemb, room;
	char *buf;

	if (n > REPLY_MAX - r->len) {
		r->too_long = true;
		return 0;
	}
	if (r->len + n + 1 > r->room) {
		room = r->room ? r->room : 16384;
		while (room < r->len + n + 1)
			room *= 2;
		buf = malloc(room);
		if (!buf) {
			r->nomem = true;
			return 0;
		}
		if (r->len)
			memcpy(buf, r->buf, r->len);
		if (r->buf) {
			explicit_bzero(r->buf, r->room);
			free(r->buf);
		}
		r->buf = buf;
		r->room = room;
	}
	memcpy(r->buf + r->len, data, n);
	r->len += n;
	r->buf[r->len] = '\0';
	return n;
}

/*
 * Whether @s holds an error of the TLS library ("...:SSL routines::tlsv1
 * alert unknown ca"), not just a line of curl's trace.
 */
static bool is_tls_text(const char *s)
{
	return strstr(s, "SSL routines") != NULL;
}

/*
 * curl keeps only its first error in curl_err, which is not always the
 * one that matters (a failed getpeername() can come first).  Keep the
 * last words of the TLS layer too.  Only text lines are looked at: the
 * data lines carry the keys and are not touched.
 */
static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	struct etsi_client *c = arg;
	char line[CURL_ERROR_SIZE];
	size_t n = size < sizeof(line) - 1 ? size : sizeof(line) - 1;

	(void)h;
	if (type != CURLINFO_TEXT)
		return 0;
	memcpy(line, data, n);
	line[n] = '\0';
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (is_tls_text(line))
		memcpy(c->tls_err, line, n + 1);
	else if (!strncmp(line, "OpenSSL SSL_", 12))
		memcpy(c->io_err, line, n + 1);
	return 0;
}

/*
 * With TLS 1.3 the KME checks our certificate only after the handshake
 * has completed on our side: its refusal is an alert that arrives later,
 * or is lost to a reset when our request crosses its close.  So a
 * connection that ends after the handshake with not one byte of HTTP
 * back is taken for a refusal of our certificate.
 */
static bool closed_after_handshake(struct etsi_client *c, CURLcode res)
{
	curl_off_t tls_done = 0;
	long header_bytes = 0;

	if (res != CURLE_SEND_ERROR && res != CURLE_RECV_ERROR && res != CURLE_GOT_NOTHING)
		return false;
	return curl_easy_getinfo(c->h, CURLINFO_APPCONNECT_TIME_T, &tls_done) == CURLE_OK &&
	       curl_easy_getinfo(c->h, CURLINFO_HEADER_SIZE, &header_bytes) == CURLE_OK &&
	       tls_done > 0 && header_bytes == 0;
}

#define SET(h, opt, val) (curl_easy_setopt((h), (opt), (val)) == CURLE_OK)

enum etsi_err etsi_client_new(const struct etsi_config *conf, struct etsi_client **out,
			      char *err, size_t errlen)
{
	static const char *const headers[] = {
		"Content-Type: application/json",
		"Accept: application/json",
		/* No "Expect: 100-continue" wait before a long dec_keys body. */
		"Expect:",
	};
	struct curl_slist *list;
	struct etsi_client *c;
	size_t i;
	bool ok;

	*out = NULL;
	if (strncmp(conf->url, "https://", 8) || !conf->cert[0] || !conf->key[0] ||
	    !conf->ca[0] || conf->timeout < ETSI_TIMEOUT_MIN || conf->timeout > ETSI_TIMEOUT_MAX)
		return etsi_set_err(err, errlen, ETSI_E_LOCAL, "incomplete KME configuration");
	if (curl_global_init(CURL_GLOBAL_DEFAULT))
		return etsi_set_err(err, errlen, ETSI_E_LOCAL, "cannot initialise libcurl");
	c = calloc(1, sizeof(*c));
	if (!c) {
		curl_global_cleanup();
		return etsi_set_err(err, errlen, ETSI_E_LOCAL, "out of memory");
	}
	c->conf = *conf;
	c->h = curl_easy_init();
	ok = c->h != NULL;
	for (i = 0; ok && i < sizeof(headers) / sizeof(headers[0]); i++) {
		list = curl_slist_append(c->headers, headers[i]);
		ok = list != NULL;
		if (ok)
			c->headers = list;
	}
	ok = ok &&
	     SET(c->h, CURLOPT_PROTOCOLS_STR, "https") &&
	     SET(c->h, CURLOPT_REDIR_PROTOCOLS_STR, "https") &&
	     SET(c->h, CURLOPT_FOLLOWLOCATION, 0L) &&
	     /* Keys go to the KME straight, never through a proxy from the environment. */
	     SET(c->h, CURLOPT_PROXY, "") &&
	     SET(c->h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2) &&
	     SET(c->h, CURLOPT_SSL_VERIFYPEER, 1L) &&
	     SET(c->h, CURLOPT_SSL_VERIFYHOST, 2L) &&
	     SET(c->h, CURLOPT_CAINFO, c->conf.ca) &&
	     /* Only our CA: not the system's certificate directory. */
	     SET(c->h, CURLOPT_CAPATH, NULL) &&
	     SET(c->h, CURLOPT_SSLCERT, c->conf.cert) &&
	     SET(c->h, CURLOPT_SSLCERTTYPE, "PEM") &&
	     SET(c->h, CURLOPT_SSLKEY, c->conf.key) &&
	     SET(c->h, CURLOPT_SSLKEYTYPE, "PEM") &&
	     /* An encrypted key fails instead of prompting on the terminal. */
	     SET(c->h, CURLOPT_KEYPASSWD, "") &&
	     SET(c->h, CURLOPT_TIMEOUT, (long)c->conf.timeout) &&
	     SET(c->h, CURLOPT_CONNECTTIMEOUT, (long)c->conf.timeout) &&
	     SET(c->h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1) &&
	     SET(c->h, CURLOPT_HTTPHEADER, c->headers) &&
	     SET(c->h, CURLOPT_WRITEFUNCTION, on_data) &&
	     SET(c->h, CURLOPT_WRITEDATA, &c->reply) &&
	     SET(c->h, CURLOPT_ERRORBUFFER, c->curl_err) &&
	     SET(c->h, CURLOPT_DEBUGFUNCTION, on_debug) &&
	     SET(c->h, CURLOPT_DEBUGDATA, c) &&
	     SET(c->h, CURLOPT_VERBOSE, 1L) &&
	     SET(c->h, CURLOPT_USERAGENT, "kpsec");
	if (!ok) {
		etsi_client_free(c);
		return etsi_set_err(err, errlen, ETSI_E_LOCAL,
			       "cannot set up libcurl (does it support HTTPS and TLS 1.2?)");
	}
	*out = c;
	return ETSI_OK;
}

void etsi_client_free(struct etsi_client *c)
{
	if (!c)
		return;
	if (c->h)
		curl_easy_cleanup(c->h);
	curl_slist_free_all(c->headers);
	reply_clear(&c->reply);
	explicit_bzero(c, sizeof(*c));
	free(c);
	curl_global_cleanup();
}

/* The client's failure, "KME URL: " first. */
static enum etsi_err fail(struct etsi_client *c, char *err, size_t errlen, enum etsi_err e,
			  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static enum etsi_err fail(struct etsi_client *c, char *err, size_t errlen, enum etsi_err e,
			  const char *fmt, ...)
{
	char what[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return etsi_set_err(err, errlen, e, "KME %s: %s", c->conf.url, what);
}

static bool refused_our_cert(const char *s)
{
	return strstr(s, "unknown ca") || strstr(s, "bad certificate") ||
	       strstr(s, "certificate required") || strstr(s, "unsupported certificate") ||
	       strstr(s, "certificate unknown") || strstr(s, "certificate expired") ||
	       strstr(s, "certificate revoked") || strstr(s, "access denied");
}

static enum etsi_err transport_error(struct etsi_client *c, CURLcode res,
				     char *err, size_t errlen)
{
	const char *why = c->curl_err[0] ? c->curl_err : curl_easy_strerror(res);

	/* What the TLS layer said last beats a first error that was only a symptom. */
	if (c->tls_err[0] && !is_tls_text(why))
		why = c->tls_err;
	else if (c->io_err[0] && (res == CURLE_SEND_ERROR || res == CURLE_RECV_ERROR))
		why = c->io_err;
	if (!c->tls_err[0] && closed_after_handshake(c, res))
		return fail(c, err, errlen, ETSI_E_TLS,
			    "TLS: the KME ended the connection after the handshake without answering: most likely it refused our Certificate \"%s\" (%s)",
			    c->conf.cert, why);
	switch (res) {
	case CURLE_OPERATION_TIMEDOUT:
		return fail(c, err, errlen, ETSI_E_CONNECT, "no answer within %u s (Timeout)",
			    c->conf.timeout);
	case CURLE_COULDNT_RESOLVE_HOST:
		return fail(c, err, errlen, ETSI_E_CONNECT, "cannot resolve the host: %s", why);
	case CURLE_COULDNT_CONNECT:
		return fail(c, err, errlen, ETSI_E_CONNECT, "cannot connect: %s", why);
	case CURLE_GOT_NOTHING:
		return fail(c, err, errlen, ETSI_E_CONNECT, "the KME closed the connection without answering");
	case CURLE_SSL_CERTPROBLEM:
		return fail(c, err, errlen, ETSI_E_LOCAL,
			    "cannot use Certificate \"%s\" with PrivateKey \"%s\": %s",
			    c->conf.cert, c->conf.key, why);
	case CURLE_SSL_CACERT_BADFILE:
		return fail(c, err, errlen, ETSI_E_LOCAL, "cannot use CA \"%s\": %s",
			    c->conf.ca, why);
	case CURLE_PEER_FAILED_VERIFICATION:
		return fail(c, err, errlen, ETSI_E_TLS,
			    "TLS: the KME's certificate does not verify with CA \"%s\": %s",
			    c->conf.ca, why);
	case CURLE_WRITE_ERROR:
		if (c->reply.too_long)
			return fail(c, err, errlen, ETSI_E_MALFORMED,
				    "reply longer than %d bytes", REPLY_MAX);
		return fail(c, err, errlen, ETSI_E_LOCAL, "out of memory");
	case CURLE_OUT_OF_MEMORY:
		return fail(c, err, errlen, ETSI_E_LOCAL, "out of memory");
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CLIENTCERT:
	case CURLE_SSL_SHUTDOWN_FAILED:
		break;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
		/* TLS 1.3: the KME refuses our certificate after our Finished. */
		if (is_tls_text(why))
			break;
		return fail(c, err, errlen, ETSI_E_CONNECT, "connection failed: %s", why);
	default:
		return fail(c, err, errlen, ETSI_E_CONNECT, "%s", why);
	}
	if (refused_our_cert(why))
		return fail(c, err, errlen, ETSI_E_TLS,
			    "TLS: the KME refused our Certificate \"%s\": %s", c->conf.cert, why);
	return fail(c, err, errlen, ETSI_E_TLS, "TLS handshake failed: %s", why);
}

/* Parse @len bytes strictly as one JSON value; NULL on failure. */
static struct json_object *parse_json(const char *buf, size_t len, const char **why)
{
	struct json_tokener *tok;
	struct json_object *obj;
	size_t end;

	*why = "not JSON";
	if (!len || len > REPLY_MAX)
		return NULL;
	tok = json_tokener_new();
	if (!tok) {
		*why = "out of memory";
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	obj = json_tokener_parse_ex(tok, buf, (int)len);
	end = json_tokener_get_parse_end(tok);
	while (obj && end < len && strchr(" \t\r\n", buf[end]))
		end++;
	if (obj && end < len) {
		json_object_put(obj);
		obj = NULL;
	}
	json_tokener_free(tok);
	return obj;
}

/* The KME's Error "message", fit for one line, or "(no message)". */
static void kme_message(const struct reply *r, char out[MESSAGE_MAX + 8])
{
	struct json_object *top, *msg;
	const char *why, *s;
	size_t i, o = 0;

	top = parse_json(r->buf, r->len, &why);
	if (!top || !json_object_object_get_ex(top, "message", &msg) ||
	    !json_object_is_type(msg, json_type_string)) {
		strcpy(out, "(no message)");
		json_object_put(top);
		return;
	}
	s = json_object_get_string(msg);
	out[o++] = '"';
	for (i = 0; s[i] && o < MESSAGE_MAX; i++)
		out[o++] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	if (s[i]) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o++] = '"';
	out[o] = '\0';
	json_object_put(top);
}

static enum etsi_err http_error(struct etsi_client *c, const char *op, long code,
				char *err, size_t errlen)
{
	char msg[MESSAGE_MAX + 8];

	kme_message(&c->reply, msg);
	switch (code) {
	case 400:
		return fail(c, err, errlen, ETSI_E_BAD_REQUEST,
			    "%s refused (HTTP 400 Bad Request): %s", op, msg);
	case 401:
		return fail(c, err, errlen, ETSI_E_UNAUTHORIZED,
			    "%s refused: this SAE is not authorized (HTTP 401 Unauthorized): %s",
			    op, msg);
	case 503:
		return fail(c, err, errlen, ETSI_E_UNAVAILABLE,
			    "%s unavailable (HTTP 503 Service Unavailable): %s", op, msg);
	default:
		return fail(c, err, errlen, ETSI_E_HTTP, "%s failed with HTTP %ld: %s",
			    op, code, msg);
	}
}

/*
 * One request to {URL}/api/v1/keys/{@sae}/{@op}: a GET, or a POST of
 * @body.  On ETSI_OK the 200 reply's body is in c->reply.
 */
static enum etsi_err request(struct etsi_client *c, const char *sae, const char *op,
			     const char *body, char *err, size_t errlen)
{
	char url[ETSI_URL_MAX + ETSI_ID_MAX + 64];
	CURLcode res;
	long code = 0;
	bool ok;

	if (!etsi_sae_id_valid(sae))
		return etsi_set_err(err, errlen, ETSI_E_LOCAL, "invalid SAE ID");
	snprintf(url, sizeof(url), "%s/api/v1/keys/%s/%s", c->conf.url, sae, op);
	reply_clear(&c->reply);
	c->curl_err[0] = '\0';
	c->tls_err[0] = '\0';
	c->io_err[0] = '\0';
	ok = SET(c->h, CURLOPT_URL, url);
	if (body)
		ok = ok && SET(c->h, CURLOPT_POSTFIELDSIZE, (long)strlen(body)) &&
		     SET(c->h, CURLOPT_POSTFIELDS, body);
	else
		ok = ok && SET(c->h, CURLOPT_HTTPGET, 1L);
	if (!ok)
		return fail(c, err, errlen, ETSI_E_LOCAL, "cannot set up the %s request", op);
	res = curl_easy_perform(c->h);
	/* The body lives in the caller's frame: never let curl reuse it. */
	if (body && !SET(c->h, CURLOPT_HTTPGET, 1L))
		res = res ? res : CURLE_OUT_OF_MEMORY;
	if (res != CURLE_OK)
		return transport_error(c, res, err, errlen);
	if (curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &code) != CURLE_OK)
		return fail(c, err, errlen, ETSI_E_HTTP, "%s: no HTTP status", op);
	if (code != 200)
		return http_error(c, op, code, err, errlen);
	return ETSI_OK;
}

/* --- Get status -------------------------------------------------------- */

static const char *status_string(struct json_object *top, const char *name, char *out)
{
	struct json_object *v;
	const char *s;
	size_t i, len;

	if (!json_object_object_get_ex(top, name, &v))
		return "missing";
	if (!json_object_is_type(v, json_type_string))
		return "not a string";
	s = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	if (!len || len > ETSI_ID_MAX)
		return "empty or too long";
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return "holds control characters";
	memcpy(out, s, len + 1);
	return NULL;
}

static const char *status_count(struct json_object *top, const char *name, uint64_t *out,
				bool *present)
{
	struct json_object *v;

	if (!json_object_object_get_ex(top, name, &v)) {
		if (present) {
			*present = false;
			return NULL;
		}
		return "missing";
	}
	if (!json_object_is_type(v, json_type_int))
		return "not an integer";
	if (json_object_get_int64(v) < 0)
		return "negative";
	*out = json_object_get_uint64(v);
	if (present)
		*present = true;
	return NULL;
}

static enum etsi_err parse_status(struct etsi_client *c, const char *slave,
				  struct etsi_status *st, char *err, size_t errlen)
{
	const struct {
		const char *name;
		char *out;
	} strings[] = {
		{ "source_KME_ID", st->source_kme_id },
		{ "target_KME_ID", st->target_kme_id },
		{ "master_SAE_ID", st->master_sae_id },
		{ "slave_SAE_ID", st->slave_sae_id },
	};
	const struct {
		const char *name;
		uint64_t *out;
	} counts[] = {
		{ "key_size", &st->key_size },
		{ "stored_key_count", &st->stored_key_count },
		{ "max_key_count", &st->max_key_count },
		{ "max_key_per_request", &st->max_key_per_request },
		{ "max_key_size", &st->max_key_size },
		{ "min_key_size", &st->min_key_size },
	};
	enum etsi_err ret = ETSI_OK;
	struct json_object *top;
	const char *why;
	size_t i;

	memset(st, 0, sizeof(*st));
	top = parse_json(c->reply.buf, c->reply.len, &why);
	if (!top)
		return fail(c, err, errlen, ETSI_E_MALFORMED, "malformed status reply: %s", why);
	if (!json_object_is_type(top, json_type_object)) {
		ret = fail(c, err, errlen, ETSI_E_MALFORMED,
			   "malformed status reply: not a JSON object");
		goto out;
	}
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		why = status_string(top, strings[i].name, strings[i].out);
		if (why) {
			ret = fail(c, err, errlen, ETSI_E_MALFORMED, "malformed status reply: %s %s",
				   strings[i].name, why);
			goto out;
		}
	}
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		why = status_count(top, counts[i].name, counts[i].out, NULL);
		if (why) {
			ret = fail(c, err, errlen, ETSI_E_MALFORMED, "malformed status reply: %s %s",
				   counts[i].name, why);
			goto out;
		}
	}
	why = status_count(top, "max_SAE_ID_count", &st->max_sae_id_count,
			   &st->has_max_sae_id_count);
	if (why) {
		ret = fail(c, err, errlen, ETSI_E_MALFORMED,
			   "malformed status reply: max_SAE_ID_count %s", why);
		goto out;
	}
	if (st->min_key_size > st->max_key_size || st->key_size < st->min_key_size ||
	    st->key_size > st->max_key_size) {
		ret = fail(c, err, errlen, ETSI_E_MALFORMED,
			   "malformed status reply: key_size %llu is not within min_key_size %llu .. max_key_size %llu",
			   (unsigned long long)st->key_size, (unsigned long long)st->min_key_size,
			   (unsigned long long)st->max_key_size);
		goto out;
	}
	if (strcmp(st->slave_sae_id, slave))
		ret = fail(c, err, errlen, ETSI_E_MALFORMED,
			   "malformed status reply: slave_SAE_ID \"%s\", but \"%s\" was asked",
			   st->slave_sae_id, slave);
out:
	json_object_put(top);
	if (ret)
		memset(st, 0, sizeof(*st));
	return ret;
}

enum etsi_err etsi_get_status(struct etsi_client *c, const char *slave_sae_id,
			      struct etsi_status *st, char *err, size_t errlen)
{
	enum etsi_err ret;

	memset(st, 0, sizeof(*st));
	ret = request(c, slave_sae_id, "status", NULL, err, errlen);
	if (!ret)
		ret = parse_status(c, slave_sae_id, st, err, errlen);
	reply_clear(&c->reply);
	return ret;
}

/* --- Get key ----------------------------------------------------------- */

enum etsi_err etsi_check_request(const struct etsi_status *st, unsigned int number,
				 unsigned int *size_bits, char *err, size_t errlen)
{
	unsigned int size = *size_bits;

	if (!number || number > QKD_CONTAINER_MAX)
		return etsi_set_err(err, errlen, ETSI_E_LOCAL, "cannot ask for %u keys: 1 to %d at a time",
			       number, QKD_CONTAINER_MAX);
	if (!size) {
		if (st->key_size % 8 || st->key_size < QKD_KEY_MIN_BYTES * 8 ||
		    st->key_size > QKD_KEY_MAX_BYTES * 8)
			return etsi_set_err(err, errlen, ETSI_E_LIMIT,
				       "the KME's key_size of %llu bits is not one kpsec takes (%d to %d, a multiple of 8): ask for a size",
				       (unsigned long long)st->key_size,
				       QKD_KEY_MIN_BYTES * 8, QKD_KEY_MAX_BYTES * 8);
		size = (unsigned int)st->key_size;
	}
	if (size % 8 || size < QKD_KEY_MIN_BYTES * 8 || size > QKD_KEY_MAX_BYTES * 8)
		return etsi_set_err(err, errlen, ETSI_E_LOCAL,
			       "cannot ask for %u-bit keys: kpsec takes %d to %d bits, a multiple of 8",
			       size, QKD_KEY_MIN_BYTES * 8, QKD_KEY_MAX_BYTES * 8);
	if (size < st->min_key_size || size > st->max_key_size)
		return etsi_set_err(err, errlen, ETSI_E_LIMIT,
			       "%u-bit keys asked, the KME gives %llu to %llu bits (min_key_size, max_key_size)",
			       size, (unsigned long long)st->min_key_size,
			       (unsigned long long)st->max_key_size);
	if (number > st->max_key_per_request)
		return etsi_set_err(err, errlen, ETSI_E_LIMIT,
			       "%u key%s asked, the KME gives at most %llu per request (max_key_per_request)",
			       number, number == 1 ? "" : "s",
			       (unsigned long long)st->max_key_per_request);
	if (number > st->stored_key_count)
		return etsi_set_err(err, errlen, ETSI_E_UNAVAILABLE,
			       "%u key%s asked, the KME holds %llu (stored_key_count)",
			       number, number == 1 ? "" : "s",
			       (unsigned long long)st->stored_key_count);
	*size_bits = size;
	return ETSI_OK;
}

/* A container parse failure as the class the client reports. */
static enum etsi_err container_class(enum qkd_container_err e)
{
	switch (e) {
	case QKD_CONTAINER_OK:
		return ETSI_OK;
	case QKD_CONTAINER_NOMEM:
		return ETSI_E_LOCAL;
	case QKD_CONTAINER_BAD_SIZE:
	case QKD_CONTAINER_BAD_COUNT:
		return ETSI_E_SHORT;
	case QKD_CONTAINER_MALFORMED:
	case QKD_CONTAINER_DUP_ID:
	default:
		return ETSI_E_MALFORMED;
	}
}

static enum etsi_err parse_keys(struct etsi_client *c, const char *op, size_t want_bytes,
				struct qkd_keys *keys, char *err, size_t errlen)
{
	enum qkd_container_err cerr;
	enum etsi_err ret;
	char why[256];

	cerr = qkd_container_parse_ex(c->reply.buf, c->reply.len, want_bytes, keys,
				      why, sizeof(why));
	ret = container_class(cerr);
	if (ret == ETSI_E_MALFORMED)
		return fail(c, err, errlen, ret, "malformed %s reply: %s", op, why);
	if (ret == ETSI_E_SHORT)
		return fail(c, err, errlen, ret, "%s reply is not what was asked: %s", op, why);
	if (ret)
		return fail(c, err, errlen, ret, "%s", why);
	return ETSI_OK;
}

enum etsi_err etsi_get_key(struct etsi_client *c, const char *slave_sae_id,
			   const struct etsi_status *st, unsigned int number,
			   unsigned int size_bits, struct qkd_keys *keys,
			   char *err, size_t errlen)
{
	struct etsi_status fresh;
	enum etsi_err ret;
	char body[64], why[256];

	keys->k = NULL;
	keys->n = 0;
	if (!st) {
		ret = etsi_get_status(c, slave_sae_id, &fresh, err, errlen);
		if (ret)
			return ret;
		st = &fresh;
	}
	ret = etsi_check_request(st, number, &size_bits, why, sizeof(why));
	if (ret)
		return fail(c, err, errlen, ret, "enc_keys: %s", why);
	snprintf(body, sizeof(body), "{\"number\":%u,\"size\":%u}", number, size_bits);
	ret = request(c, slave_sae_id, "enc_keys", body, err, errlen);
	if (!ret)
		ret = parse_keys(c, "enc_keys", size_bits / 8, keys, err, errlen);
	reply_clear(&c->reply);
	if (ret)
		return ret;
	if (keys->n != number) {
		ret = fail(c, err, errlen, ETSI_E_SHORT,
			   "enc_keys reply is not what was asked: %zu key%s, %u asked",
			   keys->n, keys->n == 1 ? "" : "s", number);
		qkd_keys_free(keys);
	}
	return ret;
}

/* --- Get key with key IDs ---------------------------------------------- */

#define IDS_OPEN "{\"key_IDs\":["
#define ID_OPEN "{\"key_ID\":\""
#define ID_CLOSE "\"}"

static char *ids_body(const uint8_t (*ids)[QKD_KEY_ID_LEN], size_t n)
{
	size_t i, room = sizeof(IDS_OPEN) + n * (sizeof(ID_OPEN) + QKD_UUID_STR_LEN +
						   sizeof(ID_CLOSE)) + 3;
	char *body = malloc(room), *p = body;

	if (!body)
		return NULL;
	p += sprintf(p, "%s", IDS_OPEN);
	for (i = 0; i < n; i++) {
		p += sprintf(p, "%s" ID_OPEN, i ? "," : "");
		qkd_uuid_format(p, ids[i]);
		p += QKD_UUID_STR_LEN;
		p += sprintf(p, ID_CLOSE);
	}
	sprintf(p, "]}");
	return body;
}

/* That @keys holds exactly @ids; then put them in @ids' order. */
static enum etsi_err match_ids(struct etsi_client *c, const uint8_t (*ids)[QKD_KEY_ID_LEN],
			       size_t n, struct qkd_keys *keys, char *err, size_t errlen)
{
	char id[QKD_UUID_STR_LEN + 1];
	struct qkd_key *sorted;
	size_t i, j;

	if (keys->n != n)
		return fail(c, err, errlen, ETSI_E_SHORT,
			    "dec_keys reply is not what was asked: %zu key%s, %zu asked",
			    keys->n, keys->n == 1 ? "" : "s", n);
	sorted = calloc(n, sizeof(*sorted));
	if (!sorted)
		return fail(c, err, errlen, ETSI_E_LOCAL, "out of memory");
	/* Both lists are free of duplicates: a match for each is the same set. */
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++)
			if (!memcmp(keys->k[j].id, ids[i], QKD_KEY_ID_LEN))
				break;
		if (j == n) {
			qkd_uuid_format(id, ids[i]);
			explicit_bzero(sorted, n * sizeof(*sorted));
			free(sorted);
			return fail(c, err, errlen, ETSI_E_SHORT,
				    "dec_keys reply is not what was asked: no key_ID %s", id);
		}
		sorted[i] = keys->k[j];
	}
	explicit_bzero(keys->k, n * sizeof(*keys->k));
	free(keys->k);
	keys->k = sorted;
	return ETSI_OK;
}

enum etsi_err etsi_get_key_with_ids(struct etsi_client *c, const char *master_sae_id,
				    const uint8_t (*ids)[QKD_KEY_ID_LEN], size_t n,
				    struct qkd_keys *keys, char *err, size_t errlen)
{
	char id[QKD_UUID_STR_LEN + 1];
	enum etsi_err ret;
	char *body;
	size_t i, j;

	keys->k = NULL;
	keys->n = 0;
	if (!n || n > QKD_CONTAINER_MAX)
		return etsi_set_err(err, errlen, ETSI_E_LOCAL, "cannot ask for %zu keys: 1 to %d at a time",
			       n, QKD_CONTAINER_MAX);
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++) {
			if (!memcmp(ids[i], ids[j], QKD_KEY_ID_LEN)) {
				qkd_uuid_format(id, ids[i]);
				return etsi_set_err(err, errlen, ETSI_E_LOCAL, "key ID %s given twice", id);
			}
		}
	}
	body = ids_body(ids, n);
	if (!body)
		return etsi_set_err(err, errlen, ETSI_E_LOCAL, "out of memory");
	ret = request(c, master_sae_id, "dec_keys", body, err, errlen);
	free(body);
	if (!ret)
		ret = parse_keys(c, "dec_keys", 0, keys, err, errlen);
	reply_clear(&c->reply);
	if (!ret)
		ret = match_ids(c, ids, n, keys, err, errlen);
	if (ret)
		qkd_keys_free(keys);
	return ret;
}
