// SPDX-License-Identifier: GPL-2.0
/*
 * Random-pool schemes: Eschenauer-Gligor (q = 1) and q-composite (Chan,
 * Perrig, Song).  Every node draws k distinct keys uniformly from a pool
 * of P; a link needs q shared keys.  Distinct draws are what the closed
 * forms (closed.c) assume and what [SymKeyRing] requires.
 */
#include <stdlib.h>
#include <string.h>
#include "nodeconf.h"
#include "plan.h"

static int check_pool(u32 n, const struct plan_params *pp, u32 q, char *err)
{
	u32 k = pp->ring, P = pp->pool;

	if (plan_check_nodes(n, pp->first_id, err))
		return -1;
	if (!P)
		return plan_err(err, "pool size P = 0: the pool needs at least one key");
	if (P > KPSEC_NODECONF_SYM_ID_MAX)
		return plan_err(err, "pool size P = %u exceeds the largest pool size 0x%x", P,
				KPSEC_NODECONF_SYM_ID_MAX);
	if (!k)
		return plan_err(err, "ring size k = 0: every node needs at least one key");
	if (k > P)
		return plan_err(err, "ring size k = %u exceeds the pool size P = %u", k, P);
	if (k > PLAN_SYM_RING_MAX)
		return plan_err(err, "ring size k = %u exceeds the limit of %u symmetric keys per node",
				k, PLAN_SYM_RING_MAX);
	if (!q)
		return plan_err(err, "q = 0: a secure link needs at least one shared key");
	if (q > k)
		return plan_err(err, "q = %u exceeds the ring size k = %u", q, k);
	if ((u64)n * k > UINT32_MAX)
		return plan_err(err, "n k = %llu keys in all exceed the planner's limit of %u",
				(unsigned long long)n * k, UINT32_MAX);
	return 0;
}

static int gen_pool(struct plan *out, u32 n, const struct plan_params *pp, u32 q,
		    enum plan_scheme scheme, const char *stream, char *err)
{
	struct plan_rng r;
	struct plan p = { 0 };
	u32 k = pp->ring, v;

	if (check_pool(n, pp, q, err))
		return -1;
	p.sym_first = malloc(((size_t)n + 1) * sizeof(*p.sym_first));
	p.sym = malloc((size_t)n * k * sizeof(*p.sym));
	if (!p.sym_first || !p.sym) {
		plan_free(&p);
		return plan_err(err, "out of memory for %u rings of %u keys", n, k);
	}
	plan_rng_init(&r, pp->seed, stream);
	for (v = 0; v < n; v++) {
		p.sym_first[v] = v * k;
		plan_rng_sample(&r, pp->pool, k, p.sym + (size_t)v * k);
	}
	p.sym_first[n] = n * k;
	p.scheme = scheme;
	p.n = n;
	p.first_id = pp->first_id;
	p.pool = pp->pool;
	p.q = q;
	*out = p;
	return 0;
}

int plan_gen_eg(struct plan *out, u32 n, const struct plan_params *pp, char *err)
{
	return gen_pool(out, n, pp, 1, PLAN_EG, "eg", err);
}

int plan_gen_qcomp(struct plan *out, u32 n, const struct plan_params *pp, char *err)
{
	return gen_pool(out, n, pp, pp->q, PLAN_QCOMP, "qcomp", err);
}
