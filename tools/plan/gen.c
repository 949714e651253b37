/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "kpsec-plan topo" and "kpsec-plan gen", and the topology + scheme
 * options they share with "analyze" (plan_spec_parse/plan_spec_build).
 *
 * The topology is one option with its arguments, as on the command line
 * of "topo":  --topology rgg N | --topology gnp N D | --topology file FILE,
 * with --area, --range (rgg) and --connected beside it.  Options that do
 * not belong to the chosen scheme are refused rather than ignored, so a
 * typo cannot silently change a plan.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ilp.h"
#include "nodeconf.h"
#include "output.h"
#include "plan.h"

#define DEFAULT_AREA 300.0
#define DEFAULT_RANGE 100.0
#define DEFAULT_QCOMP_Q 2

/* Which scheme options were given: a bit per option. */
enum {
	O_POOL = 1 << 0, O_RING = 1 << 1, O_Q = 1 << 2, O_UNITAL_M = 1 << 3,
	O_BLOCKS = 1 << 4, O_REUSE = 1 << 5, O_KEYS = 1 << 6, O_MEM = 1 << 7,
	O_KEY_MEM = 1 << 8, O_KEY_LIMIT = 1 << 9, O_P = 1 << 10, O_ALPHA = 1 << 11,
	O_MODEL = 1 << 12, O_NO_SYM = 1 << 13, O_TIME = 1 << 14, O_HEUR = 1 << 15,
	O_AREA = 1 << 16, O_RANGE = 1 << 17,
};

enum arg { A_NONE, A_U32, A_U64, A_DOUBLE, A_STR };

struct opt {
	const char *name;
	enum arg arg;
	unsigned int bit;
};

static const struct opt spec_opts[] = {
	{ "--scheme", A_STR, 0 }, { "--topology", A_STR, 0 },
	{ "--area", A_DOUBLE, O_AREA }, { "--range", A_DOUBLE, O_RANGE },
	{ "--connected", A_NONE, 0 }, { "--seed", A_U64, 0 }, { "--first-id", A_U32, 0 },
	{ "--pool", A_U32, O_POOL }, { "--ring", A_U32, O_RING }, { "-q", A_U32, O_Q },
	{ "--unital-m", A_U32, O_UNITAL_M }, { "--blocks", A_U32, O_BLOCKS },
	{ "--allow-block-reuse", A_NONE, O_REUSE }, { "--keys", A_U32, O_KEYS },
	{ "--mem", A_U32, O_MEM }, { "--key-mem", A_U32, O_KEY_MEM },
	{ "--key-limit", A_U32, O_KEY_LIMIT }, { "-p", A_DOUBLE, O_P },
	{ "--alpha", A_U32, O_ALPHA }, { "--model", A_STR, O_MODEL },
	{ "--no-symmetry", A_NONE, O_NO_SYM }, { "--time-limit", A_DOUBLE, O_TIME },
	{ "--heuristic", A_NONE, O_HEUR },
};

/* Options each scheme takes, and those it needs. */
static const struct {
	unsigned int allowed, required;
} scheme_opts[] = {
	[PLAN_EG] = { O_POOL | O_RING | O_Q, O_POOL | O_RING },
	[PLAN_QCOMP] = { O_POOL | O_RING | O_Q, O_POOL | O_RING },
	[PLAN_UKP] = { O_UNITAL_M | O_BLOCKS | O_REUSE, O_UNITAL_M },
	[PLAN_SST] = { 0, 0 },
	[PLAN_PAKP] = { O_RING, O_RING },
	[PLAN_ILP] = { O_KEYS | O_Q | O_MEM | O_KEY_MEM | O_KEY_LIMIT | O_P | O_ALPHA | O_MODEL |
		       O_NO_SYM | O_TIME | O_HEUR, O_KEYS | O_Q | O_MEM | O_KEY_LIMIT | O_P },
};

static int parse_u64(const char *opt, const char *s, u64 max, u64 *out, char *err)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9')
		goto bad;
	v = strtoull(s, &end, 10);
	if (*end || errno == ERANGE)
		goto bad;
	if (v > max)
		return plan_err(err, "%s: %s exceeds %llu", opt, s, (unsigned long long)max);
	*out = v;
	return 0;
bad:
	return plan_err(err, "%s: '%s' is not a non-negative integer", opt, s);
}

static int parse_double(const char *opt, const char *s, double *out, char *err)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (!*s || *end || errno == ERANGE || !isfinite(*out))
		return plan_err(err, "%s: '%s' is not a number", opt, s);
	return 0;
}

static int parse_u32(const char *opt, const char *s, u32 *out, char *err)
{
	u64 v;

	if (parse_u64(opt, s, UINT32_MAX, &v, err))
		return -1;
	*out = (u32)v;
	return 0;
}

/* Set the option @o from @val; @argv/@i give the following words for --topology. */
static int apply(struct plan_spec *s, const struct opt *o, const char *val, char **argv,
		 int argc, int *i, char *err)
{
	const char *n = o->name;

	if (!strcmp(n, "--scheme")) {
		if (plan_scheme_parse(val, &s->pp.scheme))
			return plan_err(err, "--scheme: unknown scheme '%s' (eg, qcomp, ukp, pakp, sst, ilp)",
					val);
		return 0;
	}
	if (!strcmp(n, "--topology")) {
		if (!strcmp(val, "rgg") || !strcmp(val, "gnp")) {
			bool gnp = val[0] == 'g';

			if (*i + 1 >= argc || (gnp && *i + 2 >= argc))
				return plan_err(err, "--topology %s: expected %s", val,
						gnp ? "N D" : "N");
			if (parse_u32("--topology N", argv[++*i], &s->nodes, err))
				return -1;
			if (gnp && parse_double("--topology gnp D", argv[++*i], &s->density, err))
				return -1;
			s->topo_kind = gnp ? PLAN_TOPO_GNP : PLAN_TOPO_RGG;
			return 0;
		}
		if (!strcmp(val, "file")) {
			if (*i + 1 >= argc)
				return plan_err(err, "--topology file: expected FILE");
			s->topo_file = argv[++*i];
			s->topo_kind = PLAN_TOPO_FILE;
			return 0;
		}
		return plan_err(err, "--topology: unknown kind '%s' (rgg N, gnp N D, file FILE)", val);
	}
	if (!strcmp(n, "--model")) {
		if (!strcmp(val, "pattern"))
			s->pp.model = ILP_MODEL_PATTERN;
		else if (!strcmp(val, "paper"))
			s->pp.model = ILP_MODEL_PAPER;
		else
			return plan_err(err, "--model: unknown model '%s' (pattern, paper)", val);
		return 0;
	}
	if (!strcmp(n, "--connected"))
		s->connected = true;
	else if (!strcmp(n, "--allow-block-reuse"))
		s->pp.allow_block_reuse = true;
	else if (!strcmp(n, "--no-symmetry"))
		s->pp.symmetry = false;
	else if (!strcmp(n, "--heuristic"))
		s->pp.heuristic = true;
	else if (!strcmp(n, "--seed"))
		return parse_u64(n, val, UINT64_MAX, &s->pp.seed, err);
	else if (!strcmp(n, "--first-id"))
		return parse_u32(n, val, &s->pp.first_id, err);
	else if (!strcmp(n, "--area"))
		return parse_double(n, val, &s->area, err);
	else if (!strcmp(n, "--range"))
		return parse_double(n, val, &s->range, err);
	else if (!strcmp(n, "--pool"))
		return parse_u32(n, val, &s->pp.pool, err);
	else if (!strcmp(n, "--ring"))
		return parse_u32(n, val, &s->pp.ring, err);
	else if (!strcmp(n, "-q"))
		return parse_u32(n, val, &s->pp.q, err);
	else if (!strcmp(n, "--unital-m"))
		return parse_u32(n, val, &s->pp.unital_m, err);
	else if (!strcmp(n, "--blocks"))
		return parse_u32(n, val, &s->pp.blocks, err);
	else if (!strcmp(n, "--keys"))
		return parse_u32(n, val, &s->pp.keys, err);
	else if (!strcmp(n, "--mem"))
		return parse_u32(n, val, &s->pp.mem, err);
	else if (!strcmp(n, "--key-mem"))
		return parse_u32(n, val, &s->pp.key_mem, err);
	else if (!strcmp(n, "--key-limit"))
		return parse_u32(n, val, &s->pp.key_limit, err);
	else if (!strcmp(n, "-p"))
		return parse_double(n, val, &s->pp.p, err);
	else if (!strcmp(n, "--alpha"))
		return parse_u32(n, val, &s->pp.alpha, err);
	else if (!strcmp(n, "--time-limit"))
		return parse_double(n, val, &s->pp.time_limit, err);
	return 0;
}

static const char *first_opt(unsigned int bits)
{
	size_t i;

	for (i = 0; i < sizeof(spec_opts) / sizeof(spec_opts[0]); i++)
		if (spec_opts[i].bit & bits)
			return spec_opts[i].name;
	return "?";
}

/* After parsing: the options fit together, defaults are filled in. */
static int spec_check(struct plan_spec *s, unsigned int seen, bool have_scheme, char *err)
{
	unsigned int scheme_bits = seen & ~(O_AREA | O_RANGE), extra, missing;

	if ((seen & (O_AREA | O_RANGE)) && s->topo_kind != PLAN_TOPO_RGG)
		return plan_err(err, "%s applies only to --topology rgg",
				first_opt(seen & (O_AREA | O_RANGE)));
	if (s->topo_kind == PLAN_TOPO_RGG) {
		if (!(s->area > 0))
			return plan_err(err, "--area: %g must be a positive number of metres",
					s->area);
		if (!(s->range > 0))
			return plan_err(err, "--range: %g must be a positive number of metres",
					s->range);
	}
	if ((s->topo_kind == PLAN_TOPO_RGG || s->topo_kind == PLAN_TOPO_GNP) && !s->nodes)
		return plan_err(err, "--topology: N = 0, a topology needs at least 1 node");
	if (s->topo_kind == PLAN_TOPO_GNP && !(s->density >= 0 && s->density <= 1))
		return plan_err(err, "--topology gnp: density %g must be in [0, 1]", s->density);
	if (s->pp.first_id < 1 || s->pp.first_id > KPSEC_NODECONF_NODE_ID_MAX)
		return plan_err(err, "--first-id: %u must be from 1 to %u", s->pp.first_id,
				KPSEC_NODECONF_NODE_ID_MAX);
	if (s->nodes && s->nodes - 1 > KPSEC_NODECONF_NODE_ID_MAX - s->pp.first_id)
		return plan_err(err, "--first-id %u: %u nodes would need IDs beyond 0x%x",
				s->pp.first_id, s->nodes, KPSEC_NODECONF_NODE_ID_MAX);
	if (!have_scheme) {
		if (scheme_bits)
			return plan_err(err, "%s needs --scheme", first_opt(scheme_bits));
		return 0;
	}
	extra = scheme_bits & ~scheme_opts[s->pp.scheme].allowed;
	if (extra)
		return plan_err(err, "%s does not apply to --scheme %s", first_opt(extra),
				plan_scheme_name(s->pp.scheme));
	missing = scheme_opts[s->pp.scheme].required & ~seen;
	if (missing)
		return plan_err(err, "--scheme %s needs %s", plan_scheme_name(s->pp.scheme),
				first_opt(missing));
	if (s->topo_kind == PLAN_TOPO_NONE)
		return plan_err(err, "--scheme %s needs --topology (rgg N, gnp N D or file FILE)",
				plan_scheme_name(s->pp.scheme));
	if (s->pp.scheme == PLAN_EG && (seen & O_Q) && s->pp.q != 1)
		return plan_err(err, "-q %u: eg means q = 1, use --scheme qcomp", s->pp.q);
	if (s->pp.scheme == PLAN_EG)
		s->pp.q = 1;
	if (s->pp.scheme == PLAN_QCOMP && !(seen & O_Q))
		s->pp.q = DEFAULT_QCOMP_Q;
	if (s->pp.scheme == PLAN_ILP) {
		if (!(s->pp.p >= 0 && s->pp.p <= 1))
			return plan_err(err, "-p: %g must be in [0, 1]", s->pp.p);
		if ((seen & O_ALPHA) && !s->pp.alpha)
			return plan_err(err, "--alpha: must be a positive integer");
		if (s->pp.time_limit < 0)
			return plan_err(err, "--time-limit: %g must not be negative",
					s->pp.time_limit);
	}
	if (s->pp.scheme == PLAN_UKP && (seen & O_BLOCKS) && !s->pp.blocks)
		return plan_err(err, "--blocks: must be at least 1");
	return 0;
}

int plan_spec_parse(struct plan_spec *s, int *argc, char **argv, char *err)
{
	unsigned int seen = 0, once = 0;
	bool have_scheme = false;
	int i, out = 1;

	memset(s, 0, sizeof(*s));
	s->pp.first_id = 1;
	s->pp.blocks = 1;
	s->pp.key_mem = 1;
	s->pp.alpha = 1;
	s->pp.symmetry = true;
	s->pp.model = ILP_MODEL_PATTERN;
	s->area = DEFAULT_AREA;
	s->range = DEFAULT_RANGE;
	for (i = 1; i < *argc; i++) {
		const char *a = argv[i], *eq = NULL, *val = NULL;
		const struct opt *o = NULL;
		size_t k, len = strlen(a);

		if (!strncmp(a, "--", 2) && (eq = strchr(a, '=')))
			len = (size_t)(eq - a);
		for (k = 0; k < sizeof(spec_opts) / sizeof(spec_opts[0]); k++) {
			const char *name = spec_opts[k].name;

			if (strlen(name) == len && !strncmp(name, a, len)) {
				o = &spec_opts[k];
				break;
			}
		}
		if (!o) {
			argv[out++] = argv[i];
			continue;
		}
		if (once & (1u << k))
			return plan_err(err, "%s given twice", o->name);
		once |= 1u << k;
		if (o->arg == A_NONE && eq)
			return plan_err(err, "%s takes no value", o->name);
		if (o->arg != A_NONE) {
			if (eq)
				val = eq + 1;
			else if (i + 1 < *argc)
				val = argv[++i];
			else
				return plan_err(err, "%s: missing value", o->name);
		}
		if (apply(s, o, val, argv, *argc, &i, err))
			return -1;
		seen |= o->bit;
		if (!strcmp(o->name, "--scheme"))
			have_scheme = true;
	}
	argv[out] = NULL;
	*argc = out;
	return spec_check(s, seen, have_scheme, err);
}

int plan_spec_build(const struct plan_spec *s, struct plan_topo *t, struct plan *p, char *err)
{
	struct plan_rng r;
	int ret;

	memset(p, 0, sizeof(*p));
	plan_rng_init(&r, s->pp.seed, "topo");
	switch (s->topo_kind) {
	case PLAN_TOPO_RGG:
		ret = plan_topo_rgg(t, s->nodes, s->area, s->range, s->connected, &r, err);
		break;
	case PLAN_TOPO_GNP:
		ret = plan_topo_gnp(t, s->nodes, s->density, s->connected, &r, err);
		break;
	case PLAN_TOPO_FILE:
		ret = plan_topo_read(t, s->topo_file, err);
		if (!ret && s->connected && !plan_topo_connected(t)) {
			plan_topo_free(t);
			ret = plan_err(err, "%s: --connected, but the graph is not connected",
				       s->topo_file);
		}
		break;
	default:
		memset(t, 0, sizeof(*t));
		return plan_err(err, "no topology given (--topology rgg N, gnp N D or file FILE)");
	}
	if (ret)
		return ret;
	if (t->n - 1 > KPSEC_NODECONF_NODE_ID_MAX - s->pp.first_id) {
		plan_topo_free(t);
		return plan_err(err, "--first-id %u: %u nodes would need IDs beyond 0x%x",
				s->pp.first_id, t->n, KPSEC_NODECONF_NODE_ID_MAX);
	}
	switch (s->pp.scheme) {
	case PLAN_EG:
		ret = plan_gen_eg(p, t->n, &s->pp, err);
		break;
	case PLAN_QCOMP:
		ret = plan_gen_qcomp(p, t->n, &s->pp, err);
		break;
	case PLAN_UKP:
		ret = plan_gen_ukp(p, t->n, &s->pp, err);
		break;
	case PLAN_SST:
		ret = plan_gen_sst(p, t->n, &s->pp, err);
		break;
	case PLAN_PAKP:
		ret = plan_gen_pakp(p, t->n, &s->pp, err);
		break;
	case PLAN_ILP:
		ret = plan_gen_ilp(p, t, &s->pp, err);
		break;
	default:
		ret = plan_err(err, "unknown scheme");
	}
	if (ret) {
		plan_topo_free(t);
		plan_free(p);
	}
	return ret;
}

static void topo_usage(FILE *f)
{
	fputs("Usage: kpsec-plan topo {rgg N [--area A] [--range R] | gnp N D | file FILE}\n"
	      "                       [--connected] [--seed S] [-o FILE]\n"
	      "\n"
	      "Write a topology as an edge list (\"nodes N\", then \"U V\" per line, 0-based).\n"
	      "  rgg N       N nodes uniform in an A x A m square (default 300), an edge\n"
	      "              between nodes at most R m apart (default 100)\n"
	      "  gnp N D     Erdos-Renyi: each of the N (N - 1) / 2 pairs with probability D\n"
	      "  file FILE   read an edge list (checked) and write it normalised\n"
	      "  --connected draw again until the graph is connected (at most 1000 draws)\n"
	      "  --seed S    the seed of every random choice (default 0)\n"
	      "  -o FILE     write FILE (refused if it exists) instead of standard output\n", f);
}

static void gen_usage(FILE *f)
{
	fputs("Usage: kpsec-plan gen --scheme SCHEME --topology TOPOLOGY [--area A] [--range R]\n"
	      "                      [--connected] [--seed S] [--first-id ID] SCHEME-OPTIONS -o DIR\n"
	      "\n"
	      "Plan key rings and write DIR/node-<ID>.conf for \"kpsec setconf\", plus\n"
	      "DIR/summary.json, DIR/summary.txt and DIR/topology.edges.\n"
	      "  TOPOLOGY: rgg N | gnp N D | file FILE (as for \"kpsec-plan topo\")\n"
	      "  --first-id ID   node ID of vertex 0 (default 1)\n"
	      "  eg:     --pool P --ring K\n"
	      "  qcomp:  --pool P --ring K [-q Q]            (default Q = 2)\n"
	      "  ukp:    --unital-m M [--blocks T] [--allow-block-reuse]\n"
	      "  pakp:   --ring K\n"
	      "  sst:    refused, see Documentation/planner/sst.rst\n"
	      "  ilp:    --keys K -q Q --mem C [--key-mem M] --key-limit T -p P [--alpha A]\n"
	      "          [--model pattern|paper] [--no-symmetry] [--time-limit S] [--heuristic]\n"
	      "          (defaults: --key-mem 1, --alpha 1, --model pattern, no time limit)\n", f);
}

static bool is_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}

/* The words plan_spec_parse left: only "-o VALUE" may remain. */
static int take_output(int argc, char **argv, const char **out, const char *cmd)
{
	int i;

	*out = NULL;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o")) {
			if (*out) {
				fprintf(stderr, "kpsec-plan %s: -o given twice\n", cmd);
				return -1;
			}
			if (i + 1 >= argc || !*argv[i + 1]) {
				fprintf(stderr, "kpsec-plan %s: -o: missing value\n", cmd);
				return -1;
			}
			*out = argv[++i];
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "kpsec-plan %s: unknown option '%s'\n", cmd, argv[i]);
			return -1;
		} else {
			fprintf(stderr, "kpsec-plan %s: unexpected argument '%s'\n", cmd, argv[i]);
			return -1;
		}
	}
	return 0;
}

int plan_cmd_topo(int argc, char **argv)
{
	char err[PLAN_ERR_LEN] = "", **av;
	struct plan_spec s;
	struct plan_topo t;
	struct plan_rng r;
	const char *out;
	int i, ac, ret;
	FILE *f;

	if (is_help(argc, argv)) {
		topo_usage(stdout);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--scheme", 8) || !strncmp(argv[i], "--first-id", 10) ||
		    !strncmp(argv[i], "--topology", 10)) {
			fprintf(stderr, "kpsec-plan topo: %s does not apply to topo\n", argv[i]);
			return 2;
		}
	}
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "kpsec-plan topo: expected rgg N, gnp N D or file FILE first\n");
		return 2;
	}
	/* "topo KIND ..." is "--topology KIND ..." of gen. */
	av = calloc((size_t)argc + 2, sizeof(*av));
	if (!av) {
		fprintf(stderr, "kpsec-plan topo: out of memory\n");
		return 1;
	}
	av[0] = argv[0];
	av[1] = "--topology";
	for (i = 1; i < argc; i++)
		av[i + 1] = argv[i];
	ac = argc + 1;
	if (plan_spec_parse(&s, &ac, av, err) || take_output(ac, av, &out, "topo")) {
		if (*err)
			fprintf(stderr, "kpsec-plan topo: %s\n", err);
		free(av);
		return 2;
	}
	free(av);
	plan_rng_init(&r, s.pp.seed, "topo");
	if (s.topo_kind == PLAN_TOPO_RGG)
		ret = plan_topo_rgg(&t, s.nodes, s.area, s.range, s.connected, &r, err);
	else if (s.topo_kind == PLAN_TOPO_GNP)
		ret = plan_topo_gnp(&t, s.nodes, s.density, s.connected, &r, err);
	else
		ret = plan_topo_read(&t, s.topo_file, err);
	if (!ret && s.topo_kind == PLAN_TOPO_FILE && s.connected && !plan_topo_connected(&t)) {
		plan_topo_free(&t);
		ret = plan_err(err, "%s: --connected, but the graph is not connected", s.topo_file);
	}
	if (ret) {
		fprintf(stderr, "kpsec-plan topo: %s\n", err);
		return 2;
	}
	f = out ? fopen(out, "wx") : stdout;
	if (!f) {
		fprintf(stderr, "kpsec-plan topo: %s: %s\n", out,
			errno == EEXIST ? "already exists, refusing to overwrite it" :
			strerror(errno));
		plan_topo_free(&t);
		return errno == EEXIST ? 2 : 1;
	}
	ret = plan_topo_write(&t, f);
	if (fflush(f) || ret)
		ret = -1;
	if (out && fclose(f))
		ret = -1;
	if (ret)
		fprintf(stderr, "kpsec-plan topo: cannot write %s\n", out ? out : "standard output");
	plan_topo_free(&t);
	return ret ? 1 : 0;
}

int plan_cmd_gen(int argc, char **argv)
{
	char err[PLAN_ERR_LEN] = "";
	struct plan_spec s;
	struct plan_topo t;
	struct plan p;
	bool scheme = false;
	const char *dir;
	int i, ret;

	if (is_help(argc, argv)) {
		gen_usage(stdout);
		return 0;
	}
	for (i = 1; i < argc; i++)
		scheme |= !strncmp(argv[i], "--scheme", 8);
	if (plan_spec_parse(&s, &argc, argv, err) || take_output(argc, argv, &dir, "gen")) {
		if (*err)
			fprintf(stderr, "kpsec-plan gen: %s\n", err);
		return 2;
	}
	if (!scheme) {
		fprintf(stderr, "kpsec-plan gen: --scheme missing (eg, qcomp, ukp, pakp, sst, ilp)\n");
		return 2;
	}
	if (!dir) {
		fprintf(stderr, "kpsec-plan gen: -o DIR missing\n");
		return 2;
	}
	if (!access(dir, F_OK)) {
		fprintf(stderr, "kpsec-plan gen: %s: already exists, refusing to overwrite it\n",
			dir);
		return 2;
	}
	if (errno != ENOENT) {
		fprintf(stderr, "kpsec-plan gen: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	if (plan_spec_build(&s, &t, &p, err)) {
		fprintf(stderr, "kpsec-plan gen: %s\n", err);
		return 2;
	}
	if (plan_files_check(&p, err)) {
		fprintf(stderr, "kpsec-plan gen: %s\n", err);
		plan_topo_free(&t);
		plan_free(&p);
		return 2;
	}
	ret = plan_dir_write(dir, &s, &t, &p, err);
	if (ret)
		fprintf(stderr, "kpsec-plan gen: %s\n", err);
	else
		printf("%s: scheme %s, %u nodes (IDs %u..%u), %u edges, seed %llu\n", dir,
		       plan_scheme_name(p.scheme), p.n, p.first_id, p.first_id + p.n - 1, t.m,
		       (unsigned long long)s.pp.seed);
	plan_topo_free(&t);
	plan_free(&p);
	return ret ? 1 : 0;
}
