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
 * A dump: with KPSEC_A_DEVICE_IFINDEX or _IFNAME that device, else every
 * kpsec device of the netns.  A device may take several messages (its
 * attributes repeat, KPSEC_A_DEVICE_PEERS continues); nests are numbered
 * from 0 in each message, and readers should not rely on the numbers.
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
 * KPSEC_CMD_GET_KEYRING
 * ---------------------
 *
 * A dump with the device filter and continuation rules of GET_DEVICE.
 * Each message carries KPSEC_A_DEVICE_IFINDEX, KPSEC_A_DEVICE_IFNAME and
 * KPSEC_A_DEVICE_NODE_ID, then:
 *
 *    KPSEC_A_DEVICE_KEYRING: NLA_NESTED, one nest of enum kpsec_ring_attr
 *                            per public key this node holds, ascending
 *                            node ID (KPSEC_A_RING_NODE_ID and
 *                            KPSEC_A_RING_PUBLIC_KEY)
 *    KPSEC_A_DEVICE_SYMRING: NLA_NESTED, one nest of enum kpsec_symkey_attr
 *                            per pool key this node holds, ascending key
 *                            ID: KPSEC_A_SYMKEY_ID only, never the key
 *
 * KPSEC_CMD_GET_KEYPATHS
 * ----------------------
 *
 * A doit: the device and KPSEC_A_DEVICE_PATH_DST.  The reply carries
 * KPSEC_A_DEVICE_IFINDEX, _IFNAME, KPSEC_A_DEVICE_PATH_DST and
 *
 *    KPSEC_A_DEVICE_KEYPATHS: NLA_NESTED, one nest of enum
 *                             kpsec_keypath_attr per vertex-disjoint
 *                             key-path, at most rho, shortest first
 *        KPSEC_A_KEYPATH_OVERLAY: NLA_NESTED, one nest of enum
 *                                 kpsec_ovhop_attr per overlay node after
 *                                 this one, the destination last
 *
 * An empty KPSEC_A_DEVICE_KEYPATHS means no key-path exists.  ENETUNREACH
 * when the destination is not in the link-state database.
 *
 * KPSEC_CMD_GET_SESSIONS
 * ----------------------
 *
 * A dump with the device filter and continuation rules of GET_DEVICE: one
 * nest of enum kpsec_session_attr per node this node has a key exchange
 * or a session with, in KPSEC_A_DEVICE_SESSIONS.  No key is ever shown.
 *
 * KPSEC_CMD_CONNECT
 * -----------------
 *
 * A doit: the device and KPSEC_A_DEVICE_PATH_DST.  Starts a key exchange
 * (a rekey when a session exists) and returns; the outcome is an
 * ESTABLISHED or FAILED event.  EINPROGRESS when one is running,
 * ENETUNREACH when the node is not in the link-state database.
 *
 * KPSEC_CMD_EVENT (multicast group KPSEC_MCGRP_EVENTS)
 * ----------------------------------------------------
 *
 * Notifications, never requests.  Each carries KPSEC_A_DEVICE_IFINDEX,
 * KPSEC_A_DEVICE_IFNAME and KPSEC_A_DEVICE_EVENT, a nest of enum
 * kpsec_event_attr.  They go to listeners in the device's netns.
 *
 * Key rings and key exchange parameters in KPSEC_CMD_SET_DEVICE
 * --------------------------------------------------------------
 *
 *    KPSEC_A_DEVICE_FLAGS: also KPSEC_DEVICE_F_REPLACE_KEYRING to drop
 *                          every ring entry not named in this request
 *    KPSEC_A_DEVICE_KEYRING: NLA_NESTED, at most KPSEC_KEYRING_MAX entries
 *        0: NLA_NESTED
 *            KPSEC_A_RING_NODE_ID: NLA_U32, required; not this node's ID
 *            KPSEC_A_RING_PUBLIC_KEY: binary, KPSEC_KEY_LEN bytes, required
 *                                     unless removing
 *            KPSEC_A_RING_FLAGS: NLA_U32, 0 or KPSEC_RING_F_REMOVE
 *        1: NLA_NESTED
 *            ...
 *    KPSEC_A_DEVICE_FLAGS: also KPSEC_DEVICE_F_REPLACE_SYMRING, the same
 *                          for the symmetric ring
 *    KPSEC_A_DEVICE_SYMRING: NLA_NESTED, pool keys (EG, q-composite, t-UKP
 *                            rings of kpsec-plan), at most KPSEC_SYMRING_MAX
 *        0: NLA_NESTED
 *            KPSEC_A_SYMKEY_ID: NLA_U32, required, 0 .. 2^32 - 2
 *            KPSEC_A_SYMKEY_KEY: binary, KPSEC_KEY_LEN bytes, not all
 *                                zeros; required unless removing
 *            KPSEC_A_SYMKEY_FLAGS: NLA_U32, 0 or KPSEC_SYMKEY_F_REMOVE
 *        1: NLA_NESTED
 *            ...
 *    KPSEC_A_DEVICE_SYMRING_Q: NLA_U32, 1 .. KPSEC_SYMRING_Q_MAX: two
 *                              nodes sharing this many pool keys are
 *                              neighbours in the key graph (default 1)
 *    KPSEC_A_DEVICE_KX_RHO: NLA_U32, key-paths per exchange, 1 ..
 *                           KPSEC_KX_RHO_MAX
 *    KPSEC_A_DEVICE_KX_THETA: NLA_U32, shares needed, 1 .. rho
 *    KPSEC_A_DEVICE_KX_TIMEOUT: NLA_U32, ms, per attempt
 *    KPSEC_A_DEVICE_KX_RETRIES: NLA_U32, further attempts after a timeout
 *    KPSEC_A_DEVICE_REKEY_AFTER_TIME: NLA_U32, seconds
 *    KPSEC_A_DEVICE_REKEY_AFTER_MESSAGES: NLA_U64, frames sent with a key
 *    KPSEC_A_DEVICE_TEST_FLAGS: NLA_U32, enum kpsec_test_flag; refused
 *                               unless the module was loaded with
 *                               test_knobs=1
 *
 * GET_DEVICE reports the parameters (and KPSEC_A_DEVICE_KEYRING_SIZE,
 * KPSEC_A_DEVICE_SYMRING_SIZE) with the same attributes.
 *
 * QKD keys (Documentation/qkd.rst)
 * --------------------------------
 *
 * Each peer has a store of write-only keys from a QKD key management
 * entity, known by 16-byte ETSI GS QKD 014 key IDs, used once and zeroised
 * when used or deleted.  SET_DEVICE takes the policy: KPSEC_A_DEVICE_QKD_MODE
 * (enum kpsec_qkd_mode; a change ends every session and exchange),
 * _QKD_ON_EMPTY (enum kpsec_qkd_on_empty), _QKD_MAX_AGE (seconds) and
 * _QKD_LOW_WATERMARK (keys; KPSEC_EVENT_QKD_LOW when a store falls to it).
 *
 * KPSEC_CMD_QKD_ADD_KEYS (doit): the device, KPSEC_A_DEVICE_PATH_DST (the
 * peer) and KPSEC_A_DEVICE_QKD_KEYS, nests of KPSEC_A_QKD_KEY_ID and
 * KPSEC_A_QKD_KEY (KPSEC_QKD_KEY_MIN .. _MAX bytes).  All or none: an ID
 * stored or repeated, or a store past KPSEC_QKD_STORE_MAX, refuses it all.
 * KPSEC_CMD_QKD_DEL_KEYS (doit): the same with KPSEC_A_QKD_KEY_ID only
 * (each must be stored), or without KPSEC_A_DEVICE_QKD_KEYS for all keys.
 * KPSEC_CMD_GET_QKD (dump, the rules of GET_DEVICE): the policy and
 * KPSEC_A_DEVICE_QKD_STORES, one nest of enum kpsec_qkd_store_attr per
 * store; with KPSEC_A_DEVICE_PATH_DST that peer's only, with its key IDs
 * oldest first in KPSEC_A_QKD_STORE_KEY_IDS.
 *
 * Addressing (a node's addresses are its node ID in the device's prefixes)
 * and static-key mode are described in Documentation/netlink-api.rst and
 * Documentation/wire-format.rst.
 */

#ifndef _UAPI_KPSEC_H
#define _UAPI_KPSEC_H

#include <linux/types.h>

#define KPSEC_GENL_NAME "kpsec"
#define KPSEC_GENL_VERSION 1
#define KPSEC_MCGRP_EVENTS "events"

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
	KPSEC_CMD_GET_KEYRING,
	KPSEC_CMD_GET_KEYPATHS,
	KPSEC_CMD_GET_SESSIONS,
	KPSEC_CMD_CONNECT,
	KPSEC_CMD_EVENT,
	KPSEC_CMD_QKD_ADD_KEYS,
	KPSEC_CMD_QKD_DEL_KEYS,
	KPSEC_CMD_GET_QKD,
	__KPSEC_CMD_MAX
};
#define KPSEC_CMD_MAX (__KPSEC_CMD_MAX - 1)

enum kpsec_device_flag {
	KPSEC_DEVICE_F_REPLACE_PEERS = 1U << 0,
	KPSEC_DEVICE_F_REPLACE_KEYRING = 1U << 1,
	KPSEC_DEVICE_F_REPLACE_SYMRING = 1U << 2,
	__KPSEC_DEVICE_F_ALL = KPSEC_DEVICE_F_REPLACE_PEERS |
			       KPSEC_DEVICE_F_REPLACE_KEYRING |
			       KPSEC_DEVICE_F_REPLACE_SYMRING
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
	KPSEC_A_DEVICE_KEYRING,
	KPSEC_A_DEVICE_KEYRING_SIZE,
	KPSEC_A_DEVICE_KEYPATHS,
	KPSEC_A_DEVICE_SESSIONS,
	KPSEC_A_DEVICE_EVENT,
	KPSEC_A_DEVICE_KX_RHO,
	KPSEC_A_DEVICE_KX_THETA,
	KPSEC_A_DEVICE_KX_TIMEOUT,
	KPSEC_A_DEVICE_KX_RETRIES,
	KPSEC_A_DEVICE_REKEY_AFTER_TIME,
	KPSEC_A_DEVICE_REKEY_AFTER_MESSAGES,
	KPSEC_A_DEVICE_TEST_FLAGS,
	KPSEC_A_DEVICE_PAD,
	KPSEC_A_DEVICE_QKD_MODE,
	KPSEC_A_DEVICE_QKD_ON_EMPTY,
	KPSEC_A_DEVICE_QKD_MAX_AGE,
	KPSEC_A_DEVICE_QKD_LOW_WATERMARK,
	KPSEC_A_DEVICE_QKD_KEYS,
	KPSEC_A_DEVICE_QKD_STORES,
	KPSEC_A_DEVICE_SYMRING,
	KPSEC_A_DEVICE_SYMRING_SIZE,
	KPSEC_A_DEVICE_SYMRING_Q,
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
	KPSEC_A_STATS_RX_KX_PACKETS,	/* key exchange frames received for us */
	KPSEC_A_STATS_RX_KX_BYTES,
	KPSEC_A_STATS_TX_KX_PACKETS,	/* key exchange frames sent, not forwarded */
	KPSEC_A_STATS_TX_KX_BYTES,
	KPSEC_A_STATS_FWD_KX_PACKETS,	/* key exchange frames forwarded unopened */
	KPSEC_A_STATS_FWD_KX_BYTES,
	KPSEC_A_STATS_KX_STARTED,	/* exchanges this node initiated */
	KPSEC_A_STATS_KX_ESTABLISHED,	/* sessions set up, either side */
	KPSEC_A_STATS_KX_FAILED,	/* exchanges given up, either side */
	KPSEC_A_STATS_KX_SHARE_RELAYED,	/* shares opened and resealed here (D-E) */
	KPSEC_A_STATS_KX_SHARE_REJECTED, /* shares that failed the check */
	KPSEC_A_STATS_KX_CONFIRM_FAILED, /* responses or confirmations that failed */
	KPSEC_A_STATS_KX_REPLAY,	/* exchange frames of an old or finished exchange */
	KPSEC_A_STATS_KX_MALFORMED,	/* exchange frames that do not parse or open */
	KPSEC_A_STATS_TX_QUEUE_DROPPED,	/* packets dropped while waiting for a session */
	KPSEC_A_STATS_QKD_KEYS_USED,	/* QKD keys consumed by exchanges */
	KPSEC_A_STATS_QKD_NO_KEY,	/* exchanges that found the store empty */
	KPSEC_A_STATS_QKD_UNKNOWN_KEY,	/* exchanges naming a key ID we do not hold */
	KPSEC_A_STATS_QKD_EXPIRED,	/* sessions ended for want of a fresh QKD key */
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

/* Key rings: KPSEC_A_DEVICE_KEYRING nests. */
#define KPSEC_KEYRING_MAX 128

enum kpsec_ring_flag {
	KPSEC_RING_F_REMOVE = 1U << 0,
	__KPSEC_RING_F_ALL = KPSEC_RING_F_REMOVE
};

enum kpsec_ring_attr {
	KPSEC_A_RING_UNSPEC,
	KPSEC_A_RING_NODE_ID,		/* NLA_U32 */
	KPSEC_A_RING_PUBLIC_KEY,	/* binary, KPSEC_KEY_LEN */
	KPSEC_A_RING_FLAGS,		/* NLA_U32, kpsec_ring_flag (set only) */
	__KPSEC_A_RING_LAST
};
#define KPSEC_A_RING_MAX (__KPSEC_A_RING_LAST - 1)

/* Symmetric (pool) key rings: KPSEC_A_DEVICE_SYMRING nests. */
#define KPSEC_SYMRING_MAX 256
#define KPSEC_SYMRING_Q_MAX 16

enum kpsec_symkey_flag {
	KPSEC_SYMKEY_F_REMOVE = 1U << 0,
	__KPSEC_SYMKEY_F_ALL = KPSEC_SYMKEY_F_REMOVE
};

enum kpsec_symkey_attr {
	KPSEC_A_SYMKEY_UNSPEC,
	KPSEC_A_SYMKEY_ID,		/* NLA_U32: the pool key's ID */
	KPSEC_A_SYMKEY_KEY,		/* binary, KPSEC_KEY_LEN (set only) */
	KPSEC_A_SYMKEY_FLAGS,		/* NLA_U32, kpsec_symkey_flag (set only) */
	__KPSEC_A_SYMKEY_LAST
};
#define KPSEC_A_SYMKEY_MAX (__KPSEC_A_SYMKEY_LAST - 1)

/* KPSEC_CMD_GET_KEYPATHS: one nest per key-path in KPSEC_A_DEVICE_KEYPATHS. */
enum kpsec_keypath_attr {
	KPSEC_A_KEYPATH_UNSPEC,
	KPSEC_A_KEYPATH_INDEX,		/* NLA_U32: share index it carries, from 1 */
	KPSEC_A_KEYPATH_DE_STEPS,	/* NLA_U32: overlay nodes between the ends */
	KPSEC_A_KEYPATH_PHYS_HOPS,	/* NLA_U32: radio hops in all */
	KPSEC_A_KEYPATH_OVERLAY,	/* NLA_NESTED: nests of kpsec_ovhop_attr */
	__KPSEC_A_KEYPATH_LAST
};
#define KPSEC_A_KEYPATH_MAX (__KPSEC_A_KEYPATH_LAST - 1)

enum kpsec_ovhop_attr {
	KPSEC_A_OVHOP_UNSPEC,
	KPSEC_A_OVHOP_NODE_ID,		/* NLA_U32: the overlay node */
	KPSEC_A_OVHOP_PHYS_HOPS,	/* NLA_U32: radio hops from the previous one */
	__KPSEC_A_OVHOP_LAST
};
#define KPSEC_A_OVHOP_MAX (__KPSEC_A_OVHOP_LAST - 1)

enum kpsec_session_state {
	KPSEC_SESSION_NONE,		/* no key, no exchange running */
	KPSEC_SESSION_INITIATING,	/* our shares are out, waiting for the response */
	KPSEC_SESSION_RESPONDING,	/* response sent, waiting for the confirmation */
	KPSEC_SESSION_ESTABLISHED,	/* a session key is in use */
	KPSEC_SESSION_FAILED,		/* the last exchange failed, no session key */
};

/* Why an exchange failed: KPSEC_A_SESSION_LAST_ERROR, KPSEC_A_EVENT_REASON. */
enum kpsec_kx_reason {
	KPSEC_KX_OK,
	KPSEC_KX_NO_PRIVATE_KEY,	/* this node has no private key */
	KPSEC_KX_NO_ROUTE,		/* the node is not reachable */
	KPSEC_KX_FEW_KEYPATHS,		/* fewer than theta disjoint key-paths */
	KPSEC_KX_TIMEOUT,		/* no answer after every retry */
	KPSEC_KX_SHARES_INCONSISTENT,	/* fewer than theta shares passed the check */
	KPSEC_KX_CONFIRM_FAILED,	/* the other side did not prove its key */
	KPSEC_KX_KEY_MISMATCH,		/* its key differs from the one in our ring */
	KPSEC_KX_PARAMS_MISMATCH,	/* its rho/theta differ from ours */
	KPSEC_KX_QKD_NO_KEY,		/* no QKD key left for the node */
	KPSEC_KX_QKD_UNKNOWN_KEY,	/* it named a QKD key ID we do not hold */
	KPSEC_KX_QKD_MODE_MISMATCH,	/* its QKD mode differs from ours */
	KPSEC_KX_QKD_EXPIRED,		/* the session outlived its QKD key */
	__KPSEC_KX_REASON_MAX
};

enum kpsec_session_attr {
	KPSEC_A_SESSION_UNSPEC,
	KPSEC_A_SESSION_NODE_ID,	/* NLA_U32: the other node */
	KPSEC_A_SESSION_STATE,		/* NLA_U32, enum kpsec_session_state */
	KPSEC_A_SESSION_INITIATOR,	/* NLA_FLAG: this node began the current key */
	KPSEC_A_SESSION_PUBLIC_KEY,	/* binary: its static public key, once known */
	KPSEC_A_SESSION_AGE_MSECS,	/* NLA_U64: since the current key was set up */
	KPSEC_A_SESSION_REKEY_MSECS,	/* NLA_U64: until the rekey, 0 when due */
	KPSEC_A_SESSION_RX_PACKETS,	/* NLA_U64, the peer's totals */
	KPSEC_A_SESSION_RX_BYTES,
	KPSEC_A_SESSION_TX_PACKETS,
	KPSEC_A_SESSION_TX_BYTES,
	KPSEC_A_SESSION_DROPS,		/* NLA_U64: its frames that failed to open or replayed */
	KPSEC_A_SESSION_EXCHANGES,	/* NLA_U32: exchanges completed */
	KPSEC_A_SESSION_FAILURES,	/* NLA_U32: exchanges failed */
	KPSEC_A_SESSION_LAST_ERROR,	/* NLA_U32, enum kpsec_kx_reason */
	KPSEC_A_SESSION_KX_MSECS,	/* NLA_U64: how long the last exchange took */
	KPSEC_A_SESSION_PAD,
	KPSEC_A_SESSION_QKD_MODE,	/* NLA_U32: enum kpsec_qkd_mode of the current key */
	KPSEC_A_SESSION_QKD_KEY_ID,	/* binary: the QKD key ID it used */
	__KPSEC_A_SESSION_LAST
};
#define KPSEC_A_SESSION_MAX (__KPSEC_A_SESSION_LAST - 1)

enum kpsec_event {
	KPSEC_EVENT_UNSPEC,
	KPSEC_EVENT_STARTED,		/* this node began an exchange */
	KPSEC_EVENT_ESTABLISHED,	/* a session key is in use */
	KPSEC_EVENT_FAILED,		/* an exchange was given up; see the reason */
	KPSEC_EVENT_SHARE_REJECTED,	/* a share failed the check and was discarded */
	KPSEC_EVENT_CONFIRM_FAILED,	/* a response or confirmation did not verify */
	KPSEC_EVENT_REPLAY,		/* a frame of an old exchange was dropped */
	KPSEC_EVENT_QKD_LOW,		/* a QKD store fell to the low watermark */
	KPSEC_EVENT_QKD_EMPTY,		/* a QKD key was needed and none was left */
	__KPSEC_EVENT_MAX
};

enum kpsec_event_attr {
	KPSEC_A_EVENT_UNSPEC,
	KPSEC_A_EVENT_TYPE,		/* NLA_U32, enum kpsec_event */
	KPSEC_A_EVENT_PEER,		/* NLA_U32: the other end of the exchange */
	KPSEC_A_EVENT_REASON,		/* NLA_U32, enum kpsec_kx_reason (FAILED) */
	KPSEC_A_EVENT_SHARE_INDEX,	/* NLA_U32 (SHARE_REJECTED) */
	KPSEC_A_EVENT_FROM,		/* NLA_U32: the node the frame came from */
	KPSEC_A_EVENT_KX_MSECS,		/* NLA_U64: exchange time (ESTABLISHED) */
	KPSEC_A_EVENT_PAD,
	KPSEC_A_EVENT_QKD_KEYS,		/* NLA_U32: keys left (QKD_LOW, QKD_EMPTY) */
	__KPSEC_A_EVENT_LAST
};
#define KPSEC_A_EVENT_MAX (__KPSEC_A_EVENT_LAST - 1)

enum kpsec_test_flag {
	/* Alter every share this node relays (a D-E step): tests only. */
	KPSEC_TEST_F_ALTER_SHARES = 1U << 0,
	/* Send confirmations with a wrong tag, as this node's source role. */
	KPSEC_TEST_F_BAD_CONFIRM = 1U << 1,
	__KPSEC_TEST_F_ALL = KPSEC_TEST_F_ALTER_SHARES | KPSEC_TEST_F_BAD_CONFIRM
};

/* Key exchange parameters: defaults and the ranges a set accepts. */
#define KPSEC_KX_RHO_DEFAULT 2
#define KPSEC_KX_RHO_MAX 8
#define KPSEC_KX_THETA_DEFAULT 2
#define KPSEC_KX_TIMEOUT_DEFAULT 2000		/* ms per attempt */
#define KPSEC_KX_TIMEOUT_MIN 100
#define KPSEC_KX_TIMEOUT_MAX 60000
#define KPSEC_KX_RETRIES_DEFAULT 3
#define KPSEC_KX_RETRIES_MAX 20
#define KPSEC_REKEY_AFTER_TIME_DEFAULT 120	/* seconds */
#define KPSEC_REKEY_AFTER_TIME_MIN 5
#define KPSEC_REKEY_AFTER_TIME_MAX 86400
#define KPSEC_REKEY_AFTER_MESSAGES_DEFAULT (1ULL << 60)
#define KPSEC_REKEY_AFTER_MESSAGES_MIN 16
#define KPSEC_REKEY_AFTER_MESSAGES_MAX (1ULL << 60)

/* QKD keys: the modes, what an empty store does, and the limits. */
enum kpsec_qkd_mode {
	KPSEC_QKD_OFF,		/* sessions from the KPsec exchange alone */
	KPSEC_QKD_HYBRID,	/* a fresh QKD key mixed into every session key */
	KPSEC_QKD_ONLY,		/* session keys from QKD keys alone, no X25519 */
	__KPSEC_QKD_MODE_MAX
};

enum kpsec_qkd_on_empty {
	KPSEC_QKD_ON_EMPTY_REFUSE,	/* no key: no session; a due rekey ends it */
	KPSEC_QKD_ON_EMPTY_KEEP,	/* keep the session until QKD_MAX_AGE */
	__KPSEC_QKD_ON_EMPTY_MAX
};

enum kpsec_qkd_key_attr {
	KPSEC_A_QKD_UNSPEC,
	KPSEC_A_QKD_KEY_ID,		/* binary, KPSEC_QKD_KEY_ID_LEN */
	KPSEC_A_QKD_KEY,		/* binary, write-only */
	__KPSEC_A_QKD_LAST
};
#define KPSEC_A_QKD_MAX (__KPSEC_A_QKD_LAST - 1)

enum kpsec_qkd_store_attr {
	KPSEC_A_QKD_STORE_UNSPEC,
	KPSEC_A_QKD_STORE_NODE_ID,	/* NLA_U32: the peer */
	KPSEC_A_QKD_STORE_AVAILABLE,	/* NLA_U32: keys stored */
	KPSEC_A_QKD_STORE_USED,		/* NLA_U64: keys used by exchanges */
	KPSEC_A_QKD_STORE_ADDED,	/* NLA_U64: keys ever added */
	KPSEC_A_QKD_STORE_NEXT_KEY_ID,	/* binary: the key our next exchange takes */
	KPSEC_A_QKD_STORE_NEXT_KEY_BITS, /* NLA_U32: its size */
	KPSEC_A_QKD_STORE_REFILL_MSECS,	/* NLA_U64: since keys were last added */
	KPSEC_A_QKD_STORE_KEY_IDS,	/* NLA_NESTED: KPSEC_A_QKD_KEY_ID each */
	KPSEC_A_QKD_STORE_PAD,
	__KPSEC_A_QKD_STORE_LAST
};
#define KPSEC_A_QKD_STORE_MAX (__KPSEC_A_QKD_STORE_LAST - 1)

#define KPSEC_QKD_KEY_ID_LEN 16
#define KPSEC_QKD_KEY_MIN 16		/* bytes: 128 bits */
#define KPSEC_QKD_KEY_MAX 128		/* bytes: 1024 bits */
#define KPSEC_QKD_STORE_MAX 4096	/* keys per peer: 1 Mbit of 256-bit keys */
#define KPSEC_QKD_ADD_MAX 1024		/* keys per request */
#define KPSEC_QKD_MAX_AGE_DEFAULT 3600	/* seconds */
#define KPSEC_QKD_MAX_AGE_MIN 5
#define KPSEC_QKD_MAX_AGE_MAX 604800
#define KPSEC_QKD_LOW_WATERMARK_DEFAULT 8

#endif /* _UAPI_KPSEC_H */
