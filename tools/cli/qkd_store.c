// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "../qkd/container.h"
#include "qkd_store.h"
#include "util.h"

_Static_assert(QKD_KEY_ID_LEN == KPSEC_QKD_KEY_ID_LEN, "key ID length");
_Static_assert(QKD_KEY_MIN_BYTES == KPSEC_QKD_KEY_MIN &&
	       QKD_KEY_MAX_BYTES == KPSEC_QKD_KEY_MAX, "key sizes");
_Static_assert(QKD_CONTAINER_MAX <= KPSEC_QKD_ADD_MAX, "keys per container");

/* A dump the kernel flagged as inconsistent is retried this many times. */
#define DUMP_ATTEMPTS 5

static struct nla_policy store_policy[KPSEC_A_QKD_STORE_MAX + 1] = {
	[KPSEC_A_QKD_STORE_NODE_ID]	= { .type = NLA_U32 },
	[KPSEC_A_QKD_STORE_AVAILABLE]	= { .type = NLA_U32 },
	[KPSEC_A_QKD_STORE_USED]	= { .type = NLA_U64 },
	[KPSEC_A_QKD_STORE_ADDED]	= { .type = NLA_U64 },
	[KPSEC_A_QKD_STORE_NEXT_KEY_ID]	= { .minlen = KPSEC_QKD_KEY_ID_LEN },
	[KPSEC_A_QKD_STORE_NEXT_KEY_BITS] = { .type = NLA_U32 },
	[KPSEC_A_QKD_STORE_REFILL_MSECS] = { .type = NLA_U64 },
	[KPSEC_A_QKD_STORE_KEY_IDS]	= { .type = NLA_NESTED },
};

static struct kpsec_qkd_device *find_or_add_device(struct kpsec_qkd_list *list,
						   uint32_t ifindex)
{
	struct kpsec_qkd_device *dev;
	size_t i;

	for (i = 0; i < list->n_devices; i++)
		if (list->devices[i].ifindex == ifindex)
			return &list->devices[i];
	list->devices = xgrow(list->devices, &list->devices_room, list->n_devices,
			      sizeof(*dev));
	dev = &list->devices[list->n_devices++];
	memset(dev, 0, sizeof(*dev));
	dev->ifindex = ifindex;
	return dev;
}

static struct kpsec_qkd_store_info *find_or_add_store(struct kpsec_qkd_device *dev,
						      uint32_t node_id)
{
	struct kpsec_qkd_store_info *s;
	size_t i;

	for (i = 0; i < dev->n_stores; i++)
		if (dev->stores[i].node_id == node_id)
			return &dev->stores[i];
	dev->stores = xgrow(dev->stores, &dev->stores_room, dev->n_stores, sizeof(*s));
	s = &dev->stores[dev->n_stores++];
	memset(s, 0, sizeof(*s));
	s->node_id = node_id;
	return s;
}

/* The key IDs of one message, after those of the messages before. */
static bool merge_key_ids(struct kpsec_qkd_store_info *s, struct nlattr *ids)
{
	struct nlattr *nla;
	int rem;

	nla_for_each_nested(nla, ids, rem) {
		if (nla_type(nla) != KPSEC_A_QKD_KEY_ID || nla_len(nla) != KPSEC_QKD_KEY_ID_LEN)
			return kpsec_malformed("QKD key ID attributes");
		s->key_ids = xgrow(s->key_ids, &s->key_ids_room, s->n_key_ids,
				   sizeof(*s->key_ids));
		memcpy(s->key_ids[s->n_key_ids++], nla_data(nla), KPSEC_QKD_KEY_ID_LEN);
	}
	return true;
}

/* One store: its numbers are the latest message's, its key IDs add up. */
static bool merge_store(struct kpsec_qkd_device *dev, struct nlattr *entry)
{
	struct nlattr *tb[KPSEC_A_QKD_STORE_MAX + 1];
	struct kpsec_qkd_store_info *s;

	if (nla_parse_nested(tb, KPSEC_A_QKD_STORE_MAX, entry, store_policy) < 0)
		return kpsec_malformed("QKD store attributes");
	if (!tb[KPSEC_A_QKD_STORE_NODE_ID])
		return kpsec_malformed("QKD store without a node id");
	s = find_or_add_store(dev, nla_get_u32(tb[KPSEC_A_QKD_STORE_NODE_ID]));
	s->available = nla_u32_or_zero(tb[KPSEC_A_QKD_STORE_AVAILABLE]);
	s->used = nla_u64_or_zero(tb[KPSEC_A_QKD_STORE_USED]);
	s->added = nla_u64_or_zero(tb[KPSEC_A_QKD_STORE_ADDED]);
	s->has_next_key = tb[KPSEC_A_QKD_STORE_NEXT_KEY_ID] != NULL;
	if (s->has_next_key)
		memcpy(s->next_key_id, nla_data(tb[KPSEC_A_QKD_STORE_NEXT_KEY_ID]),
		       KPSEC_QKD_KEY_ID_LEN);
	s->next_key_bits = nla_u32_or_zero(tb[KPSEC_A_QKD_STORE_NEXT_KEY_BITS]);
	s->has_refill = tb[KPSEC_A_QKD_STORE_REFILL_MSECS] != NULL;
	s->refill_msecs = nla_u64_or_zero(tb[KPSEC_A_QKD_STORE_REFILL_MSECS]);
	return !tb[KPSEC_A_QKD_STORE_KEY_IDS] ||
	       merge_key_ids(s, tb[KPSEC_A_QKD_STORE_KEY_IDS]);
}

bool kpsec_merge_qkd_reply(struct nl_msg *reply, void *arg)
{
	struct nlattr *tb[KPSEC_A_DEVICE_MAX + 1], *entry;
	struct kpsec_qkd_list *list = arg;
	struct kpsec_qkd_device *dev;
	int rem;

	if (genlmsg_parse(nlmsg_hdr(reply), 0, tb, KPSEC_A_DEVICE_MAX,
			  kpsec_device_policy) < 0)
		return kpsec_malformed("QKD attributes");
	if (!tb[KPSEC_A_DEVICE_IFINDEX] || !tb[KPSEC_A_DEVICE_IFNAME])
		return kpsec_malformed("QKD stores without an ifindex or name");
	dev = find_or_add_device(list, nla_get_u32(tb[KPSEC_A_DEVICE_IFINDEX]));
	nla_strlcpy(dev->ifname, tb[KPSEC_A_DEVICE_IFNAME], sizeof(dev->ifname));
	kpsec_get_qkd_policy(&dev->policy, tb);
	if (tb[KPSEC_A_DEVICE_QKD_STORES]) {
		nla_for_each_nested(entry, tb[KPSEC_A_DEVICE_QKD_STORES], rem)
			if (!merge_store(dev, entry))
				return false;
	}
	return true;
}

static int compare_stores(const void *a, const void *b)
{
	uint32_t x = ((const struct kpsec_qkd_store_info *)a)->node_id;
	uint32_t y = ((const struct kpsec_qkd_store_info *)b)->node_id;

	return (x > y) - (x < y);
}

void kpsec_sort_qkd(struct kpsec_qkd_list *list)
{
	size_t i;

	for (i = 0; i < list->n_devices; i++)
		if (list->devices[i].n_stores > 1)
			qsort(list->devices[i].stores, list->devices[i].n_stores,
			      sizeof(*list->devices[i].stores), compare_stores);
}

void kpsec_qkd_list_free(struct kpsec_qkd_list *list)
{
	size_t i, j;

	for (i = 0; i < list->n_devices; i++) {
		for (j = 0; j < list->devices[i].n_stores; j++)
			free(list->devices[i].stores[j].key_ids);
		free(list->devices[i].stores);
	}
	free(list->devices);
	memset(list, 0, sizeof(*list));
}

const struct kpsec_qkd_store_info *kpsec_qkd_find_store(const struct kpsec_qkd_device *dev,
							uint32_t node)
{
	size_t i;

	for (i = 0; i < dev->n_stores; i++)
		if (dev->stores[i].node_id == node)
			return &dev->stores[i];
	return NULL;
}

bool kpsec_fetch_qkd(struct kpsec_genl *genl, unsigned int ifindex, const char *ifname,
		     uint32_t node, struct kpsec_qkd_list *list)
{
	enum kpsec_transact_result result = KPSEC_TRANSACT_INTERRUPTED;
	struct nl_msg *request;
	int attempt;

	for (attempt = 0; attempt < DUMP_ATTEMPTS; attempt++) {
		kpsec_qkd_list_free(list);
		request = kpsec_genl_request(genl, KPSEC_CMD_GET_QKD, true, 64);
		if (!request)
			return false;
		if ((ifindex && nla_put_u32(request, KPSEC_A_DEVICE_IFINDEX, ifindex) < 0) ||
		    (node && nla_put_u32(request, KPSEC_A_DEVICE_PATH_DST, node) < 0)) {
			kpsec_genl_free_request(request);
			report("out of memory");
			return false;
		}
		result = kpsec_genl_transact(genl, request, ifname, kpsec_merge_qkd_reply, list);
		kpsec_genl_free_request(request);
		if (result != KPSEC_TRANSACT_INTERRUPTED)
			break;
	}
	if (result == KPSEC_TRANSACT_FAILED)
		return false;
	if (result == KPSEC_TRANSACT_INTERRUPTED) {
		report("the QKD stores kept changing during the dump: try again");
		return false;
	}
	if (ifindex && !list->n_devices) {
		report("%s: not a kpsec device", ifname);
		return false;
	}
	kpsec_sort_qkd(list);
	return true;
}

size_t kpsec_qkd_key_room(size_t key_len)
{
	return (size_t)nla_total_size(0) + (size_t)nla_total_size(KPSEC_QKD_KEY_ID_LEN) +
	       (size_t)nla_total_size((int)key_len);
}

size_t kpsec_qkd_batch(const struct qkd_key *keys, size_t n)
{
	size_t i, room = (size_t)nla_total_size(0);

	for (i = 0; i < n && i < KPSEC_QKD_ADD_MAX; i++) {
		room += kpsec_qkd_key_room(keys[i].len);
		if (room >= QKD_NEST_MAX)
			break;
	}
	return i ? i : 1;
}
