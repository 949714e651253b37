// SPDX-License-Identifier: GPL-2.0
/*
 * The key exchange views of the "kpsec" family: key rings, key-paths,
 * sessions, the connect command and the events multicast group.  No key
 * but a public one ever leaves here.
 */
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include "device.h"
#include "kx.h"
#include "netlink.h"
#include "peer.h"

int kpsec_put_kx_params(struct sk_buff *skb, struct kpsec_device *kd)
{
	const struct kpsec_kx_params *p = &kd->kx.params;
	const struct kpsec_ring *r = rtnl_dereference(kd->ring);
	const struct kpsec_symring *s = rtnl_dereference(kd->symring);

	if (nla_put_u32(skb, KPSEC_A_DEVICE_KX_RHO, READ_ONCE(p->rho)) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_KX_THETA, READ_ONCE(p->theta)) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_KX_TIMEOUT, READ_ONCE(p->timeout_ms)) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_KX_RETRIES, READ_ONCE(p->retries)) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_REKEY_AFTER_TIME, READ_ONCE(p->rekey_time_s)) ||
	    nla_put_u64_64bit(skb, KPSEC_A_DEVICE_REKEY_AFTER_MESSAGES,
			      READ_ONCE(p->rekey_msgs), KPSEC_A_DEVICE_PAD) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_TEST_FLAGS, READ_ONCE(p->test_flags)) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_KEYRING_SIZE, r ? r->n : 0) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_SYMRING_SIZE, s ? s->n : 0) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_SYMRING_Q, READ_ONCE(p->sym_q)) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_QKD_MODE, READ_ONCE(p->qkd_mode)) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_QKD_ON_EMPTY, READ_ONCE(p->qkd_on_empty)) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_QKD_MAX_AGE, READ_ONCE(p->qkd_max_age_s)) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_QKD_LOW_WATERMARK, READ_ONCE(p->qkd_low)))
		return -EMSGSIZE;
	return 0;
}

int kpsec_prepare_params(struct kpsec_device *kd, struct kpsec_kx_params *p, bool *changed,
			 struct nlattr **attrs, struct netlink_ext_ack *extack)
{
	*p = kd->kx.params;
	if (attrs[KPSEC_A_DEVICE_KX_RHO])
		p->rho = nla_get_u32(attrs[KPSEC_A_DEVICE_KX_RHO]);
	if (attrs[KPSEC_A_DEVICE_KX_THETA])
		p->theta = nla_get_u32(attrs[KPSEC_A_DEVICE_KX_THETA]);
	if (attrs[KPSEC_A_DEVICE_KX_TIMEOUT])
		p->timeout_ms = nla_get_u32(attrs[KPSEC_A_DEVICE_KX_TIMEOUT]);
	if (attrs[KPSEC_A_DEVICE_KX_RETRIES])
		p->retries = nla_get_u32(attrs[KPSEC_A_DEVICE_KX_RETRIES]);
	if (attrs[KPSEC_A_DEVICE_REKEY_AFTER_TIME])
		p->rekey_time_s = nla_get_u32(attrs[KPSEC_A_DEVICE_REKEY_AFTER_TIME]);
	if (attrs[KPSEC_A_DEVICE_REKEY_AFTER_MESSAGES])
		p->rekey_msgs = nla_get_u64(attrs[KPSEC_A_DEVICE_REKEY_AFTER_MESSAGES]);
	if (attrs[KPSEC_A_DEVICE_TEST_FLAGS]) {
		if (!kpsec_test_knobs) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[KPSEC_A_DEVICE_TEST_FLAGS],
					    "test flags need the module loaded with test_knobs=1");
			return -EPERM;
		}
		p->test_flags = nla_get_u32(attrs[KPSEC_A_DEVICE_TEST_FLAGS]);
	}
	if (attrs[KPSEC_A_DEVICE_QKD_MODE])
		p->qkd_mode = nla_get_u32(attrs[KPSEC_A_DEVICE_QKD_MODE]);
	if (attrs[KPSEC_A_DEVICE_QKD_ON_EMPTY])
		p->qkd_on_empty = nla_get_u32(attrs[KPSEC_A_DEVICE_QKD_ON_EMPTY]);
	if (attrs[KPSEC_A_DEVICE_QKD_MAX_AGE])
		p->qkd_max_age_s = nla_get_u32(attrs[KPSEC_A_DEVICE_QKD_MAX_AGE]);
	if (attrs[KPSEC_A_DEVICE_QKD_LOW_WATERMARK])
		p->qkd_low = nla_get_u32(attrs[KPSEC_A_DEVICE_QKD_LOW_WATERMARK]);
	if (attrs[KPSEC_A_DEVICE_SYMRING_Q])
		p->sym_q = nla_get_u32(attrs[KPSEC_A_DEVICE_SYMRING_Q]);
	if (p->qkd_mode != KPSEC_QKD_OFF && p->qkd_max_age_s < p->rekey_time_s) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[KPSEC_A_DEVICE_QKD_MAX_AGE] ?:
				    attrs[KPSEC_A_DEVICE_REKEY_AFTER_TIME],
				    "qkd-max-age cannot be shorter than rekey-after-time");
		return -EINVAL;
	}
	if (p->theta > p->rho) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[KPSEC_A_DEVICE_KX_THETA] ?:
				    attrs[KPSEC_A_DEVICE_KX_RHO],
				    "theta (shares needed) cannot exceed rho (key-paths)");
		return -EINVAL;
	}
	*changed = memcmp(p, &kd->kx.params, sizeof(*p));
	return 0;
}

/*
 * KPSEC_CMD_GET_KEYRING: from entry *@cursor on, counting the public ring
 * first and the pool key IDs after it.  1 when the message filled up.
 */
static int kpsec_fill_keyring(struct sk_buff *skb, struct kpsec_device *kd,
			      unsigned long *cursor,
			       struct netlink_callback *cb)
{
	const struct kpsec_ring *r = rtnl_dereference(kd->ring);
	const struct kpsec_symring *s = rtnl_dereference(kd->symring);
	unsigned long i, start = *cursor, nr = r ? r->n : 0;
	struct nlattr *list, *nest;

	if (nla_put_u32(skb, KPSEC_A_DEVICE_NODE_ID, rtnl_dereference(kd->conf)->node_id))
		return -EMSGSIZE;
	list = nla_nest_start(skb, KPSEC_A_DEVICE_KEYRING);
	if (!list)
		return -EMSGSIZE;
	for (i = start; i < nr; i++) {
		nest = nla_nest_start(skb, i - start);
		if (!nest || nla_put_u32(skb, KPSEC_A_RING_NODE_ID, r->e[i].node) ||
		    nla_put(skb, KPSEC_A_RING_PUBLIC_KEY, KPSEC_KEY_LEN, r->e[i].pub))
			goto full;
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, list);
	list = nla_nest_start(skb, KPSEC_A_DEVICE_SYMRING);
	if (!list) {
		nest = NULL;
		goto full_outer;
	}
	for (i = max(start, nr); s && i < nr + s->n; i++) {
		nest = nla_nest_start(skb, i - max(start, nr));
		if (!nest || nla_put_u32(skb, KPSEC_A_SYMKEY_ID, s->e[i - nr].id))
			goto full;
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, list);
	return 0;

full:
	if (nest)
		nla_nest_cancel(skb, nest);
	nla_nest_end(skb, list);
full_outer:
	if (i == start)
		return -EMSGSIZE;
	*cursor = i;
	return 1;
}

int kpsec_get_keyring_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return kpsec_dump_devices(skb, cb, KPSEC_CMD_GET_KEYRING, kpsec_fill_keyring);
}

static int kpsec_put_keypath(struct sk_buff *skb, const struct kpsec_keypath *kp,
			     unsigned int index)
{
	struct nlattr *path, *ov, *hop;
	u32 i, phys = 0;

	for (i = 0; i < kp->n; i++)
		phys += kp->phys[i];
	path = nla_nest_start(skb, index);
	if (!path || nla_put_u32(skb, KPSEC_A_KEYPATH_INDEX, index + 1) ||
	    nla_put_u32(skb, KPSEC_A_KEYPATH_DE_STEPS, kp->n - 1) ||
	    nla_put_u32(skb, KPSEC_A_KEYPATH_PHYS_HOPS, phys))
		return -EMSGSIZE;
	ov = nla_nest_start(skb, KPSEC_A_KEYPATH_OVERLAY);
	if (!ov)
		return -EMSGSIZE;
	for (i = 0; i < kp->n; i++) {
		hop = nla_nest_start(skb, i);
		if (!hop || nla_put_u32(skb, KPSEC_A_OVHOP_NODE_ID, kp->node[i]) ||
		    nla_put_u32(skb, KPSEC_A_OVHOP_PHYS_HOPS, kp->phys[i]))
			return -EMSGSIZE;
		nla_nest_end(skb, hop);
	}
	nla_nest_end(skb, ov);
	nla_nest_end(skb, path);
	return 0;
}

int kpsec_get_keypaths_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct kpsec_device *kd = netdev_priv(info->user_ptr[0]);
	struct nlattr *dst_attr = info->attrs[KPSEC_A_DEVICE_PATH_DST];
	struct kpsec_keypath *paths;
	struct nlattr *list;
	struct sk_buff *msg;
	int n, i, ret;
	u32 max, dst;
	void *hdr;

	if (!dst_attr) {
		NL_SET_ERR_MSG(info->extack, "name the destination node (path_dst)");
		return -EINVAL;
	}
	dst = nla_get_u32(dst_attr);
	max = READ_ONCE(kd->kx.params.rho);
	paths = kcalloc(max, sizeof(*paths), GFP_KERNEL);
	if (!paths)
		return -ENOMEM;
	n = kpsec_keypaths(kd, dst, max, paths);
	if (n < 0) {
		ret = n;
		if (n == -ENETUNREACH)
			NL_SET_ERR_MSG_ATTR(info->extack, dst_attr,
					    "the node is not in the link-state database");
		goto out;
	}
	ret = -ENOMEM;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		goto out;
	hdr = genlmsg_put_reply(msg, info, &kpsec_genl_family, 0, KPSEC_CMD_GET_KEYPATHS);
	ret = -EMSGSIZE;
	if (!hdr || nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, kd->dev->ifindex) ||
	    nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, kd->dev->name) ||
	    nla_put_u32(msg, KPSEC_A_DEVICE_PATH_DST, dst))
		goto err_msg;
	list = nla_nest_start(msg, KPSEC_A_DEVICE_KEYPATHS);
	if (!list)
		goto err_msg;
	for (i = 0; i < n; i++)
		if (kpsec_put_keypath(msg, &paths[i], i))
			goto err_msg;
	nla_nest_end(msg, list);
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
	goto out;
err_msg:
	nlmsg_free(msg);
out:
	kfree(paths);
	return ret;
}

static u8 kpsec_session_state(struct kpsec_peer *peer)
{
	if (peer->kx)
		return peer->kx->initiator ? KPSEC_SESSION_INITIATING : KPSEC_SESSION_RESPONDING;
	if (rcu_access_pointer(peer->session))
		return KPSEC_SESSION_ESTABLISHED;
	return peer->last_error ? KPSEC_SESSION_FAILED : KPSEC_SESSION_NONE;
}

static int kpsec_put_session(struct sk_buff *skb, struct kpsec_device *kd,
			     struct kpsec_peer *peer)
{
	const struct kpsec_kx_params *p = &kd->kx.params;
	struct kpsec_keypair *kp;
	struct kpsec_peer_totals t;
	u64 age = 0, rekey = 0;
	unsigned long due;

	kpsec_peer_stats_sum(peer, &t);
	kp = rcu_dereference_protected(peer->session, lockdep_is_held(&kd->kx.lock));
	if (kp) {
		age = jiffies_to_msecs(jiffies - kp->birth);
		due = kp->birth + p->rekey_time_s * HZ;
		rekey = time_after(due, jiffies) ? jiffies_to_msecs(due - jiffies) : 0;
	}
	if (nla_put_u32(skb, KPSEC_A_SESSION_NODE_ID, peer->node_id) ||
	    nla_put_u32(skb, KPSEC_A_SESSION_STATE, kpsec_session_state(peer)) ||
	    (kp && peer->initiator && nla_put_flag(skb, KPSEC_A_SESSION_INITIATOR)) ||
	    (peer->has_pub &&
	     nla_put(skb, KPSEC_A_SESSION_PUBLIC_KEY, KPSEC_KEY_LEN, peer->pub)) ||
	    (kp && (nla_put_u64_64bit(skb, KPSEC_A_SESSION_AGE_MSECS, age, KPSEC_A_SESSION_PAD) ||
		    nla_put_u64_64bit(skb, KPSEC_A_SESSION_REKEY_MSECS, rekey,
				      KPSEC_A_SESSION_PAD))) ||
	    nla_put_u64_64bit(skb, KPSEC_A_SESSION_RX_PACKETS, t.rx_packets,
			      KPSEC_A_SESSION_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_SESSION_RX_BYTES, t.rx_bytes, KPSEC_A_SESSION_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_SESSION_TX_PACKETS, t.tx_packets,
			      KPSEC_A_SESSION_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_SESSION_TX_BYTES, t.tx_bytes, KPSEC_A_SESSION_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_SESSION_DROPS, atomic64_read(&peer->drops),
			      KPSEC_A_SESSION_PAD) ||
	    nla_put_u32(skb, KPSEC_A_SESSION_EXCHANGES, peer->exchanges) ||
	    nla_put_u32(skb, KPSEC_A_SESSION_FAILURES, peer->failures) ||
	    nla_put_u32(skb, KPSEC_A_SESSION_LAST_ERROR, peer->last_error) ||
	    (peer->exchanges &&
	     nla_put_u64_64bit(skb, KPSEC_A_SESSION_KX_MSECS, peer->kx_msecs,
			       KPSEC_A_SESSION_PAD)) ||
	    (kp && nla_put_u32(skb, KPSEC_A_SESSION_QKD_MODE, peer->qkd_mode)) ||
	    (kp && peer->qkd_mode &&
	     nla_put(skb, KPSEC_A_SESSION_QKD_KEY_ID, KPSEC_QKD_KEY_ID_LEN, peer->qkd_id)))
		return -EMSGSIZE;
	return 0;
}

static bool kpsec_has_session_state(struct kpsec_peer *peer)
{
	return peer->kx || rcu_access_pointer(peer->session) || peer->exchanges ||
	       peer->failures;
}

/* KPSEC_CMD_GET_SESSIONS: peers from node ID *@cursor on. */
static int kpsec_fill_sessions(struct sk_buff *skb, struct kpsec_device *kd,
			       unsigned long *cursor,
			       struct netlink_callback *cb)
{
	unsigned long id, start = *cursor;
	struct kpsec_peer *peer;
	struct nlattr *list;
	int ret = 0, i = 0;

	list = nla_nest_start(skb, KPSEC_A_DEVICE_SESSIONS);
	if (!list)
		return -EMSGSIZE;
	mutex_lock(&kd->kx.lock);
	xa_for_each_start(&kd->peers, id, peer, start) {
		struct nlattr *nest;

		if (!kpsec_has_session_state(peer))
			continue;
		nest = nla_nest_start(skb, i++);
		if (!nest || kpsec_put_session(skb, kd, peer)) {
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
	nla_nest_end(skb, list);
out:
	mutex_unlock(&kd->kx.lock);
	return ret;
}

int kpsec_get_sessions_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return kpsec_dump_devices(skb, cb, KPSEC_CMD_GET_SESSIONS, kpsec_fill_sessions);
}

int kpsec_connect_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct kpsec_device *kd = netdev_priv(info->user_ptr[0]);
	struct nlattr *dst_attr = info->attrs[KPSEC_A_DEVICE_PATH_DST];
	u32 self, dst;
	bool reachable;
	int ret;

	if (!dst_attr) {
		NL_SET_ERR_MSG(info->extack, "name the node to connect to (path_dst)");
		return -EINVAL;
	}
	dst = nla_get_u32(dst_attr);
	mutex_lock(&kd->kx.lock);
	rcu_read_lock_bh();
	self = rcu_dereference_bh(kd->conf)->node_id;
	reachable = kpsec_route_next_mac(kd, dst) != 0;
	rcu_read_unlock_bh();
	ret = -EINVAL;
	if (!kd->has_private_key && kd->kx.params.qkd_mode != KPSEC_QKD_ONLY) {
		NL_SET_ERR_MSG(info->extack, "this node has no private key");
		goto out;
	}
	if (!self) {
		NL_SET_ERR_MSG(info->extack, "this node has no node ID");
		goto out;
	}
	if (dst == self) {
		NL_SET_ERR_MSG_ATTR(info->extack, dst_attr, "that is this node");
		goto out;
	}
	ret = -ENETUNREACH;
	if (!reachable) {
		NL_SET_ERR_MSG_ATTR(info->extack, dst_attr, "the node is not reachable");
		goto out;
	}
	ret = kpsec_kx_connect_locked(kd, dst);
	if (ret == -EINPROGRESS)
		NL_SET_ERR_MSG_ATTR(info->extack, dst_attr,
				    "an exchange with this node is already running");
out:
	mutex_unlock(&kd->kx.lock);
	return ret;
}

struct sk_buff *kpsec_event_new(struct kpsec_device *kd, void **hdr, struct nlattr **ev)
{
	struct sk_buff *msg;

	if (!genl_has_listeners(&kpsec_genl_family, dev_net(kd->dev), 0))
		return NULL;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put(msg, 0, 0, &kpsec_genl_family, 0, KPSEC_CMD_EVENT);
	if (!*hdr || nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, kd->dev->ifindex) ||
	    nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, kd->dev->name))
		goto err;
	*ev = nla_nest_start(msg, KPSEC_A_DEVICE_EVENT);
	if (!*ev)
		goto err;
	return msg;
err:
	nlmsg_free(msg);
	return NULL;
}

void kpsec_event_send(struct kpsec_device *kd, struct sk_buff *msg, void *hdr,
		      struct nlattr *ev)
{
	nla_nest_end(msg, ev);
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&kpsec_genl_family, dev_net(kd->dev), msg, 0, 0, GFP_KERNEL);
}

void kpsec_kx_event(struct kpsec_device *kd, enum kpsec_event type, u32 peer,
		    enum kpsec_kx_reason reason, u32 share_index, u32 from, u64 kx_msecs)
{
	struct sk_buff *msg;
	struct nlattr *ev;
	void *hdr;

	msg = kpsec_event_new(kd, &hdr, &ev);
	if (!msg)
		return;
	if (nla_put_u32(msg, KPSEC_A_EVENT_TYPE, type) ||
	    nla_put_u32(msg, KPSEC_A_EVENT_PEER, peer) ||
	    (type == KPSEC_EVENT_FAILED && nla_put_u32(msg, KPSEC_A_EVENT_REASON, reason)) ||
	    (share_index && nla_put_u32(msg, KPSEC_A_EVENT_SHARE_INDEX, share_index)) ||
	    (from && nla_put_u32(msg, KPSEC_A_EVENT_FROM, from)) ||
	    (type == KPSEC_EVENT_ESTABLISHED &&
	     nla_put_u64_64bit(msg, KPSEC_A_EVENT_KX_MSECS, kx_msecs, KPSEC_A_EVENT_PAD))) {
		nlmsg_free(msg);
		return;
	}
	kpsec_event_send(kd, msg, hdr, ev);
}
