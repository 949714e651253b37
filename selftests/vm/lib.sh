# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helper library of the kpsec guest scenarios (see
# Documentation/testing-vm.rst).  The guest's init sources it, under bash,
# before the scenario.  Everything runs as root in the initial namespaces of
# a throw-away guest.
#
# In the guest, busybox applet links exist only for names no real tool
# provides, so under bash `ip`, `tc`, `iw`, `modprobe`... are the real ones.
#
# Conventions:
#  - Nodes are numbered from 0.  Node I is network namespace nI holding the
#    hwsim radio whose interface is wlanI.
#  - Setup helpers (hwsim_radios, node_ns, link_*, topo_*, route_via...)
#    bail out of the whole scenario (KTAP "Bail out!") when they fail:
#    nothing after a broken setup would mean anything.
#  - Probes (ping_ok, wait_until, iperf_bps...) return a status and are meant
#    to be wrapped in ktap_check / ktap_expect_fail.
#  - Nothing sleeps for a fixed time: wait_until polls a condition.

[ -n "${BASH_VERSION:-}" ] || { echo "Bail out! lib.sh needs bash"; exit 1; }

# IBSS cell every node joins (a fixed BSSID makes the cells merge at once).
KPSEC_VM_SSID=${KPSEC_VM_SSID:-kpsec-test}
KPSEC_VM_FREQ=${KPSEC_VM_FREQ:-2412}
KPSEC_VM_BSSID=${KPSEC_VM_BSSID:-02:00:00:00:00:01}
KPSEC_VM_MTU=${KPSEC_VM_MTU:-1560}
# The shared medium of topo_*: hwsim (IBSS radios, the default) or veth (a
# veth per node on one bridge: no 802.11, far cheaper per frame under TCG,
# for meshes too big for hwsim; same names, same receive filters).
KPSEC_VM_MEDIUM=${KPSEC_VM_MEDIUM:-hwsim}

# ---------------------------------------------------------------- KTAP ----

_KTAP_N=0 _KTAP_PLAN="" _KTAP_PASS=0 _KTAP_FAIL=0 _KTAP_SKIP=0
_KTAP_TMP=${TMPDIR:-/tmp}/ktap.$$

# A KTAP line goes to stdout (the console) and, in the guest, to the KTAP
# port on fd $KPSEC_VM_KTAP_FD that the host parses.
_ktap_line() {
	printf '%s\n' "$*"
	if [ -n "${KPSEC_VM_KTAP_FD:-}" ]; then
		printf '%s\n' "$*" >&"$KPSEC_VM_KTAP_FD"
	fi
	return 0
}

# ktap_diag TEXT...: diagnostic lines ("# ..."), one per line of TEXT.
ktap_diag() {
	local line
	printf '%s\n' "$*" | while IFS= read -r line; do
		_ktap_line "# $line"
	done
}

# A description may not hold '#' (KTAP directives) or line breaks.
_ktap_desc() {
	local d=${*//\#/_}
	printf '%s' "${d//$'\n'/ }"
}

# ktap_plan N: the header and the number of tests that will follow.
ktap_plan() {
	_KTAP_PLAN=$1
	_ktap_line "KTAP version 1"
	_ktap_line "1..$1"
}

# ktap_ok DESC...
ktap_ok() {
	_KTAP_N=$((_KTAP_N + 1)) _KTAP_PASS=$((_KTAP_PASS + 1))
	_ktap_line "ok $_KTAP_N $(_ktap_desc "$*")"
}

# ktap_fail DESC [REASON...]
ktap_fail() {
	local desc=$1
	shift
	[ $# -eq 0 ] || ktap_diag "$*"
	_KTAP_N=$((_KTAP_N + 1)) _KTAP_FAIL=$((_KTAP_FAIL + 1))
	_ktap_line "not ok $_KTAP_N $(_ktap_desc "$desc")"
}

# ktap_skip DESC REASON: counts as passed (KTAP SKIP directive).
ktap_skip() {
	_KTAP_N=$((_KTAP_N + 1)) _KTAP_SKIP=$((_KTAP_SKIP + 1))
	_ktap_line "ok $_KTAP_N $(_ktap_desc "$1") # SKIP $(_ktap_desc "${2:-}")"
}

# Run CMD... in this shell with its output in a file (no subshell: functions
# may set variables, background jobs do not hold a pipe).  Sets _KTAP_RC.
_ktap_run() {
	"$@" >"$_KTAP_TMP" 2>&1
	_KTAP_RC=$?
	if [ -n "${KPSEC_VM_VERBOSE:-}" ]; then
		sed 's/^/  | /' "$_KTAP_TMP"
	fi
}

# The tail of the last command's output, as diagnostics.
_ktap_show_output() {
	ktap_diag "command: $*" "(exit status $_KTAP_RC)"
	[ -s "$_KTAP_TMP" ] && ktap_diag "$(tail -n 15 "$_KTAP_TMP")"
	return 0
}

# ktap_check DESC CMD...: ok if CMD exits 0.  CMD may be a shell function.
ktap_check() {
	local desc=$1
	shift
	_ktap_run "$@"
	if [ "$_KTAP_RC" -eq 0 ]; then
		ktap_ok "$desc"
	else
		_ktap_show_output "$@"
		ktap_fail "$desc"
	fi
}

# ktap_expect_fail DESC CMD...: ok if CMD exits non-zero.
ktap_expect_fail() {
	local desc=$1
	shift
	_ktap_run "$@"
	if [ "$_KTAP_RC" -ne 0 ]; then
		ktap_ok "$desc"
	else
		_ktap_show_output "$@"
		ktap_fail "$desc" "expected a failure, the command succeeded"
	fi
}

# ktap_bail REASON: abort the scenario (the run fails).
ktap_bail() {
	_ktap_line "Bail out! $*"
	exit 1
}

# ktap_finish: totals, the end-of-scenario sentinel the host waits for, and
# the status (1 if anything failed or the plan was not met).
ktap_finish() {
	rm -f "$_KTAP_TMP"
	ktap_diag "totals: pass:$_KTAP_PASS fail:$_KTAP_FAIL skip:$_KTAP_SKIP"
	if [ -n "$_KTAP_PLAN" ] && [ "$_KTAP_PLAN" -ne "$_KTAP_N" ]; then
		ktap_diag "planned $_KTAP_PLAN tests, ran $_KTAP_N"
		_KTAP_FAIL=$((_KTAP_FAIL + 1))
	fi
	_ktap_line "# kpsec-vm-end"
	[ "$_KTAP_FAIL" -eq 0 ]
}

# ------------------------------------------------------------- polling ----

# Milliseconds since boot (monotonic).
_now_ms() {
	local up
	read -r up _ </proc/uptime
	echo $(( 10#${up%.*} * 1000 + 10#${up#*.} * 10 ))
}

# Seconds ("3", "0.5") to milliseconds.
_secs_ms() {
	local s=$1 i f=""
	i=${s%%.*}
	[[ $s == *.* ]] && f=${s#*.}
	f=${f}000
	echo $(( 10#${i:-0} * 1000 + 10#${f:0:3} ))
}

# wait_until TIMEOUT_SECS CMD...: run CMD every 0.1 s until it succeeds.
# On timeout, prints CMD's last output and returns 1.  CMD may be a function;
# it runs in a subshell (what it sets is lost; do not start servers in it).
wait_until() {
	local deadline out rc
	deadline=$(( $(_now_ms) + $(_secs_ms "$1") ))
	shift
	while :; do
		out=$("$@" 2>&1)
		rc=$?
		[ "$rc" -eq 0 ] && return 0
		[ "$(_now_ms)" -lt "$deadline" ] || break
		sleep 0.1
	done
	[ -z "$out" ] || printf '%s\n' "$out"
	echo "wait_until: gave up (exit status $rc): $*" >&2
	return 1
}

# ------------------------------------------------------ guest and nodes ----

# vm_log MSG: a marker in the kernel log, to line up scenario steps with it.
vm_log() {
	echo "kpsec-vm: $*" >/dev/kmsg
}

# vm_modprobe MOD [PARAM=VALUE...]: load a module (bails out on failure).
vm_modprobe() {
	modprobe "$@" || ktap_bail "modprobe $* failed"
}

# hwsim_radios N: N mac80211_hwsim radios, phy0..phyN-1 and wlan0..wlanN-1.
hwsim_radios() {
	[ -d /sys/module/mac80211_hwsim ] &&
		ktap_bail "mac80211_hwsim is already loaded"
	vm_modprobe mac80211_hwsim radios="$1"
	[ -e "/sys/class/net/wlan$(($1 - 1))" ] ||
		ktap_bail "mac80211_hwsim radios=$1 made no wlan$(($1 - 1))"
	NODES=$1
}

# in_ns I CMD...: run a program in node I's namespace (not a shell function:
# `ip netns exec` looks CMD up in PATH).
in_ns() {
	local i=$1
	shift
	ip netns exec "n$i" "$@"
}

# in_ns_bg I CMD...: start a program in node I in the background; BG_PID is
# the program itself.  (`in_ns ... &` would give the pid of a subshell, and
# background jobs of a script ignore SIGINT: stop them with bg_stop.)
in_ns_bg() {
	local i=$1
	shift
	ip netns exec "n$i" "$@" &
	# shellcheck disable=SC2034 # for the caller
	BG_PID=$!
}

# bg_stop PID...: SIGTERM, wait up to 5 s for the end, then SIGKILL; reaps.
bg_stop() {
	local p
	for p in "$@"; do
		kill -TERM "$p" 2>/dev/null || continue
		wait_until 5 _gone "$p" >/dev/null 2>&1 || kill -KILL "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	return 0
}
_gone() { ! kill -0 "$1" 2>/dev/null || [ "$(_pstate "$1")" = Z ]; }
_pstate() { local s; s=$(<"/proc/$1/stat") 2>/dev/null; s=${s##*") "}; echo "${s%% *}"; }

# ns_sysctl I KEY=VALUE...: sysctls in node I's namespace (net.* are per
# namespace).
ns_sysctl() {
	local i=$1
	shift
	in_ns "$i" sysctl -q -w "$@" >/dev/null || ktap_bail "n$i: sysctl $* failed"
}

declare -a _NODE_MAC=()

# _mac I: fill the cache _NODE_MAC[I] (node_ns fills it for its node).
_mac() {
	[ -n "${_NODE_MAC[$1]:-}" ] ||
		_NODE_MAC[$1]=$(ip -n "n$1" -br link show dev "wlan$1" | awk '{ print $3 }')
}

# mac_of I: the MAC address of wlanI.
mac_of() {
	_mac "$1"
	echo "${_NODE_MAC[$1]}"
}

# node_ns I: node I = namespace nI holding phyI/wlanI, wlanI in IBSS mode, up
# (mtu $KPSEC_VM_MTU), in the common cell.  ICMP redirects are off: every
# node shares one medium, so a forwarding node would otherwise tell the
# sender to skip it, and the drops would then eat the "shortcut".
# (Each exec costs ~0.1 s under TCG: what can be done before the move to the
# namespace is done there, without `ip netns exec`.)
node_ns() {
	local i=$1 dev=wlan$1 phy
	phy=$(<"/sys/class/net/$dev/phy80211/name") ||
		ktap_bail "no $dev (hwsim_radios first)"
	_NODE_MAC[i]=$(<"/sys/class/net/$dev/address")
	if ! { iw dev "$dev" set type ibss &&
		ip link set "$dev" mtu "$KPSEC_VM_MTU" &&
		ip netns add "n$i" &&
		iw phy "$phy" set netns name "n$i" &&
		printf 'link set lo up\nlink set %s up\n' "$dev" |
			ip -n "n$i" -batch - &&
		in_ns "$i" iw dev "$dev" ibss join "$KPSEC_VM_SSID" \
			"$KPSEC_VM_FREQ" fixed-freq "$KPSEC_VM_BSSID"; }; then
		ktap_bail "n$i: cannot bring $dev up in IBSS mode"
	fi
	ns_sysctl "$i" net.ipv4.conf.all.send_redirects=0 \
		"net.ipv4.conf.$dev.send_redirects=0" \
		net.ipv4.conf.all.accept_redirects=0 \
		"net.ipv4.conf.$dev.accept_redirects=0"
}

# veth_nodes N: nodes 0..N-1 on a wired medium: namespace nI holds wlanI,
# one end of a veth whose other end is a port of bridge kpsec-medium.  A
# bridge floods broadcasts and learns unicast addresses like one cell
# where everybody hears everybody; the topo_* filters then cut it down.
veth_nodes() {
	local n=$1 i cmds=""
	ip link add kpsec-medium type bridge stp_state 0 &&
		ip link set kpsec-medium up || ktap_bail "cannot make the bridge"
	for ((i = 0; i < n; i++)); do
		ip netns add "n$i" || ktap_bail "n$i: cannot add the namespace"
		cmds+="link add m$i mtu $KPSEC_VM_MTU type veth peer name wlan$i mtu $KPSEC_VM_MTU netns n$i"$'\n'
		cmds+="link set m$i master kpsec-medium up"$'\n'
	done
	printf '%s' "$cmds" | ip -batch - || ktap_bail "cannot make the veth pairs"
	for ((i = 0; i < n; i++)); do
		printf 'link set lo up\nlink set wlan%s up\n' "$i" | ip -n "n$i" -batch - ||
			ktap_bail "n$i: cannot bring wlan$i up"
		_mac "$i"
		ns_sysctl "$i" net.ipv4.conf.all.send_redirects=0 \
			"net.ipv4.conf.wlan$i.send_redirects=0" \
			net.ipv4.conf.all.accept_redirects=0 \
			"net.ipv4.conf.wlan$i.accept_redirects=0"
	done
	NODES=$n
}

# ip_of I [NET]: node I's IPv4 address in NET (default 10.0.0): NET.(I+1).
ip_of() {
	echo "${2:-10.0.0}.$(($1 + 1))"
}

# node_addr I [NET]: add ip_of I NET /24 to wlanI.
node_addr() {
	ip -n "n$1" addr add "$(ip_of "$1" "${2:-}")/24" dev "wlan$1" ||
		ktap_bail "n$1: cannot add address"
}

# route_via I DST VIA [NET]: on node I, reach node DST through neighbour VIA.
route_via() {
	ip -n "n$1" route replace "$(ip_of "$2" "${4:-}")/32" \
		via "$(ip_of "$3" "${4:-}")" dev "wlan$1" ||
		ktap_bail "n$1: cannot route to n$2 via n$3"
}

# ----------------------------------------------------------- topologies ----

# Receiver-side filters: hwsim radios share one medium, so "I does not hear
# J" is decided by tc at I's ingress.  A node that hears only some nodes has
# an allow-list (pref 1000+J: pass frames from neighbour J) ended by a
# matchall drop, so a frame costs a few lookups even in a 50-node mesh; a cut
# link is a drop rule in front of it (pref 100+J).  Data frames only; beacons
# still merge the cell.
declare -a _NODE_INGRESS=()
declare -A _LINK_DROP=() _LINK_ALLOW=()
declare -a _NODE_CLOSED=()

# _drop_cmd I J: the tc batch line for "node I drops frames from node J".
_drop_cmd() {
	_mac "$2"
	echo "filter add dev wlan$1 ingress pref $((100 + $2)) protocol all" \
		"flower src_mac ${_NODE_MAC[$2]} action drop"
}

# _allow_cmd I J: the tc batch line for "node I hears node J".
_allow_cmd() {
	_mac "$2"
	echo "filter add dev wlan$1 ingress pref $((1000 + $2)) protocol all" \
		"flower src_mac ${_NODE_MAC[$2]} action ok"
}

# _ingress I: the ingress qdisc the rules of node I hang on.
_ingress() {
	[ -n "${_NODE_INGRESS[$1]:-}" ] && return
	tc -n "n$1" qdisc add dev "wlan$1" ingress ||
		ktap_bail "n$1: cannot add ingress qdisc"
	_NODE_INGRESS[$1]=1
}

# link_drop I J: node I drops every frame from node J.
link_drop() {
	_ingress "$1"
	_drop_cmd "$1" "$2" | tc -n "n$1" -batch - ||
		ktap_bail "n$1: cannot drop frames from n$2"
	_LINK_DROP[$1,$2]=1
}

# link_restore I J: node I hears node J again (or for the first time).
link_restore() {
	local heard=""
	if [ -n "${_LINK_DROP[$1,$2]:-}" ]; then
		tc -n "n$1" filter del dev "wlan$1" ingress pref $((100 + $2)) ||
			ktap_bail "n$1: cannot remove the drop rule for n$2"
		unset "_LINK_DROP[$1,$2]"
		heard=1
	fi
	if [ -n "${_NODE_CLOSED[$1]:-}" ] && [ -z "${_LINK_ALLOW[$1,$2]:-}" ]; then
		_allow_cmd "$1" "$2" | tc -n "n$1" -batch - ||
			ktap_bail "n$1: cannot allow frames from n$2"
		_LINK_ALLOW[$1,$2]=1
		heard=1
	fi
	[ -n "$heard" ] || ktap_bail "n$1: already hears n$2"
}

# link_cut I J / link_heal I J: both directions.  They change the links, not
# the topology the topo_* helpers recorded (is_edge, neighbours, topo_routes).
link_cut() { link_drop "$1" "$2"; link_drop "$2" "$1"; }
link_heal() { link_restore "$1" "$2"; link_restore "$2" "$1"; }

# The topology set up by topo_*: NODES nodes, TOPO_EDGES " I-J ..." (I < J),
# _ADJ[I] the neighbours of I.
NODES=0
TOPO_EDGES=" "
declare -a _ADJ=()

# is_edge I J: nodes I and J are neighbours.
is_edge() {
	local a=$1 b=$2
	[ "$a" -lt "$b" ] || { a=$2; b=$1; }
	[[ $TOPO_EDGES == *" $a-$b "* ]]
}

# neighbours I: node I's neighbours, on one line.
neighbours() {
	echo "${_ADJ[$1]:-}"
}

# topo_edges N "I-J ...": N nodes where only the listed pairs hear each other.
topo_edges() {
	local n=$1 e a b i j cmds adj
	if [ "$KPSEC_VM_MEDIUM" = veth ]; then
		veth_nodes "$n"
	else
		hwsim_radios "$n"
		for ((i = 0; i < n; i++)); do
			node_ns "$i"
		done
	fi
	TOPO_EDGES=" "
	_ADJ=()
	for e in $2; do
		a=${e%-*} b=${e#*-}
		[ "$a" -lt "$b" ] || { a=${e#*-}; b=${e%-*}; }
		is_edge "$a" "$b" && continue
		TOPO_EDGES+="$a-$b "
		_ADJ[a]="${_ADJ[a]:-}${_ADJ[a]:+ }$b"
		_ADJ[b]="${_ADJ[b]:-}${_ADJ[b]:+ }$a"
	done
	# One tc batch per node: node i passes its neighbours and drops the
	# rest, unless it hears everybody.
	for ((i = 0; i < n; i++)); do
		cmds=""
		for j in ${_ADJ[i]:-}; do
			cmds+="$(_allow_cmd "$i" "$j")"$'\n'
			_LINK_ALLOW[$i,$j]=1
		done
		read -r -a adj <<<"${_ADJ[i]:-}"
		[ "${#adj[@]}" -lt $((n - 1)) ] || continue
		cmds+="filter add dev wlan$i ingress pref 60000 protocol all matchall action drop"$'\n'
		_NODE_CLOSED[i]=1
		_ingress "$i"
		printf '%s' "$cmds" | tc -n "n$i" -batch - ||
			ktap_bail "n$i: cannot install the receive filter"
	done
	vm_log "topology: $n nodes on $KPSEC_VM_MEDIUM, edges$TOPO_EDGES"
}

# topo_line N: 0 - 1 - ... - N-1.
topo_line() {
	local i e=""
	for ((i = 0; i + 1 < $1; i++)); do e+=" $i-$((i + 1))"; done
	topo_edges "$1" "$e"
}

# topo_ring N: a line closed by N-1 - 0.
topo_ring() {
	local i e=""
	for ((i = 0; i + 1 < $1; i++)); do e+=" $i-$((i + 1))"; done
	[ "$1" -lt 3 ] || e+=" $(($1 - 1))-0"
	topo_edges "$1" "$e"
}

# topo_grid R C: R rows of C nodes, node r*C+c, 4-neighbourhood.
topo_grid() {
	local r c e="" n
	for ((r = 0; r < $1; r++)); do
		for ((c = 0; c < $2; c++)); do
			n=$((r * $2 + c))
			[ $((c + 1)) -lt "$2" ] && e+=" $n-$((n + 1))"
			[ $((r + 1)) -lt "$1" ] && e+=" $n-$((n + $2))"
		done
	done
	topo_edges $(($1 * $2)) "$e"
}

# topo_full N: everybody hears everybody (no drops).
topo_full() {
	local i j e=""
	for ((i = 0; i < $1; i++)); do
		for ((j = i + 1; j < $1; j++)); do e+=" $i-$j"; done
	done
	topo_edges "$1" "$e"
}

# _hops_to DST: BFS from DST over the topology; afterwards _HOP[V] is V's
# first hop on a shortest path to DST (unset if V cannot reach DST).
declare -a _HOP=()
_hops_to() {
	local head=0 u v
	local -a queue=("$1")
	_HOP=()
	_HOP[$1]=$1
	while [ "$head" -lt "${#queue[@]}" ]; do
		u=${queue[$head]}
		head=$((head + 1))
		for v in ${_ADJ[$u]:-}; do
			[ -n "${_HOP[$v]:-}" ] && continue
			_HOP[v]=$u
			queue+=("$v")
		done
	done
}

# next_hop I DST: the first hop from I to DST on a shortest path.
next_hop() {
	_hops_to "$2"
	[ -n "${_HOP[$1]:-}" ] && echo "${_HOP[$1]}"
}

# topo_routes [NET]: the "plain multi-hop IP" baseline: addresses
# (node_addr) on every node, IP forwarding on, /32 routes along shortest
# paths to every node that is not a neighbour.  One ip batch per node.
topo_routes() {
	local i j net=${1:-}
	local -a batch=()
	for ((i = 0; i < NODES; i++)); do
		batch[i]="addr add $(ip_of "$i" "$net")/24 dev wlan$i"$'\n'
	done
	for ((j = 0; j < NODES; j++)); do
		_hops_to "$j"
		for ((i = 0; i < NODES; i++)); do
			if [ "$i" -eq "$j" ] || is_edge "$i" "$j" ||
			   [ -z "${_HOP[$i]:-}" ]; then
				continue	# itself, a neighbour, unreachable
			fi
			batch[i]+="route replace $(ip_of "$j" "$net")/32 via"
			batch[i]+=" $(ip_of "${_HOP[$i]}" "$net") dev wlan$i"$'\n'
		done
	done
	for ((i = 0; i < NODES; i++)); do
		printf '%s' "${batch[$i]}" | ip -n "n$i" -batch - ||
			ktap_bail "n$i: cannot set addresses and routes"
		ns_sysctl "$i" net.ipv4.ip_forward=1
	done
}

# --------------------------------------------------------------- probes ----

# ping_ok I ADDR [COUNT]: node I gets at least one echo reply from ADDR out
# of COUNT (default 1) pings 0.2 s apart, waiting 1 s after the last.  No
# -w: with a deadline, BusyBox ping fails unless every reply came back.
ping_ok() {
	local count=${3:-1}
	in_ns "$1" ping -q -c "$count" -i 0.2 -W 1 "$2"
}

# arp_ok I ADDR: ADDR answers node I's ARP requests on wlanI: a link-level
# check (both directions) that ignores routes.
arp_ok() {
	in_ns "$1" arping -q -f -c 3 -w 2 -I "wlan$1" "$2"
}

# port_listening I PORT: something listens on TCP PORT in node I.
port_listening() {
	in_ns "$1" netstat -ltn | grep -q ":$2 "
}

# iperf_server I [PORT]: a one-shot iperf3 server in node I, ready on return.
iperf_server() {
	local port=${2:-5201}
	in_ns "$1" iperf3 -s -1 -D -p "$port" >/dev/null ||
		ktap_bail "n$1: iperf3 server did not start"
	wait_until 10 port_listening "$1" "$port" >/dev/null ||
		ktap_bail "n$1: iperf3 server does not listen on $port"
}

# iperf_bps I ADDR [SECS] [IPERF3_ARGS...]: run an iperf3 client in node I
# against ADDR for SECS (default 2) and print the bits/s the receiver got.
iperf_bps() {
	local i=$1 addr=$2 secs=${3:-2} out bps
	shift $(($# < 3 ? $# : 3))
	out=$(in_ns "$i" iperf3 -c "$addr" -t "$secs" -J "$@") || {
		printf '%s\n' "$out"
		return 1
	}
	bps=$(printf '%s\n' "$out" | awk -F: '
		/"sum_received"/ { inside = 1 }
		inside && /"bits_per_second"/ { gsub(/[ ,]/, "", $2); printf "%.0f\n", $2; exit }')
	[ -n "$bps" ] || { printf '%s\n' "$out"; return 1; }
	echo "$bps"
}
