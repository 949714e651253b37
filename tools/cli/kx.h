/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KPsec key exchange as the kernel reports it: the key rings, public
 * and symmetric (KPSEC_CMD_GET_KEYRING), and the sessions
 * (KPSEC_CMD_GET_SESSIONS) merged into a struct kpsec_device_list by
 * kpsec_fetch_mesh (mesh.h), the key-paths to one node
 * (KPSEC_CMD_GET_KEYPATHS), the events of the "events" multicast group
 * (KPSEC_CMD_EVENT), and the names of session states, failure reasons,
 * events, test flags and QKD modes: one table each, shared by text and
 * JSON.  Holds no secrets: the kernel returns public keys and pool key
 * IDs, never a pool key.
 */
#ifndef KPSEC_CLI_KX_H
#define KPSEC_CLI_KX_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "device.h"
#include "genl.h"

/* Room for any name below, or for the number of an unknown value. */
#define KX_NAME_LEN 24

/*
 * The name of an enum kpsec_session_state, kpsec_kx_reason or kpsec_event
 * value ("established", "timeout", "share-rejected"), or its decimal
 * number, written to @buf, when this kpsec does not know it.
 */
const char *kx_state_name(uint32_t state, char buf[KX_NAME_LEN]);
const char *kx_reason_name(uint32_t reason, char buf[KX_NAME_LEN]);
const char *kx_event_name(uint32_t event, char buf[KX_NAME_LEN]);

/* What a failure reason means, for messages; NULL when unknown. */
const char *kx_reason_text(uint32_t reason);

/* enum kpsec_test_flag: "alter-shares", several joined by ',', or "none". */
#define TEST_FLAGS_STR_LEN 64
void format_test_flags(char buf[TEST_FLAGS_STR_LEN], uint64_t flags);

/* "alter-shares" or "none" (kpsec set test-flags); false after reporting. */
bool parse_test_flags(const char *arg, uint32_t *flags);

/*
 * The name of an enum kpsec_qkd_mode ("off", "hybrid", "only") or
 * kpsec_qkd_on_empty ("refuse", "keep") value, or its number in @buf.
 */
const char *qkd_mode_name(uint32_t mode, char buf[KX_NAME_LEN]);
const char *qkd_on_empty_name(uint32_t on_empty, char buf[KX_NAME_LEN]);

/* kpsec set qkd, qkd-on-empty: the names above; false after reporting. */
bool parse_qkd_mode(const char *arg, uint32_t *mode);
bool parse_qkd_on_empty(const char *arg, uint32_t *on_empty);

/* Merge one reply of the GET_KEYRING or GET_SESSIONS dump into a device list. */
bool kpsec_merge_keyring_reply(struct nl_msg *reply, void *list);
bool kpsec_merge_sessions_reply(struct nl_msg *reply, void *list);

/* Sort every device's key ring and sessions by node ID, its pool keys by ID. */
void kpsec_sort_kx(struct kpsec_device_list *list);

/* One overlay node of a key-path (KPSEC_A_OVHOP_*). */
struct kpsec_ovhop_info {
	uint32_t node_id;
	uint32_t phys_hops;		/* radio hops from the previous one */
};

/* One vertex-disjoint key-path (KPSEC_A_KEYPATH_*). */
struct kpsec_keypath_info {
	uint32_t index;			/* the share it carries, from 1 */
	uint32_t de_steps;		/* overlay nodes between the ends */
	uint32_t phys_hops;
	struct kpsec_ovhop_info *overlay;	/* the destination last */
	size_t n_overlay;
};

/* The reply of GET_KEYPATHS: shortest first, as the kernel sends them. */
struct kpsec_keypaths {
	uint32_t ifindex;
	char ifname[IFNAMSIZ];
	uint32_t dst;
	struct kpsec_keypath_info *paths;
	size_t n_paths, paths_room;
};

/* Merge one GET_KEYPATHS reply into a struct kpsec_keypaths; false after reporting. */
bool kpsec_merge_keypaths_reply(struct nl_msg *reply, void *keypaths);

/*
 * The key-paths from the device @ifindex (named @ifname in messages) to
 * node @dst into @kp, which must be zeroed or freed.  Reports errors, the
 * kernel's own when it refuses.
 */
bool kpsec_fetch_keypaths(struct kpsec_genl *genl, unsigned int ifindex,
			  const char *ifname, uint32_t dst, struct kpsec_keypaths *kp);

void kpsec_keypaths_free(struct kpsec_keypaths *kp);

/* One KPSEC_CMD_EVENT notification (KPSEC_A_EVENT_*). */
struct kpsec_event_info {
	uint32_t ifindex;
	char ifname[IFNAMSIZ];
	uint32_t type;			/* enum kpsec_event */
	bool has_peer, has_reason, has_share_index, has_from, has_kx_time;
	uint32_t peer, reason, share_index, from;
	uint64_t kx_msecs;
	bool has_qkd_keys;
	uint32_t qkd_keys;		/* keys left (QKD_LOW, QKD_EMPTY) */
};

/*
 * Parse the KPSEC_CMD_EVENT notification @msg into @ev.  False for another
 * command (nothing reported), and after reporting a malformed one.
 */
bool kpsec_parse_event(struct nl_msg *msg, struct kpsec_event_info *ev);

#endif /* KPSEC_CLI_KX_H */
