#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What the key exchange refuses, on the 10-node testbed of kx_mesh (2 x 5
# grid, node I holds the keys of I+1 .. I+3 mod 10):
#  - bad configuration files: refused with the line, nothing loaded;
#  - key ring entries only the kernel can judge (its own node ID, a full
#    ring): an extack message, nothing changed;
#  - kpsec connect to itself, to a node it cannot reach, without a key;
#  - fewer than kx-theta key-paths: the exchange fails, few-keypaths;
#  - a ring that holds another key under the source's ID: key-mismatch;
#  - replayed SHARE, RESPONSE, CONFIRM and data frames: dropped, counted,
#    reported, and the sessions go on unchanged.

. /scenario/kpsec-lib.sh

ktap_plan 26

topo_grid 2 5
kpsec_mesh 10
kpsec_circulant_rings 10 3
ktap_check "n0 sees 2 key-paths to n5" \
	wait_until 60 eval '[ "$(kpsec_keypath_count 0 5)" = 2 ]'

# ---- configuration files, refused by the CLI with their line number ----
ring_json() { in_ns 0 kpsec -j show kpsec0 keyring; }
before=$(ring_json)
pub1=$(cat /tmp/pub-1)
# refused_whole MESSAGE CMD...: CMD fails saying MESSAGE, and n0 holds what
# it held.
refused_whole() { expect_cli_error "$@" && [ "$(ring_json)" = "$before" ]; }
# bad_conf NAME LINE MESSAGE CONTENT: setconf of CONTENT (printf %b) is
# refused at LINE with MESSAGE.
bad_conf() {
	printf '%b' "$4" >"/tmp/bad-$1"
	refused_whole "/tmp/bad-$1:$2: $3" in_ns 0 kpsec setconf kpsec0 "/tmp/bad-$1"
}
ktap_check "a key of the wrong length is refused, nothing loaded" bad_conf short-key 4 \
	'key is not 32 bytes long' "[Node]\nNodeID = 1\n[KeyRing]\n2 = ${pub1:0:40}\n"
ktap_check "a node ID given twice is refused, nothing loaded" bad_conf dup-id 4 \
	'node given twice in [KeyRing]' "[KeyRing]\n2 = $pub1\n3 = $pub1\n2 = $pub1\n"
ktap_check "the node's own ID in its ring is refused, nothing loaded" bad_conf own-id 4 \
	"this node's own NodeID in [KeyRing]" "[Node]\nNodeID = 1\n[KeyRing]\n1 = $pub1\n"
ktap_check "bad base64 is refused, nothing loaded" bad_conf base64 3 \
	'key is not valid base64' "[KeyRing]\n2 = $pub1\n3 = ${pub1:0:42}*=\n"

# ---- entries only the kernel can judge ----
printf '[KeyRing]\n1 = %s\n' "$pub1" >/tmp/own-ring
ktap_check "addconf of the node's own ID: the kernel refuses, nothing changes" \
	refused_whole "the key ring cannot hold this node's own ID" \
	in_ns 0 kpsec addconf kpsec0 /tmp/own-ring
{ echo '[KeyRing]'; for ((id = 100; id < 226; id++)); do echo "$id = $pub1"; done; } >/tmp/big-ring
ktap_check "a ring past 128 keys: the kernel refuses, nothing changes" \
	refused_whole "the key ring is full" in_ns 0 kpsec addconf kpsec0 /tmp/big-ring

# ---- kpsec connect ----
ktap_check "connect to itself: refused" \
	expect_cli_error "that is this node" in_ns 0 kpsec connect kpsec0 1
ktap_check "connect to a node no route reaches: refused" \
	expect_cli_error "the node is not reachable" in_ns 0 kpsec connect kpsec0 77
in_ns 0 ip link add kpsec1 type kpsec || ktap_bail "n0: cannot add kpsec1"
ktap_check "connect from a device without a private key: refused" \
	expect_cli_error "this node has no private key" in_ns 0 kpsec connect kpsec1 6
in_ns 0 ip link del kpsec1

# ---- fewer key-paths than kx-theta ----
in_ns 0 kpsec set kpsec0 kx-rho 4 kx-theta 4 || ktap_bail "n0: cannot set kx-rho 4 kx-theta 4"
ktap_check "n0 -> n5 has 3 key-paths, not 4" \
	wait_until 10 eval '[ "$(kpsec_keypath_count 0 5)" = 3 ]'
ktap_check "with kx-theta 4 the exchange fails: few-keypaths" \
	expect_cli_error "failed: few-keypaths" in_ns 0 kpsec connect kpsec0 6 --wait 10
ktap_check "n0's session with n5 says so" eval '
	[ "$(kpsec_session_field 0 5 last_error)" = few-keypaths ]'
in_ns 0 kpsec set kpsec0 kx-rho 2 kx-theta 2 || ktap_bail "n0: cannot set kx-rho 2 kx-theta 2"

# ---- a ring that holds another key under the source's node ID ----
# n6 is told that node 2 (n1) has n9's key; n1 holds none of n6's.
printf '[KeyRing]\n2 = %s\n' "$(cat /tmp/pub-9)" >/tmp/wrong-ring
in_ns 6 kpsec addconf kpsec0 /tmp/wrong-ring || ktap_bail "n6: addconf failed"
# n6 checks the key only once it holds theta shares; it waits a quarter of
# its kx-timeout for the second one, which crosses more hops.
in_ns 6 kpsec set kpsec0 kx-timeout 8000 || ktap_bail "n6: cannot set kx-timeout"
in_ns 1 kpsec set kpsec0 kx-timeout 1000 kx-retries 0 || ktap_bail "n1: cannot set kx-timeout"
kpsec_monitor_start 6 /tmp/monitor-6.log
ktap_expect_fail "n1 gets no session with n6" in_ns 1 kpsec connect kpsec0 7 --wait 10
ktap_check "n6 refused it: failed, key-mismatch" eval '
	wait_until 5 grep -q "failed peer 2 reason key-mismatch" /tmp/monitor-6.log &&
	[ "$(kpsec_session_field 6 1 last_error)" = key-mismatch ]'
bg_stop "$MONITOR_PID"

# ---- replays ----
# Capture, while n0 and n5 make a session, the first SHARE and the
# CONFIRM n0 sends and the RESPONSE n5 sends; then send each again.
cap() {
	in_ns_bg "$1" kpsec-frame capture "wlan$1" "/tmp/$2.frame" out 30 "$2" >"/tmp/cap-$2.log" 2>&1
	wait_until 10 grep -q listening "/tmp/cap-$2.log" >/dev/null ||
		ktap_bail "kpsec-frame capture $2 did not start"
}
cap 0 share
cap 0 confirm
cap 5 response
kpsec_monitor_start 5 /tmp/monitor-5.log
kpsec_monitor_start 0 /tmp/monitor-0.log
ktap_check "n0 and n5 make a session" in_ns 0 kpsec connect kpsec0 6 --wait 20
ktap_check "a SHARE, the RESPONSE and the CONFIRM were captured" \
	wait_until 10 eval 'grep -q captured /tmp/cap-share.log && grep -q captured /tmp/cap-confirm.log &&
		grep -q captured /tmp/cap-response.log'
ex0=$(kpsec_session_field 0 5 exchanges)
ex5=$(kpsec_session_field 5 0 exchanges)
echo "# exchanges: n0 $ex0, n5 $ex5"

# replayed NODE COUNTER CMD...: CMD makes COUNTER of NODE go up by one.
replayed() {
	local node=$1 counter=$2 was
	shift 2
	was=$(kpsec_counter "$node" "$counter")
	"$@" || return 1
	wait_until 5 kpsec_counter_is "$node" "$counter" $((was + 1))
}
ktap_check "a replayed SHARE reaches n5 and is counted as a replay" \
	replayed 5 kx_replay in_ns 0 kpsec-frame inject wlan0 /tmp/share.frame
ktap_check "a replayed CONFIRM is counted as a replay" \
	replayed 5 kx_replay in_ns 0 kpsec-frame inject wlan0 /tmp/confirm.frame
ktap_check "a replayed RESPONSE is counted as a replay at n0" \
	replayed 0 kx_replay in_ns 5 kpsec-frame inject wlan5 /tmp/response.frame
ktap_check "kpsec monitor reported the replays" eval '
	wait_until 5 eval "[ \$(grep -c \"replay peer 1\" /tmp/monitor-5.log) -ge 2 ]" &&
	wait_until 5 grep -q "replay peer 6" /tmp/monitor-0.log'
ktap_check "no replay started or ended an exchange" eval '
	[ "$(kpsec_session_field 0 5 exchanges)" = "$ex0" ] &&
	[ "$(kpsec_session_field 5 0 exchanges)" = "$ex5" ] &&
	kpsec_session_is 0 5 established && kpsec_session_is 5 0 established'

in_ns_bg 0 kpsec-frame capture wlan0 /tmp/data.frame out 30 data >/tmp/cap-data.log 2>&1
wait_until 10 grep -q listening /tmp/cap-data.log >/dev/null || ktap_bail "data capture did not start"
ktap_check "n0 reaches n5 over the session" ping_ok 0 "$(kpsec_ip4 5)"
ktap_check "a data frame was captured" wait_until 10 grep -q captured /tmp/cap-data.log
ktap_check "a replayed data frame is dropped as a replay" \
	replayed 5 rx_replay in_ns 0 kpsec-frame inject wlan0 /tmp/data.frame
ktap_check "the session carries on: n0 reaches n5" ping_ok 0 "$(kpsec_ip4 5)"

ktap_finish
