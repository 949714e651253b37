/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netlink plumbing: the generic netlink socket for the kpsec family, and
 * request/reply transactions that report the kernel's extended ack
 * message when it refuses a request.
 */
#ifndef KPSEC_CLI_GENL_H
#define KPSEC_CLI_GENL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

/* An optional attribute's value, 0 when it is absent. */
static inline uint32_t nla_u32_or_zero(struct nlattr *nla)
{
	return nla ? nla_get_u32(nla) : 0;
}

static inline uint64_t nla_u64_or_zero(struct nlattr *nla)
{
	return nla ? nla_get_u64(nla) : 0;
}

struct kpsec_genl {
	struct nl_sock *sock;
	int family_id;
};

/* Connect and resolve the "kpsec" family; reports why it could not. */
bool kpsec_genl_open(struct kpsec_genl *genl);
void kpsec_genl_close(struct kpsec_genl *genl);

/*
 * A new request for @cmd, a dump or a command the kernel acks, with room
 * for @attr_room bytes of attributes.
 */
struct nl_msg *kpsec_genl_request(struct kpsec_genl *genl, uint8_t cmd,
				  bool dump, size_t attr_room);

/* Wipe the request (it may carry keys) and free it. */
void kpsec_genl_free_request(struct nl_msg *msg);

/* Called for each reply; returns false after reporting an error. */
typedef bool (*kpsec_reply_fn)(struct nl_msg *reply, void *arg);

enum kpsec_transact_result {
	KPSEC_TRANSACT_OK,
	KPSEC_TRANSACT_FAILED,		/* reported */
	KPSEC_TRANSACT_INTERRUPTED,	/* a dump saw the state change: retry */
	KPSEC_TRANSACT_TOLERATED,	/* refused with the errno tolerated */
};

/*
 * Send @request and receive until its ack or the end of the dump,
 * passing each reply to @on_reply.  A refusal is reported as one line,
 * the kernel's extack message if it sent one, prefixed with @device when
 * not NULL.
 */
enum kpsec_transact_result kpsec_genl_transact(struct kpsec_genl *genl,
					       struct nl_msg *request,
					       const char *device,
					       kpsec_reply_fn on_reply,
					       void *arg);

/*
 * kpsec_genl_transact, but a refusal with the positive errno @tolerated
 * is neither reported nor a failure: KPSEC_TRANSACT_TOLERATED.
 */
enum kpsec_transact_result kpsec_genl_transact_tolerating(struct kpsec_genl *genl,
							  struct nl_msg *request,
							  const char *device,
							  kpsec_reply_fn on_reply,
							  void *arg, int tolerated);

/*
 * Open a non-blocking socket subscribed to the kpsec "events" multicast
 * group (KPSEC_MCGRP_EVENTS).  Reports why it could not.
 */
bool kpsec_genl_open_events(struct kpsec_genl *genl);

enum kpsec_wait_result {
	KPSEC_WAIT_EVENTS,		/* some were passed on, or none yet */
	KPSEC_WAIT_TIMEOUT,		/* nothing came in time */
	KPSEC_WAIT_INTERRUPTED,		/* a signal came */
	KPSEC_WAIT_FAILED,		/* reported */
};

/*
 * Wait up to @timeout_ms (-1: forever) for notifications on a socket of
 * kpsec_genl_open_events, with the signal mask @sigmask (NULL: unchanged)
 * while waiting, and pass each one of the kpsec family to @on_event,
 * which returns false after reporting an error.
 */
enum kpsec_wait_result kpsec_genl_wait_events(struct kpsec_genl *genl, int timeout_ms,
					      const sigset_t *sigmask,
					      kpsec_reply_fn on_event, void *arg);

#endif /* KPSEC_CLI_GENL_H */
