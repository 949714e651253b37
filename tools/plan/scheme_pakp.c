// SPDX-License-Identifier: GPL-2.0
/*
 * PAKP (Gharib, Owfi, Ghorbani, the KPsec paper): every node stores the
 * public keys of k other nodes drawn uniformly, never its own.  Drawn
 * without replacement: the CLI refuses a [KeyRing] with a duplicate or
 * with the node's own ID.
 */
#include <stdlib.h>
#include <string.h>
#include "plan.h"

static int check_pakp(u32 n, const struct plan_params *pp, char *err)
{
	u32 k = pp->ring;

	if (plan_check_nodes(n, pp->first_id, err))
		return -1;
	if (!k)
		return plan_err(err, "ring size k = 0: every node needs at least one public key");
	if (k > PLAN_PUB_RING_MAX)
		return plan_err(err, "ring size k = %u exceeds the CLI's limit of %u keys", k,
				PLAN_PUB_RING_MAX);
	if (k > n - 1)
		return plan_err(err, "ring size k = %u exceeds the n - 1 = %u other nodes", k,
				n - 1);
	return 0;
}

int plan_gen_pakp(struct plan *out, u32 n, const struct plan_params *pp, char *err)
{
	struct plan_rng r;
	struct plan p = { 0 };
	u32 k = pp->ring, v, i;

	if (check_pakp(n, pp, err))
		return -1;
	p.pub_first = malloc(((size_t)n + 1) * sizeof(*p.pub_first));
	p.pub = malloc((size_t)n * k * sizeof(*p.pub));
	if (!p.pub_first || !p.pub) {
		plan_free(&p);
		return plan_err(err, "out of memory for %u rings of %u public keys", n, k);
	}
	plan_rng_init(&r, pp->seed, "pakp");
	for (v = 0; v < n; v++) {
		u32 *ring = p.pub + (size_t)v * k;

		/* k of the n - 1 others: skip v, which keeps the order increasing */
		plan_rng_sample(&r, n - 1, k, ring);
		for (i = 0; i < k; i++)
			ring[i] += ring[i] >= v;
		p.pub_first[v] = v * k;
	}
	p.pub_first[n] = n * k;
	p.scheme = PLAN_PAKP;
	p.n = n;
	p.first_id = pp->first_id;
	p.q = 1;
	*out = p;
	return 0;
}
