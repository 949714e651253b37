// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "disjoint.h"

/*
 * The residual graph of the node-split network.  Vertex v becomes in(v)
 * and out(v); an edge u -> v becomes out(u) -> in(v) with cost (weight,
 * 1 edge); every vertex but s and t gets in(v) -> out(v) of cost (0, 0),
 * and s and t get none, so they bound nothing and no path passes them.
 * Paths run from out(s) to in(t).
 *
 * Arcs come in pairs: arc 2p is the forward arc, capacity 1, and 2p + 1 its
 * reverse, of negated cost, open once 2p carries flow; flow[p] is all the
 * state.  Pairs below nsplit are the in -> out arcs.
 *
 * Costs are compared as (weight sum, edge count) pairs, so the flow has
 * the fewest edges among the cheapest.  Successive shortest paths keep
 * every residual cycle's cost >= 0, and distances from out(s) only grow
 * from one augmentation to the next: the weight part of any tentative
 * distance is >= 0 and fits a u64 even though reverse arcs subtract.
 */

#define IN(v) (2 * (v))
#define OUT(v) (2 * (v) + 1)
#define NONE KPSEC_NO_VERTEX
#define UNREACHED (~0ULL)

struct residual {
	u32 nodes, pairs, max_pairs, nsplit;
	u64 *dist;	/* [nodes] weight part of the distance from out(s) */
	s32 *hops;	/* [nodes] edge part: forward edges minus reverse ones */
	u32 *head;	/* [2 * max_pairs] */
	u32 *weight;	/* [max_pairs] */
	u32 *first;	/* [nodes + 1] arcs leaving x: arc[first[x] .. first[x + 1]) */
	u32 *arc;	/* [2 * max_pairs] */
	u32 *pred;	/* [nodes] the arc a chosen shortest path enters x by */
	u32 *queue;	/* [nodes] */
	u32 *level;	/* [nodes] fewest arcs on a shortest path to x */
	u8 *flow;	/* [max_pairs] */
	u8 *queued;	/* [nodes] */
};

/* Carve @base into the arrays, u64 first for alignment; or just measure. */
static size_t layout(struct residual *r, char *base, u32 n, u32 m)
{
	size_t nodes = 2 * (size_t)n, pairs = (size_t)m + n, off = 0;

#define CARVE(field, count) do {					\
		if (base)						\
			r->field = (void *)(base + off);		\
		off += (count) * sizeof(*r->field);			\
	} while (0)
	CARVE(dist, nodes);
	CARVE(hops, nodes);
	CARVE(head, 2 * pairs);
	CARVE(weight, pairs);
	CARVE(first, nodes + 1);
	CARVE(arc, 2 * pairs);
	CARVE(pred, nodes);
	CARVE(queue, nodes);
	CARVE(level, nodes);
	CARVE(flow, pairs);
	CARVE(queued, nodes);
#undef CARVE
	return off;
}

size_t kpsec_disjoint_ws_size(u32 n, u32 m)
{
	struct residual r;

	return layout(&r, NULL, n, m);
}

static u32 tail(const struct residual *r, u32 a)
{
	return r->head[a ^ 1];
}

static bool usable(const struct residual *r, u32 a)
{
	return r->flow[a / 2] == (a & 1);
}

/* The distance of head(a) through arc a from its tail (reached). */
static void extend(const struct residual *r, u32 a, u64 *c, s32 *h)
{
	u32 x = tail(r, a), p = a / 2;
	s32 edges = p >= r->nsplit;

	if (a & 1) {
		*c = r->dist[x] - r->weight[p];	/* >= 0, see above */
		*h = r->hops[x] - edges;
	} else {
		*c = r->dist[x] + r->weight[p];
		*h = r->hops[x] + edges;
	}
}

static bool key_less(u64 c1, s32 h1, u64 c2, s32 h2)
{
	return c1 != c2 ? c1 < c2 : h1 < h2;
}

static void add_pair(struct residual *r, u32 from, u32 to, u32 weight)
{
	/* Only a malformed CSR could have more edges than first[n] says. */
	if (r->pairs == r->max_pairs)
		return;
	r->head[2 * r->pairs] = to;
	r->head[2 * r->pairs + 1] = from;
	r->weight[r->pairs] = weight;
	r->flow[r->pairs++] = 0;
}

static void build(struct residual *r, const struct kpsec_graph *g, u32 s, u32 t)
{
	u32 m = g->first[g->n], direct = NONE, u, v, e, x, a;

	/* Of parallel edges s -> t the lightest: that edge is one path. */
	for (e = g->first[s]; e < g->first[s + 1] && e < m; e++)
		if (g->to[e] == t &&
		    (direct == NONE || g->weight[e] < g->weight[direct]))
			direct = e;
	r->pairs = 0;
	for (v = 0; v < g->n; v++)
		if (v != s && v != t)
			add_pair(r, IN(v), OUT(v), 0);
	r->nsplit = r->pairs;
	for (u = 0; u < g->n; u++) {
		if (u == t)
			continue;
		for (e = g->first[u]; e < g->first[u + 1] && e < m; e++) {
			v = g->to[e];
			/* Loops and edges into s never help a path. */
			if (v >= g->n || v == s || v == u)
				continue;
			if (u == s && v == t && e != direct)
				continue;
			add_pair(r, OUT(u), IN(v), g->weight[e]);
		}
	}
	/* Index the arcs by tail (a counting sort; pred holds the cursors). */
	for (x = 0; x <= r->nodes; x++)
		r->first[x] = 0;
	for (a = 0; a < 2 * r->pairs; a++)
		r->first[tail(r, a) + 1]++;
	for (x = 0; x < r->nodes; x++) {
		r->first[x + 1] += r->first[x];
		r->pred[x] = r->first[x];
	}
	for (a = 0; a < 2 * r->pairs; a++)
		r->arc[r->pred[tail(r, a)]++] = a;
}

/*
 * Shortest distances from @src over open arcs: Bellman-Ford with a FIFO
 * queue, as reverse arcs cost less than 0.  With no negative cycle a node
 * is dequeued at most once per pass and there are at most nodes passes;
 * false if that bound trips, which would mean a bug, not a bad graph.
 */
static bool distances(struct residual *r, u32 src)
{
	u64 budget = (u64)r->nodes * (r->nodes + 1), c;
	u32 front = 0, count = 1, x, y, a, i;
	s32 h;

	for (x = 0; x < r->nodes; x++) {
		r->dist[x] = UNREACHED;
		r->hops[x] = 0;
		r->queued[x] = 0;
	}
	r->dist[src] = 0;
	r->queue[0] = src;
	r->queued[src] = 1;
	while (count) {
		if (!budget--)
			return false;
		x = r->queue[front];
		front = front + 1 == r->nodes ? 0 : front + 1;
		count--;
		r->queued[x] = 0;
		for (i = r->first[x]; i < r->first[x + 1]; i++) {
			a = r->arc[i];
			if (!usable(r, a))
				continue;
			y = r->head[a];
			extend(r, a, &c, &h);
			if (r->dist[y] != UNREACHED &&
			    !key_less(c, h, r->dist[y], r->hops[y]))
				continue;
			r->dist[y] = c;
			r->hops[y] = h;
			if (!r->queued[y]) {
				r->queued[y] = 1;
				r->queue[(front + count++) % r->nodes] = y;
			}
		}
	}
	return true;
}

static bool tight(const struct residual *r, u32 a)
{
	u32 x = tail(r, a), y = r->head[a];
	u64 c;
	s32 h;

	if (!usable(r, a) || r->dist[x] == UNREACHED)
		return false;
	extend(r, a, &c, &h);
	return c == r->dist[y] && h == r->hops[y];
}

/*
 * Which of the equally short paths to take, by node index and not by arc
 * order: into each node, the tight arc from the lowest node among those
 * with the fewest arcs from @src (a breadth-first search over tight arcs).
 * The level strictly drops along pred, so following it ends at @src.
 */
static void choose_pred(struct residual *r, u32 src)
{
	u32 front = 0, back = 1, x, y, a, i;

	for (x = 0; x < r->nodes; x++) {
		r->level[x] = NONE;
		r->pred[x] = NONE;
	}
	r->level[src] = 0;
	r->queue[0] = src;
	while (front < back) {
		x = r->queue[front++];
		for (i = r->first[x]; i < r->first[x + 1]; i++) {
			a = r->arc[i];
			y = r->head[a];
			if (r->level[y] == NONE && tight(r, a)) {
				r->level[y] = r->level[x] + 1;
				r->queue[back++] = y;
			}
		}
	}
	for (a = 0; a < 2 * r->pairs; a++) {
		x = tail(r, a);
		y = r->head[a];
		if (r->level[x] == NONE || r->level[y] != r->level[x] + 1 ||
		    !tight(r, a))
			continue;
		if (r->pred[y] == NONE || x < tail(r, r->pred[y]))
			r->pred[y] = a;
	}
}

static void augment(struct residual *r, u32 src, u32 dst)
{
	u32 x, a;

	for (x = dst; x != src; x = tail(r, a)) {
		a = r->pred[x];
		r->flow[a / 2] ^= 1;
	}
}

/* Path i before path j: cheaper, then fewer vertices, then lower 2nd vertex. */
static bool path_before(const struct residual *r, const u64 *pcost,
			const u32 *plen, const u32 *start, u32 i, u32 j)
{
	if (pcost[i] != pcost[j])
		return pcost[i] < pcost[j];
	if (plen[i] != plen[j])
		return plen[i] < plen[j];
	return r->head[start[i]] < r->head[start[j]];
}

static void swap_path(u64 *pcost, u32 *plen, u32 *start, u32 i, u32 j)
{
	u64 c = pcost[i];
	u32 l = plen[i], a = start[i];

	pcost[i] = pcost[j];
	plen[i] = plen[j];
	start[i] = start[j];
	pcost[j] = c;
	plen[j] = l;
	start[j] = a;
}

/*
 * Follow the flow from s: every vertex but s has at most one flow arc out
 * (it takes at most one unit in), and a flow cycle would cost more than 0,
 * so each walk reaches t within n vertices.  The search arrays are free
 * now and hold the paths' keys.  As paths share no vertex but s and t,
 * comparing vertex sequences comes down to the second vertices.
 */
static unsigned int decompose(struct residual *r, u32 n, u32 s, u32 t,
			      u32 *paths, u32 *len, u32 *cost)
{
	u32 *succ = r->pred, *start = r->queue, *plen = r->level;
	u64 *pcost = r->dist;
	u32 k = 0, p, a, v, i, j, *row;

	for (v = 0; v < n; v++)
		succ[v] = NONE;
	for (p = r->nsplit; p < r->pairs; p++) {
		if (!r->flow[p])
			continue;
		v = tail(r, 2 * p) / 2;
		if (v == s)
			start[k++] = 2 * p;
		else
			succ[v] = 2 * p;
	}
	for (i = 0; i < k; i++) {
		pcost[i] = 0;
		plen[i] = 1;
		v = NONE;
		for (a = start[i]; a != NONE && plen[i] < n; a = succ[v]) {
			v = r->head[a] / 2;
			pcost[i] += r->weight[a / 2];
			plen[i]++;
			if (v == t)
				break;
		}
		if (v != t)
			return 0;	/* cannot happen: see above */
	}
	/* Insertion sort: k is at most the degree of s. */
	for (i = 1; i < k; i++) {
		for (j = i; j > 0 && path_before(r, pcost, plen, start, j, j - 1); j--)
			swap_path(pcost, plen, start, j, j - 1);
	}
	for (i = 0; i < k; i++) {
		row = paths + (size_t)i * n;
		row[0] = s;
		for (j = 1, a = start[i]; ; a = succ[v]) {
			v = r->head[a] / 2;
			row[j++] = v;
			if (v == t)
				break;
		}
		len[i] = j;
		if (cost)
			cost[i] = pcost[i] < KPSEC_DIST_INF - 1 ? (u32)pcost[i] :
				  KPSEC_DIST_INF - 1;
	}
	return k;
}

unsigned int kpsec_disjoint_paths(const struct kpsec_graph *g, u32 s, u32 t,
				  unsigned int max, void *ws, u32 *paths,
				  u32 *len, u32 *cost)
{
	struct residual r;
	unsigned int k = 0;

	if (s == t || s >= g->n || t >= g->n || !max)
		return 0;
	/* Node and arc numbers must fit a u32 below NONE. */
	if (g->n > 0x3fffffff || (u64)g->first[g->n] + g->n > 0x3fffffff)
		return 0;
	layout(&r, ws, g->n, g->first[g->n]);
	r.nodes = 2 * g->n;
	r.max_pairs = g->first[g->n] + g->n;
	build(&r, g, s, t);
	while (k < max && distances(&r, OUT(s)) && r.dist[IN(t)] != UNREACHED) {
		choose_pred(&r, OUT(s));
		augment(&r, OUT(s), IN(t));
		k++;
	}
	return k ? decompose(&r, g->n, s, t, paths, len, cost) : 0;
}
