// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec trace [DEV] NODE
 *
 * The path a frame to NODE takes over the mesh, hop by hop with the
 * cumulative metric, as this node's link-state database sees it
 * (KPSEC_CMD_GET_PATH).  DEV may be left out when exactly one kpsec device
 * exists.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "device.h"
#include "genl.h"
#include "mesh.h"
#include "parse.h"
#include "show.h"
#include "trace.h"
#include "util.h"

static void trace_usage(void)
{
	puts("Usage: kpsec trace [DEV] NODE\n"
	     "\n"
	     "Print the path that frames from this node to node NODE take over the mesh,\n"
	     "as the link-state database of DEV sees it: each hop, this node first, with\n"
	     "its node ID and the metric of the path up to it.\n"
	     "\n"
	     "  DEV    a kpsec device; may be left out when there is only one\n"
	     "  NODE   the node ID of the destination, 1 to 4294967294 (decimal)\n"
	     "\n"
	     "Metrics are in units of a perfect link: each perfect hop adds 1.00.\n"
	     "A node with no route to it is an error.  Needs CAP_NET_ADMIN.\n"
	     "\n"
	     "Example: kpsec trace kpsec0 4");
}

/* The only kpsec device, its name into @name; 0 after reporting. */
static unsigned int only_device(struct kpsec_genl *genl, char name[IFNAMSIZ])
{
	struct kpsec_device_list list = { 0 };
	const struct kpsec_device_info *only;
	unsigned int ifindex = 0;

	if (kpsec_fetch_devices(genl, 0, NULL, &list)) {
		only = kpsec_only_device(&list, "kpsec trace DEV NODE");
		if (only) {
			ifindex = only->ifindex;
			snprintf(name, IFNAMSIZ, "%s", only->ifname);
		}
	}
	kpsec_device_list_free(&list);
	return ifindex;
}

int cmd_trace(int argc, char **argv)
{
	struct kpsec_path path = { 0 };
	const char *words[2], *dev = NULL;
	char name[IFNAMSIZ];
	struct kpsec_genl genl;
	unsigned int ifindex = 0;
	int i, n = 0, ret = 1;
	uint32_t dst;

	for (i = 1; i < argc; i++) {
		if (is_help_word(argv[i]) && n == 0) {
			trace_usage();
			return 0;
		}
		if (argv[i][0] == '-' && !is_decimal(argv[i] + 1)) {
			report_unknown("option", argv[i], "trace");
			return EXIT_USAGE;
		}
		if (n == 2 || looks_like_key(argv[i])) {	/* never echo a key */
			report_unknown("argument", argv[i], "trace");
			return EXIT_USAGE;
		}
		words[n++] = argv[i];
	}
	if (n == 0) {
		report("trace needs a node: kpsec trace [DEV] NODE (try \"kpsec trace help\")");
		return EXIT_USAGE;
	}
	/* "kpsec trace kpsec0": a device where the node should be. */
	if (n == 1 && !is_decimal(words[0]) && if_nametoindex(words[0])) {
		report("trace needs a node: kpsec trace %s NODE (try \"kpsec trace help\")",
		       words[0]);
		return EXIT_USAGE;
	}
	if (n == 2)
		dev = words[0];
	if (!parse_node_id(words[n - 1], &dst))
		return EXIT_USAGE;

	if (dev) {
		ifindex = device_index("device", dev);
		if (!ifindex)
			return 1;
		snprintf(name, sizeof(name), "%s", dev);
	}
	if (!kpsec_genl_open(&genl))
		return 1;
	if (!dev)
		ifindex = only_device(&genl, name);
	if (ifindex && kpsec_fetch_path(&genl, ifindex, name, dst, &path)) {
		print_path_text(&path, name, dst);
		ret = 0;
		if (fflush(stdout) == EOF || ferror(stdout)) {
			report("cannot write to standard output: %s", strerror(errno));
			ret = 1;
		}
	}
	kpsec_path_free(&path);
	kpsec_genl_close(&genl);
	return ret;
}
