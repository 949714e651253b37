#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Forged QKD_INITs and simultaneous starts in QKD-only mode (qkd.rst),
# between the neighbours n0 (node 1) and n1 (node 2).  kpsec-frame builds
# QKD_INITs "from n0" with keys the test made itself:
#  - a bad tag for the key n1 would use next, an unknown key ID, a source
#    n1 has no peer for, truncated frames: dropped and counted; no key
#    spent, no session changed, no peer made;
#  - a valid tag: n1 spends the key it names, once; replays of it, while
#    n1 waits for the CONFIRM, after it gave up and after a newer
#    exchange, spend nothing more;
#  - an exchange numbered by a clock behind the receiver's is no replay;
#  - both ends start at once (their QKD_INITs held back by tc, then
#    crossing): n0, the lower ID, ignores n1's; n1 drops its own attempt
#    and puts its key back in front of its store; one session results and
#    the next exchange uses the key put back.

. /scenario/kpsec-lib.sh

ktap_plan 25

topo_line 2
kpsec_mesh 2
for i in 0 1; do
	# No rekey on its own while the scenario runs (the default is 120 s).
	in_ns "$i" kpsec set kpsec0 qkd only kx-timeout 10000 kx-retries 0 \
		rekey-after-time 1800 ||
		ktap_bail "n$i: cannot set qkd only"
done
wait_until 30 kpsec_route_is 0 1 1 1 >/dev/null || ktap_bail "n0 has no route to n1"

# import I FILE: FILE into node I's store for the other node.
import() { in_ns "$1" kpsec qkd import kpsec0 peer "$(kpsec_id $((1 - $1)))" "$2"; }
# key_of ID: the base64 key of key ID in the containers the test made.
key_of() {
	cat /tmp/qkd-* | grep -o "\"key_ID\":\"$1\",\"key\":\"[^\"]*\"" | head -n 1 |
		sed 's/.*"key":"//; s/"$//'
}
ids() { kpsec_qkd_ids "$1" $((1 - $1)) | tr '\n' ' '; }
front() { kpsec_qkd_ids "$1" $((1 - $1)) | head -n 1; }
held() { kpsec_qkd_ids "$1" $((1 - $1)) | grep -qx "$2"; }
session_key() { kpsec_session_field "$1" $((1 - $1)) qkd_key_id; }
# state I: what node I's store, key counter and session with the other
# node look like; "unchanged" compares it with the last snapshot.
state() {
	echo "ids: $(ids "$1")| used $(kpsec_counter "$1" qkd_keys_used)" \
		"| session $(kpsec_session_field "$1" $((1 - $1)) state)" \
		"key $(session_key "$1") exchanges $(kpsec_session_field "$1" $((1 - $1)) exchanges)"
}
snapshot() { SNAP=$(state 1); }
unchanged() {
	local now
	now=$(state 1)
	echo "before: $SNAP"
	echo "now:    $now"
	[ "$now" = "$SNAP" ]
}
# forge NAME KEY_ID KEY [OPTION]...: a QKD_INIT from n0 (node 1) to n1
# (node 2) in /tmp/NAME.frame; send NAME puts it on the air from n0.
forge() {
	local name=$1
	shift
	kpsec-frame qkd-init "/tmp/$name.frame" "$(mac_of 0)" "$(mac_of 1)" 1 2 "$@" ||
		ktap_bail "kpsec-frame qkd-init $name failed"
}
send() { in_ns 0 kpsec-frame inject wlan0 "/tmp/$1.frame"; }
# counted I COUNTER N CMD...: CMD makes COUNTER of node I go up by N.
counted() {
	local node=$1 counter=$2 n=$3 was
	shift 3
	was=$(kpsec_counter "$node" "$counter")
	"$@" || return 1
	wait_until 5 kpsec_counter_is "$node" "$counter" $((was + n))
}
# counters I COUNTER...: the values of those counters of node I.
counters() {
	local ctr
	for ctr in "${@:2}"; do echo -n "$ctr=$(kpsec_counter "$1" "$ctr") "; done
}

# ---- A session made with the oldest of 4 keys both ends hold.
qkd_container /tmp/qkd-s 4
import 0 /tmp/qkd-s && import 1 /tmp/qkd-s || ktap_bail "cannot import the shared keys"
s1=$(front 0)
ktap_check "n0 makes a QKD-only session with n1" eval '
	in_ns 0 kpsec connect kpsec0 2 --wait 10 &&
	[ "$(session_key 0)" = "$s1" ] && [ "$(session_key 1)" = "$s1" ]'
s2=$(front 1)
kpsec_monitor_start 1 /tmp/mon1

# ---- (a) a bad tag for the key n1 would take next.
forge bad "$s2" "$(key_of "$s2")" bad-tag
snapshot
others="qkd_unknown_key kx_malformed kx_replay kx_established"
before=$(counters 1 $others)
ktap_check "a QKD_INIT with a bad tag for a key n1 holds: kx_confirm_failed" \
	counted 1 kx_confirm_failed 1 send bad
ktap_check "it spent no key (that ID is still next), changed no session, counted nothing else" eval '
	unchanged && [ "$(front 1)" = "$s2" ] && [ "$(counters 1 $others)" = "$before" ] &&
	kpsec_session_is 1 0 established'
ktap_check "kpsec monitor reported it as confirm-failed" \
	wait_until 5 grep -q "confirm-failed peer 1" /tmp/mon1

# ---- (c) a key ID n1 does not hold.
forge unknown "$(cat /proc/sys/kernel/random/uuid)" "$(key_of "$s2")"
others="kx_confirm_failed kx_malformed kx_replay kx_established"
before=$(counters 1 $others)
ktap_check "a QKD_INIT naming an unknown key ID: qkd_unknown_key" \
	counted 1 qkd_unknown_key 1 send unknown
ktap_check "it spent no key, changed no session, counted nothing else" eval '
	unchanged && [ "$(counters 1 $others)" = "$before" ] &&
	wait_until 5 grep -q "failed peer 1 reason qkd-unknown-key" /tmp/mon1'

# ---- ... from a node n1 has no peer (and so no key store) for: the same,
# and n1 does not make one for it.
kpsec-frame qkd-init /tmp/stranger.frame "$(mac_of 0)" "$(mac_of 1)" 77 2 "$s2" \
	"$(key_of "$s2")" || ktap_bail "kpsec-frame qkd-init stranger failed"
no_peer_77() { ! in_ns 1 kpsec -j show kpsec0 peers | tr -d ' \n' | grep -q '"node_id":77,'; }
ktap_check "a QKD_INIT from a node n1 has no peer for: qkd_unknown_key, no peer made" eval '
	counted 1 qkd_unknown_key 1 send stranger && no_peer_77 && unchanged &&
	[ "$(counters 1 $others)" = "$before" ]'

# ---- (d) truncated, with the right tag for the next key: short by one
# byte of the tag, and cut after the xid.
forge short "$s2" "$(key_of "$s2")" len 59
forge stub "$s2" "$(key_of "$s2")" len 12
others="kx_confirm_failed qkd_unknown_key kx_replay kx_established"
before=$(counters 1 $others)
ktap_check "truncated QKD_INITs are malformed: kx_malformed +2" \
	counted 1 kx_malformed 2 eval 'send short && send stub'
ktap_check "they spent no key, changed no session, counted nothing else" eval '
	unchanged && [ "$(counters 1 $others)" = "$before" ]'

# ---- (b) a valid tag, for a key only n1 holds (the last of its store).
# n1 then waits kx-timeout for a CONFIRM that never comes; the checks made
# while it waits must fit in it, however slow the guest.
in_ns 1 kpsec set kpsec0 kx-timeout 20000 || ktap_bail "n1: cannot set kx-timeout"
qkd_container /tmp/qkd-f 1
import 1 /tmp/qkd-f || ktap_bail "n1: cannot import the forge key"
f1=$(kpsec_qkd_ids 1 0 | tail -n 1)
forge valid "$f1" "$(key_of "$f1")"
snapshot
replays=$(kpsec_counter 0 kx_replay)
used=$(kpsec_counter 1 qkd_keys_used)
failed=$(kpsec_counter 1 kx_failed)
ktap_check "a QKD_INIT with a valid tag: n1 spends the key it names, and only that one" eval '
	send valid &&
	wait_until 5 kpsec_counter_is 1 qkd_keys_used $((used + 1)) && ! held 1 "$f1" &&
	[ "$(front 1)" = "$s2" ] && [ "$(kpsec_qkd_count 1 0)" = 3 ]'
ktap_check "n1 answered (QKD_RESP, which n0 counts as a replay) and waits for the CONFIRM" eval '
	wait_until 5 kpsec_counter_is 0 kx_replay $((replays + 1)) &&
	kpsec_session_is 1 0 responding'
snapshot
ktap_check "its replay while n1 waits: kx_replay, nothing spent" eval '
	counted 1 kx_replay 1 send valid && unchanged'
ktap_check "n1 gives up on it; the session it had is unchanged" eval '
	wait_until 30 kpsec_counter_is 1 kx_failed $((failed + 1)) &&
	kpsec_session_is 1 0 established && [ "$(session_key 1)" = "$s1" ]'
snapshot
ktap_check "its replay after that: the key is gone (qkd_unknown_key), nothing spent" eval '
	counted 1 qkd_unknown_key 1 send valid && unchanged'
ktap_check "n0 and n1 make a new session with the next key, as if nothing happened" eval '
	in_ns 0 kpsec connect kpsec0 2 --wait 10 &&
	[ "$(session_key 0)" = "$s2" ] && [ "$(session_key 1)" = "$s2" ] &&
	[ "$(ids 0)" = "$(ids 1)" ]'
snapshot
ktap_check "its replay after a newer exchange: kx_replay, nothing spent" eval '
	counted 1 kx_replay 1 send valid && unchanged'

# ---- Clocks need not agree: an exchange numbered by a clock behind
# n1's is not a replay of the newer one n1 began itself.
s4=$(kpsec_qkd_ids 1 0 | tail -n 1)
forge behind "$s4" "$(key_of "$s4")"	# its xid: the clock now
ktap_check "n1 begins an exchange of its own (a newer xid)" eval '
	in_ns 1 kpsec connect kpsec0 1 --wait 10 && [ "$(kpsec_qkd_ids 1 0)" = "$s4" ]'
used=$(kpsec_counter 1 qkd_keys_used)
failed=$(kpsec_counter 1 kx_failed)
ktap_check "then a QKD_INIT from n0 with an older xid: n1 answers it, spending its key" eval '
	send behind && wait_until 5 kpsec_counter_is 1 qkd_keys_used $((used + 1)) &&
	! held 1 "$s4"'
wait_until 30 kpsec_counter_is 1 kx_failed $((failed + 1)) >/dev/null ||
	ktap_bail "n1 did not give up waiting for the CONFIRM"
bg_stop "$MONITOR_PID"

# ---- Both start at once.  n0's store: A B C, n1's: B C A.
for i in 0 1; do
	in_ns "$i" kpsec qkd delete kpsec0 peer "$(kpsec_id $((1 - i)))" all &&
	in_ns "$i" kpsec set kpsec0 kx-timeout 30000 || ktap_bail "n$i: cannot reset"
done
qkd_container /tmp/qkd-x 1
qkd_container /tmp/qkd-y 2
import 0 /tmp/qkd-x && import 0 /tmp/qkd-y && import 1 /tmp/qkd-y && import 1 /tmp/qkd-x ||
	ktap_bail "cannot import the keys for the simultaneous start"
ka=$(front 0) kb=$(front 1)
kc=$(kpsec_qkd_ids 1 0 | sed -n 2p)
echo "# A $ka B $kb C $kc"
[ "$(ids 0)" = "$ka $kb $kc " ] && [ "$(ids 1)" = "$kb $kc $ka " ] ||
	ktap_bail "unexpected store order"

# hold I J: node I drops unicast kpsec frames from node J (key exchange and
# data; HELLOs and LSAs are broadcast and still pass); release undoes it.
hold() {
	_ingress "$1"
	tc -n "n$1" filter add dev "wlan$1" ingress pref 10 protocol all flower \
		src_mac "$(mac_of "$2")" dst_mac "$(mac_of "$1")" action drop ||
		ktap_bail "n$1: cannot hold back frames from n$2"
}
release() { tc -n "n$1" filter del dev "wlan$1" ingress pref 10 || ktap_bail "n$1: tc del"; }
hold 0 1
hold 1 0
for i in 0 1; do
	in_ns_bg "$i" kpsec-frame capture "wlan$i" "/tmp/init$i.frame" out 60 qkd-init \
		>"/tmp/cap$i.log" 2>&1
	wait_until 10 grep -q listening "/tmp/cap$i.log" >/dev/null ||
		ktap_bail "n$i: kpsec-frame capture did not start"
done
COUNTERS="rx_kx_packets tx_kx_packets qkd_keys_used kx_established kx_failed kx_replay
	kx_confirm_failed qkd_unknown_key"
declare -A was
for i in 0 1; do
	for ctr in $COUNTERS; do was[$i,$ctr]=$(kpsec_counter "$i" "$ctr"); done
	was[$i,exchanges]=$(kpsec_session_field "$i" $((1 - i)) exchanges)
done
# delta I COUNTER: how much COUNTER of node I grew since then.
delta() { echo $(($(kpsec_counter "$1" "$2") - was[$1,$2])); }
deltas() {
	local i ctr
	for i in 0 1; do
		echo -n "n$i:"
		for ctr in $COUNTERS; do echo -n " $ctr +$(delta "$i" "$ctr")"; done
		echo
	done
}

both_started() {
	wait_until 10 eval 'grep -q captured /tmp/cap0.log && grep -q captured /tmp/cap1.log' &&
	kpsec_session_is 0 1 initiating && kpsec_session_is 1 0 initiating || return 1
	echo "n0 holds: $(ids 0)"
	echo "n1 holds: $(ids 1)"
	deltas
	[ "$(ids 0)" = "$kb $kc " ] && [ "$(ids 1)" = "$kc $ka " ] &&
	[ "$(delta 0 rx_kx_packets)" = 0 ] && [ "$(delta 1 rx_kx_packets)" = 0 ]
}
in_ns 0 kpsec connect kpsec0 2 && in_ns 1 kpsec connect kpsec0 1 ||
	ktap_bail "cannot start the exchanges"
ktap_check "both start: each takes its oldest key; the QKD_INITs are sent, not received" \
	both_started
release 0
release 1

# n1's QKD_INIT reaches n0 first, as it would on the air (it left n1
# before n1 could answer n0's).
n0_ignores() {
	in_ns 1 kpsec-frame inject wlan1 /tmp/init1.frame &&
	wait_until 5 eval '[ "$(delta 0 rx_kx_packets)" = 1 ]' || return 1
	echo "n0 holds: $(ids 0)"
	kpsec_session_is 0 1 initiating && [ "$(ids 0)" = "$kb $kc " ]
}
ktap_check "n0 (the lower ID) ignores n1's QKD_INIT: its own exchange goes on" n0_ignores

one_session() {
	in_ns 0 kpsec-frame inject wlan0 /tmp/init0.frame &&
	wait_until 10 eval 'kpsec_session_is 0 1 established && kpsec_session_is 1 0 established' ||
		return 1
	echo "keys: n0 $(session_key 0) n1 $(session_key 1) (want $ka)"
	echo "exchanges: n0 $(kpsec_session_field 0 1 exchanges) n1 $(kpsec_session_field 1 0 exchanges)" \
		"(were ${was[0,exchanges]} ${was[1,exchanges]})"
	deltas
	[ "$(session_key 0)" = "$ka" ] && [ "$(session_key 1)" = "$ka" ] &&
	[ "$(delta 0 kx_established)" = 1 ] && [ "$(delta 1 kx_established)" = 1 ] &&
	[ "$(kpsec_session_field 0 1 exchanges)" = $((was[0,exchanges] + 1)) ] &&
	[ "$(kpsec_session_field 1 0 exchanges)" = $((was[1,exchanges] + 1)) ] &&
	[ "$(kpsec_session_field 0 1 initiator)" = true ] &&
	[ "$(kpsec_session_field 1 0 initiator)" = false ]
}
ktap_check "n0's QKD_INIT reaches n1: exactly one session, with key A at both ends" one_session

put_back() {
	echo "n0 holds: $(ids 0)"
	echo "n1 holds: $(ids 1)"
	[ "$(ids 0)" = "$kb $kc " ] && [ "$(ids 1)" = "$kb $kc " ]
}
ktap_check "n1 put B back in front of its store: both stores hold B C" put_back

# One key spent at each end (n1: B taken, put back, A taken); n0 sent its
# QKD_INIT and the CONFIRM, n1 its QKD_INIT and the QKD_RESP: nobody
# answered n1's QKD_INIT, and nothing failed or was refused.
nothing_else() {
	local i ctr
	deltas
	[ "$(delta 0 qkd_keys_used)" = 1 ] && [ "$(delta 1 qkd_keys_used)" = 1 ] &&
	[ "$(delta 0 tx_kx_packets)" = 2 ] && [ "$(delta 1 tx_kx_packets)" = 2 ] || return 1
	for i in 0 1; do
		for ctr in kx_failed kx_replay kx_confirm_failed qkd_unknown_key; do
			[ "$(delta "$i" "$ctr")" = 0 ] || return 1
		done
	done
}
ktap_check "one key spent at each end; nothing answered twice, failed or refused" nothing_else

next_uses_b() {
	in_ns 0 kpsec connect kpsec0 2 --wait 10 || return 1
	echo "keys: n0 $(session_key 0) n1 $(session_key 1) (want $kb)"
	[ "$(session_key 0)" = "$kb" ] && [ "$(session_key 1)" = "$kb" ] &&
	[ "$(ids 0)" = "$kc " ] && [ "$(ids 1)" = "$kc " ]
}
ktap_check "the next exchange uses the key n1 put back, at both ends" next_uses_b

never_twice() {
	local used="$s1 $s2 $ka $kb" id
	echo "sessions used: $used; n0 holds: $(ids 0); n1 holds: $(ids 1)"
	[ "$(echo "$used" | tr ' ' '\n' | sort -u | grep -c .)" = 4 ] || return 1
	for id in $used $f1; do
		! held 0 "$id" && ! held 1 "$id" || return 1
	done
}
ktap_check "no key ID was used twice, and none used is left in a store" never_twice

ktap_finish
