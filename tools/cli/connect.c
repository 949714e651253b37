// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec connect DEV NODE [--wait SECONDS]
 *
 * Start a key exchange with NODE now (KPSEC_CMD_CONNECT), a rekey when a
 * session exists.  With --wait, subscribe to the events group before
 * asking, so that no outcome can slip by, then wait for this exchange's
 * KPSEC_EVENT_ESTABLISHED (exit 0) or KPSEC_EVENT_FAILED (exit 1).
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <netlink/attr.h>

#include "genl.h"
#include "kx.h"
#include "monitor.h"
#include "parse.h"
#include "util.h"

#define WAIT_MAX 86400

static void connect_usage(void)
{
	puts("Usage: kpsec connect DEV NODE [--wait SECONDS]\n"
	     "\n"
	     "Start a key exchange with node NODE on the kpsec device DEV now, or a rekey\n"
	     "when a session with it exists.  Without --wait, kpsec returns once the\n"
	     "exchange has started; \"kpsec show DEV sessions\" and \"kpsec monitor\" show\n"
	     "how it ends.  Data sent to a node without a session starts an exchange too.\n"
	     "\n"
	     "  DEV             a kpsec device, e.g. kpsec0\n"
	     "  NODE            the node ID of the other end, 1 to 4294967294 (decimal)\n"
	     "  --wait SECONDS  wait up to SECONDS (0.1 to 86400) for the outcome: when\n"
	     "                  the session is established, print how long the exchange\n"
	     "                  took and exit 0; when it fails or nothing comes in time,\n"
	     "                  say why and exit 1.  An exchange with NODE that is\n"
	     "                  already running is waited for too\n"
	     "\n"
	     "Needs CAP_NET_ADMIN.\n"
	     "\n"
	     "Example: kpsec connect kpsec0 4 --wait 10");
}

struct connect_options {
	const char *device;
	uint32_t node;
	double wait_seconds;		/* 0: do not wait */
};

/* 0 to go on, -1 after printing the help, or EXIT_USAGE after reporting. */
static int parse_connect_args(int argc, char **argv, struct connect_options *opts)
{
	const char *words[2];
	int i, n = 0;

	for (i = 1; i < argc; i++) {
		if (is_help_word(argv[i]) && n == 0) {
			connect_usage();
			return -1;
		}
		if (!strcmp(argv[i], "--wait")) {
			if (i + 1 == argc) {
				report("--wait needs a value: --wait SECONDS (try \"kpsec connect help\")");
				return EXIT_USAGE;
			}
			if (!parse_seconds("--wait", argv[++i], 0.1, WAIT_MAX,
					   &opts->wait_seconds))
				return EXIT_USAGE;
		} else if (argv[i][0] == '-' && !is_decimal(argv[i] + 1)) {
			report_unknown("option", argv[i], "connect");
			return EXIT_USAGE;
		} else if (n == 2 || looks_like_key(argv[i])) {	/* never echo a key */
			report_unknown("argument", argv[i], "connect");
			return EXIT_USAGE;
		} else {
			words[n++] = argv[i];
		}
	}
	if (n < 2) {
		report("connect needs a device and a node: kpsec connect DEV NODE (try \"kpsec connect help\")");
		return EXIT_USAGE;
	}
	opts->device = words[0];
	return parse_node_id(words[1], &opts->node) ? 0 : EXIT_USAGE;
}

/* The outcome of the exchange waited for, as its events tell it. */
struct outcome {
	uint32_t ifindex, node;
	bool done, established;
	struct kpsec_event_info ev;
};

static bool on_event(struct nl_msg *msg, void *arg)
{
	struct outcome *o = arg;
	struct kpsec_event_info ev;

	/* A malformed event is reported; the one waited for may still come. */
	if (o->done || !kpsec_parse_event(msg, &ev))
		return true;
	if (ev.ifindex != o->ifindex || !ev.has_peer || ev.peer != o->node)
		return true;
	if (ev.type == KPSEC_EVENT_ESTABLISHED || ev.type == KPSEC_EVENT_FAILED) {
		o->done = true;
		o->established = ev.type == KPSEC_EVENT_ESTABLISHED;
		o->ev = ev;
	}
	return true;
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wait for the outcome until @deadline (CLOCK_MONOTONIC seconds). */
static int wait_outcome(struct kpsec_genl *events, const struct connect_options *opts,
			struct outcome *o, double deadline)
{
	char reason[KX_NAME_LEN];
	const char *why;

	while (!o->done) {
		double left = deadline - now_seconds();

		if (left <= 0) {
			report("%s: no outcome of the key exchange with node %" PRIu32 " after %g s",
			       opts->device, opts->node, opts->wait_seconds);
			return 1;
		}
		if (kpsec_genl_wait_events(events, (int)ceil(left * 1000), NULL, on_event, o) ==
		    KPSEC_WAIT_FAILED)
			return 1;
	}
	if (!o->established) {
		why = o->ev.has_reason ? kx_reason_text(o->ev.reason) : NULL;
		if (!o->ev.has_reason)
			report("%s: key exchange with node %" PRIu32 " failed",
			       opts->device, opts->node);
		else
			report("%s: key exchange with node %" PRIu32 " failed: %s%s%s%s",
			       opts->device, opts->node, kx_reason_name(o->ev.reason, reason),
			       why ? " (" : "", why ? why : "", why ? ")" : "");
		return 1;
	}
	if (o->ev.has_kx_time)
		printf("%s: session with node %" PRIu32 " established in %" PRIu64 " ms\n",
		       opts->device, opts->node, o->ev.kx_msecs);
	else
		printf("%s: session with node %" PRIu32 " established\n",
		       opts->device, opts->node);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		report("cannot write to standard output: %s", strerror(errno));
		return 1;
	}
	return 0;
}

static int do_connect(const struct connect_options *opts, unsigned int ifindex)
{
	struct outcome o = { .ifindex = ifindex, .node = opts->node };
	struct kpsec_genl genl, events = { 0 };
	enum kpsec_transact_result result;
	struct nl_msg *request = NULL;
	double deadline = 0;
	int ret = 1;

	if (opts->wait_seconds) {
		if (!kpsec_genl_open_events(&events))
			return 1;
		deadline = now_seconds() + opts->wait_seconds;
	}
	if (!kpsec_genl_open(&genl))
		goto out_events;
	request = kpsec_genl_request(&genl, KPSEC_CMD_CONNECT, false, 64);
	if (!request)
		goto out;
	if (nla_put_u32(request, KPSEC_A_DEVICE_IFINDEX, ifindex) < 0 ||
	    nla_put_u32(request, KPSEC_A_DEVICE_PATH_DST, opts->node) < 0) {
		report("out of memory");
		goto out;
	}
	/* Waiting, an exchange already running is as good as a new one. */
	result = kpsec_genl_transact_tolerating(&genl, request, opts->device, NULL, NULL,
						opts->wait_seconds ? EINPROGRESS : 0);
	if (result == KPSEC_TRANSACT_OK || result == KPSEC_TRANSACT_TOLERATED)
		ret = opts->wait_seconds ? wait_outcome(&events, opts, &o, deadline) : 0;
out:
	kpsec_genl_free_request(request);
	kpsec_genl_close(&genl);
out_events:
	kpsec_genl_close(&events);
	return ret;
}

int cmd_connect(int argc, char **argv)
{
	struct connect_options opts = { 0 };
	unsigned int ifindex;
	int ret;

	ret = parse_connect_args(argc, argv, &opts);
	if (ret)
		return ret < 0 ? 0 : ret;
	ifindex = device_index("device", opts.device);
	if (!ifindex)
		return 1;
	return do_connect(&opts, ifindex);
}
