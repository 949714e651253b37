// SPDX-License-Identifier: GPL-2.0
/*
 * QKD key stores: see qkd.h.  Keys are found by ID with a walk of the
 * list; stores hold at most KPSEC_QKD_STORE_MAX keys and are touched once
 * per exchange, so nothing faster pays for itself.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include "device.h"
#include "peer.h"
#include "qkd.h"

void kpsec_qkd_init(struct kpsec_qkd_store *s)
{
	INIT_LIST_HEAD(&s->keys);
}

struct kpsec_qkd_key *kpsec_qkd_key_alloc(const u8 *id, const u8 *key, size_t len)
{
	struct kpsec_qkd_key *k;

	if (len < KPSEC_QKD_KEY_MIN || len > KPSEC_QKD_KEY_MAX)
		return NULL;
	k = kmalloc(struct_size(k, key, len), GFP_KERNEL);
	if (!k)
		return NULL;
	memcpy(k->id, id, KPSEC_QKD_KEY_ID_LEN);
	k->len = len;
	memcpy(k->key, key, len);
	return k;
}

void kpsec_qkd_key_free(struct kpsec_qkd_key *k)
{
	kfree_sensitive(k);
}

void kpsec_qkd_clear(struct kpsec_qkd_store *s)
{
	struct kpsec_qkd_key *k, *tmp;

	list_for_each_entry_safe(k, tmp, &s->keys, list) {
		list_del(&k->list);
		kpsec_qkd_key_free(k);
	}
	s->count = 0;
}

struct kpsec_qkd_key *kpsec_qkd_find(const struct kpsec_qkd_store *s, const u8 *id)
{
	struct kpsec_qkd_key *k;

	list_for_each_entry(k, &s->keys, list)
		if (!memcmp(k->id, id, KPSEC_QKD_KEY_ID_LEN))
			return k;
	return NULL;
}

void kpsec_qkd_add(struct kpsec_device *kd, struct kpsec_peer *peer, struct list_head *keys,
		   u32 n)
{
	struct kpsec_qkd_store *s = &peer->qkd;

	lockdep_assert_held(&kd->kx.lock);
	list_splice_tail_init(keys, &s->keys);
	s->count += n;
	s->added += n;
	s->refilled = jiffies ?: 1;
	if (s->count > READ_ONCE(kd->kx.params.qkd_low))
		s->low_sent = false;
}

bool kpsec_qkd_take(struct kpsec_device *kd, struct kpsec_peer *peer, const u8 *id,
		    u8 mode, struct kpsec_qkd_held *held)
{
	struct kpsec_qkd_store *s = &peer->qkd;
	struct kpsec_qkd_key *k;

	lockdep_assert_held(&kd->kx.lock);
	if (id)
		k = kpsec_qkd_find(s, id);
	else
		k = list_first_entry_or_null(&s->keys, struct kpsec_qkd_key, list);
	if (!k) {
		if (!id || !s->count)
			kpsec_qkd_event(kd, KPSEC_EVENT_QKD_EMPTY, peer->node_id, 0);
		return false;
	}
	list_del(&k->list);
	s->count--;
	s->used++;
	kpsec_count(kd, KPSEC_A_STATS_QKD_KEYS_USED);
	held->mode = mode;
	held->len = k->len;
	memcpy(held->id, k->id, KPSEC_QKD_KEY_ID_LEN);
	memcpy(held->key, k->key, k->len);
	kpsec_qkd_key_free(k);
	if (!s->count) {
		kpsec_qkd_event(kd, KPSEC_EVENT_QKD_EMPTY, peer->node_id, 0);
	} else if (s->count <= READ_ONCE(kd->kx.params.qkd_low) && !s->low_sent) {
		s->low_sent = true;
		kpsec_qkd_event(kd, KPSEC_EVENT_QKD_LOW, peer->node_id, s->count);
	}
	return true;
}

void kpsec_qkd_put_back(struct kpsec_device *kd, struct kpsec_peer *peer,
			struct kpsec_qkd_held *held)
{
	struct kpsec_qkd_store *s = &peer->qkd;
	struct kpsec_qkd_key *k;

	lockdep_assert_held(&kd->kx.lock);
	if (held->mode == KPSEC_QKD_OFF)
		return;
	k = kpsec_qkd_key_alloc(held->id, held->key, held->len);
	memzero_explicit(held, sizeof(*held));
	if (!k)
		return;
	list_add(&k->list, &s->keys);
	s->count++;
	s->used--;
	atomic64_dec(&kd->counters[KPSEC_A_STATS_QKD_KEYS_USED]);
}
