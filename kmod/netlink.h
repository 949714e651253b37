/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KPSEC_NETLINK_H
#define _KPSEC_NETLINK_H

int kpsec_genl_init(void);
void kpsec_genl_uninit(void);

#endif /* _KPSEC_NETLINK_H */
