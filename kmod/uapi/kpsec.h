/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * kpsec: end-to-end encryption for multi-hop ad-hoc wireless networks.
 *
 * Generic netlink family "kpsec", version 1.  The family is netns-aware:
 * every command acts on kpsec devices of the caller's network namespace.
 *
 * Every command needs CAP_NET_ADMIN in the user namespace owning that
 * network namespace (GENL_UNS_ADMIN_PERM): the sets change state, and the
 * dump shows key state.  Secret keys are write-only: no reply ever carries
 * a private key or a static key, only whether one is set.
 *
 * A rejected request carries an extack message saying why, and names the
 * offending attribute where there is one (permission and out-of-memory
 * errors carry none).  A rejected KPSEC_CMD_SET_DEVICE changes nothing: the
 * whole request is validated before any of it is applied.
 *
 * KPSEC_CMD_GET_DEVICE
 * --------------------
 *
 * A dump (NLM_F_DUMP).  With KPSEC_A_DEVICE_IFINDEX or KPSEC_A_DEVICE_IFNAME
 * it dumps that device only, without them every kpsec device of the netns.
 * The nests inside KPSEC_A_DEVICE_PEERS are numbered from 0 in each
 * message; readers should not rely on the numbers.
 * Each device may take several messages when it has many peers; the
 * device attributes repeat in each, and KPSEC_A_DEVICE_PEERS continues.
 *
 *    KPSEC_A_DEVICE_IFINDEX: NLA_U32
 *    KPSEC_A_DEVICE_IFNAME: NLA_NUL_STRING, maxlen IFNAMSIZ - 1
 *    KPSEC_A_DEVICE_LOWER_IFINDEX: NLA_U32, absent when unbound
 *    KPSEC_A_DEVICE_LOWER_IFNAME: NLA_NUL_STRING, absent when unbound
 *    KPSEC_A_DEVICE_LOWER_ADDR: binary, ETH_ALEN bytes, absent when unbound
 *    KPSEC_A_DEVICE_NODE_ID: NLA_U32, 0 when not set
 *    KPSEC_A_DEVICE_HELLO_INTERVAL, _NEIGH_TIMEOUT, _LSA_INTERVAL: NLA_U32, ms
 *    KPSEC_A_DEVICE_PREFIX4: binary, struct kpsec_prefix, family AF_INET
 *    KPSEC_A_DEVICE_PREFIX6: binary, struct kpsec_prefix, family AF_INET6
 *    KPSEC_A_DEVICE_PUBLIC_KEY: binary, KPSEC_KEY_LEN bytes, when a
 *                               private key is set
 *    KPSEC_A_DEVICE_STATS: NLA_NESTED
 *        KPSEC_A_STATS_*: NLA_U64 each, see enum kpsec_stats_attr
 *    KPSEC_A_DEVICE_PEERS: NLA_NESTED
 *        0: NLA_NESTED
 *            KPSEC_A_PEER_NODE_ID: NLA_U32
 *            KPSEC_A_PEER_ENDPOINT: binary, ETH_ALEN bytes, when known
 *            KPSEC_A_PEER_HAS_STATIC_KEY: NLA_FLAG
 *            KPSEC_A_PEER_RX_PACKETS, _RX_BYTES, _TX_PACKETS, _TX_BYTES: NLA_U64
 *            KPSEC_A_PEER_LAST_RX_MSECS: NLA_U64, milliseconds since the
 *                                        last authenticated frame, absent
 *                                        when none was received
 *        1: NLA_NESTED
 *            ...
 *
 * KPSEC_CMD_SET_DEVICE
 * --------------------
 *
 * Exactly one of KPSEC_A_DEVICE_IFINDEX or KPSEC_A_DEVICE_IFNAME names the
 * kpsec device; every other attribute is optional, and a request naming
 * only the device succeeds and changes nothing.  KPSEC_A_DEVICE_PEERS is one
 * attribute, so at most 64 KiB: about a thousand peers with keys.
 *
 *    KPSEC_A_DEVICE_IFINDEX: NLA_U32
 *    KPSEC_A_DEVICE_IFNAME: NLA_NUL_STRING, maxlen IFNAMSIZ - 1
 *    KPSEC_A_DEVICE_FLAGS: NLA_U32, 0 or KPSEC_DEVICE_F_REPLACE_PEERS to
 *                          remove every peer not named in this request
 *    KPSEC_A_DEVICE_LOWER_IFINDEX: NLA_U32, the Ethernet-like (ad-hoc)
 *                                  interface to bind to; 0 unbinds
 *    KPSEC_A_DEVICE_LOWER_IFNAME: NLA_NUL_STRING, the same by name
 *    KPSEC_A_DEVICE_NODE_ID: NLA_U32, this node's ID, 1 .. 2^32 - 2
 *    KPSEC_A_DEVICE_PREFIX4: binary, struct kpsec_prefix with family
 *                            AF_INET; prefixlen 0 clears the prefix
 *    KPSEC_A_DEVICE_PREFIX6: binary, struct kpsec_prefix with family
 *                            AF_INET6; prefixlen 0 clears the prefix
 *    KPSEC_A_DEVICE_PRIVATE_KEY: binary, exactly KPSEC_KEY_LEN bytes; all
 *                                zeros removes the private key
 *    KPSEC_A_DEVICE_HELLO_INTERVAL: NLA_U32, ms, KPSEC_HELLO_INTERVAL_MIN ..
 *                                   KPSEC_HELLO_INTERVAL_MAX
 *    KPSEC_A_DEVICE_NEIGH_TIMEOUT: NLA_U32, ms, at least two HELLO intervals,
 *                                  at most KPSEC_NEIGH_TIMEOUT_MAX
 *    KPSEC_A_DEVICE_LSA_INTERVAL: NLA_U32, ms, KPSEC_LSA_INTERVAL_MIN ..
 *                                 KPSEC_LSA_INTERVAL_MAX
 *    KPSEC_A_DEVICE_PEERS: NLA_NESTED
 *        0: NLA_NESTED
 *            KPSEC_A_PEER_NODE_ID: NLA_U32, required
 *            KPSEC_A_PEER_FLAGS: NLA_U32, 0 or KPSEC_PEER_F_REMOVE
 *            KPSEC_A_PEER_STATIC_KEY: binary, exactly KPSEC_KEY_LEN bytes;
 *                                     all zeros removes the key
 *            KPSEC_A_PEER_ENDPOINT: binary, ETH_ALEN bytes, a unicast
 *                                   address on the lower link
 *        1: NLA_NESTED
 *            ...
 *
 * KPSEC_CMD_GET_NEIGHBORS, KPSEC_CMD_GET_ROUTES, KPSEC_CMD_GET_TOPOLOGY
 * --------------------------------------------------------------------
 *
 * Dumps with the device filter and continuation rules of GET_DEVICE.  Each
 * message carries KPSEC_A_DEVICE_IFINDEX and KPSEC_A_DEVICE_IFNAME, then:
 *
 *    KPSEC_A_DEVICE_NEIGHBORS: NLA_NESTED, nests of enum kpsec_neigh_attr
 *    KPSEC_A_DEVICE_ROUTES: NLA_NESTED, nests of enum kpsec_route_attr, one
 *                           per node reachable from this one
 *    KPSEC_A_DEVICE_TOPOLOGY: NLA_NESTED, nests of enum kpsec_node_attr:
 *                             this node first (its current links), then
 *                             every LSA origin; KPSEC_A_NODE_LINKS holds
 *                             nests of enum kpsec_link_attr
 *
 * KPSEC_CMD_GET_PATH
 * ------------------
 *
 * A doit: the device, and KPSEC_A_DEVICE_PATH_DST (NLA_U32, a node ID).
 * The reply: KPSEC_A_DEVICE_IFINDEX, _IFNAME and KPSEC_A_DEVICE_PATH, nests
 * of enum kpsec_hop_attr from this node to the destination, the path its
 * frames take as this node's link-state database sees it.  ENETUNREACH
 * when there is none.
 *
 * Addressing
 * ----------
 *
 * A node's addresses on a kpsec device are derived from its node ID: the
 * host part of the device's IPv4 and IPv6 prefixes is the node ID.  A
 * packet sent to an address inside a prefix goes to the node whose ID is
 * its host part, along the mesh route to that node (or to the peer's
 * endpoint when there is none); anything else is dropped and counted as
 * tx_no_route.  A node ID must fit in the host part of every prefix set.
 *
 * Static-key mode
 * ---------------
 *
 * A peer with a static key exchanges data frames sealed with
 * ChaCha20-Poly1305 under that key.  The two directions never share a
 * nonce (bit 63 of the counter tells them apart) and each installation of
 * a key starts its counter from the real-time clock in nanoseconds, so a
 * reinstalled key does not reuse nonces.  See Documentation/wire-format.rst.
 */

#ifndef _UAPI_KPSEC_H
#define _UAPI_KPSEC_H

#include <linux/types.h>

#define KPSEC_GENL_NAME "kpsec"
#define KPSEC_GENL_VERSION 1

/* Ethertype of kpsec frames on the lower device (IEEE 802 local experimental 1). */
#define KPSEC_ETHERTYPE 0x88B5

#define KPSEC_KEY_LEN 32

/* Bytes kpsec adds to every IP packet: header and authentication tag. */
#define KPSEC_DATA_OVERHEAD (24 + 16)

/* Smallest lower MTU: the IPv6 minimum MTU plus our overhead. */
#define KPSEC_MIN_LOWER_MTU (1280 + KPSEC_DATA_OVERHEAD)

/**
 * struct kpsec_prefix - the mesh prefix of one address family
 * @family: AF_INET or AF_INET6
 * @prefixlen: 0 to clear; 8 .. 30 for IPv4, 64 .. 126 for IPv6
 * @reserved: must be zero
 * @addr: the prefix, host bits zero, network byte order
 */
struct kpsec_prefix {
	__u8 family;
	__u8 prefixlen;
	__u16 reserved;
	__u8 addr[16];
};

enum kpsec_cmd {
	KPSEC_CMD_GET_DEVICE,
	KPSEC_CMD_SET_DEVICE,
	KPSEC_CMD_GET_NEIGHBORS,
	KPSEC_CMD_GET_ROUTES,
	KPSEC_CMD_GET_TOPOLOGY,
	KPSEC_CMD_GET_PATH,
	__KPSEC_CMD_MAX
};
#define KPSEC_CMD_MAX (__KPSEC_CMD_MAX - 1)

enum kpsec_device_flag {
	KPSEC_DEVICE_F_REPLACE_PEERS = 1U << 0,
	__KPSEC_DEVICE_F_ALL = KPSEC_DEVICE_F_REPLACE_PEERS
};

enum kpsec_device_attr {
	KPSEC_A_DEVICE_UNSPEC,
	KPSEC_A_DEVICE_IFINDEX,
	KPSEC_A_DEVICE_IFNAME,
	KPSEC_A_DEVICE_FLAGS,
	KPSEC_A_DEVICE_LOWER_IFINDEX,
	KPSEC_A_DEVICE_LOWER_IFNAME,
	KPSEC_A_DEVICE_LOWER_ADDR,
	KPSEC_A_DEVICE_NODE_ID,
	KPSEC_A_DEVICE_PREFIX4,
	KPSEC_A_DEVICE_PREFIX6,
	KPSEC_A_DEVICE_PRIVATE_KEY,
	KPSEC_A_DEVICE_PUBLIC_KEY,
	KPSEC_A_DEVICE_STATS,
	KPSEC_A_DEVICE_PEERS,
	KPSEC_A_DEVICE_HELLO_INTERVAL,
	KPSEC_A_DEVICE_NEIGH_TIMEOUT,
	KPSEC_A_DEVICE_LSA_INTERVAL,
	KPSEC_A_DEVICE_NEIGHBORS,
	KPSEC_A_DEVICE_ROUTES,
	KPSEC_A_DEVICE_TOPOLOGY,
	KPSEC_A_DEVICE_PATH_DST,
	KPSEC_A_DEVICE_PATH,
	__KPSEC_A_DEVICE_LAST
};
#define KPSEC_A_DEVICE_MAX (__KPSEC_A_DEVICE_LAST - 1)

enum kpsec_peer_flag {
	KPSEC_PEER_F_REMOVE = 1U << 0,
	__KPSEC_PEER_F_ALL = KPSEC_PEER_F_REMOVE
};

enum kpsec_peer_attr {
	KPSEC_A_PEER_UNSPEC,
	KPSEC_A_PEER_NODE_ID,
	KPSEC_A_PEER_FLAGS,
	KPSEC_A_PEER_STATIC_KEY,
	KPSEC_A_PEER_HAS_STATIC_KEY,
	KPSEC_A_PEER_ENDPOINT,
	KPSEC_A_PEER_RX_PACKETS,
	KPSEC_A_PEER_RX_BYTES,
	KPSEC_A_PEER_TX_PACKETS,
	KPSEC_A_PEER_TX_BYTES,
	KPSEC_A_PEER_LAST_RX_MSECS,
	KPSEC_A_PEER_PAD,
	__KPSEC_A_PEER_LAST
};
#define KPSEC_A_PEER_MAX (__KPSEC_A_PEER_LAST - 1)

/*
 * Device counters.  RX_* drops are frames received on the lower device
 * and discarded before reaching the kpsec device; TX_* drops are packets
 * the kpsec device could not send.
 */
enum kpsec_stats_attr {
	KPSEC_A_STATS_UNSPEC,
	KPSEC_A_STATS_RX_PACKETS,	/* delivered to the stack */
	KPSEC_A_STATS_RX_BYTES,
	KPSEC_A_STATS_TX_PACKETS,	/* sealed and handed to the lower device */
	KPSEC_A_STATS_TX_BYTES,
	KPSEC_A_STATS_RX_AUTH_FAIL,	/* bad authentication tag */
	KPSEC_A_STATS_RX_REPLAY,	/* counter seen before or too old */
	KPSEC_A_STATS_RX_MALFORMED,	/* bad header field or direction bit, bad inner packet */
	KPSEC_A_STATS_RX_NO_PEER,	/* unknown source node */
	KPSEC_A_STATS_RX_NO_KEY,	/* known source, no key to open it */
	KPSEC_A_STATS_RX_NOT_FOR_US,	/* addressed to another node */
	KPSEC_A_STATS_TX_NO_ROUTE,	/* unbound, not a node's address, node unreachable */
	KPSEC_A_STATS_TX_NO_KEY,	/* destination node is no peer or has no key */
	KPSEC_A_STATS_TX_ERRORS,	/* out of memory, lower device refused */
	KPSEC_A_STATS_PAD,
	KPSEC_A_STATS_FWD_PACKETS,	/* data frames forwarded, never opened */
	KPSEC_A_STATS_FWD_BYTES,
	KPSEC_A_STATS_FWD_NO_ROUTE,	/* for another node, no route to it */
	KPSEC_A_STATS_FWD_TTL_EXPIRED,	/* for another node, ttl ran out */
	KPSEC_A_STATS_FWD_LOOP,		/* the next hop is the node it came from */
	KPSEC_A_STATS_RX_CTRL_PACKETS,	/* HELLO and LSA frames received */
	KPSEC_A_STATS_RX_CTRL_BYTES,
	KPSEC_A_STATS_TX_CTRL_PACKETS,	/* HELLO and LSA frames sent and forwarded */
	KPSEC_A_STATS_TX_CTRL_BYTES,
	KPSEC_A_STATS_RX_CTRL_MALFORMED, /* HELLO or LSA that does not parse */
	KPSEC_A_STATS_RX_ID_CONFLICT,	/* a node ID claimed from a second address */
	__KPSEC_A_STATS_LAST
};
#define KPSEC_A_STATS_MAX (__KPSEC_A_STATS_LAST - 1)

/* KPSEC_CMD_GET_NEIGHBORS: one nest per neighbour in KPSEC_A_DEVICE_NEIGHBORS. */
enum kpsec_neigh_attr {
	KPSEC_A_NEIGH_UNSPEC,
	KPSEC_A_NEIGH_NODE_ID,		/* NLA_U32 */
	KPSEC_A_NEIGH_ADDR,		/* binary, ETH_ALEN: its lower-link MAC */
	KPSEC_A_NEIGH_QUALITY_IN,	/* NLA_U32, 0..255: its HELLOs we receive */
	KPSEC_A_NEIGH_QUALITY_OUT,	/* NLA_U32, 0..255: our HELLOs it receives */
	KPSEC_A_NEIGH_METRIC,		/* NLA_U32, 256 = perfect, 65535 = unusable */
	KPSEC_A_NEIGH_SYMMETRIC,	/* NLA_FLAG: it hears us too: a link */
	KPSEC_A_NEIGH_LAST_HEARD_MSECS,	/* NLA_U64 */
	KPSEC_A_NEIGH_PAD,
	__KPSEC_A_NEIGH_LAST
};
#define KPSEC_A_NEIGH_MAX (__KPSEC_A_NEIGH_LAST - 1)

/* KPSEC_CMD_GET_ROUTES: one nest per reachable node in KPSEC_A_DEVICE_ROUTES. */
enum kpsec_route_attr {
	KPSEC_A_ROUTE_UNSPEC,
	KPSEC_A_ROUTE_DST,		/* NLA_U32: destination node */
	KPSEC_A_ROUTE_NEXT_HOP,		/* NLA_U32: neighbour node */
	KPSEC_A_ROUTE_NEXT_HOP_ADDR,	/* binary, ETH_ALEN */
	KPSEC_A_ROUTE_HOPS,		/* NLA_U32 */
	KPSEC_A_ROUTE_METRIC,		/* NLA_U32: sum of link metrics */
	KPSEC_A_ROUTE_AGE_MSECS,	/* NLA_U64: since the routes were computed */
	KPSEC_A_ROUTE_PAD,
	__KPSEC_A_ROUTE_LAST
};
#define KPSEC_A_ROUTE_MAX (__KPSEC_A_ROUTE_LAST - 1)

/*
 * KPSEC_CMD_GET_TOPOLOGY: one nest per node of the link-state database in
 * KPSEC_A_DEVICE_TOPOLOGY, with the links it announced.
 */
enum kpsec_node_attr {
	KPSEC_A_NODE_UNSPEC,
	KPSEC_A_NODE_ID,		/* NLA_U32 */
	KPSEC_A_NODE_SEQ,		/* NLA_U32: sequence number of its LSA */
	KPSEC_A_NODE_AGE_MSECS,		/* NLA_U64: since its LSA arrived */
	KPSEC_A_NODE_LINKS,		/* NLA_NESTED: nests of kpsec_link_attr */
	KPSEC_A_NODE_PAD,
	__KPSEC_A_NODE_LAST
};
#define KPSEC_A_NODE_MAX (__KPSEC_A_NODE_LAST - 1)

enum kpsec_link_attr {
	KPSEC_A_LINK_UNSPEC,
	KPSEC_A_LINK_NODE_ID,		/* NLA_U32: the other end */
	KPSEC_A_LINK_METRIC,		/* NLA_U32 */
	__KPSEC_A_LINK_LAST
};
#define KPSEC_A_LINK_MAX (__KPSEC_A_LINK_LAST - 1)

/*
 * KPSEC_CMD_GET_PATH: a doit with KPSEC_A_DEVICE_PATH_DST; the reply holds
 * KPSEC_A_DEVICE_PATH, one nest per node of the path a frame takes, this
 * node first, as this node's link-state database sees it.
 */
enum kpsec_hop_attr {
	KPSEC_A_HOP_UNSPEC,
	KPSEC_A_HOP_NODE_ID,		/* NLA_U32 */
	KPSEC_A_HOP_METRIC,		/* NLA_U32: cumulative metric to this hop */
	__KPSEC_A_HOP_LAST
};
#define KPSEC_A_HOP_MAX (__KPSEC_A_HOP_LAST - 1)

/* Routing timers (milliseconds): defaults and the ranges a set accepts. */
#define KPSEC_HELLO_INTERVAL_DEFAULT 250
#define KPSEC_HELLO_INTERVAL_MIN 50
#define KPSEC_HELLO_INTERVAL_MAX 10000
#define KPSEC_NEIGH_TIMEOUT_DEFAULT 1000	/* at least 2 HELLO intervals */
#define KPSEC_NEIGH_TIMEOUT_MAX 60000
#define KPSEC_LSA_INTERVAL_DEFAULT 5000		/* LSAs live 6 intervals */
#define KPSEC_LSA_INTERVAL_MIN 500
#define KPSEC_LSA_INTERVAL_MAX 600000

#endif /* _UAPI_KPSEC_H */
