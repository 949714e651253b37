/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Control frames of the mesh routing: HELLO (neighbour discovery and link
 * quality, one hop) and LSA (link state, flooded).  Both follow the common
 * 24-byte header of wire.h with dst = KPSEC_NODE_BROADCAST, key index 0;
 * a HELLO's counter is its sequence number.  Bodies, big-endian:
 *
 * HELLO:  u16 interval_ms | u16 count |
 *         count x { u32 node | u8 quality | u8 flags | u16 reserved (0) }
 *   The neighbours the sender hears, with the share of their HELLOs it
 *   received over the last KPSEC_LQ_WINDOW (quality, 0..255) and
 *   KPSEC_HELLO_F_SYM when it also heard itself in theirs.
 *
 * LSA:    u32 origin | u32 seq | u16 lifetime_s | u16 count |
 *         count x { u32 node | u16 metric | u16 reserved (0) } |
 *         TLVs up to the end: { u8 type | u8 reserved (0) | u16 len | value }
 *   The origin's symmetric links with their metrics.  TLVs carry what other
 *   features announce (key-ring advertisements): unknown types are skipped.
 */
#ifndef KPSEC_LIB_CTRL_H
#define KPSEC_LIB_CTRL_H

#include "kpsec_types.h"

#define KPSEC_HELLO_FIXED 4
#define KPSEC_HELLO_ENTRY 8
#define KPSEC_LSA_FIXED 12
#define KPSEC_LSA_LINK 8
#define KPSEC_TLV_HDR 4

#define KPSEC_HELLO_F_SYM 0x01

/* Link quality window, in HELLOs, and the metric of a perfect link. */
#define KPSEC_LQ_WINDOW 16
#define KPSEC_METRIC_UNIT 256
#define KPSEC_METRIC_INF 0xffff

struct kpsec_hello_neigh {
	u32 node;
	u8 quality;
	u8 flags;
};

struct kpsec_hello {
	u16 interval_ms;
	u16 count;
	const u8 *entries;	/* count entries of KPSEC_HELLO_ENTRY bytes */
};

struct kpsec_lsa_link {
	u32 node;
	u16 metric;
};

struct kpsec_lsa {
	u32 origin;
	u32 seq;
	u16 lifetime_s;
	u16 count;
	const u8 *links;	/* count links of KPSEC_LSA_LINK bytes */
	const u8 *tlvs;		/* validated TLV area */
	size_t tlv_len;
};

enum kpsec_ctrl_err {
	KPSEC_CTRL_OK = 0,
	KPSEC_CTRL_SHORT,	/* shorter than its fixed part or its count says */
	KPSEC_CTRL_LONG,	/* HELLO: bytes after the last entry */
	KPSEC_CTRL_NODE,	/* a node ID 0 or broadcast, or the origin linked to itself */
	KPSEC_CTRL_RESERVED,	/* a reserved field is not 0 */
	KPSEC_CTRL_VALUE,	/* interval 0, lifetime 0, metric 0 */
	KPSEC_CTRL_TLV,		/* a TLV overruns the frame */
};

/* Bytes of a HELLO body with @count entries. */
static inline size_t kpsec_hello_len(unsigned int count)
{
	return KPSEC_HELLO_FIXED + (size_t)count * KPSEC_HELLO_ENTRY;
}

/* Write a HELLO body; returns its length, or 0 when @cap is too small. */
size_t kpsec_hello_encode(u8 *out, size_t cap, u16 interval_ms,
			  const struct kpsec_hello_neigh *n, u16 count);
enum kpsec_ctrl_err kpsec_hello_parse(struct kpsec_hello *h, const u8 *body, size_t len);
/* Entry @i (< h->count) of a parsed HELLO. */
void kpsec_hello_entry(const struct kpsec_hello *h, unsigned int i,
		       struct kpsec_hello_neigh *out);

static inline size_t kpsec_lsa_len(unsigned int count, size_t tlv_len)
{
	return KPSEC_LSA_FIXED + (size_t)count * KPSEC_LSA_LINK + tlv_len;
}

/* Write an LSA body; returns its length, or 0 when @cap is too small. */
size_t kpsec_lsa_encode(u8 *out, size_t cap, u32 origin, u32 seq, u16 lifetime_s,
			const struct kpsec_lsa_link *links, u16 count,
			const u8 *tlvs, size_t tlv_len);
enum kpsec_ctrl_err kpsec_lsa_parse(struct kpsec_lsa *l, const u8 *body, size_t len);
void kpsec_lsa_link_at(const struct kpsec_lsa *l, unsigned int i,
		       struct kpsec_lsa_link *out);

/*
 * Iterate the TLVs of a parsed LSA: start with *pos = 0; returns false at
 * the end.  (The area was validated by kpsec_lsa_parse.)
 */
bool kpsec_lsa_tlv_next(const struct kpsec_lsa *l, size_t *pos, u8 *type,
			const u8 **value, u16 *len);

/* Serial number order (RFC 1982): @a is newer than @b. */
static inline bool kpsec_seq_after(u32 a, u32 b)
{
	return (s32)(a - b) > 0;
}

/*
 * Metric of a link from the qualities measured in both directions (ETX in
 * units of 1/KPSEC_METRIC_UNIT): KPSEC_METRIC_UNIT for a perfect link,
 * KPSEC_METRIC_INF when either quality is 0.
 */
u16 kpsec_link_metric(u8 q_in, u8 q_out);

/*
 * Link quality estimation: a window of the last KPSEC_LQ_WINDOW HELLO
 * sequence numbers of one neighbour.
 */
struct kpsec_lq {
	u64 last_seq;	/* highest sequence number received */
	u32 bits;	/* bit i: last_seq - i was received */
	bool any;
};

void kpsec_lq_init(struct kpsec_lq *lq);
/* Record HELLO @seq; false when it is old or a duplicate (ignored). */
bool kpsec_lq_receive(struct kpsec_lq *lq, u64 seq);
/*
 * Quality 0..255: the share of the window received, counting @missed
 * HELLOs that should have arrived since last_seq (from the time elapsed).
 */
u8 kpsec_lq_quality(const struct kpsec_lq *lq, unsigned int missed);

#endif /* KPSEC_LIB_CTRL_H */
