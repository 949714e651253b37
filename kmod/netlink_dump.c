// SPDX-License-Identifier: GPL-2.0
/*
 * Dumps of the "kpsec" family: the walk over the devices shared by every
 * dump command, and KPSEC_CMD_GET_DEVICE.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/sock.h>
#include "compat.h"
#include "device.h"
#include "peer.h"
#include "netlink.h"

enum {
	KPSEC_DUMP_IFINDEX,	/* device being dumped, 0 before the first */
	KPSEC_DUMP_CURSOR,	/* where in the device the next message goes on */
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
	for (i = KPSEC_A_STATS_RX_AUTH_FAIL; i < __KPSEC_A_STATS_LAST; i++) {
		if (i == KPSEC_A_STATS_PAD)
			continue;
		if (nla_put_u64_64bit(skb, i, atomic64_read(&kd->counters[i]),
				      KPSEC_A_STATS_PAD))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int kpsec_put_peer(struct sk_buff *skb, struct kpsec_peer *peer)
{
	struct kpsec_peer_totals t;
	unsigned long last_rx;
	u8 mac[ETH_ALEN];
	u64 endpoint;

	kpsec_peer_stats_sum(peer, &t);
	if (nla_put_u32(skb, KPSEC_A_PEER_NODE_ID, peer->node_id) ||
	    nla_put_u64_64bit(skb, KPSEC_A_PEER_RX_PACKETS, t.rx_packets, KPSEC_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_PEER_RX_BYTES, t.rx_bytes, KPSEC_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_PEER_TX_PACKETS, t.tx_packets, KPSEC_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, KPSEC_A_PEER_TX_BYTES, t.tx_bytes, KPSEC_A_PEER_PAD))
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

	if (nla_put_u32(skb, KPSEC_A_DEVICE_NODE_ID, conf->node_id) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_HELLO_INTERVAL,
			READ_ONCE(kd->mesh.hello_interval_ms)) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_NEIGH_TIMEOUT,
			READ_ONCE(kd->mesh.neigh_timeout_ms)) ||
	    nla_put_u32(skb, KPSEC_A_DEVICE_LSA_INTERVAL,
			READ_ONCE(kd->mesh.lsa_interval_ms)))
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
	if (kpsec_put_kx_params(skb, kd))
		return -EMSGSIZE;
	return kpsec_put_stats(skb, kd);
}

/* KPSEC_CMD_GET_DEVICE: the device, then its peers from *@cursor (a node ID) on. */
static int kpsec_fill_device(struct sk_buff *skb, struct kpsec_device *kd,
			     unsigned long *cursor,
			       struct netlink_callback *cb)
{
	unsigned long id, start = *cursor;
	struct kpsec_peer *peer;
	struct nlattr *peers;
	int ret = 0, i = 0;

	if (kpsec_put_device(skb, kd))
		return -EMSGSIZE;
	peers = nla_nest_start(skb, KPSEC_A_DEVICE_PEERS);
	if (!peers)
		return -EMSGSIZE;
	xa_for_each_start(&kd->peers, id, peer, start) {
		struct nlattr *nest = nla_nest_start(skb, i++);

		if (!nest || kpsec_put_peer(skb, peer)) {
			if (nest)
				nla_nest_cancel(skb, nest);
			/* A message that goes on must hold at least one peer. */
			if (start && i == 1)
				return -EMSGSIZE;
			*cursor = id;
			ret = 1;
			break;
		}
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, peers);
	return ret;
}

/* One message of one device; returns what @fill returned. */
static int kpsec_dump_one(struct sk_buff *skb, struct netlink_callback *cb,
			  struct kpsec_device *kd, u8 cmd, kpsec_fill_t fill,
			  unsigned long *cursor)
{
	unsigned long start = *cursor;
	void *hdr;
	int ret;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &kpsec_genl_family, NLM_F_MULTI, cmd);
	if (!hdr)
		return -EMSGSIZE;
	/*
	 * A change between two messages of one device marks the dump
	 * interrupted; a new device starts afresh.
	 */
	if (!start)
		cb->prev_seq = 0;
	cb->seq = kpsec_config_generation + READ_ONCE(kd->mesh.generation);
	genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, KPSEC_A_DEVICE_IFINDEX, kd->dev->ifindex) ||
	    nla_put_string(skb, KPSEC_A_DEVICE_IFNAME, kd->dev->name))
		goto cancel;
	ret = fill(skb, kd, cursor, cb);
	if (ret < 0)
		goto cancel;
	genlmsg_end(skb, hdr);
	return ret;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/*
 * Remember which device the dump is about.  Errors are reported by the
 * first dumpit call: on 6.1 an extack message set here never reaches
 * userspace, while one set in dumpit does.
 */
int kpsec_dump_start(struct netlink_callback *cb)
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

int kpsec_dump_devices(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
		       kpsec_fill_t fill)
{
	struct net *net = sock_net(skb->sk);
	struct kpsec_device *kd;
	struct net_device *dev;
	unsigned long cursor;
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
			cursor = args[KPSEC_DUMP_CURSOR];
			ret = kpsec_dump_one(skb, cb, kd, cmd, fill, &cursor);
			if (ret < 0)
				break;
			if (ret > 0) {
				args[KPSEC_DUMP_CURSOR] = cursor;
				break;
			}
		}
		/* This device is done, or gone: on to the next one. */
		args[KPSEC_DUMP_CURSOR] = 0;
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

int kpsec_get_device_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return kpsec_dump_devices(skb, cb, KPSEC_CMD_GET_DEVICE, kpsec_fill_device);
}
