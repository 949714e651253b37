// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of lib/ctrl.c: HELLO and LSA bodies (layout, round trips,
 * every rejection), TLV iteration, serial-number order, the ETX link
 * metric and the link-quality window.
 */
#include "ktap.h"
#include "ctrl.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Parse @len bytes of @buf from an exact-size heap copy (ASan bounds). */
static enum kpsec_ctrl_err hello_parse_copy(const u8 *buf, size_t len)
{
	struct kpsec_hello h;
	u8 *p = ktap_dup(buf, len);
	enum kpsec_ctrl_err e = kpsec_hello_parse(&h, p, len);

	free(p);
	return e;
}

static enum kpsec_ctrl_err lsa_parse_copy(const u8 *buf, size_t len)
{
	struct kpsec_lsa l;
	u8 *p = ktap_dup(buf, len);
	enum kpsec_ctrl_err e = kpsec_lsa_parse(&l, p, len);

	free(p);
	return e;
}

/* ---- HELLO ---- */

static const struct kpsec_hello_neigh neighs3[] = {
	{ .node = 0x0a0b0c0d, .quality = 255, .flags = KPSEC_HELLO_F_SYM },
	{ .node = 1, .quality = 0, .flags = 0 },
	{ .node = 0xfffffffe, .quality = 0x80, .flags = 0xfe },
};

static const u8 hello3[] = {
	0x00, 0xfa, 0x00, 0x03,			/* 250 ms, 3 entries */
	0x0a, 0x0b, 0x0c, 0x0d, 0xff, 0x01, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0xff, 0xff, 0xff, 0xfe, 0x80, 0xfe, 0x00, 0x00,
};

static void test_hello_layout(void)
{
	u8 out[sizeof(hello3) + 1];

	KTAP_EXPECT_EQ(kpsec_hello_len(0), KPSEC_HELLO_FIXED);
	KTAP_EXPECT_EQ(kpsec_hello_len(3), sizeof(hello3));
	KTAP_EXPECT_EQ(kpsec_hello_len(65535), 4 + 65535 * 8);
	memset(out, 0xa5, sizeof(out));
	KTAP_EXPECT_EQ(kpsec_hello_encode(out, sizeof(out), 250, neighs3, 3),
		       sizeof(hello3));
	KTAP_EXPECT_MEM(out, hello3, sizeof(hello3));
	KTAP_EXPECT_EQ(out[sizeof(hello3)], 0xa5);	/* no overrun */

	/* An empty HELLO: just the interval and a zero count. */
	memset(out, 0xa5, sizeof(out));
	KTAP_EXPECT_EQ(kpsec_hello_encode(out, 4, 0x1234, NULL, 0), 4);
	KTAP_EXPECT_EQ(out[0], 0x12);
	KTAP_EXPECT_EQ(out[1], 0x34);
	KTAP_EXPECT_EQ(out[2], 0);
	KTAP_EXPECT_EQ(out[3], 0);
	KTAP_EXPECT_EQ(out[4], 0xa5);
}

static void test_hello_encode_cap(void)
{
	u8 out[sizeof(hello3)];
	size_t cap;

	/* Too small: 0, and nothing written. */
	for (cap = 0; cap < sizeof(hello3); cap++) {
		memset(out, 0xa5, sizeof(out));
		KTAP_EXPECT_EQ_CTX(kpsec_hello_encode(out, cap, 250, neighs3, 3), 0,
				   "cap %zu", cap);
		KTAP_EXPECT_EQ_CTX(out[0], 0xa5, "cap %zu", cap);
	}
	KTAP_EXPECT_EQ(kpsec_hello_encode(out, 3, 250, NULL, 0), 0);
	KTAP_EXPECT_EQ(kpsec_hello_encode(out, 0, 250, NULL, 0), 0);
}

static void test_hello_parse(void)
{
	struct kpsec_hello h;
	struct kpsec_hello_neigh n;
	unsigned int i;

	KTAP_EXPECT_EQ(kpsec_hello_parse(&h, hello3, sizeof(hello3)), KPSEC_CTRL_OK);
	KTAP_EXPECT_EQ(h.interval_ms, 250);
	KTAP_EXPECT_EQ(h.count, 3);
	KTAP_EXPECT(h.entries == hello3 + KPSEC_HELLO_FIXED);
	for (i = 0; i < 3; i++) {
		memset(&n, 0x5a, sizeof(n));
		kpsec_hello_entry(&h, i, &n);
		KTAP_EXPECT_EQ_CTX(n.node, neighs3[i].node, "entry %u", i);
		KTAP_EXPECT_EQ_CTX(n.quality, neighs3[i].quality, "entry %u", i);
		KTAP_EXPECT_EQ_CTX(n.flags, neighs3[i].flags, "entry %u", i);
	}
	KTAP_EXPECT_EQ(hello_parse_copy(hello3, sizeof(hello3)), KPSEC_CTRL_OK);
	/* An empty HELLO is fine: a node that hears nobody yet. */
	KTAP_EXPECT_EQ(hello_parse_copy((const u8[]){ 0, 1, 0, 0 }, 4), KPSEC_CTRL_OK);
	KTAP_EXPECT_EQ(hello_parse_copy((const u8[]){ 0xff, 0xff, 0, 0 }, 4),
		       KPSEC_CTRL_OK);
}

static void test_hello_round_trip(void)
{
	static struct kpsec_hello_neigh in[300];
	static u8 buf[4 + 300 * 8];
	uint64_t seed = 0x5eed0c01;
	struct kpsec_hello h;
	struct kpsec_hello_neigh n;
	unsigned int it, i, count;
	size_t len;
	u16 interval;
	u8 *p;

	for (it = 0; it < 2000; it++) {
		count = it < 300 ? it : (unsigned int)(ktap_rand(&seed) % 300);
		interval = (u16)(ktap_rand(&seed) % 65535 + 1);
		for (i = 0; i < count; i++) {
			uint64_t r = ktap_rand(&seed);

			in[i].node = (u32)(r % 0xfffffffe) + 1;
			in[i].quality = (u8)(r >> 40);
			in[i].flags = (u8)(r >> 48);
		}
		len = kpsec_hello_encode(buf, sizeof(buf), interval, in, (u16)count);
		KTAP_EXPECT_EQ_CTX(len, kpsec_hello_len(count), "it %u", it);
		p = ktap_dup(buf, len);
		KTAP_EXPECT_EQ_CTX(kpsec_hello_parse(&h, p, len), KPSEC_CTRL_OK,
				   "it %u", it);
		KTAP_EXPECT_EQ(h.interval_ms, interval);
		KTAP_EXPECT_EQ(h.count, count);
		for (i = 0; i < count && i < h.count; i++) {
			kpsec_hello_entry(&h, i, &n);
			KTAP_EXPECT_EQ_CTX(n.node, in[i].node, "it %u entry %u", it, i);
			KTAP_EXPECT_EQ_CTX(n.quality, in[i].quality, "it %u entry %u", it, i);
			KTAP_EXPECT_EQ_CTX(n.flags, in[i].flags, "it %u entry %u", it, i);
		}
		free(p);
	}
}

static void test_hello_reject_length(void)
{
	u8 buf[sizeof(hello3) + 16];
	size_t len;

	/* No room for the fixed part. */
	for (len = 0; len < KPSEC_HELLO_FIXED; len++)
		KTAP_EXPECT_EQ_CTX(hello_parse_copy(hello3, len), KPSEC_CTRL_SHORT,
				   "len %zu", len);
	/* Fewer bytes than the count says. */
	for (len = KPSEC_HELLO_FIXED; len < sizeof(hello3); len++)
		KTAP_EXPECT_EQ_CTX(hello_parse_copy(hello3, len), KPSEC_CTRL_SHORT,
				   "len %zu", len);
	/* A count of 65535 with no entries at all. */
	KTAP_EXPECT_EQ(hello_parse_copy((const u8[]){ 0, 1, 0xff, 0xff }, 4),
		       KPSEC_CTRL_SHORT);
	/* Bytes after the last entry: a partial or a whole extra entry. */
	memcpy(buf, hello3, sizeof(hello3));
	memset(buf + sizeof(hello3), 0, 16);
	for (len = sizeof(hello3) + 1; len <= sizeof(buf); len++)
		KTAP_EXPECT_EQ_CTX(hello_parse_copy(buf, len), KPSEC_CTRL_LONG,
				   "len %zu", len);
	/* An empty HELLO with a trailing byte. */
	KTAP_EXPECT_EQ(hello_parse_copy((const u8[]){ 0, 1, 0, 0, 0 }, 5),
		       KPSEC_CTRL_LONG);
}

static void test_hello_reject_fields(void)
{
	static const u32 bad_nodes[] = { 0, 0xffffffff };
	u8 buf[sizeof(hello3)];
	unsigned int e, b;
	size_t i;
	u8 *p;

	/* Interval 0. */
	memcpy(buf, hello3, sizeof(buf));
	buf[0] = buf[1] = 0;
	KTAP_EXPECT_EQ(hello_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_VALUE);
	KTAP_EXPECT_EQ(hello_parse_copy((const u8[]){ 0, 0, 0, 0 }, 4), KPSEC_CTRL_VALUE);

	for (e = 0; e < 3; e++) {
		/* A reserved node ID in any entry. */
		for (i = 0; i < ARRAY_SIZE(bad_nodes); i++) {
			memcpy(buf, hello3, sizeof(buf));
			p = buf + KPSEC_HELLO_FIXED + e * KPSEC_HELLO_ENTRY;
			p[0] = (u8)(bad_nodes[i] >> 24);
			p[1] = (u8)(bad_nodes[i] >> 16);
			p[2] = (u8)(bad_nodes[i] >> 8);
			p[3] = (u8)bad_nodes[i];
			KTAP_EXPECT_EQ_CTX(hello_parse_copy(buf, sizeof(buf)),
					   KPSEC_CTRL_NODE, "entry %u node 0x%x",
					   e, bad_nodes[i]);
		}
		/* Any bit of the reserved field. */
		for (b = 0; b < 16; b++) {
			memcpy(buf, hello3, sizeof(buf));
			p = buf + KPSEC_HELLO_FIXED + e * KPSEC_HELLO_ENTRY;
			p[6 + b / 8] = (u8)(1u << (b % 8));
			KTAP_EXPECT_EQ_CTX(hello_parse_copy(buf, sizeof(buf)),
					   KPSEC_CTRL_RESERVED, "entry %u bit %u", e, b);
		}
	}
	/* Every quality and every flags value is legal. */
	for (b = 0; b < 256; b++) {
		memcpy(buf, hello3, sizeof(buf));
		buf[KPSEC_HELLO_FIXED + 4] = (u8)b;
		buf[KPSEC_HELLO_FIXED + 5] = (u8)b;
		KTAP_EXPECT_EQ_CTX(hello_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_OK,
				   "byte 0x%x", b);
	}
}

/* With several defects: lengths, then fixed fields, then entries in order. */
static void test_hello_precedence(void)
{
	u8 buf[sizeof(hello3) + 1];

	memcpy(buf, hello3, sizeof(hello3));
	buf[sizeof(hello3)] = 0;
	buf[0] = buf[1] = 0;			/* interval 0 */
	buf[KPSEC_HELLO_FIXED] = 0;		/* entry 0: node 0x000b0c0d, fine */
	buf[KPSEC_HELLO_FIXED + 6] = 1;		/* entry 0: reserved */
	KTAP_EXPECT_EQ(hello_parse_copy(buf, sizeof(hello3) - 1), KPSEC_CTRL_SHORT);
	KTAP_EXPECT_EQ(hello_parse_copy(buf, sizeof(hello3) + 1), KPSEC_CTRL_LONG);
	KTAP_EXPECT_EQ(hello_parse_copy(buf, sizeof(hello3)), KPSEC_CTRL_VALUE);
	buf[1] = 1;
	KTAP_EXPECT_EQ(hello_parse_copy(buf, sizeof(hello3)), KPSEC_CTRL_RESERVED);
	/* Entry 1's node becomes 0: entry 0's reserved field still comes first. */
	buf[KPSEC_HELLO_FIXED + 8 + 3] = 0;
	KTAP_EXPECT_EQ(hello_parse_copy(buf, sizeof(hello3)), KPSEC_CTRL_RESERVED);
	buf[KPSEC_HELLO_FIXED + 6] = 0;
	KTAP_EXPECT_EQ(hello_parse_copy(buf, sizeof(hello3)), KPSEC_CTRL_NODE);
}

/* ---- LSA ---- */

static const struct kpsec_lsa_link links2[] = {
	{ .node = 0x0a0b0c0d, .metric = 256 },
	{ .node = 0xfffffffe, .metric = 0xffff },
};

/* Two TLVs: type 7 with 3 bytes, type 0xff with none. */
static const u8 tlvs2[] = {
	0x07, 0x00, 0x00, 0x03, 'a', 'b', 'c',
	0xff, 0x00, 0x00, 0x00,
};

static const u8 lsa2[] = {
	0x00, 0x00, 0x00, 0x2a,			/* origin 42 */
	0x80, 0x00, 0x00, 0x01,			/* seq */
	0x00, 0x1e, 0x00, 0x02,			/* 30 s, 2 links */
	0x0a, 0x0b, 0x0c, 0x0d, 0x01, 0x00, 0x00, 0x00,
	0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0x00, 0x00,
	0x07, 0x00, 0x00, 0x03, 'a', 'b', 'c',
	0xff, 0x00, 0x00, 0x00,
};

#define LSA2_TLVS (KPSEC_LSA_FIXED + 2 * KPSEC_LSA_LINK)

static void test_lsa_layout(void)
{
	u8 out[sizeof(lsa2) + 1];

	KTAP_EXPECT_EQ(kpsec_lsa_len(0, 0), KPSEC_LSA_FIXED);
	KTAP_EXPECT_EQ(kpsec_lsa_len(2, sizeof(tlvs2)), sizeof(lsa2));
	memset(out, 0xa5, sizeof(out));
	KTAP_EXPECT_EQ(kpsec_lsa_encode(out, sizeof(out), 42, 0x80000001, 30,
					links2, 2, tlvs2, sizeof(tlvs2)),
		       sizeof(lsa2));
	KTAP_EXPECT_MEM(out, lsa2, sizeof(lsa2));
	KTAP_EXPECT_EQ(out[sizeof(lsa2)], 0xa5);

	/* No links, no TLVs. */
	memset(out, 0xa5, sizeof(out));
	KTAP_EXPECT_EQ(kpsec_lsa_encode(out, KPSEC_LSA_FIXED, 1, 0, 1, NULL, 0, NULL, 0),
		       KPSEC_LSA_FIXED);
	KTAP_EXPECT_MEM(out, ((const u8[]){ 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0 }),
			KPSEC_LSA_FIXED);
	KTAP_EXPECT_EQ(out[KPSEC_LSA_FIXED], 0xa5);
}

static void test_lsa_encode_cap(void)
{
	u8 out[sizeof(lsa2)];
	size_t cap;

	for (cap = 0; cap < sizeof(lsa2); cap++) {
		memset(out, 0xa5, sizeof(out));
		KTAP_EXPECT_EQ_CTX(kpsec_lsa_encode(out, cap, 42, 1, 30, links2, 2,
						    tlvs2, sizeof(tlvs2)), 0,
				   "cap %zu", cap);
		KTAP_EXPECT_EQ_CTX(out[0], 0xa5, "cap %zu", cap);
	}
	/* A TLV length that would wrap the total around. */
	KTAP_EXPECT_EQ(kpsec_lsa_encode(out, sizeof(out), 42, 1, 30, links2, 2,
					tlvs2, (size_t)-1), 0);
	KTAP_EXPECT_EQ(kpsec_lsa_encode(out, sizeof(out), 42, 1, 30, links2, 2,
					tlvs2, (size_t)-16), 0);
	KTAP_EXPECT_EQ(out[0], 0xa5);
}

static void test_lsa_parse(void)
{
	struct kpsec_lsa l;
	struct kpsec_lsa_link k;
	unsigned int i;

	KTAP_EXPECT_EQ(kpsec_lsa_parse(&l, lsa2, sizeof(lsa2)), KPSEC_CTRL_OK);
	KTAP_EXPECT_EQ(l.origin, 42);
	KTAP_EXPECT_EQ(l.seq, 0x80000001);
	KTAP_EXPECT_EQ(l.lifetime_s, 30);
	KTAP_EXPECT_EQ(l.count, 2);
	KTAP_EXPECT(l.links == lsa2 + KPSEC_LSA_FIXED);
	KTAP_EXPECT(l.tlvs == lsa2 + LSA2_TLVS);
	KTAP_EXPECT_EQ(l.tlv_len, sizeof(tlvs2));
	for (i = 0; i < 2; i++) {
		memset(&k, 0x5a, sizeof(k));
		kpsec_lsa_link_at(&l, i, &k);
		KTAP_EXPECT_EQ_CTX(k.node, links2[i].node, "link %u", i);
		KTAP_EXPECT_EQ_CTX(k.metric, links2[i].metric, "link %u", i);
	}
	KTAP_EXPECT_EQ(lsa_parse_copy(lsa2, sizeof(lsa2)), KPSEC_CTRL_OK);
	/* Without the TLVs, and without links either. */
	KTAP_EXPECT_EQ(kpsec_lsa_parse(&l, lsa2, LSA2_TLVS), KPSEC_CTRL_OK);
	KTAP_EXPECT_EQ(l.tlv_len, 0);
	KTAP_EXPECT_EQ(lsa_parse_copy(lsa2, LSA2_TLVS), KPSEC_CTRL_OK);
	KTAP_EXPECT_EQ(lsa_parse_copy((const u8[]){ 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff,
						    0xff, 0xff, 0, 0 }, 12),
		       KPSEC_CTRL_OK);
}

static void test_lsa_round_trip(void)
{
	static struct kpsec_lsa_link in[200];
	static u8 tlv[600], buf[12 + 200 * 8 + 600];
	uint64_t seed = 0x5eed0c02;
	struct kpsec_lsa l;
	struct kpsec_lsa_link k;
	unsigned int it, i, count;
	size_t len, tlv_len, vlen;
	u32 origin, seq;
	u16 life;
	u8 *p;

	for (it = 0; it < 2000; it++) {
		count = (unsigned int)(ktap_rand(&seed) % 200);
		origin = (u32)(ktap_rand(&seed) % 0xfffffffe) + 1;
		seq = (u32)ktap_rand(&seed);
		life = (u16)(ktap_rand(&seed) % 65535 + 1);
		for (i = 0; i < count; i++) {
			uint64_t r = ktap_rand(&seed);

			do
				in[i].node = (u32)(ktap_rand(&seed) % 0xfffffffe) + 1;
			while (in[i].node == origin);
			in[i].metric = (u16)(r % 65535 + 1);
		}
		/* Random TLVs, some empty, that exactly fill tlv_len. */
		tlv_len = 0;
		while (ktap_rand(&seed) % 4 && tlv_len + 4 + 40 <= sizeof(tlv)) {
			vlen = ktap_rand(&seed) % 3 ? ktap_rand(&seed) % 40 : 0;
			tlv[tlv_len] = (u8)ktap_rand(&seed);
			tlv[tlv_len + 1] = 0;
			tlv[tlv_len + 2] = 0;
			tlv[tlv_len + 3] = (u8)vlen;
			for (i = 0; i < vlen; i++)
				tlv[tlv_len + 4 + i] = (u8)ktap_rand(&seed);
			tlv_len += 4 + vlen;
		}
		len = kpsec_lsa_encode(buf, sizeof(buf), origin, seq, life, in,
				       (u16)count, tlv, tlv_len);
		KTAP_EXPECT_EQ_CTX(len, kpsec_lsa_len(count, tlv_len), "it %u", it);
		p = ktap_dup(buf, len);
		KTAP_EXPECT_EQ_CTX(kpsec_lsa_parse(&l, p, len), KPSEC_CTRL_OK, "it %u", it);
		KTAP_EXPECT_EQ(l.origin, origin);
		KTAP_EXPECT_EQ(l.seq, seq);
		KTAP_EXPECT_EQ(l.lifetime_s, life);
		KTAP_EXPECT_EQ(l.count, count);
		KTAP_EXPECT_EQ(l.tlv_len, tlv_len);
		KTAP_EXPECT(l.tlvs == p + len - tlv_len);
		KTAP_EXPECT_MEM(l.tlvs, tlv, tlv_len);
		for (i = 0; i < count && i < l.count; i++) {
			kpsec_lsa_link_at(&l, i, &k);
			KTAP_EXPECT_EQ_CTX(k.node, in[i].node, "it %u link %u", it, i);
			KTAP_EXPECT_EQ_CTX(k.metric, in[i].metric, "it %u link %u", it, i);
		}
		free(p);
	}
}

static void test_lsa_reject_length(void)
{
	size_t len;

	for (len = 0; len < KPSEC_LSA_FIXED; len++)
		KTAP_EXPECT_EQ_CTX(lsa_parse_copy(lsa2, len), KPSEC_CTRL_SHORT,
				   "len %zu", len);
	/* Links cut short. */
	for (len = KPSEC_LSA_FIXED; len < LSA2_TLVS; len++)
		KTAP_EXPECT_EQ_CTX(lsa_parse_copy(lsa2, len), KPSEC_CTRL_SHORT,
				   "len %zu", len);
	/* TLVs cut short: mid-header or mid-value. */
	for (len = LSA2_TLVS + 1; len < sizeof(lsa2); len++) {
		if (len == LSA2_TLVS + 7)	/* right after the first TLV */
			continue;
		KTAP_EXPECT_EQ_CTX(lsa_parse_copy(lsa2, len), KPSEC_CTRL_TLV,
				   "len %zu", len);
	}
	KTAP_EXPECT_EQ(lsa_parse_copy(lsa2, LSA2_TLVS + 7), KPSEC_CTRL_OK);
	KTAP_EXPECT_EQ(lsa_parse_copy(lsa2, sizeof(lsa2)), KPSEC_CTRL_OK);
}

/* Write @v big-endian into 4 bytes. */
static void be32_at(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

static void test_lsa_reject_fields(void)
{
	static const u32 bad_nodes[] = { 0, 0xffffffff, 42 /* the origin */ };
	u8 buf[sizeof(lsa2)];
	unsigned int e, b;
	size_t i;
	u8 *p;

	memcpy(buf, lsa2, sizeof(buf));
	be32_at(buf, 0);
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_NODE);
	be32_at(buf, 0xffffffff);
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_NODE);
	/* Lifetime 0. */
	memcpy(buf, lsa2, sizeof(buf));
	buf[8] = buf[9] = 0;
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_VALUE);
	/* Every sequence number is legal, 0 included. */
	memcpy(buf, lsa2, sizeof(buf));
	be32_at(buf + 4, 0);
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_OK);
	be32_at(buf + 4, 0xffffffff);
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_OK);

	for (e = 0; e < 2; e++) {
		for (i = 0; i < ARRAY_SIZE(bad_nodes); i++) {
			memcpy(buf, lsa2, sizeof(buf));
			be32_at(buf + KPSEC_LSA_FIXED + e * KPSEC_LSA_LINK, bad_nodes[i]);
			KTAP_EXPECT_EQ_CTX(lsa_parse_copy(buf, sizeof(buf)),
					   KPSEC_CTRL_NODE, "link %u node 0x%x",
					   e, bad_nodes[i]);
		}
		for (b = 0; b < 16; b++) {
			memcpy(buf, lsa2, sizeof(buf));
			p = buf + KPSEC_LSA_FIXED + e * KPSEC_LSA_LINK;
			p[6 + b / 8] = (u8)(1u << (b % 8));
			KTAP_EXPECT_EQ_CTX(lsa_parse_copy(buf, sizeof(buf)),
					   KPSEC_CTRL_RESERVED, "link %u bit %u", e, b);
		}
		/* Metric 0; 1 and 0xffff are legal. */
		memcpy(buf, lsa2, sizeof(buf));
		p = buf + KPSEC_LSA_FIXED + e * KPSEC_LSA_LINK;
		p[4] = p[5] = 0;
		KTAP_EXPECT_EQ_CTX(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_VALUE,
				   "link %u", e);
		p[5] = 1;
		KTAP_EXPECT_EQ_CTX(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_OK,
				   "link %u", e);
		p[4] = p[5] = 0xff;
		KTAP_EXPECT_EQ_CTX(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_OK,
				   "link %u", e);
	}
	/* Two links to the same neighbour are not refused here. */
	memcpy(buf, lsa2, sizeof(buf));
	be32_at(buf + KPSEC_LSA_FIXED + KPSEC_LSA_LINK, 0x0a0b0c0d);
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_OK);
}

static void test_lsa_reject_tlvs(void)
{
	u8 buf[sizeof(lsa2) + 8];
	unsigned int b;

	/* The reserved byte of either TLV. */
	for (b = 0; b < 8; b++) {
		memcpy(buf, lsa2, sizeof(lsa2));
		buf[LSA2_TLVS + 1] = (u8)(1u << b);
		KTAP_EXPECT_EQ_CTX(lsa_parse_copy(buf, sizeof(lsa2)),
				   KPSEC_CTRL_RESERVED, "bit %u", b);
		memcpy(buf, lsa2, sizeof(lsa2));
		buf[LSA2_TLVS + 7 + 1] = (u8)(1u << b);
		KTAP_EXPECT_EQ_CTX(lsa_parse_copy(buf, sizeof(lsa2)),
				   KPSEC_CTRL_RESERVED, "bit %u", b);
	}
	/* A length one past the end, or huge. */
	memcpy(buf, lsa2, sizeof(lsa2));
	buf[LSA2_TLVS + 7 + 3] = 1;
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(lsa2)), KPSEC_CTRL_TLV);
	buf[LSA2_TLVS + 7 + 2] = 0xff;
	buf[LSA2_TLVS + 7 + 3] = 0xff;
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(lsa2)), KPSEC_CTRL_TLV);
	/* The first TLV's length swallows the second's header, not exactly. */
	memcpy(buf, lsa2, sizeof(lsa2));
	buf[LSA2_TLVS + 3] = 5;
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(lsa2)), KPSEC_CTRL_TLV);
	/* ... or exactly: then it is one TLV of 7 bytes. */
	buf[LSA2_TLVS + 3] = 7;
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(lsa2)), KPSEC_CTRL_OK);
	/* 1 to 3 trailing bytes after the last TLV: a partial header. */
	for (b = 1; b < 4; b++) {
		memcpy(buf, lsa2, sizeof(lsa2));
		memset(buf + sizeof(lsa2), 0, b);
		KTAP_EXPECT_EQ_CTX(lsa_parse_copy(buf, sizeof(lsa2) + b),
				   KPSEC_CTRL_TLV, "trailing %u", b);
	}
	/* 4 zero bytes are a TLV of type 0, length 0: fine. */
	memcpy(buf, lsa2, sizeof(lsa2));
	memset(buf + sizeof(lsa2), 0, 4);
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(lsa2) + 4), KPSEC_CTRL_OK);
	/* A TLV overrun reported even with a reserved byte set in it. */
	memcpy(buf, lsa2, sizeof(lsa2));
	buf[LSA2_TLVS + 7 + 1] = 1;
	buf[LSA2_TLVS + 7 + 3] = 1;
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(lsa2)), KPSEC_CTRL_TLV);
}

static void test_lsa_precedence(void)
{
	u8 buf[sizeof(lsa2)];

	/* Everything wrong at once. */
	memcpy(buf, lsa2, sizeof(buf));
	be32_at(buf, 0);			/* origin */
	buf[8] = buf[9] = 0;			/* lifetime */
	buf[KPSEC_LSA_FIXED + 6] = 1;		/* link 0 reserved */
	buf[KPSEC_LSA_FIXED + 4] = 0;		/* link 0 metric 0 */
	buf[KPSEC_LSA_FIXED + 5] = 0;
	buf[LSA2_TLVS + 3] = 0xff;		/* TLV overrun */
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, LSA2_TLVS - 1), KPSEC_CTRL_SHORT);
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_NODE);
	be32_at(buf, 42);
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_VALUE);
	buf[9] = 1;
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_RESERVED);
	buf[KPSEC_LSA_FIXED + 6] = 0;
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_VALUE);
	buf[KPSEC_LSA_FIXED + 5] = 1;
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_TLV);
	buf[LSA2_TLVS + 3] = 3;
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, sizeof(buf)), KPSEC_CTRL_OK);
}

/* ---- TLV iteration ---- */

struct tlv_seen {
	u8 type;
	u16 len;
	size_t off;	/* of the value, from the start of the TLV area */
};

/* Iterate @l's TLVs into @seen; returns how many. */
static size_t tlv_walk(const struct kpsec_lsa *l, struct tlv_seen *seen, size_t max)
{
	const u8 *value;
	size_t pos = 0, n = 0;
	u8 type;
	u16 len;

	while (n < max && kpsec_lsa_tlv_next(l, &pos, &type, &value, &len)) {
		seen[n].type = type;
		seen[n].len = len;
		seen[n].off = (size_t)(value - l->tlvs);
		n++;
	}
	/* The end stays the end. */
	KTAP_EXPECT(!kpsec_lsa_tlv_next(l, &pos, &type, &value, &len));
	KTAP_EXPECT_EQ(pos, l->tlv_len);
	return n;
}

static void test_tlv_iterate(void)
{
	/* Unknown and known types alike; zero-length values among others. */
	static const u8 area[] = {
		0x00, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x00, 0x02, 0xaa, 0xbb,
		0xfe, 0x00, 0x00, 0x00,
		0x80, 0x00, 0x00, 0x01, 0xcc,
		0xff, 0x00, 0x00, 0x00,
	};
	static const struct tlv_seen want[] = {
		{ 0x00, 0, 4 }, { 0x01, 2, 8 }, { 0xfe, 0, 14 },
		{ 0x80, 1, 18 }, { 0xff, 0, 23 },
	};
	static u8 buf[KPSEC_LSA_FIXED + sizeof(area)];
	struct tlv_seen seen[8];
	struct kpsec_lsa l;
	size_t len, n, i;
	u8 *p;

	len = kpsec_lsa_encode(buf, sizeof(buf), 9, 1, 1, NULL, 0, area, sizeof(area));
	KTAP_EXPECT_EQ(len, sizeof(buf));
	p = ktap_dup(buf, len);
	KTAP_EXPECT_EQ(kpsec_lsa_parse(&l, p, len), KPSEC_CTRL_OK);
	n = tlv_walk(&l, seen, ARRAY_SIZE(seen));
	KTAP_EXPECT_EQ(n, ARRAY_SIZE(want));
	for (i = 0; i < n && i < ARRAY_SIZE(want); i++) {
		KTAP_EXPECT_EQ_CTX(seen[i].type, want[i].type, "tlv %zu", i);
		KTAP_EXPECT_EQ_CTX(seen[i].len, want[i].len, "tlv %zu", i);
		KTAP_EXPECT_EQ_CTX(seen[i].off, want[i].off, "tlv %zu", i);
	}
	KTAP_EXPECT_EQ(l.tlvs[seen[1].off], 0xaa);
	KTAP_EXPECT_EQ(l.tlvs[seen[3].off], 0xcc);
	free(p);

	/* No TLVs: the first call ends it. */
	p = ktap_dup(lsa2, LSA2_TLVS);
	KTAP_EXPECT_EQ(kpsec_lsa_parse(&l, p, LSA2_TLVS), KPSEC_CTRL_OK);
	KTAP_EXPECT_EQ(tlv_walk(&l, seen, ARRAY_SIZE(seen)), 0);
	free(p);

	/* After links: the area starts after them. */
	p = ktap_dup(lsa2, sizeof(lsa2));
	KTAP_EXPECT_EQ(kpsec_lsa_parse(&l, p, sizeof(lsa2)), KPSEC_CTRL_OK);
	KTAP_EXPECT_EQ(tlv_walk(&l, seen, ARRAY_SIZE(seen)), 2);
	KTAP_EXPECT_EQ(seen[0].type, 7);
	KTAP_EXPECT_EQ(seen[0].len, 3);
	KTAP_EXPECT_MEM(l.tlvs + seen[0].off, "abc", 3);
	KTAP_EXPECT_EQ(seen[1].type, 0xff);
	KTAP_EXPECT_EQ(seen[1].len, 0);
	KTAP_EXPECT_EQ(seen[1].off, sizeof(tlvs2));	/* at the very end */
	free(p);
}

/* The largest TLV a u16 length allows. */
static void test_tlv_max(void)
{
	size_t area_len = KPSEC_TLV_HDR + 65535, len;
	u8 *area = calloc(1, area_len), *buf = malloc(KPSEC_LSA_FIXED + area_len);
	struct tlv_seen seen[2];
	struct kpsec_lsa l;

	if (!area || !buf) {
		printf("Bail out! out of memory\n");
		exit(EXIT_FAILURE);
	}
	area[0] = 0x42;
	area[2] = area[3] = 0xff;
	area[area_len - 1] = 0x99;
	len = kpsec_lsa_encode(buf, KPSEC_LSA_FIXED + area_len, 5, 1, 1, NULL, 0,
			       area, area_len);
	KTAP_EXPECT_EQ(len, KPSEC_LSA_FIXED + area_len);
	KTAP_EXPECT_EQ(kpsec_lsa_parse(&l, buf, len), KPSEC_CTRL_OK);
	KTAP_EXPECT_EQ(tlv_walk(&l, seen, ARRAY_SIZE(seen)), 1);
	KTAP_EXPECT_EQ(seen[0].type, 0x42);
	KTAP_EXPECT_EQ(seen[0].len, 65535);
	KTAP_EXPECT_EQ(l.tlvs[seen[0].off + 65534], 0x99);
	/* One byte less: the value overruns. */
	KTAP_EXPECT_EQ(lsa_parse_copy(buf, len - 1), KPSEC_CTRL_TLV);
	free(area);
	free(buf);
}

/* Misuse on an unvalidated area ends the walk instead of overrunning. */
static void test_tlv_unvalidated(void)
{
	static const u8 bad[] = { 0x01, 0x00, 0x00, 0x05, 0xaa, 0x02, 0x00 };
	struct kpsec_lsa l = { 0 };
	const u8 *value;
	size_t pos;
	u8 type;
	u16 len;

	l.tlvs = ktap_dup(bad, sizeof(bad));
	l.tlv_len = sizeof(bad);
	pos = 0;
	KTAP_EXPECT(!kpsec_lsa_tlv_next(&l, &pos, &type, &value, &len));
	l.tlv_len = 3;
	pos = 0;
	KTAP_EXPECT(!kpsec_lsa_tlv_next(&l, &pos, &type, &value, &len));
	pos = 100;
	KTAP_EXPECT(!kpsec_lsa_tlv_next(&l, &pos, &type, &value, &len));
	free((void *)l.tlvs);
}

/* ---- serial numbers ---- */

static void test_seq_after(void)
{
	KTAP_EXPECT(kpsec_seq_after(1, 0));
	KTAP_EXPECT(!kpsec_seq_after(0, 1));
	KTAP_EXPECT(!kpsec_seq_after(5, 5));
	KTAP_EXPECT(kpsec_seq_after(0, 0xffffffff));	/* wrapped */
	KTAP_EXPECT(!kpsec_seq_after(0xffffffff, 0));
	KTAP_EXPECT(kpsec_seq_after(0x7fffffff, 0));
	KTAP_EXPECT(!kpsec_seq_after(0x80000000, 0));	/* ambiguous: not newer */
	KTAP_EXPECT(!kpsec_seq_after(0, 0x80000000));
	KTAP_EXPECT(kpsec_seq_after(0x80000005, 0x10));
}

/* ---- link metric ---- */

static void test_metric_table(void)
{
	static const struct { u8 in, out; u16 m; } t[] = {
		{ 255, 255, 256 },	/* perfect */
		{ 255, 128, 510 },	/* 255 * 255 * 256 / (255 * 128) exactly */
		{ 128, 255, 510 },
		{ 128, 128, 1017 },	/* 1016.02 rounded up */
		{ 255, 254, 258 },	/* 257.01 rounded up */
		{ 255, 1, 65280 },
		{ 16, 16, 65025 },
		{ 16, 15, 65534 },	/* 69360: clamped */
		{ 1, 1, 65534 },
		{ 0, 255, KPSEC_METRIC_INF },
		{ 255, 0, KPSEC_METRIC_INF },
		{ 0, 0, KPSEC_METRIC_INF },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(t); i++)
		KTAP_EXPECT_EQ_CTX(kpsec_link_metric(t[i].in, t[i].out), t[i].m,
				   "q_in %u q_out %u", t[i].in, t[i].out);
}

static void test_metric_all(void)
{
	const uint64_t num = (uint64_t)KPSEC_METRIC_UNIT * 255 * 255;
	unsigned int a, b;
	uint64_t den, m, prev_a[256] = { 0 };

	for (a = 0; a < 256; a++) {
		uint64_t prev_b = ~0ULL;

		for (b = 0; b < 256; b++) {
			m = kpsec_link_metric((u8)a, (u8)b);
			den = (uint64_t)a * b;
			if (!den) {
				KTAP_EXPECT_EQ_CTX(m, KPSEC_METRIC_INF, "%u %u", a, b);
				continue;
			}
			KTAP_EXPECT_EQ_CTX(m, kpsec_link_metric((u8)b, (u8)a), "%u %u", a, b);
			KTAP_EXPECT_EQ_CTX(m >= KPSEC_METRIC_UNIT && m < KPSEC_METRIC_INF, 1,
					   "%u %u", a, b);
			/* Exact ceiling, unless clamped. */
			if (m < KPSEC_METRIC_INF - 1) {
				KTAP_EXPECT_EQ_CTX(m * den >= num, 1, "%u %u", a, b);
				KTAP_EXPECT_EQ_CTX((m - 1) * den < num, 1, "%u %u", a, b);
			} else {	/* the exact value is at least the clamp */
				KTAP_EXPECT_EQ_CTX((m - 1) * den < num, 1, "%u %u", a, b);
			}
			/* Better qualities never give a worse metric. */
			KTAP_EXPECT_EQ_CTX(m <= prev_b, 1, "%u %u", a, b);
			if (a > 1)
				KTAP_EXPECT_EQ_CTX(m <= prev_a[b], 1, "%u %u", a, b);
			prev_b = m;
			prev_a[b] = m;
		}
	}
}

/* ---- link-quality window ---- */

static void test_lq_init(void)
{
	struct kpsec_lq lq;

	memset(&lq, 0x5a, sizeof(lq));
	kpsec_lq_init(&lq);
	KTAP_EXPECT(!lq.any);
	KTAP_EXPECT_EQ(lq.bits, 0);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 0);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 5), 0);
	/* Sequence 0 is an ordinary first HELLO. */
	KTAP_EXPECT(kpsec_lq_receive(&lq, 0));
	KTAP_EXPECT(lq.any);
	KTAP_EXPECT_EQ(lq.last_seq, 0);
	KTAP_EXPECT_EQ(lq.bits, 1);
	KTAP_EXPECT(!kpsec_lq_receive(&lq, 0));
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 255 / 16);
}

static void test_lq_in_order(void)
{
	struct kpsec_lq lq;
	u64 s;

	kpsec_lq_init(&lq);
	for (s = 1000; s < 1000 + KPSEC_LQ_WINDOW; s++) {
		KTAP_EXPECT_EQ_CTX(kpsec_lq_receive(&lq, s), 1, "seq %llu",
				   (unsigned long long)s);
		/* The window fills: (s - 999) of 16 received. */
		KTAP_EXPECT_EQ_CTX(kpsec_lq_quality(&lq, 0), (s - 999) * 255 / 16,
				   "seq %llu", (unsigned long long)s);
	}
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 255);
	for (; s < 1100; s++)
		KTAP_EXPECT(kpsec_lq_receive(&lq, s));
	KTAP_EXPECT_EQ(lq.last_seq, 1099);
	KTAP_EXPECT_EQ(lq.bits, 0xffffffff);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 255);
}

static void test_lq_loss(void)
{
	struct kpsec_lq lq;
	u64 s;

	/* Every other HELLO lost: 8 of 16. */
	kpsec_lq_init(&lq);
	for (s = 0; s < 100; s += 2)
		KTAP_EXPECT(kpsec_lq_receive(&lq, s));
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 8 * 255 / 16);
	KTAP_EXPECT_EQ(lq.bits, 0x55555555);
	/* One in four received. */
	kpsec_lq_init(&lq);
	for (s = 3; s < 200; s += 4)
		KTAP_EXPECT(kpsec_lq_receive(&lq, s));
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 4 * 255 / 16);
	/* A gap of 15: the new one and the last one are both in the window. */
	kpsec_lq_init(&lq);
	KTAP_EXPECT(kpsec_lq_receive(&lq, 10));
	KTAP_EXPECT(kpsec_lq_receive(&lq, 25));
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 2 * 255 / 16);
	KTAP_EXPECT(kpsec_lq_receive(&lq, 26));
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 2 * 255 / 16);
}

static void test_lq_reorder(void)
{
	struct kpsec_lq lq;

	kpsec_lq_init(&lq);
	KTAP_EXPECT(kpsec_lq_receive(&lq, 105));
	KTAP_EXPECT(kpsec_lq_receive(&lq, 103));
	KTAP_EXPECT(kpsec_lq_receive(&lq, 104));
	KTAP_EXPECT_EQ(lq.last_seq, 105);
	KTAP_EXPECT_EQ(lq.bits, 0x7);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 3 * 255 / 16);
	/* Late but inside the window, and exactly at its 32-bit edge. */
	KTAP_EXPECT(kpsec_lq_receive(&lq, 105 - 31));
	KTAP_EXPECT_EQ(lq.bits, 0x80000007);
	/* Counted by the quality only while within the last 16. */
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 3 * 255 / 16);
	KTAP_EXPECT(kpsec_lq_receive(&lq, 105 - 15));
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 4 * 255 / 16);
	KTAP_EXPECT(kpsec_lq_receive(&lq, 105 - 16));
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 4 * 255 / 16);
	/* Too old: ignored, nothing changes. */
	KTAP_EXPECT(!kpsec_lq_receive(&lq, 105 - 32));
	KTAP_EXPECT(!kpsec_lq_receive(&lq, 0));
	KTAP_EXPECT_EQ(lq.last_seq, 105);
	KTAP_EXPECT_EQ(lq.bits, 0x80018007);
	/* Newer again: the late ones move along with the window. */
	KTAP_EXPECT(kpsec_lq_receive(&lq, 106));
	KTAP_EXPECT_EQ(lq.bits, 0x0003000f);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 4 * 255 / 16);
}

static void test_lq_duplicates(void)
{
	struct kpsec_lq lq, before;
	u64 s;

	kpsec_lq_init(&lq);
	for (s = 50; s < 60; s++)
		KTAP_EXPECT(kpsec_lq_receive(&lq, s));
	/* Duplicates, and the unseen ones that are too old (32 or more back). */
	for (s = 0; s < 60; s++) {
		if (s >= 28 && s < 50)
			continue;
		before = lq;
		KTAP_EXPECT_EQ_CTX(kpsec_lq_receive(&lq, s), 0, "seq %llu",
				   (unsigned long long)s);
		KTAP_EXPECT_EQ_CTX(lq.bits, before.bits, "seq %llu", (unsigned long long)s);
		KTAP_EXPECT_EQ(lq.last_seq, before.last_seq);
	}
	/* The first of the 32 unseen ones is accepted exactly once. */
	KTAP_EXPECT(kpsec_lq_receive(&lq, 49));
	KTAP_EXPECT(!kpsec_lq_receive(&lq, 49));
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 11 * 255 / 16);
}

static void test_lq_jumps(void)
{
	struct kpsec_lq lq;

	kpsec_lq_init(&lq);
	KTAP_EXPECT(kpsec_lq_receive(&lq, 7));
	KTAP_EXPECT(kpsec_lq_receive(&lq, 8));
	/* A jump of 31 keeps the oldest bit; 32 forgets everything. */
	KTAP_EXPECT(kpsec_lq_receive(&lq, 8 + 31));
	KTAP_EXPECT_EQ(lq.bits, 0x80000001);
	KTAP_EXPECT(kpsec_lq_receive(&lq, 8 + 31 + 32));
	KTAP_EXPECT_EQ(lq.bits, 1);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 255 / 16);
	/* Far beyond 32 bits of distance, up to the top of u64. */
	KTAP_EXPECT(kpsec_lq_receive(&lq, 1ULL << 40));
	KTAP_EXPECT_EQ(lq.bits, 1);
	KTAP_EXPECT(kpsec_lq_receive(&lq, ~0ULL - 1));
	KTAP_EXPECT(kpsec_lq_receive(&lq, ~0ULL));
	KTAP_EXPECT_EQ(lq.last_seq, ~0ULL);
	KTAP_EXPECT_EQ(lq.bits, 3);
	KTAP_EXPECT(!kpsec_lq_receive(&lq, ~0ULL));
	KTAP_EXPECT(!kpsec_lq_receive(&lq, 0));	/* no wrap-around */
	KTAP_EXPECT(kpsec_lq_receive(&lq, ~0ULL - 31));
	KTAP_EXPECT(!kpsec_lq_receive(&lq, ~0ULL - 32));
}

static void test_lq_missed(void)
{
	struct kpsec_lq lq;
	unsigned int m;
	u64 s;

	kpsec_lq_init(&lq);
	for (s = 1; s <= 40; s++)
		kpsec_lq_receive(&lq, s);
	/* Time passes without HELLOs: the window slides over nothing. */
	for (m = 0; m <= KPSEC_LQ_WINDOW; m++)
		KTAP_EXPECT_EQ_CTX(kpsec_lq_quality(&lq, m),
				   (KPSEC_LQ_WINDOW - m) * 255 / 16, "missed %u", m);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 17), 0);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 32), 0);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 33), 0);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, ~0U), 0);
	/* Quality does not change the window. */
	KTAP_EXPECT_EQ(lq.last_seq, 40);
	KTAP_EXPECT_EQ(lq.bits, 0xffffffff);

	/* Sparse window: received 40, 38, 30, 25 (bits 0, 2, 10, 15). */
	kpsec_lq_init(&lq);
	kpsec_lq_receive(&lq, 25);
	kpsec_lq_receive(&lq, 30);
	kpsec_lq_receive(&lq, 38);
	kpsec_lq_receive(&lq, 40);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 4 * 255 / 16);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 1), 3 * 255 / 16);	/* 25 leaves */
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 5), 3 * 255 / 16);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 6), 2 * 255 / 16);	/* 30 leaves */
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 13), 2 * 255 / 16);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 14), 1 * 255 / 16);	/* 38 leaves */
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 15), 1 * 255 / 16);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 16), 0);		/* 40 leaves */
	/* The same as receiving nothing for @missed then asking with 0. */
	kpsec_lq_receive(&lq, 40 + 6);
	KTAP_EXPECT_EQ(kpsec_lq_quality(&lq, 0), 3 * 255 / 16);
}

/*
 * Differential: random arrivals (in order, late, duplicate, far ahead)
 * against a model that remembers every accepted sequence number.
 */
#define LQ_OPS 20000

static void test_lq_model(void)
{
	static u8 seen[LQ_OPS * 41 + 64];	/* seqs grow by 40 at most */
	uint64_t seed = 0x5eed0c03;
	struct kpsec_lq lq;
	u64 last = 0, s;
	unsigned int i, m, got, j;
	bool any = false, want;

	kpsec_lq_init(&lq);
	for (i = 0; i < LQ_OPS; i++) {
		uint64_t r = ktap_rand(&seed);

		switch (r % 5) {
		case 0: case 1: s = last + 1; break;
		case 2: s = last + 1 + (r >> 8) % 40; break;
		case 3: s = last - ((r >> 8) % 40 <= last ? (r >> 8) % 40 : last); break;
		default: s = last - ((r >> 8) % 3 <= last ? (r >> 8) % 3 : last); break;
		}
		want = !seen[s] && (!any || s > last || last - s < 32);
		KTAP_EXPECT_EQ_CTX(kpsec_lq_receive(&lq, s), want, "op %u seq %llu",
				   i, (unsigned long long)s);
		if (want) {
			seen[s] = 1;
			if (!any || s > last)
				last = s;
			any = true;
		}
		KTAP_EXPECT_EQ_CTX(lq.last_seq, last, "op %u", i);
		m = (unsigned int)(ktap_rand(&seed) % 20);
		/* Received among last + m - 15 .. last + m. */
		got = 0;
		for (j = 0; j < KPSEC_LQ_WINDOW; j++)
			if (last + m >= j && last + m - j <= last && seen[last + m - j])
				got++;
		KTAP_EXPECT_EQ_CTX(kpsec_lq_quality(&lq, m), got * 255 / 16,
				   "op %u missed %u", i, m);
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_hello_layout),
	KTAP_CASE(test_hello_encode_cap),
	KTAP_CASE(test_hello_parse),
	KTAP_CASE(test_hello_round_trip),
	KTAP_CASE(test_hello_reject_length),
	KTAP_CASE(test_hello_reject_fields),
	KTAP_CASE(test_hello_precedence),
	KTAP_CASE(test_lsa_layout),
	KTAP_CASE(test_lsa_encode_cap),
	KTAP_CASE(test_lsa_parse),
	KTAP_CASE(test_lsa_round_trip),
	KTAP_CASE(test_lsa_reject_length),
	KTAP_CASE(test_lsa_reject_fields),
	KTAP_CASE(test_lsa_reject_tlvs),
	KTAP_CASE(test_lsa_precedence),
	KTAP_CASE(test_tlv_iterate),
	KTAP_CASE(test_tlv_max),
	KTAP_CASE(test_tlv_unvalidated),
	KTAP_CASE(test_seq_after),
	KTAP_CASE(test_metric_table),
	KTAP_CASE(test_metric_all),
	KTAP_CASE(test_lq_init),
	KTAP_CASE(test_lq_in_order),
	KTAP_CASE(test_lq_loss),
	KTAP_CASE(test_lq_reorder),
	KTAP_CASE(test_lq_duplicates),
	KTAP_CASE(test_lq_jumps),
	KTAP_CASE(test_lq_missed),
	KTAP_CASE(test_lq_model),
};

KTAP_MAIN(cases)
