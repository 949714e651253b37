#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The planner's round trip with pool keys: a 10-node q-composite plan made
# on the host by kpsec-plan (2 x 5 grid, 8 keys of a pool of 20 per node,
# q = 2, node IDs 1..10) is loaded with "kpsec setconf", its SymQ too.
# Every node's symmetric ring is the plan's, by key ID, and no key comes
# back out; the kernel's key-paths over secure links (radio neighbours
# sharing q keys) are the planner's, path by path; the shares are relayed
# hop by hop under link keys (SHARE_SYM), and ping flows end to end.  A
# node whose pool key bytes differ from its neighbours' (same IDs) cannot
# relay: its shares fail to open and are counted.
#
# Stage the plan on the host first (selftests/run-all.sh does this):
#   f=$(selftests/vm/plan-stage.sh plan_qcomp10 /tmp/qcomp10)
#   selftests/vm/run --kernel 6.1.0-56-amd64 $f plan_qcomp10

. /scenario/kpsec-lib.sh

N=10
Q=2
ktap_plan 11
plan_unpack plan_qcomp10

# ids_of ID: the pool key IDs of node ID, as the planner's summary.txt lists them.
ids_of() {
	awk -v id="$1" '$1 == "node" { cur = $2 }
		cur == id && /pool key IDs:/ { sub(/.*pool key IDs: */, ""); print }' \
		"$PLAN/summary.txt"
}

# ids_in_kernel I: the pool key IDs of node I's symmetric ring, as kpsec shows them.
ids_in_kernel() {
	in_ns "$1" kpsec -j show kpsec0 keyring | tr -d ' \n' |
		grep -o '"symring":\[[^]]*\]' | grep -o '[0-9][0-9]*' | tr '\n' ' ' |
		sed 's/ $//'
}

topo_grid 2 5
kpsec_mesh $N

S=$PLAN_S T=$PLAN_T

rings_match() {
	local i want got
	for ((i = 0; i < N; i++)); do
		want=$(ids_of $(kpsec_id $i)); got=$(ids_in_kernel $i)
		[ -n "$want" ] && [ "$got" = "$want" ] ||
			{ echo "n$i: kernel [$got], plan [$want]"; return 1; }
	done
}

# No byte of any pool key appears in what the CLI shows (text or JSON).
keys_stay_in() {
	local i key out
	for ((i = 0; i < N; i++)); do
		out=$(in_ns $i kpsec show kpsec0 keyring; in_ns $i kpsec -j show kpsec0 keyring;
		      in_ns $i kpsec -j show kpsec0)
		for key in $(sed -n 's/^[0-9][0-9]* *= *//p' "$PLAN/node-$(kpsec_id $i).conf"); do
			case $out in *"$key"*) echo "n$i shows a pool key"; return 1 ;; esac
		done
	done
}

relayed_sum() {
	local i sum=0
	for ((i = 0; i < N; i++)); do
		sum=$((sum + $(kpsec_counter $i kx_share_relayed)))
	done
	echo $sum
}

# sym_q_of I: the sym-q of node I's kpsec0, as "kpsec -j show" gives it.
sym_q_of() {
	in_ns "$1" kpsec -j show kpsec0 | tr -d ' \n' | grep -o '"sym_q":[0-9]*' | cut -d: -f2
}

sym_q_all_is() {
	local i q
	for ((i = 0; i < N; i++)); do
		q=$(sym_q_of $i)
		[ "$q" = "$1" ] || { echo "n$i: sym_q $q, want $1"; return 1; }
	done
}

ktap_check "every kpsec0 starts at sym-q 1" sym_q_all_is 1
ktap_check "kpsec setconf loads every node-<ID>.conf of the plan; kx-rho $PLAN_K" \
	plan_load_all $N
ktap_check "the files' SymQ = $Q is every node's sym-q" sym_q_all_is $Q
ktap_check "every symmetric ring in the kernel is the planner's, by key ID" rings_match
ktap_check "no pool key comes back out of the kernel" keys_stay_in
ktap_check "n$S's key-paths to n$T are the planner's: [$PLAN_WANT]" \
	wait_until 60 eval '[ "$(plan_kernel_paths $S $T)" = "$PLAN_WANT" ]'
echo "# kernel: [$(plan_kernel_paths $S $T)]"
# Every D-E step of the shares is a relay: at least the shortest path's.
de_min=${PLAN_WANT%%:*}
ktap_check "n$S reaches n$T end to end" wait_until 30 ping_ok $S "$(kpsec_ip4 $T)"
ktap_check "n$S's session with n$T is established" kpsec_session_is $S $T established
ktap_check "the shares were relayed under link keys (>= $de_min D-E steps)" \
	eval '[ "$(relayed_sum)" -ge "$de_min" ]'

# A node whose pool keys have the plan's IDs but other bytes shares no link
# key with anyone: the shares sent to it do not open, and it relays none.
# n$S's neighbours are the first overlay hop of every path: replace one's ring.
sabotage() {
	local conf=/tmp/forged.conf v=$1
	{
		echo "[Node]"
		sed -n '/^NodeID/p;/^PrivateKey/p' "$PLAN/node-$(kpsec_id $v).conf"
		echo "[SymKeyRing]"
		for id in $(ids_of $(kpsec_id $v)); do
			echo "$id = $(head -c 32 /dev/urandom | base64)"
		done
	} > $conf
	# no SymQ in this file: setconf keeps the node's sym-q
	in_ns $v kpsec setconf kpsec0 $conf && [ "$(sym_q_of $v)" = "$Q" ]
}
# The first overlay node of n$S's first key-path.
first_hop=$(( $(kpsec_keypaths_json $S $T | tr -d ' \n' |
		grep -o '"overlay":\[{"node_id":[0-9]*' | head -n 1 | grep -o '[0-9]*$') - 1 ))
malformed_before=$(kpsec_counter $first_hop kx_malformed)
ktap_check "n$first_hop's ring replaced by keys with the plan's IDs but other bytes; sym-q kept" \
	sabotage $first_hop
ktap_check "n$S connects again; n$first_hop cannot open the share: kx_malformed grows" \
	eval 'in_ns $S kpsec connect kpsec0 $(kpsec_id $T); wait_until 30 kpsec_counter_above $first_hop kx_malformed $malformed_before'

ktap_finish
