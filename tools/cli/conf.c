// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec setconf DEV FILE
 * kpsec addconf DEV FILE
 *
 * Load a node configuration file (lib/nodeconf.h): this node's ID and
 * private key, and its key ring of other nodes' public keys.  The whole
 * file is read and checked before anything is sent; then one
 * KPSEC_CMD_SET_DEVICE carries it all, and the kernel applies all of it
 * or none.  setconf replaces the key ring (KPSEC_DEVICE_F_REPLACE_KEYRING);
 * addconf adds the entries it names and keeps the others.
 *
 * kpsec.ko has no place for a [SymKeyRing] (kpsec-plan's pool keys) yet:
 * a file that gives one is refused whole rather than loaded without it,
 * which would leave the node short of the keys its plan counts on.
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

/* Far more than 128 ring lines and their comments need. */
#define CONF_FILE_MAX (1024 * 1024)

/* Room in the request: device, flags, node id, private key; one ring entry. */
#define CONF_ATTR_ROOM 128
#define RING_ENTRY_ROOM (4 + 8 + 4 + KPSEC_KEY_LEN)

static void conf_usage(const char *command)
{
	bool replace = !strcmp(command, "setconf");

	printf("Usage: kpsec %s DEV FILE\n"
	       "\n"
	       "Load the node configuration FILE into the kpsec device DEV: this node's ID\n"
	       "and private key, and the public keys of other nodes (its key ring).\n",
	       command);
	if (replace)
		puts("The key ring becomes the one FILE gives: keys of nodes it does not name\n"
		     "are removed (\"kpsec addconf\" keeps them).");
	else
		puts("The keys FILE gives are added to the key ring or replace the key held for\n"
		     "that node; the others stay (\"kpsec setconf\" replaces the whole ring).");
	puts("\n"
	     "FILE, or - for standard input, looks like this:\n"
	     "\n"
	     "  # node 7 of the mesh\n"
	     "  [Node]\n"
	     "  NodeID = 7\n"
	     "  PrivateKey = <this node's private key, as \"kpsec genkey\" writes it>\n"
	     "\n"
	     "  [KeyRing]\n"
	     "  3 = <node 3's public key, as \"kpsec pubkey\" writes it>\n"
	     "  9 = <node 9's public key>\n"
	     "\n"
	     "Both sections, and both keys of [Node], are optional.  Names are\n"
	     "case-insensitive; '#' starts a comment.  A key ring holds at most 128 keys,\n"
	     "never this node's own.  A [SymKeyRing] section of pool keys (from kpsec-plan)\n"
	     "is refused: this kpsec.ko cannot hold a symmetric key ring yet.  The whole file\n"
	     "is checked before anything is sent: an error names FILE and the line.  The\n"
	     "kernel applies all of it or, when it refuses any part, none of it.  Keep FILE\n"
	     "private (umask 077): it holds the private key.  Needs CAP_NET_ADMIN.\n"
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
	/* Never dropped silently: the ring would be missing with no word said. */
	if (conf->n_sym) {
		report("%s:%u: symmetric key rings are not supported by this kpsec.ko",
		       input_name(path), conf->sym[0].line);
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

static bool build_request(struct nl_msg *msg, const struct kpsec_nodeconf *conf,
			  unsigned int ifindex, bool replace)
{
	bool ok;

	/* setconf sends the ring even when empty: it empties the kernel's. */
	ok = nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, ifindex) >= 0 &&
	     (!replace ||
	      nla_put_u32(msg, KPSEC_A_DEVICE_FLAGS, KPSEC_DEVICE_F_REPLACE_KEYRING) >= 0) &&
	     (!conf->has_node_id ||
	      nla_put_u32(msg, KPSEC_A_DEVICE_NODE_ID, conf->node_id) >= 0) &&
	     (!conf->has_private_key ||
	      nla_put(msg, KPSEC_A_DEVICE_PRIVATE_KEY, KPSEC_KEY_LEN, conf->private_key) >= 0) &&
	     ((!replace && !conf->n_ring) || put_ring(msg, conf));
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
				 CONF_ATTR_ROOM + conf->n_ring * RING_ENTRY_ROOM);
	if (msg && build_request(msg, conf, ifindex, replace) &&
	    kpsec_genl_transact(&genl, msg, device, NULL, NULL) == KPSEC_TRANSACT_OK)
		ret = 0;
	/* Wipes the private key in the request. */
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
