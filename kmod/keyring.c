// SPDX-License-Identifier: GPL-2.0
/*
 * Key rings: the static public keys a node was pre-loaded with (PAKP).
 * The ring is replaced whole under RTNL and kx.lock and read under RCU;
 * our LSAs advertise the node IDs it holds, never the keys.
 */
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/bsearch.h>
#include "device.h"
#include "kx.h"

struct kpsec_ring *kpsec_ring_alloc(u32 n, gfp_t gfp)
{
	struct kpsec_ring *r = kzalloc(struct_size(r, e, n), gfp);

	if (r)
		r->n = n;
	return r;
}

void kpsec_ring_free(struct kpsec_ring *r)
{
	if (r)
		kfree_rcu(r, rcu);
}

static int kpsec_ring_cmp(const void *a, const void *b)
{
	u32 x = ((const struct kpsec_ring_entry *)a)->node;
	u32 y = ((const struct kpsec_ring_entry *)b)->node;

	return x < y ? -1 : x > y;
}

bool kpsec_ring_sort(struct kpsec_ring *r)
{
	u32 i;

	sort(r->e, r->n, sizeof(r->e[0]), kpsec_ring_cmp, NULL);
	for (i = 1; i < r->n; i++)
		if (r->e[i].node == r->e[i - 1].node)
			return false;
	return true;
}

const struct kpsec_ring_entry *kpsec_ring_find(const struct kpsec_ring *r, u32 node)
{
	struct kpsec_ring_entry key = { .node = node };

	if (!r)
		return NULL;
	return bsearch(&key, r->e, r->n, sizeof(r->e[0]), kpsec_ring_cmp);
}

size_t kpsec_ring_tlv(struct kpsec_device *kd, u8 *out, size_t cap)
{
	const struct kpsec_ring *r;
	u32 ids[KPSEC_KEYRING_MAX];
	size_t len = 0;
	u32 i, n = 0;

	rcu_read_lock();
	r = rcu_dereference(kd->ring);
	if (r)
		for (i = 0; i < r->n && n < KPSEC_KEYRING_MAX; i++)
			ids[n++] = r->e[i].node;
	rcu_read_unlock();
	if (!n || cap < KPSEC_TLV_HDR)
		return 0;
	len = kpsec_keyring_tlv_encode(out + KPSEC_TLV_HDR, cap - KPSEC_TLV_HDR, ids, n);
	if (!len)
		return 0;
	kpsec_tlv_header(out, KPSEC_TLV_KEYRING, len);
	return KPSEC_TLV_HDR + len;
}
