#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Two IBSS radios in two namespaces joined by kpsec0 in static-key mode:
# traffic both ways over IPv4 and IPv6, nothing readable on the air,
# replayed and corrupted frames dropped and counted, permissions, and the
# CLI's errors against the real kernel.

. /scenario/kpsec-lib.sh

ktap_plan 35

hwsim_radios 2
node_ns 0
node_ns 1

# The family would autoload the module: keep it out for this one check.
modprobe_path=$(cat /proc/sys/kernel/modprobe)
echo /bin/false >/proc/sys/kernel/modprobe
ktap_check "kpsec show says when the module is not loaded" \
	expect_cli_error "is the kpsec module loaded" in_ns 0 kpsec show
echo "$modprobe_path" >/proc/sys/kernel/modprobe

vm_modprobe kpsec
kpsec_node 0
kpsec_node 1
kpsec_pair_key 0 1

# ---- traffic ----
ktap_check "ping IPv4 n0 -> n1 through kpsec0" wait_until 10 ping_ok 0 "$(kpsec_ip4 1)"
ktap_check "ping IPv4 n1 -> n0 through kpsec0" ping_ok 1 "$(kpsec_ip4 0)" 3
ktap_check "ping IPv6 n0 -> n1 through kpsec0" wait_until 10 ping_ok 0 "$(kpsec_ip6 1)"
ktap_check "ping IPv6 n1 -> n0 through kpsec0" ping_ok 1 "$(kpsec_ip6 0)" 3

iperf_positive() {
	local bps
	bps=$(iperf_bps "$@") || return 1
	echo "$bps bit/s"
	[ "$bps" -gt 0 ]
}
iperf_server 1
ktap_check "iperf3 IPv4 n0 -> n1" iperf_positive 0 "$(kpsec_ip4 1)" 2
iperf_server 0
ktap_check "iperf3 IPv4 n1 -> n0" iperf_positive 1 "$(kpsec_ip4 0)" 2
iperf_server 1
ktap_check "iperf3 IPv6 n0 -> n1" iperf_positive 0 "$(kpsec_ip6 1)" 2
iperf_server 0
ktap_check "iperf3 IPv6 n1 -> n0" iperf_positive 1 "$(kpsec_ip6 0)" 2
ktap_check "tx and rx counters moved on both nodes" \
	eval 'kpsec_counter_above 0 tx_packets 100 && kpsec_counter_above 0 rx_packets 100 &&
	      kpsec_counter_above 1 tx_packets 100 && kpsec_counter_above 1 rx_packets 100'

# ---- confidentiality on the air ----
MARKER="kpsec-marker-$$-$RANDOM-plaintext"
capture_start 0 wlan0 /tmp/air0.pcap
capture_start 1 wlan1 /tmp/air1.pcap
capture_start 1 kpsec0 /tmp/inner1.pcap
for n in 1 2 3 4 5; do
	udp_send 0 "$(kpsec_ip4 1)" 9999 "$MARKER-$n"
	udp_send 0 "$(kpsec_ip6 1)" 9999 "$MARKER-$n"
done
ktap_check "marker datagrams reach n1's kpsec0 in clear (control)" \
	wait_until 10 grep -qa "$MARKER" /tmp/inner1.pcap
capture_stop
ktap_check "the lower captures hold kpsec frames (ethertype 0x88b5)" \
	eval '[ "$(pcap_count /tmp/air0.pcap "ether proto 0x88b5")" -ge 10 ] &&
	      [ "$(pcap_count /tmp/air1.pcap "ether proto 0x88b5")" -ge 10 ]'
ktap_expect_fail "the marker never appears on n0's wlan0" grep -qa "$MARKER" /tmp/air0.pcap
ktap_expect_fail "the marker never appears on n1's wlan1" grep -qa "$MARKER" /tmp/air1.pcap

# ---- replay and corruption ----
# Catch one frame n0 sends while n1 drops it, so its counter is still fresh.
in_ns 1 tc qdisc add dev wlan1 ingress &&
in_ns 1 tc filter add dev wlan1 ingress protocol 0x88b5 flower action drop ||
	ktap_bail "cannot drop kpsec frames on n1"
in_ns_bg 0 kpsec-frame capture wlan0 /tmp/frame out 10 >/tmp/capture.log 2>&1
cap_pid=$BG_PID
wait_until 10 grep -q listening /tmp/capture.log || ktap_bail "kpsec-frame capture did not start"
udp_send 0 "$(kpsec_ip4 1)" 9999 "one frame to replay"
wait "$cap_pid" || ktap_bail "no frame captured: $(cat /tmp/capture.log)"
in_ns 1 tc qdisc del dev wlan1 ingress || ktap_bail "cannot remove the drop"

auth0=$(kpsec_counter 1 rx_auth_fail)
replay0=$(kpsec_counter 1 rx_replay)
rx0=$(kpsec_counter 1 rx_packets)
in_ns 0 kpsec-frame inject wlan0 /tmp/frame flip 5
ktap_check "a frame with one flipped ciphertext bit is dropped: auth_fail +1" \
	wait_until 5 kpsec_counter_is 1 rx_auth_fail $((auth0 + 1))
ktap_check "... and not delivered" kpsec_counter_is 1 rx_packets "$rx0"
in_ns 0 kpsec-frame inject wlan0 /tmp/frame
ktap_check "the intact captured frame is accepted once" \
	wait_until 5 kpsec_counter_is 1 rx_packets $((rx0 + 1))
in_ns 0 kpsec-frame inject wlan0 /tmp/frame
ktap_check "the same frame re-injected is dropped: replay +1" \
	wait_until 5 kpsec_counter_is 1 rx_replay $((replay0 + 1))
ktap_check "... and not delivered again" kpsec_counter_is 1 rx_packets $((rx0 + 1))
ktap_check "a truncated frame is dropped and counted as malformed" eval '
	m0=$(kpsec_counter 1 rx_malformed)
	in_ns 0 kpsec-frame send wlan0 "$(mac_of 1)" 0101200000000001 &&
	wait_until 5 kpsec_counter_is 1 rx_malformed $((m0 + 1))'

# ---- permissions: every set and every dump needs CAP_NET_ADMIN ----
nobody() { in_ns 0 setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
nonetadmin() { in_ns 0 setpriv --inh-caps=-net_admin --bounding-set=-net_admin "$@"; }
ktap_check "uid nobody: kpsec show refused" \
	expect_cli_error "permission denied" nobody kpsec show kpsec0
ktap_check "uid nobody: kpsec set refused" \
	expect_cli_error "permission denied" nobody kpsec set kpsec0 node-id 9
ktap_check "root without CAP_NET_ADMIN: kpsec show refused" \
	expect_cli_error "permission denied" nonetadmin kpsec show
ktap_check "root without CAP_NET_ADMIN: peer removal refused" \
	expect_cli_error "permission denied" nonetadmin kpsec set kpsec0 peer 2 remove
ktap_check "the refused sets changed nothing" eval '
	in_ns 0 kpsec -j show kpsec0 | tr -d " \n" | grep -q "\"node_id\":1," &&
	ping_ok 0 "$(kpsec_ip4 1)" 3'

# ---- CLI errors that need the kernel; nothing is half-applied ----
ktap_check "set on a device that does not exist" \
	expect_cli_error 'does not exist' in_ns 0 kpsec set nosuch0 node-id 3
ktap_check "set on a device that is not kpsec" \
	expect_cli_error 'not a kpsec device' in_ns 0 kpsec set wlan0 node-id 3
ktap_check "a lower device that does not exist" \
	expect_cli_error 'nosuch0' in_ns 0 kpsec set kpsec0 lower nosuch0
in_ns 0 ip link add v0 mtu 1300 type veth peer name v1 || ktap_bail "veth"
ktap_check "a lower device with too small an MTU is refused" \
	expect_cli_error 'MTU too small' in_ns 0 kpsec set kpsec0 lower v0
ktap_check "the lower's MTU cannot drop below 1320 while bound" eval '
	expect_cli_error "out of range" in_ns 0 ip link set wlan0 mtu 1300 &&
	in_ns 0 ip link show wlan0 | grep -q "mtu $KPSEC_VM_MTU " &&
	in_ns 0 ip link show kpsec0 | grep -q "mtu $((KPSEC_VM_MTU - 40)) "'
ktap_check "a node ID outside the prefix's host part is refused" \
	expect_cli_error 'does not fit' in_ns 0 kpsec set kpsec0 prefix 10.77.0.0/30 node-id 3
ktap_check "a request the kernel refuses in part applies nothing" eval '
	expect_cli_error "own ID" in_ns 0 kpsec set kpsec0 node-id 5 lower v1 \
		peer 5 static-key /tmp/psk-0-1 &&
	in_ns 0 kpsec -j show kpsec0 | tr -d " \n" | grep -q "\"node_id\":1," &&
	in_ns 0 kpsec -j show kpsec0 | tr -d " \n" | grep -q "\"ifname\":\"wlan0\"" &&
	ping_ok 0 "$(kpsec_ip4 1)" 3'
ktap_check "removing a peer that does not exist is refused" \
	expect_cli_error 'no such peer' in_ns 0 kpsec set kpsec0 peer 77 remove

# ---- removal ----
ktap_check "ip link del kpsec0 removes the device" eval '
	in_ns 1 ip link del kpsec0 && ! in_ns 1 ip link show kpsec0 2>/dev/null'
ktap_expect_fail "n0 no longer reaches n1" ping_ok 0 "$(kpsec_ip4 1)" 2

ktap_finish
