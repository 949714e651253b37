// SPDX-License-Identifier: GPL-2.0
/*
 * "kpsec qkd show" as text and JSON, and the QKD policy of "kpsec show".
 * Text shows ages for people ("1.2 s ago"), JSON the kernel's
 * milliseconds.  Key IDs are lower-case 8-4-4-4-12 UUIDs in both.  JSON
 * keys are always present, null when not known.
 */
#include <inttypes.h>
#include <stdio.h>

#include "../qkd/container.h"
#include "format.h"
#include "kx.h"
#include "qkd_store.h"
#include "table.h"
#include "util.h"

#define CELL_LEN 32

/* --- the policy --------------------------------------------------------- */

/* The text of each policy value, "(unknown)" when the kernel did not say. */
struct policy_text {
	char mode[KX_NAME_LEN], on_empty[KX_NAME_LEN];
	char max_age[CELL_LEN], low[CELL_LEN];
};

static void policy_text(const struct kpsec_qkd_policy *p, struct policy_text *t)
{
	char name[KX_NAME_LEN];

	snprintf(t->mode, sizeof(t->mode), "(unknown)");
	snprintf(t->on_empty, sizeof(t->on_empty), "(unknown)");
	snprintf(t->max_age, sizeof(t->max_age), "(unknown)");
	snprintf(t->low, sizeof(t->low), "(unknown)");
	if (p->has_mode)
		snprintf(t->mode, sizeof(t->mode), "%s", qkd_mode_name(p->mode, name));
	if (p->has_on_empty)
		snprintf(t->on_empty, sizeof(t->on_empty), "%s",
			 qkd_on_empty_name(p->on_empty, name));
	if (p->has_max_age)
		snprintf(t->max_age, sizeof(t->max_age), "%" PRIu32 " s", p->max_age);
	if (p->has_low_watermark)
		snprintf(t->low, sizeof(t->low), "%" PRIu32, p->low_watermark);
}

void print_qkd_policy_lines(const struct kpsec_qkd_policy *p, const char *indent)
{
	struct policy_text t;

	policy_text(p, &t);
	printf("%sqkd mode: %s\n", indent, t.mode);
	printf("%sqkd on empty: %s\n", indent, t.on_empty);
	printf("%sqkd max age: %s\n", indent, t.max_age);
	printf("%sqkd low watermark: %s\n", indent, t.low);
}

void json_qkd_policy(struct json_writer *w, const struct kpsec_qkd_policy *p)
{
	char name[KX_NAME_LEN];

	json_string(w, "qkd_mode", p->has_mode ? qkd_mode_name(p->mode, name) : NULL);
	json_string(w, "qkd_on_empty",
		    p->has_on_empty ? qkd_on_empty_name(p->on_empty, name) : NULL);
	if (p->has_max_age)
		json_u64(w, "qkd_max_age", p->max_age);
	else
		json_null(w, "qkd_max_age");
	if (p->has_low_watermark)
		json_u64(w, "qkd_low_watermark", p->low_watermark);
	else
		json_null(w, "qkd_low_watermark");
}

/* --- text --------------------------------------------------------------- */

static const char *const store_columns[] = {
	"NODE", "AVAILABLE", "USED", "ADDED", "NEXT KEY ID", "BITS", "REFILLED",
};

static void store_cells(struct table *t, const struct kpsec_qkd_store_info *s)
{
	char id[QKD_UUID_STR_LEN + 1] = "-", refilled[CELL_LEN] = "never";

	if (s->has_next_key)
		qkd_uuid_format(id, s->next_key_id);
	if (s->has_refill)
		format_age(refilled, sizeof(refilled), s->refill_msecs);
	table_cell(t, "%" PRIu32, s->node_id);
	table_cell(t, "%" PRIu32, s->available);
	table_cell(t, "%" PRIu64, s->used);
	table_cell(t, "%" PRIu64, s->added);
	table_cell(t, "%s", id);
	if (s->has_next_key)
		table_cell(t, "%" PRIu32, s->next_key_bits);
	else
		table_cell(t, "-");
	table_cell(t, "%s", refilled);
}

static void print_device(const struct kpsec_qkd_device *dev)
{
	struct policy_text p;
	struct table t;
	size_t i;

	policy_text(&dev->policy, &p);
	printf("interface: %s\n", dev->ifname);
	printf("  qkd mode: %s, on empty: %s, max age: %s, low watermark: %s\n\n",
	       p.mode, p.on_empty, p.max_age, p.low);
	/* The counts and the key size are right-aligned. */
	table_init(&t, store_columns, ARRAY_SIZE(store_columns), 0x2e);
	for (i = 0; i < dev->n_stores; i++)
		store_cells(&t, &dev->stores[i]);
	table_print(&t, "  ");
	table_free(&t);
}

void print_qkd_text(const struct kpsec_qkd_list *list, bool ids)
{
	char id[QKD_UUID_STR_LEN + 1];
	size_t i, j, k;

	for (i = 0; i < list->n_devices; i++) {
		const struct kpsec_qkd_device *dev = &list->devices[i];

		if (!ids) {
			if (i)
				putchar('\n');
			print_device(dev);
			continue;
		}
		for (j = 0; j < dev->n_stores; j++) {
			for (k = 0; k < dev->stores[j].n_key_ids; k++) {
				qkd_uuid_format(id, dev->stores[j].key_ids[k]);
				puts(id);
			}
		}
	}
}

/* --- JSON --------------------------------------------------------------- */

static void json_store(struct json_writer *w, const struct kpsec_qkd_store_info *s,
		       bool ids)
{
	char id[QKD_UUID_STR_LEN + 1];
	size_t i;

	json_open_object(w, NULL);
	json_u64(w, "node_id", s->node_id);
	json_u64(w, "available", s->available);
	json_u64(w, "used", s->used);
	json_u64(w, "added", s->added);
	if (s->has_next_key)
		qkd_uuid_format(id, s->next_key_id);
	json_string(w, "next_key_id", s->has_next_key ? id : NULL);
	if (s->has_next_key)
		json_u64(w, "next_key_bits", s->next_key_bits);
	else
		json_null(w, "next_key_bits");
	if (s->has_refill)
		json_u64(w, "refill_msecs", s->refill_msecs);
	else
		json_null(w, "refill_msecs");
	if (ids) {
		json_open_array(w, "key_ids");
		for (i = 0; i < s->n_key_ids; i++) {
			qkd_uuid_format(id, s->key_ids[i]);
			json_string(w, NULL, id);
		}
		json_close_array(w);
	} else {
		json_null(w, "key_ids");
	}
	json_close_object(w);
}

void print_qkd_json(const struct kpsec_qkd_list *list, bool ids)
{
	struct json_writer w;
	size_t i, j;

	json_init(&w, stdout);
	json_open_array(&w, NULL);
	for (i = 0; i < list->n_devices; i++) {
		const struct kpsec_qkd_device *dev = &list->devices[i];

		json_open_object(&w, NULL);
		json_u64(&w, "ifindex", dev->ifindex);
		json_string(&w, "ifname", dev->ifname);
		json_qkd_policy(&w, &dev->policy);
		json_open_array(&w, "stores");
		for (j = 0; j < dev->n_stores; j++)
			json_store(&w, &dev->stores[j], ids);
		json_close_array(&w);
		json_close_object(&w);
	}
	json_close_array(&w);
	putchar('\n');
}
