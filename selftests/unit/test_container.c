// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of tools/qkd/container.c: ETSI GS QKD 014 key containers,
 * their UUID key IDs, and what the parser refuses.
 */
#include "ktap.h"

#include "../../tools/qkd/container.h"
#include "base64.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define ID_A "bc490419-7d60-487f-adc1-4ddcc177c139"
#define ID_A_UPPER "BC490419-7D60-487F-ADC1-4DDCC177C139"
#define ID_B "0f4a7c2e-1111-4222-8333-944455556666"
/* 32 bytes 00 01 .. 1f */
#define KEY32 "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
/* 16 bytes of 0xff */
#define KEY16 "/////////////////////w=="
/* 15 bytes: under 128 bits */
#define KEY15 "AAAAAAAAAAAAAAAAAAAA"

static char err[256];

static enum qkd_container_err parse(const char *json, size_t want, struct qkd_keys *keys)
{
	size_t len = strlen(json);
	char *copy = ktap_dup(json, len);	/* no NUL: ASan catches overreads */
	enum qkd_container_err ret;

	err[0] = '\0';
	ret = qkd_container_parse_ex(copy, len, want, keys, err, sizeof(err));
	free(copy);
	return ret;
}

/* @json is refused as @want_err, with an error and nothing in @keys. */
static void expect_refused(const char *json, size_t want, enum qkd_container_err want_err,
			   const char *want_text)
{
	struct qkd_keys keys = { (struct qkd_key *)1, 99 };
	enum qkd_container_err ret = parse(json, want, &keys);

	KTAP_EXPECT_EQ_CTX(ret, want_err, "%s", json);
	KTAP_EXPECT(keys.k == NULL && keys.n == 0);
	if (want_text && !strstr(err, want_text) && ktap_fail_begin())
		printf("# error \"%s\" lacks \"%s\" (%s)\n", err, want_text, json);
	if (!err[0] && ktap_fail_begin())
		printf("# no error text for %s\n", json);
	/* Errors never show a key. */
	KTAP_EXPECT(!strstr(err, KEY32) && !strstr(err, KEY16) && !strstr(err, "AAAAAAAA"));
	qkd_keys_free(&keys);
}

static void test_uuid(void)
{
	static const uint8_t want[QKD_KEY_ID_LEN] = {
		0xbc, 0x49, 0x04, 0x19, 0x7d, 0x60, 0x48, 0x7f,
		0xad, 0xc1, 0x4d, 0xdc, 0xc1, 0x77, 0xc1, 0x39,
	};
	static const char *const bad[] = {
		"", "bc490419-7d60-487f-adc1-4ddcc177c13", ID_A "0",
		"bc4904197d60-487f-adc1-4ddcc177c139-", "bc490419_7d60_487f_adc1_4ddcc177c139",
		"{bc490419-7d60-487f-adc1-4ddcc177c139}", "gc490419-7d60-487f-adc1-4ddcc177c139",
		"bc490419-7d60-487f-adc1-4ddcc177c1 9", "bc490419-7d6-0487f-adc1-4ddcc177c139",
		" bc490419-7d60-487f-adc1-4ddcc177c139",
	};
	uint8_t id[QKD_KEY_ID_LEN];
	char out[QKD_UUID_STR_LEN + 1];
	size_t i;

	KTAP_EXPECT(qkd_uuid_parse(ID_A, id));
	KTAP_EXPECT_MEM(id, want, QKD_KEY_ID_LEN);
	KTAP_EXPECT(qkd_uuid_parse(ID_A_UPPER, id));
	KTAP_EXPECT_MEM(id, want, QKD_KEY_ID_LEN);
	qkd_uuid_format(out, id);
	KTAP_EXPECT(!strcmp(out, ID_A));
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		char *copy = ktap_dup(bad[i], strlen(bad[i]) + 1);

		memset(id, 0xaa, sizeof(id));
		KTAP_EXPECT_EQ_CTX(qkd_uuid_parse(copy, id), false, "\"%s\"", bad[i]);
		KTAP_EXPECT_EQ_CTX(id[0], 0xaa, "\"%s\" wrote the ID", bad[i]);
		free(copy);
	}
}

static void test_good(void)
{
	uint8_t key32[32], id_b[QKD_KEY_ID_LEN];
	struct qkd_keys keys, again;
	char *text;
	size_t i;

	for (i = 0; i < 32; i++)
		key32[i] = (uint8_t)i;
	KTAP_EXPECT_EQ(parse(" {\"keys\": [ {\"key_ID\": \"" ID_A_UPPER "\", \"key\": \"" KEY32 "\"},"
			     "{\"key_ID\":\"" ID_B "\",\"key\":\"" KEY32 "\",\"key_extension\":{}}],"
			     "\"key_container_extension\": {\"x\": 1}}\n", 32, &keys),
		       QKD_CONTAINER_OK);
	KTAP_EXPECT_EQ(keys.n, 2);
	if (keys.n != 2)
		return;
	KTAP_EXPECT_EQ(keys.k[0].len, 32);
	KTAP_EXPECT_MEM(keys.k[0].key, key32, 32);
	KTAP_EXPECT(qkd_uuid_parse(ID_B, id_b));
	KTAP_EXPECT_MEM(keys.k[1].id, id_b, QKD_KEY_ID_LEN);

	/* Written back: lower-case IDs, the same keys; and parsed again. */
	text = qkd_container_format(&keys);
	KTAP_EXPECT(text != NULL);
	if (!text)
		return;
	KTAP_EXPECT(!strcmp(text, "{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"" KEY32 "\"},"
			    "{\"key_ID\":\"" ID_B "\",\"key\":\"" KEY32 "\"}]}"));
	KTAP_EXPECT_EQ(parse(text, 0, &again), QKD_CONTAINER_OK);
	KTAP_EXPECT_EQ(again.n, 2);
	for (i = 0; i < again.n && i < 2; i++) {
		KTAP_EXPECT_MEM(again.k[i].id, keys.k[i].id, QKD_KEY_ID_LEN);
		KTAP_EXPECT_EQ(again.k[i].len, keys.k[i].len);
		KTAP_EXPECT_MEM(again.k[i].key, keys.k[i].key, keys.k[i].len);
	}
	free(text);
	qkd_keys_free(&again);
	qkd_keys_free(&keys);
	KTAP_EXPECT(keys.k == NULL && keys.n == 0);

	/* Any size from 128 to 1024 bits when none is asked. */
	KTAP_EXPECT_EQ(parse("{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"" KEY16 "\"},"
			     "{\"key_ID\":\"" ID_B "\",\"key\":\"" KEY32 "\"}]}", 0, &keys),
		       QKD_CONTAINER_OK);
	KTAP_EXPECT(keys.n == 2 && keys.k[0].len == 16 && keys.k[1].len == 32);
	qkd_keys_free(&keys);
}

/* A container of @n keys of @key_bytes, IDs counting up. */
static char *container_of(size_t n, size_t key_bytes)
{
	struct qkd_keys keys = { calloc(n ? n : 1, sizeof(struct qkd_key)), n };
	char *text;
	size_t i;

	for (i = 0; i < n; i++) {
		keys.k[i].id[14] = (uint8_t)(i >> 8);
		keys.k[i].id[15] = (uint8_t)i;
		memset(keys.k[i].key, (int)i, key_bytes);
		keys.k[i].len = key_bytes;
	}
	text = qkd_container_format(&keys);
	qkd_keys_free(&keys);
	return text;
}

static void test_count(void)
{
	struct qkd_keys keys;
	char *text;

	expect_refused("{\"keys\":[]}", 0, QKD_CONTAINER_BAD_COUNT, "0 keys");
	text = container_of(QKD_CONTAINER_MAX, QKD_KEY_MAX_BYTES);
	KTAP_EXPECT_EQ(parse(text, QKD_KEY_MAX_BYTES, &keys), QKD_CONTAINER_OK);
	KTAP_EXPECT_EQ(keys.n, QKD_CONTAINER_MAX);
	qkd_keys_free(&keys);
	free(text);
	text = container_of(QKD_CONTAINER_MAX + 1, 16);
	expect_refused(text, 0, QKD_CONTAINER_BAD_COUNT, "1025 keys");
	free(text);
}

static void test_dup_id(void)
{
	expect_refused("{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"" KEY32 "\"},"
		       "{\"key_ID\":\"" ID_B "\",\"key\":\"" KEY32 "\"},"
		       "{\"key_ID\":\"" ID_A_UPPER "\",\"key\":\"" KEY32 "\"}]}",
		       0, QKD_CONTAINER_DUP_ID, "keys[2]: key_ID " ID_A " given twice (keys[0])");
}

static void test_bad_uuid(void)
{
	expect_refused("{\"keys\":[{\"key_ID\":\"1234\",\"key\":\"" KEY32 "\"}]}",
		       0, QKD_CONTAINER_MALFORMED, "keys[0]: key_ID is not a UUID");
	expect_refused("{\"keys\":[{\"key_ID\":\"" ID_B "\",\"key\":\"" KEY32 "\"},"
		       "{\"key_ID\":\"bc490419x7d60-487f-adc1-4ddcc177c139\",\"key\":\"" KEY32 "\"}]}",
		       0, QKD_CONTAINER_MALFORMED, "keys[1]: key_ID is not a UUID");
	expect_refused("{\"keys\":[{\"key_ID\":7,\"key\":\"" KEY32 "\"}]}",
		       0, QKD_CONTAINER_MALFORMED, "keys[0]: key_ID is not a string");
	expect_refused("{\"keys\":[{\"key_ID\":null,\"key\":\"" KEY32 "\"}]}",
		       0, QKD_CONTAINER_MALFORMED, "keys[0]: key_ID is not a string");
	expect_refused("{\"keys\":[{\"key\":\"" KEY32 "\"}]}",
		       0, QKD_CONTAINER_MALFORMED, "keys[0]: no key_ID");
	expect_refused("{\"keys\":[{\"key_ID\":\"" ID_A "\\u0000\",\"key\":\"" KEY32 "\"}]}",
		       0, QKD_CONTAINER_MALFORMED, "keys[0]: key_ID is not a UUID");
}

static void test_bad_base64(void)
{
	static const char *const bad[] = {
		"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8",		/* no padding */
		"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh!=",	/* bad character */
		"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9=",	/* trailing bits */
		"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGx wdHh8=",	/* a space */
		"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd=h8=",	/* '=' inside */
		"",
		"====",
	};
	char json[256];
	size_t i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		snprintf(json, sizeof(json),
			 "{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"%s\"}]}", bad[i]);
		expect_refused(json, 0, QKD_CONTAINER_MALFORMED, "keys[0]: key is not valid base64");
		expect_refused(json, 32, QKD_CONTAINER_MALFORMED, "keys[0]: key is not valid base64");
	}
	expect_refused("{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":32}]}",
		       0, QKD_CONTAINER_MALFORMED, "keys[0]: key is not a string");
	expect_refused("{\"keys\":[{\"key_ID\":\"" ID_A "\"}]}",
		       0, QKD_CONTAINER_MALFORMED, "keys[0]: no key");
}

static void test_wrong_size(void)
{
	char b64[KPSEC_B64_LEN(QKD_KEY_MAX_BYTES + 1) + 1], json[512];
	uint8_t big[QKD_KEY_MAX_BYTES + 1];

	expect_refused("{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"" KEY32 "\"},"
		       "{\"key_ID\":\"" ID_B "\",\"key\":\"" KEY16 "\"}]}",
		       32, QKD_CONTAINER_BAD_SIZE, "keys[1]: key is 128 bits, 256 asked");
	expect_refused("{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"" KEY15 "\"}]}",
		       0, QKD_CONTAINER_BAD_SIZE, "keys[0]: key is 120 bits: kpsec takes 128 to 1024 bits");
	/* 1032 bits: one byte more than kpsec takes, in valid base64. */
	memset(big, 0, sizeof(big));
	kpsec_b64_encode(b64, big, sizeof(big));
	snprintf(json, sizeof(json), "{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"%s\"}]}", b64);
	expect_refused(json, 0, QKD_CONTAINER_BAD_SIZE, "key is 1032 bits");
	/* Asking for a size kpsec does not take is refused as such. */
	expect_refused("{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"" KEY32 "\"}]}",
		       8, QKD_CONTAINER_BAD_SIZE, NULL);
}

static void test_not_json(void)
{
	static const char *const bad[] = {
		"", " ", "{", "{\"keys\":[", "[]", "\"keys\"", "123", "null",
		"{\"keys\":[]} x", "{\"keys\":[]}{}",
		"{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"" KEY32 "\",}]}",
		"{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"" KEY32 "\"}]} /* c */",
		"{\"keys\":\"\xff\xfe\"}",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(bad); i++)
		expect_refused(bad[i], 0, QKD_CONTAINER_MALFORMED, NULL);
	expect_refused("{\"keys\":{}}", 0, QKD_CONTAINER_MALFORMED, "\"keys\" is not an array");
	expect_refused("{\"key\":[]}", 0, QKD_CONTAINER_MALFORMED, "no \"keys\" array");
	expect_refused("[{\"keys\":[]}]", 0, QKD_CONTAINER_MALFORMED, "expected a JSON object");
	expect_refused("{\"keys\":[7]}", 0, QKD_CONTAINER_MALFORMED, "keys[0] is not an object");
	expect_refused("{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"" KEY32 "\"}] x", 0,
		       QKD_CONTAINER_MALFORMED, "not JSON");
}

static void test_bool_wrapper(void)
{
	struct qkd_keys keys;

	KTAP_EXPECT(qkd_container_parse("{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"" KEY32 "\"}]}",
					strlen("{\"keys\":[{\"key_ID\":\"" ID_A "\",\"key\":\"" KEY32 "\"}]}"),
					32, &keys, err, sizeof(err)));
	KTAP_EXPECT_EQ(keys.n, 1);
	qkd_keys_free(&keys);
	KTAP_EXPECT(!qkd_container_parse("{}", 2, 0, &keys, err, sizeof(err)));
	KTAP_EXPECT(keys.n == 0 && keys.k == NULL);
	/* A NULL error buffer is allowed. */
	KTAP_EXPECT(!qkd_container_parse("{}", 2, 0, &keys, NULL, 0));
}

/* @json as key IDs: refused with @want_text, or (NULL) the @n IDs A, B. */
static void key_ids(const char *json, const char *want_text, size_t want_n)
{
	uint8_t (*ids)[QKD_KEY_ID_LEN] = (void *)1, a[QKD_KEY_ID_LEN], b[QKD_KEY_ID_LEN];
	size_t n = 99, len = strlen(json);
	char *copy = ktap_dup(json, len);
	bool ok;

	err[0] = '\0';
	ok = qkd_key_ids_parse(copy, len, &ids, &n, err, sizeof(err));
	free(copy);
	KTAP_EXPECT_EQ_CTX(ok, !want_text, "%s: %s", json, err);
	if (want_text) {
		KTAP_EXPECT(ids == NULL && n == 0);
		if (!strstr(err, want_text) && ktap_fail_begin())
			printf("# error \"%s\" lacks \"%s\"\n", err, want_text);
		return;
	}
	KTAP_EXPECT_EQ(n, want_n);
	KTAP_EXPECT(qkd_uuid_parse(ID_A, a) && qkd_uuid_parse(ID_B, b));
	if (ids && n == 2) {
		KTAP_EXPECT_MEM(ids[0], a, QKD_KEY_ID_LEN);
		KTAP_EXPECT_MEM(ids[1], b, QKD_KEY_ID_LEN);
	}
	free(ids);
}

static void test_key_ids(void)
{
	char *big;
	size_t i, room = 32 + (QKD_CONTAINER_MAX + 1) * 64;
	int o;

	key_ids("{\"key_IDs\":[{\"key_ID\":\"" ID_A_UPPER "\"},{\"key_ID\":\"" ID_B "\","
		"\"key_ID_extension\":{}}]}\n", NULL, 2);
	key_ids("{\"key_IDs\":[]}", "0 key IDs: expected 1 to 1024", 0);
	key_ids("{\"keys\":[]}", "no \"key_IDs\" array", 0);
	key_ids("[]", "no \"key_IDs\" array", 0);
	key_ids("{\"key_IDs\":[\"" ID_A "\"]}", "key_IDs[0] is not {\"key_ID\":UUID}", 0);
	key_ids("{\"key_IDs\":[{\"key_ID\":\"" ID_A "\"},{\"key_ID\":\"xyz\"}]}",
		"key_IDs[1]: key_ID is not a UUID", 0);
	key_ids("{\"key_IDs\":[{\"key_ID\":\"" ID_A "\"},{\"key_ID\":\"" ID_A_UPPER "\"}]}",
		"key_IDs[1]: key ID " ID_A " given twice (key_IDs[0])", 0);
	key_ids("{\"key_IDs\":[{\"key_ID\":\"" ID_A "\"}", "not JSON", 0);
	key_ids("", "not JSON", 0);

	big = malloc(room);
	KTAP_EXPECT(big != NULL);
	if (!big)
		return;
	o = snprintf(big, room, "{\"key_IDs\":[");
	for (i = 0; i <= QKD_CONTAINER_MAX; i++)
		o += snprintf(big + o, room - (size_t)o, "%s{\"key_ID\":\"00000000-0000-0000-0000-%012zx\"}",
			      i ? "," : "", i);
	snprintf(big + o, room - (size_t)o, "]}");
	key_ids(big, "1025 key IDs: expected 1 to 1024", 0);
	free(big);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_uuid),
	KTAP_CASE(test_good),
	KTAP_CASE(test_count),
	KTAP_CASE(test_dup_id),
	KTAP_CASE(test_bad_uuid),
	KTAP_CASE(test_bad_base64),
	KTAP_CASE(test_wrong_size),
	KTAP_CASE(test_not_json),
	KTAP_CASE(test_bool_wrapper),
	KTAP_CASE(test_key_ids),
};

KTAP_MAIN(cases)
