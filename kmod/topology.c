// SPDX-License-Identifier: GPL-2.0
/*
 * Link state: each node originates an LSA listing its symmetric links,
 * every lsa interval and soon after a change; every node keeps the newest
 * LSA of each origin and floods it on once.  LSAs age out after their
 * lifetime.  Also the start, stop and reset of the whole mesh state, and
 * the sending of control frames.
 */
#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include "device.h"
#include "mesh.h"
#include "peer.h"
#include "kx.h"

bool kpsec_mesh_active(struct kpsec_device *kd)
{
	bool active;

	rcu_read_lock_bh();
	active = netif_running(kd->dev) && rcu_dereference_bh(kd->lower) &&
		 rcu_dereference_bh(kd->conf)->node_id;
	rcu_read_unlock_bh();
	return active;
}

void kpsec_mesh_broadcast(struct kpsec_device *kd, u8 type, u8 ttl, u64 counter,
			  const u8 *body, size_t len)
{
	struct kpsec_hdr h = {
		.version = KPSEC_WIRE_VERSION,
		.type = type,
		.ttl = ttl,
		.dst = KPSEC_NODE_BROADCAST,
		.counter = counter,
	};
	struct net_device *lower;
	struct sk_buff *skb;

	rcu_read_lock_bh();
	lower = rcu_dereference_bh(kd->lower);
	h.src = rcu_dereference_bh(kd->conf)->node_id;
	if (!lower || !h.src)
		goto out;
	skb = alloc_skb(LL_RESERVED_SPACE(lower) + KPSEC_HDR_LEN + len +
			lower->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		goto out;
	skb_reserve(skb, LL_RESERVED_SPACE(lower));
	kpsec_hdr_encode(skb_put(skb, KPSEC_HDR_LEN), &h);
	skb_put_data(skb, body, len);
	if (kpsec_link_header(skb, lower, kpsec_mac_to_u64(lower->broadcast))) {
		kfree_skb(skb);
		goto out;
	}
	kpsec_count(kd, KPSEC_A_STATS_TX_CTRL_PACKETS);
	kpsec_count_add(kd, KPSEC_A_STATS_TX_CTRL_BYTES, skb->len);
	dev_queue_xmit(skb);
out:
	rcu_read_unlock_bh();
}

static struct kpsec_lsa_entry *kpsec_lsa_find(struct kpsec_mesh *m, u32 origin)
{
	struct kpsec_lsa_entry *e;

	list_for_each_entry(e, &m->lsdb, list)
		if (e->origin == origin)
			return e;
	return NULL;
}

void kpsec_topo_rx_lsa(struct kpsec_device *kd, struct sk_buff *skb,
		       const struct kpsec_hdr *h, u32 self)
{
	const u8 *body = skb->data + KPSEC_HDR_LEN;
	size_t len = skb->len - KPSEC_HDR_LEN;
	struct kpsec_mesh *m = &kd->mesh;
	struct kpsec_lsa_entry *e, *old;
	const u8 *ring = NULL, *sym = NULL, *value;
	u16 ring_len = 0, sym_len = 0, vlen;
	struct kpsec_lsa lsa;
	unsigned int i;
	size_t pos = 0;
	u8 type;

	if (kpsec_lsa_parse(&lsa, body, len) != KPSEC_CTRL_OK ||
	    lsa.count > KPSEC_MAX_LSA_LINKS || lsa.tlv_len > KPSEC_MAX_LSA_TLV)
		goto malformed;
	while (kpsec_lsa_tlv_next(&lsa, &pos, &type, &value, &vlen)) {
		if (type == KPSEC_TLV_KEYRING) {
			if (ring || vlen % 4 || vlen / 4 > KPSEC_MAX_LSA_RING)
				goto malformed;
			ring = value;
			ring_len = vlen;
		} else if (type == KPSEC_TLV_SYMRING) {
			if (sym || vlen % 4 || vlen / 4 > KPSEC_SYMRING_MAX)
				goto malformed;
			sym = value;
			sym_len = vlen;
		}
	}
	spin_lock(&m->lock);
	if (!m->running)
		goto unlock;
	if (lsa.origin == self) {
		/*
		 * Ours, from before a restart, or someone announcing our ID:
		 * either way our next LSA must be newer.
		 */
		if (kpsec_seq_after(lsa.seq, m->own_seq)) {
			m->own_seq = lsa.seq;
			kpsec_count(kd, KPSEC_A_STATS_RX_ID_CONFLICT);
			kpsec_topo_changed_locked(kd);
		}
		goto unlock;
	}
	old = kpsec_lsa_find(m, lsa.origin);
	if (old && !kpsec_seq_after(lsa.seq, old->seq))
		goto unlock;	/* seen: no flooding either */
	if (!old && m->n_lsas >= KPSEC_MAX_LSAS)
		goto unlock;
	e = kmalloc(struct_size(e, links, lsa.count) + ring_len + sym_len, GFP_ATOMIC);
	if (!e)
		goto unlock;
	e->ring = (u32 *)&e->links[lsa.count];
	e->sym = e->ring + ring_len / 4;
	if (kpsec_keyring_tlv_parse(ring, ring_len, e->ring, KPSEC_MAX_LSA_RING) < 0 ||
	    kpsec_symring_tlv_parse(sym, sym_len, e->sym, KPSEC_SYMRING_MAX) < 0) {
		kfree(e);
		spin_unlock(&m->lock);
		goto malformed;
	}
	e->n_ring = ring_len / 4;
	e->n_sym = sym_len / 4;
	e->origin = lsa.origin;
	e->seq = lsa.seq;
	e->received = jiffies;
	e->expires = jiffies + lsa.lifetime_s * HZ;
	e->count = lsa.count;
	for (i = 0; i < lsa.count; i++)
		kpsec_lsa_link_at(&lsa, i, &e->links[i]);
	if (old) {
		list_replace(&old->list, &e->list);
		kfree(old);
	} else {
		list_add_tail(&e->list, &m->lsdb);
		m->n_lsas++;
	}
	m->generation++;
	spin_unlock(&m->lock);

	kpsec_routes_changed(kd);
	/* Flood it on as it came, TLVs included. */
	if (h->ttl > 1)
		kpsec_mesh_broadcast(kd, KPSEC_PKT_LSA, h->ttl - 1, 0, body, len);
	return;
unlock:
	spin_unlock(&m->lock);
	return;
malformed:
	kpsec_count(kd, KPSEC_A_STATS_RX_CTRL_MALFORMED);
}

void kpsec_topo_expire_locked(struct kpsec_device *kd, bool *changed)
{
	struct kpsec_mesh *m = &kd->mesh;
	struct kpsec_lsa_entry *e, *tmp;
	bool any = false;

	list_for_each_entry_safe(e, tmp, &m->lsdb, list) {
		if (time_before(jiffies, e->expires))
			continue;
		list_del(&e->list);
		m->n_lsas--;
		kfree(e);
		any = true;
	}
	if (any) {
		m->generation++;
		*changed = true;
	}
}

void kpsec_topo_free_all_locked(struct kpsec_mesh *m)
{
	struct kpsec_lsa_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &m->lsdb, list) {
		list_del(&e->list);
		kfree(e);
	}
	m->n_lsas = 0;
}

void kpsec_topo_changed_locked(struct kpsec_device *kd)
{
	struct kpsec_mesh *m = &kd->mesh;
	unsigned long next = m->last_lsa + msecs_to_jiffies(KPSEC_LSA_MIN_GAP_MS);

	if (!m->running)
		return;
	mod_delayed_work(system_power_efficient_wq, &m->lsa_work,
			 time_after(jiffies, next) ? 0 : next - jiffies);
}

static_assert(2 * KPSEC_TLV_HDR + 4 * (KPSEC_KEYRING_MAX + KPSEC_SYMRING_MAX) <=
	      KPSEC_MAX_LSA_TLV);

void kpsec_lsa_work(struct work_struct *work)
{
	struct kpsec_device *kd = container_of(to_delayed_work(work), struct kpsec_device,
					       mesh.lsa_work);
	struct kpsec_mesh *m = &kd->mesh;
	u32 interval = READ_ONCE(m->lsa_interval_ms);
	u16 lifetime = DIV_ROUND_UP(interval * KPSEC_LSA_LIFETIME_INTERVALS, 1000);
	struct kpsec_lsa_link *links;
	struct kpsec_neighbor *n;
	unsigned int count = 0;
	size_t cap, len, tlv_len = 0;
	u32 seq, self;
	u8 *body, *tlv;

	cap = kpsec_lsa_len(KPSEC_MAX_LSA_LINKS, KPSEC_MAX_LSA_TLV);
	body = kmalloc(cap, GFP_KERNEL);
	tlv = kmalloc(KPSEC_MAX_LSA_TLV, GFP_KERNEL);
	if (tlv) {
		tlv_len = kpsec_ring_tlv(kd, tlv, KPSEC_MAX_LSA_TLV);
		tlv_len += kpsec_symring_tlv(kd, tlv + tlv_len, KPSEC_MAX_LSA_TLV - tlv_len);
	}
	links = kmalloc_array(KPSEC_MAX_LSA_LINKS, sizeof(*links), GFP_KERNEL);

	spin_lock_bh(&m->lock);
	if (links) {
		list_for_each_entry(n, &m->neighbors, list) {
			u16 metric = kpsec_neigh_metric(n);

			if (metric == KPSEC_METRIC_INF || count == KPSEC_MAX_LSA_LINKS)
				continue;
			links[count].node = n->node;
			links[count].metric = metric;
			count++;
		}
	}
	seq = ++m->own_seq;
	m->last_lsa = jiffies;
	spin_unlock_bh(&m->lock);

	rcu_read_lock();
	self = rcu_dereference(kd->conf)->node_id;
	rcu_read_unlock();
	if (body && links && self && kpsec_mesh_active(kd)) {
		len = kpsec_lsa_encode(body, cap, self, seq, lifetime, links, count,
				       tlv, tlv_len);
		if (len)
			kpsec_mesh_broadcast(kd, KPSEC_PKT_LSA, KPSEC_DEFAULT_TTL, 0, body, len);
	}
	kfree(links);
	kfree(body);
	kfree(tlv);

	spin_lock_bh(&m->lock);
	if (m->running)
		queue_delayed_work(system_power_efficient_wq, &m->lsa_work,
				   msecs_to_jiffies(interval));
	spin_unlock_bh(&m->lock);
}

void kpsec_mesh_init(struct kpsec_device *kd)
{
	struct kpsec_mesh *m = &kd->mesh;

	spin_lock_init(&m->lock);
	INIT_LIST_HEAD(&m->neighbors);
	INIT_LIST_HEAD(&m->lsdb);
	m->hello_interval_ms = KPSEC_HELLO_INTERVAL_DEFAULT;
	m->neigh_timeout_ms = KPSEC_NEIGH_TIMEOUT_DEFAULT;
	m->lsa_interval_ms = KPSEC_LSA_INTERVAL_DEFAULT;
	/*
	 * Sequence numbers from the clock: after a restart ours are newer
	 * than those our neighbours remember.
	 */
	m->hello_seq = div_u64(ktime_get_real_ns(), NSEC_PER_USEC);
	m->own_seq = (u32)ktime_get_real_seconds();
	INIT_DELAYED_WORK(&m->hello_work, kpsec_hello_work);
	INIT_DELAYED_WORK(&m->lsa_work, kpsec_lsa_work);
	INIT_WORK(&m->route_work, kpsec_route_work);
}

void kpsec_mesh_start(struct kpsec_device *kd)
{
	struct kpsec_mesh *m = &kd->mesh;

	spin_lock_bh(&m->lock);
	m->running = true;
	queue_delayed_work(system_power_efficient_wq, &m->hello_work, 0);
	queue_delayed_work(system_power_efficient_wq, &m->lsa_work, 0);
	spin_unlock_bh(&m->lock);
}

/* Forget everything learnt; the caller then recomputes or frees routes. */
static struct kpsec_routes *kpsec_mesh_clear(struct kpsec_mesh *m)
{
	struct kpsec_routes *old;

	spin_lock_bh(&m->lock);
	kpsec_neigh_free_all_locked(m);
	kpsec_topo_free_all_locked(m);
	old = rcu_replace_pointer(m->routes, NULL, lockdep_is_held(&m->lock));
	m->generation++;
	spin_unlock_bh(&m->lock);
	return old;
}

void kpsec_mesh_stop(struct kpsec_device *kd)
{
	struct kpsec_mesh *m = &kd->mesh;

	spin_lock_bh(&m->lock);
	m->running = false;
	spin_unlock_bh(&m->lock);
	/* Nothing re-arms them now: the works check @running under the lock. */
	cancel_delayed_work_sync(&m->hello_work);
	cancel_delayed_work_sync(&m->lsa_work);
	cancel_work_sync(&m->route_work);
	kpsec_routes_free(kpsec_mesh_clear(m));
}

void kpsec_mesh_reset(struct kpsec_device *kd)
{
	kpsec_routes_free(kpsec_mesh_clear(&kd->mesh));
	kpsec_routes_changed(kd);
	spin_lock_bh(&kd->mesh.lock);
	kpsec_topo_changed_locked(kd);
	spin_unlock_bh(&kd->mesh.lock);
}
