#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of the kpsec command line tool, KTAP output.
#
# Host cases need no kernel module: they check help, argument and key
# file checking, key generation, and the rendering of "show" and "trace"
# (from replies built by show_fixture.c, when a C compiler and libnl are at
# hand; Graphviz output is checked by its structure, and with "dot -Tsvg"
# when Graphviz is installed).  Every error case asserts the exact stderr line, that it is the
# only line, and the exit status.
#
# Kernel cases run in the QEMU guest, with the kpsec module loaded, as
# root: KPSEC_CLI_MODE=kernel (selftests/cli/guest-cli.sh sets it).  There
# the cases that need a compiler or the module absent are left to the host
# run; on the host, a missing prerequisite is a failure, never a skip.
#
# Usage: [KPSEC=path/to/kpsec] [KPSEC_CLI_MODE=host|kernel] selftests/cli/run.sh
set -u
export LC_ALL=C
# Files written here hold keys; genkey rightly warns about anything looser.
umask 077

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KPSEC=${KPSEC:-$ROOT/tools/kpsec}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

RESULTS=()
FAILED=0

# verdict STATUS DESC DIAGNOSTIC: pass DESC when STATUS is 0.  Call it as
# "verdict $? ...": $? expands before any $(...) in the other arguments.
verdict() {
	if [ "$1" = 0 ]; then
		pass "$2"
	else
		fail "$2" "$3"
	fi
}
# RESULTS holds diagnostics too: number tests by counting "ok" lines.
count_tests() { local n=0 l; for l in "${RESULTS[@]}"; do [[ $l == \#* ]] || n=$((n + 1)); done; echo $n; }
pass() { RESULTS+=("ok $(($(count_tests) + 1)) $1"); }
MODE=${KPSEC_CLI_MODE:-host}
# unavailable DESC WHY: a case this environment cannot run: a failure on
# the host, which must run every host case; left to the host in the guest.
unavailable() { [ "$MODE" = kernel ] || fail "$1" "cannot run: $2"; }
fail() {
	RESULTS+=("not ok $(($(count_tests) + 1)) $1")
	local line
	while IFS= read -r line; do RESULTS+=("# $line"); done <<< "$2"
	FAILED=$((FAILED + 1))
}

# run [ARGS...]: run kpsec with stdin from $STDIN (default /dev/null);
# sets $rc, $out and $err.
run() {
	"$KPSEC" "$@" < "${STDIN:-/dev/null}" > "$TMP/out" 2> "$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

# fixture_golden EXPECTED PASS FAIL VIEW...: the show fixture's output and
# exit status for each VIEW, in order, are selftests/cli/EXPECTED.
fixture_golden() {
	local expected=$1 pass_desc=$2 fail_desc=$3 view
	shift 3
	for view in "$@"; do
		echo "--- $view"
		"$FIXTURE" "$view" 2>&1
		echo "exit $?"
	done > "$TMP/golden" 2>&1
	if diff -u "$ROOT/selftests/cli/$expected" "$TMP/golden" > "$TMP/diff"; then
		pass "$pass_desc"
	else
		fail "$fail_desc" "$(cat "$TMP/diff")"
	fi
}

# fixture_malformed: for each "VIEW MESSAGE" line on stdin, the show
# fixture refuses VIEW with exactly "malformed reply from the kernel:
# MESSAGE", exit status 1 and nothing on stdout.
fixture_malformed() {
	local view want
	while read -r view want; do
		"$FIXTURE" "$view" > "$TMP/out" 2> "$TMP/err" < /dev/null
		rc=$?
		[ "$rc" = 1 ] && [ "$(cat "$TMP/err")" = "kpsec: malformed reply from the kernel: $want" ] && [ ! -s "$TMP/out" ]
		verdict $? "malformed reply refused: $want" "exit $rc, stderr: $(cat "$TMP/err")"
	done
}

# expect_error DESC RC MESSAGE ARGS...: kpsec ARGS fails with exit
# status RC and exactly the stderr line MESSAGE, and prints nothing.
expect_error() {
	local desc=$1 want_rc=$2 want_err=$3
	shift 3
	run "$@"
	if [ "$rc" = "$want_rc" ] && [ "$err" = "$want_err" ] && [ -z "$out" ]; then
		pass "$desc"
	else
		fail "$desc" "kpsec $*: exit $rc (want $want_rc), stderr: $err
want: $want_err"
	fi
}

# expect_ok DESC ARGS...: kpsec ARGS succeeds with nothing on stderr.
expect_ok() {
	local desc=$1
	shift
	run "$@"
	if [ "$rc" = 0 ] && [ -z "$err" ]; then
		pass "$desc"
	else
		fail "$desc" "kpsec $*: exit $rc, stderr: $err"
	fi
}

# Hex of a base64 line.
b64_to_hex() { base64 -d 2> /dev/null | od -An -v -tx1 | tr -d ' \n'; }
hex_to_b64() {
	local hex=$1 escaped=

	while [ -n "$hex" ]; do
		escaped+="\\x${hex:0:2}"
		hex=${hex:2}
	done
	printf '%b' "$escaped" | base64 -w0
}

if [ ! -x "$KPSEC" ]; then
	echo "KTAP version 1"
	echo "1..1"
	echo "not ok 1 kpsec binary at $KPSEC (build it: make -C tools)"
	exit 1
fi

FAMILY_MISSING='kpsec: the kpsec generic netlink family is not available: is the kpsec module loaded? (modprobe kpsec)'
NODEV=nosuchdev0
# A device that exists everywhere but is not a kpsec device.
OTHERDEV=lo
module_loaded=0
[ -d /sys/module/kpsec ] && module_loaded=1

# --- help and usage ------------------------------------------------------

run --version
if [ "$rc" = 0 ] && [[ $out == "kpsec "* ]] && [ -z "$err" ]; then
	pass "--version"
else
	fail "--version" "exit $rc, stdout: $out, stderr: $err"
fi

for words in "help" "--help" "-h"; do
	run $words
	if [ "$rc" = 0 ] && [[ $out == "Usage: kpsec "* ]] && [ -z "$err" ]; then
		pass "kpsec $words prints the usage"
	else
		fail "kpsec $words prints the usage" "exit $rc, stderr: $err"
	fi
done

run help
general_help=$out
for cmd in show set setconf addconf connect monitor trace genkey genpsk pubkey qkd; do
	run "$cmd" help
	cmd_help=$out
	run help "$cmd"
	if [[ $cmd_help == "Usage: kpsec $cmd"* ]] && [ "$out" = "$cmd_help" ] &&
	   [ "$rc" = 0 ] && [ -z "$err" ] && [[ $general_help == *"  $cmd "* ]]; then
		pass "help of $cmd (kpsec $cmd help, kpsec help $cmd, listed in kpsec help)"
	else
		fail "help of $cmd" "exit $rc, stderr: $err"
	fi
done

# kpsec(8) gives each command's synopsis exactly as its help does: the
# usage forms, continuation lines joined.
usage_forms() {
	sed -n '1,/^$/p' | sed 's/^Usage: /       /' |
		awk '/^       kpsec / { if (f != "") print f; f = $0; next }
		     /^ *$/ { next }
		     { f = f " " $0 }
		     END { if (f != "") print f }' | tr -s ' ' | sed 's/^ //'
}
for cmd in show set setconf addconf connect monitor trace genkey genpsk pubkey; do
	if [ ! -f "$ROOT/Documentation/kpsec.8" ]; then
		unavailable "kpsec(8) synopsis of $cmd is its help's usage" "no Documentation/kpsec.8"
		continue
	fi
	run "$cmd" help
	want=$(echo "$out" | usage_forms)
	got=$(sed -n "s/^\.SS \(kpsec $cmd\( .*\)*\)$/\1/p" "$ROOT/Documentation/kpsec.8" | sed 's/\\-/-/g' | tr -s ' ')
	[ -n "$want" ] && [ "$got" = "$want" ]
	verdict $? "kpsec(8) synopsis of $cmd is its help's usage" "help: $want
man:  $got"
done

run set --help
[ "$rc" = 0 ] && [[ $out == "Usage: kpsec set"* ]]
verdict $? "kpsec set --help" "exit $rc, stderr: $err"

expect_error "unknown command" 2 'kpsec: unknown command "frobnicate" (try "kpsec help")' frobnicate
expect_error "unknown global option" 2 'kpsec: unknown option "-x" (try "kpsec help")' -x
expect_error "help for an unknown command" 2 'kpsec: unknown command "frobnicate" (try "kpsec help")' help frobnicate
expect_error "-j with a command other than show" 2 'kpsec: -j applies to show, monitor and qkd only' -j genkey
expect_error "genkey takes no arguments" 2 'kpsec: genkey takes no arguments (try "kpsec genkey help")' genkey 32
expect_error "pubkey takes no arguments" 2 'kpsec: pubkey takes no arguments (try "kpsec pubkey help")' pubkey private.key
expect_error "set without a device" 2 'kpsec: set needs a device: kpsec set DEV ... (try "kpsec set help")' set
expect_error "set with nothing to change" 2 "kpsec: set $OTHERDEV: nothing to change (try \"kpsec set help\")" set $OTHERDEV
expect_error "set: unknown argument" 2 'kpsec: unknown argument "bogus" (try "kpsec set help")' set $OTHERDEV bogus
expect_error "set: keyword without its value" 2 'kpsec: node-id needs a value: node-id ID (try "kpsec set help")' set $OTHERDEV node-id
expect_error "set: keyword given twice" 2 'kpsec: node-id given twice' set $OTHERDEV node-id 1 node-id 2
expect_error "show: unknown option" 2 'kpsec: unknown option "-q" (try "kpsec show help")' show -q
expect_error "show: unknown view" 2 'kpsec: unknown view "bogus" (try "kpsec show help")' show $OTHERDEV bogus
expect_error "show: extra argument" 2 'kpsec: unknown argument "more" (try "kpsec show help")' show $OTHERDEV peers more
expect_error "show: view without a device" 2 'kpsec: "show peers" needs a device: kpsec show DEV peers' show peers
expect_error "show: bad watch interval" 2 'kpsec: invalid interval "0": expected seconds from 0.1 to 86400' show -w 0
expect_error "show: watch without interval" 2 'kpsec: -w needs a value: -w SECONDS (try "kpsec show help")' show -w

# --- mesh routing: show views, trace, timers (arguments) ----------------

for view in neighbors routes topology; do
	expect_error "show $view: extra argument" 2 'kpsec: unknown argument "more" (try "kpsec show help")' show $OTHERDEV $view more
	expect_error "show $view without DEV: extra argument" 2 'kpsec: unknown argument "more" (try "kpsec show help")' show $view more
	expect_error "show $view: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" show $NODEV $view -j -w 1
done
expect_error "show stats without DEV still needs a device" 2 'kpsec: "show stats" needs a device: kpsec show DEV stats' show stats
expect_error "show: -f without a format" 2 'kpsec: -f needs a value: -f FORMAT (try "kpsec show help")' show topology -f
expect_error "show: --format without a format" 2 'kpsec: --format needs a value: --format FORMAT (try "kpsec show help")' show topology --format
for f in svg DOT ""; do
	expect_error "show: unknown format \"$f\"" 2 "kpsec: invalid format \"$f\": expected text or dot" show topology -f "$f"
done
DOT_ONLY='kpsec: -f dot applies to the topology view only: kpsec show [DEV] topology -f dot'
expect_error "show: -f dot on the device view" 2 "$DOT_ONLY" show -f dot
expect_error "show: -f dot on neighbors" 2 "$DOT_ONLY" show $OTHERDEV neighbors -f dot
expect_error "show: -f dot on routes" 2 "$DOT_ONLY" show routes --format dot
expect_error "show: -f dot on peers" 2 "$DOT_ONLY" show $OTHERDEV peers -f dot
expect_error "show: -f dot with -j" 2 'kpsec: -j and -f dot cannot be combined: choose one' show topology -f dot -j
expect_error "show: -f dot with the global -j" 2 'kpsec: -j and -f dot cannot be combined: choose one' -j show $OTHERDEV topology -f dot
expect_error "show topology -f dot: bad watch interval" 2 'kpsec: invalid interval "0.01": expected seconds from 0.1 to 86400' show topology -f dot -w 0.01

NODE_SYNTAX='expected a decimal number from 1 to 4294967294'
expect_error "trace without a node" 2 'kpsec: trace needs a node: kpsec trace [DEV] NODE (try "kpsec trace help")' trace
expect_error "trace with a device but no node" 2 "kpsec: trace needs a node: kpsec trace $OTHERDEV NODE (try \"kpsec trace help\")" trace $OTHERDEV
for id in 0 4294967295 abc -1 1.5 0x10 ""; do
	expect_error "trace: bad node id \"$id\"" 2 "kpsec: invalid node id \"$id\": $NODE_SYNTAX" trace $OTHERDEV "$id"
done
expect_error "trace: bad node id without DEV" 2 "kpsec: invalid node id \"$NODEV\": $NODE_SYNTAX" trace $NODEV
expect_error "trace: extra argument" 2 'kpsec: unknown argument "5" (try "kpsec trace help")' trace $OTHERDEV 4 5
expect_error "trace: unknown option" 2 'kpsec: unknown option "-x" (try "kpsec trace help")' trace -x 4
expect_error "trace: -j" 2 'kpsec: -j applies to show, monitor and qkd only' -j trace 4
expect_error "trace: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" trace $NODEV 4
run trace help
[ "$rc" = 0 ] && [[ $out == "Usage: kpsec trace [DEV] NODE"* ]] && [ -z "$err" ]
verdict $? "trace help" "exit $rc, stderr: $err"

for t in "hello-interval 50 10000" "neigh-timeout 100 60000" "lsa-interval 500 600000"; do
	read -r kw min max <<< "$t"
	for ms in $((min - 1)) $((max + 1)) 0 abc "" -5 1.5 "${min}ms" 99999999999999999999 " $min"; do
		expect_error "set $kw \"$ms\" out of range or not a number" 2 \
			"kpsec: invalid $kw \"$ms\": expected milliseconds from $min to $max" set $OTHERDEV $kw "$ms"
	done
	expect_error "set $kw without its value" 2 "kpsec: $kw needs a value: $kw MS (try \"kpsec set help\")" set $OTHERDEV $kw
	expect_error "set $kw given twice" 2 "kpsec: $kw given twice" set $OTHERDEV $kw $min $kw $max
	expect_error "set $kw: the bounds are accepted" 1 "kpsec: device \"$NODEV\" does not exist" set $NODEV $kw $min
	expect_error "set $kw: the bounds are accepted (max)" 1 "kpsec: device \"$NODEV\" does not exist" set $NODEV $kw $max
done
expect_error "set: neigh-timeout under 2 x hello-interval" 2 \
	'kpsec: neigh-timeout 999 is too short for hello-interval 500: it must be at least 2 x 500 = 1000' \
	set $OTHERDEV neigh-timeout 999 hello-interval 500
expect_error "set: neigh-timeout of exactly 2 x hello-interval" 1 "kpsec: device \"$NODEV\" does not exist" \
	set $NODEV hello-interval 500 neigh-timeout 1000 lsa-interval 500
expect_error "set: timers with everything else" 1 "kpsec: device \"$NODEV\" does not exist" \
	set $NODEV node-id 3 hello-interval 10000 neigh-timeout 60000 lsa-interval 600000 peer 2 endpoint 02:00:00:00:00:02

# --- devices -------------------------------------------------------------

expect_error "show: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" show $NODEV
expect_error "set: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" set $NODEV node-id 1
expect_error "set: nonexistent lower device" 1 'kpsec: lower device "nosuchlower0" does not exist' set $OTHERDEV lower nosuchlower0
expect_error "set: device name too long" 1 'kpsec: invalid device name "abcdefghijklmnopq": at most 15 characters, no '"'/'"'' set abcdefghijklmnopq node-id 1

if [ $module_loaded = 0 ]; then
	expect_error "show: kpsec family missing (module not loaded)" 1 "$FAMILY_MISSING" show
	expect_error "show DEV: kpsec family missing" 1 "$FAMILY_MISSING" show $OTHERDEV
	expect_error "set: kpsec family missing" 1 "$FAMILY_MISSING" set $OTHERDEV node-id 1 lower none
	expect_error "no command runs show" 1 "$FAMILY_MISSING"
	for view in neighbors routes topology "topology -f dot"; do
		expect_error "show $view: kpsec family missing" 1 "$FAMILY_MISSING" show $view -w 1
		expect_error "show DEV $view: kpsec family missing" 1 "$FAMILY_MISSING" show $OTHERDEV $view
	done
	expect_error "trace: kpsec family missing" 1 "$FAMILY_MISSING" trace 4
	expect_error "trace DEV: kpsec family missing" 1 "$FAMILY_MISSING" trace $OTHERDEV 4
	expect_error "set timers: kpsec family missing" 1 "$FAMILY_MISSING" set $OTHERDEV hello-interval 100
else
	unavailable "show: kpsec family missing (module not loaded)" "kpsec module loaded"
fi

# --- node ids, MAC addresses, prefixes ----------------------------------

for id in 0 4294967295 abc -1 1.5 " 7" 0x10; do
	expect_error "bad node id \"$id\"" 2 "kpsec: invalid node id \"$id\": expected a decimal number from 1 to 4294967294" set $OTHERDEV node-id "$id"
done
expect_error "bad peer node id" 2 'kpsec: invalid node id "0": expected a decimal number from 1 to 4294967294' set $OTHERDEV peer 0

MAC_SYNTAX='expected six hex bytes separated by colons, e.g. 02:00:00:00:00:01'
for mac in 02:00:00:00:00 02:00:00:00:00:01:03 zz:00:00:00:00:00 0200.0000.0001 2:0:0:0:0:1 02-00-00-00-00-01 ""; do
	expect_error "bad MAC \"$mac\"" 2 "kpsec: invalid MAC address \"$mac\": $MAC_SYNTAX" set $OTHERDEV peer 2 endpoint "$mac"
done
expect_error "multicast MAC as endpoint" 2 'kpsec: invalid MAC address "01:00:5e:00:00:01": a multicast address cannot be an endpoint' set $OTHERDEV peer 2 endpoint 01:00:5e:00:00:01
expect_error "all-zero MAC as endpoint" 2 'kpsec: invalid MAC address "00:00:00:00:00:00": the all-zero address cannot be an endpoint' set $OTHERDEV peer 2 endpoint 00:00:00:00:00:00
expect_error "endpoint before any peer" 2 'kpsec: endpoint belongs to a peer: write it after "peer ID" (try "kpsec set help")' set $OTHERDEV endpoint 02:00:00:00:00:01
expect_error "peer given twice" 2 'kpsec: peer 2 given twice' set $OTHERDEV peer 2 peer 2
expect_error "peer remove with endpoint" 2 'kpsec: peer 2: remove cannot be combined with static-key or endpoint' set $OTHERDEV peer 2 remove endpoint 02:00:00:00:00:02
expect_error "peer option given twice" 2 'kpsec: peer 2: endpoint given twice' set $OTHERDEV peer 2 endpoint 02:00:00:00:00:02 endpoint 02:00:00:00:00:03

PREFIX_SYNTAX='expected ADDR/LEN (e.g. 10.42.0.0/16 or fd00:42::/64), none4 or none6'
expect_error "prefix with host bits (IPv4)" 2 'kpsec: invalid prefix "10.42.0.1/16": host bits are set (did you mean 10.42.0.0/16?)' set $OTHERDEV prefix 10.42.0.1/16
expect_error "prefix with host bits (IPv6)" 2 'kpsec: invalid prefix "fd00:42::1/64": host bits are set (did you mean fd00:42::/64?)' set $OTHERDEV prefix fd00:42::1/64
for p in 10.0.0.0/7 10.0.0.0/31 10.0.0.0/32 10.0.0.0/0 10.0.0.0/33; do
	expect_error "IPv4 prefix length out of range: $p" 2 "kpsec: invalid prefix \"$p\": an IPv4 prefix length must be 8 to 30" set $OTHERDEV prefix $p
done
for p in fd00::/48 fd00::/127 fd00::/129; do
	expect_error "IPv6 prefix length out of range: $p" 2 "kpsec: invalid prefix \"$p\": an IPv6 prefix length must be 64 to 126" set $OTHERDEV prefix $p
done
for p in 10.0.0.0 banana/8 10.0.0/8 /8 none; do
	expect_error "prefix syntax: $p" 2 "kpsec: invalid prefix \"$p\": $PREFIX_SYNTAX" set $OTHERDEV prefix $p
done
expect_error "prefix length not a number" 2 "kpsec: invalid prefix \"10.0.0.0/1x\": the length after '/' must be a decimal number" set $OTHERDEV prefix 10.0.0.0/1x
expect_error "two IPv4 prefixes" 2 'kpsec: an IPv4 prefix given twice' set $OTHERDEV prefix 10.1.0.0/16 prefix none4
expect_error "node id that does not fit the prefix" 2 'kpsec: node id 300 does not fit in the host part of prefix 10.9.0.0/24' set $OTHERDEV node-id 300 prefix 10.9.0.0/24
expect_error "valid arguments reach the device check" 1 "kpsec: device \"$NODEV\" does not exist" \
	set $NODEV lower none node-id 254 prefix 10.9.0.0/24 prefix fd00:9::/64 replace-peers \
	peer 2 endpoint 02:00:00:00:00:02 peer 3 remove peer 4 static-key none

# --- key files -----------------------------------------------------------

ALICE_PRIV=77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a
ALICE_PUB=8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a
BOB_PRIV=5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb
BOB_PUB=de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f
alice=$(hex_to_b64 $ALICE_PRIV)

K=$TMP/keys
mkdir -p "$K"
echo "$alice" > "$K/good"
printf '%s \t\r\n\n  \n' "$alice" > "$K/good-trailing-space"
printf '%s' "$alice" > "$K/good-no-newline"
: > "$K/empty"
printf '\n  \n' > "$K/blank"
echo "not base64!!" > "$K/bad-chars"
echo "${alice%=}" > "$K/bad-padding"
echo "AAAA" > "$K/short"
hex_to_b64 "${ALICE_PRIV}${ALICE_PRIV:0:32}" > "$K/long"
printf '%s\n%s\n' "${alice:0:20}" "${alice:20}" > "$K/two-lines"
head -c 300 /dev/zero | tr '\0' 'A' > "$K/huge"
hex_to_b64 "$(printf '0%.0s' {1..64})" > "$K/zero"
mkdir "$K/dir"

for f in good good-trailing-space good-no-newline; do
	expect_error "key file accepted: $f" 1 "kpsec: device \"$NODEV\" does not exist" set $NODEV private-key "$K/$f"
done
STDIN=$K/good expect_error "key from standard input accepted" 1 "kpsec: device \"$NODEV\" does not exist" set $NODEV peer 2 static-key -

kf() { echo "kpsec: key file \"$K/$1\" $2"; }
expect_error "key file missing" 1 "kpsec: cannot open key file \"$K/nope\": No such file or directory" set $OTHERDEV private-key "$K/nope"
expect_error "key file is a directory" 1 "kpsec: cannot read key file \"$K/dir\": Is a directory" set $OTHERDEV private-key "$K/dir"
expect_error "key file empty" 1 "$(kf empty 'is empty')" set $OTHERDEV private-key "$K/empty"
expect_error "key file blank" 1 "$(kf blank 'is empty')" set $OTHERDEV private-key "$K/blank"
expect_error "key file bad base64" 1 "$(kf bad-chars 'is not valid base64')" set $OTHERDEV private-key "$K/bad-chars"
expect_error "key file bad padding" 1 "$(kf bad-padding 'is not valid base64')" set $OTHERDEV private-key "$K/bad-padding"
expect_error "key file too short" 1 "$(kf short 'holds 3 bytes: a key is exactly 32 bytes (44 base64 characters)')" set $OTHERDEV private-key "$K/short"
expect_error "key file too long" 1 "$(kf long 'holds 48 bytes: a key is exactly 32 bytes (44 base64 characters)')" set $OTHERDEV peer 2 static-key "$K/long"
expect_error "key file two lines" 1 "$(kf two-lines 'must hold one line: a key is 44 base64 characters')" set $OTHERDEV private-key "$K/two-lines"
expect_error "key file huge" 1 "$(kf huge 'is too long: a key is one line of 44 base64 characters')" set $OTHERDEV private-key "$K/huge"
expect_error "key file all zeros" 1 "$(kf zero 'is all zeros: to remove a key, write private-key none')" set $OTHERDEV private-key "$K/zero"
STDIN=$K/empty expect_error "key from empty standard input" 1 'kpsec: key from standard input is empty' set $OTHERDEV private-key -
STDIN=$K/good expect_error "two keys from standard input" 2 'kpsec: only one key can be read from standard input' set $OTHERDEV private-key - peer 2 static-key -

if [ "$(id -u)" != 0 ]; then
	touch "$K/unreadable"
	chmod 000 "$K/unreadable"
	expect_error "key file unreadable" 1 "kpsec: cannot open key file \"$K/unreadable\": Permission denied" set $OTHERDEV private-key "$K/unreadable"
elif command -v setpriv > /dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups true 2> /dev/null; then
	# nobody runs a copy in $TMP: the checkout may sit below a 0700
	# directory (a fresh clone in mktemp -d does).
	echo "$alice" > "$K/unreadable"
	chmod 600 "$K/unreadable"
	cp "$KPSEC" "$TMP/kpsec-nobody"
	chmod 755 "$TMP" "$K" "$TMP/kpsec-nobody"
	err=$(setpriv --reuid=nobody --regid=nogroup --clear-groups "$TMP/kpsec-nobody" set $OTHERDEV private-key "$K/unreadable" 2>&1 > /dev/null)
	rc=$?
	want="kpsec: cannot open key file \"$K/unreadable\": Permission denied"
	[ "$rc" = 1 ] && [ "$err" = "$want" ]
	verdict $? "key file unreadable" "exit $rc, stderr: $err"
else
	unavailable "key file unreadable" "root without setpriv"
fi

# Keys are never taken from the command line, nor echoed in messages.
INLINE='kpsec: private-key takes a file name, not a key: keys are never given on the command line (use a file, or - for standard input)'
expect_error "private key inline is refused" 2 "$INLINE" set $OTHERDEV private-key "$alice"
expect_error "static key inline is refused" 2 "${INLINE/private-key/static-key}" set $OTHERDEV peer 2 static-key "$alice"
expect_error "key as an unknown argument is refused, not echoed" 2 \
	'kpsec: unknown argument that looks like a key: keys are never given on the command line (try "kpsec set help")' \
	set $OTHERDEV node-id 1 "$alice"
expect_error "inline key keyword is refused" 2 'kpsec: unknown argument "key" (try "kpsec set help")' set $OTHERDEV key "$alice"
expect_error "key as the node of trace is refused, not echoed" 2 \
	'kpsec: unknown argument that looks like a key: keys are never given on the command line (try "kpsec trace help")' \
	trace $OTHERDEV "$alice"
expect_error "key as a command is refused, not echoed" 2 \
	'kpsec: unknown command that looks like a key: keys are never given on the command line (try "kpsec help")' "$alice"

# --- genkey, genpsk, pubkey ----------------------------------------------

pub_of() { hex_to_b64 "$1" > "$TMP/priv"; STDIN=$TMP/priv run pubkey; echo "$out" | b64_to_hex; }
[ "$(pub_of $ALICE_PRIV)" = $ALICE_PUB ]
verdict $? "pubkey: RFC 7748 6.1 Alice" "got $(pub_of $ALICE_PRIV), want $ALICE_PUB"
[ "$(pub_of $BOB_PRIV)" = $BOB_PUB ]
verdict $? "pubkey: RFC 7748 6.1 Bob" "got $(pub_of $BOB_PRIV), want $BOB_PUB"
STDIN=$K/bad-chars expect_error "pubkey: bad input" 1 'kpsec: key from standard input is not valid base64' pubkey
STDIN=$K/short expect_error "pubkey: short input" 1 'kpsec: key from standard input holds 3 bytes: a key is exactly 32 bytes (44 base64 characters)' pubkey

clamped() {
	local hex=$1 first=$((16#${1:0:2})) last=$((16#${1:62:2}))
	[ ${#hex} = 64 ] && [ $((first & 7)) = 0 ] && [ $((last & 0x80)) = 0 ] && [ $((last & 0x40)) = 64 ]
}
ok=1
for _ in 1 2 3 4 5 6 7 8; do
	run genkey
	line=$(cat "$TMP/out")
	hex=$(echo "$line" | b64_to_hex)
	{ [ "$rc" = 0 ] && [ -z "$err" ] && [ ${#line} = 44 ] && clamped "$hex" &&
	  [ "$(od -An -c "$TMP/out" | tr -d ' ' | tail -c 3)" = '\n' ]; } || ok=0
	keys+=("$line")
done
[ $ok = 1 ]
verdict $? "genkey: 44 base64 characters and a newline, 32 bytes, clamped" "got $line ($hex) err $err"
[ "$(printf '%s\n' "${keys[@]}" | sort -u | wc -l)" = 8 ]
verdict $? "genkey: keys differ" "${keys[*]}"

run genkey
echo "$out" > "$TMP/priv"
STDIN=$TMP/priv run pubkey
pub=$out
if [ "$rc" = 0 ] && [ ${#pub} = 44 ] && [ "$(echo "$pub" | b64_to_hex | wc -c)" = 64 ] &&
   [ "$pub" != "$(cat "$TMP/priv")" ]; then
	pass "genkey | pubkey round trip"
else
	fail "genkey | pubkey round trip" "exit $rc, pub $pub, stderr $err"
fi

run genpsk
hex=$(echo "$out" | b64_to_hex)
run genpsk
[ "$rc" = 0 ] && [ ${#out} = 44 ] && [ ${#hex} = 64 ] && [ "$(echo "$out" | b64_to_hex)" != "$hex" ]
verdict $? "genpsk: 32 random bytes in base64" "got $out"

(umask 022 && "$KPSEC" genkey > "$TMP/world.key" 2> "$TMP/err")
[ "$(cat "$TMP/err")" = 'kpsec: warning: writing a secret key to a file that others can read: run "umask 077" first' ]
verdict $? "genkey warns when writing to a file others can read" "stderr: $(cat "$TMP/err")"
(umask 077 && "$KPSEC" genkey > "$TMP/private.key" 2> "$TMP/err")
[ -z "$(cat "$TMP/err")" ] && [ "$(wc -c < "$TMP/private.key")" = 45 ]
verdict $? "genkey is quiet with umask 077" "stderr: $(cat "$TMP/err")"

# --- show rendering (no kernel: replies built by show_fixture.c) --------

FIXTURE=$TMP/show_fixture
build_fixture() {
	local libnl_cflags libnl_libs

	command -v "${CC:-cc}" > /dev/null && pkg-config --exists libnl-genl-3.0 json-c 2> /dev/null || return 1
	read -ra libnl_cflags <<< "$(pkg-config --cflags libnl-genl-3.0 json-c)"
	read -ra libnl_libs <<< "$(pkg-config --libs libnl-genl-3.0 json-c)"
	"${CC:-cc}" -D_GNU_SOURCE -O2 -Wall -Wextra -Werror \
		-I"$ROOT/tools/cli" -I"$ROOT/kmod/uapi" -I"$ROOT/lib" \
		"${libnl_cflags[@]}" \
		"$ROOT"/selftests/cli/{show,kx,qkd}_fixture.c \
		"$ROOT"/tools/cli/{device,format,genl,json,kx,mesh,qkd_store,show_json,show_kx,show_mesh,show_qkd,show_text,table,util}.c \
		"$ROOT"/tools/qkd/container.c "$ROOT"/lib/{addr,base64,uuid}.c \
		"${libnl_libs[@]}" -o "$FIXTURE" 2> "$TMP/cc.log"
}
if ! build_fixture; then
	unavailable "show: text rendering" "no C compiler or libnl here: $(cat "$TMP/cc.log" 2>/dev/null)"
	unavailable "show: JSON rendering" "no C compiler or libnl here"
	unavailable "show: mesh views rendering" "no C compiler or libnl here"
else
	"$FIXTURE" text > "$TMP/text"
	"$FIXTURE" peers > "$TMP/peers"
	"$FIXTURE" stats > "$TMP/stats"
	if diff -u "$ROOT/selftests/cli/show.expected" <(cat "$TMP/text"; echo "--- peers"; cat "$TMP/peers"; echo "--- stats"; cat "$TMP/stats") > "$TMP/diff"; then
		pass "show: text rendering (devices merged across dump messages, peers sorted)"
	else
		fail "show: text rendering" "$(cat "$TMP/diff")"
	fi
	if command -v python3 > /dev/null; then
		if python3 - "$FIXTURE" > "$TMP/json.log" 2>&1 <<'EOF'
import json, subprocess, sys
run = lambda view: json.loads(subprocess.check_output([sys.argv[1], view]))
devs = run("json")
assert [d["ifname"] for d in devs] == ["kpsec0", "kpsec1"], devs
keys = ["ifindex", "ifname", "lower", "node_id", "prefix4", "prefix6",
        "public_key", "hello_interval_ms", "neigh_timeout_ms", "lsa_interval_ms",
        "keyring_size", "symring_size", "sym_q", "kx_rho", "kx_theta", "kx_timeout_ms", "kx_retries",
        "rekey_after_time_s", "rekey_after_messages", "test_flags",
        "qkd_mode", "qkd_on_empty", "qkd_max_age", "qkd_low_watermark",
        "stats", "peers"]
assert all(list(d) == keys for d in devs), [list(d) for d in devs]
k0, k1 = devs
assert k0["node_id"] == 1 and k0["lower"]["ifname"] == "wlan0"
assert k0["prefix4"] == {"prefix": "10.42.0.0/16", "address": "10.42.0.1"}
assert k0["prefix6"] == {"prefix": "fd00:42::/64", "address": "fd00:42::1"}
assert k0["stats"]["rx_packets"] == 101 and k0["stats"]["tx_errors"] == 130
# The counters after KPSEC_A_STATS_PAD, which sits among them and is skipped.
assert k0["stats"]["fwd_packets"] == 150 and k0["stats"]["rx_id_conflict"] == 250
assert list(k0["stats"])[13:24] == ["fwd_packets", "fwd_bytes", "fwd_no_route",
    "fwd_ttl_expired", "fwd_loop", "rx_ctrl_packets", "rx_ctrl_bytes",
    "tx_ctrl_packets", "tx_ctrl_bytes", "rx_ctrl_malformed", "rx_id_conflict"]
assert (k0["hello_interval_ms"], k0["neigh_timeout_ms"], k0["lsa_interval_ms"]) == (100, 450, 2000)
assert (k1["hello_interval_ms"], k1["neigh_timeout_ms"], k1["lsa_interval_ms"]) == (250, 1000, 5000)
assert [p["node_id"] for p in k0["peers"]] == [2, 3, 1000]
p2 = k0["peers"][0]
assert p2["tx_bytes"] == 9876543210 and p2["static_key"] is True
assert p2["last_rx_msecs"] == 1234 and k0["peers"][2]["last_rx_msecs"] is None
assert k1["lower"] is None and k1["node_id"] is None and k1["prefix4"] is None
assert k1["public_key"] is None and k1["peers"] == []
assert run("peers-json") == k0["peers"]
assert run("stats-json") == k0["stats"]
assert len(k0["stats"]) == 43
assert (k0["qkd_mode"], k0["qkd_on_empty"], k0["qkd_max_age"], k0["qkd_low_watermark"]) == ("hybrid", "keep", 7200, 16)
assert (k1["qkd_mode"], k1["qkd_on_empty"], k1["qkd_max_age"], k1["qkd_low_watermark"]) == (None, None, None, None)
EOF
		then
			pass "show: JSON rendering (valid, stable keys, numbers as numbers)"
		else
			fail "show: JSON rendering" "$(cat "$TMP/json.log")"
		fi
	else
		unavailable "show: JSON rendering" "no python3 to check the JSON"
	fi

	# The mesh views: tables (one device, every device), the path, and
	# picking the only device; messages of malformed replies.
	fixture_golden mesh.expected "show: neighbors, routes, topology tables and trace path (merged across messages, sorted)" \
		"show: neighbors, routes, topology tables and trace path" neighbors neighbors-all routes routes-all topology topology-all path path1 only
	fixture_malformed <<'EOF'
bad-neighbor neighbour without a node id
bad-route route without a destination
bad-node topology node attributes
bad-link link without a node id
bad-hop hop without a node id
no-path no path
EOF
	if command -v python3 > /dev/null; then
		if python3 - "$FIXTURE" > "$TMP/json.log" 2>&1 <<'EOF'
import json, subprocess, sys
run = lambda view: json.loads(subprocess.check_output([sys.argv[1], view]))
for view, key in (("neighbors", "neighbors"), ("routes", "routes"), ("topology", "topology")):
    devs = run(view + "-json")
    head = ["ifindex", "ifname"] + (["node_id"] if view == "topology" else []) + [key]
    assert [list(d) for d in devs] == [head, head], devs
    assert [(d["ifindex"], d["ifname"]) for d in devs] == [(7, "kpsec0"), (9, "kpsec1")]
    assert devs[1][key] == [], devs[1]
n = run("neighbors-json")[0]["neighbors"]
nkeys = ["node_id", "address", "quality_in", "quality_out", "metric", "symmetric", "last_heard_msecs"]
assert all(list(x) == nkeys for x in n), n
assert [x["node_id"] for x in n] == [2, 3, 5, 1000]
assert n[0] == {"node_id": 2, "address": "02:00:00:00:02:00", "quality_in": 255,
                "quality_out": 240, "metric": 272, "symmetric": True, "last_heard_msecs": 120}
assert n[1]["metric"] == 65535 and n[1]["symmetric"] is False
assert n[3]["address"] is None and n[3]["last_heard_msecs"] is None
r = run("routes-json")[0]["routes"]
rkeys = ["destination", "next_hop", "next_hop_address", "hops", "metric", "age_msecs"]
assert all(list(x) == rkeys for x in r), r
assert [x["destination"] for x in r] == [2, 3, 4, 7, 9]
assert r[3] == {"destination": 7, "next_hop": 2, "next_hop_address": "02:00:00:00:02:00",
                "hops": 3, "metric": 1260, "age_msecs": 800}
assert r[4]["next_hop_address"] is None and r[4]["age_msecs"] is None
t = run("topology-json")
assert t[0]["node_id"] == 1 and t[1]["node_id"] is None
nodes = t[0]["topology"]
assert all(list(x) == ["node_id", "seq", "age_msecs", "links"] for x in nodes), nodes
assert [x["node_id"] for x in nodes] == [1, 2, 3, 4, 7]
assert nodes[3] == {"node_id": 4, "seq": 3, "age_msecs": 61500,
                    "links": [{"node_id": 2, "metric": 400}, {"node_id": 7, "metric": 600}]}
assert nodes[4] == {"node_id": 7, "seq": 1, "age_msecs": None, "links": []}
EOF
		then
			pass "show: mesh views JSON (valid, stable keys, integer metrics)"
		else
			fail "show: mesh views JSON" "$(cat "$TMP/json.log")"
		fi
		"$FIXTURE" dot > "$TMP/dot"
		if python3 - "$TMP/dot" > "$TMP/dot.log" 2>&1 <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
lines = text.split("\n")
# An undirected graph named after the device, one statement per line.
assert lines[0] == 'graph "kpsec0" {' and lines[-2:] == ["}", ""], lines
assert "->" not in text and "digraph" not in text
assert text.count("{") == 1 and text.count("}") == 1 and text.count('"') % 2 == 0
assert lines[1] == "\tnode [shape=circle];", lines[1]
node_re = re.compile(r'\t"(\d+)" \[label="(\d+)"(, style=filled, fillcolor=gold, penwidth=2)?\];$')
edge_re = re.compile(r'\t"(\d+)" -- "(\d+)" \[label="(\d+\.\d\d)"(, style=dashed)?\];$')
nodes, edges = {}, {}
for line in lines[2:-2]:
    m = node_re.match(line)
    if m:
        assert not edges, "nodes come before edges"
        assert m[1] == m[2] and m[1] not in nodes, line
        nodes[m[1]] = bool(m[3])
        continue
    m = edge_re.match(line)
    assert m, "not a node or an edge: " + line
    a, b = m[1], m[2]
    assert a in nodes and b in nodes and int(a) < int(b), line
    assert (a, b) not in edges, "two edges for one pair: " + line
    edges[a, b] = (m[3], "dashed" if m[4] else "solid")
# One node per node ID, this node (1) highlighted; 9 only appears in a link.
assert nodes == {"1": True, "2": False, "3": False, "4": False, "7": False, "9": False}, nodes
# One edge per pair; dashed when only one end announces it; metric / 256,
# the higher of the two ends' when they differ (1-2: 256 and 260).
assert edges == {
    ("1", "2"): ("1.02", "solid"), ("1", "3"): ("1.17", "solid"),
    ("2", "3"): ("2.00", "solid"), ("2", "4"): ("1.56", "solid"),
    ("3", "9"): ("3.91", "dashed"), ("4", "7"): ("2.34", "dashed"),
}, edges
EOF
		then
			pass "show topology -f dot: a valid undirected graph (structure)"
		else
			fail "show topology -f dot: a valid undirected graph (structure)" "$(cat "$TMP/dot.log"; cat "$TMP/dot")"
		fi
	else
		unavailable "show: mesh views JSON" "no python3 to check the JSON"
		unavailable "show topology -f dot: a valid undirected graph (structure)" "no python3"
	fi
	# Graphviz is optional: its own parser checks the graph when present.
	if command -v dot > /dev/null; then
		"$FIXTURE" dot | dot -Tsvg > "$TMP/svg" 2> "$TMP/err"
		rc=$?
		[ "$rc" = 0 ] && [ ! -s "$TMP/err" ] && grep -q '<svg' "$TMP/svg"
		verdict $? "show topology -f dot: dot -Tsvg renders it" "exit $rc, stderr: $(cat "$TMP/err")"
	fi
fi

# --- key exchange: setconf, addconf, set kx-*, connect, monitor, show
# keyring, sessions, keypaths (kx.sh: host cases, run.sh's helpers) ------

if [ -f "$(dirname "${BASH_SOURCE[0]}")/kx.sh" ]; then
	# shellcheck source=selftests/cli/kx.sh
	. "$(dirname "${BASH_SOURCE[0]}")/kx.sh"
else
	unavailable "key exchange cases" "no kx.sh beside run.sh"
fi

# --- QKD: set qkd keywords, kpsec qkd, show and monitor of QKD (qkd.sh) --

if [ -f "$(dirname "${BASH_SOURCE[0]}")/qkd.sh" ]; then
	# shellcheck source=selftests/cli/qkd.sh
	. "$(dirname "${BASH_SOURCE[0]}")/qkd.sh"
else
	unavailable "QKD cases" "no qkd.sh beside run.sh"
fi

# --- with the kernel module (QEMU guest) --------------------------------

kernel_cases() {
	local dev=kpsct0 k=$TMP/kernel
	mkdir -p "$k"
	"$KPSEC" genkey > "$k/priv"
	"$KPSEC" genpsk > "$k/psk"
	ip link del $dev 2> /dev/null
	if ! ip link add $dev type kpsec 2> "$TMP/err"; then
		fail "kernel: ip link add $dev type kpsec" "$(cat "$TMP/err")"
		return
	fi
	pass "kernel: ip link add $dev type kpsec"

	expect_error "kernel: show on a device that is not kpsec" 1 "kpsec: $OTHERDEV: not a kpsec device" show $OTHERDEV
	expect_error "kernel: set on a device that is not kpsec" 1 "kpsec: $OTHERDEV: not a kpsec device" set $OTHERDEV node-id 1
	expect_error "kernel: the kernel's message names the argument" 1 \
		"kpsec: $dev: no such peer to remove (at \"peer 42\")" set $dev peer 42 remove

	expect_ok "kernel: set everything at once" set $dev node-id 5 prefix 10.99.0.0/16 \
		prefix fd00:99::/64 private-key "$k/priv" \
		peer 7 static-key "$k/psk" endpoint 02:00:00:00:00:07 peer 8
	local pub
	pub=$("$KPSEC" pubkey < "$k/priv")
	run show $dev
	if [ "$rc" = 0 ] && [[ $out == *"node id: 5"* ]] && [[ $out == *"10.99.0.5"* ]] &&
	   [[ $out == *"fd00:99::5"* ]] && [[ $out == *"public key: $pub"* ]] &&
	   [[ $out != *"$(cat "$k/priv")"* ]] && [[ $out != *"$(cat "$k/psk")"* ]]; then
		pass "kernel: show reflects the set, public key only"
	else
		fail "kernel: show reflects the set, public key only" "$out $err"
	fi
	run show
	[ "$rc" = 0 ] && [[ $out == *"interface: $dev"* ]]
	verdict $? "kernel: show lists every kpsec device" "exit $rc, stderr: $err"
	run -j show $dev
	if command -v python3 > /dev/null; then
		echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)[0]
assert d["node_id"] == 5 and [p["node_id"] for p in d["peers"]] == [7, 8]
assert d["peers"][0]["static_key"] is True and d["peers"][1]["static_key"] is False
assert d["peers"][0]["endpoint"] == "02:00:00:00:00:07"' 2> "$TMP/err"
		verdict $? "kernel: show -j" "$(cat "$TMP/err")"
	fi

	# All or nothing: node 5 does not fit a /30, so the kernel refuses
	# the whole request and peer 9 must not appear.
	run set $dev prefix 10.98.0.0/30 peer 9
	local refused_rc=$rc refused_err=$err
	run show $dev
	if [ "$refused_rc" = 1 ] && [[ $refused_err == "kpsec: $dev: "* ]] &&
	   [[ $out == *"ipv4 prefix: 10.99.0.0/16 "* ]] && [[ $out != *$'\n'"    9 "* ]]; then
		pass "kernel: a refused set changes nothing"
	else
		fail "kernel: a refused set changes nothing" "exit $refused_rc, stderr: $refused_err, peers: $out"
	fi

	expect_ok "kernel: remove a peer" set $dev peer 8 remove
	expect_ok "kernel: replace-peers" set $dev replace-peers peer 7
	run show $dev stats
	[ "$rc" = 0 ] && [[ $out == *"rx_auth_fail"* ]]
	verdict $? "kernel: show DEV stats" "$out $err"

	if command -v setpriv > /dev/null; then
		err=$(setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all "$KPSEC" show 2>&1 > /dev/null)
		[ "$err" = "kpsec: permission denied: kpsec needs CAP_NET_ADMIN" ]
		verdict $? "kernel: show without CAP_NET_ADMIN" "stderr: $err"
	fi

	# Mesh routing: timers, the three tables, the graph, trace.
	expect_ok "kernel: set the routing timers" set $dev hello-interval 100 neigh-timeout 400 lsa-interval 1000
	run show $dev
	[ "$rc" = 0 ] && [[ $out == *"hello interval: 100 ms"* ]] &&
		[[ $out == *"neighbour timeout: 400 ms"* ]] && [[ $out == *"lsa interval: 1000 ms"* ]]
	verdict $? "kernel: show reflects the timers" "exit $rc, stderr: $err"
	run set $dev neigh-timeout 150
	[ "$rc" = 1 ] && [[ $err == "kpsec: $dev: "* ]] && [ "$(echo "$err" | wc -l)" = 1 ] && [ -z "$out" ]
	verdict $? "kernel: neigh-timeout under 2 x the current hello-interval is refused" "exit $rc, stderr: $err"
	run show $dev stats
	[ "$rc" = 0 ] && [[ $out == *"fwd_packets"* ]] && [[ $out == *"rx_id_conflict"* ]]
	verdict $? "kernel: show DEV stats has the routing counters" "$out $err"
	local view first
	for view in neighbors routes topology; do
		run show $dev $view
		first=${out%%$'\n'*}
		[ "$rc" = 0 ] && [ -z "$err" ] && { [[ $first == "NODE ID  "* ]] || [[ $first == "DEST  "* ]]; }
		verdict $? "kernel: show DEV $view" "exit $rc, stdout: $out, stderr: $err"
		run show $view
		[ "$rc" = 0 ] && [[ $out == *"interface: $dev"* ]]
		verdict $? "kernel: show $view (every device)" "exit $rc, stderr: $err"
		if command -v python3 > /dev/null; then
			run -j show $dev $view
			echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d) == 1 and d[0]["ifname"] == sys.argv[1], d
assert isinstance(d[0][sys.argv[2]], list), d' $dev $view 2> "$TMP/err"
			verdict $? "kernel: show -j DEV $view" "$(cat "$TMP/err")"
		fi
	done
	run show $dev topology -f dot
	[ "$rc" = 0 ] && [[ $out == "graph \"$dev\" {"* ]] && [[ $out == *'"5" [label="5", style=filled'* ]]
	verdict $? "kernel: show DEV topology -f dot (this node highlighted)" "exit $rc, stdout: $out, stderr: $err"
	if command -v dot > /dev/null; then
		echo "$out" | dot -Tsvg > /dev/null 2> "$TMP/err"
		verdict $? "kernel: dot -Tsvg renders the topology" "$(cat "$TMP/err")"
	fi
	# Watch until it has printed three times (20 s at most), then stop it.
	"$KPSEC" -j show $dev routes -w 0.2 > "$TMP/watch" 2> "$TMP/err" &
	pid=$!
	for ((i = 0; i < 200; i++)); do
		[ "$(wc -l < "$TMP/watch")" -ge 3 ] || ! kill -0 $pid 2> /dev/null && break
		sleep 0.1
	done
	kill -TERM $pid 2> /dev/null
	wait $pid
	rc=$?
	[ "$rc" = 143 ] && [ "$(wc -l < "$TMP/watch")" -ge 3 ] && [ ! -s "$TMP/err" ] &&
		{ ! command -v python3 > /dev/null ||
		  python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1])]' "$TMP/watch"; }
	verdict $? "kernel: show -j DEV routes -w: one JSON document per line" \
		"exit $rc (143: still watching), $(wc -l < "$TMP/watch") lines, stderr: $(cat "$TMP/err")"
	run trace $dev 42
	[ "$rc" = 1 ] && [[ $err == "kpsec: $dev: "*"node 42"* ]] && [ "$(echo "$err" | wc -l)" = 1 ] && [ -z "$out" ]
	verdict $? "kernel: trace to an unreachable node fails with the kernel's reason, naming the node" "exit $rc, stderr: $err"
	run trace 42
	if [ "$(ip -o link show type kpsec | wc -l)" = 1 ]; then
		[ "$rc" = 1 ] && [[ $err == "kpsec: $dev: "*"node 42"* ]]
		verdict $? "kernel: trace without DEV uses the only kpsec device" "exit $rc, stderr: $err"
	else
		[ "$rc" = 1 ] && [[ $err == "kpsec: more than one kpsec device ("*"): name one: kpsec trace DEV NODE" ]]
		verdict $? "kernel: trace without DEV, several kpsec devices" "exit $rc, stderr: $err"
	fi
	if declare -F kx_kernel_cases > /dev/null; then
		kx_kernel_cases $dev
	else
		unavailable "kernel: symmetric key ring cases" "no kx.sh beside run.sh"
	fi
	if declare -F qkd_kernel_cases > /dev/null; then
		qkd_kernel_cases $dev
	else
		unavailable "kernel: QKD cases" "no qkd.sh beside run.sh"
	fi
	ip link del $dev
}

if [ "$MODE" = kernel ]; then
	if [ $module_loaded = 1 ] && [ "$(id -u)" = 0 ]; then
		kernel_cases
	else
		fail "kernel cases" "need root and the kpsec module loaded"
	fi
fi

echo "KTAP version 1"
echo "1..$(count_tests)"
printf '%s\n' "${RESULTS[@]}"
echo "# $FAILED of $(count_tests) failed"
[ $FAILED = 0 ]
