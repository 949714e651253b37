// SPDX-License-Identifier: GPL-2.0
/*
 * Host test of "kpsec qkd import" and "kpsec qkd delete" without a kernel:
 * tools/cli/qkd.c linked against this file instead of genl.c, which keeps
 * one QKD store (device lo, node 7) the way kmod/netlink_qkd.c does --
 * ADD_KEYS all or none, EEXIST, ENOSPC past 4096 keys, DEL_KEYS all or
 * none, GET_QKD with the key IDs over several messages -- and can fail a
 * request on purpose, so that the rollback of a split import is seen.
 * Every request is logged on standard output, "kernel: ...", with the
 * command's own output and messages in between.
 *
 * Usage: qkd_import_fixture SCENARIO kpsec-arguments...
 * SCENARIO: "-", or a comma-separated list of
 *   prefill-N      the store holds N keys, IDs aaaaaaaa-0000-4000-8000-<index>
 *   fail-add-N     the Nth ADD_KEYS request fails (ENOMEM)
 *   use-on-fail    ... and an exchange takes the oldest key just before
 *   fail-del       every DEL_KEYS request with key IDs fails (ENOMEM)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "../../tools/qkd/container.h"
#include "genl.h"
#include "kpsec.h"
#include "qkd.h"
#include "util.h"

#define FAMILY_ID 0x42
#define NODE 7
#define IDS_PER_MESSAGE 500

static uint8_t (*store)[KPSEC_QKD_KEY_ID_LEN];
static size_t count, used, added;
static int add_requests, fail_add, fail_del;
static bool use_on_fail, exists;

/* client_cmd.c and watch.c are not linked: qkd.c only dispatches to them. */
int qkd_cmd_status(int argc, char **argv) { (void)argc; (void)argv; return 99; }
int qkd_cmd_watch(int argc, char **argv) { (void)argc; (void)argv; return 99; }
int qkd_cmd_enc_keys(int argc, char **argv) { (void)argc; (void)argv; return 99; }
int qkd_cmd_dec_keys(int argc, char **argv) { (void)argc; (void)argv; return 99; }

bool kpsec_genl_open(struct kpsec_genl *genl)
{
	genl->sock = NULL;
	genl->family_id = FAMILY_ID;
	return true;
}

void kpsec_genl_close(struct kpsec_genl *genl)
{
	(void)genl;
}

struct nl_msg *kpsec_genl_request(struct kpsec_genl *genl, uint8_t cmd, bool dump,
				  size_t attr_room)
{
	struct nl_msg *msg = nlmsg_alloc_size(NLMSG_HDRLEN + GENL_HDRLEN + attr_room);

	genlmsg_put(msg, 0, 1, genl->family_id, 0, dump ? NLM_F_DUMP : NLM_F_ACK, cmd,
		    KPSEC_GENL_VERSION);
	return msg;
}

void kpsec_genl_free_request(struct nl_msg *msg)
{
	struct nlmsghdr *hdr;

	if (!msg)
		return;
	hdr = nlmsg_hdr(msg);
	explicit_bzero(hdr, hdr->nlmsg_len);
	nlmsg_free(msg);
}

static long find(const uint8_t *id)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!memcmp(store[i], id, KPSEC_QKD_KEY_ID_LEN))
			return (long)i;
	return -1;
}

static struct nl_msg *reply(void)
{
	struct nl_msg *msg = nlmsg_alloc_size(65536);

	genlmsg_put(msg, 0, 1, FAMILY_ID, 0, NLM_F_MULTI, KPSEC_CMD_GET_QKD, KPSEC_GENL_VERSION);
	nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, 1);
	nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, "lo");
	nla_put_u32(msg, KPSEC_A_DEVICE_QKD_MODE, KPSEC_QKD_HYBRID);
	nla_put_u32(msg, KPSEC_A_DEVICE_QKD_ON_EMPTY, KPSEC_QKD_ON_EMPTY_REFUSE);
	nla_put_u32(msg, KPSEC_A_DEVICE_QKD_MAX_AGE, 3600);
	nla_put_u32(msg, KPSEC_A_DEVICE_QKD_LOW_WATERMARK, 8);
	return msg;
}

/* GET_QKD: one message, or with the node, its key IDs over several. */
static enum kpsec_transact_result get_qkd(struct nlattr **tb, kpsec_reply_fn on_reply,
					  void *arg)
{
	bool one = tb[KPSEC_A_DEVICE_PATH_DST] != NULL;
	size_t start = 0, i, messages = 0;
	struct nlattr *stores, *entry, *ids;
	struct nl_msg *msg;
	bool ok = true;

	if (one && nla_get_u32(tb[KPSEC_A_DEVICE_PATH_DST]) != NODE)
		one = false;
	do {
		msg = reply();
		stores = nla_nest_start(msg, KPSEC_A_DEVICE_QKD_STORES);
		if (exists && (one || !tb[KPSEC_A_DEVICE_PATH_DST])) {
			entry = nla_nest_start(msg, 0);
			nla_put_u32(msg, KPSEC_A_QKD_STORE_NODE_ID, NODE);
			nla_put_u32(msg, KPSEC_A_QKD_STORE_AVAILABLE, (uint32_t)count);
			nla_put_u64(msg, KPSEC_A_QKD_STORE_USED, used);
			nla_put_u64(msg, KPSEC_A_QKD_STORE_ADDED, added);
			if (one) {
				ids = nla_nest_start(msg, KPSEC_A_QKD_STORE_KEY_IDS);
				for (i = start; i < count && i < start + IDS_PER_MESSAGE; i++)
					nla_put(msg, KPSEC_A_QKD_KEY_ID, KPSEC_QKD_KEY_ID_LEN, store[i]);
				nla_nest_end(msg, ids);
			}
			nla_nest_end(msg, entry);
		}
		nla_nest_end(msg, stores);
		ok = on_reply(msg, arg);
		nlmsg_free(msg);
		messages++;
		start += IDS_PER_MESSAGE;
	} while (ok && one && exists && start < count);
	printf("kernel: GET_QKD%s: %zu keys in %zu message%s\n", one ? " node 7" : "",
	       count, messages, messages == 1 ? "" : "s");
	return ok ? KPSEC_TRANSACT_OK : KPSEC_TRANSACT_FAILED;
}

/* A refusal as genl.c reports it: the device, then the kernel's message. */
static enum kpsec_transact_result refuse(const char *device, int error, const char *extack,
					 int tolerated)
{
	printf("kernel: refused: %s\n", strerror(error));
	if (error == tolerated)
		return KPSEC_TRANSACT_TOLERATED;
	report("%s: %s", device, extack ? extack : strerror(error));
	return KPSEC_TRANSACT_FAILED;
}

/* The key IDs (and keys) of KPSEC_A_DEVICE_QKD_KEYS; -1 when malformed. */
static int parse_keys(struct nlattr *list, bool with_keys,
		      uint8_t (*ids)[KPSEC_QKD_KEY_ID_LEN])
{
	struct nlattr *tb[KPSEC_A_QKD_MAX + 1], *entry;
	int rem, n = 0;

	nla_for_each_nested(entry, list, rem) {
		if (n == KPSEC_QKD_ADD_MAX ||
		    nla_parse_nested(tb, KPSEC_A_QKD_MAX, entry, NULL) < 0 ||
		    !tb[KPSEC_A_QKD_KEY_ID] || nla_len(tb[KPSEC_A_QKD_KEY_ID]) != KPSEC_QKD_KEY_ID_LEN ||
		    !tb[KPSEC_A_QKD_KEY] != !with_keys ||
		    (with_keys && (nla_len(tb[KPSEC_A_QKD_KEY]) < KPSEC_QKD_KEY_MIN ||
				   nla_len(tb[KPSEC_A_QKD_KEY]) > KPSEC_QKD_KEY_MAX)))
			return -1;
		memcpy(ids[n++], nla_data(tb[KPSEC_A_QKD_KEY_ID]), KPSEC_QKD_KEY_ID_LEN);
	}
	return n;
}

static enum kpsec_transact_result add_keys(struct nlattr **tb, const char *device,
					   int tolerated)
{
	static uint8_t ids[KPSEC_QKD_ADD_MAX][KPSEC_QKD_KEY_ID_LEN];
	struct nlattr *list = tb[KPSEC_A_DEVICE_QKD_KEYS];
	int n, i;

	add_requests++;
	n = list ? parse_keys(list, true, ids) : -1;
	printf("kernel: ADD_KEYS %d keys, nest %d bytes%s\n", n, list ? nla_len(list) + 4 : 0,
	       list && nla_len(list) + 4 >= 60000 ? " (too long)" : "");
	if (n <= 0)
		return refuse(device, EINVAL, "malformed request", tolerated);
	if (add_requests == fail_add) {
		if (use_on_fail && count) {
			memmove(store[0], store[1], (count - 1) * sizeof(*store));
			count--;
			used++;
			printf("kernel: an exchange used the oldest key\n");
		}
		return refuse(device, ENOMEM, NULL, tolerated);
	}
	if (count + (size_t)n > KPSEC_QKD_STORE_MAX)
		return refuse(device, ENOSPC,
			      "the store of this peer would hold more than 4096 keys", tolerated);
	for (i = 0; i < n; i++)
		if (find(ids[i]) >= 0)
			return refuse(device, EEXIST,
				      "a key with one of these key IDs is already stored", tolerated);
	memcpy(store[count], ids, (size_t)n * sizeof(*ids));
	count += (size_t)n;
	added += (size_t)n;
	exists = true;
	return KPSEC_TRANSACT_OK;
}

static enum kpsec_transact_result del_keys(struct nlattr **tb, const char *device,
					   int tolerated)
{
	static uint8_t ids[KPSEC_QKD_ADD_MAX][KPSEC_QKD_KEY_ID_LEN];
	struct nlattr *list = tb[KPSEC_A_DEVICE_QKD_KEYS];
	long at;
	int n, i;

	if (!list) {
		printf("kernel: DEL_KEYS all\n");
		count = 0;
		return KPSEC_TRANSACT_OK;
	}
	n = parse_keys(list, false, ids);
	printf("kernel: DEL_KEYS %d key IDs\n", n);
	if (n <= 0)
		return refuse(device, EINVAL, "malformed request", tolerated);
	if (fail_del)
		return refuse(device, ENOMEM, NULL, tolerated);
	for (i = 0; i < n; i++)
		if (find(ids[i]) < 0)
			return refuse(device, ENOENT, "no key with one of these key IDs is stored",
				      tolerated);
	for (i = 0; i < n; i++) {
		at = find(ids[i]);
		memmove(store[at], store[at + 1], (count - (size_t)at - 1) * sizeof(*store));
		count--;
	}
	return KPSEC_TRANSACT_OK;
}

enum kpsec_transact_result kpsec_genl_transact_tolerating(struct kpsec_genl *genl,
							  struct nl_msg *request,
							  const char *device,
							  kpsec_reply_fn on_reply,
							  void *arg, int tolerated)
{
	struct nlattr *tb[KPSEC_A_DEVICE_MAX + 1];
	struct genlmsghdr *ghdr = nlmsg_data(nlmsg_hdr(request));

	(void)genl;
	if (genlmsg_parse(nlmsg_hdr(request), 0, tb, KPSEC_A_DEVICE_MAX, NULL) < 0 ||
	    !tb[KPSEC_A_DEVICE_IFINDEX])
		return refuse(device, EINVAL, "malformed request", tolerated);
	if (ghdr->cmd == KPSEC_CMD_GET_QKD)
		return get_qkd(tb, on_reply, arg);
	if (!tb[KPSEC_A_DEVICE_PATH_DST] || nla_get_u32(tb[KPSEC_A_DEVICE_PATH_DST]) != NODE)
		return refuse(device, EINVAL, "only node 7 here", tolerated);
	if (ghdr->cmd == KPSEC_CMD_QKD_ADD_KEYS)
		return add_keys(tb, device, tolerated);
	if (ghdr->cmd == KPSEC_CMD_QKD_DEL_KEYS)
		return del_keys(tb, device, tolerated);
	return refuse(device, EOPNOTSUPP, NULL, tolerated);
}

enum kpsec_transact_result kpsec_genl_transact(struct kpsec_genl *genl,
					       struct nl_msg *request,
					       const char *device,
					       kpsec_reply_fn on_reply, void *arg)
{
	return kpsec_genl_transact_tolerating(genl, request, device, on_reply, arg, 0);
}

static void prefill(size_t n)
{
	char text[64];

	for (count = 0; count < n && count < 2 * KPSEC_QKD_STORE_MAX; count++) {
		snprintf(text, sizeof(text), "aaaaaaaa-0000-4000-8000-%012x", (unsigned int)count);
		qkd_uuid_parse(text, store[count]);
	}
	added = n;
	exists = n > 0;
}

int main(int argc, char **argv)
{
	char *scenario, *word, *save = NULL;
	int ret;

	if (argc < 3)
		return 2;
	store = calloc(2 * KPSEC_QKD_STORE_MAX, sizeof(*store));
	scenario = strdup(argv[1]);
	for (word = strtok_r(scenario, ",", &save); word; word = strtok_r(NULL, ",", &save)) {
		if (!strncmp(word, "prefill-", 8))
			prefill(strtoul(word + 8, NULL, 10));
		else if (!strncmp(word, "fail-add-", 9))
			fail_add = atoi(word + 9);
		else if (!strcmp(word, "use-on-fail"))
			use_on_fail = true;
		else if (!strcmp(word, "fail-del"))
			fail_del = 1;
		else if (strcmp(word, "-"))
			return 2;
	}
	free(scenario);
	ret = qkd_main(argc - 2, argv + 2, false);
	fflush(stdout);
	printf("store: %zu keys (used %zu, added %zu); exit %d\n", count, used, added, ret);
	free(store);
	return 0;
}
