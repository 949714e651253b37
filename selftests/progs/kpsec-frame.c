// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec-frame: capture and inject raw kpsec frames on a lower interface,
 * for tests that replay, corrupt or forge frames.
 *
 *   kpsec-frame capture IFACE FILE [in|out|any] [TIMEOUT_S] [KIND]
 *	save the first kpsec frame of KIND (Ethernet header included) seen
 *	on IFACE, received (in), sent (out, the default) or either (any).
 *	KIND is data (the default), share, response, confirm, qkd-init or
 *	qkd-resp (key exchange messages); HELLOs and LSAs are always passed
 *	over
 *   kpsec-frame inject IFACE FILE [flip OFFSET]
 *	send the saved frame again, optionally with the low bit of the byte
 *	at OFFSET of the kpsec payload (after the 24-byte header) flipped
 *   kpsec-frame send IFACE DST_MAC HEX
 *	send a kpsec-ethertype frame with the given payload bytes
 *   kpsec-frame qkd-init FILE SRC_MAC DST_MAC SRC DST KEY_ID KEY [OPTION]...
 *	write to FILE (for inject) the QKD_INIT frame (Documentation/qkd.rst)
 *	node SRC would send node DST, from SRC_MAC to DST_MAC, naming the
 *	QKD key KEY_ID (a UUID) whose bytes are KEY (base64, as in a key
 *	container), with a random nonce and the tag under that key.  Options:
 *	  xid XID    the exchange ID (default: CLOCK_REALTIME in ns, as the
 *	             kernel picks one)
 *	  bad-tag    flip the low bit of the tag's first byte
 *	  len N      cut the body to its first N bytes (a truncated frame)
 *	Prints "xid XID".  The tag is BLAKE2s from OpenSSL:
 *	  K   = BLAKE2s-256("kpsec v1 qkd key" | key ID | key)
 *	  tag = BLAKE2s(key = K, 16 bytes, "kpsec v1 qkd init" | xid | src |
 *	        dst | key ID | nonce)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "base64.h"
#include "kx.h"
#include "uuid.h"
#include "wire.h"

#define KPSEC_ETHERTYPE 0x88B5
#define ETH_HDR 14
#define KPSEC_HDR KPSEC_HDR_LEN
#define MAX_FRAME 65536

static void die(const char *what)
{
	fprintf(stderr, "kpsec-frame: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "usage: kpsec-frame capture IFACE FILE [in|out|any] [TIMEOUT_S]"
			" [data|share|response|confirm|qkd-init|qkd-resp]\n"
			"       kpsec-frame inject IFACE FILE [flip OFFSET]\n"
			"       kpsec-frame send IFACE DST_MAC HEX\n"
			"       kpsec-frame qkd-init FILE SRC_MAC DST_MAC SRC DST KEY_ID KEY_BASE64\n"
			"                 [xid XID] [bad-tag] [len N]\n");
	exit(2);
}

/*
 * A socket of one ethertype sees received frames only; sent frames reach
 * ETH_P_ALL taps alone, so capture binds to ETH_P_ALL and filters here.
 */
static int open_socket(const char *ifname, struct sockaddr_ll *sll, int proto)
{
	int fd = socket(AF_PACKET, SOCK_RAW, htons(proto));

	if (fd < 0)
		die("socket");
	memset(sll, 0, sizeof(*sll));
	sll->sll_family = AF_PACKET;
	sll->sll_protocol = htons(proto);
	sll->sll_ifindex = if_nametoindex(ifname);
	if (!sll->sll_ifindex)
		die(ifname);
	if (bind(fd, (struct sockaddr *)sll, sizeof(*sll)))
		die("bind");
	return fd;
}

/* The frame type and, for a key exchange message, its first body byte. */
struct frame_kind {
	const char *name;
	int type, msg;
};

static const struct frame_kind kinds[] = {
	{ "data", KPSEC_PKT_DATA, -1 },
	{ "share", KPSEC_PKT_KX, KPSEC_KX_MSG_SHARE },
	{ "response", KPSEC_PKT_KX, KPSEC_KX_MSG_RESPONSE },
	{ "confirm", KPSEC_PKT_KX, KPSEC_KX_MSG_CONFIRM },
	{ "qkd-init", KPSEC_PKT_KX, KPSEC_KX_MSG_QKD_INIT },
	{ "qkd-resp", KPSEC_PKT_KX, KPSEC_KX_MSG_QKD_RESP },
};

static const struct frame_kind *find_kind(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].name, name))
			return &kinds[i];
	fprintf(stderr, "kpsec-frame: unknown frame kind %s\n", name);
	exit(2);
}

static bool kind_matches(const struct frame_kind *k, const unsigned char *buf, ssize_t n)
{
	if (n < ETH_HDR + KPSEC_HDR ||
	    buf[12] != KPSEC_ETHERTYPE >> 8 || buf[13] != (KPSEC_ETHERTYPE & 0xff) ||
	    buf[ETH_HDR + 1] != k->type)
		return false;
	return k->msg < 0 || (n > ETH_HDR + KPSEC_HDR && buf[ETH_HDR + KPSEC_HDR] == k->msg);
}

static int capture(const char *ifname, const char *file, const char *dir, int timeout_s,
		   const struct frame_kind *kind)
{
	static unsigned char buf[MAX_FRAME];
	struct sockaddr_ll sll, from;
	struct timespec start, now;
	int fd = open_socket(ifname, &sll, ETH_P_ALL);

	/* Tests wait for this line before they send: the socket sees frames now. */
	printf("listening on %s\n", ifname);
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		socklen_t fl = sizeof(from);
		long left;
		ssize_t n;
		FILE *f;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left = timeout_s * 1000L - ((now.tv_sec - start.tv_sec) * 1000L +
					    (now.tv_nsec - start.tv_nsec) / 1000000L);
		if (left <= 0) {
			fprintf(stderr, "kpsec-frame: no kpsec %s frame on %s within %d s\n",
				kind->name, ifname, timeout_s);
			return 1;
		}
		if (poll(&pfd, 1, (int)left) <= 0)
			continue;
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
		if (n < 0)
			die("recvfrom");
		if (!strcmp(dir, "out") && from.sll_pkttype != PACKET_OUTGOING)
			continue;
		if (!strcmp(dir, "in") && from.sll_pkttype == PACKET_OUTGOING)
			continue;
		if (!kind_matches(kind, buf, n))
			continue;
		f = fopen(file, "wb");
		if (!f || fwrite(buf, 1, n, f) != (size_t)n || fclose(f))
			die(file);
		printf("captured %zd bytes\n", n);
		return 0;
	}
}

static int send_frame(int fd, struct sockaddr_ll *sll, const unsigned char *frame, size_t len)
{
	memcpy(sll->sll_addr, frame, ETH_ALEN);
	sll->sll_halen = ETH_ALEN;
	if (sendto(fd, frame, len, 0, (struct sockaddr *)sll, sizeof(*sll)) != (ssize_t)len)
		die("sendto");
	return 0;
}

static int inject(const char *ifname, const char *file, long flip)
{
	static unsigned char buf[MAX_FRAME];
	struct sockaddr_ll sll;
	FILE *f = fopen(file, "rb");
	size_t n;
	int fd;

	if (!f)
		die(file);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (n < ETH_HDR + KPSEC_HDR) {
		fprintf(stderr, "kpsec-frame: %s: not a kpsec frame\n", file);
		return 1;
	}
	if (flip >= 0) {
		if ((size_t)flip >= n - ETH_HDR - KPSEC_HDR) {
			fprintf(stderr, "kpsec-frame: flip offset %ld beyond the payload\n", flip);
			return 1;
		}
		buf[ETH_HDR + KPSEC_HDR + flip] ^= 1;
	}
	fd = open_socket(ifname, &sll, KPSEC_ETHERTYPE);
	return send_frame(fd, &sll, buf, n);
}

static int send_raw(const char *ifname, const char *mac, const char *hex)
{
	static unsigned char buf[MAX_FRAME];
	struct sockaddr_ll sll;
	unsigned int m[6];
	size_t n = ETH_HDR, i;
	int fd, k;

	if (sscanf(mac, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6) {
		fprintf(stderr, "kpsec-frame: bad MAC %s\n", mac);
		return 2;
	}
	if (strlen(hex) % 2 || strlen(hex) / 2 > MAX_FRAME - ETH_HDR) {
		fprintf(stderr, "kpsec-frame: bad hex payload\n");
		return 2;
	}
	for (i = 0; hex[i]; i += 2) {
		int hi = kpsec_hex_digit(hex[i]), lo = kpsec_hex_digit(hex[i + 1]);

		if (hi < 0 || lo < 0) {
			fprintf(stderr, "kpsec-frame: bad hex payload\n");
			return 2;
		}
		buf[n++] = hi << 4 | lo;
	}
	fd = open_socket(ifname, &sll, KPSEC_ETHERTYPE);
	for (k = 0; k < 6; k++)
		buf[k] = m[k];
	{
		/* Source: the interface's own address, as the kernel would use. */
		struct sockaddr_ll self;
		socklen_t sl = sizeof(self);

		if (getsockname(fd, (struct sockaddr *)&self, &sl) || self.sll_halen != ETH_ALEN)
			die("getsockname");
		memcpy(buf + 6, self.sll_addr, ETH_ALEN);
	}
	buf[12] = KPSEC_ETHERTYPE >> 8;
	buf[13] = KPSEC_ETHERTYPE & 0xff;
	return send_frame(fd, &sll, buf, n);
}

/* ---- QKD_INIT, built as kmod/kx_qkd.c and kmod/kx_crypto.c build it ---- */

#define QKD_LABEL_KEY "kpsec v1 qkd key"
#define QKD_LABEL_INIT "kpsec v1 qkd init"
#define QKD_KEY_MAX 128		/* bytes: 1024 bits, the store's limit */

static void crypto_die(const char *what)
{
	fprintf(stderr, "kpsec-frame: OpenSSL: %s failed\n", what);
	exit(1);
}

/* K = BLAKE2s-256("kpsec v1 qkd key" | key ID | key): kpsec_kx_qkd_prk(). */
static void qkd_prk(unsigned char prk[KPSEC_KX_KEY_LEN], const unsigned char *id,
		    const unsigned char *key, size_t len)
{
	EVP_MD *md = EVP_MD_fetch(NULL, "BLAKE2S-256", NULL);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int out = 0;

	if (!md || !ctx || !EVP_DigestInit_ex(ctx, md, NULL) ||
	    !EVP_DigestUpdate(ctx, QKD_LABEL_KEY, strlen(QKD_LABEL_KEY)) ||
	    !EVP_DigestUpdate(ctx, id, KPSEC_KX_QKD_ID_LEN) ||
	    !EVP_DigestUpdate(ctx, key, len) || !EVP_DigestFinal_ex(ctx, prk, &out) ||
	    out != KPSEC_KX_KEY_LEN)
		crypto_die("BLAKE2S-256");
	EVP_MD_CTX_free(ctx);
	EVP_MD_free(md);
}

/*
 * tag = BLAKE2s(key = K, 16 bytes, "kpsec v1 qkd init" | fixed), a keyed
 * BLAKE2s with a 16-byte digest (not a cut 32-byte one): kpsec_kdf().
 */
static void qkd_init_tag(unsigned char tag[KPSEC_KX_TAG_LEN],
			 const unsigned char prk[KPSEC_KX_KEY_LEN],
			 const unsigned char *fixed, size_t fixed_len)
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "BLAKE2SMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	size_t size = KPSEC_KX_TAG_LEN, out = 0;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size),
		OSSL_PARAM_construct_end(),
	};

	if (!ctx || !EVP_MAC_init(ctx, prk, KPSEC_KX_KEY_LEN, params) ||
	    !EVP_MAC_update(ctx, (const unsigned char *)QKD_LABEL_INIT,
			    strlen(QKD_LABEL_INIT)) ||
	    !EVP_MAC_update(ctx, fixed, fixed_len) ||
	    !EVP_MAC_final(ctx, tag, &out, KPSEC_KX_TAG_LEN) || out != KPSEC_KX_TAG_LEN)
		crypto_die("BLAKE2SMAC");
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
}

static bool parse_mac(const char *s, unsigned char mac[ETH_ALEN])
{
	unsigned int m[ETH_ALEN];
	char end;
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5],
		   &end) != 6)
		return false;
	for (i = 0; i < ETH_ALEN; i++) {
		if (m[i] > 0xff)
			return false;
		mac[i] = m[i];
	}
	return true;
}

static bool parse_u64(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 10);
	return !errno && *s >= '0' && *s <= '9' && !*end;
}

static void random_bytes(unsigned char *p, size_t n)
{
	FILE *f = fopen("/dev/urandom", "rb");

	if (!f || fread(p, 1, n, f) != n)
		die("/dev/urandom");
	fclose(f);
}

static int qkd_init(int argc, char **argv)
{
	unsigned char frame[ETH_HDR + KPSEC_HDR_LEN + KPSEC_KX_QKD_INIT_LEN];
	unsigned char id[KPSEC_KX_QKD_ID_LEN], key[QKD_KEY_MAX], prk[KPSEC_KX_KEY_LEN];
	unsigned char fixed[8 + 4 + 4 + KPSEC_KX_QKD_ID_LEN + KPSEC_KX_NONCE_LEN];
	unsigned char *body = frame + ETH_HDR + KPSEC_HDR_LEN, *nonce, *tag;
	unsigned long long src, dst, xid = 0, cut = KPSEC_KX_QKD_INIT_LEN;
	const char *file = argv[0];
	struct kpsec_hdr h = {
		.version = KPSEC_WIRE_VERSION,
		.type = KPSEC_PKT_KX,
		.ttl = KPSEC_DEFAULT_TTL,
	};
	bool bad_tag = false;
	struct timespec now;
	long key_len;
	size_t len;
	FILE *f;
	int i;

	if (!parse_mac(argv[1], frame + 6) || !parse_mac(argv[2], frame)) {
		fprintf(stderr, "kpsec-frame: bad MAC address\n");
		return 2;
	}
	if (!parse_u64(argv[3], &src) || !parse_u64(argv[4], &dst) ||
	    src > 0xffffffffULL || dst > 0xffffffffULL) {
		fprintf(stderr, "kpsec-frame: bad node ID\n");
		return 2;
	}
	if (!kpsec_uuid_parse(argv[5], id)) {
		fprintf(stderr, "kpsec-frame: bad key ID %s (want a UUID)\n", argv[5]);
		return 2;
	}
	key_len = kpsec_b64_decode(key, sizeof(key), argv[6], strlen(argv[6]));
	if (key_len < 16) {
		fprintf(stderr, "kpsec-frame: bad key (want base64 of 16 to 128 bytes)\n");
		return 2;
	}
	for (i = 7; i < argc; i++) {
		if (!strcmp(argv[i], "bad-tag")) {
			bad_tag = true;
		} else if (!strcmp(argv[i], "xid") && i + 1 < argc && parse_u64(argv[i + 1], &xid)) {
			i++;
		} else if (!strcmp(argv[i], "len") && i + 1 < argc &&
			   parse_u64(argv[i + 1], &cut) && cut <= KPSEC_KX_QKD_INIT_LEN) {
			i++;
		} else {
			fprintf(stderr, "kpsec-frame: qkd-init: bad option %s\n", argv[i]);
			return 2;
		}
	}
	if (!xid) {
		clock_gettime(CLOCK_REALTIME, &now);
		xid = (unsigned long long)now.tv_sec * 1000000000ULL + now.tv_nsec;
	}

	frame[12] = KPSEC_ETHERTYPE >> 8;
	frame[13] = KPSEC_ETHERTYPE & 0xff;
	h.src = src;
	h.dst = dst;
	random_bytes((unsigned char *)&h.counter, sizeof(h.counter));
	kpsec_hdr_encode(frame + ETH_HDR, &h);

	/* u8 msg | 3 reserved | u64 xid | key ID | nonce | tag (lib/kx.h) */
	kpsec_kx_msg_header(body, KPSEC_KX_MSG_QKD_INIT);
	kpsec_kx_put_xid(body + 4, xid);
	memcpy(body + 12, id, KPSEC_KX_QKD_ID_LEN);
	nonce = body + 12 + KPSEC_KX_QKD_ID_LEN;
	tag = nonce + KPSEC_KX_NONCE_LEN;
	random_bytes(nonce, KPSEC_KX_NONCE_LEN);

	/* xid | src | dst | key ID | nonce, big-endian: kpsec_kx_qkd_fixed() */
	kpsec_kx_put_xid(fixed, xid);
	for (i = 0; i < 4; i++) {
		fixed[8 + i] = src >> (24 - 8 * i);
		fixed[12 + i] = dst >> (24 - 8 * i);
	}
	memcpy(fixed + 16, id, KPSEC_KX_QKD_ID_LEN);
	memcpy(fixed + 16 + KPSEC_KX_QKD_ID_LEN, nonce, KPSEC_KX_NONCE_LEN);
	qkd_prk(prk, id, key, key_len);
	qkd_init_tag(tag, prk, fixed, sizeof(fixed));
	if (bad_tag)
		tag[0] ^= 1;
	memset(key, 0, sizeof(key));
	memset(prk, 0, sizeof(prk));
	if (cut == KPSEC_KX_QKD_INIT_LEN &&
	    kpsec_kx_frame_check(body, KPSEC_KX_QKD_INIT_LEN) != KPSEC_KX_ERR_OK) {
		fprintf(stderr, "kpsec-frame: built a QKD_INIT lib/kx.c refuses\n");
		return 1;
	}

	len = ETH_HDR + KPSEC_HDR_LEN + cut;
	f = fopen(file, "wb");
	if (!f || fwrite(frame, 1, len, f) != len || fclose(f))
		die(file);
	printf("xid %llu\n", xid);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "capture"))
		return capture(argv[2], argv[3], argc > 4 ? argv[4] : "out",
			       argc > 5 ? atoi(argv[5]) : 10,
			       find_kind(argc > 6 ? argv[6] : "data"));
	if ((argc == 4 || argc == 6) && !strcmp(argv[1], "inject"))
		return inject(argv[2], argv[3],
			      argc == 6 && !strcmp(argv[4], "flip") ? atol(argv[5]) : -1);
	if (argc == 5 && !strcmp(argv[1], "send"))
		return send_raw(argv[2], argv[3], argv[4]);
	if (argc >= 9 && !strcmp(argv[1], "qkd-init"))
		return qkd_init(argc - 2, argv + 2);
	usage();
	return 2;
}
