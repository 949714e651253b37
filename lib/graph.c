// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "graph.h"

/*
 * Dijkstra over the key (dist, hops, prev): each edge adds (weight, 1), so
 * the key strictly grows along a path even when the distance saturates,
 * and a vertex's key is final when it leaves the heap.  The heap orders
 * equal keys by vertex index, so the order vertices are settled in, and
 * hence the result, does not depend on the order of the edges.
 */

struct dijkstra {
	u32 *dist, *prev, *hops;
	u32 *heap, *pos;	/* pos[v]: index in heap, or KPSEC_NO_VERTEX */
	u32 size;
};

static bool key_less(u32 d1, u32 h1, u32 p1, u32 d2, u32 h2, u32 p2)
{
	if (d1 != d2)
		return d1 < d2;
	if (h1 != h2)
		return h1 < h2;
	return p1 < p2;
}

/* Heap order: the key, then the vertex index. */
static bool before(const struct dijkstra *s, u32 a, u32 b)
{
	if (s->dist[a] != s->dist[b] || s->hops[a] != s->hops[b] ||
	    s->prev[a] != s->prev[b])
		return key_less(s->dist[a], s->hops[a], s->prev[a],
				s->dist[b], s->hops[b], s->prev[b]);
	return a < b;
}

static void heap_set(struct dijkstra *s, u32 i, u32 v)
{
	s->heap[i] = v;
	s->pos[v] = i;
}

static void sift_up(struct dijkstra *s, u32 i)
{
	u32 v = s->heap[i], parent;

	while (i > 0) {
		parent = (i - 1) / 2;
		if (!before(s, v, s->heap[parent]))
			break;
		heap_set(s, i, s->heap[parent]);
		i = parent;
	}
	heap_set(s, i, v);
}

static void sift_down(struct dijkstra *s, u32 i)
{
	u32 v = s->heap[i], c;

	/* i < size <= n <= 0xffffffff, so 2 * i + 1 is computed in 64 bits. */
	while ((u64)i * 2 + 1 < s->size) {
		c = i * 2 + 1;
		if (c + 1 < s->size && before(s, s->heap[c + 1], s->heap[c]))
			c++;
		if (!before(s, s->heap[c], v))
			break;
		heap_set(s, i, s->heap[c]);
		i = c;
	}
	heap_set(s, i, v);
}

static u32 heap_pop(struct dijkstra *s)
{
	u32 top = s->heap[0];

	s->size--;
	if (s->size) {
		heap_set(s, 0, s->heap[s->size]);
		sift_down(s, 0);
	}
	s->pos[top] = KPSEC_NO_VERTEX;
	return top;
}

/* Saturating: never reaches KPSEC_DIST_INF. */
static u32 dist_add(u32 d, u32 w)
{
	u64 sum = (u64)d + w;

	return sum < KPSEC_DIST_INF ? (u32)sum : KPSEC_DIST_INF - 1;
}

/* Offer v the path through u with edge weight w. */
static void relax(struct dijkstra *s, u32 u, u32 v, u32 w)
{
	u32 d = dist_add(s->dist[u], w), h = s->hops[u] + 1;

	if (s->dist[v] != KPSEC_DIST_INF && s->pos[v] == KPSEC_NO_VERTEX)
		return;		/* settled */
	if (!key_less(d, h, u, s->dist[v], s->hops[v], s->prev[v]))
		return;
	s->dist[v] = d;
	s->hops[v] = h;
	s->prev[v] = u;
	if (s->pos[v] == KPSEC_NO_VERTEX) {
		s->pos[v] = s->size;
		s->heap[s->size++] = v;
	}
	sift_up(s, s->pos[v]);
}

void kpsec_dijkstra(const struct kpsec_graph *g, u32 src, u32 *dist, u32 *prev,
		    u32 *hops, u32 *heap, u32 *pos)
{
	struct dijkstra s = { dist, prev, hops, heap, pos, 0 };
	u32 u, v, e;

	for (v = 0; v < g->n; v++) {
		dist[v] = KPSEC_DIST_INF;
		prev[v] = KPSEC_NO_VERTEX;
		hops[v] = KPSEC_NO_VERTEX;
		pos[v] = KPSEC_NO_VERTEX;
	}
	if (src >= g->n)
		return;
	dist[src] = 0;
	hops[src] = 0;
	heap_set(&s, 0, src);
	s.size = 1;
	while (s.size) {
		u = heap_pop(&s);
		for (e = g->first[u]; e < g->first[u + 1]; e++) {
			v = g->to[e];
			if (v < g->n)
				relax(&s, u, v, g->weight[e]);
		}
	}
}

u32 kpsec_first_hop(const u32 *prev, u32 src, u32 v)
{
	if (v == src)
		return KPSEC_NO_VERTEX;
	while (prev[v] != src) {
		if (prev[v] == KPSEC_NO_VERTEX)
			return KPSEC_NO_VERTEX;
		v = prev[v];
	}
	return v;
}

u32 kpsec_path(const u32 *prev, u32 src, u32 v, u32 *out, u32 cap)
{
	u32 len = 1, u = v, i;

	while (u != src) {
		u = prev[u];
		if (u == KPSEC_NO_VERTEX)
			return 0;
		len++;
	}
	if (len > cap)
		return 0;
	out[len - 1] = v;
	for (i = len - 1; i > 0; i--)
		out[i - 1] = prev[out[i]];
	return len;
}
