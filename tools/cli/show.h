/* SPDX-License-Identifier: GPL-2.0 */
/* "kpsec show": the command, and its text, JSON and Graphviz renderings. */
#ifndef KPSEC_CLI_SHOW_H
#define KPSEC_CLI_SHOW_H

#include <stdbool.h>

#include "device.h"
#include "mesh.h"

enum show_view {
	SHOW_DEVICE,	/* everything about each device */
	SHOW_PEERS,	/* the peers table of one device */
	SHOW_STATS,	/* the counters of one device */
	SHOW_NEIGHBORS,	/* the neighbours table of each device */
	SHOW_ROUTES,	/* the routing table of each device */
	SHOW_TOPOLOGY,	/* the link-state database of each device */
};

void print_devices_text(const struct kpsec_device_list *list, enum show_view view);
void print_devices_json(const struct kpsec_device_list *list, enum show_view view);

/*
 * The mesh views (SHOW_NEIGHBORS, _ROUTES, _TOPOLOGY).  Text: one table
 * per device, each under an "interface: NAME" line when @headers (no DEV
 * was named).  JSON: an array of device objects holding the table.
 */
void print_mesh_text(const struct kpsec_device_list *list, enum show_view view,
		     bool headers);
void print_mesh_json(const struct kpsec_device_list *list, enum show_view view);

/* The topology of @dev as an undirected Graphviz graph. */
void print_topology_dot(const struct kpsec_device_info *dev);

/* "kpsec trace": the path to node @dst from @ifname, as a table. */
void print_path_text(const struct kpsec_path *path, const char *ifname,
		     uint32_t dst);

int cmd_show(int argc, char **argv, bool json);

#endif /* KPSEC_CLI_SHOW_H */
