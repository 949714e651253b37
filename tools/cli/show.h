/* SPDX-License-Identifier: GPL-2.0 */
/* "kpsec show": the command, and its text, JSON and Graphviz renderings. */
#ifndef KPSEC_CLI_SHOW_H
#define KPSEC_CLI_SHOW_H

#include <stdbool.h>

#include "device.h"
#include "kx.h"
#include "mesh.h"

enum show_view {
	SHOW_DEVICE,	/* everything about each device */
	SHOW_PEERS,	/* the peers table of one device */
	SHOW_STATS,	/* the counters of one device */
	SHOW_NEIGHBORS,	/* the neighbours table of each device */
	SHOW_ROUTES,	/* the routing table of each device */
	SHOW_TOPOLOGY,	/* the link-state database of each device */
	SHOW_KEYRING,	/* the key ring of each device */
	SHOW_SESSIONS,	/* the key exchanges and sessions of each device */
	SHOW_KEYPATHS,	/* the key-paths of one device to one node */
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

/*
 * The key exchange views (show_kx.c).  SHOW_KEYRING: each device under an
 * "interface: NAME" line with its node ID, then its ring and its pool key
 * IDs.  SHOW_SESSIONS: like the mesh views.  JSON: an array of device
 * objects holding the tables.
 */
void print_kx_text(const struct kpsec_device_list *list, enum show_view view,
		   bool headers);
void print_kx_json(const struct kpsec_device_list *list, enum show_view view);

/* SHOW_KEYPATHS: a line naming the node and the count, then a table. */
void print_keypaths_text(const struct kpsec_keypaths *kp);
void print_keypaths_json(const struct kpsec_keypaths *kp);

/*
 * One event as "kpsec monitor" prints it, a line of text or of JSON,
 * with @time (when it was received) first; flushed.
 */
void print_event(const struct kpsec_event_info *ev, const char *time, bool json);

/* "kpsec trace": the path to node @dst from @ifname, as a table. */
void print_path_text(const struct kpsec_path *path, const char *ifname,
		     uint32_t dst);

int cmd_show(int argc, char **argv, bool json);

#endif /* KPSEC_CLI_SHOW_H */
