/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpsec-plan: plan pre-distributed key rings for kpsec and analyse key
 * distribution schemes the way the KPsec and q-composite ILP papers do.
 * Each command lives in its own file; this one only dispatches.
 */
#include <stdio.h>
#include <string.h>
#include "plan.h"

#ifndef KPSEC_VERSION
#define KPSEC_VERSION "0.1.0"
#endif

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *what;
} cmds[] = {
	{ "topo", plan_cmd_topo, "write a topology (random geometric, G(n, d) or a file) as an edge list" },
	{ "gen", plan_cmd_gen, "plan key rings and write node-<ID>.conf files for kpsec setconf" },
	{ "analyze", plan_cmd_analyze, "key sharing, key-paths and resiliency of a plan or a scheme" },
	{ "bench", plan_cmd_bench, "the ILP and heuristic benchmarks of the q-composite paper" },
	{ "figures", plan_cmd_figures, "write the KPsec paper's figures (CSV, PNG, index) into a DIR" },
};

static void usage(FILE *f)
{
	size_t i;

	fputs("Usage: kpsec-plan COMMAND [OPTIONS]\n"
	      "       kpsec-plan COMMAND --help\n"
	      "       kpsec-plan --version\n"
	      "\n"
	      "Commands:\n", f);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-9s %s\n", cmds[i].name, cmds[i].what);
	fprintf(f, "  %-9s %s\n", "help", "show this text");
	fputs("\nExit status: 0 success, 1 runtime failure, 2 bad usage or parameters.\n"
	      "See kpsec-plan(1) and Documentation/planner/.\n", f);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("kpsec-plan %s\n", KPSEC_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "kpsec-plan: unknown command '%s' (try kpsec-plan help)\n", argv[1]);
	return 2;
}
