#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Plain IP over a 3-node IBSS line n0 - n1 - n2 (no kpsec): validates the harness.
#
# Checks that the receiver-side drops make a real multi-hop topology: one
# hop works, n0 and n2 do not hear each other, and n0 reaches n2 only once
# n1 forwards.  Then iperf3 over one hop.

ktap_plan 7

topo_line 3
for i in 0 1 2; do
	node_addr "$i"		# 10.0.0.(i+1)/24 on wlanI
done

ktap_check "n0 reaches n1 (one hop)" wait_until 10 ping_ok 0 "$(ip_of 1)"
ktap_check "n1 reaches n2 (one hop)" wait_until 10 ping_ok 1 "$(ip_of 2)"
ktap_expect_fail "n0 does not hear n2 (drop rules)" ping_ok 0 "$(ip_of 2)" 3

# Host routes through n1 on both ends.
route_via 0 2 1
route_via 2 0 1
ktap_expect_fail "n0 cannot reach n2 while n1 does not forward" \
	ping_ok 0 "$(ip_of 2)" 3
ns_sysctl 1 net.ipv4.ip_forward=1
ktap_check "n0 reaches n2 through n1 (two hops)" \
	wait_until 10 ping_ok 0 "$(ip_of 2)"

iperf_positive() {
	local bps
	bps=$(iperf_bps "$@") || return 1
	echo "$bps bit/s"
	[ "$bps" -gt 0 ]
}
ktap_check "iperf3 server listens in n1" iperf_server 1
ktap_check "iperf3 n0 -> n1 for 2 s reports > 0 bit/s" \
	iperf_positive 0 "$(ip_of 1)" 2

ktap_finish
