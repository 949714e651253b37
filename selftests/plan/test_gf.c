// SPDX-License-Identifier: GPL-2.0
/*
 * GF(p^e) (tools/plan/gf.c): prime-power recognition, the field axioms
 * on random triples for every field the unital uses, exact agreement with
 * integer arithmetic mod p and with the known GF(4), and refusals.
 */
#include <string.h>
#include "ktap.h"
#include "gf.h"

/* Every Q = m^2 with m a prime power <= 16, and a few more. */
static const u32 fields[] = { 2, 3, 4, 5, 7, 8, 9, 16, 25, 27, 49, 64, 81, 121, 169, 256, 13,
			      65536 };

static bool naive_prime_power(u32 n, u32 *p, u32 *e)
{
	u32 d, k = 0;

	if (n < 2)
		return false;
	for (d = 2; n % d; d++)
		;
	while (n % d == 0) {
		n /= d;
		k++;
	}
	*p = d;
	*e = k;
	return n == 1;
}

static void test_prime_power(void)
{
	u32 n, p, e, np = 0, ne = 0;

	for (n = 0; n <= 5000; n++) {
		bool a = plan_prime_power(n, &p, &e), b = naive_prime_power(n, &np, &ne);

		KTAP_EXPECT_EQ_CTX(a, b, "n = %u", n);
		if (a && b) {
			KTAP_EXPECT_EQ_CTX(p, np, "n = %u", n);
			KTAP_EXPECT_EQ_CTX(e, ne, "n = %u", n);
		}
	}
	KTAP_EXPECT(plan_prime_power(65536, &p, &e) && p == 2 && e == 16);
	/* the largest prime below 2^32 */
	KTAP_EXPECT(plan_prime_power(4294967291u, &p, &e) && e == 1);
	KTAP_EXPECT(!plan_prime_power(4294967295u, &p, &e));
}

static u32 rnd(u64 *s, u32 q)
{
	return ktap_rand(s) % q;
}

static void test_axioms(void)
{
	u64 s = 0x9e3779b97f4a7c15ull;
	size_t fi;

	for (fi = 0; fi < sizeof(fields) / sizeof(fields[0]); fi++) {
		struct plan_gf f;
		char err[PLAN_ERR_LEN] = "";
		u32 q = fields[fi], i, seen = 0;
		u8 *hit;

		KTAP_EXPECT_EQ_CTX(plan_gf_init(&f, q, err), 0, "q = %u: %s", q, err);
		if (!f.q)
			continue;
		KTAP_EXPECT_EQ_CTX(f.q, q, "q = %u", q);
		/* g generates: exp[0 .. q-2] lists every nonzero element once */
		hit = calloc(q, 1);
		for (i = 0; i < q - 1; i++)
			if (f.exp[i] && f.exp[i] < q && !hit[f.exp[i]]++)
				seen++;
		KTAP_EXPECT_EQ_CTX(seen, q - 1, "q = %u", q);
		free(hit);
		for (i = 0; i < 3000; i++) {
			u32 a = rnd(&s, q), b = rnd(&s, q), c = rnd(&s, q), j, pa = 0;

			KTAP_EXPECT_EQ_CTX(plan_gf_add(&f, a, b), plan_gf_add(&f, b, a), "q %u", q);
			KTAP_EXPECT_EQ_CTX(plan_gf_add(&f, plan_gf_add(&f, a, b), c),
					   plan_gf_add(&f, a, plan_gf_add(&f, b, c)), "q %u", q);
			KTAP_EXPECT_EQ_CTX(plan_gf_mul(&f, a, b), plan_gf_mul(&f, b, a), "q %u", q);
			KTAP_EXPECT_EQ_CTX(plan_gf_mul(&f, plan_gf_mul(&f, a, b), c),
					   plan_gf_mul(&f, a, plan_gf_mul(&f, b, c)), "q %u", q);
			KTAP_EXPECT_EQ_CTX(plan_gf_mul(&f, a, plan_gf_add(&f, b, c)),
					   plan_gf_add(&f, plan_gf_mul(&f, a, b),
						       plan_gf_mul(&f, a, c)), "q %u", q);
			KTAP_EXPECT_EQ_CTX(plan_gf_add(&f, a, 0), a, "q %u", q);
			KTAP_EXPECT_EQ_CTX(plan_gf_mul(&f, a, 1), a, "q %u", q);
			KTAP_EXPECT_EQ_CTX(plan_gf_mul(&f, a, 0), 0, "q %u", q);
			KTAP_EXPECT_EQ_CTX(plan_gf_add(&f, a, f.neg[a]), 0, "q %u", q);
			KTAP_EXPECT_EQ_CTX(plan_gf_sub(&f, plan_gf_add(&f, a, b), b), a, "q %u", q);
			KTAP_EXPECT(plan_gf_add(&f, a, b) < q && plan_gf_mul(&f, a, b) < q);
			if (a) {
				KTAP_EXPECT_EQ_CTX(plan_gf_mul(&f, a, plan_gf_inv(&f, a)), 1,
						   "q %u a %u", q, a);
				KTAP_EXPECT_EQ_CTX(plan_gf_mul(&f, plan_gf_div(&f, b, a), a), b,
						   "q %u", q);
				KTAP_EXPECT_EQ_CTX(plan_gf_pow(&f, a, q - 1), 1, "q %u", q);
			}
			/* characteristic p, and Frobenius is additive */
			for (j = 0; j < f.p; j++)
				pa = plan_gf_add(&f, pa, a);
			KTAP_EXPECT_EQ_CTX(pa, 0, "q %u", q);
			KTAP_EXPECT_EQ_CTX(plan_gf_pow(&f, plan_gf_add(&f, a, b), f.p),
					   plan_gf_add(&f, plan_gf_pow(&f, a, f.p),
						       plan_gf_pow(&f, b, f.p)), "q %u", q);
			KTAP_EXPECT_EQ_CTX(plan_gf_pow(&f, a, q), a, "q %u", q);
		}
		plan_gf_free(&f);
	}
}

/* Prime fields are the integers mod p; GF(4) is fixed by x^2 + x + 1. */
static void test_known(void)
{
	static const u32 primes[] = { 2, 3, 5, 7, 13, 251 };
	static const u32 mul4[4][4] = { { 0, 0, 0, 0 }, { 0, 1, 2, 3 }, { 0, 2, 3, 1 },
					{ 0, 3, 1, 2 } };
	struct plan_gf f;
	char err[PLAN_ERR_LEN];
	u32 i, a, b;

	for (i = 0; i < sizeof(primes) / sizeof(primes[0]); i++) {
		u32 p = primes[i];

		KTAP_EXPECT_EQ(plan_gf_init(&f, p, err), 0);
		for (a = 0; a < p; a++)
			for (b = 0; b < p; b++) {
				KTAP_EXPECT_EQ_CTX(plan_gf_add(&f, a, b), (a + b) % p, "p %u", p);
				KTAP_EXPECT_EQ_CTX(plan_gf_mul(&f, a, b), a * b % p, "p %u", p);
			}
		plan_gf_free(&f);
	}
	KTAP_EXPECT_EQ(plan_gf_init(&f, 4, err), 0);
	for (a = 0; a < 4; a++)
		for (b = 0; b < 4; b++) {
			KTAP_EXPECT_EQ_CTX(plan_gf_mul(&f, a, b), mul4[a][b], "%u * %u", a, b);
			KTAP_EXPECT_EQ_CTX(plan_gf_add(&f, a, b), a ^ b, "%u + %u", a, b);
		}
	plan_gf_free(&f);
	/* GF(9): digits add mod 3 independently */
	KTAP_EXPECT_EQ(plan_gf_init(&f, 9, err), 0);
	KTAP_EXPECT_EQ(plan_gf_add(&f, 5, 7), 0);	/* (2 + x) + (1 + 2x) */
	KTAP_EXPECT_EQ(plan_gf_add(&f, 5, 5), 7);	/* (2 + x) + (2 + x) = 1 + 2x */
	plan_gf_free(&f);
}

static void test_refusals(void)
{
	static const u32 bad[] = { 0, 1, 6, 10, 12, 100, 65537 };
	struct plan_gf f;
	char err[PLAN_ERR_LEN];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(err, 0, sizeof(err));
		KTAP_EXPECT_EQ_CTX(plan_gf_init(&f, bad[i], err) == -1, 1, "q = %u", bad[i]);
		KTAP_EXPECT(err[0] != 0 && !strchr(err, '\n'));
		KTAP_EXPECT(f.exp == NULL && f.log == NULL);
	}
	plan_gf_init(&f, 6, err);
	KTAP_EXPECT(!strcmp(err, "field order 6 is not a prime power"));
	plan_gf_init(&f, 65537, err);
	KTAP_EXPECT(!strcmp(err, "field order 65537 exceeds the largest supported 65536"));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_prime_power),
	KTAP_CASE(test_axioms),
	KTAP_CASE(test_known),
	KTAP_CASE(test_refusals),
};

KTAP_MAIN(cases)
