// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec monitor [DEV] [-j]
 *
 * Print the key exchange events of the "events" multicast group
 * (KPSEC_CMD_EVENT) as they come, one line each, until SIGINT or SIGTERM,
 * which end it with status 0.  Every line is flushed at once, for pipes.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "genl.h"
#include "kx.h"
#include "monitor.h"
#include "show.h"
#include "util.h"

/* "2025-06-01T12:00:00.123+0200": local time, milliseconds, UTC offset. */
#define TIME_STR_LEN 40

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void monitor_usage(void)
{
	puts("Usage: kpsec monitor [DEV] [-j | --json]\n"
	     "\n"
	     "Print the key exchange and QKD events of the kpsec device DEV, or of every\n"
	     "kpsec device, as they happen, one line each, until interrupted:\n"
	     "\n"
	     "TIME DEV EVENT [peer NODE] [reason REASON] [share INDEX] [from NODE] [kx MS ms]\n"
	     "               [keys N]\n"
	     "\n"
	     "TIME is the local time the event came, with milliseconds.  EVENT is one of\n"
	     "started, established, failed, share-rejected, confirm-failed, replay, qkd-low\n"
	     "(a QKD key store fell to the low watermark) or qkd-empty (a QKD key was needed\n"
	     "and none was left); peer, the other end of the exchange, or the node of the\n"
	     "store; reason, why it failed: no-private-key, no-route, few-keypaths, timeout,\n"
	     "shares-inconsistent, confirm-failed, key-mismatch, params-mismatch,\n"
	     "qkd-no-key, qkd-unknown-key, qkd-mode-mismatch or qkd-expired; share, the\n"
	     "index of a rejected share; from, the node the frame came from; kx, how long an\n"
	     "established exchange took; keys, the QKD keys left in the store.\n"
	     "\n"
	     "  DEV          a kpsec device, e.g. kpsec0\n"
	     "  -j, --json   one JSON object per line, every key present (null when the\n"
	     "               event does not carry it)\n"
	     "\n"
	     "Once subscribed, it says \"listening for key exchange events on DEV\" on\n"
	     "standard error: no event after that line can be missed.  SIGINT and\n"
	     "SIGTERM end it with status 0.  Needs CAP_NET_ADMIN.\n"
	     "\n"
	     "Example: kpsec monitor kpsec0 | grep failed");
}

struct monitor {
	unsigned int ifindex;		/* 0: every device */
	bool json;
};

static void format_now(char buf[TIME_STR_LEN])
{
	struct timespec ts;
	struct tm tm;
	size_t len;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	len = strftime(buf, TIME_STR_LEN, "%Y-%m-%dT%H:%M:%S", &tm);
	len += (size_t)snprintf(buf + len, TIME_STR_LEN - len, ".%03ld",
				ts.tv_nsec / 1000000);
	strftime(buf + len, TIME_STR_LEN - len, "%z", &tm);
}

static bool on_event(struct nl_msg *msg, void *arg)
{
	const struct monitor *m = arg;
	struct kpsec_event_info ev;
	char now[TIME_STR_LEN];

	/* A malformed event is reported, and the monitor goes on. */
	if (!kpsec_parse_event(msg, &ev))
		return true;
	if (m->ifindex && ev.ifindex != m->ifindex)
		return true;
	format_now(now);
	print_event(&ev, now, m->json);
	if (ferror(stdout)) {
		report("cannot write to standard output: %s", strerror(errno));
		return false;
	}
	return true;
}

/* 0 to go on, -1 after printing the help, or EXIT_USAGE after reporting. */
static int parse_monitor_args(int argc, char **argv, const char **device, bool *json)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (is_help_word(argv[i]) && !*device) {
			monitor_usage();
			return -1;
		} else if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			*json = true;
		} else if (argv[i][0] == '-') {
			report_unknown("option", argv[i], "monitor");
			return EXIT_USAGE;
		} else if (*device || looks_like_key(argv[i])) {
			report_unknown("argument", argv[i], "monitor");
			return EXIT_USAGE;
		} else {
			*device = argv[i];
		}
	}
	return 0;
}

/* Whether @ifindex is a kpsec device; reports why not. */
static bool is_kpsec_device(unsigned int ifindex, const char *name)
{
	struct kpsec_device_list list = { 0 };
	struct kpsec_genl genl;
	bool ok;

	if (!kpsec_genl_open(&genl))
		return false;
	ok = kpsec_fetch_devices(&genl, ifindex, name, &list);
	kpsec_device_list_free(&list);
	kpsec_genl_close(&genl);
	return ok;
}

/*
 * SIGINT and SIGTERM are blocked but while waiting for events: one that
 * comes while an event is printed ends the monitor right after it.
 */
static void catch_signals(sigset_t *wait_mask)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, wait_mask);
	sigdelset(wait_mask, SIGINT);
	sigdelset(wait_mask, SIGTERM);
}

int cmd_monitor(int argc, char **argv, bool json)
{
	struct monitor m = { .json = json };
	const char *device = NULL;
	struct kpsec_genl events;
	enum kpsec_wait_result r = KPSEC_WAIT_EVENTS;
	sigset_t wait_mask;
	int ret;

	ret = parse_monitor_args(argc, argv, &device, &m.json);
	if (ret)
		return ret < 0 ? 0 : ret;
	if (device) {
		m.ifindex = device_index("device", device);
		if (!m.ifindex)
			return 1;
	}
	if (!kpsec_genl_open_events(&events))
		return 1;
	if (device && !is_kpsec_device(m.ifindex, device)) {
		kpsec_genl_close(&events);
		return 1;
	}
	/* Like tcpdump: from here on no event can slip by; scripts wait for it. */
	fprintf(stderr, "kpsec: listening for key exchange events on %s\n",
		device ? device : "every kpsec device");
	catch_signals(&wait_mask);
	while (!stop && r != KPSEC_WAIT_FAILED)
		r = kpsec_genl_wait_events(&events, -1, &wait_mask, on_event, &m);
	kpsec_genl_close(&events);
	return r == KPSEC_WAIT_FAILED ? 1 : 0;
}
