// SPDX-License-Identifier: GPL-2.0
/* "kpsec show [DEV [peers|stats]] [-j] [-w SECONDS]" */
#include <errno.h>
#include <math.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "genl.h"
#include "parse.h"
#include "show.h"
#include "util.h"

struct show_options {
	const char *device;	/* NULL: every kpsec device */
	enum show_view view;
	bool json;
	double watch_seconds;	/* 0: print once */
};

static void show_usage(void)
{
	puts("Usage: kpsec show [DEV [peers | stats]] [-j | --json] [-w | --watch SECONDS]\n"
	     "\n"
	     "Show kpsec devices: DEV, or every kpsec device of the network namespace.\n"
	     "\n"
	     "  DEV            a kpsec device, e.g. kpsec0\n"
	     "  peers          only the peers table of DEV\n"
	     "  stats          only the counters of DEV\n"
	     "  -j, --json     JSON: an array of device objects (peers: an array of\n"
	     "                 peer objects; stats: an object of counters)\n"
	     "  -w, --watch SECONDS\n"
	     "                 print again every SECONDS (0.1 to 86400) until interrupted;\n"
	     "                 with -j, one JSON document per line\n"
	     "\n"
	     "Keys are never shown: only the public key, and whether a peer has a static key.\n"
	     "Needs CAP_NET_ADMIN.");
}

static enum show_view parse_view(const char *arg, bool *ok)
{
	*ok = true;
	if (!strcmp(arg, "peers"))
		return SHOW_PEERS;
	if (!strcmp(arg, "stats"))
		return SHOW_STATS;
	*ok = false;
	return SHOW_DEVICE;
}

/* 0 to go on, -1 after printing the help, or EXIT_USAGE after reporting. */
static int parse_show_args(int argc, char **argv, struct show_options *opts)
{
	int positional = 0, i;
	bool view_ok;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (is_help_word(arg) && positional == 0) {
			show_usage();
			return -1;
		} else if (!strcmp(arg, "-j") || !strcmp(arg, "--json")) {
			opts->json = true;
		} else if (!strcmp(arg, "-w") || !strcmp(arg, "--watch")) {
			if (i + 1 == argc) {
				report("%s needs a value: %s SECONDS (try \"kpsec show help\")",
				       arg, arg);
				return EXIT_USAGE;
			}
			if (!parse_interval(argv[++i], &opts->watch_seconds))
				return EXIT_USAGE;
		} else if (arg[0] == '-') {
			report_unknown("option", arg, "show");
			return EXIT_USAGE;
		} else if (positional == 0) {
			opts->device = arg;
			positional++;
		} else if (positional == 1) {
			opts->view = parse_view(arg, &view_ok);
			if (!view_ok) {
				report_unknown("view", arg, "show");
				return EXIT_USAGE;
			}
			positional++;
		} else {
			report_unknown("argument", arg, "show");
			return EXIT_USAGE;
		}
	}
	return 0;
}

static void sleep_seconds(double seconds)
{
	struct timespec ts = {
		.tv_sec = (time_t)seconds,
		.tv_nsec = (long)((seconds - floor(seconds)) * 1e9),
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Watch mode on a terminal redraws the screen, like watch(1). */
static void clear_screen(void)
{
	fputs("\033[H\033[2J", stdout);
}

static int show_once(struct kpsec_genl *genl, unsigned int ifindex,
		     const struct show_options *opts)
{
	struct kpsec_device_list list = { 0 };
	bool ok;

	ok = kpsec_fetch_devices(genl, ifindex, opts->device, &list);
	if (ok) {
		if (opts->watch_seconds && !opts->json && isatty(STDOUT_FILENO))
			clear_screen();
		if (opts->json)
			print_devices_json(&list, opts->view);
		else
			print_devices_text(&list, opts->view);
		if (fflush(stdout) == EOF || ferror(stdout)) {
			report("cannot write to standard output: %s", strerror(errno));
			ok = false;
		}
	}
	kpsec_device_list_free(&list);
	return ok ? 0 : 1;
}

int cmd_show(int argc, char **argv, bool json)
{
	struct show_options opts = { .json = json };
	struct kpsec_genl genl;
	unsigned int ifindex = 0;
	bool view_ok;
	int ret;

	ret = parse_show_args(argc, argv, &opts);
	if (ret)
		return ret < 0 ? 0 : ret;
	if (opts.device) {
		parse_view(opts.device, &view_ok);
		if (view_ok && !if_nametoindex(opts.device)) {
			report("\"show %s\" needs a device: kpsec show DEV %s",
			       opts.device, opts.device);
			return EXIT_USAGE;
		}
		ifindex = device_index("device", opts.device);
		if (!ifindex)
			return 1;
	}
	if (!kpsec_genl_open(&genl))
		return 1;
	for (;;) {
		ret = show_once(&genl, ifindex, &opts);
		if (ret || !opts.watch_seconds)
			break;
		if (!opts.json)
			putchar('\n');
		sleep_seconds(opts.watch_seconds);
	}
	kpsec_genl_close(&genl);
	return ret;
}
