/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Node addressing: a node's address inside a mesh prefix is the prefix with
 * the node ID as host part, so the destination address of a packet names
 * the destination node with no table a neighbour could poison.
 */
#ifndef KPSEC_LIB_ADDR_H
#define KPSEC_LIB_ADDR_H

#include "kpsec_types.h"

#define KPSEC_PREFIX4_MIN 8
#define KPSEC_PREFIX4_MAX 30
#define KPSEC_PREFIX6_MIN 64
#define KPSEC_PREFIX6_MAX 126

/* @alen: 4 or 16.  @plen: prefix length in bits. */
struct kpsec_mesh_prefix {
	u8 alen;
	u8 plen;
	u8 addr[16];
};

enum kpsec_prefix_err {
	KPSEC_PREFIX_OK = 0,
	KPSEC_PREFIX_BAD_FAMILY,
	KPSEC_PREFIX_BAD_LEN,
	KPSEC_PREFIX_HOST_BITS,
};

/*
 * Validate a prefix: length in range for its family, host bits zero.
 * The functions below take only prefixes that passed this check.
 */
enum kpsec_prefix_err kpsec_prefix_validate(const struct kpsec_mesh_prefix *p);

/*
 * The node an address inside @p belongs to: its host part.  Returns 0
 * (no node) when the address is outside @p or the host part is 0, all
 * ones, or above 2^32 - 2.
 */
u32 kpsec_prefix_node(const struct kpsec_mesh_prefix *p, const u8 *addr);

/* Whether @node fits in the host part of @p (and is neither 0 nor all ones). */
bool kpsec_prefix_fits(const struct kpsec_mesh_prefix *p, u32 node);

/*
 * Write the address of @node inside @p to @addr (p->alen bytes).  @node
 * must fit (kpsec_prefix_fits), or it overwrites prefix bits.
 */
void kpsec_prefix_addr(const struct kpsec_mesh_prefix *p, u32 node, u8 *addr);

#endif /* KPSEC_LIB_ADDR_H */
