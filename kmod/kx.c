// SPDX-License-Identifier: GPL-2.0
/*
 * The KPsec key exchange (Documentation/key-exchange.rst):
 *
 *  1. The source shares (its public key | a fresh authenticator secret)
 *     into rho shares with threshold theta and sends share i along
 *     vertex-disjoint key-path i; each overlay node opens it with its
 *     private key and reseals it to the next one (a D-E step).
 *  2. The destination rebuilds the secret from theta shares whose tags
 *     verify under it, discards the others, and answers over the shortest
 *     path with its public key sealed to the source's.
 *  3. The source proves it holds the private key by a confirmation; both
 *     sides derive directional session keys bound to the whole transcript.
 *
 * Everything here runs in the work item of kx_work.c, under kx.lock.
 */
#include <linux/etherdevice.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <crypto/algapi.h>
#include <crypto/chacha20poly1305.h>
#include "device.h"
#include "kx.h"
#include "kx_crypto.h"
#include "peer.h"
#include "../lib/shamir.h"

#define KPSEC_KX_HEADROOM 128

u32 kpsec_kx_self(struct kpsec_device *kd)
{
	u32 self;

	rcu_read_lock();
	self = rcu_dereference(kd->conf)->node_id;
	rcu_read_unlock();
	return self;
}

/* The key index both directions of a session carry: from its exchange ID. */
u32 kpsec_kx_index(u64 xid)
{
	u32 i = (u32)(xid ^ (xid >> 32));

	return i ?: 1;
}

struct sk_buff *kpsec_kx_alloc(u32 self, u32 dst, size_t len, u8 **body, u8 *ad)
{
	struct kpsec_hdr h = {
		.version = KPSEC_WIRE_VERSION,
		.type = KPSEC_PKT_KX,
		.ttl = KPSEC_DEFAULT_TTL,
		.src = self,
		.dst = dst,
		.counter = get_random_u64(),
	};
	struct sk_buff *skb;

	skb = alloc_skb(KPSEC_KX_HEADROOM + KPSEC_HDR_LEN + len + 32, GFP_KERNEL);
	if (!skb)
		return NULL;
	skb_reserve(skb, KPSEC_KX_HEADROOM);
	kpsec_hdr_encode(skb_put(skb, KPSEC_HDR_LEN), &h);
	if (ad)
		kpsec_hdr_ad(ad, skb->data);
	*body = skb_put(skb, len);
	return skb;
}

bool kpsec_kx_xmit(struct kpsec_device *kd, struct sk_buff *skb, u32 dst)
{
	struct net_device *lower;
	unsigned int len = skb->len;
	u64 next;

	rcu_read_lock_bh();
	lower = rcu_dereference_bh(kd->lower);
	next = kpsec_route_next_mac(kd, dst);
	if (!lower || !next || skb_cow_head(skb, LL_RESERVED_SPACE(lower)) ||
	    kpsec_link_header(skb, lower, next)) {
		rcu_read_unlock_bh();
		kpsec_count(kd, KPSEC_A_STATS_TX_ERRORS);
		kfree_skb(skb);
		return false;
	}
	kpsec_count(kd, KPSEC_A_STATS_TX_KX_PACKETS);
	kpsec_count_add(kd, KPSEC_A_STATS_TX_KX_BYTES, len);
	dev_queue_xmit(skb);
	rcu_read_unlock_bh();
	return true;
}

/*
 * Seal share plaintext @plain (@len bytes) for the overlay node @to and
 * send it: to its public key when our ring holds it (SHARE), else under
 * the link key of the pool keys we share (SHARE_SYM).  -ENOKEY when we
 * can protect nothing to @to.
 */
static int kpsec_kx_send_share(struct kpsec_device *kd, u32 self, u32 to,
			       const u8 *plain, size_t len)
{
	u8 ad[KPSEC_HDR_LEN], key[KPSEC_KEY_LEN], *body, *out;
	const struct kpsec_ring_entry *e;
	struct sk_buff *skb;
	int ret = -ENOKEY;
	bool pub;

	rcu_read_lock();
	e = kpsec_ring_find(rcu_dereference(kd->ring), to);
	if (e)
		memcpy(key, e->pub, KPSEC_KEY_LEN);
	pub = e;
	rcu_read_unlock();
	if (!pub && !kpsec_symring_link_key(kd, self, to, key))
		goto out;
	ret = -ENOMEM;
	skb = kpsec_kx_alloc(self, to, KPSEC_KX_MSG_FIXED + KPSEC_KX_KEY_LEN + len +
			     KPSEC_KX_TAG_LEN, &body, ad);
	if (!skb)
		goto out;
	kpsec_kx_msg_header(body, pub ? KPSEC_KX_MSG_SHARE : KPSEC_KX_MSG_SHARE_SYM);
	out = body + KPSEC_KX_MSG_FIXED + KPSEC_KX_KEY_LEN;
	if (!pub) {
		kpsec_kx_seal_sym(out, body + KPSEC_KX_MSG_FIXED, plain, len, key, ad, sizeof(ad));
	} else if (!kpsec_kx_seal_to(out, body + KPSEC_KX_MSG_FIXED, plain, len, key, ad,
				     sizeof(ad))) {
		kfree_skb(skb);
		ret = -EINVAL;
		goto out;
	}
	ret = kpsec_kx_xmit(kd, skb, to) ? 0 : -EHOSTUNREACH;
out:
	memzero_explicit(key, sizeof(key));
	return ret;
}

/* ---- peers, sessions and outcomes ---- */

struct kpsec_peer *kpsec_kx_peer(struct kpsec_device *kd, u32 node, bool create)
{
	struct kpsec_peer *peer = xa_load(&kd->peers, node);

	lockdep_assert_held(&kd->kx.lock);
	if (peer || !create)
		return peer;
	peer = kpsec_peer_alloc(kd, node);
	if (!peer)
		return NULL;
	if (xa_insert(&kd->peers, node, peer, GFP_KERNEL)) {
		kpsec_peer_free_unpublished(peer);
		return NULL;
	}
	kpsec_config_generation++;
	return peer;
}

void kpsec_kx_drop_exchange(struct kpsec_peer *peer)
{
	kfree_sensitive(peer->kx);
	peer->kx = NULL;
}

void kpsec_kx_fail(struct kpsec_device *kd, struct kpsec_peer *peer,
		   enum kpsec_kx_reason reason)
{
	struct kpsec_keypair *next = rcu_replace_pointer(peer->next_session, NULL,
							 lockdep_is_held(&kd->kx.lock));

	kpsec_keypair_put_rcu(next);
	kpsec_kx_drop_exchange(peer);
	peer->failures++;
	peer->last_error = reason;
	peer->rekey_wanted = false;
	peer->next_rekey = jiffies + msecs_to_jiffies(kd->kx.params.timeout_ms) *
			   (kd->kx.params.retries + 1);
	kpsec_count(kd, KPSEC_A_STATS_KX_FAILED);
	kpsec_kx_event(kd, KPSEC_EVENT_FAILED, peer->node_id, reason, 0, 0, 0);
	if (!rcu_access_pointer(peer->session))
		kpsec_kx_purge(kd, peer->node_id);
}

void kpsec_kx_end_session(struct kpsec_device *kd, struct kpsec_peer *peer,
			  enum kpsec_kx_reason reason)
{
	struct kpsec_keypair *cur, *prev;

	cur = rcu_replace_pointer(peer->session, NULL, lockdep_is_held(&kd->kx.lock));
	prev = rcu_replace_pointer(peer->prev_session, NULL, lockdep_is_held(&kd->kx.lock));
	kpsec_keypair_put_rcu(prev);
	if (!cur)
		return;
	kpsec_keypair_put_rcu(cur);
	kpsec_count(kd, KPSEC_A_STATS_QKD_EXPIRED);
	peer->last_error = reason;
	kpsec_kx_event(kd, KPSEC_EVENT_FAILED, peer->node_id, reason, 0, 0, 0);
	net_info_ratelimited("%s: session with node %u ended: no fresh QKD key\n",
			     kd->dev->name, peer->node_id);
}

void kpsec_kx_qkd_no_key(struct kpsec_device *kd, struct kpsec_peer *peer)
{
	kpsec_count(kd, KPSEC_A_STATS_QKD_NO_KEY);
	if (kd->kx.params.qkd_on_empty == KPSEC_QKD_ON_EMPTY_REFUSE)
		kpsec_kx_end_session(kd, peer, KPSEC_KX_QKD_EXPIRED);
	kpsec_kx_fail(kd, peer, KPSEC_KX_QKD_NO_KEY);
}

u64 kpsec_kx_new_xid(struct kpsec_device *kd)
{
	kd->kx.last_xid = max(kd->kx.last_xid + 1, ktime_get_real_ns());
	return kd->kx.last_xid;
}

/* Make @kp the current session of @peer; the current one becomes previous. */
void kpsec_kx_install(struct kpsec_device *kd, struct kpsec_peer *peer,
		      struct kpsec_keypair *kp, bool initiator)
{
	struct kpsec_exchange *ex = peer->kx;
	struct kpsec_keypair *old_prev, *cur;

	cur = rcu_dereference_protected(peer->session, lockdep_is_held(&kd->kx.lock));
	old_prev = rcu_replace_pointer(peer->prev_session, cur, lockdep_is_held(&kd->kx.lock));
	rcu_assign_pointer(peer->session, kp);
	kpsec_keypair_put_rcu(old_prev);

	if (ex->qkd.mode != KPSEC_QKD_ONLY) {
		memcpy(peer->pub, ex->peer_pub, KPSEC_KEY_LEN);
		peer->has_pub = true;
	}
	peer->initiator = initiator;
	peer->rekey_wanted = false;
	/*
	 * Only the exchanges it began: each end numbers its own from its
	 * own clock, and a clock behind ours must not make its next
	 * exchange look older than the last one we began.
	 */
	if (!initiator)
		peer->done_xid = ex->xid;
	peer->qkd_mode = ex->qkd.mode;
	memcpy(peer->qkd_id, ex->qkd.id, sizeof(peer->qkd_id));
	peer->exchanges++;
	peer->last_error = KPSEC_KX_OK;
	peer->kx_msecs = div_u64(ktime_get_ns() - ex->start_ns, NSEC_PER_MSEC);
	kpsec_count(kd, KPSEC_A_STATS_KX_ESTABLISHED);
	kpsec_kx_event(kd, KPSEC_EVENT_ESTABLISHED, peer->node_id, KPSEC_KX_OK, 0, 0,
		       peer->kx_msecs);
	kpsec_kx_drop_exchange(peer);
}

/* ---- phase 1: the source ---- */

static int kpsec_kx_send_shares(struct kpsec_device *kd, struct kpsec_peer *peer,
				struct kpsec_exchange *ex, u32 self,
				const struct kpsec_keypath *paths, unsigned int n)
{
	u8 body[KPSEC_KX_SHARE_LEN], plain[4 + 4 * KPSEC_KX_ROUTE_MAX + KPSEC_KX_SHARE_LEN];
	u8 *coef = NULL, *shares = NULL;
	struct kpsec_kx_share sh = {};
	unsigned int i, sent = 0;
	size_t len;
	int ret = -ENOMEM;

	coef = kmalloc(KPSEC_KX_SECRET_LEN * KPSEC_KX_RHO_LIMIT, GFP_KERNEL);
	shares = kmalloc(KPSEC_KX_SECRET_LEN * KPSEC_KX_RHO_LIMIT, GFP_KERNEL);
	if (!coef || !shares)
		goto out;
	get_random_bytes(coef, (ex->theta - 1) * KPSEC_KX_SECRET_LEN);
	ret = -EINVAL;
	if (!kpsec_shamir_split(shares, ex->secret, KPSEC_KX_SECRET_LEN, n, ex->theta, coef))
		goto out;

	sh.xid = ex->xid;
	sh.src = self;
	sh.dst = peer->node_id;
	sh.rho = n;
	sh.theta = ex->theta;
	if (ex->qkd.mode == KPSEC_QKD_HYBRID) {
		sh.qkd = KPSEC_KX_QKD_HYBRID;
		memcpy(sh.qkd_id, ex->qkd.id, KPSEC_KX_QKD_ID_LEN);
	}
	memcpy(sh.src_eph, ex->eph_pub, KPSEC_KEY_LEN);
	for (i = 0; i < n; i++) {
		sh.index = i + 1;
		memcpy(sh.share, shares + i * KPSEC_KX_SECRET_LEN, KPSEC_KX_SECRET_LEN);
		kpsec_kx_share_encode(body, &sh);
		kpsec_kx_share_tag(body + KPSEC_KX_SHARE_AUTH_LEN, body,
				   ex->secret + KPSEC_KX_KEY_LEN);
		len = kpsec_kx_plain_encode(plain, sizeof(plain), paths[i].node + 1,
					    paths[i].n - 1, body);
		if (len && !kpsec_kx_send_share(kd, self, paths[i].node[0], plain, len))
			sent++;
	}
	ret = sent ? 0 : -EHOSTUNREACH;
out:
	memzero_explicit(body, sizeof(body));
	memzero_explicit(plain, sizeof(plain));
	memzero_explicit(&sh, sizeof(sh));
	kfree_sensitive(coef);
	kfree_sensitive(shares);
	return ret;
}

/* Begin (or retry) an exchange with @peer as its source. */
void kpsec_kx_begin(struct kpsec_device *kd, struct kpsec_peer *peer)
{
	struct kpsec_kx_params *p = &kd->kx.params;
	struct kpsec_exchange *ex = peer->kx;
	struct kpsec_keypath *paths;
	u32 self = kpsec_kx_self(kd);
	struct kpsec_qkd_held qkd = {};
	int n;

	if (p->qkd_mode == KPSEC_QKD_ONLY) {
		kpsec_kx_qkd_begin(kd, peer);
		return;
	}
	if (!kd->has_private_key || !self) {
		kpsec_kx_fail(kd, peer, KPSEC_KX_NO_PRIVATE_KEY);
		return;
	}
	paths = kcalloc(p->rho, sizeof(*paths), GFP_KERNEL);
	if (!paths)
		return;
	n = kpsec_keypaths(kd, peer->node_id, p->rho, paths);
	if (n < 0 || (n < p->theta && !ex)) {
		kfree(paths);
		kpsec_kx_fail(kd, peer, n < 0 ? KPSEC_KX_NO_ROUTE : KPSEC_KX_FEW_KEYPATHS);
		return;
	}
	if (n < p->theta) {
		/* A retry: the paths may come back before the last attempt. */
		ex->deadline = jiffies + msecs_to_jiffies(p->timeout_ms);
		ex->attempt++;
		kfree(paths);
		return;
	}
	/* Every attempt takes a fresh key: the last one may be spent at the other end. */
	if (p->qkd_mode == KPSEC_QKD_HYBRID &&
	    !kpsec_qkd_take(kd, peer, NULL, KPSEC_QKD_HYBRID, &qkd)) {
		kfree(paths);
		kpsec_kx_qkd_no_key(kd, peer);
		return;
	}
	if (!ex) {
		ex = kzalloc(sizeof(*ex), GFP_KERNEL);
		if (!ex) {
			memzero_explicit(&qkd, sizeof(qkd));
			kfree(paths);
			return;
		}
		ex->initiator = true;
		ex->started = jiffies;
		ex->start_ns = ktime_get_ns();
		peer->kx = ex;
		kpsec_count(kd, KPSEC_A_STATS_KX_STARTED);
		kpsec_kx_event(kd, KPSEC_EVENT_STARTED, peer->node_id, KPSEC_KX_OK, 0, 0, 0);
	}
	/* A new ID for every attempt: a late answer to an old one is a replay. */
	ex->xid = kpsec_kx_new_xid(kd);
	ex->qkd = qkd;
	memzero_explicit(&qkd, sizeof(qkd));
	ex->rho = n;
	ex->theta = p->theta;
	ex->attempt++;
	ex->deadline = jiffies + msecs_to_jiffies(p->timeout_ms);
	memcpy(ex->secret, kd->public_key, KPSEC_KEY_LEN);
	get_random_bytes(ex->secret + KPSEC_KEY_LEN, KPSEC_KEY_LEN);
	if (!kpsec_kx_keypair(ex->eph_priv, ex->eph_pub) ||
	    kpsec_kx_send_shares(kd, peer, ex, self, paths, n))
		net_dbg_ratelimited("%s: could not send the shares to node %u\n",
				    kd->dev->name, peer->node_id);
	kfree(paths);
}

/* ---- phase 2: the destination ---- */

static void kpsec_kx_reject_share(struct kpsec_device *kd, struct kpsec_peer *peer,
				  unsigned int index, u32 from)
{
	kpsec_count(kd, KPSEC_A_STATS_KX_SHARE_REJECTED);
	kpsec_kx_event(kd, KPSEC_EVENT_SHARE_REJECTED, peer->node_id, KPSEC_KX_OK, index,
		       from, 0);
	net_info_ratelimited("%s: share %u of the key exchange from node %u failed its check (came from node %u)\n",
			     kd->dev->name, index, peer->node_id, from);
}

/* The shares in @have whose tags verify under the secret @cand. */
static u8 kpsec_kx_valid_shares(const struct kpsec_exchange *ex, u8 have, const u8 *cand)
{
	u8 body[KPSEC_KX_SHARE_LEN], tag[KPSEC_KX_TAG_LEN], valid = 0;
	unsigned int i;

	for (i = 0; i < KPSEC_KX_RHO_LIMIT; i++) {
		if (!(have & BIT(i)))
			continue;
		kpsec_kx_share_encode(body, &ex->shares[i]);
		kpsec_kx_share_tag(tag, body, cand + KPSEC_KX_KEY_LEN);
		if (!crypto_memneq(tag, ex->shares[i].tag, KPSEC_KX_TAG_LEN))
			valid |= BIT(i);
	}
	memzero_explicit(tag, sizeof(tag));
	return valid;
}

/*
 * Find theta shares that rebuild a secret under which they, and as many
 * others as possible, verify.  Without the secret no share can be forged,
 * so the first such subset gives the source's secret.
 */
static bool kpsec_kx_decode(struct kpsec_exchange *ex, unsigned int theta, u8 *valid)
{
	const u8 *pts[KPSEC_KX_RHO_LIMIT];
	u8 xs[KPSEC_KX_RHO_LIMIT], v;
	unsigned int subset, i, k;

	for (subset = 1; subset < BIT(KPSEC_KX_RHO_LIMIT); subset++) {
		if (hweight8(subset) != theta || (subset & ex->have) != subset)
			continue;
		for (i = 0, k = 0; i < KPSEC_KX_RHO_LIMIT; i++) {
			if (!(subset & BIT(i)))
				continue;
			pts[k] = ex->shares[i].share;
			xs[k++] = i + 1;
		}
		if (!kpsec_shamir_eval(ex->secret, pts, xs, theta, 0, KPSEC_KX_SECRET_LEN))
			continue;
		v = kpsec_kx_valid_shares(ex, ex->have, ex->secret);
		if ((v & subset) == subset) {
			*valid = v;
			return true;
		}
	}
	memzero_explicit(ex->secret, sizeof(ex->secret));
	return false;
}

/* Hybrid mode: mix the exchange's QKD key into @root. */
static void kpsec_kx_mix_qkd(u8 root[KPSEC_KEY_LEN], const struct kpsec_qkd_held *q)
{
	u8 prk[KPSEC_KEY_LEN];

	if (q->mode != KPSEC_QKD_HYBRID)
		return;
	kpsec_kx_qkd_prk(prk, q->id, q->key, q->len);
	kpsec_kx_qkd_mix(root, prk);
	memzero_explicit(prk, sizeof(prk));
}

static bool kpsec_kx_send_response(struct kpsec_device *kd, struct kpsec_peer *peer,
				   struct kpsec_exchange *ex, u32 self, const struct kpsec_kx_share *sh)
{
	u8 key[KPSEC_KEY_LEN], plain[KPSEC_KX_RESPONSE_PLAIN];
	u8 i2r[KPSEC_KEY_LEN], r2i[KPSEC_KEY_LEN];
	struct kpsec_kx_transcript t;
	struct kpsec_keypair *kp, *old;
	struct sk_buff *skb;
	bool ok = false;
	u8 *body;

	if (!kpsec_kx_keypair(ex->eph_priv, ex->eph_pub))
		return false;
	kpsec_kx_transcript(&t, ex->xid, peer->node_id, self, sh->rho, sh->theta,
			    sh->qkd, sh->qkd_id, ex->peer_pub, sh->src_eph, ex->eph_pub);
	if (!kpsec_kx_response_key(key, &t, ex->secret + KPSEC_KEY_LEN, ex->eph_priv,
				   ex->peer_pub) ||
	    !kpsec_kx_root(ex->root, key, kd->public_key, kd->private_key, ex->peer_pub,
			   ex->eph_priv, sh->src_eph))
		goto out;
	kpsec_kx_mix_qkd(ex->root, &ex->qkd);
	memcpy(plain, kd->public_key, KPSEC_KEY_LEN);
	kpsec_kx_confirm(plain + KPSEC_KEY_LEN, ex->root, false);

	kpsec_kx_data_keys(i2r, r2i, ex->root);
	kp = kpsec_session_keypair(r2i, i2r, kpsec_kx_index(ex->xid), GFP_KERNEL);
	if (!kp)
		goto out;
	skb = kpsec_kx_alloc(self, peer->node_id, KPSEC_KX_RESPONSE_LEN, &body, NULL);
	if (!skb) {
		kfree_sensitive(kp);
		goto out;
	}
	kpsec_kx_msg_header(body, KPSEC_KX_MSG_RESPONSE);
	kpsec_kx_put_xid(body + 4, ex->xid);
	memcpy(body + 12, ex->eph_pub, KPSEC_KEY_LEN);
	chacha20poly1305_encrypt(body + 12 + KPSEC_KEY_LEN, plain, sizeof(plain),
				 t.hash, sizeof(t.hash), 0, key);
	old = rcu_replace_pointer(peer->next_session, kp, lockdep_is_held(&kd->kx.lock));
	kpsec_keypair_put_rcu(old);
	ok = kpsec_kx_xmit(kd, skb, peer->node_id);
out:
	memzero_explicit(ex->eph_priv, sizeof(ex->eph_priv));
	memzero_explicit(key, sizeof(key));
	memzero_explicit(plain, sizeof(plain));
	memzero_explicit(i2r, sizeof(i2r));
	memzero_explicit(r2i, sizeof(r2i));
	return ok;
}

/*
 * The QKD part of a verified share: the mode must be ours, and in hybrid
 * mode the key it names must be in our store; it is taken from it.
 */
static bool kpsec_kx_qkd_agree(struct kpsec_device *kd, struct kpsec_peer *peer,
			       struct kpsec_exchange *ex, const struct kpsec_kx_share *sh)
{
	u32 mode = kd->kx.params.qkd_mode;

	if (mode == KPSEC_QKD_ONLY ||
	    (mode == KPSEC_QKD_HYBRID) != (sh->qkd == KPSEC_KX_QKD_HYBRID)) {
		kpsec_kx_fail(kd, peer, KPSEC_KX_QKD_MODE_MISMATCH);
		return false;
	}
	if (mode == KPSEC_QKD_OFF)
		return true;
	if (!kpsec_qkd_take(kd, peer, sh->qkd_id, KPSEC_QKD_HYBRID, &ex->qkd)) {
		kpsec_count(kd, KPSEC_A_STATS_QKD_UNKNOWN_KEY);
		kpsec_kx_fail(kd, peer, KPSEC_KX_QKD_UNKNOWN_KEY);
		return false;
	}
	return true;
}

/* Enough shares are in (or the wait is over): rebuild, check, answer. */
void kpsec_kx_respond(struct kpsec_device *kd, struct kpsec_peer *peer)
{
	struct kpsec_exchange *ex = peer->kx;
	const struct kpsec_ring_entry *known;
	const struct kpsec_kx_share *sh;
	unsigned int i, theta = kd->kx.params.theta;
	bool mismatch;
	u8 valid = 0;

	if (!kpsec_kx_decode(ex, theta, &valid)) {
		kpsec_kx_fail(kd, peer, KPSEC_KX_SHARES_INCONSISTENT);
		return;
	}
	for (i = 0; i < KPSEC_KX_RHO_LIMIT; i++)
		if ((ex->have & BIT(i)) && !(valid & BIT(i)))
			kpsec_kx_reject_share(kd, peer, i + 1, ex->from[i]);
	ex->have = valid;
	sh = &ex->shares[__ffs(valid)];
	memcpy(ex->peer_pub, ex->secret, KPSEC_KEY_LEN);

	rcu_read_lock();
	known = kpsec_ring_find(rcu_dereference(kd->ring), peer->node_id);
	mismatch = known && crypto_memneq(known->pub, ex->peer_pub, KPSEC_KEY_LEN);
	rcu_read_unlock();
	if (mismatch) {
		kpsec_kx_fail(kd, peer, KPSEC_KX_KEY_MISMATCH);
		return;
	}
	if (!kpsec_kx_qkd_agree(kd, peer, ex, sh))
		return;
	if (!kpsec_kx_send_response(kd, peer, ex, kpsec_kx_self(kd), sh)) {
		kpsec_kx_fail(kd, peer, KPSEC_KX_NO_ROUTE);
		return;
	}
	ex->responded = true;
	ex->deadline = jiffies + msecs_to_jiffies(kd->kx.params.timeout_ms);
}

void kpsec_kx_replay(struct kpsec_device *kd, u32 node, u32 from)
{
	kpsec_count(kd, KPSEC_A_STATS_KX_REPLAY);
	kpsec_kx_event(kd, KPSEC_EVENT_REPLAY, node, KPSEC_KX_OK, 0, from, 0);
}

/* A share that reached its destination: us. */
static void kpsec_kx_rx_final_share(struct kpsec_device *kd, u32 self, u32 from,
				    const u8 *body)
{
	struct kpsec_exchange *ex;
	struct kpsec_kx_share sh;
	struct kpsec_peer *peer;
	unsigned int idx;

	if (kpsec_kx_share_decode(&sh, body) != KPSEC_KX_ERR_OK || sh.dst != self) {
		kpsec_count(kd, KPSEC_A_STATS_KX_MALFORMED);
		return;
	}
	peer = kpsec_kx_peer(kd, sh.src, true);
	if (!peer)
		return;
	if (sh.xid <= peer->done_xid) {
		kpsec_kx_replay(kd, sh.src, from);
		return;
	}
	ex = peer->kx;
	if (ex && ex->initiator) {
		/* Both began at once: the lower node ID's exchange goes on. */
		if (self < sh.src)
			return;
		/* The other side ignored our shares: our QKD key is unused. */
		kpsec_qkd_put_back(kd, peer, &ex->qkd);
		kpsec_kx_drop_exchange(peer);
		ex = NULL;
	}
	if (ex && sh.xid < ex->xid) {
		kpsec_kx_replay(kd, sh.src, from);
		return;
	}
	if (ex && sh.xid > ex->xid) {
		/* The source gave up on that attempt and began another. */
		kpsec_kx_drop_exchange(peer);
		ex = NULL;
	}
	if (!ex) {
		ex = kzalloc(sizeof(*ex), GFP_KERNEL);
		if (!ex)
			return;
		ex->xid = sh.xid;
		ex->started = jiffies;
		ex->start_ns = ktime_get_ns();
		/* Shares on longer paths may still come: wait a little for them. */
		ex->deadline = jiffies + msecs_to_jiffies(kd->kx.params.timeout_ms / 4);
		peer->kx = ex;
	}
	idx = sh.index - 1;
	if (ex->responded || (ex->have & BIT(idx))) {
		kpsec_kx_replay(kd, sh.src, from);
		return;
	}
	ex->shares[idx] = sh;
	ex->from[idx] = from;
	ex->have |= BIT(idx);
	if (hweight8(ex->have) >= sh.rho)
		kpsec_kx_respond(kd, peer);
}

/* Open one overlay hop sent to us by @from: SHARE or SHARE_SYM (@sym). */
static bool kpsec_kx_open_hop(struct kpsec_device *kd, u8 *plain, const u8 *body,
			      size_t ct_len, const u8 *ad, u32 self, u32 from, bool sym)
{
	const u8 *ct = body + KPSEC_KX_MSG_FIXED + KPSEC_KX_KEY_LEN;
	u8 link[KPSEC_KEY_LEN];
	bool ok;

	if (!sym)
		return kd->has_private_key &&
		       kpsec_kx_open_from(plain, ct, ct_len, body + KPSEC_KX_MSG_FIXED,
					  kd->private_key, kd->public_key, ad, KPSEC_HDR_LEN);
	if (!kpsec_symring_link_key(kd, self, from, link))
		return false;
	ok = kpsec_kx_open_sym(plain, ct, ct_len, body + KPSEC_KX_MSG_FIXED, link, ad,
			       KPSEC_HDR_LEN);
	memzero_explicit(link, sizeof(link));
	return ok;
}

/* A SHARE or SHARE_SYM frame for us: open our hop, then pass it on or keep it. */
static void kpsec_kx_rx_share(struct kpsec_device *kd, struct sk_buff *skb,
			      const struct kpsec_hdr *h, u32 self, bool sym)
{
	u8 plain[4 + 4 * KPSEC_KX_ROUTE_MAX + KPSEC_KX_SHARE_LEN];
	u8 share[KPSEC_KX_SHARE_LEN], ad[KPSEC_HDR_LEN];
	const u8 *body = skb->data + KPSEC_HDR_LEN, *inner;
	size_t ct_len = skb->len - KPSEC_HDR_LEN - KPSEC_KX_MSG_FIXED - KPSEC_KX_KEY_LEN;
	u32 route[KPSEC_KX_ROUTE_MAX];
	unsigned int n_route;
	size_t len;
	int ret;

	kpsec_hdr_ad(ad, skb->data);
	if (ct_len - KPSEC_KX_TAG_LEN > sizeof(plain) ||
	    !kpsec_kx_open_hop(kd, plain, body, ct_len, ad, self, h->src, sym) ||
	    kpsec_kx_plain_decode(plain, ct_len - KPSEC_KX_TAG_LEN, route, &n_route,
				  &inner) != KPSEC_KX_ERR_OK) {
		kpsec_count(kd, KPSEC_A_STATS_KX_MALFORMED);
		goto out;
	}
	if (!n_route) {
		kpsec_kx_rx_final_share(kd, self, h->src, inner);
		goto out;
	}

	/* A D-E step: on to the next overlay node, sealed for it. */
	if (route[0] == self) {
		kpsec_count(kd, KPSEC_A_STATS_KX_MALFORMED);
		goto out;
	}
	memcpy(share, inner, sizeof(share));
	if (READ_ONCE(kd->kx.params.test_flags) & KPSEC_TEST_F_ALTER_SHARES)
		share[KPSEC_KX_SHARE_OFF_SHARE] ^= 0x5a;
	len = kpsec_kx_plain_encode(plain, sizeof(plain), route + 1, n_route - 1, share);
	ret = len ? kpsec_kx_send_share(kd, self, route[0], plain, len) : -EINVAL;
	if (!ret)
		kpsec_count(kd, KPSEC_A_STATS_KX_SHARE_RELAYED);
	else if (ret == -ENOKEY)
		kpsec_count(kd, KPSEC_A_STATS_KX_MALFORMED);
out:
	memzero_explicit(plain, sizeof(plain));
	memzero_explicit(share, sizeof(share));
}

/* ---- phase 3: confirmation ---- */

void kpsec_kx_confirm_and_install(struct kpsec_device *kd, struct kpsec_peer *peer,
				  const u8 root[KPSEC_KEY_LEN], u32 self)
{
	u8 i2r[KPSEC_KEY_LEN], r2i[KPSEC_KEY_LEN];
	u64 xid = peer->kx->xid;
	struct kpsec_keypair *kp;
	struct sk_buff *out;
	u8 *obody;

	kpsec_kx_data_keys(i2r, r2i, root);
	kp = kpsec_session_keypair(i2r, r2i, kpsec_kx_index(xid), GFP_KERNEL);
	memzero_explicit(i2r, sizeof(i2r));
	memzero_explicit(r2i, sizeof(r2i));
	out = kpsec_kx_alloc(self, peer->node_id, KPSEC_KX_CONFIRM_LEN, &obody, NULL);
	if (!kp || !out) {
		kfree_sensitive(kp);
		kfree_skb(out);
		return;
	}
	kpsec_kx_msg_header(obody, KPSEC_KX_MSG_CONFIRM);
	kpsec_kx_put_xid(obody + 4, xid);
	kpsec_kx_confirm(obody + 12, root, true);
	if (READ_ONCE(kd->kx.params.test_flags) & KPSEC_TEST_F_BAD_CONFIRM)
		obody[12] ^= 1;
	kpsec_kx_xmit(kd, out, peer->node_id);
	kpsec_kx_install(kd, peer, kp, true);
}

static void kpsec_kx_rx_response(struct kpsec_device *kd, struct sk_buff *skb,
				 const struct kpsec_hdr *h, u32 self)
{
	const u8 *body = skb->data + KPSEC_HDR_LEN;
	u8 key[KPSEC_KEY_LEN], plain[KPSEC_KX_RESPONSE_PLAIN], conf[KPSEC_KX_TAG_LEN];
	u8 root[KPSEC_KEY_LEN];
	u64 xid = kpsec_kx_get_xid(body + 4);
	const u8 *eph = body + 12;
	const struct kpsec_ring_entry *known;
	struct kpsec_kx_transcript t;
	struct kpsec_exchange *ex;
	struct kpsec_peer *peer;
	bool mismatch;

	peer = kpsec_kx_peer(kd, h->src, false);
	ex = peer ? peer->kx : NULL;
	if (!ex || !ex->initiator || ex->xid != xid) {
		kpsec_kx_replay(kd, h->src, h->src);
		return;
	}
	kpsec_kx_transcript(&t, xid, self, peer->node_id, ex->rho, ex->theta,
			    ex->qkd.mode == KPSEC_QKD_HYBRID ? KPSEC_KX_QKD_HYBRID : KPSEC_KX_QKD_NONE,
			    ex->qkd.id, kd->public_key, ex->eph_pub, eph);
	if (!kpsec_kx_response_key(key, &t, ex->secret + KPSEC_KEY_LEN, kd->private_key, eph) ||
	    !chacha20poly1305_decrypt(plain, body + 12 + KPSEC_KEY_LEN,
				      KPSEC_KX_RESPONSE_PLAIN + KPSEC_KX_TAG_LEN,
				      t.hash, sizeof(t.hash), 0, key) ||
	    !kpsec_kx_root(root, key, plain, kd->private_key, plain, ex->eph_priv, eph))
		goto bad;
	kpsec_kx_mix_qkd(root, &ex->qkd);
	kpsec_kx_confirm(conf, root, false);
	if (crypto_memneq(conf, plain + KPSEC_KEY_LEN, KPSEC_KX_TAG_LEN))
		goto bad;
	memcpy(ex->peer_pub, plain, KPSEC_KEY_LEN);
	rcu_read_lock();
	known = kpsec_ring_find(rcu_dereference(kd->ring), peer->node_id);
	mismatch = known && crypto_memneq(known->pub, ex->peer_pub, KPSEC_KEY_LEN);
	rcu_read_unlock();
	if (mismatch) {
		kpsec_kx_fail(kd, peer, KPSEC_KX_KEY_MISMATCH);
		goto out;
	}

	kpsec_kx_confirm_and_install(kd, peer, root, self);
	goto out;
bad:
	kpsec_count(kd, KPSEC_A_STATS_KX_CONFIRM_FAILED);
	kpsec_kx_event(kd, KPSEC_EVENT_CONFIRM_FAILED, peer->node_id, KPSEC_KX_CONFIRM_FAILED,
		       0, h->src, 0);
out:
	memzero_explicit(key, sizeof(key));
	memzero_explicit(plain, sizeof(plain));
	memzero_explicit(root, sizeof(root));
}

static void kpsec_kx_rx_confirm(struct kpsec_device *kd, struct sk_buff *skb,
				const struct kpsec_hdr *h)
{
	const u8 *body = skb->data + KPSEC_HDR_LEN;
	u64 xid = kpsec_kx_get_xid(body + 4);
	struct kpsec_keypair *next;
	struct kpsec_exchange *ex;
	struct kpsec_peer *peer;
	u8 conf[KPSEC_KX_TAG_LEN];

	peer = kpsec_kx_peer(kd, h->src, false);
	ex = peer ? peer->kx : NULL;
	if (!ex || ex->initiator || !ex->responded || ex->xid != xid) {
		kpsec_kx_replay(kd, h->src, h->src);
		return;
	}
	kpsec_kx_confirm(conf, ex->root, true);
	if (crypto_memneq(conf, body + 12, KPSEC_KX_TAG_LEN)) {
		kpsec_count(kd, KPSEC_A_STATS_KX_CONFIRM_FAILED);
		kpsec_kx_event(kd, KPSEC_EVENT_CONFIRM_FAILED, peer->node_id,
			       KPSEC_KX_CONFIRM_FAILED, 0, h->src, 0);
		return;
	}
	next = rcu_replace_pointer(peer->next_session, NULL, lockdep_is_held(&kd->kx.lock));
	if (next)
		kpsec_kx_install(kd, peer, next, false);
}

void kpsec_kx_handle(struct kpsec_device *kd, struct sk_buff *skb, u32 self)
{
	struct kpsec_hdr h;
	const u8 *body;
	size_t len;

	if (skb_linearize(skb) ||
	    kpsec_hdr_decode(&h, skb->data, skb->len) != KPSEC_PARSE_OK ||
	    h.type != KPSEC_PKT_KX || h.dst != self) {
		kpsec_count(kd, KPSEC_A_STATS_KX_MALFORMED);
		return;
	}
	body = skb->data + KPSEC_HDR_LEN;
	len = skb->len - KPSEC_HDR_LEN;
	if (kpsec_kx_frame_check(body, len) != KPSEC_KX_ERR_OK) {
		kpsec_count(kd, KPSEC_A_STATS_KX_MALFORMED);
		return;
	}
	switch (kpsec_kx_msg_type(body, len)) {
	case KPSEC_KX_MSG_SHARE:
	case KPSEC_KX_MSG_SHARE_SYM:
		kpsec_kx_rx_share(kd, skb, &h, self,
				  kpsec_kx_msg_type(body, len) == KPSEC_KX_MSG_SHARE_SYM);
		break;
	case KPSEC_KX_MSG_RESPONSE:
		if (kd->has_private_key)
			kpsec_kx_rx_response(kd, skb, &h, self);
		break;
	case KPSEC_KX_MSG_CONFIRM:
		kpsec_kx_rx_confirm(kd, skb, &h);
		break;
	case KPSEC_KX_MSG_QKD_INIT:
		kpsec_kx_rx_qkd_init(kd, skb, &h, self);
		break;
	case KPSEC_KX_MSG_QKD_RESP:
		kpsec_kx_rx_qkd_resp(kd, skb, &h, self);
		break;
	}
}
