// SPDX-License-Identifier: GPL-2.0
/* The configuration file of "kpsec qkd watch" (watch.h). */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ini.h"
#include "watch.h"

#define WATCH_CONF_MAX (256 * 1024)
/* A store holds at most this many keys (KPSEC_QKD_STORE_MAX). */
#define STORE_MAX 4096

enum watch_key {
	W_DEVICE,
	W_KME,
	W_LOW,
	W_BATCH,
	W_KEY_SIZE,
	W_INTERVAL,
	W_PORT,
	W_COUNT
};

static const char *const watch_keys[W_COUNT] = {
	[W_DEVICE] = "Device",
	[W_KME] = "KME",
	[W_LOW] = "Low",
	[W_BATCH] = "Batch",
	[W_KEY_SIZE] = "KeySize",
	[W_INTERVAL] = "Interval",
	[W_PORT] = "Port",
};

enum peer_key {
	P_NODE,
	P_SAE,
	P_ADDRESS,
	P_BOOTSTRAP,
	P_PORT,
	P_COUNT
};

static const char *const peer_keys[P_COUNT] = {
	[P_NODE] = "Node",
	[P_SAE] = "SAE",
	[P_ADDRESS] = "Address",
	[P_BOOTSTRAP] = "BootstrapAddress",
	[P_PORT] = "Port",
};

struct parser {
	const char *path;
	struct watch_config *conf;
	unsigned int line;
	unsigned int watch_line;	/* the first [Watch] */
	unsigned int watch_key_line[W_COUNT];
	struct watch_peer *peer;	/* the [Peer] being read, or NULL in [Watch] */
	unsigned int peer_key_line[P_COUNT];
	size_t peers_room;
	char *err;
	size_t errlen;
};

static int perr(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int perr(struct parser *p, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s:%u: %s", p->path, p->line, what);
	return -1;
}

/* A decimal from @min to @max, or a report naming @name. */
static int number(struct parser *p, const char *name, const char *v, unsigned long min,
		  unsigned long max, unsigned int *out)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (!isdigit((unsigned char)v[0]) || *end || errno || n < min || n > max)
		return perr(p, "invalid %s \"%.32s\": expected a whole number from %lu to %lu",
			    name, v, min, max);
	*out = (unsigned int)n;
	return 0;
}

static int address(struct parser *p, const char *name, const char *v, struct watch_addr *a)
{
	struct sockaddr_in *in = (struct sockaddr_in *)&a->sa;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&a->sa;

	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, v, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		a->len = sizeof(*in);
	} else if (inet_pton(AF_INET6, v, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		a->len = sizeof(*in6);
	} else {
		return perr(p, "invalid %s \"%.64s\": expected an IPv4 or IPv6 address", name, v);
	}
	snprintf(a->text, sizeof(a->text), "%s", v);
	return 0;
}

static int watch_value(struct parser *p, enum watch_key k, const char *v)
{
	struct watch_config *c = p->conf;
	const char *slash;
	int n;

	switch (k) {
	case W_DEVICE:
		if (strlen(v) >= IFNAMSIZ || strchr(v, '/') || strchr(v, ' '))
			return perr(p, "invalid Device \"%.32s\": not a network device name", v);
		memcpy(c->device, v, strlen(v) + 1);
		return 0;
	case W_KME:
		slash = strrchr(p->path, '/');
		if (v[0] == '/' || !slash)
			n = snprintf(c->kmeconf, sizeof(c->kmeconf), "%s", v);
		else
			n = snprintf(c->kmeconf, sizeof(c->kmeconf), "%.*s/%s",
				     (int)(slash - p->path), p->path, v);
		if (n < 0 || (size_t)n >= sizeof(c->kmeconf))
			return perr(p, "KME path is too long");
		return 0;
	case W_LOW:
		return number(p, "Low", v, 1, STORE_MAX - 1, &c->low);
	case W_BATCH:
		return number(p, "Batch", v, 1, QKD_CONTAINER_MAX, &c->batch);
	case W_KEY_SIZE:
		if (number(p, "KeySize", v, QKD_KEY_MIN_BYTES * 8, QKD_KEY_MAX_BYTES * 8, &c->key_size))
			return -1;
		if (c->key_size % 8)
			return perr(p, "invalid KeySize %u: not a multiple of 8 bits", c->key_size);
		return 0;
	case W_INTERVAL:
		return number(p, "Interval", v, 1, WATCH_INTERVAL_MAX, &c->interval);
	case W_PORT:
	default:
		return number(p, "Port", v, 1, 65535, &c->port);
	}
}

static int peer_value(struct parser *p, enum peer_key k, const char *v)
{
	struct watch_peer *peer = p->peer;
	size_t i;

	switch (k) {
	case P_NODE:
		if (number(p, "Node", v, 1, 0xfffffffeUL, &peer->node))
			return -1;
		for (i = 0; i + 1 < p->conf->n_peers; i++)
			if (p->conf->peers[i].node == peer->node)
				return perr(p, "node %u has a [Peer] section already (line %u)",
					    peer->node, p->conf->peers[i].line);
		return 0;
	case P_SAE:
		if (!etsi_sae_id_valid(v))
			return perr(p, "invalid SAE \"%.64s\": 1 to %d of A-Z a-z 0-9 - . _ ~, not starting with '.'",
				    v, ETSI_ID_MAX);
		snprintf(peer->sae, sizeof(peer->sae), "%s", v);
		return 0;
	case P_ADDRESS:
		return address(p, "Address", v, &peer->addr);
	case P_BOOTSTRAP:
		peer->has_bootstrap = true;
		return address(p, "BootstrapAddress", v, &peer->bootstrap);
	case P_PORT:
	default:
		return number(p, "Port", v, 1, 65535, &peer->port);
	}
}

/* The [Peer] just read is complete. */
static int end_peer(struct parser *p)
{
	struct watch_peer *peer = p->peer;
	unsigned int line = p->line;
	enum peer_key k;
	int ret = 0;

	if (!peer)
		return 0;
	p->line = peer->line;
	for (k = P_NODE; k <= P_ADDRESS; k++)
		if (!p->peer_key_line[k]) {
			ret = perr(p, "[Peer] has no %s: Node, SAE and Address are required",
				   peer_keys[k]);
			break;
		}
	p->line = line;
	return ret;
}

static int on_section(void *ctx, struct ini_span name, unsigned int line)
{
	struct parser *p = ctx;

	if (end_peer(p))
		return -1;
	if (ini_is_word(name, "watch")) {
		p->peer = NULL;
		if (!p->watch_line)
			p->watch_line = line;
		return 0;
	}
	if (!ini_is_word(name, "peer"))
		return perr(p, "unknown section: expected [Watch] or [Peer]");
	if (p->conf->n_peers == WATCH_PEERS_MAX)
		return perr(p, "more than %d [Peer] sections", WATCH_PEERS_MAX);
	if (p->conf->n_peers == p->peers_room) {
		size_t room = p->peers_room ? 2 * p->peers_room : 8;
		struct watch_peer *peers = reallocarray(p->conf->peers, room, sizeof(*peers));

		if (!peers)
			return perr(p, "out of memory");
		p->conf->peers = peers;
		p->peers_room = room;
	}
	p->peer = &p->conf->peers[p->conf->n_peers++];
	memset(p->peer, 0, sizeof(*p->peer));
	p->peer->line = line;
	memset(p->peer_key_line, 0, sizeof(p->peer_key_line));
	return 0;
}

static int on_key_value(void *ctx, struct ini_span key, struct ini_span value, unsigned int line)
{
	struct parser *p = ctx;
	const char *const *names = p->peer ? peer_keys : watch_keys;
	unsigned int *lines = p->peer ? p->peer_key_line : p->watch_key_line;
	size_t k, count = p->peer ? P_COUNT : W_COUNT;
	char v[INI_LINE_MAX + 1];

	for (k = 0; k < count; k++)
		if (ini_is_word(key, names[k]))
			break;
	if (k == count)
		return p->peer ?
		       perr(p, "unknown key \"%.*s\" in [Peer]: expected Node, SAE, Address, BootstrapAddress or Port",
			    (int)(key.n > 64 ? 64 : key.n), key.s) :
		       perr(p, "unknown key \"%.*s\" in [Watch]: expected Device, KME, Low, Batch, KeySize, Interval or Port",
			    (int)(key.n > 64 ? 64 : key.n), key.s);
	if (lines[k])
		return perr(p, "%s given twice (line %u)", names[k], lines[k]);
	if (!value.n)
		return perr(p, "%s has no value", names[k]);
	snprintf(v, sizeof(v), "%.*s", (int)value.n, value.s);
	if (strlen(v) != value.n)
		return perr(p, "%s holds a NUL character", names[k]);
	lines[k] = line;
	return p->peer ? peer_value(p, (enum peer_key)k, v) : watch_value(p, (enum watch_key)k, v);
}

static const struct ini_ops watch_ops = {
	.section = on_section,
	.key_value = on_key_value,
};

static void fill_port(struct watch_addr *a, unsigned int port)
{
	if (a->sa.ss_family == AF_INET)
		((struct sockaddr_in *)&a->sa)->sin_port = htons((uint16_t)port);
	else
		((struct sockaddr_in6 *)&a->sa)->sin6_port = htons((uint16_t)port);
}

static int check(struct parser *p)
{
	struct watch_config *c = p->conf;
	size_t i;

	p->line = p->watch_line ? p->watch_line : 1;
	if (!p->watch_line)
		return perr(p, "no [Watch] section: expected [Watch] with Device and KME");
	if (!p->watch_key_line[W_DEVICE] || !p->watch_key_line[W_KME])
		return perr(p, "[Watch] has no %s: Device and KME are required",
			    p->watch_key_line[W_DEVICE] ? "KME" : "Device");
	if (!c->n_peers)
		return perr(p, "no [Peer] section: nothing to watch");
	for (i = 0; i < c->n_peers; i++) {
		struct watch_peer *peer = &c->peers[i];
		unsigned int port = peer->port ? peer->port : c->port;

		fill_port(&peer->addr, port);
		if (peer->has_bootstrap)
			fill_port(&peer->bootstrap, port);
	}
	return 0;
}

int watch_config_load(const char *path, struct watch_config *conf, char *err, size_t errlen)
{
	struct parser p = { .path = path, .conf = conf, .err = err, .errlen = errlen };
	int ret = 0;
	size_t len;
	char *text;

	memset(conf, 0, sizeof(*conf));
	conf->low = WATCH_LOW_DEFAULT;
	conf->batch = WATCH_BATCH_DEFAULT;
	conf->interval = WATCH_INTERVAL_DEFAULT;
	conf->port = WATCH_PORT_DEFAULT;
	text = ini_read_file(path, WATCH_CONF_MAX, &len);
	if (!text) {
		if (errno == E2BIG)
			snprintf(err, errlen, "watch configuration file \"%s\" is too long: at most %d bytes",
				 path, WATCH_CONF_MAX);
		else
			snprintf(err, errlen, "cannot open watch configuration file \"%s\": %s",
				 path, strerror(errno));
		return -1;
	}
	switch (ini_parse(text, len, &watch_ops, &p, &p.line)) {
	case INI_OK:
		ret = end_peer(&p) ?: check(&p);
		break;
	case INI_CALLBACK:
		ret = -1;
		break;
	case INI_LINE_TOO_LONG:
		ret = perr(&p, "line longer than %d characters", INI_LINE_MAX);
		break;
	case INI_BAD_HEADER:
		ret = perr(&p, "malformed section header: expected [Watch] or [Peer]");
		break;
	case INI_NO_EQUALS:
		ret = perr(&p, "no '=' in the line: expected KEY = VALUE or a section header");
		break;
	case INI_OUTSIDE_SECTION:
		ret = perr(&p, "KEY = VALUE outside a section: start with [Watch]");
		break;
	}
	free(text);
	if (ret)
		watch_config_free(conf);
	return ret;
}

void watch_config_free(struct watch_config *conf)
{
	free(conf->peers);
	conf->peers = NULL;
	conf->n_peers = 0;
}
