// SPDX-License-Identifier: GPL-2.0
/*
 * Routes: shortest paths (lib/graph.c) over this node's symmetric links
 * and the links of every LSA that the other end confirms in its own LSA.
 * The table is computed in a work item after each change and published
 * whole under RCU for the data path.
 */
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/bsearch.h>
#include "device.h"
#include "mesh.h"
#include "../lib/graph.h"

void kpsec_routes_changed(struct kpsec_device *kd)
{
	struct kpsec_mesh *m = &kd->mesh;

	spin_lock_bh(&m->lock);
	if (m->running)
		queue_work(system_power_efficient_wq, &m->route_work);
	spin_unlock_bh(&m->lock);
}

static void kpsec_routes_free_rcu(struct rcu_head *rcu)
{
	struct kpsec_routes *r = container_of(rcu, struct kpsec_routes, rcu);

	kvfree(r->graph_mem);
	kvfree(r->ring_mem);
	kvfree(r);
}

void kpsec_routes_free(struct kpsec_routes *r)
{
	if (r)
		call_rcu(&r->rcu, kpsec_routes_free_rcu);
}

static int kpsec_cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

u32 kpsec_routes_vertex(const struct kpsec_routes *r, u32 node)
{
	const u32 *p = bsearch(&node, r->node, r->n, sizeof(u32), kpsec_cmp_u32);

	return p ? p - r->node : KPSEC_NO_VERTEX;
}

u64 kpsec_route_next_mac(struct kpsec_device *kd, u32 node)
{
	const struct kpsec_routes *r = rcu_dereference_bh(kd->mesh.routes);
	u32 v;

	if (!r)
		return 0;
	v = kpsec_routes_vertex(r, node);
	return v == KPSEC_NO_VERTEX ? 0 : r->next_mac[v];
}

/* Does @e list @node? */
static bool kpsec_lsa_lists(const struct kpsec_lsa_entry *e, u32 node)
{
	unsigned int i;

	for (i = 0; i < e->count; i++)
		if (e->links[i].node == node)
			return true;
	return false;
}

static const struct kpsec_lsa_entry *kpsec_lsa_of(struct kpsec_mesh *m, u32 node)
{
	struct kpsec_lsa_entry *e;

	list_for_each_entry(e, &m->lsdb, list)
		if (e->origin == node)
			return e;
	return NULL;
}

/**
 * struct kpsec_graph_build - what a route computation needs
 * @nv: vertex capacity
 * @ne: edge capacity
 * @routes: the table being built (its arrays follow it)
 * @from: edge sources as collected
 * @to: edge targets as collected
 * @weight: edge weights as collected
 * @first: CSR offsets
 * @csr_to: CSR targets
 * @csr_weight: CSR weights
 * @heap: Dijkstra workspace
 * @pos: Dijkstra workspace
 * @mac: lower address of each vertex that is our neighbour, else 0
 * @nring: key ring entry capacity
 * @nsym: pool key ID capacity
 * @ring_first: per-vertex key ring offsets (n + 1), then @nring entries,
 *	then the same for the pool key IDs (n + 1, then @nsym)
 */
struct kpsec_graph_build {
	u32 nv, ne, nring, nsym;
	u32 *ring_first;
	struct kpsec_routes *routes;
	u32 *from, *to, *weight;
	u32 *first, *csr_to, *csr_weight;
	u32 *heap, *pos;
	u64 *mac;
};

static void kpsec_build_free(struct kpsec_graph_build *b)
{
	kvfree(b->ring_first);
	kvfree(b->routes);
	kvfree(b->from);
	kvfree(b->first);
	kvfree(b->heap);
	kvfree(b->mac);
}

static int kpsec_build_alloc(struct kpsec_graph_build *b, u32 nv, u32 ne, u32 nring,
			     u32 nsym)
{
	struct kpsec_routes *r;
	size_t rsize;

	memset(b, 0, sizeof(*b));
	b->nv = nv;
	b->ne = ne;
	b->nring = nring;
	b->nsym = nsym;
	b->ring_first = kvmalloc_array(2 * ((size_t)nv + 1) + nring + nsym, sizeof(u32),
				       GFP_KERNEL);
	/* The routes and their six arrays in one block (u64s first). */
	rsize = sizeof(*r) + nv * sizeof(u64) + 5 * nv * sizeof(u32);
	r = kvzalloc(rsize, GFP_KERNEL);
	b->from = kvmalloc_array(3 * (size_t)ne + 1, sizeof(u32), GFP_KERNEL);
	b->first = kvmalloc_array(nv + 1 + 2 * (size_t)ne + 1, sizeof(u32), GFP_KERNEL);
	b->heap = kvmalloc_array(2 * (size_t)nv, sizeof(u32), GFP_KERNEL);
	b->mac = kvcalloc(nv, sizeof(u64), GFP_KERNEL);
	b->routes = r;
	if (!r || !b->from || !b->first || !b->heap || !b->mac || !b->ring_first) {
		kpsec_build_free(b);
		return -ENOMEM;
	}
	r->next_mac = (u64 *)(r + 1);
	r->node = (u32 *)(r->next_mac + nv);
	r->dist = r->node + nv;
	r->hops = r->dist + nv;
	r->prev = r->hops + nv;
	r->next = r->prev + nv;
	b->to = b->from + ne;
	b->weight = b->to + ne;
	b->csr_to = b->first + nv + 1;
	b->csr_weight = b->csr_to + ne;
	b->pos = b->heap + nv;
	return 0;
}

static void kpsec_add_edge(struct kpsec_graph_build *b, u32 *ne, u32 from, u32 to, u32 w)
{
	if (from == KPSEC_NO_VERTEX || to == KPSEC_NO_VERTEX || *ne >= b->ne)
		return;
	b->from[*ne] = from;
	b->to[*ne] = to;
	b->weight[*ne] = w;
	(*ne)++;
}

/* Each origin's key ring, as vertices (nodes not in the graph are left out). */
static void kpsec_collect_rings_locked(struct kpsec_mesh *m, struct kpsec_graph_build *b)
{
	struct kpsec_routes *r = b->routes;
	u32 *first = b->ring_first, *ring_v = b->ring_first + b->nv + 1;
	const struct kpsec_lsa_entry *e;
	u32 v, i;

	memset(first, 0, (r->n + 1) * sizeof(u32));
	/* Count per vertex, then fill in vertex order. */
	list_for_each_entry(e, &m->lsdb, list)
		first[kpsec_routes_vertex(r, e->origin) + 1] = e->n_ring;
	for (v = 0; v < r->n; v++)
		first[v + 1] += first[v];
	list_for_each_entry(e, &m->lsdb, list) {
		u32 at = first[kpsec_routes_vertex(r, e->origin)];

		for (i = 0; i < e->n_ring && at + i < b->nring; i++) {
			u32 w = kpsec_routes_vertex(r, e->ring[i]);

			ring_v[at + i] = w;
		}
	}
}

/* Each origin's pool key IDs, in vertex order like the rings. */
static void kpsec_collect_syms_locked(struct kpsec_mesh *m, struct kpsec_graph_build *b)
{
	struct kpsec_routes *r = b->routes;
	u32 *first = b->ring_first + b->nv + 1 + b->nring, *ids = first + b->nv + 1;
	const struct kpsec_lsa_entry *e;
	u32 v;

	memset(first, 0, (r->n + 1) * sizeof(u32));
	list_for_each_entry(e, &m->lsdb, list)
		first[kpsec_routes_vertex(r, e->origin) + 1] = e->n_sym;
	for (v = 0; v < r->n; v++)
		first[v + 1] += first[v];
	list_for_each_entry(e, &m->lsdb, list)
		memcpy(ids + first[kpsec_routes_vertex(r, e->origin)], e->sym,
		       e->n_sym * sizeof(u32));
}

/*
 * Collect vertices and edges under the lock.  Returns false when the
 * database outgrew @b since it was sized.
 */
static bool kpsec_collect_locked(struct kpsec_mesh *m, struct kpsec_graph_build *b,
				 u32 self, u32 *nedges)
{
	struct kpsec_routes *r = b->routes;
	const struct kpsec_lsa_entry *e, *f;
	struct kpsec_neighbor *n;
	u32 nv = 0, ne = 0, i, k = 0, s = 0;

	if (1 + m->n_neighbors + m->n_lsas > b->nv)
		return false;
	list_for_each_entry(e, &m->lsdb, list) {
		k += e->n_ring;
		s += e->n_sym;
	}
	if (k > b->nring || s > b->nsym)
		return false;
	r->node[nv++] = self;
	list_for_each_entry(n, &m->neighbors, list)
		r->node[nv++] = n->node;
	list_for_each_entry(e, &m->lsdb, list)
		r->node[nv++] = e->origin;
	sort(r->node, nv, sizeof(u32), kpsec_cmp_u32, NULL);
	for (i = 0, k = 0; i < nv; i++)
		if (!k || r->node[k - 1] != r->node[i])
			r->node[k++] = r->node[i];
	r->n = k;
	r->self = kpsec_routes_vertex(r, self);

	list_for_each_entry(n, &m->neighbors, list) {
		u16 metric = kpsec_neigh_metric(n);
		u32 v = kpsec_routes_vertex(r, n->node);

		if (metric == KPSEC_METRIC_INF)
			continue;
		b->mac[v] = n->mac;
		kpsec_add_edge(b, &ne, r->self, v, metric);
	}
	list_for_each_entry(e, &m->lsdb, list) {
		u32 u = kpsec_routes_vertex(r, e->origin);

		for (i = 0; i < e->count; i++) {
			u32 v = e->links[i].node;

			/* Links to us come from our own table, above. */
			if (v == self || e->links[i].metric == KPSEC_METRIC_INF)
				continue;
			/* Two-way check: the other end must announce it too. */
			f = kpsec_lsa_of(m, v);
			if (!f || !kpsec_lsa_lists(f, e->origin))
				continue;
			kpsec_add_edge(b, &ne, u, kpsec_routes_vertex(r, v), e->links[i].metric);
		}
	}
	*nedges = ne;
	kpsec_collect_rings_locked(m, b);
	kpsec_collect_syms_locked(m, b);
	return true;
}

/* Edge capacity: our neighbours and every announced link; ring entries. */
static void kpsec_count_locked(struct kpsec_mesh *m, u32 *nv, u32 *ne, u32 *nring, u32 *nsym)
{
	const struct kpsec_lsa_entry *e;

	*nv = 1 + m->n_neighbors + m->n_lsas;
	*ne = m->n_neighbors;
	*nring = 0;
	*nsym = 0;
	list_for_each_entry(e, &m->lsdb, list) {
		*ne += e->count;
		*nring += e->n_ring;
		*nsym += e->n_sym;
	}
}

static void kpsec_compute(struct kpsec_graph_build *b, u32 ne)
{
	struct kpsec_routes *r = b->routes;
	struct kpsec_graph g = {
		.n = r->n,
		.first = b->first,
		.to = b->csr_to,
		.weight = b->csr_weight,
	};
	u32 i, v;

	/* Counting sort of the edges by source into CSR form. */
	memset(b->first, 0, (r->n + 1) * sizeof(u32));
	for (i = 0; i < ne; i++)
		b->first[b->from[i] + 1]++;
	for (v = 0; v < r->n; v++)
		b->first[v + 1] += b->first[v];
	for (i = 0; i < ne; i++) {
		u32 slot = b->first[b->from[i]]++;

		b->csr_to[slot] = b->to[i];
		b->csr_weight[slot] = b->weight[i];
	}
	for (v = r->n; v > 0; v--)
		b->first[v] = b->first[v - 1];
	b->first[0] = 0;

	kpsec_dijkstra(&g, r->self, r->dist, r->prev, r->hops, b->heap, b->pos);
	for (v = 0; v < r->n; v++) {
		r->next[v] = v == r->self ? KPSEC_NO_VERTEX :
			     kpsec_first_hop(r->prev, r->self, v);
		r->next_mac[v] = r->next[v] == KPSEC_NO_VERTEX ? 0 : b->mac[r->next[v]];
	}
}

void kpsec_route_work(struct work_struct *work)
{
	struct kpsec_device *kd = container_of(work, struct kpsec_device, mesh.route_work);
	struct kpsec_mesh *m = &kd->mesh;
	struct kpsec_routes *old = NULL;
	struct kpsec_graph_build b;
	u32 self, nv, ne, nring, nsym;
	bool fits;

	rcu_read_lock();
	self = rcu_dereference(kd->conf)->node_id;
	rcu_read_unlock();
	if (!self)
		return;
	do {
		spin_lock_bh(&m->lock);
		kpsec_count_locked(m, &nv, &ne, &nring, &nsym);
		spin_unlock_bh(&m->lock);
		/* Room for growth while unlocked; retried if outgrown. */
		if (kpsec_build_alloc(&b, nv + 8, ne + 64, nring + 256, nsym + 256))
			return;
		spin_lock_bh(&m->lock);
		fits = kpsec_collect_locked(m, &b, self, &ne);
		spin_unlock_bh(&m->lock);
		if (!fits)
			kpsec_build_free(&b);
	} while (!fits);

	kpsec_compute(&b, ne);
	b.routes->computed = jiffies;
	/* The routes keep the graph and the rings; the build forgets them. */
	b.routes->graph.n = b.routes->n;
	b.routes->graph.first = b.first;
	b.routes->graph.to = b.csr_to;
	b.routes->graph.weight = b.csr_weight;
	b.routes->graph_mem = b.first;
	b.routes->ring_first = b.ring_first;
	b.routes->ring_v = b.ring_first + b.nv + 1;
	b.routes->sym_first = b.routes->ring_v + b.nring;
	b.routes->sym_ids = b.routes->sym_first + b.nv + 1;
	b.routes->ring_mem = b.ring_first;
	b.first = NULL;
	b.ring_first = NULL;

	spin_lock_bh(&m->lock);
	if (m->running) {
		old = rcu_replace_pointer(m->routes, b.routes, lockdep_is_held(&m->lock));
		m->generation++;
		b.routes = NULL;
	}
	spin_unlock_bh(&m->lock);
	kpsec_routes_free(old);
	if (b.routes) {
		kvfree(b.routes->graph_mem);
		kvfree(b.routes->ring_mem);
	}
	kpsec_build_free(&b);
}
