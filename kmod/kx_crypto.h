/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cryptography of the key exchange, all from lib/crypto: X25519,
 * BLAKE2s (keyed, as the KDF and MAC) and ChaCha20-Poly1305.  Every
 * derived key is bound to a label and to what it protects.
 */
#ifndef _KPSEC_KX_CRYPTO_H
#define _KPSEC_KX_CRYPTO_H

#include <linux/types.h>
#include <crypto/blake2s.h>
#include "../lib/kx.h"

/* The hash of everything both sides must agree on (see key-exchange.rst). */
struct kpsec_kx_transcript {
	u8 hash[KPSEC_KX_KEY_LEN];
};

/* A fresh X25519 key pair; false when the RNG gave a degenerate key. */
bool kpsec_kx_keypair(u8 priv[KPSEC_KX_KEY_LEN], u8 pub[KPSEC_KX_KEY_LEN]);

/*
 * One overlay hop: seal @plain (@len bytes) to the static public key
 * @to_pub with a fresh ephemeral key, written to @eph; @out gets @len +
 * KPSEC_KX_TAG_LEN bytes.  @ad is the frame header (ttl zeroed).
 */
bool kpsec_kx_seal_to(u8 *out, u8 eph[KPSEC_KX_KEY_LEN], const u8 *plain, size_t len,
		      const u8 to_pub[KPSEC_KX_KEY_LEN], const u8 *ad, size_t ad_len);
/* Open what kpsec_kx_seal_to sealed to us: @in is @len bytes with the tag. */
bool kpsec_kx_open_from(u8 *plain, const u8 *in, size_t len, const u8 eph[KPSEC_KX_KEY_LEN],
			const u8 priv[KPSEC_KX_KEY_LEN], const u8 pub[KPSEC_KX_KEY_LEN],
			const u8 *ad, size_t ad_len);

/*
 * The link key of two nodes sharing pool keys: init with both node IDs,
 * add each shared key in ascending ID order, final (which wipes @s).
 */
void kpsec_kx_link_init(struct blake2s_state *s, u32 a, u32 b);
void kpsec_kx_link_add(struct blake2s_state *s, u32 id, const u8 key[KPSEC_KX_KEY_LEN]);
void kpsec_kx_link_final(struct blake2s_state *s, u8 link[KPSEC_KX_KEY_LEN]);

/*
 * One overlay hop between nodes sharing pool keys: seal @plain under a
 * key from @link and a fresh random @salt, written out; like
 * kpsec_kx_seal_to otherwise.
 */
void kpsec_kx_seal_sym(u8 *out, u8 salt[KPSEC_KX_KEY_LEN], const u8 *plain, size_t len,
		       const u8 link[KPSEC_KX_KEY_LEN], const u8 *ad, size_t ad_len);
bool kpsec_kx_open_sym(u8 *plain, const u8 *in, size_t len, const u8 salt[KPSEC_KX_KEY_LEN],
		       const u8 link[KPSEC_KX_KEY_LEN], const u8 *ad, size_t ad_len);

/* The tag of a share body under the authenticator secret. */
void kpsec_kx_share_tag(u8 tag[KPSEC_KX_TAG_LEN], const u8 body[KPSEC_KX_SHARE_LEN],
			const u8 auth[KPSEC_KX_KEY_LEN]);

void kpsec_kx_transcript(struct kpsec_kx_transcript *t, u64 xid, u32 src, u32 dst,
			 u8 rho, u8 theta, u8 qkd, const u8 qkd_id[KPSEC_KX_QKD_ID_LEN],
			 const u8 src_pub[KPSEC_KX_KEY_LEN],
			 const u8 src_eph[KPSEC_KX_KEY_LEN], const u8 dst_eph[KPSEC_KX_KEY_LEN]);

/*
 * The response key: from the authenticator secret and DH(dst ephemeral,
 * src static).  The responder passes its ephemeral private key and the
 * source's public key, the initiator its static private key and the
 * responder's ephemeral public key.  False on a low-order point.
 */
bool kpsec_kx_response_key(u8 key[KPSEC_KX_KEY_LEN], const struct kpsec_kx_transcript *t,
			   const u8 auth[KPSEC_KX_KEY_LEN], const u8 priv[KPSEC_KX_KEY_LEN],
			   const u8 pub[KPSEC_KX_KEY_LEN]);

/*
 * The session root: from the response key, the responder's static public
 * key, DH(static, static) and DH(ephemeral, ephemeral).
 */
bool kpsec_kx_root(u8 root[KPSEC_KX_KEY_LEN], const u8 resp_key[KPSEC_KX_KEY_LEN],
		   const u8 dst_pub[KPSEC_KX_KEY_LEN], const u8 static_priv[KPSEC_KX_KEY_LEN],
		   const u8 static_pub[KPSEC_KX_KEY_LEN], const u8 eph_priv[KPSEC_KX_KEY_LEN],
		   const u8 eph_pub[KPSEC_KX_KEY_LEN]);

/* Confirmations and directional data keys from the root. */
void kpsec_kx_confirm(u8 tag[KPSEC_KX_TAG_LEN], const u8 root[KPSEC_KX_KEY_LEN],
		      bool initiator);
void kpsec_kx_data_keys(u8 i2r[KPSEC_KX_KEY_LEN], u8 r2i[KPSEC_KX_KEY_LEN],
			const u8 root[KPSEC_KX_KEY_LEN]);

/* The 32-byte key a QKD key (of any size) and its ID give. */
void kpsec_kx_qkd_prk(u8 prk[KPSEC_KX_KEY_LEN], const u8 id[KPSEC_KX_QKD_ID_LEN],
		      const u8 *key, size_t len);
/* Hybrid mode: mix the QKD key's @prk into a session root. */
void kpsec_kx_qkd_mix(u8 root[KPSEC_KX_KEY_LEN], const u8 prk[KPSEC_KX_KEY_LEN]);
/* QKD-only mode: the tag of a QKD_INIT, and the session root. */
void kpsec_kx_qkd_init_tag(u8 tag[KPSEC_KX_TAG_LEN], const u8 prk[KPSEC_KX_KEY_LEN],
			   u64 xid, u32 src, u32 dst, const u8 id[KPSEC_KX_QKD_ID_LEN],
			   const u8 nonce[KPSEC_KX_NONCE_LEN]);
void kpsec_kx_qkd_root(u8 root[KPSEC_KX_KEY_LEN], const u8 prk[KPSEC_KX_KEY_LEN],
		       u64 xid, u32 src, u32 dst, const u8 id[KPSEC_KX_QKD_ID_LEN],
		       const u8 nonce_i[KPSEC_KX_NONCE_LEN], const u8 nonce_r[KPSEC_KX_NONCE_LEN]);

#endif /* _KPSEC_KX_CRYPTO_H */
