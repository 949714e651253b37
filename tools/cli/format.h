/* SPDX-License-Identifier: GPL-2.0 */
/* Text forms of addresses, prefixes and ages, shared by text and JSON output. */
#ifndef KPSEC_CLI_FORMAT_H
#define KPSEC_CLI_FORMAT_H

#include <arpa/inet.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kpsec.h"
#include "parse.h"

#define MAC_STR_LEN sizeof("00:00:00:00:00:00")
#define PREFIX_STR_LEN (INET6_ADDRSTRLEN + sizeof("/128"))
#define KEY_STR_LEN (((KPSEC_KEY_LEN + 2) / 3) * 4 + 1)

void format_mac(char buf[MAC_STR_LEN], const uint8_t mac[ETH_ALEN_BYTES]);

/* "10.42.0.0/16"; @prefix must be set (prefixlen not 0). */
void format_prefix(char buf[PREFIX_STR_LEN], const struct kpsec_prefix *prefix);

/*
 * The address of node @node_id inside @prefix, as derived by the kernel;
 * false when @node_id is 0 or does not fit in the prefix's host part.
 */
bool format_node_address(char buf[INET6_ADDRSTRLEN],
			 const struct kpsec_prefix *prefix, uint32_t node_id);

/* "0.4 s", "3 min 12 s", "2 h 5 min", "3 d 4 h". */
void format_duration(char *buf, size_t size, uint64_t msecs);

/* "0.4 s ago", "3 min 12 s ago", "2 h 5 min ago", "3 d 4 h ago". */
void format_age(char *buf, size_t size, uint64_t msecs);

/* Metrics are in 1/256 of a perfect link (KPSEC_A_NEIGH_METRIC). */
#define METRIC_UNIT 256
#define METRIC_UNUSABLE 65535	/* a link metric: no usable link */
#define METRIC_STR_LEN 24

/* "1.06": @metric / METRIC_UNIT with 2 decimals, rounded half up. */
void format_metric(char buf[METRIC_STR_LEN], uint64_t metric);

/* Like format_metric, but "unusable" for METRIC_UNUSABLE: one link's metric. */
void format_link_metric(char buf[METRIC_STR_LEN], uint64_t metric);

void format_key(char buf[KEY_STR_LEN], const uint8_t key[KPSEC_KEY_LEN]);

#endif /* KPSEC_CLI_FORMAT_H */
