/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Key material: X25519 key pairs exactly as "kpsec genkey" and "kpsec
 * pubkey" make them (random bytes, RFC 7748 clamping, then the base
 * point multiple), and random 32-byte pool keys.
 */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "keys.h"

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return (x > y) - (x < y);
}

static bool all_zero(const u8 *k)
{
	return sodium_is_zero(k, PLAN_KEY_LEN);
}

void plan_keys_free(struct plan_keys *k)
{
	if (!k)
		return;
	if (k->priv)
		sodium_memzero(k->priv, (size_t)k->n * PLAN_KEY_LEN);
	if (k->sym)
		sodium_memzero(k->sym, (size_t)k->n_sym * PLAN_KEY_LEN);
	free(k->priv);
	free(k->pub);
	free(k->sym);
	free(k->sym_id);
	memset(k, 0, sizeof(*k));
}

static int make_pairs(struct plan_keys *k, char *err)
{
	u32 v;

	k->priv = malloc(((size_t)k->n + 1) * PLAN_KEY_LEN);
	k->pub = malloc(((size_t)k->n + 1) * PLAN_KEY_LEN);
	if (!k->priv || !k->pub)
		return plan_err(err, "out of memory");
	for (v = 0; v < k->n; v++) {
		randombytes_buf(k->priv[v], PLAN_KEY_LEN);
		k->priv[v][0] &= 248;
		k->priv[v][31] &= 127;
		k->priv[v][31] |= 64;
		if (crypto_scalarmult_curve25519_base(k->pub[v], k->priv[v]))
			return plan_err(err, "cannot derive an X25519 public key");
	}
	return 0;
}

static int make_sym(struct plan_keys *k, const struct plan *p, char *err)
{
	u32 total, i, c;

	total = p->sym_first[p->n];
	k->sym_id = malloc(((size_t)total + 1) * sizeof(u32));
	if (!k->sym_id)
		return plan_err(err, "out of memory");
	memcpy(k->sym_id, p->sym, (size_t)total * sizeof(u32));
	qsort(k->sym_id, total, sizeof(u32), cmp_u32);
	for (i = 0, c = 0; i < total; i++)
		if (!c || k->sym_id[c - 1] != k->sym_id[i])
			k->sym_id[c++] = k->sym_id[i];
	k->sym = malloc(((size_t)c + 1) * PLAN_KEY_LEN);
	if (!k->sym)
		return plan_err(err, "out of memory");
	k->n_sym = c;
	/* lib/nodeconf refuses the all-zero key; draw again in that (2^-256) case. */
	for (i = 0; i < c; i++) {
		do
			randombytes_buf(k->sym[i], PLAN_KEY_LEN);
		while (all_zero(k->sym[i]));
	}
	return 0;
}

int plan_keys_make(struct plan_keys *k, const struct plan *p, char *err)
{
	memset(k, 0, sizeof(*k));
	if (sodium_init() < 0)
		return plan_err(err, "cannot initialise libsodium");
	k->n = p->n;
	if (make_pairs(k, err) || (p->sym_first && make_sym(k, p, err))) {
		plan_keys_free(k);
		return -1;
	}
	return 0;
}

const u8 *plan_keys_sym(const struct plan_keys *k, u32 id)
{
	u32 lo = 0, hi = k->n_sym;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (k->sym_id[mid] == id)
			return k->sym[mid];
		if (k->sym_id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
