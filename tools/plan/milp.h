/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A thin mixed-integer programming interface, so the ILP models (ilp.c)
 * and the heuristic's neighbourhood search never call a solver library
 * directly.  milp_cbc.c implements it with COIN-OR CBC.
 *
 * A model is built column by column and row by row (rows are kept in
 * memory and handed to the solver at once), solved with a time limit,
 * and then read back.  Column and row indices count from 0.
 */
#ifndef KPSEC_PLAN_MILP_H
#define KPSEC_PLAN_MILP_H

#include <stdbool.h>

struct plan_milp;

enum plan_milp_status {
	PLAN_MILP_OPTIMAL,	/* proven optimal */
	PLAN_MILP_FEASIBLE,	/* a limit was hit with an incumbent */
	PLAN_MILP_NO_SOLUTION,	/* a limit was hit before any incumbent */
	PLAN_MILP_INFEASIBLE,	/* proven infeasible */
	PLAN_MILP_ERROR,	/* the solver gave up (numerics, memory) */
};

/* NULL when out of memory.  The objective is maximised unless told otherwise. */
struct plan_milp *plan_milp_new(void);
void plan_milp_free(struct plan_milp *m);
/* Returns the column index, or -1 when out of memory. */
int plan_milp_add_col(struct plan_milp *m, double lb, double ub, double obj, bool integer);
/* sense 'L' (<=), 'G' (>=) or 'E' (=); returns the row index or -1. */
int plan_milp_add_row(struct plan_milp *m, int nz, const int *idx, const double *val, char sense,
		      double rhs);
int plan_milp_cols(const struct plan_milp *m);
int plan_milp_rows(const struct plan_milp *m);
void plan_milp_minimize(struct plan_milp *m);
void plan_milp_time_limit(struct plan_milp *m, double seconds);	/* wall time, 0 = none */
void plan_milp_threads(struct plan_milp *m, int threads);
void plan_milp_log(struct plan_milp *m, int level);		/* 0 = silent (default) */
/* A starting solution for the given columns (the others free); copied. */
int plan_milp_start(struct plan_milp *m, int n, const int *idx, const double *val);

enum plan_milp_status plan_milp_solve(struct plan_milp *m);
/* After a solve with an incumbent: its objective and column values. */
double plan_milp_objective(const struct plan_milp *m);
const double *plan_milp_solution(const struct plan_milp *m);
/* The best proven bound on the objective (the objective when optimal). */
double plan_milp_bound(const struct plan_milp *m);
double plan_milp_seconds(const struct plan_milp *m);	/* wall time of the solve */
const char *plan_milp_version(void);			/* "CBC 2.10.8" */

#endif /* KPSEC_PLAN_MILP_H */
