/* SPDX-License-Identifier: GPL-2.0 */
/* "kpsec monitor" and "kpsec connect": the key exchange, as it happens. */
#ifndef KPSEC_CLI_MONITOR_H
#define KPSEC_CLI_MONITOR_H

#include <stdbool.h>

int cmd_monitor(int argc, char **argv, bool json);
int cmd_connect(int argc, char **argv);

#endif /* KPSEC_CLI_MONITOR_H */
