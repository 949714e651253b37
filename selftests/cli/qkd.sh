# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2154
#
# The QKD cases of the kpsec CLI tests: the qkd keywords of set, the
# arguments of kpsec qkd import, show and delete, key containers that
# import refuses, the rendering of GET_QKD replies (qkd_fixture.c), and
# import and delete against a fake kernel that can fail a request
# (qkd_import_fixture.c).  Sourced by run.sh, whose helpers (run,
# expect_error, pass, fail, verdict, unavailable, hex_to_b64) and
# variables (KPSEC, TMP, NODEV, OTHERDEV, FAMILY_MISSING, module_loaded,
# FIXTURE, ROOT, ALICE_*, BOB_*) it uses.  Host cases, but for
# qkd_kernel_cases, which run.sh's kernel_cases calls in the guest.
#
# A refused container must be the only message, exit status 1, with the
# device a nonexistent one: had kpsec got as far as sending, it would
# have said that the device does not exist.

# --- set: the QKD policy -------------------------------------------------

for v in foo ON Hybrid "" "hybrid,only" 1 none; do
	expect_error "set qkd \"$v\"" 2 "kpsec: invalid qkd \"$v\": expected off, hybrid or only" set $OTHERDEV qkd "$v"
done
for v in foo REFUSE "" drop 0; do
	expect_error "set qkd-on-empty \"$v\"" 2 "kpsec: invalid qkd-on-empty \"$v\": expected refuse or keep" \
		set $OTHERDEV qkd-on-empty "$v"
done
for v in 4 604801 0 abc "" -5 1.5 60s " 60" 99999999999999999999; do
	expect_error "set qkd-max-age \"$v\" out of range or not a number" 2 \
		"kpsec: invalid qkd-max-age \"$v\": expected seconds from 5 to 604800" set $OTHERDEV qkd-max-age "$v"
done
for v in 4097 -1 abc "" 1.5 0x10 4294967296; do
	expect_error "set qkd-low-watermark \"$v\" out of range or not a number" 2 \
		"kpsec: invalid qkd-low-watermark \"$v\": expected a number of keys from 0 to 4096" \
		set $OTHERDEV qkd-low-watermark "$v"
done
for t in "qkd off | hybrid | only" "qkd-on-empty refuse | keep" "qkd-max-age S" "qkd-low-watermark N"; do
	kw=${t%% *}
	expect_error "set $kw without its value" 2 "kpsec: $kw needs a value: $t (try \"kpsec set help\")" set $OTHERDEV $kw
done
expect_error "set qkd given twice" 2 'kpsec: qkd given twice' set $OTHERDEV qkd only qkd off
expect_error "set qkd-on-empty given twice" 2 'kpsec: qkd-on-empty given twice' set $OTHERDEV qkd-on-empty keep qkd-on-empty keep
expect_error "set qkd-max-age given twice" 2 'kpsec: qkd-max-age given twice' set $OTHERDEV qkd-max-age 60 qkd-max-age 70
expect_error "set qkd-low-watermark given twice" 2 'kpsec: qkd-low-watermark given twice' \
	set $OTHERDEV qkd-low-watermark 1 qkd-low-watermark 2
for v in off hybrid only; do
	expect_error "set qkd $v is accepted" 1 "kpsec: device \"$NODEV\" does not exist" set $NODEV qkd $v
done
for v in refuse keep; do
	expect_error "set qkd-on-empty $v is accepted" 1 "kpsec: device \"$NODEV\" does not exist" set $NODEV qkd-on-empty $v
done
for v in 5 604800; do
	expect_error "set qkd-max-age $v: the bounds are accepted" 1 "kpsec: device \"$NODEV\" does not exist" \
		set $NODEV qkd-max-age $v
done
for v in 0 4096; do
	expect_error "set qkd-low-watermark $v: the bounds are accepted" 1 "kpsec: device \"$NODEV\" does not exist" \
		set $NODEV qkd-low-watermark $v
done
expect_error "set: qkd-max-age under rekey-after-time with QKD on" 2 \
	'kpsec: qkd-max-age 60 is shorter than rekey-after-time 120: it must be at least 120' \
	set $OTHERDEV qkd hybrid qkd-max-age 60 rekey-after-time 120
expect_error "set: qkd-max-age equal to rekey-after-time" 1 "kpsec: device \"$NODEV\" does not exist" \
	set $NODEV qkd only qkd-max-age 120 rekey-after-time 120
expect_error "set: qkd-max-age under rekey-after-time with QKD off" 1 "kpsec: device \"$NODEV\" does not exist" \
	set $NODEV qkd off qkd-max-age 60 rekey-after-time 120
expect_error "set: the whole QKD policy with everything else" 1 "kpsec: device \"$NODEV\" does not exist" \
	set $NODEV node-id 3 qkd only qkd-on-empty keep qkd-max-age 604800 qkd-low-watermark 16 \
	kx-rho 2 rekey-after-time 300 peer 2 endpoint 02:00:00:00:00:02
run set help
listed=$rc
for kw in qkd qkd-on-empty qkd-max-age qkd-low-watermark; do
	[[ $out == *"[$kw "* ]] && [[ $out == *"  $kw "* ]] || listed="$listed, not $kw"
done
[ "$listed" = 0 ]
verdict $? "set help lists the qkd keywords" "exit $listed, stderr: $err"

# --- kpsec qkd: arguments ------------------------------------------------

UUID=3f1c9b2e-5a4d-4c2b-9e7f-0a1b2c3d4e5f
NODE_SYNTAX='expected a decimal number from 1 to 4294967294'
IMPORT_NEEDS='kpsec: qkd import needs a device, a peer and a file: kpsec qkd import DEV peer NODE FILE (try "kpsec qkd import help")'
DELETE_NEEDS='kpsec: qkd delete needs a device, a peer and the keys to delete: kpsec qkd delete DEV peer NODE {all | id UUID [id UUID]...} (try "kpsec qkd delete help")'
NO_PEER='expected "peer NODE" after the device, not'

run qkd help
ok=$rc
for sub in import show delete status enc-keys dec-keys; do
	[[ $out == *"  $sub "* ]] || ok="$ok, not $sub"
done
[ "$ok" = 0 ] && [[ $out == "Usage: kpsec qkd "* ]] && [ -z "$err" ]
verdict $? "qkd help lists every qkd command" "exit $ok, stderr: $err"
for sub in import show delete status enc-keys dec-keys; do
	run qkd $sub help
	sub_help=$out
	run qkd $sub --help
	[ "$rc" = 0 ] && [ -z "$err" ] && [[ $sub_help == "Usage: kpsec qkd $sub"* ]] && [ "$out" = "$sub_help" ]
	verdict $? "help of qkd $sub (kpsec qkd $sub help)" "exit $rc, stdout: ${sub_help:0:80}, stderr: $err"
done
run -j qkd enc-keys help
[ "$rc" = 0 ] && [[ $out == "Usage: kpsec qkd enc-keys"* ]]
verdict $? "kpsec -j qkd enc-keys help" "exit $rc, stderr: $err"

expect_error "qkd: unknown command" 2 'kpsec: unknown qkd command "frobnicate" (try "kpsec qkd help")' qkd frobnicate
expect_error "qkd: unknown option" 2 'kpsec: unknown option "-x" (try "kpsec qkd help")' qkd -x
expect_error "qkd: flush is not a command" 2 'kpsec: unknown qkd command "flush" (try "kpsec qkd help")' qkd flush
# status, enc-keys and dec-keys get their own name as argv[0]: their messages say it.
for sub in status enc-keys dec-keys; do
	run qkd $sub
	[ "$rc" = 2 ] && [[ $err == "kpsec: $sub needs "* ]] && [ "$(echo "$err" | wc -l)" = 1 ] && [ -z "$out" ]
	verdict $? "qkd $sub is handed its own arguments" "exit $rc, stderr: $err"
done
run -j qkd status
[ "$rc" = 2 ] && [[ $err == "kpsec: status needs "* ]]
verdict $? "kpsec -j qkd status: -j reaches status" "exit $rc, stderr: $err"

expect_error "qkd import without arguments" 2 "$IMPORT_NEEDS" qkd import
expect_error "qkd import without a peer" 2 "$IMPORT_NEEDS" qkd import $OTHERDEV
expect_error "qkd import: node without \"peer\"" 2 \
	"kpsec: qkd import: $NO_PEER \"4\": kpsec qkd import DEV peer NODE FILE" qkd import $OTHERDEV 4 keys.json
expect_error "qkd import: file without a peer" 2 \
	"kpsec: qkd import: $NO_PEER \"keys.json\": kpsec qkd import DEV peer NODE FILE" qkd import $OTHERDEV keys.json
expect_error "qkd import: peer without its node" 2 'kpsec: peer needs a value: peer NODE (try "kpsec qkd import help")' \
	qkd import $OTHERDEV peer
expect_error "qkd import without a file" 2 \
	'kpsec: qkd import needs a file: kpsec qkd import DEV peer NODE FILE (try "kpsec qkd import help")' qkd import $OTHERDEV peer 4
for id in 0 4294967295 abc -1 1.5 0x10 ""; do
	expect_error "qkd import: bad node id \"$id\"" 2 "kpsec: invalid node id \"$id\": $NODE_SYNTAX" qkd import $OTHERDEV peer "$id" keys.json
done
expect_error "qkd import: extra argument" 2 'kpsec: unknown argument "more" (try "kpsec qkd import help")' \
	qkd import $OTHERDEV peer 4 keys.json more
expect_error "qkd import: an option" 2 'kpsec: unknown option "-x" (try "kpsec qkd import help")' qkd import -x peer 4 keys.json
expect_error "qkd import: -j" 2 'kpsec: -j applies to qkd show, status, enc-keys and dec-keys only' -j qkd import $OTHERDEV peer 4 keys.json

expect_error "qkd show: node without \"peer\"" 2 \
	"kpsec: qkd show: $NO_PEER \"4\": kpsec qkd show [DEV [peer NODE [ids]]]" qkd show $OTHERDEV 4
expect_error "qkd show: peer without its node" 2 'kpsec: peer needs a value: peer NODE (try "kpsec qkd show help")' qkd show $OTHERDEV peer
for id in 0 4294967295 abc; do
	expect_error "qkd show: bad node id \"$id\"" 2 "kpsec: invalid node id \"$id\": $NODE_SYNTAX" qkd show $OTHERDEV peer "$id"
done
expect_error "qkd show: unknown word after the node" 2 'kpsec: unknown argument "keys" (try "kpsec qkd show help")' \
	qkd show $OTHERDEV peer 4 keys
expect_error "qkd show: extra argument" 2 'kpsec: unknown argument "more" (try "kpsec qkd show help")' \
	qkd show $OTHERDEV peer 4 ids more
expect_error "qkd show: unknown option" 2 'kpsec: unknown option "-w" (try "kpsec qkd show help")' qkd show -w 1
expect_error "qkd show: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" qkd show $NODEV
expect_error "qkd show -j: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" -j qkd show $NODEV peer 4 ids

expect_error "qkd delete without arguments" 2 "$DELETE_NEEDS" qkd delete
expect_error "qkd delete without a node" 2 "$DELETE_NEEDS" qkd delete $OTHERDEV
expect_error "qkd delete: node without \"peer\"" 2 \
	"kpsec: qkd delete: $NO_PEER \"4\": kpsec qkd delete DEV peer NODE {all | id UUID [id UUID]...}" qkd delete $OTHERDEV 4 all
expect_error "qkd delete: bad node id" 2 "kpsec: invalid node id \"0\": $NODE_SYNTAX" qkd delete $OTHERDEV peer 0 all
expect_error "qkd delete without what to delete" 2 \
	'kpsec: qkd delete needs the keys to delete: all or id UUID [id UUID]... (try "kpsec qkd delete help")' qkd delete $OTHERDEV peer 4
expect_error "qkd delete: id without its value" 2 'kpsec: id needs a value: id UUID (try "kpsec qkd delete help")' \
	qkd delete $OTHERDEV peer 4 id
for id in xyz "" "{$UUID}" "${UUID//-/}" "${UUID:0:35}" "${UUID}0" "${UUID/3f/3g}" "${UUID:0:8}_${UUID:9}"; do
	expect_error "qkd delete: bad key ID \"$id\"" 2 "kpsec: invalid key ID \"$id\": expected a UUID, 8-4-4-4-12 hex digits" \
		qkd delete $OTHERDEV peer 4 id "$id"
done
expect_error "qkd delete: a key ID given twice (upper and lower case)" 2 "kpsec: key ID $UUID given twice" \
	qkd delete $OTHERDEV peer 4 id $UUID id "${UUID^^}"
expect_error "qkd delete: all and id" 2 'kpsec: all and id cannot be combined: choose one' qkd delete $OTHERDEV peer 4 all id $UUID
expect_error "qkd delete: all twice" 2 'kpsec: all given twice' qkd delete $OTHERDEV peer 4 all all
expect_error "qkd delete: unknown word" 2 'kpsec: unknown argument "everything" (try "kpsec qkd delete help")' \
	qkd delete $OTHERDEV peer 4 everything
mapfile -t many < <(for i in $(seq 1 1025); do printf 'id\n%08x-0000-4000-8000-000000000000\n' "$i"; done)
expect_error "qkd delete: more than 1024 key IDs" 2 'kpsec: more than 1024 key IDs: delete them in several commands' \
	qkd delete $OTHERDEV peer 4 "${many[@]}"
expect_error "qkd delete: 1024 key IDs reach the device check" 1 "kpsec: device \"$NODEV\" does not exist" \
	qkd delete $NODEV peer 4 "${many[@]:0:2048}"
expect_error "qkd delete all: nonexistent device" 1 "kpsec: device \"$NODEV\" does not exist" qkd delete $NODEV peer 4 all
expect_error "qkd delete: -j" 2 'kpsec: -j applies to qkd show, status, enc-keys and dec-keys only' -j qkd delete $OTHERDEV peer 4 all

# --- kpsec qkd import: key containers -------------------------------------

Q=$TMP/qkd
mkdir -p "$Q" "$Q/dir"
k16=$(hex_to_b64 000102030405060708090a0b0c0d0e0f)
k32=$(hex_to_b64 "$ALICE_PRIV")
k128=$(hex_to_b64 "$(printf '%s' "$ALICE_PRIV$ALICE_PUB$BOB_PRIV$BOB_PUB")")
k8=$(hex_to_b64 0001020304050607)
k129=$(hex_to_b64 "$(printf '%s' "$ALICE_PRIV$ALICE_PUB$BOB_PRIV$BOB_PUB")ff")
entry() { printf '{"key_ID":"%s","key":"%s"}' "$1" "$2"; }
container() { local IFS=,; printf '{"keys":[%s]}\n' "$*"; }
container "$(entry $UUID "$k32")" > "$Q/one"
container "$(entry $UUID "$k16")" "$(entry 00000000-0000-0000-0000-000000000001 "$k128")" > "$Q/sizes"
printf '{\n  "keys": [\n    {"key_ID": "%s",\n     "key": "%s"}\n  ]\n}\n' $UUID "$k32" > "$Q/pretty"
{ printf '{"keys":['; for i in $(seq 1 1024); do
	[ "$i" = 1 ] || printf ','
	printf '{"key_ID":"%08x-0000-4000-8000-000000000000","key":"%s"}' "$i" "$k128"
done; printf ']}\n'; } > "$Q/max"
for f in one sizes pretty max; do
	expect_error "qkd import: container accepted: $f" 1 "kpsec: device \"$NODEV\" does not exist" qkd import $NODEV peer 4 "$Q/$f"
done
STDIN=$Q/one expect_error "qkd import: container from standard input" 1 "kpsec: device \"$NODEV\" does not exist" \
	qkd import $NODEV peer 4 -

# qkd_container_file FILE N PREFIX: a container of N keys of 48 bytes
# (64 base64 characters, no padding), key IDs PREFIX-0000-4000-8000-%012x.
qkd_container_file() {
	local file=$1 n=$2 prefix=$3 all i sep=
	all=$(head -c $((n * 48)) /dev/urandom | base64 -w0)
	{
		printf '{"keys":['
		for ((i = 0; i < n; i++)); do
			printf '%s{"key_ID":"%s-0000-4000-8000-%012x","key":"%s"}' "$sep" "$prefix" "$i" "${all:i*64:64}"
			sep=,
		done
		printf ']}\n'
	} > "$file"
}

# The key IDs of a container made by qkd_container_file, in order.
qkd_container_ids() { grep -o '"key_ID":"[^"]*"' "$1" | cut -d'"' -f4; }

# container_error NAME MESSAGE CONTENT: CONTENT in file NAME is refused
# with MESSAGE, and the message quotes no key.
container_error() {
	local name=$1 msg=$2

	printf '%s' "$3" > "$Q/$name"
	run qkd import $NODEV peer 4 "$Q/$name"
	if [ "$rc" = 1 ] && [ "$err" = "kpsec: $Q/$name: $msg" ] && [ -z "$out" ] &&
	   [[ $err != *"$k32"* ]] && [[ $err != *"$k8"* ]] && [[ $err != *"$k129"* ]]; then
		pass "qkd import: container refused, nothing sent: $name"
	else
		fail "qkd import: container refused, nothing sent: $name" "exit $rc, stderr: $err
want: kpsec: $Q/$name: $msg"
	fi
}
container_error bad-base64 'keys[0]: key is not valid base64' "$(container "$(entry $UUID 'not base64!!')")"
container_error bad-padding 'keys[1]: key is not valid base64' \
	"$(container "$(entry $UUID "$k32")" "$(entry 00000000-0000-0000-0000-000000000001 "${k32%=}")")"
container_error short-key 'keys[0]: key is 64 bits: kpsec takes 128 to 1024 bits, whole bytes' "$(container "$(entry $UUID "$k8")")"
container_error long-key 'keys[0]: key is 1032 bits: kpsec takes 128 to 1024 bits, whole bytes' "$(container "$(entry $UUID "$k129")")"
container_error dup-id "keys[1]: key_ID $UUID given twice (keys[0])" \
	"$(container "$(entry $UUID "$k32")" "$(entry "${UUID^^}" "$k16")")"
container_error bad-id 'keys[0]: key_ID is not a UUID: expected 8-4-4-4-12 hex digits' "$(container "$(entry "${UUID//-/}" "$k32")")"
container_error no-keys '0 keys in the container: expected 1 to 1024' '{"keys":[]}'
container_error no-keys-array 'not a key container: no "keys" array' '{"key":[]}'
container_error keys-not-array 'not a key container: "keys" is not an array' '{"keys":{}}'
container_error not-object 'not a key container: expected a JSON object' '[]'
container_error no-key 'keys[0]: no key' "{\"keys\":[{\"key_ID\":\"$UUID\"}]}"
{ printf '{"keys":['; for i in $(seq 1 1025); do
	[ "$i" = 1 ] || printf ','
	printf '{"key_ID":"%08x-0000-4000-8000-000000000000","key":"%s"}' "$i" "$k16"
done; printf ']}'; } > "$Q/1025"
container_error 1025 '1025 keys in the container: expected 1 to 1024' "$(cat "$Q/1025")"
for text in 'not json' '' '{"keys":[' '{} {}' '{"keys":[]}x'; do
	printf '%s' "$text" > "$Q/not-json"
	run qkd import $NODEV peer 4 "$Q/not-json"
	[ "$rc" = 1 ] && [[ $err == "kpsec: $Q/not-json: not JSON: "* ]] && [ "$(echo "$err" | wc -l)" = 1 ] && [ -z "$out" ]
	verdict $? "qkd import: not JSON refused, nothing sent: \"$text\"" "exit $rc, stderr: $err"
done
STDIN=$Q/dup-id expect_error "qkd import: an error on standard input" 1 \
	"kpsec: <stdin>: keys[1]: key_ID $UUID given twice (keys[0])" qkd import $NODEV peer 4 -
expect_error "qkd import: file missing" 1 "kpsec: cannot open key container \"$Q/nope\": No such file or directory" \
	qkd import $OTHERDEV peer 4 "$Q/nope"
expect_error "qkd import: file is a directory" 1 "kpsec: cannot read key container \"$Q/dir\": Is a directory" \
	qkd import $OTHERDEV peer 4 "$Q/dir"
head -c 1048577 /dev/zero | tr '\0' ' ' > "$Q/huge"
expect_error "qkd import: file too long" 1 "kpsec: key container \"$Q/huge\" is too long: at most 1048576 bytes" \
	qkd import $OTHERDEV peer 4 "$Q/huge"
INLINE='kpsec: qkd import takes a file name, not keys: keys are never given on the command line (use a file, or - for standard input)'
expect_error "qkd import: a key instead of a file is refused, not echoed" 2 "$INLINE" qkd import $OTHERDEV peer 4 "$k32"
expect_error "qkd import: a container on the command line is refused, not echoed" 2 "$INLINE" \
	qkd import $OTHERDEV peer 4 "$(cat "$Q/one")"
expect_error "qkd import: a key as DEV is refused, not echoed" 2 \
	'kpsec: unknown argument that looks like a key: keys are never given on the command line (try "kpsec qkd import help")' \
	qkd import "$k32" peer 4 "$Q/one"

if [ "$module_loaded" = 0 ]; then
	expect_error "set qkd: kpsec family missing" 1 "$FAMILY_MISSING" set $OTHERDEV qkd hybrid
	expect_error "qkd import: kpsec family missing" 1 "$FAMILY_MISSING" qkd import $OTHERDEV peer 4 "$Q/one"
	expect_error "qkd delete: kpsec family missing" 1 "$FAMILY_MISSING" qkd delete $OTHERDEV peer 4 id $UUID
	for args in "" "$OTHERDEV" "$OTHERDEV peer 4" "$OTHERDEV peer 4 ids"; do
		# shellcheck disable=SC2086
		expect_error "qkd show $args: kpsec family missing" 1 "$FAMILY_MISSING" qkd show $args
	done
	expect_error "qkd alone runs show" 1 "$FAMILY_MISSING" qkd
	expect_error "-j qkd alone runs show" 1 "$FAMILY_MISSING" -j qkd
	expect_error "qkd -j runs show" 1 "$FAMILY_MISSING" qkd -j
else
	unavailable "qkd import: kpsec family missing" "kpsec module loaded"
fi

# --- rendering (replies built by qkd_fixture.c) ---------------------------

if [ ! -x "$FIXTURE" ]; then
	unavailable "qkd show: rendering" "no show_fixture built"
else
	fixture_golden qkd.expected "qkd show: policy and stores (merged across messages, sorted), key IDs, request split" \
		"qkd show: policy and stores, key IDs, request split" qkd qkd-peer qkd-ids qkd-batch
	fixture_malformed <<'EOF'
bad-qkd-store QKD store without a node id
bad-qkd-id QKD key ID attributes
EOF
	if command -v python3 > /dev/null; then
		if python3 - "$FIXTURE" > "$TMP/json.log" 2>&1 <<'EOF'
import json, re, subprocess, sys
run = lambda view: json.loads(subprocess.check_output([sys.argv[1], view]))
uuid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
dkeys = ["ifindex", "ifname", "qkd_mode", "qkd_on_empty", "qkd_max_age", "qkd_low_watermark", "stores"]
skeys = ["node_id", "available", "used", "added", "next_key_id", "next_key_bits", "refill_msecs", "key_ids"]
d = run("qkd-json")
assert [list(x) for x in d] == [dkeys, dkeys], d
assert [d[0][k] for k in dkeys[:6]] == [7, "kpsec0", "hybrid", "keep", 7200, 16], d[0]
assert [d[1][k] for k in dkeys[:7]] == [9, "kpsec1", None, None, None, None, []], d[1]
s = d[0]["stores"]
assert all(list(x) == skeys for x in s), s
assert [x["node_id"] for x in s] == [4, 9, 1000], s
assert s[0] == {"node_id": 4, "available": 1000, "used": 24, "added": 1024,
                "next_key_id": "02132435-4657-6879-8a9b-acbdcedff001", "next_key_bits": 256,
                "refill_msecs": 61500, "key_ids": None}, s[0]
assert s[1]["next_key_id"] is None and s[1]["next_key_bits"] is None and s[1]["available"] == 0
assert s[2]["next_key_bits"] == 1024 and uuid.match(s[2]["next_key_id"])
p = run("qkd-peer-json")
assert len(p) == 1 and [x["node_id"] for x in p[0]["stores"]] == [4] and p[0]["stores"][0]["key_ids"] is None, p
assert p[0]["stores"][0]["refill_msecs"] == 61700, p
i = run("qkd-ids-json")[0]["stores"][0]["key_ids"]
assert len(i) == 6 and len(set(i)) == 6 and all(uuid.match(x) for x in i), i
assert i[0] == run("qkd-ids-json")[0]["stores"][0]["next_key_id"], i
lines = subprocess.check_output([sys.argv[1], "qkd-ids"]).decode().splitlines()
assert lines == i, lines
EOF
		then
			pass "qkd show -j: stable keys, nulls, key IDs as lower-case UUIDs, oldest first"
		else
			fail "qkd show -j" "$(cat "$TMP/json.log")"
		fi
	else
		unavailable "qkd show -j" "no python3 to check the JSON"
	fi
	"$FIXTURE" text > "$TMP/text"
	grep -q '^  qkd mode: hybrid$' "$TMP/text" && grep -q '^  qkd on empty: keep$' "$TMP/text" &&
		grep -q '^  qkd max age: 7200 s$' "$TMP/text" && grep -q '^  qkd low watermark: 16$' "$TMP/text" &&
		grep -q '^  qkd mode: (unknown)$' "$TMP/text" && grep -q '^    qkd_expired        440$' "$TMP/text"
	verdict $? "show: the device's QKD policy and counters (unknown from an older kernel)" "$(cat "$TMP/text")"
fi

# --- import and delete against a fake kernel (qkd_import_fixture.c) ------

IMPORT_FIXTURE=$TMP/qkd_import_fixture
build_import_fixture() {
	local cflags libs

	command -v "${CC:-cc}" > /dev/null &&
		pkg-config --exists libnl-genl-3.0 json-c libsodium 2> /dev/null || return 1
	read -ra cflags <<< "$(pkg-config --cflags libnl-genl-3.0 json-c libsodium)"
	read -ra libs <<< "$(pkg-config --libs libnl-genl-3.0 json-c libsodium)"
	"${CC:-cc}" -D_GNU_SOURCE -O2 -Wall -Wextra -Werror \
		-I"$ROOT/tools/cli" -I"$ROOT/kmod/uapi" -I"$ROOT/lib" "${cflags[@]}" \
		"$ROOT"/selftests/cli/qkd_import_fixture.c \
		"$ROOT"/tools/cli/{device,format,json,kx,parse,qkd,qkd_store,show_qkd,table,util}.c \
		"$ROOT"/tools/qkd/container.c "$ROOT"/lib/{addr,base64,uuid}.c \
		"${libs[@]}" -o "$IMPORT_FIXTURE" 2> "$TMP/cc-import.log"
}
if ! build_import_fixture; then
	unavailable "qkd import and delete against a fake kernel" \
		"no C compiler, libnl, json-c or libsodium here: $(cat "$TMP/cc-import.log" 2> /dev/null)"
else
	# 1024 keys of 384 bits: two requests, 789 and 235 keys.
	qkd_container_file "$Q/big" 1024 bbbbbbb1
	qkd_container_file "$Q/three" 3 aaaaaaaa
	grep -ho '"key":"[^"]*"' "$Q/big" "$Q/three" | cut -d'"' -f4 > "$Q/secrets"
	while read -r scenario args; do
		echo "--- $scenario $args"
		# shellcheck disable=SC2086
		(cd "$Q" && "$IMPORT_FIXTURE" $scenario $args 2>&1)
	done > "$TMP/import.out" <<'EOF'
- qkd import lo peer 7 big
prefill-3 qkd import lo peer 7 big
fail-add-1 qkd import lo peer 7 big
fail-add-2 qkd import lo peer 7 big
fail-add-2,use-on-fail qkd import lo peer 7 big
fail-add-2,fail-del qkd import lo peer 7 big
prefill-3 qkd import lo peer 7 three
prefill-3073 qkd import lo peer 7 big
prefill-3072 qkd import lo peer 7 big
prefill-3 qkd delete lo peer 7 id aaaaaaaa-0000-4000-8000-000000000001 id aaaaaaaa-0000-4000-8000-0000000000ff
prefill-3 qkd delete lo peer 7 id aaaaaaaa-0000-4000-8000-000000000001 id AAAAAAAA-0000-4000-8000-000000000002
prefill-3 qkd delete lo peer 7 all
- qkd delete lo peer 7 id aaaaaaaa-0000-4000-8000-000000000001
EOF
	if diff -u "$ROOT/selftests/cli/qkd_import.expected" "$TMP/import.out" > "$TMP/diff"; then
		pass "qkd import, delete: all or nothing against a fake kernel (split, refused, rolled back)"
	else
		fail "qkd import, delete: all or nothing against a fake kernel" "$(cat "$TMP/diff")"
	fi
	! grep -qF -f "$Q/secrets" "$TMP/import.out"
	verdict $? "qkd import: no key in any output or message" "$(grep -cF -f "$Q/secrets" "$TMP/import.out") lines hold a key"
	# 1200 key IDs come over three messages: all of them, in order.
	"$IMPORT_FIXTURE" prefill-1200 qkd show lo peer 7 ids > "$TMP/ids" 2>&1
	for i in $(seq 0 1199); do printf 'aaaaaaaa-0000-4000-8000-%012x\n' "$i"; done > "$TMP/ids.want"
	[ "$(sed -n '2,1201p' "$TMP/ids")" = "$(cat "$TMP/ids.want")" ] && [ "$(wc -l < "$TMP/ids")" = 1202 ]
	verdict $? "qkd show peer ids: key IDs continued over several messages, oldest first" "$(head -3 "$TMP/ids")"
fi

# --- kpsec qkd watch: the command line and its configuration file --------

W=$TMP/watch-conf
mkdir -p "$W"
: >"$W/c.crt"; : >"$W/ca.crt"; : >"$W/c.key"
chmod 600 "$W/c.key"
printf '[KME]\nURL = https://192.0.2.1:8443\nCertificate = c.crt\nPrivateKey = c.key\nCA = ca.crt\n' >"$W/kme.conf"
WATCH_OK='[Watch]
Device = '"$NODEV"'
KME = kme.conf
[Peer]
Node = 2
SAE = sae-2
Address = 10.42.0.2'

expect_error "qkd watch without CONF" 2 'kpsec: qkd watch needs CONF (try "kpsec qkd watch help")' qkd watch
expect_error "qkd watch with more than CONF" 2 'kpsec: qkd watch takes only CONF (try "kpsec qkd watch help")' \
	qkd watch "$W/a.conf" extra
expect_error "qkd watch takes no -j" 2 'kpsec: -j applies to qkd show, status, enc-keys and dec-keys only' \
	-j qkd watch "$W/a.conf"
run qkd watch help
[ "$rc" = 0 ] && [[ $out == "Usage: kpsec qkd watch CONF"* ]]
verdict $? "qkd watch help" "exit $rc, stdout: ${out:0:80}"
expect_error "qkd watch: a missing file" 1 \
	"kpsec: cannot open watch configuration file \"$W/none.conf\": No such file or directory" qkd watch "$W/none.conf"
printf '%s\n' "$WATCH_OK" >"$W/ok.conf"
expect_error "qkd watch: a valid file gets as far as the device" 1 "kpsec: device \"$NODEV\" does not exist" \
	qkd watch "$W/ok.conf"

# watch_error DESC LINE MESSAGE TEXT: the configuration TEXT is refused with
# "FILE:LINE: MESSAGE", exit status 1.
watch_error() {
	printf '%s\n' "$4" >"$W/bad.conf"
	expect_error "qkd watch refuses $1" 1 "kpsec: $W/bad.conf:$2: $3" qkd watch "$W/bad.conf"
}
peer='[Peer]
Node = 2
SAE = sae-2
Address = 10.42.0.2'
head="[Watch]
Device = $NODEV
KME = kme.conf"
watch_error "an unknown section" 1 'unknown section: expected [Watch] or [Peer]' '[Node]'
watch_error "a malformed header" 1 'malformed section header: expected [Watch] or [Peer]' '[Watch'
watch_error "a line without =" 2 "no '=' in the line: expected KEY = VALUE or a section header" $'[Watch]\nDevice'
watch_error "a key outside a section" 1 'KEY = VALUE outside a section: start with [Watch]' 'Device = x'
watch_error "an unknown [Watch] key" 4 \
	'unknown key "Lo" in [Watch]: expected Device, KME, Low, Batch, KeySize, Interval or Port' "$head"$'\nLo = 3'
watch_error "an unknown [Peer] key" 5 \
	'unknown key "Sae2" in [Peer]: expected Node, SAE, Address, BootstrapAddress or Port' $'[Peer]\nNode = 2\nSAE = a\nAddress = 10.0.0.1\nSae2 = b'
watch_error "a key given twice" 4 'Device given twice (line 2)' "$head"$'\nDevice = kpsec1'
watch_error "a key without value" 4 'Low has no value' "$head"$'\nLow ='
for v in 0 4096 -1 abc 1.5; do
	watch_error "Low $v" 4 "invalid Low \"$v\": expected a whole number from 1 to 4095" "$head"$'\nLow = '"$v"
done
for v in 0 1025; do
	watch_error "Batch $v" 4 "invalid Batch \"$v\": expected a whole number from 1 to 1024" "$head"$'\nBatch = '"$v"
done
for v in 120 1032; do
	watch_error "KeySize $v" 4 "invalid KeySize \"$v\": expected a whole number from 128 to 1024" \
		"$head"$'\nKeySize = '"$v"
done
watch_error "KeySize 260" 4 'invalid KeySize 260: not a multiple of 8 bits' "$head"$'\nKeySize = 260'
watch_error "Interval 0" 4 'invalid Interval "0": expected a whole number from 1 to 3600' "$head"$'\nInterval = 0'
watch_error "Port 65536" 4 'invalid Port "65536": expected a whole number from 1 to 65535' "$head"$'\nPort = 65536'
watch_error "a Device name too long" 2 'invalid Device "abcdefghijklmnopq": not a network device name' \
	$'[Watch]\nDevice = abcdefghijklmnopq'
watch_error "Node 0" 5 'invalid Node "0": expected a whole number from 1 to 4294967294' "$head"$'\n[Peer]\nNode = 0'
watch_error "a node given two [Peer] sections" 9 'node 2 has a [Peer] section already (line 4)' \
	"$head"$'\n'"$peer"$'\n'"$peer"
watch_error "a bad SAE ID" 6 \
	'invalid SAE ".x": 1 to 255 of A-Z a-z 0-9 - . _ ~, not starting with '"'"'.'"'" \
	"$head"$'\n[Peer]\nNode = 2\nSAE = .x'
watch_error "a bad Address" 7 'invalid Address "10.42.0": expected an IPv4 or IPv6 address' \
	"$head"$'\n[Peer]\nNode = 2\nSAE = a\nAddress = 10.42.0'
watch_error "a bad BootstrapAddress" 8 'invalid BootstrapAddress "fe80::1%wlan0": expected an IPv4 or IPv6 address' \
	"$head"$'\n'"$peer"$'\nBootstrapAddress = fe80::1%wlan0'
watch_error "a [Peer] without Address" 4 '[Peer] has no Address: Node, SAE and Address are required' \
	"$head"$'\n[Peer]\nNode = 2\nSAE = a'
watch_error "no [Watch]" 1 'no [Watch] section: expected [Watch] with Device and KME' "$peer"
watch_error "[Watch] without KME" 1 '[Watch] has no KME: Device and KME are required' \
	$'[Watch]\nDevice = x\n'"$peer"
watch_error "no [Peer]" 1 'no [Peer] section: nothing to watch' "$head"
printf '%s\n' "${WATCH_OK/kme.conf/nokme.conf}" >"$W/nokme.conf.watch"
expect_error "qkd watch: the KMECONF it names must exist" 1 \
	"kpsec: cannot open KME configuration file \"$W/nokme.conf\": No such file or directory" \
	qkd watch "$W/nokme.conf.watch"

# --- with the kernel module: run.sh's kernel_cases calls this ------------

# qkd_kernel_cases DEV: DEV is a kpsec device with node ID 5 and peer 7,
# and the default QKD policy.
qkd_kernel_cases() {
	local dev=$1 q=$TMP/kernel-qkd first want
	mkdir -p "$q"
	qkd_container_file "$q/three" 3 aaaaaaaa
	qkd_container_file "$q/overlap" 2 aaaaaaaa	# the first two of three again
	qkd_container_file "$q/big1" 1024 bbbbbbb1
	qkd_container_file "$q/big2" 1024 bbbbbbb2
	qkd_container_file "$q/big3" 1024 bbbbbbb3
	qkd_container_file "$q/big4" 1024 bbbbbbb4
	first=aaaaaaaa-0000-4000-8000-000000000000

	run qkd import $dev peer 7 "$q/three"
	[ "$rc" = 0 ] && [ -z "$err" ] && [ "$out" = "$dev: imported 3 keys for node 7 (3 stored)" ]
	verdict $? "kernel: qkd import" "exit $rc, stdout: $out, stderr: $err"
	run qkd show $dev peer 7 ids
	want=$(qkd_container_ids "$q/three")
	[ "$rc" = 0 ] && [ "$out" = "$want" ]
	verdict $? "kernel: qkd show peer ids: the key IDs, oldest first" "exit $rc, stdout: $out, want: $want, stderr: $err"
	run qkd import $dev peer 7 "$q/overlap"
	[ "$rc" = 1 ] && [ -z "$out" ] &&
		[ "$err" = "kpsec: $dev: node 7's store already holds key ID $first and 1 more of these keys: nothing imported" ]
	verdict $? "kernel: qkd import of key IDs already stored is refused" "exit $rc, stderr: $err"
	run qkd show $dev peer 7 ids
	[ "$out" = "$want" ]
	verdict $? "kernel: a refused import changes nothing" "stdout: $out"
	run qkd show $dev
	[ "$rc" = 0 ] && [[ $out == *"  qkd mode: off, on empty: refuse, max age: 3600 s, low watermark: 8"* ]] &&
		[[ $out == *$'\n'"  7             3     0      3  $first   384  "*" ago"* ]]
	verdict $? "kernel: qkd show: the policy and the store" "exit $rc, stdout: $out, stderr: $err"
	if command -v python3 > /dev/null; then
		run -j qkd show $dev
		echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d) == 1 and d[0]["ifname"] == sys.argv[1], d
assert [d[0][k] for k in ("qkd_mode", "qkd_on_empty", "qkd_max_age", "qkd_low_watermark")] == ["off", "refuse", 3600, 8], d
s = [x for x in d[0]["stores"] if x["node_id"] == 7]
assert len(s) == 1 and (s[0]["available"], s[0]["used"], s[0]["added"]) == (3, 0, 3), s
assert s[0]["next_key_id"] == sys.argv[2] and s[0]["next_key_bits"] == 384 and s[0]["key_ids"] is None, s
assert isinstance(s[0]["refill_msecs"], int), s' $dev $first 2> "$TMP/err"
		verdict $? "kernel: qkd show -j" "$(cat "$TMP/err")"
	fi

	run qkd delete $dev peer 7 id aaaaaaaa-0000-4000-8000-0000000000ff id $first
	[ "$rc" = 1 ] && [ -z "$out" ] &&
		[ "$err" = "kpsec: $dev: node 7's store holds no key with ID aaaaaaaa-0000-4000-8000-0000000000ff: nothing deleted" ]
	verdict $? "kernel: qkd delete of a key ID not stored names it, deletes nothing" "exit $rc, stderr: $err"
	expect_ok "kernel: qkd delete id" qkd delete $dev peer 7 id $first
	run qkd show $dev peer 7 ids
	[ "$out" = "$(qkd_container_ids "$q/three" | tail -n 2)" ]
	verdict $? "kernel: qkd delete id deletes that key only" "stdout: $out"

	# 1024 keys of 384 bits take two requests (789 + 235).
	run qkd import $dev peer 7 "$q/big1"
	[ "$rc" = 0 ] && [ -z "$err" ] && [ "$out" = "$dev: imported 1024 keys for node 7 (1026 stored)" ]
	verdict $? "kernel: qkd import of 1024 keys in two requests" "exit $rc, stdout: $out, stderr: $err"
	run qkd show $dev peer 7 ids
	[ "$out" = "$(qkd_container_ids "$q/three" | tail -n 2; qkd_container_ids "$q/big1")" ]
	verdict $? "kernel: the keys of both requests are in, in order" "$(echo "$out" | wc -l) key IDs"
	run qkd import $dev peer 7 "$q/big2"
	run qkd import $dev peer 7 "$q/big3"
	[ "$rc" = 0 ] && [ "$out" = "$dev: imported 1024 keys for node 7 (3074 stored)" ]
	verdict $? "kernel: qkd import up to 3074 keys" "exit $rc, stdout: $out, stderr: $err"
	run qkd import $dev peer 7 "$q/big4"
	[ "$rc" = 1 ] && [ -z "$out" ] &&
		[ "$err" = "kpsec: $dev: node 7's store holds 3074 keys: 1024 more would pass its 4096: nothing imported" ]
	verdict $? "kernel: qkd import past 4096 keys is refused" "exit $rc, stderr: $err"
	run qkd import $dev peer 5 "$q/three"
	[ "$rc" = 1 ] && [[ $err == "kpsec: $dev: "* ]] && [ "$(echo "$err" | wc -l)" = 1 ] && [ -z "$out" ]
	verdict $? "kernel: qkd import for this node itself is refused" "exit $rc, stderr: $err"
	expect_ok "kernel: qkd delete all" qkd delete $dev peer 7 all
	run qkd show $dev peer 7 ids
	[ "$rc" = 0 ] && [ -z "$out" ]
	verdict $? "kernel: qkd delete all leaves no key" "exit $rc, stdout: $(echo "$out" | wc -l) lines, stderr: $err"
	expect_ok "kernel: qkd delete all of a node without keys" qkd delete $dev peer 9 all

	expect_ok "kernel: set the QKD policy" set $dev qkd hybrid qkd-on-empty keep qkd-max-age 600 qkd-low-watermark 4
	run show $dev
	[ "$rc" = 0 ] && [[ $out == *"  qkd mode: hybrid"$'\n'"  qkd on empty: keep"$'\n'"  qkd max age: 600 s"$'\n'"  qkd low watermark: 4"$'\n'* ]] &&
		[[ $out == *"    qkd_keys_used "* ]] && [[ $out == *"    qkd_expired "* ]]
	verdict $? "kernel: show reflects the QKD policy, has the QKD counters" "exit $rc, stdout: $out, stderr: $err"
	run set $dev qkd-max-age 60
	[ "$rc" = 1 ] && [[ $err == "kpsec: $dev: "*"qkd-max-age"* ]] && [ "$(echo "$err" | wc -l)" = 1 ]
	verdict $? "kernel: qkd-max-age under rekey-after-time is refused while QKD is on" "exit $rc, stderr: $err"
	run qkd show $dev
	[[ $out == *"  qkd mode: hybrid, on empty: keep, max age: 600 s, low watermark: 4"* ]]
	verdict $? "kernel: a refused QKD policy changes nothing" "stdout: $out"
	expect_ok "kernel: set qkd off" set $dev qkd off qkd-on-empty refuse qkd-max-age 3600 qkd-low-watermark 8
	run show $dev sessions
	[ "$rc" = 0 ] && [[ ${out%%$'\n'*} == *"  LAST ERROR"*"  QKD"*"  QKD KEY ID" ]]
	verdict $? "kernel: show sessions has the QKD columns" "exit $rc, stdout: $out, stderr: $err"
}
