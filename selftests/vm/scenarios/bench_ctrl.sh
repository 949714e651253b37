#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Measurement, not a test: routing control bytes per second per node with
# default timers, on a ROWS x COLS grid (CTRL_ROWS, CTRL_COLS; default
# 2 x 5 = 10 nodes; 5 x 10 gives 50).  Waits until every node has a route
# to every other, then counts tx_ctrl_bytes (HELLOs, own and flooded LSAs,
# Ethernet header included) over CTRL_SECS (default 10).  The medium is
# hwsim radios, or with --env KPSEC_VM_MEDIUM=veth a bridge of veths with
# the same receive filters, for grids too big for hwsim under TCG (the
# bytes a node sends do not depend on the medium, only on what it hears).

. /scenario/kpsec-lib.sh

ROWS=${CTRL_ROWS:-2}
COLS=${CTRL_COLS:-5}
SECS=${CTRL_SECS:-10}
N=$((ROWS * COLS))
ktap_plan 2

topo_grid "$ROWS" "$COLS"
kpsec_mesh "$N"

routes_count() { in_ns "$1" kpsec -j show kpsec0 routes | tr -d ' \n' | grep -o '"destination"' | wc -l; }
converged() {
	local i
	for ((i = 0; i < N; i++)); do
		[ "$(routes_count "$i")" = $((N - 1)) ] || { echo "n$i: $(routes_count "$i") routes"; return 1; }
	done
}
ktap_check "all $N nodes have routes to all others" wait_until 120 converged

declare -a before
for ((i = 0; i < N; i++)); do before[i]=$(kpsec_counter "$i" tx_ctrl_bytes); done
t0=$(_now_ms)
sleep "$SECS"	# a measurement window, not a wait for a condition
t1=$(_now_ms)
total=0 max=0
for ((i = 0; i < N; i++)); do
	d=$(( $(kpsec_counter "$i" tx_ctrl_bytes) - before[i] ))
	total=$((total + d))
	[ "$d" -gt "$max" ] && max=$d
done
ms=$((t1 - t0))
echo "# bench_ctrl: ${ROWS}x${COLS} grid, $N nodes on $KPSEC_VM_MEDIUM, default timers, ${ms} ms window"
echo "# control bytes/s per node: mean $((total * 1000 / ms / N)), max $((max * 1000 / ms))"
ktap_check "control traffic was measured" test "$total" -gt 0
ktap_finish
