/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Shamir threshold sharing over GF(2^8), the AES field (x^8 + x^4 + x^3 +
 * x + 1), bytewise on a byte string: the key exchange splits a secret into
 * shares sent over vertex-disjoint paths.
 *
 * The paper's eq. (1) writes P(x) = y + a_1 x + ... + a_theta x^theta, of
 * degree theta, while saying any theta shares recover y; theta + 1 points
 * are needed for that degree.  We use degree theta - 1, so the threshold
 * is exactly theta: any t shares recover the secret, t - 1 reveal nothing.
 *
 * Shares carry secret bytes, so the field arithmetic is constant time: no
 * table lookup indexed by data, no data-dependent branch.  The share
 * coordinates (x values) and the sizes are public.
 */
#ifndef KPSEC_LIB_SHAMIR_H
#define KPSEC_LIB_SHAMIR_H

#include "kpsec_types.h"

#define KPSEC_SHARE_MAX 8

/**
 * kpsec_gf_mul() - multiply in GF(2^8), in constant time
 * @a: a field element
 * @b: another
 *
 * Return: the product of @a and @b.
 */
u8 kpsec_gf_mul(u8 a, u8 b);

/**
 * kpsec_gf_inv() - invert in GF(2^8), in constant time
 * @a: a nonzero field element
 *
 * Return: the inverse of @a, computed as a^254; 0 for @a = 0.
 */
u8 kpsec_gf_inv(u8 a);

/**
 * kpsec_shamir_split() - split a secret into @n shares, threshold @t
 * @out: n * len bytes; share i (0-based, at x = i + 1) goes to out + i * len
 * @secret: the @len bytes to share
 * @len: bytes in the secret and in each share
 * @n: number of shares, 1 <= n <= KPSEC_SHARE_MAX
 * @t: threshold, 1 <= t <= n
 * @coef: (t - 1) * len random bytes from the caller
 *
 * For every byte b the shares are the values at x = 1 .. n of
 * P_b(x) = secret[b] + sum_{j=1}^{t-1} coef[(j - 1) * len + b] * x^j.
 * @out must not overlap @secret or @coef.
 *
 * Return: true, or false (writing nothing) when @n or @t is out of range.
 */
bool kpsec_shamir_split(u8 *out, const u8 *secret, size_t len, unsigned int n,
			unsigned int t, const u8 *coef);

/**
 * kpsec_shamir_eval() - evaluate the polynomial through @t shares
 * @out: @len bytes; may be one of @shares
 * @shares: @t pointers to @len bytes each, the values at @xs
 * @xs: the @t x coordinates, distinct and nonzero (share i has x = i + 1)
 * @t: number of points, 1 <= t <= KPSEC_SHARE_MAX
 * @x: where to evaluate
 * @len: bytes per share
 *
 * Lagrange interpolation, bytewise, of the unique polynomial of degree < t
 * through the points (xs[j], shares[j][b]).  @x = 0 reconstructs the secret
 * from any t shares of a split with threshold t; another @x recomputes a
 * share, to check one that came over an extra path.
 *
 * Return: true, or false (writing nothing) when @t is 0 or above
 * KPSEC_SHARE_MAX or an xs[j] is 0 or repeated.
 */
bool kpsec_shamir_eval(u8 *out, const u8 *const *shares, const u8 *xs,
		       unsigned int t, u8 x, size_t len);

#endif /* KPSEC_LIB_SHAMIR_H */
