// SPDX-License-Identifier: GPL-2.0
/*
 * "kpsec-plan analyze": runs one analysis of analysis.c on a plan that
 * "gen -o DIR" wrote, or on one generated in memory from the same
 * options, and prints a table as CSV (parameters in "# key=value" lines)
 * or JSON.  Every option is checked before any work starts.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "analysis.h"
#include "closed.h"
#include "nodeconf.h"
#include "output.h"

#define MAX_COLS 16
#define MAX_META 24
#define MAX_LIST 64

struct table {
	const char *cols[MAX_COLS];
	unsigned int ncols, nrows, cap;
	double *cells;
	const char *mkey[MAX_META];
	double mval[MAX_META];
	const char *mstr[MAX_META];
	unsigned int nmeta;
};

struct opts {
	const char *dir, *sub, *out, *plot;
	bool json, seeded, generate;
	u32 pairs, trials, max_paths, rho_max, budget;
	bool has_pair;
	u32 pair[2];		/* --pair: node IDs */
	double compromised;
	double list[MAX_LIST];
	unsigned int nlist;
	struct plan_spec spec;
};

static void meta_num(struct table *tb, const char *key, double v)
{
	if (tb->nmeta < MAX_META) {
		tb->mkey[tb->nmeta] = key;
		tb->mstr[tb->nmeta] = NULL;
		tb->mval[tb->nmeta++] = v;
	}
}

static void meta_str(struct table *tb, const char *key, const char *s)
{
	if (tb->nmeta < MAX_META) {
		tb->mkey[tb->nmeta] = key;
		tb->mstr[tb->nmeta++] = s;
	}
}

static double *row(struct table *tb)
{
	double *c;
	unsigned int i;

	if (tb->nrows == tb->cap) {
		unsigned int cap = tb->cap ? 2 * tb->cap : 16;

		c = realloc(tb->cells, (size_t)cap * MAX_COLS * sizeof(double));
		if (!c)
			return NULL;
		tb->cells = c;
		tb->cap = cap;
	}
	c = tb->cells + (size_t)tb->nrows++ * MAX_COLS;
	for (i = 0; i < MAX_COLS; i++)
		c[i] = NAN;
	return c;
}

static void table_print(FILE *f, const struct table *tb, bool json)
{
	unsigned int r, c, i;

	if (!json) {
		for (i = 0; i < tb->nmeta; i++) {
			fprintf(f, "# %s=", tb->mkey[i]);
			if (tb->mstr[i])
				fputs(tb->mstr[i], f);
			else
				plan_print_num(f, tb->mval[i], false);
			fputc('\n', f);
		}
		for (c = 0; c < tb->ncols; c++)
			fprintf(f, "%s%s", c ? "," : "", tb->cols[c]);
		fputc('\n', f);
		for (r = 0; r < tb->nrows; r++) {
			for (c = 0; c < tb->ncols; c++) {
				if (c)
					fputc(',', f);
				plan_print_num(f, tb->cells[(size_t)r * MAX_COLS + c], false);
			}
			fputc('\n', f);
		}
		return;
	}
	fputs("{\"meta\": {", f);
	for (i = 0; i < tb->nmeta; i++) {
		fprintf(f, "%s\"%s\": ", i ? ", " : "", tb->mkey[i]);
		if (tb->mstr[i])
			fprintf(f, "\"%s\"", tb->mstr[i]);
		else
			plan_print_num(f, tb->mval[i], true);
	}
	fputs("},\n \"columns\": [", f);
	for (c = 0; c < tb->ncols; c++)
		fprintf(f, "%s\"%s\"", c ? ", " : "", tb->cols[c]);
	fputs("],\n \"rows\": [", f);
	for (r = 0; r < tb->nrows; r++) {
		fprintf(f, "%s\n  [", r ? "," : "");
		for (c = 0; c < tb->ncols; c++) {
			if (c)
				fputs(", ", f);
			plan_print_num(f, tb->cells[(size_t)r * MAX_COLS + c], true);
		}
		fputc(']', f);
	}
	fputs("]}\n", f);
}

static void usage(FILE *f)
{
	fputs("usage: kpsec-plan analyze {DIR | --scheme S --topology T ...} SUBCOMMAND [options]\n"
	      "  DIR          a plan written by \"kpsec-plan gen -o DIR\"; or the options of gen\n"
	      "               generate one in memory (no key material is made)\n"
	      "subcommands:\n"
	      "  sharing      pairs and radio links that can talk, against the closed form\n"
	      "  keypaths     vertex-disjoint key-paths: number, D-E steps, radio hops\n"
	      "  de-steps     mean D-E steps per key-path (Fig. 10a) and Lemma 1 at rho = 3\n"
	      "  resiliency   Lemma 1, R = 1 - (1 - (1-p)^#DE)^rho (Fig. 1, Fig. 10b);\n"
	      "               needs no plan\n"
	      "  adversary    secure key-paths under random adversaries (Fig. 3)\n"
	      "  capture      links read after random node capture, against the closed form\n"
	      "  snc          nodes needed for selective node capture (Table 3): greedy and\n"
	      "               exact set cover within --budget search steps\n"
	      "options:\n"
	      "  -f csv|json  output format (default csv)\n"
	      "  -o FILE      write there instead of stdout\n"
	      "  --plot FILE.png   also draw the table with gnuplot (keypaths, resiliency,\n"
	      "                    adversary, capture)\n"
	      "  --pairs N    node pairs sampled (default 1000; sharing: 0 = all pairs)\n"
	      "  --trials N   random draws per point (default 20)\n"
	      "  --pair A,B   keypaths: only the pair of node IDs A -> B, one row per path\n"
	      "  --max-paths N     key-paths per pair at most (default: keypaths all,\n"
	      "                    de-steps 5)\n"
	      "  --compromised P   node compromise probability of Lemma 1 (default 0.1)\n"
	      "  --rho N           resiliency: paths from 1 to N (default 10)\n"
	      "  --points LIST     adversary fractions (default 0,0.05,...,0.6) or captured\n"
	      "                    node counts (default 0,1,2,5,10,20,50), comma separated\n"
	      "  --budget N   snc: exact search steps at most (default 10000000)\n"
	      "  --seed S     the seed of the plan and of the analysis' own draws\n",
	      f);
}

static int parse_u32(const char *name, const char *v, u32 *out, char *err)
{
	char *end;
	unsigned long x;

	errno = 0;
	x = strtoul(v, &end, 10);
	if (!*v || *end || errno || x > 100000000 || *v == '-')
		return plan_err(err, "%s: '%s' is not a number from 0 to 100000000", name, v);
	*out = (u32)x;
	return 0;
}

static int parse_list(const char *v, struct opts *o, char *err)
{
	const char *p = v;
	char *end;

	o->nlist = 0;
	while (*p) {
		double x;

		errno = 0;
		x = strtod(p, &end);
		if (end == p || errno || !isfinite(x) || x < 0)
			return plan_err(err, "--points: '%s' is not a list of numbers >= 0", v);
		if (o->nlist == MAX_LIST)
			return plan_err(err, "--points: more than %d values", MAX_LIST);
		o->list[o->nlist++] = x;
		if (*end == ',' && end[1])
			end++;
		else if (*end)
			return plan_err(err, "--points: '%s' is not a list of numbers >= 0", v);
		p = end;
	}
	if (!o->nlist)
		return plan_err(err, "--points: empty list");
	return 0;
}

static const char *const subs[] = { "sharing", "keypaths", "de-steps", "resiliency",
				    "adversary", "capture", "snc" };

static bool is_sub(const char *a)
{
	unsigned int i;

	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(a, subs[i]))
			return true;
	return false;
}

/* The y axis of the subcommands --plot draws, NULL for the others. */
static const char *ylabel(const char *sub)
{
	if (!strcmp(sub, "keypaths"))
		return "pairs or paths";
	if (!strcmp(sub, "resiliency"))
		return "R (Lemma 1)";
	if (!strcmp(sub, "adversary"))
		return "secure key-paths, attack success";
	if (!strcmp(sub, "capture"))
		return "share of secure links read";
	return NULL;
}

/* What the options mean together, once all are read. */
static int check_opts(const struct opts *o, char *err)
{
	const char *sub = o->sub;
	unsigned int k;

	if (o->dir && o->generate)
		return plan_err(err, "give either DIR or --scheme, not both");
	if (!o->dir && !o->generate && strcmp(sub, "resiliency"))
		return plan_err(err, "%s needs a plan: DIR or --scheme with --topology", sub);
	for (k = 0; k < o->nlist; k++) {
		double x = o->list[k];

		if (!strcmp(sub, "adversary") && x >= 1)
			return plan_err(err, "--points: adversary fraction %g must be below 1", x);
		if (!strcmp(sub, "capture") && (x != floor(x) || x > 100000000))
			return plan_err(err, "--points: %g captured nodes is not a count", x);
	}
	return 0;
}

/* The words plan_spec_parse left: DIR, SUBCOMMAND and our own options. */
static int parse_rest(struct opts *o, int argc, char **argv, char *err)
{
	bool have_points = false;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (a[0] != '-') {
			if (is_sub(a) && !o->sub)
				o->sub = a;
			else if (!o->dir && !o->sub)
				o->dir = a;
			else
				return plan_err(err, "unexpected argument '%s'", a);
			continue;
		}
		if (!v)
			return plan_err(err, "%s: missing value", a);
		i++;
		if (!strcmp(a, "-f")) {
			if (strcmp(v, "csv") && strcmp(v, "json"))
				return plan_err(err, "-f: '%s' is neither csv nor json", v);
			o->json = !strcmp(v, "json");
		} else if (!strcmp(a, "-o")) {
			o->out = v;
		} else if (!strcmp(a, "--plot")) {
			o->plot = v;
		} else if (!strcmp(a, "--pairs")) {
			if (parse_u32(a, v, &o->pairs, err))
				return -1;
		} else if (!strcmp(a, "--pair")) {
			char *end, *end2;
			unsigned long x = strtoul(v, &end, 10), y = 0;

			if (*end == ',')
				y = strtoul(end + 1, &end2, 10);
			if (!isdigit((unsigned char)*v) || *end != ',' ||
			    !isdigit((unsigned char)end[1]) || *end2 || x > KPSEC_NODECONF_NODE_ID_MAX ||
			    y > KPSEC_NODECONF_NODE_ID_MAX || x == y)
				return plan_err(err, "--pair: '%s' is not two different node IDs "
						"as A,B", v);
			o->has_pair = true;
			o->pair[0] = (u32)x;
			o->pair[1] = (u32)y;
		} else if (!strcmp(a, "--trials")) {
			if (parse_u32(a, v, &o->trials, err))
				return -1;
			if (!o->trials)
				return plan_err(err, "--trials: must be at least 1");
		} else if (!strcmp(a, "--max-paths")) {
			if (parse_u32(a, v, &o->max_paths, err))
				return -1;
		} else if (!strcmp(a, "--budget")) {
			if (parse_u32(a, v, &o->budget, err))
				return -1;
		} else if (!strcmp(a, "--rho")) {
			if (parse_u32(a, v, &o->rho_max, err))
				return -1;
			if (!o->rho_max || o->rho_max > 1000)
				return plan_err(err, "--rho: %u must be from 1 to 1000",
						o->rho_max);
		} else if (!strcmp(a, "--compromised")) {
			char *end;

			o->compromised = strtod(v, &end);
			if (!*v || *end || !(o->compromised >= 0 && o->compromised <= 1))
				return plan_err(err, "--compromised: '%s' must be in [0, 1]", v);
		} else if (!strcmp(a, "--points")) {
			if (parse_list(v, o, err))
				return -1;
			have_points = true;
		} else {
			return plan_err(err, "unknown option '%s'", a);
		}
	}
	if (!o->sub)
		return plan_err(err, "no subcommand (sharing, keypaths, de-steps, resiliency, "
				"adversary, capture or snc)");
	if (o->has_pair && (strcmp(o->sub, "keypaths") || o->plot))
		return plan_err(err, "--pair applies only to keypaths, without --plot");
	if (have_points && strcmp(o->sub, "adversary") && strcmp(o->sub, "capture"))
		return plan_err(err, "--points applies only to adversary and capture");
	if (o->plot && !ylabel(o->sub))
		return plan_err(err, "--plot applies to keypaths, resiliency, adversary and capture");
	return check_opts(o, err);
}

static int run_sharing(struct opts *o, const struct plan_topo *t, const struct plan *p,
		       struct plan_rng *r, struct table *tb, char *err)
{
	struct plan_sharing sh;
	double *c, emp;
	static const char *const cols[] = { "scope", "count", "linked", "measured", "closed",
					    "four_sd" };

	if (plan_sharing(t, p, o->pairs, r, &sh, err))
		return -1;
	memcpy(tb->cols, cols, sizeof(cols));
	tb->ncols = 6;
	meta_str(tb, "scope_0", "node pairs");
	meta_str(tb, "scope_1", "radio links");
	meta_num(tb, "ring", plan_ring_size(p));
	meta_num(tb, "pool", p->pool);
	meta_num(tb, "q", p->q);
	if (!(c = row(tb)))
		return plan_err(err, "out of memory");
	emp = sh.pairs ? (double)sh.pairs_linked / sh.pairs : NAN;
	c[0] = 0;
	c[1] = sh.pairs;
	c[2] = sh.pairs_linked;
	c[3] = emp;
	c[4] = sh.closed;
	c[5] = 4 * sqrt(sh.closed * (1 - sh.closed) / sh.pairs);
	if (!(c = row(tb)))
		return plan_err(err, "out of memory");
	c[0] = 1;
	c[1] = sh.edges;
	c[2] = sh.edges_linked;
	c[3] = sh.edges ? (double)sh.edges_linked / sh.edges : NAN;
	c[4] = sh.closed;
	c[5] = sh.edges ? 4 * sqrt(sh.closed * (1 - sh.closed) / sh.edges) : NAN;
	return 0;
}

/* keypaths --pair A,B: each key-path of that pair, as "kpsec show keypaths" lists them. */
static int run_keypaths_pair(struct opts *o, const struct plan_topo *t, const struct plan *p,
			     struct table *tb, char *err)
{
	static const char *const cols[] = { "path", "de_steps", "radio_hops" };
	struct plan_keygraph kg;
	struct plan_keypaths kp;
	u32 v[2], i;
	double *c;

	for (i = 0; i < 2; i++) {
		if (o->pair[i] < p->first_id || o->pair[i] - p->first_id >= p->n)
			return plan_err(err, "--pair: node %u is not in the plan (nodes %u..%u)",
					o->pair[i], p->first_id, p->first_id + p->n - 1);
		v[i] = o->pair[i] - p->first_id;
	}
	if (plan_keygraph_build(&kg, t, p, err))
		return -1;
	i = plan_keypaths_pair(t, &kg, v[0], v[1], o->max_paths, &kp, err);
	plan_keygraph_free(&kg);
	if (i)
		return -1;
	meta_num(tb, "source", o->pair[0]);
	meta_num(tb, "destination", o->pair[1]);
	meta_num(tb, "paths", kp.npaths[0]);
	memcpy(tb->cols, cols, sizeof(cols));
	tb->ncols = 3;
	for (i = 0; i < kp.npaths[0]; i++) {
		if (!(c = row(tb))) {
			plan_keypaths_free(&kp);
			return plan_err(err, "out of memory");
		}
		c[0] = i + 1;
		c[1] = kp.de[i];
		c[2] = kp.hops[i];
	}
	plan_keypaths_free(&kp);
	return 0;
}

/* keypaths and de-steps: distributions, or the means beside the paper's. */
static int run_keypaths(struct opts *o, const struct plan_topo *t, const struct plan *p,
			struct plan_rng *r, struct table *tb, bool de_steps, char *err)
{
	struct plan_keypaths_sums sum = { 0 };
	struct plan_keygraph kg;
	struct plan_keypaths kp;
	double sd_np, sd_de, sd_hp, m_de;
	u32 i, maxv = 0, max = o->max_paths;
	u64 total, *hist;
	double *c;

	if (de_steps && !max)
		max = 5;
	if (o->has_pair)
		return run_keypaths_pair(o, t, p, tb, err);
	if (plan_keygraph_build(&kg, t, p, err))
		return -1;
	if (plan_keypaths(t, &kg, o->pairs, max, 0, 0, r, &kp, err)) {
		plan_keygraph_free(&kg);
		return -1;
	}
	plan_keygraph_free(&kg);
	total = kp.path_first[kp.pairs];
	plan_keypaths_sum(&kp, &sum);
	for (i = 0; i < kp.pairs; i++)
		maxv = kp.npaths[i] > maxv ? kp.npaths[i] : maxv;
	for (i = 0; i < total; i++) {
		maxv = kp.de[i] > maxv ? kp.de[i] : maxv;
		maxv = kp.hops[i] > maxv ? kp.hops[i] : maxv;
	}
	meta_num(tb, "pairs", kp.pairs);
	meta_num(tb, "max_paths", kp.max);
	meta_num(tb, "paths", (double)total);
	meta_num(tb, "mean_paths", plan_mean_sd(sum.paths, kp.pairs, &sd_np));
	meta_num(tb, "sd_paths", sd_np);
	m_de = plan_mean_sd(sum.de, total, &sd_de);
	meta_num(tb, "mean_de", m_de);
	meta_num(tb, "sd_de", sd_de);
	meta_num(tb, "mean_hops", plan_mean_sd(sum.hops, total, &sd_hp));
	meta_num(tb, "sd_hops", sd_hp);
	if (de_steps) {
		static const char *const cols[] = { "scheme", "mean_de", "r_rho3" };

		memcpy(tb->cols, cols, sizeof(cols));
		tb->ncols = 3;
		meta_num(tb, "compromised", o->compromised);
		meta_str(tb, "scheme_0", "this plan");
		for (i = 0; i < 3; i++) {
			meta_str(tb, i == 0 ? "scheme_1" : i == 1 ? "scheme_2" : "scheme_3",
				 plan_kpsec_table3[i].name);
		}
		for (i = 0; i < 4; i++) {
			double d = i ? plan_kpsec_table3[i - 1].de : m_de;

			if (!(c = row(tb)))
				goto oom;
			c[0] = i;
			c[1] = d;
			c[2] = plan_lemma1(o->compromised, d, 3);
		}
		plan_keypaths_free(&kp);
		return 0;
	}
	{
		static const char *const cols[] = { "value", "pairs_with_paths", "paths_with_de",
						    "paths_with_hops" };

		memcpy(tb->cols, cols, sizeof(cols));
		tb->ncols = 4;
	}
	hist = calloc(3 * ((size_t)maxv + 1), sizeof(u64));
	if (!hist)
		goto oom;
	for (i = 0; i < kp.pairs; i++)
		hist[kp.npaths[i]]++;
	for (i = 0; i < total; i++) {
		hist[maxv + 1 + kp.de[i]]++;
		hist[2 * (maxv + 1) + kp.hops[i]]++;
	}
	for (i = 0; i <= maxv; i++) {
		if (!(c = row(tb))) {
			free(hist);
			goto oom;
		}
		c[0] = i;
		c[1] = (double)hist[i];
		c[2] = (double)hist[maxv + 1 + i];
		c[3] = (double)hist[2 * (maxv + 1) + i];
	}
	free(hist);
	plan_keypaths_free(&kp);
	return 0;
oom:
	plan_keypaths_free(&kp);
	return plan_err(err, "out of memory");
}

/* Lemma 1 over rho: #DE = 1..8 (Fig. 1), the paper's schemes and the plan (Fig. 10b). */
static int run_resiliency(struct opts *o, const struct plan_topo *t, const struct plan *p,
			  struct plan_rng *r, struct table *tb, char *err)
{
	static const char *const cols[] = { "rho", "de1", "de2", "de3", "de4", "de5", "de6",
					    "de7", "de8", "kpsec", "aug_ukp", "aug_sst", "plan" };
	double plan_de = NAN, *c;
	u32 rho, d;

	if (p) {
		struct table sub = { 0 };
		unsigned int i;

		if (run_keypaths(o, t, p, r, &sub, false, err)) {
			free(sub.cells);
			return -1;
		}
		for (i = 0; i < sub.nmeta; i++)
			if (!strcmp(sub.mkey[i], "mean_de"))
				plan_de = sub.mval[i];
		free(sub.cells);
	}
	memcpy(tb->cols, cols, sizeof(cols));
	tb->ncols = p ? 13 : 12;
	meta_num(tb, "compromised", o->compromised);
	if (p)
		meta_num(tb, "plan_mean_de", plan_de);
	for (rho = 1; rho <= o->rho_max; rho++) {
		if (!(c = row(tb)))
			return plan_err(err, "out of memory");
		c[0] = rho;
		for (d = 1; d <= 8; d++)
			c[d] = plan_lemma1(o->compromised, d, rho);
		for (d = 0; d < 3; d++)
			c[9 + d] = plan_lemma1(o->compromised, plan_kpsec_table3[d].de, rho);
		c[12] = plan_lemma1(o->compromised, plan_de, rho);
	}
	return 0;
}

static int run_adversary(struct opts *o, const struct plan_topo *t, const struct plan *p,
			 struct plan_rng *r, struct table *tb, char *err)
{
	static const char *const cols[] = { "fraction", "mean_secure", "sd_secure",
					    "success_theta_rho", "success_theta_half_rho" };
	struct plan_keygraph kg;
	unsigned int k;
	double *c;

	memcpy(tb->cols, cols, sizeof(cols));
	tb->ncols = 5;
	meta_num(tb, "pairs", o->pairs);
	meta_num(tb, "trials", o->trials);
	if (plan_keygraph_build(&kg, t, p, err))
		return -1;
	for (k = 0; k < o->nlist; k++) {
		struct plan_adversary_sums sum = { 0 };
		struct plan_keypaths kp;
		double sd;

		if (plan_keypaths(t, &kg, o->pairs, o->max_paths, o->list[k], o->trials, r, &kp,
				  err)) {
			plan_keygraph_free(&kg);
			return -1;
		}
		plan_adversary_sum(&kp, &sum);
		plan_keypaths_free(&kp);
		if (!(c = row(tb))) {
			plan_keygraph_free(&kg);
			return plan_err(err, "out of memory");
		}
		c[0] = o->list[k];
		c[1] = plan_mean_sd(sum.secure, sum.draws, &sd);
		c[2] = sd;
		c[3] = sum.draws ? sum.full / sum.draws : NAN;
		c[4] = sum.draws ? sum.half / sum.draws : NAN;
	}
	plan_keygraph_free(&kg);
	return 0;
}

static int run_capture(struct opts *o, const struct plan_topo *t, const struct plan *p,
		       struct plan_rng *r, struct table *tb, char *err)
{
	static const char *const cols[] = { "captured", "links", "read", "measured", "closed" };
	unsigned int k;
	double *c;

	memcpy(tb->cols, cols, sizeof(cols));
	tb->ncols = 5;
	meta_num(tb, "trials", o->trials);
	meta_num(tb, "ring", plan_ring_size(p));
	meta_num(tb, "pool", p->pool);
	meta_num(tb, "q", p->q);
	for (k = 0; k < o->nlist; k++) {
		struct plan_capture cap;

		if (o->list[k] >= t->n)
			break;
		if (plan_capture_run(t, p, (u32)o->list[k], o->trials, r, &cap, err))
			return -1;
		if (!(c = row(tb)))
			return plan_err(err, "out of memory");
		c[0] = o->list[k];
		c[1] = (double)cap.links;
		c[2] = (double)cap.read;
		c[3] = cap.links ? (double)cap.read / cap.links : NAN;
		c[4] = cap.closed;
	}
	return 0;
}

/* The paper's Table 3: nodes to capture at n = 100. */
static int run_snc(struct opts *o, const struct plan *p, struct table *tb, char *err)
{
	static const char *const cols[] = { "keys", "greedy", "best", "proven", "paper_kpsec",
					    "paper_aug_ukp", "paper_aug_sst" };
	struct plan_snc snc;
	unsigned int i;
	double *c;

	if (plan_snc(p, o->budget, &snc, err))
		return -1;
	memcpy(tb->cols, cols, sizeof(cols));
	tb->ncols = 7;
	meta_num(tb, "budget", o->budget);
	if (!(c = row(tb)))
		return plan_err(err, "out of memory");
	c[0] = snc.keys;
	c[1] = snc.greedy;
	c[2] = snc.best;
	c[3] = snc.proven;
	for (i = 0; i < PLAN_KPSEC_SCHEMES; i++)
		c[4 + i] = plan_kpsec_table3[i].snc;
	return 0;
}

static int analyze(struct opts *o, char *err)
{
	struct plan_params pp;
	struct plan_topo t = { 0 };
	struct plan p = { 0 };
	struct table tb = { 0 };
	struct plan_rng r;
	bool have_plan = o->dir || o->generate;
	char seedbuf[24], nbuf[16];
	u64 seed = o->spec.pp.seed;
	FILE *f = stdout;
	int ret;

	if (o->dir) {
		if (plan_dir_read(o->dir, &t, &p, &pp, err))
			return 2;
		if (!o->seeded)
			seed = pp.seed;
	} else if (o->generate) {
		if (plan_spec_build(&o->spec, &t, &p, err))
			return 2;
	}
	/* The analysis draws from its own stream: the plan's stay untouched. */
	plan_rng_init(&r, seed, o->sub);
	snprintf(seedbuf, sizeof(seedbuf), "%llu", (unsigned long long)seed);
	meta_str(&tb, "analysis", o->sub);
	meta_str(&tb, "seed", seedbuf);
	if (have_plan) {
		snprintf(nbuf, sizeof(nbuf), "%u", p.n);
		meta_str(&tb, "scheme", plan_scheme_name(p.scheme));
		meta_str(&tb, "n", nbuf);
		meta_num(&tb, "edges", t.m);
	}
	if (!strcmp(o->sub, "sharing"))
		ret = run_sharing(o, &t, &p, &r, &tb, err);
	else if (!strcmp(o->sub, "keypaths"))
		ret = run_keypaths(o, &t, &p, &r, &tb, false, err);
	else if (!strcmp(o->sub, "de-steps"))
		ret = run_keypaths(o, &t, &p, &r, &tb, true, err);
	else if (!strcmp(o->sub, "resiliency"))
		ret = run_resiliency(o, &t, have_plan ? &p : NULL, &r, &tb, err);
	else if (!strcmp(o->sub, "adversary"))
		ret = run_adversary(o, &t, &p, &r, &tb, err);
	else if (!strcmp(o->sub, "capture"))
		ret = run_capture(o, &t, &p, &r, &tb, err);
	else
		ret = run_snc(o, &p, &tb, err);
	if (!ret && o->plot) {
		char title[128];

		if (have_plan)
			snprintf(title, sizeof(title), "kpsec-plan %s: %s, n = %s, seed %s",
				 o->sub, plan_scheme_name(p.scheme), nbuf, seedbuf);
		else
			snprintf(title, sizeof(title), "kpsec-plan %s: Lemma 1, p = %g", o->sub,
				 o->compromised);
		/* capture: the measured share and the closed form, not the counts. */
		ret = plan_plot(o->plot, title, ylabel(o->sub), tb.cols, tb.ncols, tb.cells,
				MAX_COLS, tb.nrows,
				!strcmp(o->sub, "capture") ? 0x18 : 0xfffe, err);
	}
	if (!ret && o->out && !(f = fopen(o->out, "w")))
		ret = plan_err(err, "%s: %s", o->out, strerror(errno));
	if (!ret) {
		table_print(f, &tb, o->json);
		if (f != stdout && fclose(f))
			ret = plan_err(err, "%s: %s", o->out, strerror(errno));
	}
	free(tb.cells);
	plan_free(&p);
	plan_topo_free(&t);
	return ret ? 1 : 0;
}

int plan_cmd_analyze(int argc, char **argv)
{
	char err[PLAN_ERR_LEN] = "";
	struct opts o = { .pairs = 1000, .trials = 20, .rho_max = 10, .compromised = 0.1,
			  .budget = 10000000 };
	bool points = false;
	int i, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		}
		o.seeded |= !strncmp(argv[i], "--seed", 6);
		o.generate |= !strncmp(argv[i], "--scheme", 8);
		points |= !strncmp(argv[i], "--points", 8);
	}
	if (plan_spec_parse(&o.spec, &argc, argv, err) || parse_rest(&o, argc, argv, err)) {
		fprintf(stderr, "kpsec-plan analyze: %s\n", err);
		return 2;
	}
	if (!points && !strcmp(o.sub, "adversary")) {
		for (i = 0; i <= 12; i++)
			o.list[i] = 0.05 * i;
		o.nlist = 13;
	} else if (!points) {
		static const double x[] = { 0, 1, 2, 5, 10, 20, 50 };

		memcpy(o.list, x, sizeof(x));
		o.nlist = 7;
	}
	ret = analyze(&o, err);
	if (ret)
		fprintf(stderr, "kpsec-plan analyze: %s\n", err);
	return ret;
}
