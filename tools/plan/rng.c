/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Seeded, named streams of choices: key = SHA-256(seed as 8 bytes little
 * endian || stream name), output = the ChaCha20 (IETF, zero nonce)
 * keystream by block counter.  Everything a plan picks comes from here so
 * that a seed reproduces it on any host; key material never does.
 */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "plan.h"

void plan_rng_init(struct plan_rng *r, u64 seed, const char *stream)
{
	crypto_hash_sha256_state st;
	u8 le[8];
	int i;

	for (i = 0; i < 8; i++)
		le[i] = (u8)(seed >> (8 * i));
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, le, sizeof(le));
	crypto_hash_sha256_update(&st, (const u8 *)stream, strlen(stream));
	crypto_hash_sha256_final(&st, r->key);
	r->counter = 0;
	r->used = sizeof(r->buf);
}

static void refill(struct plan_rng *r)
{
	static const u8 nonce[crypto_stream_chacha20_ietf_NONCEBYTES];

	/* The IETF counter is 32 bits: 256 GiB per stream is far beyond any plan. */
	memset(r->buf, 0, sizeof(r->buf));
	crypto_stream_chacha20_ietf_xor_ic(r->buf, r->buf, sizeof(r->buf), nonce,
					   (uint32_t)r->counter, r->key);
	r->counter++;
	r->used = 0;
}

static void take(struct plan_rng *r, u8 *out, unsigned int len)
{
	while (len) {
		unsigned int c;

		if (r->used == sizeof(r->buf))
			refill(r);
		c = sizeof(r->buf) - r->used;
		if (c > len)
			c = len;
		memcpy(out, r->buf + r->used, c);
		r->used += c;
		out += c;
		len -= c;
	}
}

u32 plan_rng_u32(struct plan_rng *r)
{
	u8 b[4];

	take(r, b, sizeof(b));
	return (u32)b[0] | (u32)b[1] << 8 | (u32)b[2] << 16 | (u32)b[3] << 24;
}

u64 plan_rng_u64(struct plan_rng *r)
{
	u64 lo = plan_rng_u32(r);

	return lo | (u64)plan_rng_u32(r) << 32;
}

u32 plan_rng_below(struct plan_rng *r, u32 n)
{
	u32 lim, x;

	if (n <= 1)
		return 0;
	/* Reject the top 2^32 mod n values so every residue is equally likely. */
	lim = (u32)(-n) % n;
	do {
		x = plan_rng_u32(r);
	} while (x < lim);
	return x % n;
}

double plan_rng_double(struct plan_rng *r)
{
	return (double)(plan_rng_u64(r) >> 11) * (1.0 / 9007199254740992.0);
}

void plan_rng_shuffle(struct plan_rng *r, u32 *a, u32 n)
{
	u32 i;

	for (i = n; i > 1; i--) {
		u32 j = plan_rng_below(r, i), t = a[i - 1];

		a[i - 1] = a[j];
		a[j] = t;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return (x > y) - (x < y);
}

/* Open addressing over a power of two >= 2k slots; UINT32_MAX marks empty. */
static bool set_add(u32 *set, size_t mask, u32 x)
{
	size_t h = (x * 2654435761u) & mask;

	while (set[h] != UINT32_MAX) {
		if (set[h] == x)
			return false;
		h = (h + 1) & mask;
	}
	set[h] = x;
	return true;
}

void plan_rng_sample(struct plan_rng *r, u32 n, u32 k, u32 *out)
{
	size_t size = 2;
	u32 i, j, *set;

	if (k > n)
		k = n;
	if (!k)
		return;
	while (size < 2 * (size_t)k)
		size *= 2;
	set = malloc(size * sizeof(*set));
	if (!set)
		abort();	/* callers have no error path; k is a ring size */
	memset(set, 0xff, size * sizeof(*set));
	/*
	 * Floyd's algorithm: exactly k draws, every k-subset equally likely;
	 * a value already taken is replaced by j, which cannot be taken yet.
	 */
	for (i = 0, j = n - k; j < n; j++) {
		u32 t = plan_rng_below(r, j + 1);

		if (!set_add(set, size - 1, t)) {
			t = j;
			set_add(set, size - 1, t);
		}
		out[i++] = t;
	}
	free(set);
	qsort(out, k, sizeof(*out), cmp_u32);
}
