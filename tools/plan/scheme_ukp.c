// SPDX-License-Identifier: GPL-2.0
/*
 * t-UKP (Bechkit, Challal, Bouabdallah, Tarokh): unital points are pool
 * keys and every node holds t pairwise disjoint blocks of the Hermitian
 * unital (t = 1 is NU-KP).  Without block reuse every block goes to at
 * most one node, so n t <= b; with it, nodes choose independently.
 */
#include <stdlib.h>
#include <string.h>
#include "gf.h"
#include "plan.h"
#include "unital.h"

/* Random draws before a full scan: cheap while most blocks still fit. */
#define UKP_TRIES 64
/* Fresh starts of one node when its greedy choices dead-end. */
#define UKP_RESTARTS 16

struct assign {
	const struct plan_unital *u;
	u32 *mark;		/* point -> stamp of the node holding it */
	u32 stamp;
};

static bool fits(const struct assign *a, u32 blk)
{
	const u32 *pt = plan_unital_block(a->u, blk);
	u32 i;

	for (i = 0; i <= a->u->m; i++)
		if (a->mark[pt[i]] == a->stamp)
			return false;
	return true;
}

static void take(struct assign *a, u32 blk)
{
	const u32 *pt = plan_unital_block(a->u, blk);
	u32 i;

	for (i = 0; i <= a->u->m; i++)
		a->mark[pt[i]] = a->stamp;
}

static bool disjoint(const struct plan_unital *u, u32 x, u32 y)
{
	const u32 *p = plan_unital_block(u, x), *q = plan_unital_block(u, y);
	u32 i = 0, j = 0;

	while (i <= u->m && j <= u->m) {
		if (p[i] == q[j])
			return false;
		if (p[i] < q[j])
			i++;
		else
			j++;
	}
	return true;
}

/* An index into cand[0 .. cnt) whose block fits, uniform among those; cnt if none. */
static u32 pick(const struct assign *a, const u32 *cand, u32 cnt, struct plan_rng *r)
{
	u32 i, fit = 0, want;

	for (i = 0; i < UKP_TRIES && cnt; i++) {
		u32 j = plan_rng_below(r, cnt);

		if (fits(a, cand[j]))
			return j;
	}
	for (i = 0; i < cnt; i++)
		fit += fits(a, cand[i]);
	if (!fit)
		return cnt;
	want = plan_rng_below(r, fit);
	for (i = 0; i < cnt; i++)
		if (fits(a, cand[i]) && !want--)
			break;
	return i;
}

/*
 * Node v holds blk[v t .. v t + have) and nothing unused fits: find an
 * earlier node w with a block B that fits v and an unused block C that
 * fits w without B, then B goes to v and C to w.
 */
static bool repair(struct assign *a, u32 v, u32 t, u32 have, u32 *blk, u32 *avail, u32 *navail)
{
	u32 c, s, i;

	for (c = 0; c < *navail; c++) {
		for (s = 0; s < v * t; s++) {
			u32 w = s / t, B = blk[s];
			bool ok = fits(a, B);

			for (i = 0; ok && i < t; i++)
				if (w * t + i != s && !disjoint(a->u, avail[c], blk[w * t + i]))
					ok = false;
			if (!ok)
				continue;
			blk[s] = avail[c];
			blk[v * t + have] = B;
			take(a, B);
			avail[c] = avail[--*navail];
			return true;
		}
	}
	return false;
}

static int cmp_u32(const void *x, const void *y)
{
	u32 p = *(const u32 *)x, q = *(const u32 *)y;

	return p < q ? -1 : p > q;
}

int plan_ukp_assign(const struct plan_unital *u, u32 n, u32 t, bool reuse,
		    struct plan_rng *r, u32 *blk, char *err)
{
	struct assign a = { .u = u };
	u32 *avail, navail = u->b, v, j, i;
	int ret = -1;

	if (!reuse && (u64)n * t > u->b)
		return plan_err(err, "%llu blocks needed but the unital of order %u has %u",
				(unsigned long long)n * t, u->m, u->b);
	a.mark = calloc(u->v, sizeof(*a.mark));
	avail = malloc((size_t)u->b * sizeof(*avail));
	if (!a.mark || !avail) {
		plan_err(err, "out of memory for the blocks of %u nodes", n);
		goto out;
	}
	for (i = 0; i < u->b; i++)
		avail[i] = i;
	for (v = 0; v < n; v++) {
		u32 *mine = blk + (size_t)v * t, tries = 0;

restart:
		a.stamp++;
		for (j = 0; j < t; j++) {
			if (reuse) {
				u32 c = pick(&a, avail, u->b, r);

				if (c == u->b) {
					if (++tries < UKP_RESTARTS)
						goto restart;
					plan_err(err, "could not find %u pairwise disjoint blocks for node %u in the unital of order %u",
						 t, v, u->m);
					goto out;
				}
				mine[j] = avail[c];
				take(&a, mine[j]);
				continue;
			}
			i = pick(&a, avail, navail, r);
			if (i < navail) {
				mine[j] = avail[i];
				take(&a, mine[j]);
				avail[i] = avail[--navail];
			} else if (!repair(&a, v, t, j, blk, avail, &navail)) {
				/* an early choice may be what blocks this node: start it again */
				if (++tries < UKP_RESTARTS) {
					while (j)
						avail[navail++] = mine[--j];
					goto restart;
				}
				plan_err(err, "could not give node %u %u disjoint unused blocks of the unital of order %u; use a larger m or --allow-block-reuse",
					 v, t, u->m);
				goto out;
			}
		}
	}
	for (v = 0; v < n; v++)
		qsort(blk + (size_t)v * t, t, sizeof(*blk), cmp_u32);
	ret = 0;
out:
	free(a.mark);
	free(avail);
	return ret;
}

static u32 unital_blocks(u32 m)
{
	return m * m * (m * m - m + 1);
}

/* The smallest usable order above m whose blocks cover n t without reuse; 0 if none. */
static u32 bigger_m(u32 m, u32 n, u32 t)
{
	u32 p, e;

	for (m++; m <= PLAN_UNITAL_M_MAX && t * (m + 1) <= PLAN_SYM_RING_MAX; m++)
		if (plan_prime_power(m, &p, &e) && (u64)n * t <= unital_blocks(m))
			return m;
	return 0;
}

static int check_ukp(u32 n, const struct plan_params *pp, u32 t, u32 q, char *err)
{
	u32 m = pp->unital_m, b, k;

	if (plan_check_nodes(n, pp->first_id, err) || plan_unital_check_m(m, err))
		return -1;
	b = unital_blocks(m);
	if (t > plan_unital_disjoint_max(m))
		return plan_err(err, "t = %u blocks per node exceed the %u pairwise disjoint blocks of the unital of order m = %u",
				t, plan_unital_disjoint_max(m), m);
	k = t * (m + 1);
	if (k > PLAN_SYM_RING_MAX)
		return plan_err(err, "ring size t (m + 1) = %u exceeds the limit of %u symmetric keys per node",
				k, PLAN_SYM_RING_MAX);
	if (q > k)
		return plan_err(err, "q = %u exceeds the ring size k = t (m + 1) = %u", q, k);
	if ((u64)n * k > UINT32_MAX)
		return plan_err(err, "n k = %llu keys in all exceed the planner's limit of %u",
				(unsigned long long)n * k, UINT32_MAX);
	if (!pp->allow_block_reuse && (u64)n * t > b) {
		u32 bm = bigger_m(m, n, t);

		if (bm)
			return plan_err(err, "n = %u nodes need %u unital blocks x %u but m = %u gives %u blocks (%u nodes); use m >= %u or --allow-block-reuse",
					n, n, t, m, b, b / t, bm);
		return plan_err(err, "n = %u nodes need %u unital blocks x %u but m = %u gives %u blocks (%u nodes); use --allow-block-reuse",
				n, n, t, m, b, b / t);
	}
	return 0;
}

int plan_gen_ukp(struct plan *out, u32 n, const struct plan_params *pp, char *err)
{
	struct plan_unital u;
	struct plan_rng r;
	struct plan p = { 0 };
	u32 t = pp->blocks ? pp->blocks : 1, q = pp->q ? pp->q : 1, k, v, j, *blk;
	int ret = -1;

	if (check_ukp(n, pp, t, q, err))
		return -1;
	if (plan_unital_build(&u, pp->unital_m, err))
		return -1;
	k = t * (u.m + 1);
	blk = malloc((size_t)n * t * sizeof(*blk));
	p.sym_first = malloc(((size_t)n + 1) * sizeof(*p.sym_first));
	p.sym = malloc((size_t)n * k * sizeof(*p.sym));
	if (!blk || !p.sym_first || !p.sym) {
		plan_err(err, "out of memory for %u rings of %u keys", n, k);
		goto out;
	}
	plan_rng_init(&r, pp->seed, "ukp");
	if (plan_ukp_assign(&u, n, t, pp->allow_block_reuse, &r, blk, err))
		goto out;
	for (v = 0; v < n; v++) {
		u32 *ring = p.sym + (size_t)v * k;

		for (j = 0; j < t; j++)
			memcpy(ring + j * (u.m + 1), plan_unital_block(&u, blk[(size_t)v * t + j]),
			       (u.m + 1) * sizeof(*ring));
		/* disjoint blocks: the union has exactly k keys */
		qsort(ring, k, sizeof(*ring), cmp_u32);
		p.sym_first[v] = v * k;
	}
	p.sym_first[n] = n * k;
	p.scheme = PLAN_UKP;
	p.n = n;
	p.first_id = pp->first_id;
	p.pool = u.v;
	p.q = q;
	*out = p;
	ret = 0;
out:
	if (ret)
		plan_free(&p);
	free(blk);
	plan_unital_free(&u);
	return ret;
}
