// SPDX-License-Identifier: GPL-2.0
/*
 * The QKD views of show_fixture: replies a kernel would send to
 * KPSEC_CMD_GET_QKD -- kpsec0's stores over two messages, one store
 * repeated in the second, newer; kpsec1 with no store and a policy from
 * an older kernel (none); and, for one peer, its key IDs continued over
 * three messages -- merged and printed as "kpsec qkd show" does; and the
 * split of keys into QKD_ADD_KEYS requests.
 *
 * Views (show_fixture VIEW):
 *   qkd qkd-json                       (GET_QKD of both devices)
 *   qkd-peer qkd-peer-json             (GET_QKD of kpsec0 for node 4)
 *   qkd-ids qkd-ids-json               (the same, "ids")
 *   qkd-batch                          (keys per QKD_ADD_KEYS request)
 *   bad-qkd-store bad-qkd-id           (malformed)
 */
#include <stdio.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "../../tools/qkd/container.h"
#include "qkd_store.h"

#define FAMILY_ID 0x42

int qkd_fixture_main(const char *view);

static struct nl_msg *qkd_message(uint32_t ifindex, const char *ifname, bool policy)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 1, FAMILY_ID, 0, NLM_F_MULTI, KPSEC_CMD_GET_QKD,
		    KPSEC_GENL_VERSION);
	nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, ifindex);
	nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, ifname);
	/* The key exchange parameters come too; the QKD view ignores them. */
	nla_put_u32(msg, KPSEC_A_DEVICE_KX_RHO, 2);
	if (policy) {
		nla_put_u32(msg, KPSEC_A_DEVICE_QKD_MODE, KPSEC_QKD_HYBRID);
		nla_put_u32(msg, KPSEC_A_DEVICE_QKD_ON_EMPTY, KPSEC_QKD_ON_EMPTY_KEEP);
		nla_put_u32(msg, KPSEC_A_DEVICE_QKD_MAX_AGE, 7200);
		nla_put_u32(msg, KPSEC_A_DEVICE_QKD_LOW_WATERMARK, 16);
	}
	return msg;
}

/* A key ID: 16 bytes of @seed, @seed + 17, ... */
static void make_id(uint8_t id[KPSEC_QKD_KEY_ID_LEN], uint8_t seed)
{
	int i;

	for (i = 0; i < KPSEC_QKD_KEY_ID_LEN; i++)
		id[i] = (uint8_t)(seed + 17 * i);
}

struct fake_store {
	uint32_t node_id, available;
	uint64_t used, added;
	int next_seed;			/* -1: no next key */
	uint32_t next_bits;
	long long refill;		/* -1: never */
	int first_id, n_ids;		/* key IDs seeded first_id, first_id + 1, ...; -1: none */
};

static void put_stores(struct nl_msg *msg, const struct fake_store *s, int n)
{
	struct nlattr *list = nla_nest_start(msg, KPSEC_A_DEVICE_QKD_STORES);
	uint8_t id[KPSEC_QKD_KEY_ID_LEN];
	int i, j;

	for (i = 0; i < n; i++) {
		struct nlattr *entry = nla_nest_start(msg, i), *ids;

		nla_put_u32(msg, KPSEC_A_QKD_STORE_NODE_ID, s[i].node_id);
		nla_put_u32(msg, KPSEC_A_QKD_STORE_AVAILABLE, s[i].available);
		nla_put_u64(msg, KPSEC_A_QKD_STORE_USED, s[i].used);
		nla_put_u64(msg, KPSEC_A_QKD_STORE_ADDED, s[i].added);
		if (s[i].next_seed >= 0) {
			make_id(id, (uint8_t)s[i].next_seed);
			nla_put(msg, KPSEC_A_QKD_STORE_NEXT_KEY_ID, sizeof(id), id);
			nla_put_u32(msg, KPSEC_A_QKD_STORE_NEXT_KEY_BITS, s[i].next_bits);
		}
		if (s[i].refill >= 0)
			nla_put_u64(msg, KPSEC_A_QKD_STORE_REFILL_MSECS, (uint64_t)s[i].refill);
		if (s[i].first_id >= 0) {
			ids = nla_nest_start(msg, KPSEC_A_QKD_STORE_KEY_IDS);
			for (j = 0; j < s[i].n_ids; j++) {
				make_id(id, (uint8_t)(s[i].first_id + j));
				nla_put(msg, KPSEC_A_QKD_KEY_ID, sizeof(id), id);
			}
			nla_nest_end(msg, ids);
		}
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, list);
}

static bool merge_all(struct nl_msg **msgs, int n, struct kpsec_qkd_list *list)
{
	bool ok = true;
	int i;

	for (i = 0; i < n; i++) {
		ok = ok && kpsec_merge_qkd_reply(msgs[i], list);
		nlmsg_free(msgs[i]);
	}
	return ok;
}

/* Both devices: kpsec0's stores of 9 and 4, then 4 again (newer) and 1000. */
static bool fetch_all(struct kpsec_qkd_list *list)
{
	static const struct fake_store first[] = {
		{ 9, 0, 12, 12, -1, 0, 3725000, -1, 0 },
		{ 4, 99, 0, 99, 1, 256, 500, -1, 0 },
	};
	static const struct fake_store second[] = {
		{ 4, 1000, 24, 1024, 2, 256, 61500, -1, 0 },
		{ 1000, 4096, 0, 4096, 200, 1024, 1200, -1, 0 },
	};
	struct nl_msg *msgs[3];

	msgs[0] = qkd_message(7, "kpsec0", true);
	put_stores(msgs[0], first, 2);
	msgs[1] = qkd_message(7, "kpsec0", true);
	put_stores(msgs[1], second, 2);
	/* kpsec1: no policy (an older kernel), no store nest at all. */
	msgs[2] = qkd_message(9, "kpsec1", false);
	return merge_all(msgs, 3, list);
}

/* kpsec0 for node 4: its key IDs over three messages, 3 + 2 + 1. */
static bool fetch_peer(struct kpsec_qkd_list *list)
{
	static const struct fake_store parts[] = {
		{ 4, 6, 24, 30, 40, 256, 61500, 40, 3 },
		{ 4, 6, 24, 30, 40, 256, 61600, 43, 2 },
		{ 4, 6, 24, 30, 40, 256, 61700, 45, 1 },
	};
	struct nl_msg *msgs[3];
	int i;

	for (i = 0; i < 3; i++) {
		msgs[i] = qkd_message(7, "kpsec0", true);
		put_stores(msgs[i], &parts[i], 1);
	}
	return merge_all(msgs, 3, list);
}

/* How @n keys of @len bytes each split into requests. */
static void print_batches(size_t n, size_t len)
{
	static struct qkd_key keys[2048];
	size_t done = 0, b;

	for (b = 0; b < n; b++)
		keys[b].len = len;
	printf("%zu keys of %zu bits:", n, len * 8);
	while (done < n) {
		b = kpsec_qkd_batch(keys + done, n - done);
		printf(" %zu", b);
		done += b;
	}
	printf(" (%zu bytes a key)\n", kpsec_qkd_key_room(len));
}

static int malformed(const char *view)
{
	struct kpsec_qkd_list list = { 0 };
	struct nlattr *stores, *entry, *ids;
	struct nl_msg *msg;
	bool ok;

	msg = qkd_message(7, "kpsec0", true);
	stores = nla_nest_start(msg, KPSEC_A_DEVICE_QKD_STORES);
	entry = nla_nest_start(msg, 0);
	if (!strcmp(view, "bad-qkd-store")) {
		nla_put_u32(msg, KPSEC_A_QKD_STORE_AVAILABLE, 3);	/* no node */
	} else {
		nla_put_u32(msg, KPSEC_A_QKD_STORE_NODE_ID, 4);
		ids = nla_nest_start(msg, KPSEC_A_QKD_STORE_KEY_IDS);
		nla_put(msg, KPSEC_A_QKD_KEY_ID, 8, "8 bytes");	/* too short */
		nla_nest_end(msg, ids);
	}
	nla_nest_end(msg, entry);
	nla_nest_end(msg, stores);
	ok = kpsec_merge_qkd_reply(msg, &list);
	nlmsg_free(msg);
	kpsec_qkd_list_free(&list);
	return ok ? 0 : 1;
}

/* The exit status of VIEW, or -1 when it is not one of these views. */
int qkd_fixture_main(const char *view)
{
	struct kpsec_qkd_list list = { 0 };
	bool json = strstr(view, "-json") != NULL, ids = !strncmp(view, "qkd-ids", 7);
	bool ok;

	if (!strcmp(view, "bad-qkd-store") || !strcmp(view, "bad-qkd-id"))
		return malformed(view);
	if (!strcmp(view, "qkd-batch")) {
		print_batches(1, 16);
		print_batches(1024, 16);
		print_batches(1024, 32);
		print_batches(1024, 17);
		print_batches(1024, 128);
		print_batches(2048, 32);
		return 0;
	}
	if (!strcmp(view, "qkd") || !strcmp(view, "qkd-json"))
		ok = fetch_all(&list);
	else if (!strncmp(view, "qkd-peer", 8) || ids)
		ok = fetch_peer(&list);
	else
		return -1;
	if (!ok)
		return 1;
	kpsec_sort_qkd(&list);
	if (json)
		print_qkd_json(&list, ids);
	else
		print_qkd_text(&list, ids);
	kpsec_qkd_list_free(&list);
	return 0;
}
