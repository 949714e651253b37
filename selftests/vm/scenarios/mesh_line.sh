#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A 4-node line n0 - n1 - n2 - n3 (receiver-side drops): kpsec's own mesh
# routing finds it, the routing tables match it, and ping and iperf3 go
# end to end over 3 hops with a static key held by the two ends only.

. /scenario/kpsec-lib.sh

ktap_plan 9

topo_line 4
kpsec_mesh 4
kpsec_e2e_key 0 3

ktap_check "n0 -> n3 over 3 hops (IPv4)" wait_until 20 ping_ok 0 "$(kpsec_ip4 3)"
ktap_check "n3 -> n0 over 3 hops (IPv6)" wait_until 10 ping_ok 3 "$(kpsec_ip6 0)"

line_routes() {
	local i j next
	for i in 0 1 2 3; do
		for j in 0 1 2 3; do
			[ "$i" = "$j" ] && continue
			next=$((j > i ? i + 1 : i - 1))
			kpsec_route_is "$i" "$j" $((j > i ? j - i : i - j)) "$next" || return 1
		done
	done
}
ktap_check "every node's routes match the line (hops, next hop)" wait_until 10 line_routes

iperf_positive() {
	local bps
	bps=$(iperf_bps "$@") || return 1
	echo "$bps bit/s"
	[ "$bps" -gt 0 ]
}
iperf_server 3
ktap_check "iperf3 n0 -> n3 over 3 hops" iperf_positive 0 "$(kpsec_ip4 3)" 3
iperf_server 0
ktap_check "iperf3 n3 -> n0 over 3 hops" iperf_positive 3 "$(kpsec_ip4 0)" 3
ktap_check "n1 and n2 forwarded the frames" eval '
	kpsec_counter_above 1 fwd_packets 100 && kpsec_counter_above 2 fwd_packets 100'
ktap_check "n1 and n2 opened none of them (no peers, nothing delivered)" eval '
	kpsec_counter_is 1 rx_packets 0 && kpsec_counter_is 2 rx_packets 0 &&
	kpsec_counter_is 1 rx_no_peer 0 && kpsec_counter_is 2 rx_no_peer 0'
ktap_check "n0 learnt no endpoint for n3 from frames a forwarder relayed" eval '
	in_ns 0 kpsec -j show kpsec0 peers | tr -d " \n" | grep -q "\"endpoint\":null"'
ktap_check "n0 and n3 authenticated everything" eval '
	kpsec_counter_is 0 rx_auth_fail 0 && kpsec_counter_is 3 rx_auth_fail 0'

ktap_finish
