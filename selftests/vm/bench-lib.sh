# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the benchmark scenarios (bench_*.sh), on top of lib.sh.  A
# scenario sources it itself: . /scenario/bench-lib.sh
#
# Benchmarks are not tests: their KTAP checks say only that a measurement
# produced data.  Numbers from one guest boot are comparable with each other,
# never with another boot's (TCG, a loaded host): interleave the runs of the
# things compared and take medians.

# --------------------------------------------------------------- numbers ----

# bench_percentile P: the P-th percentile of the numbers on stdin (blank- or
# line-separated), by nearest rank: the smallest value with at least P % of
# them at or below it.  Prints 0 for no numbers.
bench_percentile() {
	tr ' ' '\n' | grep . | sort -n | awk -v p="$1" '
		{ v[NR] = $1 }
		END { i = int(NR * p / 100); if (i < NR * p / 100) i++; if (i < 1) i = 1
		      if (NR) print v[i]; else print 0 }'
}

# bench_median: the median (the lower middle one for an even count).
bench_median() { bench_percentile 50; }

# bench_ratio A B: A/B with two decimals, "n/a" when B is 0.
bench_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

# bench_mbit BPS...: bits/s as Mbit/s with one decimal, blank-separated.
bench_mbit() {
	local v out=""
	for v in "$@"; do
		out+="$(awk -v v="$v" 'BEGIN { printf "%.1f", v / 1e6 }') "
	done
	echo "${out% }"
}

# ---------------------------------------------------------------- iperf3 ----

# bench_iperf_daemon I [PORT]: a persistent iperf3 server in node I (one
# test at a time, for the whole scenario), listening when this returns.
# Unlike the one-shot iperf_server, a client that never got through does
# not leave it in the way of the next one; --rcv-timeout ends a test whose
# path died under it, so the server does not stay "busy".
bench_iperf_daemon() {
	local port=${2:-5201}
	in_ns "$1" iperf3 -s -D -p "$port" --rcv-timeout 5000 >/dev/null ||
		ktap_bail "n$1: iperf3 server did not start"
	wait_until 10 port_listening "$1" "$port" >/dev/null ||
		ktap_bail "n$1: iperf3 server does not listen on $port"
}

# `timeout` is a busybox applet, and busybox runs its own applet for a bare
# "ip": give it the real one's path.
_BENCH_IP=$(type -P ip)

# bench_iperf I ADDR SECS [PORT]: a TCP iperf3 client in node I against ADDR
# for SECS; prints the bits/s the receiver counted, 0 (and status 1) when
# the run failed.  Bounded in time whatever the path does: connect timeout,
# send timeout, and `timeout` around it all.  One retry if the server was
# still busy with the previous run.
bench_iperf() {
	local i=$1 addr=$2 secs=$3 port=${4:-5201} out bps
	for _ in 1 2; do
		out=$(timeout $((secs + 20)) "$_BENCH_IP" netns exec "n$i" iperf3 -c "$addr" \
			-p "$port" -t "$secs" -J --connect-timeout 3000 \
			--snd-timeout 5000 2>&1)
		bps=$(printf '%s\n' "$out" | awk -F: '
			/"sum_received"/ { inside = 1 }
			inside && /"bits_per_second"/ { gsub(/[ ,]/, "", $2); printf "%.0f\n", $2; exit }')
		if [ -n "$bps" ]; then
			echo "$bps"
			return 0
		fi
		[[ $out == *busy* ]] || break
		sleep 1
	done
	printf '%s\n' "$out" | grep -m 1 '"error"' >&2
	echo 0
	return 1
}

# ---------------------------------------------------- timestamped pings ----

# ping_log_start I ADDR FILE [INTERVAL]: node I pings ADDR every INTERVAL
# seconds (default 0.1) in the background; FILE gets ping's lines, each
# prefixed with the bash $EPOCHREALTIME at which it was read.  (busybox ping
# has no -D.  The guest has no /dev/fd, so no process substitution: ping
# writes into a FIFO that a reader in this shell timestamps.)
# One at a time; ping_log_stop ends it.
_PING_LOG_PID="" _PING_LOG_READER=""
ping_log_start() {
	local fifo=/tmp/ping-log.fifo
	rm -f "$fifo"
	mkfifo "$fifo" || ktap_bail "mkfifo $fifo failed"
	: >"$3"
	while IFS= read -r line; do
		printf '%s %s\n' "$EPOCHREALTIME" "$line"
	done <"$fifo" >"$3" &
	_PING_LOG_READER=$!
	in_ns_bg "$1" ping -i "${4:-0.1}" -W 1 "$2" >"$fifo"
	_PING_LOG_PID=$BG_PID
}

# ping_log_stop: stop the ping, let the reader write its last lines.
ping_log_stop() {
	[ -n "$_PING_LOG_PID" ] && bg_stop "$_PING_LOG_PID"
	if [ -n "$_PING_LOG_READER" ]; then
		wait_until 5 _gone "$_PING_LOG_READER" >/dev/null 2>&1
		bg_stop "$_PING_LOG_READER"
	fi
	_PING_LOG_PID="" _PING_LOG_READER=""
	rm -f /tmp/ping-log.fifo
}

# ping_log_replies FILE [AFTER]: the number of echo replies in FILE (read
# after the $EPOCHREALTIME AFTER, default 0).  Duplicates are not counted.
ping_log_replies() {
	awk -v t="${2:-0}" '/bytes from/ && !/DUP/ && $1 > t { n++ } END { print n + 0 }' "$1"
}

# ping_log_has FILE N [AFTER]: FILE has at least N replies (after AFTER).
ping_log_has() {
	[ "$(ping_log_replies "$1" "${3:-0}")" -ge "$2" ]
}

# ping_log_outage FILE T: the longest time without an echo reply across T (a
# $EPOCHREALTIME: the instant of a link break), as "GAP_MS LOST": GAP_MS is
# the time between the two replies around the longest silence that ends
# after T (so at least one ping interval when nothing was lost), LOST the
# number of sequence numbers missing across it.  "-1 -1" without a reply
# after T.
ping_log_outage() {
	awk -v t="$2" '
		!/bytes from/ || /DUP/ { next }
		{
			seq = -1
			for (i = 2; i <= NF; i++)
				if ($i ~ /^seq=/) { seq = substr($i, 5) + 0; break }
			if (havep && $1 > t && $1 - pt > gap) {
				gap = $1 - pt; lost = seq - ps - 1
			}
			havep = 1; pt = $1; ps = seq
		}
		END {
			if (gap > 0) printf "%d %d\n", gap * 1000 + 0.5, lost
			else print "-1 -1"
		}' "$1"
}

# ping_log_resumed FILE T [MIN_GAP]: replies have come back after a link
# break at T: at least 10 replies follow the longest silence after T, and
# that silence was longer than MIN_GAP seconds (default 0.5), or else 30
# replies arrived after T without any such silence (the break did not hit
# the path).
ping_log_resumed() {
	awk -v t="$2" -v min="${3:-0.5}" '
		!/bytes from/ || /DUP/ { next }
		{
			if (havep && $1 > t) {
				after++
				if ($1 - pt > gap) { gap = $1 - pt; since = 0 }
				since++
			}
			havep = 1; pt = $1
		}
		END { exit !((gap > min && since >= 10) || (gap <= min && after >= 30)) }' "$1"
}

# ------------------------------------------------------------- counters ----

# sta_tx_packets I J: unicast frames node I's radio sent to node J's (the
# mac80211 station counter; broadcasts such as routing floods are not in
# it).  0 if I has no station entry for J.
sta_tx_packets() {
	in_ns "$1" iw dev "wlan$1" station get "$(mac_of "$2")" 2>/dev/null |
		awk '/tx packets:/ { n = $3 } END { print n + 0 }'
}
