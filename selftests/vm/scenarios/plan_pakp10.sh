#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The planner's round trip: a 10-node PAKP plan made on the host by
# kpsec-plan (2 x 5 grid, k = 3 public keys per node, node IDs 1..10) is
# loaded into the guest's nodes with "kpsec setconf"; every node's key
# ring is the plan's, the kernel finds exactly the key-paths the planner
# predicts for the farthest pair holding no key of each other (same count,
# D-E steps and radio hops, path by path), and ping flows end to end.
#
# On the host, stage the plan first (selftests/run-all.sh does this):
#   files=$(bash selftests/vm/scenarios/plan_pakp10.sh --stage /tmp/pakp10)
#   selftests/vm/run --kernel 6.1.0-56-amd64 $files plan_pakp10
# --stage DIR writes DIR/grid2x5.edges, the plan in DIR/plan (refused if
# it exists) and the planner's key-paths of the chosen pair in
# DIR/plan/keypaths.csv, and prints the "--file PATH" arguments for
# selftests/vm/run.
#
#   1 - 2 - 3 - 4 - 5      (node IDs; guest nodes n0..n9)
#   |   |   |   |   |
#   6 - 7 - 8 - 9 - 10

N=10
K=3

# ring_of ID: the public-key ring of node ID, as the planner's summary.txt lists it.
ring_of() {
	awk -v id="$1" '$1 == "node" { cur = $2 }
		cur == id && /public keys of:/ { sub(/.*public keys of: */, ""); print }' \
		"$F/summary.txt"
}

# far_pair: "S T" (node IDs), the farthest pair on the grid in which neither
# holds the other's key: its key-paths need D-E steps.
far_pair() {
	local s t d best=-1 S="" T=""
	for ((s = 0; s < N; s++)); do
		for ((t = s + 1; t < N; t++)); do
			ring_of $((s + 1)) | grep -qw $((t + 1)) && continue
			ring_of $((t + 1)) | grep -qw $((s + 1)) && continue
			d=$(( (s / 5 > t / 5 ? s / 5 - t / 5 : t / 5 - s / 5) +
			      (s % 5 > t % 5 ? s % 5 - t % 5 : t % 5 - s % 5) ))
			[ $d -gt $best ] && { best=$d; S=$((s + 1)); T=$((t + 1)); }
		done
	done
	[ -n "$S" ] && echo "$S $T"
}

if [ "${1:-}" = --stage ]; then
	set -e
	dir=${2:?--stage DIR}
	root=$(cd "$(dirname "$0")/../../.." && pwd)
	mkdir -p "$dir"
	{
		echo "nodes 10"
		for r in 0 1; do
			for c in 0 1 2 3 4; do
				n=$((r * 5 + c))
				[ $c -lt 4 ] && echo "$n $((n + 1))"
				[ $r -lt 1 ] && echo "$n $((n + 5))"
			done
		done
	} > "$dir/grid2x5.edges"
	"${KPSEC_PLAN:-$root/tools/kpsec-plan}" gen --scheme pakp --ring 3 \
		--topology file "$dir/grid2x5.edges" --seed "${KPSEC_PLAN_SEED:-1}" --first-id 1 -o "$dir/plan" > /dev/null
	F=$dir/plan
	pair=$(far_pair) || { echo "plan_pakp10: no pair without each other's key" >&2; exit 1; }
	"${KPSEC_PLAN:-$root/tools/kpsec-plan}" analyze "$dir/plan" keypaths \
		--pair "${pair/ /,}" --max-paths $K -o "$dir/plan/keypaths.csv"
	for f in "$dir"/plan/node-*.conf "$dir/plan/summary.txt" "$dir/plan/keypaths.csv"; do
		printf -- '--file %s ' "$f"
	done
	echo
	exit 0
fi

. /scenario/kpsec-lib.sh

F=/scenario/files
ktap_plan 6

[ -f "$F/summary.txt" ] ||
	ktap_bail "no planner output in $F: stage it with --stage (see the header)"


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
load_all() {
	local i
	for ((i = 0; i < N; i++)); do
		in_ns $i kpsec setconf kpsec0 "$F/node-$(kpsec_id $i).conf" ||
			{ echo "n$i: setconf failed"; return 1; }
		# key-paths: as many as the planner's (kx-rho is 2 by default)
		in_ns $i kpsec set kpsec0 kx-rho $K || return 1
	done
}

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
		[ $# = $K ] || { echo "n$i: $# keys: $*"; return 1; }
		for j; do
			[ "$j" != $(kpsec_id $i) ] || { echo "n$i holds its own key"; return 1; }
		done
	done
}

ktap_check "kpsec setconf loads every node-<ID>.conf of the plan; kx-rho $K" load_all
ktap_check "every key ring in the kernel is the planner's" rings_match
ktap_check "every ring holds $K keys, never the node's own ID" rings_sized

# The pair the host chose (far_pair) and the planner's key-paths for it.
csv=$F/keypaths.csv
[ -f "$csv" ] || ktap_bail "no $csv: stage the plan with --stage (see the header)"
S=$(( $(sed -n 's/^# source=//p' "$csv") - 1 ))
T=$(( $(sed -n 's/^# destination=//p' "$csv") - 1 ))
want=$(awk -F, '/^[0-9]/ { printf "%s%s:%s", n++ ? " " : "", $2, $3 }' "$csv")
echo "# pair n$S (node $(kpsec_id $S)) -> n$T (node $(kpsec_id $T)); planner: [$want]"

# "DE:HOPS" of each key-path n$S has to n$T, in the kernel's order.
kernel_paths() {
	kpsec_keypaths_json $S $T | tr -d ' \n' |
		grep -o '"de_steps":[0-9]*,"phys_hops":[0-9]*' |
		sed 's/"de_steps":\([0-9]*\),"phys_hops":\([0-9]*\)/\1:\2/' | tr '\n' ' ' |
		sed 's/ $//'
}

# Both build the key graph with lib/overlay.c and search it with
# lib/disjoint.c, so once the rings have spread the answers are the same.
ktap_check "n$S's key-paths to n$T are the planner's: [$want]" \
	wait_until 60 eval '[ "$(kernel_paths)" = "$want" ]'
echo "# kernel: [$(kernel_paths)]"
ktap_check "n$S reaches n$T end to end" wait_until 30 ping_ok $S "$(kpsec_ip4 $T)"
ktap_check "n$S's session with n$T is established" kpsec_session_is $S $T established

ktap_finish
