// SPDX-License-Identifier: GPL-2.0
/* Key exchange cryptography: see kx_crypto.h and Documentation/key-exchange.rst. */
#include <linux/random.h>
#include <linux/string.h>
#include <crypto/blake2s.h>
#include <crypto/chacha20poly1305.h>
#include <crypto/curve25519.h>
#include "kx_crypto.h"
#include "../lib/be.h"

#define KPSEC_KX_LABEL_HOP "kpsec v1 overlay hop"
#define KPSEC_KX_LABEL_AUTH "kpsec v1 share authenticator"
#define KPSEC_KX_LABEL_TRANSCRIPT "kpsec v1 transcript"
#define KPSEC_KX_LABEL_RESPONSE "kpsec v1 response"
#define KPSEC_KX_LABEL_ROOT "kpsec v1 session root"
#define KPSEC_KX_LABEL_CONFIRM_I "kpsec v1 confirm initiator"
#define KPSEC_KX_LABEL_CONFIRM_R "kpsec v1 confirm responder"
#define KPSEC_KX_LABEL_I2R "kpsec v1 initiator to responder"
#define KPSEC_KX_LABEL_R2I "kpsec v1 responder to initiator"
#define KPSEC_KX_LABEL_QKD_KEY "kpsec v1 qkd key"
#define KPSEC_KX_LABEL_QKD_HYBRID "kpsec v1 qkd hybrid"
#define KPSEC_KX_LABEL_QKD_INIT "kpsec v1 qkd init"
#define KPSEC_KX_LABEL_QKD_ROOT "kpsec v1 qkd root"
#define KPSEC_KX_LABEL_POOL_LINK "kpsec v1 pool link"
#define KPSEC_KX_LABEL_POOL_HOP "kpsec v1 pool hop"

/* Keyed BLAKE2s of label | parts: a PRF, our KDF and MAC. */
static void kpsec_kdf(u8 *out, size_t outlen, const u8 key[KPSEC_KX_KEY_LEN],
		      const char *label, const u8 *a, size_t alen, const u8 *b, size_t blen)
{
	struct blake2s_state s;

	blake2s_init_key(&s, outlen, key, KPSEC_KX_KEY_LEN);
	blake2s_update(&s, label, strlen(label));
	blake2s_update(&s, a, alen);
	blake2s_update(&s, b, blen);
	blake2s_final(&s, out);
}

bool kpsec_kx_keypair(u8 priv[KPSEC_KX_KEY_LEN], u8 pub[KPSEC_KX_KEY_LEN])
{
	curve25519_generate_secret(priv);
	return curve25519_generate_public(pub, priv);
}

/* The key of one overlay hop, from DH(ephemeral, recipient static). */
static void kpsec_kx_hop_key(u8 key[KPSEC_KX_KEY_LEN], const u8 dh[KPSEC_KX_KEY_LEN],
			     const u8 eph[KPSEC_KX_KEY_LEN], const u8 to_pub[KPSEC_KX_KEY_LEN])
{
	kpsec_kdf(key, KPSEC_KX_KEY_LEN, dh, KPSEC_KX_LABEL_HOP, eph, KPSEC_KX_KEY_LEN,
		  to_pub, KPSEC_KX_KEY_LEN);
}

bool kpsec_kx_seal_to(u8 *out, u8 eph[KPSEC_KX_KEY_LEN], const u8 *plain, size_t len,
		      const u8 to_pub[KPSEC_KX_KEY_LEN], const u8 *ad, size_t ad_len)
{
	u8 priv[KPSEC_KX_KEY_LEN], dh[KPSEC_KX_KEY_LEN], key[KPSEC_KX_KEY_LEN];
	bool ok = false;

	if (!kpsec_kx_keypair(priv, eph) || !curve25519(dh, priv, to_pub))
		goto out;
	kpsec_kx_hop_key(key, dh, eph, to_pub);
	/* The key is used once: a zero nonce is safe. */
	chacha20poly1305_encrypt(out, plain, len, ad, ad_len, 0, key);
	ok = true;
out:
	memzero_explicit(priv, sizeof(priv));
	memzero_explicit(dh, sizeof(dh));
	memzero_explicit(key, sizeof(key));
	return ok;
}

bool kpsec_kx_open_from(u8 *plain, const u8 *in, size_t len, const u8 eph[KPSEC_KX_KEY_LEN],
			const u8 priv[KPSEC_KX_KEY_LEN], const u8 pub[KPSEC_KX_KEY_LEN],
			const u8 *ad, size_t ad_len)
{
	u8 dh[KPSEC_KX_KEY_LEN], key[KPSEC_KX_KEY_LEN];
	bool ok = false;

	if (len < KPSEC_KX_TAG_LEN || !curve25519(dh, priv, eph))
		goto out;
	kpsec_kx_hop_key(key, dh, eph, pub);
	ok = chacha20poly1305_decrypt(plain, in, len, ad, ad_len, 0, key);
out:
	memzero_explicit(dh, sizeof(dh));
	memzero_explicit(key, sizeof(key));
	return ok;
}

void kpsec_kx_link_init(struct blake2s_state *s, u32 a, u32 b)
{
	u8 ids[8];

	/* Both ends must hash the same bytes: the lower ID first. */
	kpsec_put_be32(ids, min(a, b));
	kpsec_put_be32(ids + 4, max(a, b));
	blake2s_init(s, KPSEC_KX_KEY_LEN);
	blake2s_update(s, KPSEC_KX_LABEL_POOL_LINK, strlen(KPSEC_KX_LABEL_POOL_LINK));
	blake2s_update(s, ids, sizeof(ids));
}

void kpsec_kx_link_add(struct blake2s_state *s, u32 id, const u8 key[KPSEC_KX_KEY_LEN])
{
	u8 be[4];

	kpsec_put_be32(be, id);
	blake2s_update(s, be, sizeof(be));
	blake2s_update(s, key, KPSEC_KX_KEY_LEN);
}

void kpsec_kx_link_final(struct blake2s_state *s, u8 link[KPSEC_KX_KEY_LEN])
{
	blake2s_final(s, link);
}

void kpsec_kx_seal_sym(u8 *out, u8 salt[KPSEC_KX_KEY_LEN], const u8 *plain, size_t len,
		       const u8 link[KPSEC_KX_KEY_LEN], const u8 *ad, size_t ad_len)
{
	u8 key[KPSEC_KX_KEY_LEN];

	get_random_bytes(salt, KPSEC_KX_KEY_LEN);
	kpsec_kdf(key, KPSEC_KX_KEY_LEN, link, KPSEC_KX_LABEL_POOL_HOP, salt,
		  KPSEC_KX_KEY_LEN, NULL, 0);
	/* A fresh 256-bit salt gives a fresh key: a zero nonce is safe. */
	chacha20poly1305_encrypt(out, plain, len, ad, ad_len, 0, key);
	memzero_explicit(key, sizeof(key));
}

bool kpsec_kx_open_sym(u8 *plain, const u8 *in, size_t len, const u8 salt[KPSEC_KX_KEY_LEN],
		       const u8 link[KPSEC_KX_KEY_LEN], const u8 *ad, size_t ad_len)
{
	u8 key[KPSEC_KX_KEY_LEN];
	bool ok;

	if (len < KPSEC_KX_TAG_LEN)
		return false;
	kpsec_kdf(key, KPSEC_KX_KEY_LEN, link, KPSEC_KX_LABEL_POOL_HOP, salt,
		  KPSEC_KX_KEY_LEN, NULL, 0);
	ok = chacha20poly1305_decrypt(plain, in, len, ad, ad_len, 0, key);
	memzero_explicit(key, sizeof(key));
	return ok;
}

void kpsec_kx_share_tag(u8 tag[KPSEC_KX_TAG_LEN], const u8 body[KPSEC_KX_SHARE_LEN],
			const u8 auth[KPSEC_KX_KEY_LEN])
{
	kpsec_kdf(tag, KPSEC_KX_TAG_LEN, auth, KPSEC_KX_LABEL_AUTH, body,
		  KPSEC_KX_SHARE_AUTH_LEN, NULL, 0);
}

void kpsec_kx_transcript(struct kpsec_kx_transcript *t, u64 xid, u32 src, u32 dst,
			 u8 rho, u8 theta, u8 qkd, const u8 qkd_id[KPSEC_KX_QKD_ID_LEN],
			 const u8 src_pub[KPSEC_KX_KEY_LEN],
			 const u8 src_eph[KPSEC_KX_KEY_LEN], const u8 dst_eph[KPSEC_KX_KEY_LEN])
{
	u8 fixed[8 + 4 + 4 + 3 + KPSEC_KX_QKD_ID_LEN];
	struct blake2s_state s;

	kpsec_kx_put_xid(fixed, xid);
	kpsec_put_be32(fixed + 8, src);
	kpsec_put_be32(fixed + 12, dst);
	fixed[16] = rho;
	fixed[17] = theta;
	fixed[18] = qkd;
	memcpy(fixed + 19, qkd_id, KPSEC_KX_QKD_ID_LEN);
	blake2s_init(&s, KPSEC_KX_KEY_LEN);
	blake2s_update(&s, KPSEC_KX_LABEL_TRANSCRIPT, strlen(KPSEC_KX_LABEL_TRANSCRIPT));
	blake2s_update(&s, fixed, sizeof(fixed));
	blake2s_update(&s, src_pub, KPSEC_KX_KEY_LEN);
	blake2s_update(&s, src_eph, KPSEC_KX_KEY_LEN);
	blake2s_update(&s, dst_eph, KPSEC_KX_KEY_LEN);
	blake2s_final(&s, t->hash);
}

bool kpsec_kx_response_key(u8 key[KPSEC_KX_KEY_LEN], const struct kpsec_kx_transcript *t,
			   const u8 auth[KPSEC_KX_KEY_LEN], const u8 priv[KPSEC_KX_KEY_LEN],
			   const u8 pub[KPSEC_KX_KEY_LEN])
{
	u8 dh[KPSEC_KX_KEY_LEN];
	bool ok;

	ok = curve25519(dh, priv, pub);
	if (ok)
		kpsec_kdf(key, KPSEC_KX_KEY_LEN, auth, KPSEC_KX_LABEL_RESPONSE, t->hash,
			  KPSEC_KX_KEY_LEN, dh, KPSEC_KX_KEY_LEN);
	memzero_explicit(dh, sizeof(dh));
	return ok;
}

bool kpsec_kx_root(u8 root[KPSEC_KX_KEY_LEN], const u8 resp_key[KPSEC_KX_KEY_LEN],
		   const u8 dst_pub[KPSEC_KX_KEY_LEN], const u8 static_priv[KPSEC_KX_KEY_LEN],
		   const u8 static_pub[KPSEC_KX_KEY_LEN], const u8 eph_priv[KPSEC_KX_KEY_LEN],
		   const u8 eph_pub[KPSEC_KX_KEY_LEN])
{
	u8 dh[2 * KPSEC_KX_KEY_LEN];
	bool ok;

	/* The paper's k_sd = x_s y_d = x_d y_s, and an ephemeral DH for freshness. */
	ok = curve25519(dh, static_priv, static_pub) &&
	     curve25519(dh + KPSEC_KX_KEY_LEN, eph_priv, eph_pub);
	if (ok)
		kpsec_kdf(root, KPSEC_KX_KEY_LEN, resp_key, KPSEC_KX_LABEL_ROOT, dst_pub,
			  KPSEC_KX_KEY_LEN, dh, sizeof(dh));
	memzero_explicit(dh, sizeof(dh));
	return ok;
}

void kpsec_kx_confirm(u8 tag[KPSEC_KX_TAG_LEN], const u8 root[KPSEC_KX_KEY_LEN],
		      bool initiator)
{
	kpsec_kdf(tag, KPSEC_KX_TAG_LEN, root,
		  initiator ? KPSEC_KX_LABEL_CONFIRM_I : KPSEC_KX_LABEL_CONFIRM_R,
		  NULL, 0, NULL, 0);
}

void kpsec_kx_data_keys(u8 i2r[KPSEC_KX_KEY_LEN], u8 r2i[KPSEC_KX_KEY_LEN],
			const u8 root[KPSEC_KX_KEY_LEN])
{
	kpsec_kdf(i2r, KPSEC_KX_KEY_LEN, root, KPSEC_KX_LABEL_I2R, NULL, 0, NULL, 0);
	kpsec_kdf(r2i, KPSEC_KX_KEY_LEN, root, KPSEC_KX_LABEL_R2I, NULL, 0, NULL, 0);
}

void kpsec_kx_qkd_prk(u8 prk[KPSEC_KX_KEY_LEN], const u8 id[KPSEC_KX_QKD_ID_LEN],
		      const u8 *key, size_t len)
{
	struct blake2s_state s;

	/* QKD keys may be longer than a BLAKE2s key: hash them down first. */
	blake2s_init(&s, KPSEC_KX_KEY_LEN);
	blake2s_update(&s, KPSEC_KX_LABEL_QKD_KEY, strlen(KPSEC_KX_LABEL_QKD_KEY));
	blake2s_update(&s, id, KPSEC_KX_QKD_ID_LEN);
	blake2s_update(&s, key, len);
	blake2s_final(&s, prk);
}

void kpsec_kx_qkd_mix(u8 root[KPSEC_KX_KEY_LEN], const u8 prk[KPSEC_KX_KEY_LEN])
{
	u8 out[KPSEC_KX_KEY_LEN];

	/* Keyed by the X25519 root over the QKD key: either one keeps it secret. */
	kpsec_kdf(out, KPSEC_KX_KEY_LEN, root, KPSEC_KX_LABEL_QKD_HYBRID, prk,
		  KPSEC_KX_KEY_LEN, NULL, 0);
	memcpy(root, out, KPSEC_KX_KEY_LEN);
	memzero_explicit(out, sizeof(out));
}

/* xid | src | dst | key ID | initiator nonce: what a QKD-only exchange binds. */
#define KPSEC_KX_QKD_FIXED (8 + 4 + 4 + KPSEC_KX_QKD_ID_LEN + KPSEC_KX_NONCE_LEN)

static void kpsec_kx_qkd_fixed(u8 out[KPSEC_KX_QKD_FIXED], u64 xid, u32 src, u32 dst,
			       const u8 id[KPSEC_KX_QKD_ID_LEN],
			       const u8 nonce[KPSEC_KX_NONCE_LEN])
{
	kpsec_kx_put_xid(out, xid);
	kpsec_put_be32(out + 8, src);
	kpsec_put_be32(out + 12, dst);
	memcpy(out + 16, id, KPSEC_KX_QKD_ID_LEN);
	memcpy(out + 16 + KPSEC_KX_QKD_ID_LEN, nonce, KPSEC_KX_NONCE_LEN);
}

void kpsec_kx_qkd_init_tag(u8 tag[KPSEC_KX_TAG_LEN], const u8 prk[KPSEC_KX_KEY_LEN],
			   u64 xid, u32 src, u32 dst, const u8 id[KPSEC_KX_QKD_ID_LEN],
			   const u8 nonce[KPSEC_KX_NONCE_LEN])
{
	u8 fixed[KPSEC_KX_QKD_FIXED];

	kpsec_kx_qkd_fixed(fixed, xid, src, dst, id, nonce);
	kpsec_kdf(tag, KPSEC_KX_TAG_LEN, prk, KPSEC_KX_LABEL_QKD_INIT, fixed, sizeof(fixed),
		  NULL, 0);
}

void kpsec_kx_qkd_root(u8 root[KPSEC_KX_KEY_LEN], const u8 prk[KPSEC_KX_KEY_LEN],
		       u64 xid, u32 src, u32 dst, const u8 id[KPSEC_KX_QKD_ID_LEN],
		       const u8 nonce_i[KPSEC_KX_NONCE_LEN], const u8 nonce_r[KPSEC_KX_NONCE_LEN])
{
	u8 fixed[KPSEC_KX_QKD_FIXED];

	kpsec_kx_qkd_fixed(fixed, xid, src, dst, id, nonce_i);
	kpsec_kdf(root, KPSEC_KX_KEY_LEN, prk, KPSEC_KX_LABEL_QKD_ROOT, fixed, sizeof(fixed),
		  nonce_r, KPSEC_KX_NONCE_LEN);
}
