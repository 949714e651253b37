// SPDX-License-Identifier: GPL-2.0
/*
 * Differential fuzzing of lib/graph.c: a small graph from the input, its
 * shortest paths from Dijkstra against Bellman-Ford over (distance, hops)
 * in 64 bits.  Below the saturation point the answer is exact (distance,
 * fewest hops, lowest predecessor); at it, the distance is
 * KPSEC_DIST_INF - 1 and prev still forms real paths.  Reversing the edge
 * order must not change anything.
 *
 * Input: n | source | flags | edges of 4 bytes { u | v | weight (be16) }.
 * flags bit 0: add each edge both ways; bit 1: an edge whose u byte has
 * its top bit set weighs 0xffffffff - weight (saturation).  Weights of 0
 * are outside graph.h's contract (>= 1) but work the same; kept.
 */
#include "fuzz.h"
#include "graph.h"

#define MAX_N 24
#define MAX_EDGES 128
#define SAT (KPSEC_DIST_INF - 1)

struct edge {
	u32 u, v, w;
};

static struct edge e[2 * MAX_EDGES];
static size_t m;

static struct {
	uint64_t dist[MAX_N];
	u32 hops[MAX_N], prev[MAX_N];
} ref;

static void ref_run(u32 n, u32 src)
{
	bool changed = true;
	uint64_t d;
	size_t i;
	u32 v, h;

	for (v = 0; v < n; v++) {
		ref.dist[v] = ~0ULL;
		ref.hops[v] = 0xffffffff;
		ref.prev[v] = KPSEC_NO_VERTEX;
	}
	if (src >= n)
		return;
	ref.dist[src] = 0;
	ref.hops[src] = 0;
	while (changed) {
		changed = false;
		for (i = 0; i < m; i++) {
			if (ref.dist[e[i].u] == ~0ULL)
				continue;
			d = ref.dist[e[i].u] + e[i].w;
			h = ref.hops[e[i].u] + 1;
			if (d < ref.dist[e[i].v] ||
			    (d == ref.dist[e[i].v] && h < ref.hops[e[i].v])) {
				ref.dist[e[i].v] = d;
				ref.hops[e[i].v] = h;
				changed = true;
			}
		}
	}
	for (i = 0; i < m; i++) {
		if (ref.dist[e[i].u] == ~0ULL || e[i].v == src)
			continue;
		if (ref.dist[e[i].u] + e[i].w == ref.dist[e[i].v] &&
		    ref.hops[e[i].u] + 1 == ref.hops[e[i].v] &&
		    e[i].u < ref.prev[e[i].v])
			ref.prev[e[i].v] = e[i].u;
	}
}

struct run {
	u32 *dist, *prev, *hops;
};

/* Build the CSR graph from e[] (in order or reversed) and run Dijkstra. */
static void run(struct run *r, u32 n, u32 src, bool reversed)
{
	u32 *first = calloc(n + 1, sizeof(u32)), *fill = malloc((n + 1) * sizeof(u32));
	u32 *to = malloc(m * sizeof(u32) + 1), *w = malloc(m * sizeof(u32) + 1);
	u32 *heap = malloc(n * sizeof(u32)), *pos = malloc(n * sizeof(u32));
	struct kpsec_graph g = { n, first, to, w };
	size_t i, j;
	u32 v;

	FUZZ_CHECK(first && fill && to && w && heap && pos);
	r->dist = malloc(n * sizeof(u32));
	r->prev = malloc(n * sizeof(u32));
	r->hops = malloc(n * sizeof(u32));
	FUZZ_CHECK(r->dist && r->prev && r->hops);
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
	kpsec_dijkstra(&g, src, r->dist, r->prev, r->hops, heap, pos);
	free(first);
	free(fill);
	free(to);
	free(w);
	free(heap);
	free(pos);
}

static void run_free(struct run *r)
{
	free(r->dist);
	free(r->prev);
	free(r->hops);
}

/* Some edge u -> v of weight w leads from u's answer to v's. */
static bool tight_edge(const struct run *r, u32 u, u32 v)
{
	uint64_t d;
	size_t i;

	for (i = 0; i < m; i++) {
		if (e[i].u != u || e[i].v != v)
			continue;
		d = (uint64_t)r->dist[u] + e[i].w;
		if ((d < SAT ? d : SAT) == r->dist[v])
			return true;
	}
	return false;
}

static void check(const struct run *r, u32 n, u32 src)
{
	u32 path[MAX_N], v, len, i;

	for (v = 0; v < n; v++) {
		if (ref.dist[v] == ~0ULL) {
			FUZZ_CHECK(r->dist[v] == KPSEC_DIST_INF);
			FUZZ_CHECK(r->prev[v] == KPSEC_NO_VERTEX);
			FUZZ_CHECK(r->hops[v] == 0xffffffff);
			FUZZ_CHECK(kpsec_first_hop(r->prev, src, v) == KPSEC_NO_VERTEX);
			FUZZ_CHECK(kpsec_path(r->prev, src, v, path, n) == 0);
			continue;
		}
		if (ref.dist[v] < SAT) {
			FUZZ_CHECK(r->dist[v] == ref.dist[v]);
			FUZZ_CHECK(r->hops[v] == ref.hops[v]);
			FUZZ_CHECK(r->prev[v] == ref.prev[v]);
		} else {
			/* Any path will do: all weigh SAT. */
			FUZZ_CHECK(r->dist[v] == SAT);
			FUZZ_CHECK(r->hops[v] < n);
		}
		/* The path prev describes: real edges, hops + 1 vertices. */
		len = kpsec_path(r->prev, src, v, path, n);
		FUZZ_CHECK(len == r->hops[v] + 1);
		FUZZ_CHECK(path[0] == src && path[len - 1] == v);
		for (i = 1; i < len; i++) {
			FUZZ_CHECK(r->prev[path[i]] == path[i - 1]);
			FUZZ_CHECK(r->hops[path[i]] == i);
			FUZZ_CHECK(tight_edge(r, path[i - 1], path[i]));
		}
		FUZZ_CHECK(kpsec_first_hop(r->prev, src, v) ==
			   (len > 1 ? path[1] : KPSEC_NO_VERTEX));
		FUZZ_CHECK(kpsec_path(r->prev, src, v, path, len - 1) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run a, b;
	u32 n, src, w;
	u8 flags;

	if (size < 3)
		return 0;
	n = 1 + data[0] % MAX_N;
	src = data[1] % (n + 1);	/* n: a source outside the graph */
	flags = data[2];
	data += 3;
	size -= 3;
	for (m = 0; size >= 4 && m < 2 * MAX_EDGES - 1; data += 4, size -= 4) {
		w = (u32)data[2] << 8 | data[3];
		if ((flags & 2) && (data[0] & 0x80))
			w = 0xffffffff - w;
		e[m++] = (struct edge){ data[0] % n, data[1] % n, w };
		if (flags & 1)
			e[m++] = (struct edge){ data[1] % n, data[0] % n, w };
	}

	ref_run(n, src);
	run(&a, n, src, false);
	check(&a, n, src);
	run(&b, n, src, true);
	FUZZ_CHECK(!memcmp(a.dist, b.dist, n * sizeof(u32)));
	FUZZ_CHECK(!memcmp(a.prev, b.prev, n * sizeof(u32)));
	FUZZ_CHECK(!memcmp(a.hops, b.hops, n * sizeof(u32)));
	run_free(&a);
	run_free(&b);
	return 0;
}
