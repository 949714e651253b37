// SPDX-License-Identifier: GPL-2.0
/*
 * Host test of "kpsec show" and "kpsec trace" without a kernel: builds the
 * dump replies a kernel would send -- one device split over two messages,
 * its peers (neighbours, routes, topology nodes) continuing in the second,
 * and a second, unconfigured device -- merges them as the CLI does and
 * prints them in the view asked for.
 *
 * Usage: show_fixture VIEW, VIEW one of
 *   text peers stats json peers-json stats-json       (GET_DEVICE)
 *   neighbors routes topology                         (DEV given: kpsec0)
 *   neighbors-all routes-all topology-all             (no DEV: both devices)
 *   neighbors-json routes-json topology-json dot      (both devices; dot: kpsec0)
 *   path path1                                        (GET_PATH to 7, to 2)
 *   only                                              (picking the only device)
 *   bad-neighbor bad-route bad-node bad-link bad-hop no-path (malformed replies)
 * and those of the key exchange, in kx_fixture.c, and of QKD, in
 * qkd_fixture.c.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "device.h"
#include "mesh.h"
#include "show.h"

#define FAMILY_ID 0x42

/* kx_fixture.c, qkd_fixture.c: the exit status of their views, -1 for another. */
int kx_fixture_main(const char *view);
int qkd_fixture_main(const char *view);

struct fake_peer {
	uint32_t node_id;
	const uint8_t *endpoint;
	bool static_key;
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	long long last_rx_msecs;	/* -1: never */
};

static const uint8_t lower_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
static const uint8_t mac2[6] = { 0x02, 0x00, 0x00, 0x00, 0x02, 0x00 };
static const uint8_t mac3[6] = { 0x02, 0x00, 0x00, 0x00, 0x03, 0x00 };

static void put_prefix(struct nl_msg *msg, int attr, int family, const char *addr,
		       int len)
{
	struct kpsec_prefix p = { .family = (uint8_t)family, .prefixlen = (uint8_t)len };

	inet_pton(family, addr, p.addr);
	nla_put(msg, attr, sizeof(p), &p);
}

static void put_peers(struct nl_msg *msg, const struct fake_peer *peers, int n)
{
	struct nlattr *list = nla_nest_start(msg, KPSEC_A_DEVICE_PEERS);
	int i;

	for (i = 0; i < n; i++) {
		struct nlattr *entry = nla_nest_start(msg, i);

		nla_put_u32(msg, KPSEC_A_PEER_NODE_ID, peers[i].node_id);
		if (peers[i].endpoint)
			nla_put(msg, KPSEC_A_PEER_ENDPOINT, 6, peers[i].endpoint);
		if (peers[i].static_key)
			nla_put_flag(msg, KPSEC_A_PEER_HAS_STATIC_KEY);
		nla_put_u64(msg, KPSEC_A_PEER_RX_PACKETS, peers[i].rx_packets);
		nla_put_u64(msg, KPSEC_A_PEER_RX_BYTES, peers[i].rx_bytes);
		nla_put_u64(msg, KPSEC_A_PEER_TX_PACKETS, peers[i].tx_packets);
		nla_put_u64(msg, KPSEC_A_PEER_TX_BYTES, peers[i].tx_bytes);
		if (peers[i].last_rx_msecs >= 0)
			nla_put_u64(msg, KPSEC_A_PEER_LAST_RX_MSECS,
				    (uint64_t)peers[i].last_rx_msecs);
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, list);
}

/* One message of kpsec0 (ifindex 7): the device attributes and @peers. */
static struct nl_msg *kpsec0_message(const struct fake_peer *peers, int n,
				     uint64_t rx_packets)
{
	static const uint8_t public_key[32] = {
		0x85, 0x20, 0xf0, 0x09, 0x89, 0x30, 0xa7, 0x54, 0x74, 0x8b, 0x7d,
		0xdc, 0xb4, 0x3e, 0xf7, 0x5a, 0x0d, 0xbf, 0x3a, 0x0d, 0x26, 0x38,
		0x1a, 0xf4, 0xeb, 0xa4, 0xa9, 0x8e, 0xaa, 0x9b, 0x4e, 0x6a,
	};
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *stats;
	int i;

	genlmsg_put(msg, 0, 1, FAMILY_ID, 0, NLM_F_MULTI, KPSEC_CMD_GET_DEVICE,
		    KPSEC_GENL_VERSION);
	nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, 7);
	nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, "kpsec0");
	nla_put_u32(msg, KPSEC_A_DEVICE_LOWER_IFINDEX, 3);
	nla_put_string(msg, KPSEC_A_DEVICE_LOWER_IFNAME, "wlan0");
	nla_put(msg, KPSEC_A_DEVICE_LOWER_ADDR, 6, lower_mac);
	nla_put_u32(msg, KPSEC_A_DEVICE_NODE_ID, 1);
	put_prefix(msg, KPSEC_A_DEVICE_PREFIX4, AF_INET, "10.42.0.0", 16);
	put_prefix(msg, KPSEC_A_DEVICE_PREFIX6, AF_INET6, "fd00:42::", 64);
	nla_put(msg, KPSEC_A_DEVICE_PUBLIC_KEY, 32, public_key);
	nla_put_u32(msg, KPSEC_A_DEVICE_HELLO_INTERVAL, 100);
	nla_put_u32(msg, KPSEC_A_DEVICE_NEIGH_TIMEOUT, 450);
	nla_put_u32(msg, KPSEC_A_DEVICE_LSA_INTERVAL, 2000);
	nla_put_u32(msg, KPSEC_A_DEVICE_KEYRING_SIZE, 3);
	nla_put_u32(msg, KPSEC_A_DEVICE_SYMRING_SIZE, 256);
	nla_put_u32(msg, KPSEC_A_DEVICE_SYMRING_Q, 2);
	nla_put_u32(msg, KPSEC_A_DEVICE_KX_RHO, 3);
	nla_put_u32(msg, KPSEC_A_DEVICE_KX_THETA, 2);
	nla_put_u32(msg, KPSEC_A_DEVICE_KX_TIMEOUT, 1500);
	nla_put_u32(msg, KPSEC_A_DEVICE_KX_RETRIES, 4);
	nla_put_u32(msg, KPSEC_A_DEVICE_REKEY_AFTER_TIME, 600);
	nla_put_u64(msg, KPSEC_A_DEVICE_REKEY_AFTER_MESSAGES, KPSEC_REKEY_AFTER_MESSAGES_DEFAULT);
	nla_put_u32(msg, KPSEC_A_DEVICE_TEST_FLAGS, KPSEC_TEST_F_ALTER_SHARES);
	nla_put_u32(msg, KPSEC_A_DEVICE_QKD_MODE, KPSEC_QKD_HYBRID);
	nla_put_u32(msg, KPSEC_A_DEVICE_QKD_ON_EMPTY, KPSEC_QKD_ON_EMPTY_KEEP);
	nla_put_u32(msg, KPSEC_A_DEVICE_QKD_MAX_AGE, 7200);
	nla_put_u32(msg, KPSEC_A_DEVICE_QKD_LOW_WATERMARK, 16);
	stats = nla_nest_start(msg, KPSEC_A_DEVICE_STATS);
	/* PAD sits between the counters: an empty attribute, as alignment puts it. */
	for (i = KPSEC_A_STATS_RX_PACKETS; i <= KPSEC_A_STATS_MAX; i++) {
		if (i == KPSEC_A_STATS_PAD)
			nla_put(msg, i, 0, NULL);
		else
			nla_put_u64(msg, i, i == KPSEC_A_STATS_RX_PACKETS ?
				    rx_packets : (uint64_t)i * 10);
	}
	nla_nest_end(msg, stats);
	put_peers(msg, peers, n);
	return msg;
}

/* kpsec1 (ifindex 9): created but not configured. */
static struct nl_msg *kpsec1_message(void)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *stats;

	genlmsg_put(msg, 0, 1, FAMILY_ID, 0, NLM_F_MULTI, KPSEC_CMD_GET_DEVICE,
		    KPSEC_GENL_VERSION);
	nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, 9);
	nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, "kpsec1");
	nla_put_u32(msg, KPSEC_A_DEVICE_NODE_ID, 0);
	nla_put_u32(msg, KPSEC_A_DEVICE_HELLO_INTERVAL, KPSEC_HELLO_INTERVAL_DEFAULT);
	nla_put_u32(msg, KPSEC_A_DEVICE_NEIGH_TIMEOUT, KPSEC_NEIGH_TIMEOUT_DEFAULT);
	nla_put_u32(msg, KPSEC_A_DEVICE_LSA_INTERVAL, KPSEC_LSA_INTERVAL_DEFAULT);
	stats = nla_nest_start(msg, KPSEC_A_DEVICE_STATS);
	nla_nest_end(msg, stats);
	return msg;
}


/* --- mesh routing: GET_NEIGHBORS, GET_ROUTES, GET_TOPOLOGY, GET_PATH ---- */

static const uint8_t mac5[6] = { 0x02, 0x00, 0x00, 0x00, 0x05, 0x00 };

/* A reply of a mesh dump, or of GET_PATH: the device attributes. */
static struct nl_msg *mesh_message(uint8_t cmd, uint32_t ifindex, const char *ifname)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 1, FAMILY_ID, 0, NLM_F_MULTI, cmd, KPSEC_GENL_VERSION);
	nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, ifindex);
	nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, ifname);
	return msg;
}

struct fake_neigh {
	uint32_t node_id;
	const uint8_t *addr;
	uint32_t q_in, q_out, metric;
	bool symmetric;
	long long last_heard;		/* -1: absent */
};

static void put_neighbors(struct nl_msg *msg, const struct fake_neigh *n, int count)
{
	struct nlattr *list = nla_nest_start(msg, KPSEC_A_DEVICE_NEIGHBORS);
	int i;

	for (i = 0; i < count; i++) {
		struct nlattr *entry = nla_nest_start(msg, i);

		nla_put_u32(msg, KPSEC_A_NEIGH_NODE_ID, n[i].node_id);
		if (n[i].addr)
			nla_put(msg, KPSEC_A_NEIGH_ADDR, 6, n[i].addr);
		nla_put_u32(msg, KPSEC_A_NEIGH_QUALITY_IN, n[i].q_in);
		nla_put_u32(msg, KPSEC_A_NEIGH_QUALITY_OUT, n[i].q_out);
		nla_put_u32(msg, KPSEC_A_NEIGH_METRIC, n[i].metric);
		if (n[i].symmetric)
			nla_put_flag(msg, KPSEC_A_NEIGH_SYMMETRIC);
		if (n[i].last_heard >= 0)
			nla_put_u64(msg, KPSEC_A_NEIGH_LAST_HEARD_MSECS,
				    (uint64_t)n[i].last_heard);
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, list);
}

struct fake_route {
	uint32_t dst, next_hop;
	const uint8_t *addr;
	uint32_t hops, metric;
	long long age;			/* -1: absent */
};

static void put_routes(struct nl_msg *msg, const struct fake_route *r, int count)
{
	struct nlattr *list = nla_nest_start(msg, KPSEC_A_DEVICE_ROUTES);
	int i;

	for (i = 0; i < count; i++) {
		struct nlattr *entry = nla_nest_start(msg, i);

		nla_put_u32(msg, KPSEC_A_ROUTE_DST, r[i].dst);
		nla_put_u32(msg, KPSEC_A_ROUTE_NEXT_HOP, r[i].next_hop);
		if (r[i].addr)
			nla_put(msg, KPSEC_A_ROUTE_NEXT_HOP_ADDR, 6, r[i].addr);
		nla_put_u32(msg, KPSEC_A_ROUTE_HOPS, r[i].hops);
		nla_put_u32(msg, KPSEC_A_ROUTE_METRIC, r[i].metric);
		if (r[i].age >= 0)
			nla_put_u64(msg, KPSEC_A_ROUTE_AGE_MSECS, (uint64_t)r[i].age);
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, list);
}

struct fake_node {
	uint32_t node_id, seq;
	long long age;			/* -1: absent */
	int n_links;			/* -1: no KPSEC_A_NODE_LINKS at all */
	uint32_t links[4][2];		/* node ID, metric */
};

static void put_nodes(struct nl_msg *msg, const struct fake_node *n, int count)
{
	struct nlattr *list = nla_nest_start(msg, KPSEC_A_DEVICE_TOPOLOGY);
	int i, j;

	for (i = 0; i < count; i++) {
		struct nlattr *entry = nla_nest_start(msg, i), *links;

		nla_put_u32(msg, KPSEC_A_NODE_ID, n[i].node_id);
		nla_put_u32(msg, KPSEC_A_NODE_SEQ, n[i].seq);
		if (n[i].age >= 0)
			nla_put_u64(msg, KPSEC_A_NODE_AGE_MSECS, (uint64_t)n[i].age);
		if (n[i].n_links >= 0) {
			links = nla_nest_start(msg, KPSEC_A_NODE_LINKS);
			for (j = 0; j < n[i].n_links; j++) {
				struct nlattr *link = nla_nest_start(msg, j);

				nla_put_u32(msg, KPSEC_A_LINK_NODE_ID, n[i].links[j][0]);
				nla_put_u32(msg, KPSEC_A_LINK_METRIC, n[i].links[j][1]);
				nla_nest_end(msg, link);
			}
			nla_nest_end(msg, links);
		}
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, list);
}

/* Merge @n messages with @merge, freeing them; false when one failed. */
static bool merge_all(struct nl_msg **msgs, int n, kpsec_reply_fn merge, void *arg)
{
	bool ok = true;
	int i;

	for (i = 0; i < n; i++) {
		ok = ok && merge(msgs[i], arg);
		nlmsg_free(msgs[i]);
	}
	return ok;
}

/* kpsec0's neighbours over two messages (2 again in the second, newer), kpsec1's none. */
static bool fetch_neighbors(struct kpsec_device_list *list, bool both)
{
	static const struct fake_neigh first[] = {
		{ 3, mac3, 200, 0, 65535, false, 1500 },
		{ 2, mac2, 10, 10, 9000, false, 5000 },
	};
	static const struct fake_neigh second[] = {
		{ 2, mac2, 255, 240, 272, true, 120 },
		{ 5, mac5, 128, 255, 512, true, 61500 },
		{ 1000, NULL, 0, 0, 0, false, -1 },
	};
	struct nl_msg *msgs[3];

	msgs[0] = mesh_message(KPSEC_CMD_GET_NEIGHBORS, 7, "kpsec0");
	put_neighbors(msgs[0], first, 2);
	msgs[1] = mesh_message(KPSEC_CMD_GET_NEIGHBORS, 7, "kpsec0");
	put_neighbors(msgs[1], second, 3);
	msgs[2] = mesh_message(KPSEC_CMD_GET_NEIGHBORS, 9, "kpsec1");
	put_neighbors(msgs[2], NULL, 0);
	if (!both)
		nlmsg_free(msgs[2]);
	return merge_all(msgs, both ? 3 : 2, kpsec_merge_neighbors_reply, list);
}

static bool fetch_routes(struct kpsec_device_list *list, bool both)
{
	static const struct fake_route first[] = {
		{ 7, 2, mac2, 3, 1260, 800 },
		{ 3, 3, mac3, 1, 300, 800 },
	};
	static const struct fake_route second[] = {
		{ 2, 2, mac2, 1, 256, 800 },
		{ 4, 2, mac2, 2, 660, 800 },
		{ 9, 3, NULL, 2, 1300, -1 },
	};
	struct nl_msg *msgs[3];

	msgs[0] = mesh_message(KPSEC_CMD_GET_ROUTES, 7, "kpsec0");
	put_routes(msgs[0], first, 2);
	msgs[1] = mesh_message(KPSEC_CMD_GET_ROUTES, 7, "kpsec0");
	put_routes(msgs[1], second, 3);
	/* kpsec1: a message without the nest at all. */
	msgs[2] = mesh_message(KPSEC_CMD_GET_ROUTES, 9, "kpsec1");
	if (!both)
		nlmsg_free(msgs[2]);
	return merge_all(msgs, both ? 3 : 2, kpsec_merge_routes_reply, list);
}

/*
 * The link-state database of kpsec0 (node 1): 1-2, 1-3, 2-3 and 2-4
 * announced by both ends, 3-9 only by 3 (9 has no LSA), 4-7 only by 4.
 * Node 4 comes twice: the second, newer one counts.
 */
static bool fetch_topology(struct kpsec_device_list *list, bool both)
{
	static const struct fake_node first[] = {
		{ 4, 2, 70000, 1, { { 2, 999 } } },
		{ 2, 40, 1200, 3, { { 4, 400 }, { 1, 260 }, { 3, 512 } } },
	};
	static const struct fake_node second[] = {
		{ 1, 12, 300, 2, { { 3, 300 }, { 2, 256 } } },
		{ 3, 7, 4000, 3, { { 1, 300 }, { 2, 512 }, { 9, 1000 } } },
		{ 7, 1, -1, -1, { { 0 } } },
		{ 4, 3, 61500, 2, { { 7, 600 }, { 2, 400 } } },
	};
	struct nl_msg *msgs[6];
	int n = 0;

	/* As kpsec show does: the devices first, for this node's ID. */
	msgs[n++] = kpsec0_message(NULL, 0, 100);
	if (both)
		msgs[n++] = kpsec1_message();
	if (!merge_all(msgs, n, kpsec_merge_device_reply, list))
		return false;
	n = 0;
	msgs[n] = mesh_message(KPSEC_CMD_GET_TOPOLOGY, 7, "kpsec0");
	put_nodes(msgs[n++], first, 2);
	msgs[n] = mesh_message(KPSEC_CMD_GET_TOPOLOGY, 7, "kpsec0");
	put_nodes(msgs[n++], second, 4);
	if (both) {
		msgs[n] = mesh_message(KPSEC_CMD_GET_TOPOLOGY, 9, "kpsec1");
		put_nodes(msgs[n++], NULL, 0);
	}
	return merge_all(msgs, n, kpsec_merge_topology_reply, list);
}

/* The GET_PATH reply: @n hops of { node ID, cumulative metric }. */
static bool fetch_path(struct kpsec_path *path, const uint32_t (*hops)[2], int n)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *list;
	bool ok;
	int i;

	genlmsg_put(msg, 0, 1, FAMILY_ID, 0, 0, KPSEC_CMD_GET_PATH, KPSEC_GENL_VERSION);
	nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, 7);
	nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, "kpsec0");
	list = nla_nest_start(msg, KPSEC_A_DEVICE_PATH);
	for (i = 0; i < n; i++) {
		struct nlattr *hop = nla_nest_start(msg, i);

		nla_put_u32(msg, KPSEC_A_HOP_NODE_ID, hops[i][0]);
		nla_put_u32(msg, KPSEC_A_HOP_METRIC, hops[i][1]);
		nla_nest_end(msg, hop);
	}
	nla_nest_end(msg, list);
	ok = kpsec_merge_path_reply(msg, path);
	nlmsg_free(msg);
	return ok;
}

/* kpsec_only_device on two devices, on one, on none. */
static int pick_only_device(void)
{
	struct kpsec_device_list list = { 0 };
	const struct kpsec_device_info *dev;
	struct nl_msg *msgs[2];

	msgs[0] = kpsec0_message(NULL, 0, 1);
	msgs[1] = kpsec1_message();
	if (!merge_all(msgs, 2, kpsec_merge_device_reply, &list))
		return 1;
	if (kpsec_only_device(&list, "kpsec trace DEV NODE"))
		return 1;
	list.n_devices = 1;
	dev = kpsec_only_device(&list, "kpsec trace DEV NODE");
	if (!dev)
		return 1;
	printf("%s\n", dev->ifname);
	list.n_devices = 0;
	if (kpsec_only_device(&list, "kpsec trace DEV NODE"))
		return 1;
	list.n_devices = 2;
	kpsec_device_list_free(&list);
	return 0;
}

/* A malformed reply: the error is reported and the merge fails. */
static int malformed(const char *view)
{
	struct kpsec_device_list list = { 0 };
	struct kpsec_path path = { 0 };
	struct nl_msg *msg;
	struct nlattr *outer, *entry, *inner, *link;
	kpsec_reply_fn merge;
	void *arg = &list;
	bool ok;

	if (!strcmp(view, "bad-neighbor")) {
		msg = mesh_message(KPSEC_CMD_GET_NEIGHBORS, 7, "kpsec0");
		outer = nla_nest_start(msg, KPSEC_A_DEVICE_NEIGHBORS);
		entry = nla_nest_start(msg, 0);
		nla_put_u32(msg, KPSEC_A_NEIGH_METRIC, 256);
		merge = kpsec_merge_neighbors_reply;
	} else if (!strcmp(view, "bad-route")) {
		msg = mesh_message(KPSEC_CMD_GET_ROUTES, 7, "kpsec0");
		outer = nla_nest_start(msg, KPSEC_A_DEVICE_ROUTES);
		entry = nla_nest_start(msg, 0);
		nla_put_u32(msg, KPSEC_A_ROUTE_NEXT_HOP, 2);
		merge = kpsec_merge_routes_reply;
	} else if (!strcmp(view, "bad-node")) {
		msg = mesh_message(KPSEC_CMD_GET_TOPOLOGY, 7, "kpsec0");
		outer = nla_nest_start(msg, KPSEC_A_DEVICE_TOPOLOGY);
		entry = nla_nest_start(msg, 0);
		nla_put_u16(msg, KPSEC_A_NODE_SEQ, 1);	/* too short for a u32 */
		merge = kpsec_merge_topology_reply;
	} else if (!strcmp(view, "bad-link")) {
		msg = mesh_message(KPSEC_CMD_GET_TOPOLOGY, 7, "kpsec0");
		outer = nla_nest_start(msg, KPSEC_A_DEVICE_TOPOLOGY);
		entry = nla_nest_start(msg, 0);
		nla_put_u32(msg, KPSEC_A_NODE_ID, 2);
		inner = nla_nest_start(msg, KPSEC_A_NODE_LINKS);
		link = nla_nest_start(msg, 0);		/* a link without a node */
		nla_put_u32(msg, KPSEC_A_LINK_METRIC, 256);
		nla_nest_end(msg, link);
		nla_nest_end(msg, inner);
		merge = kpsec_merge_topology_reply;
	} else if (!strcmp(view, "bad-hop")) {
		msg = mesh_message(KPSEC_CMD_GET_PATH, 7, "kpsec0");
		outer = nla_nest_start(msg, KPSEC_A_DEVICE_PATH);
		entry = nla_nest_start(msg, 0);
		nla_put_u32(msg, KPSEC_A_HOP_METRIC, 0);
		merge = kpsec_merge_path_reply;
		arg = &path;
	} else if (!strcmp(view, "no-path")) {
		msg = mesh_message(KPSEC_CMD_GET_PATH, 7, "kpsec0");
		outer = entry = NULL;
		merge = kpsec_merge_path_reply;
		arg = &path;
	} else {
		return 2;
	}
	if (entry) {
		nla_nest_end(msg, entry);
		nla_nest_end(msg, outer);
	}
	ok = merge(msg, arg);
	nlmsg_free(msg);
	kpsec_device_list_free(&list);
	kpsec_path_free(&path);
	return ok ? 0 : 1;
}

static int mesh_main(const char *view)
{
	static const uint32_t path7[][2] = { { 1, 0 }, { 2, 260 }, { 4, 660 }, { 7, 1260 } };
	static const uint32_t path2[][2] = { { 1, 0 }, { 2, 256 } };
	struct kpsec_device_list list = { 0 };
	struct kpsec_path path = { 0 };
	size_t len = strcspn(view, "-");
	const char *suffix = view + len;
	enum show_view v;
	bool ok, both = *suffix != '\0';
	int ret = kx_fixture_main(view);

	if (ret < 0)
		ret = qkd_fixture_main(view);
	if (ret >= 0)
		return ret;
	if (!strcmp(view, "path") || !strcmp(view, "path1")) {
		ok = view[4] ? fetch_path(&path, path2, 2) : fetch_path(&path, path7, 4);
		if (ok)
			print_path_text(&path, "kpsec0", path.hops[path.n_hops - 1].node_id);
		kpsec_path_free(&path);
		return ok ? 0 : 1;
	}
	if (!strcmp(view, "only"))
		return pick_only_device();
	if (!strncmp(view, "bad-", 4) || !strcmp(view, "no-path"))
		return malformed(view);

	if (!strcmp(view, "dot")) {
		v = SHOW_TOPOLOGY;
		both = true;
		ok = fetch_topology(&list, true);
	} else if (!strncmp(view, "neighbors", len) && len == 9) {
		v = SHOW_NEIGHBORS;
		ok = fetch_neighbors(&list, both);
	} else if (!strncmp(view, "routes", len) && len == 6) {
		v = SHOW_ROUTES;
		ok = fetch_routes(&list, both);
	} else if (!strncmp(view, "topology", len) && len == 8) {
		v = SHOW_TOPOLOGY;
		ok = fetch_topology(&list, both);
	} else {
		return 2;
	}
	if (!ok)
		return 1;
	kpsec_sort_mesh(&list);
	if (!strcmp(view, "dot"))
		print_topology_dot(&list.devices[0]);
	else if (!strcmp(suffix, "-json"))
		print_mesh_json(&list, v);
	else if (!strcmp(suffix, "-all") || !*suffix)
		print_mesh_text(&list, v, both);
	else
		return 2;
	kpsec_device_list_free(&list);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct fake_peer first[] = {
		{ 3, mac3, true, 5, 500, 6, 600, 61500 },
		{ 1000, NULL, false, 0, 0, 0, 0, -1 },
	};
	static const struct fake_peer second[] = {
		{ 2, mac2, true, 1234567, 1500000000, 7654321, 9876543210ULL, 1234 },
	};
	struct kpsec_device_list list = { 0 };
	struct nl_msg *msgs[3];
	const char *view = argc > 1 ? argv[1] : "text";
	bool only_kpsec0 = strncmp(view, "text", 4) && strcmp(view, "json");
	int i, n = only_kpsec0 ? 2 : 3;

	if (strcmp(view, "text") && strcmp(view, "json") && strncmp(view, "peers", 5) &&
	    strncmp(view, "stats", 5))
		return mesh_main(view);
	msgs[0] = kpsec0_message(first, 2, 100);
	msgs[1] = kpsec0_message(second, 1, 101);	/* device attrs repeat */
	msgs[2] = kpsec1_message();
	for (i = 0; i < n; i++) {
		if (!kpsec_merge_device_reply(msgs[i], &list))
			return 1;
		nlmsg_free(msgs[i]);
	}
	if (only_kpsec0)
		nlmsg_free(msgs[2]);
	kpsec_sort_peers(&list);

	if (!strcmp(view, "text"))
		print_devices_text(&list, SHOW_DEVICE);
	else if (!strcmp(view, "peers"))
		print_devices_text(&list, SHOW_PEERS);
	else if (!strcmp(view, "stats"))
		print_devices_text(&list, SHOW_STATS);
	else if (!strcmp(view, "json"))
		print_devices_json(&list, SHOW_DEVICE);
	else if (!strcmp(view, "peers-json"))
		print_devices_json(&list, SHOW_PEERS);
	else if (!strcmp(view, "stats-json"))
		print_devices_json(&list, SHOW_STATS);
	else
		return 2;
	kpsec_device_list_free(&list);
	return 0;
}
