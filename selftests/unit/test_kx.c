// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of lib/kx.c: share bodies round-trip with and without a QKD
 * key ID, every field's range is enforced, and each key exchange frame
 * type is checked for its exact length and reserved bytes.
 */
#include "ktap.h"
#include "kx.h"

static struct kpsec_kx_share sample(void)
{
	struct kpsec_kx_share s = {
		.xid = 0x0102030405060708ULL, .src = 3, .dst = 9,
		.rho = 3, .theta = 2, .index = 2,
	};
	unsigned int i;

	for (i = 0; i < sizeof(s.src_eph); i++)
		s.src_eph[i] = (u8)(0x40 + i);
	for (i = 0; i < sizeof(s.share); i++)
		s.share[i] = (u8)(0x80 + i);
	for (i = 0; i < sizeof(s.tag); i++)
		s.tag[i] = (u8)(0xf0 + i);
	return s;
}

static void test_share_round_trip(void)
{
	u8 buf[KPSEC_KX_SHARE_LEN];
	struct kpsec_kx_share s = sample(), d;
	unsigned int i;

	KTAP_EXPECT_EQ(KPSEC_KX_SHARE_LEN, 148);
	kpsec_kx_share_encode(buf, &s);
	KTAP_EXPECT_EQ(kpsec_kx_share_decode(&d, buf), KPSEC_KX_ERR_OK);
	KTAP_EXPECT(!memcmp(&s, &d, sizeof(s)));
	/* The share itself is where relays and the tag expect it. */
	KTAP_EXPECT_EQ(buf[KPSEC_KX_SHARE_OFF_SHARE], 0x80);
	KTAP_EXPECT_EQ(buf[KPSEC_KX_SHARE_AUTH_LEN], 0xf0);

	s.qkd = KPSEC_KX_QKD_HYBRID;
	for (i = 0; i < sizeof(s.qkd_id); i++)
		s.qkd_id[i] = (u8)(0x10 + i);
	kpsec_kx_share_encode(buf, &s);
	KTAP_EXPECT_EQ(buf[19], KPSEC_KX_QKD_HYBRID);
	KTAP_EXPECT_EQ(buf[20], 0x10);
	KTAP_EXPECT_EQ(kpsec_kx_share_decode(&d, buf), KPSEC_KX_ERR_OK);
	KTAP_EXPECT(!memcmp(&s, &d, sizeof(s)));
}

static void test_share_qkd_fields(void)
{
	u8 buf[KPSEC_KX_SHARE_LEN];
	struct kpsec_kx_share s = sample(), d;

	/* No QKD: the key ID must be zero. */
	kpsec_kx_share_encode(buf, &s);
	buf[20 + 15] = 1;
	KTAP_EXPECT_EQ(kpsec_kx_share_decode(&d, buf), KPSEC_KX_ERR_RESERVED);
	/* Unknown QKD kinds are refused. */
	kpsec_kx_share_encode(buf, &s);
	buf[19] = 2;
	KTAP_EXPECT_EQ(kpsec_kx_share_decode(&d, buf), KPSEC_KX_ERR_VALUE);
	/* Hybrid with an all-zero ID parses; the store lookup refuses it. */
	s.qkd = KPSEC_KX_QKD_HYBRID;
	kpsec_kx_share_encode(buf, &s);
	KTAP_EXPECT_EQ(kpsec_kx_share_decode(&d, buf), KPSEC_KX_ERR_OK);
}

static void test_share_ranges(void)
{
	struct kpsec_kx_share s, d;
	u8 buf[KPSEC_KX_SHARE_LEN];

	s = sample(); s.src = 0;
	kpsec_kx_share_encode(buf, &s);
	KTAP_EXPECT_EQ(kpsec_kx_share_decode(&d, buf), KPSEC_KX_ERR_NODE);
	s = sample(); s.dst = s.src;
	kpsec_kx_share_encode(buf, &s);
	KTAP_EXPECT_EQ(kpsec_kx_share_decode(&d, buf), KPSEC_KX_ERR_NODE);
	s = sample(); s.theta = 4;
	kpsec_kx_share_encode(buf, &s);
	KTAP_EXPECT_EQ(kpsec_kx_share_decode(&d, buf), KPSEC_KX_ERR_VALUE);
	s = sample(); s.index = 0;
	kpsec_kx_share_encode(buf, &s);
	KTAP_EXPECT_EQ(kpsec_kx_share_decode(&d, buf), KPSEC_KX_ERR_VALUE);
	s = sample(); s.rho = KPSEC_KX_RHO_LIMIT + 1; s.index = 1;
	kpsec_kx_share_encode(buf, &s);
	KTAP_EXPECT_EQ(kpsec_kx_share_decode(&d, buf), KPSEC_KX_ERR_VALUE);
}

/* Every fixed-length frame: exactly its length, and reserved bytes zero. */
static void test_frame_lengths(void)
{
	static const struct {
		u8 msg;
		size_t len;
	} fixed[] = {
		{ KPSEC_KX_MSG_RESPONSE, KPSEC_KX_RESPONSE_LEN },
		{ KPSEC_KX_MSG_CONFIRM, KPSEC_KX_CONFIRM_LEN },
		{ KPSEC_KX_MSG_QKD_INIT, KPSEC_KX_QKD_INIT_LEN },
		{ KPSEC_KX_MSG_QKD_RESP, KPSEC_KX_QKD_RESP_LEN },
	};
	u8 body[256] = { 0 };
	unsigned int i;

	KTAP_EXPECT_EQ(KPSEC_KX_QKD_INIT_LEN, 60);
	KTAP_EXPECT_EQ(KPSEC_KX_QKD_RESP_LEN, 44);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		kpsec_kx_msg_header(body, fixed[i].msg);
		KTAP_EXPECT_EQ_CTX(kpsec_kx_frame_check(body, fixed[i].len), KPSEC_KX_ERR_OK,
				   "msg %u", fixed[i].msg);
		KTAP_EXPECT_EQ_CTX(kpsec_kx_frame_check(body, fixed[i].len - 1),
				   KPSEC_KX_ERR_SHORT, "msg %u", fixed[i].msg);
		KTAP_EXPECT_EQ_CTX(kpsec_kx_frame_check(body, fixed[i].len + 1),
				   KPSEC_KX_ERR_LONG, "msg %u", fixed[i].msg);
		body[2] = 1;
		KTAP_EXPECT_EQ_CTX(kpsec_kx_frame_check(body, fixed[i].len),
				   KPSEC_KX_ERR_RESERVED, "msg %u", fixed[i].msg);
		body[2] = 0;
	}
	kpsec_kx_msg_header(body, KPSEC_KX_MSG_SHARE_SYM + 1);
	KTAP_EXPECT_EQ(kpsec_kx_frame_check(body, 60), KPSEC_KX_ERR_MSG);
	KTAP_EXPECT_EQ(kpsec_kx_frame_check(body, 3), KPSEC_KX_ERR_SHORT);
}

/* SHARE and SHARE_SYM differ only in what seals them: the same bounds. */
static void test_share_frames(void)
{
	static const u8 msgs[] = { KPSEC_KX_MSG_SHARE, KPSEC_KX_MSG_SHARE_SYM };
	u8 body[512] = { 0 };
	size_t min = kpsec_kx_share_frame_len(0);
	unsigned int i;

	for (i = 0; i < sizeof(msgs); i++) {
		kpsec_kx_msg_header(body, msgs[i]);
		KTAP_EXPECT_EQ(kpsec_kx_frame_check(body, min), KPSEC_KX_ERR_OK);
		KTAP_EXPECT_EQ(kpsec_kx_frame_check(body, min + 4), KPSEC_KX_ERR_OK);
		KTAP_EXPECT_EQ(kpsec_kx_frame_check(body, min + 2), KPSEC_KX_ERR_VALUE);
		KTAP_EXPECT_EQ(kpsec_kx_frame_check(body, min - 1), KPSEC_KX_ERR_SHORT);
		KTAP_EXPECT_EQ(kpsec_kx_frame_check(body,
						    kpsec_kx_share_frame_len(KPSEC_KX_ROUTE_MAX) + 4),
			       KPSEC_KX_ERR_LONG);
	}
}

/* Ring advertisements: node IDs from 1, pool key IDs from 0, both ascending. */
static void test_ring_tlvs(void)
{
	u32 ids[] = { 0, 7, 0xfffffffeU }, out[4];
	u8 v[16];
	size_t len;

	len = kpsec_keyring_tlv_encode(v, sizeof(v), ids, 3);
	KTAP_EXPECT_EQ(len, 12);
	KTAP_EXPECT_EQ(kpsec_keyring_tlv_encode(v, 11, ids, 3), 0);
	KTAP_EXPECT_EQ(kpsec_symring_tlv_parse(v, len, out, 4), 3);
	KTAP_EXPECT_MEM(out, ids, sizeof(ids));
	/* Node 0 is no node: the public ring refuses what the pool ring takes. */
	KTAP_EXPECT_EQ(kpsec_keyring_tlv_parse(v, len, out, 4), -1);
	KTAP_EXPECT_EQ(kpsec_keyring_tlv_parse(v + 4, 8, out, 4), 2);
	KTAP_EXPECT_EQ(kpsec_symring_tlv_parse(v, len, out, 2), -1);
	KTAP_EXPECT_EQ(kpsec_symring_tlv_parse(v, 10, out, 4), -1);
	KTAP_EXPECT_EQ(kpsec_symring_tlv_parse(v, 0, out, 4), 0);
	/* Not ascending, repeated, the reserved ID. */
	ids[1] = 0;
	kpsec_keyring_tlv_encode(v, sizeof(v), ids, 3);
	KTAP_EXPECT_EQ(kpsec_symring_tlv_parse(v, 12, out, 4), -1);
	ids[0] = 9;
	ids[1] = 8;
	kpsec_keyring_tlv_encode(v, sizeof(v), ids, 2);
	KTAP_EXPECT_EQ(kpsec_symring_tlv_parse(v, 8, out, 4), -1);
	ids[0] = 0xffffffffU;
	kpsec_keyring_tlv_encode(v, sizeof(v), ids, 1);
	KTAP_EXPECT_EQ(kpsec_symring_tlv_parse(v, 4, out, 4), -1);
}

static void test_plain_round_trip(void)
{
	u8 share[KPSEC_KX_SHARE_LEN], plain[4 + 4 * KPSEC_KX_ROUTE_MAX + KPSEC_KX_SHARE_LEN];
	u32 route[] = { 5, 6, 7 }, back[KPSEC_KX_ROUTE_MAX];
	struct kpsec_kx_share s = sample();
	const u8 *inner;
	unsigned int n;
	size_t len;

	kpsec_kx_share_encode(share, &s);
	len = kpsec_kx_plain_encode(plain, sizeof(plain), route, 3, share);
	KTAP_EXPECT_EQ(len, kpsec_kx_share_plain_len(3));
	KTAP_EXPECT_EQ(kpsec_kx_plain_decode(plain, len, back, &n, &inner), KPSEC_KX_ERR_OK);
	KTAP_EXPECT_EQ(n, 3);
	KTAP_EXPECT_EQ(back[2], 7);
	KTAP_EXPECT(!memcmp(inner, share, sizeof(share)));
	KTAP_EXPECT_EQ(kpsec_kx_plain_decode(plain, len - 1, back, &n, &inner),
		       KPSEC_KX_ERR_SHORT);
	KTAP_EXPECT_EQ(kpsec_kx_plain_encode(plain, len - 1, route, 3, share), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_share_round_trip),
	KTAP_CASE(test_share_qkd_fields),
	KTAP_CASE(test_share_ranges),
	KTAP_CASE(test_frame_lengths),
	KTAP_CASE(test_share_frames),
	KTAP_CASE(test_ring_tlvs),
	KTAP_CASE(test_plain_round_trip),
};

KTAP_MAIN(cases)
