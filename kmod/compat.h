/* SPDX-License-Identifier: GPL-2.0 */
/* The few kernel API differences between the 6.1 and 6.12 series we build for. */
#ifndef _KPSEC_COMPAT_H
#define _KPSEC_COMPAT_H

#include <linux/version.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
typedef struct genl_split_ops kpsec_genl_ops_t;
#define kpsec_dump_attrs(cb) (genl_info_dump(cb)->attrs)
#else
typedef struct genl_ops kpsec_genl_ops_t;
#define kpsec_dump_attrs(cb) (genl_dumpit_info(cb)->attrs)
#endif

static inline void kpsec_set_lltx(struct net_device *dev)
{
#ifdef NETIF_F_LLTX
	dev->features |= NETIF_F_LLTX;
#else
	dev->lltx = true;
#endif
}

#endif /* _KPSEC_COMPAT_H */
