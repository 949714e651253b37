// SPDX-License-Identifier: GPL-2.0
/*
 * The Hermitian unital in PG(2, Q), Q = m^2 (see unital.h).
 *
 * x^(m+1) is the norm of x to GF(m), so the curve is N(X) + N(Y) + N(Z) =
 * 0.  Every line meets it in 1 point (a tangent) or m + 1 points (a
 * secant); the secants' intersections are the blocks.  Each line's points
 * are walked directly from its equation, O(Q^3) in all.
 */
#include <stdlib.h>
#include <string.h>
#include "gf.h"
#include "unital.h"

#define NONE UINT32_MAX

int plan_unital_check_m(u32 m, char *err)
{
	u32 p, e;

	if (m < 2)
		return plan_err(err, "m = %u is too small: the unital needs a prime power m >= 2",
				m);
	if (!plan_prime_power(m, &p, &e))
		return plan_err(err, "m = %u is not a prime power", m);
	if (m > PLAN_UNITAL_M_MAX)
		return plan_err(err, "m = %u exceeds the largest supported unital order %u", m,
				PLAN_UNITAL_M_MAX);
	return 0;
}

struct walk {
	const struct plan_gf *f;
	const u32 *idx;		/* projective point number -> unital point, or NONE */
	u32 Q;
	u32 *out;		/* unital points on the line so far */
	u32 cnt, cap;
};

/* Projective point numbers: (x, y, 1) -> x Q + y, (x, 1, 0) -> Q^2 + x, (1, 0, 0) -> Q^2 + Q. */
static void hit(struct walk *w, u32 pt)
{
	u32 i = w->idx[pt];

	if (i == NONE)
		return;
	if (w->cnt < w->cap)
		w->out[w->cnt] = i;
	w->cnt++;
}

/* The unital points on the line a X + b Y + c Z = 0. */
static void walk_line(struct walk *w, u32 a, u32 b, u32 c)
{
	const struct plan_gf *f = w->f;
	u32 Q = w->Q, x;

	w->cnt = 0;
	if (b) {
		/* y = -(a x + c) / b for every x */
		u32 nbinv = f->neg[plan_gf_inv(f, b)];

		for (x = 0; x < Q; x++)
			hit(w, x * Q + plan_gf_mul(f, plan_gf_add(f, plan_gf_mul(f, a, x), c),
						   nbinv));
	} else if (a) {
		x = plan_gf_div(f, f->neg[c], a);
		for (u32 y = 0; y < Q; y++)
			hit(w, x * Q + y);
	}
	/* at infinity: a x + b = 0 on (x, 1, 0), a = 0 on (1, 0, 0) */
	if (a)
		hit(w, Q * Q + plan_gf_div(f, f->neg[b], a));
	else if (!b)
		for (x = 0; x < Q; x++)
			hit(w, Q * Q + x);
	if (!a)
		hit(w, Q * Q + Q);
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

int plan_unital_build(struct plan_unital *u, u32 m, char *err)
{
	struct plan_gf f;
	struct walk w = { 0 };
	u32 Q = m * m, np, k = m + 1, i, x, nb = 0;
	u32 *norm = NULL, *idx = NULL;
	int ret = -1;

	memset(u, 0, sizeof(*u));
	if (plan_unital_check_m(m, err))
		return -1;
	if (plan_gf_init(&f, Q, err))
		return -1;
	np = Q * Q + Q + 1;
	u->m = m;
	u->v = m * m * m + 1;
	u->b = m * m * (m * m - m + 1);
	norm = malloc((size_t)Q * sizeof(*norm));
	idx = malloc((size_t)np * sizeof(*idx));
	u->pts = malloc((size_t)u->b * k * sizeof(*u->pts));
	w.out = malloc((size_t)k * sizeof(*w.out));
	if (!norm || !idx || !u->pts || !w.out) {
		plan_err(err, "out of memory for the unital of order %u", m);
		goto out;
	}
	for (x = 0; x < Q; x++)
		norm[x] = plan_gf_pow(&f, x, m + 1);

	/* number the curve's points in projective point order */
	for (i = 0, x = 0; x < np; x++) {
		u32 s;

		if (x < Q * Q)
			s = plan_gf_add(&f, plan_gf_add(&f, norm[x / Q], norm[x % Q]), 1);
		else if (x < Q * Q + Q)
			s = plan_gf_add(&f, norm[x - Q * Q], 1);
		else
			s = 1;
		idx[x] = s ? NONE : i++;
	}
	if (i != u->v) {
		plan_err(err, "internal error: the Hermitian curve over GF(%u) has %u points, not %u",
			 Q, i, u->v);
		goto out;
	}

	/* lines use the same normalised coordinates as points */
	w.f = &f;
	w.idx = idx;
	w.Q = Q;
	w.cap = k;
	for (x = 0; x < np; x++) {
		u32 a, b, c;

		if (x < Q * Q) {
			a = x / Q;
			b = x % Q;
			c = 1;
		} else if (x < Q * Q + Q) {
			a = x - Q * Q;
			b = 1;
			c = 0;
		} else {
			a = 1;
			b = 0;
			c = 0;
		}
		walk_line(&w, a, b, c);
		if (w.cnt == 1)
			continue;	/* a tangent */
		if (w.cnt != k || nb == u->b) {
			plan_err(err, "internal error: a line meets the unital of order %u in %u points",
				 m, w.cnt);
			goto out;
		}
		qsort(w.out, k, sizeof(*w.out), cmp_u32);
		memcpy(u->pts + (size_t)nb * k, w.out, (size_t)k * sizeof(*w.out));
		nb++;
	}
	if (nb != u->b) {
		plan_err(err, "internal error: the unital of order %u has %u blocks, not %u", m, nb,
			 u->b);
		goto out;
	}
	ret = 0;
out:
	if (ret)
		plan_unital_free(u);
	free(norm);
	free(idx);
	free(w.out);
	plan_gf_free(&f);
	return ret;
}

void plan_unital_free(struct plan_unital *u)
{
	free(u->pts);
	memset(u, 0, sizeof(*u));
}
