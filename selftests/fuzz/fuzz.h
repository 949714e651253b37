/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the libFuzzer targets of lib/: a property check that crashes. */
#ifndef KPSEC_SELFTESTS_FUZZ_H
#define KPSEC_SELFTESTS_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A violated property is a crash, so libFuzzer saves the input. */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: property violated: %s\n",	\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif /* KPSEC_SELFTESTS_FUZZ_H */
