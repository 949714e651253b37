// SPDX-License-Identifier: GPL-2.0
/*
 * The QKD commands of the "kpsec" family: keys go in (write-only) or are
 * deleted by ID, stores and the policy come out, and the QKD events.  No
 * key ever leaves here; key IDs are not secret (they cross the air).
 */
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include "compat.h"
#include "device.h"
#include "kx.h"
#include "netlink.h"
#include "peer.h"
#include "qkd.h"

void kpsec_qkd_event(struct kpsec_device *kd, enum kpsec_event type, u32 peer, u32 keys)
{
	struct sk_buff *msg;
	struct nlattr *ev;
	void *hdr;

	msg = kpsec_event_new(kd, &hdr, &ev);
	if (!msg)
		return;
	if (nla_put_u32(msg, KPSEC_A_EVENT_TYPE, type) ||
	    nla_put_u32(msg, KPSEC_A_EVENT_PEER, peer) ||
	    nla_put_u32(msg, KPSEC_A_EVENT_QKD_KEYS, keys)) {
		nlmsg_free(msg);
		return;
	}
	kpsec_event_send(kd, msg, hdr, ev);
}

/* The peer a QKD command names (KPSEC_A_DEVICE_PATH_DST), not ourselves. */
static int kpsec_qkd_node(struct kpsec_device *kd, struct genl_info *info, u32 *node)
{
	struct nlattr *attr = info->attrs[KPSEC_A_DEVICE_PATH_DST];

	if (!attr) {
		NL_SET_ERR_MSG(info->extack, "name the peer the keys are for (path_dst)");
		return -EINVAL;
	}
	*node = nla_get_u32(attr);
	if (*node == kpsec_kx_self(kd)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "that is this node");
		return -EINVAL;
	}
	return 0;
}

static void kpsec_qkd_free_list(struct list_head *keys)
{
	struct kpsec_qkd_key *k, *tmp;

	list_for_each_entry_safe(k, tmp, keys, list) {
		list_del(&k->list);
		kpsec_qkd_key_free(k);
	}
}

/*
 * Parse the nests of KPSEC_A_DEVICE_QKD_KEYS: each ID once, and a key
 * with each when @with_keys (allocated onto @keys), none otherwise.
 * Returns the number of nests or an error, with @keys freed.
 */
static int kpsec_qkd_parse(struct genl_info *info, bool with_keys, struct list_head *keys,
			   u8 (**ids)[KPSEC_QKD_KEY_ID_LEN])
{
	struct nlattr *list = info->attrs[KPSEC_A_DEVICE_QKD_KEYS];
	struct nlattr *tb[KPSEC_A_QKD_MAX + 1], *nest;
	int rem, n = 0, i, ret;

	*ids = kcalloc(KPSEC_QKD_ADD_MAX, KPSEC_QKD_KEY_ID_LEN, GFP_KERNEL);
	if (!*ids)
		return -ENOMEM;
	nla_for_each_nested(nest, list, rem) {
		ret = -EINVAL;
		if (n == KPSEC_QKD_ADD_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack, nest, "more keys than one request may carry");
			goto err;
		}
		ret = nla_parse_nested(tb, KPSEC_A_QKD_MAX, nest, kpsec_qkd_key_policy,
				       info->extack);
		if (ret)
			goto err;
		ret = -EINVAL;
		if (!tb[KPSEC_A_QKD_KEY_ID]) {
			NL_SET_ERR_MSG_ATTR(info->extack, nest, "a key without a key ID");
			goto err;
		}
		if (with_keys && !tb[KPSEC_A_QKD_KEY]) {
			NL_SET_ERR_MSG_ATTR(info->extack, nest, "a key ID without its key");
			goto err;
		}
		if (!with_keys && tb[KPSEC_A_QKD_KEY]) {
			NL_SET_ERR_MSG_ATTR(info->extack, nest, "deleting takes key IDs only");
			goto err;
		}
		memcpy((*ids)[n], nla_data(tb[KPSEC_A_QKD_KEY_ID]), KPSEC_QKD_KEY_ID_LEN);
		for (i = 0; i < n; i++)
			if (!memcmp((*ids)[i], (*ids)[n], KPSEC_QKD_KEY_ID_LEN))
				break;
		if (i < n) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[KPSEC_A_QKD_KEY_ID],
					    "the key ID appears twice in the request");
			goto err;
		}
		if (with_keys) {
			struct kpsec_qkd_key *k;

			k = kpsec_qkd_key_alloc((*ids)[n], nla_data(tb[KPSEC_A_QKD_KEY]),
						nla_len(tb[KPSEC_A_QKD_KEY]));
			ret = -ENOMEM;
			if (!k)
				goto err;
			list_add_tail(&k->list, keys);
		}
		n++;
	}
	if (!n) {
		NL_SET_ERR_MSG_ATTR(info->extack, list, "no keys in the request");
		ret = -EINVAL;
		goto err;
	}
	return n;
err:
	kpsec_qkd_free_list(keys);
	kfree(*ids);
	*ids = NULL;
	return ret;
}

int kpsec_qkd_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct kpsec_device *kd = netdev_priv(info->user_ptr[0]);
	u8 (*ids)[KPSEC_QKD_KEY_ID_LEN] = NULL;
	struct kpsec_peer *peer;
	LIST_HEAD(keys);
	int n, i, ret;
	u32 node;

	ret = kpsec_qkd_node(kd, info, &node);
	if (ret)
		return ret;
	if (!info->attrs[KPSEC_A_DEVICE_QKD_KEYS]) {
		NL_SET_ERR_MSG(info->extack, "give the keys (qkd_keys)");
		return -EINVAL;
	}
	n = kpsec_qkd_parse(info, true, &keys, &ids);
	if (n < 0)
		return n;

	mutex_lock(&kd->kx.lock);
	peer = kpsec_kx_peer(kd, node, true);
	ret = -ENOMEM;
	if (!peer)
		goto out;
	ret = -ENOSPC;
	if (peer->qkd.count + n > KPSEC_QKD_STORE_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KPSEC_A_DEVICE_QKD_KEYS],
				    "the store of this peer would hold more than 4096 keys");
		goto out;
	}
	ret = -EEXIST;
	for (i = 0; i < n; i++) {
		if (kpsec_qkd_find(&peer->qkd, ids[i])) {
			NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KPSEC_A_DEVICE_QKD_KEYS],
					    "a key with one of these key IDs is already stored");
			goto out;
		}
	}
	kpsec_qkd_add(kd, peer, &keys, n);
	ret = 0;
out:
	mutex_unlock(&kd->kx.lock);
	kpsec_qkd_free_list(&keys);
	kfree(ids);
	return ret;
}

int kpsec_qkd_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct kpsec_device *kd = netdev_priv(info->user_ptr[0]);
	u8 (*ids)[KPSEC_QKD_KEY_ID_LEN] = NULL;
	struct kpsec_qkd_key *k;
	struct kpsec_peer *peer;
	LIST_HEAD(none);
	int n = 0, i, ret;
	u32 node;

	ret = kpsec_qkd_node(kd, info, &node);
	if (ret)
		return ret;
	if (info->attrs[KPSEC_A_DEVICE_QKD_KEYS]) {
		n = kpsec_qkd_parse(info, false, &none, &ids);
		if (n < 0)
			return n;
	}
	mutex_lock(&kd->kx.lock);
	peer = kpsec_kx_peer(kd, node, false);
	ret = 0;
	if (!peer)
		goto check;
	if (!ids) {
		kpsec_qkd_clear(&peer->qkd);
		goto out;
	}
check:
	/* Every ID first, so that a wrong one deletes nothing. */
	for (i = 0; i < n; i++) {
		if (!peer || !kpsec_qkd_find(&peer->qkd, ids[i])) {
			NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KPSEC_A_DEVICE_QKD_KEYS],
					    "no key with one of these key IDs is stored");
			ret = -ENOENT;
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		k = kpsec_qkd_find(&peer->qkd, ids[i]);
		list_del(&k->list);
		peer->qkd.count--;
		kpsec_qkd_key_free(k);
	}
out:
	mutex_unlock(&kd->kx.lock);
	kfree(ids);
	return ret;
}

static int kpsec_put_qkd_store(struct sk_buff *skb, struct kpsec_peer *peer)
{
	struct kpsec_qkd_store *s = &peer->qkd;
	const struct kpsec_qkd_key *next;

	next = list_first_entry_or_null(&s->keys, struct kpsec_qkd_key, list);
	if (nla_put_u32(skb, KPSEC_A_QKD_STORE_NODE_ID, peer->node_id) ||
	    nla_put_u32(skb, KPSEC_A_QKD_STORE_AVAILABLE, s->count) ||
	    nla_put_u64_64bit(skb, KPSEC_A_QKD_STORE_USED, s->used, KPSEC_A_QKD_STORE_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_QKD_STORE_ADDED, s->added, KPSEC_A_QKD_STORE_PAD) ||
	    (next && (nla_put(skb, KPSEC_A_QKD_STORE_NEXT_KEY_ID, KPSEC_QKD_KEY_ID_LEN,
			      next->id) ||
		      nla_put_u32(skb, KPSEC_A_QKD_STORE_NEXT_KEY_BITS, next->len * 8))) ||
	    (s->refilled &&
	     nla_put_u64_64bit(skb, KPSEC_A_QKD_STORE_REFILL_MSECS,
			       jiffies_to_msecs(jiffies - s->refilled), KPSEC_A_QKD_STORE_PAD)))
		return -EMSGSIZE;
	return 0;
}

/* The key IDs of a store from index @start on; how many fitted. */
static unsigned long kpsec_put_qkd_ids(struct sk_buff *skb, const struct kpsec_qkd_store *s,
				       unsigned long start)
{
	const struct kpsec_qkd_key *k;
	unsigned long i = 0, put = 0;
	struct nlattr *list;

	list = nla_nest_start(skb, KPSEC_A_QKD_STORE_KEY_IDS);
	if (!list)
		return 0;
	list_for_each_entry(k, &s->keys, list) {
		if (i++ < start)
			continue;
		if (nla_put(skb, KPSEC_A_QKD_KEY_ID, KPSEC_QKD_KEY_ID_LEN, k->id))
			break;
		put++;
	}
	nla_nest_end(skb, list);
	return put;
}

/*
 * KPSEC_CMD_GET_QKD: the policy, then the stores from node ID *@cursor on;
 * for one peer (PATH_DST), its store and its key IDs from index *@cursor.
 */
static int kpsec_fill_qkd(struct sk_buff *skb, struct kpsec_device *kd, unsigned long *cursor,
			  struct netlink_callback *cb)
{
	struct nlattr *only = kpsec_dump_attrs(cb)[KPSEC_A_DEVICE_PATH_DST];
	unsigned long id, start = *cursor, put;
	struct kpsec_peer *peer;
	struct nlattr *list, *nest;
	int ret = 0, i = 0;

	if (kpsec_put_kx_params(skb, kd))
		return -EMSGSIZE;
	list = nla_nest_start(skb, KPSEC_A_DEVICE_QKD_STORES);
	if (!list)
		return -EMSGSIZE;
	mutex_lock(&kd->kx.lock);
	if (only) {
		peer = kpsec_kx_peer(kd, nla_get_u32(only), false);
		nest = peer ? nla_nest_start(skb, 0) : NULL;
		if (peer && (!nest || kpsec_put_qkd_store(skb, peer))) {
			ret = -EMSGSIZE;
			goto out;
		}
		if (peer) {
			put = kpsec_put_qkd_ids(skb, &peer->qkd, start);
			nla_nest_end(skb, nest);
			if (start + put < peer->qkd.count) {
				if (!put) {
					ret = -EMSGSIZE;
					goto out;
				}
				*cursor = start + put;
				ret = 1;
			}
		}
		goto end;
	}
	xa_for_each_start(&kd->peers, id, peer, start) {
		if (!peer->qkd.added)
			continue;
		nest = nla_nest_start(skb, i++);
		if (!nest || kpsec_put_qkd_store(skb, peer)) {
			if (nest)
				nla_nest_cancel(skb, nest);
			if (start && i == 1) {
				ret = -EMSGSIZE;
				goto out;
			}
			*cursor = id;
			ret = 1;
			break;
		}
		nla_nest_end(skb, nest);
	}
end:
	nla_nest_end(skb, list);
out:
	mutex_unlock(&kd->kx.lock);
	return ret;
}

int kpsec_get_qkd_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return kpsec_dump_devices(skb, cb, KPSEC_CMD_GET_QKD, kpsec_fill_qkd);
}
