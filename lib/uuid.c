// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Key IDs as text (uuid.h). */
#include "uuid.h"

int kpsec_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Where the dashes go: before bytes 4, 6, 8 and 10. */
static bool kpsec_uuid_dash_before(unsigned int i)
{
	return i == 4 || i == 6 || i == 8 || i == 10;
}

bool kpsec_uuid_parse(const char *s, u8 id[KPSEC_UUID_LEN])
{
	u8 out[KPSEC_UUID_LEN];
	unsigned int i, pos = 0;
	int hi, lo;

	for (i = 0; i < KPSEC_UUID_LEN; i++) {
		if (kpsec_uuid_dash_before(i) && s[pos++] != '-')
			return false;
		hi = kpsec_hex_digit(s[pos]);
		lo = hi < 0 ? -1 : kpsec_hex_digit(s[pos + 1]);
		if (lo < 0)
			return false;
		pos += 2;
		out[i] = (u8)(hi << 4 | lo);
	}
	if (s[pos])
		return false;
	for (i = 0; i < KPSEC_UUID_LEN; i++)
		id[i] = out[i];
	return true;
}

void kpsec_uuid_format(char out[KPSEC_UUID_STR_LEN + 1], const u8 id[KPSEC_UUID_LEN])
{
	static const char hex[] = "0123456789abcdef";
	unsigned int i, o = 0;

	for (i = 0; i < KPSEC_UUID_LEN; i++) {
		if (kpsec_uuid_dash_before(i))
			out[o++] = '-';
		out[o++] = hex[id[i] >> 4];
		out[o++] = hex[id[i] & 15];
	}
	out[o] = '\0';
}
