/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* Standard base64 (RFC 4648, with padding) for keys in files and output. */
#ifndef KPSEC_LIB_BASE64_H
#define KPSEC_LIB_BASE64_H

#include "kpsec_types.h"

#define KPSEC_B64_LEN(n) (((n) + 2) / 3 * 4)

/* Encode @len bytes; writes KPSEC_B64_LEN(len) characters and a NUL. */
void kpsec_b64_encode(char *out, const u8 *in, size_t len);

/*
 * Decode exactly @inlen characters (no whitespace) into at most @outcap
 * bytes.  Returns the decoded length, or -1 for a bad character, bad
 * padding, non-zero trailing bits, or a result longer than @outcap;
 * then the bytes already written to @out are zeroed again.
 */
long kpsec_b64_decode(u8 *out, size_t outcap, const char *in, size_t inlen);

#endif /* KPSEC_LIB_BASE64_H */
