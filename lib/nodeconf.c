// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "base64.h"
#include "nodeconf.h"

/*
 * Each line is checked in this order: its length, then (comment and
 * surrounding whitespace removed) a section header, the '=', the section
 * it belongs to, the key, the value (a pool key: not all zeros), and last
 * whether it repeats what an earlier line gave or overfills its ring.
 */

enum section {
	SECTION_NONE,
	SECTION_NODE,
	SECTION_KEYRING,
	SECTION_SYMKEYRING,
};

/* A key decodes from at most a whole line: room for any of them. */
#define DECODE_ROOM (KPSEC_NODECONF_LINE_MAX / 4 * 3 + 3)

static const char *const messages[__KPSEC_NODECONF_ERR_MAX] = {
	[KPSEC_NODECONF_OK] = "no error",
	[KPSEC_NODECONF_LINE_TOO_LONG] = "line longer than 1023 characters",
	[KPSEC_NODECONF_BAD_HEADER] =
		"malformed section header: expected [Node], [KeyRing] or [SymKeyRing]",
	[KPSEC_NODECONF_UNKNOWN_SECTION] =
		"unknown section: expected [Node], [KeyRing] or [SymKeyRing]",
	[KPSEC_NODECONF_NO_EQUALS] = "no '=' in the line: expected KEY = VALUE or a section header",
	[KPSEC_NODECONF_OUTSIDE_SECTION] =
		"KEY = VALUE outside a section: start with [Node], [KeyRing] or [SymKeyRing]",
	[KPSEC_NODECONF_UNKNOWN_KEY] = "unknown key in [Node]: expected NodeID, PrivateKey or SymQ",
	[KPSEC_NODECONF_DUP_NODE_ID] = "NodeID given twice",
	[KPSEC_NODECONF_DUP_PRIVATE_KEY] = "PrivateKey given twice",
	[KPSEC_NODECONF_BAD_NODE_ID] = "invalid node ID: expected a decimal number from 1 to 4294967294",
	[KPSEC_NODECONF_BAD_BASE64] = "key is not valid base64",
	[KPSEC_NODECONF_BAD_KEY_LEN] = "key is not 32 bytes long: a key is 44 base64 characters",
	[KPSEC_NODECONF_DUP_RING_ID] = "node given twice in [KeyRing]",
	[KPSEC_NODECONF_OWN_ID_IN_RING] = "this node's own NodeID in [KeyRing]: the key ring holds other nodes' keys",
	[KPSEC_NODECONF_RING_FULL] = "more than 128 keys in [KeyRing]",
	[KPSEC_NODECONF_BAD_SYM_ID] =
		"invalid key ID in [SymKeyRing]: expected a decimal number from 0 to 4294967294",
	[KPSEC_NODECONF_ZERO_SYM_KEY] = "key in [SymKeyRing] is all zeros",
	[KPSEC_NODECONF_DUP_SYM_ID] = "key ID given twice in [SymKeyRing]",
	[KPSEC_NODECONF_SYMRING_FULL] = "more than 256 keys in [SymKeyRing]",
	[KPSEC_NODECONF_DUP_SYM_Q] = "SymQ given twice",
	[KPSEC_NODECONF_BAD_SYM_Q] = "invalid SymQ: expected a decimal number from 1 to 16",
};

const char *kpsec_nodeconf_strerror(enum kpsec_nodeconf_err err)
{
	if ((unsigned int)err >= __KPSEC_NODECONF_ERR_MAX)
		return "unknown error";
	return messages[err];
}

static void wipe(void *p, size_t n)
{
	volatile u8 *q = p;

	while (n--)
		q[n] = 0;
}

void kpsec_nodeconf_wipe(struct kpsec_nodeconf *conf)
{
	wipe(conf, sizeof(*conf));
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* A piece of a line: no NUL, not necessarily terminated. */
struct span {
	const char *s;
	size_t n;
};

static struct span trim(struct span t)
{
	while (t.n && is_blank(t.s[0])) {
		t.s++;
		t.n--;
	}
	while (t.n && is_blank(t.s[t.n - 1]))
		t.n--;
	return t;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether @t is @word (lower case), ignoring case. */
static bool is_word(struct span t, const char *word)
{
	size_t i;

	for (i = 0; i < t.n; i++)
		if (!word[i] || lower(t.s[i]) != word[i])
			return false;
	return !word[i];
}

/* A decimal from 0 to @max (below 2^32); leading zeros are fine. */
static bool parse_u32(struct span t, u32 max, u32 *out)
{
	u64 v = 0;
	size_t i;

	if (!t.n)
		return false;
	for (i = 0; i < t.n; i++) {
		if (t.s[i] < '0' || t.s[i] > '9')
			return false;
		v = v * 10 + (u64)(t.s[i] - '0');
		if (v > max)
			return false;
	}
	*out = (u32)v;
	return true;
}

static bool parse_node_id(struct span t, u32 *id)
{
	return parse_u32(t, KPSEC_NODECONF_NODE_ID_MAX, id) && *id != 0;
}

/* Decode the base64 key @t into @key; no other copy is left behind. */
static enum kpsec_nodeconf_err parse_key(struct span t, u8 key[KPSEC_NODECONF_KEY_LEN])
{
	enum kpsec_nodeconf_err err = KPSEC_NODECONF_OK;
	u8 buf[DECODE_ROOM];
	long n;
	size_t i;

	n = kpsec_b64_decode(buf, sizeof(buf), t.s, t.n);
	if (n < 0)
		err = KPSEC_NODECONF_BAD_BASE64;
	else if (n != KPSEC_NODECONF_KEY_LEN)
		err = KPSEC_NODECONF_BAD_KEY_LEN;
	else
		for (i = 0; i < KPSEC_NODECONF_KEY_LEN; i++)
			key[i] = buf[i];
	wipe(buf, sizeof(buf));
	return err;
}

struct parser {
	struct kpsec_nodeconf *conf;
	enum section section;
	unsigned int line;
};

static enum kpsec_nodeconf_err parse_header(struct parser *p, struct span t)
{
	struct span name;

	if (t.n < 2 || t.s[t.n - 1] != ']')
		return KPSEC_NODECONF_BAD_HEADER;
	name = trim((struct span){ t.s + 1, t.n - 2 });
	if (is_word(name, "node"))
		p->section = SECTION_NODE;
	else if (is_word(name, "keyring"))
		p->section = SECTION_KEYRING;
	else if (is_word(name, "symkeyring"))
		p->section = SECTION_SYMKEYRING;
	else
		return KPSEC_NODECONF_UNKNOWN_SECTION;
	return KPSEC_NODECONF_OK;
}

static enum kpsec_nodeconf_err parse_node_key(struct parser *p, struct span key,
					      struct span value)
{
	struct kpsec_nodeconf *conf = p->conf;
	enum kpsec_nodeconf_err err;

	if (is_word(key, "nodeid")) {
		if (conf->has_node_id)
			return KPSEC_NODECONF_DUP_NODE_ID;
		if (!parse_node_id(value, &conf->node_id))
			return KPSEC_NODECONF_BAD_NODE_ID;
		conf->has_node_id = true;
		conf->node_id_line = p->line;
		return KPSEC_NODECONF_OK;
	}
	if (is_word(key, "symq")) {
		if (conf->has_sym_q)
			return KPSEC_NODECONF_DUP_SYM_Q;
		if (!parse_u32(value, KPSEC_NODECONF_SYM_Q_MAX, &conf->sym_q) || !conf->sym_q)
			return KPSEC_NODECONF_BAD_SYM_Q;
		conf->has_sym_q = true;
		conf->sym_q_line = p->line;
		return KPSEC_NODECONF_OK;
	}
	if (is_word(key, "privatekey")) {
		if (conf->has_private_key)
			return KPSEC_NODECONF_DUP_PRIVATE_KEY;
		err = parse_key(value, conf->private_key);
		if (err)
			return err;
		conf->has_private_key = true;
		conf->private_key_line = p->line;
		return KPSEC_NODECONF_OK;
	}
	return KPSEC_NODECONF_UNKNOWN_KEY;
}

static enum kpsec_nodeconf_err parse_ring_entry(struct parser *p, struct span key,
						struct span value)
{
	struct kpsec_nodeconf *conf = p->conf;
	u8 pub[KPSEC_NODECONF_KEY_LEN];
	enum kpsec_nodeconf_err err;
	unsigned int i;
	u32 node;

	if (!parse_node_id(key, &node))
		return KPSEC_NODECONF_BAD_NODE_ID;
	err = parse_key(value, pub);
	if (err)
		return err;
	for (i = 0; i < conf->n_ring; i++)
		if (conf->ring[i].node == node)
			return KPSEC_NODECONF_DUP_RING_ID;
	if (conf->n_ring == KPSEC_NODECONF_RING_MAX)
		return KPSEC_NODECONF_RING_FULL;
	conf->ring[conf->n_ring].node = node;
	for (i = 0; i < KPSEC_NODECONF_KEY_LEN; i++)
		conf->ring[conf->n_ring].pub[i] = pub[i];
	conf->ring[conf->n_ring].line = p->line;
	conf->n_ring++;
	return KPSEC_NODECONF_OK;
}

/* The checks in order: the ID, the key, all zeros, a repeat, room. */
static enum kpsec_nodeconf_err check_sym_entry(struct kpsec_nodeconf *conf, struct span id_text,
					       struct span value, u32 *id,
					       u8 key[KPSEC_NODECONF_KEY_LEN])
{
	enum kpsec_nodeconf_err err;
	unsigned int i;
	u8 acc = 0;

	if (!parse_u32(id_text, KPSEC_NODECONF_SYM_ID_MAX, id))
		return KPSEC_NODECONF_BAD_SYM_ID;
	err = parse_key(value, key);
	if (err)
		return err;
	/* A pool key of zeros is what an unfilled buffer looks like. */
	for (i = 0; i < KPSEC_NODECONF_KEY_LEN; i++)
		acc |= key[i];
	if (!acc)
		return KPSEC_NODECONF_ZERO_SYM_KEY;
	for (i = 0; i < conf->n_sym; i++)
		if (conf->sym[i].id == *id)
			return KPSEC_NODECONF_DUP_SYM_ID;
	if (conf->n_sym == KPSEC_NODECONF_SYMRING_MAX)
		return KPSEC_NODECONF_SYMRING_FULL;
	return KPSEC_NODECONF_OK;
}

static enum kpsec_nodeconf_err parse_sym_entry(struct parser *p, struct span id_text,
					       struct span value)
{
	struct kpsec_nodeconf *conf = p->conf;
	u8 key[KPSEC_NODECONF_KEY_LEN];
	struct kpsec_nodeconf_sym_entry *e;
	enum kpsec_nodeconf_err err;
	unsigned int i;
	u32 id;

	err = check_sym_entry(conf, id_text, value, &id, key);
	if (!err) {
		e = &conf->sym[conf->n_sym++];
		e->id = id;
		for (i = 0; i < KPSEC_NODECONF_KEY_LEN; i++)
			e->key[i] = key[i];
		e->line = p->line;
	}
	/* The secret must not outlive the call on the stack either. */
	wipe(key, sizeof(key));
	return err;
}

/* One line, without its line feed. */
static enum kpsec_nodeconf_err parse_line(struct parser *p, struct span t)
{
	struct span key, value;
	size_t i;

	for (i = 0; i < t.n; i++) {
		if (t.s[i] == '#') {
			t.n = i;
			break;
		}
	}
	t = trim(t);
	if (!t.n)
		return KPSEC_NODECONF_OK;
	if (t.s[0] == '[')
		return parse_header(p, t);
	for (i = 0; i < t.n && t.s[i] != '='; i++)
		;
	if (i == t.n)
		return KPSEC_NODECONF_NO_EQUALS;
	if (p->section == SECTION_NONE)
		return KPSEC_NODECONF_OUTSIDE_SECTION;
	key = trim((struct span){ t.s, i });
	value = trim((struct span){ t.s + i + 1, t.n - i - 1 });
	if (p->section == SECTION_NODE)
		return parse_node_key(p, key, value);
	if (p->section == SECTION_KEYRING)
		return parse_ring_entry(p, key, value);
	return parse_sym_entry(p, key, value);
}

static enum kpsec_nodeconf_err parse_lines(struct parser *p, const char *text,
					   size_t len)
{
	enum kpsec_nodeconf_err err;
	size_t pos = 0, start, n;

	while (pos < len) {
		start = pos;
		while (pos < len && text[pos] != '\n')
			pos++;
		n = pos - start;
		if (pos < len)
			pos++;		/* the line feed */
		p->line++;
		if (n - (n && text[start + n - 1] == '\r') > KPSEC_NODECONF_LINE_MAX)
			return KPSEC_NODECONF_LINE_TOO_LONG;
		err = parse_line(p, (struct span){ text + start, n });
		if (err)
			return err;
	}
	return KPSEC_NODECONF_OK;
}

enum kpsec_nodeconf_err kpsec_nodeconf_parse(struct kpsec_nodeconf *conf,
					     const char *text, size_t len,
					     unsigned int *line)
{
	struct parser p = { .conf = conf, .section = SECTION_NONE };
	enum kpsec_nodeconf_err err;
	unsigned int i;

	kpsec_nodeconf_wipe(conf);
	err = parse_lines(&p, text, len);
	for (i = 0; !err && conf->has_node_id && i < conf->n_ring; i++) {
		if (conf->ring[i].node == conf->node_id) {
			p.line = conf->ring[i].line;
			err = KPSEC_NODECONF_OWN_ID_IN_RING;
		}
	}
	if (err) {
		kpsec_nodeconf_wipe(conf);
		*line = p.line;
		return err;
	}
	*line = 0;
	return KPSEC_NODECONF_OK;
}
