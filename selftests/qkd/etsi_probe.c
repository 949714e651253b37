// SPDX-License-Identifier: GPL-2.0
/*
 * One ETSI GS QKD 014 request through tools/qkd/etsi014.c, as the watch
 * mode makes them in-process, for selftests/qkd/client.sh: prints the
 * enum etsi_err it returned by name, then its message, so the test can
 * check the return code, not only the text that "kpsec qkd" prints.
 *
 *   etsi_probe KMECONF status SAE_ID
 *   etsi_probe KMECONF enc SLAVE_SAE_ID NUMBER BITS     (BITS 0: the KME's)
 *   etsi_probe KMECONF dec MASTER_SAE_ID UUID...
 *
 * Exit status 0 when the request was carried out (whatever it returned),
 * 2 for a bad command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "etsi014.h"

static const char *const names[] = {
	[ETSI_OK] = "ETSI_OK",
	[ETSI_E_BAD_REQUEST] = "ETSI_E_BAD_REQUEST",
	[ETSI_E_UNAUTHORIZED] = "ETSI_E_UNAUTHORIZED",
	[ETSI_E_UNAVAILABLE] = "ETSI_E_UNAVAILABLE",
	[ETSI_E_HTTP] = "ETSI_E_HTTP",
	[ETSI_E_MALFORMED] = "ETSI_E_MALFORMED",
	[ETSI_E_SHORT] = "ETSI_E_SHORT",
	[ETSI_E_LIMIT] = "ETSI_E_LIMIT",
	[ETSI_E_TLS] = "ETSI_E_TLS",
	[ETSI_E_CONNECT] = "ETSI_E_CONNECT",
	[ETSI_E_LOCAL] = "ETSI_E_LOCAL",
};

_Static_assert(sizeof(names) / sizeof(names[0]) == __ETSI_E_MAX, "a name for each");

int main(int argc, char **argv)
{
	struct etsi_client *c = NULL;
	struct qkd_keys keys = { 0 };
	uint8_t (*ids)[QKD_KEY_ID_LEN] = NULL;
	struct etsi_config conf;
	struct etsi_status st;
	char err[1024] = "";
	enum etsi_err e;
	int i;

	if (argc < 4) {
		fprintf(stderr, "usage: etsi_probe KMECONF {status|enc|dec} SAE_ID ...\n");
		return 2;
	}
	e = etsi_config_load(argv[1], &conf, err, sizeof(err));
	if (!e)
		e = etsi_client_new(&conf, &c, err, sizeof(err));
	if (!e && !strcmp(argv[2], "status")) {
		e = etsi_get_status(c, argv[3], &st, err, sizeof(err));
	} else if (!e && !strcmp(argv[2], "enc") && argc == 6) {
		e = etsi_get_key(c, argv[3], NULL, (unsigned int)atoi(argv[4]),
				 (unsigned int)atoi(argv[5]), &keys, err, sizeof(err));
	} else if (!e && !strcmp(argv[2], "dec") && argc > 4) {
		ids = calloc((size_t)argc - 4, sizeof(*ids));
		for (i = 4; ids && i < argc; i++) {
			if (!qkd_uuid_parse(argv[i], ids[i - 4])) {
				fprintf(stderr, "etsi_probe: not a UUID: %s\n", argv[i]);
				return 2;
			}
		}
		e = ids ? etsi_get_key_with_ids(c, argv[3], (const uint8_t (*)[QKD_KEY_ID_LEN])ids,
						(size_t)argc - 4, &keys, err, sizeof(err)) :
			  ETSI_E_LOCAL;
	} else if (!e) {
		fprintf(stderr, "etsi_probe: bad request \"%s\"\n", argv[2]);
		return 2;
	}
	printf("%s\n%s\n", names[e], e ? err : "");
	/* A code and its class name agree. */
	if (e && !strcmp(etsi_err_name(e), "unknown error"))
		return 1;
	qkd_keys_free(&keys);
	free(ids);
	etsi_client_free(c);
	return 0;
}
