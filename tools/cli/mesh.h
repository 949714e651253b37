/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mesh routing state of kpsec devices: the dumps of
 * KPSEC_CMD_GET_NEIGHBORS, _GET_ROUTES and _GET_TOPOLOGY merged into a
 * struct kpsec_device_list (one device per message, a device's entries
 * continuing over several messages), and the path of KPSEC_CMD_GET_PATH.
 */
#ifndef KPSEC_CLI_MESH_H
#define KPSEC_CLI_MESH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "device.h"
#include "genl.h"

enum kpsec_mesh_table {
	KPSEC_MESH_NEIGHBORS,
	KPSEC_MESH_ROUTES,
	KPSEC_MESH_TOPOLOGY,
	KPSEC_MESH_KEYRING,	/* GET_KEYRING, merged by kx.c */
	KPSEC_MESH_SESSIONS,	/* GET_SESSIONS, merged by kx.c */
};

/* Merge one reply of the dump of that table into a kpsec_device_list. */
bool kpsec_merge_neighbors_reply(struct nl_msg *reply, void *list);
bool kpsec_merge_routes_reply(struct nl_msg *reply, void *list);
bool kpsec_merge_topology_reply(struct nl_msg *reply, void *list);

/* Sort every device's entries (and each node's links, its key ring and
 * sessions) by node ID. */
void kpsec_sort_mesh(struct kpsec_device_list *list);

/*
 * Dump @table of the device @ifindex (named @ifname in messages), or of
 * every kpsec device when @ifindex is 0, into the devices of @list, which
 * may already hold them (from kpsec_fetch_devices): their tables are
 * replaced.  The device asked for is in @list afterwards even when the
 * kernel sent no message for it.  Reports errors.
 */
bool kpsec_fetch_mesh(struct kpsec_genl *genl, enum kpsec_mesh_table table,
		      unsigned int ifindex, const char *ifname,
		      struct kpsec_device_list *list);

struct kpsec_hop_info {
	uint32_t node_id;
	uint32_t metric;		/* cumulative, from this node */
};

/* A path as KPSEC_CMD_GET_PATH returns it: this node first. */
struct kpsec_path {
	struct kpsec_hop_info *hops;
	size_t n_hops, hops_room;
};

/* Merge one GET_PATH reply into a struct kpsec_path; false after reporting. */
bool kpsec_merge_path_reply(struct nl_msg *reply, void *path);

/*
 * The path from the device @ifindex (named @ifname in messages) to node
 * @dst into @path, which must be zeroed or freed.  Reports errors, the
 * kernel's own ("no route to node 4") when it refuses.
 */
bool kpsec_fetch_path(struct kpsec_genl *genl, unsigned int ifindex,
		      const char *ifname, uint32_t dst, struct kpsec_path *path);

void kpsec_path_free(struct kpsec_path *path);

/*
 * The only device of @list, for a command whose DEV may be left out when
 * exactly one kpsec device exists; NULL after reporting that there is
 * none or naming them, with @syntax telling how to name one.
 */
const struct kpsec_device_info *kpsec_only_device(const struct kpsec_device_list *list,
						  const char *syntax);

#endif /* KPSEC_CLI_MESH_H */
