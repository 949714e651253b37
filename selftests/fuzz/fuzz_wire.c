// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the receive-path parsers of lib/wire.c with arbitrary frames: the
 * kpsec header (data, HELLO and LSA frames), and the inner IP length
 * check, which runs on decrypted but otherwise untrusted bytes.
 */
#include "fuzz.h"
#include "wire.h"

static void check_inner(const uint8_t *pkt, size_t len)
{
	unsigned int v = kpsec_inner_ip_version(pkt, len);
	size_t claim = kpsec_inner_ip_len(pkt, len);

	FUZZ_CHECK(v == 0 || v == 4 || v == 6);
	FUZZ_CHECK(claim <= len);
	if (!claim)
		return;
	/* A length is only ever vouched for with a whole header inside it. */
	FUZZ_CHECK(v != 0);
	if (v == 4) {
		FUZZ_CHECK(claim >= 20);
		FUZZ_CHECK(claim >= (size_t)(pkt[0] & 0x0f) * 4);
		FUZZ_CHECK(claim == ((size_t)pkt[2] << 8 | pkt[3]));
	} else {
		FUZZ_CHECK(claim == 40 + ((size_t)pkt[4] << 8 | pkt[5]));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kpsec_hdr h;
	enum kpsec_parse_err e = kpsec_hdr_decode(&h, data, size);
	uint8_t enc[KPSEC_HDR_LEN], ad[KPSEC_HDR_LEN];

	if (size < KPSEC_HDR_LEN)
		FUZZ_CHECK(e == KPSEC_PARSE_SHORT);
	if (e == KPSEC_PARSE_OK) {
		FUZZ_CHECK(size >= KPSEC_HDR_LEN);
		FUZZ_CHECK(h.version == KPSEC_WIRE_VERSION);
		FUZZ_CHECK(h.flags == 0 && h.ttl != 0);
		FUZZ_CHECK(h.src != KPSEC_NODE_NONE && h.src != KPSEC_NODE_BROADCAST);
		if (h.type == KPSEC_PKT_DATA) {
			FUZZ_CHECK(size >= KPSEC_HDR_LEN + KPSEC_TAG_LEN + 1);
			FUZZ_CHECK(h.dst != KPSEC_NODE_NONE &&
				   h.dst != KPSEC_NODE_BROADCAST);
			FUZZ_CHECK(h.src != h.dst);
		} else if (h.type == KPSEC_PKT_KX) {
			/* Key exchange: to one node, under no frame key. */
			FUZZ_CHECK(h.dst != KPSEC_NODE_NONE &&
				   h.dst != KPSEC_NODE_BROADCAST);
			FUZZ_CHECK(h.src != h.dst && h.key_index == 0);
		} else {
			/* HELLO and LSA: to every neighbour, under no key. */
			FUZZ_CHECK(h.type == KPSEC_PKT_HELLO || h.type == KPSEC_PKT_LSA);
			FUZZ_CHECK(h.dst == KPSEC_NODE_BROADCAST);
			FUZZ_CHECK(h.key_index == 0);
		}
		/* Decoding loses nothing: the header re-encodes bit for bit. */
		kpsec_hdr_encode(enc, &h);
		FUZZ_CHECK(!memcmp(enc, data, KPSEC_HDR_LEN));
		kpsec_hdr_ad(ad, data);
		FUZZ_CHECK(ad[2] == 0 && !memcmp(ad, data, 2) &&
			   !memcmp(ad + 3, data + 3, KPSEC_HDR_LEN - 3));
	} else {
		FUZZ_CHECK(e > KPSEC_PARSE_OK && e <= KPSEC_PARSE_KEY_INDEX);
		/* Only control and key exchange frames are refused for their key index. */
		if (e == KPSEC_PARSE_KEY_INDEX)
			FUZZ_CHECK(h.type == KPSEC_PKT_HELLO || h.type == KPSEC_PKT_LSA ||
				   h.type == KPSEC_PKT_KX);
	}

	/* The whole input, and the part after a header, as inner packets. */
	check_inner(data, size);
	if (size > KPSEC_HDR_LEN)
		check_inner(data + KPSEC_HDR_LEN, size - KPSEC_HDR_LEN);
	return 0;
}
