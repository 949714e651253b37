#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of kpsec-kme, the test KME (ETSI GS QKD 014 V1.1.1), on the host.
# KTAP output.
#
# They make a test PKI with "kpsec-kme pki" and run servers with two
# endpoints on 127.0.0.1 (KME_A for alice, KME_B for bob), talking to them
# with curl: status and pool arithmetic, enc_keys and dec_keys, every
# --fault, mutual TLS, garbage, exhaustion and refill.  curl, python3 (to
# read JSON) and openssl (to look at certificates and to send garbage
# inside TLS) must be installed: a missing one fails its tests, nothing
# is skipped.
#
# Usage: [KPSEC_KME=path/to/kpsec-kme] selftests/qkd/kme.sh
set -u
export LC_ALL=C
umask 077

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KME=${KPSEC_KME:-$ROOT/tools/kpsec-kme}
TMP=$(mktemp -d)
P=$TMP/pki
declare -A SERVER_PID URL_A URL_B PORT_A
SERVERS=()

cleanup() {
	local pid
	for pid in ${SERVERS[@]+"${SERVERS[@]}"}; do
		kill "$pid" 2> /dev/null
	done
	wait 2> /dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

# shellcheck source=selftests/qkd/ktap-lib.sh
. "$ROOT/selftests/qkd/ktap-lib.sh"

# --- helpers ----------------------------------------------------------------

# start_kme NAME [OPTIONS...]: run a server with endpoints KME_A and KME_B
# on free ports of 127.0.0.1, waiting for its ready file.  Ports come from
# below the ephemeral range; a port clash is retried on other ports.
start_kme() {
	local name=$1 try i pa pid
	shift
	for try in 1 2 3 4 5 6 7 8 9 10; do
		pa=$((20000 + RANDOM % 12000))
		rm -f "$TMP/$name.ready"
		"$KME" serve --ca "$P/ca.crt" --ready-file "$TMP/$name.ready" --log "$TMP/$name.log" \
			--listen "127.0.0.1:$pa" --cert "$P/kme-a.crt" --key "$P/kme-a.key" --kme-id KME_A \
			--listen "127.0.0.1:$((pa + 1))" --cert "$P/kme-b.crt" --key "$P/kme-b.key" --kme-id KME_B \
			"$@" 2> "$TMP/$name.err" &
		pid=$!
		for i in $(seq 100); do
			[ -s "$TMP/$name.ready" ] && break
			kill -0 "$pid" 2> /dev/null || break
			sleep 0.05
		done
		if [ -s "$TMP/$name.ready" ] && [ "$(cat "$TMP/$name.ready")" = "$pid" ]; then
			SERVERS+=("$pid")
			SERVER_PID[$name]=$pid
			PORT_A[$name]=$pa
			URL_A[$name]=https://127.0.0.1:$pa/api/v1/keys
			URL_B[$name]=https://127.0.0.1:$((pa + 1))/api/v1/keys
			return 0
		fi
		kill "$pid" 2> /dev/null
		wait "$pid" 2> /dev/null
		grep -q "Address already in use" "$TMP/$name.err" || break
	done
	cat "$TMP/$name.err"
	return 1
}

stop_kme() {
	kill "${SERVER_PID[$1]}" 2> /dev/null
	wait "${SERVER_PID[$1]}" 2> /dev/null
}

# req SAE URL [CURL ARGS...]: ask as SAE (its certificate from $P, or
# none for "-"); sets $code (HTTP status, 000 without a reply), $rc
# (curl's exit status) and $body.
req() {
	local sae=$1 url=$2 cert=()
	shift 2
	[ "$sae" = - ] || cert=(--cert "$P/$sae.crt" --key "$P/$sae.key")
	code=$(curl -sS --max-time 15 --cacert "$P/ca.crt" "${cert[@]}" \
		-o "$TMP/body" -w '%{http_code}' "$@" "$url" 2> "$TMP/curl.err")
	rc=$?
	body=$(cat "$TMP/body" 2> /dev/null)
	rm -f "$TMP/body"
}

# jq_ EXPR: a Python expression over the JSON body j, printed.
jq_() {
	python3 -c 'import json, sys; j = json.loads(sys.argv[1]); print(eval(sys.argv[2]))' \
		"$body" "$1" 2> /dev/null
}

# keys_of: "KEY_ID HEX_KEY" per key of the Key container in $body.
keys_of() {
	python3 -c '
import base64, json, sys
for k in json.loads(sys.argv[1])["keys"]:
    print(k["key_ID"], base64.b64decode(k["key"], validate=True).hex())' "$body" 2> /dev/null
}

is_json() { python3 -c 'import json, sys; json.loads(sys.argv[1])' "$body" 2> /dev/null; }

stored() { req "$1" "$2/$3/status"; jq_ 'j["stored_key_count"]'; }

UUID4='^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'

# --- prerequisites ------------------------------------------------------------

missing=""
for tool in curl python3 openssl; do
	command -v $tool > /dev/null || missing="$missing $tool"
done
[ -z "$missing" ]
verdict $? "prerequisites: curl, python3 and openssl are installed" "missing:$missing"

if [ ! -x "$KME" ]; then
	make -s -C "$ROOT/tools" kpsec-kme > "$TMP/build.log" 2>&1
fi
[ -x "$KME" ]
verdict $? "kpsec-kme is built" "$(tail -n 20 "$TMP/build.log" 2> /dev/null)"
[ -x "$KME" ] || finish

# --- pki ------------------------------------------------------------------------

"$KME" pki "$P" kme-a=127.0.0.1 kme-b=127.0.0.1 alice bob carol v6=::1 > "$TMP/out" 2>&1
rc=$?
all=1
for f in ca.crt ca.key kme-a.crt kme-a.key kme-b.crt kme-b.key alice.crt alice.key \
	 bob.crt bob.key carol.crt carol.key v6.crt v6.key; do
	[ -s "$P/$f" ] || { all=0; echo "missing $f"; }
done > "$TMP/why"
[ $rc = 0 ] && [ $all = 1 ]
verdict $? "pki: writes the CA and a certificate and key per name" "exit $rc: $(cat "$TMP/out" "$TMP/why")"

modes=$(stat -c '%n %a' "$P" "$P"/*.key "$P"/*.crt | sed "s|$P|P|")
bad=$(echo "$modes" | awk '($1 == "P" && $2 != 700) || ($1 ~ /\.key$/ && $2 != 600) ||
	($1 ~ /\.crt$/ && $2 != 644)')
[ -z "$bad" ]
verdict $? "pki: directory 0700, keys 0600, certificates 0644" "$bad"

ok=1
for n in kme-a alice v6; do
	openssl verify -CAfile "$P/ca.crt" "$P/$n.crt" > /dev/null 2>&1 || ok=0
done
[ $ok = 1 ]
verdict $? "pki: the certificates chain to the CA" "$(openssl verify -CAfile "$P/ca.crt" "$P/alice.crt" 2>&1)"

text=$(openssl x509 -in "$P/kme-a.crt" -noout -subject -ext subjectAltName,extendedKeyUsage,basicConstraints 2>&1)
echo "$text" | grep -q 'subject=CN = kme-a' &&
	echo "$text" | grep -q 'DNS:kme-a, IP Address:127.0.0.1' &&
	echo "$text" | grep -q 'TLS Web Server Authentication, TLS Web Client Authentication' &&
	echo "$text" | grep -q 'CA:FALSE'
verdict $? "pki: CN=NAME, subjectAltName DNS:NAME and IP, serverAuth and clientAuth" "$text"

text=$(openssl x509 -in "$P/v6.crt" -noout -ext subjectAltName 2>&1; openssl x509 -in "$P/alice.crt" -noout -ext subjectAltName 2>&1)
echo "$text" | grep -q 'DNS:v6, IP Address:0:0:0:0:0:0:0:1' && echo "$text" | grep -q 'DNS:alice$'
verdict $? "pki: IPv6 address in subjectAltName; no IP without =IP" "$text"

text=$(openssl x509 -in "$P/ca.crt" -noout -ext basicConstraints 2>&1; openssl pkey -in "$P/ca.key" -noout -text 2>&1 | grep -m1 NIST)
echo "$text" | grep -q 'CA:TRUE' && echo "$text" | grep -q 'P-256'
verdict $? "pki: the CA is a CA with a P-256 key" "$text"

ca_before=$(sha256sum < "$P/ca.crt")
"$KME" pki "$P" dave > "$TMP/out" 2>&1
rc=$?
[ $rc = 0 ] && [ "$(sha256sum < "$P/ca.crt")" = "$ca_before" ] &&
	openssl verify -CAfile "$P/ca.crt" "$P/dave.crt" > /dev/null 2>&1
verdict $? "pki: an existing CA is reused for new names" "exit $rc: $(cat "$TMP/out")"

# A second, unrelated CA, with an alice of its own.
"$KME" pki "$TMP/other" alice mallory > "$TMP/out" 2>&1
verdict $? "pki: a second CA in another directory" "$(cat "$TMP/out")"

# expect_cli DESC RC STDERR ARGS...: kpsec-kme ARGS exits RC with exactly STDERR.
expect_cli() {
	local desc=$1 want_rc=$2 want=$3 got rc
	shift 3
	got=$("$KME" "$@" 2>&1 > /dev/null)
	rc=$?
	[ "$rc" = "$want_rc" ] && [ "$got" = "$want" ]
	verdict $? "$desc" "exit $rc (want $want_rc): $got
want: $want"
}

expect_cli "pki: a bad name is refused" 2 \
	"kpsec-kme: pki: bad name \"a/b\": 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, and not \"ca\"" \
	pki "$TMP/p2" a/b
expect_cli "pki: the name ca is refused" 2 \
	"kpsec-kme: pki: bad name \"ca\": 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, and not \"ca\"" \
	pki "$TMP/p2" ca
expect_cli "pki: a bad IP address is refused" 2 \
	'kpsec-kme: pki: "1.2.3" is not an IPv4 or IPv6 address' pki "$TMP/p2" x=1.2.3
[ ! -e "$TMP/p2" ]
verdict $? "pki: nothing is written after a usage error" "$(ls -la "$TMP/p2" 2>&1)"

# --- serve: command line --------------------------------------------------------

EP_A=(--listen 127.0.0.1:1 --cert "$P/kme-a.crt" --key "$P/kme-a.key" --kme-id KME_A)
expect_cli "serve: --ca is required" 2 \
	'kpsec-kme: serve needs --ca FILE: the CA of the SAE certificates' serve "${EP_A[@]}"
expect_cli "serve: an endpoint option before --listen is refused" 2 \
	'kpsec-kme: --cert before any --listen: endpoint options follow the --listen they belong to' \
	serve --ca "$P/ca.crt" --cert "$P/kme-a.crt" "${EP_A[@]}"
expect_cli "serve: an endpoint without --kme-id is refused" 2 \
	'kpsec-kme: endpoint 127.0.0.1:1 needs --kme-id' \
	serve --ca "$P/ca.crt" --listen 127.0.0.1:1 --cert "$P/kme-a.crt" --key "$P/kme-a.key"
expect_cli "serve: a bad number is refused" 2 \
	'kpsec-kme: --rate needs a whole number, not "fast"' serve --ca "$P/ca.crt" "${EP_A[@]}" --rate fast
expect_cli "serve: a key size that is not whole bytes is refused" 2 \
	'kpsec-kme: --key-size must be a multiple of 8, not 100' serve --ca "$P/ca.crt" "${EP_A[@]}" --key-size 100
expect_cli "serve: --initial above --buffer is refused" 2 \
	'kpsec-kme: --initial (4096) must not exceed --buffer (2048)' \
	serve --ca "$P/ca.crt" "${EP_A[@]}" --buffer 2048 --initial 4096
expect_cli "serve: an unknown fault is refused" 2 \
	'kpsec-kme: unknown fault "flaky" (empty, slow:MS, malformed, bad-base64, wrong-size, short, unknown-id, status-lies)' \
	serve --ca "$P/ca.crt" "${EP_A[@]}" --fault flaky
expect_cli "serve: a bad --listen is refused" 2 \
	'kpsec-kme: --listen: "::1:80" is not ADDR:PORT or [ADDR]:PORT' serve --ca "$P/ca.crt" --listen ::1:80
expect_cli "serve: a missing certificate file is a runtime error" 1 \
	"kpsec-kme: cannot read certificate \"$TMP/none.crt\": No such file or directory" \
	serve --ca "$P/ca.crt" --listen 127.0.0.1:1 --cert "$TMP/none.crt" --key "$P/kme-a.key" --kme-id A
expect_cli "serve: a key of another certificate is refused" 1 \
	"kpsec-kme: key \"$P/kme-b.key\" does not belong to certificate \"$P/kme-a.crt\"" \
	serve --ca "$P/ca.crt" --listen 127.0.0.1:1 --cert "$P/kme-a.crt" --key "$P/kme-b.key" --kme-id A
expect_cli "unknown command" 2 'kpsec-kme: unknown command "serv" (try "kpsec-kme help")' serv
out=$("$KME" help 2>&1)
rc=$?
[ $rc = 0 ] && [[ $out == Usage:* ]] && [[ $out == *--max-keys-per-request* ]]
verdict $? "help prints the usage" "exit $rc: $out"

# --- status -----------------------------------------------------------------------

if ! start_kme main --rate 0 --buffer 2048 --key-size 256; then
	fail "serve: two endpoints start" "$(cat "$TMP/main.err")"
	finish
fi
pass "serve: two endpoints start and write the ready file"
A=${URL_A[main]} B=${URL_B[main]}

expect_cli "serve: a port in use is a runtime error" 1 \
	"kpsec-kme: cannot listen on 127.0.0.1:${PORT_A[main]}: Address already in use" \
	serve --ca "$P/ca.crt" --listen "127.0.0.1:${PORT_A[main]}" --cert "$P/kme-a.crt" --key "$P/kme-a.key" --kme-id X

req alice "$A/bob/status"
want="{'source_KME_ID': 'KME_A', 'target_KME_ID': 'KME_B', 'master_SAE_ID': 'alice', 'slave_SAE_ID': 'bob', 'key_size': 256, 'stored_key_count': 8, 'max_key_count': 8, 'max_key_per_request': 128, 'max_key_size': 1024, 'min_key_size': 64, 'max_SAE_ID_count': 0}"
got=$(jq_ 'j')
[ "$code" = 200 ] && [ "$got" = "$want" ]
verdict $? "status: every field (--rate 0 --buffer 2048 --key-size 256: 8 keys)" "HTTP $code: $body
want: $want"

# bob has now talked to KME_A: that is where alice's keys go.
req bob "$A/alice/status"
req alice "$B/bob/status"
[ "$(jq_ 'j["source_KME_ID"], j["target_KME_ID"]')" = "('KME_B', 'KME_A')" ]
verdict $? "status: target_KME_ID is the endpoint the slave SAE last used" "$body"

req alice "$A/bob/status" -X POST -d '{}'
[ "$code" = 400 ] && [ "$(jq_ 'j["message"]')" = "status takes GET" ]
verdict $? "status: POST is a bad request" "HTTP $code: $body"

req alice "$A/alice/status"
[ "$code" = 401 ]
verdict $? "status: an SAE cannot be its own slave (401)" "HTTP $code: $body"

req alice "$A/bob/stat"
[ "$code" = 404 ] && [ -n "$(jq_ 'j["message"]')" ]
verdict $? "an unknown path is 404 with an Error body" "HTTP $code: $body"

# --- enc_keys ---------------------------------------------------------------------

req alice "$B/bob/enc_keys"
keys=$(keys_of)
[ "$code" = 200 ] && [ "$(echo "$keys" | wc -l)" = 1 ] &&
	[[ $(echo "$keys" | cut -d' ' -f1) =~ $UUID4 ]] &&
	[ "$(echo "$keys" | cut -d' ' -f2 | tr -d '\n' | wc -c)" = 64 ]
verdict $? "enc_keys: GET gives one key of key_size with a UUIDv4 key_ID" "HTTP $code: $body"
echo "$keys" > "$TMP/keys1"
[ "$(stored alice "$A" bob)" = 7 ]
verdict $? "enc_keys: stored_key_count goes from 8 to 7" "$body"

req alice "$A/bob/enc_keys?number=2&size=512"
keys=$(keys_of)
[ "$code" = 200 ] && [ "$(echo "$keys" | wc -l)" = 2 ] &&
	[ "$(echo "$keys" | awk '{ print length($2) }' | sort -u)" = 128 ]
verdict $? "enc_keys: GET number=2&size=512 gives two 64-byte keys" "HTTP $code: $body"
echo "$keys" > "$TMP/keys2"
[ "$(stored alice "$A" bob)" = 3 ]
verdict $? "enc_keys: two 512-bit keys take four 256-bit keys from the pool" "$body"

req alice "$A/bob/enc_keys" -H 'Content-Type: application/json' \
	-d '{"number":3,"size":64,"additional_slave_SAE_IDs":[],"extension_mandatory":[],"extension_optional":[{"x":1}]}'
keys=$(keys_of)
[ "$code" = 200 ] && [ "$(echo "$keys" | wc -l)" = 3 ] &&
	[ "$(echo "$keys" | awk '{ print length($2) }' | sort -u)" = 16 ] &&
	[ "$(echo "$keys" | cut -d' ' -f1 | sort -u | wc -l)" = 3 ]
verdict $? "enc_keys: POST number 3 size 64 gives three distinct 8-byte keys" "HTTP $code: $body"
echo "$keys" > "$TMP/keys3"
[ "$(stored alice "$A" bob)" = 2 ]
verdict $? "enc_keys: 192 bits drawn leave 2 keys of 256 bits" "$body"

# expect_status DESC SAE URL CODE [MESSAGE] [CURL ARGS...]
expect_status() {
	local desc=$1 sae=$2 url=$3 want=$4 msg=$5
	shift 5
	req "$sae" "$url" "$@"
	[ "$code" = "$want" ] && { [ -z "$msg" ] || [ "$(jq_ 'j["message"]')" = "$msg" ]; }
	verdict $? "$desc" "HTTP $code (want $want): $body"
}

expect_status "enc_keys: size not a multiple of 8 is 400" alice "$A/bob/enc_keys?size=100" 400 \
	"size must be a multiple of 8 from 64 to 1024 bits"
expect_status "enc_keys: size below 64 is 400" alice "$A/bob/enc_keys?size=56" 400 ""
expect_status "enc_keys: size above 1024 is 400" alice "$A/bob/enc_keys" 400 "" -d '{"size":1032}'
expect_status "enc_keys: number 0 is 400" alice "$A/bob/enc_keys?number=0" 400 "number must be 1 to 128"
expect_status "enc_keys: number above max_key_per_request is 400" alice "$A/bob/enc_keys" 400 \
	"number must be 1 to 128" -d '{"number":129}'
expect_status "enc_keys: a number that is not an integer is 400" alice "$A/bob/enc_keys" 400 "" -d '{"number":"2"}'
expect_status "enc_keys: additional_slave_SAE_IDs is unsupported (400)" alice "$A/bob/enc_keys" 400 \
	"additional_slave_SAE_IDs is not supported" -d '{"additional_slave_SAE_IDs":["carol"]}'
expect_status "enc_keys: extension_mandatory is unsupported (400)" alice "$A/bob/enc_keys" 400 \
	"extension_mandatory is not supported" -d '{"extension_mandatory":[{"abc_route_type":"direct"}]}'
expect_status "enc_keys: a body that is not JSON is 400" alice "$A/bob/enc_keys" 400 \
	"request body is not valid JSON" -d '{"number":1'
expect_status "enc_keys: JSON that is not an object is 400" alice "$A/bob/enc_keys" 400 \
	"request body is not a JSON object" -d '[1]'
expect_status "enc_keys: an unknown query parameter is 400" alice "$A/bob/enc_keys?count=1" 400 \
	'unknown query parameter "count"'
expect_status "enc_keys: a malformed query is 400" alice "$A/bob/enc_keys?number" 400 "malformed query"
expect_status "enc_keys: PUT is 400" alice "$A/bob/enc_keys" 400 "enc_keys takes GET or POST" -X PUT
expect_status "enc_keys: keys with itself are 401" alice "$A/alice/enc_keys" 401 \
	"SAE alice cannot be its own slave SAE"
[ "$(stored alice "$A" bob)" = 2 ]
verdict $? "enc_keys: refused requests take nothing from the pool" "$body"

# --- dec_keys ---------------------------------------------------------------------

read -r id1 key1 < "$TMP/keys1"
req bob "$B/alice/dec_keys?key_ID=$id1"
[ "$code" = 200 ] && [ "$(keys_of)" = "$id1 $key1" ]
verdict $? "dec_keys: GET from the other endpoint gives the same key for the key_ID" "HTTP $code: $body
want: $id1 $key1"

req bob "$A/alice/dec_keys" -d "$(awk 'BEGIN { printf "{\"key_IDs\":[" }
	{ printf "%s{\"key_ID\":\"%s\"}", (NR > 1 ? "," : ""), $1 } END { print "]}" }' "$TMP/keys2")"
[ "$code" = 200 ] && [ "$(keys_of)" = "$(cat "$TMP/keys2")" ]
verdict $? "dec_keys: POST with two key_IDs gives both keys, in order" "HTTP $code: $body
want: $(cat "$TMP/keys2")"

expect_status "dec_keys: a key_ID already delivered is 400, naming it" bob "$B/alice/dec_keys?key_ID=$id1" 400 \
	"key_ID $id1 is unknown or was already delivered"
[ "$(jq_ 'j["details"][0]["key_ID"]')" = "$id1" ]
verdict $? "dec_keys: the Error details hold the key_ID" "$body"

read -r id3 key3 < "$TMP/keys3"
expect_status "dec_keys: by the master itself is 401" alice "$A/alice/dec_keys?key_ID=$id3" 401 \
	"SAE alice cannot be its own master SAE"
expect_status "dec_keys: by an SAE that is not the slave is 401" carol "$A/alice/dec_keys?key_ID=$id3" 401 \
	"key_ID $id3 was not made for SAE carol"
expect_status "dec_keys: with the wrong master SAE is 400" bob "$A/carol/dec_keys?key_ID=$id3" 400 \
	"key_ID $id3 was not made by master SAE carol"
expect_status "dec_keys: a key_ID that is not a UUID is 400" bob "$A/alice/dec_keys?key_ID=nope" 400 \
	'key_ID "nope" is not a UUID'
expect_status "dec_keys: an unknown key_ID is 400" bob "$A/alice/dec_keys?key_ID=$(cat /proc/sys/kernel/random/uuid)" 400 ""
read -r id3b key3b < <(sed -n 2p "$TMP/keys3")
expect_status "dec_keys: a known and an unknown key_ID: 400" bob \
	"$A/alice/dec_keys?key_ID=$id3b&key_ID=$(cat /proc/sys/kernel/random/uuid)" 400 ""
expect_status "dec_keys: the same key_ID twice is 400" bob "$A/alice/dec_keys?key_ID=$id3b&key_ID=$id3b" 400 \
	"key_ID $id3b is asked for twice"
expect_status "dec_keys: key_IDs that are not a list is 400" bob "$A/alice/dec_keys" 400 \
	"key_IDs must be an array" -d '{"key_IDs":"'"$id3b"'"}'
req bob "$A/alice/dec_keys?key_ID=$id3b"
[ "$code" = 200 ] && [ "$(keys_of)" = "$id3b $key3b" ]
verdict $? "dec_keys: all or nothing: refused requests delivered no key" "HTTP $code: $body"
req bob "$B/alice/dec_keys?key_ID=$id3"
[ "$code" = 200 ] && [ "$(keys_of)" = "$id3 $key3" ]
verdict $? "dec_keys: the slave gets the key after the refusals" "HTTP $code: $body"

# Keys go the other way too: bob as master, alice as slave, same pool.
req bob "$B/alice/enc_keys?size=128"
read -r idr keyr < <(keys_of)
req alice "$A/bob/dec_keys?key_ID=$idr"
[ "$code" = 200 ] && [ "$(keys_of)" = "$idr $keyr" ]
verdict $? "dec_keys: bob as master, alice as slave" "HTTP $code: $body"

# --- the log ----------------------------------------------------------------------

secrets=$(cat "$TMP/keys1" "$TMP/keys2" "$TMP/keys3" | cut -d' ' -f2)
leak=0
for k in $secrets; do
	b64=$(echo "$k" | xxd -r -p | base64 -w0)
	grep -qF -- "$b64" "$TMP/main.log" && leak=1
	grep -qiF -- "$k" "$TMP/main.log" && leak=1
done
grep -q "kme=KME_B peer=127.0.0.1:[0-9]* sae=bob method=GET path=/api/v1/keys/alice/dec_keys?key_ID=$id1 status=200 keys=1" "$TMP/main.log" &&
	grep -q "kme=KME_A .* sae=alice method=GET path=/api/v1/keys/bob/enc_keys?number=2&size=512 status=200 keys=2" "$TMP/main.log" &&
	[ $leak = 0 ]
verdict $? "log: one line per request with endpoint, SAE, method, path, status, keys; no key material" \
	"leak=$leak; $(tail -n 5 "$TMP/main.log")"

# --- mutual TLS -------------------------------------------------------------------

req - "$A/bob/status"
[ "$rc" != 0 ] && [ "$code" = 000 ] && tail -n 1 "$TMP/main.log" | grep -q 'TLS handshake failed: peer did not return a certificate'
verdict $? "TLS: no client certificate, no handshake" "curl $rc, HTTP $code; $(tail -n 1 "$TMP/main.log")"

code=$(curl -sS --max-time 15 --cacert "$P/ca.crt" --cert "$TMP/other/alice.crt" --key "$TMP/other/alice.key" \
	-o /dev/null -w '%{http_code}' "$A/bob/status" 2> /dev/null)
rc=$?
[ "$rc" != 0 ] && [ "$code" = 000 ] && tail -n 1 "$TMP/main.log" | grep -q 'TLS handshake failed: certificate verify failed'
verdict $? "TLS: a client certificate of another CA, no handshake" "curl $rc, HTTP $code; $(tail -n 1 "$TMP/main.log")"

# SECLEVEL=0 lets the client offer TLS 1.1: the refusal is the server's.
req alice "$A/bob/status" --tlsv1.1 --tls-max 1.1 --ciphers 'DEFAULT@SECLEVEL=0'
[ "$rc" != 0 ] && [ "$code" = 000 ] && tail -n 1 "$TMP/main.log" | grep -q 'TLS handshake failed: unsupported protocol'
verdict $? "TLS: TLS 1.1 is refused" "curl $rc, HTTP $code; $(tail -n 1 "$TMP/main.log")"

req alice "$A/bob/status" --tlsv1.2 --tls-max 1.2
code12=$code
req alice "$A/bob/status" --tlsv1.3
[ "$code12" = 200 ] && [ "$code" = 200 ]
verdict $? "TLS: TLS 1.2 and TLS 1.3 work" "TLS 1.2: HTTP $code12, TLS 1.3: HTTP $code"

# --- garbage ----------------------------------------------------------------------

tls_raw() {
	timeout 10 openssl s_client -quiet -connect "127.0.0.1:${PORT_A[main]}" \
		-cert "$P/alice.crt" -key "$P/alice.key" -CAfile "$P/ca.crt" 2> /dev/null
}

# In a subshell: the server hangs up while it writes, and SIGPIPE follows.
( printf 'garbage\r\n\r\n\x00\x01\x02' > "/dev/tcp/127.0.0.1/${PORT_A[main]}" ) 2> /dev/null
req alice "$A/bob/status"
[ "$code" = 200 ]
verdict $? "garbage: bytes that are not TLS do not stop the server" "HTTP $code: $body"

out=$(printf 'GARBAGE\x01 / \xff\r\n\r\n' | tls_raw)
req alice "$A/bob/status"
[[ $out == "HTTP/1.1 400 Bad Request"* ]] && [ "$code" = 200 ]
verdict $? "garbage: a malformed request line in TLS is 400, and the server goes on" "$out
then HTTP $code"

out=$(printf 'GET /api/v1/keys/bob/status HTTP/1.1\r\nNo colon here\r\n\r\n' | tls_raw)
[[ $out == "HTTP/1.1 400 Bad Request"* ]] && [[ $out == *'"malformed header field"'* ]]
verdict $? "garbage: a malformed header field is 400" "$out"

# Without -quiet (and so -ign_eof), s_client hangs up at the end of its input.
out=$(printf 'GET /api/v1/keys/bob/status HTTP/1.1\r\nContent-Length: 12' |
	timeout 10 openssl s_client -brief -connect "127.0.0.1:${PORT_A[main]}" \
		-cert "$P/alice.crt" -key "$P/alice.key" -CAfile "$P/ca.crt" 2> /dev/null)
req alice "$A/bob/status"
[ -z "$out" ] && [ "$code" = 200 ] && tail -n 2 "$TMP/main.log" | head -n 1 | grep -q 'error="client closed the connection"'
verdict $? "garbage: a connection closed mid-request is dropped and logged" "$out
then HTTP $code; $(tail -n 2 "$TMP/main.log")"

out=$(printf 'GET /api/v1/keys/bob/status HTTP/2.0\r\n\r\n' | tls_raw)
[[ $out == "HTTP/1.1 400 Bad Request"* ]]
verdict $? "garbage: an unknown HTTP version is 400" "$out"

req alice "$A/bob/status" -H 'Expect: 100-continue' -X GET -d '{}'
c1=$code
out=$(printf 'GET /api/v1/keys/bob/status HTTP/1.0\r\n\r\n' | tls_raw)
[ "$c1" = 200 ] && [[ $out == "HTTP/1.1 200 OK"* ]]
verdict $? "HTTP: Expect: 100-continue and HTTP/1.0 requests are served" "HTTP $c1; $out"

req alice "$A/bob/enc_keys" -H 'Content-Length: 70000' -X POST
[ "$code" = 413 ]
verdict $? "garbage: a body over 64 KiB is refused (413)" "HTTP $code: $body"

req alice "$A/bob/status" -H "X-Big: $(head -c 17000 /dev/zero | tr '\0' a)"
[ "$code" = 431 ]
verdict $? "garbage: a header section over 16 KiB is refused (431)" "HTTP $code: $body"

req alice "$A/bob%2Fx/status"
[ "$code" = 200 ] && [ "$(jq_ 'j["slave_SAE_ID"]')" = "bob/x" ]
req alice "$A/bob%00/status"
[ "$code" = 400 ]
verdict $? "garbage: SAE IDs in the path are percent-decoded, NUL refused" "HTTP $code: $body"

# A client that connects and says nothing holds the server only until
# the read timeout (5 s); the request queued behind it is then served.
exec 7<> "/dev/tcp/127.0.0.1/${PORT_A[main]}"
t0=$(date +%s%N)
req alice "$A/bob/status"
t1=$(date +%s%N)
exec 7>&-
ms=$(((t1 - t0) / 1000000))
[ "$code" = 200 ] && [ "$ms" -ge 4000 ] && [ "$ms" -lt 12000 ] && grep -q 'error="TLS handshake failed: timed out"' "$TMP/main.log"
verdict $? "a silent client times out and the next request is served" "HTTP $code after $ms ms"

# --- exhaustion and refill --------------------------------------------------------

if start_kme small --rate 0 --buffer 1024 --key-size 256; then
	codes=""
	for i in 1 2 3 4 5; do
		req alice "${URL_A[small]}/bob/enc_keys"
		codes="$codes $code"
	done
	[ "$codes" = " 200 200 200 200 400" ] && [ "$(jq_ 'j["message"], j["details"]')" = "('not enough keys', [{'stored_key_count': 0}])" ]
	verdict $? "exhaustion: a pool of 4 keys gives 4, then 400 not enough keys" "codes$codes: $body"
	req alice "${URL_A[small]}/carol/enc_keys?number=4"
	[ "$code" = 200 ]
	verdict $? "exhaustion: each SAE pair has a pool of its own" "HTTP $code: $body"
	stop_kme small
else
	fail "exhaustion: server starts" "$(cat "$TMP/small.err")"
fi

if start_kme refill --rate 100000 --buffer 4096 --initial 0 --key-size 256; then
	first=$(stored alice "${URL_A[refill]}" bob)
	seen=$first n=0
	# 4096 bits at 100000 bit/s fill in 41 ms: poll until full, at most 5 s.
	while [ "$seen" != 16 ] && [ $n -lt 100 ]; do
		sleep 0.05
		seen=$(stored alice "${URL_A[refill]}" bob)
		n=$((n + 1))
	done
	[ "$first" -lt 16 ] && [ "$seen" = 16 ]
	verdict $? "refill: stored_key_count grows at --rate up to max_key_count" "first $first, then $seen after $n polls"
	sleep 0.1
	[ "$(stored alice "${URL_A[refill]}" bob)" = 16 ]
	verdict $? "refill: a full pool stays at --buffer" "$body"
	stop_kme refill
else
	fail "refill: server starts" "$(cat "$TMP/refill.err")"
fi

if start_kme slowfill --rate 2560 --initial 0 --key-size 256; then
	# 10 keys a second: the count rises over time, never jumps to the buffer.
	first=$(stored alice "${URL_A[slowfill]}" bob) seen=$first n=0
	while [ "$seen" -lt 3 ] && [ $n -lt 100 ]; do
		sleep 0.05
		seen=$(stored alice "${URL_A[slowfill]}" bob)
		n=$((n + 1))
	done
	[ "$first" -le 1 ] && [ "$seen" -ge 3 ] && [ "$seen" -le 5 ]
	verdict $? "refill: stored_key_count follows the rate (10 keys/s)" "first $first, then $seen after $n polls"
	stop_kme slowfill
else
	fail "refill: server starts" "$(cat "$TMP/slowfill.err")"
fi

# --- stats ------------------------------------------------------------------------

expect_cli "stats: a stats file that cannot be written is a runtime error" 1 \
	"kpsec-kme: cannot write stats file \"$TMP/none/stats\": No such file or directory" \
	serve --ca "$P/ca.crt" "${EP_A[@]}" --stats "$TMP/none/stats"
out=$("$KME" help 2>&1)
[[ $out == *"--stats FILE"* ]]
verdict $? "stats: help names --stats" "$out"

# stats_now NAME: ask server NAME for its report (SIGUSR1); prints it.
stats_now() {
	local i
	rm -f "$TMP/$1.stats"
	kill -USR1 "${SERVER_PID[$1]}"
	for i in $(seq 100); do
		[ -s "$TMP/$1.stats" ] && break
		sleep 0.05
	done
	cat "$TMP/$1.stats" 2> /dev/null
}

if start_kme stats --rate 0 --buffer 2048 --initial 1024 --key-size 256 --stats "$TMP/stats.stats"; then
	first=$(cat "$TMP/stats.stats")
	[[ $first =~ ^time_ms=[0-9]+$ ]]
	verdict $? "stats: written at start: the time line, no pool yet" "$first"

	req alice "${URL_A[stats]}/bob/enc_keys?number=2"
	enc=$(keys_of)
	req bob "${URL_B[stats]}/alice/dec_keys?key_ID=$(echo "$enc" | head -n 1 | cut -d' ' -f1)"
	got=$(stats_now stats | sed -n 2p)
	want="sae_a=alice sae_b=bob age_ms=* pool_bits=512 generated_bits=0 overflow_bits=0 full_after_ms=- master_keys=2 master_bits=512 slave_keys=1 slave_bits=256 dropped_keys=0 waiting_keys=1"
	# shellcheck disable=SC2053 # want is a pattern: age_ms varies
	[[ $got == $want ]] && [ "$(wc -l < "$TMP/stats.stats")" = 2 ]
	verdict $? "stats: SIGUSR1 writes a line per pair: pool, keys to master and slave, waiting" "$got
want: $want"

	leak=0
	for k in $(echo "$enc" | cut -d' ' -f2); do
		grep -qiF -- "$k" "$TMP/stats.stats" && leak=1
		grep -qF -- "$(echo "$k" | xxd -r -p | base64 -w0)" "$TMP/stats.stats" && leak=1
	done
	ids=$(echo "$enc" | cut -d' ' -f1 | paste -sd'|')
	! grep -qE "$ids" "$TMP/stats.stats" && [ $leak = 0 ]
	verdict $? "stats: no key material and no key_ID in the report" "leak=$leak"

	kill -TERM "${SERVER_PID[stats]}"
	wait "${SERVER_PID[stats]}"
	rc=$?
	[ $rc = 0 ] && grep -q ' slave_keys=1 ' "$TMP/stats.stats" && [ ! -e "$TMP/stats.stats.tmp" ]
	verdict $? "stats: written again at exit" "exit $rc: $(cat "$TMP/stats.stats")"
else
	fail "stats: server starts" "$(cat "$TMP/stats.err")"
fi

# 4096 bits at 100000 bit/s: full 40.96 ms after the pool is made.
if start_kme statsrate --rate 100000 --buffer 4096 --initial 0 --key-size 256 \
	--stats "$TMP/statsrate.stats"; then
	stored alice "${URL_A[statsrate]}" bob > /dev/null
	sleep 0.2
	got=$(stats_now statsrate | sed -n 2p)
	gen=$(echo "$got" | grep -o ' generated_bits=[0-9]*' | cut -d= -f2)
	over=$(echo "$got" | grep -o ' overflow_bits=[0-9]*' | cut -d= -f2)
	age=$(echo "$got" | grep -o ' age_ms=[0-9]*' | cut -d= -f2)
	# Bits made while full are lost: generated + overflow is rate * age.
	[[ $got == *" pool_bits=4096 "* ]] && [[ $got == *" full_after_ms=40 "* ]] &&
		[ "$gen" = 4096 ] && [ "$age" -ge 200 ] &&
		[ $(( (gen + over) / 100 )) -ge $(( age - 1 )) ] && [ $(( (gen + over) / 100 )) -le $(( age + 1 )) ]
	verdict $? "stats: the instant the pool filled, and bits lost while it was full" "$got"

	# A full pool of 16 keys: 16 drawn, none fetched; 16 more push them out.
	req alice "${URL_A[statsrate]}/bob/enc_keys?number=16"
	sleep 0.1
	req alice "${URL_A[statsrate]}/bob/enc_keys?number=16"
	got=$(stats_now statsrate | sed -n 2p)
	[[ $got == *" master_keys=32 master_bits=8192 slave_keys=0 slave_bits=0 dropped_keys=16 waiting_keys=16" ]]
	verdict $? "stats: keys forgotten for want of their slave are counted" "$got"

	kill -USR1 "${SERVER_PID[statsrate]}"
	sleep 0.1
	stored alice "${URL_A[statsrate]}" bob > /dev/null
	[ "$code" = 200 ]
	verdict $? "stats: SIGUSR1 does not stop the server" "HTTP $code"
	stop_kme statsrate
else
	fail "stats: server starts" "$(cat "$TMP/statsrate.err")"
fi

if start_kme nostats --rate 0; then
	kill -USR1 "${SERVER_PID[nostats]}"
	sleep 0.1
	req alice "${URL_A[nostats]}/bob/status"
	[ "$code" = 200 ]
	verdict $? "stats: without --stats, SIGUSR1 is ignored" "HTTP $code"
	stop_kme nostats
else
	fail "stats: server starts" "$(cat "$TMP/nostats.err")"
fi

# --- faults -----------------------------------------------------------------------

# fault NAME OPTIONS...: start a server with a fault; false if it did not start.
fault() {
	local name=$1
	shift
	start_kme "$name" --rate 0 --buffer 8192 --key-size 256 "$@" && return 0
	fail "fault $name: server starts" "$(cat "$TMP/$name.err")"
	return 1
}

if fault empty --fault empty; then
	req alice "${URL_A[empty]}/bob/enc_keys"
	[ "$code" = 503 ] && [ "$(jq_ 'j["message"]')" = "key pool empty" ] &&
		[ "$(stored alice "${URL_A[empty]}" bob)" = 0 ]
	verdict $? "fault empty: enc_keys is 503 key pool empty, status says 0 keys" "HTTP $code: $body"
	stop_kme empty
fi

if fault slow --fault slow:1500; then
	t0=$(date +%s%N)
	req alice "${URL_A[slow]}/bob/enc_keys"
	ms=$((($(date +%s%N) - t0) / 1000000))
	[ "$code" = 200 ] && [ "$(keys_of | wc -l)" = 1 ] && [ "$ms" -ge 1500 ]
	verdict $? "fault slow:1500: a correct reply after 1.5 s" "HTTP $code after $ms ms: $body"
	req alice "${URL_A[slow]}/bob/status" --max-time 1
	[ "$rc" = 28 ]
	verdict $? "fault slow:1500: a client with a 1 s timeout gives up on status" "curl $rc, HTTP $code"
	stop_kme slow
fi

if fault malformed --fault malformed; then
	req alice "${URL_A[malformed]}/bob/enc_keys"
	c1=$code
	is_json
	j1=$?
	req alice "${URL_A[malformed]}/bob/status"
	is_json
	j2=$?
	[ "$c1" = 200 ] && [ $j1 != 0 ] && [ "$code" = 200 ] && [ $j2 != 0 ] && [[ $body == '{"'* ]]
	verdict $? "fault malformed: enc_keys and status replies are not JSON" "HTTP $c1, HTTP $code: $body"
	stop_kme malformed
fi

if fault badb64 --fault bad-base64; then
	req alice "${URL_A[badb64]}/bob/enc_keys?number=2"
	[ "$code" = 200 ] && is_json && [ "$(jq_ 'len(j["keys"])')" = 2 ] && ! keys_of > /dev/null
	verdict $? "fault bad-base64: a key's base64 does not decode" "HTTP $code: $body"
	id=$(jq_ 'j["keys"][0]["key_ID"]')
	req bob "${URL_B[badb64]}/alice/dec_keys?key_ID=$id"
	[ "$code" = 200 ] && ! keys_of > /dev/null
	verdict $? "fault bad-base64: in dec_keys too" "HTTP $code: $body"
	stop_kme badb64
fi

if fault wrongsize --fault wrong-size; then
	req alice "${URL_A[wrongsize]}/bob/enc_keys?number=2&size=256"
	[ "$code" = 200 ] && [ "$(keys_of | awk '{ print length($2) / 2 }' | sort -u)" = 31 ]
	verdict $? "fault wrong-size: 256-bit keys come as 31 bytes" "HTTP $code: $body"
	stop_kme wrongsize
fi

if fault short --fault short; then
	req alice "${URL_A[short]}/bob/enc_keys?number=3"
	[ "$code" = 200 ] && [ "$(keys_of | wc -l)" = 2 ]
	verdict $? "fault short: 3 keys asked, 2 given" "HTTP $code: $body"
	ids=$(keys_of | cut -d' ' -f1 | sed 's/^/key_ID=/' | paste -sd'&')
	req bob "${URL_B[short]}/alice/dec_keys?$ids"
	[ "$code" = 200 ] && [ "$(keys_of | wc -l)" = 1 ]
	verdict $? "fault short: in dec_keys too" "HTTP $code: $body"
	stop_kme short
fi

if fault unknownid --fault unknown-id; then
	req alice "${URL_A[unknownid]}/bob/enc_keys"
	read -r id key < <(keys_of)
	req bob "${URL_B[unknownid]}/alice/dec_keys?key_ID=$id"
	[[ $id =~ $UUID4 ]] && [ "$code" = 400 ] &&
		[ "$(jq_ 'j["message"]')" = "key_ID $id is unknown or was already delivered" ]
	verdict $? "fault unknown-id: the key_IDs given are unknown to the KME" "HTTP $code: $body"
	stop_kme unknownid
fi

if fault lies --fault status-lies; then
	n=$(stored alice "${URL_A[lies]}" bob)
	req alice "${URL_A[lies]}/bob/enc_keys?number=33"
	[ "$n" -gt 32 ] && [ "$code" = 400 ] && [ "$(jq_ 'j["message"]')" = "not enough keys" ]
	verdict $? "fault status-lies: status claims more keys than the pool holds" "stored_key_count $n, HTTP $code: $body"
	stop_kme lies
fi

if fault combined --fault short --fault wrong-size --fault unknown-id; then
	req alice "${URL_A[combined]}/bob/enc_keys?number=2&size=128"
	keys=$(keys_of)
	[ "$code" = 200 ] && [ "$(echo "$keys" | wc -l)" = 1 ] && [ "$(echo "$keys" | awk '{ print length($2) }')" = 30 ]
	verdict $? "faults combine: short, wrong-size and unknown-id at once" "HTTP $code: $body"
	stop_kme combined
fi

# --- stopping ---------------------------------------------------------------------

kill -TERM "${SERVER_PID[main]}"
wait "${SERVER_PID[main]}"
rc=$?
[ $rc = 0 ] && [ ! -e "$TMP/main.ready" ] && tail -n 1 "$TMP/main.log" | grep -q 'stopping$'
verdict $? "SIGTERM: exit 0, ready file removed" "exit $rc; $(ls "$TMP"/*.ready 2>&1)"

finish
