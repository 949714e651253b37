/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing a plan to disk.  DIR is built as a hidden sibling and renamed
 * into place with RENAME_NOREPLACE: a failure leaves no DIR behind and an
 * existing DIR is never touched.  Files are created O_EXCL with mode 0600
 * and fchmod'ed, so no umask can loosen them; DIR is 0700.  Key material
 * goes only into node-<ID>.conf, through a buffer wiped after write(2).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <json-c/json.h>
#include <sodium.h>
#include "base64.h"
#include "ilp.h"
#include "keys.h"
#include "nodeconf.h"
#include "output.h"

#ifndef KPSEC_VERSION
#define KPSEC_VERSION "0.1.0"
#endif

static const char *const scheme_names[] = {
	[PLAN_EG] = "eg", [PLAN_QCOMP] = "qcomp", [PLAN_UKP] = "ukp",
	[PLAN_SST] = "sst", [PLAN_PAKP] = "pakp", [PLAN_ILP] = "ilp",
};

const char *plan_scheme_name(enum plan_scheme s)
{
	if ((unsigned int)s >= sizeof(scheme_names) / sizeof(scheme_names[0]))
		return NULL;
	return scheme_names[s];
}

int plan_scheme_parse(const char *name, enum plan_scheme *s)
{
	unsigned int i;

	for (i = 0; i < sizeof(scheme_names) / sizeof(scheme_names[0]); i++) {
		if (scheme_names[i] && !strcmp(scheme_names[i], name)) {
			*s = (enum plan_scheme)i;
			return 0;
		}
	}
	return -1;
}

/* A text buffer that may hold secrets: fixed capacity, wiped on release. */
struct sbuf {
	char *p;
	size_t len, cap;
	bool overflow;
};

static void sb_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (b->overflow)
		return;
	va_start(ap, fmt);
	r = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (r < 0 || (size_t)r >= b->cap - b->len)
		b->overflow = true;
	else
		b->len += (size_t)r;
}

static int create_file(int dfd, const char *name, char *err)
{
	int fd = openat(dfd, name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);

	if (fd < 0)
		return plan_err(err, "cannot create %s: %s", name, strerror(errno));
	if (fchmod(fd, 0600)) {
		plan_err(err, "cannot set the mode of %s: %s", name, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int write_all(int fd, const char *name, const char *p, size_t len, char *err)
{
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return plan_err(err, "cannot write %s: %s", name, strerror(errno));
		p += w;
		len -= (size_t)w;
	}
	if (fsync(fd))
		return plan_err(err, "cannot sync %s: %s", name, strerror(errno));
	return 0;
}

static int write_file(int dfd, const char *name, const char *p, size_t len, char *err)
{
	int fd = create_file(dfd, name, err), ret;

	if (fd < 0)
		return -1;
	ret = write_all(fd, name, p, len, err);
	if (close(fd) && !ret)
		ret = plan_err(err, "cannot close %s: %s", name, strerror(errno));
	return ret;
}

static void conf_text(struct sbuf *b, const struct plan_spec *s, const struct plan *p,
		      const struct plan_keys *k, u32 v)
{
	char b64[KPSEC_B64_LEN(PLAN_KEY_LEN) + 1];
	u32 i;

	sb_printf(b, "# kpsec-plan %s  scheme=%s  seed=%llu  node %u of %u\n",
		  KPSEC_VERSION, plan_scheme_name(p->scheme), (unsigned long long)s->pp.seed,
		  v + 1, p->n);
	kpsec_b64_encode(b64, k->priv[v], PLAN_KEY_LEN);
	sb_printf(b, "[Node]\nNodeID = %u\nPrivateKey = %s\n", p->first_id + v, b64);
	/* the pool key scheme's q, which kpsec.ko needs to join neighbours */
	if (p->sym_first)
		sb_printf(b, "SymQ = %u\n", p->q);
	if (p->pub_first) {
		sb_printf(b, "\n[KeyRing]\n");
		for (i = p->pub_first[v]; i < p->pub_first[v + 1]; i++) {
			kpsec_b64_encode(b64, k->pub[p->pub[i]], PLAN_KEY_LEN);
			sb_printf(b, "%u = %s\n", p->first_id + p->pub[i], b64);
		}
	}
	if (p->sym_first) {
		sb_printf(b, "\n[SymKeyRing]\n");
		for (i = p->sym_first[v]; i < p->sym_first[v + 1]; i++) {
			kpsec_b64_encode(b64, plan_keys_sym(k, p->sym[i]), PLAN_KEY_LEN);
			sb_printf(b, "%u = %s\n", p->sym[i], b64);
		}
	}
	sodium_memzero(b64, sizeof(b64));
}

static int write_confs(int dfd, const struct plan_spec *s, const struct plan *p,
		       const struct plan_keys *k, char *err)
{
	struct sbuf b = { 0 };
	char name[64];
	u32 v, most = 0;
	int ret = 0;

	for (v = 0; v < p->n; v++) {
		u32 c = 0;

		if (p->pub_first)
			c += p->pub_first[v + 1] - p->pub_first[v];
		if (p->sym_first)
			c += p->sym_first[v + 1] - p->sym_first[v];
		if (c > most)
			most = c;
	}
	/* A ring line is at most "4294967294 = " plus 44 base64 and a newline. */
	b.cap = 512 + (size_t)most * 64;
	b.p = malloc(b.cap);
	if (!b.p)
		return plan_err(err, "out of memory");
	for (v = 0; v < p->n && !ret; v++) {
		b.len = 0;
		conf_text(&b, s, p, k, v);
		snprintf(name, sizeof(name), "node-%u.conf", p->first_id + v);
		if (b.overflow)
			ret = plan_err(err, "%s: internal buffer too small", name);
		else
			ret = write_file(dfd, name, b.p, b.len, err);
	}
	sodium_memzero(b.p, b.cap);
	free(b.p);
	return ret;
}

static json_object *u32_array(const u32 *a, u32 from, u32 to, u32 add)
{
	json_object *arr = json_object_new_array();
	u32 i;

	for (i = from; i < to; i++)
		json_object_array_add(arr, json_object_new_int64((int64_t)a[i] + add));
	return arr;
}

static json_object *params_json(const struct plan_spec *s, const struct plan *p)
{
	const struct plan_params *pp = &s->pp;
	json_object *o = json_object_new_object();

	switch (pp->scheme) {
	case PLAN_EG:
	case PLAN_QCOMP:
		json_object_object_add(o, "pool", json_object_new_int64(pp->pool));
		json_object_object_add(o, "ring", json_object_new_int64(pp->ring));
		json_object_object_add(o, "q", json_object_new_int64(p->q));
		break;
	case PLAN_UKP:
		json_object_object_add(o, "unital_m", json_object_new_int64(pp->unital_m));
		json_object_object_add(o, "blocks", json_object_new_int64(pp->blocks));
		json_object_object_add(o, "allow_block_reuse",
				       json_object_new_boolean(pp->allow_block_reuse));
		break;
	case PLAN_PAKP:
		json_object_object_add(o, "ring", json_object_new_int64(pp->ring));
		break;
	case PLAN_ILP:
		json_object_object_add(o, "keys", json_object_new_int64(pp->keys));
		json_object_object_add(o, "q", json_object_new_int64(pp->q));
		json_object_object_add(o, "mem", json_object_new_int64(pp->mem));
		json_object_object_add(o, "key_mem", json_object_new_int64(pp->key_mem));
		json_object_object_add(o, "key_limit", json_object_new_int64(pp->key_limit));
		json_object_object_add(o, "p", json_object_new_double(pp->p));
		json_object_object_add(o, "alpha", json_object_new_int64(pp->alpha));
		json_object_object_add(o, "model", json_object_new_string(
			pp->model == ILP_MODEL_PAPER ? "paper" : "pattern"));
		json_object_object_add(o, "symmetry", json_object_new_boolean(pp->symmetry));
		json_object_object_add(o, "time_limit", json_object_new_double(pp->time_limit));
		json_object_object_add(o, "heuristic", json_object_new_boolean(pp->heuristic));
		break;
	case PLAN_SST:
		break;
	}
	return o;
}

static json_object *topology_json(const struct plan_spec *s, const struct plan_topo *t)
{
	json_object *o = json_object_new_object(), *edges = json_object_new_array();
	static const char *const kinds[] = { "none", "rgg", "gnp", "file" };
	u32 i;

	json_object_object_add(o, "kind", json_object_new_string(kinds[s->topo_kind]));
	if (s->topo_kind == PLAN_TOPO_RGG) {
		json_object_object_add(o, "area", json_object_new_double(s->area));
		json_object_object_add(o, "range", json_object_new_double(s->range));
	} else if (s->topo_kind == PLAN_TOPO_GNP) {
		json_object_object_add(o, "density", json_object_new_double(s->density));
	}
	json_object_object_add(o, "connected", json_object_new_boolean(s->connected));
	json_object_object_add(o, "nodes", json_object_new_int64(t->n));
	json_object_object_add(o, "m", json_object_new_int64(t->m));
	for (i = 0; i < t->m; i++) {
		json_object *e = json_object_new_array();

		json_object_array_add(e, json_object_new_int64((int64_t)t->eu[i] + s->pp.first_id));
		json_object_array_add(e, json_object_new_int64((int64_t)t->ev[i] + s->pp.first_id));
		json_object_array_add(edges, e);
	}
	json_object_object_add(o, "edges", edges);
	return o;
}

static json_object *summary_json(const struct plan_spec *s, const struct plan_topo *t,
				 const struct plan *p)
{
	json_object *o = json_object_new_object(), *nodes = json_object_new_array();
	u32 v;

	json_object_object_add(o, "planner", json_object_new_string("kpsec-plan"));
	json_object_object_add(o, "format", json_object_new_int(1));
	json_object_object_add(o, "scheme", json_object_new_string(plan_scheme_name(p->scheme)));
	json_object_object_add(o, "seed", json_object_new_uint64(s->pp.seed));
	json_object_object_add(o, "first_id", json_object_new_int64(p->first_id));
	json_object_object_add(o, "n", json_object_new_int64(p->n));
	json_object_object_add(o, "pool", json_object_new_int64(p->pool));
	json_object_object_add(o, "q", json_object_new_int64(p->q));
	json_object_object_add(o, "params", params_json(s, p));
	json_object_object_add(o, "topology", topology_json(s, t));
	if (p->scheme == PLAN_ILP) {
		json_object *r = json_object_new_object();

		json_object_object_add(r, "objective", json_object_new_double(p->objective));
		json_object_object_add(r, "bound", json_object_new_double(p->bound));
		json_object_object_add(r, "optimal", json_object_new_boolean(p->optimal));
		json_object_object_add(r, "seconds", json_object_new_double(p->seconds));
		json_object_object_add(o, "ilp", r);
	}
	for (v = 0; v < p->n; v++) {
		json_object *nd = json_object_new_object();

		json_object_object_add(nd, "id", json_object_new_int64((int64_t)p->first_id + v));
		json_object_object_add(nd, "pub_ring", p->pub_first ?
			u32_array(p->pub, p->pub_first[v], p->pub_first[v + 1], p->first_id) :
			json_object_new_array());
		json_object_object_add(nd, "sym_ring", p->sym_first ?
			u32_array(p->sym, p->sym_first[v], p->sym_first[v + 1], 0) :
			json_object_new_array());
		json_object_array_add(nodes, nd);
	}
	json_object_object_add(o, "nodes", nodes);
	return o;
}

static void ring_line(FILE *f, const char *what, const u32 *a, u32 from, u32 to, u32 add)
{
	u32 i;

	fprintf(f, "  %s:", what);
	for (i = from; i < to; i++)
		fprintf(f, " %u", a[i] + add);
	fputc('\n', f);
}

static void summary_txt(FILE *f, const struct plan_spec *s, const struct plan_topo *t,
			const struct plan *p)
{
	json_object *pj = params_json(s, p);
	u32 v, links = 0, i;

	for (i = 0; i < t->m; i++)
		links += plan_link(p, t->eu[i], t->ev[i]) || plan_link(p, t->ev[i], t->eu[i]);
	fprintf(f, "kpsec-plan %s: scheme %s, seed %llu, node IDs %u..%u\n", KPSEC_VERSION,
		plan_scheme_name(p->scheme), (unsigned long long)s->pp.seed, p->first_id,
		p->first_id + p->n - 1);
	fprintf(f, "parameters: %s\n", json_object_to_json_string_ext(pj, JSON_C_TO_STRING_PLAIN));
	json_object_put(pj);
	fprintf(f, "topology: %u nodes, %u edges, %u of them secure links\n", t->n, t->m, links);
	if (p->scheme == PLAN_ILP)
		fprintf(f, "ilp: objective %g, bound %g, %s, %.3f s\n", p->objective, p->bound,
			p->optimal ? "optimal" : "not proven optimal", p->seconds);
	for (v = 0; v < p->n; v++) {
		fprintf(f, "node %u\n", p->first_id + v);
		if (p->pub_first)
			ring_line(f, "public keys of", p->pub, p->pub_first[v],
				  p->pub_first[v + 1], p->first_id);
		if (p->sym_first)
			ring_line(f, "pool key IDs", p->sym, p->sym_first[v],
				  p->sym_first[v + 1], 0);
	}
}

/* Non-secret files through stdio, then fsync. */
static int write_stream(int dfd, const char *name,
			void (*fill)(FILE *, const void *, const void *, const void *),
			const void *a, const void *b, const void *c, char *err)
{
	int fd = create_file(dfd, name, err);
	FILE *f;
	int ret = 0;

	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		return plan_err(err, "cannot write %s: %s", name, strerror(errno));
	}
	fill(f, a, b, c);
	if (fflush(f) || ferror(f) || fsync(fd))
		ret = plan_err(err, "cannot write %s: %s", name, strerror(errno));
	if (fclose(f) && !ret)
		ret = plan_err(err, "cannot close %s: %s", name, strerror(errno));
	return ret;
}

static void fill_json(FILE *f, const void *s, const void *t, const void *p)
{
	json_object *o = summary_json(s, t, p);

	fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
					     JSON_C_TO_STRING_SPACED), f);
	fputc('\n', f);
	json_object_put(o);
}

static void fill_txt(FILE *f, const void *s, const void *t, const void *p)
{
	summary_txt(f, s, t, p);
}

static void fill_edges(FILE *f, const void *s, const void *t, const void *p)
{
	(void)s;
	(void)p;
	plan_topo_write(t, f);
}

int plan_stage_begin(struct plan_stage *st, const char *dir, char *err)
{
	char *parent = NULL, *base = NULL;
	struct stat sb;
	size_t len;

	memset(st, 0, sizeof(*st));
	st->dfd = -1;
	if (!lstat(dir, &sb))
		return plan_err(err, "%s: already exists, refusing to overwrite it", dir);
	if (errno != ENOENT)
		return plan_err(err, "%s: %s", dir, strerror(errno));
	st->final = strdup(dir);
	if (!st->final)
		goto nomem;
	len = strlen(st->final);
	while (len > 1 && st->final[len - 1] == '/')
		st->final[--len] = 0;
	/* dirname() and basename() may modify their argument. */
	parent = strdup(st->final);
	base = strdup(st->final);
	if (!parent || !base || asprintf(&st->tmp, "%s/.%s.tmp-XXXXXX", dirname(parent),
					basename(base)) < 0) {
		st->tmp = NULL;
		goto nomem;
	}
	free(parent);
	free(base);
	if (!mkdtemp(st->tmp)) {
		plan_err(err, "cannot create a directory beside %s: %s", st->final,
			 strerror(errno));
		free(st->tmp);
		st->tmp = NULL;
		plan_stage_end(st, false);
		return -1;
	}
	/* 0700 whatever the umask: the files are secrets. */
	st->dfd = open(st->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st->dfd < 0 || fchmod(st->dfd, 0700)) {
		plan_err(err, "%s: %s", st->tmp, strerror(errno));
		plan_stage_end(st, true);
		return -1;
	}
	return 0;
nomem:
	free(parent);
	free(base);
	plan_stage_end(st, false);
	return plan_err(err, "out of memory");
}

int plan_stage_commit(struct plan_stage *st, char *err)
{
	if (fsync(st->dfd))
		return plan_err(err, "%s: %s", st->tmp, strerror(errno));
	if (renameat2(AT_FDCWD, st->tmp, AT_FDCWD, st->final, RENAME_NOREPLACE))
		return plan_err(err, "%s: %s", st->final, errno == EEXIST ?
				"already exists, refusing to overwrite it" : strerror(errno));
	free(st->tmp);
	st->tmp = NULL;
	return 0;
}

void plan_stage_end(struct plan_stage *st, bool remove)
{
	struct dirent *e;
	DIR *d;

	/* Only our files are in there: no subdirectories. */
	if (remove && st->tmp && st->dfd >= 0) {
		d = fdopendir(dup(st->dfd));
		for (e = d ? readdir(d) : NULL; e; e = readdir(d))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				unlinkat(st->dfd, e->d_name, 0);
		if (d)
			closedir(d);
	}
	if (remove && st->tmp)
		rmdir(st->tmp);
	if (st->dfd >= 0)
		close(st->dfd);
	free(st->tmp);
	free(st->final);
	memset(st, 0, sizeof(*st));
	st->dfd = -1;
}

int plan_files_check(const struct plan *p, char *err)
{
	if (p->sym_first && (!p->q || p->q > KPSEC_NODECONF_SYM_Q_MAX))
		return plan_err(err, "q = %u: node files take SymQ 1..%u (kpsec.ko's limit); "
				"kpsec-plan analyze evaluates the scheme without files",
				p->q, KPSEC_NODECONF_SYM_Q_MAX);
	return 0;
}

int plan_dir_write(const char *dir, const struct plan_spec *s, const struct plan_topo *t,
		   const struct plan *p, char *err)
{
	struct plan_stage st;
	struct plan_keys k;
	int ret;

	err[0] = 0;
	if (!*dir)
		return plan_err(err, "-o: empty directory name");
	if (plan_files_check(p, err))
		return -1;
	if (plan_stage_begin(&st, dir, err))
		return -1;
	if (plan_keys_make(&k, p, err))
		goto fail;
	ret = write_confs(st.dfd, s, p, &k, err);
	plan_keys_free(&k);
	if (ret || write_stream(st.dfd, "summary.json", fill_json, s, t, p, err) ||
	    write_stream(st.dfd, "summary.txt", fill_txt, s, t, p, err) ||
	    write_stream(st.dfd, "topology.edges", fill_edges, s, t, p, err) ||
	    plan_stage_commit(&st, err))
		goto fail;
	plan_stage_end(&st, false);
	return 0;
fail:
	if (!*err)
		plan_err(err, "%s: %s", st.tmp, strerror(errno));
	plan_stage_end(&st, true);
	return -1;
}

/* Reading back: every field is checked, errors name the file. */
struct rd {
	const char *file;
	char *err;
};

static int get_num(struct rd *r, json_object *o, const char *key, u64 max, u64 *out)
{
	json_object *v;
	int64_t x;

	if (!json_object_object_get_ex(o, key, &v))
		return plan_err(r->err, "%s: \"%s\" missing", r->file, key);
	if (!json_object_is_type(v, json_type_int))
		return plan_err(r->err, "%s: \"%s\" is not an integer", r->file, key);
	if (key[0] == 's' && !strcmp(key, "seed")) {
		*out = json_object_get_uint64(v);
		return 0;
	}
	x = json_object_get_int64(v);
	if (x < 0 || (u64)x > max)
		return plan_err(r->err, "%s: \"%s\" = %lld out of range", r->file, key,
				(long long)x);
	*out = (u64)x;
	return 0;
}

static int get_u32(struct rd *r, json_object *o, const char *key, u32 *out)
{
	u64 x;

	if (get_num(r, o, key, UINT32_MAX, &x))
		return -1;
	*out = (u32)x;
	return 0;
}

static double get_double(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_double(v) : 0;
}

static bool get_bool(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) && json_object_get_boolean(v);
}

static int read_params(struct rd *r, json_object *o, struct plan_params *pp)
{
	json_object *prm, *v;

	if (!json_object_object_get_ex(o, "params", &prm) ||
	    !json_object_is_type(prm, json_type_object))
		return plan_err(r->err, "%s: \"params\" missing", r->file);
	switch (pp->scheme) {
	case PLAN_EG:
	case PLAN_QCOMP:
		return get_u32(r, prm, "pool", &pp->pool) || get_u32(r, prm, "ring", &pp->ring) ||
		       get_u32(r, prm, "q", &pp->q) ? -1 : 0;
	case PLAN_UKP:
		pp->allow_block_reuse = get_bool(prm, "allow_block_reuse");
		return get_u32(r, prm, "unital_m", &pp->unital_m) ||
		       get_u32(r, prm, "blocks", &pp->blocks) ? -1 : 0;
	case PLAN_PAKP:
		return get_u32(r, prm, "ring", &pp->ring);
	case PLAN_ILP:
		pp->p = get_double(prm, "p");
		pp->time_limit = get_double(prm, "time_limit");
		pp->symmetry = get_bool(prm, "symmetry");
		pp->heuristic = get_bool(prm, "heuristic");
		pp->model = json_object_object_get_ex(prm, "model", &v) &&
			    !strcmp(json_object_get_string(v), "paper") ?
			    ILP_MODEL_PAPER : ILP_MODEL_PATTERN;
		return get_u32(r, prm, "keys", &pp->keys) || get_u32(r, prm, "q", &pp->q) ||
		       get_u32(r, prm, "mem", &pp->mem) ||
		       get_u32(r, prm, "key_mem", &pp->key_mem) ||
		       get_u32(r, prm, "key_limit", &pp->key_limit) ||
		       get_u32(r, prm, "alpha", &pp->alpha) ? -1 : 0;
	case PLAN_SST:
		break;
	}
	return 0;
}

/* One ring of node @v: values - @sub, strictly increasing, each < @lim and != @self. */
static int read_ring(struct rd *r, json_object *nd, const char *key, u32 v, u32 sub, u32 lim,
		     u32 self, u32 **first, u32 **vals, u32 *len, u32 *cap)
{
	json_object *arr;
	size_t i, c;

	if (!json_object_object_get_ex(nd, key, &arr) || !json_object_is_type(arr, json_type_array))
		return plan_err(r->err, "%s: node %u: \"%s\" missing", r->file, v + sub, key);
	c = json_object_array_length(arr);
	if (*len + c > *cap) {
		u32 nc = (u32)(*len + c) * 2 + 16;
		u32 *n = realloc(*vals, (size_t)nc * sizeof(*n));

		if (!n)
			return plan_err(r->err, "out of memory");
		*vals = n;
		*cap = nc;
	}
	for (i = 0; i < c; i++) {
		json_object *e = json_object_array_get_idx(arr, i);
		int64_t x = json_object_get_int64(e) - (int64_t)sub;

		if (!json_object_is_type(e, json_type_int) || x < 0 || x >= lim || x == self ||
		    (i && (u32)x <= (*vals)[*len - 1]))
			return plan_err(r->err, "%s: node %u: \"%s\" entry %zu is invalid",
					r->file, v + sub, key, i);
		(*vals)[(*len)++] = (u32)x;
	}
	(*first)[v + 1] = *len;
	return 0;
}

static int read_nodes(struct rd *r, json_object *o, struct plan *p)
{
	json_object *nodes;
	u32 v, plen = 0, pcap = 0, slen = 0, scap = 0;
	bool pub = p->scheme == PLAN_PAKP, sym = !pub && p->scheme != PLAN_SST;

	if (!json_object_object_get_ex(o, "nodes", &nodes) ||
	    !json_object_is_type(nodes, json_type_array) ||
	    json_object_array_length(nodes) != p->n)
		return plan_err(r->err, "%s: \"nodes\" must list all %u nodes", r->file, p->n);
	if (pub && !(p->pub_first = calloc((size_t)p->n + 1, sizeof(u32))))
		return plan_err(r->err, "out of memory");
	if (sym && !(p->sym_first = calloc((size_t)p->n + 1, sizeof(u32))))
		return plan_err(r->err, "out of memory");
	for (v = 0; v < p->n; v++) {
		json_object *nd = json_object_array_get_idx(nodes, v);
		u32 id;

		if (get_u32(r, nd, "id", &id))
			return -1;
		if (id != p->first_id + v)
			return plan_err(r->err, "%s: node %zu has id %u, expected %u", r->file,
					(size_t)v, id, p->first_id + v);
		if (pub && read_ring(r, nd, "pub_ring", v, p->first_id, p->n, v, &p->pub_first,
				     &p->pub, &plen, &pcap))
			return -1;
		if (sym && read_ring(r, nd, "sym_ring", v, 0, p->pool ? p->pool : UINT32_MAX,
				     UINT32_MAX, &p->sym_first, &p->sym, &slen, &scap))
			return -1;
	}
	if (pub && !p->pub && !(p->pub = malloc(sizeof(u32))))
		return plan_err(r->err, "out of memory");
	if (sym && !p->sym && !(p->sym = malloc(sizeof(u32))))
		return plan_err(r->err, "out of memory");
	return 0;
}

int plan_dir_read(const char *dir, struct plan_topo *t, struct plan *p,
		  struct plan_params *pp, char *err)
{
	char *js = NULL, *edges = NULL;
	struct rd r = { .err = err };
	json_object *o = NULL, *v;
	u64 seed;
	int ret = -1;

	memset(t, 0, sizeof(*t));
	memset(p, 0, sizeof(*p));
	memset(pp, 0, sizeof(*pp));
	if (asprintf(&js, "%s/summary.json", dir) < 0 ||
	    asprintf(&edges, "%s/topology.edges", dir) < 0) {
		free(js);
		return plan_err(err, "out of memory");
	}
	r.file = js;
	o = json_object_from_file(js);
	if (!o || !json_object_is_type(o, json_type_object)) {
		plan_err(err, "%s: %s", js, json_util_get_last_err() ?
			 json_util_get_last_err() : "not a JSON object");
		goto out;
	}
	if (!json_object_object_get_ex(o, "scheme", &v) ||
	    plan_scheme_parse(json_object_get_string(v), &pp->scheme)) {
		plan_err(err, "%s: \"scheme\" missing or unknown", js);
		goto out;
	}
	p->scheme = pp->scheme;
	if (get_num(&r, o, "seed", UINT64_MAX, &seed) ||
	    get_u32(&r, o, "first_id", &pp->first_id) ||
	    get_u32(&r, o, "n", &p->n) || get_u32(&r, o, "pool", &p->pool) ||
	    get_u32(&r, o, "q", &p->q) || read_params(&r, o, pp))
		goto out;
	pp->seed = seed;
	p->first_id = pp->first_id;
	if (!p->first_id || p->n > KPSEC_NODECONF_NODE_ID_MAX - p->first_id + 1) {
		plan_err(err, "%s: node IDs %u + %u nodes out of range", js, p->first_id, p->n);
		goto out;
	}
	if (p->scheme == PLAN_ILP && json_object_object_get_ex(o, "ilp", &v)) {
		p->objective = get_double(v, "objective");
		p->bound = get_double(v, "bound");
		p->seconds = get_double(v, "seconds");
		p->optimal = get_bool(v, "optimal");
	}
	if (read_nodes(&r, o, p))
		goto out;
	if (plan_topo_read(t, edges, err))
		goto out;
	if (t->n != p->n) {
		plan_err(err, "%s has %u nodes but %s has %u", edges, t->n, js, p->n);
		goto out;
	}
	ret = 0;
out:
	if (ret) {
		plan_topo_free(t);
		plan_free(p);
	}
	json_object_put(o);
	free(js);
	free(edges);
	return ret;
}
