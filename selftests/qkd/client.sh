#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of the ETSI GS QKD 014 client of kpsec ("kpsec qkd status",
# "enc-keys", "dec-keys"), KTAP output.  Host only: no kernel module.
#
# They run tools/kpsec against the test KME tools/kpsec-kme: two
# endpoints of one process (KME-A for sae-1, KME-B for sae-2 and sae-3),
# a test PKI it makes, and one more KME process for each --fault.  What
# kpsec-kme cannot be made to send (a dec_keys reply under other key IDs,
# a cut key container after a good status, duplicate key IDs, mistyped
# status fields, HTTP 500) comes from selftests/qkd/fake_kme.py.  Each
# failure case checks the exit status, the one stderr line, that nothing
# was printed and that no key file was written; selftests/qkd/etsi_probe.c
# checks the return code the library gives for it, as the watch mode
# sees it.  A missing prerequisite (kpsec, kpsec-kme, python3, openssl,
# a C compiler, libcurl or json-c) is a failure, never a skip.
#
# Usage: [KPSEC=path/to/kpsec] [KPSEC_KME=path/to/kpsec-kme] selftests/qkd/client.sh
set -u
export LC_ALL=C
umask 077

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KPSEC=${KPSEC:-$ROOT/tools/kpsec}
KME=${KPSEC_KME:-$ROOT/tools/kpsec-kme}
TMP=$(mktemp -d)
PIDS=()

cleanup() {
	local pid

	for pid in ${PIDS[@]+"${PIDS[@]}"}; do
		kill "$pid" 2> /dev/null
		wait "$pid" 2> /dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

# shellcheck source=selftests/qkd/ktap-lib.sh
. "$ROOT/selftests/qkd/ktap-lib.sh"

# run [ARGS...]: kpsec ARGS with stdin from $STDIN (default /dev/null),
# in $TMP; sets $rc, $out and $err.
run() {
	(cd "$TMP" && "$KPSEC" "$@") < "${STDIN:-/dev/null}" > "$TMP/stdout" 2> "$TMP/stderr"
	rc=$?
	out=$(cat "$TMP/stdout")
	err=$(cat "$TMP/stderr")
}

# expect_fail DESC RC MESSAGE ARGS...: kpsec ARGS exits RC with exactly
# the one stderr line MESSAGE, prints nothing, and writes no $TMP/out.json
# (the key file of every failing case).  expect_fail_like: MESSAGE is a
# glob pattern.
expect_fail() { GLOB=0 expect_failure "$@"; }
expect_fail_like() { GLOB=1 expect_failure "$@"; }
expect_failure() {
	local desc=$1 want_rc=$2 want=$3 match
	shift 3
	rm -f "$TMP/out.json"
	run "$@"
	if [ "$GLOB" = 1 ]; then
		[[ $err == $want ]] && [[ $err != *$'\n'* ]]
	else
		[ "$err" = "$want" ]
	fi
	match=$?
	if [ "$rc" = "$want_rc" ] && [ $match = 0 ] && [ -z "$out" ] && [ ! -e "$TMP/out.json" ]; then
		pass "$desc"
	else
		fail "$desc" "kpsec $*: exit $rc (want $want_rc), stdout: $out
stderr: $err
want:   $want$([ -e "$TMP/out.json" ] && echo "
and out.json was written")"
	fi
}

# probe DESC CLASS KMECONF ARGS...: the library returns CLASS (ETSI_E_...).
probe() {
	local desc=$1 want=$2 got
	shift 2
	got=$(cd "$TMP" && "$PROBE" "$@" 2>&1 | head -1)
	[ "$got" = "$want" ]
	verdict $? "library: $desc returns $want" "etsi_probe $*: $got"
}

missing=
[ -x "$KPSEC" ] || missing+=" $KPSEC (make -C tools)"
[ -x "$KME" ] || missing+=" $KME (make -C tools)"
command -v python3 > /dev/null || missing+=" python3"
command -v openssl > /dev/null || missing+=" openssl"
command -v cc > /dev/null || missing+=" cc"
pkg-config --exists libcurl json-c 2> /dev/null || missing+=" libcurl json-c (pkg-config)"
if [ -n "$missing" ]; then
	fail "prerequisites" "missing:$missing"
	finish
fi

PROBE=$TMP/etsi_probe
if ! cc -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -I"$ROOT/tools/qkd" -I"$ROOT/lib" \
	$(pkg-config --cflags libcurl json-c) -o "$PROBE" "$ROOT/selftests/qkd/etsi_probe.c" \
	"$ROOT/tools/qkd/etsi014.c" "$ROOT/tools/qkd/kmeconf.c" "$ROOT/tools/qkd/ini.c" "$ROOT/tools/qkd/container.c" "$ROOT/lib/base64.c" "$ROOT/lib/uuid.c" \
	$(pkg-config --libs libcurl json-c) 2> "$TMP/cc.log"; then
	fail "build etsi_probe" "$(cat "$TMP/cc.log")"
	finish
fi

# Two PKIs: ours, and another CA with a KME and an SAE of its own.
if ! "$KME" pki "$TMP/pki" kme-a=127.0.0.1 kme-b=127.0.0.1 sae-1 sae-2 sae-3 > "$TMP/pki.log" 2>&1 ||
   ! "$KME" pki "$TMP/pki2" kme-a=127.0.0.1 intruder > "$TMP/pki2.log" 2>&1; then
	fail "kpsec-kme pki" "$(cat "$TMP/pki.log" "$TMP/pki2.log")"
	finish
fi
chmod 600 "$TMP"/pki*/*.key

# conf FILE PORT SAE [CA [TIMEOUT]]: a KMECONF for SAE at 127.0.0.1:PORT,
# with paths relative to FILE's directory (all of them in $TMP).
conf() {
	cat > "$1" <<-EOF
	# written by selftests/qkd/client.sh
	[KME]
	URL = https://127.0.0.1:$2
	Certificate = pki/$3.crt
	PrivateKey = pki/$3.key
	CA = ${4:-pki/ca.crt}
	Timeout = ${5:-5}
	EOF
}

# start_kme NAME [SERVE OPTIONS...]: kpsec-kme with endpoints KME-A and
# KME-B; writes $TMP/NAME-{a,b,c}.conf for sae-1 at A, sae-2 and sae-3
# at B.  Ports are random; a port taken means another try.
start_kme() {
	local name=$1 try port pid i
	shift
	for try in 1 2 3 4 5 6 7 8; do
		port=$((20000 + RANDOM % 40000))
		rm -f "$TMP/$name.ready"
		"$KME" serve --ca "$TMP/pki/ca.crt" \
			--listen 127.0.0.1:$port --cert "$TMP/pki/kme-a.crt" --key "$TMP/pki/kme-a.key" --kme-id KME-A \
			--listen 127.0.0.1:$((port + 1)) --cert "$TMP/pki/kme-b.crt" --key "$TMP/pki/kme-b.key" --kme-id KME-B \
			--ready-file "$TMP/$name.ready" --log "$TMP/$name.log" "$@" > "$TMP/$name.out" 2>&1 &
		pid=$!
		for i in $(seq 50); do
			[ -s "$TMP/$name.ready" ] && break
			kill -0 $pid 2> /dev/null || break
			sleep 0.1
		done
		if [ -s "$TMP/$name.ready" ]; then
			PIDS+=($pid)
			conf "$TMP/$name-a.conf" $port sae-1
			conf "$TMP/$name-b.conf" $((port + 1)) sae-2
			conf "$TMP/$name-c.conf" $((port + 1)) sae-3
			eval "${name//-/_}_pid=$pid; ${name//-/_}_port=$port"
			return 0
		fi
		kill $pid 2> /dev/null
		wait $pid 2> /dev/null
	done
	fail "start kpsec-kme $name" "$(cat "$TMP/$name.out")"
	return 1
}

# start_fake MODE: selftests/qkd/fake_kme.py in MODE; writes $TMP/fake-MODE.conf.
start_fake() {
	local mode=$1 i pid
	python3 "$ROOT/selftests/qkd/fake_kme.py" "$mode" "$TMP/pki/ca.crt" "$TMP/pki/kme-a.crt" \
		"$TMP/pki/kme-a.key" "$TMP/fake-$mode.port" > "$TMP/fake-$mode.out" 2>&1 &
	pid=$!
	for i in $(seq 100); do
		[ -s "$TMP/fake-$mode.port" ] && break
		kill -0 $pid 2> /dev/null || break
		sleep 0.1
	done
	if [ ! -s "$TMP/fake-$mode.port" ]; then
		fail "start fake KME $mode" "$(cat "$TMP/fake-$mode.out")"
		kill $pid 2> /dev/null
		return 1
	fi
	PIDS+=($pid)
	conf "$TMP/fake-$mode.conf" "$(cat "$TMP/fake-$mode.port")" sae-1
}

# Fields of a key container: "ID BYTES" a line, in order.
container_fields() {
	python3 -c '
import base64, json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["keys"], d.keys()
for k in d["keys"]:
    assert sorted(k) == ["key", "key_ID"], k.keys()
    print(k["key_ID"], len(base64.b64decode(k["key"], validate=True)))' "$1"
}

# --- help and the command line -------------------------------------------

for sub in status enc-keys dec-keys; do
	run qkd $sub help
	[ "$rc" = 0 ] && [[ $out == "Usage: kpsec qkd $sub KMECONF "* ]] && [ -z "$err" ]
	verdict $? "qkd $sub help" "exit $rc, stdout: $out, stderr: $err"
done
# kpsec-qkd(8) gives each synopsis exactly as the help does.
usage_forms() {
	sed -n '1,/^$/p' | sed 's/^Usage: /       /' |
		awk '/^       kpsec / { if (f != "") print f; f = $0; next }
		     /^ *$/ { next }
		     { f = f " " $0 }
		     END { if (f != "") print f }' | tr -s ' ' | sed 's/^ //'
}
for sub in status enc-keys dec-keys; do
	run qkd $sub help
	want=$(echo "$out" | usage_forms)
	got=$(sed -n "s/^\.SS \(kpsec qkd ${sub/-/\\\\-} .*\)$/\1/p" "$ROOT/Documentation/kpsec-qkd.8" | sed 's/\\-/-/g' | tr -s ' ')
	[ -n "$want" ] && [ "$got" = "$want" ]
	verdict $? "kpsec-qkd(8) synopsis of qkd $sub is its help's usage" "help: $want
man:  $got"
done

run qkd enc-keys --help
[ "$rc" = 0 ] && [[ $out == "Usage: kpsec qkd enc-keys"* ]]
verdict $? "qkd enc-keys --help" "exit $rc, stderr: $err"

U1=bc490419-7d60-487f-adc1-4ddcc177c139
U2=0f4a7c2e-1111-4222-8333-944455556666
expect_fail "status without arguments" 2 'kpsec: status needs a KME configuration file and an SAE ID: kpsec qkd status KMECONF SAE_ID (try "kpsec qkd status help")' qkd status
expect_fail "status without SAE ID" 2 'kpsec: status needs a KME configuration file and an SAE ID: kpsec qkd status KMECONF SAE_ID (try "kpsec qkd status help")' qkd status k.conf
expect_fail "status: extra argument" 2 'kpsec: unknown argument "more" (try "kpsec qkd status help")' qkd status k.conf sae-2 more
expect_fail "status: unknown option" 2 'kpsec: unknown option "-x" (try "kpsec qkd status help")' qkd status -x k.conf sae-2
for id in "a/b" ".." "" "sae 2" "sae%2f" "$(printf 'x%.0s' {1..256})"; do
	expect_fail "bad SAE ID \"${id:0:20}\"" 2 "kpsec: invalid SAE ID \"$id\": expected 1 to 255 letters, digits, '-', '_', '.' or '~', not starting with '.'" qkd status k.conf "$id"
done
expect_fail "enc-keys without a destination" 2 'kpsec: enc-keys needs where the keys go: out FILE or dev DEV peer NODE (try "kpsec qkd enc-keys help")' qkd enc-keys k.conf sae-2
expect_fail "enc-keys without SAE ID" 2 'kpsec: enc-keys needs a KME configuration file and the slave SAE ID: kpsec qkd enc-keys KMECONF SLAVE_SAE_ID ... (try "kpsec qkd enc-keys help")' qkd enc-keys k.conf
for n in 0 1025 -1 abc 1.5 ""; do
	expect_fail "enc-keys: bad number \"$n\"" 2 "kpsec: invalid number \"$n\": expected a decimal number from 1 to 1024" qkd enc-keys k.conf sae-2 number "$n" out out.json
done
for s in 0 120 127 129 1032 2048 abc; do
	expect_fail "enc-keys: bad size \"$s\"" 2 "kpsec: invalid size \"$s\": expected bits from 128 to 1024, a multiple of 8" qkd enc-keys k.conf sae-2 size "$s" out out.json
done
expect_fail "enc-keys: number without a value" 2 'kpsec: number needs a value: number N (try "kpsec qkd enc-keys help")' qkd enc-keys k.conf sae-2 out out.json number
expect_fail "enc-keys: size given twice" 2 'kpsec: size given twice' qkd enc-keys k.conf sae-2 size 256 size 256 out out.json
expect_fail "enc-keys: keys to standard output" 2 'kpsec: keys are never written to standard output: out takes a file name' qkd enc-keys k.conf sae-2 out -
expect_fail "enc-keys: out and dev" 2 'kpsec: out and dev cannot be combined: choose one' qkd enc-keys k.conf sae-2 out out.json dev kpsec0 peer 2
expect_fail "enc-keys: dev without peer" 2 'kpsec: dev needs a peer: dev DEV peer NODE (try "kpsec qkd enc-keys help")' qkd enc-keys k.conf sae-2 dev kpsec0
expect_fail "enc-keys: peer without dev" 2 'kpsec: peer belongs to dev: dev DEV peer NODE (try "kpsec qkd enc-keys help")' qkd enc-keys k.conf sae-2 peer 2 out out.json
expect_fail "enc-keys: bad peer" 2 'kpsec: invalid node id "0": expected a decimal number from 1 to 4294967294' qkd enc-keys k.conf sae-2 dev kpsec0 peer 0
expect_fail "enc-keys: unknown argument" 2 'kpsec: unknown argument "ids" (try "kpsec qkd enc-keys help")' qkd enc-keys k.conf sae-2 ids x out out.json
KEYLIKE=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
expect_fail "a key as KMECONF is refused, not echoed" 2 'kpsec: enc-keys takes a KME configuration file, not a key: keys are never given on the command line' qkd enc-keys $KEYLIKE sae-2 out out.json
expect_fail "a key as ids FILE is refused, not echoed" 2 'kpsec: ids takes a file name, not a key: keys are never given on the command line' qkd dec-keys k.conf sae-1 ids $KEYLIKE out out.json
expect_fail "a key as an argument is refused, not echoed" 2 'kpsec: unknown argument that looks like a key: keys are never given on the command line (try "kpsec qkd enc-keys help")' qkd enc-keys k.conf sae-2 $KEYLIKE
expect_fail "dec-keys without key IDs" 2 'kpsec: dec-keys needs the key IDs: ids FILE or id UUID [id UUID]... (try "kpsec qkd dec-keys help")' qkd dec-keys k.conf sae-1 out out.json
expect_fail "dec-keys: bad key ID" 2 'kpsec: invalid key ID "1234": expected a UUID, 8-4-4-4-12 hex digits' qkd dec-keys k.conf sae-1 id 1234 out out.json
expect_fail "dec-keys: key ID given twice (either case)" 2 "kpsec: key ID $U1 given twice" qkd dec-keys k.conf sae-1 id $U1 id ${U1^^} out out.json
expect_fail "dec-keys: ids and id" 2 'kpsec: ids and id cannot be combined: choose one' qkd dec-keys k.conf sae-1 id $U1 ids x out out.json
expect_fail "dec-keys: number is not its keyword" 2 'kpsec: unknown argument "number" (try "kpsec qkd dec-keys help")' qkd dec-keys k.conf sae-1 number 2 id $U1 out out.json

# --- KMECONF files ---------------------------------------------------------

start_kme good --initial 65536 --rate 0 --max-keys-per-request 8 || finish
A=$TMP/good-a.conf B=$TMP/good-b.conf C=$TMP/good-c.conf
PORT=$good_port

# badconf NAME LINE MESSAGE < text: the KMECONF is refused at LINE.
badconf() {
	local name=$1 line=$2 msg=$3
	cat > "$TMP/$name.conf"
	expect_fail "KMECONF: $name" 1 "kpsec: $TMP/$name.conf:$line: $msg" qkd status "$TMP/$name.conf" sae-2
}
good_lines() { printf '[KME]\nURL = https://127.0.0.1:%s\nCertificate = pki/sae-1.crt\nPrivateKey = pki/sae-1.key\nCA = pki/ca.crt\n' $PORT; }

good_lines | sed 's#https://#http://#' | badconf http-url 2 "URL must start with https://: the KME is reached over HTTPS only"
good_lines | sed '/^CA/d' | badconf no-ca 1 "[KME] has no CA: URL, Certificate, PrivateKey and CA are required"
good_lines | sed '/^URL/d' | badconf no-url 1 "[KME] has no URL: URL, Certificate, PrivateKey and CA are required"
{ echo "# nothing but comments"; echo; } | badconf no-section 1 "no [KME] section: expected [KME] with URL, Certificate, PrivateKey and CA"
{ good_lines; echo "Retries = 3"; } | badconf unknown-key 6 'unknown key "Retries" in [KME]: expected URL, Certificate, PrivateKey, CA or Timeout'
{ good_lines; echo "[SAE]"; } | badconf unknown-section 6 "unknown section: expected [KME]"
{ echo "URL = https://127.0.0.1:1"; good_lines; } | badconf outside-section 1 "KEY = VALUE outside a section: start with [KME]"
{ good_lines; echo "just words"; } | badconf no-equals 6 "no '=' in the line: expected KEY = VALUE or a section header"
{ good_lines; echo "url = https://127.0.0.1:1"; } | badconf url-twice 6 "URL given twice (line 2)"
{ good_lines; echo "Timeout = 0"; } | badconf timeout-0 6 'invalid Timeout "0": expected seconds from 1 to 300'
{ good_lines; echo "Timeout = 301"; } | badconf timeout-301 6 'invalid Timeout "301": expected seconds from 1 to 300'
{ good_lines; echo "Timeout = 1.5"; } | badconf timeout-fraction 6 'invalid Timeout "1.5": expected seconds from 1 to 300'
good_lines | sed 's#^URL.*#URL = https://user:pw@127.0.0.1:1#' | badconf url-user 2 "URL must not hold a user name: expected https://HOST[:PORT][/PATH]"
good_lines | sed 's#^URL.*#URL = https://127.0.0.1:1/?x=1#' | badconf url-query 2 "URL must not hold a query ('?'): expected https://HOST[:PORT][/PATH]"
good_lines | sed 's#^URL.*#URL = https://#' | badconf url-no-host 2 "invalid URL: expected https://HOST[:PORT][/PATH]"
good_lines | sed 's#^CA.*#CA = pki/nope.crt#' | badconf missing-ca 5 "cannot open CA \"$TMP/pki/nope.crt\": No such file or directory"
good_lines | sed 's#^Certificate.*#Certificate =#' | badconf empty-value 3 "Certificate has no value"
cp "$TMP/pki/sae-1.key" "$TMP/pki/loose.key"
chmod 644 "$TMP/pki/loose.key"
good_lines | sed 's#sae-1.key#loose.key#' | badconf key-world-readable 4 "PrivateKey \"$TMP/pki/loose.key\" can be read or changed by group or others (mode 0644): chmod 600 it"
chmod 640 "$TMP/pki/loose.key"
good_lines | sed 's#sae-1.key#loose.key#' | badconf key-group-readable 4 "PrivateKey \"$TMP/pki/loose.key\" can be read or changed by group or others (mode 0640): chmod 600 it"
good_lines | sed 's#sae-1.key#sae-2.key#' > "$TMP/mismatch.conf"
expect_fail "KMECONF: Certificate and PrivateKey that do not match" 1 \
	"kpsec: KME https://127.0.0.1:$PORT: cannot use Certificate \"$TMP/pki/sae-1.crt\" with PrivateKey \"$TMP/pki/sae-2.key\": unable to set private key file: '$TMP/pki/sae-2.key' type PEM" \
	qkd status "$TMP/mismatch.conf" sae-2
probe "Certificate and PrivateKey that do not match" ETSI_E_LOCAL "$TMP/mismatch.conf" status sae-2
# An encrypted key fails at once: no passphrase prompt, even on a terminal.
if openssl pkey -in "$TMP/pki/sae-1.key" -aes256 -passout pass:secret -out "$TMP/pki/enc.key" 2> "$TMP/openssl.err"; then
	good_lines | sed 's#sae-1.key#enc.key#' > "$TMP/enc.conf"
	(cd "$TMP" && timeout 10 setsid -w "$KPSEC" qkd status enc.conf sae-2) > "$TMP/stdout" 2> "$TMP/stderr"
	rc=$?
	err=$(cat "$TMP/stderr")
	[ "$rc" = 1 ] && [[ $err == "kpsec: KME https://127.0.0.1:$PORT: cannot use Certificate \"pki/sae-1.crt\" with PrivateKey \"pki/enc.key\": "* ]]
	verdict $? "KMECONF: an encrypted PrivateKey fails without a prompt" "exit $rc, stderr: $err"
else
	fail "KMECONF: an encrypted PrivateKey fails without a prompt" "openssl pkey: $(cat "$TMP/openssl.err")"
fi
good_lines | sed 's#https://#HTTPS://#' > "$TMP/upper.conf"
run qkd status upper.conf sae-2
[ "$rc" = 0 ] && [ -z "$err" ]
verdict $? "KMECONF: HTTPS:// in capitals" "exit $rc, stderr: $err"
expect_fail "KMECONF missing" 1 "kpsec: cannot open KME configuration file \"$TMP/nope.conf\": No such file or directory" qkd status "$TMP/nope.conf" sae-2

# Case, CR LF, comments, blanks, an absolute path, a trailing '/' in the URL.
{ printf '# the KME of sae-1\r\n\r\n  [ kme ]  \r\n'
  printf 'url=https://127.0.0.1:%s/\r\n' $PORT
  printf 'CERTIFICATE = pki/sae-1.crt # ours\r\nprivatekey = %s\r\nca = pki/ca.crt\r\ntimeout = 300\r\n' "$TMP/pki/sae-1.key"; } > "$TMP/crlf.conf"
run qkd status crlf.conf sae-2
[ "$rc" = 0 ] && [ -z "$err" ] && [[ $out == "source_KME_ID        KME-A"* ]]
verdict $? "KMECONF: case-insensitive names, CR LF, comments, absolute path, relative to the file" "exit $rc, stderr: $err"

# --- status --------------------------------------------------------------

run qkd status "$A" sae-2
want="source_KME_ID        KME-A
target_KME_ID        KME-B
master_SAE_ID        sae-1
slave_SAE_ID         sae-2
key_size             256
stored_key_count     256
max_key_count        4096
max_key_per_request  8
max_key_size         1024
min_key_size         64
max_SAE_ID_count     0"
[ "$rc" = 0 ] && [ -z "$err" ] && [ "$out" = "$want" ]
verdict $? "status: text" "exit $rc, stderr: $err
stdout: $out"

WANT_JSON='{"source_KME_ID":"KME-A","target_KME_ID":"KME-B","master_SAE_ID":"sae-1","slave_SAE_ID":"sae-2","key_size":256,"stored_key_count":256,"max_key_count":4096,"max_key_per_request":8,"max_key_size":1024,"min_key_size":64,"max_SAE_ID_count":0}'
run -j qkd status "$A" sae-2
[ "$rc" = 0 ] && [ -z "$err" ] && [ "$out" = "$WANT_JSON" ]
verdict $? "status: kpsec -j qkd status (JSON)" "exit $rc, stderr: $err
stdout: $out"
run qkd status "$A" sae-2 --json
[ "$rc" = 0 ] && [ "$out" = "$WANT_JSON" ]
verdict $? "status: --json after the arguments" "exit $rc, stderr: $err, stdout: $out"
echo "$out" | python3 -c 'import json, sys; d = json.load(sys.stdin); assert d["stored_key_count"] == 256'
verdict $? "status: the JSON parses" "$out"
probe "status" ETSI_OK "$A" status sae-2

# --- enc-keys and dec-keys -----------------------------------------------

# The master's keys, then the slave's with those IDs, are the same bytes.
run qkd enc-keys "$A" sae-2 out k1.json
ids1=$out
mode=$(stat -c %a "$TMP/k1.json" 2> /dev/null)
fields=$(container_fields "$TMP/k1.json" 2>&1)
[ "$rc" = 0 ] && [ -z "$err" ] && [ "$mode" = 600 ] && [[ $ids1 =~ ^[0-9a-f-]{36}$ ]] &&
	[ "$fields" = "$ids1 32" ]
verdict $? "enc-keys: out FILE, mode 0600, one 256-bit key, its ID printed" "exit $rc, mode $mode, stderr: $err
stdout: $out
file: $fields"

run -j qkd enc-keys "$A" sae-2 number 3 size 512 out k3.json
echo "$out" > "$TMP/ids3.json"
fields=$(container_fields "$TMP/k3.json" 2>&1)
want=$(python3 -c 'import json, sys; print("\n".join(k["key_ID"] + " 64" for k in json.load(open(sys.argv[1]))["key_IDs"]))' "$TMP/ids3.json" 2>&1)
[ "$rc" = 0 ] && [ -z "$err" ] && [[ $out == '{"key_IDs":[{"key_ID":"'*'"}]}' ]] &&
	[ "$(echo "$fields" | wc -l)" = 3 ] && [ "$fields" = "$want" ]
verdict $? "enc-keys: number 3 size 512, -j prints the ETSI key_IDs" "exit $rc, stderr: $err
stdout: $out
file: $fields"

run qkd dec-keys "$B" sae-1 ids ids3.json out k3b.json
[ "$rc" = 0 ] && [ -z "$err" ] && cmp -s "$TMP/k3.json" "$TMP/k3b.json" &&
	[ "$out" = "$(echo "$want" | cut -d' ' -f1)" ] && [ "$(stat -c %a "$TMP/k3b.json")" = 600 ]
verdict $? "dec-keys: ids FILE (JSON) at the other endpoint gives byte-identical keys" "exit $rc, stderr: $err, stdout: $out"

run qkd dec-keys "$B" sae-1 id "${ids1^^}" out k1b.json
[ "$rc" = 0 ] && [ -z "$err" ] && cmp -s "$TMP/k1.json" "$TMP/k1b.json" && [ "$out" = "$ids1" ]
verdict $? "dec-keys: id UUID (upper case) gives byte-identical keys" "exit $rc, stderr: $err, stdout: $out"

# Several keys, the IDs as lines: comments, blanks, another order.
run qkd enc-keys "$A" sae-2 number 4 size 128 out k4.json
ids4=$out
{ echo "# from enc-keys"; echo; echo "$ids4" | tac | sed 's/$/   # a key/'; printf '\r\n'; } > "$TMP/ids4.txt"
run qkd dec-keys "$B" sae-1 ids ids4.txt out k4b.json
python3 -c '
import json, sys
a, b = (json.load(open(f))["keys"] for f in sys.argv[1:3])
assert sorted(map(str, a)) == sorted(map(str, b)) and len(a) == 4
assert [k["key_ID"] for k in b] == list(reversed([k["key_ID"] for k in a]))' "$TMP/k4.json" "$TMP/k4b.json" 2> "$TMP/py.err"
pyrc=$?
[ "$rc" = 0 ] && [ -z "$err" ] && [ $pyrc = 0 ] && [ "$out" = "$(echo "$ids4" | tac)" ]
verdict $? "dec-keys: ids FILE of lines (comments, blanks, CR LF), in the order asked" "exit $rc, stderr: $err, stdout: $out
$(cat "$TMP/py.err")"

run qkd enc-keys "$A" sae-2 size 1024 out k5.json
echo "$out" > "$TMP/ids5"
STDIN=$TMP/ids5 run qkd dec-keys "$B" sae-1 ids - out k5b.json
[ "$rc" = 0 ] && cmp -s "$TMP/k5.json" "$TMP/k5b.json" && [ "$(container_fields "$TMP/k5b.json" | cut -d' ' -f2)" = 128 ]
verdict $? "dec-keys: ids - (standard input), 1024-bit key" "exit $rc, stderr: $err"

# An existing file becomes 0600 and is replaced whole.
printf 'old contents, longer than any key container would be: %0600d\n' 0 > "$TMP/k6.json"
chmod 644 "$TMP/k6.json"
run qkd enc-keys "$A" sae-2 out k6.json
[ "$rc" = 0 ] && [ "$(stat -c %a "$TMP/k6.json")" = 600 ] && [ "$(container_fields "$TMP/k6.json")" = "$out 32" ]
verdict $? "enc-keys: an existing FILE is truncated and made 0600" "exit $rc, stderr: $err"

ln -s "$TMP/target.json" "$TMP/out.json"
run qkd enc-keys "$A" sae-2 out out.json
[ "$rc" = 1 ] && [ "$err" = 'kpsec: refusing to write keys to "out.json": it is a symbolic link' ] &&
	[ -z "$out" ] && [ ! -e "$TMP/target.json" ]
verdict $? "enc-keys: a symbolic link as FILE is refused" "exit $rc, stderr: $err"
rm -f "$TMP/out.json"
mkdir "$TMP/out.json"
run qkd enc-keys "$A" sae-2 out out.json
[ "$rc" = 1 ] && [ "$err" = 'kpsec: refusing to write keys to "out.json": not a regular file' ]
verdict $? "enc-keys: a directory as FILE is refused" "exit $rc, stderr: $err"
rmdir "$TMP/out.json"
expect_fail "enc-keys: FILE in a missing directory" 1 'kpsec: cannot write keys to "nodir/out.json": nodir: No such file or directory' qkd enc-keys "$A" sae-2 out nodir/out.json
expect_fail "enc-keys dev DEV: a missing device is refused before asking the KME" 1 'kpsec: device "nosuchdev0" does not exist' qkd enc-keys "$A" sae-2 dev nosuchdev0 peer 2

# 400, 401 and the status limits.
expect_fail "dec-keys: keys already delivered (HTTP 400)" 1 \
	"kpsec: KME https://127.0.0.1:$((PORT + 1)): dec_keys refused (HTTP 400 Bad Request): \"key_ID $ids1 is unknown or was already delivered\"" \
	qkd dec-keys "$B" sae-1 id "$ids1" out out.json
expect_fail "dec-keys: unknown key ID (HTTP 400)" 1 \
	"kpsec: KME https://127.0.0.1:$((PORT + 1)): dec_keys refused (HTTP 400 Bad Request): \"key_ID $U2 is unknown or was already delivered\"" \
	qkd dec-keys "$B" sae-1 id $U2 out out.json
probe "dec_keys of an unknown key ID" ETSI_E_BAD_REQUEST "$B" dec sae-1 $U2
run qkd enc-keys "$A" sae-2 number 2 out k7.json
ids7=$(echo $out)
expect_fail "dec-keys by another SAE than the slave (HTTP 401)" 1 \
	"kpsec: KME https://127.0.0.1:$((PORT + 1)): dec_keys refused: this SAE is not authorized (HTTP 401 Unauthorized): \"key_ID ${ids7%% *} was not made for SAE sae-3\"" \
	qkd dec-keys "$C" sae-1 id ${ids7%% *} id ${ids7##* } out out.json
probe "dec_keys by the wrong SAE" ETSI_E_UNAUTHORIZED "$C" dec sae-1 ${ids7%% *}
run qkd dec-keys "$B" sae-1 id ${ids7##* } id ${ids7%% *} out k7b.json
[ "$rc" = 0 ] && [ "$(container_fields "$TMP/k7b.json" | sort)" = "$(container_fields "$TMP/k7.json" | sort)" ]
verdict $? "dec-keys: the right SAE still gets the keys the wrong one asked for" "exit $rc, stderr: $err"
expect_fail "enc-keys: SAE as its own slave (HTTP 401)" 1 \
	"kpsec: KME https://127.0.0.1:$PORT: status refused: this SAE is not authorized (HTTP 401 Unauthorized): \"SAE sae-1 cannot be its own slave SAE\"" \
	qkd enc-keys "$A" sae-1 out out.json
expect_fail "enc-keys: more keys than max_key_per_request" 1 \
	"kpsec: KME https://127.0.0.1:$PORT: enc_keys: 9 keys asked, the KME gives at most 8 per request (max_key_per_request)" \
	qkd enc-keys "$A" sae-2 number 9 out out.json
probe "enc_keys beyond max_key_per_request" ETSI_E_LIMIT "$A" enc sae-2 9 0
probe "enc_keys of 2 keys" ETSI_OK "$A" enc sae-2 2 256

# TLS: the KME's certificate under another CA; ours under another CA;
# the KME's name not in its certificate.
conf "$TMP/wrong-ca.conf" $PORT sae-1 pki2/ca.crt
expect_fail_like "TLS: the KME's certificate is not trusted (wrong CA)" 1 \
	"kpsec: KME https://127.0.0.1:$PORT: TLS: the KME's certificate does not verify with CA \"$TMP/pki2/ca.crt\": SSL certificate problem: *" \
	qkd status "$TMP/wrong-ca.conf" sae-2
probe "status with the wrong CA" ETSI_E_TLS "$TMP/wrong-ca.conf" status sae-2
{ good_lines | sed -e 's#pki/sae-1#pki2/intruder#'; } > "$TMP/intruder.conf"
expect_fail_like "TLS: a client certificate from another CA is refused" 1 \
	"kpsec: KME https://127.0.0.1:$PORT: TLS: *refused our Certificate \"$TMP/pki2/intruder.crt\"*" \
	qkd enc-keys "$TMP/intruder.conf" sae-2 out out.json
probe "enc_keys with a foreign client certificate" ETSI_E_TLS "$TMP/intruder.conf" enc sae-2 1 0
good_lines | sed "s#127.0.0.1:#localhost:#" > "$TMP/hostname.conf"
expect_fail_like "TLS: the KME's name must match its certificate" 1 \
	"kpsec: KME https://localhost:$PORT: TLS: the KME's certificate does not verify with CA \"$TMP/pki/ca.crt\": *localhost*" \
	qkd status "$TMP/hostname.conf" sae-2
# A port where nothing listens: the one after the two endpoints.
conf "$TMP/refused.conf" $((PORT + 2)) sae-1
expect_fail_like "connection refused" 1 "kpsec: KME https://127.0.0.1:$((PORT + 2)): cannot connect: *" \
	qkd enc-keys "$TMP/refused.conf" sae-2 out out.json
probe "status where nothing listens" ETSI_E_CONNECT "$TMP/refused.conf" status sae-2

# --- faults of kpsec-kme -----------------------------------------------------

if start_kme malformed --fault malformed; then
	expect_fail "fault malformed: status" 1 "kpsec: KME https://127.0.0.1:$malformed_port: malformed status reply: not JSON" \
		qkd status "$TMP/malformed-a.conf" sae-2
	expect_fail "fault malformed: enc-keys" 1 "kpsec: KME https://127.0.0.1:$malformed_port: malformed status reply: not JSON" \
		qkd enc-keys "$TMP/malformed-a.conf" sae-2 out out.json
	probe "malformed status" ETSI_E_MALFORMED "$TMP/malformed-a.conf" enc sae-2 1 0
fi
if start_kme bad-base64 --fault bad-base64; then
	expect_fail "fault bad-base64: enc-keys" 1 "kpsec: KME https://127.0.0.1:$bad_base64_port: malformed enc_keys reply: keys[0]: key is not valid base64" \
		qkd enc-keys "$TMP/bad-base64-a.conf" sae-2 number 2 out out.json
	probe "enc_keys with bad base64" ETSI_E_MALFORMED "$TMP/bad-base64-a.conf" enc sae-2 1 0
fi
if start_kme wrong-size --fault wrong-size; then
	expect_fail "fault wrong-size: enc-keys" 1 "kpsec: KME https://127.0.0.1:$wrong_size_port: enc_keys reply is not what was asked: keys[0]: key is 248 bits, 256 asked" \
		qkd enc-keys "$TMP/wrong-size-a.conf" sae-2 out out.json
	probe "enc_keys of the wrong size" ETSI_E_SHORT "$TMP/wrong-size-a.conf" enc sae-2 1 0
	# 128 - 8 bits: under what kpsec takes, too.
	expect_fail "fault wrong-size: enc-keys of 128 bits" 1 "kpsec: KME https://127.0.0.1:$wrong_size_port: enc_keys reply is not what was asked: keys[0]: key is 120 bits, 128 asked" \
		qkd enc-keys "$TMP/wrong-size-a.conf" sae-2 size 128 out out.json
fi
if start_kme short --fault short; then
	expect_fail "fault short: enc-keys number 3" 1 "kpsec: KME https://127.0.0.1:$short_port: enc_keys reply is not what was asked: 2 keys, 3 asked" \
		qkd enc-keys "$TMP/short-a.conf" sae-2 number 3 out out.json
	expect_fail "fault short: enc-keys of 1 key gets none" 1 "kpsec: KME https://127.0.0.1:$short_port: enc_keys reply is not what was asked: 0 keys in the container: expected 1 to 1024" \
		qkd enc-keys "$TMP/short-a.conf" sae-2 out out.json
	probe "a short enc_keys reply" ETSI_E_SHORT "$TMP/short-a.conf" enc sae-2 2 0
fi
if start_kme unknown-id --fault unknown-id; then
	# The master cannot tell a made-up key ID; the slave's KME then has no such key.
	run qkd enc-keys "$TMP/unknown-id-a.conf" sae-2 out k8.json
	expect_fail "fault unknown-id: dec-keys of the IDs the master got (HTTP 400)" 1 \
		"kpsec: KME https://127.0.0.1:$((unknown_id_port + 1)): dec_keys refused (HTTP 400 Bad Request): \"key_ID $out is unknown or was already delivered\"" \
		qkd dec-keys "$TMP/unknown-id-b.conf" sae-1 id "$out" out out.json
fi
if start_kme empty --fault empty; then
	expect_fail "fault empty: enc-keys refused by the status (no keys stored)" 1 \
		"kpsec: KME https://127.0.0.1:$empty_port: enc_keys: 1 key asked, the KME holds 0 (stored_key_count)" \
		qkd enc-keys "$TMP/empty-a.conf" sae-2 out out.json
	probe "enc_keys when the status shows no keys" ETSI_E_UNAVAILABLE "$TMP/empty-a.conf" enc sae-2 1 0
fi
if start_kme empty-lies --fault empty --fault status-lies; then
	expect_fail "fault empty: enc-keys gets HTTP 503 with the KME's message" 1 \
		"kpsec: KME https://127.0.0.1:$empty_lies_port: enc_keys unavailable (HTTP 503 Service Unavailable): \"key pool empty\"" \
		qkd enc-keys "$TMP/empty-lies-a.conf" sae-2 out out.json
	probe "enc_keys answered 503" ETSI_E_UNAVAILABLE "$TMP/empty-lies-a.conf" enc sae-2 1 0
fi
if start_kme lies --fault status-lies --initial 512 --rate 0 --max-keys-per-request 8; then
	run qkd status "$TMP/lies-a.conf" sae-2
	[ "$rc" = 0 ] && [[ $out == *"stored_key_count     10"* ]]
	verdict $? "fault status-lies: status claims 10 keys" "exit $rc, stderr: $err, stdout: $out"
	expect_fail "fault status-lies: asking more keys than stored (HTTP 400)" 1 \
		"kpsec: KME https://127.0.0.1:$lies_port: enc_keys refused (HTTP 400 Bad Request): \"not enough keys\"" \
		qkd enc-keys "$TMP/lies-a.conf" sae-2 number 5 out out.json
	probe "enc_keys answered 400" ETSI_E_BAD_REQUEST "$TMP/lies-a.conf" enc sae-2 5 0
fi
if start_kme slow --fault slow:3000; then
	conf "$TMP/slow.conf" $slow_port sae-1 "" 1
	start=$SECONDS
	expect_fail "fault slow: no answer within Timeout" 1 "kpsec: KME https://127.0.0.1:$slow_port: no answer within 1 s (Timeout)" \
		qkd enc-keys "$TMP/slow.conf" sae-2 out out.json
	[ $((SECONDS - start)) -le 2 ]
	verdict $? "fault slow: gives up after Timeout" "took $((SECONDS - start)) s"
	probe "a KME slower than Timeout" ETSI_E_CONNECT "$TMP/slow.conf" status sae-2
fi

# --- replies kpsec-kme cannot be made to give ------------------------------

if start_fake foreign-id; then
	F=$TMP/fake-foreign-id.conf
	expect_fail "dec-keys: a reply under other key IDs than asked" 1 \
		"kpsec: KME https://127.0.0.1:$(cat "$TMP/fake-foreign-id.port"): dec_keys reply is not what was asked: no key_ID $U1" \
		qkd dec-keys "$F" sae-2 id $U1 id $U2 out out.json
	probe "a dec_keys reply under other key IDs" ETSI_E_SHORT "$F" dec sae-2 $U1 $U2
fi
if start_fake enc-truncated; then
	F=$TMP/fake-enc-truncated.conf
	expect_fail_like "enc-keys: a key container cut short" 1 \
		"kpsec: KME https://127.0.0.1:$(cat "$TMP/fake-enc-truncated.port"): malformed enc_keys reply: not JSON: *" \
		qkd enc-keys "$F" sae-2 number 2 out out.json
	probe "a cut enc_keys reply" ETSI_E_MALFORMED "$F" enc sae-2 2 0
fi
if start_fake dup-id; then
	F=$TMP/fake-dup-id.conf
	expect_fail_like "enc-keys: two keys under one key ID" 1 \
		"kpsec: KME https://127.0.0.1:$(cat "$TMP/fake-dup-id.port"): malformed enc_keys reply: keys\\[1\\]: key_ID * given twice (keys\\[0\\])" \
		qkd enc-keys "$F" sae-2 number 2 out out.json
fi
if start_fake status-mistyped; then
	expect_fail "status: a field of the wrong type" 1 \
		"kpsec: KME https://127.0.0.1:$(cat "$TMP/fake-status-mistyped.port"): malformed status reply: key_size not an integer" \
		qkd status "$TMP/fake-status-mistyped.conf" sae-2
fi
if start_fake wrong-slave; then
	expect_fail "status: for another slave SAE than asked" 1 \
		"kpsec: KME https://127.0.0.1:$(cat "$TMP/fake-wrong-slave.port"): malformed status reply: slave_SAE_ID \"someone-else\", but \"sae-2\" was asked" \
		qkd status "$TMP/fake-wrong-slave.conf" sae-2
fi
if start_fake http-500; then
	F=$TMP/fake-http-500.conf
	expect_fail "status: HTTP 500" 1 \
		"kpsec: KME https://127.0.0.1:$(cat "$TMP/fake-http-500.port"): status failed with HTTP 500: \"the fake KME broke\"" \
		qkd status "$F" sae-2
	probe "HTTP 500" ETSI_E_HTTP "$F" status sae-2
fi

# No key ever reaches a terminal, a log or an error message.
grep -h '"key":"' "$TMP"/*.log "$TMP"/*.out > /dev/null 2>&1
[ $? = 1 ]
verdict $? "no key material in the KME logs" "$(grep -l '"key":"' "$TMP"/*.log "$TMP"/*.out)"

finish
