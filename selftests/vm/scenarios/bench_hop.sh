#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark, not a test: TCP throughput over one IBSS hop in one guest boot,
# plain IP against kpsec (static-key mode) against WireGuard, both
# ChaCha20-Poly1305 with the same inner MTU.  Runs are interleaved, the
# order rotating each round, and medians compared.  BENCH_ROUNDS and
# BENCH_SECS override the defaults.

. /scenario/kpsec-lib.sh

ROUNDS=${BENCH_ROUNDS:-5}
SECS=${BENCH_SECS:-4}
INNER_MTU=1480
ktap_plan 4

hwsim_radios 2
node_ns 0
node_ns 1
vm_modprobe kpsec
vm_modprobe wireguard

# Plain: 10.0.0.0/24 on wlan, the route capped at the inner MTU.
node_addr 0
node_addr 1
for i in 0 1; do
	in_ns "$i" ip addr add "10.0.1.$((i + 1))/32" dev "wlan$i"
	in_ns "$i" ip route add "10.0.1.$((2 - i))/32" dev "wlan$i" mtu "$INNER_MTU"
done

# kpsec
for i in 0 1; do kpsec_node "$i"; in_ns "$i" ip link set kpsec0 mtu "$INNER_MTU"; done
kpsec_pair_key 0 1

# WireGuard over the plain addresses.
for i in 0 1; do
	in_ns "$i" wg genkey >"/tmp/wg$i.key"
	in_ns "$i" wg pubkey <"/tmp/wg$i.key" >"/tmp/wg$i.pub"
done
for i in 0 1; do
	j=$((1 - i))
	in_ns "$i" ip link add wg0 type wireguard &&
	in_ns "$i" wg set wg0 private-key "/tmp/wg$i.key" listen-port 51820 \
		peer "$(cat "/tmp/wg$j.pub")" allowed-ips "10.88.0.$((j + 1))/32" \
		endpoint "$(ip_of "$j"):51820" &&
	in_ns "$i" ip addr add "10.88.0.$((i + 1))/24" dev wg0 &&
	in_ns "$i" ip link set wg0 mtu "$INNER_MTU" up || ktap_bail "wireguard setup"
done

declare -A TARGET=([plain]=10.0.1.2 [kpsec]="$(kpsec_ip4 1)" [wireguard]=10.88.0.2)
ktap_check "all three paths answer pings" eval '
	wait_until 10 ping_ok 0 10.0.1.2 && wait_until 10 ping_ok 0 "$(kpsec_ip4 1)" &&
	wait_until 10 ping_ok 0 10.88.0.2'

declare -A RESULTS
modes=(plain kpsec wireguard)
for r in $(seq 1 "$ROUNDS"); do
	for k in 0 1 2; do
		m=${modes[$(((k + r) % 3))]}
		iperf_server 1
		bps=$(iperf_bps 0 "${TARGET[$m]}" "$SECS") || bps=0
		RESULTS[$m]="${RESULTS[$m]:-} $bps"
		echo "# round $r $m $((bps / 1000)) kbit/s"
	done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
declare -A MED
for m in "${modes[@]}"; do MED[$m]=$(echo "${RESULTS[$m]}" | median); done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
{
	echo "# bench_hop: TCP over one IBSS hop, $ROUNDS interleaved runs of ${SECS} s, inner MTU $INNER_MTU"
	printf '# %-10s %12s   %s\n' mode "median Mbit/s" "runs (Mbit/s)"
	for m in "${modes[@]}"; do
		runs=$(for v in ${RESULTS[$m]}; do printf '%d ' $((v / 1000000)); done)
		printf '# %-10s %12d   %s\n' "$m" $((MED[$m] / 1000000)) "$runs"
	done
	echo "# ratio kpsec/wireguard: $(ratio "${MED[kpsec]}" "${MED[wireguard]}") (target >= 0.90)"
	echo "# ratio kpsec/plain:     $(ratio "${MED[kpsec]}" "${MED[plain]}")"
	echo "# ratio wireguard/plain: $(ratio "${MED[wireguard]}" "${MED[plain]}")"
} | tee /tmp/bench.txt
for m in "${modes[@]}"; do
	ktap_check "$m: every run moved data" eval "! echo '${RESULTS[$m]}' | grep -qw 0"
done
ktap_finish
