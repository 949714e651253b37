/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KPSEC_NETLINK_H
#define _KPSEC_NETLINK_H

#include <net/genetlink.h>
#include "uapi/kpsec.h"

/*
 * The entries of a nested list that may be absent: none when @list is
 * NULL (a REPLACE flag without its list empties that ring).
 */
#define kpsec_for_each_entry(pos, list, rem)					\
	nla_for_each_attr(pos, (list) ? nla_data(list) : NULL,			\
			  (list) ? nla_len(list) : 0, rem)

struct kpsec_device;

extern struct genl_family kpsec_genl_family;

int kpsec_genl_init(void);
void kpsec_genl_uninit(void);

/* The kpsec device named by IFINDEX or IFNAME, with a reference held. */
struct net_device *kpsec_get_device(struct net *net, struct nlattr **attrs,
				    struct netlink_ext_ack *extack);

/*
 * Dumps: one device per message, each message with the device's IFINDEX
 * and IFNAME, then what @fill adds from *@cursor on (0 for the first
 * message of a device).  @fill returns 0 when the device is done, 1 with
 * *@cursor moved on when the message is full after it added something, or
 * -EMSGSIZE when it could add nothing.  (netlink_dump.c)
 */
typedef int (*kpsec_fill_t)(struct sk_buff *skb, struct kpsec_device *kd,
			    unsigned long *cursor, struct netlink_callback *cb);
int kpsec_dump_start(struct netlink_callback *cb);
int kpsec_dump_devices(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
		       kpsec_fill_t fill);
int kpsec_get_device_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

/* netlink_mesh.c */
int kpsec_get_neighbors_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int kpsec_get_routes_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int kpsec_get_topology_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int kpsec_get_path_doit(struct sk_buff *skb, struct genl_info *info);

/* netlink_kx.c */
int kpsec_get_keyring_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int kpsec_get_keypaths_doit(struct sk_buff *skb, struct genl_info *info);
int kpsec_get_sessions_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int kpsec_connect_doit(struct sk_buff *skb, struct genl_info *info);
int kpsec_put_kx_params(struct sk_buff *skb, struct kpsec_device *kd);

/*
 * An event message with the device's attributes and an open
 * KPSEC_A_DEVICE_EVENT nest, or NULL when nobody listens; fill the nest,
 * then kpsec_event_send (or nlmsg_free on failure).
 */
struct sk_buff *kpsec_event_new(struct kpsec_device *kd, void **hdr, struct nlattr **ev);
void kpsec_event_send(struct kpsec_device *kd, struct sk_buff *msg, void *hdr,
		      struct nlattr *ev);

struct kpsec_kx_params;
/* The key exchange and QKD parameters of a SET_DEVICE into @p. */
int kpsec_prepare_params(struct kpsec_device *kd, struct kpsec_kx_params *p, bool *changed,
			 struct nlattr **attrs, struct netlink_ext_ack *extack);

/* netlink_qkd.c */
extern const struct nla_policy kpsec_qkd_key_policy[KPSEC_A_QKD_MAX + 1];
int kpsec_qkd_add_doit(struct sk_buff *skb, struct genl_info *info);
int kpsec_qkd_del_doit(struct sk_buff *skb, struct genl_info *info);
int kpsec_get_qkd_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

/* Module parameter: allow KPSEC_A_DEVICE_TEST_FLAGS. */
extern bool kpsec_test_knobs;

#endif /* _KPSEC_NETLINK_H */
