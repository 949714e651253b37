/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The planner's common helpers: the error convention and the questions
 * every analysis asks of a plan (shared keys, secure link).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "nodeconf.h"
#include "overlay.h"
#include "plan.h"

int plan_err(char *err, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err, PLAN_ERR_LEN, fmt, ap);
		va_end(ap);
	}
	return -1;
}

void plan_free(struct plan *p)
{
	if (!p)
		return;
	free(p->sym_first);
	free(p->sym);
	free(p->pub_first);
	free(p->pub);
	p->sym_first = p->sym = p->pub_first = p->pub = NULL;
}

u32 plan_shared(const struct plan *p, u32 u, u32 v)
{
	if (!p->sym_first || u >= p->n || v >= p->n)
		return 0;
	return kpsec_shared_count(p->sym + p->sym_first[u], p->sym_first[u + 1] - p->sym_first[u],
				  p->sym + p->sym_first[v], p->sym_first[v + 1] - p->sym_first[v]);
}

static bool pub_holds(const struct plan *p, u32 u, u32 v)
{
	u32 lo = p->pub_first[u], hi = p->pub_first[u + 1];

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (p->pub[mid] == v)
			return true;
		if (p->pub[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool plan_link(const struct plan *p, u32 u, u32 v)
{
	if (u >= p->n || v >= p->n || u == v)
		return false;
	if (p->pub_first && pub_holds(p, u, v))
		return true;
	if (p->sym_first && plan_shared(p, u, v) >= (p->q ? p->q : 1))
		return true;
	return false;
}

int plan_check_nodes(u32 n, u32 first_id, char *err)
{
	if (!n)
		return plan_err(err, "n = 0: a plan needs at least one node");
	if (first_id > KPSEC_NODECONF_NODE_ID_MAX || n - 1 > KPSEC_NODECONF_NODE_ID_MAX - first_id)
		return plan_err(err, "node IDs %u .. %llu exceed the largest node ID 0x%x",
				first_id, (unsigned long long)first_id + n - 1,
				KPSEC_NODECONF_NODE_ID_MAX);
	return 0;
}

double plan_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}
