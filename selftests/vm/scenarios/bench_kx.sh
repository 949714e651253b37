#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark, not a test: the key exchange on the KPsec paper's testbed
# shape (10 nodes in a 2 x 5 grid, rings of k = 3, rho = theta = 2), in
# one guest boot:
#  - exchange delay: KX_ROUNDS rounds over the 10 ordered pairs (I, I+5
#    mod 10) that hold no key of each other; the delay is the kernel's,
#    from the first share sent to the session installed at the source;
#  - bytes on the air per exchange: every KX frame every node sent or
#    forwarded, the kpsec frame plus the 802.11 data frame around it
#    (24-byte header, 8-byte LLC/SNAP, 4-byte FCS; no PHY preamble);
#  - TCP throughput n0 -> n5 over the session made, against a static-key
#    pair n2 -> n3 at the same one radio hop, runs interleaved.

. /scenario/kpsec-lib.sh
. /scenario/bench-lib.sh

ROUNDS=${KX_ROUNDS:-5}
SECS=${BENCH_SECS:-4}
RUNS=${BENCH_RUNS:-3}
MAC80211_OVERHEAD=36
ktap_plan 4

topo_grid 2 5
kpsec_mesh 10
kpsec_circulant_rings 10 3
PAIRS="0:5 5:0 1:6 6:1 2:7 7:2 3:8 8:3 4:9 9:4"
all_paths() {
	local p
	for p in $PAIRS; do
		[ "$(kpsec_keypath_count "${p%:*}" "${p#*:}")" = 2 ] || { echo "no 2 paths for $p"; return 1; }
	done
}
wait_until 90 all_paths || ktap_bail "not every pair has its 2 key-paths"

kx_totals() {
	local i b=0 f=0
	for ((i = 0; i < 10; i++)); do
		b=$((b + $(kpsec_counter "$i" tx_kx_bytes) + $(kpsec_counter "$i" fwd_kx_bytes)))
		f=$((f + $(kpsec_counter "$i" tx_kx_packets) + $(kpsec_counter "$i" fwd_kx_packets)))
	done
	echo "$b $f"
}

read -r bytes0 frames0 < <(kx_totals)
delays="" ok=0 failed=0
for ((r = 1; r <= ROUNDS; r++)); do
	for p in $PAIRS; do
		s=${p%:*} d=${p#*:}
		out=$(in_ns "$s" kpsec connect kpsec0 "$(kpsec_id "$d")" --wait 20 2>&1)
		ms=$(printf '%s\n' "$out" | sed -n 's/.* established in \([0-9]*\) ms$/\1/p')
		if [ -n "$ms" ]; then
			delays+=" $ms"
			ok=$((ok + 1))
		else
			failed=$((failed + 1))
			echo "# n$s -> n$d: $out"
		fi
	done
done
read -r bytes1 frames1 < <(kx_totals)
n=$((ok + failed))
ktap_check "$n exchanges ran, $ok established" test "$ok" -gt 0

med_ms=$(echo "$delays" | bench_median)
p95_ms=$(echo "$delays" | bench_percentile 95)
frames=$(( (frames1 - frames0) ))
kpsec_bytes=$(( bytes1 - bytes0 ))
air_bytes=$(( kpsec_bytes + frames * MAC80211_OVERHEAD ))
per_kx=$(( n ? air_bytes / n : 0 ))
ktap_check "bytes on the air were counted" test "$air_bytes" -gt 0

# Throughput after establishment: the session n0 -> n5 against a static
# key n2 -> n3, both one radio hop.
kpsec_e2e_key 2 3
bench_iperf_daemon 5
bench_iperf_daemon 3
sess="" stat=""
for ((r = 1; r <= RUNS; r++)); do
	if ((r % 2)); then
		sess+=" $(bench_iperf 0 "$(kpsec_ip4 5)" "$SECS")"
		stat+=" $(bench_iperf 2 "$(kpsec_ip4 3)" "$SECS")"
	else
		stat+=" $(bench_iperf 2 "$(kpsec_ip4 3)" "$SECS")"
		sess+=" $(bench_iperf 0 "$(kpsec_ip4 5)" "$SECS")"
	fi
done
sess_med=$(echo "$sess" | bench_median)
stat_med=$(echo "$stat" | bench_median)
ktap_check "throughput over the session was measured" test "$sess_med" -gt 0
ktap_check "throughput over the static key was measured" test "$stat_med" -gt 0

kb() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1000 }'; }
met() { if [ "$1" -lt "$2" ]; then echo "met"; else echo "NOT met"; fi; }
{
	echo "# bench_kx: 10 nodes (2x5 grid), rings of k=3, rho=2, theta=2; $n exchanges" \
		"over $((n / ROUNDS)) pairs, $ok established"
	printf '# %-34s %12s %14s %10s\n' "" kpsec "paper (Tab. 2)" target
	printf '# %-34s %9s ms %11s ms %7s ms  %s\n' "exchange delay, median" "$med_ms" 16060 "< 100" \
		"$(met "$med_ms" 100)"
	printf '# %-34s %9s ms\n' "exchange delay, p95" "$p95_ms"
	printf '# %-34s %9s KB %11s KB %7s KB  %s\n' "bytes on the air per exchange" \
		"$(kb "$per_kx")" 868.88 "< 8" "$(met "$per_kx" 8000)"
	echo "#   $((frames / (n ? n : 1))) frames, $((kpsec_bytes / (n ? n : 1))) bytes of kpsec frames" \
		"and $MAC80211_OVERHEAD bytes of 802.11 framing each, per exchange"
	echo "# ratio paper/kpsec: delay $(bench_ratio 16060 "$med_ms")," \
		"bytes $(bench_ratio 868880 "$per_kx")"
	echo "# TCP n0 -> n5 over the session: $(bench_mbit "$sess_med") Mbit/s (runs: $(bench_mbit $sess))"
	echo "# TCP n2 -> n3 over a static key: $(bench_mbit "$stat_med") Mbit/s (runs: $(bench_mbit $stat))"
	echo "# ratio session/static key: $(bench_ratio "$sess_med" "$stat_med")"
}
ktap_finish
