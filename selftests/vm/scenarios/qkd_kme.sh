#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# QKD keys from a key management entity over ETSI GS QKD 014.  The test
# KME (kpsec-kme) runs in n0 with two endpoints that draw from one pool,
# one for each node's SAE.  n0, the master, gets new keys (enc_keys)
# straight into its store for n1; n1, the slave, gets the same keys by
# their IDs (dec_keys).  QKD-only and hybrid sessions carry ping and
# iperf3, and used keys leave both stores.  Bad KME answers install
# nothing.

. /scenario/kpsec-lib.sh
. /scenario/bench-lib.sh

ktap_plan 19

topo_line 2
kpsec_mesh 2
node_addr 0
node_addr 1
qkd_kme_setup
kpsec-kme pki /tmp/pki-other sae-1 >/dev/null || ktap_bail "kpsec-kme pki failed"

# kme_start [FAULT...]: the KME with these faults.
kme_start() {
	local f args=()
	for f in "$@"; do args+=(--fault "$f"); done
	qkd_kme_start "${args[@]}"
}
kme_restart() { bg_stop "$KME_PID"; kme_start "$@"; }
qkd_kme_conf /tmp/kme-other.conf sae-1 8443 /tmp/pki-other

kme_start
ktap_check "n0 asks its KME for the status of keys shared with sae-2" \
	in_ns 0 kpsec qkd status /tmp/kme-n0.conf sae-2
ktap_check "master: n0 gets 8 keys (enc_keys) into its store for n1" eval '
	in_ns 0 kpsec -j qkd enc-keys /tmp/kme-n0.conf sae-2 number 8 dev kpsec0 peer 2 \
		>/tmp/ids.json && [ "$(kpsec_qkd_count 0 1)" = 8 ]'
ktap_check "slave: n1 gets the same keys by ID (dec_keys), in the same order" eval '
	in_ns 1 kpsec qkd dec-keys /tmp/kme-n1.conf sae-1 ids /tmp/ids.json dev kpsec0 peer 1 &&
	[ "$(kpsec_qkd_ids 1 0)" = "$(kpsec_qkd_ids 0 1)" ]'
ktap_expect_fail "the KME hands each key out once: asking again is refused" \
	in_ns 1 kpsec qkd dec-keys /tmp/kme-n1.conf sae-1 ids /tmp/ids.json out /tmp/again.json

# ---- QKD only.
for i in 0 1; do in_ns "$i" kpsec set kpsec0 qkd only || ktap_bail "n$i: cannot set qkd only"; done
ktap_check "qkd only: n0 makes a session with n1 from a KME key" eval '
	in_ns 0 kpsec connect kpsec0 2 --wait 10 &&
	[ "$(kpsec_session_field 1 0 qkd_key_id)" = "$(kpsec_session_field 0 1 qkd_key_id)" ]'
ktap_check "qkd only: ping n0 -> n1" in_ns 0 ping -c 3 -W 2 -q "$(kpsec_ip4 1)"
bench_iperf_daemon 1
ktap_check "qkd only: iperf3 through the session" in_ns 0 iperf3 -c "$(kpsec_ip4 1)" -t 3

# ---- Hybrid: the two nodes are neighbours, one direct key-path.
kpsec_load_ring 0 "1"
kpsec_load_ring 1 "0"
for i in 0 1; do
	in_ns "$i" kpsec set kpsec0 qkd hybrid kx-rho 1 kx-theta 1 ||
		ktap_bail "n$i: cannot set qkd hybrid"
done
ktap_check "hybrid: n0 makes a session with n1" eval '
	wait_until 20 eval "[ \"\$(kpsec_keypath_count 0 1)\" = 1 ]" &&
	in_ns 0 kpsec connect kpsec0 2 --wait 10 &&
	[ "$(kpsec_session_field 1 0 qkd_mode)" = hybrid ]'
ktap_check "hybrid: ping n0 -> n1" in_ns 0 ping -c 3 -W 2 -q "$(kpsec_ip4 1)"
ktap_check "hybrid: iperf3 through the session" in_ns 0 iperf3 -c "$(kpsec_ip4 1)" -t 3
used=""
ktap_check "three rekeys; their keys are gone from both stores" eval '
	for r in 1 2 3; do
		in_ns 0 kpsec connect kpsec0 2 --wait 10 || exit 1
		id=$(kpsec_session_field 0 1 qkd_key_id)
		kpsec_qkd_ids 0 1 | grep -qx "$id" && exit 1
		kpsec_qkd_ids 1 0 | grep -qx "$id" && exit 1
		used="$used $id"
	done
	echo "used:$used"; [ "$(echo $used | tr " " "\n" | sort -u | grep -c .)" = 3 ]'

# ---- Bad answers install nothing.
# bad_fetch DESC FAULT CMD...: with the KME faulty (or "-"), CMD in n0 fails
# and n0's store is unchanged.
bad_fetch() {
	local desc=$1 fault=$2 before
	shift 2
	BAD_CMD=("$@")
	[ "$fault" = - ] || kme_restart "$fault"
	before=$(kpsec_qkd_ids 0 1)
	ktap_check "$desc: refused, nothing installed" eval '
		! in_ns 0 "${BAD_CMD[@]}" 2>/tmp/err; r=$?; cat /tmp/err
		[ $r = 0 ] && [ -s /tmp/err ] && [ "$(kpsec_qkd_ids 0 1)" = "$before" ]'
}
enc() { echo kpsec qkd enc-keys "${1:-/tmp/kme-n0.conf}" sae-2 number 2 dev kpsec0 peer 2; }
# shellcheck disable=SC2046
{
bad_fetch "malformed JSON" malformed $(enc)
bad_fetch "bad base64" bad-base64 $(enc)
bad_fetch "wrong key size" wrong-size $(enc)
bad_fetch "short reply" short $(enc)
bad_fetch "key pool empty (503)" empty $(enc)
kme_restart
in_ns 0 kpsec -j qkd enc-keys /tmp/kme-n0.conf sae-2 number 1 out /tmp/k1.json >/tmp/ids1.json ||
	ktap_bail "n0: enc-keys to a file failed"
bad_fetch "unknown key ID (400)" - kpsec qkd dec-keys /tmp/kme-n0.conf sae-2 \
	id "$(cat /proc/sys/kernel/random/uuid)" dev kpsec0 peer 2
bad_fetch "keys made for another SAE (401)" - kpsec qkd dec-keys /tmp/kme-n0.conf sae-1 \
	ids /tmp/ids1.json dev kpsec0 peer 2
bad_fetch "a client certificate of another CA (TLS)" - $(enc /tmp/kme-other.conf)
}

bg_stop "$KME_PID"
ktap_finish
