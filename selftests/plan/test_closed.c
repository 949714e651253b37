// SPDX-License-Identifier: GPL-2.0
/*
 * The closed forms of tools/plan/closed.c: EG and q-composite sharing
 * against an exact count over every pair of rings for tiny pools, the
 * p(i) distribution summing to 1, published values, Lemma 1 against the
 * KPsec paper (its introduction and Table 3) and the capture formula
 * against an exact count over every ring pair and captured set.
 */
#include <math.h>
#include "ktap.h"
#include "closed.h"

#define EXPECT_NEAR(a, b, tol, fmt, ...) do {				\
	double ea_ = (a), eb_ = (b);					\
	if (!(fabs(ea_ - eb_) <= (tol)) && ktap_fail_begin())		\
		printf("# %s:%d: %s = %.12g, want %.12g +- %g (" fmt ")\n", \
		       __FILE__, __LINE__, #a, ea_, eb_, (double)(tol),	\
		       __VA_ARGS__);					\
} while (0)

/* Every k-subset of a pool of P <= 14 keys, as bit masks. */
static unsigned int rings(u32 pool, u32 ring, u32 *out)
{
	unsigned int n = 0;
	u32 m;

	for (m = 0; m < (1U << pool); m++)
		if ((u32)__builtin_popcount(m) == ring)
			out[n++] = m;
	return n;
}

/* p(i) and sharing by exhaustive count over all ordered ring pairs. */
static void test_enumeration(void)
{
	static u32 set[3432];	/* C(14, 7) */
	u32 pool, ring, i, a, b;

	for (pool = 1; pool <= 12; pool++) {
		for (ring = 1; ring <= pool; ring++) {
			unsigned int n = rings(pool, ring, set);
			double count[13] = { 0 }, total = (double)n * n, sum = 0;

			for (a = 0; a < n; a++)
				for (b = 0; b < n; b++)
					count[__builtin_popcount(set[a] & set[b])]++;
			for (i = 0; i <= ring; i++) {
				EXPECT_NEAR(plan_qc_p(pool, ring, i), count[i] / total, 1e-12,
					    "P %u k %u i %u", pool, ring, i);
				sum += count[i];
				/* share >= i + 1 */
				EXPECT_NEAR(plan_qc_connect(pool, ring, i + 1),
					    1 - sum / total, 1e-12, "P %u k %u q %u", pool,
					    ring, i + 1);
			}
			EXPECT_NEAR(plan_eg_share(pool, ring), 1 - count[0] / total, 1e-12,
				    "P %u k %u", pool, ring);
		}
	}
}

static void test_sum_one(void)
{
	static const u32 cases[][2] = { { 10, 3 }, { 100, 10 }, { 1000, 50 }, { 10000, 75 },
					{ 100000, 200 }, { 50, 25 }, { 7, 7 } };
	unsigned int c;
	u32 i;

	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		double s = 0;

		for (i = 0; i <= cases[c][1]; i++)
			s += plan_qc_p(cases[c][0], cases[c][1], i);
		EXPECT_NEAR(s, 1, 1e-12, "P %u k %u", cases[c][0], cases[c][1]);
		/* q = 1 is EG */
		EXPECT_NEAR(1 - plan_qc_p(cases[c][0], cases[c][1], 0),
			    plan_eg_share(cases[c][0], cases[c][1]), 1e-12, "P %u k %u",
			    cases[c][0], cases[c][1]);
	}
}

/* Values of the design study, and of Eschenauer-Gligor's own example. */
static void test_values(void)
{
	EXPECT_NEAR(plan_eg_share(10000, 75), 0.4326, 5e-5, "%s", "EG");
	EXPECT_NEAR(plan_eg_share(1000, 10), 0.0960, 5e-5, "%s", "EG");
	EXPECT_NEAR(plan_qc_connect(1000, 10, 1), 0.09603, 5e-6, "%s", "q 1");
	EXPECT_NEAR(plan_qc_connect(1000, 50, 2), 0.7283, 5e-5, "%s", "q 2");
	/* Rings covering more than half the pool always meet. */
	EXPECT_NEAR(plan_eg_share(10, 6), 1, 0, "%s", "2k > P");
	EXPECT_NEAR(plan_qc_connect(10, 3, 4), 0, 1e-15, "%s", "q > k");
	EXPECT_NEAR(plan_qc_connect(10, 3, 0), 1, 0, "%s", "q 0");
	/* Large pools stay accurate (no cancellation of huge factorials). */
	EXPECT_NEAR(plan_eg_share(4000000000U, 2), 1e-9, 1e-15, "%s", "huge P");
	KTAP_EXPECT(isinf(plan_lchoose(3, 4)));
	EXPECT_NEAR(plan_lchoose(10, 3), log(120), 1e-12, "%s", "C(10, 3)");
}

/* KPsec: the introduction's "99.9%" and Table 3's resiliency column. */
static void test_lemma1(void)
{
	static const struct {
		double de, exact, paper;
	} t3[] = { { 2.25, 0.9906, 0.99 }, { 4.145, 0.9557, 0.95 }, { 8.425, 0.7963, 0.80 } };
	unsigned int i;

	EXPECT_NEAR(plan_lemma1(0.1, 3, 5), 0.99854, 5e-6, "%s", "intro");
	for (i = 0; i < 3; i++) {
		double r = plan_lemma1(0.1, t3[i].de, 3);

		EXPECT_NEAR(r, t3[i].exact, 5e-5, "#DE %g", t3[i].de);
		/* The paper prints two digits; 0.9557 appears as 0.95. */
		EXPECT_NEAR(r, t3[i].paper, 0.006, "#DE %g", t3[i].de);
	}
	/* Where Fig. 10b's curves come close to 1. */
	EXPECT_NEAR(plan_lemma1(0.1, 2.25, 5), 0.9996, 5e-4, "%s", "KPsec");
	EXPECT_NEAR(plan_lemma1(0.1, 4.145, 7), 0.9993, 5e-4, "%s", "UKP");
	EXPECT_NEAR(plan_lemma1(0.1, 8.425, 9), 0.9915, 5e-4, "%s", "SST");
	EXPECT_NEAR(plan_lemma1(0, 4, 1), 1, 0, "%s", "p 0");
	EXPECT_NEAR(plan_lemma1(1, 4, 3), 0, 0, "%s", "p 1");
	EXPECT_NEAR(plan_lemma1(0.5, 1, 1), 0.5, 1e-15, "%s", "one path");
}

/*
 * Capture with the formula's own model: the x captured rings are
 * independent of the link's two rings, so a key of the link is known
 * with probability 1 - (1 - k/P)^x independently.  For EG (q = 1) the
 * link uses one of its shared keys; exact for every P, k, x.  For q >= 2
 * the formula is what Chan et al. publish; check it for x = 1 against an
 * exact count over all ring triples (two link ends, one captured ring),
 * within the error of its independence assumption.
 */
static void test_capture(void)
{
	static u32 set[924];	/* C(12, 6) */
	u32 pool = 10, ring = 3, a, b, c;
	unsigned int n = rings(pool, ring, set);
	double links = 0, read = 0;

	EXPECT_NEAR(plan_capture(1000, 50, 1, 0), 0, 0, "%s", "x 0");
	EXPECT_NEAR(plan_capture(1000, 50, 1, 10), 1 - pow(0.95, 10), 1e-12, "%s", "EG");
	EXPECT_NEAR(plan_capture(100, 100, 2, 1), 1, 1e-12, "%s", "whole pool");
	/* Exact triple count, EG, x = 1: the link key is in the third ring. */
	for (a = 0; a < n; a++)
		for (b = 0; b < n; b++) {
			u32 s = set[a] & set[b];

			if (!s)
				continue;
			for (c = 0; c < n; c++) {
				links++;
				read += !!(set[c] & (s & -s));
			}
		}
	EXPECT_NEAR(plan_capture(pool, ring, 1, 1), read / links, 1e-12, "%s", "EG x 1");
	/* q = 2: all shared keys must be in the captured ring. */
	links = read = 0;
	for (a = 0; a < n; a++)
		for (b = 0; b < n; b++) {
			u32 s = set[a] & set[b];

			if (__builtin_popcount(s) < 2)
				continue;
			for (c = 0; c < n; c++) {
				links++;
				read += (set[c] & s) == s;
			}
		}
	/*
	 * Exact: P[all i shared keys in one ring] = C(P-i, k-i) / C(P, k), not
	 * known^i; here 0.064 against the formula's 0.087.
	 */
	EXPECT_NEAR(plan_capture(pool, ring, 2, 1), read / links, 0.03, "%s", "q 2 x 1");
	KTAP_EXPECT(plan_capture(pool, ring, 2, 1) > 0);
}

static struct ktap_case cases[] = {
	KTAP_CASE(test_enumeration),
	KTAP_CASE(test_sum_one),
	KTAP_CASE(test_values),
	KTAP_CASE(test_lemma1),
	KTAP_CASE(test_capture),
};

KTAP_MAIN(cases)
