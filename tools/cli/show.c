// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec show [DEV [peers | stats]] [-j] [-w SECONDS]
 * kpsec show [DEV] {neighbors | routes | topology} [-j] [-w SECONDS]
 * kpsec show [DEV] topology -f dot [-w SECONDS]
 * kpsec show [DEV] {keyring | sessions} [-j] [-w SECONDS]
 * kpsec show DEV keypaths NODE [-j] [-w SECONDS]
 */
#include <errno.h>
#include <math.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "genl.h"
#include "mesh.h"
#include "parse.h"
#include "show.h"
#include "util.h"

enum show_format {
	FORMAT_TEXT,
	FORMAT_DOT,	/* topology only */
};

struct show_options {
	const char *device;	/* NULL: every kpsec device */
	enum show_view view;
	uint32_t node;		/* SHOW_KEYPATHS: the destination */
	bool json;
	enum show_format format;
	double watch_seconds;	/* 0: print once */
};

#define DOT_SYNTAX "kpsec show [DEV] topology -f dot"

static void show_usage(void)
{
	puts("Usage: kpsec show [DEV [peers | stats]] [-j | --json] [-w | --watch SECONDS]\n"
	     "       kpsec show [DEV] {neighbors | routes | topology} [-j | --json]\n"
	     "                  [-w | --watch SECONDS]\n"
	     "       kpsec show [DEV] topology {-f | --format} dot [-w | --watch SECONDS]\n"
	     "       kpsec show [DEV] {keyring | sessions} [-j | --json]\n"
	     "                  [-w | --watch SECONDS]\n"
	     "       kpsec show DEV keypaths NODE [-j | --json] [-w | --watch SECONDS]\n"
	     "\n"
	     "Show kpsec devices: DEV, or every kpsec device of the network namespace.\n"
	     "\n"
	     "  DEV            a kpsec device, e.g. kpsec0\n"
	     "  peers          only the peers table of DEV\n"
	     "  stats          only the counters of DEV\n"
	     "  neighbors      the nodes heard directly: the share of HELLOs heard each\n"
	     "                 way (Q-IN, Q-OUT: 0 to 255), the link metric, whether the\n"
	     "                 link is symmetric (sym) or not yet (asym)\n"
	     "  routes         the route to each reachable node: next hop, hops, metric\n"
	     "  topology       the link-state database: each node's LSA sequence number\n"
	     "                 and age, and the links it announced\n"
	     "  keyring        the key rings: the public keys of other nodes this node\n"
	     "                 holds, under this node's ID, then the IDs of the pool keys\n"
	     "                 of its symmetric key ring (never the keys)\n"
	     "  sessions       the key exchange and session with each node: its state,\n"
	     "                 whether this node began it, its age, the time to the\n"
	     "                 rekey, traffic, drops, exchanges and failures, how long\n"
	     "                 the last exchange took, the last error, and the QKD mode\n"
	     "                 and QKD key ID of its key\n"
	     "  keypaths NODE  the vertex-disjoint key-paths to node NODE that a key\n"
	     "                 exchange uses, shortest first: the share each carries,\n"
	     "                 its D-E steps (overlay nodes between the ends), its radio\n"
	     "                 hops, and the overlay path with the radio hops to each\n"
	     "  -j, --json     JSON: an array of device objects (peers: an array of\n"
	     "                 peer objects; stats: an object of counters)\n"
	     "  -f, --format FORMAT\n"
	     "                 text (the default) or, for topology, dot: a Graphviz graph\n"
	     "                 of one device, which DEV may leave out when there is only one\n"
	     "  -w, --watch SECONDS\n"
	     "                 print again every SECONDS (0.1 to 86400) until interrupted;\n"
	     "                 with -j, one JSON document per line\n"
	     "\n"
	     "Metrics are in units of a perfect link: each perfect hop adds 1.00 (in JSON,\n"
	     "where metrics are integers, 256).  Keys are never shown: only public keys,\n"
	     "pool key IDs, and whether a peer has a static key.  Needs CAP_NET_ADMIN.");
}

static enum show_view parse_view(const char *arg, bool *ok)
{
	static const struct {
		const char *word;
		enum show_view view;
	} views[] = {
		{ "peers", SHOW_PEERS },
		{ "stats", SHOW_STATS },
		{ "neighbors", SHOW_NEIGHBORS },
		{ "routes", SHOW_ROUTES },
		{ "topology", SHOW_TOPOLOGY },
		{ "keyring", SHOW_KEYRING },
		{ "sessions", SHOW_SESSIONS },
		{ "keypaths", SHOW_KEYPATHS },
	};
	size_t i;

	*ok = true;
	for (i = 0; i < ARRAY_SIZE(views); i++)
		if (!strcmp(arg, views[i].word))
			return views[i].view;
	*ok = false;
	return SHOW_DEVICE;
}

static bool is_mesh_view(enum show_view view)
{
	return view == SHOW_NEIGHBORS || view == SHOW_ROUTES || view == SHOW_TOPOLOGY;
}

static bool is_kx_table(enum show_view view)
{
	return view == SHOW_KEYRING || view == SHOW_SESSIONS;
}

/* The views of every device when DEV is left out. */
static bool is_device_optional(enum show_view view)
{
	return is_mesh_view(view) || is_kx_table(view);
}

/* "DEV keypaths NODE"; anything after another view is one too many. */
static int resolve_node(char **words, int n, struct show_options *opts)
{
	if (opts->view != SHOW_KEYPATHS) {
		if (n > 2) {
			report_unknown("argument", words[2], "show");
			return EXIT_USAGE;
		}
		return 0;
	}
	if (n < 3) {
		report("\"show %s keypaths\" needs a node: kpsec show %s keypaths NODE",
		       words[0], words[0]);
		return EXIT_USAGE;
	}
	return parse_node_id(words[2], &opts->node) ? 0 : EXIT_USAGE;
}

/* A view named where DEV goes, when no device has that name. */
static bool is_view_not_device(const char *arg, enum show_view *view)
{
	bool ok;

	*view = parse_view(arg, &ok);
	return ok && !if_nametoindex(arg);
}

/*
 * DEV and the view from the positional arguments @words: "DEV", "DEV VIEW",
 * "DEV keypaths NODE" or, for the views of every device, "VIEW" alone.
 * 0, or EXIT_USAGE after reporting.
 */
static int resolve_positional(char **words, int n, struct show_options *opts)
{
	enum show_view first;
	bool view_ok;

	if (n == 0)
		return 0;
	if (is_view_not_device(words[0], &first) && is_device_optional(first)) {
		if (n > 1) {
			report_unknown("argument", words[1], "show");
			return EXIT_USAGE;
		}
		opts->view = first;
		return 0;
	}
	if (is_view_not_device(words[0], &first)) {
		report("\"show %s\" needs a device: kpsec show DEV %s%s",
		       words[0], words[0], first == SHOW_KEYPATHS ? " NODE" : "");
		return EXIT_USAGE;
	}
	if (n > 1) {
		opts->view = parse_view(words[1], &view_ok);
		if (!view_ok) {
			report_unknown("view", words[1], "show");
			return EXIT_USAGE;
		}
	}
	opts->device = words[0];
	return resolve_node(words, n, opts);
}

static bool parse_format(const char *arg, enum show_format *format)
{
	if (!strcmp(arg, "text")) {
		*format = FORMAT_TEXT;
	} else if (!strcmp(arg, "dot")) {
		*format = FORMAT_DOT;
	} else {
		report("invalid format \"%s\": expected text or dot", arg);
		return false;
	}
	return true;
}

/* The value of option argv[*i], or NULL after reporting it missing. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
	if (*i + 1 == argc) {
		report("%s needs a value: %s %s (try \"kpsec show help\")",
		       argv[*i], argv[*i], name);
		return NULL;
	}
	return argv[++*i];
}

/* 0 to go on, -1 after printing the help, or EXIT_USAGE after reporting. */
static int parse_show_args(int argc, char **argv, struct show_options *opts)
{
	char *words[3];
	const char *value, *extra = NULL;
	int positional = 0, i, ret;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (is_help_word(arg) && positional == 0) {
			show_usage();
			return -1;
		} else if (!strcmp(arg, "-j") || !strcmp(arg, "--json")) {
			opts->json = true;
		} else if (!strcmp(arg, "-w") || !strcmp(arg, "--watch")) {
			if (!(value = option_value(argc, argv, &i, "SECONDS")) ||
			    !parse_interval(value, &opts->watch_seconds))
				return EXIT_USAGE;
		} else if (!strcmp(arg, "-f") || !strcmp(arg, "--format")) {
			if (!(value = option_value(argc, argv, &i, "FORMAT")) ||
			    !parse_format(value, &opts->format))
				return EXIT_USAGE;
		} else if (arg[0] == '-') {
			report_unknown("option", arg, "show");
			return EXIT_USAGE;
		} else if (positional < 3) {
			words[positional++] = argv[i];
		} else if (!extra) {
			extra = arg;
		}
	}
	ret = resolve_positional(words, positional, opts);
	if (ret)
		return ret;
	if (extra) {
		report_unknown("argument", extra, "show");
		return EXIT_USAGE;
	}
	if (opts->format == FORMAT_DOT && opts->view != SHOW_TOPOLOGY) {
		report("-f dot applies to the topology view only: " DOT_SYNTAX);
		return EXIT_USAGE;
	}
	if (opts->format == FORMAT_DOT && opts->json) {
		report("-j and -f dot cannot be combined: choose one");
		return EXIT_USAGE;
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

/* Dump what @opts->view shows into @list. */
static bool fetch_view(struct kpsec_genl *genl, unsigned int ifindex,
		       const struct show_options *opts, struct kpsec_device_list *list)
{
	switch (opts->view) {
	case SHOW_NEIGHBORS:
		return kpsec_fetch_mesh(genl, KPSEC_MESH_NEIGHBORS, ifindex,
					opts->device, list);
	case SHOW_ROUTES:
		return kpsec_fetch_mesh(genl, KPSEC_MESH_ROUTES, ifindex,
					opts->device, list);
	case SHOW_TOPOLOGY:
		/* The device dump tells which node is this one. */
		return kpsec_fetch_devices(genl, ifindex, opts->device, list) &&
		       kpsec_fetch_mesh(genl, KPSEC_MESH_TOPOLOGY, ifindex,
					opts->device, list);
	case SHOW_KEYRING:
		return kpsec_fetch_mesh(genl, KPSEC_MESH_KEYRING, ifindex,
					opts->device, list);
	case SHOW_SESSIONS:
		return kpsec_fetch_mesh(genl, KPSEC_MESH_SESSIONS, ifindex,
					opts->device, list);
	default:
		return kpsec_fetch_devices(genl, ifindex, opts->device, list);
	}
}

/* The device a graph is drawn for: DEV, or the only kpsec device. */
static const struct kpsec_device_info *dot_device(const struct kpsec_device_list *list,
						  unsigned int ifindex)
{
	size_t i;

	if (!ifindex)
		return kpsec_only_device(list, "kpsec show DEV topology -f dot");
	for (i = 0; i < list->n_devices; i++)
		if (list->devices[i].ifindex == ifindex)
			return &list->devices[i];
	kpsec_malformed("no topology of the device asked for");
	return NULL;
}

static void print_view(const struct kpsec_device_list *list,
		       const struct show_options *opts,
		       const struct kpsec_device_info *dot)
{
	if (dot)
		print_topology_dot(dot);
	else if (is_kx_table(opts->view) && opts->json)
		print_kx_json(list, opts->view);
	else if (is_kx_table(opts->view))
		print_kx_text(list, opts->view, !opts->device);
	else if (is_mesh_view(opts->view) && opts->json)
		print_mesh_json(list, opts->view);
	else if (is_mesh_view(opts->view))
		print_mesh_text(list, opts->view, !opts->device);
	else if (opts->json)
		print_devices_json(list, opts->view);
	else
		print_devices_text(list, opts->view);
}

/* Flush standard output; false after reporting why it failed. */
static bool flush_output(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		report("cannot write to standard output: %s", strerror(errno));
		return false;
	}
	return true;
}

static int show_keypaths(struct kpsec_genl *genl, unsigned int ifindex,
			 const struct show_options *opts)
{
	struct kpsec_keypaths kp = { 0 };
	bool ok;

	ok = kpsec_fetch_keypaths(genl, ifindex, opts->device, opts->node, &kp);
	if (ok) {
		if (opts->watch_seconds && !opts->json && isatty(STDOUT_FILENO))
			clear_screen();
		if (opts->json)
			print_keypaths_json(&kp);
		else
			print_keypaths_text(&kp);
		ok = flush_output();
	}
	kpsec_keypaths_free(&kp);
	return ok ? 0 : 1;
}

static int show_once(struct kpsec_genl *genl, unsigned int ifindex,
		     const struct show_options *opts)
{
	struct kpsec_device_list list = { 0 };
	const struct kpsec_device_info *dot = NULL;
	bool ok;

	if (opts->view == SHOW_KEYPATHS)
		return show_keypaths(genl, ifindex, opts);
	ok = fetch_view(genl, ifindex, opts, &list);
	if (ok && opts->format == FORMAT_DOT)
		ok = (dot = dot_device(&list, ifindex)) != NULL;
	if (ok) {
		if (opts->watch_seconds && !opts->json && isatty(STDOUT_FILENO))
			clear_screen();
		print_view(&list, opts, dot);
		ok = flush_output();
	}
	kpsec_device_list_free(&list);
	return ok ? 0 : 1;
}

int cmd_show(int argc, char **argv, bool json)
{
	struct show_options opts = { .json = json };
	struct kpsec_genl genl;
	unsigned int ifindex = 0;
	int ret;

	ret = parse_show_args(argc, argv, &opts);
	if (ret)
		return ret < 0 ? 0 : ret;
	if (opts.device) {
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
