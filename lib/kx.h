/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Key exchange frames (type KPSEC_PKT_KX), after the common header of
 * wire.h with src = the sending node, dst = the receiving node (both real
 * nodes), key index 0 and a fresh counter.  Intermediate nodes forward
 * them like data frames, without opening them.  Bodies, big-endian; every
 * one starts with u8 msg | u8 reserved (0) | u16 reserved (0):
 *
 * SHARE (one overlay hop of a key-path):
 *   eph[32] | sealed[...] | tag[16]
 *   sealed, to the receiver's static public key:
 *     u8 n_route | u8 reserved | u16 reserved | n_route x u32 node |
 *     share body (KPSEC_KX_SHARE_LEN)
 *   route: the overlay nodes still to come, the destination last; empty
 *   when the receiver is the destination.
 *   share body: u64 xid | u32 src | u32 dst | u8 rho | u8 theta |
 *     u8 index | u8 qkd | qkd_key_id[16] | src_eph[32] |
 *     share[KPSEC_KX_SECRET_LEN] | tag[16]
 *   qkd: KPSEC_KX_QKD_HYBRID when the session mixes in the QKD key
 *   qkd_key_id, else 0 and a zero key ID.
 *
 * RESPONSE (destination to source, shortest path):
 *   u64 xid | eph[32] | sealed{ public_key[32] | confirm[16] } | tag[16]
 *
 * CONFIRM (source to destination, shortest path):
 *   u64 xid | confirm[16]
 *
 * QKD_INIT (QKD-only mode, source to destination, shortest path):
 *   u64 xid | qkd_key_id[16] | nonce[16] | tag[16]
 *
 * QKD_RESP (destination to source, answering QKD_INIT):
 *   u64 xid | nonce[16] | confirm[16]
 *
 * SHARE_SYM (one overlay hop between two nodes sharing pool keys):
 *   salt[32] | sealed[...] | tag[16]
 *   sealed as in SHARE, under a key from the salt and the link key of the
 *   two nodes: a hash of the pool keys they share (key-exchange.rst).
 *
 * Key ring advertisement, an LSA TLV (ctrl.h) of type KPSEC_TLV_KEYRING:
 *   the node IDs whose public keys the origin holds, u32 each, ascending.
 * Symmetric ring advertisement, type KPSEC_TLV_SYMRING: the IDs of the
 *   pool keys the origin holds, u32 each from 0 to 2^32 - 2, ascending.
 */
#ifndef KPSEC_LIB_KX_H
#define KPSEC_LIB_KX_H

#include "kpsec_types.h"

#define KPSEC_KX_KEY_LEN 32
#define KPSEC_KX_TAG_LEN 16
/* What is shared: the source's public key and a secret authenticator. */
#define KPSEC_KX_SECRET_LEN 64
#define KPSEC_KX_ROUTE_MAX 16
#define KPSEC_KX_RHO_LIMIT 8

#define KPSEC_KX_QKD_ID_LEN 16
#define KPSEC_KX_NONCE_LEN 16

#define KPSEC_KX_MSG_FIXED 4
#define KPSEC_KX_SHARE_LEN (8 + 4 + 4 + 4 + KPSEC_KX_QKD_ID_LEN + KPSEC_KX_KEY_LEN + \
			    KPSEC_KX_SECRET_LEN + KPSEC_KX_TAG_LEN)
/* Where the share itself starts in a share body. */
#define KPSEC_KX_SHARE_OFF_SHARE (20 + KPSEC_KX_QKD_ID_LEN + KPSEC_KX_KEY_LEN)
/* The part of a share body its tag covers: everything before the tag. */
#define KPSEC_KX_SHARE_AUTH_LEN (KPSEC_KX_SHARE_LEN - KPSEC_KX_TAG_LEN)
#define KPSEC_KX_RESPONSE_PLAIN (KPSEC_KX_KEY_LEN + KPSEC_KX_TAG_LEN)
#define KPSEC_KX_RESPONSE_LEN (KPSEC_KX_MSG_FIXED + 8 + KPSEC_KX_KEY_LEN + \
			       KPSEC_KX_RESPONSE_PLAIN + KPSEC_KX_TAG_LEN)
#define KPSEC_KX_CONFIRM_LEN (KPSEC_KX_MSG_FIXED + 8 + KPSEC_KX_TAG_LEN)
#define KPSEC_KX_QKD_INIT_LEN (KPSEC_KX_MSG_FIXED + 8 + KPSEC_KX_QKD_ID_LEN + \
			       KPSEC_KX_NONCE_LEN + KPSEC_KX_TAG_LEN)
#define KPSEC_KX_QKD_RESP_LEN (KPSEC_KX_MSG_FIXED + 8 + KPSEC_KX_NONCE_LEN + KPSEC_KX_TAG_LEN)

/* The qkd byte of a share body. */
#define KPSEC_KX_QKD_NONE 0
#define KPSEC_KX_QKD_HYBRID 1

#define KPSEC_TLV_KEYRING 1
#define KPSEC_TLV_SYMRING 2

enum kpsec_kx_msg {
	KPSEC_KX_MSG_SHARE = 1,
	KPSEC_KX_MSG_RESPONSE = 2,
	KPSEC_KX_MSG_CONFIRM = 3,
	KPSEC_KX_MSG_QKD_INIT = 4,
	KPSEC_KX_MSG_QKD_RESP = 5,
	KPSEC_KX_MSG_SHARE_SYM = 6,
};

enum kpsec_kx_err {
	KPSEC_KX_ERR_OK = 0,
	KPSEC_KX_ERR_SHORT,	/* shorter than its fixed part or its count says */
	KPSEC_KX_ERR_LONG,	/* bytes after the end */
	KPSEC_KX_ERR_MSG,	/* unknown message type */
	KPSEC_KX_ERR_RESERVED,	/* a reserved field is not 0 */
	KPSEC_KX_ERR_NODE,	/* node ID 0 or broadcast, source = destination */
	KPSEC_KX_ERR_VALUE,	/* rho, theta, index or route length out of range */
};

/* Bytes of a sealed SHARE payload with @n_route route entries. */
static inline size_t kpsec_kx_share_plain_len(unsigned int n_route)
{
	return 4 + (size_t)n_route * 4 + KPSEC_KX_SHARE_LEN;
}

/* Bytes of a SHARE frame body with @n_route route entries. */
static inline size_t kpsec_kx_share_frame_len(unsigned int n_route)
{
	return KPSEC_KX_MSG_FIXED + KPSEC_KX_KEY_LEN +
	       kpsec_kx_share_plain_len(n_route) + KPSEC_KX_TAG_LEN;
}

/**
 * struct kpsec_kx_share - a share body
 * @xid: exchange ID, chosen by the source, increasing
 * @src: the source, whose public key is shared
 * @dst: the destination
 * @rho: shares sent
 * @theta: shares needed
 * @index: this share's x coordinate, 1 .. rho
 * @qkd: KPSEC_KX_QKD_NONE or KPSEC_KX_QKD_HYBRID
 * @qkd_id: the QKD key the session mixes in (hybrid), else zero
 * @src_eph: the source's ephemeral public key for this exchange
 * @share: the share of (public key | authenticator secret)
 * @tag: MAC of the body up to @tag under a key derived from the secret
 */
struct kpsec_kx_share {
	u64 xid;
	u32 src, dst;
	u8 rho, theta, index, qkd;
	u8 qkd_id[KPSEC_KX_QKD_ID_LEN];
	u8 src_eph[KPSEC_KX_KEY_LEN];
	u8 share[KPSEC_KX_SECRET_LEN];
	u8 tag[KPSEC_KX_TAG_LEN];
};

/* The message type of a body, 0 when it is too short to have one. */
u8 kpsec_kx_msg_type(const u8 *body, size_t len);
void kpsec_kx_msg_header(u8 *out, u8 msg);

void kpsec_kx_share_encode(u8 out[KPSEC_KX_SHARE_LEN], const struct kpsec_kx_share *s);
enum kpsec_kx_err kpsec_kx_share_decode(struct kpsec_kx_share *s,
					const u8 in[KPSEC_KX_SHARE_LEN]);

/*
 * The plaintext of a SHARE hop: the route still to come and the share
 * body.  encode returns its length (kpsec_kx_share_plain_len), 0 when
 * @n_route is too long or @cap too small.
 */
size_t kpsec_kx_plain_encode(u8 *out, size_t cap, const u32 *route, unsigned int n_route,
			     const u8 share[KPSEC_KX_SHARE_LEN]);
/*
 * Parse @len bytes of SHARE plaintext: *n_route entries into @route
 * (KPSEC_KX_ROUTE_MAX slots), *share points at the share body.
 */
enum kpsec_kx_err kpsec_kx_plain_decode(const u8 *in, size_t len, u32 *route,
					unsigned int *n_route, const u8 **share);

/* Check the fixed layout of a key exchange frame body. */
enum kpsec_kx_err kpsec_kx_frame_check(const u8 *body, size_t len);

/* u64 at @p, big-endian (xid of a RESPONSE or CONFIRM at body + 4). */
u64 kpsec_kx_get_xid(const u8 *p);
void kpsec_kx_put_xid(u8 *p, u64 xid);

/*
 * Key ring TLV value: @n node IDs, which must be ascending.  encode
 * returns the value length, 0 when @cap is too small.  parse returns the
 * number of IDs written to @out (at most @max), or -1 when the value is
 * malformed (length not a multiple of 4, IDs not ascending, 0 or broadcast).
 */
size_t kpsec_keyring_tlv_encode(u8 *out, size_t cap, const u32 *ids, unsigned int n);
int kpsec_keyring_tlv_parse(const u8 *value, size_t len, u32 *out, unsigned int max);
/* The same for a symmetric ring TLV: pool key IDs, 0 allowed. */
int kpsec_symring_tlv_parse(const u8 *value, size_t len, u32 *out, unsigned int max);

/* Write one TLV header (ctrl.h layout); returns KPSEC_TLV_HDR. */
size_t kpsec_tlv_header(u8 *out, u8 type, u16 len);

#endif /* KPSEC_LIB_KX_H */
