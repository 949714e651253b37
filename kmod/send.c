// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: find the destination node from the inner destination address,
 * seal the packet under that peer's key and hand it to the lower device.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/etherdevice.h>
#include <linux/scatterlist.h>
#include <crypto/chacha20poly1305.h>
#include <net/ip.h>
#include <net/icmp.h>
#include <linux/icmpv6.h>
#include "device.h"
#include "peer.h"

/* Destination node of an IP packet, 0 when its address is not a node's. */
static u32 kpsec_dst_node(struct sk_buff *skb, const struct kpsec_conf *conf)
{
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (!conf->has4 || !pskb_network_may_pull(skb, sizeof(struct iphdr)))
			return 0;
		return kpsec_prefix_node(&conf->prefix4, (u8 *)&ip_hdr(skb)->daddr);
	case htons(ETH_P_IPV6):
		if (!conf->has6 || !pskb_network_may_pull(skb, sizeof(struct ipv6hdr)))
			return 0;
		return kpsec_prefix_node(&conf->prefix6, ipv6_hdr(skb)->daddr.s6_addr);
	}
	return 0;
}

int kpsec_link_header(struct sk_buff *skb, struct net_device *lower, u64 dst)
{
	u8 mac[ETH_ALEN];

	skb->dev = lower;
	skb->protocol = htons(KPSEC_ETHERTYPE);
	skb_reset_network_header(skb);
	kpsec_u64_to_mac(mac, dst);
	if (dev_hard_header(skb, lower, KPSEC_ETHERTYPE, mac, NULL, skb->len) < 0)
		return -EINVAL;
	skb_reset_mac_header(skb);
	return 0;
}

/* Tell the local sender, as a router would (never for multicast). */
static void kpsec_send_unreachable(struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IP))
		icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
	else if (skb->protocol == htons(ETH_P_IPV6))
		icmpv6_ndo_send(skb, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH, 0);
}

/*
 * Seal @skb in place: header in front, tag behind, payload encrypted with
 * the header (ttl zeroed) as associated data.
 */
static bool kpsec_seal(struct sk_buff *skb, struct kpsec_keypair *kp,
		       const struct kpsec_hdr *h, struct net_device *lower)
{
	struct scatterlist sg[MAX_SKB_FRAGS + 8];
	unsigned int plen = skb->len;
	u8 ad[KPSEC_HDR_LEN];
	struct sk_buff *trailer;
	int nfrags;

	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return false;
	nfrags = skb_cow_data(skb, KPSEC_TAG_LEN, &trailer);
	if (nfrags < 0 || nfrags > ARRAY_SIZE(sg))
		return false;
	if (skb_cow_head(skb, KPSEC_HDR_LEN + LL_RESERVED_SPACE(lower)))
		return false;
	kpsec_hdr_encode(skb_push(skb, KPSEC_HDR_LEN), h);
	kpsec_hdr_ad(ad, skb->data);
	pskb_put(skb, trailer, KPSEC_TAG_LEN);

	sg_init_table(sg, nfrags);
	if (skb_to_sgvec(skb, sg, KPSEC_HDR_LEN, plen + KPSEC_TAG_LEN) <= 0)
		return false;
	return chacha20poly1305_encrypt_sg_inplace(sg, plen, ad, sizeof(ad),
						   h->counter, kp->key);
}

netdev_tx_t kpsec_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct kpsec_device *kd = netdev_priv(dev);
	enum kpsec_stats_attr why = KPSEC_A_STATS_TX_NO_ROUTE;
	const struct kpsec_conf *conf;
	struct kpsec_keypair *kp;
	struct net_device *lower;
	struct kpsec_peer *peer;
	struct kpsec_hdr h = {};
	unsigned int len;
	u64 endpoint;
	u32 dst;

	rcu_read_lock_bh();
	conf = rcu_dereference_bh(kd->conf);
	lower = rcu_dereference_bh(kd->lower);
	if (!lower || !conf->node_id)
		goto drop;
	dst = kpsec_dst_node(skb, conf);
	if (!dst || dst == conf->node_id)
		goto drop;
	/* A static key if the peer has one, else its session key. */
	peer = xa_load(&kd->peers, dst);
	kp = peer ? rcu_dereference_bh(peer->keypair) ?:
		    rcu_dereference_bh(peer->session) : NULL;
	if (!kp) {
		why = KPSEC_A_STATS_TX_NO_KEY;
		if (!READ_ONCE(kd->has_private_key))
			goto drop;
		why = KPSEC_A_STATS_TX_NO_ROUTE;
		if (!kpsec_route_next_mac(kd, dst))
			goto drop;
		/* Keep it until an exchange gives us a session. */
		rcu_read_unlock_bh();
		skb_dst_drop(skb);
		kpsec_kx_stage(kd, skb, dst);
		return NETDEV_TX_OK;
	}
	/* The mesh route, else the endpoint set for a direct neighbour. */
	why = KPSEC_A_STATS_TX_NO_ROUTE;
	endpoint = kpsec_route_next_mac(kd, dst) ?: READ_ONCE(peer->endpoint);
	if (!endpoint)
		goto drop;

	/* The stack segments for us: we advertise no GSO features. */
	len = skb->len;
	h.version = KPSEC_WIRE_VERSION;
	h.type = KPSEC_PKT_DATA;
	h.ttl = KPSEC_DEFAULT_TTL;
	h.src = conf->node_id;
	h.dst = dst;
	h.key_index = kp->index;
	if (!kp->index) {
		h.counter = atomic64_inc_return(&kp->tx_counter) |
			    kpsec_static_dir(h.src, h.dst);
	} else {
		/* Session keys are one per direction: no direction bit. */
		h.counter = atomic64_inc_return(&kp->tx_counter);
		if (unlikely(h.counter >= READ_ONCE(kd->kx.params.rekey_msgs)) &&
		    !READ_ONCE(peer->rekey_wanted)) {
			WRITE_ONCE(peer->rekey_wanted, true);
			kpsec_kx_want_rekey(kd);
		}
	}

	why = KPSEC_A_STATS_TX_ERRORS;
	skb_dst_drop(skb);
	if (!kpsec_seal(skb, kp, &h, lower))
		goto drop;

	skb_scrub_packet(skb, true);
	if (kpsec_link_header(skb, lower, endpoint))
		goto drop;

	dev_sw_netstats_tx_add(dev, 1, len);
	kpsec_peer_stats_add(peer, true, len);
	rcu_read_unlock_bh();
	dev_queue_xmit(skb);
	return NETDEV_TX_OK;

drop:
	rcu_read_unlock_bh();
	kpsec_count(kd, why);
	DEV_STATS_INC(dev, tx_dropped);
	if (why != KPSEC_A_STATS_TX_ERRORS)
		kpsec_send_unreachable(skb);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}
