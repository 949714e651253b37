/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Hermitian unital, a 2-(m^3+1, m+1, 1) design, and the block
 * assignment of t-UKP (scheme_ukp.c).
 *
 * Points are the points of PG(2, m^2) on X^(m+1) + Y^(m+1) + Z^(m+1) = 0,
 * numbered in the order (x, y, 1) by x then y, then (x, 1, 0) ((1, 0, 0)
 * is never on the curve); blocks are the curve's intersections with its
 * secant lines, in the same order of the lines.  Point numbers are key IDs.
 */
#ifndef KPSEC_PLAN_UNITAL_H
#define KPSEC_PLAN_UNITAL_H

#include "plan.h"

/* Enumeration is O(m^6) field operations; 16 keeps it well under a second. */
#define PLAN_UNITAL_M_MAX 16u

struct plan_unital {
	u32 m;
	u32 v;			/* points, m^3 + 1 */
	u32 b;			/* blocks, m^2 (m^2 - m + 1) */
	u32 *pts;		/* b (m + 1) point numbers, each block increasing */
};

/* Refuses m < 2, m not a prime power and m > PLAN_UNITAL_M_MAX. */
int plan_unital_check_m(u32 m, char *err);
int plan_unital_build(struct plan_unital *u, u32 m, char *err);
void plan_unital_free(struct plan_unital *u);

static inline const u32 *plan_unital_block(const struct plan_unital *u, u32 i)
{
	return u->pts + (size_t)i * (u->m + 1);
}

/* The largest number of pairwise disjoint blocks: a partition of the points. */
static inline u32 plan_unital_disjoint_max(u32 m)
{
	return m * m - m + 1;
}

/*
 * Give each of n nodes t pairwise disjoint blocks: blk[v t .. v t + t - 1]
 * are node v's block numbers, increasing.  Without @reuse no block goes to
 * two nodes (n t <= b is the caller's check).  Choices come from @r only.
 */
int plan_ukp_assign(const struct plan_unital *u, u32 n, u32 t, bool reuse,
		    struct plan_rng *r, u32 *blk, char *err);

#endif /* KPSEC_PLAN_UNITAL_H */
