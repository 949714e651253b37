// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "replay.h"

#define WORD_OF(c) (((c) / 64) % KPSEC_REPLAY_WORDS)
#define BIT_OF(c) ((c) % 64)

void kpsec_replay_init(struct kpsec_replay *r)
{
	unsigned int i;

	r->top = 0;
	for (i = 0; i < KPSEC_REPLAY_WORDS; i++)
		r->bitmap[i] = 0;
}

bool kpsec_replay_check(const struct kpsec_replay *r, u64 counter)
{
	if (counter == ~0ULL)
		return false;
	if (counter >= r->top)
		return true;
	if (r->top - 1 - counter >= KPSEC_REPLAY_WINDOW)
		return false;
	return !(r->bitmap[WORD_OF(counter)] >> BIT_OF(counter) & 1);
}

bool kpsec_replay_update(struct kpsec_replay *r, u64 counter)
{
	if (!kpsec_replay_check(r, counter))
		return false;
	if (counter >= r->top) {
		/* Clear the words the window slides over, at most all of them. */
		u64 from = r->top ? (r->top - 1) / 64 + 1 : 0;
		u64 to = counter / 64;
		u64 n = to >= from ? to - from + 1 : 0;

		if (!r->top)
			n = KPSEC_REPLAY_WORDS;
		if (n > KPSEC_REPLAY_WORDS)
			n = KPSEC_REPLAY_WORDS;
		while (n--)
			r->bitmap[(to - n) % KPSEC_REPLAY_WORDS] = 0;
		r->top = counter + 1;
	}
	r->bitmap[WORD_OF(counter)] |= 1ULL << BIT_OF(counter);
	return true;
}
