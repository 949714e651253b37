/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Topologies (tools/plan/topo.c): the CSR agrees with the edge list, the
 * random graphs follow their definitions and the seed, and edge-list
 * files round-trip while every defect is refused naming FILE:LINE.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"
#include "plan.h"

/* Edges sorted, u < v, no repeats; CSR symmetric, rows increasing. */
static void check_shape(const struct plan_topo *t)
{
	u32 i, v, deg = 0;

	for (i = 0; i < t->m; i++) {
		KTAP_EXPECT(t->eu[i] < t->ev[i] && t->ev[i] < t->n);
		if (i)
			KTAP_EXPECT(t->eu[i - 1] < t->eu[i] ||
				    (t->eu[i - 1] == t->eu[i] && t->ev[i - 1] < t->ev[i]));
		KTAP_EXPECT(plan_topo_has_edge(t, t->eu[i], t->ev[i]));
		KTAP_EXPECT(plan_topo_has_edge(t, t->ev[i], t->eu[i]));
	}
	KTAP_EXPECT_EQ(t->first[0], 0);
	for (v = 0; v < t->n; v++) {
		for (i = t->first[v]; i < t->first[v + 1]; i++) {
			if (i > t->first[v])
				KTAP_EXPECT(t->adj[i - 1] < t->adj[i]);
			KTAP_EXPECT(plan_topo_has_edge(t, t->adj[i], v));
			deg++;
		}
	}
	KTAP_EXPECT_EQ(deg, 2 * t->m);
}

static void test_from_edges(void)
{
	u32 eu[] = { 3, 0, 1, 2, 0, 4 }, ev[] = { 1, 1, 3, 0, 1, 3 };
	char err[PLAN_ERR_LEN];
	struct plan_topo t;
	u32 bu = 2, bv = 2, ou = 0, ov = 5;

	KTAP_EXPECT_EQ(plan_topo_from_edges(&t, 5, eu, ev, 6, err), 0);
	KTAP_EXPECT_EQ(t.m, 4);		/* 0-1 given twice, 1-3 twice */
	check_shape(&t);
	KTAP_EXPECT(!plan_topo_has_edge(&t, 0, 3));
	KTAP_EXPECT(plan_topo_connected(&t));	/* 2-0-1-3-4 */
	plan_topo_free(&t);
	KTAP_EXPECT(plan_topo_from_edges(&t, 5, &bu, &bv, 1, err) != 0);
	KTAP_EXPECT(strstr(err, "self-loop") != NULL);
	KTAP_EXPECT(plan_topo_from_edges(&t, 5, &ou, &ov, 1, err) != 0);
	KTAP_EXPECT(strstr(err, "beyond") != NULL);
	KTAP_EXPECT_EQ(plan_topo_from_edges(&t, 3, NULL, NULL, 0, err), 0);
	KTAP_EXPECT(!plan_topo_connected(&t));
	plan_topo_free(&t);
}

static void test_rgg(void)
{
	struct plan_topo t, t2;
	char err[PLAN_ERR_LEN];
	struct plan_rng r;
	u32 u, v, edges = 0;

	plan_rng_init(&r, 5, "topo");
	KTAP_EXPECT_EQ(plan_topo_rgg(&t, 60, 300, 100, false, &r, err), 0);
	check_shape(&t);
	KTAP_EXPECT(t.x && t.y);
	for (u = 0; u < t.n; u++) {
		KTAP_EXPECT(t.x[u] >= 0 && t.x[u] < 300 && t.y[u] >= 0 && t.y[u] < 300);
		for (v = u + 1; v < t.n; v++) {
			bool near = hypot(t.x[u] - t.x[v], t.y[u] - t.y[v]) <= 100;

			KTAP_EXPECT_EQ(plan_topo_has_edge(&t, u, v), near);
			edges += near;
		}
	}
	KTAP_EXPECT_EQ(edges, t.m);
	/* The same seed and stream give the same graph. */
	plan_rng_init(&r, 5, "topo");
	KTAP_EXPECT_EQ(plan_topo_rgg(&t2, 60, 300, 100, false, &r, err), 0);
	KTAP_EXPECT_EQ(t2.m, t.m);
	KTAP_EXPECT(t2.m == t.m && !memcmp(t.ev, t2.ev, t.m * sizeof(u32)) &&
		    !memcmp(t.eu, t2.eu, t.m * sizeof(u32)));
	plan_topo_free(&t2);
	plan_topo_free(&t);

	plan_rng_init(&r, 6, "topo");
	KTAP_EXPECT_EQ(plan_topo_rgg(&t, 10, 300, 100, true, &r, err), 0);
	KTAP_EXPECT(plan_topo_connected(&t));
	plan_topo_free(&t);
	/* 50 nodes within 1 m of each other in 300 m: never connected. */
	KTAP_EXPECT(plan_topo_rgg(&t, 50, 300, 1, true, &r, err) != 0);
	KTAP_EXPECT(strstr(err, "no connected rgg") != NULL);
	KTAP_EXPECT(plan_topo_rgg(&t, 10, -1, 100, false, &r, err) != 0);
	KTAP_EXPECT(plan_topo_rgg(&t, 0, 300, 100, false, &r, err) != 0);
}

static void test_gnp(void)
{
	char err[PLAN_ERR_LEN];
	struct plan_topo t;
	struct plan_rng r;
	u32 total = 0, i;

	plan_rng_init(&r, 9, "topo");
	KTAP_EXPECT_EQ(plan_topo_gnp(&t, 20, 0, false, &r, err), 0);
	KTAP_EXPECT_EQ(t.m, 0);
	plan_topo_free(&t);
	KTAP_EXPECT_EQ(plan_topo_gnp(&t, 20, 1, false, &r, err), 0);
	KTAP_EXPECT_EQ(t.m, 190);
	check_shape(&t);
	plan_topo_free(&t);
	/* 20 graphs of 40 nodes at d = 0.3: 780 pairs each, mean 234, sd of the sum 57. */
	for (i = 0; i < 20; i++) {
		KTAP_EXPECT_EQ(plan_topo_gnp(&t, 40, 0.3, false, &r, err), 0);
		total += t.m;
		plan_topo_free(&t);
	}
	KTAP_EXPECT(total > 4680 - 300 && total < 4680 + 300);
	KTAP_EXPECT_EQ(plan_topo_gnp(&t, 15, 0.4, true, &r, err), 0);
	KTAP_EXPECT(plan_topo_connected(&t));
	plan_topo_free(&t);
	KTAP_EXPECT(plan_topo_gnp(&t, 10, 1.5, false, &r, err) != 0);
	KTAP_EXPECT(plan_topo_gnp(&t, 30, 0, true, &r, err) != 0);
}

static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/test_topo.XXXXXX");
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		printf("Bail out! cannot write a temporary file\n");
		exit(EXIT_FAILURE);
	}
	close(fd);
	return path;
}

/* @text must be refused with a message holding ":LINE: " and @what. */
static void expect_refused(const char *text, unsigned int line, const char *what)
{
	char err[PLAN_ERR_LEN], want[32], *path = write_tmp(text);
	struct plan_topo t;

	snprintf(want, sizeof(want), ":%u: ", line);
	KTAP_EXPECT(plan_topo_read(&t, path, err) != 0);
	if (!strstr(err, want) || !strstr(err, what) || !strstr(err, path))
		printf("# wanted %s and %s in: %s\n", want, what, err);
	KTAP_EXPECT(strstr(err, want) && strstr(err, what) && strstr(err, path));
	unlink(path);
	free(path);
}

static void test_file(void)
{
	char err[PLAN_ERR_LEN], *path, *path2, *text = NULL;
	struct plan_topo t, t2;
	size_t len = 0;
	FILE *f;

	path = write_tmp("# a comment\n\nnodes 6  # six\n0 1\n  2\t1 \r\n4 3\n");
	KTAP_EXPECT_EQ(plan_topo_read(&t, path, err), 0);
	KTAP_EXPECT_EQ(t.n, 6);
	KTAP_EXPECT_EQ(t.m, 3);
	KTAP_EXPECT(plan_topo_has_edge(&t, 1, 2) && plan_topo_has_edge(&t, 3, 4));
	check_shape(&t);
	/* Writing and reading back gives the same graph. */
	f = open_memstream(&text, &len);
	KTAP_EXPECT_EQ(plan_topo_write(&t, f), 0);
	fclose(f);
	path2 = write_tmp(text);
	KTAP_EXPECT_EQ(plan_topo_read(&t2, path2, err), 0);
	KTAP_EXPECT_EQ(t2.n, t.n);
	KTAP_EXPECT(t2.m == t.m && !memcmp(t.eu, t2.eu, t.m * 4) && !memcmp(t.ev, t2.ev, t.m * 4));
	plan_topo_free(&t2);
	plan_topo_free(&t);
	unlink(path);
	unlink(path2);
	free(path);
	free(path2);
	free(text);
	/* Without "nodes N" the count is the largest vertex + 1. */
	path = write_tmp("0 7\n");
	KTAP_EXPECT_EQ(plan_topo_read(&t, path, err), 0);
	KTAP_EXPECT_EQ(t.n, 8);
	plan_topo_free(&t);
	unlink(path);
	free(path);

	expect_refused("0 1\n1 1\n", 2, "self-loop");
	expect_refused("nodes 3\n0 1\n1 3\n", 3, "vertex 3 >= nodes 3");
	expect_refused("0 1\n1 x\n", 2, "expected");
	expect_refused("0 1\n-1 2\n", 2, "expected");
	expect_refused("0 1\n1 2 3\n", 2, "expected");
	expect_refused("0 4294967296\n", 1, "expected");
	expect_refused("0 1\n1 2\n\n1 0\n", 4, "repeats line 1");
	expect_refused("0 1\nnodes 4\n", 2, "before every edge");
	expect_refused("nodes 0\n", 1, "nodes N");
	KTAP_EXPECT(plan_topo_read(&t, "/nonexistent/x.edges", err) != 0);
	KTAP_EXPECT(strstr(err, "/nonexistent/x.edges") != NULL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_from_edges),
	KTAP_CASE(test_rgg),
	KTAP_CASE(test_gnp),
	KTAP_CASE(test_file),
};

KTAP_MAIN(cases)
