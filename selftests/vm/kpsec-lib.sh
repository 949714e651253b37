# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# kpsec helpers for guest scenarios, on top of lib.sh (sourced after it).
#
# Node I gets node ID I+1 on kpsec0, in the mesh prefixes below, so its
# addresses are kpsec_ip4 I and kpsec_ip6 I.

# Key files the helpers write are secrets: 0600.
umask 077

KPSEC_PREFIX4=${KPSEC_PREFIX4:-10.77.0.0/16}
KPSEC_PREFIX6=${KPSEC_PREFIX6:-fd77::/64}

kpsec_id() { echo $(($1 + 1)); }
kpsec_ip4() { echo "10.77.$((($1 + 1) / 256)).$((($1 + 1) % 256))"; }
kpsec_ip6() { printf 'fd77::%x\n' $(($1 + 1)); }

# kpsec_node I: kpsec0 in node I, bound to wlanI, with its node ID,
# prefixes and addresses, up.
kpsec_node() {
	local i=$1
	in_ns "$i" ip link add kpsec0 type kpsec ||
		ktap_bail "n$i: ip link add kpsec0 type kpsec failed"
	in_ns "$i" kpsec set kpsec0 lower "wlan$i" node-id "$(kpsec_id "$i")" \
		prefix "$KPSEC_PREFIX4" prefix "$KPSEC_PREFIX6" ||
		ktap_bail "n$i: kpsec set failed"
	in_ns "$i" ip addr add "$(kpsec_ip4 "$i")/16" dev kpsec0 &&
	in_ns "$i" ip addr add "$(kpsec_ip6 "$i")/64" dev kpsec0 nodad &&
	in_ns "$i" ip link set kpsec0 up ||
		ktap_bail "n$i: cannot address kpsec0"
}

# kpsec_pair_key I J: a static key shared by nodes I and J, installed on
# both with each other's lower MAC as endpoint.
kpsec_pair_key() {
	local i=$1 j=$2 key=/tmp/psk-$1-$2
	kpsec genpsk >"$key" || ktap_bail "kpsec genpsk failed"
	in_ns "$i" kpsec set kpsec0 peer "$(kpsec_id "$j")" static-key "$key" \
		endpoint "$(mac_of "$j")" &&
	in_ns "$j" kpsec set kpsec0 peer "$(kpsec_id "$i")" static-key "$key" \
		endpoint "$(mac_of "$i")" ||
		ktap_bail "cannot install the static key of n$i - n$j"
}

# kpsec_counter I NAME: counter NAME of node I's kpsec0 (JSON stats key).
kpsec_counter() {
	in_ns "$1" kpsec -j show kpsec0 stats |
		tr -d ' \n' | grep -o "\"$2\":[0-9]*" | head -n 1 | cut -d: -f2
}

# kpsec_counter_above I NAME N: counter NAME of node I is above N.
kpsec_counter_above() {
	local v
	v=$(kpsec_counter "$1" "$2")
	echo "$2=$v"
	[ -n "$v" ] && [ "$v" -gt "$3" ]
}

# kpsec_counter_is I NAME N
kpsec_counter_is() {
	local v
	v=$(kpsec_counter "$1" "$2")
	echo "$2=$v (want $3)"
	[ "$v" = "$3" ]
}

# expect_cli_error EXPECTED_TEXT CMD...: CMD fails (non-zero exit) and its
# stderr contains EXPECTED_TEXT.
expect_cli_error() {
	local want=$1 err rc
	shift
	err=$("$@" 2>&1 >/dev/null)
	rc=$?
	echo "exit $rc: $err"
	[ "$rc" -ne 0 ] && [[ $err == *"$want"* ]]
}

# udp_send I ADDR PORT TEXT: one UDP datagram from node I.
udp_send() {
	in_ns "$1" bash -c 'printf "%s" "$3" >"/dev/udp/$1/$2"' _ "$2" "$3" "$4"
}

# capture_start I IFACE FILE: tcpdump on IFACE of node I into FILE, in the
# background; returns once tcpdump listens.  capture_stop ends them all and
# waits, so the files are complete.
_CAPTURE_PIDS=""
capture_start() {
	local log=/tmp/tcpdump-$1-$2.log
	in_ns_bg "$1" tcpdump -Z root --immediate-mode -i "$2" -U -n -w "$3" >"$log" 2>&1
	_CAPTURE_PIDS="$_CAPTURE_PIDS $BG_PID"
	wait_until 10 grep -q "listening on" "$log" >/dev/null ||
		ktap_bail "tcpdump on n$1 $2 did not start"
}

capture_stop() {
	# shellcheck disable=SC2086
	bg_stop $_CAPTURE_PIDS
	_CAPTURE_PIDS=""
}

# pcap_count FILE FILTER: packets in FILE matching the tcpdump FILTER.
pcap_count() {
	tcpdump -n -r "$1" "$2" 2>/dev/null | wc -l
}

# kpsec_e2e_key I J: a static key shared by nodes I and J with no endpoint:
# frames take the mesh route.
kpsec_e2e_key() {
	local i=$1 j=$2 key=/tmp/psk-$1-$2
	kpsec genpsk >"$key" || ktap_bail "kpsec genpsk failed"
	in_ns "$i" kpsec set kpsec0 peer "$(kpsec_id "$j")" static-key "$key" &&
	in_ns "$j" kpsec set kpsec0 peer "$(kpsec_id "$i")" static-key "$key" ||
		ktap_bail "cannot install the static key of n$i - n$j"
}

# kpsec_mesh N: kpsec0 on nodes 0..N-1 (after a topo_* helper made them).
kpsec_mesh() {
	local i
	vm_modprobe kpsec
	for ((i = 0; i < $1; i++)); do
		kpsec_node "$i"
	done
}

# kpsec_route_field I DEST_NODE FIELD: a field (next_hop, hops, metric) of
# node I's route to node ID DEST_NODE, from `kpsec -j show kpsec0 routes`.
kpsec_route_field() {
	in_ns "$1" kpsec -j show kpsec0 routes | tr -d ' \n' | tr '}' '\n' |
		grep "\"destination\":$2," | grep -o "\"$3\":[0-9]*" | cut -d: -f2
}

# kpsec_route_is I J HOPS NEXT: node I reaches node J (indexes) in HOPS
# hops through node NEXT (index).
kpsec_route_is() {
	local hops next
	hops=$(kpsec_route_field "$1" "$(kpsec_id "$2")" hops)
	next=$(kpsec_route_field "$1" "$(kpsec_id "$2")" next_hop)
	echo "n$1 -> n$2: hops=${hops:-none} next_hop=${next:-none} (want $3 via node $(kpsec_id "$4"))"
	[ "$hops" = "$3" ] && [ "$next" = "$(kpsec_id "$4")" ]
}

# kpsec_hops_is I J HOPS: node I's route to node J has HOPS hops.
kpsec_hops_is() {
	local hops
	hops=$(kpsec_route_field "$1" "$(kpsec_id "$2")" hops)
	echo "n$1 -> n$2: hops=${hops:-none} (want $3)"
	[ "$hops" = "$3" ]
}

# ------------------------------------------------------- key exchange ----

# kpsec_identity I: node I's private key in /tmp/key-I, its public key in
# /tmp/pub-I (made once).
kpsec_identity() {
	[ -s "/tmp/key-$1" ] && return
	kpsec genkey >"/tmp/key-$1" && kpsec pubkey <"/tmp/key-$1" >"/tmp/pub-$1" ||
		ktap_bail "n$1: cannot make a key pair"
}

# kpsec_ring_conf I "J K ...": write node I's configuration file (node ID,
# private key, the public keys of nodes J K ...) to /tmp/conf-I.
kpsec_ring_conf() {
	local i=$1 j
	kpsec_identity "$i"
	{
		echo "# node $i"
		echo "[Node]"
		echo "NodeID = $(kpsec_id "$i")"
		echo "PrivateKey = $(cat "/tmp/key-$i")"
		echo "[KeyRing]"
		for j in $2; do
			kpsec_identity "$j"
			echo "$(kpsec_id "$j") = $(cat "/tmp/pub-$j")"
		done
	} >"/tmp/conf-$i"
}

# kpsec_load_ring I "J K ...": load that configuration into node I.
kpsec_load_ring() {
	kpsec_ring_conf "$1" "$2"
	in_ns "$1" kpsec setconf kpsec0 "/tmp/conf-$1" ||
		ktap_bail "n$1: kpsec setconf failed"
}

# kpsec_circulant_rings N K: node I holds the keys of nodes I+1 .. I+K
# (mod N), the shape of a PAKP ring assignment with every key held K times.
kpsec_circulant_rings() {
	local n=$1 k=$2 i d ring
	for ((i = 0; i < n; i++)); do
		ring=""
		for ((d = 1; d <= k; d++)); do ring+=" $(((i + d) % n))"; done
		kpsec_load_ring "$i" "$ring"
	done
}

# kpsec_keypaths_json I J: node I's key-paths to node J (indexes), JSON.
kpsec_keypaths_json() {
	in_ns "$1" kpsec -j show kpsec0 keypaths "$(kpsec_id "$2")"
}

# kpsec_keypath_count I J: how many key-paths node I has to node J.
kpsec_keypath_count() {
	kpsec_keypaths_json "$1" "$2" | tr -d ' \n' | grep -o '"de_steps"' | wc -l
}

# Planner round trips (plan_pakp10, plan_qcomp10): the host staged a plan
# of a 10-node grid with selftests/vm/plan-stage.sh.
#
# plan_unpack SCENARIO: unpack it into /tmp/plan and set PLAN (that
# directory), PLAN_K (key-paths compared), PLAN_S and PLAN_T (the nodes of
# the pair checked) and PLAN_WANT (the planner's key-paths of that pair,
# "DE:HOPS" each, in its order).
plan_unpack() {
	local tarball=/scenario/files/$1.tar csv
	[ -f "$tarball" ] ||
		ktap_bail "no $tarball: stage it with selftests/vm/plan-stage.sh $1 DIR"
	rm -rf /tmp/plan
	tar -C /tmp -xf "$tarball" || ktap_bail "cannot unpack $tarball"
	PLAN=/tmp/plan
	csv=$PLAN/keypaths.csv
	PLAN_K=$(cat "$PLAN/max-paths")
	PLAN_S=$(( $(sed -n 's/^# source=//p' "$csv") - 1 ))
	PLAN_T=$(( $(sed -n 's/^# destination=//p' "$csv") - 1 ))
	PLAN_WANT=$(awk -F, '/^[0-9]/ { printf "%s%s:%s", n++ ? " " : "", $2, $3 }' "$csv")
	echo "# pair n$PLAN_S -> n$PLAN_T; planner: [$PLAN_WANT]"
}

# plan_load_all N [SET ARGS...]: "kpsec setconf" each of the N nodes with
# its file of the plan, then "kpsec set kpsec0 kx-rho PLAN_K SET ARGS".
plan_load_all() {
	local i n=$1
	shift
	for ((i = 0; i < n; i++)); do
		in_ns $i kpsec setconf kpsec0 "$PLAN/node-$(kpsec_id $i).conf" ||
			{ echo "n$i: setconf failed"; return 1; }
		in_ns $i kpsec set kpsec0 kx-rho "$PLAN_K" "$@" || return 1
	done
}

# plan_kernel_paths I J: "DE:HOPS" of each key-path node I has to node J,
# in the kernel's order.
plan_kernel_paths() {
	kpsec_keypaths_json "$1" "$2" | tr -d ' \n' |
		grep -o '"de_steps":[0-9]*,"phys_hops":[0-9]*' |
		sed 's/"de_steps":\([0-9]*\),"phys_hops":\([0-9]*\)/\1:\2/' | tr '\n' ' ' |
		sed 's/ $//'
}

# kpsec_session_field I J FIELD: FIELD of node I's session with node J.
kpsec_session_field() {
	in_ns "$1" kpsec -j show kpsec0 sessions | tr -d ' \n' | tr '}' '\n' |
		grep "\"node_id\":$(kpsec_id "$2")," | grep -o "\"$3\":[^,]*" | head -n 1 |
		cut -d: -f2 | tr -d '"'
}

# kpsec_session_is I J STATE: node I's session with node J is in STATE.
kpsec_session_is() {
	local s
	s=$(kpsec_session_field "$1" "$2" state)
	echo "n$1 session with n$2: ${s:-none} (want $3)"
	[ "$s" = "$3" ]
}

# kpsec_ring_holds I J: node I's key ring holds node J's public key.
kpsec_ring_holds() {
	in_ns "$1" kpsec -j show kpsec0 keyring | tr -d ' \n' |
		grep -o '"keyring":\[[^]]*\]' | grep -q "\"node_id\":$(kpsec_id "$2"),"
}

# kpsec_monitor_start I LOG: `kpsec monitor kpsec0` in node I, its lines in
# LOG; returns once it has joined the events group (its "listening" line),
# so that no event after this is missed.  MONITOR_PID is the monitor.
kpsec_monitor_start() {
	in_ns_bg "$1" kpsec monitor kpsec0 >"$2" 2>&1
	MONITOR_PID=$BG_PID
	wait_until 10 grep -q "listening for key exchange events" "$2" >/dev/null ||
		ktap_bail "n$1: kpsec monitor did not start"
}

# ------------------------------------------------------------ QKD keys ----

# qkd_container FILE N [BYTES]: an ETSI GS QKD 014 key container of N fresh
# random keys of BYTES bytes (default 32), as a KME hands them out.
qkd_container() {
	local i sep=""
	{
		printf '{"keys":['
		for ((i = 0; i < $2; i++)); do
			printf '%s{"key_ID":"%s","key":"%s"}' "$sep" \
				"$(cat /proc/sys/kernel/random/uuid)" \
				"$(head -c "${3:-32}" /dev/urandom | base64 | tr -d '\n')"
			sep=,
		done
		printf ']}\n'
	} >"$1"
}

# qkd_kme_setup [SAE0 SAE1]: a test PKI in $KME_PKI (/tmp/pki) for the
# test KME in n0, endpoints kme-a and kme-b at n0's lower address
# $KME_ADDR, and the SAEs SAE0 and SAE1 (sae-1, sae-2); KMECONFs
# /tmp/kme-n0.conf (SAE0 at kme-a) and /tmp/kme-n1.conf (SAE1 at kme-b),
# with a Timeout of $KME_TIMEOUT (3) seconds.  Needs n0's lower address
# (node_addr 0 or topo_routes).
qkd_kme_setup() {
	KME_ADDR=$(ip_of 0)
	KME_PKI=/tmp/pki
	kpsec-kme pki "$KME_PKI" "kme-a=$KME_ADDR" "kme-b=$KME_ADDR" "${1:-sae-1}" "${2:-sae-2}" \
		>/dev/null || ktap_bail "kpsec-kme pki failed"
	qkd_kme_conf /tmp/kme-n0.conf "${1:-sae-1}" 8443
	qkd_kme_conf /tmp/kme-n1.conf "${2:-sae-2}" 8444
}

# qkd_kme_conf FILE SAE PORT [PKI]: the KMECONF of an SAE at an endpoint.
qkd_kme_conf() {
	cat >"$1" <<-EOC
	[KME]
	URL = https://$KME_ADDR:$3
	Certificate = ${4:-$KME_PKI}/$2.crt
	PrivateKey = ${4:-$KME_PKI}/$2.key
	CA = $KME_PKI/ca.crt
	Timeout = ${KME_TIMEOUT:-3}
	EOC
}

# qkd_kme_start [SERVE OPTION]...: the KME in n0 (log /tmp/kme.log),
# endpoint kme-a on port 8443 and kme-b on 8444; its PID in KME_PID.
qkd_kme_start() {
	rm -f /tmp/kme-ready
	in_ns_bg 0 kpsec-kme serve --ca "$KME_PKI/ca.crt" --ready-file /tmp/kme-ready \
		--log /tmp/kme.log "$@" \
		--listen "$KME_ADDR:8443" --cert "$KME_PKI/kme-a.crt" --key "$KME_PKI/kme-a.key" \
		--kme-id kme-a \
		--listen "$KME_ADDR:8444" --cert "$KME_PKI/kme-b.crt" --key "$KME_PKI/kme-b.key" \
		--kme-id kme-b
	KME_PID=$BG_PID
	wait_until 10 test -s /tmp/kme-ready >/dev/null || ktap_bail "kpsec-kme did not start"
}

# kpsec_qkd_ids I J: the QKD key IDs node I holds for node J, oldest first.
kpsec_qkd_ids() {
	in_ns "$1" kpsec qkd show kpsec0 peer "$(kpsec_id "$2")" ids
}

# kpsec_qkd_count I J: how many QKD keys node I holds for node J.
kpsec_qkd_count() {
	kpsec_qkd_ids "$1" "$2" | grep -c .
}
