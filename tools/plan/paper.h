/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The experiments of Xu, Semenov and Rysz that "kpsec-plan bench" repeats:
 * the configurations of their Tables 1 (q = 1) and 3 (q = 2), with the
 * results of Tables 2 and 4 beside them, and how an instance is drawn.
 *
 * Instance r (1..N) of configuration j is G(n, d) from the "topo" stream
 * with seed base + 1000 j + r, so "kpsec-plan topo gnp n d --seed S"
 * writes the same graph, and both benchmarks solve the same instances.
 */
#ifndef KPSEC_PLAN_PAPER_H
#define KPSEC_PLAN_PAPER_H

#include "ilp.h"

#define PLAN_PAPER_CFGS 13

struct plan_paper_cfg {
	u32 n;
	double d;
	u32 keys, q;
	double p;
	u32 c, t;
	/* the paper's result: solved of 100, average seconds (-1: "-"), average gap % */
	u32 solved;
	double secs, gap;
};

/* Table 1 with Table 2 (q = 1, 7200 s) and Table 3 with Table 4 (q = 2, 10800 s). */
extern const struct plan_paper_cfg plan_paper_table2[PLAN_PAPER_CFGS];
extern const struct plan_paper_cfg plan_paper_table4[PLAN_PAPER_CFGS];

static inline u64 plan_paper_seed(u64 base, u32 cfg, u32 r)
{
	return base + 1000ull * cfg + r;
}

/* The graph of one instance. */
int plan_paper_graph(const struct plan_paper_cfg *c, u64 seed, bool connected,
		     struct plan_topo *g, char *err);
/* The ILP of configuration @c on @g: m_k = 1 as in all the paper's runs. */
void plan_paper_instance(const struct plan_paper_cfg *c, u32 alpha, const struct plan_topo *g,
			 struct ilp_instance *in);

#endif /* KPSEC_PLAN_PAPER_H */
