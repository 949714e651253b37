/* SPDX-License-Identifier: GPL-2.0 */
/* "kpsec setconf" and "kpsec addconf": load a node configuration file. */
#ifndef KPSEC_CLI_CONF_H
#define KPSEC_CLI_CONF_H

/* Both commands: argv[0] tells which. */
int cmd_conf(int argc, char **argv);

#endif /* KPSEC_CLI_CONF_H */
