// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec-plan bench heuristic: the heuristic's gap to proven optima on the
 * paper's configurations (paper.h; the same instances as "bench ilp"),
 * then its time and memory on networks of thousands of nodes.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "heur.h"
#include "paper.h"

/* The benchmark: gap to proven optima on the paper's tables, then scale. */

struct heur_bench {
	u32 instances;
	u64 seed_base;
	double time_limit;	/* of each reference ILP solve */
	double degree;		/* expected degree of the large instances */
	bool json;
	u16 sel[2];		/* bit c - 1: configuration c of table 1 / 3 */
	u32 nodes[8], nnodes;
};

/* "T1:1-8,T3:1-10,12": a table prefix applies to the numbers after it. */
static int parse_configs(struct heur_bench *b, const char *s, char *err)
{
	int tab = -1;
	char *end;

	b->sel[0] = b->sel[1] = 0;
	while (*s) {
		unsigned long lo, hi;

		if ((s[0] == 'T' || s[0] == 't') && (s[1] == '1' || s[1] == '3') && s[2] == ':') {
			tab = s[1] == '3';
			s += 3;
		}
		if (tab < 0)
			return plan_err(err, "--configs: start with T1: or T3:, "
					"e.g. T1:1-8,T3:1-10");
		lo = strtoul(s, &end, 10);
		hi = lo;
		if (end != s && *end == '-')
			hi = strtoul(end + 1, &end, 10);
		if (end == s || lo < 1 || hi > 13 || lo > hi || (*end && *end != ','))
			return plan_err(err, "--configs: bad configuration range near \"%s\"", s);
		for (; lo <= hi; lo++)
			b->sel[tab] |= 1u << (lo - 1);
		s = *end ? end + 1 : end;
	}
	return 0;
}

static int parse_args(struct heur_bench *b, int argc, char **argv, char *err)
{
	static const struct option opts[] = {
		{ "configs", 1, NULL, 'c' }, { "nodes", 1, NULL, 'n' },
		{ "instances", 1, NULL, 'i' }, { "seed-base", 1, NULL, 's' },
		{ "time-limit", 1, NULL, 't' }, { "degree", 1, NULL, 'd' },
		{ "json", 0, NULL, 'j' }, { NULL, 0, NULL, 0 } };
	char *end, *v;
	int o, li = 0;

	*b = (struct heur_bench){ .instances = 10, .seed_base = 0, .time_limit = 60,
				  .degree = 5, .sel = { 0xff, 0x0bff }, .nodes = { 1000, 10000 },
				  .nnodes = 2 };
	optind = 0;
	opterr = 0;
	while ((o = getopt_long(argc, argv, "+j", opts, &li)) != -1) {
		double x = optarg ? strtod(optarg, &end) : 0;

		if (o == 'j') {
			b->json = true;
		} else if (o == 'c') {
			if (parse_configs(b, optarg, err))
				return -1;
		} else if (o == 'n') {
			for (b->nnodes = 0, v = optarg; strcmp(optarg, "none") && *v;
			     v = *end ? end + 1 : end) {
				x = strtoul(v, &end, 10);
				if (end == v || x < 2 || x > 1e6 || (*end && *end != ',') ||
				    b->nnodes == 8)
					return plan_err(err, "--nodes: want up to 8 sizes in "
							"2..1000000 or none, got \"%s\"", optarg);
				b->nodes[b->nnodes++] = x;
			}
		} else if (o == '?') {
			return plan_err(err, "bench heuristic: unknown option or missing value: %s",
					argv[optind - 1]);
		} else if (*end || !*optarg || !(x > 0 && x < 1e6) ||
			   (o == 'i' && x != (u32)x) || (o == 's' && x != (u64)x)) {
			return plan_err(err, "--%s: want a positive number below 1e6, got \"%s\"",
					opts[li].name, optarg);
		} else if (o == 'i') {
			b->instances = x;
		} else if (o == 's') {
			b->seed_base = x;
		} else {
			*(o == 't' ? &b->time_limit : &b->degree) = x;
		}
	}
	if (optind < argc)
		return plan_err(err, "bench heuristic: unexpected argument \"%s\"", argv[optind]);
	return 0;
}

/* JSON rows of the gap table printed so far, for the separators. */
static u32 gap_rows;

/* (a): heuristic against the proven optima of ilp_solve on one configuration. */
static int bench_gap(const struct heur_bench *b, int tab, u32 cfg, char *err)
{
	const struct plan_paper_cfg *c = tab ? &plan_paper_table4[cfg - 1] :
					     &plan_paper_table2[cfg - 1];
	struct ilp_options o = { .model = ILP_MODEL_PATTERN, .time_limit = b->time_limit,
				 .threads = 1 };
	double sum = 0, worst = 0, th = 0, ti = 0;
	u32 r, proven = 0, above = 0;

	for (r = 1; r <= b->instances; r++) {
		u64 seed = plan_paper_seed(b->seed_base, cfg, r);
		struct ilp_solution hs, is;
		struct ilp_instance in;
		struct plan_topo g;

		if (plan_paper_graph(c, seed, false, &g, err))
			return -1;
		plan_paper_instance(c, 1, &g, &in);
		if (ilp_heuristic(&in, seed, &hs, err) || ilp_verify(&in, &hs, err) ||
		    ilp_solve(&in, &o, &is, err)) {
			plan_topo_free(&g);
			return -1;
		}
		th += hs.seconds;
		ti += is.seconds;
		if (is.optimal) {
			double gap = is.objective ?
				(double)((int)is.objective - (int)hs.objective) / is.objective :
				0;

			proven++;
			above += hs.objective > is.objective;
			sum += gap;
			worst = gap > worst ? gap : worst;
		}
		ilp_solution_free(&hs);
		ilp_solution_free(&is);
		plan_topo_free(&g);
	}
	if (b->json)
		printf("%s{\"table\":%d,\"config\":%u,\"nodes\":%u,\"density\":%g,\"keys\":%u,"
		       "\"q\":%u,\"instances\":%u,\"proven\":%u,\"mean_gap\":%.5f,"
		       "\"max_gap\":%.5f,\"heuristic_s\":%.4f,\"ilp_s\":%.4f}",
		       gap_rows++ ? ",\n" : "", tab ? 3 : 1, cfg, c->n, c->d, c->keys, c->q,
		       b->instances, proven, proven ? sum / proven : 0, worst,
		       th / b->instances, ti / b->instances);
	else
		printf("T%d  %2u %4u %5.2f %3u %u %.1f %u %u %5u %6u %7.2f%% %6.2f%% %9.3f %8.3f\n",
		       tab ? 3 : 1, cfg, c->n, c->d, c->keys, c->q, c->p, c->c, c->t, b->instances,
		       proven, proven ? 100 * sum / proven : 0, 100 * worst, th / b->instances,
		       ti / b->instances);
	if (above)
		return plan_err(err, "heuristic above a proven optimum on %u instances", above);
	return 0;
}

struct heur_big {
	u32 m, objective, used, bound, ok;
	double gen_s, seconds;
	long rss_kib;
	char err[PLAN_ERR_LEN];
};

/* (b), in a child so that ru_maxrss is this instance's peak alone. */
static void big_child(const struct heur_bench *b, u32 n, struct heur_big *res)
{
	struct plan_paper_cfg c = { .n = n, .keys = (u32)(0.6 * n), .q = 1, .p = 0.4, .c = 8,
				     .t = 5 };
	struct ilp_solution s;
	struct ilp_instance in;
	struct plan_topo g;
	struct plan_rng rng;
	struct rusage ru;
	double t0 = plan_now();

	plan_rng_init(&rng, b->seed_base, "topo");
	if (plan_topo_gnp(&g, n, b->degree / (n - 1), false, &rng, res->err))
		return;
	res->gen_s = plan_now() - t0;
	res->m = g.m;
	plan_paper_instance(&c, 1, &g, &in);
	if (!ilp_heuristic(&in, b->seed_base, &s, res->err)) {
		getrusage(RUSAGE_SELF, &ru);
		res->rss_kib = ru.ru_maxrss;
		res->objective = s.objective;
		res->used = s.used;
		res->bound = s.bound;
		res->seconds = s.seconds;
		res->ok = !ilp_verify(&in, &s, res->err);
		ilp_solution_free(&s);
	}
	plan_topo_free(&g);
}

static int bench_big(const struct heur_bench *b, u32 i, char *err)
{
	struct heur_big res = { 0 };
	int fd[2], st;
	pid_t pid;
	u32 n = b->nodes[i];

	fflush(stdout);
	if (pipe(fd))
		return plan_err(err, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		return plan_err(err, "fork: %s", strerror(errno));
	if (!pid) {
		close(fd[0]);
		big_child(b, n, &res);
		_exit(write(fd[1], &res, sizeof(res)) == sizeof(res) ? 0 : 1);
	}
	close(fd[1]);
	st = read(fd[0], &res, sizeof(res)) == sizeof(res);
	close(fd[0]);
	waitpid(pid, NULL, 0);
	if (!st)
		return plan_err(err, "%u nodes: the worker died", n);
	if (!res.ok)
		return plan_err(err, "%u nodes: %s", n, res.err);
	if (b->json)
		printf("%s{\"nodes\":%u,\"topology\":\"gnp\",\"degree\":%g,\"edges\":%u,"
		       "\"keys\":%u,"
		       "\"objective\":%u,\"bound\":%u,\"keys_used\":%u,\"seconds\":%.3f,"
		       "\"generate_s\":%.3f,\"peak_rss_kib\":%ld}",
		       i ? ",\n" : "", n, b->degree, res.m,
		       (u32)(0.6 * n), res.objective, res.bound, res.used, res.seconds, res.gen_s,
		       res.rss_kib);
	else
		printf("%7u gnp  %6.1f %8u %6u %9u %9u %6u %9.2f %9.2f %8.1f\n", n, b->degree,
		       res.m, (u32)(0.6 * n), res.objective, res.bound, res.used, res.seconds,
		       res.gen_s, res.rss_kib / 1024.0);
	return 0;
}

int plan_bench_heuristic(int argc, char **argv)
{
	struct heur_bench b;
	char err[PLAN_ERR_LEN] = "";
	int tab, rc = 0;
	u32 c, i;

	if (parse_args(&b, argc, argv, err)) {
		fprintf(stderr, "kpsec-plan: %s\n", err);
		return 2;
	}
	gap_rows = 0;
	/*
	 * The large instances first: a forked child starts with the parent's
	 * resident set, which the reference ILP solves would inflate.
	 */
	if (b.json)
		printf("{\"seed_base\":%llu,\"alpha\":1,\"ilp_time_limit\":%g,\"large\":[\n",
		       (unsigned long long)b.seed_base, b.time_limit);
	else if (b.nnodes)
		printf("# large: |K| = 0.6 |V|, q 1, p 0.4, c 8, t 5, alpha 1, seed %llu\n"
		       "#  nodes topo degree    edges    |K| objective     bound   keys  heur_s"
		       "     gen_s  rss_MiB\n", (unsigned long long)b.seed_base);
	for (i = 0; i < b.nnodes && !rc; i++)
		rc = bench_big(&b, i, err);
	if (b.json)
		printf("],\"gap\":[\n");
	else
		printf("# heuristic against proven optima of the pattern ILP (CBC, %g s limit);\n"
		       "# G(n, d) unconditioned, alpha 1, seed base %llu, instance r of cfg j: "
		       "seed base + 1000 j + r\n"
		       "#tab cfg  |V|     d |K| q   p c t  inst proven mean_gap max_gap  heur_s"
		       "    ilp_s\n", b.time_limit, (unsigned long long)b.seed_base);
	for (tab = 0; tab < 2 && !rc; tab++)
		for (c = 1; c <= 13 && !rc; c++)
			if (b.sel[tab] >> (c - 1) & 1)
				rc = bench_gap(&b, tab, c, err);
	if (b.json)
		printf("]}\n");
	if (rc) {
		fprintf(stderr, "kpsec-plan: bench heuristic: %s\n", err);
		return 1;
	}
	return 0;
}
