// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: kpsec frames arriving on a bound lower device are checked,
 * opened with the source peer's key, checked against replay, and the
 * inner IP packet is delivered on the kpsec device.
 */
#include <linux/etherdevice.h>
#include <linux/scatterlist.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <crypto/chacha20poly1305.h>
#include "device.h"
#include "peer.h"

/* Open the payload in place; on success the tag is trimmed off. */
static bool kpsec_open_frame(struct sk_buff *skb, struct kpsec_keypair *kp,
			     const u8 ad[KPSEC_HDR_LEN], u64 counter)
{
	struct scatterlist sg[MAX_SKB_FRAGS + 8];
	unsigned int clen = skb->len - KPSEC_HDR_LEN;
	struct sk_buff *trailer;
	int nfrags;

	nfrags = skb_cow_data(skb, 0, &trailer);
	if (nfrags < 0 || nfrags > ARRAY_SIZE(sg))
		return false;
	sg_init_table(sg, nfrags);
	if (skb_to_sgvec(skb, sg, KPSEC_HDR_LEN, clen) <= 0)
		return false;
	if (!chacha20poly1305_decrypt_sg_inplace(sg, clen, ad, KPSEC_HDR_LEN,
						 counter, kp->rx_key))
		return false;
	return !pskb_trim(skb, skb->len - KPSEC_TAG_LEN);
}

/*
 * The keypair a frame names: index 0 is the static key, any other one of
 * the session keys (current, previous, or pending confirmation).
 */
static struct kpsec_keypair *kpsec_rx_keypair(struct kpsec_peer *peer, u32 index)
{
	struct kpsec_keypair *kp;

	if (!index)
		return rcu_dereference_bh(peer->keypair);
	kp = rcu_dereference_bh(peer->session);
	if (kp && kp->index == index)
		return kp;
	kp = rcu_dereference_bh(peer->prev_session);
	if (kp && kp->index == index)
		return kp;
	kp = rcu_dereference_bh(peer->next_session);
	return kp && kp->index == index ? kp : NULL;
}

/* Check the opened inner packet and trim link padding behind it. */
static bool kpsec_inner_ok(struct sk_buff *skb)
{
	unsigned int need;
	size_t claim;

	if (!pskb_may_pull(skb, 1))
		return false;
	switch (kpsec_inner_ip_version(skb->data, skb_headlen(skb))) {
	case 4:
		skb->protocol = htons(ETH_P_IP);
		need = sizeof(struct iphdr);
		break;
	case 6:
		skb->protocol = htons(ETH_P_IPV6);
		need = sizeof(struct ipv6hdr);
		break;
	default:
		return false;
	}
	if (!pskb_may_pull(skb, need))
		return false;
	claim = kpsec_inner_ip_len(skb->data, skb->len);
	if (!claim)
		return false;
	return !pskb_trim(skb, claim);
}

/* HELLO and LSA frames: for the mesh routing, when we take part. */
static void kpsec_receive_ctrl(struct kpsec_device *kd, struct sk_buff *skb,
			       const struct kpsec_hdr *h, u32 self)
{
	kpsec_count(kd, KPSEC_A_STATS_RX_CTRL_PACKETS);
	kpsec_count_add(kd, KPSEC_A_STATS_RX_CTRL_BYTES, skb->len);
	if (!self || skb_linearize(skb))
		return;
	if (h->type == KPSEC_PKT_HELLO)
		kpsec_neigh_rx_hello(kd, skb, h, self);
	else
		kpsec_topo_rx_lsa(kd, skb, h, self);
}

/*
 * A data or key exchange frame for another node goes on towards it as it
 * is, sealed: only its ttl changes (it is outside the associated data for
 * that reason).
 */
static void kpsec_forward(struct kpsec_device *kd, struct sk_buff *skb,
			  const struct kpsec_hdr *h, u32 self)
{
	enum kpsec_stats_attr why = KPSEC_A_STATS_RX_NOT_FOR_US;
	struct net_device *lower = rcu_dereference_bh(kd->lower);
	unsigned int len;
	u64 next;

	if (!self || !lower)
		goto drop;
	why = KPSEC_A_STATS_FWD_NO_ROUTE;
	next = kpsec_route_next_mac(kd, h->dst);
	if (!next)
		goto drop;
	why = KPSEC_A_STATS_FWD_TTL_EXPIRED;
	if (h->ttl <= 1)
		goto drop;
	why = KPSEC_A_STATS_FWD_LOOP;
	if (next == kpsec_mac_to_u64(eth_hdr(skb)->h_source))
		goto drop;
	why = KPSEC_A_STATS_TX_ERRORS;
	if (skb_ensure_writable(skb, KPSEC_HDR_LEN) ||
	    skb_cow_head(skb, LL_RESERVED_SPACE(lower)))
		goto drop;
	skb->data[2] = h->ttl - 1;

	len = skb->len;
	skb_scrub_packet(skb, false);
	if (kpsec_link_header(skb, lower, next))
		goto drop;
	if (h->type == KPSEC_PKT_KX) {
		kpsec_count(kd, KPSEC_A_STATS_FWD_KX_PACKETS);
		kpsec_count_add(kd, KPSEC_A_STATS_FWD_KX_BYTES, len);
	} else {
		kpsec_count(kd, KPSEC_A_STATS_FWD_PACKETS);
		kpsec_count_add(kd, KPSEC_A_STATS_FWD_BYTES, len);
	}
	dev_queue_xmit(skb);
	return;
drop:
	kpsec_count(kd, why);
	kfree_skb(skb);
}

int kpsec_receive(struct sk_buff *skb, struct net_device *lower,
		  struct packet_type *pt, struct net_device *orig_dev)
{
	struct kpsec_device *kd = container_of(pt, struct kpsec_device, pt);
	enum kpsec_stats_attr why = KPSEC_A_STATS_RX_MALFORMED;
	const struct kpsec_conf *conf;
	struct kpsec_keypair *kp;
	struct kpsec_peer *peer;
	u8 ad[KPSEC_HDR_LEN];
	struct kpsec_hdr h;
	unsigned int len;
	bool fresh;

	/* A promiscuous lower (tcpdump) also shows us other nodes' frames. */
	if (skb->pkt_type == PACKET_OTHERHOST)
		goto consume;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return NET_RX_DROP;

	rcu_read_lock_bh();
	if (!pskb_may_pull(skb, KPSEC_HDR_LEN) ||
	    kpsec_hdr_decode(&h, skb->data, skb->len) != KPSEC_PARSE_OK)
		goto drop;
	conf = rcu_dereference_bh(kd->conf);
	if (h.type == KPSEC_PKT_KX && h.dst == conf->node_id) {
		rcu_read_unlock_bh();
		kpsec_kx_rx(kd, skb);
		return NET_RX_SUCCESS;
	}
	if (h.type == KPSEC_PKT_HELLO || h.type == KPSEC_PKT_LSA) {
		kpsec_receive_ctrl(kd, skb, &h, conf->node_id);
		rcu_read_unlock_bh();
		consume_skb(skb);
		return NET_RX_SUCCESS;
	}
	if (h.dst != conf->node_id) {
		kpsec_forward(kd, skb, &h, conf->node_id);
		rcu_read_unlock_bh();
		return NET_RX_SUCCESS;
	}
	why = KPSEC_A_STATS_RX_NO_PEER;
	peer = xa_load(&kd->peers, h.src);
	if (!peer)
		goto drop;
	why = KPSEC_A_STATS_RX_NO_KEY;
	kp = kpsec_rx_keypair(peer, h.key_index);
	if (!kp)
		goto drop;
	why = KPSEC_A_STATS_RX_MALFORMED;
	if (!kp->index &&
	    (h.counter & KPSEC_COUNTER_DIR_BIT) != kpsec_static_dir(h.src, h.dst))
		goto drop;
	/* Cheap early reject of replays; the real check follows the tag check. */
	why = KPSEC_A_STATS_RX_REPLAY;
	spin_lock(&kp->replay_lock);
	fresh = kpsec_replay_check(&kp->replay, h.counter);
	spin_unlock(&kp->replay_lock);
	if (!fresh)
		goto drop;

	kpsec_hdr_ad(ad, skb->data);
	why = KPSEC_A_STATS_RX_AUTH_FAIL;
	if (!kpsec_open_frame(skb, kp, ad, h.counter)) {
		atomic64_inc(&peer->drops);
		goto drop;
	}

	spin_lock(&kp->replay_lock);
	fresh = kpsec_replay_update(&kp->replay, h.counter);
	spin_unlock(&kp->replay_lock);
	why = KPSEC_A_STATS_RX_REPLAY;
	if (!fresh) {
		atomic64_inc(&peer->drops);
		goto drop;
	}

	/*
	 * Authenticated.  Straight from the sender (no hop has taken from
	 * its ttl), the link address is where the peer is now.
	 */
	if (h.ttl == KPSEC_DEFAULT_TTL)
		WRITE_ONCE(peer->endpoint, kpsec_mac_to_u64(eth_hdr(skb)->h_source));
	WRITE_ONCE(peer->last_rx_jiffies, jiffies);

	skb_pull(skb, KPSEC_HDR_LEN);
	why = KPSEC_A_STATS_RX_MALFORMED;
	if (!kpsec_inner_ok(skb))
		goto drop;

	len = skb->len;
	skb_scrub_packet(skb, true);
	skb->dev = kd->dev;
	skb->pkt_type = PACKET_HOST;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	skb_probe_transport_header(skb);
	/* The tag vouches for every byte: no need to verify checksums again. */
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	skb->csum_level = ~0;

	dev_sw_netstats_rx_add(kd->dev, len);
	kpsec_peer_stats_add(peer, false, len);
	gro_cells_receive(&kd->gro_cells, skb);
	rcu_read_unlock_bh();
	return NET_RX_SUCCESS;

drop:
	rcu_read_unlock_bh();
	kpsec_count(kd, why);
	DEV_STATS_INC(kd->dev, rx_dropped);
	kfree_skb(skb);
	return NET_RX_DROP;
consume:
	consume_skb(skb);
	return NET_RX_SUCCESS;
}
