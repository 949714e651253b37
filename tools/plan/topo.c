/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Topologies: random geometric graphs (the KPsec paper's ns-2 setting),
 * Erdos-Renyi G(n, d) (the ILP paper's), and edge-list files.
 *
 * Edge-list files: one "U V" pair of 0-based vertices per line, '#'
 * starts a comment, blank lines are ignored, and an optional first
 * statement "nodes N" fixes the vertex count (otherwise it is the largest
 * vertex + 1).  A self-loop, a vertex >= N, a malformed number and an
 * edge given twice (in either order) are refused, naming FILE:LINE: a
 * repeated edge in a hand-written file is more likely a typo than intent.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "plan.h"

/* Vertices are u32 and 2m must fit one too. */
#define TOPO_NODES_MAX (1u << 24)
#define CONNECT_DRAWS 1000

struct edge_buf {
	u32 *u, *v;
	u32 m, cap;
};

static int eb_push(struct edge_buf *b, u32 u, u32 v, char *err)
{
	if (b->m == b->cap) {
		u32 cap = b->cap ? b->cap * 2 : 256;
		u32 *nu, *nv;

		if (cap > UINT32_MAX / 2)
			return plan_err(err, "too many edges");
		nu = realloc(b->u, (size_t)cap * sizeof(*nu));
		if (!nu)
			return plan_err(err, "out of memory");
		b->u = nu;
		nv = realloc(b->v, (size_t)cap * sizeof(*nv));
		if (!nv)
			return plan_err(err, "out of memory");
		b->v = nv;
		b->cap = cap;
	}
	b->u[b->m] = u;
	b->v[b->m] = v;
	b->m++;
	return 0;
}

static void eb_free(struct edge_buf *b)
{
	free(b->u);
	free(b->v);
	memset(b, 0, sizeof(*b));
}

void plan_topo_free(struct plan_topo *t)
{
	if (!t)
		return;
	free(t->eu);
	free(t->ev);
	free(t->first);
	free(t->adj);
	free(t->x);
	free(t->y);
	memset(t, 0, sizeof(*t));
}

static int cmp_pair(const void *a, const void *b)
{
	const u64 *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

int plan_topo_from_edges(struct plan_topo *t, u32 n, const u32 *eu, const u32 *ev, u32 m,
			 char *err)
{
	u64 *pairs;
	u32 i, k, *deg;

	memset(t, 0, sizeof(*t));
	if (n > TOPO_NODES_MAX)
		return plan_err(err, "%u nodes exceed the planner's limit of %u", n,
				TOPO_NODES_MAX);
	if (m > UINT32_MAX / 2)
		return plan_err(err, "%u edges are too many", m);
	pairs = malloc(((size_t)m + 1) * sizeof(*pairs));
	if (!pairs)
		return plan_err(err, "out of memory");
	for (i = 0; i < m; i++) {
		u32 a = eu[i], b = ev[i];

		if (a >= n || b >= n) {
			free(pairs);
			return plan_err(err, "edge %u-%u: vertex beyond the %u nodes", a, b, n);
		}
		if (a == b) {
			free(pairs);
			return plan_err(err, "edge %u-%u is a self-loop", a, b);
		}
		if (a > b) {
			a = ev[i];
			b = eu[i];
		}
		pairs[i] = (u64)a << 32 | b;
	}
	qsort(pairs, m, sizeof(*pairs), cmp_pair);
	for (i = 0, k = 0; i < m; i++)
		if (!k || pairs[k - 1] != pairs[i])
			pairs[k++] = pairs[i];
	t->n = n;
	t->m = k;
	t->eu = malloc(((size_t)k + 1) * sizeof(u32));
	t->ev = malloc(((size_t)k + 1) * sizeof(u32));
	t->first = calloc((size_t)n + 1, sizeof(u32));
	t->adj = malloc(((size_t)2 * k + 1) * sizeof(u32));
	deg = calloc((size_t)n + 1, sizeof(u32));
	if (!t->eu || !t->ev || !t->first || !t->adj || !deg) {
		free(pairs);
		free(deg);
		plan_topo_free(t);
		return plan_err(err, "out of memory");
	}
	for (i = 0; i < k; i++) {
		t->eu[i] = (u32)(pairs[i] >> 32);
		t->ev[i] = (u32)pairs[i];
		t->first[t->eu[i] + 1]++;
		t->first[t->ev[i] + 1]++;
	}
	for (i = 0; i < n; i++)
		t->first[i + 1] += t->first[i];
	/*
	 * Edges are sorted by (u, v): filling every row first with its smaller
	 * neighbours, then with its larger ones, leaves each row increasing.
	 */
	for (i = 0; i < k; i++) {
		u32 a = t->eu[i], b = t->ev[i];

		t->adj[t->first[b] + deg[b]++] = a;
	}
	for (i = 0; i < k; i++) {
		u32 a = t->eu[i], b = t->ev[i];

		t->adj[t->first[a] + deg[a]++] = b;
	}
	free(deg);
	free(pairs);
	return 0;
}

bool plan_topo_connected(const struct plan_topo *t)
{
	u32 *queue, head = 0, tail = 0, i;
	bool *seen;

	if (t->n <= 1)
		return true;
	queue = malloc((size_t)t->n * sizeof(*queue));
	seen = calloc(t->n, sizeof(*seen));
	if (!queue || !seen) {
		free(queue);
		free(seen);
		return false;
	}
	seen[0] = true;
	queue[tail++] = 0;
	while (head < tail) {
		u32 v = queue[head++];

		for (i = t->first[v]; i < t->first[v + 1]; i++) {
			if (!seen[t->adj[i]]) {
				seen[t->adj[i]] = true;
				queue[tail++] = t->adj[i];
			}
		}
	}
	free(queue);
	free(seen);
	return tail == t->n;
}

bool plan_topo_has_edge(const struct plan_topo *t, u32 u, u32 v)
{
	u32 lo, hi;

	if (u >= t->n || v >= t->n)
		return false;
	lo = t->first[u];
	hi = t->first[u + 1];
	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (t->adj[mid] == v)
			return true;
		if (t->adj[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static int check_nodes(u32 n, char *err)
{
	if (n < 1)
		return plan_err(err, "a topology needs at least 1 node");
	if (n > TOPO_NODES_MAX)
		return plan_err(err, "%u nodes exceed the planner's limit of %u", n,
				TOPO_NODES_MAX);
	return 0;
}

static int rgg_once(struct plan_topo *t, u32 n, double area, double range,
		    struct plan_rng *r, char *err)
{
	struct edge_buf b = { 0 };
	double *x, *y, r2 = range * range;
	u32 i, j;
	int ret;

	x = malloc((size_t)n * sizeof(*x));
	y = malloc((size_t)n * sizeof(*y));
	if (!x || !y) {
		free(x);
		free(y);
		return plan_err(err, "out of memory");
	}
	for (i = 0; i < n; i++) {
		x[i] = plan_rng_double(r) * area;
		y[i] = plan_rng_double(r) * area;
	}
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			double dx = x[i] - x[j], dy = y[i] - y[j];

			if (dx * dx + dy * dy <= r2 && eb_push(&b, i, j, err)) {
				eb_free(&b);
				free(x);
				free(y);
				return -1;
			}
		}
	}
	ret = plan_topo_from_edges(t, n, b.u, b.v, b.m, err);
	eb_free(&b);
	if (ret) {
		free(x);
		free(y);
		return ret;
	}
	t->x = x;
	t->y = y;
	return 0;
}

int plan_topo_rgg(struct plan_topo *t, u32 n, double area, double range, bool connected,
		  struct plan_rng *r, char *err)
{
	int i;

	memset(t, 0, sizeof(*t));
	if (check_nodes(n, err))
		return -1;
	if (!(area > 0) || !isfinite(area))
		return plan_err(err, "area %g must be a positive number of metres", area);
	if (!(range > 0) || !isfinite(range))
		return plan_err(err, "range %g must be a positive number of metres", range);
	for (i = 0; i < CONNECT_DRAWS; i++) {
		if (rgg_once(t, n, area, range, r, err))
			return -1;
		if (!connected || plan_topo_connected(t))
			return 0;
		plan_topo_free(t);
	}
	return plan_err(err, "no connected rgg with %u nodes, area %g m, range %g m in %d draws",
			n, area, range, CONNECT_DRAWS);
}

static int gnp_once(struct plan_topo *t, u32 n, double d, struct plan_rng *r, char *err)
{
	struct edge_buf b = { 0 };
	u32 i, j;
	int ret;

	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			if (plan_rng_double(r) < d && eb_push(&b, i, j, err)) {
				eb_free(&b);
				return -1;
			}
		}
	}
	ret = plan_topo_from_edges(t, n, b.u, b.v, b.m, err);
	eb_free(&b);
	return ret;
}

int plan_topo_gnp(struct plan_topo *t, u32 n, double d, bool connected, struct plan_rng *r,
		  char *err)
{
	int i;

	memset(t, 0, sizeof(*t));
	if (check_nodes(n, err))
		return -1;
	if (!(d >= 0 && d <= 1))
		return plan_err(err, "density %g must be in [0, 1]", d);
	for (i = 0; i < CONNECT_DRAWS; i++) {
		if (gnp_once(t, n, d, r, err))
			return -1;
		if (!connected || plan_topo_connected(t))
			return 0;
		plan_topo_free(t);
	}
	return plan_err(err, "no connected gnp with %u nodes, density %g in %d draws", n, d,
			CONNECT_DRAWS);
}

int plan_topo_write(const struct plan_topo *t, FILE *f)
{
	u32 i;

	fprintf(f, "# kpsec-plan edge list: \"U V\" per line, vertices 0-based\nnodes %u\n",
		t->n);
	for (i = 0; i < t->m; i++)
		fprintf(f, "%u %u\n", t->eu[i], t->ev[i]);
	return ferror(f) ? -1 : 0;
}

/* A decimal u32 spanning exactly [s, e). */
static bool parse_u32(const char *s, const char *e, u32 *out)
{
	u64 v = 0;

	if (s == e)
		return false;
	for (; s < e; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (u64)(*s - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*out = (u32)v;
	return true;
}

/* Split a line into at most 3 whitespace-separated words; returns the count. */
static int split(char *line, const char **ws, const char **we)
{
	int c = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '\n' || *p == '#')
			return c;
		if (c == 3)
			return c + 1;
		ws[c] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' && *p != '#')
			p++;
		we[c++] = p;
	}
}

struct line_edge {
	u64 key;
	u32 line;
};

static int cmp_line_edge(const void *a, const void *b)
{
	const struct line_edge *x = a, *y = b;

	if (x->key != y->key)
		return (x->key > y->key) - (x->key < y->key);
	return (x->line > y->line) - (x->line < y->line);
}

static int check_dups(struct edge_buf *b, const u32 *lines, const char *path, char *err)
{
	struct line_edge *le;
	u32 i;

	le = malloc(((size_t)b->m + 1) * sizeof(*le));
	if (!le)
		return plan_err(err, "out of memory");
	for (i = 0; i < b->m; i++) {
		u32 a = b->u[i] < b->v[i] ? b->u[i] : b->v[i];
		u32 c = b->u[i] < b->v[i] ? b->v[i] : b->u[i];

		le[i].key = (u64)a << 32 | c;
		le[i].line = lines[i];
	}
	qsort(le, b->m, sizeof(*le), cmp_line_edge);
	for (i = 1; i < b->m; i++) {
		if (le[i].key == le[i - 1].key) {
			plan_err(err, "%s:%u: edge %u %u repeats line %u", path, le[i].line,
				 (u32)(le[i].key >> 32), (u32)le[i].key, le[i - 1].line);
			free(le);
			return -1;
		}
	}
	free(le);
	return 0;
}

int plan_topo_read(struct plan_topo *t, const char *path, char *err)
{
	struct edge_buf b = { 0 };
	u32 *lines = NULL, lines_cap = 0, lineno = 0, n = 0, maxv = 0;
	bool have_nodes = false, any = false;
	char *line = NULL;
	size_t cap = 0;
	FILE *f;
	int ret = -1;

	memset(t, 0, sizeof(*t));
	f = fopen(path, "r");
	if (!f)
		return plan_err(err, "%s: %s", path, strerror(errno));
	while (getline(&line, &cap, f) >= 0) {
		const char *ws[3], *we[3];
		u32 u, v;
		int c;

		lineno++;
		c = split(line, ws, we);
		if (!c)
			continue;
		if (we[0] - ws[0] == 5 && !strncmp(ws[0], "nodes", 5)) {
			if (any || have_nodes) {
				plan_err(err, "%s:%u: \"nodes N\" must come before every edge",
					 path, lineno);
				goto out;
			}
			if (c != 2 || !parse_u32(ws[1], we[1], &n) || n < 1) {
				plan_err(err, "%s:%u: expected \"nodes N\", N a positive integer",
					 path, lineno);
				goto out;
			}
			if (n > TOPO_NODES_MAX) {
				plan_err(err, "%s:%u: %u nodes exceed the planner's limit of %u",
					 path, lineno, n, TOPO_NODES_MAX);
				goto out;
			}
			have_nodes = true;
			continue;
		}
		if (c != 2 || !parse_u32(ws[0], we[0], &u) || !parse_u32(ws[1], we[1], &v)) {
			plan_err(err, "%s:%u: expected \"U V\", two non-negative integers",
				 path, lineno);
			goto out;
		}
		if (u == v) {
			plan_err(err, "%s:%u: self-loop %u %u", path, lineno, u, v);
			goto out;
		}
		if (have_nodes && (u >= n || v >= n)) {
			plan_err(err, "%s:%u: vertex %u >= nodes %u", path, lineno,
				 u >= n ? u : v, n);
			goto out;
		}
		if (!have_nodes && (u >= TOPO_NODES_MAX || v >= TOPO_NODES_MAX)) {
			plan_err(err, "%s:%u: vertex %u beyond the planner's limit of %u",
				 path, lineno, u >= v ? u : v, TOPO_NODES_MAX);
			goto out;
		}
		if (b.m == lines_cap) {
			u32 nc = lines_cap ? lines_cap * 2 : 256;
			u32 *nl = realloc(lines, (size_t)nc * sizeof(*nl));

			if (!nl) {
				plan_err(err, "out of memory");
				goto out;
			}
			lines = nl;
			lines_cap = nc;
		}
		lines[b.m] = lineno;
		if (eb_push(&b, u, v, err))
			goto out;
		any = true;
		if (u > maxv)
			maxv = u;
		if (v > maxv)
			maxv = v;
	}
	if (ferror(f)) {
		plan_err(err, "%s: read error", path);
		goto out;
	}
	if (!have_nodes) {
		if (!any) {
			plan_err(err, "%s: no edges and no \"nodes N\" line", path);
			goto out;
		}
		n = maxv + 1;
	}
	if (check_dups(&b, lines, path, err))
		goto out;
	ret = plan_topo_from_edges(t, n, b.u, b.v, b.m, err);
out:
	free(line);
	free(lines);
	eb_free(&b);
	fclose(f);
	return ret;
}
