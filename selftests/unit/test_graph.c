// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of lib/graph.c: Dijkstra with its tie-breaking rules on
 * hand-made graphs, and against a Bellman-Ford reference on random ones;
 * first hops and path extraction.
 */
#include "ktap.h"
#include "graph.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define NO KPSEC_NO_VERTEX
#define INF KPSEC_DIST_INF
/* hops[] of an unreachable vertex (graph.h leaves it open; lib/ uses this). */
#define NO_HOPS 0xffffffffU

struct edge {
	u32 u, v, w;
};

/* A graph in CSR form, every array allocated to its exact size. */
struct csr {
	struct kpsec_graph g;
	u32 *first, *to, *weight;
};

/* Dijkstra's results, also exact-size. */
struct sp {
	u32 n;
	u32 *dist, *prev, *hops;
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p && n) {
		printf("Bail out! out of memory\n");
		exit(EXIT_FAILURE);
	}
	return p;
}

/* Edges leaving each vertex keep their order in @e. */
static void csr_build(struct csr *c, u32 n, const struct edge *e, size_t m)
{
	size_t i;
	u32 v, *fill = xmalloc((n + 1) * sizeof(u32));

	c->first = xmalloc((n + 1) * sizeof(u32));
	c->to = xmalloc(m * sizeof(u32));
	c->weight = xmalloc(m * sizeof(u32));
	for (v = 0; v <= n; v++)
		c->first[v] = 0;
	for (i = 0; i < m; i++)
		c->first[e[i].u + 1]++;
	for (v = 0; v < n; v++)
		c->first[v + 1] += c->first[v];
	for (v = 0; v <= n; v++)
		fill[v] = c->first[v];
	for (i = 0; i < m; i++) {
		c->to[fill[e[i].u]] = e[i].v;
		c->weight[fill[e[i].u]++] = e[i].w;
	}
	free(fill);
	c->g.n = n;
	c->g.first = c->first;
	c->g.to = c->to;
	c->g.weight = c->weight;
}

static void csr_free(struct csr *c)
{
	free(c->first);
	free(c->to);
	free(c->weight);
}

static void sp_run(struct sp *s, const struct kpsec_graph *g, u32 src)
{
	u32 *heap = xmalloc(g->n * sizeof(u32)), *pos = xmalloc(g->n * sizeof(u32));

	s->n = g->n;
	s->dist = xmalloc(g->n * sizeof(u32));
	s->prev = xmalloc(g->n * sizeof(u32));
	s->hops = xmalloc(g->n * sizeof(u32));
	kpsec_dijkstra(g, src, s->dist, s->prev, s->hops, heap, pos);
	free(heap);
	free(pos);
}

static void sp_free(struct sp *s)
{
	free(s->dist);
	free(s->prev);
	free(s->hops);
}

/* Build, run, free the graph: the results stay in @s. */
static void shortest(struct sp *s, u32 n, const struct edge *e, size_t m, u32 src)
{
	struct csr c;

	csr_build(&c, n, e, m);
	sp_run(s, &c.g, src);
	csr_free(&c);
}

static bool sp_same(const struct sp *a, const struct sp *b)
{
	return a->n == b->n &&
	       !memcmp(a->dist, b->dist, a->n * sizeof(u32)) &&
	       !memcmp(a->prev, b->prev, a->n * sizeof(u32)) &&
	       !memcmp(a->hops, b->hops, a->n * sizeof(u32));
}

static void expect_vertex(const struct sp *s, u32 v, u32 dist, u32 hops, u32 prev)
{
	KTAP_EXPECT_EQ_CTX(s->dist[v], dist, "vertex %u", v);
	KTAP_EXPECT_EQ_CTX(s->hops[v], hops, "vertex %u", v);
	KTAP_EXPECT_EQ_CTX(s->prev[v], prev, "vertex %u", v);
}

/* Both directions of each edge. */
static size_t undirected(struct edge *out, const struct edge *e, size_t m)
{
	size_t i;

	for (i = 0; i < m; i++) {
		out[2 * i] = e[i];
		out[2 * i + 1] = (struct edge){ e[i].v, e[i].u, e[i].w };
	}
	return 2 * m;
}

static void shuffle(struct edge *e, size_t m, uint64_t *seed)
{
	size_t i, j;
	struct edge t;

	for (i = m; i > 1; i--) {
		j = ktap_rand(seed) % i;
		t = e[i - 1];
		e[i - 1] = e[j];
		e[j] = t;
	}
}

/* ---- reference: Bellman-Ford over (dist, hops), then the lowest prev ---- */

struct ref {
	uint64_t dist[64];
	u32 hops[64], prev[64];
};

static void ref_run(struct ref *r, u32 n, const struct edge *e, size_t m, u32 src)
{
	bool changed = true;
	uint64_t d;
	size_t i;
	u32 v, h;

	for (v = 0; v < n; v++) {
		r->dist[v] = ~0ULL;
		r->hops[v] = NO_HOPS;
		r->prev[v] = NO;
	}
	r->dist[src] = 0;
	r->hops[src] = 0;
	while (changed) {
		changed = false;
		for (i = 0; i < m; i++) {
			if (r->dist[e[i].u] == ~0ULL)
				continue;
			d = r->dist[e[i].u] + e[i].w;
			h = r->hops[e[i].u] + 1;
			if (d < r->dist[e[i].v] ||
			    (d == r->dist[e[i].v] && h < r->hops[e[i].v])) {
				r->dist[e[i].v] = d;
				r->hops[e[i].v] = h;
				changed = true;
			}
		}
	}
	for (i = 0; i < m; i++) {
		if (r->dist[e[i].u] == ~0ULL || e[i].v == src)
			continue;
		if (r->dist[e[i].u] + e[i].w == r->dist[e[i].v] &&
		    r->hops[e[i].u] + 1 == r->hops[e[i].v] &&
		    e[i].u < r->prev[e[i].v])
			r->prev[e[i].v] = e[i].u;
	}
}

/* The lightest edge u -> v, or ~0ULL. */
static uint64_t edge_w(const struct edge *e, size_t m, u32 u, u32 v)
{
	uint64_t best = ~0ULL;
	size_t i;

	for (i = 0; i < m; i++)
		if (e[i].u == u && e[i].v == v && e[i].w < best)
			best = e[i].w;
	return best;
}

/*
 * Check @s for source @src against the reference, and that first hops and
 * paths follow prev: real edges whose weights add up to the distance.
 */
static void check_against_ref(const struct sp *s, u32 n, const struct edge *e,
			      size_t m, u32 src, unsigned int graph)
{
	static u32 path[64];
	struct ref r;
	uint64_t sum, w;
	u32 v, len, i;

	ref_run(&r, n, e, m, src);
	for (v = 0; v < n; v++) {
		KTAP_EXPECT_EQ_CTX(s->dist[v], r.dist[v] == ~0ULL ? INF : r.dist[v],
				   "graph %u src %u v %u", graph, src, v);
		KTAP_EXPECT_EQ_CTX(s->hops[v], r.hops[v], "graph %u src %u v %u",
				   graph, src, v);
		KTAP_EXPECT_EQ_CTX(s->prev[v], r.prev[v], "graph %u src %u v %u",
				   graph, src, v);

		len = kpsec_path(s->prev, src, v, path, n);
		if (r.dist[v] == ~0ULL) {
			KTAP_EXPECT_EQ_CTX(len, 0, "graph %u v %u", graph, v);
			KTAP_EXPECT_EQ_CTX(kpsec_first_hop(s->prev, src, v), NO,
					   "graph %u v %u", graph, v);
			continue;
		}
		KTAP_EXPECT_EQ_CTX(len, r.hops[v] + 1, "graph %u v %u", graph, v);
		if (len != r.hops[v] + 1 || !len)
			continue;
		KTAP_EXPECT_EQ_CTX(path[0], src, "graph %u v %u", graph, v);
		KTAP_EXPECT_EQ_CTX(path[len - 1], v, "graph %u v %u", graph, v);
		for (sum = 0, i = 1; i < len; i++) {
			w = edge_w(e, m, path[i - 1], path[i]);
			KTAP_EXPECT_EQ_CTX(w != ~0ULL, 1, "graph %u v %u step %u",
					   graph, v, i);
			sum += w;
		}
		KTAP_EXPECT_EQ_CTX(sum, r.dist[v], "graph %u v %u", graph, v);
		KTAP_EXPECT_EQ_CTX(kpsec_first_hop(s->prev, src, v),
				   len > 1 ? path[1] : NO, "graph %u v %u", graph, v);
		/* One vertex too few room: nothing. */
		KTAP_EXPECT_EQ_CTX(kpsec_path(s->prev, src, v, path, len - 1), 0,
				   "graph %u v %u", graph, v);
	}
}

/* ---- hand-made graphs ---- */

static void test_line(void)
{
	static const struct edge line[] = {
		{ 0, 1, 256 }, { 1, 2, 512 }, { 2, 3, 256 }, { 3, 4, 1000 },
	};
	struct edge e[8];
	size_t m = undirected(e, line, ARRAY_SIZE(line));
	u32 path[5];
	struct sp s;

	shortest(&s, 5, e, m, 0);
	expect_vertex(&s, 0, 0, 0, NO);
	expect_vertex(&s, 1, 256, 1, 0);
	expect_vertex(&s, 2, 768, 2, 1);
	expect_vertex(&s, 3, 1024, 3, 2);
	expect_vertex(&s, 4, 2024, 4, 3);
	KTAP_EXPECT_EQ(kpsec_first_hop(s.prev, 0, 4), 1);
	KTAP_EXPECT_EQ(kpsec_first_hop(s.prev, 0, 1), 1);
	KTAP_EXPECT_EQ(kpsec_first_hop(s.prev, 0, 0), NO);
	KTAP_EXPECT_EQ(kpsec_path(s.prev, 0, 4, path, 5), 5);
	KTAP_EXPECT_MEM(path, ((const u32[]){ 0, 1, 2, 3, 4 }), sizeof(path));
	sp_free(&s);

	/* From the middle. */
	shortest(&s, 5, e, m, 2);
	expect_vertex(&s, 0, 768, 2, 1);
	expect_vertex(&s, 1, 512, 1, 2);
	expect_vertex(&s, 2, 0, 0, NO);
	expect_vertex(&s, 3, 256, 1, 2);
	expect_vertex(&s, 4, 1256, 2, 3);
	KTAP_EXPECT_EQ(kpsec_first_hop(s.prev, 2, 0), 1);
	KTAP_EXPECT_EQ(kpsec_first_hop(s.prev, 2, 4), 3);
	KTAP_EXPECT_EQ(kpsec_path(s.prev, 2, 0, path, 3), 3);
	KTAP_EXPECT_MEM(path, ((const u32[]){ 2, 1, 0 }), 3 * sizeof(u32));
	KTAP_EXPECT_EQ(kpsec_path(s.prev, 2, 2, path, 1), 1);
	KTAP_EXPECT_EQ(path[0], 2);
	KTAP_EXPECT_EQ(kpsec_path(s.prev, 2, 2, path, 0), 0);
	sp_free(&s);
}

/* A shorter path wins over fewer hops; fewer hops break distance ties. */
static void test_tie_hops(void)
{
	static const struct edge e[] = {
		{ 0, 1, 4 },			/* direct, 4 */
		{ 0, 2, 1 }, { 2, 3, 1 }, { 3, 1, 1 },	/* 3 hops, 3 */
		{ 0, 4, 3 },			/* direct to 4, 3 */
		{ 0, 5, 1 }, { 5, 4, 2 },	/* 2 hops to 4, also 3 */
		{ 5, 6, 2 }, { 4, 6, 0x10 },
	};
	struct sp s;

	shortest(&s, 7, e, ARRAY_SIZE(e), 0);
	expect_vertex(&s, 1, 3, 3, 3);
	expect_vertex(&s, 4, 3, 1, 0);
	expect_vertex(&s, 6, 3, 2, 5);
	sp_free(&s);
}

/* Same distance, same hops: the lower predecessor index, in any edge order. */
static void test_tie_prev(void)
{
	static const struct edge e[] = {
		/* 1: via 3 (settled first) or via 2, both (3, 2 hops). */
		{ 0, 3, 1 }, { 0, 2, 2 }, { 3, 1, 2 }, { 2, 1, 1 },
		/* 6: via 5 or via 4, both (2, 2 hops), 4 and 5 alike. */
		{ 0, 5, 1 }, { 0, 4, 1 }, { 5, 6, 1 }, { 4, 6, 1 },
	};
	struct edge f[ARRAY_SIZE(e)];
	uint64_t seed = 0x5eed0901;
	struct sp s, t;
	unsigned int i;

	shortest(&s, 7, e, ARRAY_SIZE(e), 0);
	expect_vertex(&s, 1, 3, 2, 2);
	expect_vertex(&s, 6, 2, 2, 4);
	memcpy(f, e, sizeof(e));
	for (i = 0; i < 50; i++) {
		shuffle(f, ARRAY_SIZE(f), &seed);
		shortest(&t, 7, f, ARRAY_SIZE(f), 0);
		KTAP_EXPECT_EQ_CTX(sp_same(&s, &t), 1, "shuffle %u", i);
		sp_free(&t);
	}
	sp_free(&s);
}

/* A 6 x 6 grid of unit links: many equal paths, one answer. */
static void test_grid(void)
{
	enum { W = 6, N = W * W };
	struct edge half[2 * W * (W - 1)], e[4 * W * (W - 1)];
	uint64_t seed = 0x5eed0902;
	static const u32 sources[] = { 0, 14, N - 1, W - 1 };
	size_t m = 0, k;
	u32 x, y, v, sx, sy, src, want_prev, dx, dy;
	struct sp s, t;
	unsigned int i;

	for (y = 0; y < W; y++)
		for (x = 0; x < W; x++) {
			if (x + 1 < W)
				half[m++] = (struct edge){ y * W + x, y * W + x + 1, 1 };
			if (y + 1 < W)
				half[m++] = (struct edge){ y * W + x, (y + 1) * W + x, 1 };
		}
	m = undirected(e, half, m);
	for (k = 0; k < ARRAY_SIZE(sources); k++) {
		src = sources[k];
		sx = src % W;
		sy = src / W;
		shortest(&s, N, e, m, src);
		for (v = 0; v < N; v++) {
			x = v % W;
			y = v / W;
			dx = x > sx ? x - sx : sx - x;
			dy = y > sy ? y - sy : sy - y;
			/* The lowest-index neighbour one step closer. */
			if (v == src)
				want_prev = NO;
			else if (y > sy)
				want_prev = v - W;
			else if (x > sx)
				want_prev = v - 1;
			else if (x < sx)
				want_prev = v + 1;
			else
				want_prev = v + W;
			expect_vertex(&s, v, dx + dy, dx + dy, want_prev);
		}
		check_against_ref(&s, N, e, m, src, 1000 + (unsigned int)k);
		/* The answer does not depend on the order of the edges. */
		for (i = 0; i < 20; i++) {
			shuffle(e, m, &seed);
			shortest(&t, N, e, m, src);
			KTAP_EXPECT_EQ_CTX(sp_same(&s, &t), 1, "src %u shuffle %u", src, i);
			sp_free(&t);
		}
		sp_free(&s);
	}
}

static void test_disconnected(void)
{
	static const struct edge half[] = {
		{ 0, 1, 5 }, { 1, 2, 5 },	/* 0 1 2 */
		{ 3, 4, 1 },			/* 3 4; 5 isolated */
	};
	struct edge e[6];
	size_t m = undirected(e, half, ARRAY_SIZE(half));
	u32 path[6], v;
	struct sp s;

	shortest(&s, 6, e, m, 1);
	expect_vertex(&s, 0, 5, 1, 1);
	expect_vertex(&s, 2, 5, 1, 1);
	for (v = 3; v < 6; v++) {
		expect_vertex(&s, v, INF, NO_HOPS, NO);
		KTAP_EXPECT_EQ_CTX(kpsec_first_hop(s.prev, 1, v), NO, "v %u", v);
		KTAP_EXPECT_EQ_CTX(kpsec_path(s.prev, 1, v, path, 6), 0, "v %u", v);
	}
	sp_free(&s);

	/* From the isolated vertex: only itself. */
	shortest(&s, 6, e, m, 5);
	expect_vertex(&s, 5, 0, 0, NO);
	for (v = 0; v < 5; v++)
		expect_vertex(&s, v, INF, NO_HOPS, NO);
	KTAP_EXPECT_EQ(kpsec_path(s.prev, 5, 5, path, 6), 1);
	sp_free(&s);
}

static void test_directed(void)
{
	static const struct edge e[] = { { 0, 1, 1 }, { 1, 2, 1 }, { 2, 0, 10 } };
	struct sp s;

	shortest(&s, 3, e, ARRAY_SIZE(e), 1);
	expect_vertex(&s, 2, 1, 1, 1);
	expect_vertex(&s, 0, 11, 2, 2);
	expect_vertex(&s, 1, 0, 0, NO);
	sp_free(&s);
	shortest(&s, 3, e, 2, 2);	/* without 2 -> 0: 2 reaches nothing */
	expect_vertex(&s, 0, INF, NO_HOPS, NO);
	expect_vertex(&s, 1, INF, NO_HOPS, NO);
	sp_free(&s);
}

/* Self-loops change nothing; of parallel edges the lightest counts. */
static void test_loops_parallel(void)
{
	static const struct edge base[] = {
		{ 0, 1, 3 }, { 1, 2, 3 }, { 0, 2, 7 },
	};
	static const struct edge more[] = {
		{ 0, 0, 1 }, { 0, 1, 9 }, { 1, 1, 1 }, { 0, 1, 3 }, { 1, 2, 2 },
		{ 2, 2, 1 }, { 1, 2, 3 }, { 0, 2, 7 }, { 0, 1, 5 }, { 2, 2, 0 },
	};
	struct sp s, t;

	shortest(&s, 3, base, ARRAY_SIZE(base), 0);
	expect_vertex(&s, 2, 6, 2, 1);
	shortest(&t, 3, more, ARRAY_SIZE(more), 0);
	expect_vertex(&t, 0, 0, 0, NO);
	expect_vertex(&t, 1, 3, 1, 0);
	expect_vertex(&t, 2, 5, 2, 1);
	sp_free(&t);
	sp_free(&s);
}

/* Distances saturate at KPSEC_DIST_INF - 1: far is still reachable. */
static void test_saturation(void)
{
	static const struct edge e[] = {
		{ 0, 1, 0xfffffff0 }, { 1, 2, 0x100 }, { 2, 3, 0xffffffff },
		{ 0, 4, 0xffffffff }, { 0, 5, 0xfffffffe },
		{ 4, 5, 1 },
	};
	u32 path[4];
	struct sp s;

	shortest(&s, 6, e, ARRAY_SIZE(e), 0);
	expect_vertex(&s, 1, 0xfffffff0, 1, 0);
	expect_vertex(&s, 2, INF - 1, 2, 1);
	expect_vertex(&s, 3, INF - 1, 3, 2);
	expect_vertex(&s, 4, INF - 1, 1, 0);
	/* Exactly INF - 1 directly, or saturated through 4: the fewer hops. */
	expect_vertex(&s, 5, INF - 1, 1, 0);
	KTAP_EXPECT_EQ(kpsec_first_hop(s.prev, 0, 3), 1);
	KTAP_EXPECT_EQ(kpsec_path(s.prev, 0, 3, path, 4), 4);
	KTAP_EXPECT_MEM(path, ((const u32[]){ 0, 1, 2, 3 }), sizeof(path));
	sp_free(&s);
}

static void test_small_and_bad_source(void)
{
	static const struct edge e[] = { { 0, 1, 1 }, { 1, 0, 1 } };
	struct csr c;
	struct sp s;
	u32 path[1];

	/* One vertex, no edges. */
	shortest(&s, 1, NULL, 0, 0);
	expect_vertex(&s, 0, 0, 0, NO);
	KTAP_EXPECT_EQ(kpsec_path(s.prev, 0, 0, path, 1), 1);
	KTAP_EXPECT_EQ(path[0], 0);
	sp_free(&s);
	/* No vertices at all. */
	csr_build(&c, 0, NULL, 0);
	sp_run(&s, &c.g, 0);
	sp_free(&s);
	csr_free(&c);
	/* A source outside the graph reaches nothing. */
	shortest(&s, 2, e, 2, 2);
	expect_vertex(&s, 0, INF, NO_HOPS, NO);
	expect_vertex(&s, 1, INF, NO_HOPS, NO);
	sp_free(&s);
	shortest(&s, 2, e, 2, NO);
	expect_vertex(&s, 0, INF, NO_HOPS, NO);
	sp_free(&s);
}

/* The path helpers on a hand-written prev array. */
static void test_prev_walks(void)
{
	/* A tree rooted at 3: 3 -> 1 -> 0 -> 4; 3 -> 2; 5 unreachable. */
	static const u32 prev[] = { 1, 3, 3, NO, 0, NO };
	u32 path[6];

	KTAP_EXPECT_EQ(kpsec_first_hop(prev, 3, 4), 1);
	KTAP_EXPECT_EQ(kpsec_first_hop(prev, 3, 0), 1);
	KTAP_EXPECT_EQ(kpsec_first_hop(prev, 3, 1), 1);
	KTAP_EXPECT_EQ(kpsec_first_hop(prev, 3, 2), 2);
	KTAP_EXPECT_EQ(kpsec_first_hop(prev, 3, 3), NO);
	KTAP_EXPECT_EQ(kpsec_first_hop(prev, 3, 5), NO);
	memset(path, 0xa5, sizeof(path));
	KTAP_EXPECT_EQ(kpsec_path(prev, 3, 4, path, 6), 4);
	KTAP_EXPECT_MEM(path, ((const u32[]){ 3, 1, 0, 4 }), 4 * sizeof(u32));
	KTAP_EXPECT_EQ(path[4], 0xa5a5a5a5);
	KTAP_EXPECT_EQ(kpsec_path(prev, 3, 4, path, 4), 4);
	memset(path, 0xa5, sizeof(path));
	KTAP_EXPECT_EQ(kpsec_path(prev, 3, 4, path, 3), 0);
	KTAP_EXPECT_EQ(path[0], 0xa5a5a5a5);	/* nothing written */
	KTAP_EXPECT_EQ(kpsec_path(prev, 3, 5, path, 6), 0);
	KTAP_EXPECT_EQ(kpsec_path(prev, 3, 3, path, 6), 1);
	KTAP_EXPECT_EQ(path[0], 3);
	/* A subtree: from 1, along the same prev pointers. */
	KTAP_EXPECT_EQ(kpsec_first_hop(prev, 1, 4), 0);
	KTAP_EXPECT_EQ(kpsec_path(prev, 1, 4, path, 6), 3);
	KTAP_EXPECT_MEM(path, ((const u32[]){ 1, 0, 4 }), 3 * sizeof(u32));
	/* Not below 1. */
	KTAP_EXPECT_EQ(kpsec_first_hop(prev, 1, 2), NO);
	KTAP_EXPECT_EQ(kpsec_path(prev, 1, 2, path, 6), 0);
}

/* ---- random graphs against the reference ---- */

static void test_random(void)
{
	static struct edge e[64 * 8], half[64 * 4];
	uint64_t seed = 0x5eed0903;
	unsigned int it;
	struct sp s, t;
	size_t m, i;
	u32 n, src, maxw;

	for (it = 0; it < 600; it++) {
		n = (u32)(ktap_rand(&seed) % 40) + 1;
		m = ktap_rand(&seed) % (n * 4 + 1);
		/* Small weights make many ties; large ones exercise 32 bits. */
		maxw = it % 3 == 0 ? 2 : it % 3 == 1 ? 1000 : 0x1000000;
		for (i = 0; i < m; i++) {
			e[i].u = (u32)(ktap_rand(&seed) % n);
			e[i].v = (u32)(ktap_rand(&seed) % n);
			e[i].w = (u32)(ktap_rand(&seed) % maxw) + 1;
		}
		if (it % 2) {	/* symmetric, as routing links are */
			memcpy(half, e, m * sizeof(*e));
			m = undirected(e, half, m);
		}
		src = (u32)(ktap_rand(&seed) % n);
		shortest(&s, n, e, m, src);
		check_against_ref(&s, n, e, m, src, it);
		shuffle(e, m, &seed);
		shortest(&t, n, e, m, src);
		KTAP_EXPECT_EQ_CTX(sp_same(&s, &t), 1, "graph %u shuffled", it);
		sp_free(&t);
		sp_free(&s);
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_line),
	KTAP_CASE(test_tie_hops),
	KTAP_CASE(test_tie_prev),
	KTAP_CASE(test_grid),
	KTAP_CASE(test_disconnected),
	KTAP_CASE(test_directed),
	KTAP_CASE(test_loops_parallel),
	KTAP_CASE(test_saturation),
	KTAP_CASE(test_small_and_bad_source),
	KTAP_CASE(test_prev_walks),
	KTAP_CASE(test_random),
};

KTAP_MAIN(cases)
