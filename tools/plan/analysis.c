// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "analysis.h"
#include "closed.h"
#include "disjoint.h"
#include "overlay.h"

static void *zalloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

u32 plan_ring_size(const struct plan *p)
{
	const u32 *first = p->sym_first ? p->sym_first : p->pub_first;
	u32 v, k;

	if (!first || !p->n)
		return 0;
	k = first[1] - first[0];
	for (v = 1; v < p->n; v++)
		if (first[v + 1] - first[v] != k)
			return 0;
	return k;
}

/*
 * Radio hops from one vertex to all: the topology as a kpsec_graph of unit
 * weights and the Dijkstra arrays of lib/graph.c, n entries each.
 */
struct radio {
	struct kpsec_graph g;
	u32 *w, *dist, *prev, *hops, *heap, *pos;
};

static void radio_free(struct radio *r)
{
	free(r->w);
	free(r->dist);
	free(r->prev);
	free(r->hops);
	free(r->heap);
	free(r->pos);
	memset(r, 0, sizeof(*r));
}

static int radio_init(struct radio *r, const struct plan_topo *t)
{
	size_t i, n = t->n;

	memset(r, 0, sizeof(*r));
	r->w = malloc((2 * (size_t)t->m + 1) * sizeof(u32));
	r->dist = zalloc(n, sizeof(u32));
	r->prev = zalloc(n, sizeof(u32));
	r->hops = zalloc(n, sizeof(u32));
	r->heap = zalloc(n, sizeof(u32));
	r->pos = zalloc(n, sizeof(u32));
	if (!r->w || !r->dist || !r->prev || !r->hops || !r->heap || !r->pos) {
		radio_free(r);
		return -1;
	}
	for (i = 0; i < 2 * (size_t)t->m; i++)
		r->w[i] = 1;
	r->g.n = t->n;
	r->g.first = t->first;
	r->g.to = t->adj;
	r->g.weight = r->w;
	return 0;
}

/* Fills r->dist and r->hops from @s. */
static void radio_from(struct radio *r, u32 s)
{
	kpsec_dijkstra(&r->g, s, r->dist, r->prev, r->hops, r->heap, r->pos);
}

int plan_keygraph_build(struct plan_keygraph *kg, const struct plan_topo *t,
			const struct plan *p, char *err)
{
	u32 *ring, n = t->n, u, i, k;
	struct kpsec_overlay o = { .n = n };
	struct radio rad;
	int ret = -1, rad_err;

	memset(kg, 0, sizeof(*kg));
	if (p->n != n)
		return plan_err(err, "the plan has %u nodes but the topology %u", p->n, n);
	if (!p->pub_first && !p->sym_first)
		return plan_err(err, "the plan has no key rings");
	/* Arcs: every held public key, or every radio link. */
	o.cap = p->pub_first ? p->pub_first[n] : 2 * t->m;
	o.from = zalloc(o.cap, sizeof(u32));
	o.to = zalloc(o.cap, sizeof(u32));
	o.cost = zalloc(o.cap, sizeof(u32));
	ring = zalloc(n, sizeof(u32));
	rad_err = radio_init(&rad, t);
	kg->first = zalloc(n + 1, sizeof(u32));
	kg->to = zalloc(o.cap, sizeof(u32));
	kg->cost = zalloc(o.cap, sizeof(u32));
	if (!o.from || !o.to || !o.cost || !ring || rad_err || !kg->first || !kg->to ||
	    !kg->cost) {
		plan_err(err, "out of memory for the key graph of %u nodes", n);
		goto out;
	}
	for (u = 0; u < n; u++) {
		if (p->pub_first) {
			k = p->pub_first[u + 1] - p->pub_first[u];
			memcpy(ring, p->pub + p->pub_first[u], k * sizeof(u32));
		} else {
			for (i = t->first[u], k = 0; i < t->first[u + 1]; i++)
				if (plan_link(p, u, t->adj[i]))
					ring[k++] = t->adj[i];
		}
		if (!k)
			continue;
		radio_from(&rad, u);
		kpsec_overlay_add(&o, u, ring, k, rad.dist, rad.hops, KPSEC_NO_VERTEX);
	}
	kpsec_overlay_csr(&o, kg->first, kg->to, kg->cost, &kg->g);
	kg->ne = o.ne;
	ret = 0;
out:
	free(o.from);
	free(o.to);
	free(o.cost);
	free(ring);
	radio_free(&rad);
	if (ret)
		plan_keygraph_free(kg);
	return ret;
}

void plan_keygraph_free(struct plan_keygraph *kg)
{
	free(kg->first);
	free(kg->to);
	free(kg->cost);
	memset(kg, 0, sizeof(*kg));
}

static bool linked(const struct plan *p, u32 u, u32 v)
{
	return plan_link(p, u, v) || plan_link(p, v, u);
}

/* The probability two nodes can talk, from the scheme's parameters. */
static double sharing_closed(const struct plan *p)
{
	u32 k = plan_ring_size(p);
	double h;

	if (!k)
		return NAN;
	switch (p->scheme) {
	case PLAN_EG:
	case PLAN_QCOMP:
		return plan_qc_connect(p->pool, k, p->q ? p->q : 1);
	case PLAN_PAKP:
		/* Either holds the other's key, each with k / (n - 1). */
		if (p->n < 2)
			return NAN;
		h = (double)k / (p->n - 1);
		return 1 - (1 - h) * (1 - h);
	default:
		return NAN;
	}
}

int plan_sharing(const struct plan_topo *t, const struct plan *p, u32 pairs,
		 struct plan_rng *r, struct plan_sharing *out, char *err)
{
	u32 u, v, i;

	memset(out, 0, sizeof(*out));
	if (p->n != t->n)
		return plan_err(err, "the plan has %u nodes but the topology %u", p->n, t->n);
	if (p->n < 2)
		return plan_err(err, "sharing needs at least 2 nodes, the plan has %u", p->n);
	out->closed = sharing_closed(p);
	for (i = 0; i < t->m; i++) {
		out->edges++;
		out->edges_linked += linked(p, t->eu[i], t->ev[i]);
	}
	if (!pairs) {
		for (u = 0; u < p->n; u++)
			for (v = u + 1; v < p->n; v++) {
				out->pairs++;
				out->pairs_linked += linked(p, u, v);
			}
		return 0;
	}
	for (i = 0; i < pairs; i++) {
		u = plan_rng_below(r, p->n);
		v = plan_rng_below(r, p->n - 1);
		v += v >= u;
		out->pairs++;
		out->pairs_linked += linked(p, u, v);
	}
	return 0;
}

/* Radio hops of a path from its cost: every arc is KPSEC_DE_COST + hops. */
static u32 path_hops(u32 cost, u32 vertices)
{
	return cost - (vertices - 1) * KPSEC_DE_COST;
}

/* Secure paths of one pair under one draw of adversaries. */
static u32 secure_paths(const u32 *paths, const u32 *len, u32 np, u32 n, const u8 *adv)
{
	u32 i, j, c = 0;

	for (i = 0; i < np; i++) {
		const u32 *path = paths + (size_t)i * n;
		bool ok = true;

		for (j = 1; j + 1 < len[i] && ok; j++)
			ok = !adv[path[j]];
		c += ok;
	}
	return c;
}

/* A random set of @count adversaries among the vertices other than s and t. */
static void draw_adversaries(struct plan_rng *r, u32 n, u32 s, u32 t, u32 count, u32 *perm,
			     u8 *adv)
{
	u32 i, m = 0;

	for (i = 0; i < n; i++)
		if (i != s && i != t)
			perm[m++] = i;
	memset(adv, 0, n);
	/* A partial Fisher-Yates shuffle: the first count of m. */
	for (i = 0; i < count && i < m; i++) {
		u32 j = i + plan_rng_below(r, m - i), x = perm[j];

		perm[j] = perm[i];
		perm[i] = x;
		adv[x] = 1;
	}
}

/* plan_keypaths() over random pairs (@r) or the one pair fix_s -> fix_d (@r NULL). */
static int keypaths(const struct plan_topo *t, const struct plan_keygraph *kg, u32 pairs,
		    u32 max, double adv_fraction, u32 trials, struct plan_rng *r, u32 fix_s,
		    u32 fix_d, struct plan_keypaths *out, char *err)
{
	u32 n = t->n, i, j, s, d, np, done = 0, adv_count = 0;
	u32 *paths = NULL, *len = NULL, *cost = NULL;
	u32 *perm = NULL;
	u64 tries;
	size_t cap;
	struct radio rad = { 0 };
	u8 *adv = NULL;
	void *ws = NULL;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	if (kg->g.n != n)
		return plan_err(err, "the key graph has %u nodes but the topology %u", kg->g.n, n);
	if (n < 2)
		return plan_err(err, "key-paths need at least 2 nodes, the topology has %u", n);
	if (!pairs)
		return plan_err(err, "--pairs must be at least 1");
	if (adv_fraction < 0 || adv_fraction >= 1 || isnan(adv_fraction))
		return plan_err(err, "the adversary fraction must be in [0, 1), not %g",
				adv_fraction);
	if (!max)
		for (i = 0; i < n; i++)
			max = kg->first[i + 1] - kg->first[i] > max ?
			      kg->first[i + 1] - kg->first[i] : max;
	if (!max)
		max = 1;
	adv_count = (u32)lround(adv_fraction * (n - 2));
	out->max = max;
	out->trials = trials;
	cap = (size_t)pairs * max;
	if (cap > 100000000 || (size_t)max * n > 100000000)
		return plan_err(err, "%u pairs of up to %u key-paths on %u nodes are too many",
				pairs, max, n);
	out->s = zalloc(pairs, sizeof(u32));
	out->t = zalloc(pairs, sizeof(u32));
	out->npaths = zalloc(pairs, sizeof(u32));
	out->path_first = zalloc(pairs + 1, sizeof(u32));
	out->de = zalloc(cap, sizeof(u32));
	out->hops = zalloc(cap, sizeof(u32));
	if (out->trials)
		out->secure = zalloc((size_t)pairs * trials, sizeof(u32));
	perm = zalloc(n, sizeof(u32));
	adv = zalloc(n, 1);
	paths = zalloc((size_t)max * n, sizeof(u32));
	len = zalloc(max, sizeof(u32));
	cost = zalloc(max, sizeof(u32));
	ws = malloc(kpsec_disjoint_ws_size(n, kg->ne));
	if (!out->s || !out->t || !out->npaths || !out->path_first || !out->de || !out->hops ||
	    (out->trials && !out->secure) || !perm || !adv || !paths || !len || !cost || !ws ||
	    radio_init(&rad, t)) {
		plan_err(err, "out of memory for %u key-path pairs", pairs);
		goto out;
	}
	/* Pairs whose destination the source reaches by radio; give up on a torn graph. */
	for (i = 0, tries = 0; i < pairs; tries++) {
		if (tries >= 64 * (u64)pairs + 1024) {
			plan_err(err, "too few pairs of nodes are connected by radio");
			goto out;
		}
		if (r) {
			s = plan_rng_below(r, n);
			d = plan_rng_below(r, n - 1);
			d += d >= s;
		} else {
			s = fix_s;
			d = fix_d;
		}
		radio_from(&rad, s);
		if (rad.dist[d] == KPSEC_DIST_INF) {
			if (r)
				continue;
			plan_err(err, "vertex %u does not reach vertex %u by radio", s, d);
			goto out;
		}
		np = kpsec_disjoint_paths(&kg->g, s, d, max, ws, paths, len, cost);
		out->s[i] = s;
		out->t[i] = d;
		out->npaths[i] = np;
		out->path_first[i] = done;
		for (j = 0; j < np; j++) {
			out->de[done] = len[j] - 2;
			out->hops[done] = path_hops(cost[j], len[j]);
			done++;
		}
		for (j = 0; j < out->trials; j++) {
			draw_adversaries(r, n, s, d, adv_count, perm, adv);
			out->secure[(size_t)i * trials + j] = secure_paths(paths, len, np, n, adv);
		}
		i++;
	}
	out->path_first[pairs] = done;
	out->pairs = pairs;
	ret = 0;
out:
	radio_free(&rad);
	free(perm);
	free(adv);
	free(paths);
	free(len);
	free(cost);
	free(ws);
	if (ret)
		plan_keypaths_free(out);
	return ret;
}

int plan_keypaths(const struct plan_topo *t, const struct plan_keygraph *kg, u32 pairs,
		  u32 max, double adv_fraction, u32 trials, struct plan_rng *r,
		  struct plan_keypaths *out, char *err)
{
	return keypaths(t, kg, pairs, max, adv_fraction, trials, r, 0, 0, out, err);
}

int plan_keypaths_pair(const struct plan_topo *t, const struct plan_keygraph *kg, u32 s, u32 d,
		       u32 max, struct plan_keypaths *out, char *err)
{
	memset(out, 0, sizeof(*out));
	if (s >= t->n || d >= t->n || s == d)
		return plan_err(err, "key-paths need two different vertices below %u", t->n);
	return keypaths(t, kg, 1, max, 0, 0, NULL, s, d, out, err);
}

void plan_keypaths_free(struct plan_keypaths *kp)
{
	free(kp->s);
	free(kp->t);
	free(kp->npaths);
	free(kp->path_first);
	free(kp->de);
	free(kp->hops);
	free(kp->secure);
	memset(kp, 0, sizeof(*kp));
}

/* The key a q = 1 link uses: the lowest shared ID; KPSEC_NO_VERTEX if none. */
static u32 lowest_shared(const struct plan *p, u32 u, u32 v)
{
	u32 i = p->sym_first[u], ie = p->sym_first[u + 1];
	u32 j = p->sym_first[v], je = p->sym_first[v + 1];

	while (i < ie && j < je) {
		if (p->sym[i] == p->sym[j])
			return p->sym[i];
		if (p->sym[i] < p->sym[j])
			i++;
		else
			j++;
	}
	return KPSEC_NO_VERTEX;
}

/* Every key u and v share is in @known. */
static bool all_shared_known(const struct plan *p, u32 u, u32 v, const u8 *known)
{
	u32 i = p->sym_first[u], ie = p->sym_first[u + 1];
	u32 j = p->sym_first[v], je = p->sym_first[v + 1];

	while (i < ie && j < je) {
		if (p->sym[i] == p->sym[j]) {
			if (!known[p->sym[i]])
				return false;
			i++;
			j++;
		} else if (p->sym[i] < p->sym[j]) {
			i++;
		} else {
			j++;
		}
	}
	return true;
}

int plan_capture_run(const struct plan_topo *t, const struct plan *p, u32 x, u32 trials,
		     struct plan_rng *r, struct plan_capture *out, char *err)
{
	u32 n = t->n, q = p->q ? p->q : 1, k = plan_ring_size(p), trial, i, e;
	u32 *captured = NULL;
	u8 *known = NULL, *dead = NULL;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	out->closed = NAN;
	if (p->n != n)
		return plan_err(err, "the plan has %u nodes but the topology %u", p->n, n);
	if (x >= n)
		return plan_err(err, "capturing %u of %u nodes leaves no link to attack", x, n);
	if (!trials)
		return plan_err(err, "--trials must be at least 1");
	if ((p->scheme == PLAN_EG || p->scheme == PLAN_QCOMP) && k && p->pool)
		out->closed = plan_capture(p->pool, k, q, x);
	if (p->pub_first && !p->sym_first)
		out->closed = 0;
	captured = zalloc(x, sizeof(u32));
	known = zalloc(p->sym_first ? p->pool : 0, 1);
	dead = zalloc(n, 1);
	if (!captured || !known || !dead) {
		plan_err(err, "out of memory for a capture of %u nodes", x);
		goto out;
	}
	for (trial = 0; trial < trials; trial++) {
		plan_rng_sample(r, n, x, captured);
		memset(dead, 0, n);
		if (p->sym_first)
			memset(known, 0, p->pool);
		for (i = 0; i < x; i++) {
			u32 c = captured[i], j;

			dead[c] = 1;
			for (j = p->sym_first ? p->sym_first[c] : 0;
			     p->sym_first && j < p->sym_first[c + 1]; j++)
				known[p->sym[j]] = 1;
		}
		for (e = 0; e < t->m; e++) {
			u32 u = t->eu[e], v = t->ev[e];

			if (dead[u] || dead[v] || !linked(p, u, v))
				continue;
			out->links++;
			/* A public-key link: only its ends' private keys open it. */
			if (!p->sym_first || plan_shared(p, u, v) < q)
				continue;
			if (q == 1)
				out->read += known[lowest_shared(p, u, v)];
			else
				out->read += all_shared_known(p, u, v, known);
		}
	}
	ret = 0;
out:
	free(captured);
	free(known);
	free(dead);
	return ret;
}

struct snc {
	const struct plan *p;
	u32 *holders_first, *holders;	/* key -> nodes, CSR over the pool */
	u32 *covered;			/* times each key is covered by the chosen nodes */
	u8 *need;			/* key must be covered */
	u32 left;			/* keys needed and not covered */
	u32 ring_max;
	u64 steps, budget;
	u32 best;
};

static void snc_take(struct snc *c, u32 v, int sign)
{
	const struct plan *p = c->p;
	u32 j;

	for (j = p->sym_first[v]; j < p->sym_first[v + 1]; j++) {
		u32 key = p->sym[j];

		if (!c->need[key])
			continue;
		if (sign > 0 && c->covered[key]++ == 0)
			c->left--;
		else if (sign < 0 && --c->covered[key] == 0)
			c->left++;
	}
}

/* Branch on the holders of the uncovered key with the fewest holders. */
static void snc_search(struct snc *c, u32 depth)
{
	u32 key, pick = KPSEC_NO_VERTEX, fewest = KPSEC_NO_VERTEX, j;

	if (++c->steps > c->budget)
		return;
	if (!c->left) {
		c->best = depth < c->best ? depth : c->best;
		return;
	}
	/* Each further node covers at most ring_max keys. */
	if (depth + (c->left + c->ring_max - 1) / c->ring_max >= c->best)
		return;
	for (key = 0; key < c->p->pool; key++) {
		u32 h = c->holders_first[key + 1] - c->holders_first[key];

		if (c->need[key] && !c->covered[key] && h < fewest) {
			fewest = h;
			pick = key;
		}
	}
	for (j = c->holders_first[pick]; j < c->holders_first[pick + 1]; j++) {
		u32 v = c->holders[j];

		snc_take(c, v, 1);
		snc_search(c, depth + 1);
		snc_take(c, v, -1);
	}
}

static u32 snc_greedy(struct snc *c)
{
	const struct plan *p = c->p;
	u32 taken = 0, v, j;
	u8 *used = zalloc(p->n, 1);

	if (!used)
		return KPSEC_NO_VERTEX;
	while (c->left) {
		u32 best = KPSEC_NO_VERTEX, gain = 0;

		for (v = 0; v < p->n; v++) {
			u32 g = 0;

			if (used[v])
				continue;
			for (j = p->sym_first[v]; j < p->sym_first[v + 1]; j++)
				g += c->need[p->sym[j]] && !c->covered[p->sym[j]];
			if (g > gain) {
				gain = g;
				best = v;
			}
		}
		used[best] = 1;
		snc_take(c, best, 1);
		taken++;
	}
	/* Undo, for the exact search. */
	for (v = 0; v < p->n; v++)
		if (used[v])
			snc_take(c, v, -1);
	free(used);
	return taken;
}

int plan_snc(const struct plan *p, u64 budget, struct plan_snc *out, char *err)
{
	struct snc c = { .p = p, .budget = budget };
	u32 v, j, key;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	if (p->n < 2)
		return plan_err(err, "selective capture needs at least 2 nodes, the plan has %u",
				p->n);
	if (!p->sym_first) {
		out->greedy = out->best = p->n - 1;
		out->proven = true;
		return 0;
	}
	c.holders_first = zalloc((size_t)p->pool + 1, sizeof(u32));
	c.holders = zalloc(p->sym_first[p->n], sizeof(u32));
	c.covered = zalloc(p->pool, sizeof(u32));
	c.need = zalloc(p->pool, 1);
	if (!c.holders_first || !c.holders || !c.covered || !c.need) {
		plan_err(err, "out of memory for a pool of %u keys", p->pool);
		goto out;
	}
	for (v = 0; v < p->n; v++) {
		u32 k = p->sym_first[v + 1] - p->sym_first[v];

		c.ring_max = k > c.ring_max ? k : c.ring_max;
		for (j = p->sym_first[v]; j < p->sym_first[v + 1]; j++)
			c.holders_first[p->sym[j] + 1]++;
	}
	for (key = 0; key < p->pool; key++) {
		/* A key only one node holds protects no link. */
		c.need[key] = c.holders_first[key + 1] >= 2;
		c.left += c.need[key];
		c.holders_first[key + 1] += c.holders_first[key];
	}
	for (v = 0; v < p->n; v++)
		for (j = p->sym_first[v]; j < p->sym_first[v + 1]; j++)
			c.holders[c.holders_first[p->sym[j]] + c.covered[p->sym[j]]++] = v;
	memset(c.covered, 0, p->pool * sizeof(u32));
	out->keys = c.left;
	out->greedy = snc_greedy(&c);
	if (out->greedy == KPSEC_NO_VERTEX) {
		plan_err(err, "out of memory for a pool of %u keys", p->pool);
		goto out;
	}
	c.best = out->greedy;
	snc_search(&c, 0);
	out->best = c.best;
	out->proven = c.steps <= c.budget;
	ret = 0;
out:
	free(c.holders_first);
	free(c.holders);
	free(c.covered);
	free(c.need);
	return ret;
}

void plan_keypaths_sum(const struct plan_keypaths *kp, struct plan_keypaths_sums *acc)
{
	u32 i, total = kp->path_first[kp->pairs];

	acc->pairs += kp->pairs;
	for (i = 0; i < kp->pairs; i++) {
		acc->paths[0] += kp->npaths[i];
		acc->paths[1] += (double)kp->npaths[i] * kp->npaths[i];
	}
	for (i = 0; i < total; i++) {
		acc->de[0] += kp->de[i];
		acc->de[1] += (double)kp->de[i] * kp->de[i];
		acc->hops[0] += kp->hops[i];
		acc->hops[1] += (double)kp->hops[i] * kp->hops[i];
	}
}

void plan_adversary_sum(const struct plan_keypaths *kp, struct plan_adversary_sums *acc)
{
	u32 i, j;

	for (i = 0; i < kp->pairs; i++) {
		u32 rho = kp->npaths[i];

		for (j = 0; j < kp->trials; j++) {
			u32 sec = kp->secure[(size_t)i * kp->trials + j], bad = rho - sec;

			acc->secure[0] += sec;
			acc->secure[1] += (double)sec * sec;
			acc->draws++;
			/* A forgery needs theta compromised shares; none without paths. */
			acc->full += rho && bad >= rho;
			acc->half += rho && bad >= (rho + 1) / 2;
		}
	}
}

double plan_mean_sd(const double *sum, double count, double *sd)
{
	double m = count ? sum[0] / count : NAN;

	*sd = count > 1 ? sqrt(fmax(0, (sum[1] - count * m * m) / (count - 1))) : NAN;
	return m;
}

void plan_print_num(FILE *f, double v, bool json)
{
	if (isnan(v) || isinf(v))
		fputs(json ? "null" : "", f);
	else if (v == floor(v) && fabs(v) < 1e15)
		fprintf(f, "%.0f", v);
	else
		fprintf(f, "%.6g", v);
}

const struct plan_kpsec_row plan_kpsec_table3[PLAN_KPSEC_SCHEMES] = {
	{ "kpsec", 2.25, 0.99, 99 },
	{ "aug_ukp", 4.145, 0.95, 10 },
	{ "aug_sst", 8.425, 0.80, 23 },
};
