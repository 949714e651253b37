// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec-kme: a test KME for ETSI GS QKD 014 V1.1.1.  This file: the
 * commands, the options of "serve", signals, the log and the ready file.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http.h"
#include "pool.h"

/* The largest --rate, --buffer and --initial: 2^40 bits (128 GiB). */
#define BITS_MAX (1ull << 40)
#define KEYS_PER_REQUEST_MAX 1024
#define SLOW_MS_MAX 600000

volatile sig_atomic_t kme_stop;
volatile sig_atomic_t kme_stats_wanted;
sigset_t kme_wait_mask;
static FILE *log_file;
static const char *stats_path;
static uint64_t start_ms;

void report(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void kme_log(const char *fmt, ...)
{
	struct timespec ts;
	struct tm tm;
	char stamp[32];
	va_list ap;

	if (!log_file)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (!gmtime_r(&ts.tv_sec, &tm) ||
	    !strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm))
		strcpy(stamp, "?");
	fprintf(log_file, "%s.%03ldZ ", stamp, ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
	fflush(log_file);
}

void kme_log_field(char *out, size_t cap, const char *in)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;

	/* Room for one more %XX and for "...\0" after it. */
	for (; *in && o + 7 <= cap; in++) {
		unsigned char ch = (unsigned char)*in;

		if (ch > 0x20 && ch < 0x7f && ch != '%') {
			out[o++] = (char)ch;
		} else {
			out[o++] = '%';
			out[o++] = hex[ch >> 4];
			out[o++] = hex[ch & 15];
		}
	}
	strcpy(out + o, *in ? "..." : "");
}

uint64_t kme_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

bool kme_sleep_ms(unsigned int ms)
{
	uint64_t until = kme_now_ms() + ms, now;
	struct timespec ts;

	while (!kme_stop && (now = kme_now_ms()) < until) {
		ts.tv_sec = (time_t)((until - now) / 1000);
		ts.tv_nsec = (long)((until - now) % 1000 * 1000000);
		/* ppoll, not nanosleep: a stop signal must cut it short. */
		ppoll(NULL, 0, &ts, &kme_wait_mask);
	}
	return !kme_stop;
}

static void usage(FILE *out)
{
	fputs("Usage: kpsec-kme pki DIR NAME[=IP]...\n"
	      "       kpsec-kme serve [OPTIONS] --ca FILE --listen ADDR:PORT --cert FILE --key FILE\n"
	      "                       --kme-id ID [--listen ADDR:PORT --cert FILE --key FILE --kme-id ID]...\n"
	      "       kpsec-kme help\n"
	      "\n"
	      "A test key management entity (KME) serving ETSI GS QKD 014 V1.1.1 over HTTPS.\n"
	      "\n"
	      "pki: make a test CA in DIR (DIR/ca.crt, DIR/ca.key; reused if DIR/ca.key\n"
	      "exists) and, for each NAME, DIR/NAME.crt and DIR/NAME.key with CN=NAME and\n"
	      "subjectAltName DNS:NAME (and IP:IP), for TLS servers and clients.\n"
	      "\n"
	      "serve: hand out keys.  Each --listen starts one KME endpoint; the --cert,\n"
	      "--key and --kme-id after it are its own.  All endpoints share the CA and\n"
	      "the key pools, one pool per pair of SAEs.\n"
	      "  --ca FILE                  CA that SAE certificates must chain to (required)\n"
	      "  --rate BITS                key rate per SAE pair, bit/s (1880; 0: no refill)\n"
	      "  --buffer BITS              pool capacity per SAE pair, bits (1048576)\n"
	      "  --initial BITS             bits in a pool when first used (the --buffer)\n"
	      "  --key-size BITS            default key size (256); requests may ask 64..1024\n"
	      "  --max-keys-per-request N   (128)\n"
	      "  --fault FAULT              empty, slow:MS, malformed, bad-base64, wrong-size,\n"
	      "                             short, unknown-id, status-lies; may be repeated\n"
	      "  --ready-file FILE          write the PID to FILE once every endpoint listens\n"
	      "  --log FILE                 log one line per request (never key material)\n"
	      "  --stats FILE               write what each SAE pair's pool supplied to FILE\n"
	      "                             at start, on SIGUSR1 and at exit (never key material)\n"
	      "  -h, --help                 this help\n"
	      "\n"
	      "See kpsec-kme(8).\n", out);
}

static bool is_help_word(const char *arg)
{
	return !strcmp(arg, "help") || !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

/* A whole number from @min to @max for option @opt; false after a report. */
static bool parse_number(const char *opt, const char *value, uint64_t min,
			 uint64_t max, uint64_t *out)
{
	unsigned long long n;
	char *end;

	if (!*value || strspn(value, "0123456789") != strlen(value)) {
		report("--%s needs a whole number, not \"%s\"", opt, value);
		return false;
	}
	errno = 0;
	n = strtoull(value, &end, 10);
	if (errno || n < min || n > max) {
		report("--%s must be from %llu to %llu, not %s", opt,
		       (unsigned long long)min, (unsigned long long)max, value);
		return false;
	}
	*out = n;
	return true;
}

static bool parse_fault(const char *value, struct kme_config *cfg)
{
	static const struct {
		const char *name;
		enum kme_fault fault;
	} faults[] = {
		{ "empty", KME_FAULT_EMPTY },
		{ "malformed", KME_FAULT_MALFORMED },
		{ "bad-base64", KME_FAULT_BAD_BASE64 },
		{ "wrong-size", KME_FAULT_WRONG_SIZE },
		{ "short", KME_FAULT_SHORT },
		{ "unknown-id", KME_FAULT_UNKNOWN_ID },
		{ "status-lies", KME_FAULT_STATUS_LIES },
	};
	uint64_t ms;
	size_t i;

	if (!strncmp(value, "slow:", 5)) {
		if (!parse_number("fault slow:MS", value + 5, 0, SLOW_MS_MAX, &ms))
			return false;
		cfg->faults |= KME_FAULT_SLOW;
		cfg->slow_ms = (unsigned int)ms;
		return true;
	}
	for (i = 0; i < ARRAY_SIZE(faults); i++) {
		if (!strcmp(value, faults[i].name)) {
			cfg->faults |= faults[i].fault;
			return true;
		}
	}
	report("unknown fault \"%s\" (empty, slow:MS, malformed, bad-base64, "
	       "wrong-size, short, unknown-id, status-lies)", value);
	return false;
}

static bool id_valid(const char *id)
{
	size_t len = strlen(id), i;

	if (!len || len > KME_ID_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (id[i] < 0x20 || id[i] >= 0x7f)
			return false;
	return true;
}

enum serve_opt {
	OPT_LISTEN, OPT_CERT, OPT_KEY, OPT_KME_ID, OPT_CA, OPT_RATE, OPT_BUFFER,
	OPT_INITIAL, OPT_KEY_SIZE, OPT_MAX_KEYS, OPT_FAULT, OPT_READY_FILE,
	OPT_LOG, OPT_STATS,
};

static const char *const serve_opts[] = {
	[OPT_LISTEN] = "listen", [OPT_CERT] = "cert", [OPT_KEY] = "key",
	[OPT_KME_ID] = "kme-id", [OPT_CA] = "ca", [OPT_RATE] = "rate",
	[OPT_BUFFER] = "buffer", [OPT_INITIAL] = "initial",
	[OPT_KEY_SIZE] = "key-size", [OPT_MAX_KEYS] = "max-keys-per-request",
	[OPT_FAULT] = "fault", [OPT_READY_FILE] = "ready-file", [OPT_LOG] = "log",
	[OPT_STATS] = "stats",
};

/* The option @arg ("--name" or "--name=value") names, or -1. */
static int find_opt(const char *arg, const char **inline_value)
{
	size_t len, i;

	*inline_value = NULL;
	if (strncmp(arg, "--", 2))
		return -1;
	arg += 2;
	len = strcspn(arg, "=");
	if (arg[len] == '=')
		*inline_value = arg + len + 1;
	for (i = 0; i < ARRAY_SIZE(serve_opts); i++)
		if (strlen(serve_opts[i]) == len && !strncmp(arg, serve_opts[i], len))
			return (int)i;
	return -1;
}

/* Set option @opt of endpoint @ep once; false after a report. */
static bool set_once(struct kme_endpoint *ep, enum serve_opt opt, const char *value)
{
	const char **field;

	if (!ep) {
		report("--%s before any --listen: endpoint options follow the --listen they belong to",
		       serve_opts[opt]);
		return false;
	}
	field = opt == OPT_CERT ? &ep->cert : opt == OPT_KEY ? &ep->key : &ep->kme_id;
	if (*field) {
		report("--%s given twice for endpoint %s", serve_opts[opt], ep->listen);
		return false;
	}
	*field = value;
	return true;
}

/* 0, 1 (help printed) or -1 (reported: a usage error). */
static int parse_serve(int argc, char **argv, struct kme_config *cfg)
{
	struct kme_endpoint *ep = NULL, *grown;
	bool initial_set = false;
	const char *value;
	uint64_t n;
	int i, opt;

	cfg->rate = 1880;
	cfg->buffer = 1048576;
	cfg->key_size = 256;
	cfg->max_keys_per_request = 128;
	for (i = 1; i < argc; i++) {
		if (is_help_word(argv[i])) {
			usage(stdout);
			return 1;
		}
		opt = find_opt(argv[i], &value);
		if (opt < 0) {
			report("unknown option \"%s\" (try \"kpsec-kme help\")", argv[i]);
			return -1;
		}
		if (!value) {
			if (i + 1 == argc) {
				report("--%s needs a value", serve_opts[opt]);
				return -1;
			}
			value = argv[++i];
		}
		switch ((enum serve_opt)opt) {
		case OPT_LISTEN:
			if (!http_listen_valid(value)) {
				report("--listen: \"%s\" is not ADDR:PORT or [ADDR]:PORT", value);
				return -1;
			}
			grown = reallocarray(cfg->ep, cfg->n_ep + 1, sizeof(*cfg->ep));
			if (!grown) {
				report("out of memory");
				return -1;
			}
			cfg->ep = grown;
			ep = &cfg->ep[cfg->n_ep++];
			memset(ep, 0, sizeof(*ep));
			ep->listen = value;
			ep->fd = -1;
			break;
		case OPT_KME_ID:
			if (!id_valid(value)) {
				report("--kme-id must be 1 to %d printable ASCII characters",
				       KME_ID_MAX);
				return -1;
			}
			/* fall through */
		case OPT_CERT:
		case OPT_KEY:
			if (!set_once(ep, (enum serve_opt)opt, value))
				return -1;
			break;
		case OPT_CA:
			cfg->ca = value;
			break;
		case OPT_RATE:
			if (!parse_number("rate", value, 0, BITS_MAX, &cfg->rate))
				return -1;
			break;
		case OPT_BUFFER:
			if (!parse_number("buffer", value, 1, BITS_MAX, &cfg->buffer))
				return -1;
			break;
		case OPT_INITIAL:
			if (!parse_number("initial", value, 0, BITS_MAX, &cfg->initial))
				return -1;
			initial_set = true;
			break;
		case OPT_KEY_SIZE:
			if (!parse_number("key-size", value, KME_KEY_BITS_MIN,
					  KME_KEY_BITS_MAX, &n))
				return -1;
			if (n % 8) {
				report("--key-size must be a multiple of 8, not %s", value);
				return -1;
			}
			cfg->key_size = (unsigned int)n;
			break;
		case OPT_MAX_KEYS:
			if (!parse_number("max-keys-per-request", value, 1,
					  KEYS_PER_REQUEST_MAX, &n))
				return -1;
			cfg->max_keys_per_request = (unsigned int)n;
			break;
		case OPT_FAULT:
			if (!parse_fault(value, cfg))
				return -1;
			break;
		case OPT_READY_FILE:
			cfg->ready_file = value;
			break;
		case OPT_LOG:
			cfg->log_file = value;
			break;
		case OPT_STATS:
			cfg->stats_file = value;
			break;
		}
	}

	if (!cfg->n_ep) {
		report("serve needs --listen ADDR:PORT (try \"kpsec-kme help\")");
		return -1;
	}
	for (i = 0; i < (int)cfg->n_ep; i++) {
		ep = &cfg->ep[i];
		if (!ep->cert || !ep->key || !ep->kme_id) {
			report("endpoint %s needs --%s", ep->listen,
			       !ep->cert ? "cert" : !ep->key ? "key" : "kme-id");
			return -1;
		}
	}
	if (!cfg->ca) {
		report("serve needs --ca FILE: the CA of the SAE certificates");
		return -1;
	}
	if (!initial_set)
		cfg->initial = cfg->buffer;
	if (cfg->initial > cfg->buffer) {
		report("--initial (%llu) must not exceed --buffer (%llu)",
		       (unsigned long long)cfg->initial,
		       (unsigned long long)cfg->buffer);
		return -1;
	}
	return 0;
}

static void on_stop(int sig)
{
	(void)sig;
	kme_stop = 1;
}

static void on_usr1(int sig)
{
	(void)sig;
	kme_stats_wanted = 1;
}

/*
 * Stop signals and SIGUSR1 wait, blocked, for ppoll(): none slips between
 * checks.  SIGUSR1 is caught even without --stats, so it never kills.
 */
static int setup_signals(void)
{
	struct sigaction sa = { .sa_handler = on_stop };
	struct sigaction usr = { .sa_handler = on_usr1 };
	sigset_t stop;

	sigemptyset(&sa.sa_mask);
	sigemptyset(&usr.sa_mask);
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGUSR1);
	if (sigaction(SIGTERM, &sa, NULL) || sigaction(SIGINT, &sa, NULL) ||
	    sigaction(SIGUSR1, &usr, NULL) ||
	    signal(SIGPIPE, SIG_IGN) == SIG_ERR ||
	    sigprocmask(SIG_BLOCK, &stop, &kme_wait_mask)) {
		report("cannot set up signals: %s", strerror(errno));
		return -1;
	}
	sigdelset(&kme_wait_mask, SIGTERM);
	sigdelset(&kme_wait_mask, SIGINT);
	sigdelset(&kme_wait_mask, SIGUSR1);
	return 0;
}

static int open_log(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);

	if (fd >= 0)
		log_file = fdopen(fd, "a");
	if (!log_file) {
		report("cannot open log file \"%s\": %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return 0;
}

/*
 * Write @len bytes of @data to @path whole, under a temporary name and
 * then renamed: a reader never sees half a file.  0, or an errno.
 */
static int write_whole(const char *path, const char *data, size_t len)
{
	char *tmp = NULL;
	int fd, err = 0;

	if (asprintf(&tmp, "%s.tmp", path) < 0)
		return ENOMEM;
	errno = 0;	/* a short write sets none */
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		err = errno ? errno : EIO;
	if (fd >= 0 && close(fd) && !err)
		err = errno;
	if (!err && rename(tmp, path))
		err = errno;
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}

static int write_ready_file(const char *path)
{
	char pid[24];
	int len, err;

	len = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	err = write_whole(path, pid, (size_t)len);
	if (err)
		report("cannot write ready file \"%s\": %s", path, strerror(err));
	return err ? -1 : 0;
}

/* The --stats file: a header line, then one line per SAE pair. */
static int write_stats(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int err;

	f = open_memstream(&text, &len);
	if (!f) {
		err = errno;
		goto fail;
	}
	fprintf(f, "time_ms=%llu\n", (unsigned long long)(kme_now_ms() - start_ms));
	err = pool_write_stats(f) ? EIO : 0;
	if (fclose(f) && !err)
		err = errno ? errno : EIO;
	if (!err)
		err = write_whole(stats_path, text, len);
	free(text);
	if (!err)
		return 0;
fail:
	report("cannot write stats file \"%s\": %s", stats_path, strerror(err));
	kme_log("cannot write stats file: %s", strerror(err));
	return -1;
}

void kme_stats_poll(void)
{
	if (!kme_stats_wanted)
		return;
	kme_stats_wanted = 0;
	if (stats_path)
		write_stats();
}

static int cmd_serve(int argc, char **argv)
{
	struct kme_config cfg = { 0 };
	int ret = EXIT_RUNTIME;
	size_t i;

	switch (parse_serve(argc, argv, &cfg)) {
	case 1:
		free(cfg.ep);
		return 0;
	case -1:
		free(cfg.ep);
		return EXIT_USAGE;
	}
	if (setup_signals() || (cfg.log_file && open_log(cfg.log_file)))
		goto out;
	pool_setup(cfg.rate, cfg.buffer, cfg.initial);
	start_ms = kme_now_ms();
	stats_path = cfg.stats_file;
	/* Written now, so that a path that cannot be written fails at once. */
	if (stats_path && write_stats())
		goto out;
	if (http_setup(&cfg))
		goto out;
	if (cfg.ready_file && write_ready_file(cfg.ready_file))
		goto out;
	for (i = 0; i < cfg.n_ep; i++) {
		char id[KME_LOG_ID_MAX];

		kme_log_field(id, sizeof(id), cfg.ep[i].kme_id);
		kme_log("kme=%s listening on %s", id, cfg.ep[i].listen);
	}
	if (!http_serve(&cfg))
		ret = 0;
	if (stats_path && write_stats())
		ret = EXIT_RUNTIME;
	kme_log("stopping");
	if (cfg.ready_file)
		unlink(cfg.ready_file);
out:
	pool_destroy();
	http_cleanup(&cfg);
	free(cfg.ep);
	if (log_file)
		fclose(log_file);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (is_help_word(argv[1])) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "pki"))
		return cmd_pki(argc - 1, argv + 1);
	if (!strcmp(argv[1], "serve"))
		return cmd_serve(argc - 1, argv + 1);
	report("unknown command \"%s\" (try \"kpsec-kme help\")", argv[1]);
	return EXIT_USAGE;
}
