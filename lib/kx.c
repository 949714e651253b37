// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "be.h"
#include "ctrl.h"
#include "kx.h"

static void kpsec_copy(u8 *dst, const u8 *src, size_t n)
{
	while (n--)
		*dst++ = *src++;
}

static bool kpsec_all_zero(const u8 *p, size_t n)
{
	u8 acc = 0;

	while (n--)
		acc |= *p++;
	return !acc;
}

static bool kpsec_node_ok(u32 node)
{
	return node != 0 && node != 0xffffffffU;
}

u64 kpsec_kx_get_xid(const u8 *p)
{
	return (u64)kpsec_get_be32(p) << 32 | kpsec_get_be32(p + 4);
}

void kpsec_kx_put_xid(u8 *p, u64 xid)
{
	kpsec_put_be32(p, (u32)(xid >> 32));
	kpsec_put_be32(p + 4, (u32)xid);
}

u8 kpsec_kx_msg_type(const u8 *body, size_t len)
{
	return len < KPSEC_KX_MSG_FIXED ? 0 : body[0];
}

void kpsec_kx_msg_header(u8 *out, u8 msg)
{
	out[0] = msg;
	out[1] = 0;
	out[2] = 0;
	out[3] = 0;
}

void kpsec_kx_share_encode(u8 out[KPSEC_KX_SHARE_LEN], const struct kpsec_kx_share *s)
{
	kpsec_kx_put_xid(out, s->xid);
	kpsec_put_be32(out + 8, s->src);
	kpsec_put_be32(out + 12, s->dst);
	out[16] = s->rho;
	out[17] = s->theta;
	out[18] = s->index;
	out[19] = s->qkd;
	kpsec_copy(out + 20, s->qkd_id, KPSEC_KX_QKD_ID_LEN);
	kpsec_copy(out + 20 + KPSEC_KX_QKD_ID_LEN, s->src_eph, KPSEC_KX_KEY_LEN);
	kpsec_copy(out + KPSEC_KX_SHARE_OFF_SHARE, s->share, KPSEC_KX_SECRET_LEN);
	kpsec_copy(out + KPSEC_KX_SHARE_AUTH_LEN, s->tag, KPSEC_KX_TAG_LEN);
}

enum kpsec_kx_err kpsec_kx_share_decode(struct kpsec_kx_share *s,
					const u8 in[KPSEC_KX_SHARE_LEN])
{
	s->xid = kpsec_kx_get_xid(in);
	s->src = kpsec_get_be32(in + 8);
	s->dst = kpsec_get_be32(in + 12);
	s->rho = in[16];
	s->theta = in[17];
	s->index = in[18];
	s->qkd = in[19];
	kpsec_copy(s->qkd_id, in + 20, KPSEC_KX_QKD_ID_LEN);
	kpsec_copy(s->src_eph, in + 20 + KPSEC_KX_QKD_ID_LEN, KPSEC_KX_KEY_LEN);
	kpsec_copy(s->share, in + KPSEC_KX_SHARE_OFF_SHARE, KPSEC_KX_SECRET_LEN);
	kpsec_copy(s->tag, in + KPSEC_KX_SHARE_AUTH_LEN, KPSEC_KX_TAG_LEN);
	if (s->qkd > KPSEC_KX_QKD_HYBRID)
		return KPSEC_KX_ERR_VALUE;
	if (s->qkd == KPSEC_KX_QKD_NONE && !kpsec_all_zero(s->qkd_id, KPSEC_KX_QKD_ID_LEN))
		return KPSEC_KX_ERR_RESERVED;
	if (!kpsec_node_ok(s->src) || !kpsec_node_ok(s->dst) || s->src == s->dst)
		return KPSEC_KX_ERR_NODE;
	if (!s->rho || s->rho > KPSEC_KX_RHO_LIMIT || !s->theta || s->theta > s->rho ||
	    !s->index || s->index > s->rho)
		return KPSEC_KX_ERR_VALUE;
	return KPSEC_KX_ERR_OK;
}

size_t kpsec_kx_plain_encode(u8 *out, size_t cap, const u32 *route, unsigned int n_route,
			     const u8 share[KPSEC_KX_SHARE_LEN])
{
	size_t len = kpsec_kx_share_plain_len(n_route);
	unsigned int i;

	if (n_route > KPSEC_KX_ROUTE_MAX || cap < len)
		return 0;
	out[0] = (u8)n_route;
	out[1] = 0;
	out[2] = 0;
	out[3] = 0;
	for (i = 0; i < n_route; i++)
		kpsec_put_be32(out + 4 + 4 * i, route[i]);
	kpsec_copy(out + 4 + 4 * n_route, share, KPSEC_KX_SHARE_LEN);
	return len;
}

enum kpsec_kx_err kpsec_kx_plain_decode(const u8 *in, size_t len, u32 *route,
					unsigned int *n_route, const u8 **share)
{
	unsigned int i, n;

	if (len < 4)
		return KPSEC_KX_ERR_SHORT;
	n = in[0];
	if (in[1] || in[2] || in[3])
		return KPSEC_KX_ERR_RESERVED;
	if (n > KPSEC_KX_ROUTE_MAX)
		return KPSEC_KX_ERR_VALUE;
	if (len < kpsec_kx_share_plain_len(n))
		return KPSEC_KX_ERR_SHORT;
	if (len > kpsec_kx_share_plain_len(n))
		return KPSEC_KX_ERR_LONG;
	for (i = 0; i < n; i++) {
		route[i] = kpsec_get_be32(in + 4 + 4 * i);
		if (!kpsec_node_ok(route[i]))
			return KPSEC_KX_ERR_NODE;
	}
	*n_route = n;
	*share = in + 4 + 4 * n;
	return KPSEC_KX_ERR_OK;
}

enum kpsec_kx_err kpsec_kx_frame_check(const u8 *body, size_t len)
{
	size_t min, n_route_max = KPSEC_KX_ROUTE_MAX;

	if (len < KPSEC_KX_MSG_FIXED)
		return KPSEC_KX_ERR_SHORT;
	if (body[1] || body[2] || body[3])
		return KPSEC_KX_ERR_RESERVED;
	switch (body[0]) {
	case KPSEC_KX_MSG_SHARE:
	case KPSEC_KX_MSG_SHARE_SYM:
		/* The route length is sealed: check the bounds and alignment. */
		min = kpsec_kx_share_frame_len(0);
		if (len < min)
			return KPSEC_KX_ERR_SHORT;
		if (len > kpsec_kx_share_frame_len(n_route_max))
			return KPSEC_KX_ERR_LONG;
		if ((len - min) % 4)
			return KPSEC_KX_ERR_VALUE;
		return KPSEC_KX_ERR_OK;
	case KPSEC_KX_MSG_RESPONSE:
		min = KPSEC_KX_RESPONSE_LEN;
		break;
	case KPSEC_KX_MSG_CONFIRM:
		min = KPSEC_KX_CONFIRM_LEN;
		break;
	case KPSEC_KX_MSG_QKD_INIT:
		min = KPSEC_KX_QKD_INIT_LEN;
		break;
	case KPSEC_KX_MSG_QKD_RESP:
		min = KPSEC_KX_QKD_RESP_LEN;
		break;
	default:
		return KPSEC_KX_ERR_MSG;
	}
	if (len < min)
		return KPSEC_KX_ERR_SHORT;
	return len > min ? KPSEC_KX_ERR_LONG : KPSEC_KX_ERR_OK;
}

size_t kpsec_keyring_tlv_encode(u8 *out, size_t cap, const u32 *ids, unsigned int n)
{
	unsigned int i;

	if (cap < (size_t)n * 4)
		return 0;
	for (i = 0; i < n; i++)
		kpsec_put_be32(out + 4 * i, ids[i]);
	return (size_t)n * 4;
}

int kpsec_keyring_tlv_parse(const u8 *value, size_t len, u32 *out, unsigned int max)
{
	unsigned int i, n;
	u32 prev = 0;

	if (len % 4 || len / 4 > max)
		return -1;
	n = len / 4;
	for (i = 0; i < n; i++) {
		u32 id = kpsec_get_be32(value + 4 * i);

		if (!kpsec_node_ok(id) || id <= prev)
			return -1;
		out[i] = prev = id;
	}
	return (int)n;
}

int kpsec_symring_tlv_parse(const u8 *value, size_t len, u32 *out, unsigned int max)
{
	unsigned int i, n;

	if (len % 4 || len / 4 > max)
		return -1;
	n = len / 4;
	for (i = 0; i < n; i++) {
		u32 id = kpsec_get_be32(value + 4 * i);

		if (id == 0xffffffffU || (i && id <= out[i - 1]))
			return -1;
		out[i] = id;
	}
	return (int)n;
}

size_t kpsec_tlv_header(u8 *out, u8 type, u16 len)
{
	out[0] = type;
	out[1] = 0;
	kpsec_put_be16(out + 2, len);
	return KPSEC_TLV_HDR;
}
