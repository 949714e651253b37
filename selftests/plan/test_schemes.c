// SPDX-License-Identifier: GPL-2.0
/*
 * The key predistribution schemes (tools/plan/scheme_*.c): ring sizes,
 * sorted distinct IDs below the pool, PAKP never holding its own key,
 * t-UKP rings as unions of t disjoint unital blocks used once, refusals
 * that leave the output untouched, and reproducibility by seed.
 */
#include <string.h>
#include "ktap.h"
#include "plan.h"
#include "unital.h"

static struct plan_params params(enum plan_scheme s, u64 seed)
{
	struct plan_params pp = { .scheme = s, .seed = seed, .first_id = 1, .blocks = 1, .q = 1 };

	return pp;
}

/* Every ring of the CSR has k IDs, strictly increasing and below @limit. */
static u32 bad_rings(const u32 *first, const u32 *ids, u32 n, u32 k, u32 limit)
{
	u32 v, i, bad = 0;

	if (!first || !ids)
		return n + 1;
	if (first[0])
		bad++;
	for (v = 0; v < n; v++) {
		if (first[v + 1] - first[v] != k) {
			bad++;
			continue;
		}
		for (i = first[v]; i < first[v + 1]; i++)
			if (ids[i] >= limit || (i > first[v] && ids[i] <= ids[i - 1]))
				bad++;
	}
	return bad;
}

static void test_eg(void)
{
	struct plan_params pp = params(PLAN_EG, 7);
	struct plan p;
	char err[PLAN_ERR_LEN] = "";

	pp.pool = 1000;
	pp.ring = 20;
	pp.q = 5;	/* ignored: EG is q = 1 */
	pp.first_id = 11;
	KTAP_EXPECT_EQ(plan_gen_eg(&p, 60, &pp, err), 0);
	KTAP_EXPECT_EQ(p.scheme, PLAN_EG);
	KTAP_EXPECT_EQ(p.n, 60);
	KTAP_EXPECT_EQ(p.first_id, 11);
	KTAP_EXPECT_EQ(p.pool, 1000);
	KTAP_EXPECT_EQ(p.q, 1);
	KTAP_EXPECT(p.pub == NULL && p.pub_first == NULL);
	KTAP_EXPECT_EQ(bad_rings(p.sym_first, p.sym, 60, 20, 1000), 0);
	plan_free(&p);

	/* k = P: every node holds the whole pool */
	pp.pool = pp.ring = 9;
	KTAP_EXPECT_EQ(plan_gen_eg(&p, 5, &pp, err), 0);
	KTAP_EXPECT_EQ(bad_rings(p.sym_first, p.sym, 5, 9, 9), 0);
	KTAP_EXPECT_EQ(plan_shared(&p, 0, 4), 9);
	plan_free(&p);
}

static void test_qcomp(void)
{
	struct plan_params pp = params(PLAN_QCOMP, 8);
	struct plan p;
	char err[PLAN_ERR_LEN] = "";
	u32 u, v, links = 0, bad = 0;

	pp.pool = 200;
	pp.ring = 30;
	pp.q = 3;
	KTAP_EXPECT_EQ(plan_gen_qcomp(&p, 40, &pp, err), 0);
	KTAP_EXPECT_EQ(p.scheme, PLAN_QCOMP);
	KTAP_EXPECT_EQ(p.q, 3);
	KTAP_EXPECT_EQ(p.pool, 200);
	KTAP_EXPECT_EQ(bad_rings(p.sym_first, p.sym, 40, 30, 200), 0);
	for (u = 0; u < 40; u++)
		for (v = u + 1; v < 40; v++) {
			links += plan_link(&p, u, v);
			bad += plan_link(&p, u, v) != (plan_shared(&p, u, v) >= 3);
		}
	KTAP_EXPECT_EQ(bad, 0);
	KTAP_EXPECT(links > 0);	/* E[shared] = 4.5 here, so most pairs link */
	plan_free(&p);
}

static void test_pakp(void)
{
	struct plan_params pp = params(PLAN_PAKP, 9);
	struct plan p;
	char err[PLAN_ERR_LEN] = "";
	u32 n = 200, k = 20, v, i, own = 0, held[200] = { 0 }, lo = k, hi = 0;

	pp.ring = k;
	KTAP_EXPECT_EQ(plan_gen_pakp(&p, n, &pp, err), 0);
	KTAP_EXPECT_EQ(p.scheme, PLAN_PAKP);
	KTAP_EXPECT(p.sym == NULL && p.sym_first == NULL);
	KTAP_EXPECT_EQ(bad_rings(p.pub_first, p.pub, n, k, n), 0);
	for (v = 0; v < n && p.pub; v++)
		for (i = p.pub_first[v]; i < p.pub_first[v + 1]; i++) {
			own += p.pub[i] == v;
			held[p.pub[i]]++;
			KTAP_EXPECT(plan_link(&p, v, p.pub[i]));
		}
	KTAP_EXPECT_EQ(own, 0);
	/* each key is held by about k = 20 others: Binomial(199, 0.1), sd 4.2 */
	for (v = 0; v < n; v++) {
		lo = held[v] < lo ? held[v] : lo;
		hi = held[v] > hi ? held[v] : hi;
	}
	KTAP_EXPECT(lo >= 3 && hi <= 40);
	plan_free(&p);

	/* k = n - 1: everybody holds every other key */
	pp.ring = 9;
	KTAP_EXPECT_EQ(plan_gen_pakp(&p, 10, &pp, err), 0);
	KTAP_EXPECT_EQ(bad_rings(p.pub_first, p.pub, 10, 9, 10), 0);
	for (v = 0, own = 0; v < 10; v++)
		for (i = 0; i < 9; i++)
			own += p.pub[9 * v + i] != i + (i >= v);
	KTAP_EXPECT_EQ(own, 0);
	plan_free(&p);
}

/* t-UKP rings against the blocks plan_ukp_assign() gives from the same stream. */
static void check_ukp(u32 m, u32 t, u32 n, bool reuse, u64 seed)
{
	struct plan_params pp = params(PLAN_UKP, seed);
	struct plan_unital u;
	struct plan_rng r;
	struct plan p;
	char err[PLAN_ERR_LEN] = "";
	u32 k = t * (m + 1), v, j, l, bad = 0, reused = 0, *blk, *uses, *ring;

	pp.unital_m = m;
	pp.blocks = t;
	pp.allow_block_reuse = reuse;
	if (plan_gen_ukp(&p, n, &pp, err)) {
		KTAP_EXPECT_EQ_CTX(0, 1, "m %u t %u n %u seed %llu: %s", m, t, n,
				   (unsigned long long)seed, err);
		return;
	}
	if (plan_unital_build(&u, m, err)) {
		KTAP_EXPECT(0);
		plan_free(&p);
		return;
	}
	KTAP_EXPECT_EQ(p.scheme, PLAN_UKP);
	KTAP_EXPECT_EQ(p.pool, m * m * m + 1);
	KTAP_EXPECT_EQ(p.q, 1);
	KTAP_EXPECT_EQ_CTX(bad_rings(p.sym_first, p.sym, n, k, u.v), 0, "m %u t %u", m, t);
	blk = calloc((size_t)n * t, sizeof(*blk));
	uses = calloc(u.b, sizeof(*uses));
	ring = calloc(k, sizeof(*ring));
	plan_rng_init(&r, seed, "ukp");
	KTAP_EXPECT_EQ(plan_ukp_assign(&u, n, t, reuse, &r, blk, err), 0);
	for (v = 0; v < n; v++) {
		u32 *mine = blk + (size_t)v * t, c = 0;

		for (j = 0; j < t; j++) {
			KTAP_EXPECT(mine[j] < u.b && (!j || mine[j] > mine[j - 1]));
			uses[mine[j]]++;
			memcpy(ring + j * (m + 1), plan_unital_block(&u, mine[j]),
			       (m + 1) * sizeof(*ring));
		}
		/* the union of t disjoint blocks is k distinct keys: the ring exactly */
		for (j = 0; j < k; j++)
			for (l = 0; l < k; l++)
				c += p.sym[p.sym_first[v] + l] == ring[j];
		bad += c != k;
	}
	KTAP_EXPECT_EQ_CTX(bad, 0, "m %u t %u n %u", m, t, n);
	for (j = 0; j < u.b; j++)
		reused += uses[j] > 1;
	if (!reuse)
		KTAP_EXPECT_EQ_CTX(reused, 0, "m %u t %u n %u", m, t, n);
	else if ((u64)n * t > u.b)
		KTAP_EXPECT(reused > 0);
	/* t = 1: two blocks of a 2-design share at most one point */
	for (v = 0, bad = 0; t == 1 && v < n; v++)
		for (j = v + 1; j < n; j++)
			bad += plan_shared(&p, v, j) > 1;
	KTAP_EXPECT_EQ(bad, 0);
	free(blk);
	free(uses);
	free(ring);
	plan_unital_free(&u);
	plan_free(&p);
}

static void test_ukp(void)
{
	check_ukp(2, 1, 12, false, 1);		/* every block once */
	check_ukp(2, 2, 4, false, 2);		/* one pair per parallel class of AG(2, 3) */
	check_ukp(2, 3, 4, false, 3);		/* every block once, parallel classes */
	check_ukp(3, 3, 21, false, 4);
	check_ukp(4, 2, 104, false, 5);		/* KPsec's 2-UKP, k = 10 */
	check_ukp(5, 2, 200, false, 6);
	check_ukp(4, 2, 150, true, 7);		/* more than b / t nodes */
	check_ukp(3, 7, 30, true, 8);		/* a full parallel class per node */
	check_ukp(8, 1, 300, false, 9);
}

/* Blocks once per node for every seed when every block is used. */
static void test_ukp_full_use(void)
{
	u64 seed;

	for (seed = 100; seed < 120; seed++) {
		check_ukp(2, 2, 4, false, seed);
		check_ukp(2, 3, 4, false, seed);
		check_ukp(3, 2, 31, false, seed);
		check_ukp(4, 4, 52, false, seed);
	}
}

static void test_ukp_q(void)
{
	struct plan_params pp = params(PLAN_UKP, 1);
	struct plan p;
	char err[PLAN_ERR_LEN] = "";

	pp.unital_m = 3;
	pp.blocks = 0;		/* unset: NU-KP */
	pp.q = 0;		/* unset: 1 */
	KTAP_EXPECT_EQ(plan_gen_ukp(&p, 10, &pp, err), 0);
	KTAP_EXPECT_EQ(p.q, 1);
	KTAP_EXPECT_EQ(bad_rings(p.sym_first, p.sym, 10, 4, 28), 0);
	plan_free(&p);
	pp.blocks = 2;
	pp.q = 2;
	KTAP_EXPECT_EQ(plan_gen_ukp(&p, 10, &pp, err), 0);
	KTAP_EXPECT_EQ(p.q, 2);
	plan_free(&p);
}

typedef int (*gen_fn)(struct plan *, u32, const struct plan_params *, char *);

/* Refused with exactly @msg, and *out untouched. */
static void refused(gen_fn gen, u32 n, const struct plan_params *pp, const char *msg)
{
	struct plan p, before;
	char err[PLAN_ERR_LEN];

	memset(&p, 0x5a, sizeof(p));
	before = p;
	memset(err, 0, sizeof(err));
	KTAP_EXPECT_EQ_CTX(gen(&p, n, pp, err) == -1, 1, "expected \"%s\"", msg);
	if (strcmp(err, msg) && ktap_fail_begin())
		printf("# got \"%s\"\n# want \"%s\"\n", err, msg);
	KTAP_EXPECT_MEM(&p, &before, sizeof(p));
}

/*
 * AG(2, 3) (m = 2) has 4 parallel classes of 3 lines and only lines of one
 * class are disjoint, so 6 nodes cannot each get 2 disjoint unused blocks
 * although 6 x 2 = b: refused, output untouched.
 */
static void infeasible_ukp(void)
{
	struct plan_params pp = params(PLAN_UKP, 3);
	struct plan p, before;
	char err[PLAN_ERR_LEN] = "";
	static const char want[] = "could not give node ";

	pp.unital_m = 2;
	pp.blocks = 2;
	memset(&p, 0x5a, sizeof(p));
	before = p;
	KTAP_EXPECT_EQ(plan_gen_ukp(&p, 6, &pp, err) == -1, 1);
	KTAP_EXPECT(!strncmp(err, want, sizeof(want) - 1) && strstr(err, "--allow-block-reuse"));
	KTAP_EXPECT_MEM(&p, &before, sizeof(p));
}

static void test_refusals(void)
{
	struct plan_params pp = params(PLAN_EG, 1);

	pp.pool = 30;
	pp.ring = 40;
	refused(plan_gen_eg, 10, &pp, "ring size k = 40 exceeds the pool size P = 30");
	refused(plan_gen_qcomp, 10, &pp, "ring size k = 40 exceeds the pool size P = 30");
	pp.ring = 2;
	pp.q = 3;
	refused(plan_gen_qcomp, 10, &pp, "q = 3 exceeds the ring size k = 2");
	pp.q = 0;
	refused(plan_gen_qcomp, 10, &pp, "q = 0: a secure link needs at least one shared key");
	pp.q = 1;
	refused(plan_gen_eg, 0, &pp, "n = 0: a plan needs at least one node");
	pp.ring = 0;
	refused(plan_gen_eg, 10, &pp, "ring size k = 0: every node needs at least one key");
	pp.pool = 0;
	pp.ring = 1;
	refused(plan_gen_eg, 10, &pp, "pool size P = 0: the pool needs at least one key");
	pp.pool = 0xffffffff;
	refused(plan_gen_eg, 10, &pp, "pool size P = 4294967295 exceeds the largest pool size 0xfffffffe");
	pp.pool = 1000;
	pp.ring = 300;
	refused(plan_gen_eg, 10, &pp, "ring size k = 300 exceeds the limit of 256 symmetric keys per node");
	pp.ring = 10;
	pp.first_id = 0xfffffff0;
	refused(plan_gen_eg, 100, &pp, "node IDs 4294967280 .. 4294967379 exceed the largest node ID 0xfffffffe");
	refused(plan_gen_pakp, 100, &pp, "node IDs 4294967280 .. 4294967379 exceed the largest node ID 0xfffffffe");
	pp.first_id = 1;

	/* PAKP */
	pp.ring = 10;
	refused(plan_gen_pakp, 10, &pp, "ring size k = 10 exceeds the n - 1 = 9 other nodes");
	refused(plan_gen_pakp, 1, &pp, "ring size k = 10 exceeds the n - 1 = 0 other nodes");
	pp.ring = 200;
	refused(plan_gen_pakp, 300, &pp, "ring size k = 200 exceeds the CLI's limit of 128 keys");
	pp.ring = 0;
	refused(plan_gen_pakp, 10, &pp, "ring size k = 0: every node needs at least one public key");
	pp.ring = 3;
	refused(plan_gen_pakp, 0, &pp, "n = 0: a plan needs at least one node");

	/* t-UKP */
	pp.blocks = 1;
	pp.unital_m = 0;
	refused(plan_gen_ukp, 10, &pp, "m = 0 is too small: the unital needs a prime power m >= 2");
	pp.unital_m = 1;
	refused(plan_gen_ukp, 10, &pp, "m = 1 is too small: the unital needs a prime power m >= 2");
	pp.unital_m = 6;
	refused(plan_gen_ukp, 10, &pp, "m = 6 is not a prime power");
	pp.unital_m = 10;
	refused(plan_gen_ukp, 10, &pp, "m = 10 is not a prime power");
	pp.unital_m = 12;
	refused(plan_gen_ukp, 10, &pp, "m = 12 is not a prime power");
	pp.unital_m = 17;
	refused(plan_gen_ukp, 10, &pp, "m = 17 exceeds the largest supported unital order 16");
	pp.unital_m = 4;
	pp.blocks = 2;
	refused(plan_gen_ukp, 120, &pp, "n = 120 nodes need 120 unital blocks x 2 but m = 4 gives 208 blocks (104 nodes); use m >= 5 or --allow-block-reuse");
	pp.unital_m = 16;
	pp.blocks = 15;
	refused(plan_gen_ukp, 5000, &pp, "n = 5000 nodes need 5000 unital blocks x 15 but m = 16 gives 61696 blocks (4113 nodes); use --allow-block-reuse");
	pp.blocks = 16;
	refused(plan_gen_ukp, 10, &pp, "ring size t (m + 1) = 272 exceeds the limit of 256 symmetric keys per node");
	pp.unital_m = 2;
	pp.blocks = 4;
	refused(plan_gen_ukp, 2, &pp, "t = 4 blocks per node exceed the 3 pairwise disjoint blocks of the unital of order m = 2");
	pp.blocks = 1;
	pp.q = 4;
	refused(plan_gen_ukp, 2, &pp, "q = 4 exceeds the ring size k = t (m + 1) = 3");
	pp.q = 1;
	refused(plan_gen_ukp, 0, &pp, "n = 0: a plan needs at least one node");
	infeasible_ukp();

	/* SST */
	refused(plan_gen_sst, 10, &pp, "sst: construction not available (see Documentation/planner/sst.rst)");
}

/* Same seed, same rings; another seed, other rings. */
static bool same(const struct plan *a, const struct plan *b)
{
	size_t ns = a->sym ? a->sym_first[a->n] : 0, np = a->pub ? a->pub_first[a->n] : 0;

	if (a->n != b->n || !a->sym != !b->sym || !a->pub != !b->pub)
		return false;
	if (b->sym && (b->sym_first[b->n] != ns || memcmp(a->sym, b->sym, ns * sizeof(u32))))
		return false;
	return !b->pub || (b->pub_first[b->n] == np && !memcmp(a->pub, b->pub, np * sizeof(u32)));
}

static void repro(gen_fn gen, struct plan_params pp, u32 n)
{
	struct plan a, b, c;
	char err[PLAN_ERR_LEN] = "";

	KTAP_EXPECT_EQ(gen(&a, n, &pp, err), 0);
	KTAP_EXPECT_EQ(gen(&b, n, &pp, err), 0);
	pp.seed++;
	KTAP_EXPECT_EQ(gen(&c, n, &pp, err), 0);
	KTAP_EXPECT(same(&a, &b));
	KTAP_EXPECT(!same(&a, &c));
	plan_free(&a);
	plan_free(&b);
	plan_free(&c);
}

static void test_reproducible(void)
{
	struct plan_params pp = params(PLAN_EG, 42);

	pp.pool = 500;
	pp.ring = 25;
	repro(plan_gen_eg, pp, 50);
	pp.q = 2;
	repro(plan_gen_qcomp, pp, 50);
	pp.ring = 5;
	repro(plan_gen_pakp, pp, 50);
	pp.unital_m = 4;
	pp.blocks = 2;
	pp.q = 1;
	repro(plan_gen_ukp, pp, 100);
	pp.allow_block_reuse = true;
	repro(plan_gen_ukp, pp, 300);
}

/* Each scheme reads its own stream: EG and q-composite rings differ for one seed. */
static void test_streams(void)
{
	struct plan_params pp = params(PLAN_EG, 5);
	struct plan a, b;
	char err[PLAN_ERR_LEN] = "";

	pp.pool = 500;
	pp.ring = 25;
	KTAP_EXPECT_EQ(plan_gen_eg(&a, 20, &pp, err), 0);
	KTAP_EXPECT_EQ(plan_gen_qcomp(&b, 20, &pp, err), 0);
	KTAP_EXPECT(!same(&a, &b));
	plan_free(&a);
	plan_free(&b);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_eg),
	KTAP_CASE(test_qcomp),
	KTAP_CASE(test_pakp),
	KTAP_CASE(test_ukp),
	KTAP_CASE(test_ukp_full_use),
	KTAP_CASE(test_ukp_q),
	KTAP_CASE(test_refusals),
	KTAP_CASE(test_reproducible),
	KTAP_CASE(test_streams),
};

KTAP_MAIN(cases)
