// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the control-frame parsers of lib/ctrl.c: the same bytes as a HELLO
 * body and as an LSA body.  What parses re-encodes from the parsed fields
 * to exactly the input, holds only legal values, and its TLVs tile the
 * TLV area; the TLV iterator stays inside even an area nobody validated.
 */
#include "fuzz.h"
#include "ctrl.h"

#define MAX_BODY 65536

static uint8_t enc[MAX_BODY];
static volatile uint8_t sink;

static void check_hello(const uint8_t *data, size_t size)
{
	static struct kpsec_hello_neigh n[65535];
	struct kpsec_hello h;
	enum kpsec_ctrl_err e = kpsec_hello_parse(&h, data, size);
	unsigned int i;

	FUZZ_CHECK(e >= KPSEC_CTRL_OK && e <= KPSEC_CTRL_TLV);
	FUZZ_CHECK(e != KPSEC_CTRL_TLV);	/* a HELLO has no TLVs */
	if (size < KPSEC_HELLO_FIXED)
		FUZZ_CHECK(e == KPSEC_CTRL_SHORT);
	if (e != KPSEC_CTRL_OK)
		return;
	FUZZ_CHECK(size == kpsec_hello_len(h.count));
	FUZZ_CHECK(h.entries == data + KPSEC_HELLO_FIXED);
	FUZZ_CHECK(h.interval_ms != 0);
	for (i = 0; i < h.count; i++) {
		kpsec_hello_entry(&h, i, &n[i]);
		FUZZ_CHECK(n[i].node != 0 && n[i].node != 0xffffffff);
	}
	/* Nothing is lost: the reserved fields were 0. */
	FUZZ_CHECK(kpsec_hello_encode(enc, size, h.interval_ms, n, h.count) == size);
	FUZZ_CHECK(!memcmp(enc, data, size));
	FUZZ_CHECK(kpsec_hello_encode(enc, size - 1, h.interval_ms, n, h.count) == 0);
}

/* Walk the TLVs of @l; returns how many bytes they cover. */
static size_t walk_tlvs(const struct kpsec_lsa *l, uint8_t *copy, size_t *copied)
{
	size_t pos = 0, last = 0, covered = 0;
	const u8 *value;
	u16 len;
	u8 type;

	*copied = 0;
	while (kpsec_lsa_tlv_next(l, &pos, &type, &value, &len)) {
		/* Forward progress, inside the area, value where the header says. */
		FUZZ_CHECK(pos > last && pos <= l->tlv_len);
		FUZZ_CHECK(value == l->tlvs + last + KPSEC_TLV_HDR);
		FUZZ_CHECK(pos == last + KPSEC_TLV_HDR + len);
		FUZZ_CHECK(type == l->tlvs[last]);
		if (len)	/* touch both ends of the value (ASan) */
			sink ^= value[0] ^ value[len - 1];
		if (copy) {
			copy[(*copied)++] = type;
			copy[(*copied)++] = 0;
			copy[(*copied)++] = (uint8_t)(len >> 8);
			copy[(*copied)++] = (uint8_t)len;
			memcpy(copy + *copied, value, len);
			*copied += len;
		}
		covered += KPSEC_TLV_HDR + len;
		last = pos;
	}
	FUZZ_CHECK(pos == last);	/* the end leaves pos alone */
	FUZZ_CHECK(!kpsec_lsa_tlv_next(l, &pos, &type, &value, &len));
	return covered;
}

static void check_lsa(const uint8_t *data, size_t size)
{
	static struct kpsec_lsa_link k[65535];
	static uint8_t tlv_copy[MAX_BODY];
	struct kpsec_lsa l, raw;
	enum kpsec_ctrl_err e = kpsec_lsa_parse(&l, data, size);
	size_t copied, links_end;
	unsigned int i;

	FUZZ_CHECK(e >= KPSEC_CTRL_OK && e <= KPSEC_CTRL_TLV);
	FUZZ_CHECK(e != KPSEC_CTRL_LONG);	/* TLVs take any trailing bytes */
	if (size < KPSEC_LSA_FIXED)
		FUZZ_CHECK(e == KPSEC_CTRL_SHORT);

	/* The iterator on the raw bytes, validated or not, never overruns. */
	raw.tlvs = data;
	raw.tlv_len = size;
	walk_tlvs(&raw, NULL, &copied);

	if (e != KPSEC_CTRL_OK)
		return;
	links_end = kpsec_lsa_len(l.count, 0);
	FUZZ_CHECK(size == links_end + l.tlv_len);
	FUZZ_CHECK(l.links == data + KPSEC_LSA_FIXED);
	FUZZ_CHECK(l.tlvs == data + links_end);
	FUZZ_CHECK(l.origin != 0 && l.origin != 0xffffffff);
	FUZZ_CHECK(l.lifetime_s != 0);
	for (i = 0; i < l.count; i++) {
		kpsec_lsa_link_at(&l, i, &k[i]);
		FUZZ_CHECK(k[i].node != 0 && k[i].node != 0xffffffff);
		FUZZ_CHECK(k[i].node != l.origin);
		FUZZ_CHECK(k[i].metric != 0);
	}
	/* The TLVs tile the area exactly, and rebuild it with reserved 0. */
	FUZZ_CHECK(walk_tlvs(&l, tlv_copy, &copied) == l.tlv_len);
	FUZZ_CHECK(copied == l.tlv_len);
	FUZZ_CHECK(!memcmp(tlv_copy, l.tlvs, l.tlv_len));
	FUZZ_CHECK(kpsec_lsa_encode(enc, size, l.origin, l.seq, l.lifetime_s, k,
				    l.count, tlv_copy, copied) == size);
	FUZZ_CHECK(!memcmp(enc, data, size));
	FUZZ_CHECK(kpsec_lsa_encode(enc, size - 1, l.origin, l.seq, l.lifetime_s, k,
				    l.count, tlv_copy, copied) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > MAX_BODY)
		return 0;
	check_hello(data, size);
	check_lsa(data, size);
	return 0;
}
