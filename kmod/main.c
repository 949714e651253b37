// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec: end-to-end encryption for multi-hop ad-hoc wireless networks.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>
#include "device.h"
#include "netlink.h"

#define KPSEC_VERSION "0.2.0"

bool kpsec_test_knobs;
module_param_named(test_knobs, kpsec_test_knobs, bool, 0444);
MODULE_PARM_DESC(test_knobs, "allow KPSEC_A_DEVICE_TEST_FLAGS (fault injection for tests)");

static int __init kpsec_mod_init(void)
{
	int ret;

	ret = kpsec_device_init();
	if (ret)
		return ret;
	ret = kpsec_genl_init();
	if (ret)
		goto err_device;
	pr_info("kpsec " KPSEC_VERSION " loaded\n");
	return 0;

err_device:
	kpsec_device_uninit();
	return ret;
}

static void __exit kpsec_mod_exit(void)
{
	kpsec_genl_uninit();
	kpsec_device_uninit();
	/* Peers, keypairs and configurations freed by call_rcu() are ours. */
	rcu_barrier();
}

module_init(kpsec_mod_init);
module_exit(kpsec_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kpsec: end-to-end encryption for multi-hop ad-hoc networks");
MODULE_VERSION(KPSEC_VERSION);
MODULE_ALIAS_RTNL_LINK(KPSEC_GENL_NAME);
MODULE_ALIAS_GENL_FAMILY(KPSEC_GENL_NAME);
