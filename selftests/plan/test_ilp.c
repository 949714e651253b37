/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The q-composite key management ILP: both MILP models against brute
 * force on seeded tiny instances, the verifier on solver output and on
 * hand-broken assignments, refusals, and a smoke run of the paper's
 * smallest configurations.
 */
#include <math.h>
#include <time.h>

#include "ktap.h"
#include "ilp.h"

static struct plan_topo make_graph(u32 n, const u32 *eu, const u32 *ev, u32 m)
{
	struct plan_topo t;
	char err[PLAN_ERR_LEN];

	if (plan_topo_from_edges(&t, n, eu, ev, m, err)) {
		printf("Bail out! %s\n", err);
		exit(EXIT_FAILURE);
	}
	return t;
}

static bool has(const char *err, const char *what)
{
	if (strstr(err, what))
		return true;
	printf("# message \"%s\" lacks \"%s\"\n", err, what);
	return false;
}

static const struct ilp_options pattern = { .model = ILP_MODEL_PATTERN, .threads = 1 };
/* the cover descent alone, from the heuristic's answer and from nothing */
static const struct ilp_options descent = {
	.model = ILP_MODEL_PATTERN, .search = ILP_SEARCH_DESCENT, .threads = 1,
};
static const struct ilp_options descent_cold = {
	.model = ILP_MODEL_PATTERN, .search = ILP_SEARCH_DESCENT, .threads = 1, .cold = true,
};
static const struct ilp_options paper_sym = {
	.model = ILP_MODEL_PAPER, .symmetry = true, .threads = 1,
};
static const struct ilp_options paper_nosym = { .model = ILP_MODEL_PAPER, .threads = 1 };

/* A path 0-1-2-3 with a chord 0-2: small enough to reason about by hand. */
static const u32 pu[] = { 0, 0, 1, 2 }, pv[] = { 1, 2, 2, 3 };

static void test_refusals(void)
{
	struct plan_topo g = make_graph(4, pu, pv, 4);
	struct ilp_instance ok = {
		.g = &g, .keys = 4, .q = 1, .mem = 2, .key_mem = 1, .key_limit = 3, .p = 0.3,
		.alpha = 1,
	};
	struct {
		struct ilp_instance in;
		const char *msg;
	} bad[] = {
		{ ok, "t_k = 1 < 2: no key could be shared" },
		{ ok, "a node must be able to hold at least q keys" },
		{ ok, "q = 0" },
		{ ok, "p = 1.5 must be in [0,1]" },
		{ ok, "p = nan must be in [0,1]" },
		{ ok, "alpha must be a positive integer" },
		{ ok, "|K| = 0" },
		{ ok, "q = 5 exceeds |K| = 4" },
		{ ok, "m_k = 0" },
	};
	struct ilp_solution sol;
	char err[PLAN_ERR_LEN];
	size_t i;

	bad[0].in.key_limit = 1;
	bad[1].in.q = 2, bad[1].in.mem = 3, bad[1].in.key_mem = 2;
	bad[2].in.q = 0;
	bad[3].in.p = 1.5;
	bad[4].in.p = NAN;
	bad[5].in.alpha = 0;
	bad[6].in.keys = 0;
	bad[7].in.q = 5;
	bad[8].in.key_mem = 0;
	KTAP_EXPECT(!ilp_check_params(&ok, err));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		KTAP_EXPECT(ilp_check_params(&bad[i].in, err));
		KTAP_EXPECT(has(err, bad[i].msg));
		KTAP_EXPECT(!strchr(err, '\n') && err[strlen(err) - 1] != '.');
		/* every entry point refuses the same way and leaves nothing allocated */
		memset(&sol, 0xff, sizeof(sol));
		KTAP_EXPECT(ilp_solve(&bad[i].in, &pattern, &sol, err));
		KTAP_EXPECT(has(err, bad[i].msg));
		KTAP_EXPECT(!sol.first && !sol.holders);
		KTAP_EXPECT(ilp_brute(&bad[i].in, &sol, err));
		KTAP_EXPECT(!sol.first && !sol.holders);
	}
	plan_topo_free(&g);
}

static void test_nbr_limit(void)
{
	/* a star: centre 0 of degree 50, leaves of degree 1 */
	u32 su[50], sv[50], i;
	struct plan_topo g;
	struct ilp_instance in = {
		.keys = 2, .q = 1, .mem = 2, .key_mem = 1, .key_limit = 2, .alpha = 1,
	};

	for (i = 0; i < 50; i++)
		su[i] = 0, sv[i] = i + 1;
	g = make_graph(51, su, sv, 50);
	in.g = &g;
	in.p = 0.3;
	KTAP_EXPECT_EQ(ilp_nbr_limit(&in, 0), 16);
	KTAP_EXPECT_EQ(ilp_nbr_limit(&in, 1), 1);
	in.p = 0.58;	/* 0.58 * 50 + 1 is 29.999999999999996 in binary */
	KTAP_EXPECT_EQ(ilp_nbr_limit(&in, 0), 30);
	in.p = 0.25;
	in.alpha = 2;
	KTAP_EXPECT_EQ(ilp_nbr_limit(&in, 0), 14);
	KTAP_EXPECT_EQ(ilp_nbr_limit(&in, 5), 2);
	in.p = 0;
	in.alpha = 1;
	KTAP_EXPECT_EQ(ilp_nbr_limit(&in, 0), 1);
	plan_topo_free(&g);
}

/* The solution of @o, verified; its objective, or -1. */
static long solve_checked(const struct ilp_instance *in, const struct ilp_options *o,
			  const char *what, u32 case_no)
{
	struct ilp_solution sol;
	char err[PLAN_ERR_LEN];
	long v;

	if (ilp_solve(in, o, &sol, err)) {
		printf("# case %u %s: %s\n", case_no, what, err);
		return -1;
	}
	if (ilp_verify(in, &sol, err)) {
		printf("# case %u %s: verifier: %s\n", case_no, what, err);
		ilp_solution_free(&sol);
		return -2;
	}
	v = sol.optimal ? (long)sol.objective : -3;
	ilp_solution_free(&sol);
	return v;
}

/*
 * Seeded tiny instances: brute force = pattern model (searched plainly and
 * by the cover descent) = model (3) with and without symmetry.
 */
static void test_brute_agrees(void)
{
	static const double ps[] = { 0, 0.2, 0.3, 0.5 };
	uint64_t st = 0x1cec0de5;
	u32 c, eu[15], ev[15], m, i, j, nonzero = 0, capped = 0, nosym = 0;
	struct ilp_solution sol;
	char err[PLAN_ERR_LEN];

	for (c = 0; c < 48; c++) {
		u32 n = 4 + ktap_rand(&st) % 3;
		double dens = 0.5 + (ktap_rand(&st) % 6) * 0.1;
		struct ilp_instance in = { .key_mem = 1, .alpha = 1 + (c % 8 == 7) };
		struct plan_topo g;
		long b;

		m = 0;
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				if ((ktap_rand(&st) % 1000) < dens * 1000)
					eu[m] = i, ev[m++] = j;
		g = make_graph(n, eu, ev, m);
		in.g = &g;
		in.q = 1 + ktap_rand(&st) % 2;
		in.keys = 3 + ktap_rand(&st) % (n == 6 ? 2 : 3);
		in.p = ps[ktap_rand(&st) % 4];
		in.mem = in.q + ktap_rand(&st) % (4 - in.q);
		in.key_limit = 2 + ktap_rand(&st) % 3;
		if (ilp_brute(&in, &sol, err)) {
			printf("# case %u brute: %s\n", c, err);
			KTAP_EXPECT(0);
			plan_topo_free(&g);
			continue;
		}
		KTAP_EXPECT(!ilp_verify(&in, &sol, err));
		b = sol.objective;
		nonzero += b > 0;
		capped += b > 0 && b < (long)m;
		ilp_solution_free(&sol);
		KTAP_EXPECT_EQ_CTX(solve_checked(&in, &pattern, "pattern", c), b, "case %u", c);
		KTAP_EXPECT_EQ_CTX(solve_checked(&in, &descent, "descent", c), b, "case %u", c);
		KTAP_EXPECT_EQ_CTX(solve_checked(&in, &descent_cold, "descent/cold", c), b,
				   "case %u", c);
		KTAP_EXPECT_EQ_CTX(solve_checked(&in, &paper_sym, "paper", c), b, "case %u", c);
		/* without symmetry rows CBC needs seconds from |E| = 10 on: sparser ones only */
		if (m <= 9) {
			KTAP_EXPECT_EQ_CTX(solve_checked(&in, &paper_nosym, "paper/nosym", c), b,
					   "case %u", c);
			nosym++;
		}
		plan_topo_free(&g);
	}
	/* the grid must exercise the limits, not only trivial optima */
	KTAP_EXPECT(nonzero >= 40);
	KTAP_EXPECT(capped >= 10);
	KTAP_EXPECT(nosym >= 24);
	printf("# %u of 48 instances with a positive optimum, %u below |E|, %u also without symmetry rows\n",
	       nonzero, capped, nosym);
}

/*
 * Two far apart edges and one key: only the holder set {0,1,2,3}, whose
 * induced graph is disconnected, secures both.
 */
static void test_disconnected_holders(void)
{
	static const u32 du[] = { 0, 2 }, dv[] = { 1, 3 };
	struct plan_topo g = make_graph(4, du, dv, 2);
	struct ilp_instance in = {
		.g = &g, .keys = 1, .q = 1, .mem = 1, .key_mem = 1, .key_limit = 4, .p = 0,
		.alpha = 1,
	};
	struct ilp_solution sol;
	char err[PLAN_ERR_LEN];

	KTAP_EXPECT(!ilp_solve(&in, &pattern, &sol, err));
	KTAP_EXPECT_EQ(sol.objective, 2);
	KTAP_EXPECT_EQ(sol.used, 1);
	KTAP_EXPECT(sol.optimal);
	ilp_solution_free(&sol);
	in.key_limit = 3;	/* now only one edge */
	KTAP_EXPECT_EQ(solve_checked(&in, &pattern, "pattern", 0), 1);
	KTAP_EXPECT_EQ(solve_checked(&in, &paper_sym, "paper", 0), 1);
	plan_topo_free(&g);
}

/* Hand-broken assignments on the path with a chord; each names its constraint. */
static void test_verify_rejects(void)
{
	struct plan_topo g = make_graph(4, pu, pv, 4);
	struct ilp_instance in = {
		.g = &g, .keys = 3, .q = 1, .mem = 2, .key_mem = 1, .key_limit = 3, .p = 0,
		.alpha = 1,
	};
	/* limits: (1d) allows 1 neighbour per key for every vertex at p = 0 */
	u32 f_ok[] = { 0, 2, 4 }, h_ok[] = { 0, 1, 2, 3 };
	u32 f_mem[] = { 0, 2, 4, 6 }, h_mem[] = { 0, 1, 0, 2, 0, 3 };
	u32 f_lim[] = { 0, 4 }, h_lim[] = { 0, 1, 2, 3 };
	u32 f_nb[] = { 0, 3 }, h_nb[] = { 0, 1, 2 };
	u32 f_ord[] = { 0, 2 }, h_ord[] = { 1, 0 };
	struct {
		struct ilp_solution s;
		const char *msg;
	} bad[] = {
		{ { 3, f_mem, h_mem, 2, 2, false, 0 }, "(1b) memory: vertex 0 holds 3 keys" },
		{ { 1, f_lim, h_lim, 2, 2, false, 0 }, "(1e) key limit: key 0 is held by 4" },
		{ { 1, f_nb, h_nb, 3, 3, false, 0 }, "(1d) neighbourhood: vertex 0 shares key 0" },
		{ { 2, f_ok, h_ok, 3, 3, false, 0 }, "(1c) objective" },
		{ { 2, f_ok, h_ok, 2, 1, false, 0 }, "bound 1 below the objective 2" },
		{ { 1, f_ord, h_ord, 1, 1, false, 0 }, "(1f) key 0" },
		{ { 4, f_mem, h_mem, 2, 2, false, 0 }, "pool: 4 keys used but |K| = 3" },
	};
	struct ilp_solution good = { 2, f_ok, h_ok, 2, 2, true, 0 };
	char err[PLAN_ERR_LEN];
	size_t i;

	KTAP_EXPECT(!ilp_verify(&in, &good, err));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		KTAP_EXPECT(ilp_verify(&in, &bad[i].s, err));
		KTAP_EXPECT(has(err, bad[i].msg));
	}
	/* holders that are not neighbours do not count in (1d): {0, 1, 3} is fine */
	f_nb[1] = 3, h_nb[2] = 3;
	good = (struct ilp_solution){ 1, f_nb, h_nb, 1, 1, true, 0 };
	KTAP_EXPECT(!ilp_verify(&in, &good, err));
	plan_topo_free(&g);
}

static void test_brute_refuses(void)
{
	u32 eu[] = { 0 }, ev[] = { 1 };
	struct plan_topo g = make_graph(11, eu, ev, 1);
	struct ilp_instance in = {
		.g = &g, .keys = 3, .q = 1, .mem = 2, .key_mem = 1, .key_limit = 3, .p = 0.3,
		.alpha = 1,
	};
	struct ilp_solution sol;
	char err[PLAN_ERR_LEN];

	KTAP_EXPECT(ilp_brute(&in, &sol, err));
	KTAP_EXPECT(has(err, "brute force takes at most 10 vertices and 12 keys, not 11 and 3"));
	KTAP_EXPECT(!sol.first);
	plan_topo_free(&g);
	g = make_graph(9, eu, ev, 1);
	in.keys = 9, in.mem = 5;
	KTAP_EXPECT(ilp_brute(&in, &sol, err));
	KTAP_EXPECT(has(err, "too large for brute force"));
	plan_topo_free(&g);
}

static void test_to_plan(void)
{
	static const u32 eu[] = { 0, 0, 1, 1, 2, 3, 4 }, ev[] = { 1, 2, 2, 3, 4, 4, 5 };
	struct plan_topo g = make_graph(6, eu, ev, 7);
	struct ilp_instance in = {
		.g = &g, .keys = 5, .q = 2, .mem = 3, .key_mem = 1, .key_limit = 3, .p = 0.5,
		.alpha = 1,
	};
	struct ilp_solution sol;
	struct plan p;
	char err[PLAN_ERR_LEN];
	u32 v, a, e, secure = 0;

	KTAP_EXPECT(!ilp_solve(&in, &pattern, &sol, err));
	KTAP_EXPECT(!ilp_to_plan(&in, &sol, &p, err));
	KTAP_EXPECT_EQ(p.scheme, PLAN_ILP);
	KTAP_EXPECT_EQ(p.pool, 5);
	KTAP_EXPECT_EQ(p.q, 2);
	KTAP_EXPECT(!p.pub && !p.pub_first);
	for (v = 0; v < 6; v++) {
		KTAP_EXPECT(p.sym_first[v + 1] - p.sym_first[v] <= in.mem);
		for (a = p.sym_first[v]; a < p.sym_first[v + 1]; a++) {
			KTAP_EXPECT(p.sym[a] < sol.used);
			KTAP_EXPECT(a == p.sym_first[v] || p.sym[a - 1] < p.sym[a]);
		}
	}
	for (e = 0; e < g.m; e++)
		secure += plan_shared(&p, g.eu[e], g.ev[e]) >= 2;
	KTAP_EXPECT_EQ(secure, sol.objective);
	KTAP_EXPECT_EQ((u32)p.objective, sol.objective);
	KTAP_EXPECT(sol.objective >= 4);
	plan_free(&p);
	ilp_solution_free(&sol);
	plan_topo_free(&g);
}

static void test_gen_ilp(void)
{
	static const u32 eu[] = { 0, 0, 1, 2, 3 }, ev[] = { 1, 2, 2, 3, 4 };
	struct plan_topo g = make_graph(5, eu, ev, 5);
	struct plan_params pp = {
		.scheme = PLAN_ILP, .seed = 7, .first_id = 10, .keys = 4, .mem = 2, .key_mem = 1,
		.key_limit = 3, .q = 1, .p = 0.3, .alpha = 1, .model = ILP_MODEL_PATTERN,
	};
	struct ilp_instance in = {
		.g = &g, .keys = 4, .q = 1, .mem = 2, .key_mem = 1, .key_limit = 3, .p = 0.3,
		.alpha = 1,
	};
	struct ilp_solution b;
	struct plan p;
	char err[PLAN_ERR_LEN];

	KTAP_EXPECT(!ilp_brute(&in, &b, err));
	KTAP_EXPECT(!plan_gen_ilp(&p, &g, &pp, err));
	KTAP_EXPECT_EQ(p.first_id, 10);
	KTAP_EXPECT(p.optimal);
	KTAP_EXPECT_EQ((u32)p.objective, b.objective);
	plan_free(&p);
	pp.model = ILP_MODEL_PAPER;
	pp.symmetry = true;
	KTAP_EXPECT(!plan_gen_ilp(&p, &g, &pp, err));
	KTAP_EXPECT_EQ((u32)p.objective, b.objective);
	plan_free(&p);
	pp.heuristic = true;
	KTAP_EXPECT(!plan_gen_ilp(&p, &g, &pp, err));
	KTAP_EXPECT(p.objective <= b.objective && !p.optimal);
	plan_free(&p);
	pp.heuristic = false;
	pp.key_limit = 1;
	memset(&p, 0xff, sizeof(p));
	KTAP_EXPECT(plan_gen_ilp(&p, &g, &pp, err));
	KTAP_EXPECT(has(err, "t_k = 1 < 2: no key could be shared"));
	KTAP_EXPECT(!p.sym && !p.sym_first);
	ilp_solution_free(&b);
	plan_topo_free(&g);
}

/* The paper's smallest configurations (Tables 1 and 3), solved to optimality quickly. */
static void test_paper_smoke(void)
{
	static const struct {
		u32 table, cfg, n;
		double d;
		u32 keys, q;
		double p;
		u32 c, t;
	} cf[] = {
		{ 1, 1, 10, 0.2, 10, 1, 0.3, 5, 3 }, { 1, 2, 10, 0.3, 10, 1, 0.3, 5, 3 },
		{ 1, 3, 10, 0.4, 10, 1, 0.3, 5, 3 }, { 3, 1, 10, 0.2, 10, 2, 0.4, 5, 4 },
		{ 3, 2, 10, 0.3, 10, 2, 0.4, 5, 4 },
	};
	struct ilp_options o = pattern;
	struct plan_rng r;
	struct plan_topo g;
	struct ilp_solution sol;
	char err[PLAN_ERR_LEN];
	u32 i, s;

	o.time_limit = 20;
	for (i = 0; i < sizeof(cf) / sizeof(cf[0]); i++)
		for (s = 1; s <= 3; s++) {
			struct ilp_instance in = {
				.g = &g, .keys = cf[i].keys, .q = cf[i].q, .mem = cf[i].c,
				.key_mem = 1, .key_limit = cf[i].t, .p = cf[i].p, .alpha = 1,
			};

			plan_rng_init(&r, 1000 * cf[i].cfg + s, "topo");
			KTAP_EXPECT(!plan_topo_gnp(&g, cf[i].n, cf[i].d, false, &r, err));
			KTAP_EXPECT(!ilp_solve(&in, &o, &sol, err));
			KTAP_EXPECT(!ilp_verify(&in, &sol, err));
			if (!sol.optimal || sol.seconds > 5)
				printf("# T%u c%u seed %u: optimal %d in %.2f s\n", cf[i].table,
				       cf[i].cfg, s, sol.optimal, sol.seconds);
			KTAP_EXPECT(sol.optimal);
			KTAP_EXPECT(sol.seconds < 5);
			/* model (3) agrees where it is fast (the two sparsest) */
			if (cf[i].d <= 0.2)
				KTAP_EXPECT_EQ(solve_checked(&in, &paper_sym, "paper", s),
					       sol.objective);
			ilp_solution_free(&sol);
			plan_topo_free(&g);
		}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_refusals),
	KTAP_CASE(test_nbr_limit),
	KTAP_CASE(test_brute_agrees),
	KTAP_CASE(test_disconnected_holders),
	KTAP_CASE(test_verify_rejects),
	KTAP_CASE(test_brute_refuses),
	KTAP_CASE(test_to_plan),
	KTAP_CASE(test_gen_ilp),
	KTAP_CASE(test_paper_smoke),
};

KTAP_MAIN(cases)
