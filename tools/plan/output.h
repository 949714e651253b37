/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The files of "kpsec-plan gen -o DIR" (output.c): node-<ID>.conf per
 * node, summary.json, summary.txt and topology.edges.  plan_dir_read()
 * of plan.h reads them back.
 */
#ifndef KPSEC_PLAN_OUTPUT_H
#define KPSEC_PLAN_OUTPUT_H

#include "plan.h"

/* "eg", "qcomp", ... as the command line spells them; NULL if unknown. */
const char *plan_scheme_name(enum plan_scheme s);
int plan_scheme_parse(const char *name, enum plan_scheme *s);

/*
 * Write everything into a fresh sibling of @dir and rename it to @dir, so
 * that @dir either appears complete or not at all.  An existing @dir is
 * refused.  Key material is drawn here and wiped before returning.
 */
int plan_dir_write(const char *dir, const struct plan_spec *s, const struct plan_topo *t,
		   const struct plan *p, char *err);

#endif /* KPSEC_PLAN_OUTPUT_H */
