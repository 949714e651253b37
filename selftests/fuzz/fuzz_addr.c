// SPDX-License-Identifier: GPL-2.0
/*
 * Differential fuzzing of lib/addr.c: the node an arbitrary destination
 * address names inside an arbitrary valid mesh prefix, against a
 * reference computed with 128-bit integers, and the node -> address ->
 * node round trip.
 *
 * Input: family/length byte, length byte, 16 prefix bytes, 16 address
 * bytes, 4 node bytes (missing bytes read as zero).
 */
#include "fuzz.h"
#include "addr.h"

typedef unsigned __int128 u128;

static u128 to_u128(const uint8_t *a, unsigned int alen)
{
	u128 v = 0;
	unsigned int i;

	for (i = 0; i < alen; i++)
		v = v << 8 | a[i];
	return v;
}

/* What kpsec_prefix_node() must answer, from the definition. */
static uint32_t ref_node(const struct kpsec_mesh_prefix *p, const uint8_t *addr)
{
	unsigned int hb = p->alen * 8u - p->plen;
	u128 host_mask = ((u128)1 << hb) - 1;
	u128 a = to_u128(addr, p->alen), pre = to_u128(p->addr, p->alen);
	u128 host = a & host_mask;

	if ((a & ~host_mask) != pre)
		return 0;
	if (host == 0 || host == host_mask || host > 0xfffffffe)
		return 0;
	return (uint32_t)host;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t buf[2 + 16 + 16 + 4] = { 0 }, out[16];
	struct kpsec_mesh_prefix p = { 0 };
	unsigned int lo, hi, hb, i;
	uint8_t *addr;
	uint32_t node, want;

	memcpy(buf, data, size < sizeof(buf) ? size : sizeof(buf));

	/* Validation of the raw prefix against its definition. */
	p.alen = buf[0];
	p.plen = buf[1];
	memcpy(p.addr, buf + 2, 16);
	if (kpsec_prefix_validate(&p) == KPSEC_PREFIX_OK) {
		FUZZ_CHECK(p.alen == 4 || p.alen == 16);
		hb = p.alen * 8u - p.plen;
		FUZZ_CHECK(!(to_u128(p.addr, p.alen) & (((u128)1 << hb) - 1)));
	}

	/* From here on a valid prefix: the other functions require one. */
	p.alen = buf[0] & 1 ? 16 : 4;
	lo = p.alen == 4 ? KPSEC_PREFIX4_MIN : KPSEC_PREFIX6_MIN;
	hi = p.alen == 4 ? KPSEC_PREFIX4_MAX : KPSEC_PREFIX6_MAX;
	p.plen = buf[1] >= lo && buf[1] <= hi ? buf[1] :
		 (uint8_t)(lo + buf[1] % (hi - lo + 1));
	hb = p.alen * 8u - p.plen;
	for (i = p.plen; i < p.alen * 8u; i++)
		p.addr[i / 8] &= (uint8_t)~(0x80u >> (i % 8));
	FUZZ_CHECK(kpsec_prefix_validate(&p) == KPSEC_PREFIX_OK);

	/* Bytes 2..5 of the address may copy the prefix, to get inside it. */
	addr = malloc(p.alen);
	FUZZ_CHECK(addr);
	memcpy(addr, buf[0] & 2 ? p.addr : buf + 18, p.alen);
	for (i = 0; i < 4 && buf[0] & 2; i++)
		addr[p.alen - 4 + i] ^= buf[18 + i];
	if (buf[0] & 4)	/* ... and the high host bits be cleared */
		for (i = p.plen; i + 32 < p.alen * 8u; i++)
			addr[i / 8] &= (uint8_t)~(0x80u >> (i % 8));

	node = kpsec_prefix_node(&p, addr);
	want = ref_node(&p, addr);
	FUZZ_CHECK(node == want);
	if (node) {
		FUZZ_CHECK(kpsec_prefix_fits(&p, node));
		/* The address of a node is unique: it is this address. */
		kpsec_prefix_addr(&p, node, out);
		FUZZ_CHECK(!memcmp(out, addr, p.alen));
	}
	free(addr);

	/* Node -> address -> node, for the node in the input. */
	node = (uint32_t)buf[34] << 24 | (uint32_t)buf[35] << 16 |
	       (uint32_t)buf[36] << 8 | buf[37];
	if (buf[0] & 8 && hb < 32)	/* often small enough to fit */
		node &= (uint32_t)((1ULL << hb) - 1);
	if (kpsec_prefix_fits(&p, node)) {
		addr = malloc(p.alen);
		FUZZ_CHECK(addr);
		kpsec_prefix_addr(&p, node, addr);
		FUZZ_CHECK(kpsec_prefix_node(&p, addr) == node);
		FUZZ_CHECK(ref_node(&p, addr) == node);
		free(addr);
	} else {
		FUZZ_CHECK(node == 0 || node == 0xffffffff ||
			   (hb < 32 && node >= (1ULL << hb) - 1));
	}
	return 0;
}
