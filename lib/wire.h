/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The kpsec frame header, as it travels after the lower link's Ethernet
 * header (ethertype KPSEC_ETHERTYPE).  All fields big-endian:
 *
 *   0      1      2      3
 *   +------+------+------+------+
 *   | ver  | type | ttl  | flags|
 *   +------+------+------+------+
 *   |        source node        |
 *   +---------------------------+
 *   |     destination node      |
 *   +---------------------------+
 *   |          key index        |
 *   +---------------------------+
 *   |      counter (64 bit)     |
 *   |                           |
 *   +---------------------------+
 *   | ciphertext ...  | tag(16) |
 *
 * The associated data of the AEAD is the whole header with ttl set to 0:
 * ttl is the only field a forwarding node may change.
 */
#ifndef KPSEC_LIB_WIRE_H
#define KPSEC_LIB_WIRE_H

#include "kpsec_types.h"

#define KPSEC_WIRE_VERSION 1
#define KPSEC_HDR_LEN 24
#define KPSEC_TAG_LEN 16
#define KPSEC_DEFAULT_TTL 32

enum kpsec_pkt_type {
	KPSEC_PKT_DATA = 1,	/* sealed IP packet, to one node */
	KPSEC_PKT_HELLO = 2,	/* neighbour discovery, one hop (ctrl.h) */
	KPSEC_PKT_LSA = 3,	/* link state, flooded (ctrl.h) */
	KPSEC_PKT_KX = 4,	/* key exchange, to one node (kx.h) */
};

/* Node IDs 0 and 0xffffffff are reserved (none and broadcast). */
#define KPSEC_NODE_NONE 0U
#define KPSEC_NODE_BROADCAST 0xffffffffU

/* Static-key mode: the direction bit of the counter (see kpsec_static_dir). */
#define KPSEC_COUNTER_DIR_BIT (1ULL << 63)

struct kpsec_hdr {
	u8 version;
	u8 type;
	u8 ttl;
	u8 flags;
	u32 src;
	u32 dst;
	u32 key_index;
	u64 counter;
};

enum kpsec_parse_err {
	KPSEC_PARSE_OK = 0,
	KPSEC_PARSE_SHORT,
	KPSEC_PARSE_VERSION,
	KPSEC_PARSE_TYPE,
	KPSEC_PARSE_FLAGS,
	KPSEC_PARSE_NODE,
	KPSEC_PARSE_TTL,
	KPSEC_PARSE_KEY_INDEX,
};

void kpsec_hdr_encode(u8 out[KPSEC_HDR_LEN], const struct kpsec_hdr *h);

/*
 * Decode and validate a header from @len bytes at @in.  A data frame goes
 * from one node to another and @len must leave room for the tag (an empty
 * payload is malformed); a HELLO or LSA goes to KPSEC_NODE_BROADCAST with
 * key index 0; a key exchange frame goes to one node with key index 0.  Every frame has a valid source and a ttl of at least 1.
 */
enum kpsec_parse_err kpsec_hdr_decode(struct kpsec_hdr *h, const u8 *in, size_t len);

/* The AEAD associated data: the encoded header with ttl zeroed. */
void kpsec_hdr_ad(u8 ad[KPSEC_HDR_LEN], const u8 hdr[KPSEC_HDR_LEN]);

/*
 * Static-key mode: the value of the counter's direction bit for frames
 * sent from @src to @dst.  The node with the lower ID sends with the bit
 * clear, so the two directions of one key never share a nonce.
 */
static inline u64 kpsec_static_dir(u32 src, u32 dst)
{
	return src < dst ? 0 : KPSEC_COUNTER_DIR_BIT;
}

/* Inner packet: IP version from the first byte, 0 when neither 4 nor 6. */
unsigned int kpsec_inner_ip_version(const u8 *pkt, size_t len);

/*
 * The length an inner IP packet claims for itself (IPv4 total length,
 * IPv6 payload length + 40), or 0 when @len bytes cannot hold its header
 * or the claim exceeds @len.
 */
size_t kpsec_inner_ip_len(const u8 *pkt, size_t len);

#endif /* KPSEC_LIB_WIRE_H */
