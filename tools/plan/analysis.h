/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Analysis of a key-ring plan on its topology: key sharing, vertex-disjoint
 * key-paths on the key graph the module builds (lib/overlay.c), and what
 * an attacker gains by capturing nodes.  The closed forms these are
 * compared with are in closed.h; analyze.c prints the results.
 */
#ifndef KPSEC_PLAN_ANALYSIS_H
#define KPSEC_PLAN_ANALYSIS_H

#include "plan.h"
#include "graph.h"

/*
 * The key graph: an arc u -> v when u can protect traffic to v, of cost
 * KPSEC_DE_COST + radio hops.  With public-key rings (PAKP) u reaches every
 * v whose key it holds over the shortest radio path, as in kmod/keypath.c;
 * with symmetric rings only radio neighbours sharing >= q keys, hop by hop.
 */
struct plan_keygraph {
	struct kpsec_graph g;
	u32 *first, *to, *cost;
	u32 ne;
};

int plan_keygraph_build(struct plan_keygraph *kg, const struct plan_topo *t,
			const struct plan *p, char *err);
void plan_keygraph_free(struct plan_keygraph *kg);

/* Ring size when every symmetric (or else public) ring has the same, else 0. */
u32 plan_ring_size(const struct plan *p);

/* Pairs of nodes, and radio links, where one can protect traffic to the other. */
struct plan_sharing {
	u64 pairs, pairs_linked;	/* unordered pairs looked at */
	u64 edges, edges_linked;	/* every radio link */
	double closed;			/* closed form, NaN when there is none */
};

/* @pairs random unordered pairs, or all of them when 0. */
int plan_sharing(const struct plan_topo *t, const struct plan *p, u32 pairs,
		 struct plan_rng *r, struct plan_sharing *out, char *err);

/*
 * Vertex-disjoint key-paths for random (s, t) pairs, t reachable by radio
 * from s: pair i has npaths[i] paths, whose intermediate D-E steps and
 * radio hops are de[k], hops[k] for k in path_first[i] .. path_first[i+1].
 * With @trials > 0, every pair also draws @trials adversary sets of
 * round(f (n - 2)) nodes other than s and t (f = @adv_fraction); secure[i * trials + j] is the
 * number of pair i's paths without an adversary among their D-E nodes in
 * draw j.
 */
struct plan_keypaths {
	u32 pairs, max, trials;
	u32 *s, *t, *npaths;	/* pairs each */
	u32 *path_first;	/* pairs + 1 */
	u32 *de, *hops;		/* path_first[pairs] each */
	u32 *secure;		/* pairs * trials, or NULL */
};

/* @max paths at most per pair (0: as many as s has key-graph arcs). */
int plan_keypaths(const struct plan_topo *t, const struct plan_keygraph *kg, u32 pairs,
		  u32 max, double adv_fraction, u32 trials, struct plan_rng *r,
		  struct plan_keypaths *out, char *err);
/* The same for the one pair s -> d (vertices), which must reach each other by radio. */
int plan_keypaths_pair(const struct plan_topo *t, const struct plan_keygraph *kg, u32 s, u32 d,
		       u32 max, struct plan_keypaths *out, char *err);
void plan_keypaths_free(struct plan_keypaths *kp);

/*
 * Random node capture: for each of @trials draws of x captured nodes, the
 * secure radio links between uncaptured nodes and how many of them the
 * attacker reads.  q = 1: the link key is the lowest shared key ID; q >= 2:
 * a hash of every shared key, read when all are captured.  Public-key
 * links reveal nothing about other nodes' links.
 */
struct plan_capture {
	u64 links, read;	/* summed over the trials */
	double closed;		/* plan_capture(), NaN without a random pool */
};

int plan_capture_run(const struct plan_topo *t, const struct plan *p, u32 x, u32 trials,
		     struct plan_rng *r, struct plan_capture *out, char *err);

/*
 * Selective node capture: the fewest nodes whose rings hold every pool key
 * at least two nodes share (a set cover), greedy and, within @budget
 * search steps, exact.  With public-key rings each captured node gives up
 * only its own private key, so every node but one must fall: n - 1.
 */
struct plan_snc {
	u32 keys;		/* keys to cover */
	u32 greedy;		/* nodes the greedy cover takes */
	u32 best;		/* the smallest cover found */
	bool proven;		/* best is the minimum */
};

int plan_snc(const struct plan *p, u64 budget, struct plan_snc *out, char *err);

/*
 * What "analyze" and "figures" both compute from key-paths, as sums that
 * add up over several plans: per pair the number of paths, per path its
 * D-E steps and radio hops, each as { sum, sum of squares }.
 */
struct plan_keypaths_sums {
	double pairs, paths[2], de[2], hops[2];
};

void plan_keypaths_sum(const struct plan_keypaths *kp, struct plan_keypaths_sums *acc);

/*
 * The adversary draws of plan_keypaths() with trials: secure paths per
 * draw { sum, sum of squares }, and the draws where a forgery succeeds
 * with theta = rho and with theta = ceil(rho / 2) (none without paths).
 */
struct plan_adversary_sums {
	double draws, secure[2], full, half;
};

void plan_adversary_sum(const struct plan_keypaths *kp, struct plan_adversary_sums *acc);

/* The mean sum[0] / count and the sample sd from sum[1]; NaN where undefined. */
double plan_mean_sd(const double *sum, double count, double *sd);

/* A number as "analyze" prints it: empty (CSV) or null (JSON) when not finite. */
void plan_print_num(FILE *f, double v, bool json);

/*
 * The KPsec paper's Table 3 (n = 100, three disjoint paths): mean D-E
 * steps per key-path, cooperative attack resiliency and the nodes a
 * selective node capture needs, in the order kpsec, aug_ukp, aug_sst.
 */
struct plan_kpsec_row {
	const char *name;
	double de, resiliency;
	u32 snc;
};

#define PLAN_KPSEC_SCHEMES 3
extern const struct plan_kpsec_row plan_kpsec_table3[PLAN_KPSEC_SCHEMES];

/*
 * plot.c: a PNG of the columns c of a table with bit c set in @ymask
 * against column 0, through gnuplot (png terminal), one line each; NaN
 * cells are left out.  cells[r * stride + c] is row r, column c.
 */
int plan_plot(const char *png, const char *title, const char *ylabel,
	      const char *const *cols, unsigned int ncols, const double *cells,
	      unsigned int stride, unsigned int nrows, u32 ymask, char *err);

#endif /* KPSEC_PLAN_ANALYSIS_H */
