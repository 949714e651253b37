/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsers for the values given on the command line.  Each reports its own
 * error naming the value and the reason, and returns false.
 */
#ifndef KPSEC_CLI_PARSE_H
#define KPSEC_CLI_PARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "kpsec.h"

#define ETH_ALEN_BYTES 6

/* Largest node ID: 2^32 - 2 (all ones is reserved). */
#define NODE_ID_MAX 0xfffffffeU

/* A node ID in decimal, 1 .. NODE_ID_MAX. */
/* @s is a non-empty string of decimal digits. */
bool is_decimal(const char *s);
bool parse_node_id(const char *arg, uint32_t *id);

/* A unicast MAC address: six hex byte pairs separated by colons. */
bool parse_unicast_mac(const char *arg, uint8_t mac[ETH_ALEN_BYTES]);

/*
 * ADDR/LEN with the family taken from ADDR, or "none4" / "none6" which
 * give prefixlen 0 (clears that family's prefix).  Checked with
 * kpsec_prefix_validate: length in range, host bits zero.
 */
bool parse_prefix(const char *arg, struct kpsec_prefix *prefix);

/*
 * A decimal from @min to @max, for the keyword @what, of @unit ("seconds",
 * "a number of keys"): 'invalid <what> "x": expected <unit> from 5 to 604800'.
 */
bool parse_u32(const char *what, const char *arg, uint32_t min, uint32_t max,
	       const char *unit, uint32_t *value);

/*
 * A duration in milliseconds, a decimal from @min to @max, for the
 * keyword @what: 'invalid <what> "x": expected milliseconds from 50 to 10000'.
 */
bool parse_msecs(const char *what, const char *arg, uint32_t min, uint32_t max,
		 uint32_t *msecs);

/*
 * Seconds, a decimal (fractions allowed) from @min to @max, for @what:
 * 'invalid <what> "x": expected seconds from 0.1 to 86400'.
 */
bool parse_seconds(const char *what, const char *arg, double min, double max,
		   double *seconds);

/* Seconds between refreshes for watch mode: a decimal, 0.1 .. 86400. */
bool parse_interval(const char *arg, double *seconds);

#endif /* KPSEC_CLI_PARSE_H */
