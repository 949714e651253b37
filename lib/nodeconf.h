/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The node configuration file of "kpsec setconf" and "kpsec addconf":
 * this node's ID and private key, its key ring of other nodes' public
 * keys, and its ring of symmetric keys drawn from a key pool (written by
 * kpsec-plan).
 *
 *     # node 7 of the mesh
 *     [Node]
 *     NodeID = 7
 *     PrivateKey = <base64 of 32 bytes>
 *     SymQ = 2
 *
 *     [KeyRing]
 *     3 = <base64 of node 3's public key, 32 bytes>
 *     9 = <base64 of node 9's public key>
 *
 *     [SymKeyRing]
 *     17 = <base64 of pool key 17, 32 bytes>
 *     204 = <base64 of pool key 204>
 *
 * Section and key names are case-insensitive; whitespace around them,
 * around '=' and at the ends of lines is ignored; blank lines are
 * allowed, '#' starts a comment that runs to the end of its line, and
 * lines may end in CR LF.  All sections, and every key of [Node], are
 * optional, and a section may come more than once.  SymQ (1 to 16) is
 * how many pool keys two radio neighbours must share to be joined by the
 * symmetric ring, kpsec.ko's KPSEC_A_DEVICE_SYMRING_Q.  [KeyRing] lines are
 * "NODE = PUBLIC KEY", NODE a decimal node ID from 1 to 2^32 - 2.
 * [SymKeyRing] lines are "KEYID = KEY", KEYID a decimal pool key ID from
 * 0 to 2^32 - 2, each ID at most once, KEY never all zeros (that one ID
 * names one key across all nodes' files is the planner's to keep, not
 * checked here).  "kpsec setconf" loads it into kpsec.ko's symmetric
 * ring (KPSEC_A_DEVICE_SYMRING).
 *
 * Userspace only (the kpsec CLI, the host tests and the fuzzer): not
 * part of kpsec.ko, which takes the parsed result over netlink.
 */
#ifndef KPSEC_LIB_NODECONF_H
#define KPSEC_LIB_NODECONF_H

#include "kpsec_types.h"

/* The same values as KPSEC_KEY_LEN and KPSEC_KEYRING_MAX of uapi/kpsec.h. */
#define KPSEC_NODECONF_KEY_LEN 32
#define KPSEC_NODECONF_RING_MAX 128
/* Characters in a line, its CR LF or LF not counted. */
#define KPSEC_NODECONF_LINE_MAX 1023
#define KPSEC_NODECONF_NODE_ID_MAX 0xfffffffeU
/* [SymKeyRing]: enough for random-pool rings and t-UKP with m <= 16, t <= 15. */
#define KPSEC_NODECONF_SYMRING_MAX 256
#define KPSEC_NODECONF_SYM_ID_MAX 0xfffffffeU
/* KPSEC_SYMRING_Q_MAX of uapi/kpsec.h */
#define KPSEC_NODECONF_SYM_Q_MAX 16

struct kpsec_nodeconf_ring_entry {
	u32 node;
	u8 pub[KPSEC_NODECONF_KEY_LEN];
	unsigned int line;		/* where the file gives it, from 1 */
};

struct kpsec_nodeconf_sym_entry {
	u32 id;				/* pool key ID */
	u8 key[KPSEC_NODECONF_KEY_LEN];	/* secret */
	unsigned int line;
};

/* Lines count from 1; a line of 0 means the key is absent. */
struct kpsec_nodeconf {
	bool has_node_id;
	u32 node_id;
	unsigned int node_id_line;
	bool has_private_key;
	u8 private_key[KPSEC_NODECONF_KEY_LEN];
	unsigned int private_key_line;
	bool has_sym_q;
	u32 sym_q;
	unsigned int sym_q_line;
	unsigned int n_ring;		/* in file order */
	struct kpsec_nodeconf_ring_entry ring[KPSEC_NODECONF_RING_MAX];
	unsigned int n_sym;		/* in file order */
	struct kpsec_nodeconf_sym_entry sym[KPSEC_NODECONF_SYMRING_MAX];
};

enum kpsec_nodeconf_err {
	KPSEC_NODECONF_OK = 0,
	KPSEC_NODECONF_LINE_TOO_LONG,	/* more than KPSEC_NODECONF_LINE_MAX */
	KPSEC_NODECONF_BAD_HEADER,	/* '[' without a closing ']' at the end */
	KPSEC_NODECONF_UNKNOWN_SECTION,	/* not [Node], [KeyRing] or [SymKeyRing] */
	KPSEC_NODECONF_NO_EQUALS,	/* neither a header nor KEY = VALUE */
	KPSEC_NODECONF_OUTSIDE_SECTION,	/* KEY = VALUE before any header */
	KPSEC_NODECONF_UNKNOWN_KEY,	/* in [Node]: not NodeID, PrivateKey or SymQ */
	KPSEC_NODECONF_DUP_NODE_ID,	/* a second NodeID */
	KPSEC_NODECONF_DUP_PRIVATE_KEY,	/* a second PrivateKey */
	KPSEC_NODECONF_BAD_NODE_ID,	/* not a decimal from 1 to 2^32 - 2 */
	KPSEC_NODECONF_BAD_BASE64,	/* a key that is not canonical base64 */
	KPSEC_NODECONF_BAD_KEY_LEN,	/* a key that decodes to another length */
	KPSEC_NODECONF_DUP_RING_ID,	/* a node given twice in [KeyRing] */
	KPSEC_NODECONF_OWN_ID_IN_RING,	/* NodeID given in [KeyRing] too */
	KPSEC_NODECONF_RING_FULL,	/* more than KPSEC_NODECONF_RING_MAX */
	KPSEC_NODECONF_BAD_SYM_ID,	/* not a decimal from 0 to 2^32 - 2 */
	KPSEC_NODECONF_ZERO_SYM_KEY,	/* an all-zero key in [SymKeyRing] */
	KPSEC_NODECONF_DUP_SYM_ID,	/* a key ID given twice in [SymKeyRing] */
	KPSEC_NODECONF_SYMRING_FULL,	/* more than KPSEC_NODECONF_SYMRING_MAX */
	KPSEC_NODECONF_DUP_SYM_Q,	/* a second SymQ */
	KPSEC_NODECONF_BAD_SYM_Q,	/* not a decimal from 1 to 16 */
	__KPSEC_NODECONF_ERR_MAX
};

/*
 * Parse the @len bytes of @text (no NUL needed) into @conf.  Line by
 * line, the first defect found is returned and *@line set to its line
 * (from 1).  Then, when NodeID is given, the first [KeyRing] line naming
 * that node is KPSEC_NODECONF_OWN_ID_IN_RING, wherever NodeID stands.
 * *@line is 0 on success.  On failure @conf holds no key material.
 * Call kpsec_nodeconf_wipe() once done with @conf either way.
 */
enum kpsec_nodeconf_err kpsec_nodeconf_parse(struct kpsec_nodeconf *conf,
					     const char *text, size_t len,
					     unsigned int *line);

/* What is wrong, in a few words for "FILE:LINE: <what>"; never NULL. */
const char *kpsec_nodeconf_strerror(enum kpsec_nodeconf_err err);

/*
 * Zero all of @conf, the private and symmetric keys included, in a way no
 * compiler drops.
 */
void kpsec_nodeconf_wipe(struct kpsec_nodeconf *conf);

#endif /* KPSEC_LIB_NODECONF_H */
