/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Graph algorithms shared by the module (routes from the link-state
 * database) and the planner: shortest paths now, vertex-disjoint paths
 * later.  Vertices are 0..n-1; the caller maps node IDs to them.  Nothing
 * here allocates: the caller passes every array.
 */
#ifndef KPSEC_LIB_GRAPH_H
#define KPSEC_LIB_GRAPH_H

#include "kpsec_types.h"

#define KPSEC_NO_VERTEX 0xffffffffU
#define KPSEC_DIST_INF 0xffffffffU

/*
 * A directed graph in compressed sparse row form: the edges leaving v are
 * to[first[v]] .. to[first[v + 1] - 1], with weights weight[...] >= 1.
 */
struct kpsec_graph {
	u32 n;
	const u32 *first;	/* n + 1 entries */
	const u32 *to;
	const u32 *weight;
};

/*
 * Single-source shortest paths (Dijkstra, binary heap).  Fills dist[v]
 * (KPSEC_DIST_INF when unreachable), prev[v] (KPSEC_NO_VERTEX for the
 * source and the unreachable) and hops[v].  Among paths of equal distance
 * it prefers fewer hops, then the lower predecessor index, so the result
 * is the same on every node that has the same graph.  @heap and @pos are
 * workspaces of n entries.  Distances saturate below KPSEC_DIST_INF.
 */
void kpsec_dijkstra(const struct kpsec_graph *g, u32 src, u32 *dist, u32 *prev,
		    u32 *hops, u32 *heap, u32 *pos);

/* The vertex after @src on the path to @v, or KPSEC_NO_VERTEX. */
u32 kpsec_first_hop(const u32 *prev, u32 src, u32 v);

/*
 * The path src .. v into @out (at most @cap vertices, src first); returns
 * its number of vertices, 0 when v is unreachable or @cap is too small.
 */
u32 kpsec_path(const u32 *prev, u32 src, u32 v, u32 *out, u32 cap);

#endif /* KPSEC_LIB_GRAPH_H */
