// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec: configure and inspect kpsec devices over the "kpsec" generic
 * netlink family.  This file: global options and command dispatch.
 */
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "keys.h"
#include "kpsec.h"
#include "monitor.h"
#include "qkd.h"
#include "set.h"
#include "show.h"
#include "trace.h"
#include "util.h"

#ifndef KPSEC_VERSION
#define KPSEC_VERSION "unknown"
#endif

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static int run_show(int argc, char **argv)
{
	return cmd_show(argc, argv, false);
}

static int run_monitor(int argc, char **argv)
{
	return cmd_monitor(argc, argv, false);
}

static const struct command commands[] = {
	{ "show",    run_show,    "show kpsec devices: counters, peers, routing, key rings, sessions" },
	{ "set",     cmd_set,     "change a kpsec device: lower, node id, prefixes, keys, peers, timers" },
	{ "setconf", cmd_conf,    "load a node configuration file: node id, private key, key rings" },
	{ "addconf", cmd_conf,    "add a node configuration file's keys to the device's key rings" },
	{ "connect", cmd_connect, "start a key exchange with a node, and wait for its outcome" },
	{ "monitor", run_monitor, "print key exchange events as they happen" },
	{ "trace",   cmd_trace,   "print the path frames take to a node, hop by hop" },
	{ "genkey",  cmd_genkey,  "print a new random private key" },
	{ "genpsk",  cmd_genpsk,  "print a new random static key for a pair of peers" },
	{ "pubkey",  cmd_pubkey,  "print the public key of a private key read on standard input" },
	{ "qkd",     cmd_qkd,     "QKD keys: import, show, delete; fetch them from a KME (ETSI GS QKD 014), watch" },
};

static void usage(void)
{
	size_t i;

	puts("Usage: kpsec [-j | --json] COMMAND [ARGUMENTS]\n"
	     "       kpsec COMMAND help\n"
	     "\n"
	     "Configure kpsec devices: end-to-end encryption for multi-hop ad-hoc networks.\n"
	     "Without a command, kpsec runs \"show\".\n"
	     "\n"
	     "Commands:");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		printf("  %-8s %s\n", commands[i].name, commands[i].summary);
	puts("  help     this help; \"kpsec help COMMAND\" is the help of COMMAND\n"
	     "\n"
	     "Options:\n"
	     "  -j, --json     print JSON (show, monitor, qkd)\n"
	     "  -h, --help     print this help\n"
	     "  -V, --version  print the version\n"
	     "\n"
	     "See kpsec(8).");
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* "kpsec help [COMMAND]" */
static int run_help(int argc, char **argv)
{
	const struct command *cmd;
	char *help_argv[] = { NULL, "help", NULL };

	if (argc < 2) {
		usage();
		return 0;
	}
	if (argc > 2) {
		report("help takes one command: kpsec help COMMAND");
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "help")) {
		usage();
		return 0;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		report_unknown("command", argv[1], NULL);
		return EXIT_USAGE;
	}
	help_argv[0] = argv[1];
	return cmd->run(2, help_argv);
}

int main(int argc, char **argv)
{
	const struct command *cmd;
	bool json = false;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage();
			return 0;
		} else if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
			printf("kpsec %s (netlink API version %d)\n", KPSEC_VERSION,
			       KPSEC_GENL_VERSION);
			return 0;
		} else {
			report_unknown("option", argv[i], NULL);
			return EXIT_USAGE;
		}
	}
	argc -= i;
	argv += i;

	if (argc == 0)
		return cmd_show(1, (char *[]){ "show", NULL }, json);
	if (!strcmp(argv[0], "help"))
		return run_help(argc, argv);
	if (!strcmp(argv[0], "show"))
		return cmd_show(argc, argv, json);
	if (!strcmp(argv[0], "monitor"))
		return cmd_monitor(argc, argv, json);
	if (!strcmp(argv[0], "qkd"))
		return qkd_main(argc, argv, json);
	cmd = find_command(argv[0]);
	if (!cmd) {
		report_unknown("command", argv[0], NULL);
		return EXIT_USAGE;
	}
	if (json) {
		report("-j applies to show, monitor and qkd only");
		return EXIT_USAGE;
	}
	return cmd->run(argc, argv);
}
