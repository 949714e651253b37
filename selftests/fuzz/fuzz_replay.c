// SPDX-License-Identifier: GPL-2.0
/*
 * Differential fuzzing of lib/replay.c.  The input is a start point and a
 * list of operations, each giving the next counter relative to the newest
 * one seen (in order, late, at the window edge, jumps, replays, absolute
 * values); every answer of the window must match a reference model that
 * remembers every counter ever accepted.
 */
#include "fuzz.h"
#include "replay.h"
#include "wire.h"

#define W 4032ULL	/* the specified window, independent of lib/ */
#define MAX_OPS 8192
#define SLOTS (1u << 15)	/* > 2 * MAX_OPS: linear probing stays short */

struct input {
	const uint8_t *p;
	size_t left;
};

/* Big-endian integer of @n bytes; missing bytes read as zero. */
static uint64_t take(struct input *in, unsigned int n)
{
	uint64_t v = 0;

	while (n--) {
		v <<= 8;
		if (in->left) {
			v |= *in->p++;
			in->left--;
		}
	}
	return v;
}

/* Reference model; the generation stamp empties the set in O(1). */
static struct {
	uint32_t gen[SLOTS];
	uint64_t key[SLOTS];
	uint32_t cur;
	bool any;
	uint64_t newest;
} ref;

static size_t ref_slot(uint64_t c)
{
	size_t i = (size_t)((c * 0x9e3779b97f4a7c15ULL) >> 49);

	while (ref.gen[i] == ref.cur && ref.key[i] != c)
		i = (i + 1) % SLOTS;
	return i;
}

static bool ref_would(uint64_t c)
{
	if (c == ~0ULL || ref.gen[ref_slot(c)] == ref.cur)
		return false;
	return !ref.any || c >= ref.newest || ref.newest - c < W;
}

static void ref_accept(uint64_t c)
{
	size_t i = ref_slot(c);

	ref.gen[i] = ref.cur;
	ref.key[i] = c;
	if (!ref.any || c > ref.newest)
		ref.newest = c;
	ref.any = true;
}

static uint64_t behind(uint64_t newest, uint64_t d)
{
	return newest > d ? newest - d : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint64_t starts[] = {
		0, 63, 1800000000000000000ULL,
		1800000000000000000ULL | KPSEC_COUNTER_DIR_BIT,
		KPSEC_COUNTER_DIR_BIT - 1, ~0ULL - 5000,
	};
	struct input in = { data, size };
	struct kpsec_replay r, before;
	uint64_t newest, recent[64] = { 0 };
	unsigned int nops, sel;

	ref.cur++;
	ref.any = false;
	kpsec_replay_init(&r);
	sel = (unsigned int)take(&in, 1);
	newest = sel < sizeof(starts) / sizeof(starts[0]) ? starts[sel] : take(&in, 8);

	for (nops = 0; in.left && nops < MAX_OPS; nops++) {
		unsigned int op = (unsigned int)take(&in, 1);
		bool want, got;
		uint64_t c;

		switch (op & 7) {
		case 0: c = newest + 1 + take(&in, 1); break;
		case 1: c = behind(newest, take(&in, 2)); break;
		case 2: c = behind(newest, W - 4 + take(&in, 1) % 8); break;
		case 3: c = newest + 64 * take(&in, 1); break;
		case 4: c = newest + take(&in, 4); break;
		case 5: c = take(&in, 8); break;
		case 6: c = recent[take(&in, 1) % 64]; break;
		default: c = behind(newest, take(&in, 2)); break;
		}
		recent[nops % 64] = c;

		want = ref_would(c);
		before = r;
		got = kpsec_replay_check(&r, c);
		FUZZ_CHECK(got == want);
		FUZZ_CHECK(!memcmp(&before, &r, sizeof(r)));
		if ((op & 7) == 7)	/* check only */
			continue;

		got = kpsec_replay_update(&r, c);
		FUZZ_CHECK(got == want);
		if (!got) {
			FUZZ_CHECK(!memcmp(&before, &r, sizeof(r)));
			continue;
		}
		ref_accept(c);
		newest = ref.newest;
		FUZZ_CHECK(r.top == newest + 1);
		FUZZ_CHECK(!kpsec_replay_check(&r, c));
	}
	return 0;
}
