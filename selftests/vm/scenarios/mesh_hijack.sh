#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# n0 - n1 - n2 with n3 also beside n1.  n3 tries to capture n2's traffic:
# first by putting n2's address on its own kpsec0, then by announcing n2's
# node ID.  Neither takes n0's traffic for n2 away from n2.

. /scenario/kpsec-lib.sh

ktap_plan 6

topo_edges 4 "0-1 1-2 1-3"
kpsec_mesh 4
kpsec_e2e_key 0 2
kpsec_e2e_key 0 3
ktap_check "n0 reaches n2 and n3" eval '
	wait_until 20 ping_ok 0 "$(kpsec_ip4 2)" && wait_until 20 ping_ok 0 "$(kpsec_ip4 3)"'

delivered() { kpsec_counter "$1" rx_packets; }

# 1. n3 claims n2's address: addresses are never announced, so nothing
#    changes: the address names node 3 (n2) by construction.
in_ns 3 ip addr add "$(kpsec_ip4 2)/32" dev kpsec0 || ktap_bail "addr"
r2=$(delivered 2) r3=$(delivered 3)
ktap_check "with n2's address on n3, n0's pings still reach n2" ping_ok 0 "$(kpsec_ip4 2)" 5
ktap_check "... delivered by n2, not by n3" eval '
	[ "$(delivered 2)" -gt "$r2" ] && [ "$(delivered 3)" = "$r3" ]'

# 2. n3 announces n2's node ID (3) from its own radio.
in_ns 3 kpsec set kpsec0 node-id "$(kpsec_id 2)" || ktap_bail "node-id"
ktap_check "n1 refuses the second radio claiming node 3 (rx_id_conflict)" \
	wait_until 10 kpsec_counter_above 1 rx_id_conflict 0
r2=$(delivered 2)
ktap_check "n0's pings to n2 still reach n2" ping_ok 0 "$(kpsec_ip4 2)" 5
ktap_check "... delivered by n2" eval '[ "$(delivered 2)" -gt "$r2" ]'

ktap_finish
