// SPDX-License-Identifier: GPL-2.0
/*
 * The kpsec net_device: an L3 device (no link-layer header, no ARP) whose
 * packets travel sealed over one bound lower Ethernet-like device.
 */
#include <linux/if_arp.h>
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/rtnetlink.h>
#include <net/ip.h>
#include "compat.h"
#include "device.h"
#include "peer.h"

/* All kpsec devices of all namespaces; RTNL. */
static LIST_HEAD(kpsec_devices);

/* Bumped by every configuration change, for dump consistency; RTNL. */
unsigned int kpsec_config_generation;

struct kpsec_device *kpsec_device_of(struct net_device *dev)
{
	return dev->rtnl_link_ops == &kpsec_link_ops ? netdev_priv(dev) : NULL;
}

int kpsec_next_ifindex(struct net *net, int after)
{
	struct kpsec_device *kd;
	int next = 0;

	ASSERT_RTNL();
	list_for_each_entry(kd, &kpsec_devices, list) {
		int i = kd->dev->ifindex;

		if (net_eq(dev_net(kd->dev), net) && i > after && (!next || i < next))
			next = i;
	}
	return next;
}

const char *kpsec_lower_unusable(struct kpsec_device *kd, struct net_device *lower)
{
	struct kpsec_device *other;

	ASSERT_RTNL();
	if (lower == kd->dev || kpsec_device_of(lower))
		return "lower device cannot be a kpsec device";
	if (lower->type != ARPHRD_ETHER || lower->addr_len != ETH_ALEN ||
	    (lower->flags & IFF_LOOPBACK))
		return "lower device is not an Ethernet-like device";
	if (lower->mtu < KPSEC_MIN_LOWER_MTU)
		return "lower device MTU too small: kpsec needs at least 1320";
	list_for_each_entry(other, &kpsec_devices, list)
		if (other != kd && rtnl_dereference(other->lower) == lower)
			return "lower device is already bound to another kpsec device";
	return NULL;
}

static void kpsec_update_mtu(struct kpsec_device *kd, struct net_device *lower)
{
	struct net_device *dev = kd->dev;

	dev->max_mtu = lower->mtu - KPSEC_DATA_OVERHEAD;
	dev->needed_headroom = KPSEC_HDR_LEN + LL_RESERVED_SPACE(lower);
	dev->needed_tailroom = KPSEC_TAG_LEN + lower->needed_tailroom;
	if (dev->mtu != dev->max_mtu)
		dev_set_mtu(dev, dev->max_mtu);
}

void kpsec_bind_lower(struct kpsec_device *kd, struct net_device *lower)
{
	ASSERT_RTNL();
	netdev_hold(lower, &kd->lower_tracker, GFP_KERNEL);
	kd->pt.type = htons(KPSEC_ETHERTYPE);
	kd->pt.dev = lower;
	kd->pt.func = kpsec_receive;
	rcu_assign_pointer(kd->lower, lower);
	dev_add_pack(&kd->pt);
	kpsec_update_mtu(kd, lower);
	netif_carrier_on(kd->dev);
}

void kpsec_unbind_lower(struct kpsec_device *kd)
{
	struct net_device *lower = rtnl_dereference(kd->lower);

	if (!lower)
		return;
	netif_carrier_off(kd->dev);
	/* dev_remove_pack() waits for receivers still inside kpsec_receive(). */
	dev_remove_pack(&kd->pt);
	RCU_INIT_POINTER(kd->lower, NULL);
	synchronize_net();	/* and for senders still using @lower */
	netdev_put(lower, &kd->lower_tracker);
	/* Neighbours and link state were about that link. */
	kpsec_mesh_reset(kd);
}

static int kpsec_open(struct net_device *dev)
{
	return 0;
}

static int kpsec_stop(struct net_device *dev)
{
	return 0;
}

static int kpsec_dev_init(struct net_device *dev)
{
	struct kpsec_device *kd = netdev_priv(dev);
	struct kpsec_conf *conf;
	int ret;

	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	ret = gro_cells_init(&kd->gro_cells, dev);
	if (ret)
		goto err_free_tstats;
	conf = kzalloc(sizeof(*conf), GFP_KERNEL);
	if (!conf) {
		ret = -ENOMEM;
		goto err_gro;
	}
	RCU_INIT_POINTER(kd->conf, conf);
	kpsec_mesh_init(kd);
	kpsec_kx_init(kd);
	return 0;

err_gro:
	gro_cells_destroy(&kd->gro_cells);
err_free_tstats:
	free_percpu(dev->tstats);
	dev->tstats = NULL;
	return ret;
}

/* Runs on unregister, under RTNL: drop everything that references others. */
static void kpsec_dev_uninit(struct net_device *dev)
{
	struct kpsec_device *kd = netdev_priv(dev);

	list_del_init(&kd->list);
	kpsec_config_generation++;
	kpsec_unbind_lower(kd);
	kpsec_mesh_stop(kd);
	kpsec_kx_stop(kd);
	mutex_lock(&kd->kx.lock);
	kpsec_peer_remove_all(kd);
	kpsec_ring_free(rcu_replace_pointer(kd->ring, NULL, true));
	kpsec_symring_free(rcu_replace_pointer(kd->symring, NULL, true));
	mutex_unlock(&kd->kx.lock);
	gro_cells_destroy(&kd->gro_cells);
	memzero_explicit(kd->private_key, sizeof(kd->private_key));
}

/* Runs after the last reference is gone. */
static void kpsec_dev_destruct(struct net_device *dev)
{
	struct kpsec_device *kd = netdev_priv(dev);

	xa_destroy(&kd->peers);
	kfree(rcu_dereference_protected(kd->conf, true));
	free_percpu(dev->tstats);
}

static const struct net_device_ops kpsec_netdev_ops = {
	.ndo_init = kpsec_dev_init,
	.ndo_uninit = kpsec_dev_uninit,
	.ndo_open = kpsec_open,
	.ndo_stop = kpsec_stop,
	.ndo_start_xmit = kpsec_xmit,
	.ndo_get_stats64 = dev_get_tstats64,
};

static void kpsec_setup(struct net_device *dev)
{
	struct kpsec_device *kd = netdev_priv(dev);

	dev->netdev_ops = &kpsec_netdev_ops;
	dev->header_ops = NULL;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	kpsec_set_lltx(dev);
	dev->mtu = ETH_DATA_LEN - KPSEC_DATA_OVERHEAD;
	dev->min_mtu = IPV4_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU - KPSEC_DATA_OVERHEAD;
	dev->needs_free_netdev = true;
	dev->priv_destructor = kpsec_dev_destruct;

	kd->dev = dev;
	INIT_LIST_HEAD(&kd->list);
	xa_init(&kd->peers);
}

static int kpsec_newlink(struct net *src_net, struct net_device *dev,
			 struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	struct kpsec_device *kd = netdev_priv(dev);
	int ret;

	ret = register_netdevice(dev);
	if (ret)
		return ret;
	list_add(&kd->list, &kpsec_devices);
	kpsec_config_generation++;
	netif_carrier_off(dev);
	kpsec_mesh_start(kd);
	kpsec_kx_start(kd);
	return 0;
}

struct rtnl_link_ops kpsec_link_ops __read_mostly = {
	.kind = KPSEC_GENL_NAME,
	.priv_size = sizeof(struct kpsec_device),
	.setup = kpsec_setup,
	.newlink = kpsec_newlink,
};

static int kpsec_netdev_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct kpsec_device *kd, *self = kpsec_device_of(dev);

	ASSERT_RTNL();
	/* Our own device leaving its namespace: its lower stays behind. */
	if (self && event == NETDEV_UNREGISTER && dev->reg_state == NETREG_REGISTERED) {
		kpsec_unbind_lower(self);
		return NOTIFY_DONE;
	}
	list_for_each_entry(kd, &kpsec_devices, list) {
		if (rtnl_dereference(kd->lower) != dev)
			continue;
		switch (event) {
		case NETDEV_UNREGISTER:
			netdev_info(kd->dev, "lower device %s went away, unbound\n", dev->name);
			kpsec_unbind_lower(kd);
			break;
		case NETDEV_CHANGEMTU:
			/*
			 * PRECHANGEMTU does not say the new MTU; refusing the
			 * change here makes the core put the old one back.
			 */
			if (dev->mtu < KPSEC_MIN_LOWER_MTU) {
				netdev_warn(kd->dev,
					    "refusing MTU %u on lower device %s: kpsec needs at least %u\n",
					    dev->mtu, dev->name, KPSEC_MIN_LOWER_MTU);
				return notifier_from_errno(-ERANGE);
			}
			kpsec_update_mtu(kd, dev);
			break;
		}
	}
	return NOTIFY_DONE;
}

static struct notifier_block kpsec_notifier = {
	.notifier_call = kpsec_netdev_event,
};

int kpsec_device_init(void)
{
	int ret;

	ret = register_netdevice_notifier(&kpsec_notifier);
	if (ret)
		return ret;
	ret = rtnl_link_register(&kpsec_link_ops);
	if (ret)
		unregister_netdevice_notifier(&kpsec_notifier);
	return ret;
}

void kpsec_device_uninit(void)
{
	rtnl_link_unregister(&kpsec_link_ops);
	unregister_netdevice_notifier(&kpsec_notifier);
}
