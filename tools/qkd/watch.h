/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "kpsec qkd watch CONF": keep the QKD key store of each peer of a kpsec
 * device above a low mark, from a KME (ETSI GS QKD 014).
 *
 *     [Watch]
 *     Device = kpsec0              # the kpsec device
 *     KME = kme.conf               # the KMECONF of this node's SAE
 *     Low = 64                     # refill a store holding fewer keys (1 .. 4095)
 *     Batch = 128                  # keys fetched per refill (1 .. 1024)
 *     KeySize = 256                # bits (128 .. 1024); the KME's size by default
 *     Interval = 5                 # seconds between looks at the stores (1 .. 3600)
 *     Port = 5290                  # TCP port the key IDs arrive on
 *
 *     [Peer]                       # one section per peer
 *     Node = 2                     # its node ID
 *     SAE = sae-2                  # its SAE ID at the KME
 *     Address = 10.42.0.2          # its kpsec address: key IDs go through the session
 *     BootstrapAddress = 192.0.2.2 # optional: used while this node's store is empty
 *     Port = 5290                  # optional: its watch's port, [Watch] Port by default
 *
 * Of each pair the lower node ID is the master: it fetches keys with Get
 * key, offers their IDs to the slave's watch over TCP, and imports its
 * own copy only once the slave has fetched the same keys with Get key
 * with key IDs and imported them.  The wire protocol is in watch.c.
 */
#ifndef KPSEC_QKD_WATCH_H
#define KPSEC_QKD_WATCH_H

#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "etsi014.h"

#define WATCH_PEERS_MAX 256
#define WATCH_LOW_DEFAULT 64
#define WATCH_BATCH_DEFAULT 128
#define WATCH_INTERVAL_DEFAULT 5
#define WATCH_INTERVAL_MAX 3600
#define WATCH_PORT_DEFAULT 5290

struct watch_addr {
	struct sockaddr_storage sa;	/* the port filled in once loaded */
	socklen_t len;
	char text[INET6_ADDRSTRLEN];
};

struct watch_peer {
	uint32_t node;
	char sae[ETSI_ID_MAX + 1];
	struct watch_addr addr;
	bool has_bootstrap;
	struct watch_addr bootstrap;
	unsigned int port;		/* 0: [Watch] Port */
	unsigned int line;		/* of its [Peer] header */
};

struct watch_config {
	char device[IFNAMSIZ];
	char kmeconf[PATH_MAX];
	unsigned int low, batch, key_size, interval, port;
	struct watch_peer *peers;
	size_t n_peers;
};

/*
 * Read and check the watch configuration @path into @conf (free it with
 * watch_config_free).  The KMECONF it names is only located, not read.
 * On error: -1 and @err says "PATH:LINE: what is wrong".
 */
int watch_config_load(const char *path, struct watch_config *conf, char *err, size_t errlen);
void watch_config_free(struct watch_config *conf);

#endif /* KPSEC_QKD_WATCH_H */
