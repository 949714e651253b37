// SPDX-License-Identifier: GPL-2.0
/*
 * The key exchange machinery: one work item per device, under kx.lock,
 * handles the frames for us the receive path queued, the packets the
 * transmit path holds back for nodes without a session, exchange timeouts
 * and rekeys.  The protocol itself is in kx.c.
 */
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include "device.h"
#include "kx.h"
#include "peer.h"

#define KPSEC_KX_BUDGET 64

struct kpsec_kx_cb {
	u32 node;
};

static struct kpsec_kx_cb *kpsec_kx_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct kpsec_kx_cb) > sizeof(skb->cb));
	return (struct kpsec_kx_cb *)skb->cb;
}

static bool kpsec_kx_rekey_due(struct kpsec_device *kd, struct kpsec_peer *peer)
{
	const struct kpsec_kx_params *p = &kd->kx.params;
	struct kpsec_keypair *kp;
	unsigned long after;

	kp = rcu_dereference_protected(peer->session, lockdep_is_held(&kd->kx.lock));
	if (!kp || time_before(jiffies, peer->next_rekey))
		return false;
	if (READ_ONCE(peer->rekey_wanted))
		return true;
	/* The responder waits longer: normally the initiator rekeys first. */
	after = p->rekey_time_s * HZ;
	if (!peer->initiator)
		after += 3 * msecs_to_jiffies(p->timeout_ms);
	return time_after_eq(jiffies, kp->birth + after);
}

/* A session made with a QKD key is never used past the maximum age. */
static void kpsec_kx_qkd_expire(struct kpsec_device *kd, struct kpsec_peer *peer)
{
	struct kpsec_keypair *kp;

	kp = rcu_dereference_protected(peer->session, lockdep_is_held(&kd->kx.lock));
	if (kp && peer->qkd_mode != KPSEC_QKD_OFF &&
	    time_after_eq(jiffies, kp->birth + kd->kx.params.qkd_max_age_s * HZ))
		kpsec_kx_end_session(kd, peer, KPSEC_KX_QKD_EXPIRED);
}

/* Returns true while anything still needs the clock. */
static bool kpsec_kx_timers(struct kpsec_device *kd)
{
	struct kpsec_peer *peer;
	bool pending = false;
	unsigned long id;

	xa_for_each(&kd->peers, id, peer) {
		struct kpsec_exchange *ex = peer->kx;

		if (ex && time_after_eq(jiffies, ex->deadline)) {
			if (ex->initiator) {
				if (ex->attempt <= kd->kx.params.retries)
					kpsec_kx_begin(kd, peer);
				else
					kpsec_kx_fail(kd, peer, KPSEC_KX_TIMEOUT);
			} else if (!ex->responded && hweight8(ex->have) >= kd->kx.params.theta) {
				kpsec_kx_respond(kd, peer);
			} else {
				kpsec_kx_fail(kd, peer, KPSEC_KX_TIMEOUT);
			}
		} else if (!ex && kpsec_kx_rekey_due(kd, peer)) {
			kpsec_kx_begin(kd, peer);
		}
		kpsec_kx_qkd_expire(kd, peer);
		pending |= !!peer->kx || rcu_access_pointer(peer->session);
	}
	return pending;
}

/* Drop the packets waiting for @node (its exchange failed). */
void kpsec_kx_purge(struct kpsec_device *kd, u32 node)
{
	struct sk_buff *skb, *tmp;
	unsigned long flags;
	unsigned int n = 0;
	LIST_HEAD(gone);

	spin_lock_irqsave(&kd->kx.tx_queue.lock, flags);
	skb_queue_walk_safe(&kd->kx.tx_queue, skb, tmp) {
		if (kpsec_kx_cb(skb)->node != node)
			continue;
		__skb_unlink(skb, &kd->kx.tx_queue);
		list_add_tail(&skb->list, &gone);
		n++;
	}
	spin_unlock_irqrestore(&kd->kx.tx_queue.lock, flags);
	if (!n)
		return;
	kpsec_count_add(kd, KPSEC_A_STATS_TX_QUEUE_DROPPED, n);
	DEV_STATS_ADD(kd->dev, tx_dropped, n);
	kfree_skb_list_reason(list_first_entry(&gone, struct sk_buff, list),
			      SKB_DROP_REASON_NOT_SPECIFIED);
}

/* Send what waited for a session; start exchanges for the rest. */
static void kpsec_kx_flush(struct kpsec_device *kd)
{
	struct sk_buff_head keep;
	struct kpsec_peer *peer;
	struct sk_buff *skb;

	__skb_queue_head_init(&keep);
	while ((skb = skb_dequeue(&kd->kx.tx_queue))) {
		peer = kpsec_kx_peer(kd, kpsec_kx_cb(skb)->node, true);
		if (peer && rcu_access_pointer(peer->session)) {
			local_bh_disable();
			kpsec_xmit(skb, kd->dev);
			local_bh_enable();
			continue;
		}
		if (peer && !peer->kx)
			kpsec_kx_begin(kd, peer);
		if (!peer || !peer->kx) {
			kpsec_count(kd, KPSEC_A_STATS_TX_QUEUE_DROPPED);
			DEV_STATS_INC(kd->dev, tx_dropped);
			kfree_skb(skb);
			continue;
		}
		__skb_queue_tail(&keep, skb);
	}
	skb_queue_splice(&keep, &kd->kx.tx_queue);
}

static void kpsec_kx_work(struct work_struct *work)
{
	struct kpsec_device *kd = container_of(to_delayed_work(work), struct kpsec_device,
					       kx.work);
	unsigned int budget = KPSEC_KX_BUDGET;
	struct sk_buff *skb;
	bool pending;
	u32 self;

	mutex_lock(&kd->kx.lock);
	if (!kd->kx.running)
		goto out;
	self = kpsec_kx_self(kd);
	while (budget-- && (skb = skb_dequeue(&kd->kx.rx_queue))) {
		if (self)
			kpsec_kx_handle(kd, skb, self);
		consume_skb(skb);
	}
	pending = kpsec_kx_timers(kd);
	kpsec_kx_flush(kd);
	if (!skb_queue_empty(&kd->kx.rx_queue))
		mod_delayed_work(system_wq, &kd->kx.work, 0);
	else if (pending || !skb_queue_empty(&kd->kx.tx_queue))
		queue_delayed_work(system_wq, &kd->kx.work, msecs_to_jiffies(KPSEC_KX_TICK_MS));
out:
	mutex_unlock(&kd->kx.lock);
}

static void kpsec_kx_kick(struct kpsec_device *kd)
{
	if (READ_ONCE(kd->kx.running))
		mod_delayed_work(system_wq, &kd->kx.work, 0);
}

void kpsec_kx_rx(struct kpsec_device *kd, struct sk_buff *skb)
{
	kpsec_count(kd, KPSEC_A_STATS_RX_KX_PACKETS);
	kpsec_count_add(kd, KPSEC_A_STATS_RX_KX_BYTES, skb->len);
	if (skb_queue_len(&kd->kx.rx_queue) >= KPSEC_KX_RX_QUEUE_MAX) {
		kpsec_count(kd, KPSEC_A_STATS_KX_MALFORMED);
		kfree_skb(skb);
		return;
	}
	skb_queue_tail(&kd->kx.rx_queue, skb);
	kpsec_kx_kick(kd);
}

void kpsec_kx_stage(struct kpsec_device *kd, struct sk_buff *skb, u32 node)
{
	if (skb_queue_len(&kd->kx.tx_queue) >= KPSEC_KX_TX_QUEUE_MAX) {
		kpsec_count(kd, KPSEC_A_STATS_TX_QUEUE_DROPPED);
		DEV_STATS_INC(kd->dev, tx_dropped);
		kfree_skb(skb);
		return;
	}
	kpsec_kx_cb(skb)->node = node;
	skb_queue_tail(&kd->kx.tx_queue, skb);
	kpsec_kx_kick(kd);
}

void kpsec_kx_want_rekey(struct kpsec_device *kd)
{
	kpsec_kx_kick(kd);
}

int kpsec_kx_connect_locked(struct kpsec_device *kd, u32 node)
{
	struct kpsec_peer *peer;

	lockdep_assert_held(&kd->kx.lock);
	peer = kpsec_kx_peer(kd, node, true);
	if (!peer)
		return -ENOMEM;
	if (peer->kx)
		return -EINPROGRESS;
	kpsec_kx_begin(kd, peer);
	kpsec_kx_kick(kd);
	return 0;
}

void kpsec_kx_reset_locked(struct kpsec_device *kd)
{
	struct kpsec_peer *peer;
	unsigned long id;

	lockdep_assert_held(&kd->kx.lock);
	xa_for_each(&kd->peers, id, peer) {
		kpsec_keypair_put_rcu(rcu_replace_pointer(peer->session, NULL,
							  lockdep_is_held(&kd->kx.lock)));
		kpsec_keypair_put_rcu(rcu_replace_pointer(peer->prev_session, NULL,
							  lockdep_is_held(&kd->kx.lock)));
		kpsec_keypair_put_rcu(rcu_replace_pointer(peer->next_session, NULL,
							  lockdep_is_held(&kd->kx.lock)));
		kpsec_kx_drop_exchange(peer);
	}
	skb_queue_purge(&kd->kx.tx_queue);
	skb_queue_purge(&kd->kx.rx_queue);
}

void kpsec_kx_init(struct kpsec_device *kd)
{
	struct kpsec_kx *kx = &kd->kx;

	mutex_init(&kx->lock);
	INIT_DELAYED_WORK(&kx->work, kpsec_kx_work);
	skb_queue_head_init(&kx->rx_queue);
	skb_queue_head_init(&kx->tx_queue);
	kx->params.rho = KPSEC_KX_RHO_DEFAULT;
	kx->params.theta = KPSEC_KX_THETA_DEFAULT;
	kx->params.sym_q = 1;
	kx->params.timeout_ms = KPSEC_KX_TIMEOUT_DEFAULT;
	kx->params.retries = KPSEC_KX_RETRIES_DEFAULT;
	kx->params.rekey_time_s = KPSEC_REKEY_AFTER_TIME_DEFAULT;
	kx->params.rekey_msgs = KPSEC_REKEY_AFTER_MESSAGES_DEFAULT;
	kx->params.qkd_mode = KPSEC_QKD_OFF;
	kx->params.qkd_on_empty = KPSEC_QKD_ON_EMPTY_REFUSE;
	kx->params.qkd_max_age_s = KPSEC_QKD_MAX_AGE_DEFAULT;
	kx->params.qkd_low = KPSEC_QKD_LOW_WATERMARK_DEFAULT;
}

void kpsec_kx_start(struct kpsec_device *kd)
{
	mutex_lock(&kd->kx.lock);
	WRITE_ONCE(kd->kx.running, true);
	mutex_unlock(&kd->kx.lock);
}

void kpsec_kx_stop(struct kpsec_device *kd)
{
	mutex_lock(&kd->kx.lock);
	WRITE_ONCE(kd->kx.running, false);
	mutex_unlock(&kd->kx.lock);
	/* The work re-arms only while running. */
	cancel_delayed_work_sync(&kd->kx.work);
	mutex_lock(&kd->kx.lock);
	kpsec_kx_reset_locked(kd);
	mutex_unlock(&kd->kx.lock);
}
