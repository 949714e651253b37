// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "parse.h"
#include "util.h"

bool is_decimal(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

bool parse_node_id(const char *arg, uint32_t *id)
{
	unsigned long long v;

	if (!is_decimal(arg) || strlen(arg) > 10 ||
	    (v = strtoull(arg, NULL, 10)) < 1 || v > NODE_ID_MAX) {
		report("invalid node id \"%s\": expected a decimal number from 1 to %u",
		       arg, NODE_ID_MAX);
		return false;
	}
	*id = (uint32_t)v;
	return true;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

bool parse_unicast_mac(const char *arg, uint8_t mac[ETH_ALEN_BYTES])
{
	static const uint8_t zero[ETH_ALEN_BYTES];
	const char *p = arg;
	int i;

	for (i = 0; i < ETH_ALEN_BYTES; i++, p += 3) {
		int hi = hex_value(p[0]), lo = hi < 0 ? -1 : hex_value(p[1]);
		char sep = lo < 0 ? 'x' : p[2];

		if (lo < 0 || sep != (i == ETH_ALEN_BYTES - 1 ? '\0' : ':')) {
			report("invalid MAC address \"%s\": expected six hex bytes separated by colons, e.g. 02:00:00:00:00:01",
			       arg);
			return false;
		}
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	if (mac[0] & 1) {
		report("invalid MAC address \"%s\": a multicast address cannot be an endpoint",
		       arg);
		return false;
	}
	if (!memcmp(mac, zero, ETH_ALEN_BYTES)) {
		report("invalid MAC address \"%s\": the all-zero address cannot be an endpoint",
		       arg);
		return false;
	}
	return true;
}

static void bad_prefix_syntax(const char *arg)
{
	report("invalid prefix \"%s\": expected ADDR/LEN (e.g. 10.42.0.0/16 or fd00:42::/64), none4 or none6",
	       arg);
}

/* Report a prefix that kpsec_prefix_validate refused, saying why. */
static void report_invalid_prefix(const char *arg, enum kpsec_prefix_err err,
				  const struct kpsec_mesh_prefix *mp, int af)
{
	struct kpsec_mesh_prefix masked = *mp;
	char buf[INET6_ADDRSTRLEN];
	unsigned int i;

	switch (err) {
	case KPSEC_PREFIX_BAD_LEN:
		if (af == AF_INET)
			report("invalid prefix \"%s\": an IPv4 prefix length must be %d to %d",
			       arg, KPSEC_PREFIX4_MIN, KPSEC_PREFIX4_MAX);
		else
			report("invalid prefix \"%s\": an IPv6 prefix length must be %d to %d",
			       arg, KPSEC_PREFIX6_MIN, KPSEC_PREFIX6_MAX);
		break;
	case KPSEC_PREFIX_HOST_BITS:
		for (i = 0; i < masked.alen; i++) {
			unsigned int keep = masked.plen > i * 8 ? masked.plen - i * 8 : 0;

			if (keep < 8)
				masked.addr[i] &= (uint8_t)(0xff00 >> keep);
		}
		inet_ntop(af, masked.addr, buf, sizeof(buf));
		report("invalid prefix \"%s\": host bits are set (did you mean %s/%u?)",
		       arg, buf, masked.plen);
		break;
	default:
		bad_prefix_syntax(arg);
		break;
	}
}

bool parse_prefix(const char *arg, struct kpsec_prefix *prefix)
{
	struct kpsec_mesh_prefix mp = { 0 };
	char addr[INET6_ADDRSTRLEN];
	const char *slash;
	enum kpsec_prefix_err err;
	int af;

	memset(prefix, 0, sizeof(*prefix));
	if (!strcmp(arg, "none4") || !strcmp(arg, "none6")) {
		prefix->family = arg[4] == '4' ? AF_INET : AF_INET6;
		return true;
	}
	slash = strchr(arg, '/');
	if (!slash || (size_t)(slash - arg) >= sizeof(addr)) {
		bad_prefix_syntax(arg);
		return false;
	}
	memcpy(addr, arg, (size_t)(slash - arg));
	addr[slash - arg] = '\0';
	if (inet_pton(AF_INET, addr, mp.addr) == 1) {
		af = AF_INET;
		mp.alen = 4;
	} else if (inet_pton(AF_INET6, addr, mp.addr) == 1) {
		af = AF_INET6;
		mp.alen = 16;
	} else {
		bad_prefix_syntax(arg);
		return false;
	}
	if (!is_decimal(slash + 1) || strlen(slash + 1) > 3) {
		report("invalid prefix \"%s\": the length after '/' must be a decimal number",
		       arg);
		return false;
	}
	mp.plen = (uint8_t)atoi(slash + 1);
	if (atoi(slash + 1) > mp.alen * 8)
		mp.plen = 0;	/* out of range either way */
	err = kpsec_prefix_validate(&mp);
	if (err != KPSEC_PREFIX_OK) {
		report_invalid_prefix(arg, err, &mp, af);
		return false;
	}
	prefix->family = (uint8_t)af;
	prefix->prefixlen = mp.plen;
	memcpy(prefix->addr, mp.addr, mp.alen);
	return true;
}

bool parse_u32(const char *what, const char *arg, uint32_t min, uint32_t max,
	       const char *unit, uint32_t *value)
{
	unsigned long long v;

	if (!is_decimal(arg) || strlen(arg) > 10 ||
	    (v = strtoull(arg, NULL, 10)) < min || v > max) {
		report("invalid %s \"%s\": expected %s from %u to %u",
		       what, arg, unit, min, max);
		return false;
	}
	*value = (uint32_t)v;
	return true;
}

bool parse_msecs(const char *what, const char *arg, uint32_t min, uint32_t max,
		 uint32_t *msecs)
{
	return parse_u32(what, arg, min, max, "milliseconds", msecs);
}

bool parse_seconds(const char *what, const char *arg, double min, double max,
		   double *seconds)
{
	char *end;
	double v;

	v = strtod(arg, &end);
	if (end == arg || *end || !isfinite(v) || v < min || v > max) {
		report("invalid %s \"%s\": expected seconds from %g to %g",
		       what, arg, min, max);
		return false;
	}
	*seconds = v;
	return true;
}

bool parse_interval(const char *arg, double *seconds)
{
	return parse_seconds("interval", arg, 0.1, 86400, seconds);
}
