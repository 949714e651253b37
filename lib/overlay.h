/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The key (overlay) graph of KPsec, built the same way by the module
 * (kmod/keypath.c) and the planner (tools/plan/analysis.c): an arc u -> v
 * when u can protect traffic to v (u holds v's public key, or the two
 * share enough pool keys), carried over the shortest physical path.  Its
 * cost is one D-E step, which dominates, plus the radio hops, so
 * lib/disjoint.c finds the key-paths with the fewest D-E steps first.
 */
#ifndef KPSEC_LIB_OVERLAY_H
#define KPSEC_LIB_OVERLAY_H

#include "kpsec_types.h"
#include "graph.h"

/* The cost of one overlay hop beyond its radio hops: D-E steps come first. */
#define KPSEC_DE_COST 1024

/*
 * Overlay arcs being collected, in arrays of @cap entries the caller
 * owns.  Vertices are those of the physical graph, 0 .. n - 1.
 */
struct kpsec_overlay {
	u32 n;
	u32 cap;
	u32 ne;			/* arcs added so far */
	u32 *from, *to, *cost;
};

/**
 * kpsec_overlay_cost() - cost of an overlay arc over @hops radio hops
 * @hops: radio hops of the physical path carrying it
 *
 * Return: KPSEC_DE_COST + @hops, saturated below KPSEC_DIST_INF.
 */
u32 kpsec_overlay_cost(u32 hops);

/**
 * kpsec_overlay_add() - arcs from @u to the members of a ring
 * @o: the arcs so far
 * @u: their tail
 * @ring: @k vertices @u can protect traffic to
 * @k: entries of @ring
 * @dist: physical distances from @u (KPSEC_DIST_INF: unreachable)
 * @hops: radio hops of those shortest paths
 * @skip: a vertex no arc may enter (the source itself), or KPSEC_NO_VERTEX
 *
 * Skips KPSEC_NO_VERTEX, @u, @skip, vertices >= n and unreachable ones;
 * stops when @o is full.  Arcs keep the order of @ring.
 *
 * Return: the number of arcs added.
 */
u32 kpsec_overlay_add(struct kpsec_overlay *o, u32 u, const u32 *ring, u32 k,
		      const u32 *dist, const u32 *hops, u32 skip);

/**
 * kpsec_overlay_csr() - the arcs as a graph for lib/disjoint.c
 * @o: the arcs
 * @first: n + 1 entries
 * @to: o->ne entries
 * @cost: o->ne entries
 * @g: set to the graph over @first, @to and @cost
 *
 * A counting sort by tail: the arcs leaving each vertex keep the order in
 * which they were added.
 */
void kpsec_overlay_csr(const struct kpsec_overlay *o, u32 *first, u32 *to, u32 *cost,
		       struct kpsec_graph *g);

/**
 * kpsec_shared_count() - how many IDs two ascending lists have in common
 * @a: @na IDs, strictly ascending
 * @na: entries of @a
 * @b: @nb IDs, strictly ascending
 * @nb: entries of @b
 *
 * Two nodes are neighbours in the key graph of a symmetric scheme when
 * their pool key rings share at least q keys (q-composite).
 *
 * Return: the size of the intersection.
 */
u32 kpsec_shared_count(const u32 *a, u32 na, const u32 *b, u32 nb);

#endif /* KPSEC_LIB_OVERLAY_H */
