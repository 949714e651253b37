// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec setconf DEV FILE
 * kpsec addconf DEV FILE
 *
 * Load a node configuration file (lib/nodeconf.h): this node's ID and
 * private key, its key ring of other nodes' public keys and its symmetric
 * ring of pool keys (kpsec-plan's [SymKeyRing]).  The whole file is read
 * and checked before anything is sent; then one KPSEC_CMD_SET_DEVICE
 * carries it all, and the kernel applies all of it or none.  setconf
 * replaces both rings (KPSEC_DEVICE_F_REPLACE_KEYRING and _SYMRING): a
 * file without a section empties that ring.  addconf adds the entries it
 * names and keeps the others.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/attr.h>

#include "conf.h"
#include "genl.h"
#include "kpsec.h"
#include "nodeconf.h"
#include "util.h"

_Static_assert(KPSEC_NODECONF_KEY_LEN == KPSEC_KEY_LEN, "key length");
_Static_assert(KPSEC_NODECONF_RING_MAX == KPSEC_KEYRING_MAX, "key ring size");
_Static_assert(KPSEC_NODECONF_SYMRING_MAX == KPSEC_SYMRING_MAX, "symmetric key ring size");

/* Far more than 128 + 256 ring lines and their comments need. */
#define CONF_FILE_MAX (1024 * 1024)

/* Room in the request: device, flags, node id, private key, sym q, two nests;
 * one entry of either ring (nest, u32 ID, key). */
#define CONF_ATTR_ROOM 128
#define RING_ENTRY_ROOM (4 + 8 + 4 + KPSEC_KEY_LEN)
#define SYM_ENTRY_ROOM (4 + 8 + 4 + KPSEC_KEY_LEN)

static void conf_usage(const char *command)
{
	bool replace = !strcmp(command, "setconf");

	printf("Usage: kpsec %s DEV FILE\n"
	       "\n"
	       "Load the node configuration FILE into the kpsec device DEV: this node's ID\n"
	       "and private key, the public keys of other nodes (its key ring) and its pool\n"
	       "keys (its symmetric key ring).\n",
	       command);
	if (replace)
		puts("Both rings become the ones FILE gives: keys it does not name are removed,\n"
		     "and a ring whose section FILE lacks is emptied (\"kpsec addconf\" keeps\n"
		     "them).");
	else
		puts("The keys FILE gives are added to the rings or replace the key held for that\n"
		     "node or key ID; the others stay (\"kpsec setconf\" replaces both rings).");
	puts("\n"
	     "FILE, or - for standard input, looks like this:\n"
	     "\n"
	     "  # node 7 of the mesh\n"
	     "  [Node]\n"
	     "  NodeID = 7\n"
	     "  PrivateKey = <this node's private key, as \"kpsec genkey\" writes it>\n"
	     "  SymQ = 2\n"
	     "\n"
	     "  [KeyRing]\n"
	     "  3 = <node 3's public key, as \"kpsec pubkey\" writes it>\n"
	     "  9 = <node 9's public key>\n"
	     "\n"
	     "  [SymKeyRing]\n"
	     "  17 = <pool key 17, as kpsec-plan or \"kpsec genpsk\" writes it>\n"
	     "  204 = <pool key 204>\n"
	     "\n"
	     "Every section, and every key of [Node], is optional.  SymQ (1 to 16) is\n"
	     "how many pool keys two radio neighbours must share to be joined, as \"kpsec\n"
	     "set DEV sym-q N\" sets it; without it the device keeps its value.  Names\n"
	     "are case-insensitive; '#' starts a comment.  The key ring holds at most 128\n"
	     "public keys, never this node's own; the symmetric key ring at most 256 pool\n"
	     "keys, known by their IDs (0 to 4294967294).  The whole file is checked\n"
	     "before anything is sent: an error names FILE and the line.  The kernel\n"
	     "applies all of it or, when it refuses any part, none of it.  Keep FILE\n"
	     "private (umask 077): it holds the private key and the pool keys.  Needs\n"
	     "CAP_NET_ADMIN.\n"
	     "\n"
	     "Example: kpsec setconf kpsec0 /etc/kpsec/node7.conf");
}

static bool is_all_zero(const uint8_t *p, size_t len)
{
	uint8_t acc = 0;

	while (len--)
		acc |= *p++;
	return !acc;
}

/* Read and check FILE into @conf; false after reporting "FILE:LINE: ...". */
static bool load_file(const char *path, struct kpsec_nodeconf *conf)
{
	enum kpsec_nodeconf_err err;
	unsigned int line;
	size_t len;
	char *text;

	text = read_secret_file(path, CONF_FILE_MAX, "configuration file", &len);
	if (!text)
		return false;
	err = kpsec_nodeconf_parse(conf, text, len, &line);
	sodium_memzero(text, len);
	free(text);
	if (err) {
		report("%s:%u: %s", input_name(path), line, kpsec_nodeconf_strerror(err));
		return false;
	}
	/* The kernel would take all zeros for "remove the private key". */
	if (conf->has_private_key && is_all_zero(conf->private_key, KPSEC_KEY_LEN)) {
		report("%s:%u: PrivateKey is all zeros: to remove the private key, use \"kpsec set DEV private-key none\"",
		       input_name(path), conf->private_key_line);
		return false;
	}
	return true;
}

static bool put_ring(struct nl_msg *msg, const struct kpsec_nodeconf *conf)
{
	struct nlattr *ring, *entry;
	unsigned int i;

	ring = nla_nest_start(msg, KPSEC_A_DEVICE_KEYRING);
	if (!ring)
		return false;
	for (i = 0; i < conf->n_ring; i++) {
		entry = nla_nest_start(msg, (int)i);
		if (!entry ||
		    nla_put_u32(msg, KPSEC_A_RING_NODE_ID, conf->ring[i].node) < 0 ||
		    nla_put(msg, KPSEC_A_RING_PUBLIC_KEY, KPSEC_KEY_LEN, conf->ring[i].pub) < 0)
			return false;
		nla_nest_end(msg, entry);
	}
	return nla_nest_end(msg, ring) >= 0;
}

/* The pool keys, in file order: the kernel keeps its ring sorted. */
static bool put_symring(struct nl_msg *msg, const struct kpsec_nodeconf *conf)
{
	struct nlattr *ring, *entry;
	unsigned int i;

	ring = nla_nest_start(msg, KPSEC_A_DEVICE_SYMRING);
	if (!ring)
		return false;
	for (i = 0; i < conf->n_sym; i++) {
		entry = nla_nest_start(msg, (int)i);
		if (!entry ||
		    nla_put_u32(msg, KPSEC_A_SYMKEY_ID, conf->sym[i].id) < 0 ||
		    nla_put(msg, KPSEC_A_SYMKEY_KEY, KPSEC_KEY_LEN, conf->sym[i].key) < 0)
			return false;
		nla_nest_end(msg, entry);
	}
	return nla_nest_end(msg, ring) >= 0;
}

static bool build_request(struct nl_msg *msg, const struct kpsec_nodeconf *conf,
			  unsigned int ifindex, bool replace)
{
	bool ok;

	/*
	 * setconf sends both rings even when empty; libnl drops an empty
	 * nest, and then the replace flag alone empties the kernel's ring.
	 */
	ok = nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, ifindex) >= 0 &&
	     (!replace ||
	      nla_put_u32(msg, KPSEC_A_DEVICE_FLAGS, KPSEC_DEVICE_F_REPLACE_KEYRING |
			  KPSEC_DEVICE_F_REPLACE_SYMRING) >= 0) &&
	     (!conf->has_node_id ||
	      nla_put_u32(msg, KPSEC_A_DEVICE_NODE_ID, conf->node_id) >= 0) &&
	     (!conf->has_private_key ||
	      nla_put(msg, KPSEC_A_DEVICE_PRIVATE_KEY, KPSEC_KEY_LEN, conf->private_key) >= 0) &&
	     (!conf->has_sym_q ||
	      nla_put_u32(msg, KPSEC_A_DEVICE_SYMRING_Q, conf->sym_q) >= 0) &&
	     ((!replace && !conf->n_ring) || put_ring(msg, conf)) &&
	     ((!replace && !conf->n_sym) || put_symring(msg, conf));
	if (!ok)
		report("cannot build the request: out of room");
	return ok;
}

static int send_conf(const char *device, unsigned int ifindex,
		     const struct kpsec_nodeconf *conf, bool replace)
{
	struct kpsec_genl genl;
	struct nl_msg *msg;
	int ret = 1;

	if (!kpsec_genl_open(&genl))
		return 1;
	msg = kpsec_genl_request(&genl, KPSEC_CMD_SET_DEVICE, false,
				 CONF_ATTR_ROOM + conf->n_ring * RING_ENTRY_ROOM +
				 conf->n_sym * SYM_ENTRY_ROOM);
	if (msg && build_request(msg, conf, ifindex, replace) &&
	    kpsec_genl_transact(&genl, msg, device, NULL, NULL) == KPSEC_TRANSACT_OK)
		ret = 0;
	/* Wipes the private and pool keys in the request, sent or not. */
	kpsec_genl_free_request(msg);
	kpsec_genl_close(&genl);
	return ret;
}

int cmd_conf(int argc, char **argv)
{
	const char *command = argv[0];
	bool replace = !strcmp(command, "setconf");
	struct kpsec_nodeconf conf;
	unsigned int ifindex;
	int ret = 1;

	if (argc >= 2 && is_help_word(argv[1])) {
		conf_usage(command);
		return 0;
	}
	if (argc < 3) {
		report("%s needs a device and a file: kpsec %s DEV FILE (try \"kpsec %s help\")",
		       command, command, command);
		return EXIT_USAGE;
	}
	if (argc > 3) {
		report_unknown("argument", argv[3], command);
		return EXIT_USAGE;
	}
	if (looks_like_key(argv[2]) && access(argv[2], F_OK)) {
		report("%s takes a file name, not a key: keys are never given on the command line (use a file, or - for standard input)",
		       command);
		return EXIT_USAGE;
	}
	if (!load_file(argv[2], &conf))
		goto out;
	ifindex = device_index("device", argv[1]);
	if (ifindex)
		ret = send_conf(argv[1], ifindex, &conf, replace);
out:
	kpsec_nodeconf_wipe(&conf);
	return ret;
}
