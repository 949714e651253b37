/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ILP heuristic (heur.c): ilp_heuristic() is declared in ilp.h; this
 * header adds its benchmark, "kpsec-plan bench heuristic", which bench.c
 * dispatches to.
 */
#ifndef KPSEC_PLAN_HEUR_H
#define KPSEC_PLAN_HEUR_H

#include "ilp.h"

/* Returns the exit status: 0, 1 for a runtime failure, 2 for bad usage. */
int plan_bench_heuristic(int argc, char **argv);

#endif /* KPSEC_PLAN_HEUR_H */
