#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The README's demo: four laptops in a line, each hearing only its
# neighbours (hwsim IBSS radios, one namespace each, receiver-side drops).
# kpsec0 on each; kpsec's own routing finds the mesh; the two ends share a
# static key and talk across 3 hops while the middle nodes forward frames
# they cannot open.  Prints what the CLI shows along the way.

. /scenario/kpsec-lib.sh

ktap_plan 7

say() { printf '\n### %s\n' "$*"; }

topo_line 4
kpsec_mesh 4
kpsec_e2e_key 0 3

say "n0: ip -br addr"
in_ns 0 ip -br addr
ktap_check "n0 reaches n3 across the mesh" wait_until 20 ping_ok 0 "$(kpsec_ip4 3)"

say "n0: kpsec show kpsec0 neighbors"
in_ns 0 kpsec show kpsec0 neighbors
say "n0: kpsec show kpsec0 routes"
in_ns 0 kpsec show kpsec0 routes
say "n0: kpsec trace 4"
in_ns 0 kpsec trace 4
say "n1: kpsec show topology -f dot"
in_ns 1 kpsec show kpsec0 topology -f dot

say "n0: ping -c 3 $(kpsec_ip4 3) (3 hops)"
in_ns 0 ping -c 3 -i 0.2 "$(kpsec_ip4 3)"
ktap_check "n3 answers over IPv6 too" ping_ok 3 "$(kpsec_ip6 0)" 3

iperf_server 3
say "iperf3 n0 -> n3 through kpsec0, 3 hops, 4 s"
bps=$(iperf_bps 0 "$(kpsec_ip4 3)" 4)
ktap_check "iperf3 across the mesh moves data" test "${bps:-0}" -gt 0
echo "kpsec0 n0 -> n3: $((bps / 1000000)) Mbit/s"

say "n0: kpsec show (after traffic)"
in_ns 0 kpsec show
say "n1: kpsec -j show kpsec0 stats (a middle node)"
in_ns 1 kpsec -j show kpsec0 stats

ktap_check "n1 and n2 forwarded the traffic" eval '
	kpsec_counter_above 1 fwd_packets 100 && kpsec_counter_above 2 fwd_packets 100'
ktap_check "n1 and n2 opened none of it: no keys, nothing delivered" eval '
	kpsec_counter_is 1 rx_packets 0 && kpsec_counter_is 2 rx_packets 0'
ktap_check "n3 authenticated every frame" kpsec_counter_is 3 rx_auth_fail 0
ktap_check "n0 authenticated every frame" kpsec_counter_is 0 rx_auth_fail 0

ktap_finish
