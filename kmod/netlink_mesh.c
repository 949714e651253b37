// SPDX-License-Identifier: GPL-2.0
/*
 * The routing views of the "kpsec" family: neighbours, routes, the
 * link-state database, and the path to one node.
 */
#include <linux/etherdevice.h>
#include <linux/slab.h>
#include "device.h"
#include "mesh.h"
#include "netlink.h"
#include "peer.h"
#include "../lib/graph.h"

static int kpsec_put_mac(struct sk_buff *skb, int type, u64 v)
{
	u8 mac[ETH_ALEN];

	kpsec_u64_to_mac(mac, v);
	return nla_put(skb, type, ETH_ALEN, mac);
}

static u64 kpsec_msecs_since(unsigned long then)
{
	return jiffies_to_msecs(jiffies - then);
}

static int kpsec_put_neighbor(struct sk_buff *skb, const struct kpsec_neighbor *n)
{
	if (nla_put_u32(skb, KPSEC_A_NEIGH_NODE_ID, n->node) ||
	    kpsec_put_mac(skb, KPSEC_A_NEIGH_ADDR, n->mac) ||
	    nla_put_u32(skb, KPSEC_A_NEIGH_QUALITY_IN, kpsec_neigh_quality_in(n)) ||
	    nla_put_u32(skb, KPSEC_A_NEIGH_QUALITY_OUT, n->quality_out) ||
	    nla_put_u32(skb, KPSEC_A_NEIGH_METRIC, kpsec_neigh_metric(n)) ||
	    (n->symmetric && nla_put_flag(skb, KPSEC_A_NEIGH_SYMMETRIC)) ||
	    nla_put_u64_64bit(skb, KPSEC_A_NEIGH_LAST_HEARD_MSECS,
			      kpsec_msecs_since(n->last_heard), KPSEC_A_NEIGH_PAD))
		return -EMSGSIZE;
	return 0;
}

/*
 * Put the objects from index *@cursor on into a list attribute, as many
 * as fit.  @put is called for the i-th object and returns 1 when there is
 * none, 0 when put, -EMSGSIZE when it did not fit.
 */
static int kpsec_fill_list(struct sk_buff *skb, int type, unsigned long *cursor,
			   int (*put)(struct sk_buff *skb, void *ctx, unsigned long i),
			   void *ctx)
{
	unsigned long i = *cursor;
	struct nlattr *list, *nest;
	int ret;

	list = nla_nest_start(skb, type);
	if (!list)
		return -EMSGSIZE;
	for (;; i++) {
		nest = nla_nest_start(skb, i - *cursor);
		if (!nest)
			goto full;
		ret = put(skb, ctx, i);
		if (ret) {
			nla_nest_cancel(skb, nest);
			if (ret > 0)
				break;
			goto full;
		}
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, list);
	return 0;
full:
	if (i == *cursor) {
		nla_nest_cancel(skb, list);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, list);
	*cursor = i;
	return 1;
}

/* The lists change under us; resuming by index is made safe by the
 * generation check that marks the dump interrupted.
 */
static int kpsec_put_neighbor_at(struct sk_buff *skb, void *ctx, unsigned long i)
{
	struct kpsec_mesh *m = ctx;
	struct kpsec_neighbor *n;

	list_for_each_entry(n, &m->neighbors, list)
		if (!i--)
			return kpsec_put_neighbor(skb, n);
	return 1;
}

static int kpsec_fill_neighbors(struct sk_buff *skb, struct kpsec_device *kd,
				unsigned long *cursor,
			       struct netlink_callback *cb)
{
	int ret;

	spin_lock_bh(&kd->mesh.lock);
	ret = kpsec_fill_list(skb, KPSEC_A_DEVICE_NEIGHBORS, cursor,
			      kpsec_put_neighbor_at, &kd->mesh);
	spin_unlock_bh(&kd->mesh.lock);
	return ret;
}

static int kpsec_put_route_at(struct sk_buff *skb, void *ctx, unsigned long i)
{
	const struct kpsec_routes *r = ctx;
	u32 v, seen = 0;

	/* The i-th reachable vertex other than this node. */
	for (v = 0; v < r->n; v++) {
		if (v == r->self || r->next[v] == KPSEC_NO_VERTEX)
			continue;
		if (seen++ == i)
			break;
	}
	if (v == r->n)
		return 1;
	if (nla_put_u32(skb, KPSEC_A_ROUTE_DST, r->node[v]) ||
	    nla_put_u32(skb, KPSEC_A_ROUTE_NEXT_HOP, r->node[r->next[v]]) ||
	    kpsec_put_mac(skb, KPSEC_A_ROUTE_NEXT_HOP_ADDR, r->next_mac[v]) ||
	    nla_put_u32(skb, KPSEC_A_ROUTE_HOPS, r->hops[v]) ||
	    nla_put_u32(skb, KPSEC_A_ROUTE_METRIC, r->dist[v]) ||
	    nla_put_u64_64bit(skb, KPSEC_A_ROUTE_AGE_MSECS, kpsec_msecs_since(r->computed),
			      KPSEC_A_ROUTE_PAD))
		return -EMSGSIZE;
	return 0;
}

static int kpsec_fill_routes(struct sk_buff *skb, struct kpsec_device *kd,
			     unsigned long *cursor,
			       struct netlink_callback *cb)
{
	const struct kpsec_routes *r;
	struct nlattr *empty;
	int ret;

	rcu_read_lock();
	r = rcu_dereference(kd->mesh.routes);
	if (r) {
		ret = kpsec_fill_list(skb, KPSEC_A_DEVICE_ROUTES, cursor,
				      kpsec_put_route_at, (void *)r);
	} else {
		empty = nla_nest_start(skb, KPSEC_A_DEVICE_ROUTES);
		ret = empty ? 0 : -EMSGSIZE;
		if (empty)
			nla_nest_end(skb, empty);
	}
	rcu_read_unlock();
	return ret;
}

static int kpsec_put_links(struct sk_buff *skb, const struct kpsec_lsa_link *links,
			   unsigned int count)
{
	struct nlattr *list, *nest;
	unsigned int i;

	list = nla_nest_start(skb, KPSEC_A_NODE_LINKS);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < count; i++) {
		nest = nla_nest_start(skb, i);
		if (!nest ||
		    nla_put_u32(skb, KPSEC_A_LINK_NODE_ID, links[i].node) ||
		    nla_put_u32(skb, KPSEC_A_LINK_METRIC, links[i].metric))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, list);
	return 0;
}

struct kpsec_topo_ctx {
	struct kpsec_mesh *m;
	u32 self;
	struct kpsec_lsa_link *own;	/* this node's links, from its neighbours */
	unsigned int n_own;
};

/* Index 0 is this node (its current links), then the database. */
static int kpsec_put_node_at(struct sk_buff *skb, void *ctx, unsigned long i)
{
	struct kpsec_topo_ctx *t = ctx;
	const struct kpsec_lsa_entry *e;

	if (i == 0) {
		if (nla_put_u32(skb, KPSEC_A_NODE_ID, t->self) ||
		    nla_put_u32(skb, KPSEC_A_NODE_SEQ, t->m->own_seq) ||
		    nla_put_u64_64bit(skb, KPSEC_A_NODE_AGE_MSECS, 0, KPSEC_A_NODE_PAD))
			return -EMSGSIZE;
		return kpsec_put_links(skb, t->own, t->n_own);
	}
	list_for_each_entry(e, &t->m->lsdb, list) {
		if (--i)
			continue;
		if (nla_put_u32(skb, KPSEC_A_NODE_ID, e->origin) ||
		    nla_put_u32(skb, KPSEC_A_NODE_SEQ, e->seq) ||
		    nla_put_u64_64bit(skb, KPSEC_A_NODE_AGE_MSECS,
				      kpsec_msecs_since(e->received), KPSEC_A_NODE_PAD))
			return -EMSGSIZE;
		return kpsec_put_links(skb, e->links, e->count);
	}
	return 1;
}

static int kpsec_fill_topology(struct sk_buff *skb, struct kpsec_device *kd,
			       unsigned long *cursor,
			       struct netlink_callback *cb)
{
	struct kpsec_topo_ctx t = { .m = &kd->mesh };
	struct kpsec_neighbor *n;
	int ret;

	rcu_read_lock();
	t.self = rcu_dereference(kd->conf)->node_id;
	rcu_read_unlock();
	if (!t.self) {
		struct nlattr *empty = nla_nest_start(skb, KPSEC_A_DEVICE_TOPOLOGY);

		if (!empty)
			return -EMSGSIZE;
		nla_nest_end(skb, empty);
		return 0;
	}
	t.own = kmalloc_array(KPSEC_MAX_NEIGHBORS, sizeof(*t.own), GFP_KERNEL);
	if (!t.own)
		return -ENOMEM;
	spin_lock_bh(&kd->mesh.lock);
	list_for_each_entry(n, &kd->mesh.neighbors, list) {
		u16 metric = kpsec_neigh_metric(n);

		if (metric == KPSEC_METRIC_INF)
			continue;
		t.own[t.n_own].node = n->node;
		t.own[t.n_own++].metric = metric;
	}
	ret = kpsec_fill_list(skb, KPSEC_A_DEVICE_TOPOLOGY, cursor, kpsec_put_node_at, &t);
	spin_unlock_bh(&kd->mesh.lock);
	kfree(t.own);
	return ret;
}

int kpsec_get_neighbors_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return kpsec_dump_devices(skb, cb, KPSEC_CMD_GET_NEIGHBORS, kpsec_fill_neighbors);
}

int kpsec_get_routes_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return kpsec_dump_devices(skb, cb, KPSEC_CMD_GET_ROUTES, kpsec_fill_routes);
}

int kpsec_get_topology_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return kpsec_dump_devices(skb, cb, KPSEC_CMD_GET_TOPOLOGY, kpsec_fill_topology);
}

/* Put the path to @dst, this node first; -ENETUNREACH when there is none. */
static int kpsec_put_path(struct sk_buff *skb, struct kpsec_device *kd, u32 dst)
{
	const struct kpsec_routes *r;
	struct nlattr *list, *nest;
	u32 *path = NULL, n, i, v;
	int ret = -ENETUNREACH;

	rcu_read_lock();
	r = rcu_dereference(kd->mesh.routes);
	if (!r)
		goto out;
	v = kpsec_routes_vertex(r, dst);
	if (v == KPSEC_NO_VERTEX || r->dist[v] == KPSEC_DIST_INF)
		goto out;
	path = kmalloc_array(r->n, sizeof(u32), GFP_ATOMIC);
	ret = -ENOMEM;
	if (!path)
		goto out;
	n = kpsec_path(r->prev, r->self, v, path, r->n);
	ret = -ENETUNREACH;
	if (!n)
		goto out;
	ret = -EMSGSIZE;
	list = nla_nest_start(skb, KPSEC_A_DEVICE_PATH);
	if (!list)
		goto out;
	for (i = 0; i < n; i++) {
		nest = nla_nest_start(skb, i);
		if (!nest ||
		    nla_put_u32(skb, KPSEC_A_HOP_NODE_ID, r->node[path[i]]) ||
		    nla_put_u32(skb, KPSEC_A_HOP_METRIC, r->dist[path[i]]))
			goto out;
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, list);
	ret = 0;
out:
	rcu_read_unlock();
	kfree(path);
	return ret;
}

int kpsec_get_path_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net_device *dev = info->user_ptr[0];
	struct nlattr *dst = info->attrs[KPSEC_A_DEVICE_PATH_DST];
	struct sk_buff *msg;
	void *hdr;
	int ret;

	if (!dst) {
		NL_SET_ERR_MSG(info->extack, "missing the destination node (PATH_DST)");
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &kpsec_genl_family, 0, KPSEC_CMD_GET_PATH);
	ret = -EMSGSIZE;
	if (!hdr || nla_put_u32(msg, KPSEC_A_DEVICE_IFINDEX, dev->ifindex) ||
	    nla_put_string(msg, KPSEC_A_DEVICE_IFNAME, dev->name))
		goto err;
	ret = kpsec_put_path(msg, netdev_priv(dev), nla_get_u32(dst));
	if (ret == -ENETUNREACH)
		NL_SET_ERR_MSG_ATTR(info->extack, dst, "no route to this node");
	if (ret)
		goto err;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
err:
	nlmsg_free(msg);
	return ret;
}
