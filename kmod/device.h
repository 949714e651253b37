/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KPSEC_DEVICE_H
#define _KPSEC_DEVICE_H

#include <linux/netdevice.h>
#include <linux/xarray.h>
#include <net/gro_cells.h>
#include "uapi/kpsec.h"
#include "../lib/addr.h"
#include "mesh.h"
#include "kx.h"

/**
 * struct kpsec_conf - addressing of a device, replaced as a whole (RCU)
 * @node_id: this node's ID, 0 when not set
 * @has4: @prefix4 is set
 * @has6: @prefix6 is set
 * @prefix4: IPv4 mesh prefix
 * @prefix6: IPv6 mesh prefix
 * @rcu: frees the old configuration after readers are done
 */
struct kpsec_conf {
	u32 node_id;
	bool has4, has6;
	struct kpsec_mesh_prefix prefix4, prefix6;
	struct rcu_head rcu;
};

/**
 * struct kpsec_device - private data of a kpsec net_device
 * @dev: the kpsec net_device
 * @list: entry in kpsec_devices (RTNL)
 * @lower: bound lower device or NULL; written under RTNL, read under RCU
 * @lower_tracker: reference tracker of the hold on @lower
 * @pt: our ethertype handler, registered for @lower only while bound
 * @conf: addressing, written under RTNL, read under RCU
 * @peers: kpsec_peer by node ID; written under RTNL, looked up under RCU
 * @private_key: this node's X25519 private key (RTNL), zeroised on change
 * @public_key: its public key (RTNL)
 * @has_private_key: @private_key is set (RTNL)
 * @ring: the public keys this node holds (RCU; replaced under RTNL and
 *	kx.lock)
 * @symring: the pool keys this node holds (likewise)
 * @kx: key exchange state
 * @gro_cells: GRO for decrypted packets
 * @mesh: routing state
 * @counters: drop, error, forwarding and control counters, indexed by
 *	enum kpsec_stats_attr (per-packet IP counters are in dev->tstats)
 */
struct kpsec_device {
	struct net_device *dev;
	struct list_head list;
	struct net_device __rcu *lower;
	netdevice_tracker lower_tracker;
	struct packet_type pt;
	struct kpsec_conf __rcu *conf;
	struct xarray peers;
	u8 private_key[KPSEC_KEY_LEN];
	u8 public_key[KPSEC_KEY_LEN];
	bool has_private_key;
	struct kpsec_ring __rcu *ring;
	struct kpsec_symring __rcu *symring;
	struct kpsec_kx kx;
	struct gro_cells gro_cells;
	struct kpsec_mesh mesh;
	atomic64_t counters[__KPSEC_A_STATS_LAST];
};

static inline void kpsec_count(struct kpsec_device *kd, enum kpsec_stats_attr what)
{
	atomic64_inc(&kd->counters[what]);
}

static inline void kpsec_count_add(struct kpsec_device *kd, enum kpsec_stats_attr what,
				   unsigned int n)
{
	atomic64_add(n, &kd->counters[what]);
}

extern struct rtnl_link_ops kpsec_link_ops;
extern unsigned int kpsec_config_generation;

int kpsec_device_init(void);
void kpsec_device_uninit(void);

/* The kpsec device of @dev, or NULL when @dev is not one.  RTNL or RCU. */
struct kpsec_device *kpsec_device_of(struct net_device *dev);

/* The smallest kpsec ifindex in @net above @after, 0 if none.  RTNL. */
int kpsec_next_ifindex(struct net *net, int after);

/* A netdev that @lower may not be bound to, with the reason. */
const char *kpsec_lower_unusable(struct kpsec_device *kd, struct net_device *lower);
void kpsec_bind_lower(struct kpsec_device *kd, struct net_device *lower);
void kpsec_unbind_lower(struct kpsec_device *kd);

/*
 * Make @skb a kpsec frame to @dst (a MAC in the low 48 bits) on @lower:
 * device, protocol, headers.  0, or -EINVAL when @lower refuses.  (send.c)
 */
int kpsec_link_header(struct sk_buff *skb, struct net_device *lower, u64 dst);

/* Defined in send.c and receive.c. */
netdev_tx_t kpsec_xmit(struct sk_buff *skb, struct net_device *dev);
int kpsec_receive(struct sk_buff *skb, struct net_device *lower,
		  struct packet_type *pt, struct net_device *orig_dev);

#endif /* _KPSEC_DEVICE_H */
