// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of lib/overlay.c: arc costs, which ring entries become arcs,
 * the stable counting sort into CSR form against a naive sort, and a
 * fixture run through the module's whole pipeline (kpsec_dijkstra for the
 * radio hops, the overlay, kpsec_disjoint_paths), whose key-paths are
 * worked out by hand below.
 */
#include "ktap.h"
#include "overlay.h"
#include "disjoint.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define INF KPSEC_DIST_INF
#define NV KPSEC_NO_VERTEX

static void *alloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		printf("Bail out! out of memory\n");
		exit(EXIT_FAILURE);
	}
	return p;
}

static void test_cost(void)
{
	KTAP_EXPECT_EQ(kpsec_overlay_cost(0), KPSEC_DE_COST);
	KTAP_EXPECT_EQ(kpsec_overlay_cost(3), KPSEC_DE_COST + 3);
	/* One D-E step outweighs any radio detour a real mesh has. */
	KTAP_EXPECT(kpsec_overlay_cost(1) < 2 * kpsec_overlay_cost(0));
	KTAP_EXPECT_EQ(kpsec_overlay_cost(INF - 1), INF - 1);
	KTAP_EXPECT_EQ(kpsec_overlay_cost(INF - 1 - KPSEC_DE_COST), INF - 1);
	KTAP_EXPECT_EQ(kpsec_overlay_cost(INF - 2 - KPSEC_DE_COST), INF - 2);
}

/* Every kind of ring entry that must not become an arc, then a full array. */
static void test_add(void)
{
	u32 from[4], to[4], cost[4];
	struct kpsec_overlay o = { .n = 6, .cap = 4, .from = from, .to = to, .cost = cost };
	const u32 dist[6] = { 0, 1, 2, INF, 1, 3 };
	const u32 hops[6] = { 0, 1, 2, 0, 1, 3 };
	/* NO_VERTEX, u itself, the skipped vertex, out of range, unreachable. */
	const u32 ring[] = { 5, NV, 2, 1, 0, 9, 3, 4 };

	KTAP_EXPECT_EQ(kpsec_overlay_add(&o, 2, ring, ARRAY_SIZE(ring), dist, hops, 0), 3);
	KTAP_EXPECT_EQ(o.ne, 3);
	KTAP_EXPECT_EQ(from[0], 2);
	KTAP_EXPECT_EQ(to[0], 5);
	KTAP_EXPECT_EQ(cost[0], KPSEC_DE_COST + 3);
	KTAP_EXPECT_EQ(to[1], 1);
	KTAP_EXPECT_EQ(cost[1], KPSEC_DE_COST + 1);
	KTAP_EXPECT_EQ(to[2], 4);
	KTAP_EXPECT_EQ(cost[2], KPSEC_DE_COST + 1);
	/* Only one slot left: the second arc is dropped, nothing overflows. */
	KTAP_EXPECT_EQ(kpsec_overlay_add(&o, 1, ring, ARRAY_SIZE(ring), dist, hops, NV), 1);
	KTAP_EXPECT_EQ(o.ne, 4);
	KTAP_EXPECT_EQ(from[3], 1);
	KTAP_EXPECT_EQ(to[3], 5);
	KTAP_EXPECT_EQ(kpsec_overlay_add(&o, 1, ring, ARRAY_SIZE(ring), dist, hops, NV), 0);
	KTAP_EXPECT_EQ(o.ne, 4);
	/* An empty ring adds nothing. */
	o.ne = 0;
	KTAP_EXPECT_EQ(kpsec_overlay_add(&o, 1, ring, 0, dist, hops, NV), 0);
}

/* Random arcs: the CSR equals a stable sort by tail, done naively. */
static void test_csr_random(void)
{
	u64 seed = 0x6f7665726c6179ULL;
	unsigned int round;

	for (round = 0; round < 200; round++) {
		u32 n = 1 + ktap_rand(&seed) % 12, ne = ktap_rand(&seed) % 40, i, v, k;
		u32 *from = alloc(ne * sizeof(u32)), *to = alloc(ne * sizeof(u32));
		u32 *cost = alloc(ne * sizeof(u32)), *first = alloc((n + 1) * sizeof(u32));
		u32 *cto = alloc(ne * sizeof(u32)), *ccost = alloc(ne * sizeof(u32));
		struct kpsec_overlay o = { n, ne, ne, from, to, cost };
		struct kpsec_graph g;

		for (i = 0; i < ne; i++) {
			from[i] = ktap_rand(&seed) % n;
			to[i] = ktap_rand(&seed) % n;
			cost[i] = 1 + ktap_rand(&seed) % 5000;
		}
		memset(first, 0xa5, (n + 1) * sizeof(u32));
		kpsec_overlay_csr(&o, first, cto, ccost, &g);
		KTAP_EXPECT_EQ(g.n, n);
		KTAP_EXPECT(g.first == first && g.to == cto && g.weight == ccost);
		KTAP_EXPECT_EQ_CTX(first[0], 0, "round %u", round);
		KTAP_EXPECT_EQ_CTX(first[n], ne, "round %u", round);
		for (v = 0, k = 0; v < n; v++) {
			KTAP_EXPECT_EQ_CTX(first[v], k, "round %u v %u", round, v);
			for (i = 0; i < ne; i++) {
				if (from[i] != v)
					continue;
				KTAP_EXPECT_EQ_CTX(cto[k], to[i], "round %u arc %u", round, i);
				KTAP_EXPECT_EQ_CTX(ccost[k], cost[i], "round %u arc %u", round, i);
				k++;
			}
		}
		free(from);
		free(to);
		free(cost);
		free(first);
		free(cto);
		free(ccost);
	}
}

/*
 * The module's pipeline on a 2x3 grid of radios
 *
 *	0 - 1 - 2
 *	|   |   |
 *	3 - 4 - 5
 *
 * with public-key rings 0: {2, 4}, 1: {0, 5}, 2: {5}, 3: {}, 4: {5, 3},
 * 5: {0}, from source 0 to 5.  Arcs: 0->2 and 0->4 over 2 radio hops,
 * 1->5 over 2, 2->5 and 4->5 over 1, 4->3 over 1; 1->0 and 5->0 enter the
 * source and are skipped.  Key-paths: 0-2-5 and 0-4-5, one D-E step each.
 */
static void test_grid_pipeline(void)
{
	static const u32 pe[][2] = { { 0, 1 }, { 1, 2 }, { 3, 4 }, { 4, 5 },
				     { 0, 3 }, { 1, 4 }, { 2, 5 } };
	static const u32 rf[] = { 0, 2, 4, 5, 5, 7, 8 };
	static const u32 rv[] = { 2, 4, 0, 5, 5, 5, 3, 0 };
	u32 pfirst[7] = { 0 }, pto[14], pw[14], fill[7], dist[6], prev[6], hops[6];
	u32 heap[6], pos[6], from[8], to[8], cost[8], first[7], cto[8], ccost[8];
	u32 paths[4 * 6], len[4], pcost[4], i, u;
	struct kpsec_overlay o = { .n = 6, .cap = 8, .from = from, .to = to, .cost = cost };
	struct kpsec_graph phys = { 6, pfirst, pto, pw }, g;
	unsigned int np;
	void *ws;

	for (i = 0; i < ARRAY_SIZE(pe); i++) {
		pfirst[pe[i][0] + 1]++;
		pfirst[pe[i][1] + 1]++;
	}
	for (u = 0; u < 6; u++)
		pfirst[u + 1] += pfirst[u];
	memcpy(fill, pfirst, sizeof(fill));
	for (i = 0; i < ARRAY_SIZE(pe); i++) {
		pto[fill[pe[i][0]]] = pe[i][1];
		pw[fill[pe[i][0]]++] = 1;
		pto[fill[pe[i][1]]] = pe[i][0];
		pw[fill[pe[i][1]]++] = 1;
	}
	for (u = 0; u < 6; u++) {
		kpsec_dijkstra(&phys, u, dist, prev, hops, heap, pos);
		kpsec_overlay_add(&o, u, rv + rf[u], rf[u + 1] - rf[u], dist, hops, 0);
	}
	KTAP_EXPECT_EQ(o.ne, 6);
	kpsec_overlay_csr(&o, first, cto, ccost, &g);
	KTAP_EXPECT_EQ(first[1] - first[0], 2);
	KTAP_EXPECT_EQ(cto[0], 2);
	KTAP_EXPECT_EQ(ccost[0], KPSEC_DE_COST + 2);
	KTAP_EXPECT_EQ(cto[1], 4);
	KTAP_EXPECT_EQ(ccost[1], KPSEC_DE_COST + 2);
	KTAP_EXPECT_EQ(first[2] - first[1], 1);
	KTAP_EXPECT_EQ(cto[first[1]], 5);
	KTAP_EXPECT_EQ(ccost[first[1]], KPSEC_DE_COST + 2);
	KTAP_EXPECT_EQ(first[5] - first[4], 2);
	KTAP_EXPECT_EQ(cto[first[4]], 5);
	KTAP_EXPECT_EQ(cto[first[4] + 1], 3);
	KTAP_EXPECT_EQ(ccost[first[4] + 1], KPSEC_DE_COST + 1);
	KTAP_EXPECT_EQ(first[6] - first[5], 0);

	ws = alloc(kpsec_disjoint_ws_size(6, o.ne));
	np = kpsec_disjoint_paths(&g, 0, 5, 4, ws, paths, len, pcost);
	free(ws);
	KTAP_EXPECT_EQ(np, 2);
	if (np != 2)
		return;
	KTAP_EXPECT_EQ(len[0], 3);
	KTAP_EXPECT_EQ(len[1], 3);
	KTAP_EXPECT_EQ(pcost[0], 2 * KPSEC_DE_COST + 3);
	KTAP_EXPECT_EQ(pcost[1], 2 * KPSEC_DE_COST + 3);
	KTAP_EXPECT_MEM(paths, ((const u32[]){ 0, 2, 5 }), 3 * sizeof(u32));
	KTAP_EXPECT_MEM(paths + 6, ((const u32[]){ 0, 4, 5 }), 3 * sizeof(u32));
}

/* The intersection count against a naive double loop, on random sorted lists. */
static void test_shared_count(void)
{
	u32 a[40], b[40], na, nb, i, j, naive, seed = 12345, bad = 0;
	int round;

	KTAP_EXPECT_EQ(kpsec_shared_count(NULL, 0, NULL, 0), 0);
	KTAP_EXPECT_EQ(kpsec_shared_count((const u32[]){ 0, 5, 9 }, 3,
					  (const u32[]){ 0, 9, 0xfffffffeU }, 3), 2);
	KTAP_EXPECT_EQ(kpsec_shared_count((const u32[]){ 1, 2 }, 2, (const u32[]){ 3 }, 1), 0);
	for (round = 0; round < 500; round++) {
		for (na = 0, i = 0; i < 60 && na < 40; i++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 3 == 0)
				a[na++] = i;
		}
		for (nb = 0, i = 0; i < 60 && nb < 40; i++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 2 == 0)
				b[nb++] = i;
		}
		for (naive = 0, i = 0; i < na; i++)
			for (j = 0; j < nb; j++)
				naive += a[i] == b[j];
		bad += kpsec_shared_count(a, na, b, nb) != naive ||
		       kpsec_shared_count(b, nb, a, na) != naive;
	}
	KTAP_EXPECT_EQ(bad, 0);
}

static struct ktap_case cases[] = {
	KTAP_CASE(test_cost),
	KTAP_CASE(test_add),
	KTAP_CASE(test_csr_random),
	KTAP_CASE(test_grid_pipeline),
	KTAP_CASE(test_shared_count),
};

KTAP_MAIN(cases)
