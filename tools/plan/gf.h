/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arithmetic in the finite field GF(p^e) through exp/log tables, for the
 * Hermitian unital (unital.c).  An element is an integer 0 .. q - 1 read
 * as the base-p digits of a polynomial over GF(p) (digit i is the
 * coefficient of x^i); the tables come from a primitive polynomial found
 * by search, so the same q always gives the same field.
 */
#ifndef KPSEC_PLAN_GF_H
#define KPSEC_PLAN_GF_H

#include "plan.h"

/* The largest field: q = 2^16 keeps every element in a u32 table index. */
#define PLAN_GF_Q_MAX 65536u

struct plan_gf {
	u32 p, e, q;		/* q = p^e */
	u32 *exp;		/* 2 (q - 1) entries: exp[i] = g^i, doubled to skip a mod */
	u32 *log;		/* q entries, log[0] unused */
	u32 *neg;		/* q entries: the additive inverse */
};

/* n = p^e with p prime and e >= 1: true and *p, *e set; false otherwise. */
bool plan_prime_power(u32 n, u32 *p, u32 *e);
/* Build GF(q); refuses q that is not a prime power or exceeds PLAN_GF_Q_MAX. */
int plan_gf_init(struct plan_gf *f, u32 q, char *err);
void plan_gf_free(struct plan_gf *f);

u32 plan_gf_add(const struct plan_gf *f, u32 a, u32 b);

static inline u32 plan_gf_sub(const struct plan_gf *f, u32 a, u32 b)
{
	return plan_gf_add(f, a, f->neg[b]);
}

static inline u32 plan_gf_mul(const struct plan_gf *f, u32 a, u32 b)
{
	if (!a || !b)
		return 0;
	return f->exp[f->log[a] + f->log[b]];
}

/* Multiplicative inverse; a must be nonzero. */
static inline u32 plan_gf_inv(const struct plan_gf *f, u32 a)
{
	return f->exp[(f->q - 1 - f->log[a]) % (f->q - 1)];
}

static inline u32 plan_gf_div(const struct plan_gf *f, u32 a, u32 b)
{
	return plan_gf_mul(f, a, plan_gf_inv(f, b));
}

/* a^k, with 0^0 = 1. */
u32 plan_gf_pow(const struct plan_gf *f, u32 a, u64 k);

#endif /* KPSEC_PLAN_GF_H */
