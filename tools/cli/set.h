/* SPDX-License-Identifier: GPL-2.0 */
/* "kpsec set": change a kpsec device in one all-or-nothing request. */
#ifndef KPSEC_CLI_SET_H
#define KPSEC_CLI_SET_H

int cmd_set(int argc, char **argv);

#endif /* KPSEC_CLI_SET_H */
