/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KPsec key establishment: key rings (keyring.c), vertex-disjoint key-paths
 * (keypath.c), the exchange itself (kx.c, kx_crypto.c) and the sessions it
 * yields (session.c).  See Documentation/key-exchange.rst.
 */
#ifndef _KPSEC_KX_H
#define _KPSEC_KX_H

#include <linux/mutex.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>
#include "uapi/kpsec.h"
#include "../lib/kx.h"

struct kpsec_device;
struct kpsec_peer;
struct kpsec_routes;

/* An entry of a key ring: a node and its static public key. */
struct kpsec_ring_entry {
	u32 node;
	u8 pub[KPSEC_KEY_LEN];
};

/**
 * struct kpsec_ring - the public keys a node holds, replaced whole (RCU)
 * @rcu: frees it after readers are done
 * @n: entries in @e, ascending node ID
 * @e: the entries
 */
struct kpsec_ring {
	struct rcu_head rcu;
	u32 n;
	struct kpsec_ring_entry e[];
};

/**
 * struct kpsec_kx_params - exchange parameters of a device (kx.lock;
 *	READ_ONCE where read without it)
 * @rho: key-paths (shares) per exchange
 * @theta: shares needed
 * @timeout_ms: per attempt
 * @retries: attempts after the first
 * @rekey_time_s: rekey a session this old
 * @rekey_msgs: rekey after sending this many frames with one key
 * @test_flags: enum kpsec_test_flag
 */
struct kpsec_kx_params {
	u32 rho, theta;
	u32 timeout_ms, retries;
	u32 rekey_time_s;
	u64 rekey_msgs;
	u32 test_flags;
};

/**
 * struct kpsec_keypath - one key-path, as computed by the source
 * @n: overlay nodes after the source, the destination last
 * @node: their IDs
 * @phys: radio hops from the previous overlay node to each
 */
struct kpsec_keypath {
	u32 n;
	u32 node[KPSEC_KX_ROUTE_MAX + 1];
	u32 phys[KPSEC_KX_ROUTE_MAX + 1];
};

/**
 * struct kpsec_exchange - one key exchange with a peer, either side
 * @xid: its ID (the source's clock when it began; increasing)
 * @initiator: we are the source
 * @rho: shares sent
 * @theta: shares needed
 * @attempt: attempts made (initiator)
 * @started: jiffies of the first attempt
 * @start_ns: ktime of the first attempt, for the exchange time
 * @deadline: jiffies when the current attempt times out
 * @eph_priv: our ephemeral private key, zeroised with the exchange
 * @eph_pub: our ephemeral public key
 * @peer_eph: the other side's ephemeral public key
 * @secret: initiator: our public key and the authenticator secret that
 *	the shares carry; responder: what the shares reconstructed
 * @have: responder: bit i - 1 set when share i arrived
 * @responded: responder: the response is out, waiting for the confirmation
 * @shares: responder: the share bodies received, by index - 1
 * @from: responder: the overlay node each share came from
 * @peer_pub: the other side's static public key
 * @root: responder: the session root key, until the confirmation
 */
struct kpsec_exchange {
	u64 xid;
	bool initiator;
	u8 rho, theta, attempt;
	unsigned long started, deadline;
	u64 start_ns;
	u8 eph_priv[KPSEC_KEY_LEN];
	u8 eph_pub[KPSEC_KEY_LEN];
	u8 peer_eph[KPSEC_KEY_LEN];
	u8 secret[KPSEC_KX_SECRET_LEN];
	u8 have;
	bool responded;
	struct kpsec_kx_share shares[KPSEC_KX_RHO_LIMIT];
	u32 from[KPSEC_KX_RHO_LIMIT];
	u8 peer_pub[KPSEC_KEY_LEN];
	u8 root[KPSEC_KEY_LEN];
};

/**
 * struct kpsec_kx - key exchange state of a device
 * @lock: serialises exchanges, session changes and the creation of peers
 *	by exchanges; taken after RTNL where both are held
 * @params: parameters (@lock)
 * @running: @work may run (set and cleared under @lock)
 * @work: handles queued frames and packets, timeouts and rekeys
 * @rx_queue: key exchange frames for us, waiting for @work
 * @tx_queue: packets for nodes without a session, waiting for @work
 * @last_xid: the last exchange ID we chose (@lock)
 */
struct kpsec_kx {
	struct mutex lock;
	struct kpsec_kx_params params;
	bool running;
	struct delayed_work work;
	struct sk_buff_head rx_queue;
	struct sk_buff_head tx_queue;
	u64 last_xid;
};

/* Frames and packets each queue holds at most. */
#define KPSEC_KX_RX_QUEUE_MAX 512
#define KPSEC_KX_TX_QUEUE_MAX 256
/* How often the work looks at timers while anything is pending. */
#define KPSEC_KX_TICK_MS 50

/* keyring.c */
struct kpsec_ring *kpsec_ring_alloc(u32 n, gfp_t gfp);
void kpsec_ring_free(struct kpsec_ring *r);
/* The entry of @node in @r, or NULL. */
const struct kpsec_ring_entry *kpsec_ring_find(const struct kpsec_ring *r, u32 node);
/* Sort @r by node ID; false when an ID repeats. */
bool kpsec_ring_sort(struct kpsec_ring *r);
/* The key ring TLV of our LSAs into @out (@cap bytes); its length. */
size_t kpsec_ring_tlv(struct kpsec_device *kd, u8 *out, size_t cap);

/* keypath.c: up to @max key-paths to @dst from the current routes. */
int kpsec_keypaths(struct kpsec_device *kd, u32 dst, unsigned int max,
		   struct kpsec_keypath *paths);

/* kx.c: the protocol; kx.lock held, called from the work of kx_work.c */
u32 kpsec_kx_self(struct kpsec_device *kd);
/* @node's peer; a new one when @create and there is none. */
struct kpsec_peer *kpsec_kx_peer(struct kpsec_device *kd, u32 node, bool create);
void kpsec_kx_drop_exchange(struct kpsec_peer *peer);
/* End @peer's exchange with @reason: counters, event, queued packets. */
void kpsec_kx_fail(struct kpsec_device *kd, struct kpsec_peer *peer,
		   enum kpsec_kx_reason reason);
/* Begin, or retry, an exchange with @peer as its source. */
void kpsec_kx_begin(struct kpsec_device *kd, struct kpsec_peer *peer);
/* Rebuild the source's key from the shares in, check it, answer. */
void kpsec_kx_respond(struct kpsec_device *kd, struct kpsec_peer *peer);
/* One key exchange frame for us (@self). */
void kpsec_kx_handle(struct kpsec_device *kd, struct sk_buff *skb, u32 self);

/* kx_work.c */
void kpsec_kx_init(struct kpsec_device *kd);
void kpsec_kx_start(struct kpsec_device *kd);
void kpsec_kx_stop(struct kpsec_device *kd);
/* A KPSEC_PKT_KX frame for us (softirq): queue it for the work. */
void kpsec_kx_rx(struct kpsec_device *kd, struct sk_buff *skb);
/* A packet for @node, which has no session: queue it, start an exchange. */
void kpsec_kx_stage(struct kpsec_device *kd, struct sk_buff *skb, u32 node);
/* Rekey @peer soon (its key has sent enough). */
void kpsec_kx_want_rekey(struct kpsec_device *kd);
/* Start an exchange with @node now.  kx.lock held. */
int kpsec_kx_connect_locked(struct kpsec_device *kd, u32 node);
/* Forget every exchange and session (peers stay).  kx.lock held. */
void kpsec_kx_reset_locked(struct kpsec_device *kd);
/* Drop the packets waiting for @node.  kx.lock held. */
void kpsec_kx_purge(struct kpsec_device *kd, u32 node);

/* netlink_kx.c */
void kpsec_kx_event(struct kpsec_device *kd, enum kpsec_event type, u32 peer,
		    enum kpsec_kx_reason reason, u32 share_index, u32 from, u64 kx_msecs);

#endif /* _KPSEC_KX_H */
