#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Load, configure, carry traffic and unload kpsec 20 times, the unload
# happening while traffic flows; every other round deletes the devices with
# ip link del first.  The harness fails the run on any oops, WARN, BUG or
# refcount message; this scenario checks that nothing is left behind.

. /scenario/kpsec-lib.sh

ROUNDS=${ROUNDS:-20}
ktap_plan 4

hwsim_radios 2
node_ns 0
node_ns 1
kpsec genpsk >/tmp/psk || ktap_bail "kpsec genpsk failed"

one_round() {
	local r=$1 client server
	modprobe kpsec || { echo "round $r: modprobe failed"; return 1; }
	kpsec_node 0
	kpsec_node 1
	in_ns 0 kpsec set kpsec0 peer 2 static-key /tmp/psk endpoint "$(mac_of 1)" &&
	in_ns 1 kpsec set kpsec0 peer 1 static-key /tmp/psk endpoint "$(mac_of 0)" ||
		{ echo "round $r: keys"; return 1; }
	wait_until 10 ping_ok 0 "$(kpsec_ip4 1)" >/dev/null ||
		{ echo "round $r: no ping"; return 1; }
	# Unlimited UDP flood n0 -> n1 and TCP n1 -> n0 while we tear down.
	in_ns_bg 1 iperf3 -s -p 5201 >/dev/null 2>&1
	server=$BG_PID
	wait_until 10 port_listening 1 5201 >/dev/null || { echo "round $r: no server"; return 1; }
	in_ns_bg 0 iperf3 -c "$(kpsec_ip4 1)" -u -b 50M -t 30 -p 5201 >/dev/null 2>&1
	client=$BG_PID
	wait_until 10 kpsec_counter_above 1 rx_packets 200 >/dev/null ||
		{ echo "round $r: no traffic through kpsec0"; bg_stop "$client" "$server"; return 1; }
	if [ $((r % 2)) = 0 ]; then
		in_ns 0 ip link del kpsec0 && in_ns 1 ip link del kpsec0 ||
			{ echo "round $r: ip link del failed"; return 1; }
	fi
	rmmod kpsec || { echo "round $r: rmmod failed"; bg_stop "$client" "$server"; return 1; }
	bg_stop "$client" "$server"
	if in_ns 0 ip link show kpsec0 >/dev/null 2>&1 ||
	   in_ns 1 ip link show kpsec0 >/dev/null 2>&1; then
		echo "round $r: kpsec0 survived rmmod"
		return 1
	fi
	return 0
}

all_rounds() {
	local r
	for r in $(seq 1 "$ROUNDS"); do
		one_round "$r" || return 1
	done
	echo "$ROUNDS rounds"
}

ktap_check "$ROUNDS rounds of load, traffic, unload under traffic" all_rounds
ktap_expect_fail "kpsec is not loaded at the end" test -d /sys/module/kpsec
ktap_check "the lower devices are still there and usable" eval '
	in_ns 0 ip link show wlan0 >/dev/null && in_ns 1 ip link show wlan1 >/dev/null'
ktap_expect_fail "no netdev reference was leaked" \
	eval 'dmesg | grep -q "unregister_netdevice: waiting"'

ktap_finish
