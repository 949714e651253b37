// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec-kme key pools and the keys waiting for their slave SAE.
 *
 * A pool holds no key material, only a count of bits: keys are drawn from
 * the DRBG when a master asks, which is what a simulated QKD link needs
 * and keeps a 1 Mbit buffer from pinning memory.  The count grows lazily,
 * when a pool is looked at, from the monotonic clock.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "pool.h"
#include "uuid.h"

#define NSEC_PER_SEC 1000000000ull
/* Key_IDs are random, so their first bytes hash well enough. */
#define KEY_HASH_BUCKETS 1024

struct kme_pair {
	struct kme_pair *next;
	char a[KME_ID_MAX + 1];		/* a sorts before b */
	char b[KME_ID_MAX + 1];
	uint64_t bits;
	uint64_t last_ns;		/* when bits was brought up to date */
	uint64_t carry;			/* bit-nanoseconds not yet a whole bit */
	struct pool_key *oldest, *newest;
	uint64_t waiting_bits;		/* in keys waiting for their slave */

	/* For --stats: what the link supplied and where it went. */
	uint64_t born_ns;
	uint64_t full_ns;		/* when the pool was first full */
	bool full_seen;
	uint64_t generated_bits;	/* that went into the pool */
	uint64_t overflow_bits;		/* the link made while the pool was full */
	uint64_t master_keys, master_bits;
	uint64_t slave_keys, slave_bits;
	uint64_t dropped_keys;
};

struct sae_seen {
	struct sae_seen *next;
	char id[KME_ID_MAX + 1];
	size_t ep;
};

static uint64_t pool_rate, pool_buffer, pool_initial;
static struct kme_pair *pairs;
static struct sae_seen *saes;
static struct pool_key *key_hash[KEY_HASH_BUCKETS];

static uint64_t now_ns(void)
{
	struct timespec ts;

	/* CLOCK_MONOTONIC cannot fail with a valid pointer. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

void pool_setup(uint64_t rate, uint64_t buffer, uint64_t initial)
{
	pool_rate = rate;
	pool_buffer = buffer;
	pool_initial = initial;
}

struct kme_pair *pool_pair(const char *sae1, const char *sae2)
{
	const char *a = sae1, *b = sae2;
	struct kme_pair *pair;

	if (strcmp(a, b) > 0) {
		a = sae2;
		b = sae1;
	}
	for (pair = pairs; pair; pair = pair->next)
		if (!strcmp(pair->a, a) && !strcmp(pair->b, b))
			return pair;

	if (strlen(a) > KME_ID_MAX || strlen(b) > KME_ID_MAX)
		return NULL;
	pair = calloc(1, sizeof(*pair));
	if (!pair)
		return NULL;
	strcpy(pair->a, a);
	strcpy(pair->b, b);
	pair->bits = pool_initial;
	pair->last_ns = now_ns();
	pair->born_ns = pair->last_ns;
	pair->full_ns = pair->born_ns;
	pair->full_seen = pool_initial == pool_buffer;
	pair->next = pairs;
	pairs = pair;
	return pair;
}

uint64_t pool_bits(struct kme_pair *pair)
{
	uint64_t now = now_ns(), room = pool_buffer - pair->bits;
	unsigned __int128 acc, gained, over;

	if (!pool_rate) {
		pair->carry = 0;
	} else {
		/* 128 bits: rate (up to 2^40) times hours of nanoseconds. */
		acc = (unsigned __int128)pool_rate * (now - pair->last_ns) +
		      pair->carry;
		gained = acc / NSEC_PER_SEC;
		if (gained >= room) {
			if (!pair->full_seen) {
				/* The instant the last bit came, rounded up. */
				pair->full_ns = pair->last_ns + (uint64_t)
					(((unsigned __int128)room * NSEC_PER_SEC -
					  pair->carry + pool_rate - 1) / pool_rate);
				pair->full_seen = true;
			}
			/* What a full buffer could not take is lost, as on a real link. */
			over = gained - room + pair->overflow_bits;
			pair->overflow_bits = over > UINT64_MAX ? UINT64_MAX : (uint64_t)over;
			pair->generated_bits += room;
			pair->bits = pool_buffer;
			pair->carry = 0;
		} else {
			pair->bits += (uint64_t)gained;
			pair->generated_bits += (uint64_t)gained;
			pair->carry = (uint64_t)(acc % NSEC_PER_SEC);
		}
	}
	pair->last_ns = now;
	return pair->bits;
}

static struct pool_key **hash_bucket(const uint8_t id[KME_UUID_LEN])
{
	return &key_hash[(id[0] | id[1] << 8) % KEY_HASH_BUCKETS];
}

struct pool_key *pool_find(const uint8_t id[KME_UUID_LEN])
{
	struct pool_key *key;

	for (key = *hash_bucket(id); key; key = key->hnext)
		if (!memcmp(key->id, id, KME_UUID_LEN))
			return key;
	return NULL;
}

const char *pool_key_master(const struct pool_key *key)
{
	return key->master_is_a ? key->pair->a : key->pair->b;
}

const char *pool_key_slave(const struct pool_key *key)
{
	return key->master_is_a ? key->pair->b : key->pair->a;
}

static void key_link(struct kme_pair *pair, struct pool_key *key)
{
	struct pool_key **bucket = hash_bucket(key->id);

	key->pair = pair;
	key->prev = pair->newest;
	key->next = NULL;
	if (pair->newest)
		pair->newest->next = key;
	else
		pair->oldest = key;
	pair->newest = key;
	pair->waiting_bits += key->bytes * 8u;

	key->hprev = NULL;
	key->hnext = *bucket;
	if (*bucket)
		(*bucket)->hprev = key;
	*bucket = key;
}

void pool_forget(struct pool_key *key)
{
	struct kme_pair *pair = key->pair;

	if (pair) {
		if (key->prev)
			key->prev->next = key->next;
		else
			pair->oldest = key->next;
		if (key->next)
			key->next->prev = key->prev;
		else
			pair->newest = key->prev;
		pair->waiting_bits -= key->bytes * 8u;

		if (key->hprev)
			key->hprev->hnext = key->hnext;
		else
			*hash_bucket(key->id) = key->hnext;
		if (key->hnext)
			key->hnext->hprev = key->hprev;
	}
	OPENSSL_cleanse(key, sizeof(*key));
	free(key);
}

void pool_deliver(struct pool_key *key)
{
	if (key->pair) {
		key->pair->slave_keys++;
		key->pair->slave_bits += key->bytes * 8u;
	}
	pool_forget(key);
}

int pool_draw(struct kme_pair *pair, const char *master, unsigned int n,
	      unsigned int bits, struct pool_key **keys, unsigned int *dropped)
{
	uint64_t want = (uint64_t)n * bits;
	unsigned int i;

	*dropped = 0;
	if (pool_bits(pair) < want)
		return -ENOSPC;
	for (i = 0; i < n; i++) {
		keys[i] = calloc(1, sizeof(*keys[i]));
		if (!keys[i])
			goto nomem;
		keys[i]->master_is_a = !strcmp(master, pair->a);
		keys[i]->bytes = bits / 8;
		/* A key_ID that is already waiting would be ambiguous. */
		do {
			if (uuid_v4(keys[i]->id))
				goto norand;
		} while (pool_find(keys[i]->id));
		if (RAND_priv_bytes(keys[i]->key, (int)keys[i]->bytes) != 1)
			goto norand;
	}

	pair->bits -= want;
	pair->master_keys += n;
	pair->master_bits += want;
	/* The keys waiting for a slave that never comes must not pile up. */
	while (pair->oldest && pair->waiting_bits + want > pool_buffer) {
		pool_forget(pair->oldest);
		++*dropped;
	}
	pair->dropped_keys += *dropped;
	for (i = 0; i < n; i++)
		key_link(pair, keys[i]);
	return 0;

norand:
	pool_forget(keys[i]);
	while (i--)
		pool_forget(keys[i]);
	return -EIO;
nomem:
	while (i--)
		pool_forget(keys[i]);
	return -ENOMEM;
}

int pool_write_stats(FILE *f)
{
	char a[KME_LOG_ID_MAX], b[KME_LOG_ID_MAX], full[24];
	const struct pool_key *key;
	struct kme_pair *pair;
	uint64_t waiting, bits;

	for (pair = pairs; pair; pair = pair->next) {
		bits = pool_bits(pair);
		waiting = 0;
		for (key = pair->oldest; key; key = key->next)
			waiting++;
		if (pair->full_seen)
			snprintf(full, sizeof(full), "%llu", (unsigned long long)
				 ((pair->full_ns - pair->born_ns) / 1000000));
		else
			strcpy(full, "-");
		kme_log_field(a, sizeof(a), pair->a);
		kme_log_field(b, sizeof(b), pair->b);
		if (fprintf(f, "sae_a=%s sae_b=%s age_ms=%llu pool_bits=%llu "
			    "generated_bits=%llu overflow_bits=%llu full_after_ms=%s "
			    "master_keys=%llu master_bits=%llu slave_keys=%llu "
			    "slave_bits=%llu dropped_keys=%llu waiting_keys=%llu\n",
			    a, b, (unsigned long long)((pair->last_ns - pair->born_ns) / 1000000),
			    (unsigned long long)bits,
			    (unsigned long long)pair->generated_bits,
			    (unsigned long long)pair->overflow_bits, full,
			    (unsigned long long)pair->master_keys,
			    (unsigned long long)pair->master_bits,
			    (unsigned long long)pair->slave_keys,
			    (unsigned long long)pair->slave_bits,
			    (unsigned long long)pair->dropped_keys,
			    (unsigned long long)waiting) < 0)
			return -1;
	}
	return 0;
}

void pool_note_sae(const char *sae, size_t ep)
{
	struct sae_seen *s;

	for (s = saes; s; s = s->next) {
		if (!strcmp(s->id, sae)) {
			s->ep = ep;
			return;
		}
	}
	if (strlen(sae) > KME_ID_MAX)
		return;
	s = calloc(1, sizeof(*s));
	if (!s)
		return;	/* only target_KME_ID suffers: it falls back */
	strcpy(s->id, sae);
	s->ep = ep;
	s->next = saes;
	saes = s;
}

long pool_sae_endpoint(const char *sae)
{
	const struct sae_seen *s;

	for (s = saes; s; s = s->next)
		if (!strcmp(s->id, sae))
			return (long)s->ep;
	return -1;
}

void pool_destroy(void)
{
	struct kme_pair *pair;
	struct sae_seen *s;

	while ((pair = pairs)) {
		pairs = pair->next;
		while (pair->oldest)
			pool_forget(pair->oldest);
		free(pair);
	}
	while ((s = saes)) {
		saes = s->next;
		free(s);
	}
}

int uuid_v4(uint8_t id[KME_UUID_LEN])
{
	if (RAND_bytes(id, KME_UUID_LEN) != 1)
		return -1;
	id[6] = (id[6] & 0x0f) | 0x40;	/* version 4 */
	id[8] = (id[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
	return 0;
}

void uuid_format(char out[KME_UUID_STR_LEN + 1], const uint8_t id[KME_UUID_LEN])
{
	kpsec_uuid_format(out, id);
}

bool uuid_parse(const char *s, uint8_t id[KME_UUID_LEN])
{
	return kpsec_uuid_parse(s, id);
}
