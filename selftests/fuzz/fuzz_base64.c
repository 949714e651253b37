// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz lib/base64.c.  Key files and command lines feed the decoder
 * arbitrary text, so: it never writes past @outcap, it accepts exactly
 * the canonical encodings (whatever it accepts re-encodes to the same
 * string), and decode(encode(x)) == x.
 */
#include "fuzz.h"
#include "base64.h"

static bool in_alphabet(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '+' || c == '/';
}

/* Decode into a heap buffer of exactly @outcap bytes (ASan bounds). */
static long decode_exact(const char *s, size_t len, size_t outcap, uint8_t **out)
{
	long n;

	*out = malloc(outcap);
	FUZZ_CHECK(*out || !outcap);
	n = kpsec_b64_decode(*out, outcap, s, len);
	FUZZ_CHECK(n >= -1 && (n < 0 || (size_t)n <= outcap));
	return n;
}

/* The input as base64 text; the first byte shrinks the output buffer. */
static void fuzz_decode(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data + 1;
	size_t len = size - 1, full = len / 4 * 3, outcap, i;
	uint8_t *out, *out2;
	char *enc;
	long n, n2;

	outcap = full > (size_t)(data[0] & 7) ? full - (data[0] & 7) : 0;
	n = decode_exact(s, len, outcap, &out);
	if (n >= 0) {
		/* Canonical: the decoded bytes encode back to the input. */
		FUZZ_CHECK(KPSEC_B64_LEN((size_t)n) == len);
		enc = malloc(len + 1);
		FUZZ_CHECK(enc);
		kpsec_b64_encode(enc, out, (size_t)n);
		FUZZ_CHECK(!memcmp(enc, s, len) && enc[len] == '\0');
		free(enc);
		for (i = 0; i < len; i++)
			FUZZ_CHECK(in_alphabet(s[i]) || s[i] == '=');
	}
	/* A small buffer is the only reason a full-size decode could differ. */
	n2 = decode_exact(s, len, full, &out2);
	if (n >= 0)
		FUZZ_CHECK(n2 == n && !memcmp(out, out2, (size_t)n));
	else if (n2 >= 0)
		FUZZ_CHECK((size_t)n2 > outcap);
	free(out2);
	free(out);
}

/* The input as raw bytes: encode, then decode back. */
static void fuzz_encode(const uint8_t *data, size_t size)
{
	size_t elen = KPSEC_B64_LEN(size), i;
	char *enc = malloc(elen + 1);
	uint8_t *out;
	long n;

	FUZZ_CHECK(enc);
	kpsec_b64_encode(enc, data, size);
	FUZZ_CHECK(strlen(enc) == elen);
	for (i = 0; i < elen; i++)
		FUZZ_CHECK(in_alphabet(enc[i]) || (enc[i] == '=' && i >= elen - 2));
	n = decode_exact(enc, elen, size, &out);
	FUZZ_CHECK(n >= 0 && (size_t)n == size && !memcmp(out, data, size));
	free(out);
	free(enc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size)
		fuzz_decode(data, size);
	fuzz_encode(data, size);
	return 0;
}
