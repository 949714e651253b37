// SPDX-License-Identifier: GPL-2.0
/* Tables for people: "kpsec show" without -j. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "format.h"
#include "kx.h"
#include "qkd_store.h"
#include "show.h"
#include "util.h"

#define CELL_LEN 32

static const char *const peer_columns[] = {
	"NODE ID", "ENDPOINT", "STATIC KEY", "RX PACKETS", "RX BYTES",
	"TX PACKETS", "TX BYTES", "LAST RX",
};
#define PEER_COLUMNS ARRAY_SIZE(peer_columns)

/* Columns holding counts are right-aligned, the others left-aligned. */
static bool column_is_number(size_t column)
{
	return column >= 3 && column <= 6;
}

static void peer_cells(const struct kpsec_peer_info *peer,
		       char cells[PEER_COLUMNS][CELL_LEN])
{
	snprintf(cells[0], CELL_LEN, "%" PRIu32, peer->node_id);
	if (peer->has_endpoint)
		format_mac(cells[1], peer->endpoint);
	else
		snprintf(cells[1], CELL_LEN, "(unknown)");
	snprintf(cells[2], CELL_LEN, "%s", peer->has_static_key ? "(set)" : "(none)");
	snprintf(cells[3], CELL_LEN, "%" PRIu64, peer->rx_packets);
	snprintf(cells[4], CELL_LEN, "%" PRIu64, peer->rx_bytes);
	snprintf(cells[5], CELL_LEN, "%" PRIu64, peer->tx_packets);
	snprintf(cells[6], CELL_LEN, "%" PRIu64, peer->tx_bytes);
	if (peer->has_last_rx)
		format_age(cells[7], CELL_LEN, peer->last_rx_msecs);
	else
		snprintf(cells[7], CELL_LEN, "never");
}

static void print_row(const char *indent, const size_t *widths,
		      char cells[PEER_COLUMNS][CELL_LEN], const char *const *headers)
{
	size_t col;

	fputs(indent, stdout);
	for (col = 0; col < PEER_COLUMNS; col++) {
		const char *text = headers ? headers[col] : cells[col];
		int width = (int)widths[col];
		bool last = col + 1 == PEER_COLUMNS;

		if (column_is_number(col))
			printf("%*s", width, text);
		else if (last)
			fputs(text, stdout);
		else
			printf("%-*s", width, text);
		fputs(last ? "\n" : "  ", stdout);
	}
}

static void print_peers_table(const struct kpsec_device_info *dev, const char *indent)
{
	char (*cells)[PEER_COLUMNS][CELL_LEN];
	size_t widths[PEER_COLUMNS], i, col;

	cells = xcalloc(dev->n_peers, sizeof(*cells));
	for (col = 0; col < PEER_COLUMNS; col++)
		widths[col] = strlen(peer_columns[col]);
	for (i = 0; i < dev->n_peers; i++) {
		peer_cells(&dev->peers[i], cells[i]);
		for (col = 0; col < PEER_COLUMNS; col++)
			if (strlen(cells[i][col]) > widths[col])
				widths[col] = strlen(cells[i][col]);
	}
	print_row(indent, widths, NULL, peer_columns);
	for (i = 0; i < dev->n_peers; i++)
		print_row(indent, widths, cells[i], NULL);
	free(cells);
}

static void print_stats_table(const struct kpsec_device_info *dev, const char *indent)
{
	int name_width = 0, value_width = 0;
	char value[CELL_LEN];
	size_t i;

	for (i = 0; i < kpsec_stat_count; i++) {
		int n = (int)strlen(kpsec_stat_names[i].name);
		int v = snprintf(value, sizeof(value), "%" PRIu64,
				 dev->stats[kpsec_stat_names[i].attr]);

		name_width = n > name_width ? n : name_width;
		value_width = v > value_width ? v : value_width;
	}
	for (i = 0; i < kpsec_stat_count; i++)
		printf("%s%-*s  %*" PRIu64 "\n", indent, name_width,
		       kpsec_stat_names[i].name, value_width,
		       dev->stats[kpsec_stat_names[i].attr]);
}

static void print_prefix_line(const char *label, const struct kpsec_prefix *prefix,
			      uint32_t node_id)
{
	char text[PREFIX_STR_LEN], addr[INET6_ADDRSTRLEN];

	if (!prefix->prefixlen) {
		printf("  %s: (none)\n", label);
		return;
	}
	format_prefix(text, prefix);
	if (format_node_address(addr, prefix, node_id))
		printf("  %s: %s (this node: %s)\n", label, text, addr);
	else
		printf("  %s: %s\n", label, text);
}

static void print_timer_line(const char *label, bool present, uint32_t msecs)
{
	if (present)
		printf("  %s: %" PRIu32 " ms\n", label, msecs);
	else
		printf("  %s: (unknown)\n", label);
}

/* The key exchange parameters; test flags only when the kernel has some set. */
static void print_kx_lines(const struct kpsec_device_info *dev)
{
	char flags[TEST_FLAGS_STR_LEN];
	size_t i;

	for (i = 0; i < KX_PARAMS; i++) {
		const struct kpsec_kx_param_name *p = &kpsec_kx_params[i];

		if (i == KX_PARAM_TEST_FLAGS) {
			if (!dev->kx[i])
				continue;
			format_test_flags(flags, dev->kx[i]);
			printf("  %s: %s\n", p->text, flags);
		} else if (dev->has_kx[i]) {
			printf("  %s: %" PRIu64 "%s\n", p->text, dev->kx[i], p->unit);
		} else {
			printf("  %s: (unknown)\n", p->text);
		}
	}
}

static void print_device(const struct kpsec_device_info *dev)
{
	char mac[MAC_STR_LEN], key[KEY_STR_LEN];

	printf("interface: %s\n", dev->ifname);
	if (!dev->bound) {
		puts("  lower: (none)");
	} else {
		if (dev->has_lower_addr)
			format_mac(mac, dev->lower_addr);
		printf("  lower: %s (%s)\n",
		       dev->lower_ifname[0] ? dev->lower_ifname : "?",
		       dev->has_lower_addr ? mac : "no address");
	}
	if (dev->node_id)
		printf("  node id: %" PRIu32 "\n", dev->node_id);
	else
		puts("  node id: (none)");
	print_prefix_line("ipv4 prefix", &dev->prefix4, dev->node_id);
	print_prefix_line("ipv6 prefix", &dev->prefix6, dev->node_id);
	if (dev->has_public_key) {
		format_key(key, dev->public_key);
		printf("  public key: %s\n", key);
	} else {
		puts("  public key: (none)");
	}
	print_timer_line("hello interval", dev->has_hello_interval, dev->hello_interval);
	print_timer_line("neighbour timeout", dev->has_neigh_timeout, dev->neigh_timeout);
	print_timer_line("lsa interval", dev->has_lsa_interval, dev->lsa_interval);
	print_kx_lines(dev);
	print_qkd_policy_lines(&dev->qkd, "  ");
	puts("\n  counters:");
	print_stats_table(dev, "    ");
	if (!dev->n_peers) {
		puts("\n  peers: (none)");
		return;
	}
	puts("\n  peers:");
	print_peers_table(dev, "    ");
}

void print_devices_text(const struct kpsec_device_list *list, enum show_view view)
{
	size_t i;

	for (i = 0; i < list->n_devices; i++) {
		const struct kpsec_device_info *dev = &list->devices[i];

		if (view == SHOW_PEERS) {
			print_peers_table(dev, "");
		} else if (view == SHOW_STATS) {
			print_stats_table(dev, "");
		} else {
			if (i)
				putchar('\n');
			print_device(dev);
		}
	}
}
