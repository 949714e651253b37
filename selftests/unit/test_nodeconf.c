// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of lib/nodeconf.c: the node configuration file of
 * "kpsec setconf" and "kpsec addconf".  Every error comes with the line it
 * is on; the accepted forms (case, whitespace, comments, CR LF) give the
 * same result; no key, private or symmetric, survives a failure or a wipe.
 */
#include <stdarg.h>

#include "ktap.h"
#include "base64.h"
#include "nodeconf.h"

#define B64_KEY_LEN KPSEC_B64_LEN(KPSEC_NODECONF_KEY_LEN)

/* The 32-byte key i, i+1, ..., i+31 and its base64. */
static void make_key(u8 seed, u8 key[KPSEC_NODECONF_KEY_LEN], char b64[B64_KEY_LEN + 1])
{
	unsigned int i;

	for (i = 0; i < KPSEC_NODECONF_KEY_LEN; i++)
		key[i] = (u8)(seed + i);
	kpsec_b64_encode(b64, key, KPSEC_NODECONF_KEY_LEN);
}

static char k1[B64_KEY_LEN + 1], k2[B64_KEY_LEN + 1], k3[B64_KEY_LEN + 1];
static u8 raw1[KPSEC_NODECONF_KEY_LEN], raw2[KPSEC_NODECONF_KEY_LEN],
	  raw3[KPSEC_NODECONF_KEY_LEN];

static void make_keys(void)
{
	make_key(1, raw1, k1);
	make_key(100, raw2, k2);
	make_key(200, raw3, k3);
}

/* printf into a buffer that lives until the next call. */
static const char *text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *text(const char *fmt, ...)
{
	static char buf[1 << 16];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return buf;
}

static struct kpsec_nodeconf conf;

/* Parse @s from an exact-size heap copy (ASan bounds); the error, line in *@line. */
static enum kpsec_nodeconf_err parse_len(const char *s, size_t n, unsigned int *line)
{
	char *copy = ktap_dup(s, n);
	enum kpsec_nodeconf_err err;

	*line = 12345;
	err = kpsec_nodeconf_parse(&conf, copy, n, line);
	free(copy);
	return err;
}

static enum kpsec_nodeconf_err parse(const char *s, unsigned int *line)
{
	return parse_len(s, strlen(s), line);
}

static bool all_zero(const void *p, size_t n)
{
	const u8 *b = p;

	while (n--)
		if (*b++)
			return false;
	return true;
}

static void expect_full(unsigned int node_line, unsigned int key_line,
			unsigned int ring3_line, unsigned int ring9_line)
{
	KTAP_EXPECT(conf.has_node_id);
	KTAP_EXPECT_EQ(conf.node_id, 7);
	KTAP_EXPECT_EQ(conf.node_id_line, node_line);
	KTAP_EXPECT(conf.has_private_key);
	KTAP_EXPECT_MEM(conf.private_key, raw1, KPSEC_NODECONF_KEY_LEN);
	KTAP_EXPECT_EQ(conf.private_key_line, key_line);
	KTAP_EXPECT_EQ(conf.n_ring, 2);
	KTAP_EXPECT_EQ(conf.ring[0].node, 3);
	KTAP_EXPECT_MEM(conf.ring[0].pub, raw2, KPSEC_NODECONF_KEY_LEN);
	KTAP_EXPECT_EQ(conf.ring[0].line, ring3_line);
	KTAP_EXPECT_EQ(conf.ring[1].node, 9);
	KTAP_EXPECT_MEM(conf.ring[1].pub, raw3, KPSEC_NODECONF_KEY_LEN);
	KTAP_EXPECT_EQ(conf.ring[1].line, ring9_line);
}

static void test_good_file(void)
{
	unsigned int line;

	make_keys();
	KTAP_EXPECT_EQ(parse(text("# node 7 of the mesh\n"
				  "[Node]\n"
				  "NodeID = 7\n"
				  "PrivateKey = %s\n"
				  "\n"
				  "[KeyRing]\n"
				  "3 = %s\n"
				  "9 = %s\n", k1, k2, k3), &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(line, 0);
	expect_full(3, 4, 7, 8);
	kpsec_nodeconf_wipe(&conf);
	KTAP_EXPECT(all_zero(&conf, sizeof(conf)));
}

static void test_optional_parts(void)
{
	unsigned int line;

	KTAP_EXPECT_EQ(parse("", &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(line, 0);
	KTAP_EXPECT(!conf.has_node_id && !conf.has_private_key && !conf.n_ring);
	KTAP_EXPECT_EQ(parse("\n\n# nothing\n  \t\n", &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT(!conf.has_node_id && !conf.has_private_key && !conf.n_ring);
	KTAP_EXPECT_EQ(parse("[Node]\n[KeyRing]\n", &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT(!conf.has_node_id && !conf.has_private_key && !conf.n_ring);

	/* The ring alone, the node alone, each key of the node alone. */
	KTAP_EXPECT_EQ(parse(text("[KeyRing]\n5 = %s\n", k2), &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT(!conf.has_node_id && !conf.has_private_key);
	KTAP_EXPECT_EQ(conf.n_ring, 1);
	KTAP_EXPECT_EQ(conf.ring[0].node, 5);
	KTAP_EXPECT_EQ(parse("[Node]\nNodeID = 4294967294\n", &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT(conf.has_node_id && !conf.has_private_key && !conf.n_ring);
	KTAP_EXPECT_EQ(conf.node_id, 4294967294U);
	KTAP_EXPECT_EQ(parse(text("[Node]\nPrivateKey = %s", k1), &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT(!conf.has_node_id && conf.has_private_key);
	KTAP_EXPECT_MEM(conf.private_key, raw1, KPSEC_NODECONF_KEY_LEN);

	/* A section may come again; order does not matter. */
	KTAP_EXPECT_EQ(parse(text("[KeyRing]\n3 = %s\n[Node]\nNodeID = 7\n"
				  "[KeyRing]\n9 = %s\n[Node]\nPrivateKey = %s\n",
				  k2, k3, k1), &line), KPSEC_NODECONF_OK);
	expect_full(4, 8, 2, 6);
	KTAP_EXPECT_EQ(parse("[Node]\nNodeID = 0007\n", &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(conf.node_id, 7);
	KTAP_EXPECT(!conf.has_sym_q);

	/* SymQ alone, at both ends of its range, with its line. */
	KTAP_EXPECT_EQ(parse("# q\n[Node]\nSymQ = 1\n", &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT(conf.has_sym_q && !conf.has_node_id && !conf.has_private_key);
	KTAP_EXPECT_EQ(conf.sym_q, 1);
	KTAP_EXPECT_EQ(conf.sym_q_line, 3);
	KTAP_EXPECT_EQ(parse(text("[Node]\nNodeID = 7\n  symq=16 # pool\n[SymKeyRing]\n4 = %s\n",
				  k2), &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT(conf.has_sym_q && conf.has_node_id);
	KTAP_EXPECT_EQ(conf.sym_q, 16);
	KTAP_EXPECT_EQ(conf.n_sym, 1);
}

static void test_case_and_whitespace(void)
{
	unsigned int line;

	KTAP_EXPECT_EQ(parse(text("[NODE]\n"
				  "nodeid=7\n"
				  "  PRIVATEKEY\t=\t%s   \t\n"
				  "[ keyring ]   # the others\n"
				  "\t3\t=%s# node 3\n"
				  "9 =    %s\n", k1, k2, k3), &line), KPSEC_NODECONF_OK);
	expect_full(2, 3, 5, 6);
	KTAP_EXPECT_EQ(parse(text("[node]\nNoDeId = 7\npRiVaTeKeY = %s\n[kEyRiNg]\n"
				  "3 = %s\n9 = %s\n", k1, k2, k3), &line), KPSEC_NODECONF_OK);
	expect_full(2, 3, 5, 6);
}

static void test_crlf(void)
{
	unsigned int line;

	KTAP_EXPECT_EQ(parse(text("# comment\r\n[Node]\r\nNodeID = 7\r\nPrivateKey = %s\r\n"
				  "\r\n[KeyRing]\r\n3 = %s\r\n9 = %s", k1, k2, k3), &line),
		       KPSEC_NODECONF_OK);
	expect_full(3, 4, 7, 8);
	/* Errors count CR LF lines the same way. */
	KTAP_EXPECT_EQ(parse("[Node]\r\n\r\nNodeID = x\r\n", &line),
		       KPSEC_NODECONF_BAD_NODE_ID);
	KTAP_EXPECT_EQ(line, 3);
}

static const struct {
	const char *fmt;	/* %1$s: a good key */
	enum kpsec_nodeconf_err err;
	unsigned int line;
} bad[] = {
	{ "[Node]\nNodeID 7\n", KPSEC_NODECONF_NO_EQUALS, 2 },
	{ "junk\n", KPSEC_NODECONF_NO_EQUALS, 1 },
	{ "[KeyRing]\n\n\n3\n", KPSEC_NODECONF_NO_EQUALS, 4 },
	/* Without its '=', a key's padding is taken for the separator. */
	{ "[KeyRing]\n3 %1$s\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[Peer]\n", KPSEC_NODECONF_UNKNOWN_SECTION, 1 },
	{ "[Node]\n[Interface]\n", KPSEC_NODECONF_UNKNOWN_SECTION, 2 },
	{ "[]\n", KPSEC_NODECONF_UNKNOWN_SECTION, 1 },
	{ "[Key Ring]\n", KPSEC_NODECONF_UNKNOWN_SECTION, 1 },
	{ "[Node\n", KPSEC_NODECONF_BAD_HEADER, 1 },
	{ "#\n[Node] x\n", KPSEC_NODECONF_BAD_HEADER, 2 },
	{ "[\n", KPSEC_NODECONF_BAD_HEADER, 1 },
	{ "[Node]\nNodeId = 7\nListenPort = 5\n", KPSEC_NODECONF_UNKNOWN_KEY, 3 },
	{ "[Node]\nNode ID = 7\n", KPSEC_NODECONF_UNKNOWN_KEY, 2 },
	{ "[Node]\n= 7\n", KPSEC_NODECONF_UNKNOWN_KEY, 2 },
	{ "NodeID = 7\n", KPSEC_NODECONF_OUTSIDE_SECTION, 1 },
	{ "# first\n\n3 = %1$s\n[KeyRing]\n", KPSEC_NODECONF_OUTSIDE_SECTION, 3 },
	{ "[Node]\nNodeID = 7\nNodeID = 7\n", KPSEC_NODECONF_DUP_NODE_ID, 3 },
	{ "[Node]\nNodeID = 7\n[Node]\nnodeid = 8\n", KPSEC_NODECONF_DUP_NODE_ID, 4 },
	{ "[Node]\nPrivateKey = %1$s\nPrivateKey = %1$s\n", KPSEC_NODECONF_DUP_PRIVATE_KEY, 3 },
	{ "[Node]\nNodeID = 0\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[Node]\nNodeID = 0000\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[Node]\nNodeID = 4294967295\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[Node]\nNodeID = 99999999999999999999999\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[Node]\nNodeID = -1\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[Node]\nNodeID = +7\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[Node]\nNodeID = 0x10\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[Node]\nNodeID = 7 8\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[Node]\nNodeID =\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[KeyRing]\n0 = %1$s\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[KeyRing]\n4294967295 = %1$s\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[KeyRing]\nnode3 = %1$s\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[KeyRing]\n = %1$s\n", KPSEC_NODECONF_BAD_NODE_ID, 2 },
	{ "[Node]\nPrivateKey = not base64!\n", KPSEC_NODECONF_BAD_BASE64, 2 },
	{ "[Node]\nPrivateKey = AAAA AAAA\n", KPSEC_NODECONF_BAD_BASE64, 2 },
	{ "[Node]\nPrivateKey = AAA\n", KPSEC_NODECONF_BAD_BASE64, 2 },
	{ "[KeyRing]\n3 = %1$s\n4 = ====\n", KPSEC_NODECONF_BAD_BASE64, 3 },
	{ "[KeyRing]\n3 = AB==\n", KPSEC_NODECONF_BAD_BASE64, 2 },	/* not canonical */
	{ "[Node]\nPrivateKey = AAAA\n", KPSEC_NODECONF_BAD_KEY_LEN, 2 },
	{ "[Node]\nPrivateKey =\n", KPSEC_NODECONF_BAD_KEY_LEN, 2 },
	{ "[KeyRing]\n3 = %1$sAAAA\n", KPSEC_NODECONF_BAD_BASE64, 2 },	/* data after '=' */
	{ "[KeyRing]\n3 = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
	  KPSEC_NODECONF_BAD_KEY_LEN, 2 },	/* 36 bytes */
	{ "[KeyRing]\n3 = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
	  KPSEC_NODECONF_BAD_KEY_LEN, 2 },	/* 30 bytes */
	{ "[KeyRing]\n3 = %1$s\n9 = %1$s\n3 = %1$s\n", KPSEC_NODECONF_DUP_RING_ID, 4 },
	{ "[KeyRing]\n3 = %1$s\n[Node]\n[KeyRing]\n03 = %1$s\n", KPSEC_NODECONF_DUP_RING_ID, 5 },
	{ "[Node]\nNodeID = 7\n[KeyRing]\n3 = %1$s\n7 = %1$s\n", KPSEC_NODECONF_OWN_ID_IN_RING, 5 },
	/* NodeID after the ring: the ring line is the one to fix. */
	{ "[KeyRing]\n3 = %1$s\n7 = %1$s\n[Node]\nNodeID = 7\n", KPSEC_NODECONF_OWN_ID_IN_RING, 3 },
	/* Line by line first: a later defect comes before the whole-file check. */
	{ "[KeyRing]\n7 = %1$s\n[Node]\nNodeID = 7\nfoo\n", KPSEC_NODECONF_NO_EQUALS, 5 },
	/* Within a line: the ID, then the key, then the repeat. */
	{ "[KeyRing]\n3 = %1$s\n3 = AAAA\n", KPSEC_NODECONF_BAD_KEY_LEN, 3 },
	{ "[Node]\nPrivateKey = %1$s\nPrivateKey = junk\n", KPSEC_NODECONF_DUP_PRIVATE_KEY, 3 },
	{ "[Node]\nSymQ = 0\n", KPSEC_NODECONF_BAD_SYM_Q, 2 },
	{ "[Node]\nSymQ = 17\n", KPSEC_NODECONF_BAD_SYM_Q, 2 },
	{ "[Node]\nSymQ = 4294967297\n", KPSEC_NODECONF_BAD_SYM_Q, 2 },
	{ "[Node]\nSymQ = -2\n", KPSEC_NODECONF_BAD_SYM_Q, 2 },
	{ "[Node]\nSymQ = two\n", KPSEC_NODECONF_BAD_SYM_Q, 2 },
	{ "[Node]\nSymQ =\n", KPSEC_NODECONF_BAD_SYM_Q, 2 },
	{ "[Node]\nSymQ = 2\n[Node]\nsymq = 2\n", KPSEC_NODECONF_DUP_SYM_Q, 4 },
	/* q belongs to the node's settings, not to the ring of key IDs */
	{ "[SymKeyRing]\nSymQ = 2\n", KPSEC_NODECONF_BAD_SYM_ID, 2 },
	{ "[Node]\nSym Q = 2\n", KPSEC_NODECONF_UNKNOWN_KEY, 2 },
};

static void test_errors(void)
{
	unsigned int line;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		KTAP_EXPECT_EQ_CTX(parse(text(bad[i].fmt, k1), &line), bad[i].err,
				   "case %zu", i);
		KTAP_EXPECT_EQ_CTX(line, bad[i].line, "case %zu", i);
		/* Nothing is left of a failed parse, keys least of all. */
		KTAP_EXPECT(all_zero(&conf, sizeof(conf)));
	}
}

static void test_failure_wipes_private_key(void)
{
	unsigned int line;

	memset(&conf, 0xa5, sizeof(conf));
	KTAP_EXPECT_EQ(parse(text("[Node]\nPrivateKey = %s\nbogus\n", k1), &line),
		       KPSEC_NODECONF_NO_EQUALS);
	KTAP_EXPECT(!conf.has_private_key);
	KTAP_EXPECT(all_zero(conf.private_key, sizeof(conf.private_key)));
	/* A good parse starts from nothing, not from what @conf held. */
	memset(&conf, 0xa5, sizeof(conf));
	KTAP_EXPECT_EQ(parse("[Node]\n", &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT(all_zero(&conf, sizeof(conf)));
}

static void test_line_length(void)
{
	static char buf[4096];
	unsigned int line;
	size_t n;

	/* A comment line of exactly 1023 characters, then of 1024. */
	n = (size_t)snprintf(buf, sizeof(buf), "[Node]\n#");
	memset(buf + n, 'x', KPSEC_NODECONF_LINE_MAX - 1);
	n += KPSEC_NODECONF_LINE_MAX - 1;
	memcpy(buf + n, "\r\nNodeID = 7\n", 13);
	KTAP_EXPECT_EQ(parse_len(buf, n + 13, &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(conf.node_id_line, 3);
	KTAP_EXPECT_EQ(parse_len(buf, n, &line), KPSEC_NODECONF_OK);	/* no line feed */
	buf[n] = 'x';
	KTAP_EXPECT_EQ(parse_len(buf, n + 13, &line), KPSEC_NODECONF_LINE_TOO_LONG);
	KTAP_EXPECT_EQ(line, 2);
	KTAP_EXPECT_EQ(parse_len(buf, n + 1, &line), KPSEC_NODECONF_LINE_TOO_LONG);
	KTAP_EXPECT_EQ(line, 2);
	/* Leading whitespace counts too: the limit is on the line as written. */
	memset(buf, ' ', KPSEC_NODECONF_LINE_MAX);
	memcpy(buf + KPSEC_NODECONF_LINE_MAX, "[Node]\n", 7);
	KTAP_EXPECT_EQ(parse_len(buf, KPSEC_NODECONF_LINE_MAX + 7, &line),
		       KPSEC_NODECONF_LINE_TOO_LONG);
	KTAP_EXPECT_EQ(line, 1);
}

/* "[KeyRing]" and @n entries 1..n, all with the key k2. */
static size_t ring_file(char *buf, size_t size, unsigned int n)
{
	size_t len = (size_t)snprintf(buf, size, "[KeyRing]\n");
	unsigned int i;

	for (i = 1; i <= n; i++)
		len += (size_t)snprintf(buf + len, size - len, "%u = %s\n", i, k2);
	return len;
}

static void test_ring_full(void)
{
	static char buf[1 << 14];
	unsigned int line;
	size_t n;

	n = ring_file(buf, sizeof(buf), KPSEC_NODECONF_RING_MAX);
	KTAP_EXPECT_EQ(parse_len(buf, n, &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(conf.n_ring, KPSEC_NODECONF_RING_MAX);
	KTAP_EXPECT_EQ(conf.ring[KPSEC_NODECONF_RING_MAX - 1].node, KPSEC_NODECONF_RING_MAX);
	KTAP_EXPECT_EQ(conf.ring[KPSEC_NODECONF_RING_MAX - 1].line, KPSEC_NODECONF_RING_MAX + 1);
	n = ring_file(buf, sizeof(buf), KPSEC_NODECONF_RING_MAX + 1);
	KTAP_EXPECT_EQ(parse_len(buf, n, &line), KPSEC_NODECONF_RING_FULL);
	KTAP_EXPECT_EQ(line, KPSEC_NODECONF_RING_MAX + 2);
	KTAP_EXPECT(all_zero(&conf, sizeof(conf)));
}

static void test_strerror(void)
{
	int i, j;

	for (i = 0; i < __KPSEC_NODECONF_ERR_MAX; i++) {
		const char *m = kpsec_nodeconf_strerror((enum kpsec_nodeconf_err)i);

		KTAP_EXPECT_EQ_CTX(m != NULL && *m, 1, "error %d", i);
		/* One line, no trailing period: it ends "FILE:LINE: <message>". */
		KTAP_EXPECT_EQ_CTX(m && !strchr(m, '\n') && m[strlen(m) - 1] != '.', 1,
				   "error %d", i);
		for (j = 0; j < i; j++)
			KTAP_EXPECT_EQ_CTX(strcmp(m, kpsec_nodeconf_strerror((enum kpsec_nodeconf_err)j)) != 0,
					   1, "errors %d and %d", i, j);
	}
	KTAP_EXPECT(!strcmp(kpsec_nodeconf_strerror(__KPSEC_NODECONF_ERR_MAX), "unknown error"));
	KTAP_EXPECT(!strcmp(kpsec_nodeconf_strerror((enum kpsec_nodeconf_err)-1), "unknown error"));
}

/* Bytes a text editor should not produce are still just bytes. */
static void test_binary(void)
{
	static const char nul_in_comment[] = "[Node]\n# a\0b\nNodeID = 7\n";
	static const char nul_in_value[] = "[Node]\nNodeID = 7\0\n";
	unsigned int line;

	KTAP_EXPECT_EQ(parse_len(nul_in_comment, sizeof(nul_in_comment) - 1, &line),
		       KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(conf.node_id, 7);
	KTAP_EXPECT_EQ(parse_len(nul_in_value, sizeof(nul_in_value) - 1, &line),
		       KPSEC_NODECONF_BAD_NODE_ID);
	KTAP_EXPECT_EQ(line, 2);
	KTAP_EXPECT_EQ(parse("[Node]\n\xff\xfe = 1\n", &line), KPSEC_NODECONF_UNKNOWN_KEY);
	KTAP_EXPECT_EQ(parse("\n\n\n", &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(parse("\r", &line), KPSEC_NODECONF_OK);
}

/* --- [SymKeyRing] ------------------------------------------------------ */

static char kz[B64_KEY_LEN + 1];	/* 32 zero bytes */

static void make_zero_key(void)
{
	static const u8 zeros[KPSEC_NODECONF_KEY_LEN];

	kpsec_b64_encode(kz, zeros, KPSEC_NODECONF_KEY_LEN);
}

static void expect_sym(unsigned int i, u32 id, const u8 *key, unsigned int line)
{
	KTAP_EXPECT_EQ_CTX(conf.sym[i].id, id, "entry %u", i);
	KTAP_EXPECT_MEM(conf.sym[i].key, key, KPSEC_NODECONF_KEY_LEN);
	KTAP_EXPECT_EQ_CTX(conf.sym[i].line, line, "entry %u", i);
}

static void test_symring_good(void)
{
	unsigned int line;

	make_keys();
	KTAP_EXPECT_EQ(parse(text("[Node]\nNodeID = 7\nPrivateKey = %s\n"
				  "[KeyRing]\n3 = %s\n9 = %s\n"
				  "[SymKeyRing]\n"
				  "17 = %s\n"
				  "0 = %s\n"
				  "4294967294 = %s\n", k1, k2, k3, k1, k2, k3), &line),
		       KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(line, 0);
	expect_full(2, 3, 5, 6);
	KTAP_EXPECT_EQ(conf.n_sym, 3);
	expect_sym(0, 17, raw1, 8);
	expect_sym(1, 0, raw2, 9);
	expect_sym(2, KPSEC_NODECONF_SYM_ID_MAX, raw3, 10);

	/* Alone; case, whitespace, comments, CR LF; leading zeros. */
	KTAP_EXPECT_EQ(parse(text("[ symkeyring ] # pool keys\r\n"
				  "\t0005\t=%s\t# five\r\n"
				  "\r\n"
				  "[SYMKEYRING]\r\n"
				  "000 = %s", k1, k2), &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT(!conf.has_node_id && !conf.has_private_key && !conf.n_ring);
	KTAP_EXPECT_EQ(conf.n_sym, 2);
	expect_sym(0, 5, raw1, 2);
	expect_sym(1, 0, raw2, 5);

	/* Pool key IDs are not node IDs: NodeID or a ring node may reuse one. */
	KTAP_EXPECT_EQ(parse(text("[SymKeyRing]\n7 = %s\n3 = %s\n[Node]\nNodeID = 7\n"
				  "[KeyRing]\n3 = %s\n", k1, k2, k3), &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(conf.n_sym, 2);
	KTAP_EXPECT_EQ(conf.n_ring, 1);
	expect_sym(0, 7, raw1, 2);

	/* The same key under two IDs is the planner's business, not a syntax error. */
	KTAP_EXPECT_EQ(parse(text("[SymKeyRing]\n1 = %s\n2 = %s\n", k1, k1), &line),
		       KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(conf.n_sym, 2);
	KTAP_EXPECT_EQ(parse("[SymKeyRing]\n", &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(conf.n_sym, 0);
	kpsec_nodeconf_wipe(&conf);
}

static const struct {
	const char *fmt;	/* %1$s: a good key, %2$s: 32 zero bytes */
	enum kpsec_nodeconf_err err;
	unsigned int line;
} bad_sym[] = {
	{ "[SymKeyRing]\n4294967295 = %1$s\n", KPSEC_NODECONF_BAD_SYM_ID, 2 },
	{ "[SymKeyRing]\n99999999999999999999 = %1$s\n", KPSEC_NODECONF_BAD_SYM_ID, 2 },
	{ "[SymKeyRing]\n-1 = %1$s\n", KPSEC_NODECONF_BAD_SYM_ID, 2 },
	{ "[SymKeyRing]\n+1 = %1$s\n", KPSEC_NODECONF_BAD_SYM_ID, 2 },
	{ "[SymKeyRing]\n0x10 = %1$s\n", KPSEC_NODECONF_BAD_SYM_ID, 2 },
	{ "[SymKeyRing]\n1 2 = %1$s\n", KPSEC_NODECONF_BAD_SYM_ID, 2 },
	{ "[SymKeyRing]\n = %1$s\n", KPSEC_NODECONF_BAD_SYM_ID, 2 },
	{ "[SymKeyRing]\nkey17 = %1$s\n", KPSEC_NODECONF_BAD_SYM_ID, 2 },
	{ "[SymKeyRing]\nNodeID = 7\n", KPSEC_NODECONF_BAD_SYM_ID, 2 },
	{ "[SymKeyRing]\n17\n", KPSEC_NODECONF_NO_EQUALS, 2 },
	{ "[SymKeyRing\n", KPSEC_NODECONF_BAD_HEADER, 1 },
	{ "[Sym KeyRing]\n", KPSEC_NODECONF_UNKNOWN_SECTION, 1 },
	{ "[SymKeyRings]\n", KPSEC_NODECONF_UNKNOWN_SECTION, 1 },
	{ "17 = %1$s\n[SymKeyRing]\n", KPSEC_NODECONF_OUTSIDE_SECTION, 1 },
	{ "[SymKeyRing]\n1 = not base64!\n", KPSEC_NODECONF_BAD_BASE64, 2 },
	{ "[SymKeyRing]\n1 = AAAA\n", KPSEC_NODECONF_BAD_KEY_LEN, 2 },
	{ "[SymKeyRing]\n1 =\n", KPSEC_NODECONF_BAD_KEY_LEN, 2 },
	{ "[SymKeyRing]\n1 = %1$s\n2 = %2$s\n", KPSEC_NODECONF_ZERO_SYM_KEY, 3 },
	{ "[SymKeyRing]\n0 = %2$s\n", KPSEC_NODECONF_ZERO_SYM_KEY, 2 },
	{ "[SymKeyRing]\n1 = %1$s\n2 = %1$s\n1 = %1$s\n", KPSEC_NODECONF_DUP_SYM_ID, 4 },
	{ "[SymKeyRing]\n0 = %1$s\n[Node]\n[symkeyring]\n000 = %1$s\n",
	  KPSEC_NODECONF_DUP_SYM_ID, 5 },
	/* Within a line: the ID, then the key, then all zeros, then the repeat. */
	{ "[SymKeyRing]\n1 = %1$s\n1 = AAAA\n", KPSEC_NODECONF_BAD_KEY_LEN, 3 },
	{ "[SymKeyRing]\n1 = %1$s\n1 = %2$s\n", KPSEC_NODECONF_ZERO_SYM_KEY, 3 },
	{ "[SymKeyRing]\n1 = %1$s\n-1 = %2$s\n", KPSEC_NODECONF_BAD_SYM_ID, 3 },
	/* A failure after good keys of every kind: none may remain. */
	{ "[Node]\nPrivateKey = %1$s\n[KeyRing]\n3 = %1$s\n[SymKeyRing]\n1 = %1$s\nbogus\n",
	  KPSEC_NODECONF_NO_EQUALS, 7 },
	{ "[SymKeyRing]\n1 = %1$s\n[Node]\nNodeID = 7\n[KeyRing]\n7 = %1$s\n",
	  KPSEC_NODECONF_OWN_ID_IN_RING, 6 },
};

static void test_symring_errors(void)
{
	unsigned int line;
	size_t i;

	make_keys();
	make_zero_key();
	for (i = 0; i < sizeof(bad_sym) / sizeof(bad_sym[0]); i++) {
		memset(&conf, 0xa5, sizeof(conf));
		KTAP_EXPECT_EQ_CTX(parse(text(bad_sym[i].fmt, k1, kz), &line), bad_sym[i].err,
				   "case %zu", i);
		KTAP_EXPECT_EQ_CTX(line, bad_sym[i].line, "case %zu", i);
		KTAP_EXPECT_EQ_CTX(all_zero(&conf, sizeof(conf)), 1, "case %zu", i);
	}
}

/* "[SymKeyRing]" and @n entries with IDs 0..n-1, all with the key k3. */
static size_t sym_file(char *buf, size_t size, unsigned int n)
{
	size_t len = (size_t)snprintf(buf, size, "[SymKeyRing]\n");
	unsigned int i;

	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, size - len, "%u = %s\n", i, k3);
	return len;
}

static void test_symring_full(void)
{
	static char buf[1 << 15];
	unsigned int line;
	size_t n;

	make_keys();
	n = sym_file(buf, sizeof(buf), KPSEC_NODECONF_SYMRING_MAX);
	KTAP_EXPECT_EQ(parse_len(buf, n, &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(conf.n_sym, KPSEC_NODECONF_SYMRING_MAX);
	expect_sym(KPSEC_NODECONF_SYMRING_MAX - 1, KPSEC_NODECONF_SYMRING_MAX - 1, raw3,
		   KPSEC_NODECONF_SYMRING_MAX + 1);
	/* The limits are apart: a full public ring leaves room for symmetric keys. */
	n = ring_file(buf, sizeof(buf), KPSEC_NODECONF_RING_MAX);
	n += sym_file(buf + n, sizeof(buf) - n, KPSEC_NODECONF_SYMRING_MAX);
	KTAP_EXPECT_EQ(parse_len(buf, n, &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(conf.n_ring, KPSEC_NODECONF_RING_MAX);
	KTAP_EXPECT_EQ(conf.n_sym, KPSEC_NODECONF_SYMRING_MAX);

	memset(&conf, 0xa5, sizeof(conf));
	n = sym_file(buf, sizeof(buf), KPSEC_NODECONF_SYMRING_MAX + 1);
	KTAP_EXPECT_EQ(parse_len(buf, n, &line), KPSEC_NODECONF_SYMRING_FULL);
	KTAP_EXPECT_EQ(line, KPSEC_NODECONF_SYMRING_MAX + 2);
	KTAP_EXPECT(all_zero(&conf, sizeof(conf)));
}

static void test_symring_wipe(void)
{
	unsigned int line;
	unsigned int i;

	make_keys();
	KTAP_EXPECT_EQ(parse(text("[Node]\nPrivateKey = %s\n[SymKeyRing]\n1 = %s\n2 = %s\n",
				  k1, k2, k3), &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(conf.n_sym, 2);
	kpsec_nodeconf_wipe(&conf);
	KTAP_EXPECT(all_zero(&conf, sizeof(conf)));
	/* Every slot, the unused ones too, from a @conf full of old bytes. */
	memset(&conf, 0xa5, sizeof(conf));
	kpsec_nodeconf_wipe(&conf);
	for (i = 0; i < KPSEC_NODECONF_SYMRING_MAX; i++)
		KTAP_EXPECT_EQ_CTX(all_zero(&conf.sym[i], sizeof(conf.sym[i])), 1, "slot %u", i);
	KTAP_EXPECT(all_zero(&conf, sizeof(conf)));
	/* A good parse leaves nothing of a previous @conf in the slots it does not use. */
	memset(&conf, 0xa5, sizeof(conf));
	KTAP_EXPECT_EQ(parse(text("[SymKeyRing]\n1 = %s\n", k2), &line), KPSEC_NODECONF_OK);
	KTAP_EXPECT_EQ(conf.n_sym, 1);
	KTAP_EXPECT(all_zero(&conf.sym[1], sizeof(conf.sym) - sizeof(conf.sym[0])));
	kpsec_nodeconf_wipe(&conf);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_good_file),
	KTAP_CASE(test_optional_parts),
	KTAP_CASE(test_case_and_whitespace),
	KTAP_CASE(test_crlf),
	KTAP_CASE(test_errors),
	KTAP_CASE(test_failure_wipes_private_key),
	KTAP_CASE(test_line_length),
	KTAP_CASE(test_ring_full),
	KTAP_CASE(test_strerror),
	KTAP_CASE(test_binary),
	KTAP_CASE(test_symring_good),
	KTAP_CASE(test_symring_errors),
	KTAP_CASE(test_symring_full),
	KTAP_CASE(test_symring_wipe),
};

KTAP_MAIN(cases)
