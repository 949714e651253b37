// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "be.h"
#include "wire.h"

void kpsec_hdr_encode(u8 out[KPSEC_HDR_LEN], const struct kpsec_hdr *h)
{
	out[0] = h->version;
	out[1] = h->type;
	out[2] = h->ttl;
	out[3] = h->flags;
	kpsec_put_be32(out + 4, h->src);
	kpsec_put_be32(out + 8, h->dst);
	kpsec_put_be32(out + 12, h->key_index);
	kpsec_put_be32(out + 16, (u32)(h->counter >> 32));
	kpsec_put_be32(out + 20, (u32)h->counter);
}

enum kpsec_parse_err kpsec_hdr_decode(struct kpsec_hdr *h, const u8 *in, size_t len)
{
	if (len < KPSEC_HDR_LEN)
		return KPSEC_PARSE_SHORT;
	h->version = in[0];
	h->type = in[1];
	h->ttl = in[2];
	h->flags = in[3];
	h->src = kpsec_get_be32(in + 4);
	h->dst = kpsec_get_be32(in + 8);
	h->key_index = kpsec_get_be32(in + 12);
	h->counter = (u64)kpsec_get_be32(in + 16) << 32 | kpsec_get_be32(in + 20);

	if (h->version != KPSEC_WIRE_VERSION)
		return KPSEC_PARSE_VERSION;
	if (h->type != KPSEC_PKT_DATA && h->type != KPSEC_PKT_HELLO &&
	    h->type != KPSEC_PKT_LSA && h->type != KPSEC_PKT_KX)
		return KPSEC_PARSE_TYPE;
	if (h->flags)
		return KPSEC_PARSE_FLAGS;
	if (h->src == KPSEC_NODE_NONE || h->src == KPSEC_NODE_BROADCAST)
		return KPSEC_PARSE_NODE;
	if (h->type == KPSEC_PKT_HELLO || h->type == KPSEC_PKT_LSA) {
		if (h->dst != KPSEC_NODE_BROADCAST)
			return KPSEC_PARSE_NODE;
	} else if (h->dst == KPSEC_NODE_NONE || h->dst == KPSEC_NODE_BROADCAST ||
		   h->src == h->dst) {
		return KPSEC_PARSE_NODE;
	}
	if (h->type != KPSEC_PKT_DATA && h->key_index)
		return KPSEC_PARSE_KEY_INDEX;
	if (h->ttl == 0)
		return KPSEC_PARSE_TTL;
	/* A data frame carries at least one byte of payload and the tag. */
	if (h->type == KPSEC_PKT_DATA && len < KPSEC_HDR_LEN + KPSEC_TAG_LEN + 1)
		return KPSEC_PARSE_SHORT;
	return KPSEC_PARSE_OK;
}

void kpsec_hdr_ad(u8 ad[KPSEC_HDR_LEN], const u8 hdr[KPSEC_HDR_LEN])
{
	unsigned int i;

	for (i = 0; i < KPSEC_HDR_LEN; i++)
		ad[i] = hdr[i];
	ad[2] = 0;
}

unsigned int kpsec_inner_ip_version(const u8 *pkt, size_t len)
{
	unsigned int v;

	if (len < 1)
		return 0;
	v = pkt[0] >> 4;
	return v == 4 || v == 6 ? v : 0;
}

size_t kpsec_inner_ip_len(const u8 *pkt, size_t len)
{
	size_t claim;

	switch (kpsec_inner_ip_version(pkt, len)) {
	case 4:
		if (len < 20 || (pkt[0] & 0x0f) < 5)
			return 0;
		claim = (size_t)pkt[2] << 8 | pkt[3];
		if (claim < (size_t)(pkt[0] & 0x0f) * 4)
			return 0;
		break;
	case 6:
		if (len < 40)
			return 0;
		claim = 40 + ((size_t)pkt[4] << 8 | pkt[5]);
		break;
	default:
		return 0;
	}
	return claim <= len ? claim : 0;
}
