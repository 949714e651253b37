/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QKD key stores (Documentation/qkd.rst): the keys a key management
 * entity handed out for each peer, known by their ETSI GS QKD 014 key IDs,
 * each used by one exchange and zeroised when used or deleted.
 */
#ifndef _KPSEC_QKD_H
#define _KPSEC_QKD_H

#include <linux/list.h>
#include <linux/types.h>
#include "uapi/kpsec.h"

struct kpsec_device;
struct kpsec_peer;

/**
 * struct kpsec_qkd_key - one QKD key
 * @list: entry in &kpsec_qkd_store.keys
 * @id: its key ID
 * @len: bytes in @key
 * @key: the key, zeroised when freed
 */
struct kpsec_qkd_key {
	struct list_head list;
	u8 id[KPSEC_QKD_KEY_ID_LEN];
	u8 len;
	u8 key[];
};

/**
 * struct kpsec_qkd_store - the QKD keys held for one peer (kx.lock)
 * @keys: oldest first: an exchange we begin takes the first
 * @count: keys in @keys
 * @used: keys exchanges took
 * @added: keys ever added
 * @refilled: jiffies of the last add, 0 for never
 * @low_sent: KPSEC_EVENT_QKD_LOW went out since @count was last above the
 *	low watermark
 */
struct kpsec_qkd_store {
	struct list_head keys;
	u32 count;
	u64 used, added;
	unsigned long refilled;
	bool low_sent;
};

/**
 * struct kpsec_qkd_held - a key an exchange took from the store
 * @mode: enum kpsec_qkd_mode it is used in, KPSEC_QKD_OFF for none
 * @len: bytes of @key
 * @id: its key ID
 * @key: the key (zeroised with the exchange)
 */
struct kpsec_qkd_held {
	u8 mode, len;
	u8 id[KPSEC_QKD_KEY_ID_LEN];
	u8 key[KPSEC_QKD_KEY_MAX];
};

void kpsec_qkd_init(struct kpsec_qkd_store *s);
/* Zeroise and free every key. */
void kpsec_qkd_clear(struct kpsec_qkd_store *s);
struct kpsec_qkd_key *kpsec_qkd_key_alloc(const u8 *id, const u8 *key, size_t len);
void kpsec_qkd_key_free(struct kpsec_qkd_key *k);
struct kpsec_qkd_key *kpsec_qkd_find(const struct kpsec_qkd_store *s, const u8 *id);
/* Append @keys (all checked) to @peer's store, which takes them. */
void kpsec_qkd_add(struct kpsec_device *kd, struct kpsec_peer *peer, struct list_head *keys,
		   u32 n);

/*
 * Take the key @id (the oldest when NULL) out of @peer's store into @held
 * for @mode, sending the low and empty events as the store runs down.
 * False when there is no such key.  kx.lock held.
 */
bool kpsec_qkd_take(struct kpsec_device *kd, struct kpsec_peer *peer, const u8 *id,
		    u8 mode, struct kpsec_qkd_held *held);

/*
 * Our exchange gave way to the other side's before the other side could
 * use its key: return the key to the front of the store.
 */
void kpsec_qkd_put_back(struct kpsec_device *kd, struct kpsec_peer *peer,
			struct kpsec_qkd_held *held);

/* netlink_qkd.c */
void kpsec_qkd_event(struct kpsec_device *kd, enum kpsec_event type, u32 peer, u32 keys);

#endif /* _KPSEC_QKD_H */
