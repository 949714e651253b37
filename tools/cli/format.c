// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "base64.h"
#include "format.h"

void format_mac(char buf[MAC_STR_LEN], const uint8_t mac[ETH_ALEN_BYTES])
{
	snprintf(buf, MAC_STR_LEN, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

static unsigned int address_len(const struct kpsec_prefix *prefix)
{
	return prefix->family == AF_INET ? 4 : 16;
}

void format_prefix(char buf[PREFIX_STR_LEN], const struct kpsec_prefix *prefix)
{
	char addr[INET6_ADDRSTRLEN];

	if (!inet_ntop(prefix->family, prefix->addr, addr, sizeof(addr)))
		snprintf(addr, sizeof(addr), "?");
	snprintf(buf, PREFIX_STR_LEN, "%s/%u", addr, prefix->prefixlen);
}

bool format_node_address(char buf[INET6_ADDRSTRLEN],
			 const struct kpsec_prefix *prefix, uint32_t node_id)
{
	struct kpsec_mesh_prefix mp = {
		.alen = (u8)address_len(prefix),
		.plen = prefix->prefixlen,
	};
	uint8_t addr[16];

	memcpy(mp.addr, prefix->addr, mp.alen);
	if (!node_id || kpsec_prefix_validate(&mp) != KPSEC_PREFIX_OK ||
	    !kpsec_prefix_fits(&mp, node_id))
		return false;
	kpsec_prefix_addr(&mp, node_id, addr);
	return inet_ntop(prefix->family, addr, buf, INET6_ADDRSTRLEN) != NULL;
}

void format_duration(char *buf, size_t size, uint64_t msecs)
{
	uint64_t s = msecs / 1000;

	if (s < 60)
		snprintf(buf, size, "%llu.%llu s", (unsigned long long)s,
			 (unsigned long long)(msecs % 1000 / 100));
	else if (s < 3600)
		snprintf(buf, size, "%llu min %llu s",
			 (unsigned long long)(s / 60), (unsigned long long)(s % 60));
	else if (s < 86400)
		snprintf(buf, size, "%llu h %llu min",
			 (unsigned long long)(s / 3600),
			 (unsigned long long)(s % 3600 / 60));
	else
		snprintf(buf, size, "%llu d %llu h",
			 (unsigned long long)(s / 86400),
			 (unsigned long long)(s % 86400 / 3600));
}

void format_age(char *buf, size_t size, uint64_t msecs)
{
	char duration[32];

	format_duration(duration, sizeof(duration), msecs);
	snprintf(buf, size, "%s ago", duration);
}

void format_metric(char buf[METRIC_STR_LEN], uint64_t metric)
{
	/* Integer arithmetic: the same digits everywhere, no binary rounding. */
	uint64_t hundredths = (metric * 100 + METRIC_UNIT / 2) / METRIC_UNIT;

	snprintf(buf, METRIC_STR_LEN, "%llu.%02llu",
		 (unsigned long long)(hundredths / 100),
		 (unsigned long long)(hundredths % 100));
}

void format_link_metric(char buf[METRIC_STR_LEN], uint64_t metric)
{
	if (metric == METRIC_UNUSABLE)
		snprintf(buf, METRIC_STR_LEN, "unusable");
	else
		format_metric(buf, metric);
}

void format_key(char buf[KEY_STR_LEN], const uint8_t key[KPSEC_KEY_LEN])
{
	kpsec_b64_encode(buf, key, KPSEC_KEY_LEN);
}
