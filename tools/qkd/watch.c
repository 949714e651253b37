// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec qkd watch CONF
 *
 * Keeps the QKD key store of each peer of one kpsec device above a low
 * mark (watch.h).  Of each pair, the lower node ID is the master.  When
 * its store for a slave holds fewer than Low keys, the master gets a
 * batch with Get key and offers the key IDs to the slave's watch over
 * TCP, through the kpsec session when there is one:
 *
 *     master -> slave   KPSEC-QKD-WATCH 1 OFFER <master node> <slave node> <n>\n
 *                       <key ID>\n          (n times, n from 1 to 1024)
 *                       END\n
 *     slave -> master   OK <n>\n            the n keys are in its store now
 *                       ERR <reason>\n      they are not
 *
 * The slave takes only offers from its masters, from their configured
 * addresses, fetches the keys it lacks with Get key with key IDs and
 * imports them; keys it already holds count as imported, so an offer
 * repeated after a lost OK is answered without asking the KME.  Only
 * after OK does the master import its own copy: no end ever holds a key
 * the other cannot get.  A batch the slave refused is offered again
 * (the KME keeps it for the slave) up to OFFERS_MAX times, then wiped.
 *
 * Key IDs are not secret (they cross the air in every exchange) and the
 * KME hands a key only to the SAE its certificate names, so a forged
 * offer can waste keys but never learn one.
 *
 * Every failure backs off per peer, 1 s doubling to 60 s; success resets
 * it.  One thread: the listening socket and the peers' timers in one
 * poll loop.  The wait-for graph follows increasing node IDs (a master
 * waits on its slave only), so two watches never wait on each other.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../cli/device.h"
#include "../cli/genl.h"
#include "../cli/qkd.h"
#include "../cli/qkd_store.h"
#include "../cli/util.h"
#include "container.h"
#include "etsi014.h"
#include "watch.h"

#define WATCH_MAGIC "KPSEC-QKD-WATCH"
#define WATCH_VERSION 1
#define BACKOFF_MAX 60
#define OFFERS_MAX 5
#define CONNECT_TIMEOUT_MS 5000
/* A peer's offer must arrive whole within this. */
#define OFFER_READ_TIMEOUT 10
/* The header, 1024 IDs and END. */
#define OFFER_MAX (128 + QKD_CONTAINER_MAX * (QKD_UUID_STR_LEN + 1) + 8)
#define STORE_MAX 4096

/* The state of one peer; the master side only but for the config. */
struct watch_state {
	const struct watch_peer *peer;
	bool master;
	struct qkd_keys pending;	/* fetched, not yet accepted by the slave */
	unsigned int offers;		/* times @pending was offered */
	unsigned int backoff;		/* seconds; 0 after a success */
	double next;			/* when to look at the store again */
};

struct watch {
	struct watch_config conf;
	struct etsi_config kme;
	struct etsi_client *client;
	unsigned int ifindex;
	uint32_t node;
	int listen_fd;
	struct watch_state *peers;
	double start;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One log line on standard output, seconds since the start first. */
static void say(const struct watch *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(const struct watch *w, const char *fmt, ...)
{
	va_list ap;

	printf("%9.3f ", now() - w->start);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void usage(void)
{
	puts("Usage: kpsec qkd watch CONF\n"
	     "\n"
	     "Keep the QKD key store of each peer of a kpsec device above a low mark,\n"
	     "from a KME (ETSI GS QKD 014), until interrupted.  Of each pair of nodes the\n"
	     "lower node ID is the master: it gets new keys with Get key and offers their\n"
	     "key IDs to the other node's watch over TCP; that one gets the same keys by\n"
	     "ID and imports them, and then the master imports its copy.  Errors back off\n"
	     "per peer, from 1 s doubling to 60 s.  Run it on both nodes of every pair.\n"
	     "\n"
	     "CONF looks like this (see kpsec-qkd(8)):\n"
	     "\n"
	     "  [Watch]\n"
	     "  Device = kpsec0              # the kpsec device\n"
	     "  KME = kme.conf               # this node's KMECONF (see \"kpsec qkd status help\")\n"
	     "  Low = 64                     # refill a store holding fewer keys (1 to 4095)\n"
	     "  Batch = 128                  # keys per refill (1 to 1024)\n"
	     "  KeySize = 256                # bits, 128 to 1024 (the KME's size)\n"
	     "  Interval = 5                 # seconds between looks at the stores (1 to 3600)\n"
	     "  Port = 5290                  # TCP port that key IDs arrive on\n"
	     "\n"
	     "  [Peer]                       # one for each peer\n"
	     "  Node = 2                     # its node ID\n"
	     "  SAE = sae-2                  # its SAE ID\n"
	     "  Address = 10.42.0.2          # its kpsec address\n"
	     "  BootstrapAddress = 192.0.2.2 # optional: used while this node's store is empty\n"
	     "  Port = 5290                  # optional: its watch's port\n"
	     "\n"
	     "It logs one line for each refill and each failure on standard output.\n"
	     "Needs CAP_NET_ADMIN.");
}

/* --- the store ----------------------------------------------------------- */

/* Keys in this node's store for @node: 0 .. STORE_MAX, or -1 after reporting. */
static long store_available(const struct watch *w, uint32_t node)
{
	const struct kpsec_qkd_store_info *s;
	struct kpsec_qkd_list list = { 0 };
	struct kpsec_genl genl;
	long ret = -1;

	if (!kpsec_genl_open(&genl))
		return -1;
	if (kpsec_fetch_qkd(&genl, w->ifindex, w->conf.device, 0, &list)) {
		s = list.n_devices ? kpsec_qkd_find_store(&list.devices[0], node) : NULL;
		ret = s ? (long)s->available : 0;
	}
	kpsec_qkd_list_free(&list);
	kpsec_genl_close(&genl);
	return ret;
}

/*
 * Which of the @n IDs at @ids this node's store for @node holds: marks
 * them in @held.  false after reporting.
 */
static bool store_holds(const struct watch *w, uint32_t node,
			const uint8_t (*ids)[QKD_KEY_ID_LEN], size_t n, bool *held)
{
	const struct kpsec_qkd_store_info *s;
	struct kpsec_qkd_list list = { 0 };
	struct kpsec_genl genl;
	bool ok = false;
	size_t i, j;

	memset(held, 0, n * sizeof(*held));
	if (!kpsec_genl_open(&genl))
		return false;
	if (kpsec_fetch_qkd(&genl, w->ifindex, w->conf.device, node, &list)) {
		s = list.n_devices ? kpsec_qkd_find_store(&list.devices[0], node) : NULL;
		for (i = 0; s && i < n; i++)
			for (j = 0; j < s->n_key_ids && !held[i]; j++)
				held[i] = !memcmp(ids[i], s->key_ids[j], QKD_KEY_ID_LEN);
		ok = true;
	}
	kpsec_qkd_list_free(&list);
	kpsec_genl_close(&genl);
	return ok;
}

/* --- sockets ------------------------------------------------------------- */

static void set_timeouts(int fd, unsigned int seconds)
{
	struct timeval tv = { .tv_sec = seconds };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

static bool send_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = send(fd, buf, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

/*
 * Read into @buf (@cap bytes, NUL-terminated) until it ends with @end,
 * the peer closes or the timeout strikes.  The bytes read, or -1.
 */
static ssize_t recv_until(int fd, char *buf, size_t cap, const char *end)
{
	size_t len = 0, elen = strlen(end);
	ssize_t n;

	while (len + 1 < cap) {
		n = recv(fd, buf + len, cap - 1 - len, 0);
		if (n < 0 && errno == EINTR && !stop)
			continue;
		if (n < 0)
			return -1;
		if (!n)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		if (len >= elen && !strcmp(buf + len - elen, end))
			break;
	}
	buf[len] = '\0';
	return (ssize_t)len;
}

/* A TCP connection to @a within CONNECT_TIMEOUT_MS, or -1 with errno. */
static int connect_to(const struct watch_addr *a)
{
	struct pollfd pfd;
	socklen_t elen;
	int fd, err;

	fd = socket(a->sa.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (const struct sockaddr *)&a->sa, a->len) && errno != EINPROGRESS)
		goto fail;
	pfd = (struct pollfd){ .fd = fd, .events = POLLOUT };
	err = poll(&pfd, 1, CONNECT_TIMEOUT_MS);
	if (err <= 0) {
		errno = err ? errno : ETIMEDOUT;
		goto fail;
	}
	elen = sizeof(err);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) || err) {
		errno = err ? err : errno;
		goto fail;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

/* The listening socket: IPv6 taking IPv4 too where the host has IPv6. */
static int listen_on(unsigned int port)
{
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port) };
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int fd, zero = 0, one = 1;

	fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0) {
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
		if (!bind(fd, (struct sockaddr *)&in6, sizeof(in6)) && !listen(fd, 16))
			return fd;
		close(fd);
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (!bind(fd, (struct sockaddr *)&in, sizeof(in)) && !listen(fd, 16))
		return fd;
	one = errno;
	close(fd);
	errno = one;
	return -1;
}

/* Whether @sa (from accept) is the address @a, IPv4-mapped or not. */
static bool same_host(const struct sockaddr_storage *sa, const struct watch_addr *a)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;
	const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;
	const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)&a->sa;
	const struct sockaddr_in *a4 = (const struct sockaddr_in *)&a->sa;

	if (sa->ss_family == AF_INET6 && a->sa.ss_family == AF_INET6)
		return !memcmp(&s6->sin6_addr, &a6->sin6_addr, sizeof(a6->sin6_addr));
	if (sa->ss_family == AF_INET && a->sa.ss_family == AF_INET)
		return s4->sin_addr.s_addr == a4->sin_addr.s_addr;
	if (sa->ss_family == AF_INET6 && a->sa.ss_family == AF_INET)
		return IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr) &&
		       !memcmp(&s6->sin6_addr.s6_addr[12], &a4->sin_addr, 4);
	return false;
}

/* --- the master ---------------------------------------------------------- */

/*
 * Offer the IDs of @st->pending to the slave; true once it answered OK.
 * @why gets the reason otherwise.
 */
static bool offer(const struct watch *w, struct watch_state *st, bool bootstrap,
		  char *why, size_t whylen)
{
	const struct watch_peer *peer = st->peer;
	const struct watch_addr *a = bootstrap ? &peer->bootstrap : &peer->addr;
	char *msg, reply[256];
	size_t i, len;
	unsigned long n;
	int fd, off;
	bool ok = false;

	fd = connect_to(a);
	if (fd < 0) {
		snprintf(why, whylen, "cannot reach its watch at %s: %s", a->text, strerror(errno));
		return false;
	}
	/* The slave asks its KME before it answers. */
	set_timeouts(fd, 2 * w->kme.timeout + OFFER_READ_TIMEOUT);
	msg = xcalloc(1, OFFER_MAX);
	off = snprintf(msg, OFFER_MAX, "%s %d OFFER %" PRIu32 " %" PRIu32 " %zu\n", WATCH_MAGIC,
		       WATCH_VERSION, w->node, peer->node, st->pending.n);
	len = (size_t)off;
	for (i = 0; i < st->pending.n; i++) {
		qkd_uuid_format(msg + len, st->pending.k[i].id);
		len += QKD_UUID_STR_LEN;
		msg[len++] = '\n';
	}
	len += (size_t)snprintf(msg + len, OFFER_MAX - len, "END\n");
	if (!send_all(fd, msg, len)) {
		snprintf(why, whylen, "sending to %s: %s", a->text, strerror(errno));
		goto out;
	}
	if (recv_until(fd, reply, sizeof(reply), "\n") <= 0) {
		snprintf(why, whylen, "no answer from %s", a->text);
		goto out;
	}
	reply[strcspn(reply, "\r\n")] = '\0';
	if (!strncmp(reply, "ERR ", 4)) {
		snprintf(why, whylen, "refused: %.200s", reply + 4);
	} else if (sscanf(reply, "OK %lu", &n) != 1 || n != st->pending.n) {
		snprintf(why, whylen, "a malformed answer from %s", a->text);
	} else {
		ok = true;
	}
out:
	free(msg);
	close(fd);
	return ok;
}

static void back_off(struct watch *w, struct watch_state *st, const char *what)
{
	st->backoff = st->backoff ? st->backoff * 2 : 1;
	if (st->backoff > BACKOFF_MAX)
		st->backoff = BACKOFF_MAX;
	st->next = now() + st->backoff;
	say(w, "peer %" PRIu32 ": %s; retry in %u s", st->peer->node, what, st->backoff);
}

/* Get a batch for the slave from the KME into @st->pending. */
static bool fetch_batch(struct watch *w, struct watch_state *st, long available)
{
	unsigned int want = w->conf.batch;
	struct etsi_status status;
	char err[512], what[640];
	enum etsi_err e;

	if (want > STORE_MAX - available)
		want = (unsigned int)(STORE_MAX - available);
	e = etsi_get_status(w->client, st->peer->sae, &status, err, sizeof(err));
	if (!e) {
		if (want > status.max_key_per_request)
			want = (unsigned int)status.max_key_per_request;
		if (status.stored_key_count && want > status.stored_key_count)
			want = (unsigned int)status.stored_key_count;
		e = etsi_get_key(w->client, st->peer->sae, &status, want, w->conf.key_size,
				 &st->pending, err, sizeof(err));
	}
	if (e) {
		snprintf(what, sizeof(what), "KME: %s: %.500s", etsi_err_name(e), err);
		back_off(w, st, what);
		return false;
	}
	st->offers = 0;
	say(w, "peer %" PRIu32 ": store holds %ld, below %u: got %zu keys from the KME",
	    st->peer->node, available, w->conf.low, st->pending.n);
	return true;
}

/* One look at the store for a slave, and a refill when it runs low. */
static void tend(struct watch *w, struct watch_state *st)
{
	char why[512], what[640];
	long available;
	bool bootstrap;
	size_t n;

	available = store_available(w, st->peer->node);
	if (available < 0) {
		back_off(w, st, "cannot read the store");
		return;
	}
	if (!st->pending.n && available >= w->conf.low) {
		st->backoff = 0;
		st->next = now() + w->conf.interval;
		return;
	}
	if (!st->pending.n && !fetch_batch(w, st, available))
		return;
	bootstrap = st->peer->has_bootstrap && !available;
	st->offers++;
	if (!offer(w, st, bootstrap, why, sizeof(why))) {
		snprintf(what, sizeof(what), "offer %u of %zu key IDs%s: %s", st->offers,
			 st->pending.n, bootstrap ? " (bootstrap)" : "", why);
		if (st->offers >= OFFERS_MAX) {
			snprintf(what + strlen(what), sizeof(what) - strlen(what),
				 "; %zu keys dropped", st->pending.n);
			qkd_keys_free(&st->pending);
		}
		back_off(w, st, what);
		return;
	}
	n = st->pending.n;
	if (qkd_import(w->conf.device, st->peer->node, &st->pending)) {
		qkd_keys_free(&st->pending);
		back_off(w, st, "the peer took the keys but this node's import failed");
		return;
	}
	qkd_keys_free(&st->pending);
	say(w, "peer %" PRIu32 ": +%zu keys at both ends%s, store holds %ld", st->peer->node, n,
	    bootstrap ? " (bootstrap)" : "", available + (long)n);
	st->backoff = 0;
	/* Still low (a small Batch, or the KME's limits): go on at once. */
	st->next = available + (long)n < w->conf.low ? now() : now() + w->conf.interval;
}

/* --- the slave ----------------------------------------------------------- */

static struct watch_state *find_peer(struct watch *w, uint32_t node)
{
	size_t i;

	for (i = 0; i < w->conf.n_peers; i++)
		if (w->peers[i].peer->node == node)
			return &w->peers[i];
	return NULL;
}

/*
 * Check an offer and take its keys.  0 and the count in *@taken, or -1
 * with the reason in @why (sent back as ERR).
 */
static int take_offer(struct watch *w, char *msg, const struct sockaddr_storage *from,
		      const struct watch_state **master, size_t *taken, char *why, size_t whylen)
{
	uint8_t (*ids)[QKD_KEY_ID_LEN] = NULL, (*missing)[QKD_KEY_ID_LEN] = NULL;
	const struct watch_state *st;
	struct qkd_keys keys = { 0 };
	char magic[32], verb[16], *line, *save;
	uint32_t src, dst;
	unsigned int version;
	size_t n, i, j, m = 0;
	bool *held = NULL;
	char err[512];
	enum etsi_err e;
	int ret = -1;

	*master = NULL;
	line = strtok_r(msg, "\n", &save);
	if (!line || sscanf(line, "%31s %u %15s %" SCNu32 " %" SCNu32 " %zu", magic, &version,
			    verb, &src, &dst, &n) != 6 || strcmp(magic, WATCH_MAGIC) ||
	    strcmp(verb, "OFFER")) {
		snprintf(why, whylen, "not a key ID offer");
		return -1;
	}
	if (version != WATCH_VERSION) {
		snprintf(why, whylen, "protocol version %u, this watch speaks %d", version, WATCH_VERSION);
		return -1;
	}
	st = find_peer(w, src);
	if (dst != w->node || !st) {
		snprintf(why, whylen, "an offer from node %" PRIu32 " to node %" PRIu32
			 ": this is node %" PRIu32 " and has no [Peer] for %" PRIu32,
			 src, dst, w->node, src);
		return -1;
	}
	*master = st;
	if (src > w->node) {
		snprintf(why, whylen, "node %" PRIu32 " is not the master of node %" PRIu32,
			 src, w->node);
		return -1;
	}
	if (!same_host(from, &st->peer->addr) &&
	    !(st->peer->has_bootstrap && same_host(from, &st->peer->bootstrap))) {
		snprintf(why, whylen, "node %" PRIu32 " offers from an address not in its [Peer]", src);
		return -1;
	}
	if (!n || n > QKD_CONTAINER_MAX) {
		snprintf(why, whylen, "%zu key IDs: 1 to %d per offer", n, QKD_CONTAINER_MAX);
		return -1;
	}
	ids = xcalloc(n, sizeof(*ids));
	missing = xcalloc(n, sizeof(*missing));
	held = xcalloc(n, sizeof(*held));
	for (i = 0; i < n; i++) {
		line = strtok_r(NULL, "\n", &save);
		if (!line || !qkd_uuid_parse(line, ids[i])) {
			snprintf(why, whylen, "key ID %zu is not a UUID", i + 1);
			goto out;
		}
		for (j = 0; j < i; j++)
			if (!memcmp(ids[i], ids[j], QKD_KEY_ID_LEN)) {
				snprintf(why, whylen, "key ID %zu given twice", i + 1);
				goto out;
			}
	}
	line = strtok_r(NULL, "\n", &save);
	if (!line || strcmp(line, "END") || strtok_r(NULL, "\n", &save)) {
		snprintf(why, whylen, "the offer does not end after its %zu key IDs", n);
		goto out;
	}
	if (!store_holds(w, src, (const uint8_t (*)[QKD_KEY_ID_LEN])ids, n, held)) {
		snprintf(why, whylen, "cannot read the store");
		goto out;
	}
	for (i = 0; i < n; i++)
		if (!held[i])
			memcpy(missing[m++], ids[i], QKD_KEY_ID_LEN);
	if (m) {
		e = etsi_get_key_with_ids(w->client, st->peer->sae,
					  (const uint8_t (*)[QKD_KEY_ID_LEN])missing, m, &keys,
					  err, sizeof(err));
		if (e) {
			snprintf(why, whylen, "KME: %s: %.400s", etsi_err_name(e), err);
			goto out;
		}
		if (qkd_import(w->conf.device, src, &keys)) {
			snprintf(why, whylen, "the import into the store failed");
			goto out;
		}
	}
	*taken = n;
	say(w, "peer %" PRIu32 " (master): +%zu keys by ID%s", src, m,
	    m < n ? " (the rest held already)" : "");
	ret = 0;
out:
	qkd_keys_free(&keys);
	free(ids);
	free(missing);
	free(held);
	return ret;
}

static void serve(struct watch *w)
{
	const struct watch_state *master;
	struct sockaddr_storage from;
	socklen_t flen = sizeof(from);
	char why[512], reply[600];
	size_t taken = 0;
	ssize_t len;
	char *msg;
	int fd;

	fd = accept4(w->listen_fd, (struct sockaddr *)&from, &flen, SOCK_CLOEXEC);
	if (fd < 0)
		return;
	set_timeouts(fd, OFFER_READ_TIMEOUT);
	msg = xcalloc(1, OFFER_MAX);
	len = recv_until(fd, msg, OFFER_MAX, "\nEND\n");
	if (len <= 0) {
		snprintf(why, sizeof(why), "an offer that did not arrive whole");
		master = NULL;
	} else if (!take_offer(w, msg, &from, &master, &taken, why, sizeof(why))) {
		snprintf(reply, sizeof(reply), "OK %zu\n", taken);
		send_all(fd, reply, strlen(reply));
		goto out;
	}
	snprintf(reply, sizeof(reply), "ERR %s\n", why);
	send_all(fd, reply, strlen(reply));
	if (master)
		say(w, "peer %" PRIu32 " (master): offer refused: %s", master->peer->node, why);
	else
		say(w, "offer refused: %s", why);
out:
	free(msg);
	close(fd);
}

/* --- the loop ------------------------------------------------------------ */

static int setup(struct watch *w, const char *path)
{
	struct kpsec_device_list list = { 0 };
	struct kpsec_genl genl;
	char err[1024];
	size_t i;
	bool ok;

	if (watch_config_load(path, &w->conf, err, sizeof(err)) ||
	    etsi_config_load(w->conf.kmeconf, &w->kme, err, sizeof(err))) {
		report("%s", err);
		return -1;
	}
	w->ifindex = device_index("device", w->conf.device);
	if (!w->ifindex || !kpsec_genl_open(&genl))
		return -1;
	ok = kpsec_fetch_devices(&genl, w->ifindex, w->conf.device, &list);
	kpsec_genl_close(&genl);
	if (ok && list.n_devices)
		w->node = list.devices[0].node_id;
	kpsec_device_list_free(&list);
	if (!ok)
		return -1;
	if (!w->node) {
		report("%s has no node ID: set it first (kpsec set %s node-id ID)",
		       w->conf.device, w->conf.device);
		return -1;
	}
	w->peers = xcalloc(w->conf.n_peers, sizeof(*w->peers));
	for (i = 0; i < w->conf.n_peers; i++) {
		if (w->conf.peers[i].node == w->node) {
			report("%s:%u: [Peer] node %" PRIu32 " is this node (%s)", path,
			       w->conf.peers[i].line, w->node, w->conf.device);
			return -1;
		}
		w->peers[i].peer = &w->conf.peers[i];
		w->peers[i].master = w->node < w->conf.peers[i].node;
	}
	if (etsi_client_new(&w->kme, &w->client, err, sizeof(err))) {
		report("%s", err);
		return -1;
	}
	w->listen_fd = listen_on(w->conf.port);
	if (w->listen_fd < 0) {
		report("cannot listen on TCP port %u: %s", w->conf.port, strerror(errno));
		return -1;
	}
	return 0;
}

static void run(struct watch *w)
{
	struct pollfd pfd = { .fd = w->listen_fd, .events = POLLIN };
	double t, next;
	size_t i, masters = 0;
	int timeout;

	for (i = 0; i < w->conf.n_peers; i++)
		masters += w->peers[i].master;
	say(w, "watching %s (node %" PRIu32 "): %zu peers, master of %zu; low %u, batch %u; "
	    "listening on port %u", w->conf.device, w->node, w->conf.n_peers, masters,
	    w->conf.low, w->conf.batch, w->conf.port);
	while (!stop) {
		t = now();
		next = t + w->conf.interval;
		for (i = 0; i < w->conf.n_peers && !stop; i++) {
			struct watch_state *st = &w->peers[i];

			if (!st->master)
				continue;
			if (st->next <= t) {
				tend(w, st);
				t = now();
			}
			if (st->next < next)
				next = st->next;
		}
		timeout = next > t ? (int)((next - t) * 1000) + 1 : 0;
		if (!stop && poll(&pfd, 1, timeout) > 0 && (pfd.revents & POLLIN))
			serve(w);
	}
	say(w, "stopped");
}

int qkd_cmd_watch(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct watch w = { .listen_fd = -1, .start = now() };
	size_t i;
	int ret = 1;

	if (argc == 2 && is_help_word(argv[1])) {
		usage();
		return 0;
	}
	if (argc != 2) {
		report(argc < 2 ? "qkd watch needs CONF (try \"kpsec qkd watch help\")" :
				  "qkd watch takes only CONF (try \"kpsec qkd watch help\")");
		return EXIT_USAGE;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!setup(&w, argv[1])) {
		run(&w);
		ret = 0;
	}
	for (i = 0; w.peers && i < w.conf.n_peers; i++)
		qkd_keys_free(&w.peers[i].pending);
	free(w.peers);
	if (w.listen_fd >= 0)
		close(w.listen_fd);
	etsi_client_free(w.client);
	watch_config_free(&w.conf);
	return ret;
}
