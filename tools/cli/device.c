// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "device.h"
#include "util.h"

const struct kpsec_stat_name kpsec_stat_names[] = {
	{ KPSEC_A_STATS_RX_PACKETS,	"rx_packets" },
	{ KPSEC_A_STATS_RX_BYTES,	"rx_bytes" },
	{ KPSEC_A_STATS_TX_PACKETS,	"tx_packets" },
	{ KPSEC_A_STATS_TX_BYTES,	"tx_bytes" },
	{ KPSEC_A_STATS_RX_AUTH_FAIL,	"rx_auth_fail" },
	{ KPSEC_A_STATS_RX_REPLAY,	"rx_replay" },
	{ KPSEC_A_STATS_RX_MALFORMED,	"rx_malformed" },
	{ KPSEC_A_STATS_RX_NO_PEER,	"rx_no_peer" },
	{ KPSEC_A_STATS_RX_NO_KEY,	"rx_no_key" },
	{ KPSEC_A_STATS_RX_NOT_FOR_US,	"rx_not_for_us" },
	{ KPSEC_A_STATS_TX_NO_ROUTE,	"tx_no_route" },
	{ KPSEC_A_STATS_TX_NO_KEY,	"tx_no_key" },
	{ KPSEC_A_STATS_TX_ERRORS,	"tx_errors" },
	{ KPSEC_A_STATS_FWD_PACKETS,	"fwd_packets" },
	{ KPSEC_A_STATS_FWD_BYTES,	"fwd_bytes" },
	{ KPSEC_A_STATS_FWD_NO_ROUTE,	"fwd_no_route" },
	{ KPSEC_A_STATS_FWD_TTL_EXPIRED, "fwd_ttl_expired" },
	{ KPSEC_A_STATS_FWD_LOOP,	"fwd_loop" },
	{ KPSEC_A_STATS_RX_CTRL_PACKETS, "rx_ctrl_packets" },
	{ KPSEC_A_STATS_RX_CTRL_BYTES,	"rx_ctrl_bytes" },
	{ KPSEC_A_STATS_TX_CTRL_PACKETS, "tx_ctrl_packets" },
	{ KPSEC_A_STATS_TX_CTRL_BYTES,	"tx_ctrl_bytes" },
	{ KPSEC_A_STATS_RX_CTRL_MALFORMED, "rx_ctrl_malformed" },
	{ KPSEC_A_STATS_RX_ID_CONFLICT,	"rx_id_conflict" },
	{ KPSEC_A_STATS_RX_KX_PACKETS,	"rx_kx_packets" },
	{ KPSEC_A_STATS_RX_KX_BYTES,	"rx_kx_bytes" },
	{ KPSEC_A_STATS_TX_KX_PACKETS,	"tx_kx_packets" },
	{ KPSEC_A_STATS_TX_KX_BYTES,	"tx_kx_bytes" },
	{ KPSEC_A_STATS_FWD_KX_PACKETS,	"fwd_kx_packets" },
	{ KPSEC_A_STATS_FWD_KX_BYTES,	"fwd_kx_bytes" },
	{ KPSEC_A_STATS_KX_STARTED,	"kx_started" },
	{ KPSEC_A_STATS_KX_ESTABLISHED,	"kx_established" },
	{ KPSEC_A_STATS_KX_FAILED,	"kx_failed" },
	{ KPSEC_A_STATS_KX_SHARE_RELAYED, "kx_share_relayed" },
	{ KPSEC_A_STATS_KX_SHARE_REJECTED, "kx_share_rejected" },
	{ KPSEC_A_STATS_KX_CONFIRM_FAILED, "kx_confirm_failed" },
	{ KPSEC_A_STATS_KX_REPLAY,	"kx_replay" },
	{ KPSEC_A_STATS_KX_MALFORMED,	"kx_malformed" },
	{ KPSEC_A_STATS_TX_QUEUE_DROPPED, "tx_queue_dropped" },
	{ KPSEC_A_STATS_QKD_KEYS_USED,	"qkd_keys_used" },
	{ KPSEC_A_STATS_QKD_NO_KEY,	"qkd_no_key" },
	{ KPSEC_A_STATS_QKD_UNKNOWN_KEY, "qkd_unknown_key" },
	{ KPSEC_A_STATS_QKD_EXPIRED,	"qkd_expired" },
};
const size_t kpsec_stat_count = ARRAY_SIZE(kpsec_stat_names);

const struct kpsec_kx_param_name kpsec_kx_params[KX_PARAMS] = {
	[KX_PARAM_KEYRING_SIZE]	= { KPSEC_A_DEVICE_KEYRING_SIZE, "key ring size", "", "keyring_size" },
	[KX_PARAM_SYMRING_SIZE]	= { KPSEC_A_DEVICE_SYMRING_SIZE, "sym ring size", "", "symring_size" },
	[KX_PARAM_SYMRING_Q]	= { KPSEC_A_DEVICE_SYMRING_Q, "sym q", "", "sym_q" },
	[KX_PARAM_RHO]		= { KPSEC_A_DEVICE_KX_RHO, "kx rho", "", "kx_rho" },
	[KX_PARAM_THETA]	= { KPSEC_A_DEVICE_KX_THETA, "kx theta", "", "kx_theta" },
	[KX_PARAM_TIMEOUT]	= { KPSEC_A_DEVICE_KX_TIMEOUT, "kx timeout", " ms", "kx_timeout_ms" },
	[KX_PARAM_RETRIES]	= { KPSEC_A_DEVICE_KX_RETRIES, "kx retries", "", "kx_retries" },
	[KX_PARAM_REKEY_TIME]	= { KPSEC_A_DEVICE_REKEY_AFTER_TIME, "rekey after time", " s",
				    "rekey_after_time_s" },
	[KX_PARAM_REKEY_MESSAGES] = { KPSEC_A_DEVICE_REKEY_AFTER_MESSAGES, "rekey after messages",
				      "", "rekey_after_messages" },
	[KX_PARAM_TEST_FLAGS]	= { KPSEC_A_DEVICE_TEST_FLAGS, "test flags", "", "test_flags" },
};

/* Every reply of the family carries device attributes: one policy for all. */
struct nla_policy kpsec_device_policy[KPSEC_A_DEVICE_MAX + 1] = {
	[KPSEC_A_DEVICE_IFINDEX]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_IFNAME]		= { .type = NLA_STRING, .maxlen = IFNAMSIZ },
	[KPSEC_A_DEVICE_LOWER_IFINDEX]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_LOWER_IFNAME]	= { .type = NLA_STRING, .maxlen = IFNAMSIZ },
	[KPSEC_A_DEVICE_LOWER_ADDR]	= { .minlen = ETH_ALEN_BYTES },
	[KPSEC_A_DEVICE_NODE_ID]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_PREFIX4]	= { .minlen = sizeof(struct kpsec_prefix) },
	[KPSEC_A_DEVICE_PREFIX6]	= { .minlen = sizeof(struct kpsec_prefix) },
	[KPSEC_A_DEVICE_PUBLIC_KEY]	= { .minlen = KPSEC_KEY_LEN },
	[KPSEC_A_DEVICE_STATS]		= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_PEERS]		= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_HELLO_INTERVAL]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_NEIGH_TIMEOUT]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_LSA_INTERVAL]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_NEIGHBORS]	= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_ROUTES]		= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_TOPOLOGY]	= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_PATH_DST]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_PATH]		= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_KEYRING]	= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_KEYRING_SIZE]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_KEYPATHS]	= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_SESSIONS]	= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_EVENT]		= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_KX_RHO]		= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_KX_THETA]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_KX_TIMEOUT]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_KX_RETRIES]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_REKEY_AFTER_TIME] = { .type = NLA_U32 },
	[KPSEC_A_DEVICE_REKEY_AFTER_MESSAGES] = { .type = NLA_U64 },
	[KPSEC_A_DEVICE_TEST_FLAGS]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_QKD_MODE]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_QKD_ON_EMPTY]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_QKD_MAX_AGE]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_QKD_LOW_WATERMARK] = { .type = NLA_U32 },
	[KPSEC_A_DEVICE_QKD_KEYS]	= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_QKD_STORES]	= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_SYMRING]	= { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_SYMRING_SIZE]	= { .type = NLA_U32 },
	[KPSEC_A_DEVICE_SYMRING_Q]	= { .type = NLA_U32 },
};

static struct nla_policy peer_policy[KPSEC_A_PEER_MAX + 1] = {
	[KPSEC_A_PEER_NODE_ID]		= { .type = NLA_U32 },
	[KPSEC_A_PEER_ENDPOINT]		= { .minlen = ETH_ALEN_BYTES },
	[KPSEC_A_PEER_HAS_STATIC_KEY]	= { .type = NLA_FLAG },
	[KPSEC_A_PEER_RX_PACKETS]	= { .type = NLA_U64 },
	[KPSEC_A_PEER_RX_BYTES]		= { .type = NLA_U64 },
	[KPSEC_A_PEER_TX_PACKETS]	= { .type = NLA_U64 },
	[KPSEC_A_PEER_TX_BYTES]		= { .type = NLA_U64 },
	[KPSEC_A_PEER_LAST_RX_MSECS]	= { .type = NLA_U64 },
};

bool kpsec_malformed(const char *what)
{
	report("malformed reply from the kernel: %s", what);
	return false;
}

struct kpsec_device_info *kpsec_device_find_or_add(struct kpsec_device_list *list,
						   uint32_t ifindex)
{
	struct kpsec_device_info *dev;
	size_t i;

	for (i = 0; i < list->n_devices; i++)
		if (list->devices[i].ifindex == ifindex)
			return &list->devices[i];
	if (list->n_devices == list->devices_room) {
		list->devices_room = list->devices_room ? 2 * list->devices_room : 4;
		list->devices = xreallocarray(list->devices, list->devices_room,
					      sizeof(*list->devices));
	}
	dev = &list->devices[list->n_devices++];
	memset(dev, 0, sizeof(*dev));
	dev->ifindex = ifindex;
	return dev;
}

static struct kpsec_peer_info *find_or_add_peer(struct kpsec_device_info *dev,
						uint32_t node_id)
{
	struct kpsec_peer_info *peer;
	size_t i;

	/* A peer seen twice (it changed between messages): keep the latest. */
	for (i = 0; i < dev->n_peers; i++)
		if (dev->peers[i].node_id == node_id)
			return &dev->peers[i];
	if (dev->n_peers == dev->peers_room) {
		dev->peers_room = dev->peers_room ? 2 * dev->peers_room : 8;
		dev->peers = xreallocarray(dev->peers, dev->peers_room,
					   sizeof(*dev->peers));
	}
	peer = &dev->peers[dev->n_peers++];
	memset(peer, 0, sizeof(*peer));
	peer->node_id = node_id;
	return peer;
}

static uint64_t get_u64_or_zero(struct nlattr *nla)
{
	return nla ? nla_get_u64(nla) : 0;
}

static bool merge_peer(struct kpsec_device_info *dev, struct nlattr *entry)
{
	struct nlattr *tb[KPSEC_A_PEER_MAX + 1];
	struct kpsec_peer_info *peer;

	if (nla_parse_nested(tb, KPSEC_A_PEER_MAX, entry, peer_policy) < 0)
		return kpsec_malformed("peer attributes");
	if (!tb[KPSEC_A_PEER_NODE_ID])
		return kpsec_malformed("peer without a node id");
	peer = find_or_add_peer(dev, nla_get_u32(tb[KPSEC_A_PEER_NODE_ID]));
	peer->has_endpoint = tb[KPSEC_A_PEER_ENDPOINT] != NULL;
	if (peer->has_endpoint)
		memcpy(peer->endpoint, nla_data(tb[KPSEC_A_PEER_ENDPOINT]),
		       ETH_ALEN_BYTES);
	peer->has_static_key = tb[KPSEC_A_PEER_HAS_STATIC_KEY] != NULL;
	peer->rx_packets = get_u64_or_zero(tb[KPSEC_A_PEER_RX_PACKETS]);
	peer->rx_bytes = get_u64_or_zero(tb[KPSEC_A_PEER_RX_BYTES]);
	peer->tx_packets = get_u64_or_zero(tb[KPSEC_A_PEER_TX_PACKETS]);
	peer->tx_bytes = get_u64_or_zero(tb[KPSEC_A_PEER_TX_BYTES]);
	peer->has_last_rx = tb[KPSEC_A_PEER_LAST_RX_MSECS] != NULL;
	peer->last_rx_msecs = get_u64_or_zero(tb[KPSEC_A_PEER_LAST_RX_MSECS]);
	return true;
}

static bool get_prefix(struct nlattr *nla, int family, struct kpsec_prefix *prefix)
{
	memset(prefix, 0, sizeof(*prefix));
	if (!nla)
		return true;
	memcpy(prefix, nla_data(nla), sizeof(*prefix));
	if (prefix->prefixlen && prefix->family != family)
		return kpsec_malformed("prefix of the wrong family");
	if (prefix->prefixlen > (family == AF_INET ? 32 : 128))
		return kpsec_malformed("prefix length out of range");
	return true;
}

/* An optional u32: a timer, a QKD parameter. */
static void get_opt_u32(struct nlattr *nla, bool *present, uint32_t *value)
{
	*present = nla != NULL;
	*value = nla ? nla_get_u32(nla) : 0;
}

/* Every parameter is a u32 but rekey-after-messages, a u64. */
static void get_kx_params(struct kpsec_device_info *dev, struct nlattr **tb)
{
	size_t i;

	for (i = 0; i < KX_PARAMS; i++) {
		struct nlattr *nla = tb[kpsec_kx_params[i].attr];

		dev->has_kx[i] = nla != NULL;
		if (!nla)
			dev->kx[i] = 0;
		else if (i == KX_PARAM_REKEY_MESSAGES)
			dev->kx[i] = nla_get_u64(nla);
		else
			dev->kx[i] = nla_get_u32(nla);
	}
}

void kpsec_get_qkd_policy(struct kpsec_qkd_policy *p, struct nlattr **tb)
{
	get_opt_u32(tb[KPSEC_A_DEVICE_QKD_MODE], &p->has_mode, &p->mode);
	get_opt_u32(tb[KPSEC_A_DEVICE_QKD_ON_EMPTY], &p->has_on_empty, &p->on_empty);
	get_opt_u32(tb[KPSEC_A_DEVICE_QKD_MAX_AGE], &p->has_max_age, &p->max_age);
	get_opt_u32(tb[KPSEC_A_DEVICE_QKD_LOW_WATERMARK], &p->has_low_watermark,
		  &p->low_watermark);
}

static void merge_stats(struct kpsec_device_info *dev, struct nlattr *stats)
{
	struct nlattr *nla;
	int rem;

	if (!stats)
		return;
	nla_for_each_nested(nla, stats, rem) {
		int type = nla_type(nla);

		if (type > KPSEC_A_STATS_UNSPEC && type <= KPSEC_A_STATS_MAX &&
		    type != KPSEC_A_STATS_PAD && nla_len(nla) >= 8)
			dev->stats[type] = nla_get_u64(nla);
	}
}

bool kpsec_merge_device_reply(struct nl_msg *reply, void *arg)
{
	struct nlattr *tb[KPSEC_A_DEVICE_MAX + 1], *entry;
	struct kpsec_device_list *list = arg;
	struct kpsec_device_info *dev;
	int rem;

	if (genlmsg_parse(nlmsg_hdr(reply), 0, tb, KPSEC_A_DEVICE_MAX,
			  kpsec_device_policy) < 0)
		return kpsec_malformed("device attributes");
	if (!tb[KPSEC_A_DEVICE_IFINDEX] || !tb[KPSEC_A_DEVICE_IFNAME])
		return kpsec_malformed("device without an ifindex or name");

	dev = kpsec_device_find_or_add(list, nla_get_u32(tb[KPSEC_A_DEVICE_IFINDEX]));
	nla_strlcpy(dev->ifname, tb[KPSEC_A_DEVICE_IFNAME], sizeof(dev->ifname));
	dev->bound = tb[KPSEC_A_DEVICE_LOWER_IFINDEX] != NULL;
	dev->lower_ifindex = dev->bound ?
		nla_get_u32(tb[KPSEC_A_DEVICE_LOWER_IFINDEX]) : 0;
	dev->lower_ifname[0] = '\0';
	if (tb[KPSEC_A_DEVICE_LOWER_IFNAME])
		nla_strlcpy(dev->lower_ifname, tb[KPSEC_A_DEVICE_LOWER_IFNAME],
			    sizeof(dev->lower_ifname));
	dev->has_lower_addr = tb[KPSEC_A_DEVICE_LOWER_ADDR] != NULL;
	if (dev->has_lower_addr)
		memcpy(dev->lower_addr, nla_data(tb[KPSEC_A_DEVICE_LOWER_ADDR]),
		       ETH_ALEN_BYTES);
	dev->node_id = tb[KPSEC_A_DEVICE_NODE_ID] ?
		nla_get_u32(tb[KPSEC_A_DEVICE_NODE_ID]) : 0;
	if (!get_prefix(tb[KPSEC_A_DEVICE_PREFIX4], AF_INET, &dev->prefix4) ||
	    !get_prefix(tb[KPSEC_A_DEVICE_PREFIX6], AF_INET6, &dev->prefix6))
		return false;
	dev->has_public_key = tb[KPSEC_A_DEVICE_PUBLIC_KEY] != NULL;
	if (dev->has_public_key)
		memcpy(dev->public_key, nla_data(tb[KPSEC_A_DEVICE_PUBLIC_KEY]),
		       KPSEC_KEY_LEN);
	get_opt_u32(tb[KPSEC_A_DEVICE_HELLO_INTERVAL], &dev->has_hello_interval,
		  &dev->hello_interval);
	get_opt_u32(tb[KPSEC_A_DEVICE_NEIGH_TIMEOUT], &dev->has_neigh_timeout,
		  &dev->neigh_timeout);
	get_opt_u32(tb[KPSEC_A_DEVICE_LSA_INTERVAL], &dev->has_lsa_interval,
		  &dev->lsa_interval);
	get_kx_params(dev, tb);
	kpsec_get_qkd_policy(&dev->qkd, tb);
	merge_stats(dev, tb[KPSEC_A_DEVICE_STATS]);
	if (tb[KPSEC_A_DEVICE_PEERS]) {
		nla_for_each_nested(entry, tb[KPSEC_A_DEVICE_PEERS], rem)
			if (!merge_peer(dev, entry))
				return false;
	}
	return true;
}

static int compare_peers(const void *a, const void *b)
{
	const struct kpsec_peer_info *pa = a, *pb = b;

	return (pa->node_id > pb->node_id) - (pa->node_id < pb->node_id);
}

void kpsec_sort_peers(struct kpsec_device_list *list)
{
	size_t i;

	for (i = 0; i < list->n_devices; i++)
		if (list->devices[i].n_peers > 1)	/* peers may be NULL */
			qsort(list->devices[i].peers, list->devices[i].n_peers,
			      sizeof(struct kpsec_peer_info), compare_peers);
}

void kpsec_device_free_mesh(struct kpsec_device_info *dev)
{
	size_t i;

	for (i = 0; i < dev->n_nodes; i++)
		free(dev->nodes[i].links);
	free(dev->neighbors);
	free(dev->routes);
	free(dev->nodes);
	free(dev->ring);
	free(dev->symring);
	free(dev->sessions);
	dev->neighbors = NULL;
	dev->routes = NULL;
	dev->nodes = NULL;
	dev->ring = NULL;
	dev->symring = NULL;
	dev->sessions = NULL;
	dev->n_neighbors = dev->neighbors_room = 0;
	dev->n_routes = dev->routes_room = 0;
	dev->n_nodes = dev->nodes_room = 0;
	dev->n_ring = dev->ring_room = 0;
	dev->has_symring = false;
	dev->n_symring = dev->symring_room = 0;
	dev->n_sessions = dev->sessions_room = 0;
}

void kpsec_device_list_free(struct kpsec_device_list *list)
{
	size_t i;

	for (i = 0; i < list->n_devices; i++) {
		free(list->devices[i].peers);
		kpsec_device_free_mesh(&list->devices[i]);
	}
	free(list->devices);
	memset(list, 0, sizeof(*list));
}

/* A dump the kernel flagged as inconsistent is retried this many times. */
#define DUMP_ATTEMPTS 5

bool kpsec_fetch_devices(struct kpsec_genl *genl, unsigned int ifindex,
			 const char *ifname, struct kpsec_device_list *list)
{
	enum kpsec_transact_result result;
	struct nl_msg *request;
	int attempt;

	for (attempt = 0; attempt < DUMP_ATTEMPTS; attempt++) {
		kpsec_device_list_free(list);
		request = kpsec_genl_request(genl, KPSEC_CMD_GET_DEVICE, true, 64);
		if (!request)
			return false;
		if (ifindex && nla_put_u32(request, KPSEC_A_DEVICE_IFINDEX, ifindex) < 0) {
			kpsec_genl_free_request(request);
			report("out of memory");
			return false;
		}
		result = kpsec_genl_transact(genl, request, ifname,
					     kpsec_merge_device_reply, list);
		kpsec_genl_free_request(request);
		if (result == KPSEC_TRANSACT_FAILED)
			return false;
		if (result == KPSEC_TRANSACT_OK)
			break;
	}
	if (attempt == DUMP_ATTEMPTS) {
		report("the devices kept changing during the dump: try again");
		return false;
	}
	if (ifindex && list->n_devices == 0) {
		report("%s: not a kpsec device", ifname);
		return false;
	}
	kpsec_sort_peers(list);
	return true;
}
