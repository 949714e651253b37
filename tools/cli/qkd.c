// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec qkd import DEV peer NODE FILE
 * kpsec qkd show [DEV [peer NODE [ids]]] [-j]
 * kpsec qkd delete DEV peer NODE {all | id UUID [id UUID]...}
 * kpsec qkd {status | enc-keys | dec-keys} ...      (tools/qkd/client_cmd.c)
 * kpsec qkd watch CONF                              (tools/qkd/watch.c)
 *
 * The QKD key stores of the module: keys go in write-only, all of a
 * container or none (KPSEC_CMD_QKD_ADD_KEYS), counts and key IDs come out
 * (KPSEC_CMD_GET_QKD), and keys are deleted by ID or all of a peer's at
 * once (KPSEC_CMD_QKD_DEL_KEYS).  No key is ever printed, and every
 * buffer that held one is wiped: the file read, the parsed keys, the
 * requests.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/attr.h>

#include "../qkd/container.h"
#include "genl.h"
#include "parse.h"
#include "qkd.h"
#include "qkd_store.h"
#include "util.h"

/* 1024 keys of 1024 bits take some 240 KB; room for pretty-printing. */
#define CONTAINER_FILE_MAX (1024 * 1024)

/* Room in a request besides the keys: device, node, the nest. */
#define QKD_ATTR_ROOM 64

#define IMPORT_SYNTAX "kpsec qkd import DEV peer NODE FILE"
#define SHOW_SYNTAX "kpsec qkd show [DEV [peer NODE [ids]]]"
#define DELETE_SYNTAX "kpsec qkd delete DEV peer NODE {all | id UUID [id UUID]...}"

static void qkd_usage(void)
{
	puts("Usage: kpsec qkd import DEV peer NODE FILE\n"
	     "       kpsec qkd show [DEV [peer NODE [ids]]] [-j | --json]\n"
	     "       kpsec qkd delete DEV peer NODE {all | id UUID [id UUID]...}\n"
	     "       kpsec qkd {status | enc-keys | dec-keys} KMECONF SAE_ID ...\n"
	     "       kpsec qkd watch CONF\n"
	     "       kpsec qkd COMMAND help\n"
	     "\n"
	     "QKD keys: the kpsec device DEV keeps a store of keys for each peer NODE,\n"
	     "keys that a QKD key management entity (KME) handed out to both nodes, known\n"
	     "by their ETSI GS QKD 014 key IDs.  Each key is used by one key exchange,\n"
	     "then wiped.  \"kpsec set DEV qkd hybrid\" mixes one into every session key,\n"
	     "\"qkd only\" makes session keys from them alone (see \"kpsec set help\").\n"
	     "\n"
	     "  import    load the keys of a key container file into NODE's store, all\n"
	     "            of them or none\n"
	     "  show      the QKD policy and the stores of DEV, or of every kpsec device;\n"
	     "            with peer NODE ids, the key IDs NODE's store holds\n"
	     "  delete    delete all of NODE's keys, or those with the key IDs given\n"
	     "  status    ask a KME for the status of the keys shared with another SAE\n"
	     "  enc-keys  get new keys from a KME (as master SAE) into a file or a store\n"
	     "  dec-keys  get the keys with the given key IDs (as slave SAE) likewise\n"
	     "  watch     keep every peer's store above a low mark from the KME, the\n"
	     "            lower node ID of each pair fetching and passing the key IDs\n"
	     "\n"
	     "Without a command, kpsec qkd runs show.  \"kpsec qkd COMMAND help\" tells\n"
	     "more.  Keys are read from files only, and never printed.  Commands that\n"
	     "talk to the module need CAP_NET_ADMIN.  See kpsec-qkd(8).");
}

static void import_usage(void)
{
	puts("Usage: kpsec qkd import DEV peer NODE FILE\n"
	     "\n"
	     "Load the QKD keys of FILE into the store that the kpsec device DEV keeps for\n"
	     "node NODE (1 to 4294967294), all of them or none.  FILE, or - for standard\n"
	     "input, is an ETSI GS QKD 014 key container, as a KME's Get key answer or\n"
	     "\"kpsec qkd enc-keys ... out FILE\" writes it:\n"
	     "\n"
	     "  {\"keys\": [{\"key_ID\": \"<UUID>\", \"key\": \"<base64>\"}, ...]}\n"
	     "\n"
	     "with 1 to 1024 keys of 128 to 1024 bits (whole bytes), no key ID twice.\n"
	     "The whole file is checked first.  A key ID the store already holds, or a\n"
	     "store that would pass 4096 keys, refuses all of it.  Keys that do not fit\n"
	     "one request go in several; should a later one fail, those already in are\n"
	     "deleted again.  Prints \"DEV: imported N keys for node NODE (M stored)\".\n"
	     "Keys are never printed.  Needs CAP_NET_ADMIN.\n"
	     "\n"
	     "Example: kpsec qkd import kpsec0 peer 2 keys.json");
}

static void show_usage(void)
{
	puts("Usage: kpsec qkd show [DEV [peer NODE [ids]]] [-j | --json]\n"
	     "\n"
	     "Show the QKD policy of the kpsec device DEV, or of every kpsec device (see\n"
	     "\"kpsec set help\": qkd, qkd-on-empty, qkd-max-age, qkd-low-watermark), and\n"
	     "one row per node it holds QKD keys for: NODE, the keys AVAILABLE, those\n"
	     "exchanges USED, those ever ADDED, the NEXT KEY ID an exchange this node\n"
	     "begins takes and its size in BITS, and when keys were last added\n"
	     "(REFILLED).\n"
	     "\n"
	     "  peer NODE      only the store of node NODE\n"
	     "  ids            only the key IDs of that store, one a line, oldest first\n"
	     "  -j, --json     JSON: an array of device objects, every key present (null\n"
	     "                 when not known), key_ids null but with ids\n"
	     "\n"
	     "Keys are never shown, only their key IDs.  Needs CAP_NET_ADMIN.\n"
	     "\n"
	     "Example: kpsec qkd show kpsec0 peer 2 ids");
}

static void delete_usage(void)
{
	puts("Usage: kpsec qkd delete DEV peer NODE {all | id UUID [id UUID]...}\n"
	     "\n"
	     "Delete QKD keys from the store that the kpsec device DEV keeps for node\n"
	     "NODE: all of them, or those with the key IDs given (up to 1024), which\n"
	     "must all be there: when one is not, nothing is deleted.  Keys are wiped\n"
	     "as they are deleted.  Needs CAP_NET_ADMIN.\n"
	     "\n"
	     "Example: kpsec qkd delete kpsec0 peer 2 id 3f1c9b2e-5a4d-4c2b-9e7f-0a1b2c3d4e5f");
}

static bool is_json_option(const char *arg)
{
	return !strcmp(arg, "-j") || !strcmp(arg, "--json");
}

/*
 * "DEV peer NODE" at @argv[1..3] of the subcommand @argv[0], which has
 * @argc arguments: 0, or EXIT_USAGE after reporting.  @needs tells what
 * the subcommand needs when arguments are missing.
 */
static int parse_dev_peer(int argc, char **argv, const char *needs, const char *syntax,
			  const char **dev, uint32_t *node)
{
	char command[32];
	int i;

	snprintf(command, sizeof(command), "qkd %s", argv[0]);
	if (argc >= 2 && argv[1][0] == '-') {
		report_unknown("option", argv[1], command);
		return EXIT_USAGE;
	}
	for (i = 1; i < argc && i <= 3; i++) {
		if (looks_like_key(argv[i])) {	/* never echo a key */
			report_unknown("argument", argv[i], command);
			return EXIT_USAGE;
		}
	}
	if (argc >= 3 && strcmp(argv[2], "peer")) {
		report("%s: expected \"peer NODE\" after the device, not \"%s\": %s",
		       command, argv[2], syntax);
		return EXIT_USAGE;
	}
	if (argc == 3) {
		report("peer needs a value: peer NODE (try \"kpsec %s help\")", command);
		return EXIT_USAGE;
	}
	if (argc < 4) {
		report("%s needs %s: %s (try \"kpsec %s help\")", command, needs, syntax,
		       command);
		return EXIT_USAGE;
	}
	*dev = argv[1];
	return parse_node_id(argv[3], node) ? 0 : EXIT_USAGE;
}

/* --- import -------------------------------------------------------------- */

/* Read and check the key container @path into @keys; false after reporting. */
static bool load_container(const char *path, struct qkd_keys *keys)
{
	char err[256];
	size_t len;
	char *text;
	bool ok;

	text = read_secret_file(path, CONTAINER_FILE_MAX, "key container", &len);
	if (!text)
		return false;
	ok = qkd_container_parse(text, len, 0, keys, err, sizeof(err));
	sodium_memzero(text, len);
	free(text);
	if (!ok)
		report("%s: %s", input_name(path), err);
	return ok;
}

/* A request of @cmd for node @node of the device @ifindex, @room bytes more. */
static struct nl_msg *store_request(struct kpsec_genl *genl, uint8_t cmd,
				    unsigned int ifindex, uint32_t node, size_t room)
{
	struct nl_msg *msg;

	msg = kpsec_genl_request(genl, cmd, false, QKD_ATTR_ROOM + room);
	if (msg && (nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, ifindex) < 0 ||
		    nla_put_u32(msg, KPSEC_A_DEVICE_PATH_DST, node) < 0)) {
		kpsec_genl_free_request(msg);
		report("cannot build the request: out of room");
		return NULL;
	}
	return msg;
}

/* One QKD_ADD_KEYS request with the @n keys at @k; false after reporting. */
static bool add_batch(struct kpsec_genl *genl, unsigned int ifindex, const char *dev,
		      uint32_t node, const struct qkd_key *k, size_t n)
{
	size_t i, room = (size_t)nla_total_size(0);
	struct nlattr *list, *entry;
	struct nl_msg *msg;
	bool ok = false;

	for (i = 0; i < n; i++)
		room += kpsec_qkd_key_room(k[i].len);
	msg = store_request(genl, KPSEC_CMD_QKD_ADD_KEYS, ifindex, node, room);
	if (!msg)
		return false;
	list = nla_nest_start(msg, KPSEC_A_DEVICE_QKD_KEYS);
	for (i = 0; list && i < n; i++) {
		entry = nla_nest_start(msg, (int)i);
		if (!entry || nla_put(msg, KPSEC_A_QKD_KEY_ID, QKD_KEY_ID_LEN, k[i].id) < 0 ||
		    nla_put(msg, KPSEC_A_QKD_KEY, (int)k[i].len, k[i].key) < 0)
			break;
		nla_nest_end(msg, entry);
	}
	if (!list || i < n || nla_nest_end(msg, list) < 0)
		report("cannot build the request: out of room");
	else
		ok = kpsec_genl_transact(genl, msg, dev, NULL, NULL) == KPSEC_TRANSACT_OK;
	/* Wipes the keys in it. */
	kpsec_genl_free_request(msg);
	return ok;
}

/*
 * One QKD_DEL_KEYS request for the @n key IDs at @ids (1 .. 1024), or for
 * every key of the node when @n is 0.  A refusal with @tolerated (a
 * positive errno, or 0) is not reported: KPSEC_TRANSACT_TOLERATED.
 */
static enum kpsec_transact_result del_ids(struct kpsec_genl *genl, unsigned int ifindex,
					  const char *dev, uint32_t node,
					  const uint8_t (*ids)[QKD_KEY_ID_LEN], size_t n,
					  int tolerated)
{
	size_t room = (size_t)nla_total_size(0) +
		      n * (size_t)(nla_total_size(0) + nla_total_size(QKD_KEY_ID_LEN));
	enum kpsec_transact_result r = KPSEC_TRANSACT_FAILED;
	struct nlattr *list = NULL, *entry;
	struct nl_msg *msg;
	size_t i = 0;

	msg = store_request(genl, KPSEC_CMD_QKD_DEL_KEYS, ifindex, node, room);
	if (!msg)
		return KPSEC_TRANSACT_FAILED;
	if (n) {
		list = nla_nest_start(msg, KPSEC_A_DEVICE_QKD_KEYS);
		for (i = 0; list && i < n; i++) {
			entry = nla_nest_start(msg, (int)i);
			if (!entry || nla_put(msg, KPSEC_A_QKD_KEY_ID, QKD_KEY_ID_LEN, ids[i]) < 0)
				break;
			nla_nest_end(msg, entry);
		}
	}
	if (n && (!list || i < n || nla_nest_end(msg, list) < 0))
		report("cannot build the request: out of room");
	else
		r = kpsec_genl_transact_tolerating(genl, msg, dev, NULL, NULL, tolerated);
	kpsec_genl_free_request(msg);
	return r;
}

static bool id_in(const uint8_t id[QKD_KEY_ID_LEN], const uint8_t (*ids)[QKD_KEY_ID_LEN],
		  size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!memcmp(id, ids[i], QKD_KEY_ID_LEN))
			return true;
	return false;
}

/* The store of @node that @list (a kpsec_fetch_qkd for it) holds, or NULL. */
static const struct kpsec_qkd_store_info *only_store(const struct kpsec_qkd_list *list,
						     uint32_t node)
{
	return list->n_devices ? kpsec_qkd_find_store(&list->devices[0], node) : NULL;
}

/*
 * The first @n keys of @keys went in, the next request failed: delete
 * again those of them still in the store, in requests of at most 1024.
 * An exchange may have used some meanwhile: that cannot be undone.
 */
static void roll_back(struct kpsec_genl *genl, unsigned int ifindex, const char *dev,
		      uint32_t node, const struct qkd_keys *keys, size_t n)
{
	const struct kpsec_qkd_store_info *s;
	struct kpsec_qkd_list list = { 0 };
	uint8_t (*ids)[QKD_KEY_ID_LEN];
	size_t i, n_ids = 0, done = 0, batch;

	if (!kpsec_fetch_qkd(genl, ifindex, dev, node, &list)) {
		report("%s: cannot delete the %zu keys imported before the failure: node %" PRIu32 "'s store still holds them",
		       dev, n, node);
		return;
	}
	s = only_store(&list, node);
	ids = xcalloc(n, sizeof(*ids));
	for (i = 0; i < n; i++)
		if (s && id_in(keys->k[i].id, (const uint8_t (*)[QKD_KEY_ID_LEN])s->key_ids,
			       s->n_key_ids))
			memcpy(ids[n_ids++], keys->k[i].id, QKD_KEY_ID_LEN);
	kpsec_qkd_list_free(&list);
	while (done < n_ids) {
		batch = n_ids - done < KPSEC_QKD_ADD_MAX ? n_ids - done : KPSEC_QKD_ADD_MAX;
		if (del_ids(genl, ifindex, dev, node,
			    (const uint8_t (*)[QKD_KEY_ID_LEN])ids + done, batch, 0) !=
		    KPSEC_TRANSACT_OK)
			break;
		done += batch;
	}
	free(ids);
	if (done < n_ids)
		report("%s: cannot delete the %zu keys imported before the failure: node %" PRIu32 "'s store still holds %zu of them",
		       dev, n, node, n_ids - done);
	else if (n_ids < n)
		report("%s: deleted again %zu of the %zu keys imported before the failure: exchanges used the other %zu meanwhile",
		       dev, n_ids, n, n - n_ids);
	else
		report("%s: deleted again the %zu keys imported before the failure: nothing imported",
		       dev, n);
}

/*
 * Send @keys in as few ADD_KEYS requests as fit; when one fails, delete
 * the keys of those before.  SIGINT, SIGTERM and SIGHUP wait until it is
 * over: an interrupt between two requests would leave half of it in.
 */
static bool add_all(struct kpsec_genl *genl, unsigned int ifindex, const char *dev,
		    uint32_t node, const struct qkd_keys *keys)
{
	size_t done = 0, n;
	sigset_t block, old;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	while (done < keys->n) {
		n = kpsec_qkd_batch(keys->k + done, keys->n - done);
		if (!add_batch(genl, ifindex, dev, node, keys->k + done, n))
			break;
		done += n;
	}
	if (done && done < keys->n)
		roll_back(genl, ifindex, dev, node, keys, done);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return done == keys->n;
}

/*
 * What the kernel would refuse, told before anything is sent: a key ID
 * the store holds, or a store past KPSEC_QKD_STORE_MAX.
 */
static bool check_import(const char *dev, uint32_t node, const struct qkd_keys *keys,
			 const struct kpsec_qkd_store_info *s)
{
	char id[QKD_UUID_STR_LEN + 1];
	size_t i, held = 0, first = 0;
	uint32_t stored = s ? s->available : 0;

	for (i = 0; s && i < keys->n; i++) {
		if (id_in(keys->k[i].id, (const uint8_t (*)[QKD_KEY_ID_LEN])s->key_ids,
			  s->n_key_ids) && !held++)
			first = i;
	}
	if (held) {
		qkd_uuid_format(id, keys->k[first].id);
		if (held == 1)
			report("%s: node %" PRIu32 "'s store already holds key ID %s: nothing imported",
			       dev, node, id);
		else
			report("%s: node %" PRIu32 "'s store already holds key ID %s and %zu more of these keys: nothing imported",
			       dev, node, id, held - 1);
		return false;
	}
	if ((size_t)stored + keys->n > KPSEC_QKD_STORE_MAX) {
		report("%s: node %" PRIu32 "'s store holds %" PRIu32 " keys: %zu more would pass its %d: nothing imported",
		       dev, node, stored, keys->n, KPSEC_QKD_STORE_MAX);
		return false;
	}
	return true;
}

/* qkd_import, with the keys the store holds afterwards in *@stored. */
static int import_keys(const char *dev, uint32_t node, const struct qkd_keys *keys,
		       uint32_t *stored)
{
	const struct kpsec_qkd_store_info *s;
	struct kpsec_qkd_list list = { 0 };
	struct kpsec_genl genl;
	unsigned int ifindex;
	int ret = -1;

	if (!keys->n) {
		report("%s: no keys to import", dev);
		return -1;
	}
	ifindex = device_index("device", dev);
	if (!ifindex || !kpsec_genl_open(&genl))
		return -1;
	if (kpsec_fetch_qkd(&genl, ifindex, dev, node, &list)) {
		s = only_store(&list, node);
		if (check_import(dev, node, keys, s) &&
		    add_all(&genl, ifindex, dev, node, keys)) {
			*stored = (s ? s->available : 0) + (uint32_t)keys->n;
			ret = 0;
		}
	}
	kpsec_qkd_list_free(&list);
	kpsec_genl_close(&genl);
	return ret;
}

int qkd_import(const char *dev, uint32_t node, const struct qkd_keys *keys)
{
	uint32_t stored;

	return import_keys(dev, node, keys, &stored);
}

static int cmd_import(int argc, char **argv)
{
	struct qkd_keys keys = { 0 };
	const char *dev, *path;
	uint32_t node, stored;
	int ret;

	if (argc >= 2 && is_help_word(argv[1])) {
		import_usage();
		return 0;
	}
	ret = parse_dev_peer(argc, argv, "a device, a peer and a file", IMPORT_SYNTAX,
			     &dev, &node);
	if (ret)
		return ret;
	if (argc < 5) {
		report("qkd import needs a file: " IMPORT_SYNTAX " (try \"kpsec qkd import help\")");
		return EXIT_USAGE;
	}
	path = argv[4];
	if (argc > 5) {
		report_unknown(argv[5][0] == '-' ? "option" : "argument", argv[5], "qkd import");
		return EXIT_USAGE;
	}
	if ((looks_like_key(path) || path[0] == '{') && access(path, F_OK)) {
		report("qkd import takes a file name, not keys: keys are never given on the command line (use a file, or - for standard input)");
		return EXIT_USAGE;
	}
	if (path[0] == '-' && path[1]) {
		report_unknown("option", path, "qkd import");
		return EXIT_USAGE;
	}
	if (!load_container(path, &keys))
		return 1;
	ret = import_keys(dev, node, &keys, &stored);
	if (!ret)
		printf("%s: imported %zu key%s for node %" PRIu32 " (%" PRIu32 " stored)\n",
		       dev, keys.n, keys.n == 1 ? "" : "s", node, stored);
	qkd_keys_free(&keys);
	if (ret || fflush(stdout) == EOF || ferror(stdout)) {
		if (!ret)
			report("cannot write to standard output: %s", strerror(errno));
		return 1;
	}
	return 0;
}

/* --- show ---------------------------------------------------------------- */

static int cmd_show(int argc, char **argv, bool json)
{
	struct kpsec_qkd_list list = { 0 };
	const char *words[4], *dev = NULL;
	struct kpsec_genl genl;
	unsigned int ifindex = 0;
	uint32_t node = 0;
	bool ids = false;
	int i, n = 0, ret = 1;

	for (i = 1; i < argc; i++) {
		if (is_help_word(argv[i]) && n == 0) {
			show_usage();
			return 0;
		} else if (is_json_option(argv[i])) {
			json = true;
		} else if (argv[i][0] == '-') {
			report_unknown("option", argv[i], "qkd show");
			return EXIT_USAGE;
		} else if (n == 4 || looks_like_key(argv[i])) {	/* never echo a key */
			report_unknown("argument", argv[i], "qkd show");
			return EXIT_USAGE;
		} else {
			words[n++] = argv[i];
		}
	}
	if (n >= 2 && strcmp(words[1], "peer")) {
		report("qkd show: expected \"peer NODE\" after the device, not \"%s\": " SHOW_SYNTAX,
		       words[1]);
		return EXIT_USAGE;
	}
	if (n == 2) {
		report("peer needs a value: peer NODE (try \"kpsec qkd show help\")");
		return EXIT_USAGE;
	}
	if (n >= 3 && !parse_node_id(words[2], &node))
		return EXIT_USAGE;
	if (n == 4 && strcmp(words[3], "ids")) {
		report_unknown("argument", words[3], "qkd show");
		return EXIT_USAGE;
	}
	ids = n == 4;
	if (n) {
		dev = words[0];
		ifindex = device_index("device", dev);
		if (!ifindex)
			return 1;
	}
	if (!kpsec_genl_open(&genl))
		return 1;
	if (kpsec_fetch_qkd(&genl, ifindex, dev, node, &list)) {
		if (json)
			print_qkd_json(&list, ids);
		else
			print_qkd_text(&list, ids);
		ret = 0;
		if (fflush(stdout) == EOF || ferror(stdout)) {
			report("cannot write to standard output: %s", strerror(errno));
			ret = 1;
		}
	}
	kpsec_qkd_list_free(&list);
	kpsec_genl_close(&genl);
	return ret;
}

/* --- delete -------------------------------------------------------------- */

struct delete_args {
	const char *dev;
	uint32_t node;
	bool all;
	uint8_t (*ids)[QKD_KEY_ID_LEN];
	size_t n_ids, ids_room;
};

/* "id UUID": a new key ID; false after reporting. */
bool parse_key_id_arg(const char *arg, uint8_t *id)
{
	if (!qkd_uuid_parse(arg, id)) {
		if (looks_like_key(arg))
			report("invalid key ID that looks like a key: keys are never given on the command line");
		else
			report("invalid key ID \"%s\": expected a UUID, 8-4-4-4-12 hex digits", arg);
		return false;
	}
	return true;
}

static bool take_id(struct delete_args *a, const char *arg)
{
	char s[QKD_UUID_STR_LEN + 1];
	uint8_t id[QKD_KEY_ID_LEN];

	if (!parse_key_id_arg(arg, id))
		return false;
	if (id_in(id, (const uint8_t (*)[QKD_KEY_ID_LEN])a->ids, a->n_ids)) {
		qkd_uuid_format(s, id);
		report("key ID %s given twice", s);
		return false;
	}
	if (a->n_ids == KPSEC_QKD_ADD_MAX) {
		report("more than %d key IDs: delete them in several commands", KPSEC_QKD_ADD_MAX);
		return false;
	}
	a->ids = xgrow(a->ids, &a->ids_room, a->n_ids, sizeof(*a->ids));
	memcpy(a->ids[a->n_ids++], id, QKD_KEY_ID_LEN);
	return true;
}

/* 0 to go on, or EXIT_USAGE after reporting. */
static int parse_delete_args(int argc, char **argv, struct delete_args *a)
{
	int i, ret;

	ret = parse_dev_peer(argc, argv, "a device, a peer and the keys to delete",
			     DELETE_SYNTAX, &a->dev, &a->node);
	if (ret)
		return ret;
	for (i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "all")) {
			if (a->all) {
				report("all given twice");
				return EXIT_USAGE;
			}
			a->all = true;
		} else if (!strcmp(argv[i], "id")) {
			if (i + 1 == argc) {
				report("id needs a value: id UUID (try \"kpsec qkd delete help\")");
				return EXIT_USAGE;
			}
			if (!take_id(a, argv[++i]))
				return EXIT_USAGE;
		} else {
			report_unknown(argv[i][0] == '-' ? "option" : "argument", argv[i],
				       "qkd delete");
			return EXIT_USAGE;
		}
	}
	if (a->all && a->n_ids) {
		report("all and id cannot be combined: choose one");
		return EXIT_USAGE;
	}
	if (!a->all && !a->n_ids) {
		report("qkd delete needs the keys to delete: all or id UUID [id UUID]... (try \"kpsec qkd delete help\")");
		return EXIT_USAGE;
	}
	return 0;
}

/* The kernel found a key ID not stored: name it, when it still is not. */
static void report_unknown_id(struct kpsec_genl *genl, unsigned int ifindex,
			      const struct delete_args *a)
{
	const struct kpsec_qkd_store_info *s;
	struct kpsec_qkd_list list = { 0 };
	char id[QKD_UUID_STR_LEN + 1];
	size_t i;

	if (!kpsec_fetch_qkd(genl, ifindex, a->dev, a->node, &list))
		return;
	s = only_store(&list, a->node);
	for (i = 0; i < a->n_ids; i++)
		if (!s || !id_in(a->ids[i], (const uint8_t (*)[QKD_KEY_ID_LEN])s->key_ids,
				 s->n_key_ids))
			break;
	if (i < a->n_ids) {
		qkd_uuid_format(id, a->ids[i]);
		report("%s: node %" PRIu32 "'s store holds no key with ID %s: nothing deleted",
		       a->dev, a->node, id);
	} else {
		report("%s: node %" PRIu32 "'s store did not hold every key ID given: nothing deleted",
		       a->dev, a->node);
	}
	kpsec_qkd_list_free(&list);
}

static int cmd_delete(int argc, char **argv)
{
	struct delete_args a = { 0 };
	enum kpsec_transact_result r;
	struct kpsec_genl genl;
	unsigned int ifindex;
	int ret;

	if (argc >= 2 && is_help_word(argv[1])) {
		delete_usage();
		return 0;
	}
	ret = parse_delete_args(argc, argv, &a);
	if (ret)
		goto out;
	ret = 1;
	ifindex = device_index("device", a.dev);
	if (!ifindex || !kpsec_genl_open(&genl))
		goto out;
	r = del_ids(&genl, ifindex, a.dev, a.node, (const uint8_t (*)[QKD_KEY_ID_LEN])a.ids,
		    a.n_ids, ENOENT);
	if (r == KPSEC_TRANSACT_TOLERATED)
		report_unknown_id(&genl, ifindex, &a);
	else if (r == KPSEC_TRANSACT_OK)
		ret = 0;
	kpsec_genl_close(&genl);
out:
	free(a.ids);
	return ret;
}

/* --- the command --------------------------------------------------------- */

/* A command of client_cmd.c, with -j passed on when given before "qkd". */
static int run_client(int (*run)(int, char **), int argc, char **argv, bool json)
{
	char **args;
	int ret;

	if (!json)
		return run(argc, argv);
	args = xcalloc((size_t)argc + 2, sizeof(*args));
	memcpy(args, argv, (size_t)argc * sizeof(*args));
	args[argc] = "-j";
	ret = run(argc + 1, args);
	free(args);
	return ret;
}

int qkd_main(int argc, char **argv, bool json)
{
	const char *sub;

	if (argc < 2)
		return cmd_show(1, (char *[]){ "show", NULL }, json);
	sub = argv[1];
	argc--;
	argv++;
	if (is_help_word(sub)) {
		qkd_usage();
		return 0;
	}
	/* "kpsec qkd -j": show, like "kpsec qkd". */
	if (is_json_option(sub))
		return cmd_show(argc + 1, argv - 1, true);
	if (!strcmp(sub, "show"))
		return cmd_show(argc, argv, json);
	if (!strcmp(sub, "status"))
		return run_client(qkd_cmd_status, argc, argv, json);
	if (!strcmp(sub, "enc-keys"))
		return run_client(qkd_cmd_enc_keys, argc, argv, json);
	if (!strcmp(sub, "dec-keys"))
		return run_client(qkd_cmd_dec_keys, argc, argv, json);
	if (!strcmp(sub, "watch") && !json)
		return qkd_cmd_watch(argc, argv);
	if (strcmp(sub, "import") && strcmp(sub, "delete") && strcmp(sub, "watch")) {
		report_unknown(sub[0] == '-' ? "option" : "qkd command", sub, "qkd");
		return EXIT_USAGE;
	}
	if (json) {
		report("-j applies to qkd show, status, enc-keys and dec-keys only");
		return EXIT_USAGE;
	}
	return !strcmp(sub, "import") ? cmd_import(argc, argv) : cmd_delete(argc, argv);
}

int cmd_qkd(int argc, char **argv)
{
	return qkd_main(argc, argv, false);
}
