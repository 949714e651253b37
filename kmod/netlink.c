// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "kpsec"; uapi/kpsec.h documents its whole
 * attribute tree.  A set is validated completely, with everything it needs
 * allocated, before any of it is applied, so a rejected request changes
 * nothing.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <crypto/curve25519.h>
#include <net/sock.h>
#include "compat.h"
#include "device.h"
#include "peer.h"
#include "netlink.h"

static struct genl_family kpsec_genl_family;

/* Not const: NLA_POLICY_FULL_RANGE() takes a plain pointer on 6.1. */
static struct netlink_range_validation kpsec_node_range = {
	.min = 1,
	.max = 0xfffffffe,
};

#define KPSEC_READ_ONLY { .type = NLA_REJECT, .reject_message = "read-only attribute" }

static const struct nla_policy kpsec_peer_policy[KPSEC_A_PEER_MAX + 1] = {
	[KPSEC_A_PEER_NODE_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_node_range),
	[KPSEC_A_PEER_FLAGS] = NLA_POLICY_MASK(NLA_U32, __KPSEC_PEER_F_ALL),
	[KPSEC_A_PEER_STATIC_KEY] = NLA_POLICY_EXACT_LEN(KPSEC_KEY_LEN),
	[KPSEC_A_PEER_HAS_STATIC_KEY] = KPSEC_READ_ONLY,
	[KPSEC_A_PEER_ENDPOINT] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[KPSEC_A_PEER_RX_PACKETS] = KPSEC_READ_ONLY,
	[KPSEC_A_PEER_RX_BYTES] = KPSEC_READ_ONLY,
	[KPSEC_A_PEER_TX_PACKETS] = KPSEC_READ_ONLY,
	[KPSEC_A_PEER_TX_BYTES] = KPSEC_READ_ONLY,
	[KPSEC_A_PEER_LAST_RX_MSECS] = KPSEC_READ_ONLY,
	[KPSEC_A_PEER_PAD] = KPSEC_READ_ONLY,
};

static const struct nla_policy kpsec_device_policy[KPSEC_A_DEVICE_MAX + 1] = {
	[KPSEC_A_DEVICE_IFINDEX] = { .type = NLA_U32 },
	[KPSEC_A_DEVICE_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[KPSEC_A_DEVICE_FLAGS] = NLA_POLICY_MASK(NLA_U32, __KPSEC_DEVICE_F_ALL),
	[KPSEC_A_DEVICE_LOWER_IFINDEX] = { .type = NLA_U32 },
	[KPSEC_A_DEVICE_LOWER_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[KPSEC_A_DEVICE_LOWER_ADDR] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_NODE_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_node_range),
	[KPSEC_A_DEVICE_PREFIX4] = NLA_POLICY_EXACT_LEN(sizeof(struct kpsec_prefix)),
	[KPSEC_A_DEVICE_PREFIX6] = NLA_POLICY_EXACT_LEN(sizeof(struct kpsec_prefix)),
	[KPSEC_A_DEVICE_PRIVATE_KEY] = NLA_POLICY_EXACT_LEN(KPSEC_KEY_LEN),
	[KPSEC_A_DEVICE_PUBLIC_KEY] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_STATS] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_PEERS] = NLA_POLICY_NESTED_ARRAY(kpsec_peer_policy),
};

/* The kpsec device named by IFINDEX or IFNAME, with a reference held. */
static struct net_device *kpsec_get_device(struct net *net, struct nlattr **attrs,
					   struct netlink_ext_ack *extack)
{
	struct nlattr *index = attrs[KPSEC_A_DEVICE_IFINDEX];
	struct nlattr *name = attrs[KPSEC_A_DEVICE_IFNAME];
	struct net_device *dev;

	if (!index == !name) {
		NL_SET_ERR_MSG(extack,
			       "name the kpsec device by exactly one of ifindex and ifname");
		return ERR_PTR(-EINVAL);
	}
	dev = index ? dev_get_by_index(net, nla_get_u32(index)) :
		      dev_get_by_name(net, nla_data(name));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, index ?: name, "no such device");
		return ERR_PTR(-ENODEV);
	}
	if (!kpsec_device_of(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, index ?: name, "not a kpsec device");
		dev_put(dev);
		return ERR_PTR(-EOPNOTSUPP);
	}
	return dev;
}

/* Looks up the device every doit command acts on; post_doit drops it. */
static int kpsec_pre_doit(const kpsec_genl_ops_t *ops, struct sk_buff *skb,
			  struct genl_info *info)
{
	struct net_device *dev = kpsec_get_device(genl_info_net(info), info->attrs,
						  info->extack);

	if (IS_ERR(dev))
		return PTR_ERR(dev);
	info->user_ptr[0] = dev;
	return 0;
}

static void kpsec_post_doit(const kpsec_genl_ops_t *ops, struct sk_buff *skb,
			    struct genl_info *info)
{
	dev_put(info->user_ptr[0]);
}

/* ---- KPSEC_CMD_SET_DEVICE ---- */

/**
 * struct kpsec_peer_change - one validated entry of KPSEC_A_DEVICE_PEERS
 * @attr: the nest, for error messages
 * @node_id: the peer
 * @remove: remove the peer
 * @peer: the existing peer, or NULL
 * @new_peer: preallocated when @peer is NULL and not @remove; its index
 *	is reserved in the peer table so publishing it cannot fail
 * @new_kp: preallocated keypair to install, or NULL
 * @remove_key: remove the current key
 * @endpoint: new endpoint, 0 for no change
 */
struct kpsec_peer_change {
	struct nlattr *attr;
	u32 node_id;
	bool remove;
	struct kpsec_peer *peer;
	struct kpsec_peer *new_peer;
	struct kpsec_keypair *new_kp;
	bool remove_key;
	u64 endpoint;
};

/**
 * struct kpsec_change - a validated KPSEC_CMD_SET_DEVICE, ready to commit
 * @conf: new addressing, or NULL for no change
 * @change_lower: bind @lower instead of the current lower device
 * @lower: the new lower device, NULL to unbind
 * @set_key: install @private_key and @public_key
 * @clear_key: remove the private key
 * @private_key: zeroised when the change is released
 * @public_key: matches @private_key
 * @replace_peers: remove every peer not in @peers
 * @npeers: entries in @peers
 * @peers: peer changes
 */
struct kpsec_change {
	struct kpsec_conf *conf;
	bool change_lower;
	struct net_device *lower;
	bool set_key, clear_key;
	u8 private_key[KPSEC_KEY_LEN];
	u8 public_key[KPSEC_KEY_LEN];
	bool replace_peers;
	int npeers;
	struct kpsec_peer_change *peers;
};

static bool kpsec_all_zero(const u8 *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

static int kpsec_prepare_lower(struct kpsec_device *kd, struct kpsec_change *c,
			       struct nlattr **attrs, struct netlink_ext_ack *extack)
{
	struct nlattr *index = attrs[KPSEC_A_DEVICE_LOWER_IFINDEX];
	struct nlattr *name = attrs[KPSEC_A_DEVICE_LOWER_IFNAME];
	struct net *net = dev_net(kd->dev);
	struct net_device *lower = NULL;
	const char *why;

	if (!index && !name)
		return 0;
	if (index && name) {
		NL_SET_ERR_MSG_ATTR(extack, name,
				    "give the lower device by index or by name, not both");
		return -EINVAL;
	}
	if (!index || nla_get_u32(index)) {
		lower = index ? __dev_get_by_index(net, nla_get_u32(index)) :
				__dev_get_by_name(net, nla_data(name));
		if (!lower) {
			NL_SET_ERR_MSG_ATTR(extack, index ?: name, "no such lower device");
			return -ENODEV;
		}
		why = kpsec_lower_unusable(kd, lower);
		if (why) {
			/* A static string chosen at run time: set it by hand. */
			NL_SET_BAD_ATTR(extack, index ?: name);
			if (extack)
				extack->_msg = why;
			return -EINVAL;
		}
	}
	c->change_lower = lower != rtnl_dereference(kd->lower);
	c->lower = lower;
	return 0;
}

static int kpsec_parse_prefix(struct kpsec_conf *conf, struct nlattr *attr,
			      bool v6, struct netlink_ext_ack *extack)
{
	const struct kpsec_prefix *up = nla_data(attr);
	struct kpsec_mesh_prefix *p = v6 ? &conf->prefix6 : &conf->prefix4;
	bool *has = v6 ? &conf->has6 : &conf->has4;

	if (up->family != (v6 ? AF_INET6 : AF_INET) || up->reserved) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "prefix has the wrong family or non-zero reserved bits");
		return -EINVAL;
	}
	if (!up->prefixlen) {
		*has = false;
		memset(p, 0, sizeof(*p));
		return 0;
	}
	p->alen = v6 ? 16 : 4;
	p->plen = up->prefixlen;
	memset(p->addr, 0, sizeof(p->addr));
	memcpy(p->addr, up->addr, p->alen);
	switch (kpsec_prefix_validate(p)) {
	case KPSEC_PREFIX_OK:
		*has = true;
		return 0;
	case KPSEC_PREFIX_HOST_BITS:
		NL_SET_ERR_MSG_ATTR(extack, attr, "prefix has host bits set");
		return -EINVAL;
	default:
		if (v6)
			NL_SET_ERR_MSG_ATTR(extack, attr, "IPv6 prefix length must be 64 to 126");
		else
			NL_SET_ERR_MSG_ATTR(extack, attr, "IPv4 prefix length must be 8 to 30");
		return -EINVAL;
	}
}

static int kpsec_prepare_conf(struct kpsec_device *kd, struct kpsec_change *c,
			      struct nlattr **attrs, struct netlink_ext_ack *extack)
{
	struct kpsec_conf next = *rtnl_dereference(kd->conf);
	struct nlattr *id = attrs[KPSEC_A_DEVICE_NODE_ID];
	int ret;

	if (!id && !attrs[KPSEC_A_DEVICE_PREFIX4] && !attrs[KPSEC_A_DEVICE_PREFIX6])
		return 0;
	if (id) {
		next.node_id = nla_get_u32(id);
		if (xa_load(&kd->peers, next.node_id)) {
			NL_SET_ERR_MSG_ATTR(extack, id, "a peer already has this node ID");
			return -EEXIST;
		}
	}
	if (attrs[KPSEC_A_DEVICE_PREFIX4]) {
		ret = kpsec_parse_prefix(&next, attrs[KPSEC_A_DEVICE_PREFIX4], false, extack);
		if (ret)
			return ret;
	}
	if (attrs[KPSEC_A_DEVICE_PREFIX6]) {
		ret = kpsec_parse_prefix(&next, attrs[KPSEC_A_DEVICE_PREFIX6], true, extack);
		if (ret)
			return ret;
	}
	if (next.node_id && next.has4 && !kpsec_prefix_fits(&next.prefix4, next.node_id)) {
		NL_SET_ERR_MSG_ATTR(extack, id ?: attrs[KPSEC_A_DEVICE_PREFIX4],
				    "node ID does not fit in the host part of the IPv4 prefix");
		return -ERANGE;
	}
	if (next.node_id && next.has6 && !kpsec_prefix_fits(&next.prefix6, next.node_id)) {
		NL_SET_ERR_MSG_ATTR(extack, id ?: attrs[KPSEC_A_DEVICE_PREFIX6],
				    "node ID does not fit in the host part of the IPv6 prefix");
		return -ERANGE;
	}
	c->conf = kmemdup(&next, sizeof(next), GFP_KERNEL);
	return c->conf ? 0 : -ENOMEM;
}

static int kpsec_prepare_key(struct kpsec_change *c, struct nlattr *attr,
			     struct netlink_ext_ack *extack)
{
	if (!attr)
		return 0;
	if (kpsec_all_zero(nla_data(attr), KPSEC_KEY_LEN)) {
		c->clear_key = true;
		return 0;
	}
	memcpy(c->private_key, nla_data(attr), KPSEC_KEY_LEN);
	curve25519_clamp_secret(c->private_key);
	if (!curve25519_generate_public(c->public_key, c->private_key)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "invalid private key");
		return -EINVAL;
	}
	c->set_key = true;
	return 0;
}

static int kpsec_prepare_peer(struct kpsec_device *kd, struct kpsec_change *c,
			      struct kpsec_peer_change *pc, u32 own_id,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KPSEC_A_PEER_MAX + 1];
	struct nlattr *key, *endpoint;
	int ret, i;

	ret = nla_parse_nested(tb, KPSEC_A_PEER_MAX, pc->attr, kpsec_peer_policy, extack);
	if (ret)
		return ret;
	if (!tb[KPSEC_A_PEER_NODE_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, pc->attr, "peer without a node ID");
		return -EINVAL;
	}
	pc->node_id = nla_get_u32(tb[KPSEC_A_PEER_NODE_ID]);
	if (pc->node_id == own_id) {
		NL_SET_ERR_MSG_ATTR(extack, pc->attr, "a peer cannot have this node's own ID");
		return -EINVAL;
	}
	for (i = 0; i < pc - c->peers; i++) {
		if (c->peers[i].node_id == pc->node_id) {
			NL_SET_ERR_MSG_ATTR(extack, pc->attr, "peer listed twice");
			return -EINVAL;
		}
	}
	key = tb[KPSEC_A_PEER_STATIC_KEY];
	endpoint = tb[KPSEC_A_PEER_ENDPOINT];
	pc->peer = xa_load(&kd->peers, pc->node_id);
	pc->remove = tb[KPSEC_A_PEER_FLAGS] &&
		     (nla_get_u32(tb[KPSEC_A_PEER_FLAGS]) & KPSEC_PEER_F_REMOVE);
	if (pc->remove) {
		if (key || endpoint) {
			NL_SET_ERR_MSG_ATTR(extack, pc->attr,
					    "a peer being removed takes no key or endpoint");
			return -EINVAL;
		}
		if (!pc->peer) {
			NL_SET_ERR_MSG_ATTR(extack, pc->attr, "no such peer to remove");
			return -ENOENT;
		}
		return 0;
	}
	if (endpoint) {
		if (!is_valid_ether_addr(nla_data(endpoint))) {
			NL_SET_ERR_MSG_ATTR(extack, endpoint,
					    "endpoint must be a unicast MAC address");
			return -EINVAL;
		}
		pc->endpoint = kpsec_mac_to_u64(nla_data(endpoint));
	}
	if (key) {
		if (kpsec_all_zero(nla_data(key), KPSEC_KEY_LEN)) {
			pc->remove_key = true;
		} else {
			pc->new_kp = kpsec_keypair_create(nla_data(key), GFP_KERNEL);
			if (!pc->new_kp)
				return -ENOMEM;
		}
	}
	if (!pc->peer) {
		pc->new_peer = kpsec_peer_alloc(kd, pc->node_id);
		if (!pc->new_peer)
			return -ENOMEM;
		ret = xa_reserve(&kd->peers, pc->node_id, GFP_KERNEL);
		if (ret) {
			kpsec_peer_free_unpublished(pc->new_peer);
			pc->new_peer = NULL;
			return ret;
		}
	}
	return 0;
}

static int kpsec_prepare_peers(struct kpsec_device *kd, struct kpsec_change *c,
			       struct nlattr *peers, u32 own_id,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *attr;
	int rem, ret;

	if (!peers)
		return 0;
	nla_for_each_nested(attr, peers, rem)
		c->npeers++;
	c->peers = kcalloc(c->npeers, sizeof(*c->peers), GFP_KERNEL);
	if (!c->peers && c->npeers) {
		c->npeers = 0;
		return -ENOMEM;
	}
	c->npeers = 0;
	nla_for_each_nested(attr, peers, rem) {
		struct kpsec_peer_change *pc = &c->peers[c->npeers++];

		pc->attr = attr;
		ret = kpsec_prepare_peer(kd, c, pc, own_id, extack);
		if (ret)
			return ret;
	}
	return 0;
}

static int kpsec_prepare(struct kpsec_device *kd, struct kpsec_change *c,
			 struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	u32 own_id;
	int ret;

	c->replace_peers = attrs[KPSEC_A_DEVICE_FLAGS] &&
		(nla_get_u32(attrs[KPSEC_A_DEVICE_FLAGS]) & KPSEC_DEVICE_F_REPLACE_PEERS);
	ret = kpsec_prepare_lower(kd, c, attrs, info->extack);
	if (ret)
		return ret;
	ret = kpsec_prepare_conf(kd, c, attrs, info->extack);
	if (ret)
		return ret;
	ret = kpsec_prepare_key(c, attrs[KPSEC_A_DEVICE_PRIVATE_KEY], info->extack);
	if (ret)
		return ret;
	own_id = (c->conf ?: rtnl_dereference(kd->conf))->node_id;
	return kpsec_prepare_peers(kd, c, attrs[KPSEC_A_DEVICE_PEERS], own_id, info->extack);
}

static bool kpsec_change_names_peer(const struct kpsec_change *c, u32 node_id)
{
	int i;

	for (i = 0; i < c->npeers; i++)
		if (c->peers[i].node_id == node_id)
			return true;
	return false;
}

static void kpsec_commit_peer(struct kpsec_device *kd, struct kpsec_peer_change *pc)
{
	struct kpsec_peer *peer = pc->peer ?: pc->new_peer;
	struct kpsec_keypair *old;

	if (pc->remove) {
		kpsec_peer_remove(peer);
		return;
	}
	if (pc->new_kp || pc->remove_key) {
		old = rtnl_dereference(peer->keypair);
		rcu_assign_pointer(peer->keypair, pc->new_kp);
		pc->new_kp = NULL;
		kpsec_keypair_put_rcu(old);
	}
	if (pc->endpoint)
		WRITE_ONCE(peer->endpoint, pc->endpoint);
	if (pc->new_peer) {
		/* The index is reserved: storing allocates nothing. */
		xa_store(&kd->peers, pc->node_id, pc->new_peer, GFP_KERNEL);
		pc->new_peer = NULL;
	}
}

/* Apply a prepared change.  Nothing here can fail. */
static void kpsec_commit(struct kpsec_device *kd, struct kpsec_change *c)
{
	struct kpsec_peer *peer;
	unsigned long id;
	int i;

	if (c->change_lower) {
		kpsec_unbind_lower(kd);
		if (c->lower)
			kpsec_bind_lower(kd, c->lower);
	}
	if (c->conf) {
		struct kpsec_conf *old = rtnl_dereference(kd->conf);

		rcu_assign_pointer(kd->conf, c->conf);
		c->conf = NULL;
		kfree_rcu(old, rcu);
	}
	if (c->set_key) {
		memcpy(kd->private_key, c->private_key, KPSEC_KEY_LEN);
		memcpy(kd->public_key, c->public_key, KPSEC_KEY_LEN);
		kd->has_private_key = true;
	} else if (c->clear_key) {
		memzero_explicit(kd->private_key, KPSEC_KEY_LEN);
		memset(kd->public_key, 0, KPSEC_KEY_LEN);
		kd->has_private_key = false;
	}
	if (c->replace_peers) {
		xa_for_each(&kd->peers, id, peer)
			if (!kpsec_change_names_peer(c, id))
				kpsec_peer_remove(peer);
	}
	for (i = 0; i < c->npeers; i++)
		kpsec_commit_peer(kd, &c->peers[i]);
}

/* Free whatever a failed or partly consumed change still owns. */
static void kpsec_change_release(struct kpsec_device *kd, struct kpsec_change *c)
{
	int i;

	for (i = 0; i < c->npeers; i++) {
		struct kpsec_peer_change *pc = &c->peers[i];

		kfree_sensitive(pc->new_kp);
		if (pc->new_peer) {
			xa_release(&kd->peers, pc->node_id);
			kpsec_peer_free_unpublished(pc->new_peer);
		}
	}
	kfree(c->peers);
	kfree(c->conf);
	memzero_explicit(c->private_key, sizeof(c->private_key));
}

static int kpsec_set_device_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct kpsec_device *kd = netdev_priv(info->user_ptr[0]);
	struct kpsec_change c = {};
	int ret;

	rtnl_lock();
	ret = kpsec_prepare(kd, &c, info);
	if (!ret) {
		kpsec_commit(kd, &c);
		kpsec_config_generation++;
	}
	kpsec_change_release(kd, &c);
	rtnl_unlock();
	return ret;
}

/* ---- KPSEC_CMD_GET_DEVICE ---- */

enum {
	KPSEC_DUMP_IFINDEX,	/* device being dumped, 0 before the first */
	KPSEC_DUMP_NEXT_PEER,	/* first peer ID not dumped yet */
	KPSEC_DUMP_FILTER,	/* the one device asked for, or 0 for all */
	KPSEC_DUMP_DONE,
	KPSEC_DUMP_ERROR,	/* what start found wrong with the request */
};

static int kpsec_put_stats(struct sk_buff *skb, struct kpsec_device *kd)
{
	struct rtnl_link_stats64 s = {};
	struct nlattr *nest;
	int i;

	dev_get_tstats64(kd->dev, &s);
	nest = nla_nest_start(skb, KPSEC_A_DEVICE_STATS);
	if (!nest ||
	    nla_put_u64_64bit(skb, KPSEC_A_STATS_RX_PACKETS, s.rx_packets, KPSEC_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_STATS_RX_BYTES, s.rx_bytes, KPSEC_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_STATS_TX_PACKETS, s.tx_packets, KPSEC_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_STATS_TX_BYTES, s.tx_bytes, KPSEC_A_STATS_PAD))
		return -EMSGSIZE;
	for (i = KPSEC_A_STATS_RX_AUTH_FAIL; i <= KPSEC_A_STATS_TX_ERRORS; i++)
		if (nla_put_u64_64bit(skb, i, atomic64_read(&kd->drops[i]), KPSEC_A_STATS_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int kpsec_put_peer(struct sk_buff *skb, struct kpsec_peer *peer)
{
	u64 rxp = 0, rxb = 0, txp = 0, txb = 0, endpoint;
	unsigned long last_rx;
	u8 mac[ETH_ALEN];
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct pcpu_sw_netstats *s = per_cpu_ptr(peer->stats, cpu);
		u64 a, b, c, d;
		unsigned int seq;

		do {
			seq = u64_stats_fetch_begin(&s->syncp);
			a = u64_stats_read(&s->rx_packets);
			b = u64_stats_read(&s->rx_bytes);
			c = u64_stats_read(&s->tx_packets);
			d = u64_stats_read(&s->tx_bytes);
		} while (u64_stats_fetch_retry(&s->syncp, seq));
		rxp += a;
		rxb += b;
		txp += c;
		txb += d;
	}
	if (nla_put_u32(skb, KPSEC_A_PEER_NODE_ID, peer->node_id) ||
	    nla_put_u64_64bit(skb, KPSEC_A_PEER_RX_PACKETS, rxp, KPSEC_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_PEER_RX_BYTES, rxb, KPSEC_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_PEER_TX_PACKETS, txp, KPSEC_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_PEER_TX_BYTES, txb, KPSEC_A_PEER_PAD))
		return -EMSGSIZE;
	if (rtnl_dereference(peer->keypair) &&
	    nla_put_flag(skb, KPSEC_A_PEER_HAS_STATIC_KEY))
		return -EMSGSIZE;
	endpoint = READ_ONCE(peer->endpoint);
	if (endpoint) {
		kpsec_u64_to_mac(mac, endpoint);
		if (nla_put(skb, KPSEC_A_PEER_ENDPOINT, ETH_ALEN, mac))
			return -EMSGSIZE;
	}
	last_rx = READ_ONCE(peer->last_rx_jiffies);
	if (last_rx && nla_put_u64_64bit(skb, KPSEC_A_PEER_LAST_RX_MSECS,
					 jiffies_to_msecs(jiffies - last_rx), KPSEC_A_PEER_PAD))
		return -EMSGSIZE;
	return 0;
}

static void kpsec_fill_prefix(struct kpsec_prefix *up, const struct kpsec_mesh_prefix *p,
			      bool v6)
{
	memset(up, 0, sizeof(*up));
	up->family = v6 ? AF_INET6 : AF_INET;
	up->prefixlen = p->plen;
	memcpy(up->addr, p->addr, p->alen);
}

static int kpsec_put_device(struct sk_buff *skb, struct kpsec_device *kd)
{
	const struct kpsec_conf *conf = rtnl_dereference(kd->conf);
	struct net_device *lower = rtnl_dereference(kd->lower);
	struct kpsec_prefix up;

	if (nla_put_u32(skb, KPSEC_A_DEVICE_IFINDEX, kd->dev->ifindex) ||
	    nla_put_string(skb, KPSEC_A_DEVICE_IFNAME, kd->dev->name) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_NODE_ID, conf->node_id))
		return -EMSGSIZE;
	if (lower &&
	    (nla_put_u32(skb, KPSEC_A_DEVICE_LOWER_IFINDEX, lower->ifindex) ||
	     nla_put_string(skb, KPSEC_A_DEVICE_LOWER_IFNAME, lower->name) ||
	     nla_put(skb, KPSEC_A_DEVICE_LOWER_ADDR, ETH_ALEN, lower->dev_addr)))
		return -EMSGSIZE;
	if (conf->has4) {
		kpsec_fill_prefix(&up, &conf->prefix4, false);
		if (nla_put(skb, KPSEC_A_DEVICE_PREFIX4, sizeof(up), &up))
			return -EMSGSIZE;
	}
	if (conf->has6) {
		kpsec_fill_prefix(&up, &conf->prefix6, true);
		if (nla_put(skb, KPSEC_A_DEVICE_PREFIX6, sizeof(up), &up))
			return -EMSGSIZE;
	}
	if (kd->has_private_key &&
	    nla_put(skb, KPSEC_A_DEVICE_PUBLIC_KEY, KPSEC_KEY_LEN, kd->public_key))
		return -EMSGSIZE;
	return kpsec_put_stats(skb, kd);
}

/*
 * One message: the device and as many peers from @next_peer on as fit.
 * Returns 0 when every peer was dumped, 1 when *@next_peer says where to
 * go on, or -EMSGSIZE when not even the device fits.
 */
static int kpsec_dump_one(struct sk_buff *skb, struct netlink_callback *cb,
			  struct kpsec_device *kd, unsigned long *next_peer)
{
	struct kpsec_peer *peer;
	struct nlattr *peers;
	unsigned long id;
	int ret = 0, i = 0;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &kpsec_genl_family, NLM_F_MULTI, KPSEC_CMD_GET_DEVICE);
	if (!hdr)
		goto cancel;
	/* A set between two messages of this dump marks it interrupted. */
	cb->seq = kpsec_config_generation;
	genl_dump_check_consistent(cb, hdr);
	if (kpsec_put_device(skb, kd))
		goto cancel;
	peers = nla_nest_start(skb, KPSEC_A_DEVICE_PEERS);
	if (!peers)
		goto cancel;
	xa_for_each_start(&kd->peers, id, peer, *next_peer) {
		struct nlattr *nest = nla_nest_start(skb, i++);

		if (!nest || kpsec_put_peer(skb, peer)) {
			if (nest)
				nla_nest_cancel(skb, nest);
			*next_peer = id;
			ret = 1;
			break;
		}
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, peers);
	genlmsg_end(skb, hdr);
	return ret;

cancel:
	if (hdr)
		genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/*
 * Remember which device the dump is about.  Errors are reported by the
 * first dumpit call: on 6.1 an extack message set here never reaches
 * userspace, while one set in dumpit does.
 */
static int kpsec_get_device_start(struct netlink_callback *cb)
{
	struct nlattr **attrs = kpsec_dump_attrs(cb);
	struct net_device *dev;

	if (!attrs[KPSEC_A_DEVICE_IFINDEX] && !attrs[KPSEC_A_DEVICE_IFNAME])
		return 0;
	dev = kpsec_get_device(sock_net(cb->skb->sk), attrs, NULL);
	if (IS_ERR(dev)) {
		cb->args[KPSEC_DUMP_ERROR] = PTR_ERR(dev);
		return 0;
	}
	cb->args[KPSEC_DUMP_FILTER] = dev->ifindex;
	dev_put(dev);
	return 0;
}

static int kpsec_get_device_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct kpsec_device *kd;
	unsigned long next_peer;
	struct net_device *dev;
	long *args = cb->args;
	int next, ret = 0;

	switch (args[KPSEC_DUMP_ERROR]) {
	case 0:
		break;
	case -ENODEV:
		NL_SET_ERR_MSG(cb->extack, "no such device");
		return -ENODEV;
	case -EOPNOTSUPP:
		NL_SET_ERR_MSG(cb->extack, "not a kpsec device");
		return -EOPNOTSUPP;
	default:
		NL_SET_ERR_MSG(cb->extack,
			       "name the kpsec device by exactly one of ifindex and ifname");
		return args[KPSEC_DUMP_ERROR];
	}
	rtnl_lock();
	while (!args[KPSEC_DUMP_DONE]) {
		if (!args[KPSEC_DUMP_IFINDEX]) {
			args[KPSEC_DUMP_IFINDEX] = args[KPSEC_DUMP_FILTER] ?:
						   kpsec_next_ifindex(net, 0);
			if (!args[KPSEC_DUMP_IFINDEX]) {
				args[KPSEC_DUMP_DONE] = 1;
				break;
			}
		}
		dev = __dev_get_by_index(net, args[KPSEC_DUMP_IFINDEX]);
		kd = dev ? kpsec_device_of(dev) : NULL;
		if (kd) {
			next_peer = args[KPSEC_DUMP_NEXT_PEER];
			ret = kpsec_dump_one(skb, cb, kd, &next_peer);
			if (ret < 0)
				break;
			if (ret > 0) {
				args[KPSEC_DUMP_NEXT_PEER] = next_peer;
				break;
			}
		}
		/* This device is done, or gone: on to the next one. */
		args[KPSEC_DUMP_NEXT_PEER] = 0;
		next = args[KPSEC_DUMP_FILTER] ? 0 :
		       kpsec_next_ifindex(net, args[KPSEC_DUMP_IFINDEX]);
		if (next)
			args[KPSEC_DUMP_IFINDEX] = next;
		else
			args[KPSEC_DUMP_DONE] = 1;
		if (kd)
			break;	/* one device per message */
	}
	rtnl_unlock();
	/* Not even one device fits in an empty message: nothing can progress. */
	if (ret < 0 && !skb->len)
		return ret;
	return skb->len;
}

static const struct genl_ops kpsec_genl_ops[] = {
	{
		.cmd = KPSEC_CMD_GET_DEVICE,
		.start = kpsec_get_device_start,
		.dumpit = kpsec_get_device_dumpit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_SET_DEVICE,
		.doit = kpsec_set_device_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family kpsec_genl_family __ro_after_init = {
	.ops = kpsec_genl_ops,
	.n_ops = ARRAY_SIZE(kpsec_genl_ops),
	.name = KPSEC_GENL_NAME,
	.version = KPSEC_GENL_VERSION,
	.maxattr = KPSEC_A_DEVICE_MAX,
	.policy = kpsec_device_policy,
	.pre_doit = kpsec_pre_doit,
	.post_doit = kpsec_post_doit,
	.module = THIS_MODULE,
	.netnsok = true,
};

int __init kpsec_genl_init(void)
{
	return genl_register_family(&kpsec_genl_family);
}

void kpsec_genl_uninit(void)
{
	genl_unregister_family(&kpsec_genl_family);
}
