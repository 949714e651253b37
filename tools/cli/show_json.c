// SPDX-License-Identifier: GPL-2.0
/*
 * JSON for scripts: "kpsec -j show".  Every key is always present, null
 * when the value is not set, so the shape of the output never changes.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "format.h"
#include "json.h"
#include "kx.h"
#include "qkd_store.h"
#include "show.h"

static void json_mac(struct json_writer *w, const char *key, bool present,
		     const uint8_t mac[ETH_ALEN_BYTES])
{
	char text[MAC_STR_LEN];

	if (!present) {
		json_null(w, key);
		return;
	}
	format_mac(text, mac);
	json_string(w, key, text);
}

static void json_prefix(struct json_writer *w, const char *key,
			const struct kpsec_prefix *prefix, uint32_t node_id)
{
	char text[PREFIX_STR_LEN], addr[INET6_ADDRSTRLEN];

	if (!prefix->prefixlen) {
		json_null(w, key);
		return;
	}
	format_prefix(text, prefix);
	json_open_object(w, key);
	json_string(w, "prefix", text);
	json_string(w, "address",
		    format_node_address(addr, prefix, node_id) ? addr : NULL);
	json_close_object(w);
}

static void json_stats(struct json_writer *w, const char *key,
		       const struct kpsec_device_info *dev)
{
	size_t i;

	json_open_object(w, key);
	for (i = 0; i < kpsec_stat_count; i++)
		json_u64(w, kpsec_stat_names[i].name,
			 dev->stats[kpsec_stat_names[i].attr]);
	json_close_object(w);
}

static void json_peers(struct json_writer *w, const char *key,
		       const struct kpsec_device_info *dev)
{
	size_t i;

	json_open_array(w, key);
	for (i = 0; i < dev->n_peers; i++) {
		const struct kpsec_peer_info *peer = &dev->peers[i];

		json_open_object(w, NULL);
		json_u64(w, "node_id", peer->node_id);
		json_mac(w, "endpoint", peer->has_endpoint, peer->endpoint);
		json_bool(w, "static_key", peer->has_static_key);
		json_u64(w, "rx_packets", peer->rx_packets);
		json_u64(w, "rx_bytes", peer->rx_bytes);
		json_u64(w, "tx_packets", peer->tx_packets);
		json_u64(w, "tx_bytes", peer->tx_bytes);
		if (peer->has_last_rx)
			json_u64(w, "last_rx_msecs", peer->last_rx_msecs);
		else
			json_null(w, "last_rx_msecs");
		json_close_object(w);
	}
	json_close_array(w);
}

/* A routing timer in milliseconds; null when the kernel did not say. */
static void json_timer(struct json_writer *w, const char *key, bool present,
		       uint32_t msecs)
{
	if (present)
		json_u64(w, key, msecs);
	else
		json_null(w, key);
}

/* The key exchange parameters; null when the kernel does not report them. */
static void json_kx_params(struct json_writer *w, const struct kpsec_device_info *dev)
{
	char flags[TEST_FLAGS_STR_LEN], *p, *comma;
	size_t i;

	for (i = 0; i < KX_PARAMS; i++) {
		const char *key = kpsec_kx_params[i].json;

		if (!dev->has_kx[i]) {
			json_null(w, key);
		} else if (i != KX_PARAM_TEST_FLAGS) {
			json_u64(w, key, dev->kx[i]);
		} else {
			/* An array of flag names, empty when none is set. */
			json_open_array(w, key);
			format_test_flags(flags, dev->kx[i]);
			for (p = dev->kx[i] ? flags : NULL; p; p = comma ? comma + 1 : NULL) {
				comma = strchr(p, ',');
				if (comma)
					*comma = '\0';
				json_string(w, NULL, p);
			}
			json_close_array(w);
		}
	}
}

static void json_device(struct json_writer *w, const struct kpsec_device_info *dev)
{
	char key[KEY_STR_LEN];

	json_open_object(w, NULL);
	json_u64(w, "ifindex", dev->ifindex);
	json_string(w, "ifname", dev->ifname);
	if (dev->bound) {
		json_open_object(w, "lower");
		json_u64(w, "ifindex", dev->lower_ifindex);
		json_string(w, "ifname", dev->lower_ifname[0] ? dev->lower_ifname : NULL);
		json_mac(w, "address", dev->has_lower_addr, dev->lower_addr);
		json_close_object(w);
	} else {
		json_null(w, "lower");
	}
	if (dev->node_id)
		json_u64(w, "node_id", dev->node_id);
	else
		json_null(w, "node_id");
	json_prefix(w, "prefix4", &dev->prefix4, dev->node_id);
	json_prefix(w, "prefix6", &dev->prefix6, dev->node_id);
	if (dev->has_public_key)
		format_key(key, dev->public_key);
	json_string(w, "public_key", dev->has_public_key ? key : NULL);
	json_timer(w, "hello_interval_ms", dev->has_hello_interval, dev->hello_interval);
	json_timer(w, "neigh_timeout_ms", dev->has_neigh_timeout, dev->neigh_timeout);
	json_timer(w, "lsa_interval_ms", dev->has_lsa_interval, dev->lsa_interval);
	json_kx_params(w, dev);
	json_qkd_policy(w, &dev->qkd);
	json_stats(w, "stats", dev);
	json_peers(w, "peers", dev);
	json_close_object(w);
}

void print_devices_json(const struct kpsec_device_list *list, enum show_view view)
{
	struct json_writer w;
	size_t i;

	json_init(&w, stdout);
	if (view == SHOW_PEERS && list->n_devices) {
		json_peers(&w, NULL, &list->devices[0]);
	} else if (view == SHOW_STATS && list->n_devices) {
		json_stats(&w, NULL, &list->devices[0]);
	} else {
		json_open_array(&w, NULL);
		for (i = 0; i < list->n_devices; i++)
			json_device(&w, &list->devices[i]);
		json_close_array(&w);
	}
	putchar('\n');
}
