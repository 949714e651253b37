# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2154
#
# The key exchange cases of the kpsec CLI tests: setconf and addconf with
# their configuration files, the kx parameters of set, connect, monitor,
# and show keyring, sessions and keypaths.  Sourced by run.sh, whose
# helpers (run, expect_error, pass, fail, verdict, unavailable) and
# variables (KPSEC, TMP, NODEV, OTHERDEV, FAMILY_MISSING, module_loaded,
# FIXTURE, ROOT, ALICE_*, BOB_*) it uses.  Host cases, and
# kx_kernel_cases (the symmetric key ring against the module), which
# run.sh's kernel_cases calls in the guest.
#
# A configuration file error must be the only message, naming FILE:LINE,
# with the device a nonexistent one: had kpsec got as far as sending, it
# would have said that the device does not exist.

# --- configuration files -------------------------------------------------

C=$TMP/conf
mkdir -p "$C"
priv=$(hex_to_b64 $ALICE_PRIV)
pub3=$(hex_to_b64 $ALICE_PUB)
pub9=$(hex_to_b64 $BOB_PUB)
short=$(hex_to_b64 "${ALICE_PUB:0:60}")		# 30 bytes
long=$(hex_to_b64 "${ALICE_PUB}0102")		# 34 bytes
zero=$(hex_to_b64 "$(printf '0%.0s' {1..64})")

printf '# node 7\n[Node]\nNodeID = 7\nPrivateKey = %s\n\n[KeyRing]\n3 = %s\n9 = %s\n' \
	"$priv" "$pub3" "$pub9" > "$C/good"
printf '[node]\r\nnodeid=7\r\nprivatekey = %s # mine\r\n[KEYRING]\r\n\t3\t= %s\r\n9=%s' \
	"$priv" "$pub3" "$pub9" > "$C/good-crlf"
printf '[KeyRing]\n3 = %s\n' "$pub3" > "$C/ring-only"
: > "$C/empty"
{ echo '[KeyRing]'; for i in $(seq 1 128); do echo "$i = $pub3"; done; } > "$C/ring-128"
{ cat "$C/ring-128"; echo "129 = $pub3"; } > "$C/ring-129"
printf '[Node]\n#%s\nNodeID = 7\n' "$(head -c 1022 /dev/zero | tr '\0' x)" > "$C/line-1023"
printf '[Node]\n#%s\nNodeID = 7\n' "$(head -c 1023 /dev/zero | tr '\0' x)" > "$C/line-1024"
head -c 1048577 /dev/zero | tr '\0' '\n' > "$C/huge"
mkdir -p "$C/dir"

for f in good good-crlf ring-only empty ring-128 line-1023; do
	for cmd in setconf addconf; do
		expect_error "$cmd: file accepted: $f" 1 "kpsec: device \"$NODEV\" does not exist" $cmd $NODEV "$C/$f"
	done
done
STDIN=$C/good expect_error "setconf: file from standard input" 1 "kpsec: device \"$NODEV\" does not exist" setconf $NODEV -

# conf_error NAME LINE MESSAGE CONTENT: CONTENT (printf %b) in file NAME is
# refused at LINE with MESSAGE, by setconf and addconf alike.
conf_error() {
	local name=$1 line=$2 msg=$3

	printf '%b' "$4" > "$C/$name"
	expect_error "setconf: $name" 1 "kpsec: $C/$name:$line: $msg" setconf $NODEV "$C/$name"
	expect_error "addconf: $name" 1 "kpsec: $C/$name:$line: $msg" addconf $NODEV "$C/$name"
}
BAD_ID='invalid node ID: expected a decimal number from 1 to 4294967294'
BAD_LEN='key is not 32 bytes long: a key is 44 base64 characters'
conf_error short-private-key 3 "$BAD_LEN" "[Node]\nNodeID = 7\nPrivateKey = AAAA\n"
conf_error short-ring-key 3 "$BAD_LEN" "[KeyRing]\n3 = $pub3\n9 = $short\n"
conf_error long-ring-key 2 "$BAD_LEN" "[KeyRing]\n9 = $long\n"
conf_error empty-key 2 "$BAD_LEN" "[Node]\nPrivateKey =\n"
conf_error bad-base64 4 'key is not valid base64' "[Node]\nNodeID = 7\n[KeyRing]\n3 = not base64 at all!\n"
conf_error bad-padding 2 'key is not valid base64' "[Node]\nPrivateKey = ${priv%=}\n"
conf_error dup-ring-id 4 'node given twice in [KeyRing]' "[KeyRing]\n3 = $pub3\n9 = $pub9\n3 = $pub9\n"
conf_error own-id-in-ring 5 "this node's own NodeID in [KeyRing]: the key ring holds other nodes' keys" \
	"[Node]\nNodeID = 9\n[KeyRing]\n3 = $pub3\n9 = $pub9\n"
conf_error own-id-ring-first 2 "this node's own NodeID in [KeyRing]: the key ring holds other nodes' keys" \
	"[KeyRing]\n7 = $pub3\n[Node]\nNodeID = 7\n"
conf_error unknown-section 1 'unknown section: expected [Node], [KeyRing] or [SymKeyRing]' "[Interface]\nNodeID = 7\n"
conf_error bad-header 2 'malformed section header: expected [Node], [KeyRing] or [SymKeyRing]' "# x\n[Node\n"
conf_error unknown-key 3 'unknown key in [Node]: expected NodeID, PrivateKey or SymQ' "[Node]\nNodeID = 7\nListenPort = 1\n"
conf_error outside-section 2 'KEY = VALUE outside a section: start with [Node], [KeyRing] or [SymKeyRing]' "\nNodeID = 7\n[Node]\n"
conf_error no-equals 3 "no '=' in the line: expected KEY = VALUE or a section header" "[Node]\nNodeID = 7\nPrivateKey\n"
conf_error dup-node-id 4 'NodeID given twice' "[Node]\nNodeID = 7\n[Node]\nNodeID = 8\n"
conf_error dup-private-key 3 'PrivateKey given twice' "[Node]\nPrivateKey = $priv\nprivatekey = $priv\n"
conf_error zero-node-id 2 "$BAD_ID" "[Node]\nNodeID = 0\n"
conf_error huge-node-id 2 "$BAD_ID" "[Node]\nNodeID = 4294967295\n"
conf_error word-node-id 2 "$BAD_ID" "[Node]\nNodeID = seven\n"
conf_error bad-ring-id 3 "$BAD_ID" "[KeyRing]\n3 = $pub3\n-9 = $pub9\n"
conf_error huge-ring-id 2 "$BAD_ID" "[KeyRing]\n4294967295 = $pub9\n"
conf_error crlf-line 4 "$BAD_ID" "[Node]\r\n\r\n# x\r\nNodeID = 0x7\r\n"
conf_error zero-private-key 3 'PrivateKey is all zeros: to remove the private key, use "kpsec set DEV private-key none"' \
	"[Node]\nNodeID = 7\nPrivateKey = $zero\n"
expect_error "setconf: more than 128 keys" 1 "kpsec: $C/ring-129:130: more than 128 keys in [KeyRing]" setconf $NODEV "$C/ring-129"
expect_error "setconf: a line of 1024 characters" 1 "kpsec: $C/line-1024:2: line longer than 1023 characters" setconf $NODEV "$C/line-1024"
STDIN=$C/dup-ring-id expect_error "setconf: an error on standard input" 1 \
	'kpsec: <stdin>:4: node given twice in [KeyRing]' setconf $NODEV -

# [SymKeyRing] (kpsec-plan's pool keys): parsed and checked like the rest,
# then sent with it (conf.sh checks what is sent).
sym1=$(hex_to_b64 "$BOB_PRIV")
sym2=$(hex_to_b64 "$BOB_PUB")
printf '[Node]\nNodeID = 7\n[KeyRing]\n3 = %s\n# pool keys\n[SymKeyRing]\n\n17 = %s\n0 = %s\n' \
	"$pub3" "$sym1" "$sym2" > "$C/sym-ring"
printf '[symkeyring]\r\n4294967294=%s\r\n' "$sym1" > "$C/sym-crlf"
printf '[Node]\nNodeID = 7\n[SymKeyRing]\n[SYMKEYRING] # none\n[KeyRing]\n3 = %s\n' "$pub3" > "$C/sym-empty"
{ echo '[SymKeyRing]'; for i in $(seq 0 255); do echo "$i = $sym1"; done; } > "$C/sym-256"
{ cat "$C/sym-256"; echo "256 = $sym1"; } > "$C/sym-257"
for cmd in setconf addconf; do
	for f in sym-ring sym-crlf sym-256 sym-empty; do
		expect_error "$cmd: [SymKeyRing] accepted: $f" 1 "kpsec: device \"$NODEV\" does not exist" \
			"$cmd" "$NODEV" "$C/$f"
	done
done
STDIN=$C/sym-ring expect_error "setconf: [SymKeyRing] on standard input" 1 \
	"kpsec: device \"$NODEV\" does not exist" setconf "$NODEV" -
BAD_SYM_ID='invalid key ID in [SymKeyRing]: expected a decimal number from 0 to 4294967294'
conf_error sym-huge-id 2 "$BAD_SYM_ID" "[SymKeyRing]\n4294967295 = $sym1\n"
conf_error sym-negative-id 3 "$BAD_SYM_ID" "[SymKeyRing]\n1 = $sym1\n-1 = $sym2\n"
conf_error sym-word-id 2 "$BAD_SYM_ID" "[SymKeyRing]\nkey1 = $sym1\n"
conf_error sym-zero-key 3 'key in [SymKeyRing] is all zeros' "[SymKeyRing]\n1 = $sym1\n2 = $zero\n"
conf_error sym-dup-id 5 'key ID given twice in [SymKeyRing]' "[SymKeyRing]\n0 = $sym1\n[Node]\n[SymKeyRing]\n000 = $sym2\n"
conf_error sym-short-key 2 "$BAD_LEN" "[SymKeyRing]\n1 = $short\n"
conf_error sym-bad-base64 2 'key is not valid base64' "[SymKeyRing]\n1 = ${sym1%=}\n"
# The whole file is checked first: a later defect is the one reported.
conf_error sym-then-defect 4 "$BAD_ID" "[SymKeyRing]\n1 = $sym1\n[Node]\nNodeID = 0\n"
expect_error "setconf: more than 256 symmetric keys" 1 "kpsec: $C/sym-257:258: more than 256 keys in [SymKeyRing]" \
	setconf "$NODEV" "$C/sym-257"
run setconf "$NODEV" "$C/sym-dup-id"
[[ $err != *"$sym1"* ]] && [[ $err != *"$sym2"* ]]
verdict $? "setconf: a [SymKeyRing] error does not quote a key" "stderr: $err"
for cmd in setconf addconf; do
	run $cmd help
	[ "$rc" = 0 ] && [[ $out == *"[SymKeyRing]"*"at most 256 pool"* ]] && [[ $out != *"refused"* ]]
	verdict $? "$cmd help describes [SymKeyRing]" "exit $rc, stderr: $err"
done

expect_error "setconf: file missing" 1 "kpsec: cannot open configuration file \"$C/nope\": No such file or directory" setconf $OTHERDEV "$C/nope"
expect_error "setconf: file is a directory" 1 "kpsec: cannot read configuration file \"$C/dir\": Is a directory" setconf $OTHERDEV "$C/dir"
expect_error "setconf: file too long" 1 "kpsec: configuration file \"$C/huge\" is too long: at most 1048576 bytes" setconf $OTHERDEV "$C/huge"
for cmd in setconf addconf; do
	expect_error "$cmd without arguments" 2 "kpsec: $cmd needs a device and a file: kpsec $cmd DEV FILE (try \"kpsec $cmd help\")" $cmd
	expect_error "$cmd without a file" 2 "kpsec: $cmd needs a device and a file: kpsec $cmd DEV FILE (try \"kpsec $cmd help\")" $cmd $OTHERDEV
	expect_error "$cmd: extra argument" 2 "kpsec: unknown argument \"more\" (try \"kpsec $cmd help\")" $cmd $OTHERDEV "$C/good" more
	expect_error "$cmd: a key instead of a file is refused, not echoed" 2 \
		"kpsec: $cmd takes a file name, not a key: keys are never given on the command line (use a file, or - for standard input)" \
		$cmd $OTHERDEV "$priv"
	expect_error "$cmd: -j" 2 'kpsec: -j applies to show, monitor and qkd only' -j $cmd $OTHERDEV "$C/good"
done
# No message ever shows a line of the file: keys stay out of logs.
run setconf $NODEV "$C/short-ring-key"
[[ $err != *"$pub3"* ]] && [[ $err != *AAAA* ]]
verdict $? "setconf: messages do not quote the file" "stderr: $err"

if [ -f "$(dirname "${BASH_SOURCE[0]}")/conf.sh" ]; then
	# shellcheck source=selftests/cli/conf.sh
	. "$(dirname "${BASH_SOURCE[0]}")/conf.sh"
else
	unavailable "setconf, addconf, set sym-q: the requests sent" "no conf.sh beside kx.sh"
fi

# --- set: key exchange parameters ----------------------------------------

U32_MAX=4294967295
for kw in kx-rho kx-theta kx-timeout kx-retries rekey-after-time rekey-after-messages; do
	max=$U32_MAX
	[ $kw = rekey-after-messages ] && max=18446744073709551615
	for v in abc -1 1.5 "" " 3" 3x 0x10 "$max"0 99999999999999999999999; do
		expect_error "set $kw \"$v\" is not a number that fits" 2 \
			"kpsec: invalid $kw \"$v\": expected a decimal number from 0 to $max" set $OTHERDEV $kw "$v"
	done
	expect_error "set $kw given twice" 2 "kpsec: $kw given twice" set $OTHERDEV $kw 2 $kw 3
	expect_error "set $kw: the largest number is the kernel's to check" 1 "kpsec: device \"$NODEV\" does not exist" set $NODEV $kw $max
done
for t in "kx-rho N" "kx-theta N" "kx-timeout MS" "kx-retries N" "rekey-after-time S" "rekey-after-messages N" \
	 "test-flags alter-shares | bad-confirm | none"; do
	kw=${t%% *}
	expect_error "set $kw without its value" 2 "kpsec: $kw needs a value: $t (try \"kpsec set help\")" set $OTHERDEV $kw
done
for v in foo ALTER-SHARES alter_shares "" "alter-shares,none"; do
	expect_error "set test-flags \"$v\"" 2 "kpsec: invalid test-flags \"$v\": expected alter-shares, bad-confirm or none" set $OTHERDEV test-flags "$v"
done
expect_error "set test-flags given twice" 2 'kpsec: test-flags given twice' set $OTHERDEV test-flags none test-flags alter-shares
expect_error "set: every kx parameter at once" 1 "kpsec: device \"$NODEV\" does not exist" \
	set $NODEV kx-rho 3 kx-theta 2 kx-timeout 1500 kx-retries 0 rekey-after-time 600 \
	rekey-after-messages 1152921504606846976 test-flags alter-shares hello-interval 100
expect_error "set: test-flags none alone is a change" 1 "kpsec: device \"$NODEV\" does not exist" set $NODEV test-flags none
# sym-q: its range is fixed by the uapi and depends on nothing else, so
# kpsec checks it; with $NODEV, anything sent would have met its absence.
for v in 0 17 abc -1 1.5 "" " 2" 2x 0x2 4294967297 99999999999999999999; do
	expect_error "set sym-q \"$v\" refused before anything is sent" 2 \
		"kpsec: invalid sym-q \"$v\": expected a decimal number from 1 to 16" set $NODEV sym-q "$v"
done
expect_error "set sym-q without its value" 2 'kpsec: sym-q needs a value: sym-q N (try "kpsec set help")' set $NODEV sym-q
expect_error "set sym-q given twice" 2 'kpsec: sym-q given twice' set $NODEV sym-q 2 sym-q 3
for v in 1 16 016; do
	expect_error "set sym-q $v is sent" 1 "kpsec: device \"$NODEV\" does not exist" set $NODEV sym-q $v
done
run set help
listed=$rc
for kw in kx-rho kx-theta kx-timeout kx-retries rekey-after-time rekey-after-messages sym-q test-flags; do
	[[ $out == *"[$kw "* ]] && [[ $out == *"  $kw "* ]] || listed="$listed, not $kw"
done
[ "$listed" = 0 ]
verdict $? "set help lists the kx parameters and sym-q" "exit $listed, stderr: $err"

# --- connect, monitor, show keyring / sessions / keypaths (arguments) ---

NODE_SYNTAX='expected a decimal number from 1 to 4294967294'
CONNECT_NEEDS='kpsec: connect needs a device and a node: kpsec connect DEV NODE (try "kpsec connect help")'
expect_error "connect without arguments" 2 "$CONNECT_NEEDS" connect
expect_error "connect without a node" 2 "$CONNECT_NEEDS" connect $OTHERDEV
expect_error "connect --wait without arguments" 2 "$CONNECT_NEEDS" connect --wait 5
for id in 0 4294967295 abc -1 1.5 0x10 ""; do
	expect_error "connect: bad node id \"$id\"" 2 "kpsec: invalid node id \"$id\": $NODE_SYNTAX" connect $OTHERDEV "$id"
done
expect_error "connect: extra argument" 2 'kpsec: unknown argument "5" (try "kpsec connect help")' connect $OTHERDEV 4 5
expect_error "connect: unknown option" 2 'kpsec: unknown option "-x" (try "kpsec connect help")' connect $OTHERDEV 4 -x
expect_error "connect: -w is not --wait" 2 'kpsec: unknown option "-w" (try "kpsec connect help")' connect $OTHERDEV 4 -w 5
expect_error "connect: --wait without its value" 2 'kpsec: --wait needs a value: --wait SECONDS (try "kpsec connect help")' connect $OTHERDEV 4 --wait
for w in 0 0.05 86401 abc "" -1 5s; do
	expect_error "connect: bad --wait \"$w\"" 2 "kpsec: invalid --wait \"$w\": expected seconds from 0.1 to 86400" connect $OTHERDEV 4 --wait "$w"
done
expect_error "connect: a key as an argument is refused, not echoed" 2 \
	'kpsec: unknown argument that looks like a key: keys are never given on the command line (try "kpsec connect help")' \
	connect $OTHERDEV 4 "$priv"
expect_error "connect: -j" 2 'kpsec: -j applies to show, monitor and qkd only' -j connect $OTHERDEV 4
expect_error "connect: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" connect $NODEV 4
expect_error "connect --wait: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" connect $NODEV 4 --wait 0.1

expect_error "monitor: two devices" 2 'kpsec: unknown argument "lo2" (try "kpsec monitor help")' monitor $OTHERDEV lo2
expect_error "monitor: unknown option" 2 'kpsec: unknown option "-w" (try "kpsec monitor help")' monitor -w 1
expect_error "monitor: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" monitor $NODEV
expect_error "monitor -j: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" -j monitor $NODEV
expect_error "monitor --json: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" monitor --json $NODEV

expect_error "show keypaths without DEV" 2 'kpsec: "show keypaths" needs a device: kpsec show DEV keypaths NODE' show keypaths 4
expect_error "show DEV keypaths without NODE" 2 "kpsec: \"show $OTHERDEV keypaths\" needs a node: kpsec show $OTHERDEV keypaths NODE" show $OTHERDEV keypaths
for id in 0 4294967295 abc; do
	expect_error "show keypaths: bad node id \"$id\"" 2 "kpsec: invalid node id \"$id\": $NODE_SYNTAX" show $OTHERDEV keypaths "$id"
done
expect_error "show keypaths: extra argument" 2 'kpsec: unknown argument "5" (try "kpsec show help")' show $OTHERDEV keypaths 4 5
expect_error "show keypaths: -f dot" 2 'kpsec: -f dot applies to the topology view only: kpsec show [DEV] topology -f dot' show $OTHERDEV keypaths 4 -f dot
expect_error "show peers: one argument too many, named first" 2 'kpsec: unknown argument "a" (try "kpsec show help")' show $OTHERDEV peers a b
for view in keyring sessions; do
	expect_error "show $view: extra argument" 2 'kpsec: unknown argument "more" (try "kpsec show help")' show $OTHERDEV $view more
	expect_error "show $view without DEV: extra argument" 2 'kpsec: unknown argument "more" (try "kpsec show help")' show $view more
	expect_error "show $view: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" show $NODEV $view -j -w 1
done
expect_error "show keypaths: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" show $NODEV keypaths 4 -w 1

run show help
[ "$rc" = 0 ] && [[ $out == *"{keyring | sessions}"* ]] && [[ $out == *"keypaths NODE"* ]]
verdict $? "show help lists keyring, sessions, keypaths" "exit $rc, stderr: $err"

if [ "$module_loaded" = 0 ]; then
	expect_error "setconf: kpsec family missing" 1 "$FAMILY_MISSING" setconf $OTHERDEV "$C/good"
	expect_error "addconf: kpsec family missing" 1 "$FAMILY_MISSING" addconf $OTHERDEV "$C/ring-only"
	expect_error "setconf [SymKeyRing]: kpsec family missing" 1 "$FAMILY_MISSING" setconf $OTHERDEV "$C/sym-ring"
	expect_error "set sym-q: kpsec family missing" 1 "$FAMILY_MISSING" set $OTHERDEV sym-q 2
	expect_error "set kx parameters: kpsec family missing" 1 "$FAMILY_MISSING" set $OTHERDEV kx-rho 3
	expect_error "connect: kpsec family missing" 1 "$FAMILY_MISSING" connect $OTHERDEV 4
	expect_error "connect --wait: kpsec family missing" 1 "$FAMILY_MISSING" connect $OTHERDEV 4 --wait 1
	expect_error "monitor: kpsec family missing" 1 "$FAMILY_MISSING" monitor
	expect_error "monitor DEV -j: kpsec family missing" 1 "$FAMILY_MISSING" monitor $OTHERDEV -j
	for view in keyring sessions "$OTHERDEV keyring" "$OTHERDEV sessions" "$OTHERDEV keypaths 4"; do
		# shellcheck disable=SC2086
		expect_error "show $view: kpsec family missing" 1 "$FAMILY_MISSING" show $view
	done
else
	unavailable "setconf: kpsec family missing" "kpsec module loaded"
fi

# --- rendering (replies built by kx_fixture.c) ---------------------------

if [ ! -x "$FIXTURE" ]; then
	unavailable "show keyring, sessions, keypaths; monitor: rendering" "no show_fixture built"
else
	"$FIXTURE" text > "$TMP/text"
	grep -q '^  kx rho: 3$' "$TMP/text" && grep -q '^  rekey after messages: 1152921504606846976$' "$TMP/text" &&
		grep -q '^  test flags: alter-shares$' "$TMP/text" && grep -q '^  kx timeout: (unknown)$' "$TMP/text" &&
		grep -q '^  sym ring size: 256$' "$TMP/text" && grep -q '^  sym q: 2$' "$TMP/text" &&
		grep -q '^  sym q: (unknown)$' "$TMP/text"
	verdict $? "show: the device's kx and symmetric ring parameters (unknown from an older kernel)" "$(cat "$TMP/text")"

	fixture_golden kx.expected "show keyring, sessions, keypaths; monitor lines (merged across messages, sorted)" \
		"show keyring, sessions, keypaths; monitor lines" keyring keyring-all keyring-nosym sessions sessions-all \
		keypaths keypaths-none events
	fixture_malformed <<'EOF'
bad-ring key ring entry without a node id or public key
bad-symkey symmetric key ring entry without a key id
bad-session session without a node id
bad-keypath key-path without overlay nodes
bad-ovhop overlay node without a node id
bad-event event without a type
no-event event attributes
EOF
	if command -v python3 > /dev/null; then
		if python3 - "$FIXTURE" > "$TMP/json.log" 2>&1 <<'EOF'
import json, subprocess, sys
out = lambda view: subprocess.check_output([sys.argv[1], view]).decode()
run = lambda view: json.loads(out(view))
d = run("json")
kx = ["keyring_size", "symring_size", "sym_q", "kx_rho", "kx_theta", "kx_timeout_ms",
      "kx_retries", "rekey_after_time_s", "rekey_after_messages", "test_flags"]
assert all(list(x)[10:20] == kx for x in d), [list(x) for x in d]
assert [d[0][k] for k in kx] == [3, 256, 2, 3, 2, 1500, 4, 600, 1 << 60, ["alter-shares"]], d[0]
assert all(d[1][k] is None for k in kx), d[1]
assert list(d[0]["stats"])[24:] == ["rx_kx_packets", "rx_kx_bytes", "tx_kx_packets",
    "tx_kx_bytes", "fwd_kx_packets", "fwd_kx_bytes", "kx_started", "kx_established",
    "kx_failed", "kx_share_relayed", "kx_share_rejected", "kx_confirm_failed",
    "kx_replay", "kx_malformed", "tx_queue_dropped", "qkd_keys_used", "qkd_no_key",
    "qkd_unknown_key", "qkd_expired"], list(d[0]["stats"])
assert d[0]["stats"]["rx_kx_packets"] == 260 and d[0]["stats"]["tx_queue_dropped"] == 400
r = run("keyring-json")
assert [list(x) for x in r] == [["ifindex", "ifname", "node_id", "keyring", "symring"]] * 2, r
assert r[0]["node_id"] == 1 and r[1]["node_id"] is None and r[1]["keyring"] == []
assert [x["node_id"] for x in r[0]["keyring"]] == [3, 9, 1000]
assert r[0]["keyring"][0] == {"node_id": 3, "public_key": "ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM="}
# Pool key IDs: numbers, merged across messages, once each, ascending; an
# empty ring is [], an older kernel's (no symmetric ring) null.
assert r[0]["symring"] == [0, 17, 204, 4294967294] and r[1]["symring"] == [], r
assert all(type(x) is int for x in r[0]["symring"]), r
o = run("keyring-nosym-json")
assert [x["symring"] for x in o] == [None, None] and o[0]["keyring"] == r[0]["keyring"], o
s = run("sessions-json")
assert [list(x) for x in s] == [["ifindex", "ifname", "sessions"]] * 2 and s[1]["sessions"] == []
skeys = ["node_id", "state", "initiator", "public_key", "age_msecs", "rekey_msecs",
         "rx_packets", "rx_bytes", "tx_packets", "tx_bytes", "drops", "exchanges",
         "failures", "last_error", "kx_msecs", "qkd_mode", "qkd_key_id"]
s = s[0]["sessions"]
assert all(list(x) == skeys for x in s), s
assert [x["node_id"] for x in s] == [4, 5, 9, 12, 77]
assert s[0]["state"] == "established" and s[0]["initiator"] is True
assert s[0]["tx_bytes"] == 9876543210 and s[0]["last_error"] == "timeout" and s[0]["kx_msecs"] == 35
assert (s[0]["age_msecs"], s[0]["rekey_msecs"], s[0]["drops"]) == (61500, 58500, 17)
assert s[1]["rekey_msecs"] == 0 and s[1]["last_error"] is None
assert s[2]["state"] == "responding" and s[2]["last_error"] is None and s[2]["age_msecs"] is None
assert s[3]["public_key"] is None and s[3]["last_error"] == "few-keypaths" and s[3]["kx_msecs"] is None
assert s[4]["state"] == "42" and s[4]["last_error"] == "99"
# QKD: the mode and key ID of an established session's key; an unknown mode as its number.
assert (s[0]["qkd_mode"], s[0]["qkd_key_id"]) == ("hybrid", "10213243-5465-7687-98a9-bacbdcedfe0f"), s[0]
assert (s[1]["qkd_mode"], s[1]["qkd_key_id"]) == ("off", None), s[1]
assert all(x["qkd_mode"] is None and x["qkd_key_id"] is None for x in s[2:4]), s
assert (s[4]["qkd_mode"], s[4]["qkd_key_id"]) == ("9", None), s[4]
k = run("keypaths-json")
assert k == [{"ifindex": 7, "ifname": "kpsec0", "destination": 9, "keypaths": [
    {"index": 1, "de_steps": 0, "phys_hops": 2, "overlay": [{"node_id": 9, "phys_hops": 2}]},
    {"index": 2, "de_steps": 2, "phys_hops": 5, "overlay": [
        {"node_id": 3, "phys_hops": 2}, {"node_id": 7, "phys_hops": 1},
        {"node_id": 9, "phys_hops": 2}]}]}], k
lines = out("events-json").splitlines()
ev = [json.loads(l) for l in lines]
ekeys = ["time", "ifindex", "ifname", "event", "peer", "reason", "share_index", "from", "kx_msecs",
         "qkd_keys"]
assert len(ev) == 14 and all(list(e) == ekeys for e in ev), ev
assert ev[1] == {"time": "2025-06-01T12:00:00.123+0000", "ifindex": 7, "ifname": "kpsec0",
                 "event": "share-rejected", "peer": 4, "reason": None, "share_index": 2,
                 "from": 3, "kx_msecs": None, "qkd_keys": None}, ev[1]
assert ev[2]["event"] == "established" and ev[2]["kx_msecs"] == 35
assert ev[3]["reason"] == "timeout" and ev[6]["reason"] == "99" and ev[7]["event"] == "77"
assert (ev[8]["event"], ev[8]["peer"], ev[8]["qkd_keys"]) == ("qkd-low", 4, 8), ev[8]
assert (ev[9]["event"], ev[9]["peer"], ev[9]["qkd_keys"]) == ("qkd-empty", 9, 0), ev[9]
assert [e["reason"] for e in ev[10:]] == ["qkd-no-key", "qkd-unknown-key", "qkd-mode-mismatch",
                                         "qkd-expired"], ev[10:]
EOF
		then
			pass "show keyring (pool key IDs too), sessions, keypaths -j; monitor -j; kx parameters and counters in -j show"
		else
			fail "key exchange JSON" "$(cat "$TMP/json.log")"
		fi
	else
		unavailable "key exchange JSON" "no python3 to check the JSON"
	fi
fi

# --- with the kernel module: the symmetric key ring ----------------------

# sym_ids DEV: "kpsec show DEV keyring" (run), then its pool key IDs on one line.
sym_ids() {
	run show "$1" keyring
	ids=$(echo "$out" | sed -n '/^  POOL KEY ID$/,$p' | tail -n +2 | tr -d ' ' | paste -sd ' ')
}

# kx_kernel_cases DEV: DEV is a kpsec device with node ID 5; its key rings
# are emptied and sym-q set back to 1 afterwards.
kx_kernel_cases() {
	local dev=$1 s=$TMP/kernel-sym i k0 keys ids
	mkdir -p "$s"
	for i in 0 17 204 99 300 77; do "$KPSEC" genpsk > "$s/k$i"; done
	"$KPSEC" genkey | "$KPSEC" pubkey > "$s/pub3"
	printf '[KeyRing]\n3 = %s\n[SymKeyRing]\n204 = %s\n17 = %s\n0 = %s\n' "$(cat "$s/pub3")" \
		"$(cat "$s/k204")" "$(cat "$s/k17")" "$(cat "$s/k0")" > "$s/three"
	printf '[SymKeyRing]\n99 = %s\n' "$(cat "$s/k99")" > "$s/add99"
	printf '[SymKeyRing]\n17 = %s\n' "$(cat "$s/k99")" > "$s/update17"
	printf '[KeyRing]\n3 = %s\n' "$(cat "$s/pub3")" > "$s/ring-only"
	printf '[KeyRing]\n5 = %s\n[SymKeyRing]\n77 = %s\n' "$(cat "$s/pub3")" "$(cat "$s/k77")" > "$s/own-id"
	# 256 distinct keys without 256 processes (slow in the guest): four
	# digits, base64 characters too, in place of k0's first four.
	k0=$(cat "$s/k0")
	{ echo '[SymKeyRing]'; for i in $(seq 1000 1255); do echo "$i = $i${k0:4}"; done; } > "$s/full"
	printf '[SymKeyRing]\n300 = %s\n' "$(cat "$s/k300")" > "$s/add300"
	: > "$s/empty"
	keys=$(cat "$s"/k*)

	run show $dev
	[ "$rc" = 0 ] && [[ $out == *$'\n  sym ring size: 0\n  sym q: 1\n'* ]]
	verdict $? "kernel: show: sym ring size 0 and sym q 1 by default" "exit $rc, stdout: $out, stderr: $err"

	expect_ok "kernel: setconf with a [SymKeyRing] of 3 keys" setconf $dev "$s/three"
	sym_ids $dev
	[ "$ids" = "0 17 204" ] && [ "$rc" = 0 ] && [[ $out == *"NODE ID  PUBLIC KEY"$'\n  3  '* ]] &&
		! grep -qF -e "$keys" <<< "$out"
	verdict $? "kernel: show keyring lists exactly those pool key IDs, ascending, no key" "exit $rc, stdout: $out, stderr: $err"
	# JSON as kpsec writes it, compact (the guest may have no python3).
	run -j show $dev keyring
	[[ $out == '[{"ifindex":'*',"ifname":"'$dev'","node_id":5,"keyring":[{"node_id":3,"public_key":"'$(cat "$s/pub3")'"}],"symring":[0,17,204]}]' ]]
	verdict $? "kernel: show keyring -j: symring [0,17,204]" "stdout: $out"
	run -j show $dev
	[[ $out == *'"keyring_size":1,"symring_size":3,"sym_q":1,'* ]]
	verdict $? "kernel: show -j: symring_size 3, sym_q 1" "stdout: $out"
	run show keyring
	[ "$rc" = 0 ] && [[ $out == *"interface: $dev"*"  POOL KEY ID"$'\n  0\n  17\n  204'* ]]
	verdict $? "kernel: show keyring (every device) has the pool key IDs" "exit $rc, stderr: $err"

	expect_ok "kernel: addconf adds a pool key" addconf $dev "$s/add99"
	sym_ids $dev
	[ "$ids" = "0 17 99 204" ] && [[ $out == *$'\n  3  '* ]]
	verdict $? "kernel: addconf keeps the other keys of both rings" "stdout: $out"
	expect_ok "kernel: addconf replaces the key of an ID held" addconf $dev "$s/update17"
	sym_ids $dev
	[ "$ids" = "0 17 99 204" ]
	verdict $? "kernel: a replaced pool key keeps its ID, once" "stdout: $out"

	# All or nothing: node 5's own key in the key ring is the kernel's to
	# refuse (the file gives no NodeID); pool key 77 must not stay.
	run addconf $dev "$s/own-id"
	local refused="exit $rc, stderr: $err"
	[ "$rc" = 1 ] && [[ $err == "kpsec: $dev: "* ]] && [ "$(echo "$err" | wc -l)" = 1 ] &&
		sym_ids $dev && [ "$ids" = "0 17 99 204" ]
	verdict $? "kernel: addconf refused in part changes neither ring" "$refused, now: $ids"

	expect_ok "kernel: setconf of 256 pool keys" setconf $dev "$s/full"
	run show $dev
	[[ $out == *$'\n  key ring size: 0\n  sym ring size: 256\n'* ]]
	verdict $? "kernel: setconf replaced both rings (256 pool keys, no public key)" "stdout: $out"
	run addconf $dev "$s/add300"
	[ "$rc" = 1 ] && [[ $err == "kpsec: $dev: "*full*'(at "pool key 300")' ]] && [ -z "$out" ] &&
		[ "$(echo "$err" | wc -l)" = 1 ]
	verdict $? "kernel: a 257th pool key is refused, naming it" "exit $rc, stderr: $err"
	sym_ids $dev
	[ "$(wc -w <<< "$ids")" = 256 ] && [[ " $ids " != *" 300 "* ]]
	verdict $? "kernel: the full ring is unchanged" "now: $(wc -w <<< "$ids") IDs"

	expect_ok "kernel: setconf of a file without [SymKeyRing]" setconf $dev "$s/ring-only"
	sym_ids $dev
	[ -z "$ids" ] && [[ $out == *$'\n  POOL KEY ID' ]] && [[ $out == *$'\n  3  '* ]]
	verdict $? "kernel: ... empties the symmetric ring (an empty table)" "stdout: $out"
	run -j show $dev keyring
	[[ $out == *',"symring":[]}]' ]]
	verdict $? "kernel: show keyring -j: symring []" "stdout: $out"

	expect_ok "kernel: set sym-q 2" set $dev sym-q 2
	run show $dev
	[[ $out == *$'\n  sym q: 2\n'* ]]
	verdict $? "kernel: show: sym q 2" "stdout: $out"
	run -j show $dev
	[[ $out == *'"symring_size":0,"sym_q":2,'* ]]
	verdict $? "kernel: show -j: sym_q 2" "stdout: $out"
	expect_error "kernel: set sym-q 17 refused before the kernel" 2 \
		'kpsec: invalid sym-q "17": expected a decimal number from 1 to 16' set $dev sym-q 17

	expect_ok "kernel: setconf of an empty file" setconf $dev "$s/empty"
	expect_ok "kernel: set sym-q 1" set $dev sym-q 1
	run show $dev
	[[ $out == *$'\n  key ring size: 0\n  sym ring size: 0\n  sym q: 1\n'* ]]
	verdict $? "kernel: an empty setconf empties both rings" "stdout: $out"
}
