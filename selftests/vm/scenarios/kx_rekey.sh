#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Rekeying under load loses nothing.  The 10-node testbed of kx_mesh; a
# UDP iperf3 stream n0 -> n5 runs while the session is rekeyed, first by
# time (rekey-after-time 5 s), then by messages (rekey-after-messages).
# The stream's loss is compared with a run of the same stream with no
# rekey, and no frame may be dropped for want of a key, as a replay or
# for a bad tag.

. /scenario/kpsec-lib.sh
. /scenario/bench-lib.sh

ktap_plan 9

SECS=16
RATE=8M
topo_grid 2 5
kpsec_mesh 10
kpsec_circulant_rings 10 3
ktap_check "n0 and n5 make a session" eval '
	wait_until 60 eval "[ \"\$(kpsec_keypath_count 0 5)\" = 2 ]" &&
	in_ns 0 kpsec connect kpsec0 6 --wait 20'

# udp_loss: a SECS-long UDP stream n0 -> n5 at RATE; prints "LOST SENT"
# (datagrams) as the receiver counted them.
udp_loss() {
	local out
	out=$(in_ns 0 iperf3 -c "$(kpsec_ip4 5)" -u -b "$RATE" -l 1200 -t "$SECS" -J) || {
		printf '%s\n' "$out" | grep -m 1 '"error"' >&2
		return 1
	}
	# Two lines, lost then sent, from the receiver's sum.
	printf '%s\n' "$out" | sed -n '/"sum_received"/,/}/p' |
		grep -E '"(lost_packets|packets)"' | tr -dc '0-9\n' | tr '\n' ' '
	echo
}
DROPS="rx_no_key rx_replay rx_auth_fail rx_malformed"
drops5() {
	local c t=0
	for c in $DROPS; do t=$((t + $(kpsec_counter 5 "$c"))); done
	echo "$t"
}
tx_drops0() {
	echo $(( $(kpsec_counter 0 tx_no_key) + $(kpsec_counter 0 tx_queue_dropped) ))
}

bench_iperf_daemon 5

read -r base_lost base_sent < <(udp_loss)
echo "# no rekey: lost ${base_lost:-?} of ${base_sent:-?} datagrams"
ktap_check "the stream without rekeying ran" test "${base_sent:-0}" -gt 0

# run_rekeyed WHAT: the same stream while rekeys happen; checks that the
# session was rekeyed at least twice and nothing was lost to it.
run_rekeyed() {
	local what=$1 ex0 ex1 d5 t0 lost sent
	ex0=$(kpsec_session_field 0 5 exchanges)
	d5=$(drops5)
	t0=$(tx_drops0)
	read -r lost sent < <(udp_loss)
	ex1=$(kpsec_session_field 0 5 exchanges)
	echo "# $what: $((ex1 - ex0)) rekeys, lost ${lost:-?} of ${sent:-?} datagrams"
	ktap_check "$what: rekeyed at least twice during the stream" test $((ex1 - ex0)) -ge 2
	ktap_check "$what: no frame dropped for want of a key, as a replay or a bad tag" eval '
		echo "n5 drops $d5 -> $(drops5), n0 tx drops $t0 -> $(tx_drops0)"
		[ "$(drops5)" = "$d5" ] && [ "$(tx_drops0)" = "$t0" ]'
	# Loss the radios cause anyway: allow what the plain run lost plus 0.5%.
	ktap_check "$what: no more loss than without rekeying" eval '
		[ "${sent:-0}" -gt 0 ] && [ "$lost" -le $((base_lost + sent / 200)) ]'
}

for i in 0 5; do
	in_ns "$i" kpsec set kpsec0 rekey-after-time 5 || ktap_bail "n$i: cannot set rekey-after-time"
done
run_rekeyed "rekey after 5 s"

# About 830 datagrams a second: a rekey every 2000 messages is one every
# 2.4 s.  The time limit goes back up so that only messages count.
for i in 0 5; do
	in_ns "$i" kpsec set kpsec0 rekey-after-time 120 || ktap_bail "n$i: cannot set rekey-after-time"
done
in_ns 0 kpsec set kpsec0 rekey-after-messages 2000 || ktap_bail "n0: cannot set rekey-after-messages"
run_rekeyed "rekey after 2000 messages"

# A rekey the last messages set off may still be in flight.
ktap_check "the session is established at the end" \
	wait_until 10 kpsec_session_is 0 5 established

ktap_finish
