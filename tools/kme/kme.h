/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpsec-kme: a test key management entity (KME) that hands out keys over
 * ETSI GS QKD 014 V1.1.1.  Shared definitions: the configuration of
 * "serve", its endpoints, the fault switches and error reporting.
 */
#ifndef KPSEC_KME_H
#define KPSEC_KME_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/ssl.h>

#define PROG_NAME "kpsec-kme"

/* Exit statuses: 0 success, 1 runtime failure, 2 bad command line. */
#define EXIT_RUNTIME 1
#define EXIT_USAGE 2

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* An SAE or KME ID: the CN of a certificate is at most 64 characters. */
#define KME_ID_MAX 64
/* Key sizes a request may ask for, in bits (whole bytes). */
#define KME_KEY_BITS_MIN 64
#define KME_KEY_BITS_MAX 1024
#define KME_KEY_BYTES_MAX (KME_KEY_BITS_MAX / 8)
/* The largest request body the server reads. */
#define KME_BODY_MAX (64 * 1024)

/* --fault switches; several may be set. */
enum kme_fault {
	KME_FAULT_EMPTY		= 1 << 0,
	KME_FAULT_SLOW		= 1 << 1,
	KME_FAULT_MALFORMED	= 1 << 2,
	KME_FAULT_BAD_BASE64	= 1 << 3,
	KME_FAULT_WRONG_SIZE	= 1 << 4,
	KME_FAULT_SHORT		= 1 << 5,
	KME_FAULT_UNKNOWN_ID	= 1 << 6,
	KME_FAULT_STATUS_LIES	= 1 << 7,
};

/* One --listen and the --cert, --key and --kme-id that follow it. */
struct kme_endpoint {
	const char *listen;
	const char *cert;
	const char *key;
	const char *kme_id;
	int fd;
	SSL_CTX *ctx;
};

struct kme_config {
	const char *ca;
	uint64_t rate;		/* bit/s per SAE pair */
	uint64_t buffer;	/* bits per SAE pair */
	uint64_t initial;	/* bits in a pair's pool when first used */
	unsigned int key_size;	/* bits */
	unsigned int max_keys_per_request;
	unsigned int faults;	/* enum kme_fault */
	unsigned int slow_ms;
	const char *ready_file;
	const char *log_file;
	const char *stats_file;
	struct kme_endpoint *ep;
	size_t n_ep;
};

/* Set by SIGTERM and SIGINT: finish the current step and exit. */
extern volatile sig_atomic_t kme_stop;
/* Set by SIGUSR1: write the --stats file at the next chance. */
extern volatile sig_atomic_t kme_stats_wanted;
/* The signal mask to wait with: SIGTERM, SIGINT and SIGUSR1 are blocked elsewhere. */
extern sigset_t kme_wait_mask;

/* Write the --stats file if SIGUSR1 asked for it. */
void kme_stats_poll(void);

/* Print "kpsec-kme: <message>\n" on stderr. */
void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line in the --log file (if any), after a UTC time stamp. */
void kme_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * @in fit for one log field: bytes other than printable ASCII, and '%',
 * as %XX; cut to end in "..." when @cap is too small.
 */
void kme_log_field(char *out, size_t cap, const char *in);
/* Room for an ID in kme_log_field's form. */
#define KME_LOG_ID_MAX (3 * KME_ID_MAX + 8)

/* Sleep @ms milliseconds; false when a stop signal cut it short. */
bool kme_sleep_ms(unsigned int ms);


/* Milliseconds of CLOCK_MONOTONIC. */
uint64_t kme_now_ms(void);

/* pki.c: "kpsec-kme pki DIR NAME[=IP]..." */
int cmd_pki(int argc, char **argv);

#endif /* KPSEC_KME_H */
