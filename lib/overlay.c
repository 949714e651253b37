// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "overlay.h"

u32 kpsec_overlay_cost(u32 hops)
{
	if (hops >= KPSEC_DIST_INF - 1 - KPSEC_DE_COST)
		return KPSEC_DIST_INF - 1;
	return KPSEC_DE_COST + hops;
}

u32 kpsec_overlay_add(struct kpsec_overlay *o, u32 u, const u32 *ring, u32 k,
		      const u32 *dist, const u32 *hops, u32 skip)
{
	u32 i, added = 0;

	for (i = 0; i < k && o->ne < o->cap; i++) {
		u32 v = ring[i];

		if (v == KPSEC_NO_VERTEX || v >= o->n || v == u || v == skip ||
		    dist[v] == KPSEC_DIST_INF)
			continue;
		o->from[o->ne] = u;
		o->to[o->ne] = v;
		o->cost[o->ne] = kpsec_overlay_cost(hops[v]);
		o->ne++;
		added++;
	}
	return added;
}

void kpsec_overlay_csr(const struct kpsec_overlay *o, u32 *first, u32 *to, u32 *cost,
		       struct kpsec_graph *g)
{
	u32 i, v;

	for (v = 0; v <= o->n; v++)
		first[v] = 0;
	for (i = 0; i < o->ne; i++)
		first[o->from[i] + 1]++;
	for (v = 0; v < o->n; v++)
		first[v + 1] += first[v];
	/* first[v] walks through v's slots, then is shifted back below. */
	for (i = 0; i < o->ne; i++) {
		u32 slot = first[o->from[i]]++;

		to[slot] = o->to[i];
		cost[slot] = o->cost[i];
	}
	for (v = o->n; v > 0; v--)
		first[v] = first[v - 1];
	first[0] = 0;
	g->n = o->n;
	g->first = first;
	g->to = to;
	g->weight = cost;
}

u32 kpsec_shared_count(const u32 *a, u32 na, const u32 *b, u32 nb)
{
	u32 i = 0, j = 0, n = 0;

	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			n++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return n;
}
