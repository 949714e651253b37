// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "be.h"
#include "ctrl.h"
#include "wire.h"

/*
 * Parsers check, in this order: the lengths (the whole frame is there and
 * nothing is left over), the fixed fields, then each entry or link in
 * order, then the TLVs in order.  The first defect found is returned.
 */

static bool node_ok(u32 node)
{
	return node != KPSEC_NODE_NONE && node != KPSEC_NODE_BROADCAST;
}

size_t kpsec_hello_encode(u8 *out, size_t cap, u16 interval_ms,
			  const struct kpsec_hello_neigh *n, u16 count)
{
	size_t len = kpsec_hello_len(count);
	unsigned int i;
	u8 *p;

	if (cap < len)
		return 0;
	kpsec_put_be16(out, interval_ms);
	kpsec_put_be16(out + 2, count);
	for (i = 0; i < count; i++) {
		p = out + KPSEC_HELLO_FIXED + (size_t)i * KPSEC_HELLO_ENTRY;
		kpsec_put_be32(p, n[i].node);
		p[4] = n[i].quality;
		p[5] = n[i].flags;
		kpsec_put_be16(p + 6, 0);
	}
	return len;
}

enum kpsec_ctrl_err kpsec_hello_parse(struct kpsec_hello *h, const u8 *body, size_t len)
{
	unsigned int i;
	const u8 *p;

	if (len < KPSEC_HELLO_FIXED)
		return KPSEC_CTRL_SHORT;
	h->interval_ms = kpsec_get_be16(body);
	h->count = kpsec_get_be16(body + 2);
	h->entries = body + KPSEC_HELLO_FIXED;
	if (len < kpsec_hello_len(h->count))
		return KPSEC_CTRL_SHORT;
	if (len > kpsec_hello_len(h->count))
		return KPSEC_CTRL_LONG;
	if (!h->interval_ms)
		return KPSEC_CTRL_VALUE;
	for (i = 0; i < h->count; i++) {
		p = h->entries + (size_t)i * KPSEC_HELLO_ENTRY;
		if (!node_ok(kpsec_get_be32(p)))
			return KPSEC_CTRL_NODE;
		if (kpsec_get_be16(p + 6))
			return KPSEC_CTRL_RESERVED;
	}
	return KPSEC_CTRL_OK;
}

void kpsec_hello_entry(const struct kpsec_hello *h, unsigned int i,
		       struct kpsec_hello_neigh *out)
{
	const u8 *p = h->entries + (size_t)i * KPSEC_HELLO_ENTRY;

	out->node = kpsec_get_be32(p);
	out->quality = p[4];
	out->flags = p[5];
}

size_t kpsec_lsa_encode(u8 *out, size_t cap, u32 origin, u32 seq, u16 lifetime_s,
			const struct kpsec_lsa_link *links, u16 count,
			const u8 *tlvs, size_t tlv_len)
{
	size_t fixed = kpsec_lsa_len(count, 0);
	unsigned int i;
	size_t j;
	u8 *p;

	/* Written so that a huge @tlv_len cannot wrap the sum around. */
	if (cap < fixed || cap - fixed < tlv_len)
		return 0;
	kpsec_put_be32(out, origin);
	kpsec_put_be32(out + 4, seq);
	kpsec_put_be16(out + 8, lifetime_s);
	kpsec_put_be16(out + 10, count);
	for (i = 0; i < count; i++) {
		p = out + KPSEC_LSA_FIXED + (size_t)i * KPSEC_LSA_LINK;
		kpsec_put_be32(p, links[i].node);
		kpsec_put_be16(p + 4, links[i].metric);
		kpsec_put_be16(p + 6, 0);
	}
	for (j = 0; j < tlv_len; j++)
		out[fixed + j] = tlvs[j];
	return fixed + tlv_len;
}

/* The TLV area is exactly tiled by TLVs with their reserved byte 0. */
static enum kpsec_ctrl_err tlvs_check(const u8 *t, size_t len)
{
	size_t pos = 0, vlen;

	while (pos < len) {
		if (len - pos < KPSEC_TLV_HDR)
			return KPSEC_CTRL_TLV;
		vlen = kpsec_get_be16(t + pos + 2);
		if (len - pos - KPSEC_TLV_HDR < vlen)
			return KPSEC_CTRL_TLV;
		if (t[pos + 1])
			return KPSEC_CTRL_RESERVED;
		pos += KPSEC_TLV_HDR + vlen;
	}
	return KPSEC_CTRL_OK;
}

enum kpsec_ctrl_err kpsec_lsa_parse(struct kpsec_lsa *l, const u8 *body, size_t len)
{
	size_t links_end;
	unsigned int i;
	const u8 *p;
	u32 node;

	if (len < KPSEC_LSA_FIXED)
		return KPSEC_CTRL_SHORT;
	l->origin = kpsec_get_be32(body);
	l->seq = kpsec_get_be32(body + 4);
	l->lifetime_s = kpsec_get_be16(body + 8);
	l->count = kpsec_get_be16(body + 10);
	l->links = body + KPSEC_LSA_FIXED;
	links_end = kpsec_lsa_len(l->count, 0);
	if (len < links_end)
		return KPSEC_CTRL_SHORT;
	l->tlvs = body + links_end;
	l->tlv_len = len - links_end;
	if (!node_ok(l->origin))
		return KPSEC_CTRL_NODE;
	if (!l->lifetime_s)
		return KPSEC_CTRL_VALUE;
	for (i = 0; i < l->count; i++) {
		p = l->links + (size_t)i * KPSEC_LSA_LINK;
		node = kpsec_get_be32(p);
		if (!node_ok(node) || node == l->origin)
			return KPSEC_CTRL_NODE;
		if (kpsec_get_be16(p + 6))
			return KPSEC_CTRL_RESERVED;
		if (!kpsec_get_be16(p + 4))
			return KPSEC_CTRL_VALUE;
	}
	return tlvs_check(l->tlvs, l->tlv_len);
}

void kpsec_lsa_link_at(const struct kpsec_lsa *l, unsigned int i,
		       struct kpsec_lsa_link *out)
{
	const u8 *p = l->links + (size_t)i * KPSEC_LSA_LINK;

	out->node = kpsec_get_be32(p);
	out->metric = kpsec_get_be16(p + 4);
}

bool kpsec_lsa_tlv_next(const struct kpsec_lsa *l, size_t *pos, u8 *type,
			const u8 **value, u16 *len)
{
	size_t left;
	u16 vlen;

	/* Bounds are checked again so a misuse ends the walk, never overruns. */
	if (*pos >= l->tlv_len)
		return false;
	left = l->tlv_len - *pos;
	if (left < KPSEC_TLV_HDR)
		return false;
	vlen = kpsec_get_be16(l->tlvs + *pos + 2);
	if (left - KPSEC_TLV_HDR < vlen)
		return false;
	*type = l->tlvs[*pos];
	*value = l->tlvs + *pos + KPSEC_TLV_HDR;
	*len = vlen;
	*pos += KPSEC_TLV_HDR + vlen;
	return true;
}

u16 kpsec_link_metric(u8 q_in, u8 q_out)
{
	/* At most 256 * 255 * 255 = 16646400: fits in 32 bits. */
	u32 num = (u32)KPSEC_METRIC_UNIT * 255 * 255;
	u32 den = (u32)q_in * q_out;
	u32 m;

	if (!den)
		return KPSEC_METRIC_INF;
	m = (num + den - 1) / den;
	return m < KPSEC_METRIC_INF ? (u16)m : KPSEC_METRIC_INF - 1;
}

void kpsec_lq_init(struct kpsec_lq *lq)
{
	lq->last_seq = 0;
	lq->bits = 0;
	lq->any = false;
}

bool kpsec_lq_receive(struct kpsec_lq *lq, u64 seq)
{
	u64 d;

	if (!lq->any || seq > lq->last_seq) {
		d = lq->any ? seq - lq->last_seq : 32;
		lq->bits = d < 32 ? lq->bits << d : 0;
		lq->bits |= 1;
		lq->last_seq = seq;
		lq->any = true;
		return true;
	}
	d = lq->last_seq - seq;
	if (d >= 32 || (lq->bits >> d & 1))
		return false;
	lq->bits |= 1U << d;
	return true;
}

u8 kpsec_lq_quality(const struct kpsec_lq *lq, unsigned int missed)
{
	unsigned int got = 0;
	u32 w;

	if (!lq->any || missed >= KPSEC_LQ_WINDOW)
		return 0;
	/* Bits 0 .. WINDOW - 1 of (bits << missed), seen before the shift. */
	w = lq->bits & ((1U << (KPSEC_LQ_WINDOW - missed)) - 1);
	for (; w; w &= w - 1)
		got++;
	return (u8)(got * 255 / KPSEC_LQ_WINDOW);
}
