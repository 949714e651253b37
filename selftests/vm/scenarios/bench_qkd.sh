#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark, not a test: QKD key supply against consumption, after the
# QKD seed paper.  It measured secret key rates of 1880 and 1220 bit/s,
# kept 256-bit keys in a 1 Mbit buffer (about 3900 keys) refreshed every
# 30 min, and reckoned about 13000 and 9000 keys per 30 min, or a full
# buffer every 9 or 13 min.  In one guest boot, time-scaled by SCALE (one
# guest second stands for SCALE real seconds: rates and the rekey period
# are scaled, measured times scaled back), for each rate:
#  - buffer fill: the test KME (kpsec-kme) starts with an empty pool, and
#    n0 polls "kpsec qkd status" until stored_key_count is max_key_count;
#    the KME's own report (--stats) gives the instant it filled too;
#  - keys per 30 min: n0 (master SAE "dc") and n1 (slave SAE "iot") drain
#    the pool through the ETSI GS QKD 014 client into their key stores
#    for WINDOW scaled minutes; the keys delivered to both SAEs come from
#    the KME's report.
# Then consumption: three node pairs on a 4-node line (n0 with n1, n2 and
# n3, 1 to 3 hops), qkd only, rekeying every REKEY_MIN scaled minutes
# from keys the KME gave both ends; the kernel's per-store "used" counts
# say what each pair takes per rekey period, and so how many pairs the
# measured supply serves.

. /scenario/kpsec-lib.sh
. /scenario/bench-lib.sh

SCALE=${QKD_SCALE:-60}
RATES=${QKD_RATES:-"1880 1220"}
# The seed's "1 Mbit" holds "approximately 3900 256bit-keys": 10^6 bits.
BUFFER=${QKD_BUFFER:-1000000}
WINDOW_MIN=${QKD_WINDOW_MIN:-30}
REKEY_MIN=${QKD_REKEY_MIN:-30}
PERIODS=${QKD_PERIODS:-3}
KEY_BITS=256
PER_REQUEST=1024
# The seed's figures (Fig. 2d and its text), by rate.
declare -A SEED_KEYS=([1880]=13000 [1220]=9000) SEED_FILL=([1880]=9 [1220]=13)
SEED_BUFFER_KEYS=3900

REKEY_S=$(( (REKEY_MIN * 60 + SCALE / 2) / SCALE ))
WINDOW_MS=$(( WINDOW_MIN * 60000 / SCALE ))
[ "$REKEY_S" -ge 5 ] || ktap_bail "rekey period $REKEY_MIN min / SCALE $SCALE is under kpsec's 5 s"
read -r -a rates <<<"$RATES"
ktap_plan $(( 2 * ${#rates[@]} + 1 ))

topo_line 4
topo_routes
kpsec_mesh 4
KME_TIMEOUT=20
qkd_kme_setup dc iot

# kme_start RATE: the KME in n0 with an empty pool filling at RATE *
# SCALE bit/s; endpoint kme-a for the master SAE (n0), kme-b for the
# slaves (over the radio, routed over plain IP).
KME_PID=""
kme_start() {
	[ -z "$KME_PID" ] || bg_stop "$KME_PID"
	rm -f /tmp/kme.stats
	qkd_kme_start --stats /tmp/kme.stats --rate $(( $1 * SCALE )) \
		--buffer "$BUFFER" --initial 0 --key-size "$KEY_BITS" \
		--max-keys-per-request "$PER_REQUEST"
}

# kme_report: a fresh copy of the KME's report (SIGUSR1) in KME_REPORT,
# the line of the pair dc/iot.
kme_report() {
	rm -f /tmp/kme.stats
	kill -USR1 "$(cat /tmp/kme-ready)" &&
		wait_until 10 test -s /tmp/kme.stats >/dev/null || return 1
	KME_REPORT="$(head -n 1 /tmp/kme.stats) $(grep 'sae_a=dc sae_b=iot ' /tmp/kme.stats)"
}

# field NAME [TEXT]: the value of NAME= in TEXT (default KME_REPORT).
field() {
	tr ' ' '\n' <<<"${2:-$KME_REPORT}" | sed -n "s/^$1=//p" | head -n 1
}

# json_num NAME: the number NAME in the JSON on stdin (the first one).
json_num() {
	tr -d ' \n' | grep -o "\"$1\":[0-9]*" | head -n 1 | cut -d: -f2
}

# store_used I J: keys exchanges took from node I's store for node J.
store_used() {
	in_ns "$1" kpsec -j qkd show kpsec0 peer "$(kpsec_id "$2")" | json_num used
}

# qkd_give I N: N keys from the KME into n0's store for node I (master,
# enc_keys) and node I's store for n0 (slave, dec_keys, same IDs).
qkd_give() {
	in_ns 0 kpsec -j qkd enc-keys /tmp/kme-n0.conf iot number "$2" \
		dev kpsec0 peer "$(kpsec_id "$1")" >/tmp/ids.json &&
	in_ns "$1" kpsec qkd dec-keys /tmp/kme-n1.conf dc ids /tmp/ids.json \
		dev kpsec0 peer "$(kpsec_id 0)" >/dev/null
}

# drain_once: what the pool holds, up to a full store (4096 keys), to n0
# and n1 in requests of PER_REQUEST keys, then out of their stores again.
# The pool only grows meanwhile, so every request finds its keys.
drain_once() {
	local n chunk
	kme_report || return 1
	n=$(( $(field pool_bits) / KEY_BITS ))
	[ "$n" -le 4096 ] || n=4096
	while [ "$n" -gt 0 ]; do
		chunk=$(( n < PER_REQUEST ? n : PER_REQUEST ))
		qkd_give 1 "$chunk" || return 1
		n=$((n - chunk))
	done
	in_ns 0 kpsec qkd delete kpsec0 peer "$(kpsec_id 1)" all &&
	in_ns 1 kpsec qkd delete kpsec0 peer "$(kpsec_id 0)" all
}

# mul_div A B C: A * B / C, two decimals.
mul_div() { awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN { printf "%.2f", a * b / c }'; }
# row NAME MEASURED ARITHMETIC SEED
row() {
	printf '# %-40s %10s %10s %8s %9s %9s\n' "$1" "$2" "$3" "$4" \
		"$(bench_ratio "$2" "$3")" "$(bench_ratio "$2" "$4")"
}

# delta NAME FROM TO: how much NAME grew from report FROM to report TO.
delta() { echo $(( $(field "$1" "$3") - $(field "$1" "$2") )); }
# per KEYS: KEYS over span_ms guest milliseconds, as keys per WINDOW_MIN
# real minutes.
per() {
	awk -v k="$1" -v w="$WINDOW_MIN" -v s="$SCALE" -v ms="$span_ms" \
		'BEGIN { printf "%.0f", (ms > 0 ? k * w * 60000 / (ms * s) : 0) }'
}

declare -A POLLS FILL_POLL FILL_KME KEYS30 GEN30 LOST30 DRAIN_CYCLES
for rate in "${rates[@]}"; do
	kme_start "$rate"

	# ---- Buffer fill: the first status makes the pool, empty.  Each
	# poll stands at the middle of its request; the pool filled between
	# the last poll that found it short and the first that found it full.
	expect_ms=$(( BUFFER * 1000 / (rate * SCALE) ))
	deadline=$(( $(_now_ms) + 3 * expect_ms + 20000 ))
	stored=0 max=1 polls=0 t0="" tprev=0 tmid=0
	while [ "$(_now_ms)" -lt "$deadline" ]; do
		ts=$(_now_ms)
		st=$(in_ns 0 kpsec -j qkd status /tmp/kme-n0.conf iot) || break
		tprev=$tmid tmid=$(( (ts + $(_now_ms)) / 2 ))
		polls=$((polls + 1))
		[ -n "$t0" ] || t0=$tmid
		stored=$(json_num stored_key_count <<<"$st")
		max=$(json_num max_key_count <<<"$st")
		[ "$stored" -lt "$max" ] || break
	done
	t1=$(( (tprev + tmid) / 2 ))
	kme_report
	FILL_POLL[$rate]=$(mul_div $((t1 - t0)) "$SCALE" 60000)
	POLLS[$rate]="$polls polls of $(( polls > 1 ? (tmid - t0) / (polls - 1) : 0 )) ms"

	full=$(field full_after_ms)
	[ "$full" = - ] && FILL_KME[$rate]=0 || FILL_KME[$rate]=$(mul_div "$full" "$SCALE" 60000)
	ktap_check "$rate bit/s: the buffer filled ($stored of $max keys, $polls polls)" \
		test "$stored" -ge "$max" -a "$full" != -

	# ---- Keys per window: drain the full buffer until a cycle finds less
	# than one request's worth.  From then on each cycle draws what came
	# in since the report that sized the cycle before: the keys cycles 2..m
	# delivered came in between the reports of cycles 1 and m.
	for _ in 1 2 3 4 5 6; do
		drain_once || break
		[ "$(field pool_bits)" -ge $(( PER_REQUEST * KEY_BITS )) ] || break
	done
	r1=$KME_REPORT cycles=1 failed=0
	drain_once || failed=1
	r2=$KME_REPORT
	while [ $(( $(field time_ms) - $(field time_ms "$r1") )) -lt "$WINDOW_MS" ] &&
	      [ "$failed" -lt 5 ]; do
		drain_once || failed=$((failed + 1))
		cycles=$((cycles + 1))
	done
	rm_=$KME_REPORT
	kme_report
	span_ms=$(delta time_ms "$r1" "$rm_")
	DRAIN_CYCLES[$rate]="$cycles cycles in $(mul_div "$span_ms" 1 1000) s, $failed failed"
	delivered=$(( $(delta slave_bits "$r2" "$KME_REPORT") / KEY_BITS ))
	KEYS30[$rate]=$(per "$delivered")
	GEN30[$rate]=$(per $(( $(delta generated_bits "$r1" "$rm_") / KEY_BITS )))
	LOST30[$rate]=$(per $(( $(delta overflow_bits "$r1" "$rm_") / KEY_BITS )))
	ktap_check "$rate bit/s: keys reached both SAEs over the window (${DRAIN_CYCLES[$rate]})" \
		test "$delivered" -gt 0
done

# ---- Consumption: n0 and each of n1..n3, qkd only, rekeying every REKEY_S.
NPAIRS=3 GIVE=$((PERIODS + 3))
for k in 1 2 3; do
	qkd_give "$k" "$GIVE" || ktap_bail "n0 - n$k: no keys from the KME"
done
for i in 0 1 2 3; do
	in_ns "$i" kpsec set kpsec0 qkd only rekey-after-time "$REKEY_S" ||
		ktap_bail "n$i: cannot set qkd only"
done
wait_until 60 kpsec_hops_is 0 3 3 >/dev/null || ktap_bail "n0 has no 3-hop route to n3"
for k in 1 2 3; do
	in_ns 0 kpsec connect kpsec0 "$(kpsec_id "$k")" --wait 20 >/dev/null ||
		echo "# n0 -> n$k: first session failed"
done
ta=$(_now_ms)
declare -A U0 V0
for k in 1 2 3; do
	U0[$k]=$(store_used 0 "$k") V0[$k]=$(store_used "$k" 0)
done
sleep_ms=$(( (PERIODS * REKEY_S * 1000) + REKEY_S * 500 - ($(_now_ms) - ta) ))
sleep "$(mul_div "$sleep_ms" 1 1000)"
used=0 per_pair=""
for k in 1 2 3; do
	u=$(( $(store_used 0 "$k") - U0[$k] ))
	v=$(( $(store_used "$k" 0) - V0[$k] ))
	used=$((used + u))
	per_pair+=" n0-n$k:$u/$v"
done
bad=0
for i in 0 1 2 3; do
	bad=$(( bad + $(kpsec_counter "$i" qkd_no_key) + $(kpsec_counter "$i" qkd_unknown_key) ))
done
pairs_ok() {
	local k
	echo "keys used by initiator/responder:$per_pair"
	[ "$used" -gt 0 ] || return 1
	for k in 1 2 3; do
		kpsec_session_is 0 "$k" established && [ "$(kpsec_session_field 0 "$k" qkd_mode)" = only ] ||
			return 1
	done
}
ktap_check "$NPAIRS pairs rekeyed with QKD keys (qkd only)" pairs_ok
# Keys one pair takes from the supply per rekey period (each KME key is
# one key in each of the two stores).
kpp=$(awk -v u="$used" -v n="$NPAIRS" -v p="$PERIODS" 'BEGIN { printf "%.2f", u / (n * p) }')
bg_stop "$KME_PID"

{
	echo "# bench_qkd: SCALE $SCALE (1 guest second = $SCALE real seconds); buffer $BUFFER bits" \
		"($((BUFFER / KEY_BITS)) keys of $KEY_BITS bits); window $WINDOW_MIN min" \
		"($((WINDOW_MS / 1000)) s scaled); rekey period $REKEY_MIN min ($REKEY_S s scaled)"
	echo "# consumption: $NPAIRS pairs (n0 with n1, n2, n3: 1 to 3 hops), qkd only," \
		"$PERIODS rekey periods: keys used by initiator/responder$per_pair;" \
		"qkd_no_key + qkd_unknown_key: $bad"
	echo "# keys per pair per rekey period: $kpp (arithmetic and seed: 1)"
	printf '# %-40s %10s %10s %8s %9s %9s\n' "" measured arithmetic seed "/arith" "/seed"
	for rate in "${rates[@]}"; do
		fill_a=$(mul_div "$BUFFER" 1 $((rate * 60)))
		keys_a=$(( (rate * WINDOW_MIN * 60 + KEY_BITS / 2) / KEY_BITS ))
		pairs_a=$(( (rate * REKEY_MIN * 60 + KEY_BITS / 2) / KEY_BITS ))
		# The seed gives keys per 30 min: scaled to other spans.
		seed_k=$(( ${SEED_KEYS[$rate]:-0} * WINDOW_MIN / 30 ))
		seed_p=$(( ${SEED_KEYS[$rate]:-0} * REKEY_MIN / 30 ))
		seed_f=${SEED_FILL[$rate]:-0}
		pairs_w=$(awk -v k="${KEYS30[$rate]}" -v r="$REKEY_MIN" -v w="$WINDOW_MIN" -v c="$kpp" \
			'BEGIN { printf "%.0f", (c > 0 ? k * r / (w * c) : 0) }')
		# Per rekey period of one buffer fill (the seed's shortest), as
		# the KME timed it.
		pairs_f=$(awk -v k="${KEYS30[$rate]}" -v w="$WINDOW_MIN" -v f="${FILL_KME[$rate]}" -v c="$kpp" \
			'BEGIN { printf "%.0f", (c > 0 ? k * f / (w * c) : 0) }')
		echo "# $rate bit/s ($((rate * SCALE)) bit/s scaled; fill: ${POLLS[$rate]};" \
			"drain: ${DRAIN_CYCLES[$rate]})"
		row "  buffer fill, min (kpsec qkd status)" "${FILL_POLL[$rate]}" "$fill_a" "$seed_f"
		row "  buffer fill, min (KME report)" "${FILL_KME[$rate]}" "$fill_a" "$seed_f"
		row "  keys per $WINDOW_MIN min delivered to both SAEs" "${KEYS30[$rate]}" "$keys_a" "$seed_k"
		echo "#   generated into the pool: ${GEN30[$rate]}, lost to a full buffer: ${LOST30[$rate]}"
		row "  pairs served, rekey every $REKEY_MIN min" "$pairs_w" "$pairs_a" "$seed_p"
		row "  pairs served, rekey every buffer fill" "$pairs_f" $((BUFFER / KEY_BITS)) "$SEED_BUFFER_KEYS"
	done
}
ktap_finish
