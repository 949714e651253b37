// SPDX-License-Identifier: GPL-2.0
/* Unit tests of lib/addr.c: mesh prefixes and node <-> address mapping. */
#include "ktap.h"
#include "addr.h"

static struct kpsec_mesh_prefix prefix4(u8 a, u8 b, u8 c, u8 d, u8 plen)
{
	struct kpsec_mesh_prefix p = { .alen = 4, .plen = plen };

	p.addr[0] = a;
	p.addr[1] = b;
	p.addr[2] = c;
	p.addr[3] = d;
	return p;
}

/* fd00:0:0:0:x:x:x:x with the last 8 bytes from @low (big-endian). */
static struct kpsec_mesh_prefix prefix6(uint64_t low, u8 plen)
{
	struct kpsec_mesh_prefix p = { .alen = 16, .plen = plen };
	int i;

	p.addr[0] = 0xfd;
	p.addr[5] = 0x42;
	for (i = 0; i < 8; i++)
		p.addr[15 - i] = (u8)(low >> (8 * i));
	return p;
}

/* kpsec_prefix_node() on an exact-size copy of @addr (ASan bounds). */
static u32 node_of(const struct kpsec_mesh_prefix *p, const u8 *addr)
{
	u8 *a = ktap_dup(addr, p->alen);
	u32 node = kpsec_prefix_node(p, a);

	free(a);
	return node;
}

static void flip_bit(u8 *a, unsigned int i)
{
	a[i / 8] ^= (u8)(0x80u >> (i % 8));
}

static void test_validate_family(void)
{
	struct kpsec_mesh_prefix p = { .plen = 24 };
	unsigned int alen;

	for (alen = 0; alen < 256; alen++) {
		p.alen = (u8)alen;
		if (alen != 4 && alen != 16)
			KTAP_EXPECT_EQ_CTX(kpsec_prefix_validate(&p),
					   KPSEC_PREFIX_BAD_FAMILY, "alen %u", alen);
	}
}

static void test_validate_len(void)
{
	struct kpsec_mesh_prefix p = { 0 };
	unsigned int plen;

	p.alen = 4;
	for (plen = 0; plen < 256; plen++) {
		p.plen = (u8)plen;
		KTAP_EXPECT_EQ_CTX(kpsec_prefix_validate(&p),
				   plen >= KPSEC_PREFIX4_MIN && plen <= KPSEC_PREFIX4_MAX ?
				   KPSEC_PREFIX_OK : KPSEC_PREFIX_BAD_LEN, "IPv4 /%u", plen);
	}
	p.alen = 16;
	for (plen = 0; plen < 256; plen++) {
		p.plen = (u8)plen;
		KTAP_EXPECT_EQ_CTX(kpsec_prefix_validate(&p),
				   plen >= KPSEC_PREFIX6_MIN && plen <= KPSEC_PREFIX6_MAX ?
				   KPSEC_PREFIX_OK : KPSEC_PREFIX_BAD_LEN, "IPv6 /%u", plen);
	}
	/* The documented bounds themselves. */
	KTAP_EXPECT_EQ(KPSEC_PREFIX4_MIN, 8);
	KTAP_EXPECT_EQ(KPSEC_PREFIX4_MAX, 30);
	KTAP_EXPECT_EQ(KPSEC_PREFIX6_MIN, 64);
	KTAP_EXPECT_EQ(KPSEC_PREFIX6_MAX, 126);
}

static void test_validate_host_bits(void)
{
	struct kpsec_mesh_prefix p;
	unsigned int alen, plen, i;

	p = prefix4(10, 0, 0, 1, 24);
	KTAP_EXPECT_EQ(kpsec_prefix_validate(&p), KPSEC_PREFIX_HOST_BITS);
	p = prefix4(10, 0, 1, 0, 24);
	KTAP_EXPECT_EQ(kpsec_prefix_validate(&p), KPSEC_PREFIX_OK);
	p = prefix4(10, 0, 0, 128, 25);
	KTAP_EXPECT_EQ(kpsec_prefix_validate(&p), KPSEC_PREFIX_OK);
	p = prefix4(10, 0, 0, 64, 25);
	KTAP_EXPECT_EQ(kpsec_prefix_validate(&p), KPSEC_PREFIX_HOST_BITS);

	/* For every valid length: any host bit set is refused, prefix bits are not. */
	for (alen = 4; alen <= 16; alen += 12) {
		unsigned int lo = alen == 4 ? KPSEC_PREFIX4_MIN : KPSEC_PREFIX6_MIN;
		unsigned int hi = alen == 4 ? KPSEC_PREFIX4_MAX : KPSEC_PREFIX6_MAX;

		for (plen = lo; plen <= hi; plen++) {
			memset(&p, 0, sizeof(p));
			p.alen = (u8)alen;
			p.plen = (u8)plen;
			for (i = 0; i < plen; i++)
				flip_bit(p.addr, i);	/* all-ones prefix */
			KTAP_EXPECT_EQ_CTX(kpsec_prefix_validate(&p), KPSEC_PREFIX_OK,
					   "alen %u /%u", alen, plen);
			for (i = plen; i < alen * 8; i++) {
				flip_bit(p.addr, i);
				KTAP_EXPECT_EQ_CTX(kpsec_prefix_validate(&p),
						   KPSEC_PREFIX_HOST_BITS,
						   "alen %u /%u bit %u", alen, plen, i);
				flip_bit(p.addr, i);
			}
		}
	}
}

static void test_fits(void)
{
	struct kpsec_mesh_prefix p;

	p = prefix4(192, 168, 7, 4, 30);
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 0));
	KTAP_EXPECT(kpsec_prefix_fits(&p, 1));
	KTAP_EXPECT(kpsec_prefix_fits(&p, 2));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 3));	/* the broadcast address */
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 4));	/* wider than 2 bits */
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 0xffffffff));

	p = prefix4(192, 168, 7, 0, 24);
	KTAP_EXPECT(kpsec_prefix_fits(&p, 254));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 255));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 256));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 0x10001));

	p = prefix4(10, 1, 0, 0, 16);
	KTAP_EXPECT(kpsec_prefix_fits(&p, 0xfffe));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 0xffff));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 0x10000));

	p = prefix4(10, 0, 0, 0, 8);
	KTAP_EXPECT(kpsec_prefix_fits(&p, 0xfffffe));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 0xffffff));

	/* IPv6: at least 32 host bits except for /97 and longer. */
	p = prefix6(0, 64);
	KTAP_EXPECT(kpsec_prefix_fits(&p, 1));
	KTAP_EXPECT(kpsec_prefix_fits(&p, 0xfffffffe));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 0xffffffff));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 0));
	p = prefix6(0, 96);
	KTAP_EXPECT(kpsec_prefix_fits(&p, 0xfffffffe));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 0xffffffff));
	p = prefix6(0, 100);
	KTAP_EXPECT(kpsec_prefix_fits(&p, 0x0ffffffe));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 0x0fffffff));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 0x10000000));
	p = prefix6(0, 126);
	KTAP_EXPECT(kpsec_prefix_fits(&p, 1));
	KTAP_EXPECT(kpsec_prefix_fits(&p, 2));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 3));
	KTAP_EXPECT(!kpsec_prefix_fits(&p, 4));
}

static void test_known_addresses(void)
{
	static const u8 want4[4] = { 10, 1, 1, 2 };
	static const u8 want6[16] = {
		0xfd, 0, 0, 0, 0, 0x42, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xfe,
	};
	struct kpsec_mesh_prefix p;
	u8 out[17];

	p = prefix4(10, 1, 0, 0, 16);
	memset(out, 0xa5, sizeof(out));
	kpsec_prefix_addr(&p, 0x0102, out);
	KTAP_EXPECT_MEM(out, want4, 4);
	KTAP_EXPECT_EQ(out[4], 0xa5);	/* writes alen bytes only */
	KTAP_EXPECT_EQ(node_of(&p, out), 0x0102);

	p = prefix6(0, 64);
	memset(out, 0xa5, sizeof(out));
	kpsec_prefix_addr(&p, 0xfffffffe, out);
	KTAP_EXPECT_MEM(out, want6, 16);
	KTAP_EXPECT_EQ(out[16], 0xa5);
	KTAP_EXPECT_EQ(node_of(&p, out), 0xfffffffe);
}

/* Every sampled node that fits maps to an address and back. */
static void round_trip(const struct kpsec_mesh_prefix *p, uint64_t *seed)
{
	u64 max = p->alen * 8u - p->plen >= 32 ? 0xfffffffe :
		  (1ULL << (p->alen * 8u - p->plen)) - 2;
	u8 addr[16];
	unsigned int i, b;

	KTAP_EXPECT_EQ(kpsec_prefix_validate(p), KPSEC_PREFIX_OK);
	for (i = 0; i < 20000; i++) {
		u32 node;

		if (i < 3)
			node = i == 0 ? 1 : i == 1 ? 2 : (u32)max;
		else
			node = (u32)(ktap_rand(seed) % max + 1);
		KTAP_EXPECT_EQ_CTX(kpsec_prefix_fits(p, node), 1, "/%u node 0x%x",
				   p->plen, node);
		kpsec_prefix_addr(p, node, addr);
		KTAP_EXPECT_EQ_CTX(node_of(p, addr), node, "/%u node 0x%x",
				   p->plen, node);
		/* The address keeps the prefix. */
		for (b = 0; b < p->plen; b++)
			KTAP_EXPECT_EQ_CTX(addr[b / 8] >> (7 - b % 8) & 1,
					   p->addr[b / 8] >> (7 - b % 8) & 1,
					   "/%u node 0x%x bit %u", p->plen, node, b);
	}
}

static void test_round_trip(void)
{
	uint64_t seed = 0x5eed0a0d;
	struct kpsec_mesh_prefix p;

	p = prefix4(10, 1, 0, 0, 16);
	round_trip(&p, &seed);
	p = prefix4(192, 168, 7, 0, 24);
	round_trip(&p, &seed);
	p = prefix4(192, 168, 7, 4, 30);
	round_trip(&p, &seed);
	p = prefix4(255, 0, 0, 0, 8);
	round_trip(&p, &seed);
	p = prefix6(0x1234567800000000ULL, 64 + 32);	/* a /96 */
	round_trip(&p, &seed);
	p = prefix6(0, 64);
	round_trip(&p, &seed);
	p = prefix6(0xffffffffffff0000ULL, 112);
	round_trip(&p, &seed);
	p = prefix6(0xfffffffffffffffcULL, 126);
	round_trip(&p, &seed);
}

static void test_exhaustive_last_byte(void)
{
	struct kpsec_mesh_prefix p24 = prefix4(192, 168, 7, 0, 24);
	struct kpsec_mesh_prefix p30 = prefix4(192, 168, 7, 4, 30);
	struct kpsec_mesh_prefix p126 = prefix6(0xfffffffffffffffcULL, 126);
	u8 a4[4] = { 192, 168, 7, 0 };
	u8 a6[16];
	unsigned int v;

	memcpy(a6, p126.addr, 16);
	for (v = 0; v < 256; v++) {
		a4[3] = (u8)v;
		a6[15] = (u8)v;
		/* Host 0 (the prefix) and all ones (broadcast) are no node. */
		KTAP_EXPECT_EQ_CTX(node_of(&p24, a4), v >= 1 && v <= 254 ? v : 0,
				   "192.168.7.%u in /24", v);
		KTAP_EXPECT_EQ_CTX(node_of(&p30, a4), v == 5 || v == 6 ? v - 4 : 0,
				   "192.168.7.%u in /30", v);
		KTAP_EXPECT_EQ_CTX(node_of(&p126, a6),
				   v == 0xfd || v == 0xfe ? v - 0xfc : 0,
				   "..ff%02x in /126", v);
	}
}

static void test_outside_prefix(void)
{
	static const struct kpsec_mesh_prefix ps[] = {
		{ 4, 16, { 10, 1 } },
		{ 4, 24, { 192, 168, 7 } },
		{ 4, 30, { 192, 168, 7, 4 } },
		{ 16, 64, { 0xfd, 0, 0, 0, 0, 0x42 } },
		{ 16, 96, { 0xfd, 0, 0, 0, 0, 0x42 } },
		{ 16, 126, { 0xfd, 0, 0, 0, 0, 0x42 } },
	};
	u8 addr[16];
	unsigned int i, b;

	for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
		kpsec_prefix_addr(&ps[i], 1, addr);
		KTAP_EXPECT_EQ(node_of(&ps[i], addr), 1);
		for (b = 0; b < ps[i].plen; b++) {
			flip_bit(addr, b);
			KTAP_EXPECT_EQ_CTX(node_of(&ps[i], addr), 0, "/%u bit %u",
					   ps[i].plen, b);
			flip_bit(addr, b);
		}
	}
}

static void test_host_extremes(void)
{
	struct kpsec_mesh_prefix p;
	u8 addr[16];

	/* /96: exactly 32 host bits, so all ones is 0xffffffff: reserved. */
	p = prefix6(0, 96);
	memcpy(addr, p.addr, 16);
	KTAP_EXPECT_EQ(node_of(&p, addr), 0);
	memset(addr + 12, 0xff, 4);
	KTAP_EXPECT_EQ(node_of(&p, addr), 0);
	addr[15] = 0xfe;
	KTAP_EXPECT_EQ(node_of(&p, addr), 0xfffffffe);

	/* /16 prefix address and broadcast. */
	p = prefix4(10, 1, 0, 0, 16);
	memcpy(addr, p.addr, 4);
	KTAP_EXPECT_EQ(node_of(&p, addr), 0);
	addr[2] = addr[3] = 0xff;
	KTAP_EXPECT_EQ(node_of(&p, addr), 0);
	addr[3] = 0xfe;
	KTAP_EXPECT_EQ(node_of(&p, addr), 0xfffe);
}

static void test_ipv6_high_host_bits(void)
{
	static const unsigned int plens[] = { 64, 65, 80, 95 };
	struct kpsec_mesh_prefix p;
	u8 addr[16];
	unsigned int i, b;

	/*
	 * Node IDs are 32 bits: a host part with bits set above them names
	 * no node, even though its low 32 bits alone would be valid.
	 */
	for (i = 0; i < sizeof(plens) / sizeof(plens[0]); i++) {
		p = prefix6(0, (u8)plens[i]);
		kpsec_prefix_addr(&p, 0x1234, addr);
		KTAP_EXPECT_EQ(node_of(&p, addr), 0x1234);
		for (b = plens[i]; b < 96; b++) {
			flip_bit(addr, b);
			KTAP_EXPECT_EQ_CTX(node_of(&p, addr), 0, "/%u bit %u",
					   plens[i], b);
			flip_bit(addr, b);
		}
		/* All of them at once, low part all ones too. */
		memset(addr + 8, 0xff, 8);
		KTAP_EXPECT_EQ_CTX(node_of(&p, addr), 0, "/%u all ones", plens[i]);
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_validate_family),
	KTAP_CASE(test_validate_len),
	KTAP_CASE(test_validate_host_bits),
	KTAP_CASE(test_fits),
	KTAP_CASE(test_known_addresses),
	KTAP_CASE(test_round_trip),
	KTAP_CASE(test_exhaustive_last_byte),
	KTAP_CASE(test_outside_prefix),
	KTAP_CASE(test_host_extremes),
	KTAP_CASE(test_ipv6_high_host_bits),
};

KTAP_MAIN(cases)
