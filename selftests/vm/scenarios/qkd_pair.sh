#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# QKD keys (Documentation/qkd.rst) between n0 and n2 of a 3-node line, so
# that every exchange crosses n1.  QKD-only and hybrid sessions carry
# traffic; each exchange spends one fresh key at both ends, named by its
# key ID; a key ID one end lacks costs one attempt; an empty store does
# what qkd-on-empty says, with the events kpsec monitor shows; traffic
# never falls back to a weaker mode.

. /scenario/kpsec-lib.sh
. /scenario/bench-lib.sh

ktap_plan 28

topo_line 3
kpsec_mesh 3
for i in 0 1 2; do
	in_ns "$i" kpsec set kpsec0 kx-timeout 1000 kx-retries 2 ||
		ktap_bail "n$i: cannot set the exchange timers"
done
wait_until 30 kpsec_route_is 0 2 2 1 >/dev/null || ktap_bail "n0 has no route to n2"

# import_both FILE: the same container into n0 (for n2) and n2 (for n0).
import_both() {
	in_ns 0 kpsec qkd import kpsec0 peer 3 "$1" && in_ns 2 kpsec qkd import kpsec0 peer 1 "$1"
}
# in_store ID: whether either end still holds key ID.
in_store() { kpsec_qkd_ids 0 2 | grep -qx "$1" || kpsec_qkd_ids 2 0 | grep -qx "$1"; }
session_key() { kpsec_session_field "$1" "$2" qkd_key_id; }
pings() { in_ns 0 ping -c "${1:-2}" -W 2 -q "$(kpsec_ip4 2)"; }

qkd_container /tmp/qkd-a 6
ktap_check "n0 and n2 import the same key container" import_both /tmp/qkd-a
ktap_check "both stores hold its 6 keys, in the same order" eval '
	[ "$(kpsec_qkd_count 0 2)" = 6 ] && [ "$(kpsec_qkd_ids 0 2)" = "$(kpsec_qkd_ids 2 0)" ]'
ktap_expect_fail "importing the same key IDs again is refused" \
	in_ns 0 kpsec qkd import kpsec0 peer 3 /tmp/qkd-a
ktap_check "and changes nothing" eval '[ "$(kpsec_qkd_count 0 2)" = 6 ]'

kpsec_monitor_start 0 /tmp/mon0

# ---- QKD only: no private key, no key ring, no X25519.
for i in 0 2; do in_ns "$i" kpsec set kpsec0 qkd only || ktap_bail "n$i: cannot set qkd only"; done
first=$(kpsec_qkd_ids 0 2 | head -n 1)
ktap_check "qkd only: n0 makes a session with n2 without a private key" \
	in_ns 0 kpsec connect kpsec0 3 --wait 10
ktap_check "qkd only: both ends used the oldest key, and say so" eval '
	echo "want $first: n0 $(session_key 0 2) n2 $(session_key 2 0)"
	[ "$(session_key 0 2)" = "$first" ] && [ "$(session_key 2 0)" = "$first" ] &&
	[ "$(kpsec_session_field 0 2 qkd_mode)" = only ]'
ktap_check "qkd only: ping n0 -> n2" pings 3
bench_iperf_daemon 2
ktap_check "qkd only: TCP through the session" \
	in_ns 0 iperf3 -c "$(kpsec_ip4 2)" -t 3
used=$first
rekeys() {
	local r
	for ((r = 0; r < $1; r++)); do
		in_ns 0 kpsec connect kpsec0 3 --wait 10 || return 1
		used+=" $(session_key 0 2)"
	done
}
ktap_check "qkd only: three rekeys" rekeys 3
ktap_check "no key ID served twice, and no used one is left in either store" eval '
	echo "used: $used"
	[ "$(echo $used | tr " " "\n" | sort -u | grep -c .)" = 4 ] &&
	for id in $used; do ! in_store "$id" || exit 1; done'
ktap_check "each store holds the 2 keys no exchange used" eval '
	[ "$(kpsec_qkd_count 0 2)" = 2 ] && [ "$(kpsec_qkd_count 2 0)" = 2 ]'

# ---- A key ID n2 does not hold: that attempt fails, the retry takes the next.
gone=$(kpsec_qkd_ids 0 2 | head -n 1)
in_ns 2 kpsec qkd delete kpsec0 peer 1 id "$gone" || ktap_bail "n2: qkd delete failed"
ktap_check "a key ID n2 lacks costs one attempt; the next key makes the session" eval '
	in_ns 0 kpsec connect kpsec0 3 --wait 10 &&
	[ "$(session_key 0 2)" != "$gone" ] && ! in_store "$gone"'
ktap_check "n2 counted the unknown key ID" kpsec_counter_above 2 qkd_unknown_key 0

# ---- Both stores are empty now.  qkd-on-empty refuse (the default).
ktap_check "the stores ran out, and n0 said so (qkd-empty)" eval '
	[ "$(kpsec_qkd_count 0 2)" = 0 ] && wait_until 5 grep -q "qkd-empty.*peer 3" /tmp/mon0'
ktap_expect_fail "refuse: a rekey without a key fails" in_ns 0 kpsec connect kpsec0 3 --wait 10
ktap_check "refuse: it failed with qkd-no-key, and the session ended" eval '
	wait_until 5 grep -q "failed.*peer 3.*reason qkd-no-key" /tmp/mon0 &&
	! kpsec_session_is 0 2 established'
ktap_expect_fail "refuse: no traffic flows without a session" pings 2
qkd_container /tmp/qkd-b 4
import_both /tmp/qkd-b || ktap_bail "cannot import the second container"
ktap_check "new keys: a new session, and traffic again" eval '
	in_ns 0 kpsec connect kpsec0 3 --wait 10 && pings 2'

# ---- The low watermark: 3 keys left, the next exchange leaves 2.
in_ns 0 kpsec set kpsec0 qkd-low-watermark 2 || ktap_bail "n0: cannot set qkd-low-watermark"
ktap_check "low watermark: the store falling to 2 keys sends qkd-low" eval '
	in_ns 0 kpsec connect kpsec0 3 --wait 10 &&
	wait_until 5 grep -q "qkd-low.*peer 3.*keys 2" /tmp/mon0'

# ---- qkd-on-empty keep: the session outlives a failed rekey until max-age.
# Spend the last 2 keys first: a 5 s rekey period would spend them itself.
rekeys 2 || ktap_bail "cannot spend the last keys"
for i in 0 2; do
	in_ns "$i" kpsec set kpsec0 qkd-on-empty keep rekey-after-time 5 qkd-max-age 12 ||
		ktap_bail "n$i: cannot set qkd-on-empty keep"
done
expired=$(kpsec_counter 0 qkd_expired)
ktap_expect_fail "keep: a rekey without a key fails" in_ns 0 kpsec connect kpsec0 3 --wait 10
ktap_check "keep: the session is still there and carries traffic" eval '
	kpsec_session_is 0 2 established && pings 2'
ktap_check "keep: it ends at qkd-max-age (qkd-expired)" eval '
	wait_until 20 eval "! kpsec_session_is 0 2 established" &&
	kpsec_counter_above 0 qkd_expired "$expired"'
ktap_expect_fail "keep: after that no traffic flows" pings 2

# ---- Hybrid: the KPsec exchange over key-paths, a fresh QKD key mixed in.
# n2 waits a quarter of kx-timeout for the share n1 relays, and a retry
# would spend the next key: 4 s leaves a slow guest room for one attempt.
kpsec_load_ring 0 "1 2"
kpsec_load_ring 1 "0 2"
kpsec_load_ring 2 "0 1"
for i in 0 2; do
	in_ns "$i" kpsec set kpsec0 qkd hybrid qkd-on-empty refuse rekey-after-time 120 \
		qkd-max-age 3600 kx-timeout 4000 || ktap_bail "n$i: cannot set qkd hybrid"
done
qkd_container /tmp/qkd-c 3 64
import_both /tmp/qkd-c || ktap_bail "cannot import 512-bit keys"
first=$(kpsec_qkd_ids 0 2 | head -n 1)
relayed=$(kpsec_counter 1 kx_share_relayed)
ktap_check "hybrid: n0 makes a session with n2 (512-bit QKD keys)" eval '
	wait_until 30 eval "[ \"\$(kpsec_keypath_count 0 2)\" = 2 ]" &&
	in_ns 0 kpsec connect kpsec0 3 --wait 10'
ktap_check "hybrid: both ends mixed in the oldest key; n1 relayed a share" eval '
	[ "$(session_key 0 2)" = "$first" ] && [ "$(session_key 2 0)" = "$first" ] &&
	[ "$(kpsec_session_field 2 0 qkd_mode)" = hybrid ] &&
	kpsec_counter_above 1 kx_share_relayed "$relayed"'
ktap_check "hybrid: ping n0 -> n2" pings 3

# ---- Modes must match: n2 off refuses n0's hybrid exchange.
in_ns 2 kpsec set kpsec0 qkd off || ktap_bail "n2: cannot set qkd off"
ktap_expect_fail "mode mismatch: n0's hybrid exchange gets no answer" \
	in_ns 0 kpsec connect kpsec0 3 --wait 10
ktap_check "mode mismatch: n2 says qkd-mode-mismatch" eval '
	[ "$(kpsec_session_field 2 0 last_error)" = qkd-mode-mismatch ]'

bg_stop "$MONITOR_PID"
ktap_finish
