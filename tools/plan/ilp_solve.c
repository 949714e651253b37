/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Solving the q-composite key management ILP with the models of ilp.c:
 * the heuristic's answer as a start, one maximisation, and the cover
 * descent, which settles what the maximisation leaves open by asking how
 * few keys secure a given number of edges.  Documentation/planner/ilp.rst
 * explains why the descent proves what the maximisation cannot.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ilp_int.h"

/* Without a time limit, ILP_SEARCH_AUTO maximises this long before descending. */
#define ILP_PLAIN_UNLIMITED 60.0

struct ilp_clock {
	double start, limit;	/* limit 0: none */
};

/* Seconds a solve may still take: 0 for no limit, < 0 when none are left. */
static double ilp_left(const struct ilp_clock *c)
{
	if (!c->limit)
		return 0;
	return c->limit - (plan_now() - c->start);
}

/* The pattern holding exactly @set (@len vertices, increasing), or -1. */
static long pat_find(const struct patterns *ps, const u32 *set, u32 len)
{
	u32 s;

	for (s = 0; s < ps->n; s++)
		if (ps->first[s + 1] - ps->first[s] == len &&
		    !memcmp(ps->v + ps->first[s], set, len * sizeof(*set)))
			return s;
	return -1;
}

/*
 * Start the pattern model from the heuristic's answer: the solver then
 * only has to prove or improve it, and keeps it when the time runs out.
 * A key whose holder set is not a pattern (it cannot be: every valid set
 * is one) would be left out, which keeps the start feasible.
 */
static int warm_start(const struct ilp_instance *in, const struct patterns *ps,
		      const struct ilp_solution *h, struct plan_milp *m)
{
	u32 k, e, a, b, *cover = NULL;
	double *val = NULL;
	int *idx = NULL, ret = -1;
	u32 ncols = ps->n + in->g->m;
	long s;

	val = calloc(ncols, sizeof(*val));
	idx = malloc((size_t)ncols * sizeof(*idx));
	cover = calloc(in->g->m ? in->g->m : 1, sizeof(*cover));
	if (!val || !idx || !cover)
		goto out;
	for (k = 0; k < h->used; k++) {
		s = pat_find(ps, h->holders + h->first[k], h->first[k + 1] - h->first[k]);
		if (s < 0)
			continue;
		val[s] += 1;
		for (a = h->first[k]; a < h->first[k + 1]; a++)
			for (b = a + 1; b < h->first[k + 1]; b++) {
				long ei = ilp_edge_index(in->g, h->holders[a], h->holders[b]);

				if (ei >= 0)
					cover[ei]++;
			}
	}
	for (e = 0; e < in->g->m; e++)
		val[ps->n + e] = cover[e] >= in->q;
	for (k = 0; k < ncols; k++)
		idx[k] = (int)k;
	ret = plan_milp_start(m, (int)ncols, idx, val);
out:
	free(val);
	free(idx);
	free(cover);
	return ret;
}

/* One maximisation of the model; @sol gets its incumbent and bound. */
static int solve_plain(const struct ilp_instance *in, const struct ilp_options *o,
		       const struct patterns *ps, const struct ilp_solution *start, double limit,
		       struct ilp_solution *sol, char *err)
{
	struct plan_milp *m = plan_milp_new();
	enum plan_milp_status st;
	int ret = -1;

	if (!m)
		return plan_err(err, "out of memory");
	if (o->model == ILP_MODEL_PATTERN ? ilp_build_pattern(in, ps, 0, m, err) :
	    ilp_build_paper(in, o->symmetry, m, err))
		goto out;
	/* a start that cannot be made only costs the solver time, not the answer */
	if (start)
		warm_start(in, ps, start, m);
	if (limit > 0)
		plan_milp_time_limit(m, limit);
	plan_milp_threads(m, o->threads > 0 ? o->threads : 1);
	st = plan_milp_solve(m);
	if (st == PLAN_MILP_ERROR || st == PLAN_MILP_INFEASIBLE) {
		/* the empty assignment is always feasible */
		plan_err(err, "the MILP solver failed (%s)",
			 st == PLAN_MILP_ERROR ? "numerical trouble" : "reported infeasible");
		goto out;
	}
	if (ilp_extract(in, o->model, ps, plan_milp_solution(m), sol)) {
		plan_err(err, "out of memory");
		goto out;
	}
	/* the objective is an integer, so the floor of the bound is a bound too */
	sol->bound = floor(plan_milp_bound(m) + 1e-6);
	sol->optimal = st == PLAN_MILP_OPTIMAL;
	ret = 0;
out:
	plan_milp_free(m);
	return ret;
}

/*
 * Can @target edges be secured within the pool?  Asked as the fewest keys
 * that secure them, with no pool row: the solver's own heuristics then
 * find assignments over the pool on the way, which guide its search (a
 * cutoff at |K| turned r1 of Table 3 c13 from 8 s into a timeout).
 * Returns 1 with @sol when |K| keys suffice, 0 when they cannot, -1 when
 * the time ran out first and -2 (with @err) when the solver failed.
 */
static int cover_probe(const struct ilp_instance *in, const struct ilp_options *o,
		       const struct patterns *ps, u32 target, double limit,
		       struct ilp_solution *sol, char *err)
{
	struct plan_milp *m = plan_milp_new();
	enum plan_milp_status st;
	int ret = -2;

	if (!m)
		return plan_err(err, "out of memory"), -2;
	if (ilp_build_pattern(in, ps, target, m, err))
		goto out;
	if (limit > 0)
		plan_milp_time_limit(m, limit);
	plan_milp_threads(m, o->threads > 0 ? o->threads : 1);
	st = plan_milp_solve(m);
	if (st == PLAN_MILP_ERROR) {
		plan_err(err, "the MILP solver failed (numerical trouble)");
	} else if (st == PLAN_MILP_INFEASIBLE) {
		ret = 0;	/* not even unlimited keys secure target edges */
	} else if (st != PLAN_MILP_NO_SOLUTION && plan_milp_objective(m) < in->keys + 0.5) {
		if (ilp_extract(in, ILP_MODEL_PATTERN, ps, plan_milp_solution(m), sol))
			plan_err(err, "out of memory");
		else
			ret = 1;
	} else {
		/* a key count is an integer: a bound above |K| - 1 + epsilon refuses */
		ret = ceil(plan_milp_bound(m) - 1e-6) > in->keys ? 0 : -1;
	}
out:
	plan_milp_free(m);
	return ret;
}

/*
 * The cover descent: probe target = bound, bound - 1, ... while it is
 * above the incumbent.  A target that no assignment reaches lowers the
 * bound; the first one reached is the optimum, since every larger one was
 * refused.  Stops, unproven, when the time runs out.
 */
static int descend(const struct ilp_instance *in, const struct ilp_options *o,
		   const struct patterns *ps, const struct ilp_clock *clock, u32 *shared,
		   struct ilp_solution *sol, char *err)
{
	while (sol->bound > sol->objective) {
		u32 target = (u32)sol->bound;
		struct ilp_solution found = { 0 };
		double left = ilp_left(clock);
		int r;

		if (clock->limit && left <= 0)
			break;
		r = cover_probe(in, o, ps, target, left, &found, err);
		if (r == -2)
			return -1;
		if (r == -1)
			break;
		if (!r) {
			sol->bound = target - 1;
			continue;
		}
		found.objective = ilp_count_secure(in, &found, shared);
		ilp_solution_free(sol);
		*sol = found;
		/* nothing above target exists, so found secures exactly target edges */
		sol->bound = sol->objective > target ? sol->objective : target;
	}
	sol->optimal = sol->bound <= sol->objective;
	return 0;
}

int ilp_solve(const struct ilp_instance *in, const struct ilp_options *o,
	      struct ilp_solution *sol, char *err)
{
	struct ilp_clock clock = { plan_now(), o->time_limit };
	struct ilp_solution start = { 0 };
	enum ilp_search search = o->search;
	struct patterns ps = { 0 };
	char herr[PLAN_ERR_LEN];
	bool have_start = false;
	u32 *shared = NULL;
	double limit;
	int ret = -1;

	memset(sol, 0, sizeof(*sol));
	if (ilp_check_params(in, err))
		return -1;
	if (o->model != ILP_MODEL_PATTERN && o->model != ILP_MODEL_PAPER)
		return plan_err(err, "unknown ILP model %d", (int)o->model);
	if (search != ILP_SEARCH_AUTO && search != ILP_SEARCH_PLAIN &&
	    search != ILP_SEARCH_DESCENT)
		return plan_err(err, "unknown ILP search %d", (int)search);
	if (o->time_limit < 0)
		return plan_err(err, "time limit %g s must not be negative", o->time_limit);
	if (o->model == ILP_MODEL_PAPER)
		search = ILP_SEARCH_PLAIN;
	else if (ilp_enum_patterns(in, &ps, err))
		return -1;
	shared = calloc(in->g->m ? in->g->m : 1, sizeof(*shared));
	if (!shared) {
		plan_err(err, "out of memory");
		goto out;
	}
	/* the heuristic never fails on parameters ilp_check_params() took */
	if (o->model == ILP_MODEL_PATTERN && !o->cold && !ilp_heuristic(in, 1, &start, herr))
		have_start = true;
	if (search == ILP_SEARCH_DESCENT) {
		if (have_start) {
			*sol = start;
			memset(&start, 0, sizeof(start));
			have_start = false;
		} else if (ilp_extract(in, ILP_MODEL_PATTERN, &ps, NULL, sol)) {
			plan_err(err, "out of memory");
			goto out;
		}
		sol->bound = in->g->m;
	} else {
		limit = o->time_limit;
		if (search == ILP_SEARCH_AUTO)
			limit = limit > 0 ? limit / 10 : ILP_PLAIN_UNLIMITED;
		if (o->time_limit > 0 && limit > ilp_left(&clock))
			limit = ilp_left(&clock);
		if (solve_plain(in, o, &ps, have_start ? &start : NULL,
				o->time_limit > 0 && limit < 1e-3 ? 1e-3 : limit, sol, err))
			goto out;
	}
	sol->objective = ilp_count_secure(in, sol, shared);
	if (have_start && start.objective > sol->objective) {
		double bound = sol->bound;

		ilp_solution_free(sol);
		*sol = start;
		memset(&start, 0, sizeof(start));
		sol->bound = bound;
	}
	if (sol->bound > in->g->m)
		sol->bound = in->g->m;
	if (sol->bound < sol->objective)
		sol->bound = sol->objective;
	if (search != ILP_SEARCH_PLAIN && descend(in, o, &ps, &clock, shared, sol, err))
		goto out;
	sol->optimal = sol->optimal || sol->bound <= sol->objective;
	sol->seconds = plan_now() - clock.start;
	ret = 0;
out:
	if (ret)
		ilp_solution_free(sol);
	ilp_solution_free(&start);
	free(shared);
	ilp_pat_free(&ps);
	return ret;
}
