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


/* Not const: NLA_POLICY_FULL_RANGE() takes a plain pointer on 6.1. */
static struct netlink_range_validation kpsec_node_range = {
	.min = 1,
	.max = 0xfffffffe,
};

static struct netlink_range_validation kpsec_hello_range = {
	.min = KPSEC_HELLO_INTERVAL_MIN,
	.max = KPSEC_HELLO_INTERVAL_MAX,
};

static struct netlink_range_validation kpsec_neigh_timeout_range = {
	.min = 2 * KPSEC_HELLO_INTERVAL_MIN,
	.max = KPSEC_NEIGH_TIMEOUT_MAX,
};

static struct netlink_range_validation kpsec_lsa_range = {
	.min = KPSEC_LSA_INTERVAL_MIN,
	.max = KPSEC_LSA_INTERVAL_MAX,
};

static struct netlink_range_validation kpsec_rho_range = {
	.min = 1,
	.max = KPSEC_KX_RHO_MAX,
};

static struct netlink_range_validation kpsec_kx_timeout_range = {
	.min = KPSEC_KX_TIMEOUT_MIN,
	.max = KPSEC_KX_TIMEOUT_MAX,
};

static struct netlink_range_validation kpsec_retries_range = {
	.min = 0,
	.max = KPSEC_KX_RETRIES_MAX,
};

static struct netlink_range_validation kpsec_rekey_time_range = {
	.min = KPSEC_REKEY_AFTER_TIME_MIN,
	.max = KPSEC_REKEY_AFTER_TIME_MAX,
};

static struct netlink_range_validation kpsec_rekey_msgs_range = {
	.min = KPSEC_REKEY_AFTER_MESSAGES_MIN,
	.max = KPSEC_REKEY_AFTER_MESSAGES_MAX,
};

#define KPSEC_READ_ONLY { .type = NLA_REJECT, .reject_message = "read-only attribute" }

static const struct nla_policy kpsec_ring_policy[KPSEC_A_RING_MAX + 1] = {
	[KPSEC_A_RING_NODE_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_node_range),
	[KPSEC_A_RING_PUBLIC_KEY] = NLA_POLICY_EXACT_LEN(KPSEC_KEY_LEN),
	[KPSEC_A_RING_FLAGS] = NLA_POLICY_MASK(NLA_U32, __KPSEC_RING_F_ALL),
};

const struct nla_policy kpsec_qkd_key_policy[KPSEC_A_QKD_MAX + 1] = {
	[KPSEC_A_QKD_KEY_ID] = NLA_POLICY_EXACT_LEN(KPSEC_QKD_KEY_ID_LEN),
	[KPSEC_A_QKD_KEY] = NLA_POLICY_RANGE(NLA_BINARY, KPSEC_QKD_KEY_MIN, KPSEC_QKD_KEY_MAX),
};

static struct netlink_range_validation kpsec_qkd_age_range = {
	.min = KPSEC_QKD_MAX_AGE_MIN,
	.max = KPSEC_QKD_MAX_AGE_MAX,
};

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
	[KPSEC_A_DEVICE_HELLO_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_hello_range),
	[KPSEC_A_DEVICE_NEIGH_TIMEOUT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_neigh_timeout_range),
	[KPSEC_A_DEVICE_LSA_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_lsa_range),
	[KPSEC_A_DEVICE_NEIGHBORS] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_ROUTES] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_TOPOLOGY] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_PATH_DST] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_node_range),
	[KPSEC_A_DEVICE_PATH] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_KEYRING] = NLA_POLICY_NESTED_ARRAY(kpsec_ring_policy),
	[KPSEC_A_DEVICE_KEYRING_SIZE] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_KEYPATHS] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_SESSIONS] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_EVENT] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_KX_RHO] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_rho_range),
	[KPSEC_A_DEVICE_KX_THETA] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_rho_range),
	[KPSEC_A_DEVICE_KX_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_kx_timeout_range),
	[KPSEC_A_DEVICE_KX_RETRIES] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_retries_range),
	[KPSEC_A_DEVICE_REKEY_AFTER_TIME] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_rekey_time_range),
	[KPSEC_A_DEVICE_REKEY_AFTER_MESSAGES] =
		NLA_POLICY_FULL_RANGE(NLA_U64, &kpsec_rekey_msgs_range),
	[KPSEC_A_DEVICE_TEST_FLAGS] = NLA_POLICY_MASK(NLA_U32, __KPSEC_TEST_F_ALL),
	[KPSEC_A_DEVICE_PAD] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_QKD_MODE] = NLA_POLICY_MAX(NLA_U32, __KPSEC_QKD_MODE_MAX - 1),
	[KPSEC_A_DEVICE_QKD_ON_EMPTY] = NLA_POLICY_MAX(NLA_U32, __KPSEC_QKD_ON_EMPTY_MAX - 1),
	[KPSEC_A_DEVICE_QKD_MAX_AGE] = NLA_POLICY_FULL_RANGE(NLA_U32, &kpsec_qkd_age_range),
	[KPSEC_A_DEVICE_QKD_LOW_WATERMARK] = NLA_POLICY_MAX(NLA_U32, KPSEC_QKD_STORE_MAX),
	[KPSEC_A_DEVICE_QKD_KEYS] = NLA_POLICY_NESTED_ARRAY(kpsec_qkd_key_policy),
	[KPSEC_A_DEVICE_QKD_STORES] = KPSEC_READ_ONLY,
	/* Nests checked entry by entry in symring.c, which names the bad one. */
	[KPSEC_A_DEVICE_SYMRING] = { .type = NLA_NESTED },
	[KPSEC_A_DEVICE_SYMRING_SIZE] = KPSEC_READ_ONLY,
	[KPSEC_A_DEVICE_SYMRING_Q] = NLA_POLICY_RANGE(NLA_U32, 1, KPSEC_SYMRING_Q_MAX),
};

/* The kpsec device named by IFINDEX or IFNAME, with a reference held. */
struct net_device *kpsec_get_device(struct net *net, struct nlattr **attrs,
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
 * @hello_ms: new HELLO interval, 0 for no change
 * @neigh_timeout_ms: new neighbour timeout, 0 for no change
 * @lsa_ms: new LSA interval, 0 for no change
 * @ring: the new key ring, or NULL for no change
 * @symring: the new symmetric ring, or NULL for no change
 * @set_params: install @params
 * @params: new key exchange parameters
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
	u32 hello_ms, neigh_timeout_ms, lsa_ms;
	struct kpsec_ring *ring;
	struct kpsec_symring *symring;
	bool set_params;
	struct kpsec_kx_params params;
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

static int kpsec_prepare_timers(struct kpsec_device *kd, struct kpsec_change *c,
				struct nlattr **attrs, struct netlink_ext_ack *extack)
{
	struct nlattr *timeout = attrs[KPSEC_A_DEVICE_NEIGH_TIMEOUT];
	u32 hello = READ_ONCE(kd->mesh.hello_interval_ms);
	u32 neigh = READ_ONCE(kd->mesh.neigh_timeout_ms);

	if (attrs[KPSEC_A_DEVICE_HELLO_INTERVAL])
		hello = c->hello_ms = nla_get_u32(attrs[KPSEC_A_DEVICE_HELLO_INTERVAL]);
	if (timeout)
		neigh = c->neigh_timeout_ms = nla_get_u32(timeout);
	if (attrs[KPSEC_A_DEVICE_LSA_INTERVAL])
		c->lsa_ms = nla_get_u32(attrs[KPSEC_A_DEVICE_LSA_INTERVAL]);
	if (neigh < 2 * hello) {
		NL_SET_ERR_MSG_ATTR(extack, timeout ?: attrs[KPSEC_A_DEVICE_HELLO_INTERVAL],
				    "the neighbour timeout must be at least two HELLO intervals");
		return -EINVAL;
	}
	return 0;
}

/* Start from the current ring (or none), apply the request's entries. */
static int kpsec_prepare_ring(struct kpsec_device *kd, struct kpsec_change *c,
			      struct nlattr **attrs, u32 own_id, bool replace,
			      struct netlink_ext_ack *extack)
{
	const struct kpsec_ring *cur = rcu_dereference_protected(kd->ring, lockdep_rtnl_is_held());
	struct nlattr *list = attrs[KPSEC_A_DEVICE_KEYRING], *nest;
	struct nlattr *tb[KPSEC_A_RING_MAX + 1];
	u32 i, n_seen = 0, *seen = NULL;
	struct kpsec_ring *r;
	int rem, ret;

	if (!list && !replace) {
		/* A new node ID must not be one the kept ring holds a key of. */
		if (own_id && kpsec_ring_find(cur, own_id)) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[KPSEC_A_DEVICE_NODE_ID],
					    "the key ring holds a key of this node ID");
			return -EINVAL;
		}
		return 0;
	}
	r = kpsec_ring_alloc(KPSEC_KEYRING_MAX, GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	c->ring = r;
	r->n = 0;
	if (!replace && cur) {
		memcpy(r->e, cur->e, cur->n * sizeof(r->e[0]));
		r->n = cur->n;
	}
	ret = 0;
	if (list) {
		nla_for_each_nested(nest, list, rem)
			n_seen++;
		seen = kmalloc_array(n_seen, sizeof(*seen), GFP_KERNEL);
		if (!seen)
			return -ENOMEM;
		n_seen = 0;
	}
	kpsec_for_each_entry(nest, list, rem) {
		bool remove;
		u32 node;

		ret = nla_parse_nested(tb, KPSEC_A_RING_MAX, nest, kpsec_ring_policy, extack);
		if (ret)
			goto out;
		ret = -EINVAL;
		if (!tb[KPSEC_A_RING_NODE_ID]) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "a key ring entry needs a node ID");
			goto out;
		}
		node = nla_get_u32(tb[KPSEC_A_RING_NODE_ID]);
		for (i = 0; i < n_seen; i++)
			if (seen[i] == node)
				break;
		if (i < n_seen) {
			NL_SET_ERR_MSG_ATTR(extack, tb[KPSEC_A_RING_NODE_ID],
					    "node ID named twice in the key ring");
			goto out;
		}
		seen[n_seen++] = node;
		remove = tb[KPSEC_A_RING_FLAGS] &&
			 (nla_get_u32(tb[KPSEC_A_RING_FLAGS]) & KPSEC_RING_F_REMOVE);
		for (i = 0; i < r->n; i++)
			if (r->e[i].node == node)
				break;
		if (remove) {
			if (i < r->n)
				r->e[i] = r->e[--r->n];
			continue;
		}
		if (node == own_id) {
			NL_SET_ERR_MSG_ATTR(extack, tb[KPSEC_A_RING_NODE_ID],
					    "the key ring cannot hold this node's own ID");
			goto out;
		}
		if (!tb[KPSEC_A_RING_PUBLIC_KEY]) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "a key ring entry needs a public key");
			goto out;
		}
		if (kpsec_all_zero(nla_data(tb[KPSEC_A_RING_PUBLIC_KEY]), KPSEC_KEY_LEN)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[KPSEC_A_RING_PUBLIC_KEY],
					    "a public key of all zeros is not a key");
			goto out;
		}
		if (i == r->n) {
			if (r->n >= KPSEC_KEYRING_MAX) {
				NL_SET_ERR_MSG_ATTR(extack, nest, "the key ring is full");
				ret = -ENOSPC;
				goto out;
			}
			r->n++;
		}
		r->e[i].node = node;
		memcpy(r->e[i].pub, nla_data(tb[KPSEC_A_RING_PUBLIC_KEY]), KPSEC_KEY_LEN);
	}
	kpsec_ring_sort(r);
	ret = -EINVAL;
	if (own_id && kpsec_ring_find(r, own_id)) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[KPSEC_A_DEVICE_NODE_ID],
				    "the key ring holds a key of this node ID");
		goto out;
	}
	ret = 0;
out:
	kfree(seen);
	return ret;
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
	ret = kpsec_prepare_timers(kd, c, attrs, info->extack);
	if (ret)
		return ret;
	ret = kpsec_prepare_params(kd, &c->params, &c->set_params, attrs, info->extack);
	if (ret)
		return ret;
	own_id = (c->conf ?: rtnl_dereference(kd->conf))->node_id;
	ret = kpsec_prepare_ring(kd, c, attrs, own_id,
				 attrs[KPSEC_A_DEVICE_FLAGS] &&
				 (nla_get_u32(attrs[KPSEC_A_DEVICE_FLAGS]) &
				  KPSEC_DEVICE_F_REPLACE_KEYRING), info->extack);
	if (ret)
		return ret;
	ret = kpsec_symring_prepare(kd, attrs[KPSEC_A_DEVICE_SYMRING],
				    attrs[KPSEC_A_DEVICE_FLAGS] &&
				    (nla_get_u32(attrs[KPSEC_A_DEVICE_FLAGS]) &
				     KPSEC_DEVICE_F_REPLACE_SYMRING), &c->symring, info->extack);
	if (ret)
		return ret;
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
	bool reset_mesh = false, reset_kx;
	struct kpsec_peer *peer;
	unsigned long id;
	int i;

	/* Sessions of our old identity, or of another QKD mode, must not go on. */
	reset_kx = c->set_key || c->clear_key ||
		   (c->conf && c->conf->node_id != rtnl_dereference(kd->conf)->node_id) ||
		   (c->set_params && c->params.qkd_mode != kd->kx.params.qkd_mode);
	if (c->change_lower) {
		kpsec_unbind_lower(kd);
		if (c->lower)
			kpsec_bind_lower(kd, c->lower);
		reset_mesh = true;
	}
	if (c->conf) {
		struct kpsec_conf *old = rtnl_dereference(kd->conf);

		reset_mesh |= old->node_id != c->conf->node_id;
		rcu_assign_pointer(kd->conf, c->conf);
		c->conf = NULL;
		kfree_rcu(old, rcu);
	}
	if (c->hello_ms)
		WRITE_ONCE(kd->mesh.hello_interval_ms, c->hello_ms);
	if (c->neigh_timeout_ms)
		WRITE_ONCE(kd->mesh.neigh_timeout_ms, c->neigh_timeout_ms);
	if (c->lsa_ms)
		WRITE_ONCE(kd->mesh.lsa_interval_ms, c->lsa_ms);
	/* What we knew of the mesh was learnt on another link or ID. */
	if (reset_mesh)
		kpsec_mesh_reset(kd);
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
	if (c->set_params) {
		/* A new watermark re-arms the low event of every store. */
		if (c->params.qkd_low != kd->kx.params.qkd_low)
			xa_for_each(&kd->peers, id, peer)
				peer->qkd.low_sent = false;
		kd->kx.params = c->params;
	}
	if (c->symring)
		kpsec_symring_free(rcu_replace_pointer(kd->symring, c->symring,
						       lockdep_rtnl_is_held()));
	if (c->ring)
		kpsec_ring_free(rcu_replace_pointer(kd->ring, c->ring, lockdep_rtnl_is_held()));
	if (c->ring || c->symring) {
		c->ring = NULL;
		c->symring = NULL;
		/* Advertise what we hold now. */
		spin_lock_bh(&kd->mesh.lock);
		kpsec_topo_changed_locked(kd);
		spin_unlock_bh(&kd->mesh.lock);
	}
	if (reset_kx)
		kpsec_kx_reset_locked(kd);
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
	kfree(c->ring);
	kpsec_symring_free_now(c->symring);
	memzero_explicit(c->private_key, sizeof(c->private_key));
}

static int kpsec_set_device_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct kpsec_device *kd = netdev_priv(info->user_ptr[0]);
	struct kpsec_change c = {};
	int ret;

	rtnl_lock();
	mutex_lock(&kd->kx.lock);
	ret = kpsec_prepare(kd, &c, info);
	if (!ret) {
		kpsec_commit(kd, &c);
		kpsec_config_generation++;
	}
	kpsec_change_release(kd, &c);
	mutex_unlock(&kd->kx.lock);
	rtnl_unlock();
	return ret;
}

static const struct genl_ops kpsec_genl_ops[] = {
	{
		.cmd = KPSEC_CMD_GET_DEVICE,
		.start = kpsec_dump_start,
		.dumpit = kpsec_get_device_dumpit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_SET_DEVICE,
		.doit = kpsec_set_device_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_GET_NEIGHBORS,
		.start = kpsec_dump_start,
		.dumpit = kpsec_get_neighbors_dumpit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_GET_ROUTES,
		.start = kpsec_dump_start,
		.dumpit = kpsec_get_routes_dumpit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_GET_TOPOLOGY,
		.start = kpsec_dump_start,
		.dumpit = kpsec_get_topology_dumpit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_GET_PATH,
		.doit = kpsec_get_path_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_GET_KEYRING,
		.start = kpsec_dump_start,
		.dumpit = kpsec_get_keyring_dumpit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_GET_KEYPATHS,
		.doit = kpsec_get_keypaths_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_GET_SESSIONS,
		.start = kpsec_dump_start,
		.dumpit = kpsec_get_sessions_dumpit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_CONNECT,
		.doit = kpsec_connect_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_QKD_ADD_KEYS,
		.doit = kpsec_qkd_add_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_QKD_DEL_KEYS,
		.doit = kpsec_qkd_del_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KPSEC_CMD_GET_QKD,
		.start = kpsec_dump_start,
		.dumpit = kpsec_get_qkd_dumpit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group kpsec_mcgrps[] = {
	{ .name = KPSEC_MCGRP_EVENTS, .flags = GENL_UNS_ADMIN_PERM },
};

struct genl_family kpsec_genl_family __ro_after_init = {
	.ops = kpsec_genl_ops,
	.n_ops = ARRAY_SIZE(kpsec_genl_ops),
	.name = KPSEC_GENL_NAME,
	.version = KPSEC_GENL_VERSION,
	.maxattr = KPSEC_A_DEVICE_MAX,
	.policy = kpsec_device_policy,
	.pre_doit = kpsec_pre_doit,
	.post_doit = kpsec_post_doit,
	.mcgrps = kpsec_mcgrps,
	.n_mcgrps = ARRAY_SIZE(kpsec_mcgrps),
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
