#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The planner's round trip with public keys: a 10-node PAKP plan made on
# the host by kpsec-plan (2 x 5 grid, k = 3 public keys per node, node IDs
# 1..10) is loaded into the guest's nodes with "kpsec setconf"; every
# node's key ring is the plan's, the kernel finds exactly the key-paths the
# planner predicts for the farthest pair holding no key of each other (same
# count, D-E steps and radio hops, path by path), and ping flows end to end.
#
# Stage the plan on the host first (selftests/run-all.sh does this):
#   f=$(selftests/vm/plan-stage.sh plan_pakp10 /tmp/pakp10)
#   selftests/vm/run --kernel 6.1.0-56-amd64 $f plan_pakp10

. /scenario/kpsec-lib.sh

N=10
ktap_plan 6
plan_unpack plan_pakp10

# ring_of ID: the public-key ring of node ID, as the planner's summary.txt lists it.
ring_of() {
	awk -v id="$1" '$1 == "node" { cur = $2 }
		cur == id && /public keys of:/ { sub(/.*public keys of: */, ""); print }' \
		"$PLAN/summary.txt"
}

# ring_in_kernel I: the node IDs of node I's key ring, as kpsec shows it
# (the device's own "node_id" left out).
ring_in_kernel() {
	in_ns "$1" kpsec -j show kpsec0 keyring | tr -d ' \n' |
		grep -o '"node_id":[0-9]*' | cut -d: -f2 | grep -vx "$(kpsec_id "$1")" |
		sort -n | tr '\n' ' ' | sed 's/ $//'
}

topo_grid 2 5
kpsec_mesh $N

# The checks are functions: an "exit" inside ktap_check's command would end
# the scenario, not the check.
rings_match() {
	local i want got
	for ((i = 0; i < N; i++)); do
		want=$(ring_of $(kpsec_id $i)); got=$(ring_in_kernel $i)
		[ "$got" = "$want" ] || { echo "n$i: kernel [$got], plan [$want]"; return 1; }
	done
}

rings_sized() {
	local i j
	for ((i = 0; i < N; i++)); do
		set -- $(ring_of $(kpsec_id $i))
		[ $# = "$PLAN_K" ] || { echo "n$i: $# keys: $*"; return 1; }
		for j; do
			[ "$j" != $(kpsec_id $i) ] || { echo "n$i holds its own key"; return 1; }
		done
	done
}

S=$PLAN_S T=$PLAN_T
ktap_check "kpsec setconf loads every node-<ID>.conf of the plan; kx-rho $PLAN_K" \
	plan_load_all $N
ktap_check "every key ring in the kernel is the planner's" rings_match
ktap_check "every ring holds $PLAN_K keys, never the node's own ID" rings_sized
# Both build the key graph with lib/overlay.c and search it with
# lib/disjoint.c, so once the rings have spread the answers are the same.
ktap_check "n$S's key-paths to n$T are the planner's: [$PLAN_WANT]" \
	wait_until 60 eval '[ "$(plan_kernel_paths $S $T)" = "$PLAN_WANT" ]'
echo "# kernel: [$(plan_kernel_paths $S $T)]"
ktap_check "n$S reaches n$T end to end" wait_until 30 ping_ok $S "$(kpsec_ip4 $T)"
ktap_check "n$S's session with n$T is established" kpsec_session_is $S $T established

ktap_finish
