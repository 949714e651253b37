// SPDX-License-Identifier: GPL-2.0
/*
 * The configurations and results of the ILP paper (paper.h).
 */
#include "paper.h"

/* Table 1 with Table 2 (q = 1, 7200 s) */
const struct plan_paper_cfg plan_paper_table2[PLAN_PAPER_CFGS] = {
	{ 10, 0.2, 10, 1, 0.3, 5, 3, 100, 0.02, 0 },
	{ 10, 0.3, 10, 1, 0.3, 5, 3, 100, 0.07, 0 },
	{ 10, 0.4, 10, 1, 0.3, 5, 3, 100, 0.46, 0 },
	{ 10, 0.5, 10, 1, 0.3, 5, 3, 100, 36.24, 0 },
	{ 30, 0.05, 20, 1, 0.3, 6, 3, 62, 377.15, 4.43 },
	{ 30, 0.08, 20, 1, 0.3, 6, 3, 51, 1026.71, 4.48 },
	{ 30, 0.10, 20, 1, 0.3, 6, 3, 42, 1705.12, 5.12 },
	{ 30, 0.15, 20, 1, 0.3, 6, 3, 2, 454.07, 21.10 },
	{ 50, 0.04, 30, 1, 0.4, 7, 4, 100, 0.61, 0 },
	{ 50, 0.05, 30, 1, 0.4, 7, 4, 100, 2.54, 0 },
	{ 50, 0.08, 30, 1, 0.4, 7, 4, 20, 858.33, 5.80 },
	{ 100, 0.03, 60, 1, 0.4, 8, 5, 100, 12.56, 0 },
	{ 100, 0.05, 60, 1, 0.4, 8, 5, 57, 1994.77, 4.99 },
};

/* Table 3 with Table 4 (q = 2, 10800 s) */
const struct plan_paper_cfg plan_paper_table4[PLAN_PAPER_CFGS] = {
	{ 10, 0.2, 10, 2, 0.4, 5, 4, 100, 0.51, 0 },
	{ 10, 0.3, 10, 2, 0.4, 5, 4, 100, 52.82, 0 },
	{ 10, 0.4, 10, 2, 0.4, 5, 4, 99, 108.29, 5.56 },
	{ 10, 0.5, 10, 2, 0.4, 5, 4, 99, 737.41, 12.00 },
	{ 15, 0.2, 15, 2, 0.4, 6, 4, 85, 260.91, 6.02 },
	{ 15, 0.3, 15, 2, 0.4, 6, 4, 27, 995.58, 9.70 },
	{ 15, 0.4, 15, 2, 0.4, 6, 4, 0, -1, 18.60 },
	{ 15, 0.5, 15, 2, 0.4, 6, 4, 0, -1, 29.74 },
	{ 25, 0.15, 25, 2, 0.5, 7, 5, 100, 1.53, 0 },
	{ 25, 0.2, 25, 2, 0.5, 7, 5, 94, 116.19, 4.40 },
	{ 25, 0.3, 25, 2, 0.5, 7, 5, 0, -1, 21.89 },
	{ 30, 0.15, 30, 2, 0.5, 8, 5, 95, 56.8, 4.54 },
	{ 30, 0.2, 30, 2, 0.5, 8, 5, 20, 773.88, 10.51 },
};

int plan_paper_graph(const struct plan_paper_cfg *c, u64 seed, bool connected,
		     struct plan_topo *g, char *err)
{
	struct plan_rng rng;

	plan_rng_init(&rng, seed, "topo");
	return plan_topo_gnp(g, c->n, c->d, connected, &rng, err);
}

void plan_paper_instance(const struct plan_paper_cfg *c, u32 alpha, const struct plan_topo *g,
			 struct ilp_instance *in)
{
	*in = (struct ilp_instance){ .g = g, .keys = c->keys, .q = c->q, .mem = c->c,
				     .key_mem = 1, .key_limit = c->t, .p = c->p,
				     .alpha = alpha };
}
