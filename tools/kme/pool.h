/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Key pools: one per unordered pair of SAEs, standing in for the key
 * material a QKD link distils.  A pool is a count of secret bits that
 * grows at --rate up to --buffer; a key drawn from it is fresh output of
 * the OpenSSL DRBG, kept under its key_ID until the slave SAE fetches it.
 */
#ifndef KPSEC_KME_POOL_H
#define KPSEC_KME_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "kme.h"

#define KME_UUID_LEN 16
/* "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" */
#define KME_UUID_STR_LEN 36

struct kme_pair;

/* A key handed to its master SAE and waiting for its slave SAE. */
struct pool_key {
	struct pool_key *prev, *next;		/* the pair's, oldest first */
	struct pool_key *hprev, *hnext;		/* the key_ID hash chain */
	struct kme_pair *pair;
	bool master_is_a;			/* else the master is pair->b */
	uint8_t id[KME_UUID_LEN];
	unsigned int bytes;
	uint8_t key[KME_KEY_BYTES_MAX];
};

void pool_setup(uint64_t rate, uint64_t buffer, uint64_t initial);

/* The pool of {@sae1, @sae2}, made (with --initial bits) on first use. */
struct kme_pair *pool_pair(const char *sae1, const char *sae2);

/* The secret bits in @pair's pool now. */
uint64_t pool_bits(struct kme_pair *pair);

/*
 * Draw @n keys of @bits bits for @master and @slave (the SAEs of @pair)
 * into @keys, all or none.  Keys that waited longest for their slave
 * are forgotten when more than --buffer bits would wait; *@dropped says
 * how many.  Returns 0, -ENOSPC (too few bits in the pool), -ENOMEM or
 * -EIO (no randomness).
 */
int pool_draw(struct kme_pair *pair, const char *master, unsigned int n,
	      unsigned int bits, struct pool_key **keys, unsigned int *dropped);

/* The waiting key with key_ID @id, or NULL. */
struct pool_key *pool_find(const uint8_t id[KME_UUID_LEN]);
const char *pool_key_master(const struct pool_key *key);
const char *pool_key_slave(const struct pool_key *key);

/* Forget @key: unlink it, zeroise it, free it. */
void pool_forget(struct pool_key *key);
/* @key reached its slave SAE: count it, then forget it. */
void pool_deliver(struct pool_key *key);

/*
 * One line per pool for --stats: the bits the link put in and lost, and
 * the keys drawn, delivered and dropped; never key material.  0 or -1.
 */
int pool_write_stats(FILE *f);

/* Remember that @sae last connected to endpoint @ep. */
void pool_note_sae(const char *sae, size_t ep);
/* The endpoint @sae last connected to, or -1. */
long pool_sae_endpoint(const char *sae);

/* Forget every key and pool (zeroised). */
void pool_destroy(void);

/* A random (version 4) UUID: 0, or -1 when the DRBG fails. */
int uuid_v4(uint8_t id[KME_UUID_LEN]);
void uuid_format(char out[KME_UUID_STR_LEN + 1], const uint8_t id[KME_UUID_LEN]);
/* Canonical 8-4-4-4-12 hex form, either case. */
bool uuid_parse(const char *s, uint8_t id[KME_UUID_LEN]);

#endif /* KPSEC_KME_POOL_H */
