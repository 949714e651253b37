/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Key IDs in text: the 8-4-4-4-12 hex form of a 16-byte UUID, as ETSI
 * GS QKD 014 gives them.  Shared by the CLI, the test KME and the test
 * frame builder.
 */
#ifndef KPSEC_LIB_UUID_H
#define KPSEC_LIB_UUID_H

#include "kpsec_types.h"

#define KPSEC_UUID_LEN 16
#define KPSEC_UUID_STR_LEN 36

/* The value of hex digit @c, either case, or -1. */
int kpsec_hex_digit(char c);

/*
 * Parse the NUL-terminated @s, exactly 36 characters, hex digits in
 * either case.  On failure @id is left as it was.
 */
bool kpsec_uuid_parse(const char *s, u8 id[KPSEC_UUID_LEN]);

/* Lower-case hex and a NUL: KPSEC_UUID_STR_LEN + 1 bytes. */
void kpsec_uuid_format(char out[KPSEC_UUID_STR_LEN + 1], const u8 id[KPSEC_UUID_LEN]);

#endif /* KPSEC_LIB_UUID_H */
