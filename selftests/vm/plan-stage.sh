#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host side of the planner round-trip scenarios (plan_pakp10, plan_qcomp10):
# plan a 10-node 2 x 5 grid with kpsec-plan, choose the node pair the guest
# checks, write the planner's key-paths for it, and pack the plan into one
# file for the guest.
#
#   selftests/vm/plan-stage.sh SCENARIO DIR
#
# writes DIR/grid2x5.edges, the plan in DIR/plan (refused if it exists),
# DIR/plan/keypaths.csv and DIR/SCENARIO.tar, and prints the "--file PATH"
# argument for selftests/vm/run.  KPSEC_PLAN_SEED (default 1) is the seed.
#
#   1 - 2 - 3 - 4 - 5      (node IDs; guest nodes n0..n9)
#   |   |   |   |   |
#   6 - 7 - 8 - 9 - 10
set -euo pipefail

scenario=${1:?usage: plan-stage.sh SCENARIO DIR}
dir=${2:?usage: plan-stage.sh SCENARIO DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
plan=${KPSEC_PLAN:-$root/tools/kpsec-plan}
seed=${KPSEC_PLAN_SEED:-1}
N=10

die() { echo "plan-stage: $*" >&2; exit 1; }

# ring_of ID: node ID's public-key ring, as the plan's summary.txt lists it.
ring_of() {
	awk -v id="$1" '$1 == "node" { cur = $2 }
		cur == id && /public keys of:/ { sub(/.*public keys of: */, ""); print }' \
		"$dir/plan/summary.txt"
}

# grid_distance S T: radio hops between vertices S and T of the grid.
grid_distance() {
	local s=$1 t=$2
	echo $(( (s / 5 > t / 5 ? s / 5 - t / 5 : t / 5 - s / 5) +
		 (s % 5 > t % 5 ? s % 5 - t % 5 : t % 5 - s % 5) ))
}

# pakp_pair: "S,T" (node IDs), the farthest pair in which neither holds the
# other's key: its key-paths need D-E steps.
pakp_pair() {
	local s t d best=-1 pair=""
	for ((s = 0; s < N; s++)); do
		for ((t = s + 1; t < N; t++)); do
			ring_of $((s + 1)) | grep -qw $((t + 1)) && continue
			ring_of $((t + 1)) | grep -qw $((s + 1)) && continue
			d=$(grid_distance $s $t)
			[ "$d" -gt $best ] && { best=$d; pair=$((s + 1)),$((t + 1)); }
		done
	done
	echo "$pair"
}

# paths_of S,T K: how many key-paths (at most K) the planner finds.
paths_of() {
	"$plan" analyze "$dir/plan" keypaths --pair "$1" --max-paths "$2" |
		sed -n 's/^# paths=//p'
}

# sym_pair K: "S,T", the farthest pair with K key-paths (secure links only
# join radio neighbours, so every path has a D-E step per hop but the last).
sym_pair() {
	local s t d best=-1 pair=""
	for ((s = 0; s < N; s++)); do
		for ((t = s + 1; t < N; t++)); do
			d=$(grid_distance $s $t)
			[ "$d" -gt $best ] || continue
			[ "$(paths_of $((s + 1)),$((t + 1)) "$1")" = "$1" ] || continue
			best=$d
			pair=$((s + 1)),$((t + 1))
		done
	done
	echo "$pair"
}

mkdir -p "$dir"
[ ! -e "$dir/plan" ] || die "$dir/plan exists"
{
	echo "nodes $N"
	for r in 0 1; do
		for c in 0 1 2 3 4; do
			n=$((r * 5 + c))
			[ $c -lt 4 ] && echo "$n $((n + 1))"
			[ $r -lt 1 ] && echo "$n $((n + 5))"
		done
	done
} > "$dir/grid2x5.edges"

case $scenario in
plan_pakp10)
	K=3
	"$plan" gen --scheme pakp --ring $K --topology file "$dir/grid2x5.edges" \
		--seed "$seed" --first-id 1 -o "$dir/plan" > /dev/null
	pair=$(pakp_pair)
	[ -n "$pair" ] || die "no pair without each other's key (seed $seed)"
	;;
plan_qcomp10)
	# q = 2 of 8 keys from a pool of 20: most radio links are secure.
	K=2
	"$plan" gen --scheme qcomp --pool 20 --ring 8 -q 2 --topology file "$dir/grid2x5.edges" \
		--seed "$seed" --first-id 1 -o "$dir/plan" > /dev/null
	pair=$(sym_pair $K)
	[ -n "$pair" ] || die "no pair with $K key-paths (seed $seed)"
	;;
*)
	die "unknown scenario '$scenario' (plan_pakp10 or plan_qcomp10)"
	;;
esac
"$plan" analyze "$dir/plan" keypaths --pair "$pair" --max-paths $K -o "$dir/plan/keypaths.csv"
echo "$K" > "$dir/plan/max-paths"
tar -C "$dir" -cf "$dir/$scenario.tar" plan
echo "--file $dir/$scenario.tar"
