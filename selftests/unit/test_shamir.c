// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of lib/shamir.c: GF(2^8) arithmetic against log/exp tables
 * built from a slow reference, the field axioms, split and reconstruction
 * for every (n, t) and every subset of t shares, checking extra shares,
 * secrecy of t - 1 shares, and argument checks.
 */
#include "ktap.h"
#include "shamir.h"

#define LEN 33	/* not a multiple of anything */

/* ---- reference field: carry-less product reduced bit by bit ---- */

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

/* 3 generates the multiplicative group: log/exp tables from ref_mul. */
static u8 exp_tab[255], log_tab[256];

static void ref_tables(void)
{
	unsigned int i;
	u8 x = 1;

	for (i = 0; i < 255; i++) {
		exp_tab[i] = x;
		log_tab[x] = (u8)i;
		x = ref_mul(x, 3);
	}
}

static u8 tab_mul(u8 a, u8 b)
{
	if (!a || !b)
		return 0;
	return exp_tab[(log_tab[a] + log_tab[b]) % 255];
}

static void test_gf_mul(void)
{
	unsigned int a, b, seen[256] = { 0 };

	ref_tables();
	for (a = 0; a < 255; a++)
		seen[exp_tab[a]]++;
	KTAP_EXPECT_EQ(seen[0], 0);
	for (a = 1; a < 256; a++)
		KTAP_EXPECT_EQ_CTX(seen[a], 1, "a %u", a);	/* 3 generates */
	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++)
			KTAP_EXPECT_EQ_CTX(kpsec_gf_mul(a, b), tab_mul(a, b),
					   "a 0x%x b 0x%x", a, b);
	/* FIPS-197, 4.2 and 5.1.1. */
	KTAP_EXPECT_EQ(kpsec_gf_mul(0x57, 0x83), 0xc1);
	KTAP_EXPECT_EQ(kpsec_gf_mul(0x57, 0x13), 0xfe);
	KTAP_EXPECT_EQ(kpsec_gf_mul(0x53, 0xca), 0x01);
}

static void test_gf_axioms(void)
{
	unsigned int a, b, c;

	for (a = 0; a < 256; a++) {
		KTAP_EXPECT_EQ_CTX(kpsec_gf_mul(a, 1), a, "a 0x%x", a);
		KTAP_EXPECT_EQ_CTX(kpsec_gf_mul(a, 0), 0, "a 0x%x", a);
		for (b = 0; b < 256; b++) {
			KTAP_EXPECT_EQ_CTX(kpsec_gf_mul(a, b), kpsec_gf_mul(b, a),
					   "a 0x%x b 0x%x", a, b);
			/* Every third c: 5.6 million triples. */
			for (c = a % 3; c < 256; c += 3) {
				KTAP_EXPECT_EQ_CTX(kpsec_gf_mul(kpsec_gf_mul(a, b), c),
						   kpsec_gf_mul(a, kpsec_gf_mul(b, c)),
						   "a 0x%x b 0x%x c 0x%x", a, b, c);
				KTAP_EXPECT_EQ_CTX(kpsec_gf_mul(a, b ^ c),
						   kpsec_gf_mul(a, b) ^ kpsec_gf_mul(a, c),
						   "a 0x%x b 0x%x c 0x%x", a, b, c);
			}
		}
	}
}

static void test_gf_inv(void)
{
	unsigned int a;

	KTAP_EXPECT_EQ(kpsec_gf_inv(0), 0);
	KTAP_EXPECT_EQ(kpsec_gf_inv(1), 1);
	KTAP_EXPECT_EQ(kpsec_gf_inv(0x53), 0xca);
	for (a = 1; a < 256; a++) {
		KTAP_EXPECT_EQ_CTX(kpsec_gf_mul(a, kpsec_gf_inv(a)), 1, "a 0x%x", a);
		KTAP_EXPECT_EQ_CTX(kpsec_gf_inv(a),
				   exp_tab[(255 - log_tab[a]) % 255], "a 0x%x", a);
		KTAP_EXPECT_EQ_CTX(kpsec_gf_inv(kpsec_gf_inv(a)), a, "a 0x%x", a);
	}
}

/* ---- split and eval ---- */

static void fill(u8 *p, size_t n, uint64_t *seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (u8)ktap_rand(seed);
}

/* The reference value at x of the polynomial split() uses, for byte b. */
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

/* Hand-checked: t = 2, P(x) = 0x42 + 0x05 x, and t = 1 (copies). */
static void test_split_known(void)
{
	static const u8 secret[2] = { 0x42, 0x00 }, coef[2] = { 0x05, 0xff };
	static const u8 want[3 * 2] = {
		0x42 ^ 0x05, 0xff,	/* x = 1 */
		0x42 ^ 0x0a, 0xe5,	/* x = 2: 0xff * 2 = 0x1fe ^ 0x11b */
		0x42 ^ 0x0f, 0x1a,	/* x = 3: 0xff ^ 0xe5 */
	};
	u8 out[3 * 2], copies[4 * 2];
	unsigned int i;

	KTAP_EXPECT(kpsec_shamir_split(out, secret, 2, 3, 2, coef));
	KTAP_EXPECT_MEM(out, want, sizeof(want));
	KTAP_EXPECT(kpsec_shamir_split(copies, secret, 2, 4, 1, NULL));
	for (i = 0; i < 4; i++)
		KTAP_EXPECT_MEM(copies + 2 * i, secret, 2);
}

/* Every (n, t), every t-subset: the secret, and every other share. */
static void test_round_trip(void)
{
	u8 secret[LEN], coef[(KPSEC_SHARE_MAX - 1) * LEN];
	u8 out[KPSEC_SHARE_MAX * LEN], got[LEN], xs[KPSEC_SHARE_MAX];
	const u8 *shares[KPSEC_SHARE_MAX];
	unsigned int n, t, set, i, j, subsets = 0;
	uint64_t seed = 0x5eed0b01;
	size_t b;

	for (n = 1; n <= KPSEC_SHARE_MAX; n++) {
		for (t = 1; t <= n; t++) {
			fill(secret, LEN, &seed);
			fill(coef, (t - 1) * LEN, &seed);
			KTAP_EXPECT(kpsec_shamir_split(out, secret, LEN, n, t, coef));
			for (i = 0; i < n; i++)
				for (b = 0; b < LEN; b++)
					KTAP_EXPECT_EQ_CTX(out[i * LEN + b],
							   ref_share(secret, coef, LEN, t, i + 1, b),
							   "n %u t %u share %u byte %zu", n, t, i, b);
			for (set = 0; set < 1U << n; set++) {
				if ((unsigned int)__builtin_popcount(set) != t)
					continue;
				subsets++;
				for (i = 0, j = 0; i < n; i++)
					if (set >> i & 1) {
						xs[j] = (u8)(i + 1);
						shares[j++] = out + i * LEN;
					}
				KTAP_EXPECT(kpsec_shamir_eval(got, shares, xs, t, 0, LEN));
				KTAP_EXPECT_MEM(got, secret, LEN);
				/* Any share, in the subset or not, and x = 9. */
				for (i = 0; i < n; i++) {
					KTAP_EXPECT(kpsec_shamir_eval(got, shares, xs, t,
								      (u8)(i + 1), LEN));
					KTAP_EXPECT_MEM(got, out + i * LEN, LEN);
				}
				KTAP_EXPECT(kpsec_shamir_eval(got, shares, xs, t, 9, LEN));
				for (b = 0; b < LEN; b++)
					KTAP_EXPECT_EQ(got[b],
						       ref_share(secret, coef, LEN, t, 9, b));
			}
		}
	}
	KTAP_EXPECT_EQ(subsets, 255 + 127 + 63 + 31 + 15 + 7 + 3 + 1);
}

/* Fewer than t shares interpolate to something else (almost surely). */
static void test_too_few(void)
{
	u8 secret[LEN], coef[(KPSEC_SHARE_MAX - 1) * LEN];
	u8 out[KPSEC_SHARE_MAX * LEN], got[LEN], xs[KPSEC_SHARE_MAX];
	const u8 *shares[KPSEC_SHARE_MAX];
	uint64_t seed = 0x5eed0b02;
	unsigned int t, j;

	for (t = 2; t <= KPSEC_SHARE_MAX; t++) {
		fill(secret, LEN, &seed);
		fill(coef, (t - 1) * LEN, &seed);
		KTAP_EXPECT(kpsec_shamir_split(out, secret, LEN, KPSEC_SHARE_MAX, t, coef));
		for (j = 0; j < t - 1; j++) {
			xs[j] = (u8)(KPSEC_SHARE_MAX - j);
			shares[j] = out + (KPSEC_SHARE_MAX - 1 - j) * LEN;
		}
		KTAP_EXPECT(kpsec_shamir_eval(got, shares, xs, t - 1, 0, LEN));
		KTAP_EXPECT_EQ_CTX(!memcmp(got, secret, LEN), 0, "t %u", t);
	}
}

/*
 * Secrecy: t - 1 shares leave every secret possible, each as likely.  For
 * t = 2 the map coefficient -> share is a bijection at every x, so for
 * each share value every secret has exactly one coefficient; for t = 3
 * the map (c1, c2) -> (share i, share j) is one for every pair i < j.
 */
static void test_secrecy(void)
{
	static u8 shares2[256][256][KPSEC_SHARE_MAX];	/* [secret][coef] */
	static u8 shares3[65536][KPSEC_SHARE_MAX];	/* [c1 | c2 << 8] */
	static unsigned char hit[65536];
	unsigned int s, c, x, i, j, count;
	u8 secret, coef[2];

	for (s = 0; s < 256; s++)
		for (c = 0; c < 256; c++) {
			secret = (u8)s;
			coef[0] = (u8)c;
			KTAP_EXPECT(kpsec_shamir_split(shares2[s][c], &secret, 1,
						       KPSEC_SHARE_MAX, 2, coef));
		}
	for (x = 0; x < KPSEC_SHARE_MAX; x++)
		for (s = 0; s < 256; s++) {
			memset(hit, 0, 256);
			for (count = 0, c = 0; c < 256; c++) {
				count += !hit[shares2[s][c][x]];
				hit[shares2[s][c][x]] = 1;
			}
			KTAP_EXPECT_EQ_CTX(count, 256, "x %u secret 0x%x", x + 1, s);
		}

	secret = 0x5a;
	for (c = 0; c < 65536; c++) {
		coef[0] = (u8)c;
		coef[1] = (u8)(c >> 8);
		KTAP_EXPECT(kpsec_shamir_split(shares3[c], &secret, 1,
					       KPSEC_SHARE_MAX, 3, coef));
	}
	for (i = 0; i < KPSEC_SHARE_MAX; i++)
		for (j = i + 1; j < KPSEC_SHARE_MAX; j++) {
			memset(hit, 0, sizeof(hit));
			for (count = 0, c = 0; c < 65536; c++) {
				count += !hit[shares3[c][i] | shares3[c][j] << 8];
				hit[shares3[c][i] | shares3[c][j] << 8] = 1;
			}
			KTAP_EXPECT_EQ_CTX(count, 65536, "shares %u %u", i + 1, j + 1);
		}
}

static void test_bad_args(void)
{
	static const unsigned int bad[][2] = {	/* n, t */
		{ 0, 0 }, { 1, 0 }, { 3, 0 }, { 3, 4 }, { 1, 2 },
		{ KPSEC_SHARE_MAX + 1, 2 }, { KPSEC_SHARE_MAX + 1, KPSEC_SHARE_MAX + 1 },
		{ ~0U, 1 }, { 2, ~0U },
	};
	u8 secret[4] = { 1, 2, 3, 4 }, coef[64] = { 0 }, out[64], got[4];
	u8 xs[KPSEC_SHARE_MAX + 1] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	const u8 *shares[KPSEC_SHARE_MAX + 1];
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(out, 0xa5, sizeof(out));
		KTAP_EXPECT_EQ_CTX(kpsec_shamir_split(out, secret, 4, bad[i][0],
						      bad[i][1], coef), 0, "case %u", i);
		KTAP_EXPECT_EQ_CTX(out[0] == 0xa5 && out[63] == 0xa5, 1, "case %u", i);
	}
	/* Zero-length secrets are fine. */
	KTAP_EXPECT(kpsec_shamir_split(out, secret, 0, 3, 2, coef));

	for (i = 0; i <= KPSEC_SHARE_MAX; i++)
		shares[i] = secret;
	memset(got, 0xa5, sizeof(got));
	KTAP_EXPECT(!kpsec_shamir_eval(got, shares, xs, 0, 0, 4));
	KTAP_EXPECT(!kpsec_shamir_eval(got, shares, xs, KPSEC_SHARE_MAX + 1, 0, 4));
	KTAP_EXPECT(!kpsec_shamir_eval(got, shares, xs, ~0U, 0, 4));
	xs[2] = 0;
	KTAP_EXPECT(!kpsec_shamir_eval(got, shares, xs, 3, 0, 4));
	KTAP_EXPECT(kpsec_shamir_eval(got, shares, xs, 2, 0, 4));	/* 0 not used */
	memset(got, 0xa5, sizeof(got));
	xs[2] = 1;
	KTAP_EXPECT(!kpsec_shamir_eval(got, shares, xs, 3, 0, 4));
	xs[2] = 3;
	xs[7] = 5;
	KTAP_EXPECT(!kpsec_shamir_eval(got, shares, xs, 8, 0, 4));
	KTAP_EXPECT_MEM(got, ((const u8[]){ 0xa5, 0xa5, 0xa5, 0xa5 }), 4);
	/* All shares equal: the constant polynomial; x = 255 is fine. */
	xs[7] = 8;
	KTAP_EXPECT(kpsec_shamir_eval(got, shares, xs, 8, 255, 4));
	KTAP_EXPECT_MEM(got, secret, 4);
}

/* out may be one of the shares: each byte is read before it is written. */
static void test_eval_in_place(void)
{
	u8 secret[LEN], coef[2 * LEN], out[3 * LEN], xs[3] = { 3, 1, 2 };
	const u8 *shares[3] = { out + 2 * LEN, out, out + LEN };
	uint64_t seed = 0x5eed0b03;

	fill(secret, LEN, &seed);
	fill(coef, sizeof(coef), &seed);
	KTAP_EXPECT(kpsec_shamir_split(out, secret, LEN, 3, 3, coef));
	KTAP_EXPECT(kpsec_shamir_eval(out + LEN, shares, xs, 3, 0, LEN));
	KTAP_EXPECT_MEM(out + LEN, secret, LEN);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_gf_mul),
	KTAP_CASE(test_gf_axioms),
	KTAP_CASE(test_gf_inv),
	KTAP_CASE(test_split_known),
	KTAP_CASE(test_round_trip),
	KTAP_CASE(test_too_few),
	KTAP_CASE(test_secrecy),
	KTAP_CASE(test_bad_args),
	KTAP_CASE(test_eval_in_place),
};

KTAP_MAIN(cases)
