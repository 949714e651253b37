/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The q-composite key management ILP (Xu, Semenov, Rysz): parameter
 * checks, the two exact MILP models, the verifier, and the plan built
 * from an assignment.  See Documentation/planner/ilp.rst.
 *
 * ILP_MODEL_PAPER is the linearisation (3) as printed, x_ik binary, y
 * continuous (for binary x, (3d) and (3e) force y = x_ik x_jk) and z
 * binary, with optional first-holder symmetry breaking of the keys.
 *
 * ILP_MODEL_PATTERN counts keys by holder set: every key of the pool is
 * alike, so an assignment is fully described by how many keys each set of
 * holders S gets (lambda_S).  Only "valid" sets are needed: 2 <= |S| <= t_k,
 * no vertex of S without a neighbour in S (dropping such a holder loses
 * nothing) and |N(i) & S| <= floor(p|N(i)| + alpha) for i in S, which is
 * (1d) for that key.  This removes the key symmetry completely.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ilp.h"
#include "ilp_int.h"
#include "milp.h"

/* Beyond this many holder sets the pattern model is not worth building. */
#define ILP_PATTERN_MAX 2000000u

int ilp_check_params(const struct ilp_instance *in, char *err)
{
	if (!in->g || !in->g->n)
		return plan_err(err, "the topology has no vertices");
	if (!in->keys)
		return plan_err(err, "|K| = 0: the key pool must hold at least one key");
	if (!in->q)
		return plan_err(err, "q = 0: a secure link needs at least one shared key");
	if (in->q > in->keys)
		return plan_err(err, "q = %u exceeds |K| = %u: no edge could share q keys",
				in->q, in->keys);
	if (!in->key_mem)
		return plan_err(err, "m_k = 0: a key needs at least one unit of memory");
	if (in->key_limit < 2)
		return plan_err(err, "t_k = %u < 2: no key could be shared", in->key_limit);
	if ((u64)in->mem < (u64)in->q * in->key_mem)
		return plan_err(err,
				"c_i = %u < q m_k = %llu: a node must be able to hold at least q keys",
				in->mem, (unsigned long long)in->q * in->key_mem);
	if (!(in->p >= 0 && in->p <= 1))
		return plan_err(err, "p = %g must be in [0,1]", in->p);
	if (!in->alpha)
		return plan_err(err, "alpha must be a positive integer");
	return 0;
}

static u32 degree(const struct plan_topo *g, u32 i)
{
	return g->first[i + 1] - g->first[i];
}

u32 ilp_nbr_limit(const struct ilp_instance *in, u32 i)
{
	/* the left side of (1d) is an integer: round the right side down */
	return (u32)floor(in->p * degree(in->g, i) + in->alpha + 1e-9);
}

/* Index of edge (u, v) in g->eu/ev, or -1. */
long ilp_edge_index(const struct plan_topo *g, u32 u, u32 v)
{
	size_t lo = 0, hi = g->m;

	if (u > v) {
		u32 t = u;

		u = v;
		v = t;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (g->eu[mid] < u || (g->eu[mid] == u && g->ev[mid] < v))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->m && g->eu[lo] == u && g->ev[lo] == v ? (long)lo : -1;
}

static bool adjacent(const struct plan_topo *g, u32 u, u32 v)
{
	return ilp_edge_index(g, u, v) >= 0;
}

void ilp_solution_free(struct ilp_solution *sol)
{
	free(sol->first);
	free(sol->holders);
	memset(sol, 0, sizeof(*sol));
}

/* Edges whose ends share >= q keys of @sol (holder lists valid). */
u32 ilp_count_secure(const struct ilp_instance *in, const struct ilp_solution *sol,
		     u32 *shared)
{
	const struct plan_topo *g = in->g;
	u32 k, a, b, n = 0;
	long e;

	memset(shared, 0, (size_t)g->m * sizeof(*shared));
	for (k = 0; k < sol->used; k++)
		for (a = sol->first[k]; a < sol->first[k + 1]; a++)
			for (b = a + 1; b < sol->first[k + 1]; b++) {
				e = ilp_edge_index(g, sol->holders[a], sol->holders[b]);
				if (e >= 0)
					shared[e]++;
			}
	for (e = 0; e < (long)g->m; e++)
		n += shared[e] >= in->q;
	return n;
}

int ilp_verify(const struct ilp_instance *in, const struct ilp_solution *sol, char *err)
{
	const struct plan_topo *g = in->g;
	u32 *held = NULL, *shared = NULL, k, a, b, i, nb, got;
	int ret = -1;

	if (ilp_check_params(in, err))
		return -1;
	if (sol->used > in->keys)
		return plan_err(err, "pool: %u keys used but |K| = %u", sol->used, in->keys);
	if (!sol->first || sol->first[0])
		return plan_err(err, "malformed solution: holder lists do not start at 0");
	held = calloc(g->n, sizeof(*held));
	shared = calloc(g->m ? g->m : 1, sizeof(*shared));
	if (!held || !shared) {
		plan_err(err, "out of memory");
		goto out;
	}
	for (k = 0; k < sol->used; k++) {
		if (sol->first[k + 1] < sol->first[k]) {
			plan_err(err, "malformed solution: holder list of key %u", k);
			goto out;
		}
		for (a = sol->first[k]; a < sol->first[k + 1]; a++) {
			i = sol->holders[a];
			if (i >= g->n || (a > sol->first[k] && sol->holders[a - 1] >= i)) {
				plan_err(err, "(1f) key %u: holders not distinct increasing vertices < %u",
					 k, g->n);
				goto out;
			}
			held[i]++;
		}
		/* (1e) */
		if (sol->first[k + 1] - sol->first[k] > in->key_limit) {
			plan_err(err, "(1e) key limit: key %u is held by %u vertices > t_k = %u", k,
				 sol->first[k + 1] - sol->first[k], in->key_limit);
			goto out;
		}
		/* (1d): neighbours of i that hold k too */
		for (a = sol->first[k]; a < sol->first[k + 1]; a++) {
			i = sol->holders[a];
			nb = 0;
			for (b = sol->first[k]; b < sol->first[k + 1]; b++)
				nb += b != a && adjacent(g, i, sol->holders[b]);
			if (nb > ilp_nbr_limit(in, i)) {
				plan_err(err,
					 "(1d) neighbourhood: vertex %u shares key %u with %u neighbours > floor(p|N(i)| + alpha) = %u",
					 i, k, nb, ilp_nbr_limit(in, i));
				goto out;
			}
		}
	}
	/* (1b) */
	for (i = 0; i < g->n; i++)
		if ((u64)held[i] * in->key_mem > in->mem) {
			plan_err(err, "(1b) memory: vertex %u holds %u keys x m_k = %u > c_i = %u",
				 i, held[i], in->key_mem, in->mem);
			goto out;
		}
	/* (1c), (1a): z_ij = 1 exactly where the ends share >= q keys */
	got = ilp_count_secure(in, sol, shared);
	if (got != sol->objective) {
		plan_err(err,
			 "(1c) objective: the solution claims %u edges sharing >= q = %u keys but the assignment gives %u",
			 sol->objective, in->q, got);
		goto out;
	}
	if (sol->bound + 1e-6 < sol->objective) {
		plan_err(err, "bound %g below the objective %u", sol->bound, sol->objective);
		goto out;
	}
	ret = 0;
out:
	free(held);
	free(shared);
	return ret;
}

/* ---- holder sets ("patterns") ---- */

static int pat_push(struct patterns *ps, const u32 *set, u32 size)
{
	u32 i, j, x;

	if (ps->n >= ILP_PATTERN_MAX) {
		ps->overflow = true;
		return -1;
	}
	if (ps->n + 2 > ps->cap) {
		u32 nc = ps->cap ? 2 * ps->cap : 1024;
		u32 *f = realloc(ps->first, (size_t)nc * sizeof(*f));

		if (!f)
			goto nomem;
		ps->first = f;
		ps->cap = nc;
	}
	if (!ps->n)
		ps->first[0] = 0;
	if (ps->first[ps->n] + size > ps->vcap) {
		u32 nc = ps->vcap ? 2 * ps->vcap : 4096;
		u32 *v;

		while (nc < ps->first[ps->n] + size)
			nc *= 2;
		v = realloc(ps->v, (size_t)nc * sizeof(*v));
		if (!v)
			goto nomem;
		ps->v = v;
		ps->vcap = nc;
	}
	/* insertion sort: sets hold a handful of vertices */
	for (i = 0; i < size; i++) {
		x = set[i];
		for (j = ps->first[ps->n] + i; j > ps->first[ps->n] && ps->v[j - 1] > x; j--)
			ps->v[j] = ps->v[j - 1];
		ps->v[j] = x;
	}
	ps->first[ps->n + 1] = ps->first[ps->n] + size;
	ps->n++;
	return 0;
nomem:
	ps->nomem = true;
	return -1;
}

void ilp_pat_free(struct patterns *ps)
{
	free(ps->first);
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
}

struct grow_ctx {
	const struct ilp_instance *in;
	u32 *lim;		/* ilp_nbr_limit per vertex */
	u32 *nsub;		/* |N[u] & sub|, closed neighbourhood */
	u32 *sub, size;
	struct patterns *out;
};

/* sub + w still satisfies (1d) for every member? */
static bool grow_ok(struct grow_ctx *c, u32 w)
{
	u32 a, b, nb, nw = 0;

	for (a = 0; a < c->size; a++) {
		if (!adjacent(c->in->g, c->sub[a], w))
			continue;
		nw++;
		nb = 1;
		for (b = 0; b < c->size; b++)
			nb += adjacent(c->in->g, c->sub[a], c->sub[b]);
		if (nb > c->lim[c->sub[a]])
			return false;
	}
	return nw <= c->lim[w];
}

static void mark(struct grow_ctx *c, u32 w, int d)
{
	const struct plan_topo *g = c->in->g;
	u32 a;

	c->nsub[w] += d;
	for (a = g->first[w]; a < g->first[w + 1]; a++)
		c->nsub[g->adj[a]] += d;
}

/*
 * Connected valid sets with minimum vertex root, each once (the ESU
 * enumeration of Wernicke): a vertex enters the extension only through
 * the first member it is adjacent to.  (1d) only tightens as a set grows,
 * so a set that breaks it ends its branch.
 */
static int grow(struct grow_ctx *c, u32 root, u32 *ext, u32 next)
{
	const struct plan_topo *g = c->in->g;
	u32 *ext2, n2, w, a, u;
	int ret = 0;

	if (c->size >= 2 && pat_push(c->out, c->sub, c->size))
		return -1;
	if (c->size == c->in->key_limit || !next)
		return 0;
	ext2 = malloc(((size_t)next + (size_t)g->m * 2 + 1) * sizeof(*ext2));
	if (!ext2) {
		c->out->nomem = true;
		return -1;
	}
	while (next && !ret) {
		w = ext[--next];
		if (!grow_ok(c, w))
			continue;
		memcpy(ext2, ext, (size_t)next * sizeof(*ext2));
		n2 = next;
		for (a = g->first[w]; a < g->first[w + 1]; a++) {
			u = g->adj[a];
			if (u > root && !c->nsub[u])
				ext2[n2++] = u;
		}
		mark(c, w, 1);
		c->sub[c->size++] = w;
		ret = grow(c, root, ext2, n2);
		c->size--;
		mark(c, w, -1);
	}
	free(ext2);
	return ret;
}

/* Add pairwise non-adjacent components (index order) up to key_limit vertices. */
static int combine(struct grow_ctx *c, const struct patterns *conn, const u32 *small, u32 nsmall,
		   u32 from, u32 *set, u32 size, u32 parts)
{
	u32 s, a, len;
	int ret = 0;

	if (parts >= 2 && pat_push(c->out, set, size))
		return -1;
	for (s = from; s < nsmall && !ret; s++) {
		const u32 *cv = conn->v + conn->first[small[s]];

		len = conn->first[small[s] + 1] - conn->first[small[s]];
		if (size + len > c->in->key_limit)
			continue;
		for (a = 0; a < len && !c->nsub[cv[a]]; a++)
			;
		if (a < len)
			continue;	/* touches or meets a chosen component */
		for (a = 0; a < len; a++) {
			mark(c, cv[a], 1);
			set[size + a] = cv[a];
		}
		ret = combine(c, conn, small, nsmall, s + 1, set, size + len, parts + 1);
		for (a = 0; a < len; a++)
			mark(c, cv[a], -1);
	}
	return ret;
}

int ilp_enum_patterns(const struct ilp_instance *in, struct patterns *ps, char *err)
{
	const struct plan_topo *g = in->g;
	struct patterns conn = { 0 };
	struct grow_ctx c = { .in = in };
	u32 v, a, *ext = NULL, *small = NULL, nsmall = 0, *set = NULL, tl;
	int ret = -1;

	tl = in->key_limit < g->n ? in->key_limit : g->n;
	c.lim = malloc((size_t)g->n * sizeof(u32));
	c.nsub = calloc(g->n, sizeof(u32));
	c.sub = malloc((size_t)(tl + 1) * sizeof(u32));
	set = malloc((size_t)(tl + 1) * sizeof(u32));
	ext = malloc(((size_t)g->m * 2 + 1) * sizeof(u32));
	if (!c.lim || !c.nsub || !c.sub || !set || !ext)
		goto nomem;
	for (v = 0; v < g->n; v++)
		c.lim[v] = ilp_nbr_limit(in, v);
	c.out = &conn;
	for (v = 0; v < g->n; v++) {
		u32 next = 0;

		for (a = g->first[v]; a < g->first[v + 1]; a++)
			if (g->adj[a] > v)
				ext[next++] = g->adj[a];
		c.sub[0] = v;
		c.size = 1;
		mark(&c, v, 1);
		if (grow(&c, v, ext, next))
			break;
		mark(&c, v, -1);
	}
	if (conn.overflow || conn.nomem)
		goto fail;
	/* every connected set is valid alone; unions need parts of <= t - 2 */
	c.out = ps;
	c.size = 0;
	memset(c.nsub, 0, (size_t)g->n * sizeof(u32));
	small = malloc(((size_t)conn.n + 1) * sizeof(u32));
	if (!small)
		goto nomem;
	for (a = 0; a < conn.n; a++) {
		if (pat_push(ps, conn.v + conn.first[a], conn.first[a + 1] - conn.first[a]))
			goto fail;
		if (conn.first[a + 1] - conn.first[a] + 2 <= tl)
			small[nsmall++] = a;
	}
	if (tl >= 4 && combine(&c, &conn, small, nsmall, 0, set, 0, 0))
		goto fail;
	ret = 0;
	goto out;
fail:
	if (conn.overflow || ps->overflow)
		plan_err(err, "more than %u valid holder sets: too large for the exact model, use the heuristic",
			 ILP_PATTERN_MAX);
	else
		plan_err(err, "out of memory");
	goto out;
nomem:
	plan_err(err, "out of memory");
out:
	free(c.lim);
	free(c.nsub);
	free(c.sub);
	free(set);
	free(ext);
	free(small);
	ilp_pat_free(&conn);
	if (ret)
		ilp_pat_free(ps);
	return ret;
}

/* ---- models ---- */

static int add_row(struct plan_milp *m, int nz, const int *idx, const double *val, char sense,
		   double rhs, char *err)
{
	if (plan_milp_add_row(m, nz, idx, val, sense, rhs) < 0)
		return plan_err(err, "out of memory building the model");
	return 0;
}

/*
 * The pattern model.  With @cover = 0 it is the paper's problem: most
 * edges secured with at most |K| keys.  With @cover > 0 it is the question
 * the cover descent asks instead: fewest keys that secure @cover edges,
 * with no pool row (the caller compares the minimum with |K|).
 */
int ilp_build_pattern(const struct ilp_instance *in, const struct patterns *ps, u32 cover,
		      struct plan_milp *m, char *err)
{
	const struct plan_topo *g = in->g;
	u32 s, a, b, i, n = ps->n, *cnt = NULL, *pos = NULL, *lst = NULL, per_s, tot;
	int *idx = NULL, ret = -1;
	double *val = NULL, ub = in->mem / in->key_mem;
	size_t len;
	long e;

	if (ub > in->keys)
		ub = in->keys;
	if (cover)
		plan_milp_minimize(m);
	for (s = 0; s < n; s++)
		if (plan_milp_add_col(m, 0, ub, cover ? 1 : 0, true) < 0)
			return plan_err(err, "out of memory building the model");
	/* securing every edge is a pure covering problem: fix z, presolve thrives on it */
	for (e = 0; e < (long)g->m; e++)
		if (plan_milp_add_col(m, cover == g->m, 1, !cover, true) < 0)
			return plan_err(err, "out of memory building the model");
	/* rows are at most max(n + 1, |E|) long; lists per vertex and per edge by counting */
	len = (n > g->m ? (size_t)n : g->m) + 1;
	idx = malloc(len * sizeof(*idx));
	val = malloc(len * sizeof(*val));
	cnt = calloc((size_t)g->n + g->m + 1, sizeof(*cnt));
	pos = calloc((size_t)g->n + g->m + 1, sizeof(*pos));
	if (!idx || !val || !cnt || !pos)
		goto nomem;
	for (s = 0; s < n; s++)
		idx[s] = (int)s, val[s] = 1;
	if (!cover && add_row(m, (int)n, idx, val, 'L', in->keys, err))
		goto out;
	/* slot i < g->n: vertex i; slot g->n + e: edge e */
	tot = 0;
	for (s = 0; s < n; s++)
		for (a = ps->first[s]; a < ps->first[s + 1]; a++) {
			cnt[ps->v[a]]++;
			tot++;
			for (b = a + 1; b < ps->first[s + 1]; b++) {
				e = ilp_edge_index(g, ps->v[a], ps->v[b]);
				if (e >= 0)
					cnt[g->n + e]++, tot++;
			}
		}
	lst = malloc(((size_t)tot + 1) * sizeof(*lst));
	if (!lst)
		goto nomem;
	for (i = 1; i <= g->n + g->m; i++)
		pos[i] = pos[i - 1] + cnt[i - 1];
	memset(cnt, 0, ((size_t)g->n + g->m + 1) * sizeof(*cnt));
	for (s = 0; s < n; s++)
		for (a = ps->first[s]; a < ps->first[s + 1]; a++) {
			i = ps->v[a];
			lst[pos[i] + cnt[i]++] = s;
			for (b = a + 1; b < ps->first[s + 1]; b++) {
				e = ilp_edge_index(g, ps->v[a], ps->v[b]);
				if (e >= 0)
					lst[pos[g->n + e] + cnt[g->n + e]++] = s;
			}
		}
	/* (1b) */
	for (i = 0; i < g->n; i++) {
		if (!cnt[i])
			continue;
		for (a = 0; a < cnt[i]; a++)
			idx[a] = (int)lst[pos[i] + a], val[a] = in->key_mem;
		if (add_row(m, (int)cnt[i], idx, val, 'L', in->mem, err))
			goto out;
	}
	/* (1c): keys whose holder set covers e, at least q z_e */
	for (e = 0; e < (long)g->m; e++) {
		per_s = cnt[g->n + e];
		for (a = 0; a < per_s; a++)
			idx[a] = (int)lst[pos[g->n + e] + a], val[a] = 1;
		idx[per_s] = (int)(n + e);
		val[per_s] = -(double)in->q;
		if (add_row(m, (int)per_s + 1, idx, val, 'G', 0, err))
			goto out;
	}
	if (cover && cover < g->m) {
		for (e = 0; e < (long)g->m; e++)
			idx[e] = (int)(n + e), val[e] = 1;
		if (add_row(m, (int)g->m, idx, val, 'G', cover, err))
			goto out;
	}
	ret = 0;
	goto out;
nomem:
	plan_err(err, "out of memory building the model");
out:
	free(idx);
	free(val);
	free(cnt);
	free(pos);
	free(lst);
	return ret;
}

#define X(i, k) ((int)((i) * K + (k)))
#define Z(e) ((int)(n * K + (e)))
#define Y(e, k) ((int)(n * K + g->m + (e) * K + (k)))

/* Model (3): x_ik, then z_e, then y_ek. */
int ilp_build_paper(const struct ilp_instance *in, bool symmetry, struct plan_milp *m, char *err)
{
	const struct plan_topo *g = in->g;
	u32 n = g->n, K = in->keys, i, k, e, a, len = (n > K ? n : K) + g->m + 3;
	int *idx = malloc((size_t)len * sizeof(*idx)), ret = -1;
	double *val = malloc((size_t)len * sizeof(*val));
	u64 c, cols = (u64)n * K + g->m + (u64)g->m * K;

	if (!idx || !val || cols > 50000000)
		goto nomem;
	for (c = 0; c < cols; c++)
		if (plan_milp_add_col(m, 0, 1, c >= (u64)n * K && c < (u64)n * K + g->m,
				      c < (u64)n * K + g->m) < 0)
			goto nomem;
	/* (1b) */
	for (i = 0; i < n; i++) {
		for (k = 0; k < K; k++)
			idx[k] = X(i, k), val[k] = in->key_mem;
		if (add_row(m, (int)K, idx, val, 'L', in->mem, err))
			goto out;
	}
	/* (1e) */
	for (k = 0; k < K; k++) {
		for (i = 0; i < n; i++)
			idx[i] = X(i, k), val[i] = 1;
		if (add_row(m, (int)n, idx, val, 'L', in->key_limit, err))
			goto out;
	}
	/* (3b) */
	for (e = 0; e < g->m; e++) {
		for (k = 0; k < K; k++)
			idx[k] = Y(e, k), val[k] = 1;
		idx[K] = Z(e);
		val[K] = -(double)in->q;
		if (add_row(m, (int)K + 1, idx, val, 'G', 0, err))
			goto out;
	}
	/* (3c): edges at i, through the CSR and the sorted edge list */
	for (i = 0; i < n; i++) {
		if (!degree(g, i))
			continue;
		for (k = 0; k < K; k++) {
			for (a = g->first[i]; a < g->first[i + 1]; a++) {
				idx[a - g->first[i]] = Y((u32)ilp_edge_index(g, i, g->adj[a]), k);
				val[a - g->first[i]] = 1;
			}
			if (add_row(m, (int)degree(g, i), idx, val, 'L', ilp_nbr_limit(in, i), err))
				goto out;
		}
	}
	/* (3d), (3e) */
	for (e = 0; e < g->m; e++)
		for (k = 0; k < K; k++) {
			idx[0] = Y(e, k), val[0] = 1;
			idx[1] = X(g->eu[e], k), val[1] = -1;
			if (add_row(m, 2, idx, val, 'L', 0, err))
				goto out;
			idx[1] = X(g->ev[e], k);
			if (add_row(m, 2, idx, val, 'L', 0, err))
				goto out;
			idx[2] = X(g->eu[e], k), val[2] = -1;
			if (add_row(m, 3, idx, val, 'G', -1, err))
				goto out;
		}
	/*
	 * Keys in order of their first holder: x_ik <= sum_{i' <= i} x_i'(k-1).
	 * Sorting the keys of any solution so makes it satisfy these rows.
	 */
	if (symmetry)
		for (k = 1; k < K; k++)
			for (i = 0; i < n; i++) {
				idx[0] = X(i, k), val[0] = 1;
				for (a = 0; a <= i; a++)
					idx[a + 1] = X(a, k - 1), val[a + 1] = -1;
				if (add_row(m, (int)i + 2, idx, val, 'L', 0, err))
					goto out;
			}
	ret = 0;
	goto out;
nomem:
	plan_err(err, "out of memory building the model");
out:
	free(idx);
	free(val);
	return ret;
}

/* Keys as holder lists from the solver's columns. */
int ilp_extract(const struct ilp_instance *in, enum ilp_model model, const struct patterns *ps,
		const double *x, struct ilp_solution *sol)
{
	u32 n = in->g->n, K = in->keys, s, k, i, used = 0, tot = 0, l;

	if (model == ILP_MODEL_PATTERN) {
		for (s = 0; s < ps->n; s++) {
			l = x ? (u32)lround(x[s]) : 0;
			used += l;
			tot += l * (ps->first[s + 1] - ps->first[s]);
		}
	} else {
		for (k = 0; k < K && x; k++) {
			for (l = 0, i = 0; i < n; i++)
				l += x[X(i, k)] > 0.5;
			used += l > 0;
			tot += l;
		}
	}
	sol->first = malloc(((size_t)used + 1) * sizeof(u32));
	sol->holders = malloc(((size_t)tot + 1) * sizeof(u32));
	if (!sol->first || !sol->holders)
		return -1;
	sol->used = used;
	sol->first[0] = 0;
	k = 0;
	if (model == ILP_MODEL_PATTERN) {
		for (s = 0; s < ps->n && x; s++)
			for (l = (u32)lround(x[s]); l; l--, k++) {
				u32 len = ps->first[s + 1] - ps->first[s];

				memcpy(sol->holders + sol->first[k], ps->v + ps->first[s],
				       len * sizeof(u32));
				sol->first[k + 1] = sol->first[k] + len;
			}
	} else {
		for (s = 0; s < K && x; s++) {
			u32 at = sol->first[k];

			for (i = 0; i < n; i++)
				if (x[X(i, s)] > 0.5)
					sol->holders[at++] = i;
			if (at > sol->first[k])
				sol->first[++k] = at;
		}
	}
	return 0;
}

int ilp_to_plan(const struct ilp_instance *in, const struct ilp_solution *sol, struct plan *out,
		char *err)
{
	u32 n = in->g->n, k, a, v;
	u32 *cnt = calloc((size_t)n + 1, sizeof(u32));

	memset(out, 0, sizeof(*out));
	out->sym_first = calloc((size_t)n + 1, sizeof(u32));
	out->sym = malloc(((size_t)(sol->used ? sol->first[sol->used] : 0) + 1) * sizeof(u32));
	if (!cnt || !out->sym_first || !out->sym) {
		free(cnt);
		free(out->sym_first);
		free(out->sym);
		out->sym_first = out->sym = NULL;
		return plan_err(err, "out of memory");
	}
	for (a = 0; sol->used && a < sol->first[sol->used]; a++)
		out->sym_first[sol->holders[a] + 1]++;
	for (v = 0; v < n; v++)
		out->sym_first[v + 1] += out->sym_first[v];
	/* keys in increasing order keep every ring sorted */
	for (k = 0; k < sol->used; k++)
		for (a = sol->first[k]; a < sol->first[k + 1]; a++) {
			v = sol->holders[a];
			out->sym[out->sym_first[v] + cnt[v]++] = k;
		}
	free(cnt);
	out->scheme = PLAN_ILP;
	out->n = n;
	out->first_id = 1;
	out->pool = in->keys;
	out->q = in->q;
	out->objective = sol->objective;
	out->bound = sol->bound;
	out->seconds = sol->seconds;
	out->optimal = sol->optimal;
	return 0;
}

int plan_gen_ilp(struct plan *out, const struct plan_topo *t, const struct plan_params *pp,
		 char *err)
{
	struct ilp_instance in = {
		.g = t, .keys = pp->keys, .q = pp->q, .mem = pp->mem,
		/* 0 = not given: the paper's m_k = 1 */
		.key_mem = pp->key_mem ? pp->key_mem : 1,
		.key_limit = pp->key_limit, .p = pp->p, .alpha = pp->alpha,
	};
	struct ilp_options o = {
		.model = (enum ilp_model)pp->model, .symmetry = pp->symmetry,
		.time_limit = pp->time_limit, .threads = 1,
	};
	struct ilp_solution sol;
	char why[PLAN_ERR_LEN];
	int ret;

	memset(out, 0, sizeof(*out));
	if (ilp_check_params(&in, err))
		return -1;
	if (pp->heuristic)
		ret = ilp_heuristic(&in, pp->seed, &sol, err);
	else
		ret = ilp_solve(&in, &o, &sol, err);
	if (ret)
		return -1;
	/* never write rings that break the model, whoever computed them */
	if (ilp_verify(&in, &sol, why)) {
		ilp_solution_free(&sol);
		return plan_err(err, "internal error, the assignment fails %s", why);
	}
	ret = ilp_to_plan(&in, &sol, out, err);
	ilp_solution_free(&sol);
	if (!ret)
		out->first_id = pp->first_id;
	return ret;
}
