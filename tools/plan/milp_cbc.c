/* SPDX-License-Identifier: GPL-2.0 */
/*
 * plan_milp on COIN-OR CBC (Cbc_C_Interface.h, Debian coinor-libcbc-dev).
 * Rows are collected here and loaded at once in column-major form, which
 * is much faster than CBC's row-by-row calls on models with 10^5 entries.
 */
#include <coin/Cbc_C_Interface.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "milp.h"
#include "plan.h"

struct plan_milp {
	int ncols, capcols;
	double *lb, *ub, *obj;
	char *isint;
	int nrows, caprows, capstart;
	int *rstart;		/* nrows + 1 */
	char *sense;
	double *rhs;
	int nnz, capnz;
	int *ridx;
	double *rval;
	double sign;		/* 1 maximise, -1 minimise */
	double time_limit;
	int threads, log;
	int nstart;
	int *start_idx;
	double *start_val;
	/* results */
	Cbc_Model *cbc;
	double *sol;
	double objective, bound, seconds;
};

static int grow(void **p, int *cap, int need, size_t size)
{
	int ncap = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	q = realloc(*p, (size_t)ncap * size);
	if (!q)
		return -1;
	*p = q;
	*cap = ncap;
	return 0;
}

struct plan_milp *plan_milp_new(void)
{
	struct plan_milp *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->sign = 1;
	if (grow((void **)&m->rstart, &m->capstart, 1, sizeof(int))) {
		free(m);
		return NULL;
	}
	m->rstart[0] = 0;
	return m;
}

void plan_milp_free(struct plan_milp *m)
{
	if (!m)
		return;
	if (m->cbc)
		Cbc_deleteModel(m->cbc);
	free(m->lb);
	free(m->ub);
	free(m->obj);
	free(m->isint);
	free(m->rstart);
	free(m->sense);
	free(m->rhs);
	free(m->ridx);
	free(m->rval);
	free(m->start_idx);
	free(m->start_val);
	free(m->sol);
	free(m);
}

int plan_milp_add_col(struct plan_milp *m, double lb, double ub, double obj, bool integer)
{
	int cap = m->capcols, n = m->ncols + 1;

	/* four arrays share one capacity: grow each from the same old value */
	if (grow((void **)&m->lb, &cap, n, sizeof(double)))
		return -1;
	cap = m->capcols;
	if (grow((void **)&m->ub, &cap, n, sizeof(double)))
		return -1;
	cap = m->capcols;
	if (grow((void **)&m->obj, &cap, n, sizeof(double)))
		return -1;
	cap = m->capcols;
	if (grow((void **)&m->isint, &cap, n, 1))
		return -1;
	m->capcols = cap;
	m->lb[m->ncols] = lb;
	m->ub[m->ncols] = ub;
	m->obj[m->ncols] = obj;
	m->isint[m->ncols] = integer;
	return m->ncols++;
}

int plan_milp_add_row(struct plan_milp *m, int nz, const int *idx, const double *val, char sense,
		      double rhs)
{
	int cap = m->caprows, n = m->nrows + 1, i;

	if (sense != 'L' && sense != 'G' && sense != 'E')
		return -1;
	for (i = 0; i < nz; i++)
		if (idx[i] < 0 || idx[i] >= m->ncols)
			return -1;
	if (grow((void **)&m->sense, &cap, n, 1))
		return -1;
	cap = m->caprows;
	if (grow((void **)&m->rhs, &cap, n, sizeof(double)))
		return -1;
	m->caprows = cap;
	if (grow((void **)&m->rstart, &m->capstart, n + 1, sizeof(int)))
		return -1;
	cap = m->capnz;
	if (grow((void **)&m->ridx, &cap, m->nnz + nz, sizeof(int)))
		return -1;
	cap = m->capnz;
	if (grow((void **)&m->rval, &cap, m->nnz + nz, sizeof(double)))
		return -1;
	m->capnz = cap;
	memcpy(m->ridx + m->nnz, idx, (size_t)nz * sizeof(int));
	memcpy(m->rval + m->nnz, val, (size_t)nz * sizeof(double));
	m->nnz += nz;
	m->sense[m->nrows] = sense;
	m->rhs[m->nrows] = rhs;
	m->rstart[++m->nrows] = m->nnz;
	return m->nrows - 1;
}

int plan_milp_cols(const struct plan_milp *m)
{
	return m->ncols;
}

int plan_milp_rows(const struct plan_milp *m)
{
	return m->nrows;
}

void plan_milp_minimize(struct plan_milp *m)
{
	m->sign = -1;
}

void plan_milp_time_limit(struct plan_milp *m, double seconds)
{
	m->time_limit = seconds;
}

void plan_milp_threads(struct plan_milp *m, int threads)
{
	m->threads = threads;
}

void plan_milp_log(struct plan_milp *m, int level)
{
	m->log = level;
}

int plan_milp_start(struct plan_milp *m, int n, const int *idx, const double *val)
{
	int *i2 = malloc((size_t)(n ? n : 1) * sizeof(int));
	double *v2 = malloc((size_t)(n ? n : 1) * sizeof(double));

	if (!i2 || !v2) {
		free(i2);
		free(v2);
		return -1;
	}
	memcpy(i2, idx, (size_t)n * sizeof(int));
	memcpy(v2, val, (size_t)n * sizeof(double));
	free(m->start_idx);
	free(m->start_val);
	m->start_idx = i2;
	m->start_val = v2;
	m->nstart = n;
	return 0;
}

/* Column-major copy of the rows, with row bounds, loaded into CBC. */
static int load(struct plan_milp *m)
{
	int *cstart = calloc((size_t)m->ncols + 1, sizeof(int));
	int *cidx = malloc((size_t)(m->nnz ? m->nnz : 1) * sizeof(int));
	double *cval = malloc((size_t)(m->nnz ? m->nnz : 1) * sizeof(double));
	double *rlo = malloc((size_t)(m->nrows ? m->nrows : 1) * sizeof(double));
	double *rup = malloc((size_t)(m->nrows ? m->nrows : 1) * sizeof(double));
	int *fill = calloc((size_t)m->ncols + 1, sizeof(int));
	int r, k, c, ret = -1;

	if (!cstart || !cidx || !cval || !rlo || !rup || !fill)
		goto out;
	for (k = 0; k < m->nnz; k++)
		cstart[m->ridx[k] + 1]++;
	for (c = 0; c < m->ncols; c++)
		cstart[c + 1] += cstart[c];
	for (r = 0; r < m->nrows; r++) {
		for (k = m->rstart[r]; k < m->rstart[r + 1]; k++) {
			c = m->ridx[k];
			cidx[cstart[c] + fill[c]] = r;
			cval[cstart[c] + fill[c]++] = m->rval[k];
		}
		rlo[r] = m->sense[r] == 'L' ? -DBL_MAX : m->rhs[r];
		rup[r] = m->sense[r] == 'G' ? DBL_MAX : m->rhs[r];
	}
	m->cbc = Cbc_newModel();
	if (!m->cbc)
		goto out;
	Cbc_loadProblem(m->cbc, m->ncols, m->nrows, cstart, cidx, cval, m->lb, m->ub, m->obj,
			rlo, rup);
	for (c = 0; c < m->ncols; c++)
		if (m->isint[c])
			Cbc_setInteger(m->cbc, c);
	ret = 0;
out:
	free(cstart);
	free(cidx);
	free(cval);
	free(rlo);
	free(rup);
	free(fill);
	return ret;
}

enum plan_milp_status plan_milp_solve(struct plan_milp *m)
{
	enum plan_milp_status st;
	const double *best;
	char buf[32];
	double t0 = plan_now();

	if (m->cbc) {
		Cbc_deleteModel(m->cbc);
		m->cbc = NULL;
	}
	free(m->sol);
	m->sol = NULL;
	if (!m->ncols) {
		/* CBC wants at least one column; the empty model is trivially optimal */
		m->objective = m->bound = m->seconds = 0;
		return PLAN_MILP_OPTIMAL;
	}
	if (load(m))
		return PLAN_MILP_ERROR;
	Cbc_setObjSense(m->cbc, -m->sign);
	Cbc_setLogLevel(m->cbc, m->log);
	/* the paper's limits are wall time; CBC counts CPU time by default */
	Cbc_setParameter(m->cbc, "timeMode", "elapsed");
	if (m->time_limit > 0)
		Cbc_setMaximumSeconds(m->cbc, m->time_limit);
	/* "threads 1" would still start CBC's threaded search: leave 0 for serial */
	if (m->threads > 1) {
		snprintf(buf, sizeof(buf), "%d", m->threads);
		Cbc_setParameter(m->cbc, "threads", buf);
	}
	if (m->nstart)
		Cbc_setMIPStartI(m->cbc, m->nstart, m->start_idx, m->start_val);
	Cbc_solve(m->cbc);
	m->seconds = plan_now() - t0;

	best = Cbc_bestSolution(m->cbc);
	if (Cbc_isProvenOptimal(m->cbc))
		st = PLAN_MILP_OPTIMAL;
	else if (Cbc_isProvenInfeasible(m->cbc))
		st = PLAN_MILP_INFEASIBLE;
	else if (Cbc_status(m->cbc) == 1 || Cbc_status(m->cbc) == 5)
		st = best ? PLAN_MILP_FEASIBLE : PLAN_MILP_NO_SOLUTION;
	else
		st = PLAN_MILP_ERROR;
	if (!best && st == PLAN_MILP_OPTIMAL)
		best = Cbc_getColSolution(m->cbc);
	if (best && (st == PLAN_MILP_OPTIMAL || st == PLAN_MILP_FEASIBLE)) {
		m->sol = malloc((size_t)m->ncols * sizeof(double));
		if (!m->sol)
			return PLAN_MILP_ERROR;
		memcpy(m->sol, best, (size_t)m->ncols * sizeof(double));
		m->objective = Cbc_getObjValue(m->cbc);
	} else {
		m->objective = 0;
	}
	m->bound = st == PLAN_MILP_OPTIMAL ? m->objective : Cbc_getBestPossibleObjValue(m->cbc);
	return st;
}

double plan_milp_objective(const struct plan_milp *m)
{
	return m->objective;
}

const double *plan_milp_solution(const struct plan_milp *m)
{
	return m->sol;
}

double plan_milp_bound(const struct plan_milp *m)
{
	return m->bound;
}

double plan_milp_seconds(const struct plan_milp *m)
{
	return m->seconds;
}

const char *plan_milp_version(void)
{
	static char v[48];

	if (!v[0])
		snprintf(v, sizeof(v), "CBC %s", Cbc_getVersion());
	return v;
}
