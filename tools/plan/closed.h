/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Closed forms the analysis compares its measurements with: key sharing
 * of random key pools (Eschenauer-Gligor, q-composite of Chan, Perrig and
 * Song), Lemma 1 of the KPsec paper and the links an attacker reads after
 * capturing random nodes.  P is the pool size, k the ring size; rings are
 * k distinct keys drawn uniformly, as the planner draws them.
 */
#ifndef KPSEC_PLAN_CLOSED_H
#define KPSEC_PLAN_CLOSED_H

#include "kpsec_types.h"

/* ln C(n, r); -INFINITY when r > n. */
double plan_lchoose(u32 n, u32 r);

/*
 * EG: two rings share at least one key, 1 - ((P-k)!)^2 / ((P-2k)! P!);
 * 1 when 2k > P.  Needs k <= P.
 */
double plan_eg_share(u32 pool, u32 ring);

/* q-composite: two rings share exactly i keys, p(i). */
double plan_qc_p(u32 pool, u32 ring, u32 i);

/* q-composite: two rings share at least q keys, 1 - sum_{i<q} p(i). */
double plan_qc_connect(u32 pool, u32 ring, u32 q);

/*
 * Lemma 1 of the KPsec paper: the reliability of rho disjoint paths of de
 * intermediate D-E steps each when every node is compromised with
 * probability p, R = 1 - (1 - (1 - p)^de)^rho.
 */
double plan_lemma1(double p, double de, double rho);

/*
 * Of the secure links between uncaptured nodes, the share an attacker
 * reads after capturing x random nodes' rings: every shared key of a link
 * must be among the captured ones.  EG: 1 - (1 - k/P)^x; q-composite:
 * sum_{i>=q} (1 - (1 - k/P)^x)^i p(i) / p_connect (independence assumed).
 */
double plan_capture(u32 pool, u32 ring, u32 q, u32 x);

#endif /* KPSEC_PLAN_CLOSED_H */
