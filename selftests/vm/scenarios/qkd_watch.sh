#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# "kpsec qkd watch": two nodes in QKD-only mode keep their stores filled
# from the test KME (in n0).  n0 (node 1) is the master: it fetches
# batches with enc_keys and offers the key IDs to n1's watch, first over
# the lower link (bootstrap: no session without keys), then through the
# kpsec session.  Under a stream of rekeys the stores are refilled before
# they run dry; while the KME answers 503 the master backs off 1, 2, 4,
# 8 s, and recovers once the KME has keys again.  Offers from a node that
# is not the master, or malformed, are refused and change nothing.

. /scenario/kpsec-lib.sh

ktap_plan 14

topo_line 2
kpsec_mesh 2
node_addr 0
node_addr 1
qkd_kme_setup
qkd_kme_start

# watch_conf I: node I's watch configuration, its peer the other node.
watch_conf() {
	local i=$1 j=$((1 - $1))
	cat >"/tmp/watch-n$i.conf" <<-EOC
	[Watch]
	Device = kpsec0
	KME = kme-n$i.conf
	Low = 12
	Batch = 16
	Interval = 1

	[Peer]
	Node = $(kpsec_id "$j")
	SAE = sae-$(kpsec_id "$j")
	Address = $(kpsec_ip4 "$j")
	BootstrapAddress = $(ip_of "$j")
	EOC
}

for i in 0 1; do
	in_ns "$i" kpsec set kpsec0 qkd only qkd-low-watermark 4 || ktap_bail "n$i: cannot set qkd only"
	watch_conf "$i"
done
kpsec_monitor_start 0 /tmp/monitor-n0.log
in_ns_bg 0 kpsec qkd watch /tmp/watch-n0.conf >/tmp/watch-n0.log 2>&1
WATCH0=$BG_PID
in_ns_bg 1 kpsec qkd watch /tmp/watch-n1.conf >/tmp/watch-n1.log 2>&1
WATCH1=$BG_PID

same_stores() {
	local a b
	a=$(kpsec_qkd_ids 0 1) b=$(kpsec_qkd_ids 1 0)
	[ -n "$a" ] && [ "$a" = "$b" ]
}
stores_hold() { [ "$(kpsec_qkd_count 0 1)" = "$1" ] && same_stores; }

ktap_check "bootstrap: both empty stores get the same 16 keys over the lower link" eval '
	wait_until 30 stores_hold 16 &&
	grep -q "+16 keys at both ends (bootstrap)" /tmp/watch-n0.log &&
	grep -q "peer 1 (master): +16 keys by ID" /tmp/watch-n1.log'

ktap_check "qkd only: n0 makes a session with n1 from a watched key" \
	in_ns 0 kpsec connect kpsec0 2 --wait 10

# A rekey every 16 messages: a ping every 50 ms spends a key a second or so.
for i in 0 1; do
	in_ns "$i" kpsec set kpsec0 rekey-after-messages 16 || ktap_bail "n$i: cannot set rekeys"
done
in_ns_bg 0 ping -i 0.05 -c 2000 -q "$(kpsec_ip4 1)" >/tmp/ping.log 2>&1
PING=$BG_PID
used() { kpsec_counter 0 qkd_keys_used; }
ktap_check "rekeys spend more than three batches of keys" wait_until 240 eval '[ "$(used)" -ge 56 ]'
kill -INT "$PING" 2>/dev/null
wait "$PING" 2>/dev/null
# No more rekeys: from here on the stores change only when the watch acts.
for i in 0 1; do
	in_ns "$i" kpsec set kpsec0 rekey-after-messages 1000000 || ktap_bail "n$i: cannot set rekeys"
done
echo "# $(tail -n 2 /tmp/ping.log | tr '\n' ' ')"
echo "# n0 used $(used) keys; refills: $(grep -c '+16 keys at both ends' /tmp/watch-n0.log)"

ktap_check "every ping came back through the rekeys" \
	grep -Eq ' 0% packet loss' /tmp/ping.log
ktap_check "the stores were refilled through the session, not the lower link" eval '
	[ "$(grep "+16 keys at both ends" /tmp/watch-n0.log | grep -vc bootstrap)" -ge 3 ]'
ktap_check "no store ran dry: no qkd-empty event, no qkd-no-key failure" eval '
	! grep -q "qkd-empty" /tmp/monitor-n0.log &&
	[ "$(kpsec_counter 0 qkd_no_key)" = 0 ] && [ "$(kpsec_counter 1 qkd_no_key)" = 0 ]'
# Settled: no exchange in flight, n0's store at or above Low (so the watch
# has nothing to do) and the same at both ends (no refill half applied).
settled() {
	kpsec_session_is 0 1 established && kpsec_session_is 1 0 established &&
		[ "$(kpsec_qkd_count 0 1)" -ge 12 ] && same_stores
}
ktap_check "both stores hold the same key IDs" wait_until 30 settled

# ---- Offers the slave refuses: from its slave, malformed.  Each changes nothing.
# offer_to I TEXT: send TEXT to node I's watch from node J, print the answer.
offer_to() {
	in_ns "$((1 - $1))" bash -c 'exec 3<>"/dev/tcp/$1/5290" && printf "%b" "$2" >&3 &&
		head -n 1 <&3' _ "$(kpsec_ip4 "$1")" "$2"
}
before=$(kpsec_qkd_ids 0 1)
ktap_check "an offer from node 2, which is not node 1's master, is refused" eval '
	offer_to 0 "KPSEC-QKD-WATCH 1 OFFER 2 1 1\n$(cat /proc/sys/kernel/random/uuid)\nEND\n" |
		grep -q "^ERR node 2 is not the master of node 1"'
ktap_check "a malformed offer is refused" eval '
	offer_to 0 "HELLO\nEND\n" | grep -q "^ERR not a key ID offer"'
ktap_check "refused offers left n0's store as it was" eval '[ "$(kpsec_qkd_ids 0 1)" = "$before" ]'

# ---- Backoff: the KME has no keys (503); the stores are emptied.
mark=$(wc -l </tmp/watch-n0.log)
bg_stop "$KME_PID"
qkd_kme_start --fault empty
in_ns 0 kpsec qkd delete kpsec0 peer 2 all >/dev/null &&
	in_ns 1 kpsec qkd delete kpsec0 peer 1 all >/dev/null || ktap_bail "cannot empty the stores"
retries() { tail -n +"$((mark + 1))" /tmp/watch-n0.log | grep 'retry in'; }
ktap_check "a KME without keys: the master retries after 1, 2, 4 and 8 s" eval '
	wait_until 60 eval "[ \$(retries | wc -l) -ge 4 ]" >/dev/null &&
	[ "$(retries | head -n 4 | sed "s/.*retry in \([0-9]*\) s$/\1/" | tr "\n" " ")" = "1 2 4 8 " ] &&
	retries | grep -q "unavailable"'
echo "$(retries | head -n 4)" | sed 's/^/# /'
# The attempts really wait: each gap at least the delay announced before it.
ktap_check "each retry waited its delay" eval '
	retries | head -n 4 | awk "{ t = \$1; d = \$(NF - 1)
		if (NR > 1 && t - prev < pd - 0.05) bad = 1
		prev = t; pd = d } END { exit bad }"'

bg_stop "$KME_PID"
qkd_kme_start
ktap_check "the KME has keys again: the stores are refilled, the same at both ends" \
	wait_until 60 stores_hold 16

kill -TERM "$WATCH0" "$WATCH1"
ktap_check "both watches stop on SIGTERM" eval '
	wait_until 10 eval "grep -q stopped /tmp/watch-n0.log && grep -q stopped /tmp/watch-n1.log"'
bg_stop "$KME_PID"
bg_stop "$MONITOR_PID"
ktap_finish
