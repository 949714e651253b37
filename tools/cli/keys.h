/* SPDX-License-Identifier: GPL-2.0 */
/* Keys: reading them from files, and the genkey, genpsk, pubkey commands. */
#ifndef KPSEC_CLI_KEYS_H
#define KPSEC_CLI_KEYS_H

#include <stdbool.h>
#include <stdint.h>

#include "kpsec.h"

/*
 * Read a key from @path, or from standard input when @path is "-": one
 * line of base64 (44 characters, trailing whitespace allowed) that
 * decodes to exactly KPSEC_KEY_LEN bytes.  Reports what is wrong, naming
 * the file, and returns false; every copy of the key but @key is wiped.
 */
bool read_key(const char *path, uint8_t key[KPSEC_KEY_LEN]);

/* The name of a key source for messages: "key file \"x\"" or "key from standard input". */
void describe_key_source(const char *path, char *buf, size_t size);

int cmd_genkey(int argc, char **argv);
int cmd_genpsk(int argc, char **argv);
int cmd_pubkey(int argc, char **argv);

#endif /* KPSEC_CLI_KEYS_H */
