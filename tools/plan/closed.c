// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include "closed.h"

double plan_lchoose(u32 n, u32 r)
{
	if (r > n)
		return -INFINITY;
	return lgamma((double)n + 1) - lgamma((double)r + 1) - lgamma((double)n - r + 1);
}

double plan_eg_share(u32 pool, u32 ring)
{
	double l = 0;
	u32 i;

	if (2 * (u64)ring > pool)
		return 1;
	/*
	 * ((P-k)!)^2 / ((P-2k)! P!) = prod_{i<k} (P-k-i)/(P-i): a sum of
	 * log1p terms keeps full precision where lgamma differences of huge
	 * factorials would cancel.
	 */
	for (i = 0; i < ring; i++)
		l += log1p(-(double)ring / ((double)pool - i));
	return -expm1(l);
}

double plan_qc_p(u32 pool, u32 ring, u32 i)
{
	double l;
	u32 rest, j;

	if (i > ring || ring > pool)
		return 0;
	rest = ring - i;
	/* The second ring: i of the first's keys, k - i of the P - k others. */
	if ((u64)pool - i < 2 * (u64)rest)
		return 0;
	/*
	 * C(P,i) C(P-i,2r) C(2r,r) / C(P,k)^2 with r = k - i is
	 * k!^2 / (i! r!^2) * prod_{j<r} (P-k-j)/(P-j) / prod_{r<=j<k} (P-j):
	 * no factorial of P, so no cancellation for large pools.
	 */
	l = 2 * lgamma((double)ring + 1) - lgamma((double)i + 1) - 2 * lgamma((double)rest + 1);
	for (j = 0; j < rest; j++)
		l += log1p(-(double)ring / ((double)pool - j));
	for (j = rest; j < ring; j++)
		l -= log((double)pool - j);
	return exp(l);
}

double plan_qc_connect(u32 pool, u32 ring, u32 q)
{
	double s = 0;
	u32 i;

	if (q > ring)
		return 0;
	if (q == 1)
		return plan_eg_share(pool, ring);
	for (i = 0; i < q && i <= ring; i++)
		s += plan_qc_p(pool, ring, i);
	return s >= 1 ? 0 : 1 - s;
}

double plan_lemma1(double p, double de, double rho)
{
	return 1 - pow(1 - pow(1 - p, de), rho);
}

double plan_capture(u32 pool, u32 ring, u32 q, u32 x)
{
	double known = 1 - pow(1 - (double)ring / pool, x), s = 0, conn;
	u32 i;

	if (q <= 1)
		return known;
	conn = plan_qc_connect(pool, ring, q);
	if (conn <= 0)
		return 0;
	for (i = q; i <= ring; i++)
		s += pow(known, i) * plan_qc_p(pool, ring, i);
	return s / conn;
}
