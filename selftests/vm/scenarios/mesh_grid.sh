#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A 3x3 grid (node r*3+c at row r, column c; links between horizontal and
# vertical neighbours only): every pair of nodes reaches each other through
# kpsec0, and every route is a shortest path (Manhattan distance in hops).

. /scenario/kpsec-lib.sh

ktap_plan 3

topo_grid 3 3
kpsec_mesh 9
for ((i = 0; i < 9; i++)); do
	for ((j = i + 1; j < 9; j++)); do
		kpsec_e2e_key "$i" "$j"
	done
done

manhattan() { local a=$1 b=$2; echo $(( (a / 3 > b / 3 ? a / 3 - b / 3 : b / 3 - a / 3) +
				       (a % 3 > b % 3 ? a % 3 - b % 3 : b % 3 - a % 3) )); }

all_shortest() {
	local i j
	for ((i = 0; i < 9; i++)); do
		for ((j = 0; j < 9; j++)); do
			[ "$i" = "$j" ] && continue
			kpsec_hops_is "$i" "$j" "$(manhattan "$i" "$j")" || return 1
		done
	done
}
ktap_check "every route of every node is a shortest path" wait_until 30 all_shortest

all_pairs() {
	local i j
	for ((i = 0; i < 9; i++)); do
		for ((j = 0; j < 9; j++)); do
			[ "$i" = "$j" ] && continue
			wait_until 5 ping_ok "$i" "$(kpsec_ip4 "$j")" >/dev/null ||
				{ echo "n$i cannot reach n$j"; return 1; }
		done
	done
	echo "72 ordered pairs"
}
ktap_check "every node reaches every other node (IPv4)" all_pairs
ktap_check "corner to corner over IPv6 (4 hops)" ping_ok 0 "$(kpsec_ip6 8)" 3

ktap_finish
