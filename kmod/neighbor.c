// SPDX-License-Identifier: GPL-2.0
/*
 * Neighbour discovery: every node broadcasts a HELLO each hello interval
 * listing the nodes it hears and how well.  A neighbour that lists us is
 * a symmetric link; the metric of the link is the ETX of both qualities.
 * Silent neighbours go after the neighbour timeout.
 */
#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/slab.h>
#include "device.h"
#include "mesh.h"
#include "peer.h"

static struct kpsec_neighbor *kpsec_neigh_find(struct kpsec_mesh *m, u32 node)
{
	struct kpsec_neighbor *n;

	list_for_each_entry(n, &m->neighbors, list)
		if (n->node == node)
			return n;
	return NULL;
}

/* HELLOs it should have sent since its last, allowing one late. */
static unsigned int kpsec_neigh_missed(const struct kpsec_neighbor *n)
{
	unsigned int since = jiffies_to_msecs(jiffies - n->last_heard);
	unsigned int due = since / max_t(unsigned int, n->interval_ms, 1);

	return due ? due - 1 : 0;
}

u8 kpsec_neigh_quality_in(const struct kpsec_neighbor *n)
{
	return kpsec_lq_quality(&n->lq, kpsec_neigh_missed(n));
}

u16 kpsec_neigh_metric(const struct kpsec_neighbor *n)
{
	if (!n->symmetric)
		return KPSEC_METRIC_INF;
	return kpsec_link_metric(kpsec_neigh_quality_in(n), n->quality_out);
}

/* A change worth telling the mesh about: a link appears or goes, or its
 * metric moves by more than a quarter.
 */
static bool kpsec_metric_moved(u16 old, u16 new)
{
	if ((old == KPSEC_METRIC_INF) != (new == KPSEC_METRIC_INF))
		return true;
	return abs((int)new - (int)old) > old / 4;
}

void kpsec_neigh_rx_hello(struct kpsec_device *kd, struct sk_buff *skb,
			  const struct kpsec_hdr *h, u32 self)
{
	u64 mac = kpsec_mac_to_u64(eth_hdr(skb)->h_source);
	struct kpsec_mesh *m = &kd->mesh;
	struct kpsec_hello_neigh e;
	struct kpsec_neighbor *n;
	struct kpsec_hello hello;
	bool changed = false;
	u8 quality_out = 0;
	bool sym = false;
	u16 old_metric;
	unsigned int i;

	if (kpsec_hello_parse(&hello, skb->data + KPSEC_HDR_LEN,
			      skb->len - KPSEC_HDR_LEN) != KPSEC_CTRL_OK) {
		kpsec_count(kd, KPSEC_A_STATS_RX_CTRL_MALFORMED);
		return;
	}
	if (h->src == self) {
		/* Someone else uses our node ID. */
		kpsec_count(kd, KPSEC_A_STATS_RX_ID_CONFLICT);
		return;
	}
	for (i = 0; i < hello.count; i++) {
		kpsec_hello_entry(&hello, i, &e);
		if (e.node == self) {
			quality_out = e.quality;
			sym = true;
			break;
		}
	}

	spin_lock(&m->lock);
	if (!m->running)
		goto out;
	n = kpsec_neigh_find(m, h->src);
	if (n && n->mac != mac) {
		/* The first address keeps the node ID while it is heard. */
		if (time_before(jiffies, n->last_heard +
				msecs_to_jiffies(READ_ONCE(m->neigh_timeout_ms)))) {
			kpsec_count(kd, KPSEC_A_STATS_RX_ID_CONFLICT);
			goto out;
		}
		n->mac = mac;
		kpsec_lq_init(&n->lq);
	}
	if (!n) {
		if (m->n_neighbors >= KPSEC_MAX_NEIGHBORS)
			goto out;
		n = kzalloc(sizeof(*n), GFP_ATOMIC);
		if (!n)
			goto out;
		n->node = h->src;
		n->mac = mac;
		kpsec_lq_init(&n->lq);
		list_add_tail(&n->list, &m->neighbors);
		m->n_neighbors++;
		old_metric = KPSEC_METRIC_INF;
	} else {
		old_metric = kpsec_neigh_metric(n);
	}
	if (!kpsec_lq_receive(&n->lq, h->counter)) {
		/*
		 * A duplicate or a replay keeps nothing alive; a sequence far
		 * behind is the neighbour restarted with an older clock.
		 */
		if (h->counter + 2 * KPSEC_LQ_WINDOW > n->lq.last_seq)
			goto out;
		kpsec_lq_init(&n->lq);
		kpsec_lq_receive(&n->lq, h->counter);
	}
	n->last_heard = jiffies;
	n->interval_ms = hello.interval_ms;
	n->quality_out = quality_out;
	n->symmetric = sym;
	if (kpsec_metric_moved(old_metric, kpsec_neigh_metric(n))) {
		changed = true;
		m->generation++;
		kpsec_topo_changed_locked(kd);
	}
out:
	spin_unlock(&m->lock);
	if (changed)
		kpsec_routes_changed(kd);
}

void kpsec_neigh_expire_locked(struct kpsec_device *kd, bool *changed)
{
	unsigned long timeout = msecs_to_jiffies(READ_ONCE(kd->mesh.neigh_timeout_ms));
	struct kpsec_mesh *m = &kd->mesh;
	struct kpsec_neighbor *n, *tmp;

	list_for_each_entry_safe(n, tmp, &m->neighbors, list) {
		if (time_before(jiffies, n->last_heard + timeout))
			continue;
		list_del(&n->list);
		m->n_neighbors--;
		kfree(n);
		*changed = true;
	}
	if (*changed) {
		m->generation++;
		kpsec_topo_changed_locked(kd);
	}
}

void kpsec_neigh_free_all_locked(struct kpsec_mesh *m)
{
	struct kpsec_neighbor *n, *tmp;

	list_for_each_entry_safe(n, tmp, &m->neighbors, list) {
		list_del(&n->list);
		kfree(n);
	}
	m->n_neighbors = 0;
}

void kpsec_hello_work(struct work_struct *work)
{
	struct kpsec_device *kd = container_of(to_delayed_work(work), struct kpsec_device,
					       mesh.hello_work);
	struct kpsec_mesh *m = &kd->mesh;
	u32 interval = READ_ONCE(m->hello_interval_ms);
	struct kpsec_hello_neigh *entries;
	bool changed = false, active;
	struct kpsec_neighbor *n;
	unsigned int count = 0;
	size_t len, cap;
	u8 *body;
	u64 seq;

	cap = kpsec_hello_len(KPSEC_MAX_NEIGHBORS);
	body = kmalloc(cap, GFP_KERNEL);
	entries = kmalloc_array(KPSEC_MAX_NEIGHBORS, sizeof(*entries), GFP_KERNEL);
	active = kpsec_mesh_active(kd);

	spin_lock_bh(&m->lock);
	kpsec_neigh_expire_locked(kd, &changed);
	kpsec_topo_expire_locked(kd, &changed);
	if (entries) {
		list_for_each_entry(n, &m->neighbors, list) {
			entries[count].node = n->node;
			entries[count].quality = kpsec_neigh_quality_in(n);
			entries[count].flags = n->symmetric ? KPSEC_HELLO_F_SYM : 0;
			count++;
		}
	}
	seq = ++m->hello_seq;
	spin_unlock_bh(&m->lock);

	if (active && body && entries) {
		len = kpsec_hello_encode(body, cap, interval, entries, count);
		if (len)
			kpsec_mesh_broadcast(kd, KPSEC_PKT_HELLO, 1, seq, body, len);
	}
	kfree(entries);
	kfree(body);
	if (changed)
		kpsec_routes_changed(kd);

	/* Up to a tenth of jitter keeps neighbours from sending in lockstep. */
	spin_lock_bh(&m->lock);
	if (m->running)
		queue_delayed_work(system_power_efficient_wq, &m->hello_work,
				   msecs_to_jiffies(interval - interval / 10 +
						    get_random_u32_below(interval / 5 + 1)));
	spin_unlock_bh(&m->lock);
}
