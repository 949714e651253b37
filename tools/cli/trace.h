/* SPDX-License-Identifier: GPL-2.0 */
/* "kpsec trace": the path frames take to a node of the mesh. */
#ifndef KPSEC_CLI_TRACE_H
#define KPSEC_CLI_TRACE_H

int cmd_trace(int argc, char **argv);

#endif /* KPSEC_CLI_TRACE_H */
