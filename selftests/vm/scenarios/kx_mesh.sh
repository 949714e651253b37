#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The KPsec paper's testbed shape: 10 nodes (a 2 x 5 grid), key rings of
# k = 3 public keys (node I holds the keys of I+1 .. I+3 mod 10), rho = 2.
# n0 and n5 hold no key of each other: sending data starts a key exchange
# over vertex-disjoint key-paths, and ping and iperf3 then flow end to
# end.  No other node can read the traffic.
#
#   0 - 1 - 2 - 3 - 4
#   |   |   |   |   |
#   5 - 6 - 7 - 8 - 9

. /scenario/kpsec-lib.sh

ktap_plan 12

topo_grid 2 5
kpsec_mesh 10
kpsec_circulant_rings 10 3

ktap_check "n0 holds the keys of n1 n2 n3" eval \
	'kpsec_ring_holds 0 1 && kpsec_ring_holds 0 2 && kpsec_ring_holds 0 3'
ktap_expect_fail "n0 holds no key of n5" kpsec_ring_holds 0 5
ktap_expect_fail "n5 holds no key of n0" kpsec_ring_holds 5 0
ktap_check "n0 sees 2 key-paths to n5 (rings advertised)" \
	wait_until 60 eval '[ "$(kpsec_keypath_count 0 5)" = 2 ]'

# The intermediate overlay nodes of the key-paths, one line per path.
overlay_nodes() {
	kpsec_keypaths_json 0 5 | tr -d ' \n' | grep -o '"overlay":\[[^]]*\]' |
		while read -r p; do
			echo "$p" | grep -o '"node_id":[0-9]*' | cut -d: -f2 | grep -vx 6 | tr '\n' ' '
			echo
		done
}
paths=$(overlay_nodes)
echo "# key-paths n0 -> n5 (intermediate node IDs): $(echo "$paths" | tr '\n' '|')"
ktap_check "the key-paths are vertex-disjoint" eval '
	all=$(echo "$paths" | tr " " "\n" | grep -v "^$")
	[ -n "$all" ] && [ "$(echo "$all" | sort | uniq -d)" = "" ]'

ktap_check "n0 reaches n5 once the exchange is done" \
	wait_until 30 ping_ok 0 "$(kpsec_ip4 5)"
ktap_check "n0's session with n5 is established" kpsec_session_is 0 5 established
ktap_check "n5's session with n0 is established" kpsec_session_is 5 0 established
ktap_check "every relay on a key-path opened and resealed a share" eval '
	for id in $(echo "$paths" | tr " " "\n" | grep -v "^$"); do
		kpsec_counter_above $((id - 1)) kx_share_relayed 0 || exit 1
	done'

MARKER="kpsec-kx-marker-$$-$RANDOM"
for i in 1 2 3 4 6 7 8 9; do capture_start "$i" "wlan$i" "/tmp/radio-$i.pcap"; done
for n in 1 2 3 4 5; do udp_send 0 "$(kpsec_ip4 5)" 9999 "$MARKER-$n"; done
iperf_server 5
bps=$(iperf_bps 0 "$(kpsec_ip4 5)" 3)
capture_stop
echo "# iperf3 n0 -> n5 over the session: ${bps:-failed} bit/s"
ktap_check "iperf3 flows end to end" test "${bps:-0}" -gt 0
ktap_check "no other node's radio ever shows the marker" eval '
	for i in 1 2 3 4 6 7 8 9; do
		! grep -qa "$MARKER" "/tmp/radio-$i.pcap" || { echo "seen on n$i"; exit 1; }
	done'
ktap_check "no other node has a session with n0 or n5" eval '
	for i in 1 2 3 4 6 7 8 9; do
		for j in 0 5; do
			s=$(kpsec_session_field "$i" "$j" state)
			[ "$s" != established ] || { echo "n$i has a session with n$j"; exit 1; }
		done
	done'

ktap_finish
