// SPDX-License-Identifier: GPL-2.0
/*
 * Host test of the requests "kpsec setconf", "addconf" and "set" build,
 * without a kernel: tools/cli/conf.c and set.c linked against this file
 * instead of genl.c.  Each KPSEC_CMD_SET_DEVICE is printed on standard
 * output, "kernel: ...", one attribute a line, keys as the first 4 bytes
 * of their BLAKE2b-256 hash, never as themselves; the command's own
 * messages come in between.  At the end, whether every request was freed
 * (genl.c wipes it there) and whether the parsed file was wiped: the
 * program is linked with -Wl,--wrap=kpsec_nodeconf_wipe.
 *
 * Usage: conf_fixture SCENARIO kpsec-command arguments...
 * SCENARIO: "-", "refuse" (the kernel refuses every request: EINVAL) or
 *           "no-family" (the kpsec family is missing).
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "conf.h"
#include "genl.h"
#include "kpsec.h"
#include "nodeconf.h"
#include "set.h"
#include "util.h"

#define FAMILY_ID 0x42

static int allocated, freed, wipes, dirty_wipes;
static bool refuse_all, no_family;

void __real_kpsec_nodeconf_wipe(struct kpsec_nodeconf *conf);
void __wrap_kpsec_nodeconf_wipe(struct kpsec_nodeconf *conf);

/* conf.c's call, checked: every byte is zero afterwards. */
void __wrap_kpsec_nodeconf_wipe(struct kpsec_nodeconf *conf)
{
	const uint8_t *p = (const uint8_t *)conf;
	size_t i;

	__real_kpsec_nodeconf_wipe(conf);
	wipes++;
	for (i = 0; i < sizeof(*conf); i++)
		if (p[i]) {
			dirty_wipes++;
			break;
		}
}

bool kpsec_genl_open(struct kpsec_genl *genl)
{
	genl->sock = NULL;
	genl->family_id = FAMILY_ID;
	if (no_family)
		report("the kpsec generic netlink family is not available: is the kpsec module loaded? (modprobe kpsec)");
	return !no_family;
}

void kpsec_genl_close(struct kpsec_genl *genl)
{
	(void)genl;
}

struct nl_msg *kpsec_genl_request(struct kpsec_genl *genl, uint8_t cmd, bool dump,
				  size_t attr_room)
{
	struct nl_msg *msg = nlmsg_alloc_size(NLMSG_HDRLEN + GENL_HDRLEN + attr_room);

	genlmsg_put(msg, 0, 1, genl->family_id, 0, dump ? NLM_F_DUMP : NLM_F_ACK, cmd,
		    KPSEC_GENL_VERSION);
	allocated++;
	return msg;
}

void kpsec_genl_free_request(struct nl_msg *msg)
{
	struct nlmsghdr *hdr;

	if (!msg)
		return;
	hdr = nlmsg_hdr(msg);
	explicit_bzero(hdr, hdr->nlmsg_len);
	nlmsg_free(msg);
	freed++;
}

/* The first 4 bytes of the BLAKE2b-256 hash of a key, in hex. */
static void print_key(const char *name, const struct nlattr *nla)
{
	uint8_t hash[32];

	if (nla_len(nla) != KPSEC_KEY_LEN) {
		printf(" %s of %d bytes", name, nla_len(nla));
		return;
	}
	crypto_generichash(hash, sizeof(hash), nla_data(nla), KPSEC_KEY_LEN, NULL, 0);
	printf(" %s #%02x%02x%02x%02x", name, hash[0], hash[1], hash[2], hash[3]);
}

/* KPSEC_A_DEVICE_KEYRING or _SYMRING: one line, entries in request order. */
static void print_ring(const char *name, struct nlattr *list, int id_attr, int key_attr,
		       int flags_attr)
{
	struct nlattr *entry, *nla;
	int rem, rem2, n = 0, i = 0;

	nla_for_each_nested(entry, list, rem)
		n++;
	printf("kernel:   %s, %d entr%s:", name, n, n == 1 ? "y" : "ies");
	nla_for_each_nested(entry, list, rem) {
		/* A long ring: its first three entries and its last. */
		if (n > 8 && i++ >= 3 && i < n) {
			printf("%s", i == 4 ? " ..." : "");
			continue;
		}
		printf(" {");
		nla_for_each_nested(nla, entry, rem2) {
			if (nla_type(nla) == id_attr)
				printf("id %u", nla_get_u32(nla));
			else if (nla_type(nla) == key_attr)
				print_key("key", nla);
			else if (nla_type(nla) == flags_attr)
				printf(" flags %#x", nla_get_u32(nla));
			else
				printf(" attr %d", nla_type(nla));
		}
		printf("}");
	}
	putchar('\n');
}

static void print_request(struct nlattr **tb)
{
	uint32_t flags;
	int type;

	printf("kernel: SET_DEVICE\n");
	for (type = 1; type <= KPSEC_A_DEVICE_MAX; type++) {
		struct nlattr *nla = tb[type];

		if (!nla)
			continue;
		switch (type) {
		case KPSEC_A_DEVICE_IFINDEX:
			printf("kernel:   ifindex %u\n", nla_get_u32(nla));
			break;
		case KPSEC_A_DEVICE_FLAGS:
			flags = nla_get_u32(nla);
			printf("kernel:   flags%s%s%s\n",
			       flags & KPSEC_DEVICE_F_REPLACE_PEERS ? " replace-peers" : "",
			       flags & KPSEC_DEVICE_F_REPLACE_KEYRING ? " replace-keyring" : "",
			       flags & KPSEC_DEVICE_F_REPLACE_SYMRING ? " replace-symring" : "");
			break;
		case KPSEC_A_DEVICE_NODE_ID:
			printf("kernel:   node id %u\n", nla_get_u32(nla));
			break;
		case KPSEC_A_DEVICE_PRIVATE_KEY:
			printf("kernel:  ");
			print_key("private key", nla);
			putchar('\n');
			break;
		case KPSEC_A_DEVICE_KEYRING:
			print_ring("key ring", nla, KPSEC_A_RING_NODE_ID, KPSEC_A_RING_PUBLIC_KEY,
				   KPSEC_A_RING_FLAGS);
			break;
		case KPSEC_A_DEVICE_SYMRING:
			print_ring("symmetric key ring", nla, KPSEC_A_SYMKEY_ID, KPSEC_A_SYMKEY_KEY,
				   KPSEC_A_SYMKEY_FLAGS);
			break;
		case KPSEC_A_DEVICE_KX_RHO:
			printf("kernel:   kx rho %u\n", nla_get_u32(nla));
			break;
		case KPSEC_A_DEVICE_SYMRING_Q:
			printf("kernel:   sym q %u\n", nla_get_u32(nla));
			break;
		default:
			printf("kernel:   attribute %d, %d bytes\n", type, nla_len(nla));
		}
	}
}

enum kpsec_transact_result kpsec_genl_transact(struct kpsec_genl *genl,
					       struct nl_msg *request,
					       const char *device,
					       kpsec_reply_fn on_reply, void *arg)
{
	struct genlmsghdr *ghdr = nlmsg_data(nlmsg_hdr(request));
	struct nlattr *tb[KPSEC_A_DEVICE_MAX + 1];

	(void)genl;
	(void)on_reply;
	(void)arg;
	if (ghdr->cmd != KPSEC_CMD_SET_DEVICE ||
	    genlmsg_parse(nlmsg_hdr(request), 0, tb, KPSEC_A_DEVICE_MAX, NULL) < 0) {
		printf("kernel: a request other than SET_DEVICE, or malformed\n");
		report("%s: %s", device, strerror(EINVAL));
		return KPSEC_TRANSACT_FAILED;
	}
	print_request(tb);
	printf("kernel: %u bytes\n", nlmsg_hdr(request)->nlmsg_len);
	fflush(stdout);
	if (refuse_all) {
		report("%s: %s", device, strerror(EINVAL));
		return KPSEC_TRANSACT_FAILED;
	}
	return KPSEC_TRANSACT_OK;
}

enum kpsec_transact_result kpsec_genl_transact_tolerating(struct kpsec_genl *genl,
							  struct nl_msg *request,
							  const char *device,
							  kpsec_reply_fn on_reply,
							  void *arg, int tolerated)
{
	(void)tolerated;
	return kpsec_genl_transact(genl, request, device, on_reply, arg);
}

int main(int argc, char **argv)
{
	int ret;

	if (argc < 3 || sodium_init() < 0)
		return 2;
	refuse_all = !strcmp(argv[1], "refuse");
	no_family = !strcmp(argv[1], "no-family");
	if (!refuse_all && !no_family && strcmp(argv[1], "-"))
		return 2;
	if (!strcmp(argv[2], "set"))
		ret = cmd_set(argc - 2, argv + 2);
	else
		ret = cmd_conf(argc - 2, argv + 2);
	fflush(stderr);
	printf("exit %d; requests: %d built, %d freed; file wiped %d time%s%s\n", ret,
	       allocated, freed, wipes, wipes == 1 ? "" : "s",
	       dirty_wipes ? ", NOT ALL ZERO" : "");
	return 0;
}
