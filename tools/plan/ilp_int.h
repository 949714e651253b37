/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared between the ILP models (ilp.c) and the search that drives them
 * (ilp_solve.c); not part of the planner's interface.
 */
#ifndef KPSEC_PLAN_ILP_INT_H
#define KPSEC_PLAN_ILP_INT_H

#include "ilp.h"
#include "milp.h"

/* Valid holder sets ("patterns"), set s is v[first[s]] .. v[first[s + 1] - 1]. */
struct patterns {
	u32 n, cap;		/* sets */
	u32 *first;		/* n + 1 */
	u32 *v, vcap;		/* vertices, increasing within a set */
	bool overflow, nomem;
};

int ilp_enum_patterns(const struct ilp_instance *in, struct patterns *ps, char *err);
void ilp_pat_free(struct patterns *ps);

/* Index of edge (u, v) in g's edge list, or -1. */
long ilp_edge_index(const struct plan_topo *g, u32 u, u32 v);
/* Edges whose ends share >= q keys of @sol; @shared gets the count per edge. */
u32 ilp_count_secure(const struct ilp_instance *in, const struct ilp_solution *sol,
		     u32 *shared);

/* Columns: lambda_S (ps->n), then z_e; @cover as ilp.c explains. */
int ilp_build_pattern(const struct ilp_instance *in, const struct patterns *ps, u32 cover,
		      struct plan_milp *m, char *err);
int ilp_build_paper(const struct ilp_instance *in, bool symmetry, struct plan_milp *m,
		    char *err);
/* The assignment of solver values @x (NULL: no keys) into @sol's key lists. */
int ilp_extract(const struct ilp_instance *in, enum ilp_model model, const struct patterns *ps,
		const double *x, struct ilp_solution *sol);

#endif /* KPSEC_PLAN_ILP_INT_H */
