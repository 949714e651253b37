// SPDX-License-Identifier: GPL-2.0
/* Unit tests of lib/uuid.c: key IDs as 8-4-4-4-12 hex text. */
#include "ktap.h"
#include "uuid.h"

static const u8 id_bytes[KPSEC_UUID_LEN] = {
	0x55, 0x0e, 0x84, 0x00, 0xe2, 0x9b, 0x41, 0xd4,
	0xa7, 0x16, 0x44, 0x66, 0x55, 0x44, 0x00, 0x00,
};
static const char id_text[] = "550e8400-e29b-41d4-a716-446655440000";

/* Parse @s from an exact-size heap copy, so ASan sees any read past it. */
static bool parse(const char *s, u8 *id)
{
	char *in = ktap_dup(s, strlen(s) + 1);
	bool ok = kpsec_uuid_parse(in, id);

	free(in);
	return ok;
}

static void test_format(void)
{
	char out[KPSEC_UUID_STR_LEN + 1];

	memset(out, 'x', sizeof(out));
	kpsec_uuid_format(out, id_bytes);
	KTAP_EXPECT(!strcmp(out, id_text));
}

static void test_parse_either_case(void)
{
	u8 id[KPSEC_UUID_LEN];

	KTAP_EXPECT(parse(id_text, id));
	KTAP_EXPECT_MEM(id, id_bytes, sizeof(id));
	KTAP_EXPECT(parse("550E8400-E29B-41D4-A716-446655440000", id));
	KTAP_EXPECT_MEM(id, id_bytes, sizeof(id));
}

static void test_round_trip(void)
{
	char out[KPSEC_UUID_STR_LEN + 1];
	u8 id[KPSEC_UUID_LEN], back[KPSEC_UUID_LEN];
	uint64_t seed = 7;
	unsigned int n, i;

	for (n = 0; n < 1000; n++) {
		for (i = 0; i < KPSEC_UUID_LEN; i++)
			id[i] = (u8)ktap_rand(&seed);
		kpsec_uuid_format(out, id);
		KTAP_EXPECT(strlen(out) == KPSEC_UUID_STR_LEN);
		KTAP_EXPECT(parse(out, back));
		KTAP_EXPECT_MEM(back, id, sizeof(id));
	}
}

/* Every refusal leaves the output as it was. */
static void test_refused(void)
{
	static const char *const bad[] = {
		"",
		"550e8400e29b41d4a716446655440000",		/* no dashes */
		"550e8400-e29b-41d4-a716-44665544000",		/* short */
		"550e8400-e29b-41d4-a716-4466554400000",	/* long */
		"550e8400-e29b-41d4-a716-44665544000g",		/* not hex */
		"550e8400-e29b-41d4a-716-446655440000",		/* dash moved */
		"550e8400 e29b-41d4-a716-446655440000",
		"{550e8400-e29b-41d4-a716-446655440000}",
		"550e8400-e29b-41d4-a716-446655440000\n",
	};
	u8 id[KPSEC_UUID_LEN];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(id, 0xa5, sizeof(id));
		KTAP_EXPECT_EQ_CTX(parse(bad[i], id), false, "\"%s\"", bad[i]);
		KTAP_EXPECT(id[0] == 0xa5 && id[15] == 0xa5);
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_format),
	KTAP_CASE(test_parse_either_case),
	KTAP_CASE(test_round_trip),
	KTAP_CASE(test_refused),
};

KTAP_MAIN(cases)
