/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpsec-plan bench: the ILP on the configurations of Tables 1 and 3 of
 * Xu, Semenov and Rysz, printed beside their Tables 2 and 4; "bench
 * heuristic" belongs to heur.c.
 *
 * Instances are drawn as paper.h says.  The paper leaves alpha and the treatment of
 * disconnected draws open: alpha = 1 and no conditioning by default, both
 * printed in the header.
 */
#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heur.h"
#include "ilp.h"
#include "milp.h"
#include "paper.h"

#define BENCH_CFGS PLAN_PAPER_CFGS

struct bench_opts {
	int table;		/* 2, 4 or 0 for both */
	bool pick[BENCH_CFGS];
	u32 instances;
	double time_limit;	/* 0: the paper's / 10 */
	u64 seed_base;
	struct ilp_options o;
	u32 alpha;
	bool connected, json, verbose;
};

static const char bench_usage[] =
	"Usage: kpsec-plan bench ilp [--table 2|4] [--configs LIST] [--instances N]\n"
	"                            [--time-limit S] [--seed-base B] [--model pattern|paper]\n"
	"                            [--search auto|plain|descent] [--no-symmetry] [--alpha A]\n"
	"                            [--connected] [-v] [-j]\n"
	"       kpsec-plan bench heuristic [--configs T1:LIST,T3:LIST] [--instances N]\n"
	"                            [--seed-base B] [--time-limit S] [--nodes N1,N2|none]\n"
	"                            [--degree D] [-j]\n"
	"LIST is like 1-8,11 (Table 1/3 numbering); instance r of configuration j is\n"
	"G(n, d) with seed B + 1000 j + r.  bench ilp's default time limit is a tenth\n"
	"of the paper's: 720 s for Table 2 (q = 1) and 1080 s for Table 4 (q = 2).\n";

/* Bad usage: the reason on stderr, exit status 2. */
static int usage(const char *why)
{
	fprintf(stderr, "kpsec-plan bench: %s\n", why);
	return 2;
}

static bool is_help(const char *a)
{
	return !strcmp(a, "-h") || !strcmp(a, "--help");
}

static bool parse_u64(const char *s, u64 *out)
{
	char *end;

	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return !errno && !*end;
}

static bool parse_configs(const char *s, bool *pick)
{
	char *dup = strdup(s), *tok, *save = NULL, *dash;
	u64 a, b;
	bool ok = dup != NULL;

	memset(pick, 0, BENCH_CFGS * sizeof(*pick));
	for (tok = ok ? strtok_r(dup, ",", &save) : NULL; tok && ok;
	     tok = strtok_r(NULL, ",", &save)) {
		dash = strchr(tok, '-');
		if (dash)
			*dash = 0;
		ok = parse_u64(tok, &a) && (dash ? parse_u64(dash + 1, &b) : (b = a, true)) &&
		     a >= 1 && a <= b && b <= BENCH_CFGS;
		while (ok && a <= b)
			pick[a++ - 1] = true;
	}
	free(dup);
	return ok && s[0];
}

/* "--name value" or "--name=value"; *i advanced past what was used. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t l = strlen(name);

	if (strncmp(argv[*i], name, l))
		return NULL;
	if (argv[*i][l] == '=')
		return argv[*i] + l + 1;
	if (argv[*i][l] || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int parse(int argc, char **argv, struct bench_opts *b)
{
	const char *v;
	char msg[PLAN_ERR_LEN];
	u64 x;
	int i;

	memset(b, 0, sizeof(*b));
	memset(b->pick, 1, sizeof(b->pick));
	b->instances = 100;
	b->alpha = 1;
	b->o.model = ILP_MODEL_PATTERN;
	b->o.symmetry = true;
	b->o.threads = 1;
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-j") || !strcmp(a, "--json")) {
			b->json = true;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			b->verbose = true;
		} else if (!strcmp(a, "--connected")) {
			b->connected = true;
		} else if ((v = opt_value(argc, argv, &i, "--table"))) {
			if (strcmp(v, "2") && strcmp(v, "4"))
				return usage("--table must be 2 (q = 1) or 4 (q = 2)");
			b->table = atoi(v);
		} else if ((v = opt_value(argc, argv, &i, "--configs"))) {
			if (!parse_configs(v, b->pick)) {
				snprintf(msg, sizeof(msg),
					 "--configs %s: want numbers 1-%d and ranges like 1-8,11", v,
					 BENCH_CFGS);
				return usage(msg);
			}
		} else if ((v = opt_value(argc, argv, &i, "--instances"))) {
			if (!parse_u64(v, &x) || !x || x > 1000)
				return usage("--instances must be in 1..1000");
			b->instances = (u32)x;
		} else if ((v = opt_value(argc, argv, &i, "--time-limit"))) {
			char *end;

			b->time_limit = strtod(v, &end);
			if (*end || !(b->time_limit > 0) || !isfinite(b->time_limit))
				return usage("--time-limit must be a positive number of seconds");
		} else if ((v = opt_value(argc, argv, &i, "--seed-base"))) {
			if (!parse_u64(v, &b->seed_base))
				return usage("--seed-base must be a non-negative integer");
		} else if ((v = opt_value(argc, argv, &i, "--model"))) {
			if (!strcmp(v, "pattern"))
				b->o.model = ILP_MODEL_PATTERN;
			else if (!strcmp(v, "paper"))
				b->o.model = ILP_MODEL_PAPER;
			else
				return usage("--model must be pattern or paper");
		} else if ((v = opt_value(argc, argv, &i, "--search"))) {
			if (!strcmp(v, "auto"))
				b->o.search = ILP_SEARCH_AUTO;
			else if (!strcmp(v, "plain"))
				b->o.search = ILP_SEARCH_PLAIN;
			else if (!strcmp(v, "descent"))
				b->o.search = ILP_SEARCH_DESCENT;
			else
				return usage("--search must be auto, plain or descent");
		} else if (!strcmp(a, "--no-symmetry")) {
			b->o.symmetry = false;	/* as in "gen" */
		} else if ((v = opt_value(argc, argv, &i, "--alpha"))) {
			if (!parse_u64(v, &x) || !x || x > 1000000)
				return usage("alpha must be a positive integer");
			b->alpha = (u32)x;
		} else {
			snprintf(msg, sizeof(msg), "unknown option %s", a);
			return usage(msg);
		}
	}
	return 0;
}

static void cpu_model(char *out, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256], *c;

	snprintf(out, len, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "model name", 10) && (c = strchr(line, ':'))) {
			c += strspn(c + 1, " \t") + 1;
			c[strcspn(c, "\n")] = 0;
			snprintf(out, len, "%s", c);
			break;
		}
	fclose(f);
}

struct cfg_result {
	u32 solved, unsolved, no_incumbent;
	double sum_secs, sum_gap, sum_edges, wall;
};

static int run_cfg(const struct bench_opts *b, u32 cfg, const struct plan_paper_cfg *c, double limit,
		   int table, struct cfg_result *res)
{
	struct ilp_options o = b->o;
	char err[PLAN_ERR_LEN];
	u32 r;

	memset(res, 0, sizeof(*res));
	o.time_limit = limit;
	for (r = 1; r <= b->instances; r++) {
		u64 seed = plan_paper_seed(b->seed_base, cfg, r);
		struct ilp_solution sol;
		struct ilp_instance in;
		struct plan_topo g;
		bool late;

		if (plan_paper_graph(c, seed, b->connected, &g, err)) {
			fprintf(stderr, "kpsec-plan bench: configuration %u seed %llu: %s\n", cfg,
				(unsigned long long)seed, err);
			return 1;
		}
		plan_paper_instance(c, b->alpha, &g, &in);
		if (ilp_solve(&in, &o, &sol, err) || ilp_verify(&in, &sol, err)) {
			fprintf(stderr, "kpsec-plan bench: configuration %u seed %llu: %s\n", cfg,
				(unsigned long long)seed, err);
			plan_topo_free(&g);
			return 1;
		}
		res->sum_edges += g.m;
		res->wall += sol.seconds;
		/*
		 * CBC looks at its clock between nodes, so a proof can land a
		 * little after the limit: like the paper's, a row counts only
		 * what was proven within it.
		 */
		late = sol.optimal && limit > 0 && sol.seconds > limit;
		if (sol.optimal && !late) {
			res->solved++;
			res->sum_secs += sol.seconds;
		} else if (sol.objective) {
			/* Gurobi's MIPGap: |bound - incumbent| / |incumbent| */
			res->unsolved++;
			res->sum_gap += (sol.bound - sol.objective) / sol.objective;
		} else {
			res->no_incumbent++;
		}
		if (b->verbose)
			fprintf(stderr,
				"T%d c%u seed %llu: |E| %u objective %u bound %g %s %.3f s\n",
				table == 2 ? 1 : 3, cfg, (unsigned long long)seed, g.m,
				sol.objective, sol.bound,
				late ? "late" : sol.optimal ? "optimal" : "limit",
				sol.seconds);
		ilp_solution_free(&sol);
		plan_topo_free(&g);
	}
	return 0;
}

static const char *search_name(enum ilp_search s)
{
	return s == ILP_SEARCH_PLAIN ? "plain" : s == ILP_SEARCH_DESCENT ? "descent" : "auto";
}

static void print_header(const struct bench_opts *b, int table, double limit, const char *cpu)
{
	printf("# kpsec-plan bench ilp: Table %d (q = %d) beside the paper's, %s model%s%s\n",
	       table, table == 2 ? 1 : 2, b->o.model == ILP_MODEL_PATTERN ? "pattern" : "paper (3)",
	       b->o.model == ILP_MODEL_PAPER ? (b->o.symmetry ? " with symmetry rows" :
					      " without symmetry rows") : ", search ",
	       b->o.model == ILP_MODEL_PAPER ? "" : search_name(b->o.search));
	printf("# alpha = %u, m_k = 1, G(n, d) %s, seeds %llu + 1000 cfg + r (r = 1..%u)\n",
	       b->alpha,
	       b->connected ? "resampled until connected" : "not conditioned on connectivity",
	       (unsigned long long)b->seed_base, b->instances);
	printf("# time limit %g s per instance (paper: %d s), 1 thread; CPU %s; %s\n", limit,
	       table == 2 ? 7200 : 10800, cpu, plan_milp_version());
	printf("# gap = (bound - incumbent) / incumbent over the unsolved, as Gurobi's MIPGap\n");
	printf("%-4s %4s %5s %4s %2s %4s %2s %2s %6s | %5s %6s %9s %7s | %12s %9s %7s\n", "cfg",
	       "|V|", "d", "|K|", "q", "p", "c", "t", "|E|", "inst", "solved", "avg_s", "gap",
	       "paper solved", "avg_s", "gap");
}

static void print_row(u32 cfg, const struct plan_paper_cfg *c, const struct cfg_result *r, u32 inst)
{
	char secs[16], gap[16], psecs[16];

	if (r->solved)
		snprintf(secs, sizeof(secs), "%.3f", r->sum_secs / r->solved);
	else
		snprintf(secs, sizeof(secs), "-");
	if (r->no_incumbent)
		snprintf(gap, sizeof(gap), "inf(%u)", r->no_incumbent);
	else
		snprintf(gap, sizeof(gap), "%.2f%%",
			 r->unsolved ? 100 * r->sum_gap / r->unsolved : 0);
	if (c->secs >= 0)
		snprintf(psecs, sizeof(psecs), "%.2f", c->secs);
	else
		snprintf(psecs, sizeof(psecs), "-");
	printf("%-4u %4u %5.2f %4u %2u %4.1f %2u %2u %6.1f | %5u %6u %9s %7s | %8u/100 %9s %6.2f%%\n",
	       cfg, c->n, c->d, c->keys, c->q, c->p, c->c, c->t, r->sum_edges / inst, inst,
	       r->solved, secs, gap, c->solved, psecs, c->gap);
	fflush(stdout);
}

static json_object *json_row(u32 cfg, const struct plan_paper_cfg *c, const struct cfg_result *r,
			     u32 inst)
{
	json_object *o = json_object_new_object(), *p = json_object_new_object();

	json_object_object_add(o, "config", json_object_new_int((int)cfg));
	json_object_object_add(o, "nodes", json_object_new_int((int)c->n));
	json_object_object_add(o, "density", json_object_new_double(c->d));
	json_object_object_add(o, "keys", json_object_new_int((int)c->keys));
	json_object_object_add(o, "q", json_object_new_int((int)c->q));
	json_object_object_add(o, "p", json_object_new_double(c->p));
	json_object_object_add(o, "mem", json_object_new_int((int)c->c));
	json_object_object_add(o, "key_limit", json_object_new_int((int)c->t));
	json_object_object_add(o, "avg_edges", json_object_new_double(r->sum_edges / inst));
	json_object_object_add(o, "instances", json_object_new_int((int)inst));
	json_object_object_add(o, "solved", json_object_new_int((int)r->solved));
	json_object_object_add(o, "avg_seconds_solved",
			       r->solved ? json_object_new_double(r->sum_secs / r->solved) : NULL);
	json_object_object_add(o, "avg_gap_unsolved",
			       r->unsolved ? json_object_new_double(r->sum_gap / r->unsolved) :
			       json_object_new_double(0));
	json_object_object_add(o, "no_incumbent", json_object_new_int((int)r->no_incumbent));
	json_object_object_add(o, "wall_seconds", json_object_new_double(r->wall));
	json_object_object_add(p, "solved", json_object_new_int((int)c->solved));
	json_object_object_add(p, "instances", json_object_new_int(100));
	json_object_object_add(p, "avg_seconds_solved",
			       c->secs >= 0 ? json_object_new_double(c->secs) : NULL);
	json_object_object_add(p, "avg_gap_unsolved", json_object_new_double(c->gap / 100));
	json_object_object_add(o, "paper", p);
	return o;
}

static int bench_ilp(int argc, char **argv)
{
	struct bench_opts b;
	json_object *root = NULL, *tables = NULL;
	char cpu[128];
	int ret, t;

	ret = parse(argc, argv, &b);
	if (ret)
		return ret;
	cpu_model(cpu, sizeof(cpu));
	if (b.json) {
		root = json_object_new_object();
		tables = json_object_new_array();
		json_object_object_add(root, "cpu", json_object_new_string(cpu));
		json_object_object_add(root, "solver", json_object_new_string(plan_milp_version()));
		json_object_object_add(root, "model", json_object_new_string(
				       b.o.model == ILP_MODEL_PATTERN ? "pattern" : "paper"));
		json_object_object_add(root, "search", json_object_new_string(
				       b.o.model == ILP_MODEL_PAPER ? "plain" : search_name(b.o.search)));
		json_object_object_add(root, "symmetry", json_object_new_boolean(b.o.symmetry));
		json_object_object_add(root, "alpha", json_object_new_int((int)b.alpha));
		json_object_object_add(root, "connected", json_object_new_boolean(b.connected));
		json_object_object_add(root, "seed_base",
				       json_object_new_int64((int64_t)b.seed_base));
		json_object_object_add(root, "tables", tables);
	}
	for (t = 2; t <= 4 && !ret; t += 2) {
		const struct plan_paper_cfg *cf = t == 2 ? plan_paper_table2 : plan_paper_table4;
		double limit = b.time_limit ? b.time_limit : t == 2 ? 720 : 1080;
		json_object *jt = NULL, *rows = NULL;
		u32 j;

		if (b.table && b.table != t)
			continue;
		if (b.json) {
			jt = json_object_new_object();
			rows = json_object_new_array();
			json_object_object_add(jt, "table", json_object_new_int(t));
			json_object_object_add(jt, "time_limit", json_object_new_double(limit));
			json_object_object_add(jt, "paper_time_limit",
					       json_object_new_int(t == 2 ? 7200 : 10800));
			json_object_object_add(jt, "configs", rows);
			json_object_array_add(tables, jt);
		} else {
			print_header(&b, t, limit, cpu);
		}
		for (j = 0; j < BENCH_CFGS && !ret; j++) {
			struct cfg_result res;

			if (!b.pick[j])
				continue;
			ret = run_cfg(&b, j + 1, &cf[j], limit, t, &res);
			if (ret)
				break;
			if (b.json)
				json_object_array_add(rows, json_row(j + 1, &cf[j], &res,
								     b.instances));
			else
				print_row(j + 1, &cf[j], &res, b.instances);
		}
	}
	if (b.json && !ret)
		printf("%s\n", json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY));
	json_object_put(root);
	return ret;
}

int plan_cmd_bench(int argc, char **argv)
{
	int i;

	if (argc < 2)
		return usage("which benchmark: ilp or heuristic (--help)");
	for (i = 1; i < argc; i++)
		if (is_help(argv[i])) {
			fputs(bench_usage, stdout);
			return 0;
		}
	if (!strcmp(argv[1], "ilp"))
		return bench_ilp(argc, argv);
	if (!strcmp(argv[1], "heuristic"))
		return plan_bench_heuristic(argc - 1, argv + 1);
	fprintf(stderr, "kpsec-plan bench: unknown benchmark %s: want ilp or heuristic\n", argv[1]);
	return 2;
}
