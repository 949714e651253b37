#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The README's demo: three laptops in one ad-hoc cell (hwsim IBSS radios,
# one namespace each), kpsec0 on each with a static key per pair, ping and
# iperf3 through kpsec0, and what the CLI shows afterwards.

. /scenario/kpsec-lib.sh

ktap_plan 6

say() { printf '\n### %s\n' "$*"; }

hwsim_radios 3
for i in 0 1 2; do node_ns "$i"; done
vm_modprobe kpsec
for i in 0 1 2; do kpsec_node "$i"; done
kpsec_pair_key 0 1
kpsec_pair_key 0 2
kpsec_pair_key 1 2

say "n0: ip -br addr"
in_ns 0 ip -br addr
say "n0: kpsec show"
in_ns 0 kpsec show

ktap_check "n0 pings n1 and n2 through kpsec0" eval '
	wait_until 10 ping_ok 0 "$(kpsec_ip4 1)" && wait_until 10 ping_ok 0 "$(kpsec_ip4 2)"'
ktap_check "n1 pings n2 over IPv6 through kpsec0" wait_until 10 ping_ok 1 "$(kpsec_ip6 2)"

say "n0: ping -c 3 $(kpsec_ip4 1)"
in_ns 0 ping -c 3 -i 0.2 "$(kpsec_ip4 1)"

iperf_server 1
say "iperf3 n0 -> n1 through kpsec0, 4 s"
bps=$(iperf_bps 0 "$(kpsec_ip4 1)" 4)
ktap_check "iperf3 through kpsec0 moves data" test "${bps:-0}" -gt 0
echo "kpsec0 n0 -> n1: $((bps / 1000000)) Mbit/s"

iperf_server 1
node_addr 0
node_addr 1
say "iperf3 n0 -> n1 plain IP on wlan, 4 s (for comparison)"
plain=$(iperf_bps 0 "$(ip_of 1)" 4)
ktap_check "iperf3 over plain wlan moves data" test "${plain:-0}" -gt 0
echo "plain  n0 -> n1: $((plain / 1000000)) Mbit/s"

say "n0: kpsec show (after traffic)"
in_ns 0 kpsec show
say "n1: kpsec show kpsec0 peers"
in_ns 1 kpsec show kpsec0 peers
say "n2: kpsec -j show kpsec0 stats"
in_ns 2 kpsec -j show kpsec0 stats

ktap_check "n1 authenticated every frame it got (no auth failures)" \
	kpsec_counter_is 1 rx_auth_fail 0
ktap_check "n2 never saw n0 -> n1 traffic as its own (nothing for n2 to open)" \
	kpsec_counter_is 2 rx_auth_fail 0

ktap_finish
