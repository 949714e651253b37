/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Key material of a plan (keys.c): drawn from the OS random source, never
 * from the seed, and wiped when freed.
 */
#ifndef KPSEC_PLAN_KEYS_H
#define KPSEC_PLAN_KEYS_H

#include "plan.h"

#define PLAN_KEY_LEN 32

struct plan_keys {
	u32 n;
	u8 (*priv)[PLAN_KEY_LEN];	/* X25519 private key of each vertex */
	u8 (*pub)[PLAN_KEY_LEN];	/* and its public key */
	u32 n_sym;			/* pool keys some node holds */
	u32 *sym_id;			/* their key IDs, increasing */
	u8 (*sym)[PLAN_KEY_LEN];	/* their bytes */
};

/* Every vertex's key pair, and one key per pool ID held by any ring. */
int plan_keys_make(struct plan_keys *k, const struct plan *p, char *err);
/* The bytes of pool key @id, NULL if no node holds it. */
const u8 *plan_keys_sym(const struct plan_keys *k, u32 id);
/* Zero every secret and free. */
void plan_keys_free(struct plan_keys *k);

#endif /* KPSEC_PLAN_KEYS_H */
