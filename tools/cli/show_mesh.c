// SPDX-License-Identifier: GPL-2.0
/*
 * The mesh views of "kpsec show" -- neighbors, routes, topology -- as
 * tables, JSON and (topology) a Graphviz graph; and the path that
 * "kpsec trace" prints.
 *
 * Text shows metrics in units of a perfect link, with 2 decimals ("1.06");
 * JSON gives the kernel's integers (1/256 of a perfect link), so scripts
 * lose nothing.  JSON keys are always present, null when not known.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "json.h"
#include "show.h"
#include "table.h"
#include "util.h"

#define AGE_STR_LEN 32

static void format_age_or(char buf[AGE_STR_LEN], bool present, uint64_t msecs,
			  const char *absent)
{
	if (present)
		format_age(buf, AGE_STR_LEN, msecs);
	else
		snprintf(buf, AGE_STR_LEN, "%s", absent);
}

static void format_mac_or_unknown(char buf[MAC_STR_LEN + 4], bool present,
				  const uint8_t mac[ETH_ALEN_BYTES])
{
	if (present)
		format_mac(buf, mac);
	else
		snprintf(buf, MAC_STR_LEN + 4, "(unknown)");
}

/* --- text --------------------------------------------------------------- */

static const char *const neighbor_columns[] = {
	"NODE ID", "ADDRESS", "Q-IN", "Q-OUT", "METRIC", "LINK", "LAST HEARD",
};

static void print_neighbors_table(const struct kpsec_device_info *dev,
				  const char *indent)
{
	char mac[MAC_STR_LEN + 4], metric[METRIC_STR_LEN], age[AGE_STR_LEN];
	struct table t;
	size_t i;

	table_init(&t, neighbor_columns, ARRAY_SIZE(neighbor_columns),
		   1U << 2 | 1U << 3 | 1U << 4);
	for (i = 0; i < dev->n_neighbors; i++) {
		const struct kpsec_neigh_info *n = &dev->neighbors[i];

		format_mac_or_unknown(mac, n->has_addr, n->addr);
		format_link_metric(metric, n->metric);
		format_age_or(age, n->has_last_heard, n->last_heard_msecs, "never");
		table_cell(&t, "%" PRIu32, n->node_id);
		table_cell(&t, "%s", mac);
		table_cell(&t, "%" PRIu32, n->quality_in);
		table_cell(&t, "%" PRIu32, n->quality_out);
		table_cell(&t, "%s", metric);
		table_cell(&t, "%s", n->symmetric ? "sym" : "asym");
		table_cell(&t, "%s", age);
	}
	table_print(&t, indent);
	table_free(&t);
}

static const char *const route_columns[] = {
	"DEST", "NEXT HOP", "NEXT HOP ADDRESS", "HOPS", "METRIC", "AGE",
};

static void print_routes_table(const struct kpsec_device_info *dev,
			       const char *indent)
{
	char mac[MAC_STR_LEN + 4], metric[METRIC_STR_LEN], age[AGE_STR_LEN];
	struct table t;
	size_t i;

	table_init(&t, route_columns, ARRAY_SIZE(route_columns), 1U << 3 | 1U << 4);
	for (i = 0; i < dev->n_routes; i++) {
		const struct kpsec_route_info *r = &dev->routes[i];

		format_mac_or_unknown(mac, r->has_next_hop_addr, r->next_hop_addr);
		format_metric(metric, r->metric);
		format_age_or(age, r->has_age, r->age_msecs, "(unknown)");
		table_cell(&t, "%" PRIu32, r->dst);
		table_cell(&t, "%" PRIu32, r->next_hop);
		table_cell(&t, "%s", mac);
		table_cell(&t, "%" PRIu32, r->hops);
		table_cell(&t, "%s", metric);
		table_cell(&t, "%s", age);
	}
	table_print(&t, indent);
	table_free(&t);
}

static const char *const topology_columns[] = {
	"NODE ID", "SEQ", "AGE", "LINKS",
};

/* "2 (1.00), 3 (1.17)": the links a node announced, or "(none)". */
static char *format_links(const struct kpsec_node_info *node)
{
	char metric[METRIC_STR_LEN], *text;
	size_t i, len = 0, size = node->n_links * (12 + METRIC_STR_LEN + 5) + 8;

	text = xcalloc(size, 1);
	if (!node->n_links)
		snprintf(text, size, "(none)");
	for (i = 0; i < node->n_links; i++) {
		format_link_metric(metric, node->links[i].metric);
		len += (size_t)snprintf(text + len, size - len, "%s%" PRIu32 " (%s)",
					i ? ", " : "", node->links[i].node_id, metric);
	}
	return text;
}

static void print_topology_table(const struct kpsec_device_info *dev,
				 const char *indent)
{
	char age[AGE_STR_LEN], *links;
	struct table t;
	size_t i;

	table_init(&t, topology_columns, ARRAY_SIZE(topology_columns), 1U << 1);
	for (i = 0; i < dev->n_nodes; i++) {
		const struct kpsec_node_info *node = &dev->nodes[i];
		bool self = dev->node_id && node->node_id == dev->node_id;

		format_age_or(age, node->has_age, node->age_msecs, "(unknown)");
		links = format_links(node);
		table_cell(&t, "%" PRIu32 "%s", node->node_id, self ? " (this node)" : "");
		table_cell(&t, "%" PRIu32, node->seq);
		table_cell(&t, "%s", age);
		table_cell(&t, "%s", links);
		free(links);
	}
	table_print(&t, indent);
	table_free(&t);
}

void print_mesh_text(const struct kpsec_device_list *list, enum show_view view,
		     bool headers)
{
	const char *indent = headers ? "  " : "";
	size_t i;

	for (i = 0; i < list->n_devices; i++) {
		const struct kpsec_device_info *dev = &list->devices[i];

		if (headers)
			printf("%sinterface: %s\n", i ? "\n" : "", dev->ifname);
		if (view == SHOW_NEIGHBORS)
			print_neighbors_table(dev, indent);
		else if (view == SHOW_ROUTES)
			print_routes_table(dev, indent);
		else
			print_topology_table(dev, indent);
	}
}

/* --- JSON --------------------------------------------------------------- */

static void json_mac_or_null(struct json_writer *w, const char *key, bool present,
			     const uint8_t mac[ETH_ALEN_BYTES])
{
	char text[MAC_STR_LEN];

	if (present)
		format_mac(text, mac);
	json_string(w, key, present ? text : NULL);
}

static void json_u64_or_null(struct json_writer *w, const char *key, bool present,
			     uint64_t value)
{
	if (present)
		json_u64(w, key, value);
	else
		json_null(w, key);
}

static void json_neighbors(struct json_writer *w, const struct kpsec_device_info *dev)
{
	size_t i;

	json_open_array(w, "neighbors");
	for (i = 0; i < dev->n_neighbors; i++) {
		const struct kpsec_neigh_info *n = &dev->neighbors[i];

		json_open_object(w, NULL);
		json_u64(w, "node_id", n->node_id);
		json_mac_or_null(w, "address", n->has_addr, n->addr);
		json_u64(w, "quality_in", n->quality_in);
		json_u64(w, "quality_out", n->quality_out);
		json_u64(w, "metric", n->metric);
		json_bool(w, "symmetric", n->symmetric);
		json_u64_or_null(w, "last_heard_msecs", n->has_last_heard,
				 n->last_heard_msecs);
		json_close_object(w);
	}
	json_close_array(w);
}

static void json_routes(struct json_writer *w, const struct kpsec_device_info *dev)
{
	size_t i;

	json_open_array(w, "routes");
	for (i = 0; i < dev->n_routes; i++) {
		const struct kpsec_route_info *r = &dev->routes[i];

		json_open_object(w, NULL);
		json_u64(w, "destination", r->dst);
		json_u64(w, "next_hop", r->next_hop);
		json_mac_or_null(w, "next_hop_address", r->has_next_hop_addr,
				 r->next_hop_addr);
		json_u64(w, "hops", r->hops);
		json_u64(w, "metric", r->metric);
		json_u64_or_null(w, "age_msecs", r->has_age, r->age_msecs);
		json_close_object(w);
	}
	json_close_array(w);
}

static void json_topology(struct json_writer *w, const struct kpsec_device_info *dev)
{
	size_t i, j;

	json_open_array(w, "topology");
	for (i = 0; i < dev->n_nodes; i++) {
		const struct kpsec_node_info *node = &dev->nodes[i];

		json_open_object(w, NULL);
		json_u64(w, "node_id", node->node_id);
		json_u64(w, "seq", node->seq);
		json_u64_or_null(w, "age_msecs", node->has_age, node->age_msecs);
		json_open_array(w, "links");
		for (j = 0; j < node->n_links; j++) {
			json_open_object(w, NULL);
			json_u64(w, "node_id", node->links[j].node_id);
			json_u64(w, "metric", node->links[j].metric);
			json_close_object(w);
		}
		json_close_array(w);
		json_close_object(w);
	}
	json_close_array(w);
}

void print_mesh_json(const struct kpsec_device_list *list, enum show_view view)
{
	struct json_writer w;
	size_t i;

	json_init(&w, stdout);
	json_open_array(&w, NULL);
	for (i = 0; i < list->n_devices; i++) {
		const struct kpsec_device_info *dev = &list->devices[i];

		json_open_object(&w, NULL);
		json_u64(&w, "ifindex", dev->ifindex);
		json_string(&w, "ifname", dev->ifname);
		if (view == SHOW_NEIGHBORS) {
			json_neighbors(&w, dev);
		} else if (view == SHOW_ROUTES) {
			json_routes(&w, dev);
		} else {
			json_u64_or_null(&w, "node_id", dev->node_id != 0, dev->node_id);
			json_topology(&w, dev);
		}
		json_close_object(&w);
	}
	json_close_array(&w);
	putchar('\n');
}

/* --- Graphviz ----------------------------------------------------------- */

/* One direction of a link, as its origin announced it. */
struct announced {
	uint32_t lo, hi;	/* the two ends, lo < hi */
	bool from_lo;		/* announced by lo (else by hi) */
	uint32_t metric;
};

static int compare_announced(const void *a, const void *b)
{
	const struct announced *x = a, *y = b;

	if (x->lo != y->lo)
		return (x->lo > y->lo) - (x->lo < y->lo);
	return (x->hi > y->hi) - (x->hi < y->hi);
}

static int compare_ids(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* A graph ID or label: a DOT quoted string. */
static void print_dot_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

/* Every node ID: this node, every origin and every end of a link; unique. */
static uint32_t *dot_nodes(const struct kpsec_device_info *dev,
			   const struct announced *links, size_t n_links,
			   size_t *count)
{
	uint32_t *ids = xcalloc(1 + dev->n_nodes + 2 * n_links, sizeof(*ids));
	size_t i, n = 0, unique = 0;

	if (dev->node_id)
		ids[n++] = dev->node_id;
	for (i = 0; i < dev->n_nodes; i++)
		ids[n++] = dev->nodes[i].node_id;
	for (i = 0; i < n_links; i++) {
		ids[n++] = links[i].lo;
		ids[n++] = links[i].hi;
	}
	qsort(ids, n, sizeof(*ids), compare_ids);
	for (i = 0; i < n; i++)
		if (!unique || ids[unique - 1] != ids[i])
			ids[unique++] = ids[i];
	*count = unique;
	return ids;
}

void print_topology_dot(const struct kpsec_device_info *dev)
{
	struct announced *links;
	char metric[METRIC_STR_LEN];
	size_t i, j, n = 0, total = 0, n_ids;
	uint32_t *ids;

	for (i = 0; i < dev->n_nodes; i++)
		total += dev->nodes[i].n_links;
	links = xcalloc(total, sizeof(*links));
	for (i = 0; i < dev->n_nodes; i++) {
		const struct kpsec_node_info *node = &dev->nodes[i];

		for (j = 0; j < node->n_links; j++) {
			uint32_t other = node->links[j].node_id;

			if (other == node->node_id)
				continue;	/* not a link */
			links[n].lo = other < node->node_id ? other : node->node_id;
			links[n].hi = other < node->node_id ? node->node_id : other;
			links[n].from_lo = node->node_id == links[n].lo;
			links[n].metric = node->links[j].metric;
			n++;
		}
	}
	if (n > 1)
		qsort(links, n, sizeof(*links), compare_announced);
	ids = dot_nodes(dev, links, n, &n_ids);

	fputs("graph ", stdout);
	print_dot_string(dev->ifname);
	puts(" {\n\tnode [shape=circle];");
	for (i = 0; i < n_ids; i++) {
		printf("\t\"%" PRIu32 "\" [label=\"%" PRIu32 "\"", ids[i], ids[i]);
		if (dev->node_id && ids[i] == dev->node_id)
			fputs(", style=filled, fillcolor=gold, penwidth=2", stdout);
		puts("];");
	}
	/* One edge per pair; dashed when only one end announces it. */
	for (i = 0; i < n; i = j) {
		bool from_lo = false, from_hi = false;
		uint32_t worst = 0;

		for (j = i; j < n && !compare_announced(&links[i], &links[j]); j++) {
			from_lo |= links[j].from_lo;
			from_hi |= !links[j].from_lo;
			worst = links[j].metric > worst ? links[j].metric : worst;
		}
		format_metric(metric, worst);
		printf("\t\"%" PRIu32 "\" -- \"%" PRIu32 "\" [label=\"%s\"%s];\n",
		       links[i].lo, links[i].hi, metric,
		       from_lo && from_hi ? "" : ", style=dashed");
	}
	puts("}");
	free(ids);
	free(links);
}

/* --- trace -------------------------------------------------------------- */

static const char *const path_columns[] = { "HOP", "NODE ID", "METRIC" };

void print_path_text(const struct kpsec_path *path, const char *ifname,
		     uint32_t dst)
{
	const struct kpsec_hop_info *last = &path->hops[path->n_hops - 1];
	char metric[METRIC_STR_LEN];
	struct table t;
	size_t i;

	format_metric(metric, last->metric);
	printf("path from node %" PRIu32 " to node %" PRIu32 " on %s: %zu hop%s, metric %s\n",
	       path->hops[0].node_id, dst, ifname, path->n_hops - 1,
	       path->n_hops == 2 ? "" : "s", metric);
	table_init(&t, path_columns, ARRAY_SIZE(path_columns), 1U << 0 | 1U << 2);
	for (i = 0; i < path->n_hops; i++) {
		format_metric(metric, path->hops[i].metric);
		table_cell(&t, "%zu", i);
		table_cell(&t, "%" PRIu32, path->hops[i].node_id);
		table_cell(&t, "%s", metric);
	}
	table_print(&t, "");
	table_free(&t);
}
