// SPDX-License-Identifier: GPL-2.0
/*
 * "kpsec-plan figures DIR": the KPsec paper's Fig. 1, 2a, 2b, 3a, 3b,
 * 10a, 10b and Table 3, each as CSV (and PNG through plot.c), with
 * figures.json (settings, the paper's published values) and README.txt,
 * in a new DIR built hidden and renamed into place as "gen" does.
 *
 * Every number comes from analysis.c as "analyze" computes it: run r of
 * a point is the plan "--topology rgg N --seed 1000 S + r" analysed with
 * the subcommand's own stream (keypaths, adversary, de-steps), so any
 * run can be repeated with one "kpsec-plan analyze" call.  A plan that
 * several figures use is built once and analysed for all of them.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <json-c/json.h>
#include "analysis.h"
#include "closed.h"
#include "output.h"

#ifndef KPSEC_VERSION
#define KPSEC_VERSION "0.1.0"
#endif

#define FIG_COLS 16
#define MAX_K 4
#define MAX_N 5
#define NFRAC 13		/* adversary fractions 0, 0.05, ..., 0.6 as analyze's */
#define RUNS_MAX 999
/* Fig. 10 and Table 3: PAKP and 2-UKP with the paper's k = 10. */
#define K10 10
#define UKP "ukp --unital-m 4 --blocks 2"
#define UKP_NODES 104		/* its 4^2 (4^2 - 4 + 1) blocks, 2 a node */
#define MAX_DE 64		/* D-E steps of a key-path: under 10 in these graphs */
#define SEED_MAX 1000000000000000ull	/* 1000 S + r stays within 64 bits */

enum { F1, F2A, F2B, F3A, F3B, F10A, F10B, T3, NFIG };

/*
 * Per figure: id, CSV columns ('*': one per ring size k), title, y label
 * (NULL: a table, no plot), what it shows with what we chose where the
 * paper is silent, and what to compare it with in the paper.
 */
static const struct fig {
	const char *id, *cols, *title, *ylabel, *about, *compare;
} figs[NFIG] = {
	{ "fig1", "rho de1 de2 de3 de4 de5 de6 de7 de8",
	  "Fig. 1: Lemma 1 resiliency against the number of disjoint paths", "R (Lemma 1)",
	  "R = 1 - (1 - (1-p)^#DE)^rho at p = 0.1, a column per #DE (the paper's are not given).",
	  "Fig. 1 and the introduction's 99.9 % at #DE = 3, rho = 5." },
	{ "fig2a", "n mean_paths* sd_paths*",
	  "Fig. 2a: mean number of vertex-disjoint key-paths (PAKP)", "key-paths per pair",
	  "Mean and sd of the key-paths per pair against n, per ring size k (the paper gives "
	  "neither n nor k).", "Fig. 2a: close to k, hardly changing with n." },
	{ "fig2b", "length cdf*",
	  "Fig. 2b: cumulative distribution of key-path length (PAKP)", "P(length <= x)",
	  "Share of the key-paths of at most x arcs (D-E steps + 1), per k (paper: n = 1000).",
	  "Fig. 2b: larger k, shorter paths and less spread." },
	{ "fig3a", "fraction mean_secure* success_theta_rho* success_theta_half_rho*",
	  "Fig. 3a: mean secure key-paths under random adversaries (PAKP)",
	  "secure key-paths per pair",
	  "Mean key-paths with no adversary among their D-E nodes, per k, at Fig. 2b's n; "
	  "not plotted: attack success at theta = rho, ceil(rho/2).",
	  "Fig. 3a and the text: theta = rho needs over half of the nodes, rho/2 over 20 %." },
	{ "fig3b", "fraction sd_secure*",
	  "Fig. 3b: sd of secure key-paths under random adversaries (PAKP)",
	  "sd of secure key-paths", "The sd of Fig. 3a's secure key-paths.", "Fig. 3b." },
	{ "fig10a", "n kpsec aug_ukp aug_sst paper_kpsec paper_aug_ukp paper_aug_sst",
	  "Fig. 10a: mean D-E steps per key-path", "D-E steps per key-path",
	  "Mean D-E steps per key-path (at most 5) of PAKP, k = 10, and augmented 2-UKP, m = 4 "
	  "(beyond 104 nodes with shared blocks); no SST.",
	  "Fig. 10a and Table 3 (paper_*, n = 100)." },
	{ "fig10b", "rho kpsec aug_ukp aug_sst paper_kpsec paper_aug_ukp paper_aug_sst",
	  "Fig. 10b: resiliency against cooperative attacks, n = 100, p = 0.1", "R (Lemma 1)",
	  "Lemma 1 with Fig. 10a's mean #DE at n = 100 (paper_*: Table 3's).",
	  "Fig. 10b: near 1 from 3 paths for KPsec, 5 for aug. UKP, 8 for aug. SST." },
	{ "table3", "scheme mean_de r_rho3 snc_greedy snc_best snc_proven paper_de paper_r_rho3 "
	  "paper_snc", "Table 3: a brief security comparison, n = 100, three disjoint paths", NULL,
	  "Mean D-E steps (at most 3 paths), Lemma 1 at rho = 3, nodes holding every shared "
	  "key (greedy, exact; proven: share of finished searches).",
	  "Table 3, row by row." },
};

struct setup {
	u32 runs3, runs4;	/* runs per point: Fig. 2 and 3; Fig. 10 and Table 3 */
	u32 pairs3, pairs4;	/* sampled pairs per run */
	u32 trials;		/* adversary draws per pair */
	u32 n2a[MAX_N], nn2a, k[MAX_K], nk, n3;	/* n3: Fig. 2b and 3 */
	u32 n10[MAX_N], nn10;
	u64 budget;
};

static const struct setup full_setup = {
	.runs3 = 5, .runs4 = 20, .pairs3 = 50, .pairs4 = 20, .trials = 20,
	.n2a = { 100, 250, 500, 750, 1000 }, .nn2a = 5, .k = { 5, 10, 15, 20 }, .nk = 4,
	.n3 = 1000, .n10 = { 100, 125, 150, 175, 200 }, .nn10 = 5, .budget = 10000000,
};

static const struct setup quick_setup = {
	.runs3 = 2, .runs4 = 2, .pairs3 = 20, .pairs4 = 20, .trials = 5,
	.n2a = { 50, 100 }, .nn2a = 2, .k = { 3, 5 }, .nk = 2, .n3 = 100,
	.n10 = { 100, 150 }, .nn10 = 2, .budget = 100000,
};

/* The analyses of a plan, in the order they run; DE5 and DE3: at most 5 and 3 paths. */
enum { A_KP = 1, A_ADV = 2, A_DE5 = 4, A_DE3 = 8, A_SNC = 16 };

struct job {
	enum plan_scheme scheme;
	u32 n, k, run;		/* k: the PAKP ring, 0 for 2-UKP */
	unsigned int todo;
	struct plan_keypaths_sums kp, de5, de3;
	u64 hist[MAX_DE];	/* A_KP: key-paths by D-E steps */
	u32 nhist;		/* the longest seen + 1 */
	struct plan_adversary_sums adv[NFRAC];
	struct plan_snc snc;
};

struct ctx {
	struct setup st;
	u64 seed;
	bool quick, plot, runs_given, want[NFIG];
	struct job *jobs;
	size_t njobs;
};

static const char *const schemes[] = { "kpsec", "aug_ukp", "aug_sst" };

static u64 run_seed(const struct ctx *c, u32 run)
{
	return 1000 * c->seed + run;
}

static void usage(FILE *f)
{
	fputs("Usage: kpsec-plan figures [OPTIONS] DIR\n"
	      "Write the KPsec paper's figures into DIR (new): a CSV and a PNG per figure,\n"
	      "figures.json (settings and the paper's values) and README.txt.\n"
	      "Figures: fig1 fig2a fig2b fig3a fig3b fig10a fig10b table3\n"
	      "Options:\n"
	      "  --seed N        0 to 10^15 (default 1); run r of a point uses the plan\n"
	      "                  seed 1000 N + r\n"
	      "  --runs N        plans per point, 1 to 999 (default 5 for Fig. 2 and 3,\n"
	      "                  20 for Fig. 10 and Table 3: the paper's repetitions)\n"
	      "  --quick         small settings that take seconds (the tests use them)\n"
	      "  --no-plot       no PNG, so no gnuplot needed\n"
	      "  --only ID[,ID...]  only these figures\n"
	      "  -h, --help      this text\n", f);
}

static int parse_num(const char *opt, const char *v, u64 hi, u64 *out, char *err)
{
	u64 lo = !strcmp(opt, "--runs");
	char *end;

	errno = 0;
	*out = strtoull(v, &end, 10);
	if (*v < '0' || *v > '9' || *end || errno || *out < lo || *out > hi)
		return plan_err(err, "%s: '%s' is not a number from %llu to %llu", opt, v,
				(unsigned long long)lo, (unsigned long long)hi);
	return 0;
}

static int parse_only(struct ctx *c, const char *v, char *err)
{
	unsigned int f;

	memset(c->want, 0, sizeof(c->want));
	do {
		size_t len = strcspn(v, ",");

		for (f = 0; f < NFIG && (strlen(figs[f].id) != len || strncmp(figs[f].id, v, len));
		     f++)
			;
		if (f == NFIG)
			return plan_err(err, "--only: unknown figure '%.*s' (fig1, fig2a, fig2b, "
					"fig3a, fig3b, fig10a, fig10b, table3)", (int)len, v);
		c->want[f] = true;
		v += len;
	} while (*v++ == ',');
	return 0;
}

static int parse_opts(struct ctx *c, int argc, char **argv, const char **dir, char *err)
{
	static const char *const names[] = { "--seed", "--runs", "--only", "--quick",
					     "--no-plot" };
	unsigned int once = 0, k;
	u64 runs = 0;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1]) {
			if (*dir)
				return plan_err(err, "unexpected argument '%s'", a);
			*dir = a;
			continue;
		}
		for (k = 0; k < 5 && strcmp(names[k], a); k++)
			;
		if (k == 5)
			return plan_err(err, "unknown option '%s'", a);
		if (once & 1u << k)
			return plan_err(err, "%s given twice", a);
		once |= 1u << k;
		c->quick |= k == 3;
		c->plot &= k != 4;
		if (k < 3 && i + 1 == argc)
			return plan_err(err, "%s: missing value", a);
		if ((k == 0 && parse_num(a, argv[++i], SEED_MAX, &c->seed, err)) ||
		    (k == 1 && parse_num(a, argv[++i], RUNS_MAX, &runs, err)) ||
		    (k == 2 && parse_only(c, argv[++i], err)))
			return -1;
	}
	if (!*dir || !**dir)
		return plan_err(err, "DIR missing (kpsec-plan figures [OPTIONS] DIR)");
	c->st = c->quick ? quick_setup : full_setup;
	c->runs_given = runs;
	if (runs)
		c->st.runs3 = c->st.runs4 = (u32)runs;
	return 0;
}

/* The plan of a job, from the words "analyze" would be given. */
static int job_plan(const struct ctx *c, const struct job *j, struct plan_topo *t,
		    struct plan *p, char *err)
{
	char line[200], scheme[80], *av[16], *save;
	struct plan_spec spec;
	int ac = 0;

	if (j->scheme == PLAN_PAKP)
		snprintf(scheme, sizeof(scheme), "pakp --ring %u", j->k);
	else	/* more nodes than the unital has blocks for must share them */
		snprintf(scheme, sizeof(scheme), UKP "%s",
			 j->n > UKP_NODES ? " --allow-block-reuse" : "");
	snprintf(line, sizeof(line), "figures --scheme %s --topology rgg %u --seed %llu", scheme,
		 j->n, (unsigned long long)run_seed(c, j->run));
	for (av[0] = strtok_r(line, " ", &save); av[ac] && ac < 15;)
		av[++ac] = strtok_r(NULL, " ", &save);
	if (plan_spec_parse(&spec, &ac, av, err))
		return -1;
	return plan_spec_build(&spec, t, p, err);
}

/* The analysis @a as "analyze" runs it, on the subcommand's stream. */
static int job_paths(const struct ctx *c, struct job *j, const struct plan_topo *t,
		     const struct plan_keygraph *kg, unsigned int a, char *err)
{
	const struct setup *st = &c->st;
	struct plan_keypaths kp;
	struct plan_rng r;
	int ret = 0;
	u32 f, d;

	plan_rng_init(&r, run_seed(c, j->run), a == A_KP ? "keypaths" : a == A_ADV ?
		      "adversary" : "de-steps");
	for (f = 0; f < (a == A_ADV ? NFRAC : 1); f++) {
		if (plan_keypaths(t, kg, a & (A_KP | A_ADV) ? st->pairs3 : st->pairs4,
				  a == A_DE5 ? 5 : a == A_DE3 ? 3 : 0, 0.05 * f,
				  a == A_ADV ? st->trials : 0, &r, &kp, err))
			return -1;
		if (a == A_ADV)
			plan_adversary_sum(&kp, &j->adv[f]);
		else
			plan_keypaths_sum(&kp, a == A_KP ? &j->kp : a == A_DE5 ? &j->de5 : &j->de3);
		for (d = 0; a == A_KP && d < kp.path_first[kp.pairs]; d++) {
			if (kp.de[d] >= MAX_DE)
				ret = plan_err(err, "a key-path of %u D-E steps", kp.de[d]);
			else
				j->hist[kp.de[d]]++;
			j->nhist = kp.de[d] < j->nhist ? j->nhist : kp.de[d] + 1;
		}
		plan_keypaths_free(&kp);
	}
	return ret;
}

static int job_run(const struct ctx *c, struct job *j, char *err)
{
	struct plan_keygraph kg;
	struct plan_topo t;
	struct plan p;
	unsigned int a;
	int ret = -1;

	if (job_plan(c, j, &t, &p, err))
		return -1;
	if ((j->todo & A_SNC) && plan_snc(&p, c->st.budget, &j->snc, err))
		goto out;
	if (plan_keygraph_build(&kg, &t, &p, err))
		goto out;
	for (a = A_KP, ret = 0; a <= A_DE3 && !ret; a <<= 1)
		if (j->todo & a)
			ret = job_paths(c, j, &t, &kg, a, err);
	plan_keygraph_free(&kg);
out:
	plan_free(&p);
	plan_topo_free(&t);
	return ret;
}

static struct job *find(const struct ctx *c, enum plan_scheme s, u32 n, u32 k, u32 run)
{
	struct job *j;

	for (j = c->jobs; j < c->jobs + c->njobs; j++)
		if (j->scheme == s && j->n == n && j->k == k && j->run == run)
			return j;
	return NULL;
}

/* Runs 1..runs of a plan, each with the analyses @todo; c->jobs has room. */
static void need(struct ctx *c, enum plan_scheme s, u32 n, u32 k, u32 runs, unsigned int todo)
{
	u32 r;

	for (r = 1; r <= runs; r++) {
		struct job *j = find(c, s, n, k, r);

		if (!j) {
			j = &c->jobs[c->njobs++];
			*j = (struct job){ .scheme = s, .n = n, .k = k, .run = r };
		}
		j->todo |= todo;
	}
}

static int plan_jobs(struct ctx *c)
{
	const struct setup *st = &c->st;
	u32 i, k;

	c->jobs = calloc((size_t)st->runs3 * st->nk * (st->nn2a + 1) +
			 (size_t)st->runs4 * 2 * (st->nn10 + 1), sizeof(*c->jobs));
	if (!c->jobs)
		return -1;
	for (k = 0; k < st->nk; k++) {
		for (i = 0; c->want[F2A] && i < st->nn2a; i++)
			need(c, PLAN_PAKP, st->n2a[i], st->k[k], st->runs3, A_KP);
		if (c->want[F2B])
			need(c, PLAN_PAKP, st->n3, st->k[k], st->runs3, A_KP);
		if (c->want[F3A] || c->want[F3B])
			need(c, PLAN_PAKP, st->n3, st->k[k], st->runs3, A_ADV);
	}
	/* Fig. 10a at every n; Fig. 10b and Table 3 at n = 100. */
	for (i = 0; i <= st->nn10 + 1; i++) {
		u32 n = i < st->nn10 ? st->n10[i] : 100;
		unsigned int a = i < st->nn10 ? c->want[F10A] * A_DE5 : i == st->nn10 ?
				 c->want[F10B] * A_DE5 : c->want[T3] * (A_DE3 | A_SNC);

		need(c, PLAN_PAKP, n, K10, a ? st->runs4 : 0, a);
		need(c, PLAN_UKP, n, 0, a ? st->runs4 : 0, a);
	}
	return 0;
}

/* Mean D-E steps per key-path of a point of Fig. 10 or Table 3 (@a: A_DE5, A_DE3). */
static double mean_de(const struct ctx *c, enum plan_scheme s, u32 n, unsigned int a)
{
	double de[2] = { 0 }, paths = 0, sd;
	u32 r;

	for (r = 1; r <= c->st.runs4; r++) {
		const struct job *j = find(c, s, n, s == PLAN_PAKP ? K10 : 0, r);
		const struct plan_keypaths_sums *x = a == A_DE5 ? &j->de5 : &j->de3;

		paths += x->paths[0];
		de[0] += x->de[0];
		de[1] += x->de[1];
	}
	return plan_mean_sd(de, paths, &sd);
}

/* A table of doubles in rows of FIG_COLS; Table 3 has text in its first column. */
struct ftab {
	char cols[FIG_COLS][32];
	unsigned int ncols, nrows;
	double *cells;
	u32 plotmask;		/* columns to plot against column 0, if they have values */
};

/* Row @i of figure @f into @x (NaN: no value); @nk values of k. */
static void fill(const struct ctx *c, unsigned int f, u32 i, double *x)
{
	const struct setup *st = &c->st;
	const struct plan_kpsec_row *p3 = plan_kpsec_table3;
	u32 k, r, d, nk = st->nk;
	double sd;

	for (k = 0; k < nk && f >= F2A && f <= F3B; k++) {
		struct plan_keypaths_sums s = { 0 };
		struct plan_adversary_sums a = { 0 };
		u64 below = 0, all = 0;

		for (r = 1; r <= st->runs3; r++) {
			const struct job *j = find(c, PLAN_PAKP, f == F2A ? st->n2a[i] : st->n3,
						   st->k[k], r);
			const struct plan_adversary_sums *y = &j->adv[i < NFRAC ? i : 0];

			s.pairs += j->kp.pairs;
			s.paths[0] += j->kp.paths[0];
			s.paths[1] += j->kp.paths[1];
			/* hist[d] counts the paths of d D-E steps: length d + 1. */
			for (d = 0; d < j->nhist; d++) {
				all += j->hist[d];
				below += d <= i ? j->hist[d] : 0;
			}
			a.draws += y->draws;
			a.secure[0] += y->secure[0];
			a.secure[1] += y->secure[1];
			a.full += y->full;
			a.half += y->half;
		}
		if (f == F2A) {
			x[0] = st->n2a[i];
			x[1 + k] = plan_mean_sd(s.paths, s.pairs, &x[1 + nk + k]);
		} else if (f == F2B) {
			x[0] = i + 1;
			x[1 + k] = all ? (double)below / all : NAN;
		} else {
			x[0] = 0.05 * i;
			x[1 + k] = plan_mean_sd(a.secure, a.draws, &sd);
			if (f == F3B)
				x[1 + k] = sd;
			else if (a.draws) {
				x[1 + nk + k] = a.full / a.draws;
				x[1 + 2 * nk + k] = a.half / a.draws;
			}
		}
	}
	if (f == F1) {
		x[0] = i + 1;
		for (k = 1; k <= 8; k++)
			x[k] = plan_lemma1(0.1, k, i + 1);
	} else if (f == F10A) {
		x[0] = st->n10[i];
		x[1] = mean_de(c, PLAN_PAKP, st->n10[i], A_DE5);
		x[2] = mean_de(c, PLAN_UKP, st->n10[i], A_DE5);
		/* Table 3 is at n = 100 only. */
		for (k = 0; k < 3 && st->n10[i] == 100; k++)
			x[4 + k] = p3[k].de;
	} else if (f == F10B) {
		x[0] = i + 1;
		x[1] = plan_lemma1(0.1, mean_de(c, PLAN_PAKP, 100, A_DE5), i + 1);
		x[2] = plan_lemma1(0.1, mean_de(c, PLAN_UKP, 100, A_DE5), i + 1);
		for (k = 0; k < 3; k++)
			x[4 + k] = plan_lemma1(0.1, p3[k].de, i + 1);
	} else if (f == T3) {
		for (r = 1; i < 2 && r <= st->runs4; r++) {
			const struct job *j = find(c, i ? PLAN_UKP : PLAN_PAKP, 100,
						   i ? 0 : K10, r);

			if (r == 1) {
				x[1] = mean_de(c, j->scheme, 100, A_DE3);
				x[2] = plan_lemma1(0.1, x[1], 3);
				x[3] = x[4] = x[5] = 0;
			}
			x[3] += (double)j->snc.greedy / st->runs4;
			x[4] += (double)j->snc.best / st->runs4;
			x[5] += (double)j->snc.proven / st->runs4;
		}
		x[6] = p3[i].de;
		x[7] = p3[i].resiliency;
		x[8] = p3[i].snc;
	}
}

/* The table of figure @f: its columns, then its rows. */
static int build(const struct ctx *c, unsigned int f, struct ftab *t)
{
	const struct setup *st = &c->st;
	u32 i, k, r, rows = f == F2A ? st->nn2a : f == F3A || f == F3B ? NFRAC :
			   f == F10A ? st->nn10 : f == T3 ? 3 : 10;
	char names[128], *w, *save;

	memset(t, 0, sizeof(*t));
	snprintf(names, sizeof(names), "%s", figs[f].cols);
	for (w = strtok_r(names, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		size_t len = strlen(w);

		for (k = 0; k < (w[len - 1] == '*' ? st->nk : 1); k++)
			snprintf(t->cols[t->ncols++], sizeof(t->cols[0]), "%.*s_k%u",
				 (int)len - 1, w, st->k[k]);
		if (w[len - 1] != '*')
			strcpy(t->cols[t->ncols - 1], w);
	}
	/* Fig. 2b: as many rows as the longest key-path has arcs. */
	for (k = 0, rows = f == F2B ? 0 : rows; f == F2B && k < st->nk; k++)
		for (r = 1; r <= st->runs3; r++) {
			const struct job *j = find(c, PLAN_PAKP, st->n3, st->k[k], r);

			rows = j->nhist > rows ? j->nhist : rows;
		}
	t->cells = malloc(((size_t)rows + 1) * FIG_COLS * sizeof(double));
	if (!t->cells)
		return -1;
	for (i = 0; i < (rows + 1) * FIG_COLS; i++)
		t->cells[i] = NAN;
	for (t->nrows = rows, i = 0; i < rows; i++)
		fill(c, f, i, t->cells + (size_t)i * FIG_COLS);
	t->plotmask = f == F1 ? 0x1fe : f >= F10A ? 0x76 : ((1u << st->nk) - 1) << 1;
	return 0;
}

static json_object *jnum(double v)
{
	char b[32];

	if (v == floor(v) && fabs(v) < 1e15)
		return json_object_new_int64((int64_t)v);
	snprintf(b, sizeof(b), "%.6g", v);
	return json_object_new_double_s(v, b);
}

/* Add @v under @key, or nothing when @v is NULL. */
static void jadd(json_object *o, const char *key, json_object *v)
{
	if (v)
		json_object_object_add(o, key, v);
}

static void jstr(json_object *o, const char *key, const char *s)
{
	jadd(o, key, json_object_new_string(s));
}

static json_object *jlist(const u32 *v, u32 n)
{
	json_object *a = json_object_new_array();
	u32 i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, jnum(v[i]));
	return a;
}

/* Our settings of figure @f. */
static json_object *settings_json(const struct ctx *c, unsigned int f)
{
	const struct setup *st = &c->st;
	json_object *o = json_object_new_object();
	bool s3 = f >= F2A && f <= F3B;

	jadd(o, "p", f == F1 || f == F10B || f == T3 ? jnum(0.1) : NULL);
	jadd(o, "rho", f == F1 || f == F10B ? json_object_new_string("1..10") :
	     f == T3 ? jnum(3) : NULL);
	jadd(o, "de", f == F1 ? json_object_new_string("1..8") : NULL);
	if (f == F1)
		return o;
	if (s3) {
		jstr(o, "scheme", "pakp");
		jadd(o, "n", f == F2A ? jlist(st->n2a, st->nn2a) : jnum(st->n3));
		jadd(o, "k", jlist(st->k, st->nk));
	} else {
		jstr(o, "kpsec", "pakp --ring 10");
		jstr(o, "aug_ukp", UKP);
		jadd(o, "n", f == F10A ? jlist(st->n10, st->nn10) : jnum(100));
	}
	jadd(o, "max_paths", s3 ? NULL : jnum(f == T3 ? 3 : 5));
	jadd(o, "fractions", f == F3A || f == F3B ? json_object_new_string("0..0.6 by 0.05") :
	     NULL);
	jadd(o, "trials_per_pair", f == F3A || f == F3B ? jnum(st->trials) : NULL);
	jadd(o, "snc_budget", f == T3 ? jnum((double)st->budget) : NULL);
	jadd(o, "runs", jnum(s3 ? st->runs3 : st->runs4));
	jadd(o, "pairs_per_run", jnum(s3 ? st->pairs3 : st->pairs4));
	return o;
}

/* The numbers the paper gives in its text and Table 3 for figure @f. */
static json_object *paper_values(unsigned int f)
{
#define ADV "{\"fraction_needed_theta_rho\": 0.5, \"fraction_needed_theta_half_rho\": 0.2}"
	static const char *const text[NFIG] = {
		"{\"p\": 0.1, \"introduction\": {\"de\": 3, \"rho\": 5, \"r\": 0.999}}",
		"{\"text\": \"the number of paths is very close to k; n has a negligible impact\"}",
		"{\"n\": 1000}", ADV, ADV, "{\"n\": 100}", "{\"n\": 100, \"p\": 0.1}",
		"{\"n\": 100, \"rho\": 3, \"p\": 0.1}",
	};
	json_object *o = json_tokener_parse(text[f]);
	unsigned int i;

	for (i = 0; f >= F10A && i < PLAN_KPSEC_SCHEMES; i++) {
		const struct plan_kpsec_row *r = &plan_kpsec_table3[i];
		json_object *x = json_object_new_object();

		jadd(x, "mean_de", jnum(r->de));
		if (f == F10B)	/* the paths that bring it near 1 */
			jadd(x, "paths_near_perfect", jnum(i ? 3 * i + 2 : 3));
		if (f == T3) {
			jadd(x, "resiliency", jnum(r->resiliency));
			jadd(x, "snc", jnum(r->snc));
		}
		jadd(o, r->name, x);
	}
	return o;
}

static json_object *figure_json(const struct ctx *c, unsigned int f, const struct ftab *t)
{
	json_object *o = json_object_new_object(), *a = json_object_new_array();
	char b[32];
	unsigned int i;

	jstr(o, "id", figs[f].id);
	jstr(o, "title", figs[f].title);
	snprintf(b, sizeof(b), "%s.csv", figs[f].id);
	jstr(o, "csv", b);
	snprintf(b, sizeof(b), "%s.png", figs[f].id);
	json_object_object_add(o, "png", c->plot && figs[f].ylabel ?
			       json_object_new_string(b) : NULL);
	for (i = 0; i < t->ncols; i++)
		json_object_array_add(a, json_object_new_string(t->cols[i]));
	jadd(o, "columns", a);
	jadd(o, "rows", jnum(t->nrows));
	jadd(o, "settings", settings_json(c, f));
	jadd(o, "paper_values", paper_values(f));
	jstr(o, "about", figs[f].about);
	jstr(o, "compare", figs[f].compare);
	return o;
}

static void write_csv(FILE *f, const struct ftab *t, bool labels)
{
	unsigned int r, c;

	for (c = 0; c < t->ncols; c++)
		fprintf(f, "%s%s", c ? "," : "", t->cols[c]);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			fputs(c ? "," : "\n", f);
			if (!c && labels)
				fputs(schemes[r], f);
			else
				plan_print_num(f, t->cells[(size_t)r * FIG_COLS + c], false);
		}
	}
	fputc('\n', f);
}

static void write_readme(FILE *f, const struct ctx *c)
{
	unsigned int i;

	fprintf(f, "The KPsec paper's figures: kpsec-plan figures --seed %llu%s",
		(unsigned long long)c->seed, c->quick ? " --quick" : "");
	if (c->runs_given)
		fprintf(f, " --runs %u", c->st.runs3);
	fputs(" (" KPSEC_VERSION ").  Each CSV starts with a header; an empty cell has no "
	      "value.  figures.json has the settings and the paper's values, "
	      "Documentation/planner/figures.rst the details.\n", f);
	for (i = 0; i < NFIG; i++)
		if (c->want[i])
			fprintf(f, "\n%s (%s.csv%s%s%s): %s. %s Compare with %s\n", figs[i].id,
				figs[i].id, c->plot && figs[i].ylabel ? ", " : "",
				c->plot && figs[i].ylabel ? figs[i].id : "",
				c->plot && figs[i].ylabel ? ".png" : "", figs[i].title,
				figs[i].about, figs[i].compare);
}

/* A new file of the hidden directory, 0600 whatever the umask. */
static FILE *create(int dfd, const char *name, char *err)
{
	int fd = openat(dfd, name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
	FILE *f = NULL;

	if (fd < 0 || fchmod(fd, 0600) || !(f = fdopen(fd, "w"))) {
		plan_err(err, "cannot create %s: %s", name, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	return f;
}

static int finish(FILE *f, const char *name, char *err)
{
	int bad = fflush(f) || ferror(f) || fsync(fileno(f));

	if (fclose(f) || bad)
		return plan_err(err, "cannot write %s: %s", name, strerror(errno));
	return 0;
}

/* Figure @f's CSV and PNG into @tmp, its entry of the index into @fj. */
static int write_fig(const struct ctx *c, unsigned int f, const char *tmp, int dfd,
		     json_object **fj, char *err)
{
	char name[4200];
	const char *cols[FIG_COLS];
	struct ftab t;
	FILE *out;
	unsigned int i, r;
	u32 mask = 0;
	int ret = -1;

	if (build(c, f, &t))
		return plan_err(err, "out of memory");
	snprintf(name, sizeof(name), "%s.csv", figs[f].id);
	if (!(out = create(dfd, name, err)))
		goto out;
	write_csv(out, &t, f == T3);
	if (finish(out, name, err))
		goto out;
	/* gnuplot warns about a column without a single value: leave those out. */
	for (i = 0; i < t.ncols; i++) {
		cols[i] = t.cols[i];
		for (r = 0; r < t.nrows && (t.plotmask >> i & 1); r++)
			if (isfinite(t.cells[(size_t)r * FIG_COLS + i]))
				mask |= 1u << i;
	}
	snprintf(name, sizeof(name), "%s/%s.png", tmp, figs[f].id);
	if (c->plot && figs[f].ylabel &&
	    (plan_plot(name, figs[f].title, figs[f].ylabel, cols, t.ncols, t.cells, FIG_COLS,
		       t.nrows, mask, err) || chmod(name, 0600)))
		goto out;
	*fj = figure_json(c, f, &t);
	ret = 0;
out:
	free(t.cells);
	return ret;
}

/* figures.json and README.txt. */
static int write_index(const struct ctx *c, int dfd, json_object **fj, char *err)
{
	json_object *top = json_object_new_object(), *a = json_object_new_array();
	unsigned int f;
	FILE *out;
	int ret = -1;

	jstr(top, "tool", "kpsec-plan figures " KPSEC_VERSION);
	jstr(top, "paper", "M. Gharib, A. Owfi, S. Ghorbani: KPsec: Secure End-to-End "
	     "Communications for Multi-Hop Wireless Networks");
	jadd(top, "seed", json_object_new_uint64(c->seed));
	jadd(top, "quick", json_object_new_boolean(c->quick));
	jstr(top, "plan_seed_of_run_r", "1000 * seed + r");
	jstr(top, "topology", "rgg: nodes uniform in 300 x 300 m, links within 100 m");
	for (f = 0; f < NFIG; f++)
		if (fj[f])
			json_object_array_add(a, json_object_get(fj[f]));
	jadd(top, "figures", a);
	if ((out = create(dfd, "figures.json", err))) {
		fprintf(out, "%s\n", json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY |
								     JSON_C_TO_STRING_SPACED));
		ret = finish(out, "figures.json", err);
	}
	json_object_put(top);
	if (ret || !(out = create(dfd, "README.txt", err)))
		return -1;
	write_readme(out, c);
	return finish(out, "README.txt", err);
}

/* Build DIR as a hidden sibling, then rename it into place. */
static int write_dir(const struct ctx *c, const char *dir, char *err)
{
	json_object *fj[NFIG] = { NULL };
	struct plan_stage st;
	int ret = -1;
	unsigned int f;

	err[0] = 0;
	if (plan_stage_begin(&st, dir, err))
		return -1;
	for (f = 0; f < NFIG; f++)
		if (c->want[f] && write_fig(c, f, st.tmp, st.dfd, &fj[f], err))
			goto out;
	if (write_index(c, st.dfd, fj, err) || plan_stage_commit(&st, err))
		goto out;
	ret = 0;
out:
	if (ret && !*err)
		plan_err(err, "%s: %s", st.tmp, strerror(errno));
	plan_stage_end(&st, ret);
	for (f = 0; f < NFIG; f++)
		json_object_put(fj[f]);
	return ret;
}

/* What can be refused before the work starts. */
static int check_dir(const struct ctx *c, const char *dir, char *err)
{
	char *parent = strdup(dir);
	struct stat st;
	int bad;

	if (!lstat(dir, &st)) {
		free(parent);
		return plan_err(err, "%s: already exists, refusing to overwrite it", dir);
	}
	bad = errno != ENOENT || !parent || access(dirname(parent), W_OK | X_OK);
	free(parent);
	if (bad)
		return plan_err(err, "%s: %s", dir, strerror(errno));
	/* plot.c passes the PNG names to gnuplot in single quotes. */
	if (c->plot && strpbrk(dir, "'\\\n\r"))
		return plan_err(err, "%s: gnuplot takes no name with a quote, backslash or "
				"newline (use --no-plot)", dir);
	if (c->plot && system("command -v gnuplot > /dev/null 2>&1"))
		return plan_err(err, "gnuplot not found (install gnuplot-nox, or use --no-plot)");
	return 0;
}

int plan_cmd_figures(int argc, char **argv)
{
	struct ctx c = { .plot = true, .seed = 1 };
	char err[PLAN_ERR_LEN] = "", e[PLAN_ERR_LEN];
	const char *dir = NULL;
	double t0 = plan_now();
	unsigned int f, n = 0;
	size_t i;
	int ret = 2;

	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		}
	}
	for (f = 0; f < NFIG; f++)
		c.want[f] = true;
	if (parse_opts(&c, argc, argv, &dir, err) || check_dir(&c, dir, err))
		goto out;
	ret = 1;
	if (plan_jobs(&c)) {
		plan_err(err, "out of memory");
		goto out;
	}
	for (i = 0; i < c.njobs; i++) {
		struct job *j = &c.jobs[i];

		if (job_run(&c, j, e)) {
			plan_err(err, "%s n=%u k=%u, seed %llu: %.180s",
				 plan_scheme_name(j->scheme), j->n, j->k,
				 (unsigned long long)run_seed(&c, j->run), e);
			goto out;
		}
	}
	if (write_dir(&c, dir, err))
		goto out;
	for (f = 0; f < NFIG; f++)
		n += c.want[f];
	printf("%s: %u figure%s, seed %llu%s, %.1f s\n", dir, n, n == 1 ? "" : "s",
	       (unsigned long long)c.seed, c.quick ? ", quick" : "", plan_now() - t0);
	ret = 0;
out:
	if (ret)
		fprintf(stderr, "kpsec-plan figures: %s\n", err);
	free(c.jobs);
	return ret;
}
