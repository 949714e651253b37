// SPDX-License-Identifier: GPL-2.0
/*
 * The key exchange views of "kpsec show" -- keyring, sessions, keypaths
 * -- as tables and JSON, and the event lines of "kpsec monitor".
 *
 * Text shows ages and times for people ("1.2 s ago", "35 ms"), JSON the
 * kernel's milliseconds.  State, reason and event names come from kx.c,
 * the same in both.  JSON keys are always present, null when not known.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../qkd/container.h"
#include "format.h"
#include "json.h"
#include "show.h"
#include "table.h"
#include "util.h"

#define CELL_LEN 32

/* --- text --------------------------------------------------------------- */

static const char *const ring_columns[] = { "NODE ID", "PUBLIC KEY" };
static const char *const symring_columns[] = { "POOL KEY ID" };

/* The public keys, then the pool key IDs (never a pool key: none comes). */
static void print_keyring(const struct kpsec_device_info *dev)
{
	char key[KEY_STR_LEN];
	struct table t;
	size_t i;

	printf("interface: %s\n", dev->ifname);
	if (dev->node_id)
		printf("  node id: %" PRIu32 "\n\n", dev->node_id);
	else
		puts("  node id: (none)\n");
	table_init(&t, ring_columns, ARRAY_SIZE(ring_columns), 0);
	for (i = 0; i < dev->n_ring; i++) {
		format_key(key, dev->ring[i].public_key);
		table_cell(&t, "%" PRIu32, dev->ring[i].node_id);
		table_cell(&t, "%s", key);
	}
	table_print(&t, "  ");
	table_free(&t);
	/* An older kernel has no symmetric ring: nothing to say about it. */
	if (!dev->has_symring)
		return;
	putchar('\n');
	table_init(&t, symring_columns, ARRAY_SIZE(symring_columns), 0);
	for (i = 0; i < dev->n_symring; i++)
		table_cell(&t, "%" PRIu32, dev->symring[i]);
	table_print(&t, "  ");
	table_free(&t);
}

static const char *const session_columns[] = {
	"PEER", "STATE", "INITIATOR", "AGE", "REKEY IN", "RX PACKETS", "RX BYTES",
	"TX PACKETS", "TX BYTES", "DROPS", "EXCHANGES", "FAILURES", "KX TIME",
	"LAST ERROR", "QKD", "QKD KEY ID",
};

/* The last error of a session, or "-" when there is none. */
static const char *last_error(const struct kpsec_session_info *s, char buf[KX_NAME_LEN])
{
	if (!s->has_last_error || s->last_error == KPSEC_KX_OK)
		return "-";
	return kx_reason_name(s->last_error, buf);
}

/* The QKD key ID of a session's current key, or NULL: none, or not QKD. */
static const char *qkd_key_id(const struct kpsec_session_info *s,
			      char buf[QKD_UUID_STR_LEN + 1])
{
	if (!s->has_qkd_key_id || !s->has_qkd_mode || s->qkd_mode == KPSEC_QKD_OFF)
		return NULL;
	qkd_uuid_format(buf, s->qkd_key_id);
	return buf;
}

static void session_cells(struct table *t, const struct kpsec_session_info *s)
{
	char age[CELL_LEN] = "-", rekey[CELL_LEN] = "-", kx[CELL_LEN] = "-";
	char state[KX_NAME_LEN], reason[KX_NAME_LEN], mode[KX_NAME_LEN];
	char id[QKD_UUID_STR_LEN + 1];

	if (s->has_age)
		format_age(age, sizeof(age), s->age_msecs);
	if (s->has_rekey && !s->rekey_msecs)
		snprintf(rekey, sizeof(rekey), "due");
	else if (s->has_rekey)
		format_duration(rekey, sizeof(rekey), s->rekey_msecs);
	if (s->has_kx_time)
		snprintf(kx, sizeof(kx), "%" PRIu64 " ms", s->kx_msecs);
	table_cell(t, "%" PRIu32, s->node_id);
	table_cell(t, "%s", kx_state_name(s->state, state));
	table_cell(t, "%s", s->initiator ? "yes" : "no");
	table_cell(t, "%s", age);
	table_cell(t, "%s", rekey);
	table_cell(t, "%" PRIu64, s->rx_packets);
	table_cell(t, "%" PRIu64, s->rx_bytes);
	table_cell(t, "%" PRIu64, s->tx_packets);
	table_cell(t, "%" PRIu64, s->tx_bytes);
	table_cell(t, "%" PRIu64, s->drops);
	table_cell(t, "%" PRIu32, s->exchanges);
	table_cell(t, "%" PRIu32, s->failures);
	table_cell(t, "%s", kx);
	table_cell(t, "%s", last_error(s, reason));
	table_cell(t, "%s", s->has_qkd_mode ? qkd_mode_name(s->qkd_mode, mode) : "-");
	table_cell(t, "%s", qkd_key_id(s, id) ? id : "-");
}

static void print_sessions_table(const struct kpsec_device_info *dev,
				 const char *indent)
{
	struct table t;
	size_t i;

	/* Counts and the exchange time are right-aligned. */
	table_init(&t, session_columns, ARRAY_SIZE(session_columns), 0x1fe0);
	for (i = 0; i < dev->n_sessions; i++)
		session_cells(&t, &dev->sessions[i]);
	table_print(&t, indent);
	table_free(&t);
}

void print_kx_text(const struct kpsec_device_list *list, enum show_view view,
		   bool headers)
{
	size_t i;

	for (i = 0; i < list->n_devices; i++) {
		const struct kpsec_device_info *dev = &list->devices[i];

		if (i)
			putchar('\n');
		if (view == SHOW_KEYRING) {
			print_keyring(dev);
			continue;
		}
		if (headers)
			printf("interface: %s\n", dev->ifname);
		print_sessions_table(dev, headers ? "  " : "");
	}
}

static const char *const keypath_columns[] = {
	"INDEX", "D-E STEPS", "PHYS HOPS", "OVERLAY PATH",
};

/* "3 -> 7 -> 9 (hops 2,1,1)": the overlay nodes, the radio hops to each. */
static char *format_overlay(const struct kpsec_keypath_info *path)
{
	size_t i, len = 0, size = path->n_overlay * 28 + 16;
	char *text = xcalloc(size, 1);

	for (i = 0; i < path->n_overlay; i++)
		len += (size_t)snprintf(text + len, size - len, "%s%" PRIu32,
					i ? " -> " : "", path->overlay[i].node_id);
	len += (size_t)snprintf(text + len, size - len, " (hops ");
	for (i = 0; i < path->n_overlay; i++)
		len += (size_t)snprintf(text + len, size - len, "%s%" PRIu32,
					i ? "," : "", path->overlay[i].phys_hops);
	snprintf(text + len, size - len, ")");
	return text;
}

void print_keypaths_text(const struct kpsec_keypaths *kp)
{
	struct table t;
	char *overlay;
	size_t i;

	if (kp->n_paths)
		printf("key-paths to node %" PRIu32 " on %s: %zu\n", kp->dst,
		       kp->ifname, kp->n_paths);
	else
		printf("key-paths to node %" PRIu32 " on %s: none\n", kp->dst,
		       kp->ifname);
	table_init(&t, keypath_columns, ARRAY_SIZE(keypath_columns), 0x7);
	for (i = 0; i < kp->n_paths; i++) {
		const struct kpsec_keypath_info *path = &kp->paths[i];

		overlay = format_overlay(path);
		table_cell(&t, "%" PRIu32, path->index);
		table_cell(&t, "%" PRIu32, path->de_steps);
		table_cell(&t, "%" PRIu32, path->phys_hops);
		table_cell(&t, "%s", overlay);
		free(overlay);
	}
	table_print(&t, "");
	table_free(&t);
}

/* --- JSON --------------------------------------------------------------- */

static void json_u64_or_null(struct json_writer *w, const char *key, bool present,
			     uint64_t value)
{
	if (present)
		json_u64(w, key, value);
	else
		json_null(w, key);
}

static void json_key(struct json_writer *w, const char *name, bool present,
		     const uint8_t key[KPSEC_KEY_LEN])
{
	char text[KEY_STR_LEN];

	if (present)
		format_key(text, key);
	json_string(w, name, present ? text : NULL);
}

static void json_keyring(struct json_writer *w, const struct kpsec_device_info *dev)
{
	size_t i;

	json_u64_or_null(w, "node_id", dev->node_id != 0, dev->node_id);
	json_open_array(w, "keyring");
	for (i = 0; i < dev->n_ring; i++) {
		json_open_object(w, NULL);
		json_u64(w, "node_id", dev->ring[i].node_id);
		json_key(w, "public_key", true, dev->ring[i].public_key);
		json_close_object(w);
	}
	json_close_array(w);
	/* The pool key IDs; null from an older kernel, which has no such ring. */
	if (!dev->has_symring) {
		json_null(w, "symring");
		return;
	}
	json_open_array(w, "symring");
	for (i = 0; i < dev->n_symring; i++)
		json_u64(w, NULL, dev->symring[i]);
	json_close_array(w);
}

static void json_session(struct json_writer *w, const struct kpsec_session_info *s)
{
	char name[KX_NAME_LEN], id[QKD_UUID_STR_LEN + 1];
	bool error = s->has_last_error && s->last_error != KPSEC_KX_OK;

	json_open_object(w, NULL);
	json_u64(w, "node_id", s->node_id);
	json_string(w, "state", kx_state_name(s->state, name));
	json_bool(w, "initiator", s->initiator);
	json_key(w, "public_key", s->has_public_key, s->public_key);
	json_u64_or_null(w, "age_msecs", s->has_age, s->age_msecs);
	json_u64_or_null(w, "rekey_msecs", s->has_rekey, s->rekey_msecs);
	json_u64(w, "rx_packets", s->rx_packets);
	json_u64(w, "rx_bytes", s->rx_bytes);
	json_u64(w, "tx_packets", s->tx_packets);
	json_u64(w, "tx_bytes", s->tx_bytes);
	json_u64(w, "drops", s->drops);
	json_u64(w, "exchanges", s->exchanges);
	json_u64(w, "failures", s->failures);
	json_string(w, "last_error", error ? kx_reason_name(s->last_error, name) : NULL);
	json_u64_or_null(w, "kx_msecs", s->has_kx_time, s->kx_msecs);
	json_string(w, "qkd_mode", s->has_qkd_mode ? qkd_mode_name(s->qkd_mode, name) : NULL);
	json_string(w, "qkd_key_id", qkd_key_id(s, id));
	json_close_object(w);
}

void print_kx_json(const struct kpsec_device_list *list, enum show_view view)
{
	struct json_writer w;
	size_t i, j;

	json_init(&w, stdout);
	json_open_array(&w, NULL);
	for (i = 0; i < list->n_devices; i++) {
		const struct kpsec_device_info *dev = &list->devices[i];

		json_open_object(&w, NULL);
		json_u64(&w, "ifindex", dev->ifindex);
		json_string(&w, "ifname", dev->ifname);
		if (view == SHOW_KEYRING) {
			json_keyring(&w, dev);
		} else {
			json_open_array(&w, "sessions");
			for (j = 0; j < dev->n_sessions; j++)
				json_session(&w, &dev->sessions[j]);
			json_close_array(&w);
		}
		json_close_object(&w);
	}
	json_close_array(&w);
	putchar('\n');
}

void print_keypaths_json(const struct kpsec_keypaths *kp)
{
	struct json_writer w;
	size_t i, j;

	json_init(&w, stdout);
	json_open_array(&w, NULL);
	json_open_object(&w, NULL);
	json_u64(&w, "ifindex", kp->ifindex);
	json_string(&w, "ifname", kp->ifname);
	json_u64(&w, "destination", kp->dst);
	json_open_array(&w, "keypaths");
	for (i = 0; i < kp->n_paths; i++) {
		const struct kpsec_keypath_info *path = &kp->paths[i];

		json_open_object(&w, NULL);
		json_u64(&w, "index", path->index);
		json_u64(&w, "de_steps", path->de_steps);
		json_u64(&w, "phys_hops", path->phys_hops);
		json_open_array(&w, "overlay");
		for (j = 0; j < path->n_overlay; j++) {
			json_open_object(&w, NULL);
			json_u64(&w, "node_id", path->overlay[j].node_id);
			json_u64(&w, "phys_hops", path->overlay[j].phys_hops);
			json_close_object(&w);
		}
		json_close_array(&w);
		json_close_object(&w);
	}
	json_close_array(&w);
	json_close_object(&w);
	json_close_array(&w);
	putchar('\n');
}

/* --- events ------------------------------------------------------------- */

static void event_json(const struct kpsec_event_info *ev, const char *time)
{
	char name[KX_NAME_LEN];
	struct json_writer w;

	json_init(&w, stdout);
	json_open_object(&w, NULL);
	json_string(&w, "time", time);
	json_u64(&w, "ifindex", ev->ifindex);
	json_string(&w, "ifname", ev->ifname);
	json_string(&w, "event", kx_event_name(ev->type, name));
	json_u64_or_null(&w, "peer", ev->has_peer, ev->peer);
	json_string(&w, "reason", ev->has_reason ? kx_reason_name(ev->reason, name) : NULL);
	json_u64_or_null(&w, "share_index", ev->has_share_index, ev->share_index);
	json_u64_or_null(&w, "from", ev->has_from, ev->from);
	json_u64_or_null(&w, "kx_msecs", ev->has_kx_time, ev->kx_msecs);
	json_u64_or_null(&w, "qkd_keys", ev->has_qkd_keys, ev->qkd_keys);
	json_close_object(&w);
	putchar('\n');
}

void print_event(const struct kpsec_event_info *ev, const char *time, bool json)
{
	char name[KX_NAME_LEN];

	if (json) {
		event_json(ev, time);
	} else {
		printf("%s %s %s", time, ev->ifname, kx_event_name(ev->type, name));
		if (ev->has_peer)
			printf(" peer %" PRIu32, ev->peer);
		if (ev->has_reason)
			printf(" reason %s", kx_reason_name(ev->reason, name));
		if (ev->has_share_index)
			printf(" share %" PRIu32, ev->share_index);
		if (ev->has_from)
			printf(" from %" PRIu32, ev->from);
		if (ev->has_kx_time)
			printf(" kx %" PRIu64 " ms", ev->kx_msecs);
		if (ev->has_qkd_keys)
			printf(" keys %" PRIu32, ev->qkd_keys);
		putchar('\n');
	}
	fflush(stdout);
}
