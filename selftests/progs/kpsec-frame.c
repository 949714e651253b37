// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec-frame: capture and inject raw kpsec frames on a lower interface,
 * for tests that replay, corrupt or forge frames.
 *
 *   kpsec-frame capture IFACE FILE [in|out|any] [TIMEOUT_S] [KIND]
 *	save the first kpsec frame of KIND (Ethernet header included) seen
 *	on IFACE, received (in), sent (out, the default) or either (any).
 *	KIND is data (the default), share, response or confirm (key
 *	exchange messages); HELLOs and LSAs are always passed over
 *   kpsec-frame inject IFACE FILE [flip OFFSET]
 *	send the saved frame again, optionally with the low bit of the byte
 *	at OFFSET of the kpsec payload (after the 24-byte header) flipped
 *   kpsec-frame send IFACE DST_MAC HEX
 *	send a kpsec-ethertype frame with the given payload bytes
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

#define KPSEC_ETHERTYPE 0x88B5
#define ETH_HDR 14
#define KPSEC_HDR 24
#define KPSEC_PKT_DATA 1
#define KPSEC_PKT_KX 4
#define MAX_FRAME 65536

static void die(const char *what)
{
	fprintf(stderr, "kpsec-frame: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "usage: kpsec-frame capture IFACE FILE [in|out|any] [TIMEOUT_S]"
			" [data|share|response|confirm]\n"
			"       kpsec-frame inject IFACE FILE [flip OFFSET]\n"
			"       kpsec-frame send IFACE DST_MAC HEX\n");
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
	{ "share", KPSEC_PKT_KX, 1 },
	{ "response", KPSEC_PKT_KX, 2 },
	{ "confirm", KPSEC_PKT_KX, 3 },
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

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
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
		int hi = hexval(hex[i]), lo = hexval(hex[i + 1]);

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
	usage();
	return 2;
}
