/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The files of "kpsec-plan gen -o DIR" (output.c): node-<ID>.conf per
 * node, summary.json, summary.txt and topology.edges.  plan_dir_read()
 * of plan.h reads them back.
 */
#ifndef KPSEC_PLAN_OUTPUT_H
#define KPSEC_PLAN_OUTPUT_H

#include <stdbool.h>
#include "plan.h"

/* "eg", "qcomp", ... as the command line spells them; NULL if unknown. */
const char *plan_scheme_name(enum plan_scheme s);
int plan_scheme_parse(const char *name, enum plan_scheme *s);

/* Can @p be written as node files (SymQ within kpsec.ko's 1..16)? */
int plan_files_check(const struct plan *p, char *err);

/*
 * Write everything into a fresh sibling of @dir and rename it to @dir, so
 * that @dir either appears complete or not at all.  An existing @dir is
 * refused.  Key material is drawn here and wiped before returning.
 */
int plan_dir_write(const char *dir, const struct plan_spec *s, const struct plan_topo *t,
		   const struct plan *p, char *err);

/*
 * A directory built as a hidden sibling of its final name (mode 0700) and
 * renamed into place, so that it appears complete or not at all.
 * begin refuses an existing @dir; write files into @dfd; commit fsyncs and
 * renames; end closes, and with @remove deletes what was written.
 */
struct plan_stage {
	char *final;	/* the name asked for, trailing slashes removed */
	char *tmp;	/* the hidden sibling, NULL once renamed */
	int dfd;	/* open on @tmp */
};

int plan_stage_begin(struct plan_stage *st, const char *dir, char *err);
int plan_stage_commit(struct plan_stage *st, char *err);
void plan_stage_end(struct plan_stage *st, bool remove);

#endif /* KPSEC_PLAN_OUTPUT_H */
