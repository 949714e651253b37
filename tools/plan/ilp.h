/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The q-composite key management ILP of Xu, Semenov and Rysz: assign keys
 * of a pool K to the vertices of G so that as many edges as possible share
 * at least q keys, under a memory limit per vertex (1b), a limit on how
 * many vertices hold a key (1e) and the neighbourhood limit (1d).  Every
 * key needs key_mem memory and may go to key_limit vertices (the paper's
 * experiments all use one class of keys).
 *
 * ilp.c builds the models for the MILP solver (milp_cbc.c, COIN-OR CBC),
 * ilp_brute.c enumerates tiny instances, heur.c is the heuristic for
 * networks no MILP can solve; ilp_check() verifies any of their answers.
 */
#ifndef KPSEC_PLAN_ILP_H
#define KPSEC_PLAN_ILP_H

#include "plan.h"

enum ilp_model {
	ILP_MODEL_PATTERN,	/* keys aggregated by holder set: exact, no key symmetry */
	ILP_MODEL_PAPER,	/* model (3) as the paper writes it */
};

struct ilp_instance {
	const struct plan_topo *g;
	u32 keys;		/* |K| */
	u32 q;
	u32 mem;		/* c_i */
	u32 key_mem;		/* m_k */
	u32 key_limit;		/* t_k */
	double p;
	u32 alpha;
};

/*
 * An assignment: key k (0 .. used - 1) is held by the vertices
 * holders[first[k]] .. holders[first[k + 1] - 1], increasing.  Keys of
 * the pool beyond used are held by nobody.
 */
struct ilp_solution {
	u32 used;
	u32 *first;		/* used + 1 */
	u32 *holders;
	u32 objective;		/* edges sharing >= q keys */
	double bound;		/* best proven upper bound on the objective */
	bool optimal;		/* bound == objective, proven */
	double seconds;		/* wall time of the solve */
};

/*
 * How the pattern model is searched.  PLAIN is one maximisation.  DESCENT
 * asks, for target = |E|, |E| - 1, ... down to the incumbent, for the
 * fewest keys that secure target edges: the first target that fits in the
 * pool is the optimum.  AUTO (the default) runs PLAIN for a tenth of the
 * time limit and descends from its bound with the rest.
 */
enum ilp_search {
	ILP_SEARCH_AUTO,
	ILP_SEARCH_PLAIN,
	ILP_SEARCH_DESCENT,
};

struct ilp_options {
	enum ilp_model model;
	enum ilp_search search;	/* pattern model only; the paper's model is PLAIN */
	bool symmetry;		/* symmetry breaking rows for ILP_MODEL_PAPER */
	double time_limit;	/* seconds, 0 = none */
	int threads;		/* solver threads, default 1 as in the paper */
	bool cold;		/* pattern model: no start from ilp_heuristic() */
};

/* Refuse parameters that make no sense (q = 0, t_k < 2, c_i < q ...). */
int ilp_check_params(const struct ilp_instance *in, char *err);
/* floor(p |N(i)| + alpha): keys of i it may share with this many neighbours (1d). */
u32 ilp_nbr_limit(const struct ilp_instance *in, u32 i);

int ilp_solve(const struct ilp_instance *in, const struct ilp_options *o,
	      struct ilp_solution *sol, char *err);
/* Exhaustive search; refuses instances too large for it. */
int ilp_brute(const struct ilp_instance *in, struct ilp_solution *sol, char *err);
/* Greedy over holder sets, then local search; optimal is false. */
int ilp_heuristic(const struct ilp_instance *in, u64 seed, struct ilp_solution *sol,
		  char *err);
/*
 * Check (1b)-(1g) for @sol and that its objective is what the assignment
 * achieves; a message names the first violated constraint.
 */
int ilp_verify(const struct ilp_instance *in, const struct ilp_solution *sol, char *err);
/* The assignment as a plan: symmetric rings of pool size in->keys. */
int ilp_to_plan(const struct ilp_instance *in, const struct ilp_solution *sol,
		struct plan *out, char *err);
void ilp_solution_free(struct ilp_solution *sol);

#endif /* KPSEC_PLAN_ILP_H */
