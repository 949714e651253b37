// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec set DEV [lower IFNAME|none] [node-id ID] [prefix PREFIX]...
 *               [private-key FILE|none] [hello-interval MS]
 *               [neigh-timeout MS] [lsa-interval MS] [kx-rho N] [kx-theta N]
 *               [kx-timeout MS] [kx-retries N] [rekey-after-time S]
 *               [rekey-after-messages N] [sym-q N] [qkd off|hybrid|only]
 *               [qkd-on-empty refuse|keep] [qkd-max-age S] [qkd-low-watermark N]
 *               [test-flags alter-shares|bad-confirm|none] [replace-peers]
 *               [peer ID [remove] [static-key FILE|none] [endpoint MAC]]...
 *
 * Every argument is parsed and checked, and every key file read, before
 * anything is sent; then one KPSEC_CMD_SET_DEVICE carries it all, and the
 * kernel applies all of it or none.
 */
#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netlink/attr.h>

#include "addr.h"
#include "format.h"
#include "genl.h"
#include "keys.h"
#include "kx.h"
#include "parse.h"
#include "set.h"
#include "util.h"

struct peer_change {
	uint32_t node_id;
	bool remove;
	bool has_static_key;
	uint8_t static_key[KPSEC_KEY_LEN];	/* all zeros: remove the key */
	bool has_endpoint;
	uint8_t endpoint[ETH_ALEN_BYTES];
};

/*
 * The key exchange parameters: kpsec checks that each is a number that
 * fits its attribute; the ranges are the kernel's to check (theta against
 * rho, say, may depend on the current value of the other).
 */
static const struct kx_keyword {
	const char *word;
	int attr;
	uint64_t max;			/* UINT32_MAX but for a u64 attribute */
} kx_keywords[] = {
	{ "kx-rho", KPSEC_A_DEVICE_KX_RHO, UINT32_MAX },
	{ "kx-theta", KPSEC_A_DEVICE_KX_THETA, UINT32_MAX },
	{ "kx-timeout", KPSEC_A_DEVICE_KX_TIMEOUT, UINT32_MAX },
	{ "kx-retries", KPSEC_A_DEVICE_KX_RETRIES, UINT32_MAX },
	{ "rekey-after-time", KPSEC_A_DEVICE_REKEY_AFTER_TIME, UINT32_MAX },
	{ "rekey-after-messages", KPSEC_A_DEVICE_REKEY_AFTER_MESSAGES, UINT64_MAX },
};
#define KX_KEYWORDS ARRAY_SIZE(kx_keywords)

/* A u32 device attribute to set, when present. */
struct u32_change {
	bool present;
	uint32_t value;
};

struct set_request {
	const char *device;
	const char *lower;		/* NULL: unchanged; "none": unbind */
	bool has_node_id;
	uint32_t node_id;
	bool has_prefix4, has_prefix6;
	struct kpsec_prefix prefix4, prefix6;
	bool has_private_key;
	uint8_t private_key[KPSEC_KEY_LEN];	/* all zeros: remove the key */
	struct timer_change {
		bool present;
		uint32_t msecs;
	} hello_interval, neigh_timeout, lsa_interval;
	struct {
		bool present;
		uint64_t value;
	} kx[KX_KEYWORDS];
	bool has_test_flags;
	uint32_t test_flags;
	struct u32_change sym_q;	/* KPSEC_A_DEVICE_SYMRING_Q */
	/* The QKD policy: KPSEC_A_DEVICE_QKD_MODE, _ON_EMPTY, _MAX_AGE, _LOW_WATERMARK. */
	struct u32_change qkd_mode, qkd_on_empty, qkd_max_age, qkd_low;
	bool replace_peers;
	struct peer_change *peers;
	size_t n_peers;
	bool stdin_used;		/* a key was read from standard input */
	bool bad_key_file;		/* the error was in a file, not argv */
};

/*
 * The header bounds neigh-timeout from below only through hello-interval
 * (at least twice it): its smallest value follows from the smallest HELLO
 * interval.
 */
#define NEIGH_TIMEOUT_MIN (2 * KPSEC_HELLO_INTERVAL_MIN)

/* Room one peer takes in the request: nest, node id, flags, key, endpoint. */
#define PEER_ATTR_ROOM (4 + 8 + 8 + (4 + KPSEC_KEY_LEN) + (4 + 8))
/* Everything else: ifindex, flags, lower, node id, prefixes, key, timers,
 * key exchange parameters, QKD policy, nest. */
#define DEVICE_ATTR_ROOM 384
/* nla_len is 16 bits: the peers nest cannot be longer. */
#define NEST_MAX 0xffff

static void set_usage(void)
{
	puts("Usage: kpsec set DEV [lower IFNAME | none] [node-id ID]\n"
	     "                     [prefix ADDR/LEN | none4 | none6]... [private-key FILE | none]\n"
	     "                     [hello-interval MS] [neigh-timeout MS] [lsa-interval MS]\n"
	     "                     [kx-rho N] [kx-theta N] [kx-timeout MS] [kx-retries N]\n"
	     "                     [rekey-after-time S] [rekey-after-messages N] [sym-q N]\n"
	     "                     [qkd off | hybrid | only] [qkd-on-empty refuse | keep]\n"
	     "                     [qkd-max-age S] [qkd-low-watermark N]\n"
	     "                     [test-flags alter-shares | bad-confirm | none]\n"
	     "                     [replace-peers]\n"
	     "                     [peer ID [remove] [static-key FILE | none] [endpoint MAC]]...\n"
	     "\n"
	     "Change the kpsec device DEV in one request: the kernel applies all of it\n"
	     "or, when it refuses any part, none of it.\n"
	     "\n"
	     "  lower IFNAME       bind DEV to the ad-hoc interface IFNAME; none unbinds\n"
	     "  node-id ID         this node's ID, 1 to 4294967294 (decimal)\n"
	     "  prefix ADDR/LEN    the mesh prefix of ADDR's family: IPv4 length 8 to 30,\n"
	     "                     IPv6 length 64 to 126, host bits zero; none4 or none6\n"
	     "                     clears the IPv4 or IPv6 prefix.  A node's address is the\n"
	     "                     prefix with its node ID as host part\n"
	     "  private-key FILE   read this node's X25519 private key from FILE;\n"
	     "                     none removes it\n"
	     "  hello-interval MS  milliseconds between this node's HELLOs, 50 to 10000\n"
	     "                     (default 250)\n"
	     "  neigh-timeout MS   silence in milliseconds after which a neighbour is gone,\n"
	     "                     100 to 60000 and at least 2 x hello-interval\n"
	     "                     (default 1000)\n"
	     "  lsa-interval MS    milliseconds between this node's link-state\n"
	     "                     announcements, 500 to 600000 (default 5000)\n"
	     "  kx-rho N           key-paths a key exchange sends shares over, 1 to 8\n"
	     "                     (default 2)\n"
	     "  kx-theta N         shares that must agree for a key to be accepted,\n"
	     "                     1 to kx-rho (default 2)\n"
	     "  kx-timeout MS      milliseconds one key exchange attempt waits for its\n"
	     "                     answer, 100 to 60000 (default 2000)\n"
	     "  kx-retries N       further attempts after a timeout, 0 to 20 (default 3)\n"
	     "  rekey-after-time S seconds a session key is used before a new exchange,\n"
	     "                     5 to 86400 (default 120)\n"
	     "  rekey-after-messages N\n"
	     "                     frames sent with a session key before a new exchange,\n"
	     "                     16 to 2^60 (default 2^60)\n"
	     "  sym-q N            pool keys two nodes must share to be neighbours in the\n"
	     "                     key graph, 1 to 16 (default 1)\n"
	     "  qkd off | hybrid | only\n"
	     "                     session keys from the key exchange alone (off, the\n"
	     "                     default), mixed with a fresh QKD key each (hybrid), or\n"
	     "                     from QKD keys alone, no private key needed (only); a\n"
	     "                     change ends every session of DEV (see kpsec-qkd(8))\n"
	     "  qkd-on-empty refuse | keep\n"
	     "                     when an exchange finds no QKD key: end the session\n"
	     "                     (refuse, the default) or keep it up to qkd-max-age\n"
	     "  qkd-max-age S      seconds a session made with a QKD key may be used,\n"
	     "                     5 to 604800 and at least rekey-after-time (default 3600)\n"
	     "  qkd-low-watermark N\n"
	     "                     keys left in a node's QKD store that send a qkd-low\n"
	     "                     event, 0 to 4096 (default 8)\n"
	     "  test-flags alter-shares | bad-confirm | none\n"
	     "                     alter every share this node relays, or send wrong\n"
	     "                     confirmations, to test that the others detect it; only\n"
	     "                     when the module was loaded with test_knobs=1\n"
	     "  replace-peers      remove every peer not named in this command\n"
	     "  peer ID            add or change the peer whose node ID is ID; its options:\n"
	     "    remove           remove the peer\n"
	     "    static-key FILE  read the key shared with this peer from FILE;\n"
	     "                     none removes it\n"
	     "    endpoint MAC     the peer's unicast MAC address on the lower link\n"
	     "\n"
	     "Keys are read only from files holding one line of base64 (as genkey and\n"
	     "genpsk write them), never from the command line.  FILE - is standard\n"
	     "input, for one key at most.  The kernel checks a new neigh-timeout or\n"
	     "hello-interval against the other's current value too, and the key exchange\n"
	     "parameters against their ranges and each other.  Needs CAP_NET_ADMIN.\n"
	     "\n"
	     "Example: kpsec set kpsec0 lower wlan0 node-id 1 prefix 10.42.0.0/16 \\\n"
	     "             private-key node1.key peer 2 static-key 1-2.psk endpoint 02:00:00:00:00:02");
}

static void wipe_request(struct set_request *req)
{
	if (req->peers) {
		sodium_memzero(req->peers, req->n_peers * sizeof(*req->peers));
		free(req->peers);
	}
	sodium_memzero(req, sizeof(*req));
}

/* The value after keyword argv[*i], or NULL after reporting it missing. */
static const char *take_value(int argc, char **argv, int *i, const char *syntax)
{
	if (*i + 1 >= argc) {
		report("%s needs a value: %s (try \"kpsec set help\")", argv[*i], syntax);
		return NULL;
	}
	return argv[++*i];
}

static bool not_twice(bool already, const char *what)
{
	if (already)
		report("%s given twice", what);
	return !already;
}

static bool is_all_zero(const uint8_t *p, size_t len)
{
	uint8_t acc = 0;

	while (len--)
		acc |= *p++;
	return !acc;
}

/*
 * Read the key for @keyword from @path: "none" is the all-zero key that
 * removes one, "-" standard input (once), anything else a file name.
 */
static bool take_key(struct set_request *req, const char *keyword,
		     const char *path, uint8_t key[KPSEC_KEY_LEN])
{
	char what[PATH_MAX + 32];

	if (!strcmp(path, "none")) {
		memset(key, 0, KPSEC_KEY_LEN);
		return true;
	}
	if (!strcmp(path, "-")) {
		if (req->stdin_used) {
			report("only one key can be read from standard input");
			return false;
		}
		req->stdin_used = true;
	} else if (looks_like_key(path) && access(path, F_OK)) {
		report("%s takes a file name, not a key: keys are never given on the command line (use a file, or - for standard input)",
		       keyword);
		return false;
	}
	if (!read_key(path, key)) {
		req->bad_key_file = true;
		return false;
	}
	if (is_all_zero(key, KPSEC_KEY_LEN)) {
		describe_key_source(path, what, sizeof(what));
		report("%s is all zeros: to remove a key, write %s none", what, keyword);
		req->bad_key_file = true;
		return false;
	}
	return true;
}

static bool take_prefix(struct set_request *req, const char *arg)
{
	struct kpsec_prefix prefix;

	if (!parse_prefix(arg, &prefix))
		return false;
	if (prefix.family == AF_INET) {
		if (!not_twice(req->has_prefix4, "an IPv4 prefix"))
			return false;
		req->has_prefix4 = true;
		req->prefix4 = prefix;
	} else {
		if (!not_twice(req->has_prefix6, "an IPv6 prefix"))
			return false;
		req->has_prefix6 = true;
		req->prefix6 = prefix;
	}
	return true;
}

static bool take_peer(struct set_request *req, const char *arg)
{
	struct peer_change *peer;
	uint32_t node_id;
	size_t i;

	if (!parse_node_id(arg, &node_id))
		return false;
	for (i = 0; i < req->n_peers; i++) {
		if (req->peers[i].node_id == node_id) {
			report("peer %u given twice", node_id);
			return false;
		}
	}
	/* Grow one by one: the old array is wiped, as it may hold keys. */
	peer = xcalloc(req->n_peers + 1, sizeof(*peer));
	if (req->n_peers)
		memcpy(peer, req->peers, req->n_peers * sizeof(*peer));
	if (req->peers) {
		sodium_memzero(req->peers, req->n_peers * sizeof(*peer));
		free(req->peers);
	}
	req->peers = peer;
	req->peers[req->n_peers++].node_id = node_id;
	return true;
}

/* The peer that peer options apply to, or NULL after reporting. */
static struct peer_change *current_peer(struct set_request *req, const char *keyword)
{
	if (!req->n_peers) {
		report("%s belongs to a peer: write it after \"peer ID\" (try \"kpsec set help\")",
		       keyword);
		return NULL;
	}
	return &req->peers[req->n_peers - 1];
}

static bool take_peer_option(struct set_request *req, int argc, char **argv, int *i)
{
	const char *keyword = argv[*i], *value;
	struct peer_change *peer = current_peer(req, keyword);
	char what[64];

	if (!peer)
		return false;
	snprintf(what, sizeof(what), "peer %u: %s", peer->node_id, keyword);
	if (!strcmp(keyword, "remove")) {
		if (!not_twice(peer->remove, what))
			return false;
		peer->remove = true;
	} else if (!strcmp(keyword, "static-key")) {
		if (!not_twice(peer->has_static_key, what) ||
		    !(value = take_value(argc, argv, i, "static-key FILE | none")) ||
		    !take_key(req, keyword, value, peer->static_key))
			return false;
		peer->has_static_key = true;
	} else {
		if (!not_twice(peer->has_endpoint, what) ||
		    !(value = take_value(argc, argv, i, "endpoint MAC")) ||
		    !parse_unicast_mac(value, peer->endpoint))
			return false;
		peer->has_endpoint = true;
	}
	if (peer->remove && (peer->has_static_key || peer->has_endpoint)) {
		report("peer %u: remove cannot be combined with static-key or endpoint",
		       peer->node_id);
		return false;
	}
	return true;
}

static bool is_peer_option(const char *arg)
{
	return !strcmp(arg, "remove") || !strcmp(arg, "static-key") ||
	       !strcmp(arg, "endpoint");
}

/* A routing timer: hello-interval, neigh-timeout or lsa-interval MS. */
static bool take_timer(struct timer_change *timer, int argc, char **argv, int *i,
		       uint32_t min, uint32_t max)
{
	const char *keyword = argv[*i], *value;
	char syntax[32];

	snprintf(syntax, sizeof(syntax), "%s MS", keyword);
	if (!not_twice(timer->present, keyword) ||
	    !(value = take_value(argc, argv, i, syntax)) ||
	    !parse_msecs(keyword, value, min, max, &timer->msecs))
		return false;
	timer->present = true;
	return true;
}

/* A key exchange parameter: a decimal number up to the attribute's maximum. */
static bool take_kx(struct set_request *req, size_t k, int argc, char **argv, int *i)
{
	const struct kx_keyword *kw = &kx_keywords[k];
	unsigned long long v;
	const char *value;
	char syntax[48];
	char *end;

	snprintf(syntax, sizeof(syntax), "%s %s", kw->word,
		 !strcmp(kw->word, "kx-timeout") ? "MS" :
		 !strcmp(kw->word, "rekey-after-time") ? "S" : "N");
	if (!not_twice(req->kx[k].present, kw->word) ||
	    !(value = take_value(argc, argv, i, syntax)))
		return false;
	errno = 0;
	v = strtoull(value, &end, 10);
	if (!is_decimal(value) || errno || *end || v > kw->max) {
		report("invalid %s \"%s\": expected a decimal number from 0 to %llu",
		       kw->word, value, (unsigned long long)kw->max);
		return false;
	}
	req->kx[k].present = true;
	req->kx[k].value = v;
	return true;
}

static bool is_qkd_keyword(const char *arg)
{
	return !strcmp(arg, "qkd") || !strcmp(arg, "qkd-on-empty") ||
	       !strcmp(arg, "qkd-max-age") || !strcmp(arg, "qkd-low-watermark");
}

/* A QKD policy keyword and its value: names, or numbers in their range. */
static bool take_qkd(struct set_request *req, int argc, char **argv, int *i)
{
	const char *keyword = argv[*i], *value;
	struct u32_change *c;
	const char *syntax;
	bool ok;

	if (!strcmp(keyword, "qkd")) {
		c = &req->qkd_mode;
		syntax = "qkd off | hybrid | only";
	} else if (!strcmp(keyword, "qkd-on-empty")) {
		c = &req->qkd_on_empty;
		syntax = "qkd-on-empty refuse | keep";
	} else if (!strcmp(keyword, "qkd-max-age")) {
		c = &req->qkd_max_age;
		syntax = "qkd-max-age S";
	} else {
		c = &req->qkd_low;
		syntax = "qkd-low-watermark N";
	}
	if (!not_twice(c->present, keyword) ||
	    !(value = take_value(argc, argv, i, syntax)))
		return false;
	if (c == &req->qkd_mode)
		ok = parse_qkd_mode(value, &c->value);
	else if (c == &req->qkd_on_empty)
		ok = parse_qkd_on_empty(value, &c->value);
	else if (c == &req->qkd_max_age)
		ok = parse_u32(keyword, value, KPSEC_QKD_MAX_AGE_MIN, KPSEC_QKD_MAX_AGE_MAX,
			       "seconds", &c->value);
	else
		ok = parse_u32(keyword, value, 0, KPSEC_QKD_STORE_MAX, "a number of keys",
			       &c->value);
	c->present = ok;
	return ok;
}

/* One device-level keyword or peer option at argv[*i]. */
static bool take_argument(struct set_request *req, int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *value;
	size_t k;

	if (is_peer_option(arg))
		return take_peer_option(req, argc, argv, i);
	if (!strcmp(arg, "peer"))
		return (value = take_value(argc, argv, i, "peer ID")) &&
		       take_peer(req, value);
	if (!strcmp(arg, "prefix"))
		return (value = take_value(argc, argv, i, "prefix ADDR/LEN | none4 | none6")) &&
		       take_prefix(req, value);
	if (!strcmp(arg, "lower")) {
		if (!not_twice(req->lower, "lower") ||
		    !(value = take_value(argc, argv, i, "lower IFNAME | none")))
			return false;
		req->lower = value;
		return true;
	}
	if (!strcmp(arg, "node-id")) {
		if (!not_twice(req->has_node_id, "node-id") ||
		    !(value = take_value(argc, argv, i, "node-id ID")) ||
		    !parse_node_id(value, &req->node_id))
			return false;
		req->has_node_id = true;
		return true;
	}
	if (!strcmp(arg, "private-key")) {
		if (!not_twice(req->has_private_key, "private-key") ||
		    !(value = take_value(argc, argv, i, "private-key FILE | none")) ||
		    !take_key(req, arg, value, req->private_key))
			return false;
		req->has_private_key = true;
		return true;
	}
	if (!strcmp(arg, "hello-interval"))
		return take_timer(&req->hello_interval, argc, argv, i,
				  KPSEC_HELLO_INTERVAL_MIN, KPSEC_HELLO_INTERVAL_MAX);
	if (!strcmp(arg, "neigh-timeout"))
		return take_timer(&req->neigh_timeout, argc, argv, i,
				  NEIGH_TIMEOUT_MIN, KPSEC_NEIGH_TIMEOUT_MAX);
	if (!strcmp(arg, "lsa-interval"))
		return take_timer(&req->lsa_interval, argc, argv, i,
				  KPSEC_LSA_INTERVAL_MIN, KPSEC_LSA_INTERVAL_MAX);
	for (k = 0; k < KX_KEYWORDS; k++)
		if (!strcmp(arg, kx_keywords[k].word))
			return take_kx(req, k, argc, argv, i);
	if (is_qkd_keyword(arg))
		return take_qkd(req, argc, argv, i);
	if (!strcmp(arg, "sym-q")) {
		/* Its range is fixed and depends on nothing else: checked here. */
		if (!not_twice(req->sym_q.present, arg) ||
		    !(value = take_value(argc, argv, i, "sym-q N")) ||
		    !parse_u32(arg, value, 1, KPSEC_SYMRING_Q_MAX, "a decimal number",
			       &req->sym_q.value))
			return false;
		req->sym_q.present = true;
		return true;
	}
	if (!strcmp(arg, "test-flags")) {
		if (!not_twice(req->has_test_flags, "test-flags") ||
		    !(value = take_value(argc, argv, i, "test-flags alter-shares | bad-confirm | none")) ||
		    !parse_test_flags(value, &req->test_flags))
			return false;
		req->has_test_flags = true;
		return true;
	}
	if (!strcmp(arg, "replace-peers")) {
		if (!not_twice(req->replace_peers, "replace-peers"))
			return false;
		req->replace_peers = true;
		return true;
	}
	report_unknown("argument", arg, "set");
	return false;
}

/* A node ID must fit in the host part of each prefix given with it. */
static bool node_id_fits_prefix(uint32_t node_id, const struct kpsec_prefix *prefix)
{
	struct kpsec_mesh_prefix mp = {
		.alen = prefix->family == AF_INET ? 4 : 16,
		.plen = prefix->prefixlen,
	};
	char text[PREFIX_STR_LEN];

	memcpy(mp.addr, prefix->addr, mp.alen);
	if (!prefix->prefixlen || kpsec_prefix_fits(&mp, node_id))
		return true;
	format_prefix(text, prefix);
	report("node id %u does not fit in the host part of prefix %s", node_id, text);
	return false;
}

static bool has_kx_change(const struct set_request *req)
{
	size_t k;

	for (k = 0; k < KX_KEYWORDS; k++)
		if (req->kx[k].present)
			return true;
	return req->has_test_flags || req->sym_q.present || req->qkd_mode.present ||
	       req->qkd_on_empty.present || req->qkd_max_age.present || req->qkd_low.present;
}

/* The index of rekey-after-time in kx_keywords. */
static size_t rekey_time_keyword(void)
{
	size_t k;

	for (k = 0; k < KX_KEYWORDS - 1; k++)
		if (kx_keywords[k].attr == KPSEC_A_DEVICE_REKEY_AFTER_TIME)
			break;
	return k;
}

/*
 * With QKD on, a session cannot be used past qkd-max-age, so a rekey must
 * come before: when the command gives all three, kpsec checks it; the
 * kernel checks it against the current values otherwise.
 */
static bool qkd_max_age_fits(const struct set_request *req)
{
	size_t k = rekey_time_keyword();

	if (!req->qkd_mode.present || req->qkd_mode.value == KPSEC_QKD_OFF ||
	    !req->qkd_max_age.present || !req->kx[k].present ||
	    req->qkd_max_age.value >= req->kx[k].value)
		return true;
	report("qkd-max-age %u is shorter than rekey-after-time %llu: it must be at least %llu",
	       req->qkd_max_age.value, (unsigned long long)req->kx[k].value,
	       (unsigned long long)req->kx[k].value);
	return false;
}

static bool check_request(const struct set_request *req)
{
	if (!req->lower && !req->has_node_id && !req->has_prefix4 &&
	    !req->has_prefix6 && !req->has_private_key && !req->replace_peers &&
	    !req->n_peers && !req->hello_interval.present &&
	    !req->neigh_timeout.present && !req->lsa_interval.present &&
	    !has_kx_change(req)) {
		report("set %s: nothing to change (try \"kpsec set help\")", req->device);
		return false;
	}
	if (req->hello_interval.present && req->neigh_timeout.present &&
	    req->neigh_timeout.msecs < 2 * req->hello_interval.msecs) {
		report("neigh-timeout %u is too short for hello-interval %u: it must be at least 2 x %u = %u",
		       req->neigh_timeout.msecs, req->hello_interval.msecs,
		       req->hello_interval.msecs, 2 * req->hello_interval.msecs);
		return false;
	}
	if (req->has_node_id &&
	    ((req->has_prefix4 && !node_id_fits_prefix(req->node_id, &req->prefix4)) ||
	     (req->has_prefix6 && !node_id_fits_prefix(req->node_id, &req->prefix6))))
		return false;
	return qkd_max_age_fits(req);
}

static bool put_peer(struct nl_msg *msg, const struct peer_change *peer, int index)
{
	struct nlattr *entry = nla_nest_start(msg, index);

	if (!entry || nla_put_u32(msg, KPSEC_A_PEER_NODE_ID, peer->node_id) < 0)
		return false;
	if (peer->remove &&
	    nla_put_u32(msg, KPSEC_A_PEER_FLAGS, KPSEC_PEER_F_REMOVE) < 0)
		return false;
	if (peer->has_static_key &&
	    nla_put(msg, KPSEC_A_PEER_STATIC_KEY, KPSEC_KEY_LEN, peer->static_key) < 0)
		return false;
	if (peer->has_endpoint &&
	    nla_put(msg, KPSEC_A_PEER_ENDPOINT, ETH_ALEN_BYTES, peer->endpoint) < 0)
		return false;
	return nla_nest_end(msg, entry) >= 0;
}

static bool put_peers(struct nl_msg *msg, const struct set_request *req)
{
	struct nlattr *peers;
	size_t i, len;

	if (!req->n_peers)
		return true;
	peers = nla_nest_start(msg, KPSEC_A_DEVICE_PEERS);
	if (!peers)
		return false;
	for (i = 0; i < req->n_peers; i++)
		if (!put_peer(msg, &req->peers[i], (int)i))
			return false;
	len = (size_t)((char *)nlmsg_tail(nlmsg_hdr(msg)) - (char *)peers);
	if (len > NEST_MAX) {
		report("too many peers for one request: %zu peers take %zu bytes, netlink allows %d",
		       req->n_peers, len, NEST_MAX);
		return false;
	}
	return nla_nest_end(msg, peers) >= 0;
}

static bool put_timer(struct nl_msg *msg, int attr, const struct timer_change *timer)
{
	return !timer->present || nla_put_u32(msg, attr, timer->msecs) >= 0;
}

static bool put_kx(struct nl_msg *msg, const struct set_request *req)
{
	size_t k;

	for (k = 0; k < KX_KEYWORDS; k++) {
		const struct kx_keyword *kw = &kx_keywords[k];

		if (!req->kx[k].present)
			continue;
		if (kw->max > UINT32_MAX ?
		    nla_put_u64(msg, kw->attr, req->kx[k].value) < 0 :
		    nla_put_u32(msg, kw->attr, (uint32_t)req->kx[k].value) < 0)
			return false;
	}
	return !req->has_test_flags ||
	       nla_put_u32(msg, KPSEC_A_DEVICE_TEST_FLAGS, req->test_flags) >= 0;
}

static bool put_u32_change(struct nl_msg *msg, int attr, const struct u32_change *c)
{
	return !c->present || nla_put_u32(msg, attr, c->value) >= 0;
}

static bool put_qkd(struct nl_msg *msg, const struct set_request *req)
{
	return put_u32_change(msg, KPSEC_A_DEVICE_QKD_MODE, &req->qkd_mode) &&
	       put_u32_change(msg, KPSEC_A_DEVICE_QKD_ON_EMPTY, &req->qkd_on_empty) &&
	       put_u32_change(msg, KPSEC_A_DEVICE_QKD_MAX_AGE, &req->qkd_max_age) &&
	       put_u32_change(msg, KPSEC_A_DEVICE_QKD_LOW_WATERMARK, &req->qkd_low);
}

static bool put_prefix(struct nl_msg *msg, int attr, bool present,
		       const struct kpsec_prefix *prefix)
{
	return !present || nla_put(msg, attr, sizeof(*prefix), prefix) >= 0;
}

/* Fill the request; false when it does not fit (reported). */
static bool build_request(struct nl_msg *msg, const struct set_request *req,
			  unsigned int ifindex, unsigned int lower_ifindex)
{
	bool ok;

	ok = nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, ifindex) >= 0 &&
	     (!req->replace_peers ||
	      nla_put_u32(msg, KPSEC_A_DEVICE_FLAGS, KPSEC_DEVICE_F_REPLACE_PEERS) >= 0) &&
	     (!req->lower ||
	      nla_put_u32(msg, KPSEC_A_DEVICE_LOWER_IFINDEX, lower_ifindex) >= 0) &&
	     (!req->has_node_id ||
	      nla_put_u32(msg, KPSEC_A_DEVICE_NODE_ID, req->node_id) >= 0) &&
	     put_prefix(msg, KPSEC_A_DEVICE_PREFIX4, req->has_prefix4, &req->prefix4) &&
	     put_prefix(msg, KPSEC_A_DEVICE_PREFIX6, req->has_prefix6, &req->prefix6) &&
	     (!req->has_private_key ||
	      nla_put(msg, KPSEC_A_DEVICE_PRIVATE_KEY, KPSEC_KEY_LEN, req->private_key) >= 0) &&
	     put_timer(msg, KPSEC_A_DEVICE_HELLO_INTERVAL, &req->hello_interval) &&
	     put_timer(msg, KPSEC_A_DEVICE_NEIGH_TIMEOUT, &req->neigh_timeout) &&
	     put_timer(msg, KPSEC_A_DEVICE_LSA_INTERVAL, &req->lsa_interval) &&
	     put_kx(msg, req) &&
	     put_u32_change(msg, KPSEC_A_DEVICE_SYMRING_Q, &req->sym_q) &&
	     put_qkd(msg, req);
	if (!ok) {
		report("cannot build the request: out of room");
		return false;
	}
	return put_peers(msg, req);
}

static int send_request(const struct set_request *req, unsigned int ifindex,
			unsigned int lower_ifindex)
{
	size_t room = DEVICE_ATTR_ROOM + req->n_peers * PEER_ATTR_ROOM;
	struct kpsec_genl genl;
	struct nl_msg *msg;
	int ret = 1;

	if (!kpsec_genl_open(&genl))
		return 1;
	msg = kpsec_genl_request(&genl, KPSEC_CMD_SET_DEVICE, false, room);
	if (msg && build_request(msg, req, ifindex, lower_ifindex) &&
	    kpsec_genl_transact(&genl, msg, req->device, NULL, NULL) == KPSEC_TRANSACT_OK)
		ret = 0;
	kpsec_genl_free_request(msg);
	kpsec_genl_close(&genl);
	return ret;
}

int cmd_set(int argc, char **argv)
{
	struct set_request req = { 0 };
	unsigned int ifindex, lower_ifindex = 0;
	int i, ret = EXIT_USAGE;

	if (argc < 2) {
		report("set needs a device: kpsec set DEV ... (try \"kpsec set help\")");
		return EXIT_USAGE;
	}
	if (is_help_word(argv[1])) {
		set_usage();
		return 0;
	}
	req.device = argv[1];
	for (i = 2; i < argc; i++) {
		if (!take_argument(&req, argc, argv, &i)) {
			/* A bad key file is a failure, not a bad command line. */
			if (req.bad_key_file)
				ret = 1;
			goto out;
		}
	}
	if (!check_request(&req))
		goto out;

	ret = 1;
	ifindex = device_index("device", req.device);
	if (!ifindex)
		goto out;
	if (req.lower && strcmp(req.lower, "none")) {
		lower_ifindex = device_index("lower device", req.lower);
		if (!lower_ifindex)
			goto out;
	}
	ret = send_request(&req, ifindex, lower_ifindex);
out:
	wipe_request(&req);
	return ret;
}
