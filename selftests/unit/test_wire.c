// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of lib/wire.c: frame header (data and control frames), AEAD
 * associated data, inner IP.
 */
#include "ktap.h"
#include "wire.h"

/* Smallest data frame that decodes: header, one payload byte, tag. */
#define MIN_FRAME (KPSEC_HDR_LEN + 1 + KPSEC_TAG_LEN)

static const struct kpsec_hdr good_hdr = {
	.version = KPSEC_WIRE_VERSION,
	.type = KPSEC_PKT_DATA,
	.ttl = KPSEC_DEFAULT_TTL,
	.flags = 0,
	.src = 0x01020304,
	.dst = 0x05060708,
	.key_index = 0x090a0b0c,
	.counter = 0x0d0e0f1011121314ULL,
};

/* A HELLO header; an LSA differs only in its type. */
static const struct kpsec_hdr good_ctrl = {
	.version = KPSEC_WIRE_VERSION,
	.type = KPSEC_PKT_HELLO,
	.ttl = 1,
	.flags = 0,
	.src = 0x01020304,
	.dst = KPSEC_NODE_BROADCAST,
	.key_index = 0,
	.counter = 0x0d0e0f1011121314ULL,
};

static bool is_ctrl(unsigned int type)
{
	return type == KPSEC_PKT_HELLO || type == KPSEC_PKT_LSA;
}

/* Encode @h into a frame of exactly @len bytes (payload/tag left zero). */
static u8 *frame_of(const struct kpsec_hdr *h, size_t len)
{
	static u8 buf[2048];

	if (len > sizeof(buf))
		abort();
	kpsec_hdr_encode(buf, h);
	return ktap_dup(buf, len);
}

/* Decode @h re-encoded into an exact-size frame of @len bytes. */
static enum kpsec_parse_err decode_as(const struct kpsec_hdr *h, size_t len)
{
	struct kpsec_hdr out;
	u8 *f = frame_of(h, len);
	enum kpsec_parse_err e = kpsec_hdr_decode(&out, f, len);

	free(f);
	return e;
}

static void test_encode_layout(void)
{
	/* Big-endian fields at the offsets the wire.h diagram shows. */
	static const u8 want[KPSEC_HDR_LEN] = {
		0x01, 0x01, 0x20, 0x00,
		0x01, 0x02, 0x03, 0x04,
		0x05, 0x06, 0x07, 0x08,
		0x09, 0x0a, 0x0b, 0x0c,
		0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14,
	};
	u8 out[KPSEC_HDR_LEN + 1];

	out[KPSEC_HDR_LEN] = 0xa5;
	kpsec_hdr_encode(out, &good_hdr);
	KTAP_EXPECT_MEM(out, want, KPSEC_HDR_LEN);
	KTAP_EXPECT_EQ(out[KPSEC_HDR_LEN], 0xa5);	/* no overrun */
}

static void expect_same_hdr(const struct kpsec_hdr *a, const struct kpsec_hdr *b)
{
	KTAP_EXPECT_EQ(a->version, b->version);
	KTAP_EXPECT_EQ(a->type, b->type);
	KTAP_EXPECT_EQ(a->ttl, b->ttl);
	KTAP_EXPECT_EQ(a->flags, b->flags);
	KTAP_EXPECT_EQ(a->src, b->src);
	KTAP_EXPECT_EQ(a->dst, b->dst);
	KTAP_EXPECT_EQ(a->key_index, b->key_index);
	KTAP_EXPECT_EQ(a->counter, b->counter);
}

static void test_round_trip(void)
{
	struct kpsec_hdr h = good_hdr, out;
	uint64_t seed = 0x5eed0001;
	unsigned int i;
	u8 *f;

	f = frame_of(&h, MIN_FRAME);
	KTAP_EXPECT_EQ(kpsec_hdr_decode(&out, f, MIN_FRAME), KPSEC_PARSE_OK);
	expect_same_hdr(&out, &h);
	free(f);

	/* Extreme legal values: every bit of the wide fields is carried. */
	h.ttl = 1;
	h.src = 1;
	h.dst = 0xfffffffe;
	h.key_index = 0xffffffff;
	h.counter = ~0ULL;
	f = frame_of(&h, MIN_FRAME);
	KTAP_EXPECT_EQ(kpsec_hdr_decode(&out, f, MIN_FRAME), KPSEC_PARSE_OK);
	expect_same_hdr(&out, &h);
	free(f);

	for (i = 0; i < 10000; i++) {
		uint64_t r = ktap_rand(&seed);

		h.ttl = (u8)(r % 255 + 1);
		h.src = (u32)(r >> 8) % 0xfffffffe + 1;
		h.dst = (u32)ktap_rand(&seed) % 0xfffffffe + 1;
		if (h.dst == h.src)
			h.dst = h.src == 1 ? 2 : 1;
		h.key_index = (u32)ktap_rand(&seed);
		h.counter = ktap_rand(&seed);
		f = frame_of(&h, MIN_FRAME + i % 64);
		KTAP_EXPECT_EQ_CTX(kpsec_hdr_decode(&out, f, MIN_FRAME + i % 64),
				   KPSEC_PARSE_OK, "iteration %u", i);
		expect_same_hdr(&out, &h);
		free(f);
	}
}

static void test_reject_short(void)
{
	size_t len;

	/* Shorter than a header: nothing past @len may be read (ASan). */
	for (len = 0; len < KPSEC_HDR_LEN; len++)
		KTAP_EXPECT_EQ_CTX(decode_as(&good_hdr, len), KPSEC_PARSE_SHORT,
				   "len %zu", len);
	/* A whole header but no room for one payload byte and the tag. */
	for (len = KPSEC_HDR_LEN; len < MIN_FRAME; len++)
		KTAP_EXPECT_EQ_CTX(decode_as(&good_hdr, len), KPSEC_PARSE_SHORT,
				   "len %zu", len);
	KTAP_EXPECT_EQ(decode_as(&good_hdr, MIN_FRAME), KPSEC_PARSE_OK);
	KTAP_EXPECT_EQ(decode_as(&good_hdr, 1500), KPSEC_PARSE_OK);
	/* Too short wins over any other defect it hides. */
	{
		struct kpsec_hdr h = good_hdr;

		h.version = 0;
		KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN - 1), KPSEC_PARSE_SHORT);
	}
}

static void test_reject_version_type_flags(void)
{
	struct kpsec_hdr h;
	unsigned int v;

	for (v = 0; v < 256; v++) {
		h = good_hdr;
		h.version = (u8)v;
		KTAP_EXPECT_EQ_CTX(decode_as(&h, MIN_FRAME),
				   v == KPSEC_WIRE_VERSION ? KPSEC_PARSE_OK :
				   KPSEC_PARSE_VERSION, "version %u", v);
		/* Each known type, with a header valid for a data frame ... */
		h = good_hdr;
		h.type = (u8)v;
		KTAP_EXPECT_EQ_CTX(decode_as(&h, MIN_FRAME),
				   v == KPSEC_PKT_DATA ? KPSEC_PARSE_OK :
				   is_ctrl(v) ? KPSEC_PARSE_NODE :
				   v == KPSEC_PKT_KX ? KPSEC_PARSE_KEY_INDEX :
				   KPSEC_PARSE_TYPE, "type %u", v);
		/* ... and with one valid for a control frame. */
		h = good_ctrl;
		h.type = (u8)v;
		KTAP_EXPECT_EQ_CTX(decode_as(&h, KPSEC_HDR_LEN),
				   is_ctrl(v) ? KPSEC_PARSE_OK :
				   v == KPSEC_PKT_DATA || v == KPSEC_PKT_KX ?
				   KPSEC_PARSE_NODE : KPSEC_PARSE_TYPE, "type %u", v);
		/* No flag is defined yet: any set bit is refused. */
		h = good_hdr;
		h.flags = (u8)v;
		KTAP_EXPECT_EQ_CTX(decode_as(&h, MIN_FRAME),
				   v == 0 ? KPSEC_PARSE_OK : KPSEC_PARSE_FLAGS,
				   "flags 0x%x", v);
	}
}

static void test_reject_nodes(void)
{
	static const struct { u32 src, dst; } bad[] = {
		{ KPSEC_NODE_NONE, 2 },
		{ KPSEC_NODE_BROADCAST, 2 },
		{ 2, KPSEC_NODE_NONE },
		{ 2, KPSEC_NODE_BROADCAST },
		{ KPSEC_NODE_NONE, KPSEC_NODE_NONE },
		{ KPSEC_NODE_BROADCAST, KPSEC_NODE_BROADCAST },
		{ 7, 7 },
		{ 0xfffffffe, 0xfffffffe },
	};
	struct kpsec_hdr h = good_hdr;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		h.src = bad[i].src;
		h.dst = bad[i].dst;
		KTAP_EXPECT_EQ_CTX(decode_as(&h, MIN_FRAME), KPSEC_PARSE_NODE,
				   "src 0x%x dst 0x%x", bad[i].src, bad[i].dst);
	}
	h.src = 1;
	h.dst = 0xfffffffe;
	KTAP_EXPECT_EQ(decode_as(&h, MIN_FRAME), KPSEC_PARSE_OK);
	h.src = 0xfffffffe;
	h.dst = 1;
	KTAP_EXPECT_EQ(decode_as(&h, MIN_FRAME), KPSEC_PARSE_OK);
}

static void test_reject_ttl(void)
{
	struct kpsec_hdr h = good_hdr;

	h.ttl = 0;
	KTAP_EXPECT_EQ(decode_as(&h, MIN_FRAME), KPSEC_PARSE_TTL);
	h.ttl = 1;
	KTAP_EXPECT_EQ(decode_as(&h, MIN_FRAME), KPSEC_PARSE_OK);
	h.ttl = 255;
	KTAP_EXPECT_EQ(decode_as(&h, MIN_FRAME), KPSEC_PARSE_OK);
}

/* The numbers are part of the wire format. */
static void test_type_values(void)
{
	KTAP_EXPECT_EQ(KPSEC_PKT_DATA, 1);
	KTAP_EXPECT_EQ(KPSEC_PKT_HELLO, 2);
	KTAP_EXPECT_EQ(KPSEC_PKT_LSA, 3);
	KTAP_EXPECT_EQ(KPSEC_PKT_KX, 4);
}

/* A key exchange frame goes to one node, with key index 0 and any size. */
static void test_kx_frame(void)
{
	struct kpsec_hdr h = good_hdr;

	h.type = KPSEC_PKT_KX;
	h.key_index = 0;
	KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN), KPSEC_PARSE_OK);
	h.key_index = 1;
	KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN), KPSEC_PARSE_KEY_INDEX);
	h.key_index = 0;
	h.dst = h.src;
	KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN), KPSEC_PARSE_NODE);
	h.dst = KPSEC_NODE_BROADCAST;
	KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN), KPSEC_PARSE_NODE);
}

/* The data frame rules do not loosen: key index 0 is an ordinary index. */
static void test_data_key_index(void)
{
	struct kpsec_hdr h = good_hdr;

	h.key_index = 0;
	KTAP_EXPECT_EQ(decode_as(&h, MIN_FRAME), KPSEC_PARSE_OK);
	h.key_index = 0xffffffff;
	KTAP_EXPECT_EQ(decode_as(&h, MIN_FRAME), KPSEC_PARSE_OK);
}

static void test_ctrl_accept(void)
{
	static const u8 types[] = { KPSEC_PKT_HELLO, KPSEC_PKT_LSA };
	static const u8 want[KPSEC_HDR_LEN] = {
		0x01, 0x02, 0x01, 0x00,
		0x01, 0x02, 0x03, 0x04,
		0xff, 0xff, 0xff, 0xff,
		0x00, 0x00, 0x00, 0x00,
		0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14,
	};
	struct kpsec_hdr h, out;
	u8 enc[KPSEC_HDR_LEN];
	size_t i, len;
	u8 *f;

	kpsec_hdr_encode(enc, &good_ctrl);
	KTAP_EXPECT_MEM(enc, want, KPSEC_HDR_LEN);
	for (i = 0; i < sizeof(types); i++) {
		h = good_ctrl;
		h.type = types[i];
		/* No body size is imposed here: ctrl.h parses the body. */
		for (len = KPSEC_HDR_LEN; len < MIN_FRAME + 8; len++) {
			f = frame_of(&h, len);
			KTAP_EXPECT_EQ_CTX(kpsec_hdr_decode(&out, f, len),
					   KPSEC_PARSE_OK, "type %u len %zu",
					   types[i], len);
			expect_same_hdr(&out, &h);
			free(f);
		}
		for (len = 0; len < KPSEC_HDR_LEN; len++)
			KTAP_EXPECT_EQ_CTX(decode_as(&h, len), KPSEC_PARSE_SHORT,
					   "type %u len %zu", types[i], len);
		/* Extreme legal values. */
		h.src = 1;
		h.ttl = 255;
		h.counter = ~0ULL;
		KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN), KPSEC_PARSE_OK);
		h.src = 0xfffffffe;
		h.ttl = 1;
		h.counter = 0;
		KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN), KPSEC_PARSE_OK);
	}
}

static void test_ctrl_reject(void)
{
	static const u8 types[] = { KPSEC_PKT_HELLO, KPSEC_PKT_LSA };
	static const u32 bad_dst[] = {
		KPSEC_NODE_NONE, 1, 0x05060708, 0x01020304, 0xfffffffe,
	};
	static const u32 bad_src[] = { KPSEC_NODE_NONE, KPSEC_NODE_BROADCAST };
	static const u32 bad_key[] = { 1, 0x80000000, 0xffffffff };
	struct kpsec_hdr h;
	size_t i, j;
	unsigned int b;

	for (i = 0; i < sizeof(types); i++) {
		/* Control frames go to every neighbour, never to one node. */
		for (j = 0; j < sizeof(bad_dst) / sizeof(bad_dst[0]); j++) {
			h = good_ctrl;
			h.type = types[i];
			h.dst = bad_dst[j];
			KTAP_EXPECT_EQ_CTX(decode_as(&h, KPSEC_HDR_LEN),
					   KPSEC_PARSE_NODE, "type %u dst 0x%x",
					   types[i], bad_dst[j]);
		}
		for (j = 0; j < sizeof(bad_src) / sizeof(bad_src[0]); j++) {
			h = good_ctrl;
			h.type = types[i];
			h.src = bad_src[j];
			KTAP_EXPECT_EQ_CTX(decode_as(&h, KPSEC_HDR_LEN),
					   KPSEC_PARSE_NODE, "type %u src 0x%x",
					   types[i], bad_src[j]);
		}
		/* They are not sealed with any key. */
		for (j = 0; j < sizeof(bad_key) / sizeof(bad_key[0]); j++) {
			h = good_ctrl;
			h.type = types[i];
			h.key_index = bad_key[j];
			KTAP_EXPECT_EQ_CTX(decode_as(&h, KPSEC_HDR_LEN),
					   KPSEC_PARSE_KEY_INDEX, "type %u key 0x%x",
					   types[i], bad_key[j]);
		}
		for (b = 0; b < 32; b++) {
			h = good_ctrl;
			h.type = types[i];
			h.key_index = 1U << b;
			KTAP_EXPECT_EQ_CTX(decode_as(&h, KPSEC_HDR_LEN),
					   KPSEC_PARSE_KEY_INDEX, "type %u bit %u",
					   types[i], b);
		}
		h = good_ctrl;
		h.type = types[i];
		h.ttl = 0;
		KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN), KPSEC_PARSE_TTL);
		h = good_ctrl;
		h.type = types[i];
		h.flags = 0x80;
		KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN), KPSEC_PARSE_FLAGS);
		h = good_ctrl;
		h.type = types[i];
		h.version = 2;
		KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN), KPSEC_PARSE_VERSION);

		/* Which defect is reported when there are several. */
		h = good_ctrl;
		h.type = types[i];
		h.dst = 7;
		h.key_index = 1;
		KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN), KPSEC_PARSE_NODE);
		h = good_ctrl;
		h.type = types[i];
		h.key_index = 1;
		h.ttl = 0;
		KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN), KPSEC_PARSE_KEY_INDEX);
		h = good_ctrl;
		h.type = types[i];
		h.key_index = 1;
		KTAP_EXPECT_EQ(decode_as(&h, KPSEC_HDR_LEN - 1), KPSEC_PARSE_SHORT);
	}
}

static void test_ad(void)
{
	u8 hdr[KPSEC_HDR_LEN], other[KPSEC_HDR_LEN];
	u8 ad[KPSEC_HDR_LEN + 1], ad2[KPSEC_HDR_LEN];
	unsigned int i;

	kpsec_hdr_encode(hdr, &good_hdr);
	ad[KPSEC_HDR_LEN] = 0xa5;
	kpsec_hdr_ad(ad, hdr);
	for (i = 0; i < KPSEC_HDR_LEN; i++)
		KTAP_EXPECT_EQ_CTX(ad[i], i == 2 ? 0 : hdr[i], "byte %u", i);
	KTAP_EXPECT_EQ(ad[KPSEC_HDR_LEN], 0xa5);
	KTAP_EXPECT_EQ(hdr[2], KPSEC_DEFAULT_TTL);	/* input untouched */

	/* Forwarders may change ttl without breaking authentication ... */
	memcpy(other, hdr, sizeof(other));
	other[2] = 1;
	kpsec_hdr_ad(ad2, other);
	KTAP_EXPECT_MEM(ad, ad2, KPSEC_HDR_LEN);
	/* ... but any other bit changes the AD. */
	for (i = 0; i < KPSEC_HDR_LEN * 8; i++) {
		if (i / 8 == 2)
			continue;
		memcpy(other, hdr, sizeof(other));
		other[i / 8] ^= (u8)(1u << (i % 8));
		kpsec_hdr_ad(ad2, other);
		KTAP_EXPECT_EQ_CTX(memcmp(ad, ad2, KPSEC_HDR_LEN) != 0, 1,
				   "bit %u", i);
	}
}

static void test_static_dir(void)
{
	KTAP_EXPECT_EQ(kpsec_static_dir(1, 2), 0);
	KTAP_EXPECT_EQ(kpsec_static_dir(2, 1), KPSEC_COUNTER_DIR_BIT);
	KTAP_EXPECT_EQ(kpsec_static_dir(1, 0xfffffffe), 0);
	KTAP_EXPECT_EQ(kpsec_static_dir(0xfffffffe, 1), KPSEC_COUNTER_DIR_BIT);
	/* The two directions of a pair never share a counter space. */
	KTAP_EXPECT(kpsec_static_dir(0x1234, 0x4321) !=
		    kpsec_static_dir(0x4321, 0x1234));
}

static void test_inner_version(void)
{
	unsigned int hi;
	u8 b;

	KTAP_EXPECT_EQ(kpsec_inner_ip_version(NULL, 0), 0);
	for (hi = 0; hi < 16; hi++) {
		b = (u8)(hi << 4 | 5);
		KTAP_EXPECT_EQ_CTX(kpsec_inner_ip_version(&b, 1),
				   hi == 4 || hi == 6 ? hi : 0, "byte 0x%02x", b);
	}
}

/* An IPv4 header of @len bytes with the given IHL and total length. */
static size_t v4_len(size_t len, unsigned int ihl, unsigned int tot)
{
	static u8 buf[70000];
	u8 *p;
	size_t r;

	buf[0] = (u8)(0x40 | ihl);
	buf[2] = (u8)(tot >> 8);
	buf[3] = (u8)tot;
	p = ktap_dup(buf, len);
	r = kpsec_inner_ip_len(p, len);
	free(p);
	return r;
}

static size_t v6_len(size_t len, unsigned int plen)
{
	static u8 buf[70000];
	u8 *p;
	size_t r;

	buf[0] = 0x60;
	buf[4] = (u8)(plen >> 8);
	buf[5] = (u8)plen;
	p = ktap_dup(buf, len);
	r = kpsec_inner_ip_len(p, len);
	free(p);
	return r;
}

static void test_inner_ipv4(void)
{
	unsigned int ihl;
	size_t len;

	KTAP_EXPECT_EQ(v4_len(20, 5, 20), 20);
	/* Trailing bytes (e.g. link-layer padding) are not part of it. */
	KTAP_EXPECT_EQ(v4_len(60, 5, 28), 28);
	KTAP_EXPECT_EQ(v4_len(65535, 5, 65535), 65535);
	/* Too short for a minimal header, whatever it claims. */
	for (len = 1; len < 20; len++)
		KTAP_EXPECT_EQ_CTX(v4_len(len, 5, (unsigned int)len), 0,
				   "len %zu", len);
	/* IHL below 5 is not a valid header. */
	for (ihl = 0; ihl < 5; ihl++)
		KTAP_EXPECT_EQ_CTX(v4_len(100, ihl, 100), 0, "ihl %u", ihl);
	/* The total length covers at least the header IHL announces. */
	KTAP_EXPECT_EQ(v4_len(100, 5, 19), 0);
	KTAP_EXPECT_EQ(v4_len(100, 5, 0), 0);
	KTAP_EXPECT_EQ(v4_len(100, 15, 59), 0);
	KTAP_EXPECT_EQ(v4_len(100, 15, 60), 60);
	KTAP_EXPECT_EQ(v4_len(60, 15, 60), 60);
	/* Options run past the buffer: the claim exceeds it too. */
	KTAP_EXPECT_EQ(v4_len(59, 15, 60), 0);
	/* Claims beyond what arrived. */
	KTAP_EXPECT_EQ(v4_len(99, 5, 100), 0);
	KTAP_EXPECT_EQ(v4_len(100, 5, 100), 100);
	KTAP_EXPECT_EQ(v4_len(20, 5, 65535), 0);
}

static void test_inner_ipv6(void)
{
	size_t len;

	for (len = 1; len < 40; len++)
		KTAP_EXPECT_EQ_CTX(v6_len(len, 0), 0, "len %zu", len);
	KTAP_EXPECT_EQ(v6_len(40, 0), 40);
	KTAP_EXPECT_EQ(v6_len(40, 1), 0);
	KTAP_EXPECT_EQ(v6_len(41, 1), 41);
	KTAP_EXPECT_EQ(v6_len(200, 100), 140);
	KTAP_EXPECT_EQ(v6_len(139, 100), 0);
	KTAP_EXPECT_EQ(v6_len(65575, 65535), 65575);
	KTAP_EXPECT_EQ(v6_len(65574, 65535), 0);
}

static void test_inner_other(void)
{
	u8 buf[64] = { 0 };
	unsigned int hi;

	KTAP_EXPECT_EQ(kpsec_inner_ip_len(NULL, 0), 0);
	for (hi = 0; hi < 16; hi++) {
		if (hi == 4 || hi == 6)
			continue;
		buf[0] = (u8)(hi << 4 | 5);
		buf[3] = 40;	/* would be a valid IPv4 total length */
		KTAP_EXPECT_EQ_CTX(kpsec_inner_ip_len(buf, sizeof(buf)), 0,
				   "byte 0x%02x", buf[0]);
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_encode_layout),
	KTAP_CASE(test_round_trip),
	KTAP_CASE(test_reject_short),
	KTAP_CASE(test_reject_version_type_flags),
	KTAP_CASE(test_reject_nodes),
	KTAP_CASE(test_reject_ttl),
	KTAP_CASE(test_type_values),
	KTAP_CASE(test_kx_frame),
	KTAP_CASE(test_data_key_index),
	KTAP_CASE(test_ctrl_accept),
	KTAP_CASE(test_ctrl_reject),
	KTAP_CASE(test_ad),
	KTAP_CASE(test_static_dir),
	KTAP_CASE(test_inner_version),
	KTAP_CASE(test_inner_ipv4),
	KTAP_CASE(test_inner_ipv6),
	KTAP_CASE(test_inner_other),
};

KTAP_MAIN(cases)
