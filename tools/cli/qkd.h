/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpsec qkd: QKD keys.  import, show and delete talk to the module
 * (tools/cli/qkd.c); status, enc-keys and dec-keys talk to a KME over
 * ETSI GS QKD 014 (tools/qkd/); watch does both (tools/qkd/watch.c).
 */
#ifndef KPSEC_CLI_QKD_H
#define KPSEC_CLI_QKD_H

#include <stdbool.h>
#include <stdint.h>

struct qkd_keys;

int cmd_qkd(int argc, char **argv);

/* "kpsec [-j] qkd ...": cmd_qkd with the global -j, for the subcommands that take it. */
int qkd_main(int argc, char **argv, bool json);

/*
 * Load @keys into the QKD key store that device @dev keeps for node
 * @node, all or none.  Reports its own errors; 0 or -1.  Prints nothing
 * on success: standard output is the caller's ("kpsec qkd import" says
 * how many keys went in, enc-keys prints their IDs).
 */
int qkd_import(const char *dev, uint32_t node, const struct qkd_keys *keys);

/*
 * A key ID given on the command line into @id (QKD_KEY_ID_LEN bytes):
 * false after reporting, never echoing an argument that looks like a key.
 */
bool parse_key_id_arg(const char *arg, uint8_t *id);

/* tools/qkd/client_cmd.c: argv[0] is the subcommand's name. */
int qkd_cmd_status(int argc, char **argv);
int qkd_cmd_enc_keys(int argc, char **argv);
int qkd_cmd_dec_keys(int argc, char **argv);
/* tools/qkd/watch.c */
int qkd_cmd_watch(int argc, char **argv);

#endif /* KPSEC_CLI_QKD_H */
