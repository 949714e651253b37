/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A heuristic for the q-composite key management ILP (ilp.h) on networks
 * no MILP solves; Documentation/planner/heuristic.rst describes it.  It
 * works on holder sets valid by construction: a lazy greedy over the
 * connected sets through each seed edge, merging of disjoint keys, then
 * ruin and recreate steps kept unless worse.  Choices come from the
 * "heuristic" stream and the budget counts steps, so a seed gives one
 * answer.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "heur.h"

#define NONE ((u32)-1)
/* Largest holder set the search builds, whatever t_k allows. */
#define HEUR_T_MAX 32
/* What bringing an edge one key closer to q is worth, against completing it. */
#define HEUR_PART 0.25
#define HEUR_RUIN_MAX 6

struct heur_ent {
	double pri;
	u32 e, ver;
};

struct heur {
	const struct ilp_instance *in;
	const struct plan_topo *g;
	u32 n, m, q, tmax;
	u32 *eid;		/* edge of each CSR slot */
	u32 *lim;		/* (1d): floor(p |N(i)| + alpha) */
	u32 *cap;		/* keys a node may hold */
	u32 *used;		/* keys a node holds */
	u32 *noff, *nkey;	/* keys of node v: nkey[noff[v]] .. + used[v] */
	u32 *cov;		/* shared keys per edge */
	u32 obj, nused;
	u32 *kset;		/* holders of slot k: kset[k * tmax] .. + ksz[k] */
	u32 *ksz;
	u32 *freel, nfree;
	struct heur_ent *pq;
	u32 pqn, pqcap;
	u32 *ver;		/* current heap version per seed edge */
	u32 *mark, stamp;	/* scratch marks per node */
	u32 *nin;		/* neighbours inside the set being grown */
	double noise;
	u64 salt;		/* noise of this step */
	struct plan_rng rng;
	u32 *ext, enum_cap, *adjc;	/* enumeration scratch and sets per seed, or NULL */
	/* undo log of one ruin and recreate step */
	u32 *rm, nrm, rmcap;	/* removed sets: size, then holders */
	u32 *add, nadd, addcap;	/* slots added */
	bool logging;
};

struct heur_cand {
	u32 s[HEUR_T_MAX];
	u32 sz, mult;
	double score;
};

/* CSR slot of v among the sorted neighbours of u, or first[u + 1]. */
static u32 slot_of(const struct plan_topo *g, u32 u, u32 v)
{
	u32 lo = g->first[u], hi = g->first[u + 1];

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (g->adj[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->first[u + 1] && g->adj[lo] == v ? lo : g->first[u + 1];
}

static u32 edge_of(const struct heur *h, u32 u, u32 v)
{
	u32 x = slot_of(h->g, u, v);

	return x < h->g->first[u + 1] ? h->eid[x] : NONE;
}

static bool room(const struct heur *h, u32 v, u32 j)
{
	return h->used[v] + j <= h->cap[v];
}

static void *grow_buf(void *p, u32 *cap, u32 need, size_t size)
{
	if (need <= *cap)
		return p;
	while (*cap < need)
		*cap = *cap ? 2 * *cap : 64;
	p = realloc(p, *cap * size);
	if (!p)
		abort();
	return p;
}

static bool ent_less(const struct heur_ent *a, const struct heur_ent *b)
{
	return a->pri < b->pri || (a->pri == b->pri && a->e > b->e);
}

static void pq_push(struct heur *h, double pri, u32 e)
{
	u32 i;

	h->pq = grow_buf(h->pq, &h->pqcap, h->pqn + 1, sizeof(*h->pq));
	i = h->pqn++;
	h->pq[i] = (struct heur_ent){ pri, e, ++h->ver[e] };
	while (i && ent_less(&h->pq[(i - 1) / 2], &h->pq[i])) {
		struct heur_ent tmp = h->pq[i];

		h->pq[i] = h->pq[(i - 1) / 2];
		h->pq[(i - 1) / 2] = tmp;
		i = (i - 1) / 2;
	}
}

static struct heur_ent pq_pop(struct heur *h)
{
	struct heur_ent top = h->pq[0], top2;
	u32 i = 0;

	h->pq[0] = h->pq[--h->pqn];
	for (;;) {
		u32 l = 2 * i + 1, r = l + 1, b = i;

		if (l < h->pqn && ent_less(&h->pq[b], &h->pq[l]))
			b = l;
		if (r < h->pqn && ent_less(&h->pq[b], &h->pq[r]))
			b = r;
		if (b == i)
			break;
		top2 = h->pq[i];
		h->pq[i] = h->pq[b];
		h->pq[b] = top2;
		i = b;
	}
	return top;
}

/*
 * Noise of the recreate step: a function of the step's salt, the seed edge
 * and the set, so re-scoring a seed in the same state gives the same value
 * and the lazy heap does not chase fresh random numbers.
 */
static double noise(struct heur *h, u64 *z)
{
	*z ^= *z << 13;
	*z ^= *z >> 7;
	*z ^= *z << 17;
	return 1 + h->noise * (*z >> 11) * (1.0 / 9007199254740992.0);
}

/* Enumeration of the connected holder sets through one seed edge. */
struct heur_enum {
	struct heur *h;
	u32 s[HEUR_T_MAX], sz, left;
	u32 cnt[HEUR_T_MAX];	/* edges of G[S] still needing r keys, r <= q */
	u64 nz;			/* noise state */
	struct heur_cand *best;
};

static void enum_score(struct heur_enum *x)
{
	struct heur *h = x->h;
	u32 a, j, minroom = h->nfree, done = 0, part = 0;

	for (a = 0; a < x->sz; a++)
		if (h->cap[x->s[a]] - h->used[x->s[a]] < minroom)
			minroom = h->cap[x->s[a]] - h->used[x->s[a]];
	for (j = 1; j <= h->q; j++)
		part += x->cnt[j];
	for (j = 1; j <= h->q && j <= minroom; j++) {
		double sc;

		done += x->cnt[j];
		part -= x->cnt[j];
		sc = (done + HEUR_PART * part / h->q) / j - 1e-4 * x->sz;
		if (h->noise > 0)
			sc *= noise(h, &x->nz);
		if (sc > x->best->score) {
			memcpy(x->best->s, x->s, x->sz * sizeof(u32));
			x->best->sz = x->sz;
			x->best->mult = j;
			x->best->score = sc;
		}
	}
}

static void enum_adj(struct heur *h, u32 w, int d)
{
	u32 x;

	for (x = h->g->first[w]; x < h->g->first[w + 1]; x++)
		h->adjc[h->g->adj[x]] += d;
}

/*
 * Wernicke's ESU: each connected superset of the seed is visited once.
 * adjc[y] counts the members of S next to y, mark[y] == stamp for members.
 */
static void enum_ext(struct heur_enum *x, u32 *ext, u32 next)
{
	struct heur *h = x->h;
	const struct plan_topo *g = h->g;
	u32 *ext2 = ext + next, a, i;

	enum_score(x);
	if (x->sz == h->tmax)
		return;
	for (i = next; i-- > 0 && x->left;) {
		u32 w = ext[i], n2 = i;
		bool ok = room(h, w, 1) && h->adjc[w] <= h->lim[w];

		for (a = g->first[w]; a < g->first[w + 1] && ok; a++)
			if (h->mark[g->adj[a]] == h->stamp)
				ok = h->nin[g->adj[a]] < h->lim[g->adj[a]];
		if (!ok)
			continue;
		x->left--;
		memcpy(ext2, ext, i * sizeof(u32));
		h->nin[w] = h->adjc[w];
		for (a = g->first[w]; a < g->first[w + 1]; a++) {
			u32 y = g->adj[a], f = h->eid[a];

			if (h->mark[y] != h->stamp) {
				if (!h->adjc[y])	/* exclusive neighbour of w */
					ext2[n2++] = y;
				continue;
			}
			h->nin[y]++;
			if (h->cov[f] < h->q)
				x->cnt[h->q - h->cov[f]]++;
		}
		enum_adj(h, w, 1);
		h->mark[w] = h->stamp;
		x->s[x->sz++] = w;
		enum_ext(x, ext2, n2);
		x->sz--;
		h->mark[w] = 0;
		enum_adj(h, w, -1);
		for (a = g->first[w]; a < g->first[w + 1]; a++) {
			u32 y = g->adj[a], f = h->eid[a];

			if (h->mark[y] != h->stamp)
				continue;
			h->nin[y]--;
			if (h->cov[f] < h->q)
				x->cnt[h->q - h->cov[f]]--;
		}
	}
}

/* The best holder set through e and how many keys to give it; 0 if none. */
static double grow(struct heur *h, u32 e, struct heur_cand *c)
{
	struct heur_enum x = { .h = h, .sz = 2, .left = h->enum_cap, .best = c };
	const struct plan_topo *g = h->g;
	u32 u = g->eu[e], v = g->ev[e], n = 0, a, y;

	c->score = 0;
	c->mult = 0;
	if (h->cov[e] >= h->q || !h->nfree || !room(h, u, 1) || !room(h, v, 1))
		return 0;
	x.nz = (h->salt ^ (e + 1) * 0x9e3779b97f4a7c15ull) | 1;
	if (++h->stamp == 0) {
		memset(h->mark, 0, h->n * sizeof(*h->mark));
		h->stamp = 1;
	}
	x.s[0] = u;
	x.s[1] = v;
	h->nin[u] = h->nin[v] = 1;
	x.cnt[h->q - h->cov[e]] = 1;
	h->mark[u] = h->mark[v] = h->stamp;
	for (y = 0; y < 2; y++)
		for (a = g->first[x.s[y]]; a < g->first[x.s[y] + 1]; a++) {
			u32 w = g->adj[a];

			if (h->mark[w] != h->stamp && (!y || !h->adjc[w]))
				h->ext[n++] = w;
			h->adjc[w]++;
		}
	enum_ext(&x, h->ext, n);
	enum_adj(h, u, -1);
	enum_adj(h, v, -1);
	return c->score;
}

/* Re-score the seeds next to the vertices of s after a change there. */
static void touch(struct heur *h, const u32 *s, u32 sz)
{
	struct heur_cand c;
	u32 a, x;

	for (a = 0; a < sz; a++)
		for (x = h->g->first[s[a]]; x < h->g->first[s[a] + 1]; x++) {
			u32 e = h->eid[x];
			double sc = grow(h, e, &c);

			if (sc > 0)
				pq_push(h, sc, e);
			else
				h->ver[e]++;	/* drop any stale entry */
		}
}

static void cover(struct heur *h, const u32 *s, u32 sz, int d)
{
	u32 a, b;

	for (a = 0; a < sz; a++)
		for (b = a + 1; b < sz; b++) {
			u32 f = edge_of(h, s[a], s[b]);

			if (f == NONE)
				continue;
			if (d > 0 && ++h->cov[f] == h->q)
				h->obj++;
			else if (d < 0 && h->cov[f]-- == h->q)
				h->obj--;
		}
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/* Give one new key to the vertices s (valid, with room). */
static void key_add(struct heur *h, const u32 *s, u32 sz)
{
	u32 k = h->freel[--h->nfree], a, *ks = h->kset + (size_t)k * h->tmax;

	memcpy(ks, s, sz * sizeof(*s));
	qsort(ks, sz, sizeof(*ks), cmp_u32);
	h->ksz[k] = sz;
	h->nused++;
	for (a = 0; a < sz; a++)
		h->nkey[h->noff[ks[a]] + h->used[ks[a]]++] = k;
	cover(h, ks, sz, 1);
	if (h->logging) {
		h->add = grow_buf(h->add, &h->addcap, h->nadd + 1, sizeof(*h->add));
		h->add[h->nadd++] = k;
	}
}

static void key_remove(struct heur *h, u32 k, bool log)
{
	u32 sz = h->ksz[k], a, x, *ks = h->kset + (size_t)k * h->tmax;

	cover(h, ks, sz, -1);
	for (a = 0; a < sz; a++) {
		u32 v = ks[a], *r = h->nkey + h->noff[v];

		for (x = 0; r[x] != k; x++)
			;
		r[x] = r[--h->used[v]];
	}
	for (x = 0; log && x < h->nadd; x++)
		if (h->add[x] == k) {	/* added in this step: forget it */
			h->add[x] = h->add[--h->nadd];
			log = false;
		}
	if (log) {
		h->rm = grow_buf(h->rm, &h->rmcap, h->nrm + sz + 1, sizeof(*h->rm));
		h->rm[h->nrm++] = sz;
		memcpy(h->rm + h->nrm, ks, sz * sizeof(*ks));
		h->nrm += sz;
	}
	h->ksz[k] = 0;
	h->nused--;
	h->freel[h->nfree++] = k;
}

/* Apply the best seeds of the heap while keys and gains remain. */
static void fill(struct heur *h)
{
	struct heur_cand c;

	while (h->nfree && h->pqn) {
		struct heur_ent top = pq_pop(h);
		double sc;
		u32 r;

		if (top.ver != h->ver[top.e])
			continue;
		sc = grow(h, top.e, &c);
		if (sc <= 0)
			continue;
		if (h->pqn && sc < h->pq[0].pri) {
			pq_push(h, sc, top.e);
			continue;
		}
		for (r = 0; r < c.mult; r++)
			key_add(h, c.s, c.sz);
		touch(h, c.s, c.sz);
	}
}

static void remove_touch(struct heur *h, u32 k, bool log)
{
	u32 s[HEUR_T_MAX], sz = h->ksz[k];

	memcpy(s, h->kset + (size_t)k * h->tmax, sz * sizeof(*s));
	key_remove(h, k, log);
	touch(h, s, sz);
}

/*
 * Merge key k with a key of disjoint holders when the union is valid: no
 * edge loses a key and a pool key is freed (optima are full of unions).
 */
static bool merge_key(struct heur *h, u32 k)
{
	u32 tries = h->in->keys <= 256 ? h->in->keys : 48, i, o, a, b, u[HEUR_T_MAX], sz;
	const u32 *s1 = h->kset + (size_t)k * h->tmax;

	for (i = 0; i < tries; i++) {
		const u32 *s2;

		o = h->in->keys <= 256 ? i : plan_rng_below(&h->rng, h->in->keys);
		if (o == k || !h->ksz[o] || h->ksz[k] + h->ksz[o] > h->tmax)
			continue;
		s2 = h->kset + (size_t)o * h->tmax;
		for (a = b = sz = 0; a < h->ksz[k] || b < h->ksz[o];) {
			if (b == h->ksz[o] || (a < h->ksz[k] && s1[a] < s2[b]))
				u[sz++] = s1[a++];
			else if (a == h->ksz[k] || s2[b] < s1[a])
				u[sz++] = s2[b++];
			else
				break;	/* a common holder */
		}
		if (a < h->ksz[k] || b < h->ksz[o])
			continue;
		for (a = 0; a < sz; a++) {
			u32 cnt = 0;

			for (b = 0; b < sz; b++)
				cnt += edge_of(h, u[a], u[b]) != NONE;
			if (cnt > h->lim[u[a]])
				break;
		}
		if (a < sz)
			continue;
		remove_touch(h, k, h->logging);
		remove_touch(h, o, h->logging);
		key_add(h, u, sz);
		touch(h, u, sz);
		return true;
	}
	return false;
}

/* Merge the keys of slots list[0 .. n - 1] where possible, then refill. */
static void merge_fill(struct heur *h, const u32 *list, u32 n)
{
	u32 i, *l, more = 0;

	if (!n)
		return;
	l = malloc(n * sizeof(u32));
	if (!l)
		return;
	memcpy(l, list, n * sizeof(u32));
	for (i = 0; i < n; i++)
		if (h->ksz[l[i]] && h->ksz[l[i]] < h->tmax)
			more += merge_key(h, l[i]);
	free(l);
	if (more)
		fill(h);
}

/* Remove one to three keys near a random key, or every key of a small ball. */
static void ruin(struct heur *h)
{
	struct plan_rng *r = &h->rng;
	u32 v = plan_rng_below(r, h->n), tries, k;

	/* most often start where an edge still lacks keys */
	if (plan_rng_below(r, 2)) {
		for (tries = 0; tries < 16; tries++) {
			u32 e = plan_rng_below(r, h->m);

			if (h->cov[e] < h->q) {
				v = plan_rng_below(r, 2) ? h->g->eu[e] : h->g->ev[e];
				break;
			}
		}
	}
	if (plan_rng_below(r, 3)) {
		u32 want = 1 + plan_rng_below(r, 3), x;

		for (tries = 0; tries < 8 && !h->used[v]; tries++) {
			u32 d = h->g->first[v + 1] - h->g->first[v];

			if (!d)
				break;
			v = h->g->adj[h->g->first[v] + plan_rng_below(r, d)];
		}
		while (want-- && h->used[v]) {
			k = h->nkey[h->noff[v] + plan_rng_below(r, h->used[v])];
			x = h->kset[(size_t)k * h->tmax + plan_rng_below(r, h->ksz[k])];
			remove_touch(h, k, true);
			v = x;
		}
	} else {
		/* a BFS ball of 3 to 10 vertices; mark holds the visited ones */
		u32 ball[10], nb = 1, want = 3 + plan_rng_below(r, 8), a, x;

		if (++h->stamp == 0) {
			memset(h->mark, 0, h->n * sizeof(*h->mark));
			h->stamp = 1;
		}
		ball[0] = v;
		h->mark[v] = h->stamp;
		for (a = 0; a < nb && nb < want; a++)
			for (x = h->g->first[ball[a]];
			     x < h->g->first[ball[a] + 1] && nb < want; x++)
				if (h->mark[h->g->adj[x]] != h->stamp) {
					h->mark[h->g->adj[x]] = h->stamp;
					ball[nb++] = h->g->adj[x];
				}
		/* at most HEUR_RUIN_MAX keys, or rich rings make a step slow */
		for (a = 0, x = 0; a < nb; a++)
			while (h->used[ball[a]] && x++ < HEUR_RUIN_MAX)
				remove_touch(h, h->nkey[h->noff[ball[a]]], true);
	}
}

static void revert(struct heur *h)
{
	u32 i;

	h->logging = false;
	for (i = 0; i < h->nadd; i++)
		remove_touch(h, h->add[i], false);
	for (i = 0; i < h->nrm; i += 1 + h->rm[i])
		key_add(h, h->rm + i + 1, h->rm[i]);
	for (i = 0; i < h->nrm; i += 1 + h->rm[i])
		touch(h, h->rm + i + 1, h->rm[i]);
}

/* Drop stale heap entries once they outnumber the edges. */
static void pq_compact(struct heur *h)
{
	struct heur_ent *old = h->pq;
	u32 n = h->pqn, i;

	h->pq = NULL;
	h->pqn = h->pqcap = 0;
	for (i = 0; i < n; i++)
		if (old[i].ver == h->ver[old[i].e]) {
			double pri = old[i].pri;

			pq_push(h, pri, old[i].e);
		}
	free(old);
}

static void heur_free(struct heur *h)
{
	free(h->eid);
	free(h->lim);
	free(h->cap);
	free(h->used);
	free(h->noff);
	free(h->nkey);
	free(h->cov);
	free(h->kset);
	free(h->ksz);
	free(h->freel);
	free(h->pq);
	free(h->ver);
	free(h->mark);
	free(h->nin);
	free(h->rm);
	free(h->add);
	free(h->ext);
	free(h->adjc);
}

static int heur_init(struct heur *h, const struct ilp_instance *in, u64 seed, char *err)
{
	const struct plan_topo *g = in->g;
	u32 v, x, e;
	size_t ring = 0;

	memset(h, 0, sizeof(*h));
	h->in = in;
	h->g = g;
	h->n = g->n;
	h->m = g->m;
	h->q = in->q;
	h->tmax = in->key_limit < HEUR_T_MAX ? in->key_limit : HEUR_T_MAX;
	plan_rng_init(&h->rng, seed, "heuristic");
	h->eid = calloc(2 * (size_t)g->m + 1, sizeof(u32));
	h->lim = calloc(g->n + 1, sizeof(u32));
	h->cap = calloc(g->n + 1, sizeof(u32));
	h->used = calloc(g->n + 1, sizeof(u32));
	h->noff = calloc(g->n + 1, sizeof(u32));
	h->cov = calloc(g->m + 1, sizeof(u32));
	h->ver = calloc(g->m + 1, sizeof(u32));
	h->mark = calloc(g->n + 1, sizeof(u32));
	h->nin = calloc(g->n + 1, sizeof(u32));
	h->adjc = calloc(g->n + 1, sizeof(u32));
	h->ksz = calloc(in->keys, sizeof(u32));
	h->freel = calloc(in->keys, sizeof(u32));
	h->kset = calloc((size_t)in->keys * h->tmax, sizeof(u32));
	if (!h->eid || !h->lim || !h->cap || !h->used || !h->noff || !h->cov || !h->ver ||
	    !h->mark || !h->nin || !h->adjc || !h->ksz || !h->freel || !h->kset)
		return plan_err(err, "heuristic: out of memory");
	for (e = 0; e < g->m; e++) {
		h->eid[slot_of(g, g->eu[e], g->ev[e])] = e;
		h->eid[slot_of(g, g->ev[e], g->eu[e])] = e;
	}
	for (v = 0; v < g->n; v++) {
		u32 deg = g->first[v + 1] - g->first[v];
		u64 c = in->key_mem ? in->mem / in->key_mem : in->keys;

		/* more than q keys per incident edge can never help */
		if (c > (u64)in->q * deg)
			c = (u64)in->q * deg;
		if (c > in->keys)
			c = in->keys;
		h->cap[v] = c;
		h->lim[v] = deg ? ilp_nbr_limit(in, v) : 0;
		h->noff[v] = ring;
		ring += c;
	}
	if (ring > UINT32_MAX)
		return plan_err(err, "heuristic: %zu key slots are too many", ring);
	h->nkey = malloc((ring + 1) * sizeof(u32));
	if (!h->nkey)
		return plan_err(err, "heuristic: out of memory");
	for (x = 0; x < in->keys; x++)
		h->freel[x] = in->keys - 1 - x;
	h->nfree = in->keys;
	for (v = 0, x = 0; v < g->n; v++)
		if (g->first[v + 1] - g->first[v] > x)
			x = g->first[v + 1] - g->first[v];
	/* ESU scratch: a level's extension lists N(S), at most min(n, t deg) */
	ring = (size_t)h->tmax * x < g->n ? (size_t)h->tmax * x : g->n;
	h->ext = malloc((h->tmax * ring + 1) * sizeof(u32));
	if (!h->ext)
		return plan_err(err, "heuristic: out of memory");
	h->enum_cap = g->m <= 1000 ? 120 : 40;
	return 0;
}

/* Moves of the ruin and recreate phase: enough for small instances to settle. */
static u64 heur_moves(const struct heur *h)
{
	u64 moves = 1000 + 10 * (u64)h->m;

	return moves < 3000 ? moves : 3000;
}

static void heur_search(struct heur *h)
{
	u64 i, moves = heur_moves(h);
	u32 e, *all = malloc((h->in->keys + 1) * sizeof(u32));

	for (e = 0; e < h->m; e++) {
		struct heur_cand c;
		double sc = grow(h, e, &c);

		if (sc > 0)
			pq_push(h, sc, e);
	}
	fill(h);
	for (i = 0; i < 8 && all; i++) {
		u32 n = 0, nused = h->nused, obj = h->obj;

		for (e = 0; e < h->in->keys; e++)
			if (h->ksz[e])
				all[n++] = e;
		merge_fill(h, all, n);
		if (h->nused == nused && h->obj == obj)
			break;
	}
	free(all);
	h->noise = 0.15;
	for (i = 0; i < moves && h->m; i++) {
		u32 obj = h->obj, nused = h->nused;

		h->nrm = h->nadd = 0;
		h->salt = plan_rng_u64(&h->rng);
		h->logging = true;
		ruin(h);
		fill(h);
		merge_fill(h, h->add, h->nadd);
		h->logging = false;
		if (h->obj < obj || (h->obj == obj && h->nused > nused))
			revert(h);
		if (h->pqn > 8 * h->m + 1024)
			pq_compact(h);
	}
	h->noise = 0;
}

/*
 * A valid upper bound: every key-node incidence serves at most lim(i)
 * edges of i, and a key serves at most C(t, 2) edges.
 */
static double heur_bound(const struct heur *h)
{
	double inc = 0, pool = (double)h->in->keys * h->tmax * (h->tmax - 1) / 2;
	u32 v;

	for (v = 0; v < h->n; v++) {
		u32 deg = h->g->first[v + 1] - h->g->first[v];

		inc += (double)h->cap[v] * (h->lim[v] < deg ? h->lim[v] : deg);
	}
	inc = floor(inc / 2 / h->q);
	pool = floor(pool / h->q);
	inc = inc < pool ? inc : pool;
	return inc < h->m ? inc : h->m;
}

int ilp_heuristic(const struct ilp_instance *in, u64 seed, struct ilp_solution *sol, char *err)
{
	struct heur h;
	double t0 = plan_now();
	u32 k, nh = 0, used = 0;
	int rc;

	memset(sol, 0, sizeof(*sol));
	rc = ilp_check_params(in, err);
	if (rc)
		return rc;
	rc = heur_init(&h, in, seed, err);
	if (!rc) {
		heur_search(&h);
		for (k = 0; k < in->keys; k++)
			nh += h.ksz[k];
		sol->first = malloc((h.nused + 1) * sizeof(u32));
		sol->holders = malloc((nh + 1) * sizeof(u32));
		if (!sol->first || !sol->holders) {
			rc = plan_err(err, "heuristic: out of memory");
			ilp_solution_free(sol);
		}
	}
	if (!rc) {
		sol->first[0] = 0;
		nh = 0;
		for (k = 0; k < in->keys; k++) {
			if (!h.ksz[k])
				continue;
			memcpy(sol->holders + nh, h.kset + (size_t)k * h.tmax,
			       h.ksz[k] * sizeof(u32));
			nh += h.ksz[k];
			sol->first[++used] = nh;
		}
		sol->used = used;
		sol->objective = h.obj;
		sol->bound = heur_bound(&h);
		sol->optimal = false;
		sol->seconds = plan_now() - t0;
	}
	heur_free(&h);
	return rc;
}
