// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec-kme: the HTTPS side.  Every endpoint has its own SSL_CTX (its own
 * certificate) and listening socket; one poll() loop accepts from all of
 * them and serves each connection to its end before the next.  A test KME
 * sees a handful of SAEs, and one thread keeps the pools free of locks.
 * Each phase of a connection runs against a deadline, so a client that
 * stalls holds the server for at most HTTP_TIMEOUT_MS.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netinet/in.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "api.h"
#include "http.h"
#include "pool.h"

#define HTTP_TIMEOUT_MS 5000
/* After an early error reply, how long to read what the client still sends. */
#define HTTP_LINGER_MS 250
#define HTTP_BACKLOG 64
/* What the log quotes of a request-target at most. */
#define LOG_TARGET_MAX 256

struct conn {
	const struct kme_config *cfg;
	size_t ep;
	int fd;
	SSL *ssl;
	uint64_t deadline;		/* kme_now_ms() */
	char peer[NI_MAXHOST + NI_MAXSERV + 4];
	char sae[KME_ID_MAX + 1];
	char path[HTTP_TARGET_MAX + 1];
	char why[256];			/* why the connection failed */
};

void http_response_clear(struct http_response *resp)
{
	if (resp->body && resp->secret)
		OPENSSL_cleanse(resp->body, resp->len);
	free(resp->body);
	resp->body = NULL;
	resp->len = 0;
	resp->secret = false;
	resp->keys = 0;
}

/* The reason of the newest OpenSSL error, and an empty error queue. */
static const char *ssl_reason(void)
{
	unsigned long e = ERR_peek_last_error();
	const char *reason = e ? ERR_reason_error_string(e) : NULL;

	ERR_clear_error();
	return reason ? reason : "unknown error";
}

/* "HOST:PORT" or "[HOST]:PORT" into @host and @port; false if malformed. */
static bool split_listen(const char *listen, char *host, size_t hostcap,
			 char port[6])
{
	const char *host_start = listen, *host_end, *p;
	unsigned long n;
	char *end;

	if (*listen == '[') {
		host_start = listen + 1;
		host_end = strchr(host_start, ']');
		if (!host_end || host_end[1] != ':')
			return false;
		p = host_end + 2;
	} else {
		host_end = strrchr(listen, ':');
		if (!host_end || memchr(listen, ':', (size_t)(host_end - listen)))
			return false;	/* an IPv6 address needs brackets */
		p = host_end + 1;
	}
	if (!*p || strlen(p) > 5 || strspn(p, "0123456789") != strlen(p))
		return false;
	n = strtoul(p, &end, 10);
	if (n < 1 || n > 65535 || (size_t)(host_end - host_start) >= hostcap)
		return false;
	memcpy(host, host_start, (size_t)(host_end - host_start));
	host[host_end - host_start] = '\0';
	if (!*host || !strcmp(host, "*"))
		strcpy(host, "0.0.0.0");
	strcpy(port, p);
	return true;
}

bool http_listen_valid(const char *listen)
{
	char host[NI_MAXHOST], port[6];

	return split_listen(listen, host, sizeof(host), port);
}

static int listen_on(struct kme_endpoint *ep)
{
	struct addrinfo hints = {
		.ai_flags = AI_PASSIVE | AI_NUMERICSERV,
		.ai_socktype = SOCK_STREAM,
	}, *ai;
	char host[NI_MAXHOST], port[6];
	int one = 1, err;

	if (!split_listen(ep->listen, host, sizeof(host), port))
		return -1;	/* checked with the options already */
	err = getaddrinfo(host, port, &hints, &ai);
	if (err) {
		report("cannot listen on %s: %s", ep->listen, gai_strerror(err));
		return -1;
	}
	ep->fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (ep->fd < 0 ||
	    setsockopt(ep->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    (ai->ai_family == AF_INET6 &&
	     setsockopt(ep->fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one))) ||
	    bind(ep->fd, ai->ai_addr, ai->ai_addrlen) ||
	    listen(ep->fd, HTTP_BACKLOG)) {
		report("cannot listen on %s: %s", ep->listen, strerror(errno));
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	return 0;
}

static bool readable(const char *what, const char *path)
{
	FILE *f = fopen(path, "r");

	if (!f) {
		report("cannot read %s \"%s\": %s", what, path, strerror(errno));
		return false;
	}
	fclose(f);
	return true;
}

static int tls_context(struct kme_endpoint *ep, const char *ca)
{
	STACK_OF(X509_NAME) *names;
	SSL_CTX *ctx;

	if (!readable("certificate", ep->cert) || !readable("key", ep->key) ||
	    !readable("CA certificate", ca))
		return -1;
	ctx = SSL_CTX_new(TLS_server_method());
	if (!ctx) {
		report("cannot make a TLS context: %s", ssl_reason());
		return -1;
	}
	ep->ctx = ctx;
	if (!SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION)) {
		report("cannot require TLS 1.2: %s", ssl_reason());
		return -1;
	}
	if (SSL_CTX_use_certificate_chain_file(ctx, ep->cert) != 1) {
		report("cannot load certificate \"%s\": %s", ep->cert, ssl_reason());
		return -1;
	}
	if (SSL_CTX_use_PrivateKey_file(ctx, ep->key, SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_check_private_key(ctx) != 1) {
		if (ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH ||
		    !ERR_peek_last_error()) {
			ERR_clear_error();
			report("key \"%s\" does not belong to certificate \"%s\"",
			       ep->key, ep->cert);
		} else {
			report("cannot load key \"%s\": %s", ep->key, ssl_reason());
		}
		return -1;
	}
	if (SSL_CTX_load_verify_file(ctx, ca) != 1) {
		report("cannot load CA certificate \"%s\": %s", ca, ssl_reason());
		return -1;
	}
	names = SSL_load_client_CA_file(ca);
	if (!names) {
		report("cannot load CA certificate \"%s\": %s", ca, ssl_reason());
		return -1;
	}
	SSL_CTX_set_client_CA_list(ctx, names);
	/* Mutual TLS: no trusted client certificate, no handshake. */
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
			   NULL);
	/* Every connection proves its certificate afresh. */
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_RENEGOTIATION);
	if (SSL_CTX_set_num_tickets(ctx, 0) != 1) {
		report("cannot turn off session tickets: %s", ssl_reason());
		return -1;
	}
	return 0;
}

int http_setup(struct kme_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n_ep; i++)
		cfg->ep[i].fd = -1;
	for (i = 0; i < cfg->n_ep; i++)
		if (tls_context(&cfg->ep[i], cfg->ca) || listen_on(&cfg->ep[i]))
			return -1;
	return 0;
}

void http_cleanup(struct kme_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n_ep; i++) {
		if (cfg->ep[i].fd >= 0)
			close(cfg->ep[i].fd);
		cfg->ep[i].fd = -1;
		SSL_CTX_free(cfg->ep[i].ctx);
		cfg->ep[i].ctx = NULL;
	}
}

/*
 * Wait, until the deadline, for the socket to be ready for what @ssl
 * needs after returning @ret.  0 to try again; -1 with c->why set.
 */
static int conn_wait(struct conn *c, int ret)
{
	int err = SSL_get_error(c->ssl, ret);
	struct pollfd pfd = { .fd = c->fd };
	struct timespec ts;
	uint64_t now;
	int n;

	switch (err) {
	case SSL_ERROR_WANT_READ:
		pfd.events = POLLIN;
		break;
	case SSL_ERROR_WANT_WRITE:
		pfd.events = POLLOUT;
		break;
	case SSL_ERROR_ZERO_RETURN:
		snprintf(c->why, sizeof(c->why), "client closed the connection");
		return -1;
	case SSL_ERROR_SYSCALL:
		snprintf(c->why, sizeof(c->why), "%s", errno ?
			 strerror(errno) : "client closed the connection");
		ERR_clear_error();
		return -1;
	default: {
		long verify = SSL_get_verify_result(c->ssl);
		const char *reason = ssl_reason();

		if (verify != X509_V_OK)
			snprintf(c->why, sizeof(c->why), "%s (%s)", reason,
				 X509_verify_cert_error_string(verify));
		else
			snprintf(c->why, sizeof(c->why), "%s", reason);
		return -1;
	}
	}
	for (;;) {
		now = kme_now_ms();
		if (kme_stop || now >= c->deadline) {
			snprintf(c->why, sizeof(c->why), kme_stop ?
				 "server stopping" : "timed out");
			return -1;
		}
		ts.tv_sec = (time_t)((c->deadline - now) / 1000);
		ts.tv_nsec = (long)((c->deadline - now) % 1000 * 1000000);
		n = ppoll(&pfd, 1, &ts, &kme_wait_mask);
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR) {
			snprintf(c->why, sizeof(c->why), "poll: %s", strerror(errno));
			return -1;
		}
	}
}

static int tls_read(struct conn *c, char *dst, size_t cap, size_t *got)
{
	int ret;

	for (;;) {
		ERR_clear_error();
		ret = SSL_read_ex(c->ssl, dst, cap, got);
		if (ret == 1)
			return 0;
		if (conn_wait(c, ret))
			return -1;
	}
}

static int tls_write(struct conn *c, const void *src, size_t len)
{
	size_t done;
	int ret;

	while (len) {
		ERR_clear_error();
		ret = SSL_write_ex(c->ssl, src, len, &done);
		if (ret == 1) {
			src = (const char *)src + done;
			len -= done;
		} else if (conn_wait(c, ret)) {
			return -1;
		}
	}
	return 0;
}

/* The SAE ID of the client: the one CN of its verified certificate. */
static int peer_sae_id(SSL *ssl, char out[KME_ID_MAX + 1])
{
	X509 *cert = SSL_get0_peer_certificate(ssl);
	unsigned char *utf8 = NULL;
	X509_NAME *name;
	int idx, len, i;

	if (!cert || SSL_get_verify_result(ssl) != X509_V_OK)
		return -1;
	name = X509_get_subject_name(cert);
	idx = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
	if (idx < 0 || X509_NAME_get_index_by_NID(name, NID_commonName, idx) >= 0)
		return -1;
	len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(
					  X509_NAME_get_entry(name, idx)));
	if (len < 1 || len > KME_ID_MAX) {
		OPENSSL_free(utf8);
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (utf8[i] < 0x20 || utf8[i] >= 0x7f) {
			OPENSSL_free(utf8);
			return -1;
		}
	}
	memcpy(out, utf8, (size_t)len);
	out[len] = '\0';
	OPENSSL_free(utf8);
	return 0;
}

/* Where the blank line that ends the header section ends, or 0. */
static size_t head_end(const char *buf, size_t len, size_t from)
{
	size_t i;

	for (i = from; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (i + 1 < len && buf[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

static bool is_tchar(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || (ch && strchr("!#$%&'*+-.^_`|~", ch));
}

/* The next line of the header section, NUL-terminated in place. */
static char *next_line(char **cursor)
{
	char *line = *cursor, *nl = strchr(line, '\n');

	if (!nl)
		return NULL;
	*nl = '\0';
	if (nl > line && nl[-1] == '\r')
		nl[-1] = '\0';
	*cursor = nl + 1;
	return line;
}

struct head_info {
	size_t content_length;
	bool has_length;
	bool expect_continue;
};

static int bad_request(struct http_response *resp, const char *message)
{
	api_error(resp, 400, message, NULL);
	return 1;
}

/*
 * Parse the header section (@len bytes at @buf, which ends in an empty
 * line) into @req and @info.  0, or 1 with an error reply in @resp.
 */
static int parse_head(struct conn *c, char *buf, size_t len,
		      struct http_request *req, struct head_info *info,
		      struct http_response *resp)
{
	char *cursor = buf, *line, *sp1, *sp2, *colon, *value, *end;
	size_t target_len, n, i;
	unsigned long long cl;

	if (memchr(buf, '\0', len))
		return bad_request(resp, "NUL byte in the request header");
	buf[len - 1] = '\0';	/* the last '\n': the section is a string now */
	line = next_line(&cursor);
	sp1 = line ? strchr(line, ' ') : NULL;
	sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
	if (!sp2 || strchr(sp2 + 1, ' '))
		return bad_request(resp, "malformed request line");
	n = (size_t)(sp1 - line);
	if (!n || n >= sizeof(req->method))
		return bad_request(resp, "malformed request method");
	for (i = 0; i < n; i++)
		if (line[i] < 'A' || line[i] > 'Z')
			return bad_request(resp, "malformed request method");
	memcpy(req->method, line, n);
	req->method[n] = '\0';
	*sp2 = '\0';
	req->target = sp1 + 1;
	target_len = strlen(req->target);
	if (target_len > HTTP_TARGET_MAX)
		return bad_request(resp, "request target too long");
	if (req->target[0] != '/')
		return bad_request(resp, "request target must be a path");
	for (i = 0; i < target_len; i++)
		if (req->target[i] <= 0x20 || req->target[i] >= 0x7f)
			return bad_request(resp, "malformed request target");
	if (strcmp(sp2 + 1, "HTTP/1.1") && strcmp(sp2 + 1, "HTTP/1.0"))
		return bad_request(resp, "only HTTP/1.1 and HTTP/1.0 are served");
	n = strcspn(req->target, "?");
	memcpy(c->path, req->target, n);
	c->path[n] = '\0';
	req->path = c->path;
	req->query = req->target[n] ? req->target + n + 1 : NULL;

	while ((line = next_line(&cursor)) && *line) {
		colon = strchr(line, ':');
		if (!colon || colon == line)
			return bad_request(resp, "malformed header field");
		for (sp1 = line; sp1 < colon; sp1++)
			if (!is_tchar(*sp1))
				return bad_request(resp, "malformed header field");
		*colon = '\0';
		value = colon + 1 + strspn(colon + 1, " \t");
		end = value + strlen(value);
		while (end > value && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (!strcasecmp(line, "Transfer-Encoding"))
			return bad_request(resp, "Transfer-Encoding is not supported: send Content-Length");
		if (!strcasecmp(line, "Expect")) {
			if (strcasecmp(value, "100-continue"))
				return bad_request(resp, "unsupported Expect");
			info->expect_continue = true;
		}
		if (strcasecmp(line, "Content-Length"))
			continue;
		if (!*value || strspn(value, "0123456789") != strlen(value) ||
		    strlen(value) > 18)
			return bad_request(resp, "malformed Content-Length");
		cl = strtoull(value, NULL, 10);
		if (info->has_length && cl != info->content_length)
			return bad_request(resp, "conflicting Content-Length");
		info->has_length = true;
		info->content_length = (size_t)cl;
	}
	if (info->content_length > KME_BODY_MAX) {
		api_error(resp, 413, "request body over 64 KiB", NULL);
		return 1;
	}
	return 0;
}

/*
 * Read one request into @req, pointing into @buf (HTTP_HEADER_MAX +
 * KME_BODY_MAX + 1 bytes).  0: read; 1: @resp holds the error reply to a
 * request that cannot be served; -1: drop the connection (c->why says why).
 */
static int read_request(struct conn *c, char *buf, struct http_request *req,
			struct http_response *resp)
{
	static const char go_on[] = "HTTP/1.1 100 Continue\r\n\r\n";
	struct head_info info = { 0 };
	size_t len = 0, end = 0, got, have;

	while (!end) {
		if (len == HTTP_HEADER_MAX) {
			api_error(resp, 431, "request header section over 16 KiB", NULL);
			return 1;
		}
		if (tls_read(c, buf + len, HTTP_HEADER_MAX - len, &got))
			return -1;
		end = head_end(buf, len + got, len > 2 ? len - 2 : 0);
		len += got;
	}
	if (parse_head(c, buf, end, req, &info, resp))
		return 1;
	have = len - end;
	if (have < info.content_length && info.expect_continue &&
	    tls_write(c, go_on, sizeof(go_on) - 1))
		return -1;
	while (have < info.content_length) {
		if (tls_read(c, buf + end + have, info.content_length - have, &got))
			return -1;
		have += got;
	}
	buf[end + info.content_length] = '\0';
	req->body = buf + end;
	req->body_len = info.content_length;
	return 0;
}

static const char *reason_phrase(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 404: return "Not Found";
	case 413: return "Content Too Large";
	case 431: return "Request Header Fields Too Large";
	case 503: return "Service Unavailable";
	default: return "Error";
	}
}

static int write_response(struct conn *c, const struct http_response *resp)
{
	char head[256];
	int n;

	n = snprintf(head, sizeof(head),
		     "HTTP/1.1 %d %s\r\n"
		     "Content-Type: application/json\r\n"
		     "Content-Length: %zu\r\n"
		     "Cache-Control: no-store\r\n"
		     "Connection: close\r\n\r\n",
		     resp->status, reason_phrase(resp->status), resp->len);
	if (tls_write(c, head, (size_t)n))
		return -1;
	return resp->len ? tls_write(c, resp->body, resp->len) : 0;
}

/*
 * Read and drop what the client still sends for a while: closing with
 * unread data would reset the connection and lose the reply on its way.
 */
static void linger(struct conn *c)
{
	uint64_t until = kme_now_ms() + HTTP_LINGER_MS, now;
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	struct timespec ts;
	char sink[4096];
	ssize_t n;

	if (shutdown(c->fd, SHUT_WR))
		return;
	while (!kme_stop && (now = kme_now_ms()) < until) {
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(until - now) * 1000000;
		if (ppoll(&pfd, 1, &ts, &kme_wait_mask) <= 0)
			continue;
		n = recv(c->fd, sink, sizeof(sink), 0);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
			return;
	}
}

static void log_request(const struct conn *c, const struct http_request *req,
			const struct http_response *resp, const char *error)
{
	char kme[KME_LOG_ID_MAX], sae[KME_LOG_ID_MAX];
	char target[LOG_TARGET_MAX];

	kme_log_field(kme, sizeof(kme), c->cfg->ep[c->ep].kme_id);
	kme_log_field(sae, sizeof(sae), c->sae[0] ? c->sae : "-");
	kme_log_field(target, sizeof(target), req && req->target ? req->target : "-");
	if (!req) {
		kme_log("kme=%s peer=%s sae=%s error=\"%s\"", kme, c->peer, sae, error);
		return;
	}
	kme_log("kme=%s peer=%s sae=%s method=%s path=%s status=%d keys=%u%s%s%s",
		kme, c->peer, sae, req->method[0] ? req->method : "-", target,
		resp->status, resp->keys, error ? " error=\"" : "",
		error ? error : "", error ? "\"" : "");
}

static void serve_conn(const struct kme_config *cfg, size_t ep, int fd,
		       const struct sockaddr_storage *sa, socklen_t salen)
{
	struct conn c = { .cfg = cfg, .ep = ep, .fd = fd };
	struct http_request req = { 0 };
	struct http_response resp = { 0 };
	char host[NI_MAXHOST], serv[NI_MAXSERV];
	char *buf = NULL;
	bool has_sae;
	int ret;

	if (getnameinfo((const struct sockaddr *)sa, salen, host, sizeof(host),
			serv, sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV))
		strcpy(c.peer, "?");
	else
		snprintf(c.peer, sizeof(c.peer), strchr(host, ':') ?
			 "[%s]:%s" : "%s:%s", host, serv);

	c.ssl = SSL_new(cfg->ep[ep].ctx);
	if (!c.ssl || SSL_set_fd(c.ssl, fd) != 1) {
		log_request(&c, NULL, NULL, ssl_reason());
		goto out;
	}
	c.deadline = kme_now_ms() + HTTP_TIMEOUT_MS;
	for (;;) {
		ERR_clear_error();
		ret = SSL_accept(c.ssl);
		if (ret == 1)
			break;
		if (conn_wait(&c, ret)) {
			char why[sizeof(c.why) + 32];

			snprintf(why, sizeof(why), "TLS handshake failed: %s", c.why);
			log_request(&c, NULL, NULL, why);
			goto out;
		}
	}

	has_sae = !peer_sae_id(c.ssl, c.sae);
	if (has_sae)
		pool_note_sae(c.sae, ep);
	else
		c.sae[0] = '\0';

	buf = malloc(HTTP_HEADER_MAX + KME_BODY_MAX + 1);
	if (!buf) {
		api_error(&resp, 503, "out of memory", NULL);
		ret = 1;
	} else {
		ret = read_request(&c, buf, &req, &resp);
	}
	if (ret < 0) {
		log_request(&c, NULL, NULL, c.why);
		goto out;
	}
	if (!ret && !has_sae)
		api_error(&resp, 401, "the client certificate has no usable CN", NULL);
	else if (!ret)
		api_handle(cfg, ep, c.sae, &req, &resp);
	/* A fresh deadline: --fault slow may have used up the first. */
	c.deadline = kme_now_ms() + HTTP_TIMEOUT_MS;
	if (write_response(&c, &resp)) {
		log_request(&c, &req, &resp, c.why);
		goto out;
	}
	log_request(&c, &req, &resp, NULL);
	ERR_clear_error();
	if (SSL_shutdown(c.ssl) < 0)
		ERR_clear_error();
	if (ret > 0)
		linger(&c);
out:
	http_response_clear(&resp);
	free(buf);
	SSL_free(c.ssl);
	close(fd);
}

int http_serve(struct kme_config *cfg)
{
	struct pollfd *pfd = calloc(cfg->n_ep, sizeof(*pfd));
	struct sockaddr_storage sa;
	socklen_t salen;
	size_t i;
	int n, fd;

	if (!pfd) {
		report("out of memory");
		return -1;
	}
	for (i = 0; i < cfg->n_ep; i++) {
		pfd[i].fd = cfg->ep[i].fd;
		pfd[i].events = POLLIN;
	}
	while (!kme_stop) {
		kme_stats_poll();
		n = ppoll(pfd, cfg->n_ep, NULL, &kme_wait_mask);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			report("poll: %s", strerror(errno));
			free(pfd);
			return -1;
		}
		for (i = 0; i < cfg->n_ep && !kme_stop; i++) {
			if (!(pfd[i].revents & POLLIN))
				continue;
			salen = sizeof(sa);
			fd = accept4(pfd[i].fd, (struct sockaddr *)&sa, &salen,
				     SOCK_NONBLOCK | SOCK_CLOEXEC);
			if (fd >= 0) {
				serve_conn(cfg, i, fd, &sa, salen);
			} else if (errno != EAGAIN && errno != EINTR &&
				   errno != ECONNABORTED) {
				/* Out of descriptors, say: give it time. */
				kme_log("kme=%s accept: %s", cfg->ep[i].kme_id,
					strerror(errno));
				kme_sleep_ms(100);
			}
		}
	}
	free(pfd);
	return 0;
}
