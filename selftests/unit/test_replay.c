// SPDX-License-Identifier: GPL-2.0
/* Unit tests of lib/replay.c: the 64-bit sliding anti-replay window. */
#include "ktap.h"
#include "replay.h"
#include "wire.h"

/* The specified window, independent of how lib/ derives it. */
#define W 4032ULL
#define U64_MAX_ (~0ULL)
/* Send counters start at the real-time clock in ns: about 1.8e18 today. */
#define CLOCK_START 1800000000000000000ULL

/* Counters that stress word and ring alignment when used as the newest. */
static const u64 tops[] = {
	W, W + 1, 4095, 4096, 4097, 8191, 8192, 12345, 1000063, 1000064,
	CLOCK_START, CLOCK_START + 63,
	CLOCK_START | KPSEC_COUNTER_DIR_BIT,
	(CLOCK_START | KPSEC_COUNTER_DIR_BIT) + 64 * 64 - 1,
	U64_MAX_ - 1, U64_MAX_ - 64, U64_MAX_ - 4097,
};

/* update(), after checking that check() agrees and leaves the state alone. */
static bool accept(struct kpsec_replay *r, u64 c)
{
	struct kpsec_replay before = *r;
	bool would = kpsec_replay_check(r, c);
	bool did;

	KTAP_EXPECT_MEM(&before, r, sizeof(*r));
	did = kpsec_replay_update(r, c);
	KTAP_EXPECT_EQ_CTX(did, would, "counter 0x%llx", (unsigned long long)c);
	if (!did)	/* a refused counter changes nothing */
		KTAP_EXPECT_MEM(&before, r, sizeof(*r));
	return did;
}

static void test_init(void)
{
	struct kpsec_replay r;

	KTAP_EXPECT_EQ(KPSEC_REPLAY_WINDOW, W);

	memset(&r, 0xa5, sizeof(r));
	kpsec_replay_init(&r);
	/* Before any frame, every counter but the reserved last one is new. */
	KTAP_EXPECT(kpsec_replay_check(&r, 0));
	KTAP_EXPECT(kpsec_replay_check(&r, 1));
	KTAP_EXPECT(kpsec_replay_check(&r, CLOCK_START));
	KTAP_EXPECT(kpsec_replay_check(&r, U64_MAX_ - 1));
	KTAP_EXPECT(!kpsec_replay_check(&r, U64_MAX_));
	/* Garbage in the bitmap before init must not leak into the window. */
	KTAP_EXPECT(accept(&r, 100));
	for (u64 c = 0; c < 100; c++)
		KTAP_EXPECT_EQ_CTX(accept(&r, c), 1, "counter %llu",
				   (unsigned long long)c);
}

static void in_order_from(u64 start, u64 n)
{
	struct kpsec_replay r;

	kpsec_replay_init(&r);
	for (u64 c = start; c < start + n; c++) {
		KTAP_EXPECT_EQ_CTX(accept(&r, c), 1, "counter 0x%llx",
				   (unsigned long long)c);
		KTAP_EXPECT_EQ_CTX(accept(&r, c), 0, "replayed 0x%llx",
				   (unsigned long long)c);
		if (c > start)
			KTAP_EXPECT_EQ_CTX(accept(&r, c - 1), 0, "replayed 0x%llx",
					   (unsigned long long)c - 1);
	}
}

static void test_in_order(void)
{
	in_order_from(0, 3 * KPSEC_REPLAY_BITS);
	in_order_from(CLOCK_START, 3 * KPSEC_REPLAY_BITS);
	in_order_from(CLOCK_START | KPSEC_COUNTER_DIR_BIT, 3 * KPSEC_REPLAY_BITS);
}

static void test_duplicates(void)
{
	struct kpsec_replay r;
	u64 c;

	kpsec_replay_init(&r);
	KTAP_EXPECT(accept(&r, 5));
	KTAP_EXPECT(!accept(&r, 5));
	/* Still refused while it stays inside the window ... */
	for (c = 6; c <= 5 + W - 1; c += 7) {
		KTAP_EXPECT(accept(&r, c));
		KTAP_EXPECT_EQ_CTX(accept(&r, 5), 0, "newest %llu",
				   (unsigned long long)c);
	}
	/* ... and for good once it is behind it. */
	KTAP_EXPECT(accept(&r, 5 + W));
	KTAP_EXPECT(!accept(&r, 5));
	KTAP_EXPECT(accept(&r, 5 + 10 * W));
	KTAP_EXPECT(!accept(&r, 5));
}

static void test_out_of_order(void)
{
	struct kpsec_replay r;
	u64 base, c;
	size_t i;

	for (i = 0; i < sizeof(tops) / sizeof(tops[0]); i++) {
		base = tops[i];
		kpsec_replay_init(&r);
		KTAP_EXPECT(accept(&r, base));
		/* Every counter in the window, newest to oldest, once each. */
		for (c = base - 1; c >= base - (W - 1); c--)
			KTAP_EXPECT_EQ_CTX(accept(&r, c), 1, "counter 0x%llx",
					   (unsigned long long)c);
		for (c = base; c >= base - (W - 1); c--)
			KTAP_EXPECT_EQ_CTX(accept(&r, c), 0, "counter 0x%llx",
					   (unsigned long long)c);
		KTAP_EXPECT(!accept(&r, base - W));
	}
}

static void test_window_edge(void)
{
	struct kpsec_replay r;
	size_t i;
	u64 top;

	for (i = 0; i < sizeof(tops) / sizeof(tops[0]); i++) {
		top = tops[i];	/* the newest counter seen: "top - 1" in lib */
		kpsec_replay_init(&r);
		KTAP_EXPECT(accept(&r, top));
		KTAP_EXPECT_EQ_CTX(accept(&r, top - W), 0, "top 0x%llx",
				   (unsigned long long)top);
		KTAP_EXPECT_EQ_CTX(accept(&r, top - W - 1), 0, "top 0x%llx",
				   (unsigned long long)top);
		KTAP_EXPECT_EQ_CTX(accept(&r, top - (W - 1)), 1, "top 0x%llx",
				   (unsigned long long)top);
		KTAP_EXPECT(!accept(&r, top - (W - 1)));
		/* The edge follows the newest counter. */
		if (top + 1 == U64_MAX_)
			continue;
		KTAP_EXPECT(accept(&r, top + 1));
		KTAP_EXPECT_EQ_CTX(accept(&r, top + 1 - W), 0, "top 0x%llx",
				   (unsigned long long)top + 1);
		KTAP_EXPECT_EQ_CTX(accept(&r, top + 1 - (W - 1)), 1, "top 0x%llx",
				   (unsigned long long)top + 1);
	}
}

/*
 * Accept every counter of [lo, hi], jump to @next, then every counter in
 * the new window must be new exactly when it is not in [lo, hi]: stale
 * bits of recycled words must be gone, live bits of kept words must stay.
 */
static void dense_then_jump(u64 lo, u64 hi, u64 next)
{
	struct kpsec_replay r;
	u64 c;

	kpsec_replay_init(&r);
	for (c = lo; c <= hi; c++)
		kpsec_replay_update(&r, c);
	KTAP_EXPECT_EQ_CTX(accept(&r, next), 1, "next 0x%llx",
			   (unsigned long long)next);
	for (c = next - (W - 1); c < next; c++) {
		bool fresh = c < lo || c > hi;

		KTAP_EXPECT_EQ_CTX(kpsec_replay_check(&r, c), fresh,
				   "lo 0x%llx hi 0x%llx next 0x%llx counter 0x%llx",
				   (unsigned long long)lo, (unsigned long long)hi,
				   (unsigned long long)next, (unsigned long long)c);
	}
	KTAP_EXPECT(!kpsec_replay_check(&r, next - W));
	KTAP_EXPECT(!kpsec_replay_check(&r, next));
}

static void test_jumps(void)
{
	static const u64 bases[] = {
		W, 100000, 100000 + 37, CLOCK_START + 5,
		(CLOCK_START | KPSEC_COUNTER_DIR_BIT) + 17,
	};
	size_t i;
	u64 d;

	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		u64 lo = bases[i] - (W - 1), hi = bases[i];

		/* Partial ring wraps: every distance up to two rings ... */
		for (d = 1; d <= 2 * KPSEC_REPLAY_BITS + 1; d += 1 + d / 97)
			dense_then_jump(lo, hi, hi + d);
		/* ... word-aligned steps ... */
		for (d = 64; d <= 2 * KPSEC_REPLAY_BITS; d += 64)
			dense_then_jump(lo, hi, hi + d);
		/* ... and far past the whole window. */
		dense_then_jump(lo, hi, hi + 1000003);
		dense_then_jump(lo, hi, hi + (1ULL << 40) + 3);
		dense_then_jump(lo, hi, U64_MAX_ - 1);
	}
	/* A sparse window of old bits, then a jump of exactly one ring. */
	{
		struct kpsec_replay r;
		u64 c;

		kpsec_replay_init(&r);
		for (c = 0; c < KPSEC_REPLAY_BITS; c += 3)
			accept(&r, c);
		KTAP_EXPECT(accept(&r, 3 * KPSEC_REPLAY_BITS));
		for (c = 2 * KPSEC_REPLAY_BITS + 65; c < 3 * KPSEC_REPLAY_BITS; c++)
			KTAP_EXPECT_EQ_CTX(kpsec_replay_check(&r, c), 1,
					   "counter %llu", (unsigned long long)c);
	}
}

static void test_counter_max(void)
{
	struct kpsec_replay r;

	kpsec_replay_init(&r);
	KTAP_EXPECT(!accept(&r, U64_MAX_));
	KTAP_EXPECT(accept(&r, 0));
	KTAP_EXPECT(!accept(&r, U64_MAX_));
	/* The largest usable counter, and the window below it. */
	KTAP_EXPECT(accept(&r, U64_MAX_ - 1));
	KTAP_EXPECT(!accept(&r, U64_MAX_ - 1));
	KTAP_EXPECT(!accept(&r, U64_MAX_));
	KTAP_EXPECT(accept(&r, U64_MAX_ - 2));
	KTAP_EXPECT(accept(&r, U64_MAX_ - W));
	KTAP_EXPECT(!accept(&r, U64_MAX_ - 1 - W));
	KTAP_EXPECT(!accept(&r, 0));
}

static void test_large_start(void)
{
	static const u64 starts[] = {
		CLOCK_START,
		CLOCK_START | KPSEC_COUNTER_DIR_BIT,
		KPSEC_COUNTER_DIR_BIT,
		KPSEC_COUNTER_DIR_BIT - 1,
	};
	struct kpsec_replay r;
	size_t i;
	u64 s;

	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		s = starts[i];
		kpsec_replay_init(&r);
		KTAP_EXPECT(accept(&r, s));
		/* Nothing before the first counter was seen. */
		KTAP_EXPECT(accept(&r, s - 1));
		KTAP_EXPECT(accept(&r, s - (W - 1)));
		KTAP_EXPECT(!accept(&r, s - W));
		KTAP_EXPECT(!accept(&r, 0));
		KTAP_EXPECT(accept(&r, s + 1));
		KTAP_EXPECT(!accept(&r, s));
		KTAP_EXPECT(!accept(&r, s - 1));
	}
}

/*
 * Reference model: every counter ever accepted, in an open-addressing set,
 * plus the newest.  Accept when not seen and not the reserved value, and
 * either nothing was seen yet or it is newer than newest - W.
 */
#define REF_SLOTS (1u << 16)	/* > 2 * 3000 counters per stream */

struct ref_model {
	bool any;
	u64 newest;
	u64 key[REF_SLOTS];
	bool used[REF_SLOTS];
};

static size_t ref_slot(const struct ref_model *m, u64 c)
{
	size_t i = (size_t)((c * 0x9e3779b97f4a7c15ULL) >> 48);

	while (m->used[i] && m->key[i] != c)
		i = (i + 1) % REF_SLOTS;
	return i;
}

/* Why the model refused counters, to show the random streams cover all. */
static unsigned long ref_refused_max, ref_refused_seen, ref_refused_old;

static bool ref_accept(struct ref_model *m, u64 c)
{
	size_t i = ref_slot(m, c);

	if (c == U64_MAX_) {
		ref_refused_max++;
		return false;
	}
	if (m->used[i]) {
		ref_refused_seen++;
		return false;
	}
	if (m->any && c < m->newest && m->newest - c >= W) {
		ref_refused_old++;
		return false;
	}
	m->used[i] = true;
	m->key[i] = c;
	if (!m->any || c > m->newest)
		m->newest = c;
	m->any = true;
	return true;
}

/* Late counters saturate at 0: wrapping would jump to the far end. */
static u64 behind(u64 newest, u64 d)
{
	return newest > d ? newest - d : 0;
}

/*
 * The next counter of a random stream: mostly ahead, often late or
 * replayed.  No jumps to the end of the counter space, since nothing
 * could follow them: the streams that start near it get there anyway.
 */
static u64 next_counter(uint64_t *seed, u64 newest, const u64 *recent, size_t nrecent)
{
	uint64_t r = ktap_rand(seed) % 1000, k = ktap_rand(seed);

	if (r < 400)
		return newest + 1 + k % 4;		/* in order, small gaps */
	if (r < 550)
		return behind(newest, k % (W + 200));	/* late, around the edge */
	if (r < 600)
		return behind(newest, W - 2 + k % 4);	/* exactly at the edge */
	if (r < 700)
		return nrecent ? recent[k % nrecent] : newest;	/* replay */
	if (r < 780)
		return newest + 1 + k % (3 * KPSEC_REPLAY_BITS); /* partial wrap */
	if (r < 840)
		return newest + 64 * (k % 130);		/* word-aligned steps */
	if (r < 870)
		return newest + k % (1ULL << 40);	/* far forward */
	if (r < 875)
		return k;				/* anywhere */
	return newest + 1;
}

static void test_differential(void)
{
	static const u64 starts[] = {
		0, 1, 63, 64, 4095, CLOCK_START,
		CLOCK_START | KPSEC_COUNTER_DIR_BIT, U64_MAX_ - 20000,
	};
	static struct ref_model m;
	uint64_t seed = 0x6b707365632d7231ULL;	/* fixed: reproducible */
	struct kpsec_replay r;
	u64 recent[64];
	unsigned int seq, op, mismatches = 0;
	unsigned long ops = 0;

	for (seq = 0; seq < 400; seq++) {
		u64 newest = starts[seq % (sizeof(starts) / sizeof(starts[0]))];
		size_t nrecent = 0, at_end = 0;

		memset(&m, 0, sizeof(m));
		kpsec_replay_init(&r);
		for (op = 0; op < 3000; op++) {
			u64 c = next_counter(&seed, newest, recent, nrecent);
			bool want, got;

			/*
			 * Move on soon after reaching the end of the counter
			 * space, where a stream can only repeat itself.
			 */
			if (newest > U64_MAX_ - (1ULL << 41) && ++at_end > 200)
				break;
			ops++;
			want = ref_accept(&m, c);
			got = accept(&r, c);
			if (got != want) {
				mismatches++;
				KTAP_EXPECT_EQ_CTX(got, want,
						   "sequence %u op %u counter 0x%llx newest 0x%llx",
						   seq, op, (unsigned long long)c,
						   (unsigned long long)m.newest);
			}
			if (m.any)
				newest = m.newest;
			KTAP_EXPECT_EQ_CTX(r.top, m.any ? m.newest + 1 : 0,
					   "sequence %u op %u", seq, op);
			recent[op % 64] = c;
			if (nrecent < 64)
				nrecent++;
		}
	}
	printf("# %lu counters: %lu refused as seen, %lu as too old, %lu as 2^64-1\n",
	       ops, ref_refused_seen, ref_refused_old, ref_refused_max);
	if (mismatches)
		printf("# %u mismatches against the reference model\n", mismatches);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_init),
	KTAP_CASE(test_in_order),
	KTAP_CASE(test_duplicates),
	KTAP_CASE(test_out_of_order),
	KTAP_CASE(test_window_edge),
	KTAP_CASE(test_jumps),
	KTAP_CASE(test_counter_max),
	KTAP_CASE(test_large_start),
	KTAP_CASE(test_differential),
};

KTAP_MAIN(cases)
