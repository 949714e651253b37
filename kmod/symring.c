// SPDX-License-Identifier: GPL-2.0
/*
 * Symmetric key rings: the pool keys a node was pre-loaded with (random
 * pool, q-composite, t-UKP plans of kpsec-plan).  The ring is replaced
 * whole under RTNL and kx.lock and read under RCU; our LSAs advertise the
 * key IDs it holds, never the keys.  Two nodes sharing at least sym_q
 * pool keys are neighbours in the key graph, and protect the shares they
 * pass each other with a link key hashed from every key they share.
 */
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/genetlink.h>
#include "device.h"
#include "kx.h"
#include "kx_crypto.h"
#include "netlink.h"
#include "../lib/be.h"

static struct netlink_range_validation kpsec_symkey_id_range = {
	.max = 0xfffffffeU,
};

static const struct nla_policy kpsec_symkey_policy[KPSEC_A_SYMKEY_MAX + 1] = {
	[KPSEC_A_SYMKEY_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_symkey_id_range),
	[KPSEC_A_SYMKEY_KEY] = NLA_POLICY_EXACT_LEN(KPSEC_KEY_LEN),
	[KPSEC_A_SYMKEY_FLAGS] = NLA_POLICY_MASK(NLA_U32, __KPSEC_SYMKEY_F_ALL),
};

struct kpsec_symring *kpsec_symring_alloc(u32 n, gfp_t gfp)
{
	struct kpsec_symring *r = kzalloc(struct_size(r, e, n), gfp);

	if (r)
		r->n = n;
	return r;
}

void kpsec_symring_free_now(struct kpsec_symring *r)
{
	if (r)
		kfree_sensitive(r);
}

static void kpsec_symring_free_rcu(struct rcu_head *rcu)
{
	kfree_sensitive(container_of(rcu, struct kpsec_symring, rcu));
}

void kpsec_symring_free(struct kpsec_symring *r)
{
	/* kfree_rcu() cannot zeroise: the keys must not outlive the ring. */
	if (r)
		call_rcu(&r->rcu, kpsec_symring_free_rcu);
}

static int kpsec_symkey_cmp(const void *a, const void *b)
{
	u32 x = ((const struct kpsec_symkey *)a)->id;
	u32 y = ((const struct kpsec_symkey *)b)->id;

	return x < y ? -1 : x > y;
}

static void kpsec_symkey_swap(void *a, void *b, int size)
{
	struct kpsec_symkey *x = a, *y = b, t;

	t = *x;
	*x = *y;
	*y = t;
	memzero_explicit(&t, sizeof(t));
}

/* The index of @id in @r, or @r->n. */
static u32 kpsec_symring_index(const struct kpsec_symring *r, u32 id)
{
	u32 i;

	for (i = 0; i < r->n; i++)
		if (r->e[i].id == id)
			break;
	return i;
}

/* One nest of KPSEC_A_DEVICE_SYMRING applied to @r. */
static int kpsec_symring_apply(struct kpsec_symring *r, struct nlattr *nest,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KPSEC_A_SYMKEY_MAX + 1];
	u32 id, i;
	int ret;

	ret = nla_parse_nested(tb, KPSEC_A_SYMKEY_MAX, nest, kpsec_symkey_policy, extack);
	if (ret)
		return ret;
	if (!tb[KPSEC_A_SYMKEY_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "a symmetric ring entry needs a key ID");
		return -EINVAL;
	}
	id = nla_get_u32(tb[KPSEC_A_SYMKEY_ID]);
	i = kpsec_symring_index(r, id);
	if (tb[KPSEC_A_SYMKEY_FLAGS] &&
	    (nla_get_u32(tb[KPSEC_A_SYMKEY_FLAGS]) & KPSEC_SYMKEY_F_REMOVE)) {
		if (i < r->n) {
			r->e[i] = r->e[--r->n];
			memzero_explicit(&r->e[r->n], sizeof(r->e[0]));
		}
		return 0;
	}
	if (!tb[KPSEC_A_SYMKEY_KEY]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "a symmetric ring entry needs a key");
		return -EINVAL;
	}
	if (!memchr_inv(nla_data(tb[KPSEC_A_SYMKEY_KEY]), 0, KPSEC_KEY_LEN)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KPSEC_A_SYMKEY_KEY],
				    "a pool key of all zeros is not a key");
		return -EINVAL;
	}
	if (i == r->n) {
		if (r->n >= KPSEC_SYMRING_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "the symmetric ring is full");
			return -ENOSPC;
		}
		r->n++;
	}
	r->e[i].id = id;
	memcpy(r->e[i].key, nla_data(tb[KPSEC_A_SYMKEY_KEY]), KPSEC_KEY_LEN);
	return 0;
}

/* A key ID named twice in one request is a mistake, not an update. */
static bool kpsec_symring_repeats(const struct nlattr *list, struct netlink_ext_ack *extack)
{
	const struct nlattr *nest, *other, *id, *id2;
	int rem, rem2;

	nla_for_each_nested(nest, list, rem) {
		id = nla_find_nested(nest, KPSEC_A_SYMKEY_ID);
		if (!id || nla_len(id) != sizeof(u32))
			continue;
		nla_for_each_nested(other, list, rem2) {
			if (other == nest)
				break;
			id2 = nla_find_nested(other, KPSEC_A_SYMKEY_ID);
			if (id2 && nla_len(id2) == sizeof(u32) &&
			    nla_get_u32(id2) == nla_get_u32(id)) {
				NL_SET_ERR_MSG_ATTR(extack, id,
						    "key ID named twice in the symmetric ring");
				return true;
			}
		}
	}
	return false;
}

int kpsec_symring_prepare(struct kpsec_device *kd, struct nlattr *list, bool replace,
			  struct kpsec_symring **out, struct netlink_ext_ack *extack)
{
	const struct kpsec_symring *cur = rcu_dereference_protected(kd->symring,
								    lockdep_rtnl_is_held());
	struct kpsec_symring *r;
	struct nlattr *nest;
	int rem, ret;

	*out = NULL;
	if (!list && !replace)
		return 0;
	if (list && kpsec_symring_repeats(list, extack))
		return -EINVAL;
	r = kpsec_symring_alloc(KPSEC_SYMRING_MAX, GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->n = 0;
	if (!replace && cur) {
		memcpy(r->e, cur->e, cur->n * sizeof(r->e[0]));
		r->n = cur->n;
	}
	kpsec_for_each_entry(nest, list, rem) {
		ret = kpsec_symring_apply(r, nest, extack);
		if (ret) {
			kpsec_symring_free_now(r);
			return ret;
		}
	}
	sort(r->e, r->n, sizeof(r->e[0]), kpsec_symkey_cmp, kpsec_symkey_swap);
	*out = r;
	return 0;
}

size_t kpsec_symring_tlv(struct kpsec_device *kd, u8 *out, size_t cap)
{
	const struct kpsec_symring *r;
	size_t len = 0;
	u32 i, n = 0;

	if (cap < KPSEC_TLV_HDR)
		return 0;
	rcu_read_lock();
	r = rcu_dereference(kd->symring);
	if (r && r->n && cap >= KPSEC_TLV_HDR + 4 * (size_t)r->n) {
		/* The IDs are ascending: written as they are. */
		for (i = 0; i < r->n; i++)
			kpsec_put_be32(out + KPSEC_TLV_HDR + 4 * i, r->e[i].id);
		n = r->n;
	}
	rcu_read_unlock();
	if (!n)
		return 0;
	len = 4 * (size_t)n;
	kpsec_tlv_header(out, KPSEC_TLV_SYMRING, len);
	return KPSEC_TLV_HDR + len;
}

bool kpsec_symring_link_key(struct kpsec_device *kd, u32 self, u32 node,
			    u8 key[KPSEC_KEY_LEN])
{
	const struct kpsec_symring *own;
	const struct kpsec_routes *r;
	struct blake2s_state s;
	u32 v, i = 0, j, je, shared = 0;

	rcu_read_lock();
	own = rcu_dereference(kd->symring);
	r = rcu_dereference(kd->mesh.routes);
	v = r ? kpsec_routes_vertex(r, node) : KPSEC_NO_VERTEX;
	if (!own || v == KPSEC_NO_VERTEX || v == r->self) {
		rcu_read_unlock();
		return false;
	}
	j = r->sym_first[v];
	je = r->sym_first[v + 1];
	kpsec_kx_link_init(&s, self, node);
	/* Both lists ascend: one merge pass over the shared keys. */
	while (i < own->n && j < je) {
		if (own->e[i].id < r->sym_ids[j]) {
			i++;
		} else if (own->e[i].id > r->sym_ids[j]) {
			j++;
		} else {
			kpsec_kx_link_add(&s, own->e[i].id, own->e[i].key);
			shared++;
			i++;
			j++;
		}
	}
	rcu_read_unlock();
	kpsec_kx_link_final(&s, key);
	if (shared >= max(READ_ONCE(kd->kx.params.sym_q), 1U))
		return true;
	memzero_explicit(key, KPSEC_KEY_LEN);
	return false;
}
