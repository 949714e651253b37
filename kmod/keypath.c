// SPDX-License-Identifier: GPL-2.0
/*
 * Key-paths: vertex-disjoint paths in the overlay (key) graph, where u->v
 * exists when u holds v's public key, or when u and v are radio
 * neighbours sharing at least sym_q pool keys (a secure link of the
 * random-pool and block-design schemes): our own rings for us, the rings
 * other nodes advertise in their LSAs for them.  Each overlay hop is carried
 * over the shortest physical path, so an overlay edge costs one D-E step
 * (dominant) plus its radio hops, and the paths found are those with the
 * fewest D-E steps, then the fewest radio hops (lib/disjoint.c).  The
 * arcs and their costs come from lib/overlay.c, which the planner
 * (tools/plan/analysis.c) uses too, so both find the same key-paths.
 */
#include <linux/slab.h>
#include "device.h"
#include "kx.h"
#include "../lib/disjoint.h"
#include "../lib/overlay.h"

/*
 * The arrays of one computation, sized for a graph of n vertices, m
 * physical edges and nring overlay arcs at most.
 */
struct kpsec_kp_work {
	u32 n, m, nring;
	u32 *dist, *prev, *hops, *heap, *pos;	/* Dijkstra, n each */
	u32 *mark, *targets;			/* n each: one tail's arc heads */
	u32 *from, *to, *cost;			/* overlay edges, nring each */
	u32 *first, *csr_to, *csr_cost;		/* overlay CSR */
	u32 *paths, *len, *pcost;
	void *ws;
	void *mem;
};

static void kpsec_kp_free(struct kpsec_kp_work *w)
{
	kvfree(w->mem);
	kvfree(w->ws);
}

static int kpsec_kp_alloc(struct kpsec_kp_work *w, u32 n, u32 m, u32 nring, u32 max)
{
	size_t words = 7 * (size_t)n + 3 * (size_t)nring + (n + 1) + 2 * (size_t)nring +
		       (size_t)max * n + 2 * (size_t)max;
	u32 *p;

	w->n = n;
	w->m = m;
	w->nring = nring;
	w->mem = kvmalloc_array(words, sizeof(u32), GFP_KERNEL);
	w->ws = kvmalloc(kpsec_disjoint_ws_size(n, nring), GFP_KERNEL);
	if (!w->mem || !w->ws) {
		kpsec_kp_free(w);
		return -ENOMEM;
	}
	p = w->mem;
	w->dist = p; p += n;
	w->prev = p; p += n;
	w->hops = p; p += n;
	w->heap = p; p += n;
	w->pos = p; p += n;
	w->mark = p; p += n;
	w->targets = p; p += n;
	w->from = p; p += nring;
	w->to = p; p += nring;
	w->cost = p; p += nring;
	w->first = p; p += n + 1;
	w->csr_to = p; p += nring;
	w->csr_cost = p; p += nring;
	w->len = p; p += max;
	w->pcost = p; p += max;
	w->paths = p;
	return 0;
}

/* Radio hops from vertex @u to every vertex, into w->hops (INF: none). */
static void kpsec_kp_hops_from(const struct kpsec_routes *r, struct kpsec_kp_work *w, u32 u)
{
	kpsec_dijkstra(&r->graph, u, w->dist, w->prev, w->hops, w->heap, w->pos);
}

/* Our pool key IDs, ascending, into @own (KPSEC_SYMRING_MAX); RCU held. */
static u32 kpsec_kp_own_syms(struct kpsec_device *kd, u32 *own)
{
	const struct kpsec_symring *s = rcu_dereference(kd->symring);
	u32 i, n = s ? s->n : 0;

	for (i = 0; i < n; i++)
		own[i] = s->e[i].id;
	return n;
}

/* Pool key IDs of vertex @u: ours (@own, @n_own), or what its LSA said. */
static u32 kpsec_kp_syms(const struct kpsec_routes *r, const u32 *own, u32 n_own, u32 u,
			 const u32 **ids)
{
	if (u == r->self) {
		*ids = own;
		return n_own;
	}
	*ids = r->sym_ids + r->sym_first[u];
	return r->sym_first[u + 1] - r->sym_first[u];
}

/* Do @u and @v share at least @q pool keys? */
static bool kpsec_kp_share(const struct kpsec_routes *r, const u32 *own, u32 n_own,
			   u32 u, u32 v, u32 q)
{
	const u32 *a, *b;
	u32 na = kpsec_kp_syms(r, own, n_own, u, &a);
	u32 nb = kpsec_kp_syms(r, own, n_own, v, &b);

	return na >= q && nb >= q && kpsec_shared_count(a, na, b, nb) >= q;
}

/* Links (either way) whose ends share at least @q pool keys. */
static u32 kpsec_kp_count_sym(const struct kpsec_routes *r, const u32 *own, u32 n_own, u32 q)
{
	const u32 *ids;
	u32 u, e, count = 0;

	for (u = 0; u < r->n; u++) {
		if (kpsec_kp_syms(r, own, n_own, u, &ids) < q)
			continue;
		for (e = r->graph.first[u]; e < r->graph.first[u + 1]; e++)
			count += kpsec_kp_share(r, own, n_own, u, r->graph.to[e], q);
	}
	return count;
}

/*
 * Overlay arcs of @u: to the vertices of @ring (@k, whose public keys it
 * holds) and to its radio neighbours sharing @q pool keys with it, in
 * vertex order (as the planner adds them), each once.
 */
static void kpsec_kp_edges(const struct kpsec_routes *r, struct kpsec_kp_work *w,
			   struct kpsec_overlay *o, u32 u, const u32 *ring, u32 k, u32 dst,
			   const u32 *own, u32 n_own, u32 q)
{
	const u32 *ids;
	bool sym = kpsec_kp_syms(r, own, n_own, u, &ids) >= q;
	u32 i, v, nt = 0;

	if (u == dst)
		return;
	/* Stamps differ per tail: no clearing between tails. */
	for (i = 0; i < k; i++)
		if (ring[i] < r->n)
			w->mark[ring[i]] = u + 1;
	for (i = r->graph.first[u]; sym && i < r->graph.first[u + 1]; i++)
		if (kpsec_kp_share(r, own, n_own, u, r->graph.to[i], q))
			w->mark[r->graph.to[i]] = u + 1;
	for (v = 0; v < r->n; v++)
		if (v != u && w->mark[v] == u + 1)
			w->targets[nt++] = v;
	if (!nt)
		return;
	kpsec_kp_hops_from(r, w, u);
	kpsec_overlay_add(o, u, w->targets, nt, w->dist, w->hops, r->self);
}

/* Compute under RCU with arrays sized beforehand; -EAGAIN if they no longer fit. */
static int kpsec_kp_compute(struct kpsec_device *kd, struct kpsec_kp_work *w, u32 dst_node,
			    unsigned int max, u32 *own_syms, struct kpsec_keypath *out)
{
	const struct kpsec_routes *r = rcu_dereference(kd->mesh.routes);
	const struct kpsec_ring *own = rcu_dereference(kd->ring);
	u32 q = max(READ_ONCE(kd->kx.params.sym_q), 1U);
	u32 own_v[KPSEC_KEYRING_MAX];
	struct kpsec_overlay o;
	struct kpsec_graph og;
	u32 u, i, k, dst, n_own;
	unsigned int np, p;

	if (!r || r->self == KPSEC_NO_VERTEX)
		return -ENETUNREACH;
	if (r->n != w->n || r->graph.first[r->n] != w->m)
		return -EAGAIN;
	dst = kpsec_routes_vertex(r, dst_node);
	if (dst == KPSEC_NO_VERTEX || dst == r->self || r->dist[dst] == KPSEC_DIST_INF)
		return -ENETUNREACH;

	o.n = r->n;
	o.cap = w->nring;
	o.ne = 0;
	o.from = w->from;
	o.to = w->to;
	o.cost = w->cost;
	n_own = kpsec_kp_own_syms(kd, own_syms);
	memset(w->mark, 0, r->n * sizeof(u32));
	for (i = 0, k = 0; own && i < own->n; i++)
		own_v[k++] = kpsec_routes_vertex(r, own->e[i].node);
	kpsec_kp_edges(r, w, &o, r->self, own_v, k, dst, own_syms, n_own, q);
	for (u = 0; u < r->n; u++)
		if (u != r->self)
			kpsec_kp_edges(r, w, &o, u, r->ring_v + r->ring_first[u],
				       r->ring_first[u + 1] - r->ring_first[u], dst,
				       own_syms, n_own, q);
	/* Sized with one spare arc: a full array means the rings grew. */
	if (o.ne == o.cap)
		return -EAGAIN;
	kpsec_overlay_csr(&o, w->first, w->csr_to, w->csr_cost, &og);

	np = kpsec_disjoint_paths(&og, r->self, dst, max, w->ws, w->paths, w->len, w->pcost);
	for (p = 0, k = 0; p < np; p++) {
		const u32 *path = w->paths + (size_t)p * r->n;
		struct kpsec_keypath *kp = &out[k];

		/* Longer than a frame can route: leave it out. */
		if (w->len[p] - 1 > KPSEC_KX_ROUTE_MAX + 1)
			continue;
		kp->n = w->len[p] - 1;
		for (i = 1; i < w->len[p]; i++) {
			kpsec_kp_hops_from(r, w, path[i - 1]);
			kp->node[i - 1] = r->node[path[i]];
			kp->phys[i - 1] = w->hops[path[i]];
		}
		k++;
	}
	return k;
}

int kpsec_keypaths(struct kpsec_device *kd, u32 dst, unsigned int max,
		   struct kpsec_keypath *paths)
{
	const struct kpsec_routes *r;
	struct kpsec_kp_work w = {};
	int tries, ret = -EAGAIN;
	u32 n, m, nring, *own_syms;

	if (!max)
		return 0;
	own_syms = kmalloc_array(KPSEC_SYMRING_MAX, sizeof(u32), GFP_KERNEL);
	if (!own_syms)
		return -ENOMEM;
	for (tries = 0; tries < 4 && ret == -EAGAIN; tries++) {
		rcu_read_lock();
		r = rcu_dereference(kd->mesh.routes);
		if (!r) {
			rcu_read_unlock();
			ret = -ENETUNREACH;
			break;
		}
		n = r->n;
		m = r->graph.first[n];
		nring = r->ring_first[n] + KPSEC_KEYRING_MAX + 1 +
			kpsec_kp_count_sym(r, own_syms, kpsec_kp_own_syms(kd, own_syms),
					   max(READ_ONCE(kd->kx.params.sym_q), 1U));
		rcu_read_unlock();

		ret = kpsec_kp_alloc(&w, n, m, nring, max);
		if (ret)
			break;
		rcu_read_lock();
		ret = kpsec_kp_compute(kd, &w, dst, max, own_syms, paths);
		rcu_read_unlock();
		kpsec_kp_free(&w);
	}
	kfree(own_syms);
	return ret;
}
