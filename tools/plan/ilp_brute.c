/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exhaustive search of the q-composite key management ILP, model (1) with
 * its quadratic constraints checked directly, for tiny instances: the
 * reference the MILP models are tested against.
 *
 * Vertices are given rings (bit masks over the pool) in order.  Each
 * partial assignment is cut as soon as (1b), (1d) or (1e) fails, since
 * later vertices only add to those sums, or when even every remaining edge
 * would not beat the best found.  Keys are interchangeable, so only
 * assignments whose key columns are in decreasing lexicographic order
 * (read down the vertices) are visited: every assignment has exactly one
 * such key permutation.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ilp.h"

#define BRUTE_MAX_KEYS 12
#define BRUTE_MAX_VERTICES 10
/* Rings^|V| / |K|! above this: minutes rather than seconds. */
#define BRUTE_MAX_WORK 4e8

struct brute {
	const struct ilp_instance *in;
	u32 n, K, nrings;
	u32 *rings;		/* masks that fit in c_i */
	u32 *lim;		/* (1d) right side per vertex */
	u32 *rem;		/* edges whose larger end is > v */
	u32 ring[BRUTE_MAX_VERTICES], best_ring[BRUTE_MAX_VERTICES];
	u32 keycnt[BRUTE_MAX_KEYS];
	u32 share[BRUTE_MAX_VERTICES][BRUTE_MAX_KEYS];
	long best;
};

static void search(struct brute *b, u32 v, u32 tied, long cur)
{
	const struct plan_topo *g = b->in->g;
	u32 r, k, a, u, mask, gain, ntied, done;
	bool ok;

	if (v == b->n) {
		if (cur > b->best) {
			b->best = cur;
			memcpy(b->best_ring, b->ring, sizeof(b->ring));
		}
		return;
	}
	for (r = 0; r < b->nrings; r++) {
		mask = b->rings[r];
		/* tied columns k, k + 1 so far: k + 1 may not come first */
		if (mask >> 1 & ~mask & tied)
			continue;
		ok = true;
		for (k = 0; k < b->K && ok; k++)
			if ((mask >> k & 1) && b->keycnt[k] + 1 > b->in->key_limit)
				ok = false;
		gain = 0;
		for (a = g->first[v]; a < g->first[v + 1] && ok; a++) {
			u = g->adj[a];
			if (u >= v)
				break;
			for (k = 0; k < b->K; k++)
				if ((mask & b->ring[u]) >> k & 1)
					if (++b->share[u][k] > b->lim[u] ||
					    ++b->share[v][k] > b->lim[v])
						ok = false;
			gain += (u32)__builtin_popcount(mask & b->ring[u]) >= b->in->q;
		}
		done = a;	/* neighbours whose (1d) counts were raised */
		if (ok && cur + gain + b->rem[v] > b->best) {
			for (k = 0; k < b->K; k++)
				b->keycnt[k] += mask >> k & 1;
			b->ring[v] = mask;
			/* still tied where both bits agree */
			ntied = tied & ~((mask ^ (mask >> 1)));
			search(b, v + 1, ntied, cur + gain);
			for (k = 0; k < b->K; k++)
				b->keycnt[k] -= mask >> k & 1;
		}
		/* undo the (1d) counts, also of a partly counted failing ring */
		for (k = 0; k < b->K; k++)
			b->share[v][k] = 0;
		for (a = g->first[v]; a < done; a++) {
			u = g->adj[a];
			if (u >= v)
				break;
			for (k = 0; k < b->K; k++)
				if ((mask & b->ring[u]) >> k & 1)
					b->share[u][k]--;
		}
	}
	b->ring[v] = 0;
}

int ilp_brute(const struct ilp_instance *in, struct ilp_solution *sol, char *err)
{
	struct brute b = { .in = in };
	const struct plan_topo *g = in->g;
	u32 mask, v, k, e, used = 0, tot = 0, at;
	double work, kf = 1;
	int ret = -1;

	memset(sol, 0, sizeof(*sol));
	if (ilp_check_params(in, err))
		return -1;
	b.n = g->n;
	b.K = in->keys;
	if (b.n > BRUTE_MAX_VERTICES || b.K > BRUTE_MAX_KEYS)
		return plan_err(err, "brute force takes at most %u vertices and %u keys, not %u and %u",
				BRUTE_MAX_VERTICES, BRUTE_MAX_KEYS, b.n, b.K);
	for (mask = 0; mask < 1u << b.K; mask++)
		if ((u64)__builtin_popcount(mask) * in->key_mem <= in->mem)
			b.nrings++;
	for (k = 2; k <= b.K; k++)
		kf *= k;
	work = pow(b.nrings, b.n) / kf;
	if (work > BRUTE_MAX_WORK)
		return plan_err(err, "too large for brute force: %u rings per vertex ^ %u vertices / %u! = %.3g > %.0e",
				b.nrings, b.n, b.K, work, BRUTE_MAX_WORK);
	b.rings = malloc((size_t)b.nrings * sizeof(u32));
	b.lim = malloc(((size_t)b.n + 1) * sizeof(u32));
	b.rem = calloc((size_t)b.n + 1, sizeof(u32));
	if (!b.rings || !b.lim || !b.rem) {
		plan_err(err, "out of memory");
		goto out;
	}
	/* larger rings first: good assignments early make the bound cut sooner */
	b.nrings = 0;
	for (k = b.K + 1; k-- > 0;)
		for (mask = 0; mask < 1u << b.K; mask++)
			if ((u32)__builtin_popcount(mask) == k &&
			    (u64)k * in->key_mem <= in->mem)
				b.rings[b.nrings++] = mask;
	for (v = 0; v < b.n; v++)
		b.lim[v] = ilp_nbr_limit(in, v);
	for (e = 0; e < g->m; e++)
		for (v = 0; v < g->ev[e]; v++)
			b.rem[v]++;
	b.best = -1;
	search(&b, 0, b.K > 1 ? (1u << (b.K - 1)) - 1 : 0, 0);

	for (k = 0; k < b.K; k++) {
		for (at = 0, v = 0; v < b.n; v++)
			at += b.best_ring[v] >> k & 1;
		used += at > 0;
		tot += at;
	}
	sol->first = malloc(((size_t)used + 1) * sizeof(u32));
	sol->holders = malloc(((size_t)tot + 1) * sizeof(u32));
	if (!sol->first || !sol->holders) {
		plan_err(err, "out of memory");
		goto out;
	}
	sol->first[0] = 0;
	for (k = 0, e = 0; k < b.K; k++) {
		at = sol->first[e];
		for (v = 0; v < b.n; v++)
			if (b.best_ring[v] >> k & 1)
				sol->holders[at++] = v;
		if (at > sol->first[e])
			sol->first[++e] = at;
	}
	sol->used = used;
	sol->objective = (u32)b.best;
	sol->bound = (double)b.best;
	sol->optimal = true;
	ret = 0;
out:
	if (ret)
		ilp_solution_free(sol);
	free(b.rings);
	free(b.lim);
	free(b.rem);
	return ret;
}
