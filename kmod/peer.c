// SPDX-License-Identifier: GPL-2.0
/* Peers and their keypairs: allocation, publication and RCU-deferred freeing. */
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/rtnetlink.h>
#include "device.h"
#include "peer.h"

struct kpsec_keypair *kpsec_keypair_create(const u8 key[KPSEC_KEY_LEN], gfp_t gfp)
{
	struct kpsec_keypair *kp = kzalloc(sizeof(*kp), gfp);

	if (!kp)
		return NULL;
	memcpy(kp->key, key, KPSEC_KEY_LEN);
	memcpy(kp->rx_key, key, KPSEC_KEY_LEN);
	kp->birth = jiffies;
	/*
	 * Counters below the current real time in ns were possibly used by an
	 * earlier installation of this key; we stay below 2^63 until 2262.
	 */
	atomic64_set(&kp->tx_counter, ktime_get_real_ns() & ~KPSEC_COUNTER_DIR_BIT);
	spin_lock_init(&kp->replay_lock);
	kpsec_replay_init(&kp->replay);
	return kp;
}

struct kpsec_keypair *kpsec_session_keypair(const u8 tx[KPSEC_KEY_LEN],
					    const u8 rx[KPSEC_KEY_LEN], u32 index, gfp_t gfp)
{
	struct kpsec_keypair *kp = kzalloc(sizeof(*kp), gfp);

	if (!kp)
		return NULL;
	memcpy(kp->key, tx, KPSEC_KEY_LEN);
	memcpy(kp->rx_key, rx, KPSEC_KEY_LEN);
	kp->index = index;
	kp->birth = jiffies;
	atomic64_set(&kp->tx_counter, 0);
	spin_lock_init(&kp->replay_lock);
	kpsec_replay_init(&kp->replay);
	return kp;
}

static void kpsec_keypair_free_rcu(struct rcu_head *rcu)
{
	kfree_sensitive(container_of(rcu, struct kpsec_keypair, rcu));
}

void kpsec_keypair_put_rcu(struct kpsec_keypair *kp)
{
	if (kp)
		call_rcu(&kp->rcu, kpsec_keypair_free_rcu);
}

struct kpsec_peer *kpsec_peer_alloc(struct kpsec_device *kd, u32 node_id)
{
	struct kpsec_peer *peer = kzalloc(sizeof(*peer), GFP_KERNEL);

	if (!peer)
		return NULL;
	peer->stats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!peer->stats) {
		kfree(peer);
		return NULL;
	}
	peer->kd = kd;
	peer->node_id = node_id;
	kpsec_qkd_init(&peer->qkd);
	atomic64_set(&peer->drops, 0);
	return peer;
}

void kpsec_peer_free_unpublished(struct kpsec_peer *peer)
{
	kfree_sensitive(rcu_dereference_protected(peer->keypair, true));
	kfree_sensitive(rcu_dereference_protected(peer->session, true));
	kfree_sensitive(rcu_dereference_protected(peer->prev_session, true));
	kfree_sensitive(rcu_dereference_protected(peer->next_session, true));
	kfree_sensitive(peer->kx);
	kpsec_qkd_clear(&peer->qkd);
	free_percpu(peer->stats);
	kfree(peer);
}

static void kpsec_peer_free_rcu(struct rcu_head *rcu)
{
	struct kpsec_peer *peer = container_of(rcu, struct kpsec_peer, rcu);

	/* A grace period has passed: no reader holds the keypair either. */
	kpsec_peer_free_unpublished(peer);
}

void kpsec_peer_remove(struct kpsec_peer *peer)
{
	ASSERT_RTNL();
	xa_erase(&peer->kd->peers, peer->node_id);
	call_rcu(&peer->rcu, kpsec_peer_free_rcu);
}

void kpsec_peer_remove_all(struct kpsec_device *kd)
{
	struct kpsec_peer *peer;
	unsigned long id;

	xa_for_each(&kd->peers, id, peer)
		kpsec_peer_remove(peer);
}

void kpsec_peer_stats_sum(const struct kpsec_peer *peer, struct kpsec_peer_totals *t)
{
	int cpu;

	memset(t, 0, sizeof(*t));
	for_each_possible_cpu(cpu) {
		const struct pcpu_sw_netstats *s = per_cpu_ptr(peer->stats, cpu);
		u64 rxp, rxb, txp, txb;
		unsigned int seq;

		do {
			seq = u64_stats_fetch_begin(&s->syncp);
			rxp = u64_stats_read(&s->rx_packets);
			rxb = u64_stats_read(&s->rx_bytes);
			txp = u64_stats_read(&s->tx_packets);
			txb = u64_stats_read(&s->tx_bytes);
		} while (u64_stats_fetch_retry(&s->syncp, seq));
		t->rx_packets += rxp;
		t->rx_bytes += rxb;
		t->tx_packets += txp;
		t->tx_bytes += txb;
	}
}
