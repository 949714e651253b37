/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KPSEC_PEER_H
#define _KPSEC_PEER_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/rcupdate.h>
#include <linux/netdevice.h>
#include "uapi/kpsec.h"
#include "../lib/replay.h"
#include "../lib/wire.h"
#include "qkd.h"

struct kpsec_device;

/**
 * struct kpsec_keypair - one installed key (static or session) and its
 *	nonce state
 * @key: the ChaCha20-Poly1305 key we send with, zeroised when the keypair
 *	is freed
 * @rx_key: the key the peer sends with (a static key: the same)
 * @index: the key index frames sealed with it carry: 0 for a static key,
 *	derived from the exchange ID for a session
 * @birth: jiffies when it was installed
 * @tx_counter: last counter sent.  A static key starts at the real-time
 *	clock in ns so a key installed again never reuses a nonce (see
 *	wire-format.rst); a session key starts at 0 (its keys are fresh)
 * @replay_lock: protects @replay; taken in softirq by the receive path
 * @replay: counters already accepted from the peer
 * @rcu: frees the keypair once no datapath reader can hold it
 *
 * Immutable but for the counters: replacing a key installs a new keypair.
 */
struct kpsec_keypair {
	u8 key[KPSEC_KEY_LEN];
	u8 rx_key[KPSEC_KEY_LEN];
	u32 index;
	unsigned long birth;
	atomic64_t tx_counter;
	spinlock_t replay_lock;	/* protects replay */
	struct kpsec_replay replay;
	struct rcu_head rcu;
};

/**
 * struct kpsec_peer - a remote node this node exchanges data with
 * @kd: owning device
 * @node_id: the peer's node ID, its index in &kpsec_device.peers
 * @endpoint: the peer's lower-link MAC in the low 48 bits, 0 when unknown;
 *	set by netlink, refreshed by each authenticated frame (READ_ONCE/
 *	WRITE_ONCE: a torn value cannot happen on 64-bit, and a stale one is
 *	harmless)
 * @keypair: current key, RCU; replaced under RTNL
 * @stats: per-CPU traffic counters
 * @last_rx_jiffies: when the last authenticated frame arrived, 0 never
 * @session: the current session keypair (RCU; kx.lock)
 * @prev_session: the one before, still accepted on receive (likewise)
 * @next_session: responder: the keypair of an exchange waiting for its
 *	confirmation, accepted on receive only (likewise)
 * @kx: the exchange in progress, or NULL (kx.lock)
 * @state: enum kpsec_session_state (kx.lock; READ_ONCE for dumps)
 * @initiator: we began the current session (kx.lock)
 * @rekey_wanted: the current session key has sent enough
 * @next_rekey: jiffies before which no rekey is tried (after a failure)
 * @has_pub: @pub is known (kx.lock)
 * @pub: its static public key, from the ring or an exchange (kx.lock)
 * @done_xid: the newest exchange it began that completed; its older
 *	ones are replays (kx.lock)
 * @exchanges: exchanges completed (kx.lock)
 * @failures: exchanges given up (kx.lock)
 * @last_error: enum kpsec_kx_reason of the last failure (kx.lock)
 * @kx_msecs: duration of the last completed exchange (kx.lock)
 * @qkd_mode: enum kpsec_qkd_mode the current session was made in (kx.lock)
 * @qkd_id: the QKD key ID the current session used (kx.lock)
 * @qkd: the QKD keys held for it (kx.lock)
 * @drops: its frames that failed to open or were replays
 * @rcu: frees the peer after removal
 */
struct kpsec_peer {
	struct kpsec_device *kd;
	u32 node_id;
	u64 endpoint;
	struct kpsec_keypair __rcu *keypair;
	struct pcpu_sw_netstats __percpu *stats;
	unsigned long last_rx_jiffies;
	struct kpsec_keypair __rcu *session;
	struct kpsec_keypair __rcu *prev_session;
	struct kpsec_keypair __rcu *next_session;
	struct kpsec_exchange *kx;
	u8 state;
	bool initiator;
	bool rekey_wanted;
	unsigned long next_rekey;
	bool has_pub;
	u8 pub[KPSEC_KEY_LEN];
	u64 done_xid;
	u32 exchanges, failures;
	u8 last_error;
	u64 kx_msecs;
	u8 qkd_mode;
	u8 qkd_id[KPSEC_QKD_KEY_ID_LEN];
	struct kpsec_qkd_store qkd;
	atomic64_t drops;
	struct rcu_head rcu;
};

struct kpsec_exchange;

struct kpsec_keypair *kpsec_keypair_create(const u8 key[KPSEC_KEY_LEN], gfp_t gfp);
/* A session keypair: fresh keys, counters from 0. */
struct kpsec_keypair *kpsec_session_keypair(const u8 tx[KPSEC_KEY_LEN],
					    const u8 rx[KPSEC_KEY_LEN], u32 index, gfp_t gfp);
void kpsec_keypair_put_rcu(struct kpsec_keypair *kp);

struct kpsec_peer *kpsec_peer_alloc(struct kpsec_device *kd, u32 node_id);
/* Free a peer that was never published. */
void kpsec_peer_free_unpublished(struct kpsec_peer *peer);
/* Unpublish and free after a grace period.  Caller holds RTNL. */
void kpsec_peer_remove(struct kpsec_peer *peer);
void kpsec_peer_remove_all(struct kpsec_device *kd);

/* What a peer's per-CPU counters add up to. */
struct kpsec_peer_totals {
	u64 rx_packets, rx_bytes, tx_packets, tx_bytes;
};

void kpsec_peer_stats_sum(const struct kpsec_peer *peer, struct kpsec_peer_totals *t);

static inline void kpsec_peer_stats_add(struct kpsec_peer *peer, bool tx, unsigned int len)
{
	struct pcpu_sw_netstats *s = this_cpu_ptr(peer->stats);

	u64_stats_update_begin(&s->syncp);
	if (tx) {
		u64_stats_inc(&s->tx_packets);
		u64_stats_add(&s->tx_bytes, len);
	} else {
		u64_stats_inc(&s->rx_packets);
		u64_stats_add(&s->rx_bytes, len);
	}
	u64_stats_update_end(&s->syncp);
}

static inline u64 kpsec_mac_to_u64(const u8 *mac)
{
	return (u64)mac[0] << 40 | (u64)mac[1] << 32 | (u64)mac[2] << 24 |
	       (u64)mac[3] << 16 | (u64)mac[4] << 8 | mac[5];
}

static inline void kpsec_u64_to_mac(u8 *mac, u64 v)
{
	int i;

	for (i = 5; i >= 0; i--, v >>= 8)
		mac[i] = v & 0xff;
}

#endif /* _KPSEC_PEER_H */
