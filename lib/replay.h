/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Sliding anti-replay window over 64-bit counters (the bitmap scheme of
 * RFC 6479): a counter is accepted once, and only while it is newer than
 * the newest seen minus KPSEC_REPLAY_WINDOW.  The caller serialises calls
 * on one window.
 */
#ifndef KPSEC_LIB_REPLAY_H
#define KPSEC_LIB_REPLAY_H

#include "kpsec_types.h"

#define KPSEC_REPLAY_BITS 4096
#define KPSEC_REPLAY_WORDS (KPSEC_REPLAY_BITS / 64)
/* One word is always being recycled, so this many counters back are kept. */
#define KPSEC_REPLAY_WINDOW (KPSEC_REPLAY_BITS - 64)

struct kpsec_replay {
	u64 top;	/* newest counter accepted + 1; 0 when none yet */
	u64 bitmap[KPSEC_REPLAY_WORDS];
};

void kpsec_replay_init(struct kpsec_replay *r);

/* Would @counter be accepted?  Does not change the window. */
bool kpsec_replay_check(const struct kpsec_replay *r, u64 counter);

/*
 * Accept @counter: true and recorded if it was never seen and is inside
 * the window, false otherwise.  Call after the frame authenticated.
 */
bool kpsec_replay_update(struct kpsec_replay *r, u64 counter);

#endif /* KPSEC_LIB_REPLAY_H */
