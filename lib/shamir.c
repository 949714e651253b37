// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "shamir.h"

/*
 * Shift-and-add with masks instead of branches: each bit of @b selects @a
 * through an all-ones or all-zeros mask, and the reduction by 0x11b when
 * @a overflows is masked the same way.  Eight rounds whatever the data.
 */
u8 kpsec_gf_mul(u8 a, u8 b)
{
	unsigned int i;
	u8 r = 0;

	for (i = 0; i < 8; i++) {
		r ^= a & (u8)-(b & 1);
		a = (u8)(a << 1) ^ (0x1b & (u8)-(a >> 7));
		b >>= 1;
	}
	return r;
}

/*
 * a^254 = a^-1 since a^255 = 1 for a != 0, and 0^254 = 0.  The exponent
 * 0b11111110 is public: square-and-multiply six times gives a^127, one
 * more squaring a^254.
 */
u8 kpsec_gf_inv(u8 a)
{
	unsigned int i;
	u8 r = a;

	for (i = 0; i < 6; i++)
		r = kpsec_gf_mul(kpsec_gf_mul(r, r), a);
	return kpsec_gf_mul(r, r);
}

bool kpsec_shamir_split(u8 *out, const u8 *secret, size_t len, unsigned int n,
			unsigned int t, const u8 *coef)
{
	unsigned int i, j;
	size_t b;
	u8 x, y;

	if (t < 1 || t > n || n > KPSEC_SHARE_MAX)
		return false;
	for (i = 0; i < n; i++) {
		x = (u8)(i + 1);
		for (b = 0; b < len; b++) {
			/* Horner, from the coefficient of x^(t-1) down. */
			y = 0;
			for (j = t - 1; j > 0; j--)
				y = kpsec_gf_mul(y, x) ^ coef[(j - 1) * len + b];
			out[i * len + b] = kpsec_gf_mul(y, x) ^ secret[b];
		}
	}
	return true;
}

bool kpsec_shamir_eval(u8 *out, const u8 *const *shares, const u8 *xs,
		       unsigned int t, u8 x, size_t len)
{
	u8 l[KPSEC_SHARE_MAX], num, den, acc;
	unsigned int j, k;
	size_t b;

	/* The x coordinates are public: checking them may branch. */
	if (!t || t > KPSEC_SHARE_MAX)
		return false;
	for (j = 0; j < t; j++) {
		if (!xs[j])
			return false;
		for (k = 0; k < j; k++)
			if (xs[k] == xs[j])
				return false;
	}
	/* l_j = prod_{k != j} (x - xs[k]) / (xs[j] - xs[k]); minus is xor. */
	for (j = 0; j < t; j++) {
		num = 1;
		den = 1;
		for (k = 0; k < t; k++) {
			if (k == j)
				continue;
			num = kpsec_gf_mul(num, x ^ xs[k]);
			den = kpsec_gf_mul(den, xs[j] ^ xs[k]);
		}
		l[j] = kpsec_gf_mul(num, kpsec_gf_inv(den));
	}
	/* Byte b of out is written after every share's byte b is read. */
	for (b = 0; b < len; b++) {
		acc = 0;
		for (j = 0; j < t; j++)
			acc ^= kpsec_gf_mul(l[j], shares[j][b]);
		out[b] = acc;
	}
	return true;
}
