// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "base64.h"

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void kpsec_b64_encode(char *out, const u8 *in, size_t len)
{
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		u32 v = (u32)in[i] << 16 | (u32)in[i + 1] << 8 | in[i + 2];

		*out++ = alphabet[v >> 18 & 63];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = alphabet[v >> 6 & 63];
		*out++ = alphabet[v & 63];
	}
	if (len - i == 1) {
		u32 v = (u32)in[i] << 16;

		*out++ = alphabet[v >> 18 & 63];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = '=';
		*out++ = '=';
	} else if (len - i == 2) {
		u32 v = (u32)in[i] << 16 | (u32)in[i + 1] << 8;

		*out++ = alphabet[v >> 18 & 63];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = alphabet[v >> 6 & 63];
		*out++ = '=';
	}
	*out = '\0';
}

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Failure leaves no half-decoded key material behind. */
static long fail_wiped(u8 *out, size_t n)
{
	volatile u8 *p = out;

	while (n--)
		p[n] = 0;
	return -1;
}

long kpsec_b64_decode(u8 *out, size_t outcap, const char *in, size_t inlen)
{
	size_t i, n = 0;

	if (inlen % 4)
		return -1;
	for (i = 0; i < inlen; i += 4) {
		int v[4], pad = 0, j;
		u32 w;

		for (j = 0; j < 4; j++) {
			if (in[i + j] == '=' && i + 4 == inlen && j >= 2) {
				v[j] = 0;
				pad++;
				continue;
			}
			if (pad)	/* data after padding */
				return fail_wiped(out, n);
			v[j] = b64_value(in[i + j]);
			if (v[j] < 0)
				return fail_wiped(out, n);
		}
		w = (u32)v[0] << 18 | (u32)v[1] << 12 | (u32)v[2] << 6 | (u32)v[3];
		/* Canonical encodings only: unused bits must be zero. */
		if ((pad == 1 && (w & 0xff)) || (pad == 2 && (w & 0xffff)))
			return fail_wiped(out, n);
		if (n + 3 - pad > outcap)
			return fail_wiped(out, n);
		out[n++] = w >> 16;
		if (pad < 2)
			out[n++] = w >> 8;
		if (pad < 1)
			out[n++] = w;
	}
	return (long)n;
}
