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
#include "qkd.h"

struct kpsec_device;
struct kpsec_hdr;
struct kpsec_keypair;
struct kpsec_peer;
struct kpsec_routes;
struct netlink_ext_ack;
struct nlattr;

/* An entry of a key ring: a node and its static public key. */
struct kpsec_ring_entry {
	u32 node;
	u8 pub[KPSEC_KEY_LEN];
};

/* An entry of a symmetric ring: a pool key and its ID. */
struct kpsec_symkey {
	u32 id;
	u8 key[KPSEC_KEY_LEN];
};

/**
 * struct kpsec_symring - the pool keys a node holds, replaced whole (RCU)
 * @rcu: zeroises and frees it after readers are done
 * @n: entries in @e, ascending key ID
 * @e: the entries
 */
struct kpsec_symring {
	struct rcu_head rcu;
	u32 n;
	struct kpsec_symkey e[];
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
 * @qkd_mode: enum kpsec_qkd_mode
 * @qkd_on_empty: enum kpsec_qkd_on_empty
 * @qkd_max_age_s: no session made with a QKD key is used longer
 * @qkd_low: the low watermark of the QKD stores, in keys
 * @sym_q: pool keys two nodes must share to be key graph neighbours
 */
struct kpsec_kx_params {
	u32 rho, theta;
	u32 timeout_ms, retries;
	u32 rekey_time_s;
	u64 rekey_msgs;
	u32 test_flags;
	u32 qkd_mode, qkd_on_empty;
	u32 qkd_max_age_s, qkd_low;
	u32 sym_q;
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
 * @qkd: the QKD key this exchange uses, if any
 * @nonce: QKD-only: our nonce
 * @peer_nonce: QKD-only: the other side's
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
	struct kpsec_qkd_held qkd;
	u8 nonce[KPSEC_KX_NONCE_LEN];
	u8 peer_nonce[KPSEC_KX_NONCE_LEN];
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

/* symring.c */
struct kpsec_symring *kpsec_symring_alloc(u32 n, gfp_t gfp);
/* Zeroise and free @r once readers are done (NULL is fine). */
void kpsec_symring_free(struct kpsec_symring *r);
/* Zeroise and free @r, which no reader has seen. */
void kpsec_symring_free_now(struct kpsec_symring *r);
/* Apply KPSEC_A_DEVICE_SYMRING of a SET_DEVICE to a copy of ours: *@out, or NULL for none. */
int kpsec_symring_prepare(struct kpsec_device *kd, struct nlattr *list, bool replace,
			  struct kpsec_symring **out, struct netlink_ext_ack *extack);
/* The symmetric ring TLV of our LSAs into @out (@cap bytes); its length. */
size_t kpsec_symring_tlv(struct kpsec_device *kd, u8 *out, size_t cap);
/*
 * The link key we share with @node: a hash of the pool keys both hold (as
 * its LSA advertises them).  False when they share fewer than sym_q.
 */
bool kpsec_symring_link_key(struct kpsec_device *kd, u32 self, u32 node,
			    u8 key[KPSEC_KEY_LEN]);

/* keypath.c: up to @max key-paths to @dst from the current routes. */
int kpsec_keypaths(struct kpsec_device *kd, u32 dst, unsigned int max,
		   struct kpsec_keypath *paths);

/* kx.c: the protocol; kx.lock held, called from the work of kx_work.c */
u32 kpsec_kx_self(struct kpsec_device *kd);
/* A frame to @dst with room for @len body bytes at *@body; @ad gets its AD. */
struct sk_buff *kpsec_kx_alloc(u32 self, u32 dst, size_t len, u8 **body, u8 *ad);
/* Send a frame along the shortest path to @dst. */
bool kpsec_kx_xmit(struct kpsec_device *kd, struct sk_buff *skb, u32 dst);
/* The key index both directions of a session carry. */
u32 kpsec_kx_index(u64 xid);
void kpsec_kx_replay(struct kpsec_device *kd, u32 node, u32 from);
/* Make the keypair @kp of @peer's exchange its current session. */
void kpsec_kx_install(struct kpsec_device *kd, struct kpsec_peer *peer,
		      struct kpsec_keypair *kp, bool initiator);
/* Initiator: session keys from @root, send the confirmation, install. */
void kpsec_kx_confirm_and_install(struct kpsec_device *kd, struct kpsec_peer *peer,
				  const u8 root[KPSEC_KEY_LEN], u32 self);
/* A new exchange ID, above every one this device used. */
u64 kpsec_kx_new_xid(struct kpsec_device *kd);
/* End @peer's session now, for @reason (QKD policy). */
void kpsec_kx_end_session(struct kpsec_device *kd, struct kpsec_peer *peer,
			  enum kpsec_kx_reason reason);
/* No QKD key for an exchange with @peer: fail it as the policy says. */
void kpsec_kx_qkd_no_key(struct kpsec_device *kd, struct kpsec_peer *peer);
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

/* kx_qkd.c: the QKD-only exchange (QKD_INIT, QKD_RESP, CONFIRM) */
void kpsec_kx_qkd_begin(struct kpsec_device *kd, struct kpsec_peer *peer);
void kpsec_kx_rx_qkd_init(struct kpsec_device *kd, struct sk_buff *skb,
			  const struct kpsec_hdr *h, u32 self);
void kpsec_kx_rx_qkd_resp(struct kpsec_device *kd, struct sk_buff *skb,
			  const struct kpsec_hdr *h, u32 self);

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
