// SPDX-License-Identifier: GPL-2.0
/*
 * SST (Ruj, Nayak, Stojmenovic, INFOCOM 2011): the strong Steiner trade
 * construction is not available to the project, so the scheme refuses
 * every input.  Documentation/planner/sst.rst lists exactly what is
 * missing; once it is known the scheme fills struct plan like the others.
 */
#include "plan.h"

int plan_gen_sst(struct plan *out, u32 n, const struct plan_params *pp, char *err)
{
	(void)out;
	(void)n;
	(void)pp;
	return plan_err(err, "sst: construction not available (see Documentation/planner/sst.rst)");
}
