// SPDX-License-Identifier: GPL-2.0
/*
 * Host test of "kpsec show" without a kernel: builds the GET_DEVICE dump
 * replies a kernel would send -- one device split over two messages, its
 * peers continuing in the second, and a second, unconfigured device --
 * merges them as the CLI does and prints them in the view asked for.
 *
 * Usage: show_fixture text|peers|stats|json|peers-json|stats-json
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "device.h"
#include "show.h"

#define FAMILY_ID 0x42

struct fake_peer {
	uint32_t node_id;
	const uint8_t *endpoint;
	bool static_key;
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	long long last_rx_msecs;	/* -1: never */
};

static const uint8_t lower_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
static const uint8_t mac2[6] = { 0x02, 0x00, 0x00, 0x00, 0x02, 0x00 };
static const uint8_t mac3[6] = { 0x02, 0x00, 0x00, 0x00, 0x03, 0x00 };

static void put_prefix(struct nl_msg *msg, int attr, int family, const char *addr,
		       int len)
{
	struct kpsec_prefix p = { .family = (uint8_t)family, .prefixlen = (uint8_t)len };

	inet_pton(family, addr, p.addr);
	nla_put(msg, attr, sizeof(p), &p);
}

static void put_peers(struct nl_msg *msg, const struct fake_peer *peers, int n)
{
	struct nlattr *list = nla_nest_start(msg, KPSEC_A_DEVICE_PEERS);
	int i;

	for (i = 0; i < n; i++) {
		struct nlattr *entry = nla_nest_start(msg, i);

		nla_put_u32(msg, KPSEC_A_PEER_NODE_ID, peers[i].node_id);
		if (peers[i].endpoint)
			nla_put(msg, KPSEC_A_PEER_ENDPOINT, 6, peers[i].endpoint);
		if (peers[i].static_key)
			nla_put_flag(msg, KPSEC_A_PEER_HAS_STATIC_KEY);
		nla_put_u64(msg, KPSEC_A_PEER_RX_PACKETS, peers[i].rx_packets);
		nla_put_u64(msg, KPSEC_A_PEER_RX_BYTES, peers[i].rx_bytes);
		nla_put_u64(msg, KPSEC_A_PEER_TX_PACKETS, peers[i].tx_packets);
		nla_put_u64(msg, KPSEC_A_PEER_TX_BYTES, peers[i].tx_bytes);
		if (peers[i].last_rx_msecs >= 0)
			nla_put_u64(msg, KPSEC_A_PEER_LAST_RX_MSECS,
				    (uint64_t)peers[i].last_rx_msecs);
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, list);
}

/* One message of kpsec0 (ifindex 7): the device attributes and @peers. */
static struct nl_msg *kpsec0_message(const struct fake_peer *peers, int n,
				     uint64_t rx_packets)
{
	static const uint8_t public_key[32] = {
		0x85, 0x20, 0xf0, 0x09, 0x89, 0x30, 0xa7, 0x54, 0x74, 0x8b, 0x7d,
		0xdc, 0xb4, 0x3e, 0xf7, 0x5a, 0x0d, 0xbf, 0x3a, 0x0d, 0x26, 0x38,
		0x1a, 0xf4, 0xeb, 0xa4, 0xa9, 0x8e, 0xaa, 0x9b, 0x4e, 0x6a,
	};
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *stats;
	int i;

	genlmsg_put(msg, 0, 1, FAMILY_ID, 0, NLM_F_MULTI, KPSEC_CMD_GET_DEVICE,
		    KPSEC_GENL_VERSION);
	nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, 7);
	nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, "kpsec0");
	nla_put_u32(msg, KPSEC_A_DEVICE_LOWER_IFINDEX, 3);
	nla_put_string(msg, KPSEC_A_DEVICE_LOWER_IFNAME, "wlan0");
	nla_put(msg, KPSEC_A_DEVICE_LOWER_ADDR, 6, lower_mac);
	nla_put_u32(msg, KPSEC_A_DEVICE_NODE_ID, 1);
	put_prefix(msg, KPSEC_A_DEVICE_PREFIX4, AF_INET, "10.42.0.0", 16);
	put_prefix(msg, KPSEC_A_DEVICE_PREFIX6, AF_INET6, "fd00:42::", 64);
	nla_put(msg, KPSEC_A_DEVICE_PUBLIC_KEY, 32, public_key);
	stats = nla_nest_start(msg, KPSEC_A_DEVICE_STATS);
	for (i = KPSEC_A_STATS_RX_PACKETS; i <= KPSEC_A_STATS_TX_ERRORS; i++)
		nla_put_u64(msg, i, i == KPSEC_A_STATS_RX_PACKETS ? rx_packets : (uint64_t)i * 10);
	nla_nest_end(msg, stats);
	put_peers(msg, peers, n);
	return msg;
}

/* kpsec1 (ifindex 9): created but not configured. */
static struct nl_msg *kpsec1_message(void)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *stats;

	genlmsg_put(msg, 0, 1, FAMILY_ID, 0, NLM_F_MULTI, KPSEC_CMD_GET_DEVICE,
		    KPSEC_GENL_VERSION);
	nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, 9);
	nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, "kpsec1");
	nla_put_u32(msg, KPSEC_A_DEVICE_NODE_ID, 0);
	stats = nla_nest_start(msg, KPSEC_A_DEVICE_STATS);
	nla_nest_end(msg, stats);
	return msg;
}

int main(int argc, char **argv)
{
	static const struct fake_peer first[] = {
		{ 3, mac3, true, 5, 500, 6, 600, 61500 },
		{ 1000, NULL, false, 0, 0, 0, 0, -1 },
	};
	static const struct fake_peer second[] = {
		{ 2, mac2, true, 1234567, 1500000000, 7654321, 9876543210ULL, 1234 },
	};
	struct kpsec_device_list list = { 0 };
	struct nl_msg *msgs[3];
	const char *view = argc > 1 ? argv[1] : "text";
	bool only_kpsec0 = strncmp(view, "text", 4) && strcmp(view, "json");
	int i, n = only_kpsec0 ? 2 : 3;

	msgs[0] = kpsec0_message(first, 2, 100);
	msgs[1] = kpsec0_message(second, 1, 101);	/* device attrs repeat */
	msgs[2] = kpsec1_message();
	for (i = 0; i < n; i++) {
		if (!kpsec_merge_device_reply(msgs[i], &list))
			return 1;
		nlmsg_free(msgs[i]);
	}
	if (only_kpsec0)
		nlmsg_free(msgs[2]);
	kpsec_sort_peers(&list);

	if (!strcmp(view, "text"))
		print_devices_text(&list, SHOW_DEVICE);
	else if (!strcmp(view, "peers"))
		print_devices_text(&list, SHOW_PEERS);
	else if (!strcmp(view, "stats"))
		print_devices_text(&list, SHOW_STATS);
	else if (!strcmp(view, "json"))
		print_devices_json(&list, SHOW_DEVICE);
	else if (!strcmp(view, "peers-json"))
		print_devices_json(&list, SHOW_PEERS);
	else if (!strcmp(view, "stats-json"))
		print_devices_json(&list, SHOW_STATS);
	else
		return 2;
	kpsec_device_list_free(&list);
	return 0;
}
