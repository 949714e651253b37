#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A line n0 - n1 - n2: n1 forwards n0's traffic to n2 without being able
# to read it.  A capture on n1's radio while n0 sends a marker string never
# shows the marker, and n1 holds no key at all.

. /scenario/kpsec-lib.sh

ktap_plan 6

topo_line 3
kpsec_mesh 3
kpsec_e2e_key 0 2
ktap_check "n0 reaches n2 through n1" wait_until 20 ping_ok 0 "$(kpsec_ip4 2)"

MARKER="kpsec-marker-$$-$RANDOM-must-stay-secret"
capture_start 1 wlan1 /tmp/middle.pcap
capture_start 2 kpsec0 /tmp/dest.pcap
for n in 1 2 3 4 5; do
	udp_send 0 "$(kpsec_ip4 2)" 9999 "$MARKER-$n"
	udp_send 0 "$(kpsec_ip6 2)" 9999 "$MARKER-$n"
done
ktap_check "the marker arrives in clear on n2's kpsec0 (control)" \
	wait_until 10 grep -qa "$MARKER" /tmp/dest.pcap
capture_stop
ktap_check "n1's radio carried the frames (ethertype 0x88b5, both directions of the hop)" \
	test "$(pcap_count /tmp/middle.pcap 'ether proto 0x88b5')" -ge 20
ktap_expect_fail "the marker never appears on n1's radio" grep -qa "$MARKER" /tmp/middle.pcap
ktap_check "n1 forwarded the frames" kpsec_counter_above 1 fwd_packets 9
ktap_check "n1 holds no key: no private key, no peer" eval '
	out=$(in_ns 1 kpsec -j show kpsec0 | tr -d " \n"); echo "$out" |
	grep -q "\"public_key\":null" && echo "$out" | grep -q "\"peers\":\[\]"'

ktap_finish
