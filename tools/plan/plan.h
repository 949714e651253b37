/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpsec-plan: the key-ring planner.  Shared types of its parts: the
 * seeded choice generator, the topology, the plan (which node holds which
 * keys) and the error convention.
 *
 * Vertices are 0..n-1; vertex v is node ID first_id + v in the files the
 * planner writes.  Every function that can refuse its input returns
 * nonzero and writes one line, without a trailing newline or period, into
 * an err buffer of PLAN_ERR_LEN bytes (plan_err()).  Nothing is written
 * to disk before every input is checked.
 */
#ifndef KPSEC_PLAN_H
#define KPSEC_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "kpsec_types.h"

#define PLAN_ERR_LEN 256

/* Seconds on the monotonic clock, for the time a solve or a search takes. */
double plan_now(void);

/* Format a message into @err; returns -1 so callers can "return plan_err(...)". */
int plan_err(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Seeded choices (rng.c).  A stream is named: its key is SHA-256 of the
 * seed and the name, so reading one stream never shifts another (the
 * topology stream does not change which keys EG picks).  ChaCha20 from
 * libsodium.  Only choices come from here; key material comes from the
 * OS random source (keys.c).
 */
struct plan_rng {
	u8 key[32];
	u64 counter;		/* next ChaCha20 block */
	u8 buf[64];
	unsigned int used;	/* bytes of buf consumed */
};

void plan_rng_init(struct plan_rng *r, u64 seed, const char *stream);
u32 plan_rng_u32(struct plan_rng *r);
u64 plan_rng_u64(struct plan_rng *r);
u32 plan_rng_below(struct plan_rng *r, u32 n);	/* uniform in [0, n), unbiased; n >= 1 */
double plan_rng_double(struct plan_rng *r);	/* uniform in [0, 1), 53 bits */
void plan_rng_shuffle(struct plan_rng *r, u32 *a, u32 n);
/* k distinct values of [0, n) in increasing order into out; k <= n. */
void plan_rng_sample(struct plan_rng *r, u32 n, u32 k, u32 *out);

/*
 * An undirected simple graph (topo.c).  Edges are stored once with u < v,
 * sorted by (u, v); adj is the symmetric CSR form (neighbours of v are
 * adj[first[v]] .. adj[first[v + 1] - 1], increasing).  x, y are the
 * positions of a random geometric graph in metres, NULL otherwise.
 */
struct plan_topo {
	u32 n, m;
	u32 *eu, *ev;		/* m each */
	u32 *first;		/* n + 1 */
	u32 *adj;		/* 2m */
	double *x, *y;		/* n each, or NULL */
};

/* Build eu/ev sorted and deduplicated plus the CSR from an edge list. */
int plan_topo_from_edges(struct plan_topo *t, u32 n, const u32 *eu, const u32 *ev, u32 m,
			 char *err);
/* N nodes uniform in area x area metres, an edge within range metres. */
int plan_topo_rgg(struct plan_topo *t, u32 n, double area, double range, bool connected,
		  struct plan_rng *r, char *err);
/* Erdos-Renyi G(n, d): every pair independently with probability d. */
int plan_topo_gnp(struct plan_topo *t, u32 n, double d, bool connected, struct plan_rng *r,
		  char *err);
/*
 * Edge-list file: "U V" per line, vertices 0-based, '#' comments, an
 * optional first line "nodes N"; errors name FILE:LINE.
 */
int plan_topo_read(struct plan_topo *t, const char *path, char *err);
int plan_topo_write(const struct plan_topo *t, FILE *f);
bool plan_topo_connected(const struct plan_topo *t);
bool plan_topo_has_edge(const struct plan_topo *t, u32 u, u32 v);
void plan_topo_free(struct plan_topo *t);

enum plan_scheme {
	PLAN_EG,	/* Eschenauer-Gligor random pool, q = 1 */
	PLAN_QCOMP,	/* q-composite random pool */
	PLAN_UKP,	/* t-UKP from the Hermitian unital */
	PLAN_SST,	/* refused: see Documentation/planner/sst.rst */
	PLAN_PAKP,	/* public keys drawn uniformly from all nodes' */
	PLAN_ILP,	/* the q-composite ILP (or its heuristic) */
};

/* Every parameter a scheme may take; main.c fills it from the options. */
struct plan_params {
	enum plan_scheme scheme;
	u64 seed;
	u32 first_id;		/* node ID of vertex 0, default 1 */
	u32 pool;		/* eg, qcomp: pool size P */
	u32 ring;		/* eg, qcomp, pakp: ring size k */
	u32 q;			/* qcomp, ilp, ukp: keys a secure link needs (eg: 1) */
	u32 unital_m;		/* ukp: the prime power m */
	u32 blocks;		/* ukp: blocks per node t (1 = UKP) */
	bool allow_block_reuse;	/* ukp */
	/* ilp (the paper's symbols) */
	u32 keys;		/* |K| */
	u32 mem;		/* c_i, the same for every node */
	u32 key_mem;		/* m_k, the same for every key */
	u32 key_limit;		/* t_k */
	double p;		/* security level p in [0, 1] */
	u32 alpha;		/* positive integer */
	int model;		/* enum ilp_model in ilp.h */
	bool symmetry;		/* symmetry breaking for model (3) */
	double time_limit;	/* seconds, 0 = none */
	bool heuristic;		/* greedy + local search instead of the MILP */
};

/*
 * Which node holds which keys.  Both rings are CSR over vertices and
 * sorted increasing: symmetric pool key IDs (0 .. pool - 1) of v are
 * sym[sym_first[v]] .. sym[sym_first[v + 1] - 1]; the vertices whose
 * public key v holds are pub[pub_first[v]] .. (PAKP; never v itself).
 * A scheme fills the ring it uses and leaves the other NULL.
 */
struct plan {
	enum plan_scheme scheme;
	u32 n;
	u32 first_id;
	u32 pool;		/* symmetric pool size (key IDs < pool) */
	u32 q;			/* shared keys a secure link needs */
	u32 *sym_first, *sym;
	u32 *pub_first, *pub;
	/* ilp only: solver outcome, for the summary */
	double objective, bound, seconds;
	bool optimal;
};

/* At least one node, and node IDs first_id .. first_id + n - 1 all valid. */
int plan_check_nodes(u32 n, u32 first_id, char *err);
void plan_free(struct plan *p);
/* Shared symmetric keys of u and v (sorted merge). */
u32 plan_shared(const struct plan *p, u32 u, u32 v);
/* u can protect traffic to v: shares >= q keys, or holds v's public key. */
bool plan_link(const struct plan *p, u32 u, u32 v);

/* Schemes (scheme_*.c).  Each checks its parameters first. */
int plan_gen_eg(struct plan *out, u32 n, const struct plan_params *pp, char *err);
int plan_gen_qcomp(struct plan *out, u32 n, const struct plan_params *pp, char *err);
int plan_gen_pakp(struct plan *out, u32 n, const struct plan_params *pp, char *err);
int plan_gen_ukp(struct plan *out, u32 n, const struct plan_params *pp, char *err);
int plan_gen_sst(struct plan *out, u32 n, const struct plan_params *pp, char *err);
int plan_gen_ilp(struct plan *out, const struct plan_topo *t, const struct plan_params *pp,
		 char *err);

/* The limit of the CLI and kpsec.ko on public-key rings (KPSEC_KEYRING_MAX). */
#define PLAN_PUB_RING_MAX 128
/* The limit of lib/nodeconf.h on [SymKeyRing] entries. */
#define PLAN_SYM_RING_MAX 256


/*
 * The command line (main.c dispatches; each command lives in its own
 * file).  Each returns the exit status: 0, 1 for a runtime failure, 2 for
 * bad usage or parameters.
 */
int plan_cmd_topo(int argc, char **argv);	/* gen.c */
int plan_cmd_gen(int argc, char **argv);	/* gen.c */
int plan_cmd_analyze(int argc, char **argv);	/* analyze.c */
int plan_cmd_bench(int argc, char **argv);	/* bench.c */
int plan_cmd_figures(int argc, char **argv);	/* figures.c */

/*
 * What "gen" and "analyze" both take: a topology and a scheme (gen.c).
 * plan_spec_parse() consumes the options it knows from argv (getopt_long
 * style, "--name value" and "--name=value") and compacts the rest to the
 * front, updating *argc; plan_spec_build() makes the topology and plan.
 */
enum plan_topo_kind { PLAN_TOPO_NONE, PLAN_TOPO_RGG, PLAN_TOPO_GNP, PLAN_TOPO_FILE };

struct plan_spec {
	struct plan_params pp;
	enum plan_topo_kind topo_kind;
	u32 nodes;		/* rgg, gnp */
	double area, range;	/* rgg, default 300 and 100 */
	double density;		/* gnp */
	const char *topo_file;	/* file */
	bool connected;		/* resample until connected */
};

int plan_spec_parse(struct plan_spec *s, int *argc, char **argv, char *err);
int plan_spec_build(const struct plan_spec *s, struct plan_topo *t, struct plan *p, char *err);
/*
 * Read back what "gen -o DIR" wrote (summary.json and topology.edges):
 * the topology, the rings (IDs only, no key material) and the parameters.
 */
int plan_dir_read(const char *dir, struct plan_topo *t, struct plan *p,
		  struct plan_params *pp, char *err);

#endif /* KPSEC_PLAN_H */
