// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of lib/disjoint.c: vertex-disjoint paths of minimum total
 * cost on hand-made graphs (the trap where the shortest path blocks two
 * disjoint ones, direct edges, direction, no path), and on random small
 * digraphs against a brute force over all sets of disjoint simple paths.
 */
#include "ktap.h"
#include "disjoint.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BF_MAX_N 10
#define NONE (~0ULL)

struct edge {
	u32 u, v, w;
};

/* A graph in CSR form, every array allocated to its exact size. */
struct csr {
	struct kpsec_graph g;
	u32 *first, *to, *weight;
};

/* The answer, in exact-size arrays. */
struct result {
	unsigned int k, max;
	u32 n, *paths, *len, *cost;
};

static void *alloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		printf("Bail out! out of memory\n");
		exit(EXIT_FAILURE);
	}
	return p;
}

/* Edges leaving each vertex keep their order in @e. */
static void csr_build(struct csr *c, u32 n, const struct edge *e, size_t m)
{
	u32 v, *fill = alloc((n + 1) * sizeof(u32));
	size_t i;

	c->first = alloc((n + 1) * sizeof(u32));
	c->to = alloc(m * sizeof(u32));
	c->weight = alloc(m * sizeof(u32));
	memset(c->first, 0, (n + 1) * sizeof(u32));
	for (i = 0; i < m; i++)
		c->first[e[i].u + 1]++;
	for (v = 0; v < n; v++)
		c->first[v + 1] += c->first[v];
	memcpy(fill, c->first, (n + 1) * sizeof(u32));
	for (i = 0; i < m; i++) {
		c->to[fill[e[i].u]] = e[i].v;
		c->weight[fill[e[i].u]++] = e[i].w;
	}
	free(fill);
	c->g = (struct kpsec_graph){ n, c->first, c->to, c->weight };
}

static void csr_free(struct csr *c)
{
	free(c->first);
	free(c->to);
	free(c->weight);
}

static void run_graph(struct result *r, const struct kpsec_graph *g, u32 s,
		      u32 t, unsigned int max)
{
	void *ws = alloc(kpsec_disjoint_ws_size(g->n, g->first[g->n]));

	r->n = g->n;
	r->max = max;
	r->paths = alloc((size_t)max * g->n * sizeof(u32));
	r->len = alloc(max * sizeof(u32));
	r->cost = alloc(max * sizeof(u32));
	r->k = kpsec_disjoint_paths(g, s, t, max, ws, r->paths, r->len, r->cost);
	free(ws);
}

static void run(struct result *r, u32 n, const struct edge *e, size_t m,
		u32 s, u32 t, unsigned int max)
{
	struct csr c;

	csr_build(&c, n, e, m);
	run_graph(r, &c.g, s, t, max);
	csr_free(&c);
}

static void result_free(struct result *r)
{
	free(r->paths);
	free(r->len);
	free(r->cost);
}

static const u32 *path(const struct result *r, unsigned int i)
{
	return r->paths + (size_t)i * r->n;
}

static bool same_result(const struct result *a, const struct result *b)
{
	unsigned int i;

	if (a->k != b->k)
		return false;
	for (i = 0; i < a->k; i++)
		if (a->len[i] != b->len[i] || a->cost[i] != b->cost[i] ||
		    memcmp(path(a, i), path(b, i), a->len[i] * sizeof(u32)))
			return false;
	return true;
}

static void expect_path(const struct result *r, unsigned int i, u32 cost,
			const u32 *want, u32 len)
{
	KTAP_EXPECT_EQ_CTX(i < r->k, 1, "path %u", i);
	if (i >= r->k)
		return;
	KTAP_EXPECT_EQ_CTX(r->len[i], len, "path %u", i);
	KTAP_EXPECT_EQ_CTX(r->cost[i], cost, "path %u", i);
	if (r->len[i] == len)
		KTAP_EXPECT_MEM(path(r, i), want, len * sizeof(u32));
}

#define EXPECT_PATH(r, i, cost, ...)					\
	expect_path(r, i, cost, (const u32[]){ __VA_ARGS__ },		\
		    sizeof((const u32[]){ __VA_ARGS__ }) / sizeof(u32))

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
	struct edge x;
	size_t i, j;

	for (i = m; i > 1; i--) {
		j = ktap_rand(seed) % i;
		x = e[i - 1];
		e[i - 1] = e[j];
		e[j] = x;
	}
}

/* The lightest edge u -> v, or NONE. */
static uint64_t edge_w(const struct edge *e, size_t m, u32 u, u32 v)
{
	uint64_t best = NONE;
	size_t i;

	for (i = 0; i < m; i++)
		if (e[i].u == u && e[i].v == v && e[i].w < best)
			best = e[i].w;
	return best;
}

/*
 * What any answer must be: k <= max, each path s .. t along real edges,
 * simple, its cost the sum of the lightest edges; no vertex but s and t on
 * two paths; at most one direct path; sorted.  Returns the total as
 * (cost << 16 | vertex count - 1), the brute force's key.
 */
static uint64_t check_valid(const struct result *r, const struct edge *e,
			    size_t m, u32 s, u32 t, const char *what)
{
	uint64_t total = 0, sum, w, prev_key = 0, key;
	static unsigned char seen[4096];
	unsigned int i, j;
	u32 v;

	KTAP_EXPECT_EQ_CTX(r->k <= r->max, 1, "%s", what);
	memset(seen, 0, r->n);
	for (i = 0; i < r->k; i++) {
		const u32 *p = path(r, i);

		KTAP_EXPECT_EQ_CTX(r->len[i] >= 2 && r->len[i] <= r->n, 1,
				   "%s path %u", what, i);
		if (r->len[i] < 2 || r->len[i] > r->n)
			continue;
		KTAP_EXPECT_EQ_CTX(p[0], s, "%s path %u", what, i);
		KTAP_EXPECT_EQ_CTX(p[r->len[i] - 1], t, "%s path %u", what, i);
		for (sum = 0, j = 1; j < r->len[i]; j++) {
			w = edge_w(e, m, p[j - 1], p[j]);
			KTAP_EXPECT_EQ_CTX(w != NONE, 1, "%s path %u step %u", what, i, j);
			sum += w;
		}
		/* Intermediates: in range, once in the whole answer. */
		for (j = 1; j + 1 < r->len[i]; j++) {
			v = p[j];
			KTAP_EXPECT_EQ_CTX(v < r->n && v != s && v != t, 1,
					   "%s path %u vertex %u", what, i, j);
			if (v >= r->n)
				continue;
			KTAP_EXPECT_EQ_CTX(seen[v], 0, "%s path %u vertex %u", what, i, v);
			seen[v] = 1;
		}
		if (r->len[i] == 2) {	/* the direct edge, once */
			KTAP_EXPECT_EQ_CTX(seen[s], 0, "%s path %u", what, i);
			seen[s] = 1;
		}
		KTAP_EXPECT_EQ_CTX(r->cost[i], sum < 0xfffffffe ? sum : 0xfffffffe,
				   "%s path %u", what, i);
		/* Sorted by (cost, length), then the second vertex. */
		key = sum << 16 | r->len[i];
		KTAP_EXPECT_EQ_CTX(key >= prev_key, 1, "%s path %u", what, i);
		if (i && key == prev_key)
			KTAP_EXPECT_EQ_CTX(p[1] > path(r, i - 1)[1], 1,
					   "%s path %u", what, i);
		prev_key = key;
		total += sum << 16 | (r->len[i] - 1);
	}
	return total;
}

/* ---- brute force: every set of disjoint simple paths ---- */

struct brute {
	u32 n, s, t;
	uint64_t w[BF_MAX_N][BF_MAX_N];	/* lightest edge, or NONE */
	uint64_t single[1 << BF_MAX_N];	/* best path by intermediate set */
	uint64_t direct;
	uint64_t best[BF_MAX_N + 1];	/* best total of k paths, or NONE */
	unsigned int count;		/* the most disjoint paths */
};

static void bf_dfs(struct brute *b, u32 u, unsigned int mask, uint64_t key)
{
	uint64_t k;
	u32 v;

	for (v = 0; v < b->n; v++) {
		if (b->w[u][v] == NONE || v == b->s || (mask >> v & 1))
			continue;
		k = key + (b->w[u][v] << 16 | 1);
		if (v == b->t) {
			if (!mask && k < b->direct)
				b->direct = k;
			else if (mask && k < b->single[mask])
				b->single[mask] = k;
		} else {
			bf_dfs(b, v, mask | 1U << v, k);
		}
	}
}

static void brute_force(struct brute *b, u32 n, const struct edge *e, size_t m,
			u32 s, u32 t)
{
	static uint64_t dp[BF_MAX_N + 1][1 << BF_MAX_N];
	unsigned int full = 1U << n, k, mask, sub, low;
	uint64_t nodirect[BF_MAX_N + 1], x;
	size_t i;

	memset(b, 0xff, sizeof(*b));
	b->n = n;
	b->s = s;
	b->t = t;
	for (i = 0; i < m; i++)
		if (e[i].u != e[i].v && e[i].w < b->w[e[i].u][e[i].v])
			b->w[e[i].u][e[i].v] = e[i].w;
	bf_dfs(b, s, 0, 0);
	/* dp[k][mask]: k paths, intermediates exactly @mask. */
	for (k = 0; k <= n; k++)
		for (mask = 0; mask < full; mask++)
			dp[k][mask] = NONE;
	dp[0][0] = 0;
	for (k = 1; k <= n; k++) {
		for (mask = 1; mask < full; mask++) {
			low = mask & -mask;
			for (sub = mask; sub; sub = (sub - 1) & mask) {
				if (!(sub & low) || b->single[sub] == NONE ||
				    dp[k - 1][mask ^ sub] == NONE)
					continue;
				x = dp[k - 1][mask ^ sub] + b->single[sub];
				if (x < dp[k][mask])
					dp[k][mask] = x;
			}
		}
	}
	b->count = 0;
	for (k = 0; k <= n; k++) {
		nodirect[k] = NONE;
		for (mask = 0; mask < full; mask++)
			if (dp[k][mask] < nodirect[k])
				nodirect[k] = dp[k][mask];
		b->best[k] = nodirect[k];
		if (k && b->direct != NONE && nodirect[k - 1] != NONE &&
		    nodirect[k - 1] + b->direct < b->best[k])
			b->best[k] = nodirect[k - 1] + b->direct;
		if (b->best[k] != NONE)
			b->count = k;
	}
}

/* Every max from 1 to one past the most: count and total cost. */
static void check_against_brute(u32 n, const struct edge *e, size_t m, u32 s,
				u32 t, const char *what)
{
	static struct brute b;
	struct result r;
	unsigned int max;
	uint64_t total;

	brute_force(&b, n, e, m, s, t);
	for (max = 1; max <= b.count + 1; max++) {
		run(&r, n, e, m, s, t, max);
		total = check_valid(&r, e, m, s, t, what);
		KTAP_EXPECT_EQ_CTX(r.k, max < b.count ? max : b.count,
				   "%s max %u", what, max);
		if (r.k == (max < b.count ? max : b.count))
			KTAP_EXPECT_EQ_CTX(total, b.best[r.k], "%s max %u", what, max);
		result_free(&r);
	}
}

/* ---- hand-made graphs ---- */

/*
 * The trap: 0-1-2-3 is the only shortest path, and taking it leaves no
 * second one; two disjoint paths need 0-1-3 and 0-2-3, which cancels the
 * flow on 1 -> 2.
 */
static const struct edge trap[] = {
	{ 0, 1, 1 }, { 1, 2, 1 }, { 2, 3, 1 }, { 0, 2, 3 }, { 1, 3, 3 },
};

static void test_trap(void)
{
	struct edge e[2 * ARRAY_SIZE(trap)];
	struct result r;
	size_t m;

	run(&r, 4, trap, ARRAY_SIZE(trap), 0, 3, 1);
	KTAP_EXPECT_EQ(r.k, 1);
	EXPECT_PATH(&r, 0, 3, 0, 1, 2, 3);
	result_free(&r);
	run(&r, 4, trap, ARRAY_SIZE(trap), 0, 3, 2);
	KTAP_EXPECT_EQ(r.k, 2);
	EXPECT_PATH(&r, 0, 4, 0, 1, 3);
	EXPECT_PATH(&r, 1, 4, 0, 2, 3);
	check_valid(&r, trap, ARRAY_SIZE(trap), 0, 3, "trap");
	result_free(&r);
	check_against_brute(4, trap, ARRAY_SIZE(trap), 0, 3, "trap");

	/* Undirected, the same; backwards too. */
	m = undirected(e, trap, ARRAY_SIZE(trap));
	run(&r, 4, e, m, 0, 3, 5);
	KTAP_EXPECT_EQ(r.k, 2);
	EXPECT_PATH(&r, 0, 4, 0, 1, 3);
	EXPECT_PATH(&r, 1, 4, 0, 2, 3);
	result_free(&r);
	run(&r, 4, e, m, 3, 0, 5);
	KTAP_EXPECT_EQ(r.k, 2);
	EXPECT_PATH(&r, 0, 4, 3, 1, 0);
	EXPECT_PATH(&r, 1, 4, 3, 2, 0);
	result_free(&r);
	check_against_brute(4, e, m, 0, 3, "trap undirected");
}

/* A direct edge is one path, however many parallel copies; the lightest. */
static void test_direct(void)
{
	static const struct edge e[] = {
		{ 0, 2, 5 }, { 0, 1, 1 }, { 0, 2, 3 }, { 1, 2, 1 }, { 0, 2, 7 },
		{ 2, 0, 1 },
	};
	u32 paths[2 * 3], len[2];
	struct result r;
	struct csr c;
	void *ws;

	run(&r, 3, e, ARRAY_SIZE(e), 0, 2, 8);
	KTAP_EXPECT_EQ(r.k, 2);
	EXPECT_PATH(&r, 0, 2, 0, 1, 2);
	EXPECT_PATH(&r, 1, 3, 0, 2);
	check_valid(&r, e, ARRAY_SIZE(e), 0, 2, "direct");
	result_free(&r);
	/* One path: the cheapest, two hops. */
	run(&r, 3, e, ARRAY_SIZE(e), 0, 2, 1);
	KTAP_EXPECT_EQ(r.k, 1);
	EXPECT_PATH(&r, 0, 2, 0, 1, 2);
	result_free(&r);
	/* Only the direct edge. */
	run(&r, 3, e, ARRAY_SIZE(e), 2, 0, 8);
	KTAP_EXPECT_EQ(r.k, 1);
	EXPECT_PATH(&r, 0, 1, 2, 0);
	result_free(&r);
	/* cost may be NULL. */
	csr_build(&c, 3, e, ARRAY_SIZE(e));
	ws = alloc(kpsec_disjoint_ws_size(3, ARRAY_SIZE(e)));
	KTAP_EXPECT_EQ(kpsec_disjoint_paths(&c.g, 0, 2, 2, ws, paths, len, NULL), 2);
	KTAP_EXPECT_MEM(paths, ((const u32[]){ 0, 1, 2, 0, 2 }), 5 * sizeof(u32));
	KTAP_EXPECT_MEM(len, ((const u32[]){ 3, 2 }), sizeof(len));
	free(ws);
	csr_free(&c);
	check_against_brute(3, e, ARRAY_SIZE(e), 0, 2, "direct");
}

/* Same cost: fewer vertices first, then the lower second vertex. */
static void test_order(void)
{
	static const struct edge e[] = {
		{ 0, 5, 2 }, { 5, 1, 2 },		/* cost 4, 3 vertices */
		{ 0, 4, 1 }, { 4, 3, 2 }, { 3, 1, 1 },	/* cost 4, 4 vertices */
		{ 0, 2, 1 }, { 2, 1, 3 },		/* cost 4, 3 vertices */
		{ 0, 1, 4 },				/* cost 4, 2 vertices */
		{ 0, 6, 1 }, { 6, 1, 1 },		/* cost 2 */
	};
	struct result r, q;
	struct edge f[ARRAY_SIZE(e)];
	uint64_t seed = 0x5eed0a01;
	unsigned int i;

	run(&r, 7, e, ARRAY_SIZE(e), 0, 1, 10);
	KTAP_EXPECT_EQ(r.k, 5);
	EXPECT_PATH(&r, 0, 2, 0, 6, 1);
	EXPECT_PATH(&r, 1, 4, 0, 1);
	EXPECT_PATH(&r, 2, 4, 0, 2, 1);
	EXPECT_PATH(&r, 3, 4, 0, 5, 1);
	EXPECT_PATH(&r, 4, 4, 0, 4, 3, 1);
	memcpy(f, e, sizeof(e));
	for (i = 0; i < 20; i++) {
		shuffle(f, ARRAY_SIZE(f), &seed);
		run(&q, 7, f, ARRAY_SIZE(f), 0, 1, 10);
		KTAP_EXPECT_EQ_CTX(same_result(&r, &q), 1, "shuffle %u", i);
		result_free(&q);
	}
	result_free(&r);
}

static void test_no_path(void)
{
	static const struct edge e[] = {
		{ 0, 1, 1 }, { 1, 2, 1 }, { 3, 4, 1 }, { 4, 3, 1 },
		{ 2, 2, 1 }, { 0, 0, 1 },
	};
	struct result r;
	struct csr c;

	run(&r, 5, e, ARRAY_SIZE(e), 0, 3, 4);	/* other component */
	KTAP_EXPECT_EQ(r.k, 0);
	result_free(&r);
	run(&r, 5, e, ARRAY_SIZE(e), 2, 0, 4);	/* against the edges */
	KTAP_EXPECT_EQ(r.k, 0);
	result_free(&r);
	run(&r, 5, e, ARRAY_SIZE(e), 0, 2, 4);	/* one, past the loops */
	KTAP_EXPECT_EQ(r.k, 1);
	EXPECT_PATH(&r, 0, 2, 0, 1, 2);
	result_free(&r);

	/* s == t, out of range, max 0, no edges at all. */
	run(&r, 5, e, ARRAY_SIZE(e), 3, 3, 4);
	KTAP_EXPECT_EQ(r.k, 0);
	result_free(&r);
	run(&r, 5, e, ARRAY_SIZE(e), 0, 5, 4);
	KTAP_EXPECT_EQ(r.k, 0);
	result_free(&r);
	run(&r, 5, e, ARRAY_SIZE(e), 5, 0, 4);
	KTAP_EXPECT_EQ(r.k, 0);
	result_free(&r);
	run(&r, 5, e, ARRAY_SIZE(e), 0, 1, 0);
	KTAP_EXPECT_EQ(r.k, 0);
	result_free(&r);
	run(&r, 2, NULL, 0, 0, 1, 3);
	KTAP_EXPECT_EQ(r.k, 0);
	result_free(&r);
	csr_build(&c, 0, NULL, 0);
	run_graph(&r, &c.g, 0, 0, 1);
	KTAP_EXPECT_EQ(r.k, 0);
	result_free(&r);
	csr_free(&c);
}

/* Two routes undirected, one directed: each edge only its own way. */
static void test_directed(void)
{
	static const struct edge e[] = {
		{ 0, 1, 1 }, { 1, 3, 1 },	/* 0 -> 1 -> 3 */
		{ 2, 0, 1 }, { 3, 2, 1 },	/* 0 <- 2 <- 3 */
		{ 1, 2, 1 },
	};
	struct edge u[2 * ARRAY_SIZE(e)];
	size_t m = undirected(u, e, ARRAY_SIZE(e));
	struct result r;

	run(&r, 4, e, ARRAY_SIZE(e), 0, 3, 4);
	KTAP_EXPECT_EQ(r.k, 1);
	EXPECT_PATH(&r, 0, 2, 0, 1, 3);
	result_free(&r);
	run(&r, 4, e, ARRAY_SIZE(e), 3, 0, 4);
	KTAP_EXPECT_EQ(r.k, 1);
	EXPECT_PATH(&r, 0, 2, 3, 2, 0);
	result_free(&r);
	run(&r, 4, u, m, 0, 3, 4);
	KTAP_EXPECT_EQ(r.k, 2);
	EXPECT_PATH(&r, 0, 2, 0, 1, 3);
	EXPECT_PATH(&r, 1, 2, 0, 2, 3);
	result_free(&r);
	check_against_brute(4, e, ARRAY_SIZE(e), 0, 3, "directed");
	check_against_brute(4, e, ARRAY_SIZE(e), 1, 0, "directed");
}

/*
 * Ten vertices, undirected.  One path: 0-1-2-9 (3).  Two: that one blocks
 * the best pair, 0-1-4-9 and 0-5-2-9 (4 each).  Three: 0-1-2-9, 0-3-4-9,
 * 0-5-6-7-9 (15 in all); three is the most, as 0 has three neighbours.
 */
static void test_ten(void)
{
	static const struct edge half[] = {
		{ 0, 1, 1 }, { 1, 2, 1 }, { 2, 9, 1 }, { 0, 3, 2 }, { 3, 4, 2 },
		{ 4, 9, 2 }, { 0, 5, 1 }, { 5, 6, 3 }, { 6, 7, 1 }, { 7, 9, 1 },
		{ 1, 4, 1 }, { 2, 6, 1 }, { 5, 2, 2 }, { 6, 8, 1 }, { 8, 9, 4 },
		{ 3, 8, 5 },
	};
	struct edge e[2 * ARRAY_SIZE(half)];
	size_t m = undirected(e, half, ARRAY_SIZE(half));
	struct result r;

	run(&r, 10, e, m, 0, 9, 1);
	KTAP_EXPECT_EQ(r.k, 1);
	EXPECT_PATH(&r, 0, 3, 0, 1, 2, 9);
	result_free(&r);
	run(&r, 10, e, m, 0, 9, 2);
	KTAP_EXPECT_EQ(r.k, 2);
	EXPECT_PATH(&r, 0, 4, 0, 1, 4, 9);
	EXPECT_PATH(&r, 1, 4, 0, 5, 2, 9);
	result_free(&r);
	run(&r, 10, e, m, 0, 9, 3);
	KTAP_EXPECT_EQ(r.k, 3);
	EXPECT_PATH(&r, 0, 3, 0, 1, 2, 9);
	EXPECT_PATH(&r, 1, 6, 0, 3, 4, 9);
	EXPECT_PATH(&r, 2, 6, 0, 5, 6, 7, 9);
	result_free(&r);
	run(&r, 10, e, m, 0, 9, 9);
	KTAP_EXPECT_EQ(r.k, 3);
	result_free(&r);
	check_against_brute(10, e, m, 0, 9, "ten");
	check_against_brute(10, e, m, 6, 3, "ten");
}

/*
 * Equal cost, fewer edges: 0-1-2-5 (3) plus 0-4-5 (5) cost as much as
 * 0-1-5 plus 0-2-5 (4 each), with one edge less, which needs rerouting.
 */
static void test_fewest_edges(void)
{
	static const struct edge e[] = {
		{ 0, 4, 3 }, { 0, 2, 3 }, { 2, 5, 1 }, { 1, 2, 1 }, { 0, 4, 2 },
		{ 4, 5, 3 }, { 0, 1, 1 }, { 1, 5, 3 },
	};
	struct result r;

	run(&r, 6, e, ARRAY_SIZE(e), 0, 5, 1);
	KTAP_EXPECT_EQ(r.k, 1);
	EXPECT_PATH(&r, 0, 3, 0, 1, 2, 5);
	result_free(&r);
	run(&r, 6, e, ARRAY_SIZE(e), 0, 5, 2);
	KTAP_EXPECT_EQ(r.k, 2);
	EXPECT_PATH(&r, 0, 4, 0, 1, 5);
	EXPECT_PATH(&r, 1, 4, 0, 2, 5);
	result_free(&r);
	check_against_brute(6, e, ARRAY_SIZE(e), 0, 5, "fewest edges");
}

/* Weights near 2^32: totals past 32 bits, costs saturated in the output. */
static void test_heavy(void)
{
	static const struct edge e[] = {
		{ 0, 1, 0xfffffff0 }, { 1, 3, 0x20 },
		{ 0, 2, 0xffffffff }, { 2, 3, 0xffffffff },
		{ 0, 3, 0xfffffffe },
	};
	struct result r;

	run(&r, 4, e, ARRAY_SIZE(e), 0, 3, 3);
	KTAP_EXPECT_EQ(r.k, 3);
	EXPECT_PATH(&r, 0, 0xfffffffe, 0, 3);
	EXPECT_PATH(&r, 1, 0xfffffffe, 0, 1, 3);
	EXPECT_PATH(&r, 2, 0xfffffffe, 0, 2, 3);
	result_free(&r);
	check_against_brute(4, e, ARRAY_SIZE(e), 0, 3, "heavy");
}

/* A 60 x 60 grid: four paths between inner vertices, two from a corner. */
static void test_grid(void)
{
	enum { W = 60, N = W * W };
	static struct edge half[2 * W * (W - 1)], e[4 * W * (W - 1)];
	uint64_t seed = 0x5eed0a02;
	struct result r;
	size_t m = 0;
	u32 x, y;

	for (y = 0; y < W; y++)
		for (x = 0; x < W; x++) {
			if (x + 1 < W)
				half[m++] = (struct edge){ y * W + x, y * W + x + 1,
							   1 + ktap_rand(&seed) % 3 };
			if (y + 1 < W)
				half[m++] = (struct edge){ y * W + x, (y + 1) * W + x,
							   1 + ktap_rand(&seed) % 3 };
		}
	m = undirected(e, half, m);
	run(&r, N, e, m, 3 * W + 5, (W - 7) * W + W - 3, 8);
	KTAP_EXPECT_EQ(r.k, 4);
	check_valid(&r, e, m, 3 * W + 5, (W - 7) * W + W - 3, "grid");
	result_free(&r);
	run(&r, N, e, m, 0, N - 1, 8);
	KTAP_EXPECT_EQ(r.k, 2);
	check_valid(&r, e, m, 0, N - 1, "grid corner");
	result_free(&r);
}

/* ---- random small digraphs against the brute force ---- */

static void test_random(void)
{
	static struct edge e[64], f[64];
	uint64_t seed = 0x5eed0a03;
	struct result r, q;
	unsigned int it, max;
	char what[32];
	size_t m, i;
	u32 n, s, t, maxw;

	for (it = 0; it < 10000; it++) {
		n = 2 + (u32)(ktap_rand(&seed) % 7);
		m = ktap_rand(&seed) % (n * n / (1 + it % 3) + 1);
		if (m > ARRAY_SIZE(e))
			m = ARRAY_SIZE(e);
		/* Few weights make many ties. */
		maxw = it % 4 == 3 ? 100 : it % 4 + 1;
		for (i = 0; i < m; i++)
			e[i] = (struct edge){ (u32)(ktap_rand(&seed) % n),
					      (u32)(ktap_rand(&seed) % n),
					      1 + (u32)(ktap_rand(&seed) % maxw) };
		if (it % 2 && 2 * m <= ARRAY_SIZE(e)) {
			memcpy(f, e, m * sizeof(*e));
			m = undirected(e, f, m);
		}
		s = (u32)(ktap_rand(&seed) % n);
		t = (u32)((s + 1 + ktap_rand(&seed) % (n - 1)) % n);
		snprintf(what, sizeof(what), "graph %u", it);
		check_against_brute(n, e, m, s, t, what);
		/* The same answer in any edge order. */
		max = 1 + (unsigned int)(ktap_rand(&seed) % n);
		run(&r, n, e, m, s, t, max);
		memcpy(f, e, m * sizeof(*e));
		shuffle(f, m, &seed);
		run(&q, n, f, m, s, t, max);
		KTAP_EXPECT_EQ_CTX(same_result(&r, &q), 1, "%s shuffled", what);
		result_free(&q);
		result_free(&r);
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_trap),
	KTAP_CASE(test_direct),
	KTAP_CASE(test_order),
	KTAP_CASE(test_no_path),
	KTAP_CASE(test_directed),
	KTAP_CASE(test_ten),
	KTAP_CASE(test_fewest_edges),
	KTAP_CASE(test_heavy),
	KTAP_CASE(test_grid),
	KTAP_CASE(test_random),
};

KTAP_MAIN(cases)
