// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "genl.h"
#include "kpsec.h"
#include "util.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* What one transaction learnt from the kernel. */
struct transaction {
	kpsec_reply_fn on_reply;
	void *arg;
	bool done;
	bool reply_failed;	/* on_reply reported an error */
	int error;		/* positive errno the kernel answered */
	char extack[256];	/* the kernel's message, if any */
	long bad_offset;	/* offset of the attribute it blamed, or -1 */
};

static void set_socket_flag(struct nl_sock *sock, int option)
{
	int one = 1;

	/* Best effort: old kernels just lose the nicer error messages. */
	setsockopt(nl_socket_get_fd(sock), SOL_NETLINK, option, &one, sizeof(one));
}

bool kpsec_genl_open(struct kpsec_genl *genl)
{
	int err;

	genl->family_id = -1;
	genl->sock = nl_socket_alloc();
	if (!genl->sock) {
		report("out of memory");
		return false;
	}
	err = genl_connect(genl->sock);
	if (err < 0) {
		report("cannot open a generic netlink socket: %s", nl_geterror(err));
		goto fail;
	}
	/* Extended acks carry the kernel's error message and the offending
	 * attribute; capped acks do not echo our request, which may hold keys. */
	set_socket_flag(genl->sock, NETLINK_EXT_ACK);
	set_socket_flag(genl->sock, NETLINK_CAP_ACK);
	nl_socket_disable_auto_ack(genl->sock);
	nl_socket_enable_msg_peek(genl->sock);

	err = genl_ctrl_resolve(genl->sock, KPSEC_GENL_NAME);
	if (err == -NLE_OBJ_NOTFOUND) {
		report("the kpsec generic netlink family is not available: is the kpsec module loaded? (modprobe kpsec)");
		goto fail;
	}
	if (err < 0) {
		report("cannot look up the kpsec generic netlink family: %s",
		       nl_geterror(err));
		goto fail;
	}
	genl->family_id = err;
	return true;
fail:
	nl_socket_free(genl->sock);
	genl->sock = NULL;
	return false;
}

void kpsec_genl_close(struct kpsec_genl *genl)
{
	if (genl->sock)
		nl_socket_free(genl->sock);
	genl->sock = NULL;
}

struct nl_msg *kpsec_genl_request(struct kpsec_genl *genl, uint8_t cmd,
				  bool dump, size_t attr_room)
{
	struct nl_msg *msg;
	int flags = dump ? NLM_F_DUMP : NLM_F_ACK;

	msg = nlmsg_alloc_size(NLMSG_HDRLEN + GENL_HDRLEN + attr_room);
	if (!msg) {
		report("out of memory");
		return NULL;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, genl->family_id, 0,
			 flags, cmd, KPSEC_GENL_VERSION)) {
		nlmsg_free(msg);
		report("out of memory");
		return NULL;
	}
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
}

/*
 * The extended ack TLVs of an NLMSG_ERROR or NLMSG_DONE message start
 * @payload_used bytes into its payload (aligned).
 */
static void parse_ext_ack(struct transaction *t, struct nlmsghdr *hdr,
			  size_t payload_used)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t start = NLMSG_HDRLEN + NLMSG_ALIGN(payload_used);

	if (!(hdr->nlmsg_flags & NLM_F_ACK_TLVS) || start >= hdr->nlmsg_len)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)hdr + start),
		      (int)(hdr->nlmsg_len - start), NULL) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(t->extack, tb[NLMSGERR_ATTR_MSG], sizeof(t->extack));
	if (tb[NLMSGERR_ATTR_OFFS] && nla_len(tb[NLMSGERR_ATTR_OFFS]) >= 4)
		t->bad_offset = nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
}

/* Payload of an NLMSG_ERROR before its TLVs: the error and our request,
 * or just its header when the ack was capped. */
static size_t nlmsgerr_payload(const struct nlmsghdr *hdr,
			       const struct nlmsgerr *e)
{
	size_t used = sizeof(*e);

	if (!(hdr->nlmsg_flags & NLM_F_CAPPED) && e->msg.nlmsg_len > NLMSG_HDRLEN)
		used += e->msg.nlmsg_len - NLMSG_HDRLEN;
	return used;
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *hdr = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct transaction *t = arg;

	(void)who;
	t->error = e->error < 0 ? -e->error : e->error;
	parse_ext_ack(t, hdr, nlmsgerr_payload(hdr, e));
	t->done = true;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *hdr = nlmsg_hdr(msg);
	struct transaction *t = arg;

	if (hdr->nlmsg_len >= NLMSG_HDRLEN + sizeof(struct nlmsgerr)) {
		parse_ext_ack(t, hdr, nlmsgerr_payload(hdr, nlmsg_data(hdr)));
		if (t->extack[0])
			report("warning: %s", t->extack);
	}
	t->done = true;
	return NL_STOP;
}

/* NLMSG_DONE: the end of a dump, carrying an errno when it failed. */
static int on_dump_done(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *hdr = nlmsg_hdr(msg);
	struct transaction *t = arg;
	int error;

	if (hdr->nlmsg_len >= NLMSG_HDRLEN + sizeof(error)) {
		memcpy(&error, nlmsg_data(hdr), sizeof(error));
		if (error < 0) {
			t->error = -error;
			parse_ext_ack(t, hdr, sizeof(error));
		}
	}
	t->done = true;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct transaction *t = arg;

	if (t->on_reply && !t->on_reply(msg, t->arg)) {
		t->reply_failed = true;
		return NL_STOP;
	}
	return NL_OK;
}

/* The name, as on the command line, of a top-level SET_DEVICE attribute. */
static const char *device_attr_word(int type)
{
	switch (type) {
	case KPSEC_A_DEVICE_IFINDEX:
	case KPSEC_A_DEVICE_IFNAME:
		return "device";
	case KPSEC_A_DEVICE_FLAGS:
		return "replace-peers";
	case KPSEC_A_DEVICE_LOWER_IFINDEX:
	case KPSEC_A_DEVICE_LOWER_IFNAME:
		return "lower";
	case KPSEC_A_DEVICE_NODE_ID:
		return "node-id";
	case KPSEC_A_DEVICE_PREFIX4:
		return "prefix (IPv4)";
	case KPSEC_A_DEVICE_PREFIX6:
		return "prefix (IPv6)";
	case KPSEC_A_DEVICE_PRIVATE_KEY:
		return "private-key";
	case KPSEC_A_DEVICE_PEERS:
		return "peers";
	case KPSEC_A_DEVICE_HELLO_INTERVAL:
		return "hello-interval";
	case KPSEC_A_DEVICE_NEIGH_TIMEOUT:
		return "neigh-timeout";
	case KPSEC_A_DEVICE_LSA_INTERVAL:
		return "lsa-interval";
	case KPSEC_A_DEVICE_KEYRING:
		return "key ring";
	case KPSEC_A_DEVICE_SYMRING:
		return "symmetric key ring";
	case KPSEC_A_DEVICE_SYMRING_Q:
		return "sym-q";
	case KPSEC_A_DEVICE_KX_RHO:
		return "kx-rho";
	case KPSEC_A_DEVICE_KX_THETA:
		return "kx-theta";
	case KPSEC_A_DEVICE_KX_TIMEOUT:
		return "kx-timeout";
	case KPSEC_A_DEVICE_KX_RETRIES:
		return "kx-retries";
	case KPSEC_A_DEVICE_REKEY_AFTER_TIME:
		return "rekey-after-time";
	case KPSEC_A_DEVICE_REKEY_AFTER_MESSAGES:
		return "rekey-after-messages";
	case KPSEC_A_DEVICE_TEST_FLAGS:
		return "test-flags";
	case KPSEC_A_DEVICE_QKD_MODE:
		return "qkd";
	case KPSEC_A_DEVICE_QKD_ON_EMPTY:
		return "qkd-on-empty";
	case KPSEC_A_DEVICE_QKD_MAX_AGE:
		return "qkd-max-age";
	case KPSEC_A_DEVICE_QKD_LOW_WATERMARK:
		return "qkd-low-watermark";
	}
	return NULL;
}

static const char *peer_attr_word(int type)
{
	switch (type) {
	case KPSEC_A_PEER_NODE_ID:
		return "node id";
	case KPSEC_A_PEER_FLAGS:
		return "remove";
	case KPSEC_A_PEER_STATIC_KEY:
		return "static-key";
	case KPSEC_A_PEER_ENDPOINT:
		return "endpoint";
	}
	return NULL;
}

static bool offset_inside(const struct nlattr *nla, const char *base, long offset)
{
	long start = (const char *)nla - base;

	return offset >= start && offset < start + nla->nla_len;
}

/* Describe the attribute of one peer entry that @offset points into. */
static void describe_peer_offset(const struct nlattr *entry, const char *base,
				 long offset, char *buf, size_t size)
{
	const struct nlattr *nla, *node = NULL;
	const char *word = NULL;
	int rem;

	nla_for_each_nested(nla, entry, rem) {
		if (nla_type(nla) == KPSEC_A_PEER_NODE_ID && nla_len(nla) >= 4)
			node = nla;
		if (offset_inside(nla, base, offset))
			word = peer_attr_word(nla_type(nla));
	}
	if (node && word)
		snprintf(buf, size, "peer %u %s", nla_get_u32(node), word);
	else if (node)
		snprintf(buf, size, "peer %u", nla_get_u32(node));
	else
		snprintf(buf, size, "a peer");
}

/* Describe the key ring entry (of setconf, addconf) that @offset points into. */
static void describe_ring_offset(const struct nlattr *entry, char *buf, size_t size)
{
	const struct nlattr *nla;
	int rem;

	nla_for_each_nested(nla, entry, rem) {
		if (nla_type(nla) == KPSEC_A_RING_NODE_ID && nla_len(nla) >= 4) {
			snprintf(buf, size, "key ring node %u", nla_get_u32(nla));
			return;
		}
	}
	snprintf(buf, size, "key ring");
}

/* Describe the symmetric key ring entry (of setconf, addconf) @entry. */
static void describe_symkey_offset(const struct nlattr *entry, char *buf, size_t size)
{
	const struct nlattr *nla;
	int rem;

	nla_for_each_nested(nla, entry, rem) {
		if (nla_type(nla) == KPSEC_A_SYMKEY_ID && nla_len(nla) >= 4) {
			snprintf(buf, size, "pool key %u", nla_get_u32(nla));
			return;
		}
	}
	snprintf(buf, size, "symmetric key ring");
}

/*
 * The command-line words for the attribute at @offset in @request, as
 * the kernel's NLMSGERR_ATTR_OFFS gives it; empty when unknown.
 */
static void describe_offset(struct nl_msg *request, long offset, char *buf,
			    size_t size)
{
	struct nlmsghdr *hdr = nlmsg_hdr(request);
	const char *base = (const char *)hdr;
	struct nlattr *nla, *entry;
	int rem, rem2;

	buf[0] = '\0';
	nla_for_each_attr(nla, genlmsg_attrdata(nlmsg_data(hdr), 0),
			  genlmsg_attrlen(nlmsg_data(hdr), 0), rem) {
		if (!offset_inside(nla, base, offset))
			continue;
		if (nla_type(nla) == KPSEC_A_DEVICE_PEERS) {
			nla_for_each_nested(entry, nla, rem2)
				if (offset_inside(entry, base, offset))
					describe_peer_offset(entry, base, offset,
							     buf, size);
		}
		if (nla_type(nla) == KPSEC_A_DEVICE_KEYRING) {
			nla_for_each_nested(entry, nla, rem2)
				if (offset_inside(entry, base, offset))
					describe_ring_offset(entry, buf, size);
		}
		if (nla_type(nla) == KPSEC_A_DEVICE_SYMRING) {
			nla_for_each_nested(entry, nla, rem2)
				if (offset_inside(entry, base, offset))
					describe_symkey_offset(entry, buf, size);
		}
		/* The flags setconf sends, not those of replace-peers. */
		if (nla_type(nla) == KPSEC_A_DEVICE_FLAGS && nla_len(nla) >= 4 &&
		    (nla_get_u32(nla) & (KPSEC_DEVICE_F_REPLACE_KEYRING |
					 KPSEC_DEVICE_F_REPLACE_SYMRING)))
			snprintf(buf, size, "setconf");
		/* GET_PATH: the node a path was asked for. */
		if (nla_type(nla) == KPSEC_A_DEVICE_PATH_DST && nla_len(nla) >= 4)
			snprintf(buf, size, "node %u", nla_get_u32(nla));
		if (!buf[0] && device_attr_word(nla_type(nla)))
			snprintf(buf, size, "%s", device_attr_word(nla_type(nla)));
		return;
	}
}

static void report_refusal(const struct transaction *t, struct nl_msg *request,
			   const char *device)
{
	char where[64] = "", prefix[IFNAMSIZ + 2];

	snprintf(prefix, sizeof(prefix), "%s%s", device ? device : "",
		 device ? ": " : "");
	if (t->error == EPERM && !t->extack[0]) {
		report("permission denied: kpsec needs CAP_NET_ADMIN");
		return;
	}
	if (!t->extack[0]) {
		/* Older kernels drop the message of a dump's start: this is
		 * how the kpsec family refuses a device that is not its own. */
		if (device && t->error == EOPNOTSUPP)
			report("%snot a kpsec device", prefix);
		else
			report("%s%s", prefix, strerror(t->error));
		return;
	}
	if (t->bad_offset >= 0)
		describe_offset(request, t->bad_offset, where, sizeof(where));
	/* The device is named first already, and the message may name the
	 * argument itself ("no route to node 4"): no need to point at it. */
	if (where[0] && strcmp(where, "device") && !strstr(t->extack, where))
		report("%s%s (at \"%s\")", prefix, t->extack, where);
	else
		report("%s%s", prefix, t->extack);
}

enum kpsec_transact_result kpsec_genl_transact(struct kpsec_genl *genl,
					       struct nl_msg *request,
					       const char *device,
					       kpsec_reply_fn on_reply,
					       void *arg)
{
	return kpsec_genl_transact_tolerating(genl, request, device, on_reply,
					      arg, 0);
}

enum kpsec_transact_result kpsec_genl_transact_tolerating(struct kpsec_genl *genl,
							  struct nl_msg *request,
							  const char *device,
							  kpsec_reply_fn on_reply,
							  void *arg, int tolerated)
{
	struct transaction t = {
		.on_reply = on_reply, .arg = arg, .bad_offset = -1,
	};
	struct nl_cb *cb;
	int err;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		report("out of memory");
		return KPSEC_TRANSACT_FAILED;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &t);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_dump_done, &t);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &t);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &t);

	err = nl_send_auto(genl->sock, request);
	if (err < 0) {
		nl_cb_put(cb);
		report("cannot send the request to the kernel: %s", nl_geterror(err));
		return KPSEC_TRANSACT_FAILED;
	}
	do {
		err = nl_recvmsgs(genl->sock, cb);
	} while (err >= 0 && !t.done && !t.reply_failed);
	nl_cb_put(cb);

	if (t.reply_failed)
		return KPSEC_TRANSACT_FAILED;
	if (t.error && t.error == tolerated)
		return KPSEC_TRANSACT_TOLERATED;
	if (t.error) {
		report_refusal(&t, request, device);
		return KPSEC_TRANSACT_FAILED;
	}
	if (err == -NLE_DUMP_INTR)
		return KPSEC_TRANSACT_INTERRUPTED;
	if (err < 0) {
		report("cannot receive the kernel's answer: %s", nl_geterror(err));
		return KPSEC_TRANSACT_FAILED;
	}
	return KPSEC_TRANSACT_OK;
}

bool kpsec_genl_open_events(struct kpsec_genl *genl)
{
	int group, err;

	if (!kpsec_genl_open(genl))
		return false;
	group = genl_ctrl_resolve_grp(genl->sock, KPSEC_GENL_NAME, KPSEC_MCGRP_EVENTS);
	if (group == -NLE_OBJ_NOTFOUND) {
		report("the kpsec module has no \"%s\" multicast group: it predates key exchange events",
		       KPSEC_MCGRP_EVENTS);
		goto fail;
	}
	if (group < 0) {
		report("cannot look up the kpsec \"%s\" multicast group: %s",
		       KPSEC_MCGRP_EVENTS, nl_geterror(group));
		goto fail;
	}
	err = nl_socket_add_membership(genl->sock, group);
	if (err < 0) {
		report("cannot subscribe to the kpsec \"%s\" multicast group: %s",
		       KPSEC_MCGRP_EVENTS, nl_geterror(err));
		goto fail;
	}
	/* Best effort: a bigger buffer loses fewer events in a burst. */
	nl_socket_set_buffer_size(genl->sock, 1 << 20, 0);
	err = nl_socket_set_nonblocking(genl->sock);
	if (err < 0) {
		report("cannot set up the netlink socket: %s", nl_geterror(err));
		goto fail;
	}
	return true;
fail:
	kpsec_genl_close(genl);
	return false;
}

/* What one kpsec_genl_wait_events call passes its callbacks. */
struct event_wait {
	struct kpsec_genl *genl;
	kpsec_reply_fn on_event;
	void *arg;
	bool failed;
};

/* Notifications carry sequence number 0: none to check. */
static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

static int on_event_valid(struct nl_msg *msg, void *arg)
{
	struct event_wait *w = arg;

	if (nlmsg_hdr(msg)->nlmsg_type != w->genl->family_id)
		return NL_SKIP;
	if (!w->on_event(msg, w->arg)) {
		w->failed = true;
		return NL_STOP;
	}
	return NL_OK;
}

enum kpsec_wait_result kpsec_genl_wait_events(struct kpsec_genl *genl, int timeout_ms,
					      const sigset_t *sigmask,
					      kpsec_reply_fn on_event, void *arg)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(genl->sock), .events = POLLIN };
	struct event_wait w = { .genl = genl, .on_event = on_event, .arg = arg };
	struct timespec ts = { timeout_ms / 1000, timeout_ms % 1000 * 1000000L };
	struct nl_cb *cb;
	int n, err;

	n = ppoll(&pfd, 1, timeout_ms < 0 ? NULL : &ts, sigmask);
	if (n < 0 && errno == EINTR)
		return KPSEC_WAIT_INTERRUPTED;
	if (n < 0) {
		report("cannot wait for kpsec events: %s", strerror(errno));
		return KPSEC_WAIT_FAILED;
	}
	if (n == 0)
		return KPSEC_WAIT_TIMEOUT;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		report("out of memory");
		return KPSEC_WAIT_FAILED;
	}
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event_valid, &w);
	do {
		err = nl_recvmsgs(genl->sock, cb);
		/* The kernel dropped some when the socket buffer was full. */
		if (err == -NLE_NOMEM)
			report("warning: kpsec events were lost: they came faster than they were read");
	} while (!w.failed && (err >= 0 || err == -NLE_NOMEM));
	nl_cb_put(cb);
	if (w.failed)
		return KPSEC_WAIT_FAILED;
	if (err != -NLE_AGAIN) {
		report("cannot receive kpsec events: %s", nl_geterror(err));
		return KPSEC_WAIT_FAILED;
	}
	return KPSEC_WAIT_EVENTS;
}
