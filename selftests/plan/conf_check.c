/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helper of plan_cli.sh: load every node-<ID>.conf given with lib/nodeconf,
 * as "kpsec setconf" does, and check across the files what one file
 * cannot show: each [KeyRing] key is the X25519 public key of the named
 * node's PrivateKey, and one pool key ID carries the same bytes everywhere.
 * Prints "ID: ring A B ...; sym X Y ..." per file (IDs increasing) for the
 * script to compare with summary.json; exit 1 on the first defect.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "nodeconf.h"

struct loaded {
	struct kpsec_nodeconf c;
	u8 pub[KPSEC_NODECONF_KEY_LEN];
};

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return (x > y) - (x < y);
}

static int load(const char *path, struct loaded *l)
{
	enum kpsec_nodeconf_err e;
	unsigned int line;
	char *text = NULL;
	size_t len = 0, cap = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len + 4096 > cap && !(text = realloc(text, cap = cap * 2 + 4096)))
			abort();
		size_t r = fread(text + len, 1, 4096, f);

		len += r;
		if (r < 4096)
			break;
	}
	fclose(f);
	e = kpsec_nodeconf_parse(&l->c, text, len, &line);
	sodium_memzero(text, len);
	free(text);
	if (e) {
		printf("%s:%u: %s\n", path, line, kpsec_nodeconf_strerror(e));
		return -1;
	}
	if (!l->c.has_node_id || !l->c.has_private_key) {
		printf("%s: NodeID or PrivateKey missing\n", path);
		return -1;
	}
	return crypto_scalarmult_curve25519_base(l->pub, l->c.private_key);
}

static int check(struct loaded *all, int n)
{
	int i, j, k;
	unsigned int r, s;

	for (i = 0; i < n; i++) {
		for (r = 0; r < all[i].c.n_ring; r++)
			for (j = 0; j < n; j++)
				if (all[j].c.node_id == all[i].c.ring[r].node &&
				    memcmp(all[j].pub, all[i].c.ring[r].pub, KPSEC_NODECONF_KEY_LEN)) {
					printf("node %u: [KeyRing] %u is not node %u's public key\n",
					       all[i].c.node_id, all[j].c.node_id, all[j].c.node_id);
					return -1;
				}
		for (s = 0; s < all[i].c.n_sym; s++)
			for (j = 0; j < i; j++)
				for (k = 0; k < (int)all[j].c.n_sym; k++)
					if (all[j].c.sym[k].id == all[i].c.sym[s].id &&
					    memcmp(all[j].c.sym[k].key, all[i].c.sym[s].key,
						   KPSEC_NODECONF_KEY_LEN)) {
						printf("key ID %u differs between nodes %u and %u\n",
						       all[i].c.sym[s].id, all[j].c.node_id,
						       all[i].c.node_id);
						return -1;
					}
	}
	return 0;
}

static void print(const struct loaded *l)
{
	u32 ids[KPSEC_NODECONF_SYMRING_MAX + KPSEC_NODECONF_RING_MAX];
	unsigned int i;

	printf("%u: ring", l->c.node_id);
	for (i = 0; i < l->c.n_ring; i++)
		ids[i] = l->c.ring[i].node;
	qsort(ids, l->c.n_ring, sizeof(u32), cmp_u32);
	for (i = 0; i < l->c.n_ring; i++)
		printf(" %u", ids[i]);
	printf("; sym");
	for (i = 0; i < l->c.n_sym; i++)
		ids[i] = l->c.sym[i].id;
	qsort(ids, l->c.n_sym, sizeof(u32), cmp_u32);
	for (i = 0; i < l->c.n_sym; i++)
		printf(" %u", ids[i]);
	printf("\n");
}

int main(int argc, char **argv)
{
	struct loaded *all;
	int i, ret = 0;

	if (sodium_init() < 0 || argc < 2)
		return 2;
	all = calloc((size_t)argc, sizeof(*all));
	if (!all)
		return 2;
	for (i = 1; i < argc && !ret; i++)
		ret = load(argv[i], &all[i - 1]);
	if (!ret)
		ret = check(all, argc - 1);
	for (i = 1; i < argc && !ret; i++)
		print(&all[i - 1]);
	for (i = 0; i < argc; i++)
		kpsec_nodeconf_wipe(&all[i].c);
	free(all);
	return ret ? 1 : 0;
}
