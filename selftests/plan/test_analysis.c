// SPDX-License-Identifier: GPL-2.0
/*
 * tools/plan/analysis.c: the key graph of a hand-made PAKP plan and of a
 * symmetric one, key-path counts against a brute-force maximum number of
 * vertex-disjoint paths on random tiny graphs (and the paths' disjointness),
 * adversaries, measured sharing against the closed form on a big seeded
 * sample, capture against Chan et al.'s formula, selective node capture
 * against an exhaustive search, refused inputs and the gnuplot PNG.
 */
#include <math.h>
#include <unistd.h>
#include "ktap.h"
#include "analysis.h"
#include "closed.h"
#include "disjoint.h"
#include "overlay.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BF_N 7

static char err[PLAN_ERR_LEN];

static void *alloc(size_t n)
{
	void *p = calloc(n ? n : 1, 1);

	if (!p) {
		printf("Bail out! out of memory\n");
		exit(EXIT_FAILURE);
	}
	return p;
}

static void topo(struct plan_topo *t, u32 n, const u32 (*e)[2], u32 m)
{
	u32 *eu = alloc(m * sizeof(u32)), *ev = alloc(m * sizeof(u32)), i;

	for (i = 0; i < m; i++) {
		eu[i] = e[i][0];
		ev[i] = e[i][1];
	}
	if (plan_topo_from_edges(t, n, eu, ev, m, err)) {
		printf("Bail out! %s\n", err);
		exit(EXIT_FAILURE);
	}
	free(eu);
	free(ev);
}

/* Rings as CSR from per-node lists, each sorted. */
static void rings(u32 **first, u32 **ring, u32 n, const u32 *rf, const u32 *rv)
{
	*first = alloc((n + 1) * sizeof(u32));
	*ring = alloc(rf[n] * sizeof(u32));
	memcpy(*first, rf, (n + 1) * sizeof(u32));
	memcpy(*ring, rv, rf[n] * sizeof(u32));
}

/* The 2x3 grid of test_overlay: 0-1-2 over 3-4-5. */
static const u32 grid[][2] = { { 0, 1 }, { 1, 2 }, { 3, 4 }, { 4, 5 },
			       { 0, 3 }, { 1, 4 }, { 2, 5 } };

static u32 arc_cost(const struct plan_keygraph *kg, u32 u, u32 v)
{
	u32 i;

	for (i = kg->first[u]; i < kg->first[u + 1]; i++)
		if (kg->to[i] == v)
			return kg->cost[i];
	return 0;
}

static void test_keygraph_pakp(void)
{
	static const u32 rf[] = { 0, 2, 4, 5, 5, 7, 8 };
	static const u32 rv[] = { 2, 4, 0, 5, 5, 3, 5, 0 };
	struct plan p = { .scheme = PLAN_PAKP, .n = 6, .first_id = 1 };
	struct plan_keygraph kg;
	struct plan_topo t;

	topo(&t, 6, grid, ARRAY_SIZE(grid));
	rings(&p.pub_first, &p.pub, 6, rf, rv);
	KTAP_EXPECT_EQ(plan_keygraph_build(&kg, &t, &p, err), 0);
	/* Every held key is an arc, even into vertex 0: the source is per pair. */
	KTAP_EXPECT_EQ(kg.ne, 8);
	KTAP_EXPECT_EQ(arc_cost(&kg, 0, 2), KPSEC_DE_COST + 2);
	KTAP_EXPECT_EQ(arc_cost(&kg, 0, 4), KPSEC_DE_COST + 2);
	KTAP_EXPECT_EQ(arc_cost(&kg, 1, 0), KPSEC_DE_COST + 1);
	KTAP_EXPECT_EQ(arc_cost(&kg, 1, 5), KPSEC_DE_COST + 2);
	KTAP_EXPECT_EQ(arc_cost(&kg, 4, 3), KPSEC_DE_COST + 1);
	KTAP_EXPECT_EQ(arc_cost(&kg, 5, 0), KPSEC_DE_COST + 3);
	KTAP_EXPECT_EQ(arc_cost(&kg, 3, 0), 0);
	KTAP_EXPECT_EQ(plan_ring_size(&p), 0);
	/*
	 * The module leaves out arcs into the source and out of the
	 * destination (test_overlay's fixture); they cannot change the
	 * answer: the same key-paths, 0-2-5 and 0-4-5.
	 */
	{
		u32 paths[4 * 6], len[4], cost[4];
		void *ws = alloc(kpsec_disjoint_ws_size(6, kg.ne));

		KTAP_EXPECT_EQ(kpsec_disjoint_paths(&kg.g, 0, 5, 4, ws, paths, len, cost), 2);
		KTAP_EXPECT_EQ(len[0], 3);
		KTAP_EXPECT_EQ(len[1], 3);
		KTAP_EXPECT_MEM(paths, ((const u32[]){ 0, 2, 5 }), 3 * sizeof(u32));
		KTAP_EXPECT_MEM(paths + 6, ((const u32[]){ 0, 4, 5 }), 3 * sizeof(u32));
		KTAP_EXPECT_EQ(cost[0], 2 * KPSEC_DE_COST + 3);
		free(ws);
	}
	plan_keygraph_free(&kg);
	/* A plan of another size is refused. */
	p.n = 5;
	KTAP_EXPECT(plan_keygraph_build(&kg, &t, &p, err) != 0);
	KTAP_EXPECT(strstr(err, "5 nodes") != NULL);
	KTAP_EXPECT(kg.first == NULL);
	plan_free(&p);
	plan_topo_free(&t);
}

/* q = 2: only radio neighbours sharing two keys are linked, one hop each. */
static void test_keygraph_sym(void)
{
	/* 0: {1,2,3}, 1: {1,2,4}, 2: {1,5,6}, 3: {2,3,7}, 4: {1,2,9}, 5: {5,6,8} */
	static const u32 rf[] = { 0, 3, 6, 9, 12, 15, 18 };
	static const u32 rv[] = { 1, 2, 3, 1, 2, 4, 1, 5, 6, 2, 3, 7, 1, 2, 9, 5, 6, 8 };
	struct plan p = { .scheme = PLAN_QCOMP, .n = 6, .pool = 10, .q = 2 };
	struct plan_keygraph kg;
	struct plan_sharing sh;
	struct plan_topo t;

	topo(&t, 6, grid, ARRAY_SIZE(grid));
	rings(&p.sym_first, &p.sym, 6, rf, rv);
	KTAP_EXPECT_EQ(plan_ring_size(&p), 3);
	KTAP_EXPECT_EQ(plan_keygraph_build(&kg, &t, &p, err), 0);
	/* Radio links sharing >= 2: 0-1, 0-3, 1-4, 2-5 (3-4 share key 2 only). */
	KTAP_EXPECT_EQ(kg.ne, 8);
	KTAP_EXPECT_EQ(arc_cost(&kg, 0, 1), KPSEC_DE_COST + 1);
	KTAP_EXPECT_EQ(arc_cost(&kg, 1, 0), KPSEC_DE_COST + 1);
	KTAP_EXPECT_EQ(arc_cost(&kg, 3, 0), KPSEC_DE_COST + 1);
	KTAP_EXPECT_EQ(arc_cost(&kg, 4, 1), KPSEC_DE_COST + 1);
	KTAP_EXPECT_EQ(arc_cost(&kg, 5, 2), KPSEC_DE_COST + 1);
	KTAP_EXPECT_EQ(arc_cost(&kg, 3, 4), 0);
	/* 0 and 4 share {1, 2} but are not radio neighbours. */
	KTAP_EXPECT_EQ(arc_cost(&kg, 0, 4), 0);
	plan_keygraph_free(&kg);
	/* All 15 pairs: 0-1, 0-3, 0-4, 1-4, 2-5 share >= 2; radio links 4 of 7. */
	KTAP_EXPECT_EQ(plan_sharing(&t, &p, 0, NULL, &sh, err), 0);
	KTAP_EXPECT_EQ(sh.pairs, 15);
	KTAP_EXPECT_EQ(sh.pairs_linked, 5);
	KTAP_EXPECT_EQ(sh.edges, 7);
	KTAP_EXPECT_EQ(sh.edges_linked, 4);
	KTAP_EXPECT(fabs(sh.closed - plan_qc_connect(10, 3, 2)) < 1e-15);
	plan_free(&p);
	plan_topo_free(&t);
}

/* Brute force: the most internally vertex-disjoint s-t paths of a tiny digraph. */
struct bf {
	u32 n, s, t, np;
	u8 adj[BF_N][BF_N];
	u32 inner[512];		/* each path's intermediate vertices as a mask */
};

static void bf_paths(struct bf *b, u32 v, u32 seen)
{
	u32 w;

	for (w = 0; w < b->n; w++) {
		if (!b->adj[v][w] || (seen >> w & 1))
			continue;
		if (w == b->t) {
			if (b->np < ARRAY_SIZE(b->inner))
				b->inner[b->np++] = seen & ~(1U << b->s);
		} else if (w != b->s) {
			bf_paths(b, w, seen | 1U << w);
		}
	}
}

static u32 bf_best(const struct bf *b, u32 from, u32 used, bool direct)
{
	u32 i, best = 0, c;

	for (i = from; i < b->np; i++) {
		if (b->inner[i] & used)
			continue;
		if (!b->inner[i] && direct)
			continue;
		c = 1 + bf_best(b, i + 1, used | b->inner[i], direct || !b->inner[i]);
		best = c > best ? c : best;
	}
	return best;
}

static void test_keypaths_bruteforce(void)
{
	struct plan_rng r;
	u32 round, checked = 0;

	plan_rng_init(&r, 6, "test-keypaths");
	for (round = 0; round < 60; round++) {
		u32 n = 3 + plan_rng_below(&r, BF_N - 2), i, j, u, v, m = 0;
		u32 (*e)[2] = alloc(n * n * sizeof(*e));
		u32 *rf = alloc((n + 1) * sizeof(u32)), *rv = alloc(n * n * sizeof(u32));
		struct plan p = { .scheme = PLAN_PAKP, .n = n };
		struct plan_keypaths kp;
		struct plan_keygraph kg;
		struct plan_topo t;

		/* A path keeps the radio graph connected; extra links at random. */
		for (u = 0; u < n; u++)
			for (v = u + 1; v < n; v++)
				if (v == u + 1 || plan_rng_below(&r, 3) == 0) {
					e[m][0] = u;
					e[m++][1] = v;
				}
		topo(&t, n, (const u32 (*)[2])e, m);
		for (u = 0; u < n; u++) {
			rf[u + 1] = rf[u];
			for (v = 0; v < n; v++)
				if (v != u && plan_rng_below(&r, 2))
					rv[rf[u + 1]++] = v;
		}
		rings(&p.pub_first, &p.pub, n, rf, rv);
		KTAP_EXPECT_EQ(plan_keygraph_build(&kg, &t, &p, err), 0);
		KTAP_EXPECT_EQ(plan_keypaths(&t, &kg, 40, 0, 0, 0, &r, &kp, err), 0);
		for (i = 0; i < kp.pairs; i++) {
			struct bf b = { .n = n, .s = kp.s[i], .t = kp.t[i] };
			u32 np, *paths = alloc(n * n * sizeof(u32)), len[BF_N], cost[BF_N];
			u32 seen = 0, k;
			void *ws = alloc(kpsec_disjoint_ws_size(n, kg.ne));

			for (u = 0; u < n; u++)
				for (j = kg.first[u]; j < kg.first[u + 1]; j++)
					b.adj[u][kg.to[j]] = 1;
			bf_paths(&b, b.s, 1U << b.s);
			KTAP_EXPECT_EQ_CTX(kp.npaths[i], bf_best(&b, 0, 0, false),
					   "round %u pair %u", round, i);
			/* The same answer directly, to look at the vertices. */
			np = kpsec_disjoint_paths(&kg.g, b.s, b.t, n, ws, paths, len, cost);
			KTAP_EXPECT_EQ(np, kp.npaths[i]);
			for (j = 0; j < np; j++) {
				const u32 *path = paths + j * n;

				KTAP_EXPECT_EQ(kp.de[kp.path_first[i] + j], len[j] - 2);
				KTAP_EXPECT(kp.hops[kp.path_first[i] + j] >= len[j] - 1);
				for (k = 1; k + 1 < len[j]; k++) {
					KTAP_EXPECT_EQ_CTX(seen >> path[k] & 1, 0,
							   "round %u vertex %u", round, path[k]);
					seen |= 1U << path[k];
				}
				for (k = 0; k + 1 < len[j]; k++)
					KTAP_EXPECT(b.adj[path[k]][path[k + 1]]);
			}
			checked++;
			free(paths);
			free(ws);
		}
		plan_keypaths_free(&kp);
		plan_keygraph_free(&kg);
		plan_free(&p);
		plan_topo_free(&t);
		free(e);
		free(rf);
		free(rv);
	}
	KTAP_EXPECT_EQ(checked, 60 * 40);
}

/* Every intermediate an adversary: only the direct key-paths stay secure. */
static void test_adversaries(void)
{
	static const u32 rf[] = { 0, 2, 4, 5, 5, 7, 8 };
	static const u32 rv[] = { 2, 5, 0, 5, 5, 3, 5, 0 };
	struct plan p = { .scheme = PLAN_PAKP, .n = 6 };
	struct plan_keygraph kg;
	struct plan_keypaths kp;
	struct plan_rng r;
	struct plan_topo t;
	u32 i, j, direct, total = 0;

	topo(&t, 6, grid, ARRAY_SIZE(grid));
	rings(&p.pub_first, &p.pub, 6, rf, rv);
	plan_rng_init(&r, 1, "test-adversaries");
	KTAP_EXPECT_EQ(plan_keygraph_build(&kg, &t, &p, err), 0);
	KTAP_EXPECT_EQ(plan_keypaths(&t, &kg, 50, 0, 0.999, 3, &r, &kp, err), 0);
	KTAP_EXPECT_EQ(kp.trials, 3);
	for (i = 0; i < kp.pairs; i++) {
		for (j = kp.path_first[i], direct = 0; j < kp.path_first[i + 1]; j++)
			direct += kp.de[j] == 0;
		for (j = 0; j < 3; j++)
			KTAP_EXPECT_EQ_CTX(kp.secure[i * 3 + j], direct, "pair %u", i);
		total += kp.npaths[i];
	}
	KTAP_EXPECT(total > 0);
	plan_keypaths_free(&kp);
	/* Refused: fractions outside [0, 1), no pairs. */
	KTAP_EXPECT(plan_keypaths(&t, &kg, 5, 0, 1, 3, &r, &kp, err) != 0);
	KTAP_EXPECT(strstr(err, "fraction") != NULL);
	KTAP_EXPECT(plan_keypaths(&t, &kg, 0, 0, 0, 0, &r, &kp, err) != 0);
	KTAP_EXPECT(strstr(err, "--pairs") != NULL);
	KTAP_EXPECT(kp.s == NULL);
	/* No trials, no adversaries drawn. */
	KTAP_EXPECT_EQ(plan_keypaths(&t, &kg, 5, 0, 0.5, 0, &r, &kp, err), 0);
	KTAP_EXPECT(kp.secure == NULL);
	KTAP_EXPECT_EQ(kp.pairs, 5);
	plan_keypaths_free(&kp);
	plan_keygraph_free(&kg);
	plan_free(&p);
	plan_topo_free(&t);
}

/* EG rings of k keys of P, n nodes; a complete radio graph. */
static void eg_plan(struct plan *p, struct plan_topo *t, u32 n, u32 pool, u32 ring, u32 q,
		    u64 seed)
{
	u32 (*e)[2] = alloc((size_t)n * n * sizeof(*e)), u, v, m = 0;
	struct plan_rng r;

	memset(p, 0, sizeof(*p));
	p->scheme = q > 1 ? PLAN_QCOMP : PLAN_EG;
	p->n = n;
	p->pool = pool;
	p->q = q;
	p->sym_first = alloc((n + 1) * sizeof(u32));
	p->sym = alloc((size_t)n * ring * sizeof(u32));
	plan_rng_init(&r, seed, "test-eg");
	for (u = 0; u < n; u++) {
		p->sym_first[u + 1] = p->sym_first[u] + ring;
		plan_rng_sample(&r, pool, ring, p->sym + (size_t)u * ring);
		for (v = u + 1; v < n; v++) {
			e[m][0] = u;
			e[m++][1] = v;
		}
	}
	topo(t, n, (const u32 (*)[2])e, m);
	free(e);
}

/*
 * All pairs of 300 EG nodes (P = 1000, k = 40).  Given one ring, every
 * other ring meets it with the same probability, so the pair indicators
 * are pairwise independent: the count is binomial and 4 sigma holds.
 */
static void test_sharing_measured(void)
{
	struct plan_sharing sh;
	struct plan_topo t;
	struct plan p;
	struct plan_rng r;
	double emp, sd;
	u32 q;

	for (q = 1; q <= 2; q++) {
		eg_plan(&p, &t, 300, 1000, 40, q, 7);
		KTAP_EXPECT_EQ(plan_sharing(&t, &p, 0, NULL, &sh, err), 0);
		KTAP_EXPECT_EQ(sh.pairs, 300 * 299 / 2);
		KTAP_EXPECT_EQ(sh.edges, 300 * 299 / 2);
		KTAP_EXPECT_EQ(sh.edges_linked, sh.pairs_linked);
		emp = (double)sh.pairs_linked / sh.pairs;
		sd = sqrt(sh.closed * (1 - sh.closed) / sh.pairs);
		KTAP_EXPECT(fabs(sh.closed - plan_qc_connect(1000, 40, q)) < 1e-15);
		if (!(fabs(emp - sh.closed) <= 4 * sd) && ktap_fail_begin())
			printf("# q %u: measured %.5f, closed form %.5f, 4 sd %.5f\n", q, emp,
			       sh.closed, 4 * sd);
		/* Sampled pairs agree too. */
		plan_rng_init(&r, 3, "test-sharing");
		KTAP_EXPECT_EQ(plan_sharing(&t, &p, 20000, &r, &sh, err), 0);
		KTAP_EXPECT_EQ(sh.pairs, 20000);
		emp = (double)sh.pairs_linked / sh.pairs;
		KTAP_EXPECT(fabs(emp - sh.closed) <= 4 * sqrt(sh.closed * (1 - sh.closed) / 20000) +
			    4 * sd);
		plan_free(&p);
		plan_topo_free(&t);
	}
}

/*
 * Capture 10 of 150 nodes, 20 draws: the share of secure links read
 * against Chan et al.'s closed form.  Its independence assumption is off
 * by O(k/P), so the tolerance is 0.02 absolute.
 */
static void test_capture(void)
{
	static const u32 cfg[][3] = { { 2000, 60, 1 }, { 1000, 50, 2 } };
	struct plan_capture c;
	struct plan_topo t;
	struct plan_rng r;
	struct plan p;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cfg); i++) {
		double emp;

		eg_plan(&p, &t, 150, cfg[i][0], cfg[i][1], cfg[i][2], 11 + i);
		plan_rng_init(&r, 5, "test-capture");
		KTAP_EXPECT_EQ(plan_capture_run(&t, &p, 10, 20, &r, &c, err), 0);
		KTAP_EXPECT(c.links > 20 * 1000);
		emp = (double)c.read / c.links;
		KTAP_EXPECT(fabs(c.closed - plan_capture(cfg[i][0], cfg[i][1], cfg[i][2], 10)) <
			    1e-15);
		if (!(fabs(emp - c.closed) <= 0.02) && ktap_fail_begin())
			printf("# P %u k %u q %u: measured %.4f, closed form %.4f\n", cfg[i][0],
			       cfg[i][1], cfg[i][2], emp, c.closed);
		/* No capture, nothing read. */
		KTAP_EXPECT_EQ(plan_capture_run(&t, &p, 0, 2, &r, &c, err), 0);
		KTAP_EXPECT_EQ(c.read, 0);
		KTAP_EXPECT(plan_capture_run(&t, &p, 150, 2, &r, &c, err) != 0);
		KTAP_EXPECT(strstr(err, "150 of 150") != NULL);
		KTAP_EXPECT(plan_capture_run(&t, &p, 3, 0, &r, &c, err) != 0);
		plan_free(&p);
		plan_topo_free(&t);
	}
}

/* Selective capture: the exact search against all 2^n sets of nodes. */
static void test_snc_bruteforce(void)
{
	struct plan_rng r;
	u32 round;

	plan_rng_init(&r, 9, "test-snc");
	for (round = 0; round < 80; round++) {
		u32 n = 2 + plan_rng_below(&r, 9), pool = 3 + plan_rng_below(&r, 10), v, j;
		u32 ring = 1 + plan_rng_below(&r, pool < 5 ? pool : 5), set, best = n + 1;
		u32 need = 0, count[16] = { 0 };
		struct plan p = { .scheme = PLAN_EG, .n = n, .pool = pool, .q = 1 };
		struct plan_snc snc;

		p.sym_first = alloc((n + 1) * sizeof(u32));
		p.sym = alloc(n * ring * sizeof(u32));
		for (v = 0; v < n; v++) {
			p.sym_first[v + 1] = p.sym_first[v] + ring;
			plan_rng_sample(&r, pool, ring, p.sym + v * ring);
			for (j = 0; j < ring; j++)
				count[p.sym[v * ring + j]]++;
		}
		for (j = 0; j < pool; j++)
			need |= (count[j] >= 2) << j;
		for (set = 0; set < 1U << n; set++) {
			u32 have = 0;

			for (v = 0; v < n; v++)
				if (set >> v & 1)
					for (j = 0; j < ring; j++)
						have |= 1U << p.sym[v * ring + j];
			if ((have & need) == need && (u32)__builtin_popcount(set) < best)
				best = __builtin_popcount(set);
		}
		KTAP_EXPECT_EQ(plan_snc(&p, 1000000, &snc, err), 0);
		KTAP_EXPECT_EQ_CTX(snc.best, best, "round %u", round);
		KTAP_EXPECT_EQ_CTX(snc.keys, __builtin_popcount(need), "round %u", round);
		KTAP_EXPECT(snc.proven);
		KTAP_EXPECT(snc.greedy >= snc.best);
		plan_free(&p);
	}
}

/* PAKP: every private key but one; refused for a single node. */
static void test_snc_pakp(void)
{
	static const u32 rf[] = { 0, 2, 4, 5, 5, 7, 8 };
	static const u32 rv[] = { 2, 4, 0, 5, 5, 3, 5, 0 };
	struct plan p = { .scheme = PLAN_PAKP, .n = 6 };
	struct plan_snc snc;

	rings(&p.pub_first, &p.pub, 6, rf, rv);
	KTAP_EXPECT_EQ(plan_snc(&p, 10, &snc, err), 0);
	KTAP_EXPECT_EQ(snc.best, 5);
	KTAP_EXPECT(snc.proven);
	p.n = 1;
	KTAP_EXPECT(plan_snc(&p, 10, &snc, err) != 0);
	KTAP_EXPECT(strstr(err, "at least 2 nodes") != NULL);
	plan_free(&p);
}

/* plot.c: a PNG from gnuplot (a dependency, install-deps.sh), names refused. */
static void test_plot(void)
{
	static const char *const cols[] = { "x", "a", "b" };
	const double cells[] = { 0, 1, NAN, 1, 2, 0.5, 2, 4, 0.25 };
	char path[] = "/tmp/kpsec-plan-test-XXXXXX";
	unsigned char magic[8] = { 0 };
	char png[64];
	FILE *f;
	int fd = mkstemp(path);

	KTAP_EXPECT(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	unlink(path);
	snprintf(png, sizeof(png), "%s.png", path);
	KTAP_EXPECT_EQ(plan_plot(png, "t", "y", cols, 3, cells, 3, 3, 0x6, err), 0);
	f = fopen(png, "rb");
	KTAP_EXPECT(f != NULL);
	if (f) {
		KTAP_EXPECT_EQ(fread(magic, 1, 8, f), 8);
		KTAP_EXPECT_MEM(magic, "\x89PNG\r\n\x1a\n", 8);
		fclose(f);
	}
	unlink(png);
	KTAP_EXPECT(plan_plot("/tmp/a'b.png", "t", "y", cols, 3, cells, 3, 3, 0x6, err) != 0);
	KTAP_EXPECT(strstr(err, "quote") != NULL);
	KTAP_EXPECT(plan_plot(png, "t", "y", cols, 3, cells, 3, 3, 0x1, err) != 0);
	KTAP_EXPECT(strstr(err, "nothing to plot") != NULL);
	KTAP_EXPECT(access(png, F_OK) != 0);
}

static struct ktap_case cases[] = {
	KTAP_CASE(test_keygraph_pakp),
	KTAP_CASE(test_keygraph_sym),
	KTAP_CASE(test_keypaths_bruteforce),
	KTAP_CASE(test_adversaries),
	KTAP_CASE(test_sharing_measured),
	KTAP_CASE(test_capture),
	KTAP_CASE(test_snc_bruteforce),
	KTAP_CASE(test_snc_pakp),
	KTAP_CASE(test_plot),
};

KTAP_MAIN(cases)
