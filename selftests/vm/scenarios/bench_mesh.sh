#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark, not a test: TCP over 1-4 IBSS hops, plain IP vs batman-adv vs batman-adv+WireGuard vs kpsec, and convergence after a link break.
#
# One guest boot, two phases on the same five nodes n0..n4:
#
#  1. Throughput, line n0 - n1 - n2 - n3 - n4 (receiver-side drops): iperf3
#     TCP from n0 to nH for H = 1..4 hops over
#       plain   IP forwarding, static /32 routes on wlan (10.0.0.I+1)
#       batman  batman-adv: bat0 over wlanI on every node (10.66.0.I+1)
#       batwg   WireGuard n0 <-> nH on top of bat0 (wg0 10.88.0.I+1,
#               its UDP over bat0 10.65.0.I+1)
#       kpsec   kpsec0 on every node, kpsec mesh routing; static keys
#               between n0 and each nH only, no endpoint (kpsec_ip4 I)
#     BENCH_ROUNDS rounds (default 3), each run BENCH_SECS s (default 4);
#     within a round every hop count runs every mode, in an order that
#     rotates with the round and the hop count; medians are compared.
#
#  2. Convergence, ring n0 - n1 - n2 - n3 - n0 (n0-n3 healed, n4 cut off):
#     n0 pings n2 (two hops either way) every 0.1 s; the middle link of the
#     path in use is cut (relay - n2, a break n0 only learns of through
#     routing); the outage is the longest time without an echo reply.  The
#     relay is found without asking the protocol: the one of n1, n3 to which
#     n0's radio sent more unicast frames while 15 replies came back (the
#     mac80211 station counters; routing floods are broadcasts); n2's
#     counters give the way back, and the window is repeated (up to 4
#     times) while either direction still splits.  Before each cut
#     both paths must be known (batman-adv: n0 and n2 list each other through
#     two next hops) and the mesh is left BENCH_SETTLE s (default 5) to
#     reach a steady state (link qualities ramp up after a heal).
#     BENCH_CONV_ROUNDS (default 1) cuts per protocol.
#
# Same inner MTU everywhere: 1400.  It is what every mode can carry in one
# frame on the 1560-byte wlan without fragmenting anything: kpsec0 adds 40
# (1440 on the air), batman-adv 10, WireGuard 60 on top of bat0 (1460 on
# bat0, 1470 on the air).  So bat0 keeps its MTU of 1500 (WireGuard's outer
# packets must fit whole) and the batman-only traffic is capped at 1400 by
# the route to 10.66.0.0/24 instead; plain IP by its /32 routes; wg0 and
# kpsec0 by their MTU.  Every mode's TCP then sends 1400-byte packets.
#
# WireGuard: one wg0 per node; n0's has the four nH as peers (allowed-ips
# their 10.88.0.H+1/32), each nH's has n0.  That is the same configuration
# as kpsec's (n0 holds a key for each destination) and needs no
# reconfiguration between hop counts; idle peers cost nothing.
#
# kpsec mesh routing may not be there yet: when n0 cannot ping a node's
# kpsec address within 15 s, that hop count's kpsec result is 0, the table
# says "no route", and the kpsec checks fail (which is the truth).
#
# Default runtime: about 300 s in the guest, 305 s wall with the boot on an
# idle 2-core host (340 s with other guests running); run it with
# selftests/vm/run --timeout 600 bench_mesh.

. /scenario/kpsec-lib.sh
. /scenario/bench-lib.sh

ROUNDS=${BENCH_ROUNDS:-3}
SECS=${BENCH_SECS:-4}
HOPS=${BENCH_HOPS:-1 2 3 4}
SETTLE=${BENCH_SETTLE:-5}
CONV_ROUNDS=${BENCH_CONV_ROUNDS:-1}
INNER_MTU=1400
KPSEC_WAIT=15
N=5

for h in $HOPS; do
	[[ $h =~ ^[1-4]$ ]] || ktap_bail "BENCH_HOPS: $h is not a hop count 1..4"
done
nhops=$(echo "$HOPS" | wc -w)
MODES=(plain batman batwg kpsec)
declare -A MODE_NAME=([plain]="plain IP" [batman]=batman-adv
	[batwg]="batman-adv+WireGuard" [kpsec]=kpsec)

ktap_plan $((4 + 4 * nhops + 2))
T_START=$EPOCHREALTIME

# Addresses of node I (or hop count I from n0) per mode.
addr_plain() { echo "10.0.0.$(($1 + 1))"; }
addr_batman() { echo "10.66.0.$(($1 + 1))"; }
addr_batwg() { echo "10.88.0.$(($1 + 1))"; }
addr_kpsec() { kpsec_ip4 "$1"; }

# ------------------------------------------------------------- set-up ----

topo_line $N
vm_modprobe batman-adv
vm_modprobe wireguard

# (a) plain: 10.0.0.I+1/24 on wlanI, /32 routes to every other node capped
# at the inner MTU (through the next hop of the line, or on-link).
for ((i = 0; i < N; i++)); do
	batch="addr add $(addr_plain "$i")/24 dev wlan$i"$'\n'
	for ((j = 0; j < N; j++)); do
		[ "$i" -eq "$j" ] && continue
		batch+="route replace $(addr_plain "$j")/32"
		is_edge "$i" "$j" ||
			batch+=" via $(addr_plain "$(next_hop "$i" "$j")")"
		batch+=" dev wlan$i mtu $INNER_MTU"$'\n'
	done
	printf '%s' "$batch" | ip -n "n$i" -batch - ||
		ktap_bail "n$i: plain addresses and routes"
	ns_sysctl "$i" net.ipv4.ip_forward=1
done

# (b) batman-adv.  bat0's MTU is set after wlanI joins it (joining resets
# it); 10.66.0.0/24 without its prefix route, re-added with the MTU cap.
for ((i = 0; i < N; i++)); do
	printf '%s\n' "link add bat0 type batadv" \
		"link set wlan$i master bat0" \
		"link set bat0 mtu 1500 up" \
		"addr add $(addr_batman "$i")/24 dev bat0 noprefixroute" \
		"route add 10.66.0.0/24 dev bat0 mtu $INNER_MTU src $(addr_batman "$i")" \
		"addr add 10.65.0.$((i + 1))/24 dev bat0" |
		ip -n "n$i" -batch - || ktap_bail "n$i: batman-adv set-up"
done

# (c) WireGuard over bat0 (10.65.0.0/24, uncapped).
for ((i = 0; i < N; i++)); do
	wg genkey >"/tmp/wg$i.key" && wg pubkey <"/tmp/wg$i.key" >"/tmp/wg$i.pub" ||
		ktap_bail "wg genkey"
done
wg0_peers=()
for ((h = 1; h < N; h++)); do
	wg0_peers+=(peer "$(<"/tmp/wg$h.pub")" allowed-ips "$(addr_batwg "$h")/32"
		endpoint "10.65.0.$((h + 1)):51820")
done
for ((i = 0; i < N; i++)); do
	if [ "$i" -eq 0 ]; then
		peers=("${wg0_peers[@]}")
	else
		peers=(peer "$(<"/tmp/wg0.pub")" allowed-ips "$(addr_batwg 0)/32"
			endpoint "10.65.0.1:51820")
	fi
	in_ns "$i" ip link add wg0 type wireguard &&
	in_ns "$i" wg set wg0 private-key "/tmp/wg$i.key" listen-port 51820 \
		"${peers[@]}" &&
	printf '%s\n' "addr add $(addr_batwg "$i")/24 dev wg0" \
		"link set wg0 mtu $INNER_MTU up" | ip -n "n$i" -batch - ||
		ktap_bail "n$i: wireguard set-up"
done

# (d) kpsec, guarded: nothing here may bail out (kpsec_node would), a
# failure only means "no kpsec numbers".
KPSEC_SETUP=0
declare -A KPSEC_REACH=()
kpsec_setup() {
	local i h key
	modprobe kpsec || { echo "modprobe kpsec failed"; return 1; }
	for ((i = 0; i < N; i++)); do
		# shellcheck disable=SC2317 # called by kpsec_node
		( ktap_bail() { echo "$*"; exit 1; }; kpsec_node "$i" ) || return 1
		in_ns "$i" ip link set kpsec0 mtu "$INNER_MTU" || return 1
	done
	for ((h = 1; h < N; h++)); do
		key=/tmp/psk-0-$h
		kpsec genpsk >"$key" &&
		in_ns 0 kpsec set kpsec0 peer "$(kpsec_id "$h")" static-key "$key" &&
		in_ns "$h" kpsec set kpsec0 peer "$(kpsec_id 0)" static-key "$key" ||
			return 1
	done
}
kpsec_setup_out=$(kpsec_setup 2>&1) && KPSEC_SETUP=1

for ((h = 1; h < N; h++)); do
	bench_iperf_daemon "$h"
done

# ------------------------------------------------------ reachability ----

# reach_all MODE: n0 gets a reply from node H's MODE address for every H.
reach_all() {
	local h
	for h in $HOPS; do
		ping_ok 0 "$("addr_$1" "$h")" ||
			{ echo "n0 gets no reply from n$h at $("addr_$1" "$h")"; return 1; }
	done
}

HOP_NODES=$(for h in $HOPS; do printf 'n%d ' "$h"; done)
HOP_NODES=${HOP_NODES% }
ktap_check "plain IP: n0 reaches $HOP_NODES over static routes" \
	wait_until 10 reach_all plain
ktap_check "batman-adv: n0 reaches $HOP_NODES on bat0 (originators converged)" \
	wait_until 60 reach_all batman
ktap_check "batman-adv+WireGuard: n0 reaches $HOP_NODES on wg0" \
	wait_until 15 reach_all batwg

# kpsec: one 15 s budget for all hop counts (at least 2 s each).
kpsec_reach() {
	local h left deadline rc=0
	if [ "$KPSEC_SETUP" -ne 1 ]; then
		echo "kpsec set-up failed: $kpsec_setup_out"
		return 1
	fi
	deadline=$(($(_now_ms) + KPSEC_WAIT * 1000))
	for h in $HOPS; do
		left=$((deadline - $(_now_ms)))
		[ "$left" -ge 2000 ] || left=2000
		if wait_until "$((left / 1000)).$(printf '%03d' $((left % 1000)))" \
			ping_ok 0 "$(kpsec_ip4 "$h")" >/dev/null 2>&1; then
			KPSEC_REACH[$h]=1
		else
			echo "n0 gets no reply from n$h at $(kpsec_ip4 "$h") within ${KPSEC_WAIT} s"
			rc=1
		fi
	done
	return $rc
}
ktap_check "kpsec: n0 reaches $HOP_NODES through kpsec routing within ${KPSEC_WAIT} s" \
	kpsec_reach
KPSEC_NOTE=""
if [ "${#KPSEC_REACH[@]}" -lt "$nhops" ]; then
	KPSEC_NOTE="kpsec: no route (routing not available)"
	[ "${#KPSEC_REACH[@]}" -eq 0 ] ||
		KPSEC_NOTE="kpsec: no route to some nodes (reached: ${!KPSEC_REACH[*]} hops)"
	ktap_diag "$KPSEC_NOTE"
fi

# ---------------------------------------------------------- throughput ----

declare -A RES=()
for ((r = 1; r <= ROUNDS; r++)); do
	for h in $HOPS; do
		for k in 0 1 2 3; do
			m=${MODES[$(((k + r + h) % 4))]}
			if [ "$m" = kpsec ] && [ -z "${KPSEC_REACH[$h]:-}" ]; then
				bps=0
			else
				bps=$(bench_iperf 0 "$("addr_$m" "$h")" "$SECS")
			fi
			RES[$m,$h]="${RES[$m,$h]:-} $bps"
			echo "# round $r: $h hops $m $(bench_mbit "$bps") Mbit/s"
		done
	done
done
T_TPUT=$EPOCHREALTIME

# --------------------------------------------------------- convergence ----

link_heal 0 3
link_cut 3 4
vm_log "bench_mesh: ring n0-n1-n2-n3-n0"

# bat_two_ways I J: node I's batman-adv knows originator J through two
# next hops.
bat_two_ways() {
	local n
	n=$(in_ns "$1" batctl meshif bat0 originators |
		awk -v o="$(mac_of "$2")" '
			{	# the first MAC is the originator, the second the next hop
				k = 0
				for (i = 1; i <= NF; i++)
					if (length($i) == 17 && $i ~ /^[0-9a-f:]+$/)
						mac[++k] = $i
				if (k >= 2 && mac[1] == o)
					hop[mac[2]] = 1
			}
			END { for (h in hop) n++; print n + 0 }')
	echo "n$1 knows n$2 through $n next hops"
	[ "$n" -ge 2 ]
}

# conv_ready: both paths between n0 and n2 are known, then BENCH_SETTLE s.
conv_ready() {
	wait_until 40 eval 'bat_two_ways 0 2 && bat_two_ways 2 0' >/dev/null ||
		echo "# conv: batman-adv does not list both paths n0 <-> n2"
	if [ "$KPSEC_SETUP" -eq 1 ]; then
		wait_until "$KPSEC_WAIT" ping_ok 0 "$(kpsec_ip4 2)" >/dev/null ||
			echo "# conv: kpsec n0 -> n2 does not answer"
	fi
	sleep "$SETTLE"	# steady state, see the top of the file
}

# first_hops: the next hop (1 or 3) of n0 towards n2 and of n2 towards n0,
# from the unicast frames each sent to n1 and n3 while 15 more replies came
# back (routing floods are broadcasts: not counted).  Needs a ping log
# running in $1.  Prints "FWD REV n0->n1 n0->n3 n2->n1 n2->n3".
first_hops() {
	local log=$1 n c0=() c1=() k
	for k in "0 1" "0 3" "2 1" "2 3"; do
		# shellcheck disable=SC2086
		c0+=("$(sta_tx_packets $k)")
	done
	n=$(ping_log_replies "$log")
	wait_until 10 ping_log_has "$log" $((n + 15)) >/dev/null
	for k in "0 1" "0 3" "2 1" "2 3"; do
		# shellcheck disable=SC2086
		c1+=($(($(sta_tx_packets $k) - c0[${#c1[@]}])))
	done
	echo "$([ "${c1[1]}" -gt "${c1[0]}" ] && echo 3 || echo 1)" \
		"$([ "${c1[3]}" -gt "${c1[2]}" ] && echo 3 || echo 1)" "${c1[@]}"
}

# stable_split A B: one of A, B is at least 5 and 4 times the other.
stable_split() {
	local hi=$1 lo=$2
	[ "$lo" -le "$hi" ] || { hi=$2; lo=$1; }
	[ "$hi" -ge 5 ] && [ $((lo * 4)) -le "$hi" ]
}

# conv_test MODE ROUND: n0 pings n2's MODE address; once 5 replies are in,
# the path is found (first_hops) and the link between n0's next hop and n2
# is cut, until the replies come back.  (If the two directions take
# different relays, that cut breaks the requests' path; the table says
# "asymmetric".)  Sets CONV_OUT ("GAP_MS LOST"), CONV_VIA, and CONV_WHY
# when it fails.
conv_test() {
	local m=$1 log=/tmp/conv-$1-$2.log hops relay t rc try
	CONV_OUT="-1 -1" CONV_VIA="" CONV_WHY="no replies within 30 s of the cut"
	ping_log_start 0 "$("addr_$m" 2)" "$log"
	if ! wait_until 10 ping_log_has "$log" 5; then
		ping_log_stop
		CONV_WHY="no replies from n2 before the cut"
		echo "$CONV_WHY"
		return 1
	fi
	# A path is stable when each direction sent at least 80 % of its
	# frames (and 5) to one relay; up to 4 looks before cutting anyway.
	for try in 1 2 3 4; do
		read -r -a hops <<<"$(first_hops "$log")"
		relay=${hops[0]}
		CONV_VIA="n0-n$relay-n2"
		[ "${hops[1]}" = "$relay" ] || CONV_VIA+=" (asymmetric: back via n${hops[1]})"
		echo "$m: unicast frames n0->n1 ${hops[2]} n0->n3 ${hops[3]}" \
			"n2->n1 ${hops[4]} n2->n3 ${hops[5]}: path $CONV_VIA"
		stable_split "${hops[2]}" "${hops[3]}" &&
			stable_split "${hops[4]}" "${hops[5]}" && break
		[ "$try" -lt 4 ] || CONV_VIA+=" (path kept changing)"
	done
	t=$EPOCHREALTIME
	link_cut "$relay" 2
	wait_until 30 ping_log_resumed "$log" "$t"
	rc=$?
	ping_log_stop
	link_heal "$relay" 2
	CONV_OUT=$(ping_log_outage "$log" "$t")
	echo "$m: cut n$relay-n2, outage ${CONV_OUT% *} ms, ${CONV_OUT#* } pings lost"
	return $rc
}

CONV_MODES=(batman kpsec)
declare -A CONV=() CONV_FAIL=() CONV_DETAIL=()
for ((r = 1; r <= CONV_ROUNDS; r++)); do
	for k in 0 1; do
		m=${CONV_MODES[$(((k + r + 1) % 2))]}
		if [ "$m" = kpsec ] && [ "${#KPSEC_REACH[@]}" -eq 0 ]; then
			CONV_FAIL[$m]="no route (routing not available)"
			continue
		fi
		conv_ready
		if conv_test "$m" "$r" >"/tmp/conv-$m-$r.out" 2>&1; then
			CONV[$m]="${CONV[$m]:-} ${CONV_OUT% *}"
		else
			CONV_FAIL[$m]="round $r: $CONV_WHY"
			CONV[$m]="${CONV[$m]:-} -1"
		fi
		CONV_DETAIL[$m]+="path $CONV_VIA, cut n${CONV_VIA:4:1}-n2: ${CONV_OUT% *} ms, ${CONV_OUT#* } lost; "
		sed 's/^/# /' "/tmp/conv-$m-$r.out"
	done
done
T_END=$EPOCHREALTIME

# -------------------------------------------------------------- report ----

med() { echo "${RES[$1,$2]:-}" | bench_median; }
# paired MODE_A MODE_B H: the median over the rounds of A/B at H hops.
paired() {
	# shellcheck disable=SC2206
	local a=(${RES[$1,$3]:-}) b=(${RES[$2,$3]:-}) k out=""
	for ((k = 0; k < ${#a[@]} && k < ${#b[@]}; k++)); do
		out+=" $(bench_ratio "${a[k]}" "${b[k]}")"
	done
	out=$(echo "$out" | tr ' ' '\n' | grep -v n/a | tr '\n' ' ')
	[ -n "${out// /}" ] && echo "$out" | bench_median || echo n/a
}
secs_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%d", b - a + 0.5 }'; }
{
	echo "bench_mesh: TCP n0 -> nH on a line of $N IBSS nodes, $ROUNDS interleaved runs of $SECS s per cell,"
	echo "inner MTU $INNER_MTU, medians in Mbit/s (kernel $(uname -r))"
	printf '%-5s %8s %8s %10s %8s %15s %12s\n' hops plain batman batman+wg kpsec \
		"kpsec/(bat+wg)" "kpsec/plain"
	for h in $HOPS; do
		printf '%-5s %8s %8s %10s %8s %15s %12s\n' "$h" \
			"$(bench_mbit "$(med plain "$h")")" "$(bench_mbit "$(med batman "$h")")" \
			"$(bench_mbit "$(med batwg "$h")")" "$(bench_mbit "$(med kpsec "$h")")" \
			"$(bench_ratio "$(med kpsec "$h")" "$(med batwg "$h")")" \
			"$(bench_ratio "$(med kpsec "$h")" "$(med plain "$h")")"
	done
	echo "(target kpsec/(batman+wg) >= 0.90)"
	# The host's load moves between rounds, and a round runs the modes of
	# a hop count back to back: the ratios of the runs of one round are
	# steadier than the ratio of the medians.
	echo "paired ratios: the median over rounds of kpsec/(batman+wg) and kpsec/plain in one round:"
	for h in $HOPS; do
		echo "  $h hops: $(paired kpsec batwg "$h") and $(paired kpsec plain "$h")"
	done
	[ -z "$KPSEC_NOTE" ] || echo "$KPSEC_NOTE"
	echo "runs (Mbit/s, in round order):"
	for h in $HOPS; do
		for m in "${MODES[@]}"; do
			# shellcheck disable=SC2086
			printf '  %d hops %-22s %s\n' "$h" "${MODE_NAME[$m]}" "$(bench_mbit ${RES[$m,$h]})"
		done
	done
	echo "convergence n0 -> n2 on the ring n0-n1-n2-n3-n0, used link cut, ping every 0.1 s,"
	echo "outage = longest time without a reply (median of $CONV_ROUNDS):"
	for m in "${CONV_MODES[@]}"; do
		if [ -z "${CONV[$m]:-}" ]; then
			printf '  %-10s %s\n' "${MODE_NAME[$m]}" "n/a: ${CONV_FAIL[$m]:-not measured}"
		else
			printf '  %-10s %6s ms   (%s)\n' "${MODE_NAME[$m]}" \
				"$(echo "${CONV[$m]}" | bench_median)" "${CONV_DETAIL[$m]% }"
		fi
	done
	echo "time: set-up + throughput $(secs_between "$T_START" "$T_TPUT") s," \
		"convergence $(secs_between "$T_TPUT" "$T_END") s, total $(secs_between "$T_START" "$T_END") s"
} >/tmp/bench.txt
while IFS= read -r line; do ktap_diag "$line"; done </tmp/bench.txt

# ------------------------------------------------------------- checks ----

all_positive() {
	local v
	[ -n "$*" ] || return 1
	for v in "$@"; do [ "$v" -gt 0 ] || return 1; done
}
for h in $HOPS; do
	for m in "${MODES[@]}"; do
		if [ "$m" = kpsec ] && [ -z "${KPSEC_REACH[$h]:-}" ]; then
			ktap_fail "kpsec: every run over $h hops moved data" \
				"kpsec: no route (routing not available)"
			continue
		fi
		# shellcheck disable=SC2086
		ktap_check "${MODE_NAME[$m]}: every run over $h hops moved data" \
			all_positive ${RES[$m,$h]}
	done
done
for m in "${CONV_MODES[@]}"; do
	if [ -n "${CONV_FAIL[$m]:-}" ]; then
		ktap_fail "${MODE_NAME[$m]}: n0 -> n2 pings came back after the link break" \
			"${MODE_NAME[$m]}: ${CONV_FAIL[$m]}"
	else
		ktap_ok "${MODE_NAME[$m]}: n0 -> n2 pings came back after the link break"
	fi
done
ktap_finish
