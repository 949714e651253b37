// SPDX-License-Identifier: GPL-2.0
/* Unit tests of lib/base64.c: strict, canonical RFC 4648 base64. */
#include "ktap.h"
#include "base64.h"

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* RFC 4648, section 10. */
static const struct {
	const char *raw, *b64;
} rfc4648[] = {
	{ "", "" },
	{ "f", "Zg==" },
	{ "fo", "Zm8=" },
	{ "foo", "Zm9v" },
	{ "foob", "Zm9vYg==" },
	{ "fooba", "Zm9vYmE=" },
	{ "foobar", "Zm9vYmFy" },
};

#define NVEC (sizeof(rfc4648) / sizeof(rfc4648[0]))

/*
 * Decode @s (without its NUL, from an exact-size heap copy) into an
 * exact-size heap buffer of @outcap bytes: ASan catches any byte read
 * or written out of bounds.  The result lands in @out when not NULL.
 */
static long decode(const char *s, size_t outcap, u8 *out)
{
	size_t n = strlen(s);
	char *in = ktap_dup(s, n);
	u8 *buf = malloc(outcap);
	long r;

	if (!buf && outcap)
		abort();
	r = kpsec_b64_decode(buf, outcap, in, n);
	if (out && r > 0)
		memcpy(out, buf, (size_t)r);
	free(buf);
	free(in);
	return r;
}

static void test_rfc4648_encode(void)
{
	char out[16];
	size_t i, n;

	for (i = 0; i < NVEC; i++) {
		n = strlen(rfc4648[i].raw);
		memset(out, 0xa5, sizeof(out));
		kpsec_b64_encode(out, (const u8 *)rfc4648[i].raw, n);
		KTAP_EXPECT_EQ_CTX(strcmp(out, rfc4648[i].b64), 0, "\"%s\"",
				   rfc4648[i].raw);
		KTAP_EXPECT_EQ_CTX(KPSEC_B64_LEN(n), strlen(rfc4648[i].b64),
				   "\"%s\"", rfc4648[i].raw);
		/* Exactly KPSEC_B64_LEN(n) characters and the NUL. */
		KTAP_EXPECT_EQ_CTX((u8)out[KPSEC_B64_LEN(n) + 1], 0xa5, "\"%s\"",
				   rfc4648[i].raw);
	}
}

static void test_rfc4648_decode(void)
{
	u8 out[16];
	size_t i, n;

	for (i = 0; i < NVEC; i++) {
		n = strlen(rfc4648[i].raw);
		/* An output buffer of exactly the decoded size is enough. */
		KTAP_EXPECT_EQ_CTX(decode(rfc4648[i].b64, n, out), n, "\"%s\"",
				   rfc4648[i].b64);
		KTAP_EXPECT_MEM(out, rfc4648[i].raw, n);
	}
}

static void test_alphabet(void)
{
	static const u8 all[48] = {
		0x00, 0x10, 0x83, 0x10, 0x51, 0x87, 0x20, 0x92, 0x8b, 0x30,
		0xd3, 0x8f, 0x41, 0x14, 0x93, 0x51, 0x55, 0x97, 0x61, 0x96,
		0x9b, 0x71, 0xd7, 0x9f, 0x82, 0x18, 0xa3, 0x92, 0x59, 0xa7,
		0xa2, 0x9a, 0xab, 0xb2, 0xdb, 0xaf, 0xc3, 0x1c, 0xb3, 0xd3,
		0x5d, 0xb7, 0xe3, 0x9e, 0xbb, 0xf3, 0xdf, 0xbf,
	};
	char out[65];
	u8 back[48];

	/* Those 48 bytes are the 64 sextets 0..63 in order. */
	kpsec_b64_encode(out, all, sizeof(all));
	KTAP_EXPECT_EQ(strcmp(out, alphabet), 0);
	KTAP_EXPECT_EQ(decode(alphabet, sizeof(back), back), 48);
	KTAP_EXPECT_MEM(back, all, sizeof(all));
	/* The standard alphabet, not the URL-safe one. */
	KTAP_EXPECT_EQ(decode("-_-_", 3, NULL), -1);
}

static void test_round_trip(void)
{
	uint64_t seed = 0x5eedb64;
	u8 raw[300], back[300];
	char enc[KPSEC_B64_LEN(300) + 1];
	size_t n, i;
	unsigned int v;

	for (n = 0; n <= sizeof(raw); n++) {
		for (i = 0; i < n; i++)
			raw[i] = (u8)ktap_rand(&seed);
		kpsec_b64_encode(enc, raw, n);
		KTAP_EXPECT_EQ_CTX(strlen(enc), KPSEC_B64_LEN(n), "len %zu", n);
		KTAP_EXPECT_EQ_CTX(decode(enc, n, back), n, "len %zu", n);
		KTAP_EXPECT_MEM(back, raw, n);
	}
	/* Every one- and two-byte value: all padding and trailing-bit cases. */
	for (v = 0; v < 0x10000; v++) {
		raw[0] = (u8)(v >> 8);
		raw[1] = (u8)v;
		kpsec_b64_encode(enc, raw, v < 0x100 ? 1 : 2);
		KTAP_EXPECT_EQ_CTX(decode(enc, 2, back), v < 0x100 ? 1 : 2,
				   "value 0x%x", v);
		KTAP_EXPECT_MEM(back, raw, v < 0x100 ? 1 : 2);
	}
	/* A 32-byte key, the common case in key files. */
	KTAP_EXPECT_EQ(KPSEC_B64_LEN(32), 44);
}

static void test_bad_chars(void)
{
	char s[9];
	unsigned int pos, c;

	for (pos = 0; pos < 8; pos++) {
		for (c = 0; c < 256; c++) {
			if (c && strchr(alphabet, (int)c))
				continue;
			memcpy(s, "Zm9vYmFy", 9);
			s[pos] = (char)c;
			/* Not decode(): an embedded NUL must count too. */
			{
				char *in = ktap_dup(s, 8);
				u8 out[6];

				KTAP_EXPECT_EQ_CTX(kpsec_b64_decode(out, sizeof(out), in, 8),
						   -1, "byte 0x%02x at %u", c, pos);
				free(in);
			}
		}
	}
	/* Whitespace is not skipped. */
	KTAP_EXPECT_EQ(decode("Zm9v\nYmFy", 16, NULL), -1);
	KTAP_EXPECT_EQ(decode("Zm9v Ym8=", 16, NULL), -1);
}

static void test_bad_length(void)
{
	static const char *const bad[] = {
		"Z", "Zm", "Zm9", "Zm9vY", "Zm9vYm", "Zm9vYmF",
		"Zg", "Zg=", "Zm8", "Zm9vYg", "Zm9vYg=", "Zm9vYmE",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		KTAP_EXPECT_EQ_CTX(decode(bad[i], 16, NULL), -1, "\"%s\"", bad[i]);
}

static void test_bad_padding(void)
{
	static const char *const bad[] = {
		"====", "Z===", "=Zm9", "Zm=v", "Zm9v====",
		"Zg=a", "Zg=A",	/* data after padding, even with zero bits */
		"Zg==Zm9v",	/* padding in a quantum that is not the last */
		"Zm8=Zm9v",
		"Zg==Zg==",
		"Zm9vZg=",	/* and not a multiple of 4 */
		"Zm9v=Zg=",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		KTAP_EXPECT_EQ_CTX(decode(bad[i], 16, NULL), -1, "\"%s\"", bad[i]);
}

static void test_canonical(void)
{
	char s[5];
	u8 out[2];
	unsigned int i;

	KTAP_EXPECT_EQ(decode("QQ==", 1, out), 1);
	KTAP_EXPECT_EQ(out[0], 'A');
	KTAP_EXPECT_EQ(decode("QR==", 1, NULL), -1);
	KTAP_EXPECT_EQ(decode("QUE=", 2, out), 2);
	KTAP_EXPECT_EQ(decode("QUF=", 2, NULL), -1);
	/* Exactly the sextets whose unused low bits are zero decode. */
	for (i = 0; i < 64; i++) {
		snprintf(s, sizeof(s), "Q%c==", alphabet[i]);
		KTAP_EXPECT_EQ_CTX(decode(s, 1, NULL), (i & 15) ? -1 : 1, "\"%s\"", s);
		snprintf(s, sizeof(s), "QU%c=", alphabet[i]);
		KTAP_EXPECT_EQ_CTX(decode(s, 2, NULL), (i & 3) ? -1 : 2, "\"%s\"", s);
	}
}

static void test_capacity(void)
{
	u8 out[8];
	size_t i, n;

	/* One byte short is refused, whatever the padding. */
	for (i = 1; i < NVEC; i++) {
		n = strlen(rfc4648[i].raw);
		KTAP_EXPECT_EQ_CTX(decode(rfc4648[i].b64, n - 1, NULL), -1,
				   "\"%s\"", rfc4648[i].b64);
		KTAP_EXPECT_EQ_CTX(decode(rfc4648[i].b64, n + 1, out), n,
				   "\"%s\"", rfc4648[i].b64);
	}
	/* Nothing written past a too small buffer, even partially decoded. */
	memset(out, 0xa5, sizeof(out));
	KTAP_EXPECT_EQ(kpsec_b64_decode(out, 4, "Zm9vYmFy", 8), -1);
	for (i = 4; i < sizeof(out); i++)
		KTAP_EXPECT_EQ_CTX(out[i], 0xa5, "byte %zu", i);
	KTAP_EXPECT_EQ(decode("", 0, NULL), 0);
	KTAP_EXPECT_EQ(decode("Zg==", 0, NULL), -1);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_rfc4648_encode),
	KTAP_CASE(test_rfc4648_decode),
	KTAP_CASE(test_alphabet),
	KTAP_CASE(test_round_trip),
	KTAP_CASE(test_bad_chars),
	KTAP_CASE(test_bad_length),
	KTAP_CASE(test_bad_padding),
	KTAP_CASE(test_canonical),
	KTAP_CASE(test_capacity),
};

KTAP_MAIN(cases)
