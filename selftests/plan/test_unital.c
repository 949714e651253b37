// SPDX-License-Identifier: GPL-2.0
/*
 * The Hermitian unital (tools/plan/unital.c) is a 2-(m^3+1, m+1, 1)
 * design: v, b, block size, replication m^2, every pair of points in
 * exactly one block; the points lie on the curve; bad m is refused.
 */
#include <string.h>
#include "ktap.h"
#include "gf.h"
#include "unital.h"

static void check_design(u32 m)
{
	struct plan_unital u;
	char err[PLAN_ERR_LEN] = "";
	u32 v = m * m * m + 1, b = m * m * (m * m - m + 1), i, j, l, bad = 0;
	u32 *rep;
	u8 *pair;

	KTAP_EXPECT_EQ_CTX(plan_unital_build(&u, m, err), 0, "m = %u: %s", m, err);
	if (!u.pts)
		return;
	KTAP_EXPECT_EQ_CTX(u.m, m, "m = %u", m);
	KTAP_EXPECT_EQ_CTX(u.v, v, "m = %u", m);
	KTAP_EXPECT_EQ_CTX(u.b, b, "m = %u", m);
	rep = calloc(v, sizeof(*rep));
	pair = calloc((size_t)v * v, 1);
	for (i = 0; i < u.b; i++) {
		const u32 *pt = plan_unital_block(&u, i);

		for (j = 0; j <= m; j++) {
			if (pt[j] >= v || (j && pt[j] <= pt[j - 1])) {
				bad++;
				continue;
			}
			rep[pt[j]]++;
			for (l = 0; l < j; l++)
				if (pair[(size_t)pt[l] * v + pt[j]] < 255)
					pair[(size_t)pt[l] * v + pt[j]]++;
		}
	}
	KTAP_EXPECT_EQ_CTX(bad, 0, "m = %u: points out of range or unsorted", m);
	for (i = 0, bad = 0; i < v; i++)
		bad += rep[i] != m * m;
	KTAP_EXPECT_EQ_CTX(bad, 0, "m = %u: points not in m^2 blocks", m);
	for (i = 0, bad = 0; i < v; i++)
		for (j = i + 1; j < v; j++)
			bad += pair[(size_t)i * v + j] != 1;
	KTAP_EXPECT_EQ_CTX(bad, 0, "m = %u: pairs not in exactly one block", m);
	free(rep);
	free(pair);
	plan_unital_free(&u);
	KTAP_EXPECT(u.pts == NULL);
}

static void test_design_2_3_4_5(void)
{
	check_design(2);
	check_design(3);
	check_design(4);
	check_design(5);
}

static void test_design_7_8_9(void)
{
	check_design(7);
	check_design(8);
	check_design(9);
}

/* The largest order: counts only. */
static void test_counts_16(void)
{
	struct plan_unital u;
	char err[PLAN_ERR_LEN] = "";

	KTAP_EXPECT_EQ(plan_unital_build(&u, 16, err), 0);
	KTAP_EXPECT_EQ(u.v, 4097);
	KTAP_EXPECT_EQ(u.b, 61696);
	plan_unital_free(&u);
}

/* An independent count of the curve's points for m = 3: (1, 0, 0) is not one. */
static void test_points_on_curve(void)
{
	struct plan_gf f;
	char err[PLAN_ERR_LEN];
	u32 m = 3, Q = 9, x, y, cnt = 0;

	KTAP_EXPECT_EQ(plan_gf_init(&f, Q, err), 0);
	for (x = 0; x < Q; x++)
		for (y = 0; y < Q; y++)
			cnt += !plan_gf_add(&f, plan_gf_add(&f, plan_gf_pow(&f, x, m + 1),
							     plan_gf_pow(&f, y, m + 1)), 1);
	for (x = 0; x < Q; x++)
		cnt += !plan_gf_add(&f, plan_gf_pow(&f, x, m + 1), 1);
	KTAP_EXPECT_EQ(cnt, m * m * m + 1);
	plan_gf_free(&f);
}

/* Two blocks of one parallel class exist: the disjoint maximum is reachable for m = 2. */
static void test_disjoint_max(void)
{
	KTAP_EXPECT_EQ(plan_unital_disjoint_max(2), 3);
	KTAP_EXPECT_EQ(plan_unital_disjoint_max(4), 13);
}

static void test_refusals(void)
{
	static const u32 bad[] = { 0, 1, 6, 10, 12, 17, 25 };
	struct plan_unital u;
	char err[PLAN_ERR_LEN];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(err, 0, sizeof(err));
		KTAP_EXPECT_EQ_CTX(plan_unital_build(&u, bad[i], err) == -1, 1, "m = %u", bad[i]);
		KTAP_EXPECT(err[0] && !strchr(err, '\n') && err[strlen(err) - 1] != '.');
		KTAP_EXPECT(u.pts == NULL);
		KTAP_EXPECT_EQ(plan_unital_check_m(bad[i], err) == -1, 1);
	}
	plan_unital_build(&u, 6, err);
	KTAP_EXPECT(!strcmp(err, "m = 6 is not a prime power"));
	plan_unital_build(&u, 12, err);
	KTAP_EXPECT(!strcmp(err, "m = 12 is not a prime power"));
	plan_unital_build(&u, 1, err);
	KTAP_EXPECT(!strcmp(err, "m = 1 is too small: the unital needs a prime power m >= 2"));
	plan_unital_build(&u, 17, err);
	KTAP_EXPECT(!strcmp(err, "m = 17 exceeds the largest supported unital order 16"));
	KTAP_EXPECT_EQ(plan_unital_check_m(16, err), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_design_2_3_4_5),
	KTAP_CASE(test_design_7_8_9),
	KTAP_CASE(test_counts_16),
	KTAP_CASE(test_points_on_curve),
	KTAP_CASE(test_disjoint_max),
	KTAP_CASE(test_refusals),
};

KTAP_MAIN(cases)
