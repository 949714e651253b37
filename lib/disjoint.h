/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Vertex-disjoint paths between two vertices of a struct kpsec_graph, the
 * key paths of the KPsec key exchange (the paper's Lemma 2: split every
 * vertex into an in and an out half joined by an arc of capacity 1, then
 * a maximum flow).  Among all sets of k disjoint paths we return one of
 * minimum total cost (edge weights), then of fewest edges: min-cost flow
 * by successive shortest augmenting paths, which reroutes earlier paths
 * when a cheap first path would block two disjoint ones.
 */
#ifndef KPSEC_LIB_DISJOINT_H
#define KPSEC_LIB_DISJOINT_H

#include "kpsec_types.h"
#include "graph.h"

/**
 * kpsec_disjoint_ws_size() - workspace kpsec_disjoint_paths() needs
 * @n: vertices of the graph
 * @m: edges of the graph (g->first[n])
 *
 * Return: the size in bytes, O(n + m).
 */
size_t kpsec_disjoint_ws_size(u32 n, u32 m);

/**
 * kpsec_disjoint_paths() - vertex-disjoint paths of minimum total cost
 * @g: the graph; weights >= 1 are the costs
 * @s: first vertex of every path
 * @t: last vertex of every path, != @s
 * @max: at most this many paths
 * @ws: kpsec_disjoint_ws_size(g->n, g->first[g->n]) bytes, aligned for u64
 * @paths: @max rows of g->n entries; row i gets path i's vertices, s .. t
 * @len: @max entries; len[i] is the number of vertices of path i
 * @cost: @max entries or NULL; cost[i] is path i's total weight,
 *	saturated at KPSEC_DIST_INF - 1
 *
 * No vertex but @s and @t is on two paths, and only one path may be the
 * edge s -> t itself.  For the number k of paths returned, no k disjoint
 * paths cost less in total, nor as much with fewer edges.  The paths come
 * out sorted by cost, then by vertex count, then by vertex sequence, and
 * ties between equally good sets are broken by vertex index, not by edge
 * order, so every node with the same graph gets the same answer.
 *
 * Return: the number of paths, 0 when @s == @t, either is out of range,
 * or @t is not reachable.
 */
unsigned int kpsec_disjoint_paths(const struct kpsec_graph *g, u32 s, u32 t,
				  unsigned int max, void *ws, u32 *paths,
				  u32 *len, u32 *cost);

#endif /* KPSEC_LIB_DISJOINT_H */
