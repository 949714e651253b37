// SPDX-License-Identifier: GPL-2.0
/*
 * Key-paths: vertex-disjoint paths in the overlay (key) graph, where u->v
 * exists when u holds v's public key: our own ring for us, the rings other
 * nodes advertise in their LSAs for them.  Each overlay hop is carried
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
 * physical edges and nring key ring entries (ours included).
 */
struct kpsec_kp_work {
	u32 n, m, nring;
	u32 *dist, *prev, *hops, *heap, *pos;	/* Dijkstra, n each */
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
	size_t words = 5 * (size_t)n + 3 * (size_t)nring + (n + 1) + 2 * (size_t)nring +
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

/* Overlay edges of @u towards the vertices in @ring (@k of them). */
static void kpsec_kp_edges(const struct kpsec_routes *r, struct kpsec_kp_work *w,
			   struct kpsec_overlay *o, u32 u, const u32 *ring, u32 k, u32 dst)
{
	if (!k || u == dst)
		return;
	kpsec_kp_hops_from(r, w, u);
	kpsec_overlay_add(o, u, ring, k, w->dist, w->hops, r->self);
}

/* Compute under RCU with arrays sized beforehand; -EAGAIN if they no longer fit. */
static int kpsec_kp_compute(struct kpsec_device *kd, struct kpsec_kp_work *w, u32 dst_node,
			    unsigned int max, struct kpsec_keypath *out)
{
	const struct kpsec_routes *r = rcu_dereference(kd->mesh.routes);
	const struct kpsec_ring *own = rcu_dereference(kd->ring);
	u32 own_v[KPSEC_KEYRING_MAX];
	struct kpsec_overlay o;
	struct kpsec_graph og;
	u32 u, i, k, dst;
	unsigned int np, p;

	if (!r || r->self == KPSEC_NO_VERTEX)
		return -ENETUNREACH;
	if (r->n != w->n || r->graph.first[r->n] != w->m ||
	    r->ring_first[r->n] + KPSEC_KEYRING_MAX != w->nring)
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
	for (i = 0, k = 0; own && i < own->n; i++)
		own_v[k++] = kpsec_routes_vertex(r, own->e[i].node);
	kpsec_kp_edges(r, w, &o, r->self, own_v, k, dst);
	for (u = 0; u < r->n; u++)
		if (u != r->self)
			kpsec_kp_edges(r, w, &o, u, r->ring_v + r->ring_first[u],
				       r->ring_first[u + 1] - r->ring_first[u], dst);
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
	u32 n, m, nring;

	if (!max)
		return 0;
	for (tries = 0; tries < 4 && ret == -EAGAIN; tries++) {
		rcu_read_lock();
		r = rcu_dereference(kd->mesh.routes);
		if (!r) {
			rcu_read_unlock();
			return -ENETUNREACH;
		}
		n = r->n;
		m = r->graph.first[n];
		nring = r->ring_first[n] + KPSEC_KEYRING_MAX;
		rcu_read_unlock();

		ret = kpsec_kp_alloc(&w, n, m, nring, max);
		if (ret)
			return ret;
		rcu_read_lock();
		ret = kpsec_kp_compute(kd, &w, dst, max, paths);
		rcu_read_unlock();
		kpsec_kp_free(&w);
	}
	return ret;
}
