/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal KTAP (version 1) harness for the host unit tests of lib/.
 *
 * Each test case is a void function; the EXPECT macros record a failure
 * with a "# " diagnostic and let the case go on, so one run shows every
 * broken property.  KTAP_MAIN() runs the cases in order and exits non-zero
 * when any failed.
 */
#ifndef KPSEC_SELFTESTS_KTAP_H
#define KPSEC_SELFTESTS_KTAP_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ktap_case {
	const char *name;
	void (*fn)(void);
};

/* Failures in the running case; diagnostics past a cap are counted only. */
static unsigned int ktap_failures;
#define KTAP_MAX_DIAG 16

static inline int ktap_fail_begin(void)
{
	return ++ktap_failures <= KTAP_MAX_DIAG;
}

#define KTAP_EXPECT(cond) do {						\
	if (!(cond) && ktap_fail_begin())				\
		printf("# %s:%d: expected %s\n",			\
		       __FILE__, __LINE__, #cond);			\
} while (0)

/* Integer comparison that shows both values (as unsigned 64-bit). */
#define KTAP_EXPECT_EQ(a, b) do {					\
	unsigned long long ktap_a_ = (unsigned long long)(a);		\
	unsigned long long ktap_b_ = (unsigned long long)(b);		\
	if (ktap_a_ != ktap_b_ && ktap_fail_begin())			\
		printf("# %s:%d: %s == %s: 0x%llx != 0x%llx\n",	\
		       __FILE__, __LINE__, #a, #b, ktap_a_, ktap_b_);	\
} while (0)

/* Same, with context (e.g. the counter or input in a loop). */
#define KTAP_EXPECT_EQ_CTX(a, b, fmt, ...) do {			\
	unsigned long long ktap_a_ = (unsigned long long)(a);		\
	unsigned long long ktap_b_ = (unsigned long long)(b);		\
	if (ktap_a_ != ktap_b_ && ktap_fail_begin())			\
		printf("# %s:%d: %s == %s: 0x%llx != 0x%llx (" fmt ")\n", \
		       __FILE__, __LINE__, #a, #b, ktap_a_, ktap_b_,	\
		       __VA_ARGS__);					\
} while (0)

#define KTAP_EXPECT_MEM(a, b, n) do {					\
	if (memcmp((a), (b), (n)) && ktap_fail_begin())		\
		printf("# %s:%d: %s and %s differ in %zu bytes\n",	\
		       __FILE__, __LINE__, #a, #b, (size_t)(n));	\
} while (0)

static inline int ktap_run(const struct ktap_case *cases, size_t n)
{
	size_t i, failed = 0;

	/* Keep KTAP lines in order with sanitizer reports on stderr. */
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("KTAP version 1\n1..%zu\n", n);
	for (i = 0; i < n; i++) {
		ktap_failures = 0;
		cases[i].fn();
		if (ktap_failures > KTAP_MAX_DIAG)
			printf("# %u more failures not shown\n",
			       ktap_failures - KTAP_MAX_DIAG);
		if (ktap_failures)
			failed++;
		printf("%s %zu %s\n", ktap_failures ? "not ok" : "ok",
		       i + 1, cases[i].name);
	}
	printf("# Totals: pass:%zu fail:%zu\n", n - failed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#define KTAP_CASE(fn) { #fn, fn }
#define KTAP_MAIN(cases)						\
int main(void)								\
{									\
	return ktap_run(cases, sizeof(cases) / sizeof(cases[0]));	\
}

/* Deterministic PRNG (xorshift64*): runs are reproducible from the seed. */
static inline uint64_t ktap_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* A heap copy of exactly @n bytes, so ASan flags any read past the end. */
static inline void *ktap_dup(const void *p, size_t n)
{
	void *q = malloc(n);	/* ASan: malloc(0) is a 0-byte object */

	if (!q && n) {
		printf("Bail out! out of memory\n");
		exit(EXIT_FAILURE);
	}
	if (n)
		memcpy(q, p, n);
	return q;
}

#endif /* KPSEC_SELFTESTS_KTAP_H */
