// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "device.h"
#include "kx.h"
#include "mesh.h"
#include "util.h"

static struct nla_policy neigh_policy[KPSEC_A_NEIGH_MAX + 1] = {
	[KPSEC_A_NEIGH_NODE_ID]		= { .type = NLA_U32 },
	[KPSEC_A_NEIGH_ADDR]		= { .minlen = ETH_ALEN_BYTES },
	[KPSEC_A_NEIGH_QUALITY_IN]	= { .type = NLA_U32 },
	[KPSEC_A_NEIGH_QUALITY_OUT]	= { .type = NLA_U32 },
	[KPSEC_A_NEIGH_METRIC]		= { .type = NLA_U32 },
	[KPSEC_A_NEIGH_SYMMETRIC]	= { .type = NLA_FLAG },
	[KPSEC_A_NEIGH_LAST_HEARD_MSECS] = { .type = NLA_U64 },
};

static struct nla_policy route_policy[KPSEC_A_ROUTE_MAX + 1] = {
	[KPSEC_A_ROUTE_DST]		= { .type = NLA_U32 },
	[KPSEC_A_ROUTE_NEXT_HOP]	= { .type = NLA_U32 },
	[KPSEC_A_ROUTE_NEXT_HOP_ADDR]	= { .minlen = ETH_ALEN_BYTES },
	[KPSEC_A_ROUTE_HOPS]		= { .type = NLA_U32 },
	[KPSEC_A_ROUTE_METRIC]		= { .type = NLA_U32 },
	[KPSEC_A_ROUTE_AGE_MSECS]	= { .type = NLA_U64 },
};

static struct nla_policy node_policy[KPSEC_A_NODE_MAX + 1] = {
	[KPSEC_A_NODE_ID]		= { .type = NLA_U32 },
	[KPSEC_A_NODE_SEQ]		= { .type = NLA_U32 },
	[KPSEC_A_NODE_AGE_MSECS]	= { .type = NLA_U64 },
	[KPSEC_A_NODE_LINKS]		= { .type = NLA_NESTED },
};

static struct nla_policy link_policy[KPSEC_A_LINK_MAX + 1] = {
	[KPSEC_A_LINK_NODE_ID]		= { .type = NLA_U32 },
	[KPSEC_A_LINK_METRIC]		= { .type = NLA_U32 },
};

static struct nla_policy hop_policy[KPSEC_A_HOP_MAX + 1] = {
	[KPSEC_A_HOP_NODE_ID]		= { .type = NLA_U32 },
	[KPSEC_A_HOP_METRIC]		= { .type = NLA_U32 },
};

/*
 * The device of a mesh dump reply, and the nest @attr of its table (NULL
 * when the message has none).  NULL after reporting.
 */
static struct kpsec_device_info *reply_device(struct nl_msg *reply, int attr,
					      struct kpsec_device_list *list,
					      struct nlattr **table)
{
	struct nlattr *tb[KPSEC_A_DEVICE_MAX + 1];
	struct kpsec_device_info *dev;

	if (genlmsg_parse(nlmsg_hdr(reply), 0, tb, KPSEC_A_DEVICE_MAX,
			  kpsec_device_policy) < 0) {
		kpsec_malformed("device attributes");
		return NULL;
	}
	if (!tb[KPSEC_A_DEVICE_IFINDEX] || !tb[KPSEC_A_DEVICE_IFNAME]) {
		kpsec_malformed("device without an ifindex or name");
		return NULL;
	}
	dev = kpsec_device_find_or_add(list, nla_get_u32(tb[KPSEC_A_DEVICE_IFINDEX]));
	nla_strlcpy(dev->ifname, tb[KPSEC_A_DEVICE_IFNAME], sizeof(dev->ifname));
	*table = tb[attr];
	return dev;
}

static bool merge_neighbor(struct kpsec_device_info *dev, struct nlattr *entry)
{
	struct nlattr *tb[KPSEC_A_NEIGH_MAX + 1];
	struct kpsec_neigh_info *n = NULL;
	uint32_t node_id;
	size_t i;

	if (nla_parse_nested(tb, KPSEC_A_NEIGH_MAX, entry, neigh_policy) < 0)
		return kpsec_malformed("neighbour attributes");
	if (!tb[KPSEC_A_NEIGH_NODE_ID])
		return kpsec_malformed("neighbour without a node id");
	node_id = nla_get_u32(tb[KPSEC_A_NEIGH_NODE_ID]);
	/* Seen twice (it changed between messages): keep the latest. */
	for (i = 0; i < dev->n_neighbors && !n; i++)
		if (dev->neighbors[i].node_id == node_id)
			n = &dev->neighbors[i];
	if (!n) {
		dev->neighbors = xgrow(dev->neighbors, &dev->neighbors_room,
				      dev->n_neighbors, sizeof(*n));
		n = &dev->neighbors[dev->n_neighbors++];
	}
	memset(n, 0, sizeof(*n));
	n->node_id = node_id;
	n->has_addr = tb[KPSEC_A_NEIGH_ADDR] != NULL;
	if (n->has_addr)
		memcpy(n->addr, nla_data(tb[KPSEC_A_NEIGH_ADDR]), ETH_ALEN_BYTES);
	n->quality_in = nla_u32_or_zero(tb[KPSEC_A_NEIGH_QUALITY_IN]);
	n->quality_out = nla_u32_or_zero(tb[KPSEC_A_NEIGH_QUALITY_OUT]);
	n->metric = nla_u32_or_zero(tb[KPSEC_A_NEIGH_METRIC]);
	n->symmetric = tb[KPSEC_A_NEIGH_SYMMETRIC] != NULL;
	n->has_last_heard = tb[KPSEC_A_NEIGH_LAST_HEARD_MSECS] != NULL;
	n->last_heard_msecs = nla_u64_or_zero(tb[KPSEC_A_NEIGH_LAST_HEARD_MSECS]);
	return true;
}

static bool merge_route(struct kpsec_device_info *dev, struct nlattr *entry)
{
	struct nlattr *tb[KPSEC_A_ROUTE_MAX + 1];
	struct kpsec_route_info *r = NULL;
	uint32_t dst;
	size_t i;

	if (nla_parse_nested(tb, KPSEC_A_ROUTE_MAX, entry, route_policy) < 0)
		return kpsec_malformed("route attributes");
	if (!tb[KPSEC_A_ROUTE_DST])
		return kpsec_malformed("route without a destination");
	dst = nla_get_u32(tb[KPSEC_A_ROUTE_DST]);
	for (i = 0; i < dev->n_routes && !r; i++)
		if (dev->routes[i].dst == dst)
			r = &dev->routes[i];
	if (!r) {
		dev->routes = xgrow(dev->routes, &dev->routes_room, dev->n_routes,
				   sizeof(*r));
		r = &dev->routes[dev->n_routes++];
	}
	memset(r, 0, sizeof(*r));
	r->dst = dst;
	r->next_hop = nla_u32_or_zero(tb[KPSEC_A_ROUTE_NEXT_HOP]);
	r->has_next_hop_addr = tb[KPSEC_A_ROUTE_NEXT_HOP_ADDR] != NULL;
	if (r->has_next_hop_addr)
		memcpy(r->next_hop_addr, nla_data(tb[KPSEC_A_ROUTE_NEXT_HOP_ADDR]),
		       ETH_ALEN_BYTES);
	r->hops = nla_u32_or_zero(tb[KPSEC_A_ROUTE_HOPS]);
	r->metric = nla_u32_or_zero(tb[KPSEC_A_ROUTE_METRIC]);
	r->has_age = tb[KPSEC_A_ROUTE_AGE_MSECS] != NULL;
	r->age_msecs = nla_u64_or_zero(tb[KPSEC_A_ROUTE_AGE_MSECS]);
	return true;
}

static bool merge_links(struct kpsec_node_info *node, struct nlattr *links)
{
	struct nlattr *tb[KPSEC_A_LINK_MAX + 1], *entry;
	size_t room = 0;
	int rem;

	if (!links)
		return true;
	nla_for_each_nested(entry, links, rem) {
		struct kpsec_link_info *link;

		if (nla_parse_nested(tb, KPSEC_A_LINK_MAX, entry, link_policy) < 0)
			return kpsec_malformed("link attributes");
		if (!tb[KPSEC_A_LINK_NODE_ID])
			return kpsec_malformed("link without a node id");
		node->links = xgrow(node->links, &room, node->n_links, sizeof(*link));
		link = &node->links[node->n_links++];
		link->node_id = nla_get_u32(tb[KPSEC_A_LINK_NODE_ID]);
		link->metric = nla_u32_or_zero(tb[KPSEC_A_LINK_METRIC]);
	}
	return true;
}

static bool merge_node(struct kpsec_device_info *dev, struct nlattr *entry)
{
	struct nlattr *tb[KPSEC_A_NODE_MAX + 1];
	struct kpsec_node_info *node = NULL;
	uint32_t node_id;
	size_t i;

	if (nla_parse_nested(tb, KPSEC_A_NODE_MAX, entry, node_policy) < 0)
		return kpsec_malformed("topology node attributes");
	if (!tb[KPSEC_A_NODE_ID])
		return kpsec_malformed("topology node without a node id");
	node_id = nla_get_u32(tb[KPSEC_A_NODE_ID]);
	for (i = 0; i < dev->n_nodes && !node; i++)
		if (dev->nodes[i].node_id == node_id)
			node = &dev->nodes[i];
	if (!node) {
		dev->nodes = xgrow(dev->nodes, &dev->nodes_room, dev->n_nodes,
				  sizeof(*node));
		node = &dev->nodes[dev->n_nodes++];
	} else {
		free(node->links);
	}
	memset(node, 0, sizeof(*node));
	node->node_id = node_id;
	node->seq = nla_u32_or_zero(tb[KPSEC_A_NODE_SEQ]);
	node->has_age = tb[KPSEC_A_NODE_AGE_MSECS] != NULL;
	node->age_msecs = nla_u64_or_zero(tb[KPSEC_A_NODE_AGE_MSECS]);
	return merge_links(node, tb[KPSEC_A_NODE_LINKS]);
}

typedef bool (*merge_entry_fn)(struct kpsec_device_info *dev, struct nlattr *entry);

static bool merge_table(struct nl_msg *reply, void *arg, int attr,
			merge_entry_fn merge_entry)
{
	struct kpsec_device_info *dev;
	struct nlattr *table, *entry;
	int rem;

	dev = reply_device(reply, attr, arg, &table);
	if (!dev)
		return false;
	if (table) {
		nla_for_each_nested(entry, table, rem)
			if (!merge_entry(dev, entry))
				return false;
	}
	return true;
}

bool kpsec_merge_neighbors_reply(struct nl_msg *reply, void *list)
{
	return merge_table(reply, list, KPSEC_A_DEVICE_NEIGHBORS, merge_neighbor);
}

bool kpsec_merge_routes_reply(struct nl_msg *reply, void *list)
{
	return merge_table(reply, list, KPSEC_A_DEVICE_ROUTES, merge_route);
}

bool kpsec_merge_topology_reply(struct nl_msg *reply, void *list)
{
	return merge_table(reply, list, KPSEC_A_DEVICE_TOPOLOGY, merge_node);
}

static int compare_u32(uint32_t a, uint32_t b)
{
	return (a > b) - (a < b);
}

static int compare_neighbors(const void *a, const void *b)
{
	return compare_u32(((const struct kpsec_neigh_info *)a)->node_id,
			   ((const struct kpsec_neigh_info *)b)->node_id);
}

static int compare_routes(const void *a, const void *b)
{
	return compare_u32(((const struct kpsec_route_info *)a)->dst,
			   ((const struct kpsec_route_info *)b)->dst);
}

static int compare_nodes(const void *a, const void *b)
{
	return compare_u32(((const struct kpsec_node_info *)a)->node_id,
			   ((const struct kpsec_node_info *)b)->node_id);
}

static int compare_links(const void *a, const void *b)
{
	return compare_u32(((const struct kpsec_link_info *)a)->node_id,
			   ((const struct kpsec_link_info *)b)->node_id);
}

/* qsort, which must not be given NULL, even for no elements. */
static void sort(void *base, size_t n, size_t size,
		 int (*compare)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, compare);
}

void kpsec_sort_mesh(struct kpsec_device_list *list)
{
	size_t i, j;

	for (i = 0; i < list->n_devices; i++) {
		struct kpsec_device_info *dev = &list->devices[i];

		sort(dev->neighbors, dev->n_neighbors, sizeof(*dev->neighbors),
		     compare_neighbors);
		sort(dev->routes, dev->n_routes, sizeof(*dev->routes),
		     compare_routes);
		sort(dev->nodes, dev->n_nodes, sizeof(*dev->nodes), compare_nodes);
		for (j = 0; j < dev->n_nodes; j++)
			sort(dev->nodes[j].links, dev->nodes[j].n_links,
			     sizeof(*dev->nodes[j].links), compare_links);
	}
	kpsec_sort_kx(list);
}

/* A dump the kernel flagged as inconsistent is retried this many times. */
#define DUMP_ATTEMPTS 5

bool kpsec_fetch_mesh(struct kpsec_genl *genl, enum kpsec_mesh_table table,
		      unsigned int ifindex, const char *ifname,
		      struct kpsec_device_list *list)
{
	static const struct {
		uint8_t cmd;
		kpsec_reply_fn merge;
		const char *what;	/* "the %s kept changing" */
	} tables[] = {
		[KPSEC_MESH_NEIGHBORS] = { KPSEC_CMD_GET_NEIGHBORS, kpsec_merge_neighbors_reply,
					   "routing tables" },
		[KPSEC_MESH_ROUTES] = { KPSEC_CMD_GET_ROUTES, kpsec_merge_routes_reply,
					"routing tables" },
		[KPSEC_MESH_TOPOLOGY] = { KPSEC_CMD_GET_TOPOLOGY, kpsec_merge_topology_reply,
					  "routing tables" },
		[KPSEC_MESH_KEYRING] = { KPSEC_CMD_GET_KEYRING, kpsec_merge_keyring_reply,
					 "key rings" },
		[KPSEC_MESH_SESSIONS] = { KPSEC_CMD_GET_SESSIONS, kpsec_merge_sessions_reply,
					  "sessions" },
	};
	enum kpsec_transact_result result = KPSEC_TRANSACT_INTERRUPTED;
	size_t i, known = list->n_devices;
	struct kpsec_device_info *dev;
	struct nl_msg *request;
	int attempt;

	for (attempt = 0; attempt < DUMP_ATTEMPTS; attempt++) {
		/* Start over: no tables, and only the devices known before. */
		for (i = 0; i < list->n_devices; i++)
			kpsec_device_free_mesh(&list->devices[i]);
		list->n_devices = known;
		request = kpsec_genl_request(genl, tables[table].cmd, true, 64);
		if (!request)
			return false;
		if (ifindex && nla_put_u32(request, KPSEC_A_DEVICE_IFINDEX, ifindex) < 0) {
			kpsec_genl_free_request(request);
			report("out of memory");
			return false;
		}
		result = kpsec_genl_transact(genl, request, ifname,
					     tables[table].merge, list);
		kpsec_genl_free_request(request);
		if (result != KPSEC_TRANSACT_INTERRUPTED)
			break;
	}
	if (result == KPSEC_TRANSACT_FAILED)
		return false;
	if (result == KPSEC_TRANSACT_INTERRUPTED) {
		report("the %s kept changing during the dump: try again", tables[table].what);
		return false;
	}
	if (ifindex) {
		/* The kernel refuses other devices: this one has an empty table. */
		dev = kpsec_device_find_or_add(list, ifindex);
		if (!dev->ifname[0])
			snprintf(dev->ifname, sizeof(dev->ifname), "%s", ifname);
	}
	kpsec_sort_mesh(list);
	return true;
}

bool kpsec_merge_path_reply(struct nl_msg *reply, void *arg)
{
	struct nlattr *tb[KPSEC_A_DEVICE_MAX + 1], *hop_tb[KPSEC_A_HOP_MAX + 1];
	struct kpsec_path *path = arg;
	struct nlattr *entry;
	int rem;

	if (genlmsg_parse(nlmsg_hdr(reply), 0, tb, KPSEC_A_DEVICE_MAX,
			  kpsec_device_policy) < 0)
		return kpsec_malformed("path attributes");
	if (!tb[KPSEC_A_DEVICE_PATH])
		return kpsec_malformed("no path");
	/* The order of the nests is the order of the path. */
	nla_for_each_nested(entry, tb[KPSEC_A_DEVICE_PATH], rem) {
		struct kpsec_hop_info *hop;

		if (nla_parse_nested(hop_tb, KPSEC_A_HOP_MAX, entry, hop_policy) < 0)
			return kpsec_malformed("hop attributes");
		if (!hop_tb[KPSEC_A_HOP_NODE_ID])
			return kpsec_malformed("hop without a node id");
		path->hops = xgrow(path->hops, &path->hops_room, path->n_hops,
				  sizeof(*hop));
		hop = &path->hops[path->n_hops++];
		hop->node_id = nla_get_u32(hop_tb[KPSEC_A_HOP_NODE_ID]);
		hop->metric = nla_u32_or_zero(hop_tb[KPSEC_A_HOP_METRIC]);
	}
	return true;
}

void kpsec_path_free(struct kpsec_path *path)
{
	free(path->hops);
	memset(path, 0, sizeof(*path));
}

bool kpsec_fetch_path(struct kpsec_genl *genl, unsigned int ifindex,
		      const char *ifname, uint32_t dst, struct kpsec_path *path)
{
	enum kpsec_transact_result result;
	struct nl_msg *request;

	request = kpsec_genl_request(genl, KPSEC_CMD_GET_PATH, false, 64);
	if (!request)
		return false;
	if (nla_put_u32(request, KPSEC_A_DEVICE_IFINDEX, ifindex) < 0 ||
	    nla_put_u32(request, KPSEC_A_DEVICE_PATH_DST, dst) < 0) {
		kpsec_genl_free_request(request);
		report("out of memory");
		return false;
	}
	result = kpsec_genl_transact(genl, request, ifname, kpsec_merge_path_reply,
				     path);
	kpsec_genl_free_request(request);
	if (result == KPSEC_TRANSACT_INTERRUPTED)
		report("the routing tables changed during the request: try again");
	if (result != KPSEC_TRANSACT_OK)
		return false;
	if (!path->n_hops)
		return kpsec_malformed("empty path");
	return true;
}

/* Names listed when telling the user to pick a device. */
#define NAMES_LISTED 4

const struct kpsec_device_info *kpsec_only_device(const struct kpsec_device_list *list,
						  const char *syntax)
{
	char names[NAMES_LISTED * (IFNAMSIZ + 2) + sizeof("...")] = "";
	size_t i, len = 0;

	if (list->n_devices == 1)
		return &list->devices[0];
	if (!list->n_devices) {
		report("no kpsec device here (create one: ip link add kpsec0 type kpsec)");
		return NULL;
	}
	for (i = 0; i < list->n_devices && i < NAMES_LISTED; i++)
		len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s",
					i ? ", " : "", list->devices[i].ifname);
	if (list->n_devices > NAMES_LISTED)
		snprintf(names + len, sizeof(names) - len, ", ...");
	report("more than one kpsec device (%s): name one: %s", names, syntax);
	return NULL;
}
