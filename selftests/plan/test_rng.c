/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The planner's seeded choices (tools/plan/rng.c): the stream is what its
 * definition says (SHA-256 key, ChaCha20 keystream), reproducible, and
 * the derived draws are in range and unbiased.
 */
#include <sodium.h>
#include "ktap.h"
#include "plan.h"

static void test_known_answer(void)
{
	static const u8 nonce[crypto_stream_chacha20_ietf_NONCEBYTES];
	u8 key[32], ks[128], in[8 + 4] = { 0x2a, 0, 0, 0, 0, 0, 0, 0, 't', 'o', 'p', 'o' };
	struct plan_rng r;
	int i;

	/* Recompute from the definition: key = SHA-256(seed LE || name). */
	crypto_hash_sha256(key, in, sizeof(in));
	crypto_stream_chacha20_ietf(ks, sizeof(ks), nonce, key);
	plan_rng_init(&r, 42, "topo");
	KTAP_EXPECT_MEM(r.key, key, sizeof(key));
	for (i = 0; i < 32; i++) {
		u32 want = (u32)ks[4 * i] | (u32)ks[4 * i + 1] << 8 | (u32)ks[4 * i + 2] << 16 |
			   (u32)ks[4 * i + 3] << 24;

		KTAP_EXPECT_EQ_CTX(plan_rng_u32(&r), want, "word %d", i);
	}
}

static void test_streams(void)
{
	struct plan_rng a, b, c, d;
	u32 xa[64], i, same_seed = 0, same_name = 0;

	plan_rng_init(&a, 7, "eg");
	for (i = 0; i < 64; i++)
		xa[i] = plan_rng_u32(&a);
	/* Reading another stream in between changes nothing in this one. */
	plan_rng_init(&b, 7, "eg");
	plan_rng_init(&c, 7, "topo");
	plan_rng_init(&d, 8, "eg");
	for (i = 0; i < 64; i++) {
		u32 y = plan_rng_u32(&c);

		KTAP_EXPECT_EQ_CTX(plan_rng_u32(&b), xa[i], "i %u", i);
		same_name += y == xa[i];
		same_seed += plan_rng_u32(&d) == xa[i];
	}
	KTAP_EXPECT(same_name < 2);
	KTAP_EXPECT(same_seed < 2);
}

static void test_below(void)
{
	static const u32 ns[] = { 1, 2, 3, 7, 1000, 0x80000001u, UINT32_MAX };
	u32 counts[3] = { 0 }, i, k;
	struct plan_rng r;

	plan_rng_init(&r, 1, "below");
	for (k = 0; k < sizeof(ns) / sizeof(ns[0]); k++)
		for (i = 0; i < 2000; i++)
			KTAP_EXPECT(plan_rng_below(&r, ns[k]) < ns[k]);
	/* 30000 draws of 3 values: each within 5 standard deviations of 10000. */
	for (i = 0; i < 30000; i++)
		counts[plan_rng_below(&r, 3)]++;
	for (i = 0; i < 3; i++)
		KTAP_EXPECT(counts[i] > 10000 - 410 && counts[i] < 10000 + 410);
}

static void test_double(void)
{
	struct plan_rng r;
	double sum = 0;
	int i;

	plan_rng_init(&r, 2, "double");
	for (i = 0; i < 20000; i++) {
		double x = plan_rng_double(&r);

		KTAP_EXPECT(x >= 0 && x < 1);
		sum += x;
	}
	KTAP_EXPECT(sum / 20000 > 0.49 && sum / 20000 < 0.51);
}

static void test_sample(void)
{
	u32 out[100], counts[32] = { 0 }, i, j;
	struct plan_rng r;

	plan_rng_init(&r, 3, "sample");
	for (i = 0; i < 200; i++) {
		u32 n = 1 + plan_rng_below(&r, 100), k = plan_rng_below(&r, n + 1);

		plan_rng_sample(&r, n, k, out);
		for (j = 0; j < k; j++) {
			KTAP_EXPECT(out[j] < n);
			if (j)
				KTAP_EXPECT(out[j - 1] < out[j]);
		}
	}
	plan_rng_sample(&r, 10, 10, out);
	for (j = 0; j < 10; j++)
		KTAP_EXPECT_EQ(out[j], j);
	/* Every 2-subset of 5 (as a bit mask) equally likely: 10 x 2000 draws. */
	for (i = 0; i < 20000; i++) {
		plan_rng_sample(&r, 5, 2, out);
		counts[(1u << out[0]) | (1u << out[1])]++;
	}
	for (i = 0, j = 0; i < 32; i++) {
		if (__builtin_popcount(i) != 2) {
			KTAP_EXPECT_EQ(counts[i], 0);
			continue;
		}
		j++;
		/* sd = sqrt(20000 * 0.1 * 0.9) = 42 */
		KTAP_EXPECT(counts[i] > 2000 - 210 && counts[i] < 2000 + 210);
	}
	KTAP_EXPECT_EQ(j, 10);
}

static void test_shuffle(void)
{
	u32 a[50], seen[50] = { 0 }, i, moved = 0;
	struct plan_rng r;

	for (i = 0; i < 50; i++)
		a[i] = i;
	plan_rng_init(&r, 4, "shuffle");
	plan_rng_shuffle(&r, a, 50);
	for (i = 0; i < 50; i++) {
		KTAP_EXPECT(a[i] < 50);
		if (a[i] < 50)
			seen[a[i]]++;
		moved += a[i] != i;
	}
	for (i = 0; i < 50; i++)
		KTAP_EXPECT_EQ(seen[i], 1);
	KTAP_EXPECT(moved > 25);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_known_answer),
	KTAP_CASE(test_streams),
	KTAP_CASE(test_below),
	KTAP_CASE(test_double),
	KTAP_CASE(test_sample),
	KTAP_CASE(test_shuffle),
};

KTAP_MAIN(cases)
