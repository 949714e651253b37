// SPDX-License-Identifier: GPL-2.0
/*
 * The ILP heuristic (tools/plan/heur.c): its answers satisfy (1b)-(1g),
 * never beat a proven optimum, repeat for a seed, and stay within 5 % of
 * the optimum on average over seeded instances of the paper's tables.
 */
#include "ktap.h"
#include "heur.h"

struct cfg {
	u32 n;
	double d;
	u32 keys, q;
	double p;
	u32 c, t;
};

/* Table 1 configurations 1-3, 5 and Table 3 configurations 1, 2, 5 of the ILP paper. */
static const struct cfg cfgs[] = {
	{ 10, 0.2, 10, 1, 0.3, 5, 3 }, { 10, 0.3, 10, 1, 0.3, 5, 3 },
	{ 10, 0.4, 10, 1, 0.3, 5, 3 }, { 30, 0.05, 20, 1, 0.3, 6, 3 },
	{ 10, 0.2, 10, 2, 0.4, 5, 4 }, { 10, 0.3, 10, 2, 0.4, 5, 4 },
	{ 15, 0.2, 15, 2, 0.4, 6, 4 },
};

#define PER_CFG 3

static void gnp(struct plan_topo *g, u32 n, double d, u64 seed)
{
	struct plan_rng r;
	char err[PLAN_ERR_LEN];

	plan_rng_init(&r, seed, "topo");
	if (plan_topo_gnp(g, n, d, false, &r, err)) {
		printf("Bail out! %s\n", err);
		exit(EXIT_FAILURE);
	}
}

static struct ilp_instance inst(const struct plan_topo *g, const struct cfg *c)
{
	return (struct ilp_instance){ .g = g, .keys = c->keys, .q = c->q, .mem = c->c,
				      .key_mem = 1, .key_limit = c->t, .p = c->p, .alpha = 1 };
}

/* Verified, not above the optimum, and close to it on average. */
static void heur_gap_paper_configs(void)
{
	struct ilp_options o = { .model = ILP_MODEL_PATTERN, .time_limit = 30, .threads = 1 };
	double sum = 0;
	u32 i, r, proven = 0;

	for (i = 0; i < sizeof(cfgs) / sizeof(cfgs[0]); i++)
		for (r = 0; r < PER_CFG; r++) {
			struct ilp_solution hs, is;
			struct plan_topo g;
			struct ilp_instance in;
			char err[PLAN_ERR_LEN] = "";
			u64 seed = 77 + 1000 * i + r;

			gnp(&g, cfgs[i].n, cfgs[i].d, seed);
			in = inst(&g, &cfgs[i]);
			KTAP_EXPECT(!ilp_heuristic(&in, seed, &hs, err));
			if (ilp_verify(&in, &hs, err))
				printf("# cfg %u seed %llu: %s\n", i,
				       (unsigned long long)seed, err);
			KTAP_EXPECT(!ilp_verify(&in, &hs, err));
			KTAP_EXPECT(!hs.optimal);
			KTAP_EXPECT(hs.bound >= hs.objective);
			KTAP_EXPECT(!ilp_solve(&in, &o, &is, err));
			if (is.optimal) {
				proven++;
				KTAP_EXPECT(hs.objective <= is.objective);
				if (is.objective)
					sum += (double)((int)is.objective - (int)hs.objective) /
					       is.objective;
			}
			ilp_solution_free(&hs);
			ilp_solution_free(&is);
			plan_topo_free(&g);
		}
	printf("# mean gap %.2f %% over %u proven optima\n", proven ? 100 * sum / proven : 0,
	       proven);
	KTAP_EXPECT(proven >= PER_CFG * 5);
	KTAP_EXPECT(proven && sum / proven <= 0.05);
}

/* Tiny instances: never above what exhaustive search finds. */
static void heur_not_above_brute(void)
{
	u32 r;

	for (r = 0; r < 12; r++) {
		struct cfg c = { 5 + r % 2, 0.6, 3 + r % 2, 1 + r % 2, 0.2 * (r % 4), 2 + r % 2,
				 2 + r % 3 };
		struct ilp_solution hs, bs;
		struct plan_topo g;
		struct ilp_instance in;
		char err[PLAN_ERR_LEN] = "";

		if (c.c < c.q)
			c.c = c.q;
		gnp(&g, c.n, c.d, 500 + r);
		in = inst(&g, &c);
		KTAP_EXPECT(!ilp_heuristic(&in, r, &hs, err));
		KTAP_EXPECT(!ilp_verify(&in, &hs, err));
		if (!ilp_brute(&in, &bs, err)) {
			KTAP_EXPECT_EQ_CTX(hs.objective > bs.objective, 0, "instance %u", r);
			ilp_solution_free(&bs);
		} else {
			printf("# brute refused instance %u: %s\n", r, err);
			KTAP_EXPECT(0);
		}
		ilp_solution_free(&hs);
		plan_topo_free(&g);
	}
}

static bool same(const struct ilp_solution *a, const struct ilp_solution *b)
{
	return a->used == b->used && a->objective == b->objective &&
	       !memcmp(a->first, b->first, (a->used + 1) * sizeof(u32)) &&
	       !memcmp(a->holders, b->holders, a->first[a->used] * sizeof(u32));
}

/* One seed, one answer; the seed does reach the search. */
static void heur_deterministic(void)
{
	struct cfg c = { 20, 0.15, 20, 2, 0.5, 7, 5 };
	struct ilp_solution a, b, d;
	struct plan_topo g;
	struct ilp_instance in;
	char err[PLAN_ERR_LEN] = "";
	u64 s;
	bool differs = false;

	gnp(&g, c.n, c.d, 9);
	in = inst(&g, &c);
	KTAP_EXPECT(!ilp_heuristic(&in, 5, &a, err));
	KTAP_EXPECT(!ilp_heuristic(&in, 5, &b, err));
	KTAP_EXPECT(same(&a, &b));
	for (s = 6; s < 10 && !differs; s++) {
		KTAP_EXPECT(!ilp_heuristic(&in, s, &d, err));
		KTAP_EXPECT(!ilp_verify(&in, &d, err));
		differs = !same(&a, &d);
		ilp_solution_free(&d);
	}
	KTAP_EXPECT(differs);
	ilp_solution_free(&a);
	ilp_solution_free(&b);
	plan_topo_free(&g);
}

/* A network no MILP solves: still valid, and most edges get keys. */
static void heur_large(void)
{
	struct cfg c = { 1000, 5.0 / 999, 600, 1, 0.4, 8, 5 };
	struct ilp_solution s;
	struct plan_topo g;
	struct ilp_instance in;
	char err[PLAN_ERR_LEN] = "";

	gnp(&g, c.n, c.d, 3);
	in = inst(&g, &c);
	KTAP_EXPECT(!ilp_heuristic(&in, 1, &s, err));
	KTAP_EXPECT(!ilp_verify(&in, &s, err));
	KTAP_EXPECT(s.used <= c.keys);
	KTAP_EXPECT(s.objective >= g.m * 9 / 10);
	printf("# 1000 nodes: %u of %u edges, %u keys, %.2f s\n", s.objective, g.m, s.used,
	       s.seconds);
	ilp_solution_free(&s);
	plan_topo_free(&g);
}

/* No edges, and refused parameters that leave the solution empty. */
static void heur_edges_and_refusals(void)
{
	struct cfg c = { 8, 0, 5, 1, 0.3, 5, 3 };
	struct ilp_solution s;
	struct plan_topo g;
	struct ilp_instance in;
	char err[PLAN_ERR_LEN] = "";

	gnp(&g, c.n, c.d, 1);
	in = inst(&g, &c);
	KTAP_EXPECT(!ilp_heuristic(&in, 1, &s, err));
	KTAP_EXPECT_EQ(s.objective, 0);
	KTAP_EXPECT_EQ(s.used, 0);
	ilp_solution_free(&s);
	plan_topo_free(&g);

	gnp(&g, 10, 0.5, 2);
	in = inst(&g, &cfgs[0]);
	in.q = 0;
	err[0] = 0;
	KTAP_EXPECT(ilp_heuristic(&in, 1, &s, err));
	KTAP_EXPECT(err[0] && !strchr(err, '\n'));
	KTAP_EXPECT(!s.first && !s.holders && !s.used);
	in = inst(&g, &cfgs[0]);
	in.key_limit = 1;
	err[0] = 0;
	KTAP_EXPECT(ilp_heuristic(&in, 1, &s, err));
	KTAP_EXPECT(err[0]);
	plan_topo_free(&g);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(heur_gap_paper_configs),
	KTAP_CASE(heur_not_above_brute),
	KTAP_CASE(heur_deterministic),
	KTAP_CASE(heur_large),
	KTAP_CASE(heur_edges_and_refusals),
};

KTAP_MAIN(cases)
