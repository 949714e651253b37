// SPDX-License-Identifier: GPL-2.0
/*
 * The QKD-only exchange (Documentation/qkd.rst): no X25519 and no
 * key-paths; the session comes from one QKD key that both ends hold,
 * named by its key ID.  Over the shortest path:
 *
 *  1. QKD_INIT, source to destination: xid, key ID, a nonce and a tag
 *     under the key, so that only a holder of the key can make the
 *     destination spend it;
 *  2. QKD_RESP: the destination's nonce and its confirmation of the root;
 *  3. CONFIRM: the source's confirmation, as in the KPsec exchange.
 *
 * Runs in the work of kx_work.c, under kx.lock.
 */
#include <linux/random.h>
#include <linux/slab.h>
#include <crypto/algapi.h>
#include "device.h"
#include "kx.h"
#include "kx_crypto.h"
#include "peer.h"

void kpsec_kx_qkd_begin(struct kpsec_device *kd, struct kpsec_peer *peer)
{
	const struct kpsec_kx_params *p = &kd->kx.params;
	struct kpsec_exchange *ex = peer->kx;
	u32 self = kpsec_kx_self(kd);
	struct kpsec_qkd_held qkd;
	u8 prk[KPSEC_KEY_LEN];
	struct sk_buff *skb;
	bool reachable;
	u8 *body;

	rcu_read_lock_bh();
	reachable = self && kpsec_route_next_mac(kd, peer->node_id);
	rcu_read_unlock_bh();
	if (!reachable) {
		if (!ex) {
			kpsec_kx_fail(kd, peer, KPSEC_KX_NO_ROUTE);
			return;
		}
		/* A retry: the route may come back before the last attempt. */
		ex->deadline = jiffies + msecs_to_jiffies(p->timeout_ms);
		ex->attempt++;
		return;
	}
	/* Every attempt takes a fresh key: the last one may be spent at the other end. */
	if (!kpsec_qkd_take(kd, peer, NULL, KPSEC_QKD_ONLY, &qkd)) {
		kpsec_kx_qkd_no_key(kd, peer);
		return;
	}
	if (!ex) {
		ex = kzalloc(sizeof(*ex), GFP_KERNEL);
		if (!ex)
			goto out;
		ex->initiator = true;
		ex->started = jiffies;
		ex->start_ns = ktime_get_ns();
		peer->kx = ex;
		kpsec_count(kd, KPSEC_A_STATS_KX_STARTED);
		kpsec_kx_event(kd, KPSEC_EVENT_STARTED, peer->node_id, KPSEC_KX_OK, 0, 0, 0);
	}
	ex->qkd = qkd;
	ex->xid = kpsec_kx_new_xid(kd);
	ex->attempt++;
	ex->deadline = jiffies + msecs_to_jiffies(p->timeout_ms);
	get_random_bytes(ex->nonce, sizeof(ex->nonce));

	skb = kpsec_kx_alloc(self, peer->node_id, KPSEC_KX_QKD_INIT_LEN, &body, NULL);
	if (!skb)
		goto out;
	kpsec_kx_qkd_prk(prk, qkd.id, qkd.key, qkd.len);
	kpsec_kx_msg_header(body, KPSEC_KX_MSG_QKD_INIT);
	kpsec_kx_put_xid(body + 4, ex->xid);
	memcpy(body + 12, qkd.id, KPSEC_KX_QKD_ID_LEN);
	memcpy(body + 12 + KPSEC_KX_QKD_ID_LEN, ex->nonce, KPSEC_KX_NONCE_LEN);
	kpsec_kx_qkd_init_tag(body + 12 + KPSEC_KX_QKD_ID_LEN + KPSEC_KX_NONCE_LEN, prk,
			      ex->xid, self, peer->node_id, qkd.id, ex->nonce);
	memzero_explicit(prk, sizeof(prk));
	kpsec_kx_xmit(kd, skb, peer->node_id);
out:
	memzero_explicit(&qkd, sizeof(qkd));
}

/*
 * Something about an exchange that nothing authenticated yet: report it,
 * but change no state, or a forged frame could end exchanges.
 */
static void kpsec_kx_qkd_refuse(struct kpsec_device *kd, u32 node, enum kpsec_kx_reason reason)
{
	kpsec_count(kd, KPSEC_A_STATS_KX_FAILED);
	kpsec_kx_event(kd, KPSEC_EVENT_FAILED, node, reason, 0, 0, 0);
	net_info_ratelimited("%s: refused a QKD key exchange from node %u (reason %u)\n",
			     kd->dev->name, node, reason);
}

static bool kpsec_kx_qkd_respond(struct kpsec_device *kd, struct kpsec_peer *peer,
				 struct kpsec_exchange *ex, const u8 prk[KPSEC_KEY_LEN], u32 self)
{
	u8 i2r[KPSEC_KEY_LEN], r2i[KPSEC_KEY_LEN];
	struct kpsec_keypair *kp, *old;
	struct sk_buff *skb;
	u8 *body;

	get_random_bytes(ex->nonce, sizeof(ex->nonce));
	kpsec_kx_qkd_root(ex->root, prk, ex->xid, peer->node_id, self, ex->qkd.id,
			  ex->peer_nonce, ex->nonce);
	kpsec_kx_data_keys(i2r, r2i, ex->root);
	kp = kpsec_session_keypair(r2i, i2r, kpsec_kx_index(ex->xid), GFP_KERNEL);
	memzero_explicit(i2r, sizeof(i2r));
	memzero_explicit(r2i, sizeof(r2i));
	if (!kp)
		return false;
	skb = kpsec_kx_alloc(self, peer->node_id, KPSEC_KX_QKD_RESP_LEN, &body, NULL);
	if (!skb) {
		kfree_sensitive(kp);
		return false;
	}
	kpsec_kx_msg_header(body, KPSEC_KX_MSG_QKD_RESP);
	kpsec_kx_put_xid(body + 4, ex->xid);
	memcpy(body + 12, ex->nonce, KPSEC_KX_NONCE_LEN);
	kpsec_kx_confirm(body + 12 + KPSEC_KX_NONCE_LEN, ex->root, false);
	old = rcu_replace_pointer(peer->next_session, kp, lockdep_is_held(&kd->kx.lock));
	kpsec_keypair_put_rcu(old);
	return kpsec_kx_xmit(kd, skb, peer->node_id);
}

void kpsec_kx_rx_qkd_init(struct kpsec_device *kd, struct sk_buff *skb,
			  const struct kpsec_hdr *h, u32 self)
{
	const u8 *body = skb->data + KPSEC_HDR_LEN;
	const u8 *id = body + 12, *nonce = id + KPSEC_KX_QKD_ID_LEN;
	const u8 *tag = nonce + KPSEC_KX_NONCE_LEN;
	u64 xid = kpsec_kx_get_xid(body + 4);
	u8 prk[KPSEC_KEY_LEN], want[KPSEC_KX_TAG_LEN];
	const struct kpsec_qkd_key *k;
	struct kpsec_exchange *ex;
	struct kpsec_peer *peer;
	bool ours;

	/*
	 * Keys are stored per peer: a node we have no peer for cannot name
	 * one.  Make no peer for it either, or every forged source ID would
	 * leave one behind.
	 */
	peer = kpsec_kx_peer(kd, h->src, false);
	if (!peer) {
		if (kd->kx.params.qkd_mode != KPSEC_QKD_ONLY) {
			kpsec_kx_qkd_refuse(kd, h->src, KPSEC_KX_QKD_MODE_MISMATCH);
		} else {
			kpsec_count(kd, KPSEC_A_STATS_QKD_UNKNOWN_KEY);
			kpsec_kx_qkd_refuse(kd, h->src, KPSEC_KX_QKD_UNKNOWN_KEY);
		}
		return;
	}
	ex = peer->kx;
	if (xid <= peer->done_xid || (ex && !ex->initiator && xid <= ex->xid)) {
		kpsec_kx_replay(kd, h->src, h->src);
		return;
	}
	/* Both began at once: the lower node ID's exchange goes on. */
	if (ex && ex->initiator && self < h->src)
		return;
	if (kd->kx.params.qkd_mode != KPSEC_QKD_ONLY) {
		kpsec_kx_qkd_refuse(kd, h->src, KPSEC_KX_QKD_MODE_MISMATCH);
		return;
	}
	/* Both may have taken the same oldest key: ours then is the one. */
	ours = ex && ex->initiator && !memcmp(ex->qkd.id, id, KPSEC_KX_QKD_ID_LEN);
	k = ours ? NULL : kpsec_qkd_find(&peer->qkd, id);
	if (ours)
		kpsec_kx_qkd_prk(prk, ex->qkd.id, ex->qkd.key, ex->qkd.len);
	else if (k)
		kpsec_kx_qkd_prk(prk, k->id, k->key, k->len);
	else {
		kpsec_count(kd, KPSEC_A_STATS_QKD_UNKNOWN_KEY);
		kpsec_kx_qkd_refuse(kd, h->src, KPSEC_KX_QKD_UNKNOWN_KEY);
		return;
	}
	kpsec_kx_qkd_init_tag(want, prk, xid, h->src, self, id, nonce);
	if (crypto_memneq(want, tag, KPSEC_KX_TAG_LEN)) {
		kpsec_count(kd, KPSEC_A_STATS_KX_CONFIRM_FAILED);
		kpsec_kx_event(kd, KPSEC_EVENT_CONFIRM_FAILED, h->src, KPSEC_KX_CONFIRM_FAILED,
			       0, h->src, 0);
		goto out;
	}

	/* It holds the key: its exchange replaces whatever was running. */
	if (ex && ex->initiator && !ours)
		kpsec_qkd_put_back(kd, peer, &ex->qkd);
	if (!ours) {
		kpsec_kx_drop_exchange(peer);
		ex = kzalloc(sizeof(*ex), GFP_KERNEL);
		if (!ex)
			goto out;
		peer->kx = ex;
		kpsec_qkd_take(kd, peer, id, KPSEC_QKD_ONLY, &ex->qkd);
	} else {
		/* Keep our exchange's key, and nothing else of it. */
		struct kpsec_qkd_held held = ex->qkd;

		memset(ex, 0, sizeof(*ex));
		ex->qkd = held;
		memzero_explicit(&held, sizeof(held));
	}
	ex->initiator = false;
	ex->xid = xid;
	ex->started = jiffies;
	ex->start_ns = ktime_get_ns();
	memcpy(ex->peer_nonce, nonce, KPSEC_KX_NONCE_LEN);
	if (!kpsec_kx_qkd_respond(kd, peer, ex, prk, self)) {
		kpsec_kx_fail(kd, peer, KPSEC_KX_NO_ROUTE);
		goto out;
	}
	ex->responded = true;
	ex->deadline = jiffies + msecs_to_jiffies(kd->kx.params.timeout_ms);
out:
	memzero_explicit(prk, sizeof(prk));
	memzero_explicit(want, sizeof(want));
}

void kpsec_kx_rx_qkd_resp(struct kpsec_device *kd, struct sk_buff *skb,
			  const struct kpsec_hdr *h, u32 self)
{
	const u8 *body = skb->data + KPSEC_HDR_LEN;
	u64 xid = kpsec_kx_get_xid(body + 4);
	u8 prk[KPSEC_KEY_LEN], root[KPSEC_KEY_LEN], conf[KPSEC_KX_TAG_LEN];
	struct kpsec_exchange *ex;
	struct kpsec_peer *peer;

	peer = kpsec_kx_peer(kd, h->src, false);
	ex = peer ? peer->kx : NULL;
	if (!ex || !ex->initiator || ex->xid != xid || ex->qkd.mode != KPSEC_QKD_ONLY) {
		kpsec_kx_replay(kd, h->src, h->src);
		return;
	}
	memcpy(ex->peer_nonce, body + 12, KPSEC_KX_NONCE_LEN);
	kpsec_kx_qkd_prk(prk, ex->qkd.id, ex->qkd.key, ex->qkd.len);
	kpsec_kx_qkd_root(root, prk, xid, self, peer->node_id, ex->qkd.id, ex->nonce,
			  ex->peer_nonce);
	kpsec_kx_confirm(conf, root, false);
	if (crypto_memneq(conf, body + 12 + KPSEC_KX_NONCE_LEN, KPSEC_KX_TAG_LEN)) {
		kpsec_count(kd, KPSEC_A_STATS_KX_CONFIRM_FAILED);
		kpsec_kx_event(kd, KPSEC_EVENT_CONFIRM_FAILED, peer->node_id,
			       KPSEC_KX_CONFIRM_FAILED, 0, h->src, 0);
		goto out;
	}
	kpsec_kx_confirm_and_install(kd, peer, root, self);
out:
	memzero_explicit(prk, sizeof(prk));
	memzero_explicit(root, sizeof(root));
}
