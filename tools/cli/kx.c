// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "kx.h"
#include "util.h"

static const char *const state_names[] = {
	[KPSEC_SESSION_NONE]		= "none",
	[KPSEC_SESSION_INITIATING]	= "initiating",
	[KPSEC_SESSION_RESPONDING]	= "responding",
	[KPSEC_SESSION_ESTABLISHED]	= "established",
	[KPSEC_SESSION_FAILED]		= "failed",
};

static const struct {
	const char *name, *text;
} reasons[__KPSEC_KX_REASON_MAX] = {
	[KPSEC_KX_OK]			= { "ok", "no error" },
	[KPSEC_KX_NO_PRIVATE_KEY]	= { "no-private-key", "this node has no private key" },
	[KPSEC_KX_NO_ROUTE]		= { "no-route", "the node is not reachable" },
	[KPSEC_KX_FEW_KEYPATHS]		= { "few-keypaths", "fewer than kx-theta vertex-disjoint key-paths" },
	[KPSEC_KX_TIMEOUT]		= { "timeout", "no answer after every retry" },
	[KPSEC_KX_SHARES_INCONSISTENT]	= { "shares-inconsistent", "fewer than kx-theta shares passed the check" },
	[KPSEC_KX_CONFIRM_FAILED]	= { "confirm-failed", "the other side did not prove its key" },
	[KPSEC_KX_KEY_MISMATCH]		= { "key-mismatch", "its public key differs from the one in the key ring" },
	[KPSEC_KX_PARAMS_MISMATCH]	= { "params-mismatch", "its kx-rho or kx-theta differ from this node's" },
	[KPSEC_KX_QKD_NO_KEY]		= { "qkd-no-key", "no QKD key left for the node" },
	[KPSEC_KX_QKD_UNKNOWN_KEY]	= { "qkd-unknown-key", "it named a QKD key ID this node does not hold" },
	[KPSEC_KX_QKD_MODE_MISMATCH]	= { "qkd-mode-mismatch", "its qkd mode differs from this node's" },
	[KPSEC_KX_QKD_EXPIRED]		= { "qkd-expired", "the session outlived its QKD key: no fresh key came in time" },
};

static const char *const event_names[__KPSEC_EVENT_MAX] = {
	[KPSEC_EVENT_STARTED]		= "started",
	[KPSEC_EVENT_ESTABLISHED]	= "established",
	[KPSEC_EVENT_FAILED]		= "failed",
	[KPSEC_EVENT_SHARE_REJECTED]	= "share-rejected",
	[KPSEC_EVENT_CONFIRM_FAILED]	= "confirm-failed",
	[KPSEC_EVENT_REPLAY]		= "replay",
	[KPSEC_EVENT_QKD_LOW]		= "qkd-low",
	[KPSEC_EVENT_QKD_EMPTY]		= "qkd-empty",
};

static const char *const qkd_modes[__KPSEC_QKD_MODE_MAX] = {
	[KPSEC_QKD_OFF]			= "off",
	[KPSEC_QKD_HYBRID]		= "hybrid",
	[KPSEC_QKD_ONLY]		= "only",
};

static const char *const qkd_on_empty_names[__KPSEC_QKD_ON_EMPTY_MAX] = {
	[KPSEC_QKD_ON_EMPTY_REFUSE]	= "refuse",
	[KPSEC_QKD_ON_EMPTY_KEEP]	= "keep",
};

static const struct {
	uint32_t flag;
	const char *name;
} test_flags[] = {
	{ KPSEC_TEST_F_ALTER_SHARES, "alter-shares" },
	{ KPSEC_TEST_F_BAD_CONFIRM, "bad-confirm" },
};

static const char *name_or_number(const char *name, uint32_t value,
				  char buf[KX_NAME_LEN])
{
	if (name)
		return name;
	snprintf(buf, KX_NAME_LEN, "%u", value);
	return buf;
}

const char *kx_state_name(uint32_t state, char buf[KX_NAME_LEN])
{
	return name_or_number(state < ARRAY_SIZE(state_names) ? state_names[state] : NULL,
			      state, buf);
}

const char *kx_reason_name(uint32_t reason, char buf[KX_NAME_LEN])
{
	return name_or_number(reason < ARRAY_SIZE(reasons) ? reasons[reason].name : NULL,
			      reason, buf);
}

const char *kx_reason_text(uint32_t reason)
{
	return reason < ARRAY_SIZE(reasons) ? reasons[reason].text : NULL;
}

const char *kx_event_name(uint32_t event, char buf[KX_NAME_LEN])
{
	return name_or_number(event < ARRAY_SIZE(event_names) ? event_names[event] : NULL,
			      event, buf);
}

void format_test_flags(char buf[TEST_FLAGS_STR_LEN], uint64_t flags)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(test_flags); i++) {
		if (!(flags & test_flags[i].flag))
			continue;
		len += (size_t)snprintf(buf + len, TEST_FLAGS_STR_LEN - len, "%s%s",
					len ? "," : "", test_flags[i].name);
		flags &= ~(uint64_t)test_flags[i].flag;
	}
	if (flags)
		snprintf(buf + len, TEST_FLAGS_STR_LEN - len, "%s0x%llx",
			 len ? "," : "", (unsigned long long)flags);
	else if (!len)
		snprintf(buf, TEST_FLAGS_STR_LEN, "none");
}

bool parse_test_flags(const char *arg, uint32_t *flags)
{
	size_t i;

	if (!strcmp(arg, "none")) {
		*flags = 0;
		return true;
	}
	for (i = 0; i < ARRAY_SIZE(test_flags); i++) {
		if (!strcmp(arg, test_flags[i].name)) {
			*flags = test_flags[i].flag;
			return true;
		}
	}
	report("invalid test-flags \"%s\": expected alter-shares, bad-confirm or none", arg);
	return false;
}

const char *qkd_mode_name(uint32_t mode, char buf[KX_NAME_LEN])
{
	return name_or_number(mode < ARRAY_SIZE(qkd_modes) ? qkd_modes[mode] : NULL,
			      mode, buf);
}

const char *qkd_on_empty_name(uint32_t on_empty, char buf[KX_NAME_LEN])
{
	return name_or_number(on_empty < ARRAY_SIZE(qkd_on_empty_names) ?
			      qkd_on_empty_names[on_empty] : NULL, on_empty, buf);
}

/* The index of @arg in @names (@n of them), or -1. */
static int name_index(const char *arg, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] && !strcmp(arg, names[i]))
			return (int)i;
	return -1;
}

bool parse_qkd_mode(const char *arg, uint32_t *mode)
{
	int i = name_index(arg, qkd_modes, ARRAY_SIZE(qkd_modes));

	if (i < 0) {
		report("invalid qkd \"%s\": expected off, hybrid or only", arg);
		return false;
	}
	*mode = (uint32_t)i;
	return true;
}

bool parse_qkd_on_empty(const char *arg, uint32_t *on_empty)
{
	int i = name_index(arg, qkd_on_empty_names, ARRAY_SIZE(qkd_on_empty_names));

	if (i < 0) {
		report("invalid qkd-on-empty \"%s\": expected refuse or keep", arg);
		return false;
	}
	*on_empty = (uint32_t)i;
	return true;
}

static struct nla_policy ring_policy[KPSEC_A_RING_MAX + 1] = {
	[KPSEC_A_RING_NODE_ID]		= { .type = NLA_U32 },
	[KPSEC_A_RING_PUBLIC_KEY]	= { .minlen = KPSEC_KEY_LEN },
};

/* A key in a reply would be a kernel bug: it is not read, let alone shown. */
static struct nla_policy symkey_policy[KPSEC_A_SYMKEY_MAX + 1] = {
	[KPSEC_A_SYMKEY_ID]		= { .type = NLA_U32 },
};

static struct nla_policy session_policy[KPSEC_A_SESSION_MAX + 1] = {
	[KPSEC_A_SESSION_NODE_ID]	= { .type = NLA_U32 },
	[KPSEC_A_SESSION_STATE]		= { .type = NLA_U32 },
	[KPSEC_A_SESSION_INITIATOR]	= { .type = NLA_FLAG },
	[KPSEC_A_SESSION_PUBLIC_KEY]	= { .minlen = KPSEC_KEY_LEN },
	[KPSEC_A_SESSION_AGE_MSECS]	= { .type = NLA_U64 },
	[KPSEC_A_SESSION_REKEY_MSECS]	= { .type = NLA_U64 },
	[KPSEC_A_SESSION_RX_PACKETS]	= { .type = NLA_U64 },
	[KPSEC_A_SESSION_RX_BYTES]	= { .type = NLA_U64 },
	[KPSEC_A_SESSION_TX_PACKETS]	= { .type = NLA_U64 },
	[KPSEC_A_SESSION_TX_BYTES]	= { .type = NLA_U64 },
	[KPSEC_A_SESSION_DROPS]		= { .type = NLA_U64 },
	[KPSEC_A_SESSION_EXCHANGES]	= { .type = NLA_U32 },
	[KPSEC_A_SESSION_FAILURES]	= { .type = NLA_U32 },
	[KPSEC_A_SESSION_LAST_ERROR]	= { .type = NLA_U32 },
	[KPSEC_A_SESSION_KX_MSECS]	= { .type = NLA_U64 },
	[KPSEC_A_SESSION_QKD_MODE]	= { .type = NLA_U32 },
	[KPSEC_A_SESSION_QKD_KEY_ID]	= { .minlen = KPSEC_QKD_KEY_ID_LEN },
};

static struct nla_policy keypath_policy[KPSEC_A_KEYPATH_MAX + 1] = {
	[KPSEC_A_KEYPATH_INDEX]		= { .type = NLA_U32 },
	[KPSEC_A_KEYPATH_DE_STEPS]	= { .type = NLA_U32 },
	[KPSEC_A_KEYPATH_PHYS_HOPS]	= { .type = NLA_U32 },
	[KPSEC_A_KEYPATH_OVERLAY]	= { .type = NLA_NESTED },
};

static struct nla_policy ovhop_policy[KPSEC_A_OVHOP_MAX + 1] = {
	[KPSEC_A_OVHOP_NODE_ID]		= { .type = NLA_U32 },
	[KPSEC_A_OVHOP_PHYS_HOPS]	= { .type = NLA_U32 },
};

static struct nla_policy event_policy[KPSEC_A_EVENT_MAX + 1] = {
	[KPSEC_A_EVENT_TYPE]		= { .type = NLA_U32 },
	[KPSEC_A_EVENT_PEER]		= { .type = NLA_U32 },
	[KPSEC_A_EVENT_REASON]		= { .type = NLA_U32 },
	[KPSEC_A_EVENT_SHARE_INDEX]	= { .type = NLA_U32 },
	[KPSEC_A_EVENT_FROM]		= { .type = NLA_U32 },
	[KPSEC_A_EVENT_KX_MSECS]	= { .type = NLA_U64 },
	[KPSEC_A_EVENT_QKD_KEYS]	= { .type = NLA_U32 },
};

/* The device attributes of a reply into @tb; false after reporting. */
static bool parse_device(struct nl_msg *msg, struct nlattr **tb, const char *what)
{
	char problem[64];

	snprintf(problem, sizeof(problem), "%s attributes", what);
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, KPSEC_A_DEVICE_MAX,
			  kpsec_device_policy) < 0)
		return kpsec_malformed(problem);
	snprintf(problem, sizeof(problem), "%s without an ifindex or name", what);
	if (!tb[KPSEC_A_DEVICE_IFINDEX] || !tb[KPSEC_A_DEVICE_IFNAME])
		return kpsec_malformed(problem);
	return true;
}

/* The device of a dump reply, added to @list if new; NULL after reporting. */
static struct kpsec_device_info *reply_device(struct nl_msg *reply, struct nlattr **tb,
					      struct kpsec_device_list *list)
{
	struct kpsec_device_info *dev;

	if (!parse_device(reply, tb, "device"))
		return NULL;
	dev = kpsec_device_find_or_add(list, nla_get_u32(tb[KPSEC_A_DEVICE_IFINDEX]));
	nla_strlcpy(dev->ifname, tb[KPSEC_A_DEVICE_IFNAME], sizeof(dev->ifname));
	return dev;
}

static bool merge_ring_entry(struct kpsec_device_info *dev, struct nlattr *entry)
{
	struct nlattr *tb[KPSEC_A_RING_MAX + 1];
	struct kpsec_ring_info *r = NULL;
	uint32_t node_id;
	size_t i;

	if (nla_parse_nested(tb, KPSEC_A_RING_MAX, entry, ring_policy) < 0)
		return kpsec_malformed("key ring attributes");
	if (!tb[KPSEC_A_RING_NODE_ID] || !tb[KPSEC_A_RING_PUBLIC_KEY])
		return kpsec_malformed("key ring entry without a node id or public key");
	node_id = nla_get_u32(tb[KPSEC_A_RING_NODE_ID]);
	/* Seen twice (it changed between messages): keep the latest. */
	for (i = 0; i < dev->n_ring && !r; i++)
		if (dev->ring[i].node_id == node_id)
			r = &dev->ring[i];
	if (!r) {
		dev->ring = xgrow(dev->ring, &dev->ring_room, dev->n_ring, sizeof(*r));
		r = &dev->ring[dev->n_ring++];
	}
	r->node_id = node_id;
	memcpy(r->public_key, nla_data(tb[KPSEC_A_RING_PUBLIC_KEY]), KPSEC_KEY_LEN);
	return true;
}

static bool merge_symkey(struct kpsec_device_info *dev, struct nlattr *entry)
{
	struct nlattr *tb[KPSEC_A_SYMKEY_MAX + 1];
	uint32_t id;
	size_t i;

	if (nla_parse_nested(tb, KPSEC_A_SYMKEY_MAX, entry, symkey_policy) < 0)
		return kpsec_malformed("symmetric key ring attributes");
	if (!tb[KPSEC_A_SYMKEY_ID])
		return kpsec_malformed("symmetric key ring entry without a key id");
	id = nla_get_u32(tb[KPSEC_A_SYMKEY_ID]);
	/* Seen twice (the ring changed between messages): once is enough. */
	for (i = 0; i < dev->n_symring; i++)
		if (dev->symring[i] == id)
			return true;
	dev->symring = xgrow(dev->symring, &dev->symring_room, dev->n_symring,
			     sizeof(*dev->symring));
	dev->symring[dev->n_symring++] = id;
	return true;
}

bool kpsec_merge_keyring_reply(struct nl_msg *reply, void *list)
{
	struct nlattr *tb[KPSEC_A_DEVICE_MAX + 1], *entry;
	struct kpsec_device_info *dev;
	int rem;

	dev = reply_device(reply, tb, list);
	if (!dev)
		return false;
	if (tb[KPSEC_A_DEVICE_NODE_ID])
		dev->node_id = nla_get_u32(tb[KPSEC_A_DEVICE_NODE_ID]);
	if (tb[KPSEC_A_DEVICE_KEYRING]) {
		nla_for_each_nested(entry, tb[KPSEC_A_DEVICE_KEYRING], rem)
			if (!merge_ring_entry(dev, entry))
				return false;
	}
	if (tb[KPSEC_A_DEVICE_SYMRING]) {
		dev->has_symring = true;
		nla_for_each_nested(entry, tb[KPSEC_A_DEVICE_SYMRING], rem)
			if (!merge_symkey(dev, entry))
				return false;
	}
	return true;
}

static bool merge_session(struct kpsec_device_info *dev, struct nlattr *entry)
{
	struct nlattr *tb[KPSEC_A_SESSION_MAX + 1];
	struct kpsec_session_info *s = NULL;
	uint32_t node_id;
	size_t i;

	if (nla_parse_nested(tb, KPSEC_A_SESSION_MAX, entry, session_policy) < 0)
		return kpsec_malformed("session attributes");
	if (!tb[KPSEC_A_SESSION_NODE_ID])
		return kpsec_malformed("session without a node id");
	node_id = nla_get_u32(tb[KPSEC_A_SESSION_NODE_ID]);
	for (i = 0; i < dev->n_sessions && !s; i++)
		if (dev->sessions[i].node_id == node_id)
			s = &dev->sessions[i];
	if (!s) {
		dev->sessions = xgrow(dev->sessions, &dev->sessions_room,
				     dev->n_sessions, sizeof(*s));
		s = &dev->sessions[dev->n_sessions++];
	}
	memset(s, 0, sizeof(*s));
	s->node_id = node_id;
	s->state = nla_u32_or_zero(tb[KPSEC_A_SESSION_STATE]);
	s->initiator = tb[KPSEC_A_SESSION_INITIATOR] != NULL;
	s->has_public_key = tb[KPSEC_A_SESSION_PUBLIC_KEY] != NULL;
	if (s->has_public_key)
		memcpy(s->public_key, nla_data(tb[KPSEC_A_SESSION_PUBLIC_KEY]),
		       KPSEC_KEY_LEN);
	s->has_age = tb[KPSEC_A_SESSION_AGE_MSECS] != NULL;
	s->age_msecs = nla_u64_or_zero(tb[KPSEC_A_SESSION_AGE_MSECS]);
	s->has_rekey = tb[KPSEC_A_SESSION_REKEY_MSECS] != NULL;
	s->rekey_msecs = nla_u64_or_zero(tb[KPSEC_A_SESSION_REKEY_MSECS]);
	s->rx_packets = nla_u64_or_zero(tb[KPSEC_A_SESSION_RX_PACKETS]);
	s->rx_bytes = nla_u64_or_zero(tb[KPSEC_A_SESSION_RX_BYTES]);
	s->tx_packets = nla_u64_or_zero(tb[KPSEC_A_SESSION_TX_PACKETS]);
	s->tx_bytes = nla_u64_or_zero(tb[KPSEC_A_SESSION_TX_BYTES]);
	s->drops = nla_u64_or_zero(tb[KPSEC_A_SESSION_DROPS]);
	s->exchanges = nla_u32_or_zero(tb[KPSEC_A_SESSION_EXCHANGES]);
	s->failures = nla_u32_or_zero(tb[KPSEC_A_SESSION_FAILURES]);
	s->has_last_error = tb[KPSEC_A_SESSION_LAST_ERROR] != NULL;
	s->last_error = nla_u32_or_zero(tb[KPSEC_A_SESSION_LAST_ERROR]);
	s->has_kx_time = tb[KPSEC_A_SESSION_KX_MSECS] != NULL;
	s->kx_msecs = nla_u64_or_zero(tb[KPSEC_A_SESSION_KX_MSECS]);
	s->has_qkd_mode = tb[KPSEC_A_SESSION_QKD_MODE] != NULL;
	s->qkd_mode = nla_u32_or_zero(tb[KPSEC_A_SESSION_QKD_MODE]);
	s->has_qkd_key_id = tb[KPSEC_A_SESSION_QKD_KEY_ID] != NULL;
	if (s->has_qkd_key_id)
		memcpy(s->qkd_key_id, nla_data(tb[KPSEC_A_SESSION_QKD_KEY_ID]),
		       KPSEC_QKD_KEY_ID_LEN);
	return true;
}

bool kpsec_merge_sessions_reply(struct nl_msg *reply, void *list)
{
	struct nlattr *tb[KPSEC_A_DEVICE_MAX + 1], *entry;
	struct kpsec_device_info *dev;
	int rem;

	dev = reply_device(reply, tb, list);
	if (!dev)
		return false;
	if (tb[KPSEC_A_DEVICE_SESSIONS]) {
		nla_for_each_nested(entry, tb[KPSEC_A_DEVICE_SESSIONS], rem)
			if (!merge_session(dev, entry))
				return false;
	}
	return true;
}

static int compare_ring(const void *a, const void *b)
{
	uint32_t x = ((const struct kpsec_ring_info *)a)->node_id;
	uint32_t y = ((const struct kpsec_ring_info *)b)->node_id;

	return (x > y) - (x < y);
}

static int compare_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static int compare_sessions(const void *a, const void *b)
{
	uint32_t x = ((const struct kpsec_session_info *)a)->node_id;
	uint32_t y = ((const struct kpsec_session_info *)b)->node_id;

	return (x > y) - (x < y);
}

void kpsec_sort_kx(struct kpsec_device_list *list)
{
	size_t i;

	for (i = 0; i < list->n_devices; i++) {
		struct kpsec_device_info *dev = &list->devices[i];

		/* qsort must not be given NULL, even for no elements. */
		if (dev->n_ring > 1)
			qsort(dev->ring, dev->n_ring, sizeof(*dev->ring), compare_ring);
		if (dev->n_symring > 1)
			qsort(dev->symring, dev->n_symring, sizeof(*dev->symring),
			      compare_u32);
		if (dev->n_sessions > 1)
			qsort(dev->sessions, dev->n_sessions, sizeof(*dev->sessions),
			      compare_sessions);
	}
}

static bool merge_overlay(struct kpsec_keypath_info *path, struct nlattr *overlay)
{
	struct nlattr *tb[KPSEC_A_OVHOP_MAX + 1], *entry;
	size_t room = 0;
	int rem;

	if (overlay) {
		nla_for_each_nested(entry, overlay, rem) {
			struct kpsec_ovhop_info *hop;

			if (nla_parse_nested(tb, KPSEC_A_OVHOP_MAX, entry, ovhop_policy) < 0)
				return kpsec_malformed("overlay node attributes");
			if (!tb[KPSEC_A_OVHOP_NODE_ID])
				return kpsec_malformed("overlay node without a node id");
			path->overlay = xgrow(path->overlay, &room, path->n_overlay,
					     sizeof(*hop));
			hop = &path->overlay[path->n_overlay++];
			hop->node_id = nla_get_u32(tb[KPSEC_A_OVHOP_NODE_ID]);
			hop->phys_hops = nla_u32_or_zero(tb[KPSEC_A_OVHOP_PHYS_HOPS]);
		}
	}
	/* At least the destination. */
	if (!path->n_overlay)
		return kpsec_malformed("key-path without overlay nodes");
	return true;
}

bool kpsec_merge_keypaths_reply(struct nl_msg *reply, void *arg)
{
	struct nlattr *tb[KPSEC_A_DEVICE_MAX + 1], *ptb[KPSEC_A_KEYPATH_MAX + 1];
	struct kpsec_keypaths *kp = arg;
	struct nlattr *entry;
	int rem;

	if (!parse_device(reply, tb, "key-paths"))
		return false;
	kp->ifindex = nla_get_u32(tb[KPSEC_A_DEVICE_IFINDEX]);
	nla_strlcpy(kp->ifname, tb[KPSEC_A_DEVICE_IFNAME], sizeof(kp->ifname));
	if (tb[KPSEC_A_DEVICE_PATH_DST])
		kp->dst = nla_get_u32(tb[KPSEC_A_DEVICE_PATH_DST]);
	/* No nest is no key-path, like an empty one. */
	if (!tb[KPSEC_A_DEVICE_KEYPATHS])
		return true;
	nla_for_each_nested(entry, tb[KPSEC_A_DEVICE_KEYPATHS], rem) {
		struct kpsec_keypath_info *path;

		if (nla_parse_nested(ptb, KPSEC_A_KEYPATH_MAX, entry, keypath_policy) < 0)
			return kpsec_malformed("key-path attributes");
		kp->paths = xgrow(kp->paths, &kp->paths_room, kp->n_paths, sizeof(*path));
		path = &kp->paths[kp->n_paths++];
		memset(path, 0, sizeof(*path));
		path->index = nla_u32_or_zero(ptb[KPSEC_A_KEYPATH_INDEX]);
		path->de_steps = nla_u32_or_zero(ptb[KPSEC_A_KEYPATH_DE_STEPS]);
		path->phys_hops = nla_u32_or_zero(ptb[KPSEC_A_KEYPATH_PHYS_HOPS]);
		if (!merge_overlay(path, ptb[KPSEC_A_KEYPATH_OVERLAY]))
			return false;
	}
	return true;
}

void kpsec_keypaths_free(struct kpsec_keypaths *kp)
{
	size_t i;

	for (i = 0; i < kp->n_paths; i++)
		free(kp->paths[i].overlay);
	free(kp->paths);
	memset(kp, 0, sizeof(*kp));
}

bool kpsec_fetch_keypaths(struct kpsec_genl *genl, unsigned int ifindex,
			  const char *ifname, uint32_t dst, struct kpsec_keypaths *kp)
{
	enum kpsec_transact_result result;
	struct nl_msg *request;

	request = kpsec_genl_request(genl, KPSEC_CMD_GET_KEYPATHS, false, 64);
	if (!request)
		return false;
	if (nla_put_u32(request, KPSEC_A_DEVICE_IFINDEX, ifindex) < 0 ||
	    nla_put_u32(request, KPSEC_A_DEVICE_PATH_DST, dst) < 0) {
		kpsec_genl_free_request(request);
		report("out of memory");
		return false;
	}
	result = kpsec_genl_transact(genl, request, ifname,
				     kpsec_merge_keypaths_reply, kp);
	kpsec_genl_free_request(request);
	if (result == KPSEC_TRANSACT_INTERRUPTED)
		report("the routing tables changed during the request: try again");
	if (result != KPSEC_TRANSACT_OK)
		return false;
	if (!kp->ifname[0])
		return kpsec_malformed("no key-paths");
	if (!kp->dst)
		kp->dst = dst;
	return true;
}

bool kpsec_parse_event(struct nl_msg *msg, struct kpsec_event_info *ev)
{
	struct nlattr *tb[KPSEC_A_DEVICE_MAX + 1], *etb[KPSEC_A_EVENT_MAX + 1];
	struct genlmsghdr *ghdr = nlmsg_data(nlmsg_hdr(msg));

	memset(ev, 0, sizeof(*ev));
	if (nlmsg_hdr(msg)->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN ||
	    ghdr->cmd != KPSEC_CMD_EVENT)
		return false;
	if (!parse_device(msg, tb, "event"))
		return false;
	if (!tb[KPSEC_A_DEVICE_EVENT] ||
	    nla_parse_nested(etb, KPSEC_A_EVENT_MAX, tb[KPSEC_A_DEVICE_EVENT],
			     event_policy) < 0)
		return kpsec_malformed("event attributes");
	if (!etb[KPSEC_A_EVENT_TYPE])
		return kpsec_malformed("event without a type");
	ev->ifindex = nla_get_u32(tb[KPSEC_A_DEVICE_IFINDEX]);
	nla_strlcpy(ev->ifname, tb[KPSEC_A_DEVICE_IFNAME], sizeof(ev->ifname));
	ev->type = nla_get_u32(etb[KPSEC_A_EVENT_TYPE]);
	ev->has_peer = etb[KPSEC_A_EVENT_PEER] != NULL;
	ev->peer = nla_u32_or_zero(etb[KPSEC_A_EVENT_PEER]);
	ev->has_reason = etb[KPSEC_A_EVENT_REASON] != NULL;
	ev->reason = nla_u32_or_zero(etb[KPSEC_A_EVENT_REASON]);
	ev->has_share_index = etb[KPSEC_A_EVENT_SHARE_INDEX] != NULL;
	ev->share_index = nla_u32_or_zero(etb[KPSEC_A_EVENT_SHARE_INDEX]);
	ev->has_from = etb[KPSEC_A_EVENT_FROM] != NULL;
	ev->from = nla_u32_or_zero(etb[KPSEC_A_EVENT_FROM]);
	ev->has_kx_time = etb[KPSEC_A_EVENT_KX_MSECS] != NULL;
	ev->kx_msecs = nla_u64_or_zero(etb[KPSEC_A_EVENT_KX_MSECS]);
	ev->has_qkd_keys = etb[KPSEC_A_EVENT_QKD_KEYS] != NULL;
	ev->qkd_keys = nla_u32_or_zero(etb[KPSEC_A_EVENT_QKD_KEYS]);
	return true;
}
