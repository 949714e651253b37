// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzzing of lib/disjoint.c: a digraph from the input, then the disjoint
 * paths between two of its vertices.  Always: no more than max paths, each
 * along real edges from s to t, simple, sorted, its cost right, no vertex
 * but s and t shared, the direct edge at most once, and the same answer
 * with the edges in reverse order.  Up to 9 vertices, also a brute force
 * over all sets of disjoint simple paths: as many paths, as cheap, with as
 * few edges.
 *
 * Input: n | s | t | max | flags | edges of 3 bytes { u | v | weight }.
 * flags bit 0: add each edge both ways; bit 1: weights 0xffffffff - byte
 * (sums past 32 bits).  Weights of 0 are outside disjoint.h's contract
 * (>= 1) but work the same; kept.
 */
#include "fuzz.h"
#include "disjoint.h"

#define MAX_N 24
#define MAX_EDGES 160
#define BF_N 9
#define NONE (~0ULL)

struct edge {
	u32 u, v, w;
};

static struct edge e[MAX_EDGES];
static size_t m;

struct result {
	unsigned int k;
	u32 *paths, *len, *cost;
};

/* Build the CSR graph from e[] (in order or reversed) and run. */
static void run(struct result *r, u32 n, u32 s, u32 t, unsigned int max,
		bool reversed)
{
	u32 *first = calloc(n + 1, sizeof(u32)), *fill = malloc((n + 1) * sizeof(u32));
	u32 *to = malloc(m * sizeof(u32) + 1), *w = malloc(m * sizeof(u32) + 1);
	struct kpsec_graph g = { n, first, to, w };
	void *ws;
	size_t i, j;
	u32 v;

	FUZZ_CHECK(first && fill && to && w);
	for (i = 0; i < m; i++)
		first[e[i].u + 1]++;
	for (v = 0; v < n; v++)
		first[v + 1] += first[v];
	memcpy(fill, first, (n + 1) * sizeof(u32));
	for (i = 0; i < m; i++) {
		j = reversed ? m - 1 - i : i;
		to[fill[e[j].u]] = e[j].v;
		w[fill[e[j].u]++] = e[j].w;
	}
	/* Exact sizes: ASan catches any access past them. */
	ws = malloc(kpsec_disjoint_ws_size(n, (u32)m));
	r->paths = malloc((size_t)max * n * sizeof(u32) + 1);
	r->len = malloc(max * sizeof(u32) + 1);
	r->cost = malloc(max * sizeof(u32) + 1);
	FUZZ_CHECK(ws && r->paths && r->len && r->cost);
	r->k = kpsec_disjoint_paths(&g, s, t, max, ws, r->paths, r->len,
				    reversed ? NULL : r->cost);
	free(ws);
	free(first);
	free(fill);
	free(to);
	free(w);
}

static void run_free(struct result *r)
{
	free(r->paths);
	free(r->len);
	free(r->cost);
}

/* The lightest edge u -> v, or NONE. */
static uint64_t edge_w(u32 u, u32 v)
{
	uint64_t best = NONE;
	size_t i;

	for (i = 0; i < m; i++)
		if (e[i].u == u && e[i].v == v && e[i].w < best)
			best = e[i].w;
	return best;
}

/* The invariants; returns the total as (cost << 16 | edges). */
static uint64_t check(const struct result *r, u32 n, u32 s, u32 t,
		      unsigned int max)
{
	uint64_t total = 0, sum, w, key, prev_key = 0;
	bool seen[MAX_N] = { false }, direct = false;
	unsigned int i, j;
	const u32 *p;

	FUZZ_CHECK(r->k <= max);
	if (s >= n || s == t)
		FUZZ_CHECK(r->k == 0);
	for (i = 0; i < r->k; i++) {
		p = r->paths + (size_t)i * n;
		FUZZ_CHECK(r->len[i] >= 2 && r->len[i] <= n);
		FUZZ_CHECK(p[0] == s && p[r->len[i] - 1] == t);
		for (sum = 0, j = 1; j < r->len[i]; j++) {
			w = edge_w(p[j - 1], p[j]);
			FUZZ_CHECK(w != NONE);
			sum += w;
		}
		for (j = 1; j + 1 < r->len[i]; j++) {
			FUZZ_CHECK(p[j] < n && p[j] != s && p[j] != t);
			FUZZ_CHECK(!seen[p[j]]);
			seen[p[j]] = true;
		}
		if (r->len[i] == 2) {
			FUZZ_CHECK(!direct);
			direct = true;
		}
		FUZZ_CHECK(r->cost[i] == (sum < 0xfffffffe ? sum : 0xfffffffe));
		key = sum << 16 | r->len[i];
		FUZZ_CHECK(key >= prev_key);
		if (i && key == prev_key)
			FUZZ_CHECK(p[1] > r->paths[(size_t)(i - 1) * n + 1]);
		prev_key = key;
		total += sum << 16 | (r->len[i] - 1);
	}
	return total;
}

/* ---- brute force over all sets of disjoint simple paths ---- */

static struct {
	u32 n, s, t;
	uint64_t w[BF_N][BF_N];
	uint64_t single[1 << BF_N];	/* best path by intermediate set */
	uint64_t direct;
	uint64_t dp[BF_N + 1][1 << BF_N];
	uint64_t best[BF_N + 1];
	unsigned int count;
} bf;

static void bf_dfs(u32 u, unsigned int mask, uint64_t key)
{
	uint64_t k;
	u32 v;

	for (v = 0; v < bf.n; v++) {
		if (bf.w[u][v] == NONE || v == bf.s || (mask >> v & 1))
			continue;
		k = key + (bf.w[u][v] << 16 | 1);
		if (v != bf.t)
			bf_dfs(v, mask | 1U << v, k);
		else if (!mask && k < bf.direct)
			bf.direct = k;
		else if (mask && k < bf.single[mask])
			bf.single[mask] = k;
	}
}

static void brute_force(u32 n, u32 s, u32 t)
{
	unsigned int full = 1U << n, k, mask, sub;
	uint64_t x, nodirect[BF_N + 1];
	size_t i;

	memset(&bf, 0xff, sizeof(bf));
	bf.n = n;
	bf.s = s;
	bf.t = t;
	for (i = 0; i < m; i++)
		if (e[i].u != e[i].v && e[i].w < bf.w[e[i].u][e[i].v])
			bf.w[e[i].u][e[i].v] = e[i].w;
	bf_dfs(s, 0, 0);
	bf.dp[0][0] = 0;
	for (k = 1; k <= n; k++)
		for (mask = 1; mask < full; mask++)
			for (sub = mask; sub; sub = (sub - 1) & mask) {
				/* Each set once: sub holds mask's lowest bit. */
				if (!(sub & mask & -mask) || bf.single[sub] == NONE ||
				    bf.dp[k - 1][mask ^ sub] == NONE)
					continue;
				x = bf.dp[k - 1][mask ^ sub] + bf.single[sub];
				if (x < bf.dp[k][mask])
					bf.dp[k][mask] = x;
			}
	bf.count = 0;
	for (k = 0; k <= n; k++) {
		nodirect[k] = NONE;
		for (mask = 0; mask < full; mask++)
			if (bf.dp[k][mask] < nodirect[k])
				nodirect[k] = bf.dp[k][mask];
		bf.best[k] = nodirect[k];
		if (k && bf.direct != NONE && nodirect[k - 1] != NONE &&
		    nodirect[k - 1] + bf.direct < bf.best[k])
			bf.best[k] = nodirect[k - 1] + bf.direct;
		if (bf.best[k] != NONE)
			bf.count = k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int max, want, i;
	struct result a, b;
	uint64_t total;
	u32 n, s, t, w;
	u8 flags;

	if (size < 5)
		return 0;
	n = 2 + data[0] % (MAX_N - 1);
	s = data[1] % (n + 1);		/* n: out of range */
	t = data[2] % n;
	max = data[3] % 12;
	flags = data[4];
	data += 5;
	size -= 5;
	for (m = 0; size >= 3 && m < MAX_EDGES - 1; data += 3, size -= 3) {
		w = flags & 2 ? 0xffffffff - data[2] : data[2];
		e[m++] = (struct edge){ data[0] % n, data[1] % n, w };
		if (flags & 1)
			e[m++] = (struct edge){ data[1] % n, data[0] % n, w };
	}

	run(&a, n, s, t, max, false);
	total = check(&a, n, s, t, max);
	run(&b, n, s, t, max, true);
	FUZZ_CHECK(a.k == b.k);
	for (i = 0; i < a.k; i++) {
		FUZZ_CHECK(a.len[i] == b.len[i]);
		FUZZ_CHECK(!memcmp(a.paths + (size_t)i * n, b.paths + (size_t)i * n,
				   a.len[i] * sizeof(u32)));
	}
	if (n <= BF_N && s < n && s != t) {
		brute_force(n, s, t);
		want = max < bf.count ? max : bf.count;
		FUZZ_CHECK(a.k == want);
		FUZZ_CHECK(total == bf.best[want]);
	}
	run_free(&a);
	run_free(&b);
	return 0;
}
