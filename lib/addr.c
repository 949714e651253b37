// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "addr.h"

static unsigned int host_bits(const struct kpsec_mesh_prefix *p)
{
	return p->alen * 8u - p->plen;
}

/* Bit @i of a big-endian address, 0 = most significant. */
static unsigned int addr_bit(const u8 *a, unsigned int i)
{
	return a[i / 8] >> (7 - i % 8) & 1;
}

enum kpsec_prefix_err kpsec_prefix_validate(const struct kpsec_mesh_prefix *p)
{
	unsigned int i;

	if (p->alen == 4) {
		if (p->plen < KPSEC_PREFIX4_MIN || p->plen > KPSEC_PREFIX4_MAX)
			return KPSEC_PREFIX_BAD_LEN;
	} else if (p->alen == 16) {
		if (p->plen < KPSEC_PREFIX6_MIN || p->plen > KPSEC_PREFIX6_MAX)
			return KPSEC_PREFIX_BAD_LEN;
	} else {
		return KPSEC_PREFIX_BAD_FAMILY;
	}
	for (i = p->plen; i < p->alen * 8u; i++)
		if (addr_bit(p->addr, i))
			return KPSEC_PREFIX_HOST_BITS;
	return KPSEC_PREFIX_OK;
}

/* Largest node ID whose host part fits: min(2^hb - 2, 2^32 - 2). */
static u64 max_node(const struct kpsec_mesh_prefix *p)
{
	unsigned int hb = host_bits(p);

	if (hb >= 32)
		return 0xfffffffeULL;
	return (1ULL << hb) - 2;
}

bool kpsec_prefix_fits(const struct kpsec_mesh_prefix *p, u32 node)
{
	return node != 0 && node <= max_node(p);
}

u32 kpsec_prefix_node(const struct kpsec_mesh_prefix *p, const u8 *addr)
{
	unsigned int i, hb = host_bits(p), n = p->alen * 8u;
	u64 host = 0;

	for (i = 0; i < p->plen; i++)
		if (addr_bit(addr, i) != addr_bit(p->addr, i))
			return 0;
	/* Host bits above the low 32 must be zero for a node address. */
	for (i = p->plen; i + 32 < n; i++)
		if (addr_bit(addr, i))
			return 0;
	for (i = hb > 32 ? n - 32 : p->plen; i < n; i++)
		host = host << 1 | addr_bit(addr, i);
	if (host == 0 || host > max_node(p))
		return 0;
	return (u32)host;
}

void kpsec_prefix_addr(const struct kpsec_mesh_prefix *p, u32 node, u8 *addr)
{
	unsigned int i;

	for (i = 0; i < p->alen; i++)
		addr[i] = p->addr[i];
	for (i = 0; i < 4 && i < p->alen; i++)
		addr[p->alen - 1 - i] |= (u8)(node >> (8 * i));
}
