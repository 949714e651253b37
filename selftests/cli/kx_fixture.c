// SPDX-License-Identifier: GPL-2.0
/*
 * The key exchange views of show_fixture: replies a kernel would send to
 * KPSEC_CMD_GET_KEYRING and GET_SESSIONS (kpsec0 over two messages, an
 * entry repeated in the second, newer; kpsec1 empty; the pool key IDs of
 * the symmetric ring likewise, or none from an older kernel),
 * GET_KEYPATHS, and KPSEC_CMD_EVENT notifications, merged and printed as
 * the CLI does.
 *
 * Views (show_fixture VIEW):
 *   keyring keyring-all keyring-json             (GET_KEYRING; -all, -json: both devices)
 *   keyring-nosym keyring-nosym-json             (GET_KEYRING of an older kernel)
 *   sessions sessions-all sessions-json          (GET_SESSIONS)
 *   keypaths keypaths-none keypaths-json         (GET_KEYPATHS to 9; to 4: none)
 *   events events-json                           (monitor lines, a fixed time)
 *   bad-ring bad-symkey bad-session bad-keypath bad-ovhop bad-event no-event
 *                                                (malformed)
 */
#include <stdio.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "kx.h"
#include "mesh.h"
#include "show.h"

#define FAMILY_ID 0x42

int kx_fixture_main(const char *view);

static struct nl_msg *message(uint8_t cmd, uint32_t ifindex, const char *ifname)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 1, FAMILY_ID, 0, NLM_F_MULTI, cmd, KPSEC_GENL_VERSION);
	nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, ifindex);
	nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, ifname);
	return msg;
}

/* A public key: 32 bytes of @seed, @seed + 1, ... */
static void put_key(struct nl_msg *msg, int attr, uint8_t seed)
{
	uint8_t key[KPSEC_KEY_LEN];
	int i;

	for (i = 0; i < KPSEC_KEY_LEN; i++)
		key[i] = (uint8_t)(seed + i);
	nla_put(msg, attr, KPSEC_KEY_LEN, key);
}

static void put_ring(struct nl_msg *msg, const uint32_t (*entries)[2], int n)
{
	struct nlattr *ring = nla_nest_start(msg, KPSEC_A_DEVICE_KEYRING);
	int i;

	for (i = 0; i < n; i++) {
		struct nlattr *entry = nla_nest_start(msg, i);

		nla_put_u32(msg, KPSEC_A_RING_NODE_ID, entries[i][0]);
		put_key(msg, KPSEC_A_RING_PUBLIC_KEY, (uint8_t)entries[i][1]);
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, ring);
}

/* Pool key IDs, as GET_KEYRING sends them: the ID alone, never the key. */
static void put_symring(struct nl_msg *msg, const uint32_t *ids, int n)
{
	struct nlattr *ring = nla_nest_start(msg, KPSEC_A_DEVICE_SYMRING);
	int i;

	for (i = 0; i < n; i++) {
		struct nlattr *entry = nla_nest_start(msg, i);

		nla_put_u32(msg, KPSEC_A_SYMKEY_ID, ids[i]);
		nla_nest_end(msg, entry);
	}
	/* The kernel sends the nest even when empty; libnl would drop it. */
	nla_nest_end_keep_empty(msg, ring);
}

static bool merge_all(struct nl_msg **msgs, int n, kpsec_reply_fn merge, void *arg)
{
	bool ok = true;
	int i;

	for (i = 0; i < n; i++) {
		ok = ok && merge(msgs[i], arg);
		nlmsg_free(msgs[i]);
	}
	return ok;
}

/*
 * kpsec0 (node 1): 9 and 3, then 3 again with another key, and 1000; pool
 * keys 204 and 17, then 17 again, 0 and the largest ID.  @sym: the kernel
 * knows symmetric rings (kpsec1's is empty).
 */
static bool fetch_keyring(struct kpsec_device_list *list, bool both, bool sym)
{
	static const uint32_t first[][2] = { { 9, 1 }, { 3, 2 } };
	static const uint32_t second[][2] = { { 3, 100 }, { 1000, 200 } };
	static const uint32_t sym_first[] = { 204, 17 };
	static const uint32_t sym_second[] = { 17, 0, 4294967294U };
	struct nl_msg *msgs[3];

	msgs[0] = message(KPSEC_CMD_GET_KEYRING, 7, "kpsec0");
	nla_put_u32(msgs[0], KPSEC_A_DEVICE_NODE_ID, 1);
	put_ring(msgs[0], first, 2);
	msgs[1] = message(KPSEC_CMD_GET_KEYRING, 7, "kpsec0");
	nla_put_u32(msgs[1], KPSEC_A_DEVICE_NODE_ID, 1);
	put_ring(msgs[1], second, 2);
	msgs[2] = message(KPSEC_CMD_GET_KEYRING, 9, "kpsec1");
	nla_put_u32(msgs[2], KPSEC_A_DEVICE_NODE_ID, 0);
	put_ring(msgs[2], NULL, 0);
	if (sym) {
		put_symring(msgs[0], sym_first, 2);
		put_symring(msgs[1], sym_second, 3);
		put_symring(msgs[2], NULL, 0);
	}
	if (!both)
		nlmsg_free(msgs[2]);
	return merge_all(msgs, both ? 3 : 2, kpsec_merge_keyring_reply, list);
}

struct fake_session {
	uint32_t node_id, state;
	bool initiator, public_key;
	long long age, rekey;		/* -1: absent */
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes, drops;
	uint32_t exchanges, failures;
	long long last_error, kx_msecs;	/* -1: absent */
	int qkd_mode, qkd_seed;		/* -1: absent */
};

static void put_sessions(struct nl_msg *msg, const struct fake_session *s, int n)
{
	struct nlattr *list = nla_nest_start(msg, KPSEC_A_DEVICE_SESSIONS);
	int i;

	for (i = 0; i < n; i++) {
		struct nlattr *entry = nla_nest_start(msg, i);

		nla_put_u32(msg, KPSEC_A_SESSION_NODE_ID, s[i].node_id);
		nla_put_u32(msg, KPSEC_A_SESSION_STATE, s[i].state);
		if (s[i].initiator)
			nla_put_flag(msg, KPSEC_A_SESSION_INITIATOR);
		if (s[i].public_key)
			put_key(msg, KPSEC_A_SESSION_PUBLIC_KEY, (uint8_t)s[i].node_id);
		if (s[i].age >= 0)
			nla_put_u64(msg, KPSEC_A_SESSION_AGE_MSECS, (uint64_t)s[i].age);
		if (s[i].rekey >= 0)
			nla_put_u64(msg, KPSEC_A_SESSION_REKEY_MSECS, (uint64_t)s[i].rekey);
		nla_put_u64(msg, KPSEC_A_SESSION_RX_PACKETS, s[i].rx_packets);
		nla_put_u64(msg, KPSEC_A_SESSION_RX_BYTES, s[i].rx_bytes);
		nla_put_u64(msg, KPSEC_A_SESSION_TX_PACKETS, s[i].tx_packets);
		nla_put_u64(msg, KPSEC_A_SESSION_TX_BYTES, s[i].tx_bytes);
		nla_put_u64(msg, KPSEC_A_SESSION_DROPS, s[i].drops);
		nla_put_u32(msg, KPSEC_A_SESSION_EXCHANGES, s[i].exchanges);
		nla_put_u32(msg, KPSEC_A_SESSION_FAILURES, s[i].failures);
		if (s[i].last_error >= 0)
			nla_put_u32(msg, KPSEC_A_SESSION_LAST_ERROR, (uint32_t)s[i].last_error);
		if (s[i].kx_msecs >= 0)
			nla_put_u64(msg, KPSEC_A_SESSION_KX_MSECS, (uint64_t)s[i].kx_msecs);
		if (s[i].qkd_mode >= 0)
			nla_put_u32(msg, KPSEC_A_SESSION_QKD_MODE, (uint32_t)s[i].qkd_mode);
		if (s[i].qkd_seed >= 0) {
			uint8_t id[KPSEC_QKD_KEY_ID_LEN];
			int j;

			for (j = 0; j < KPSEC_QKD_KEY_ID_LEN; j++)
				id[j] = (uint8_t)(s[i].qkd_seed + 17 * j);
			nla_put(msg, KPSEC_A_SESSION_QKD_KEY_ID, sizeof(id), id);
		}
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, list);
}

static bool fetch_sessions(struct kpsec_device_list *list, bool both)
{
	static const struct fake_session first[] = {
		{ 4, KPSEC_SESSION_INITIATING, true, false, -1, -1, 0, 0, 0, 0, 0, 0, 0, -1, -1,
		  -1, -1 },
		{ 12, KPSEC_SESSION_FAILED, true, false, -1, -1, 0, 0, 3, 252, 0, 0, 3,
		  KPSEC_KX_FEW_KEYPATHS, -1, -1, -1 },
	};
	static const struct fake_session second[] = {
		{ 4, KPSEC_SESSION_ESTABLISHED, true, true, 61500, 58500, 1234567, 1500000000,
		  7654321, 9876543210ULL, 17, 2, 1, KPSEC_KX_TIMEOUT, 35, KPSEC_QKD_HYBRID, 16 },
		{ 9, KPSEC_SESSION_RESPONDING, false, true, -1, -1, 0, 0, 0, 0, 0, 0, 0,
		  KPSEC_KX_OK, -1, -1, -1 },
		/* Off: the kernel sends no key ID; were one there, it would not count. */
		{ 5, KPSEC_SESSION_ESTABLISHED, false, true, 3725000, 0, 10, 1000, 20, 2000,
		  0, 40, 0, -1, 1500, KPSEC_QKD_OFF, 3 },
		{ 77, 42, false, false, -1, -1, 0, 0, 0, 0, 0, 0, 1, 99, -1, 9, -1 },
	};
	struct nl_msg *msgs[3];

	msgs[0] = message(KPSEC_CMD_GET_SESSIONS, 7, "kpsec0");
	put_sessions(msgs[0], first, 2);
	msgs[1] = message(KPSEC_CMD_GET_SESSIONS, 7, "kpsec0");
	put_sessions(msgs[1], second, 4);
	/* kpsec1: a message without the nest at all. */
	msgs[2] = message(KPSEC_CMD_GET_SESSIONS, 9, "kpsec1");
	if (!both)
		nlmsg_free(msgs[2]);
	return merge_all(msgs, both ? 3 : 2, kpsec_merge_sessions_reply, list);
}

/* GET_KEYPATHS from kpsec0: to 9, two key-paths; to 4, none. */
static bool fetch_keypaths(struct kpsec_keypaths *kp, bool none)
{
	static const uint32_t hops1[][2] = { { 9, 2 } };
	static const uint32_t hops2[][2] = { { 3, 2 }, { 7, 1 }, { 9, 2 } };
	static const struct {
		uint32_t index, de_steps, phys_hops;
		const uint32_t (*hops)[2];
		int n;
	} paths[] = {
		{ 1, 0, 2, hops1, 1 },
		{ 2, 2, 5, hops2, 3 },
	};
	struct nl_msg *msg = message(KPSEC_CMD_GET_KEYPATHS, 7, "kpsec0");
	struct nlattr *list, *path, *overlay, *hop;
	bool ok;
	int i, j;

	nla_put_u32(msg, KPSEC_A_DEVICE_PATH_DST, none ? 4 : 9);
	list = nla_nest_start(msg, KPSEC_A_DEVICE_KEYPATHS);
	for (i = 0; i < (none ? 0 : 2); i++) {
		path = nla_nest_start(msg, i);
		nla_put_u32(msg, KPSEC_A_KEYPATH_INDEX, paths[i].index);
		nla_put_u32(msg, KPSEC_A_KEYPATH_DE_STEPS, paths[i].de_steps);
		nla_put_u32(msg, KPSEC_A_KEYPATH_PHYS_HOPS, paths[i].phys_hops);
		overlay = nla_nest_start(msg, KPSEC_A_KEYPATH_OVERLAY);
		for (j = 0; j < paths[i].n; j++) {
			hop = nla_nest_start(msg, j);
			nla_put_u32(msg, KPSEC_A_OVHOP_NODE_ID, paths[i].hops[j][0]);
			nla_put_u32(msg, KPSEC_A_OVHOP_PHYS_HOPS, paths[i].hops[j][1]);
			nla_nest_end(msg, hop);
		}
		nla_nest_end(msg, overlay);
		nla_nest_end(msg, path);
	}
	nla_nest_end(msg, list);
	ok = kpsec_merge_keypaths_reply(msg, kp);
	nlmsg_free(msg);
	return ok;
}

struct fake_event {
	uint32_t type;
	long long peer, reason, share, from, kx;	/* -1: absent */
	long long keys;					/* -1: absent */
};

static struct nl_msg *event_message(const struct fake_event *e)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *nest;

	genlmsg_put(msg, 0, 0, FAMILY_ID, 0, 0, KPSEC_CMD_EVENT, KPSEC_GENL_VERSION);
	nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, 7);
	nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, "kpsec0");
	nest = nla_nest_start(msg, KPSEC_A_DEVICE_EVENT);
	nla_put_u32(msg, KPSEC_A_EVENT_TYPE, e->type);
	if (e->peer >= 0)
		nla_put_u32(msg, KPSEC_A_EVENT_PEER, (uint32_t)e->peer);
	if (e->reason >= 0)
		nla_put_u32(msg, KPSEC_A_EVENT_REASON, (uint32_t)e->reason);
	if (e->share >= 0)
		nla_put_u32(msg, KPSEC_A_EVENT_SHARE_INDEX, (uint32_t)e->share);
	if (e->from >= 0)
		nla_put_u32(msg, KPSEC_A_EVENT_FROM, (uint32_t)e->from);
	if (e->kx >= 0)
		nla_put_u64(msg, KPSEC_A_EVENT_KX_MSECS, (uint64_t)e->kx);
	if (e->keys >= 0)
		nla_put_u32(msg, KPSEC_A_EVENT_QKD_KEYS, (uint32_t)e->keys);
	nla_nest_end(msg, nest);
	return msg;
}

static int print_events(bool json)
{
	static const struct fake_event events[] = {
		{ KPSEC_EVENT_STARTED, 4, -1, -1, -1, -1, -1 },
		{ KPSEC_EVENT_SHARE_REJECTED, 4, -1, 2, 3, -1, -1 },
		{ KPSEC_EVENT_ESTABLISHED, 4, -1, -1, -1, 35, -1 },
		{ KPSEC_EVENT_FAILED, 9, KPSEC_KX_TIMEOUT, -1, -1, -1, -1 },
		{ KPSEC_EVENT_CONFIRM_FAILED, 9, -1, -1, 9, -1, -1 },
		{ KPSEC_EVENT_REPLAY, 4, -1, -1, 3, -1, -1 },
		{ KPSEC_EVENT_FAILED, 12, 99, -1, -1, -1, -1 },
		{ 77, -1, -1, -1, -1, -1, -1 },
		{ KPSEC_EVENT_QKD_LOW, 4, -1, -1, -1, -1, 8 },
		{ KPSEC_EVENT_QKD_EMPTY, 9, -1, -1, -1, -1, 0 },
		{ KPSEC_EVENT_FAILED, 9, KPSEC_KX_QKD_NO_KEY, -1, -1, -1, -1 },
		{ KPSEC_EVENT_FAILED, 4, KPSEC_KX_QKD_UNKNOWN_KEY, -1, -1, -1, -1 },
		{ KPSEC_EVENT_FAILED, 4, KPSEC_KX_QKD_MODE_MISMATCH, -1, -1, -1, -1 },
		{ KPSEC_EVENT_FAILED, 4, KPSEC_KX_QKD_EXPIRED, -1, -1, -1, -1 },
	};
	struct kpsec_event_info ev;
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		msg = event_message(&events[i]);
		if (!kpsec_parse_event(msg, &ev))
			return 1;
		nlmsg_free(msg);
		print_event(&ev, "2025-06-01T12:00:00.123+0000", json);
	}
	/* Another command on the group is no event, and no error either. */
	msg = message(KPSEC_CMD_GET_DEVICE, 7, "kpsec0");
	if (kpsec_parse_event(msg, &ev))
		return 1;
	nlmsg_free(msg);
	return 0;
}

/* A malformed reply or event: the error is reported, the merge fails. */
static int malformed(const char *view)
{
	struct kpsec_device_list list = { 0 };
	struct kpsec_keypaths kp = { 0 };
	struct kpsec_event_info ev;
	struct nlattr *outer, *entry, *inner, *hop;
	struct nl_msg *msg;
	bool ok;

	if (!strcmp(view, "bad-ring")) {
		msg = message(KPSEC_CMD_GET_KEYRING, 7, "kpsec0");
		outer = nla_nest_start(msg, KPSEC_A_DEVICE_KEYRING);
		entry = nla_nest_start(msg, 0);
		nla_put_u32(msg, KPSEC_A_RING_NODE_ID, 3);	/* no public key */
		nla_nest_end(msg, entry);
		nla_nest_end(msg, outer);
		ok = kpsec_merge_keyring_reply(msg, &list);
	} else if (!strcmp(view, "bad-symkey")) {
		msg = message(KPSEC_CMD_GET_KEYRING, 7, "kpsec0");
		outer = nla_nest_start(msg, KPSEC_A_DEVICE_SYMRING);
		entry = nla_nest_start(msg, 0);
		nla_put_u32(msg, KPSEC_A_SYMKEY_FLAGS, 0);	/* no key ID */
		nla_nest_end(msg, entry);
		nla_nest_end(msg, outer);
		ok = kpsec_merge_keyring_reply(msg, &list);
	} else if (!strcmp(view, "bad-session")) {
		msg = message(KPSEC_CMD_GET_SESSIONS, 7, "kpsec0");
		outer = nla_nest_start(msg, KPSEC_A_DEVICE_SESSIONS);
		entry = nla_nest_start(msg, 0);
		nla_put_u32(msg, KPSEC_A_SESSION_STATE, KPSEC_SESSION_NONE);
		nla_nest_end(msg, entry);
		nla_nest_end(msg, outer);
		ok = kpsec_merge_sessions_reply(msg, &list);
	} else if (!strcmp(view, "bad-keypath") || !strcmp(view, "bad-ovhop")) {
		msg = message(KPSEC_CMD_GET_KEYPATHS, 7, "kpsec0");
		outer = nla_nest_start(msg, KPSEC_A_DEVICE_KEYPATHS);
		entry = nla_nest_start(msg, 0);
		nla_put_u32(msg, KPSEC_A_KEYPATH_INDEX, 1);
		if (!strcmp(view, "bad-ovhop")) {
			inner = nla_nest_start(msg, KPSEC_A_KEYPATH_OVERLAY);
			hop = nla_nest_start(msg, 0);
			nla_put_u32(msg, KPSEC_A_OVHOP_PHYS_HOPS, 1);	/* no node */
			nla_nest_end(msg, hop);
			nla_nest_end(msg, inner);
		}
		nla_nest_end(msg, entry);
		nla_nest_end(msg, outer);
		ok = kpsec_merge_keypaths_reply(msg, &kp);
	} else if (!strcmp(view, "bad-event")) {
		msg = message(KPSEC_CMD_EVENT, 7, "kpsec0");
		outer = nla_nest_start(msg, KPSEC_A_DEVICE_EVENT);
		nla_put_u32(msg, KPSEC_A_EVENT_PEER, 4);	/* no type */
		nla_nest_end(msg, outer);
		ok = kpsec_parse_event(msg, &ev);
	} else if (!strcmp(view, "no-event")) {
		msg = message(KPSEC_CMD_EVENT, 7, "kpsec0");
		ok = kpsec_parse_event(msg, &ev);
	} else {
		return -1;
	}
	nlmsg_free(msg);
	kpsec_device_list_free(&list);
	kpsec_keypaths_free(&kp);
	return ok ? 0 : 1;
}

/* The exit status of VIEW, or -1 when it is not one of these views. */
int kx_fixture_main(const char *view)
{
	struct kpsec_device_list list = { 0 };
	struct kpsec_keypaths kp = { 0 };
	size_t len = strcspn(view, "-");
	const char *suffix = view + len;
	bool nosym = !strncmp(suffix, "-nosym", 6);
	bool ok, both;
	enum show_view v;

	if (nosym)
		suffix += 6;
	both = *suffix != '\0';

	if (!strncmp(view, "keypaths", len) && len == 8) {
		if (!fetch_keypaths(&kp, !strcmp(suffix, "-none")))
			return 1;
		if (!strcmp(suffix, "-json"))
			print_keypaths_json(&kp);
		else
			print_keypaths_text(&kp);
		kpsec_keypaths_free(&kp);
		return 0;
	}
	if (!strcmp(view, "events") || !strcmp(view, "events-json"))
		return print_events(both);
	if (!strncmp(view, "bad-", 4) || !strcmp(view, "no-event"))
		return malformed(view);		/* -1 for those of show_fixture.c */
	if (!strncmp(view, "keyring", len) && len == 7) {
		v = SHOW_KEYRING;
		ok = fetch_keyring(&list, both, !nosym);
	} else if (!strncmp(view, "sessions", len) && len == 8) {
		v = SHOW_SESSIONS;
		ok = fetch_sessions(&list, both);
	} else {
		return -1;
	}
	if (!ok)
		return 1;
	kpsec_sort_mesh(&list);
	if (!strcmp(suffix, "-json"))
		print_kx_json(&list, v);
	else
		print_kx_text(&list, v, both);
	kpsec_device_list_free(&list);
	return 0;
}
