/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The QKD key stores of kpsec devices as KPSEC_CMD_GET_QKD dumps them
 * (qkd_store.c): each device's QKD policy and one store per peer, the key
 * IDs of a peer asked for continuing over several messages; and their
 * rendering for "kpsec qkd show" and "kpsec show" (show_qkd.c).  Holds no
 * secrets: the kernel never returns a QKD key, only key IDs, which cross
 * the air anyway.
 */
#ifndef KPSEC_CLI_QKD_STORE_H
#define KPSEC_CLI_QKD_STORE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "device.h"
#include "genl.h"
#include "json.h"

struct qkd_key;

/* The keys held for one peer (KPSEC_A_QKD_STORE_*). */
struct kpsec_qkd_store_info {
	uint32_t node_id;
	uint32_t available;		/* keys stored */
	uint64_t used, added;		/* keys exchanges took; keys ever added */
	bool has_next_key;		/* the key this node's next exchange takes */
	uint8_t next_key_id[KPSEC_QKD_KEY_ID_LEN];
	uint32_t next_key_bits;
	bool has_refill;
	uint64_t refill_msecs;		/* since keys were last added */
	/* Only when the dump named this peer: every key ID, oldest first. */
	uint8_t (*key_ids)[KPSEC_QKD_KEY_ID_LEN];
	size_t n_key_ids, key_ids_room;
};

struct kpsec_qkd_device {
	uint32_t ifindex;
	char ifname[IFNAMSIZ];
	struct kpsec_qkd_policy policy;
	struct kpsec_qkd_store_info *stores;	/* sorted by node ID once fetched */
	size_t n_stores, stores_room;
};

struct kpsec_qkd_list {
	struct kpsec_qkd_device *devices;
	size_t n_devices, devices_room;
};

/* Merge one GET_QKD reply into a struct kpsec_qkd_list; false after reporting. */
bool kpsec_merge_qkd_reply(struct nl_msg *reply, void *list);

/* Sort every device's stores by node ID. */
void kpsec_sort_qkd(struct kpsec_qkd_list *list);

/*
 * Dump the QKD stores of the device @ifindex (named @ifname in messages),
 * or of every kpsec device when @ifindex is 0, into @list, which must be
 * zeroed or freed.  With @node (and @ifindex), only the store of that
 * peer, with its key IDs; none when it has no store.  Reports errors.
 */
bool kpsec_fetch_qkd(struct kpsec_genl *genl, unsigned int ifindex, const char *ifname,
		     uint32_t node, struct kpsec_qkd_list *list);

/* The store of node @node in @dev, or NULL. */
const struct kpsec_qkd_store_info *kpsec_qkd_find_store(const struct kpsec_qkd_device *dev,
							uint32_t node);

void kpsec_qkd_list_free(struct kpsec_qkd_list *list);

/*
 * Keys per KPSEC_CMD_QKD_ADD_KEYS request: at most KPSEC_QKD_ADD_MAX, and
 * a KPSEC_A_DEVICE_QKD_KEYS nest under QKD_NEST_MAX bytes, well inside
 * what one netlink attribute and the kernel's request buffer take.
 */
#define QKD_NEST_MAX 60000

/* The room one key takes in that nest: its nest, its ID, and the key. */
size_t kpsec_qkd_key_room(size_t key_len);

/* How many of the @n keys at @keys the next ADD_KEYS request carries (1 .. @n). */
size_t kpsec_qkd_batch(const struct qkd_key *keys, size_t n);

/*
 * "kpsec qkd show": for each device an "interface: NAME" line, its QKD
 * policy and a table of its stores; with @ids, only the key IDs of each
 * store, one a line, oldest first.  JSON: an array of device objects,
 * every key present; a store's "key_ids" is null but with @ids.
 */
void print_qkd_text(const struct kpsec_qkd_list *list, bool ids);
void print_qkd_json(const struct kpsec_qkd_list *list, bool ids);

/* The QKD policy as "kpsec show DEV" prints it: one "qkd ...: " line each. */
void print_qkd_policy_lines(const struct kpsec_qkd_policy *p, const char *indent);

/* The QKD policy as members of a JSON device object; null when unknown. */
void json_qkd_policy(struct json_writer *w, const struct kpsec_qkd_policy *p);

#endif /* KPSEC_CLI_QKD_STORE_H */
