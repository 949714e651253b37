// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz lib/nodeconf.c, the parser of the node configuration files that
 * "kpsec setconf" reads.  The input is the file.  Properties: it never
 * reads outside the text; an error names a line of the text and leaves
 * nothing behind; what it accepts is consistent (IDs in range, the rings
 * free of repeats, the public one of this node's own ID, the symmetric
 * one of all-zero keys, lines in file order) and parses to the same
 * result once written out canonically, in CR LF and other case too.
 */
#include "fuzz.h"
#include "base64.h"
#include "nodeconf.h"

static struct kpsec_nodeconf conf, again;

static bool all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		if (*b++)
			return false;
	return true;
}

static unsigned int count_lines(const char *text, size_t len)
{
	unsigned int lines = 0;
	size_t i;

	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			lines++;
	return lines + (len && text[len - 1] != '\n');
}

static void check_accepted(unsigned int lines)
{
	unsigned int i, j, prev = 0;

	FUZZ_CHECK(conf.n_ring <= KPSEC_NODECONF_RING_MAX);
	FUZZ_CHECK(conf.has_node_id == (conf.node_id_line != 0));
	FUZZ_CHECK(conf.has_private_key == (conf.private_key_line != 0));
	FUZZ_CHECK(conf.node_id_line <= lines && conf.private_key_line <= lines);
	if (conf.has_node_id)
		FUZZ_CHECK(conf.node_id >= 1 && conf.node_id <= KPSEC_NODECONF_NODE_ID_MAX);
	else
		FUZZ_CHECK(conf.node_id == 0);
	if (!conf.has_private_key)
		FUZZ_CHECK(all_zero(conf.private_key, sizeof(conf.private_key)));
	FUZZ_CHECK(conf.has_sym_q == (conf.sym_q_line != 0) && conf.sym_q_line <= lines);
	if (conf.has_sym_q)
		FUZZ_CHECK(conf.sym_q >= 1 && conf.sym_q <= KPSEC_NODECONF_SYM_Q_MAX &&
			   conf.sym_q_line != conf.node_id_line &&
			   conf.sym_q_line != conf.private_key_line);
	else
		FUZZ_CHECK(conf.sym_q == 0);
	for (i = 0; i < conf.n_ring; i++) {
		const struct kpsec_nodeconf_ring_entry *e = &conf.ring[i];

		FUZZ_CHECK(e->node >= 1 && e->node <= KPSEC_NODECONF_NODE_ID_MAX);
		FUZZ_CHECK(!conf.has_node_id || e->node != conf.node_id);
		FUZZ_CHECK(e->line > prev && e->line <= lines);
		FUZZ_CHECK(e->line != conf.node_id_line && e->line != conf.private_key_line &&
			   e->line != conf.sym_q_line);
		prev = e->line;
		for (j = 0; j < i; j++)
			FUZZ_CHECK(conf.ring[j].node != e->node);
	}
	for (i = conf.n_ring; i < KPSEC_NODECONF_RING_MAX; i++)
		FUZZ_CHECK(all_zero(&conf.ring[i], sizeof(conf.ring[i])));

	FUZZ_CHECK(conf.n_sym <= KPSEC_NODECONF_SYMRING_MAX);
	for (i = 0, prev = 0; i < conf.n_sym; i++) {
		const struct kpsec_nodeconf_sym_entry *e = &conf.sym[i];

		FUZZ_CHECK(e->id <= KPSEC_NODECONF_SYM_ID_MAX);
		FUZZ_CHECK(!all_zero(e->key, sizeof(e->key)));
		FUZZ_CHECK(e->line > prev && e->line <= lines);
		FUZZ_CHECK(e->line != conf.node_id_line && e->line != conf.private_key_line &&
			   e->line != conf.sym_q_line);
		prev = e->line;
		for (j = 0; j < conf.n_ring; j++)
			FUZZ_CHECK(conf.ring[j].line != e->line);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(conf.sym[j].id != e->id);
	}
	for (i = conf.n_sym; i < KPSEC_NODECONF_SYMRING_MAX; i++)
		FUZZ_CHECK(all_zero(&conf.sym[i], sizeof(conf.sym[i])));
}

/* @conf written out: one line per item, in @upper case and @crlf ends. */
static size_t write_canonical(char *out, bool upper, bool crlf)
{
	const char *nl = crlf ? "\r\n" : "\n";
	char key[KPSEC_B64_LEN(KPSEC_NODECONF_KEY_LEN) + 1];
	size_t len = 0;
	unsigned int i;

	len += (size_t)sprintf(out + len, "%s%s", upper ? "[NODE]" : "[Node]", nl);
	if (conf.has_node_id)
		len += (size_t)sprintf(out + len, "%s = %u%s",
				       upper ? "NODEID" : "NodeID", conf.node_id, nl);
	if (conf.has_private_key) {
		kpsec_b64_encode(key, conf.private_key, KPSEC_NODECONF_KEY_LEN);
		len += (size_t)sprintf(out + len, "%s=%s%s",
				       upper ? "PRIVATEKEY" : "PrivateKey", key, nl);
	}
	if (conf.has_sym_q)
		len += (size_t)sprintf(out + len, "%s = %u%s", upper ? "SYMQ" : "SymQ",
				       conf.sym_q, nl);
	len += (size_t)sprintf(out + len, "%s%s", upper ? "[KEYRING]" : "[KeyRing]", nl);
	for (i = 0; i < conf.n_ring; i++) {
		kpsec_b64_encode(key, conf.ring[i].pub, KPSEC_NODECONF_KEY_LEN);
		len += (size_t)sprintf(out + len, "\t%u\t= %s # ring%s",
				       conf.ring[i].node, key, nl);
	}
	len += (size_t)sprintf(out + len, "%s%s", upper ? "[SYMKEYRING]" : "[SymKeyRing]", nl);
	for (i = 0; i < conf.n_sym; i++) {
		kpsec_b64_encode(key, conf.sym[i].key, KPSEC_NODECONF_KEY_LEN);
		len += (size_t)sprintf(out + len, "%u=%s%s", conf.sym[i].id, key, nl);
	}
	return len;
}

static void check_round_trip(bool upper, bool crlf)
{
	static char out[(KPSEC_NODECONF_RING_MAX + KPSEC_NODECONF_SYMRING_MAX + 5) * 96];
	unsigned int line, i;
	size_t len = write_canonical(out, upper, crlf);
	char *copy = malloc(len);

	FUZZ_CHECK(copy);
	memcpy(copy, out, len);
	FUZZ_CHECK(kpsec_nodeconf_parse(&again, copy, len, &line) == KPSEC_NODECONF_OK);
	free(copy);
	FUZZ_CHECK(line == 0);
	FUZZ_CHECK(again.has_node_id == conf.has_node_id && again.node_id == conf.node_id);
	FUZZ_CHECK(again.has_private_key == conf.has_private_key &&
		   !memcmp(again.private_key, conf.private_key, KPSEC_NODECONF_KEY_LEN));
	FUZZ_CHECK(again.has_sym_q == conf.has_sym_q && again.sym_q == conf.sym_q);
	FUZZ_CHECK(again.n_ring == conf.n_ring);
	for (i = 0; i < conf.n_ring; i++) {
		FUZZ_CHECK(again.ring[i].node == conf.ring[i].node);
		FUZZ_CHECK(!memcmp(again.ring[i].pub, conf.ring[i].pub, KPSEC_NODECONF_KEY_LEN));
		FUZZ_CHECK(again.ring[i].line == i + 3 + conf.has_node_id + conf.has_private_key +
			   conf.has_sym_q);
	}
	FUZZ_CHECK(again.n_sym == conf.n_sym);
	for (i = 0; i < conf.n_sym; i++) {
		FUZZ_CHECK(again.sym[i].id == conf.sym[i].id);
		FUZZ_CHECK(!memcmp(again.sym[i].key, conf.sym[i].key, KPSEC_NODECONF_KEY_LEN));
		FUZZ_CHECK(again.sym[i].line == i + 4 + conf.has_node_id + conf.has_private_key +
			   conf.has_sym_q + conf.n_ring);
	}
	kpsec_nodeconf_wipe(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size heap copy: ASan sees any read past the end. */
	char *text = malloc(size ? size : 1);
	enum kpsec_nodeconf_err err;
	unsigned int line = 12345, lines;

	FUZZ_CHECK(text);
	if (size)
		memcpy(text, data, size);
	lines = count_lines(text, size);
	err = kpsec_nodeconf_parse(&conf, text, size, &line);
	FUZZ_CHECK((unsigned int)err < __KPSEC_NODECONF_ERR_MAX);
	FUZZ_CHECK(kpsec_nodeconf_strerror(err) != NULL);
	if (err) {
		FUZZ_CHECK(line >= 1 && line <= lines);
		FUZZ_CHECK(all_zero(&conf, sizeof(conf)));
	} else {
		FUZZ_CHECK(line == 0);
		check_accepted(lines);
		check_round_trip(false, false);
		check_round_trip(true, true);
	}
	kpsec_nodeconf_wipe(&conf);
	FUZZ_CHECK(all_zero(&conf, sizeof(conf)));
	free(text);
	return 0;
}
