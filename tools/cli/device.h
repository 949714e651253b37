/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of kpsec devices as KPSEC_CMD_GET_DEVICE dumps it, merged
 * across the messages of a dump, and the mesh routing tables of
 * KPSEC_CMD_GET_NEIGHBORS, _ROUTES and _TOPOLOGY (mesh.h) merged into the
 * same devices.  Holds no secrets: the kernel never returns keys, only
 * the public key and whether a static key is set.
 */
#ifndef KPSEC_CLI_DEVICE_H
#define KPSEC_CLI_DEVICE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genl.h"
#include "kpsec.h"
#include "parse.h"

struct kpsec_peer_info {
	uint32_t node_id;
	bool has_endpoint;
	uint8_t endpoint[ETH_ALEN_BYTES];
	bool has_static_key;
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	bool has_last_rx;
	uint64_t last_rx_msecs;
};

/* A node heard directly on the lower link (KPSEC_A_NEIGH_*). */
struct kpsec_neigh_info {
	uint32_t node_id;
	bool has_addr;
	uint8_t addr[ETH_ALEN_BYTES];
	uint32_t quality_in, quality_out;	/* 0..255 */
	uint32_t metric;		/* KPSEC_METRIC_UNIT: perfect */
	bool symmetric;
	bool has_last_heard;
	uint64_t last_heard_msecs;
};

/* The route to one reachable node (KPSEC_A_ROUTE_*). */
struct kpsec_route_info {
	uint32_t dst;
	uint32_t next_hop;
	bool has_next_hop_addr;
	uint8_t next_hop_addr[ETH_ALEN_BYTES];
	uint32_t hops;
	uint32_t metric;
	bool has_age;
	uint64_t age_msecs;
};

/* One link a node announced in its LSA (KPSEC_A_LINK_*). */
struct kpsec_link_info {
	uint32_t node_id;		/* the other end */
	uint32_t metric;
};

/* One node of the link-state database (KPSEC_A_NODE_*). */
struct kpsec_node_info {
	uint32_t node_id;
	uint32_t seq;
	bool has_age;
	uint64_t age_msecs;
	struct kpsec_link_info *links;	/* sorted by node ID once fetched */
	size_t n_links;
};

/* One public key of the key ring (KPSEC_A_RING_*). */
struct kpsec_ring_info {
	uint32_t node_id;
	uint8_t public_key[KPSEC_KEY_LEN];
};

/* The key exchange and session with one node (KPSEC_A_SESSION_*). */
struct kpsec_session_info {
	uint32_t node_id;
	uint32_t state;			/* enum kpsec_session_state */
	bool initiator;
	bool has_public_key;
	uint8_t public_key[KPSEC_KEY_LEN];
	bool has_age, has_rekey;
	uint64_t age_msecs, rekey_msecs;
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes, drops;
	uint32_t exchanges, failures;
	bool has_last_error;
	uint32_t last_error;		/* enum kpsec_kx_reason */
	bool has_kx_time;
	uint64_t kx_msecs;
	/* The current key's QKD mode and key ID: established sessions only. */
	bool has_qkd_mode;
	uint32_t qkd_mode;		/* enum kpsec_qkd_mode */
	bool has_qkd_key_id;
	uint8_t qkd_key_id[KPSEC_QKD_KEY_ID_LEN];
};

/* The key exchange parameters GET_DEVICE reports, as kpsec_kx_params lists them. */
enum kpsec_kx_param {
	KX_PARAM_KEYRING_SIZE,
	KX_PARAM_SYMRING_SIZE,
	KX_PARAM_SYMRING_Q,
	KX_PARAM_RHO,
	KX_PARAM_THETA,
	KX_PARAM_TIMEOUT,
	KX_PARAM_RETRIES,
	KX_PARAM_REKEY_TIME,
	KX_PARAM_REKEY_MESSAGES,
	KX_PARAM_TEST_FLAGS,
	KX_PARAMS
};

/* The QKD policy (KPSEC_A_DEVICE_QKD_*); absent from older kernels' replies. */
struct kpsec_qkd_policy {
	bool has_mode, has_on_empty, has_max_age, has_low_watermark;
	uint32_t mode;			/* enum kpsec_qkd_mode */
	uint32_t on_empty;		/* enum kpsec_qkd_on_empty */
	uint32_t max_age;		/* seconds */
	uint32_t low_watermark;		/* keys */
};

struct kpsec_device_info {
	uint32_t ifindex;
	char ifname[IFNAMSIZ];
	bool bound;			/* has a lower device */
	uint32_t lower_ifindex;
	char lower_ifname[IFNAMSIZ];
	bool has_lower_addr;
	uint8_t lower_addr[ETH_ALEN_BYTES];
	uint32_t node_id;		/* 0: not set */
	struct kpsec_prefix prefix4;	/* prefixlen 0: not set */
	struct kpsec_prefix prefix6;
	bool has_public_key;
	uint8_t public_key[KPSEC_KEY_LEN];
	/* Routing timers in milliseconds; absent from older kernels' replies. */
	bool has_hello_interval, has_neigh_timeout, has_lsa_interval;
	uint32_t hello_interval, neigh_timeout, lsa_interval;
	/* Key exchange parameters; absent from older kernels' replies. */
	bool has_kx[KX_PARAMS];
	uint64_t kx[KX_PARAMS];
	struct kpsec_qkd_policy qkd;
	uint64_t stats[KPSEC_A_STATS_MAX + 1];
	struct kpsec_peer_info *peers;	/* sorted by node ID once fetched */
	size_t n_peers, peers_room;
	/* Filled by kpsec_fetch_mesh (mesh.h), sorted by node ID. */
	struct kpsec_neigh_info *neighbors;
	size_t n_neighbors, neighbors_room;
	struct kpsec_route_info *routes;
	size_t n_routes, routes_room;
	struct kpsec_node_info *nodes;
	size_t n_nodes, nodes_room;
	/* Filled by the same, from GET_KEYRING and GET_SESSIONS (kx.h). */
	struct kpsec_ring_info *ring;
	size_t n_ring, ring_room;
	/* The pool key IDs of the symmetric ring; has_symring: the kernel
	 * reported the ring (older kernels have none). */
	bool has_symring;
	uint32_t *symring;
	size_t n_symring, symring_room;
	struct kpsec_session_info *sessions;
	size_t n_sessions, sessions_room;
};

struct kpsec_device_list {
	struct kpsec_device_info *devices;
	size_t n_devices, devices_room;
};

/* The counters shown, in order, with the names used in text and JSON. */
struct kpsec_stat_name {
	int attr;			/* KPSEC_A_STATS_* */
	const char *name;
};
extern const struct kpsec_stat_name kpsec_stat_names[];
extern const size_t kpsec_stat_count;

/* The key exchange parameters, with their names in text and JSON. */
struct kpsec_kx_param_name {
	int attr;			/* KPSEC_A_DEVICE_* */
	const char *text;		/* "kx timeout" */
	const char *unit;		/* text only: " ms", or "" */
	const char *json;		/* "kx_timeout_ms" */
};
extern const struct kpsec_kx_param_name kpsec_kx_params[KX_PARAMS];

/*
 * Dump the device @ifindex (named @ifname in messages), or every kpsec
 * device of the netns when @ifindex is 0, into @list, which must be
 * zeroed or freed.  Reports errors.
 */
bool kpsec_fetch_devices(struct kpsec_genl *genl, unsigned int ifindex,
			 const char *ifname, struct kpsec_device_list *list);

/* The device @ifindex of @list, added (zeroed but for its ifindex) if new. */
struct kpsec_device_info *kpsec_device_find_or_add(struct kpsec_device_list *list,
						   uint32_t ifindex);

/* The QKD policy attributes of a reply's device attributes @tb into @p. */
void kpsec_get_qkd_policy(struct kpsec_qkd_policy *p, struct nlattr **tb);

/* Report a reply the kernel should not have sent; returns false. */
bool kpsec_malformed(const char *what);

/* Merge one GET_DEVICE reply into @list; false after reporting. */
bool kpsec_merge_device_reply(struct nl_msg *reply, void *list);

/* Sort each device's peers by node ID. */
void kpsec_sort_peers(struct kpsec_device_list *list);

/* Free the dumped tables of one device (neighbours, routes, topology,
 * key rings, sessions). */
void kpsec_device_free_mesh(struct kpsec_device_info *dev);

void kpsec_device_list_free(struct kpsec_device_list *list);

extern struct nla_policy kpsec_device_policy[KPSEC_A_DEVICE_MAX + 1];

#endif /* KPSEC_CLI_DEVICE_H */
