/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mesh routing: neighbours by HELLO (neighbor.c), link state flooded in
 * LSAs (topology.c), shortest paths over it (route.c).  Data frames for
 * other nodes are forwarded sealed, with only their ttl changed.
 */
#ifndef _KPSEC_MESH_H
#define _KPSEC_MESH_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "../lib/ctrl.h"
#include "../lib/graph.h"

struct kpsec_device;
struct kpsec_hdr;

/* Bounds on what other nodes can make us store. */
#define KPSEC_MAX_NEIGHBORS 256
#define KPSEC_MAX_LSAS 4096
#define KPSEC_MAX_LSA_LINKS 255
/* Both ring TLVs at their largest (KPSEC_KEYRING_MAX, KPSEC_SYMRING_MAX). */
#define KPSEC_MAX_LSA_TLV 2048
/* Key ring entries we keep of one origin. */
#define KPSEC_MAX_LSA_RING 255
/* An LSA lives this many origination intervals of its origin. */
#define KPSEC_LSA_LIFETIME_INTERVALS 6
/* Changes trigger an LSA at most this often. */
#define KPSEC_LSA_MIN_GAP_MS 100

/**
 * struct kpsec_neighbor - a node whose HELLOs we hear on the lower link
 * @list: entry in &kpsec_mesh.neighbors
 * @node: its node ID
 * @mac: its lower-link address; a second address claiming the same node
 *	while this entry lives is refused (counted as rx_id_conflict)
 * @lq: its HELLO sequence numbers we received (quality in)
 * @quality_out: the share of our HELLOs it reports receiving
 * @symmetric: it lists us in its HELLO: the link works both ways
 * @interval_ms: its HELLO interval
 * @last_heard: jiffies of its last HELLO
 */
struct kpsec_neighbor {
	struct list_head list;
	u32 node;
	u64 mac;
	struct kpsec_lq lq;
	u8 quality_out;
	bool symmetric;
	u16 interval_ms;
	unsigned long last_heard;
};

/**
 * struct kpsec_lsa_entry - the newest LSA of one origin
 * @list: entry in &kpsec_mesh.lsdb
 * @origin: the node that announced it
 * @seq: its sequence number
 * @expires: jiffies after which it is dropped
 * @received: jiffies it arrived
 * @n_ring: entries in @ring
 * @ring: the node IDs whose public keys the origin holds (its key ring
 *	advertisement), ascending; stored after @links
 * @n_sym: entries in @sym
 * @sym: the IDs of the pool keys the origin holds, ascending; after @ring
 * @count: entries in @links
 * @links: the origin's links
 */
struct kpsec_lsa_entry {
	struct list_head list;
	u32 origin;
	u32 seq;
	unsigned long expires;
	unsigned long received;
	u16 n_ring;
	u32 *ring;
	u16 n_sym;
	u32 *sym;
	u16 count;
	struct kpsec_lsa_link links[];
};

/**
 * struct kpsec_routes - a computed routing table, replaced as a whole (RCU)
 * @rcu: frees it after readers are done
 * @computed: jiffies of the computation
 * @n: vertices: this node, its neighbours and every LSA origin
 * @self: this node's vertex
 * @node: node ID of each vertex, ascending (binary searched)
 * @dist: metric of the best path to each vertex, KPSEC_DIST_INF unreachable
 * @hops: its length in hops
 * @prev: predecessor on it
 * @next: the neighbour vertex it starts with, KPSEC_NO_VERTEX if none
 * @next_mac: that neighbour's lower-link address (0 if none)
 * @graph: the link graph the table was computed from (CSR), for the
 *	key-path computation, which needs paths between other nodes
 * @ring_first: the key ring of vertex v is @ring_v[@ring_first[v] ..
 *	@ring_first[v + 1]) (vertices of the nodes it holds keys of; empty
 *	for this node, whose ring is &kpsec_device.ring)
 * @ring_v: (likewise)
 * @sym_first: the pool key IDs of vertex v are @sym_ids[@sym_first[v] ..
 *	@sym_first[v + 1]), ascending (empty for this node, whose ring is
 *	&kpsec_device.symring)
 * @sym_ids: (likewise)
 * @graph_mem: owns the arrays of @graph
 * @ring_mem: owns @ring_first, @ring_v, @sym_first and @sym_ids
 */
struct kpsec_routes {
	struct rcu_head rcu;
	unsigned long computed;
	u32 n;
	u32 self;
	u32 *node;
	u32 *dist;
	u32 *hops;
	u32 *prev;
	u32 *next;
	u64 *next_mac;
	struct kpsec_graph graph;
	u32 *ring_first, *ring_v;
	u32 *sym_first, *sym_ids;
	void *graph_mem, *ring_mem;
};

/**
 * struct kpsec_mesh - routing state of one kpsec device
 * @lock: protects @running, @neighbors, @n_neighbors, @lsdb, @n_lsas,
 *	@own_seq, @hello_seq, @last_lsa and the publication of @routes; taken
 *	in softirq (frames) and in the works
 * @running: the works may run and re-arm; cleared (then the works
 *	cancelled) when the device goes away
 * @neighbors: struct kpsec_neighbor
 * @n_neighbors: entries in @neighbors
 * @lsdb: struct kpsec_lsa_entry, one per origin
 * @n_lsas: entries in @lsdb
 * @own_seq: sequence number of our last LSA
 * @hello_seq: sequence number of our last HELLO
 * @last_lsa: jiffies of our last LSA
 * @hello_interval_ms: HELLO period (READ_ONCE; set under RTNL)
 * @neigh_timeout_ms: silence after which a neighbour is gone (likewise)
 * @lsa_interval_ms: LSA refresh period (likewise)
 * @routes: current routing table (RCU; replaced by @route_work)
 * @generation: bumped by every change of the tables (dump consistency)
 * @hello_work: sends HELLOs and expires neighbours and LSAs
 * @lsa_work: originates our LSA, periodically and after changes
 * @route_work: recomputes @routes after changes
 */
struct kpsec_mesh {
	spinlock_t lock;
	bool running;
	struct list_head neighbors;
	unsigned int n_neighbors;
	struct list_head lsdb;
	unsigned int n_lsas;
	u32 own_seq;
	u64 hello_seq;
	unsigned long last_lsa;
	u32 hello_interval_ms;
	u32 neigh_timeout_ms;
	u32 lsa_interval_ms;
	struct kpsec_routes __rcu *routes;
	unsigned int generation;
	struct delayed_work hello_work;
	struct delayed_work lsa_work;
	struct work_struct route_work;
};

void kpsec_mesh_init(struct kpsec_device *kd);
/* Bound, with a node ID, and up: the mesh protocols run. */
bool kpsec_mesh_active(struct kpsec_device *kd);
/* Start the periodic works; stop them and forget all state.  RTNL. */
void kpsec_mesh_start(struct kpsec_device *kd);
void kpsec_mesh_stop(struct kpsec_device *kd);
/* Forget neighbours, link state and routes (the link or our ID changed). */
void kpsec_mesh_reset(struct kpsec_device *kd);

/* Send a control frame body of @len bytes to every neighbour. */
void kpsec_mesh_broadcast(struct kpsec_device *kd, u8 type, u8 ttl, u64 counter,
			  const u8 *body, size_t len);

/* Frame handlers, softirq, under rcu_read_lock_bh. */
void kpsec_neigh_rx_hello(struct kpsec_device *kd, struct sk_buff *skb,
			  const struct kpsec_hdr *h, u32 self);
void kpsec_topo_rx_lsa(struct kpsec_device *kd, struct sk_buff *skb,
		       const struct kpsec_hdr *h, u32 self);

/* neighbor.c, under mesh.lock */
void kpsec_neigh_expire_locked(struct kpsec_device *kd, bool *changed);
u8 kpsec_neigh_quality_in(const struct kpsec_neighbor *n);
u16 kpsec_neigh_metric(const struct kpsec_neighbor *n);
void kpsec_neigh_free_all_locked(struct kpsec_mesh *m);
void kpsec_hello_work(struct work_struct *work);

/* topology.c */
void kpsec_lsa_work(struct work_struct *work);
/* Originate an LSA soon (rate limited).  Under mesh.lock. */
void kpsec_topo_changed_locked(struct kpsec_device *kd);
void kpsec_topo_expire_locked(struct kpsec_device *kd, bool *changed);
void kpsec_topo_free_all_locked(struct kpsec_mesh *m);

/* route.c */
void kpsec_route_work(struct work_struct *work);
/* Recompute routes soon. */
void kpsec_routes_changed(struct kpsec_device *kd);
void kpsec_routes_free(struct kpsec_routes *r);
/* The vertex of @node in @r, or KPSEC_NO_VERTEX.  RCU. */
u32 kpsec_routes_vertex(const struct kpsec_routes *r, u32 node);
/* Next hop address for @node, 0 when unreachable.  RCU. */
u64 kpsec_route_next_mac(struct kpsec_device *kd, u32 node);

#endif /* _KPSEC_MESH_H */
