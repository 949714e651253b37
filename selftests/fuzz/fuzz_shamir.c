// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzzing of lib/shamir.c: split a secret from the input, reconstruct it
 * from several subsets of t shares and recompute the shares left out;
 * then feed eval raw, possibly zero or repeated, x coordinates: it must
 * reject exactly the bad ones and never read or write out of bounds.
 *
 * Input: n | t | len | subset seed | raw t | raw xs (8) | x | secret and
 * coefficients (missing bytes are zero).
 */
#include "fuzz.h"
#include "shamir.h"

#define MAX_LEN 64
#define HEADER 14

/* The reference product, bit by bit. */
static u8 ref_mul(u8 a, u8 b)
{
	unsigned int p = 0, i;

	for (i = 0; i < 8; i++)
		if (b >> i & 1)
			p ^= (unsigned int)a << i;
	for (i = 15; i >= 8; i--)
		if (p >> i & 1)
			p ^= 0x11bU << (i - 8);
	return (u8)p;
}

/* P_b(x) of the split, by the definition in shamir.h. */
static u8 ref_share(const u8 *secret, const u8 *coef, size_t len,
		    unsigned int t, u8 x, size_t b)
{
	u8 y = secret[b], xj = 1;
	unsigned int j;

	for (j = 1; j < t; j++) {
		xj = ref_mul(xj, x);
		y ^= ref_mul(coef[(j - 1) * len + b], xj);
	}
	return y;
}

static u8 *copy(const u8 *p, size_t n)
{
	u8 *q = malloc(n ? n : 1);

	FUZZ_CHECK(q);
	memcpy(q, p, n);
	return q;
}

/* Subset @set (a bit mask of n bits with t set) reconstructs everything. */
static void check_subset(const u8 *out, const u8 *secret, size_t len,
			 unsigned int n, unsigned int t, unsigned int set)
{
	const u8 *shares[KPSEC_SHARE_MAX];
	u8 xs[KPSEC_SHARE_MAX], got[MAX_LEN];
	unsigned int i, j;

	for (i = 0, j = 0; i < n; i++)
		if (set >> i & 1) {
			xs[j] = (u8)(i + 1);
			shares[j++] = out + i * len;
		}
	FUZZ_CHECK(j == t);
	FUZZ_CHECK(kpsec_shamir_eval(got, shares, xs, t, 0, len));
	FUZZ_CHECK(!memcmp(got, secret, len));
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(kpsec_shamir_eval(got, shares, xs, t, (u8)(i + 1), len));
		FUZZ_CHECK(!memcmp(got, out + i * len, len));
	}
}

/* The next subset of t out of n after @set, cyclically by rotation. */
static unsigned int rotate(unsigned int set, unsigned int n)
{
	return ((set << 1) | (set >> (n - 1))) & ((1U << n) - 1);
}

static unsigned int popcount(unsigned int x)
{
	unsigned int c = 0;

	for (; x; x &= x - 1)
		c++;
	return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8 in[HEADER + (KPSEC_SHARE_MAX) * MAX_LEN] = { 0 };
	u8 *secret, *coef, *out, got[MAX_LEN], sentinel[MAX_LEN];
	const u8 *shares[KPSEC_SHARE_MAX];
	unsigned int n, t, rt, set, i, j, seed;
	const u8 *xs;
	bool valid, real;
	size_t len;
	u8 x;

	memcpy(in, data, size < sizeof(in) ? size : sizeof(in));
	n = 1 + in[0] % KPSEC_SHARE_MAX;
	t = 1 + in[1] % n;
	len = in[2] % (MAX_LEN + 1);
	seed = in[3];
	rt = in[4] % (KPSEC_SHARE_MAX + 2);	/* 0 and 9 are bad */
	xs = in + 5;				/* in[5 .. 12] */
	x = in[13];

	/* Exact-size copies: ASan catches any read past them. */
	secret = copy(in + HEADER, len);
	coef = copy(in + HEADER + len, (t - 1) * len);
	out = malloc(n * len ? n * len : 1);
	FUZZ_CHECK(out);

	/* The field, on bytes of the input. */
	FUZZ_CHECK(kpsec_gf_mul(in[3], x) == ref_mul(in[3], x));
	FUZZ_CHECK(x == 0 ? kpsec_gf_inv(x) == 0 : ref_mul(x, kpsec_gf_inv(x)) == 1);

	FUZZ_CHECK(kpsec_shamir_split(out, secret, len, n, t, coef));
	for (i = 0; i < n; i++)
		for (j = 0; j < len; j++)
			FUZZ_CHECK(out[i * len + j] ==
				   ref_share(secret, coef, len, t, (u8)(i + 1), j));

	/* Several t-subsets: rotations of a seed-chosen one, and the last t. */
	for (set = 0, i = 0; i < n && popcount(set) < t; i++)
		if ((seed >> i & 1) || n - i <= t - popcount(set))
			set |= 1U << i;
	for (i = 0; i < n; i++, set = rotate(set, n))
		check_subset(out, secret, len, n, t, set);
	check_subset(out, secret, len, n, t, ((1U << n) - 1) & ~((1U << (n - t)) - 1));

	/* Raw xs: share j is share xs[j] - 1 when that is one of ours. */
	valid = rt >= 1 && rt <= KPSEC_SHARE_MAX;
	real = true;
	for (j = 0; j < rt && j < KPSEC_SHARE_MAX; j++) {
		valid = valid && xs[j];
		for (i = 0; i < j; i++)
			valid = valid && xs[i] != xs[j];
		real = real && xs[j] && xs[j] <= n;
		shares[j] = real ? out + (xs[j] - 1) * len : secret;
	}
	memset(got, 0xa5, sizeof(got));
	memset(sentinel, 0xa5, sizeof(sentinel));
	FUZZ_CHECK(kpsec_shamir_eval(got, shares, xs, rt, x, len) == valid);
	if (!valid)
		FUZZ_CHECK(!memcmp(got, sentinel, sizeof(got)));
	else if (real && rt >= t)	/* t of ours or more: the polynomial */
		for (i = 0; i < len; i++)
			FUZZ_CHECK(got[i] == ref_share(secret, coef, len, t, x, i));

	free(secret);
	free(coef);
	free(out);
	return 0;
}
