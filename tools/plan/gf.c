// SPDX-License-Identifier: GPL-2.0
/*
 * GF(p^e) by exp/log tables over a primitive polynomial (see gf.h).
 */
#include <stdlib.h>
#include <string.h>
#include "gf.h"

bool plan_prime_power(u32 n, u32 *p, u32 *e)
{
	u32 d, k = 0;

	if (n < 2)
		return false;
	for (d = 2; (u64)d * d <= n; d++)
		if (n % d == 0)
			break;
	if ((u64)d * d > n)
		d = n;		/* n is prime */
	while (n % d == 0) {
		n /= d;
		k++;
	}
	if (n != 1)
		return false;
	*p = d;
	*e = k;
	return true;
}

u32 plan_gf_add(const struct plan_gf *f, u32 a, u32 b)
{
	u32 r = 0, w = 1;

	if (f->p == 2)
		return a ^ b;
	while (a || b) {
		r += (a % f->p + b % f->p) % f->p * w;
		a /= f->p;
		b /= f->p;
		w *= f->p;
	}
	return r;
}

u32 plan_gf_pow(const struct plan_gf *f, u32 a, u64 k)
{
	if (!k)
		return 1;
	if (!a)
		return 0;
	return f->exp[(u64)f->log[a] * (k % (f->q - 1)) % (f->q - 1)];
}

/*
 * a * x mod the monic polynomial x^e + sum c_i x^i, where @poly holds the
 * digits c_0 .. c_(e-1) as an element.  Digit arithmetic mod p.
 */
static u32 mulx(u32 a, u32 poly, u32 p, u32 e, u32 q)
{
	u32 top = a / (q / p), r = 0, w = 1, i;

	a = a % (q / p) * p;	/* shift up, dropping the x^e digit */
	for (i = 0; i < e; i++) {
		u32 d = a % p, c = poly % p;

		r += (d + (p - top * c % p)) % p * w;
		a /= p;
		poly /= p;
		w *= p;
	}
	return r;
}

/* Fill exp/log when x has order q - 1 modulo @poly; false otherwise. */
static bool try_poly(struct plan_gf *f, u32 poly)
{
	u32 a = 1, i;

	memset(f->log, 0xff, (size_t)f->q * sizeof(*f->log));
	for (i = 0; i < f->q - 1; i++) {
		if (f->log[a] != UINT32_MAX)
			return false;	/* x^i repeats: order below q - 1 */
		f->exp[i] = a;
		f->log[a] = i;
		a = mulx(a, poly, f->p, f->e, f->q);
	}
	return a == 1;
}

int plan_gf_init(struct plan_gf *f, u32 q, char *err)
{
	u32 poly, i;

	memset(f, 0, sizeof(*f));
	if (!plan_prime_power(q, &f->p, &f->e))
		return plan_err(err, "field order %u is not a prime power", q);
	if (q > PLAN_GF_Q_MAX)
		return plan_err(err, "field order %u exceeds the largest supported %u", q,
				PLAN_GF_Q_MAX);
	f->q = q;
	f->exp = calloc(2 * (size_t)(q - 1) + 1, sizeof(*f->exp));
	f->log = calloc(q, sizeof(*f->log));
	f->neg = calloc(q, sizeof(*f->neg));
	if (!f->exp || !f->log || !f->neg) {
		plan_gf_free(f);
		return plan_err(err, "out of memory for GF(%u)", q);
	}
	/* The first primitive polynomial in digit order; its constant term is nonzero. */
	for (poly = 1; poly < q; poly++)
		if (poly % f->p && try_poly(f, poly))
			break;
	if (poly == q) {
		plan_gf_free(f);
		return plan_err(err, "no primitive polynomial for GF(%u)", q);
	}
	for (i = 0; i < q - 1; i++)
		f->exp[q - 1 + i] = f->exp[i];
	f->log[0] = 0;
	for (i = 0; i < q; i++) {
		u32 a = i, r = 0, w = 1;

		while (a) {
			r += (f->p - a % f->p) % f->p * w;
			a /= f->p;
			w *= f->p;
		}
		f->neg[i] = r;
	}
	return 0;
}

void plan_gf_free(struct plan_gf *f)
{
	free(f->exp);
	free(f->log);
	free(f->neg);
	memset(f, 0, sizeof(*f));
}
