#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of the built key-ring planner, tools/kpsec-plan, KTAP output.
#
# Every refusal asserts exit status 2, one stderr line naming the problem,
# and that no output directory (nor a hidden temporary sibling) is left.
# Then: the same seed gives the same summary.json and topology, another
# seed differs, key bytes never repeat between runs; files are 0600 and
# the directory 0700 under umask 000; every node-<ID>.conf loads with
# lib/nodeconf (conf_check.c, built here) and agrees with summary.json;
# PAKP rings never hold the node's own ID.  A missing compiler or jq is a
# failure, never a skip.
#
# Usage: [KPSEC_PLAN=path/to/kpsec-plan] bash selftests/plan/plan_cli.sh
set -u
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PLAN=${KPSEC_PLAN:-$ROOT/tools/kpsec-plan}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

. "$ROOT/selftests/plan/ktap.sh"

# refused DESC WANT ARGS...: exit 2, one stderr line containing WANT, no
# stdout, and nothing left in $TMP/r (where -o points).
refused() {
	local desc=$1 want=$2 left
	shift 2
	rm -rf "$TMP/r"
	mkdir "$TMP/r"
	run "$@"
	left=$(ls -A "$TMP/r")
	if [ "$rc" = 2 ] && [[ $err == *"$want"* ]] && [ "$(wc -l < "$TMP/err")" = 1 ] &&
	   [ -z "$out" ] && [ -z "$left" ]; then
		pass "refused: $desc"
	else
		fail "refused: $desc" "kpsec-plan $*: exit $rc, stderr: $err
want: $want; left behind: $left"
	fi
}

# ok_run DESC ARGS...: exit 0, nothing on stderr.
ok_run() {
	local desc=$1
	shift
	run "$@"
	[ "$rc" = 0 ] && [ -z "$err" ]
	verdict $? "$desc" "kpsec-plan $*: exit $rc, stderr: $err"
}

if [ ! -x "$PLAN" ]; then
	echo "KTAP version 1"
	echo "1..1"
	echo "not ok 1 - $PLAN is not built (make -C tools kpsec-plan)"
	exit 1
fi

O=$TMP/r/out
TOPO=(--topology rgg 10 --connected)

# --- usage and help
lists_all() {
	local c
	for c in topo gen analyze bench help; do
		grep -q "^  $c " "$TMP/out" || return 1
	done
}
run help
[ "$rc" = 0 ] && lists_all
verdict $? "help lists every command" "exit $rc: $out"
run --version
[ "$rc" = 0 ] && [[ $out == "kpsec-plan "* ]]
verdict $? "--version" "exit $rc: $out"
for c in topo gen; do
	run $c --help
	[ "$rc" = 0 ] && [[ $out == "Usage: kpsec-plan $c "* ]]
	verdict $? "$c --help" "exit $rc: $out"
done
refused "unknown command" "unknown command 'frob'" frob
refused "gen without --scheme" "--scheme missing" gen "${TOPO[@]}" -o "$O"
refused "unknown scheme" "unknown scheme 'foo'" gen --scheme foo "${TOPO[@]}" -o "$O"
refused "gen without -o" "-o DIR missing" gen --scheme pakp --ring 3 "${TOPO[@]}"
refused "gen without topology" "needs --topology" gen --scheme pakp --ring 3 -o "$O"
refused "unknown option" "unknown option '--frob'" gen --scheme pakp --ring 3 "${TOPO[@]}" --frob -o "$O"
refused "stray argument" "unexpected argument 'extra'" gen --scheme pakp --ring 3 "${TOPO[@]}" extra -o "$O"
refused "option given twice" "--ring given twice" gen --scheme pakp --ring 3 --ring 4 "${TOPO[@]}" -o "$O"
refused "missing required option" "--scheme eg needs --pool" gen --scheme eg --ring 3 "${TOPO[@]}" -o "$O"
refused "option of another scheme" "--pool does not apply to --scheme pakp" \
	gen --scheme pakp --ring 3 --pool 9 "${TOPO[@]}" -o "$O"
refused "malformed number" "--pool: 'abc' is not a non-negative integer" \
	gen --scheme eg --pool abc --ring 3 "${TOPO[@]}" -o "$O"
refused "negative seed" "--seed: '-1' is not a non-negative integer" \
	gen --scheme pakp --ring 3 "${TOPO[@]}" --seed -1 -o "$O"
refused "missing value" "--ring: missing value" gen --scheme pakp "${TOPO[@]}" -o "$O" --ring
refused "k > pool" "ring size k = 20 exceeds the pool size P = 10" \
	gen --scheme eg --pool 10 --ring 20 "${TOPO[@]}" -o "$O"
refused "q > k" "q = 4 exceeds the ring size k = 3" \
	gen --scheme qcomp --pool 10 --ring 3 -q 4 "${TOPO[@]}" -o "$O"
refused "eg with q != 1" "eg means q = 1" gen --scheme eg --pool 10 --ring 3 -q 2 "${TOPO[@]}" -o "$O"
refused "pakp ring over the CLI's limit" "exceeds the CLI's limit of 128" \
	gen --scheme pakp --ring 200 --topology gnp 300 0.1 -o "$O"
refused "pakp ring over n - 1" "exceeds the n - 1 = 9 other nodes" \
	gen --scheme pakp --ring 10 "${TOPO[@]}" -o "$O"
refused "m not a prime power" "m = 6 is not a prime power" \
	gen --scheme ukp --unital-m 6 "${TOPO[@]}" -o "$O"
refused "sst" "sst: construction not available" gen --scheme sst "${TOPO[@]}" -o "$O"
refused "ilp p out of range" "-p: 2 must be in [0, 1]" \
	gen --scheme ilp --keys 5 -q 1 --mem 2 --key-limit 3 -p 2 "${TOPO[@]}" -o "$O"
refused "ilp alpha 0" "--alpha: must be a positive integer" \
	gen --scheme ilp --keys 5 -q 1 --mem 2 --key-limit 3 -p 0.5 --alpha 0 "${TOPO[@]}" -o "$O"
refused "ilp unknown model" "--model: unknown model 'x'" \
	gen --scheme ilp --keys 5 -q 1 --mem 2 --key-limit 3 -p 0.5 --model x "${TOPO[@]}" -o "$O"
refused "first ID 0" "--first-id: 0 must be from 1" \
	gen --scheme pakp --ring 3 "${TOPO[@]}" --first-id 0 -o "$O"
refused "node IDs beyond 0xfffffffe" "would need IDs beyond 0xfffffffe" \
	gen --scheme pakp --ring 3 "${TOPO[@]}" --first-id 4294967290 -o "$O"
refused "density above 1" "density 1.5 must be in [0, 1]" \
	gen --scheme pakp --ring 3 --topology gnp 10 1.5 -o "$O"
refused "--area without rgg" "--area applies only to --topology rgg" \
	gen --scheme pakp --ring 3 --topology gnp 10 0.5 --area 50 -o "$O"
refused "negative range" "--range: -5 must be a positive number" \
	gen --scheme pakp --ring 3 "${TOPO[@]}" --range -5 -o "$O"
refused "no connected graph" "no connected rgg with 30 nodes" \
	gen --scheme pakp --ring 3 --topology rgg 30 --range 1 --connected -o "$O"
refused "unknown topology" "--topology: unknown kind 'ring'" \
	gen --scheme pakp --ring 3 --topology ring 5 -o "$O"
refused "missing topology file" "$TMP/none.edges: No such file or directory" \
	gen --scheme pakp --ring 3 --topology file "$TMP/none.edges" -o "$O"
printf 'nodes 4\n0 1\n2 2\n' > "$TMP/loop.edges"
refused "self-loop in a file" "$TMP/loop.edges:3: self-loop 2 2" \
	gen --scheme pakp --ring 2 --topology file "$TMP/loop.edges" -o "$O"
printf '0 1\n1 2\n2 1\n' > "$TMP/dup.edges"
refused "repeated edge in a file" "$TMP/dup.edges:3: edge 1 2 repeats line 2" \
	topo file "$TMP/dup.edges"
printf 'nodes 3\n0 1\n1 3\n' > "$TMP/big.edges"
refused "vertex beyond nodes" "$TMP/big.edges:3: vertex 3 >= nodes 3" topo file "$TMP/big.edges"
refused "topo without a kind" "expected rgg N, gnp N D or file FILE" topo --seed 1
refused "topo with a scheme option" "--scheme does not apply to topo" topo rgg 5 --scheme eg
refused "topo rgg without N" "--topology rgg: expected N" topo rgg

# An existing DIR is refused and left as it was.
mkdir -p "$TMP/exists"
echo keep > "$TMP/exists/f"
run gen --scheme pakp --ring 3 "${TOPO[@]}" -o "$TMP/exists"
[ "$rc" = 2 ] && [[ $err == *"already exists, refusing to overwrite it" ]] &&
	[ "$(ls -A "$TMP/exists")" = f ] && [ "$(cat "$TMP/exists/f")" = keep ]
verdict $? "refused: an existing output directory, untouched" "exit $rc, stderr: $err"
echo x > "$TMP/e.edges"
run topo rgg 5 -o "$TMP/e.edges"
[ "$rc" = 2 ] && [ "$(cat "$TMP/e.edges")" = x ]
verdict $? "refused: topo -o onto an existing file" "exit $rc, stderr: $err"

# --- reproducibility
ok_run "gen pakp" gen --scheme pakp --ring 3 "${TOPO[@]}" --seed 7 -o "$TMP/a"
ok_run "gen pakp, same seed" gen --scheme pakp --ring 3 "${TOPO[@]}" --seed 7 -o "$TMP/b"
ok_run "gen pakp, another seed" gen --scheme pakp --ring 3 "${TOPO[@]}" --seed 8 -o "$TMP/c"
cmp -s "$TMP/a/summary.json" "$TMP/b/summary.json" &&
	cmp -s "$TMP/a/topology.edges" "$TMP/b/topology.edges"
verdict $? "same seed: identical summary.json and topology" "$(diff "$TMP/a/summary.json" "$TMP/b/summary.json" | head)"
! cmp -s "$TMP/a/summary.json" "$TMP/c/summary.json"
verdict $? "another seed: summary.json differs" ""
# Key material comes from the OS, not the seed: no key line repeats.
dups=$(cat "$TMP"/a/node-*.conf "$TMP"/b/node-*.conf | grep -E '^(PrivateKey|[0-9]+) = ' |
	sed 's/.* = //' | sort | uniq -d | wc -l)
pk=$(grep -h '^PrivateKey' "$TMP"/a/node-*.conf "$TMP"/b/node-*.conf | sort -u | wc -l)
[ "$pk" = 20 ] && cmp -s <(grep -h '^[0-9]* = ' "$TMP"/a/node-1.conf | sed 's/ = .*//') \
	<(grep -h '^[0-9]* = ' "$TMP"/b/node-1.conf | sed 's/ = .*//')
verdict $? "same seed: same rings, 20 distinct private keys in two runs" "distinct private keys: $pk"
# Within one run the same public key appears in several rings; across runs never.
cross=$(comm -12 <(grep -h '^[0-9]* = ' "$TMP"/a/node-*.conf | sed 's/.* = //' | sort -u) \
	<(grep -h '^[0-9]* = ' "$TMP"/b/node-*.conf | sed 's/.* = //' | sort -u) | wc -l)
[ "$cross" = 0 ]
verdict $? "same seed: no public key shared between two runs" "$cross shared, $dups repeated lines"

# topo writes what gen uses: the same seed and stream give the same graph.
ok_run "topo rgg" topo rgg 10 --connected --seed 7 -o "$TMP/t7.edges"
cmp -s "$TMP/t7.edges" "$TMP/a/topology.edges"
verdict $? "topo and gen draw the same topology from a seed" "$(diff "$TMP/t7.edges" "$TMP/a/topology.edges" | head)"
ok_run "gen from a topology file" gen --scheme pakp --ring 3 --topology file "$TMP/t7.edges" \
	--seed 7 -o "$TMP/f"
cmp -s "$TMP/f/topology.edges" "$TMP/a/topology.edges" &&
	cmp -s <(jq -c '[.nodes[].pub_ring]' "$TMP/f/summary.json") \
	       <(jq -c '[.nodes[].pub_ring]' "$TMP/a/summary.json")
verdict $? "a topology file gives the same plan as the seeded rgg" ""

# --- modes, whatever the umask
( umask 000; "$PLAN" gen --scheme eg --pool 40 --ring 6 --topology gnp 12 0.4 --seed 3 \
	-o "$TMP/m" > /dev/null 2>&1 )
modes=$(stat -c '%a %n' "$TMP/m" "$TMP"/m/* | awk '{print $1}' | sort | uniq -c | tr -s ' ')
[ "$(stat -c %a "$TMP/m")" = 700 ] && [ -z "$(find "$TMP/m" -type f ! -perm 0600)" ] &&
	[ "$(ls "$TMP"/m/node-*.conf | wc -l)" = 12 ]
verdict $? "umask 000: DIR 0700, every file 0600" "$modes"
[ -z "$(ls -A "$TMP" | grep '^\.')" ]
verdict $? "no temporary directory left behind" "$(ls -A "$TMP")"

# --- the files load with lib/nodeconf and match summary.json
CHECK=$TMP/conf_check
if cc -std=gnu11 -O1 -D_GNU_SOURCE -I"$ROOT/lib" $(pkg-config --cflags libsodium) -o "$CHECK" \
	"$ROOT/selftests/plan/conf_check.c" "$ROOT/lib/nodeconf.c" "$ROOT/lib/base64.c" \
	$(pkg-config --libs libsodium) 2> "$TMP/cc.err"; then
	pass "conf_check builds"
else
	fail "conf_check builds" "$(cat "$TMP/cc.err")"
fi
if ! command -v jq > /dev/null; then
	fail "jq is installed" "the summary checks need jq"
fi

# loads DESC DIR: every node-*.conf of DIR loads, public keys match private
# keys, pool keys agree, and each node's rings are summary.json's.
loads() {
	local dir=$1 desc=$2 got want
	got=$("$CHECK" "$dir"/node-*.conf 2>&1 | sort -n)
	want=$(jq -r '.nodes[] | "\(.id): ring\(.pub_ring | map(" \(.)") | join("")); sym\(.sym_ring | map(" \(.)") | join(""))"' \
		"$dir/summary.json" | sort -n)
	[ -n "$got" ] && [ "$got" = "$want" ] &&
		[ "$(ls "$dir"/node-*.conf | wc -l)" = "$(jq .n "$dir/summary.json")" ]
	verdict $? "$desc: every node-*.conf loads and matches summary.json" "got:
$got
want:
$want"
}
loads "$TMP/a" pakp
loads "$TMP/m" eg
ok_run "gen qcomp, first ID 100" gen --scheme qcomp --pool 50 --ring 8 -q 2 --topology gnp 8 0.5 \
	--first-id 100 -o "$TMP/q"
loads "$TMP/q" "qcomp, first ID 100"
[ "$(jq '[.nodes[].id] | min' "$TMP/q/summary.json")" = 100 ] && [ -f "$TMP/q/node-107.conf" ]
verdict $? "--first-id numbers the nodes" ""
# SymQ: the scheme's q in every pool-key file, none where there is no pool.
[ -z "$(grep -L -x 'SymQ = 2' "$TMP"/q/node-*.conf)" ] &&
	[ -z "$(grep -L -x 'SymQ = 1' "$TMP"/m/node-*.conf)" ] &&
	! grep -q -i '^SymQ' "$TMP"/a/node-*.conf
verdict $? "node files carry SymQ = q (qcomp 2, eg 1), pakp none" ""
refused "qcomp with q above kpsec.ko's 16" "node files take SymQ 1..16" \
	gen --scheme qcomp --pool 60 --ring 20 -q 17 "${TOPO[@]}" -o "$O"

# PAKP rings: k entries, never the own ID, within 1..n.
bad=$(jq '[.nodes[] | .id as $i | select((.pub_ring | index($i)) != null
	or (.pub_ring | length) != 3 or (.pub_ring | min) < 1 or (.pub_ring | max) > 10)] | length' \
	"$TMP/a/summary.json")
[ "$bad" = 0 ]
verdict $? "pakp: every ring holds 3 other nodes, never its own ID" "$bad bad rings"
! grep -q -i 'PrivateKey\|"key"' "$TMP/a/summary.json" "$TMP/a/summary.txt"
verdict $? "summaries hold no key material" ""

# --- analyze and bench on the command line (their algorithms: test_analysis,
# test_ilp, test_heur)
run analyze "$TMP/a" sharing -f json
[ "$rc" = 0 ] && jq -e '.rows | length > 0' "$TMP/out" > /dev/null
verdict $? "analyze DIR sharing -f json" "exit $rc: $err"
# The farthest-apart pair of the PAKP plan: its key-paths, one row each.
run analyze "$TMP/a" keypaths --pair 1,10
paths=$(sed -n 's/^# paths=//p' "$TMP/out")
rows=$(grep -c '^[0-9]' "$TMP/out")
[ "$rc" = 0 ] && [ -n "$paths" ] && [ "$paths" -ge 1 ] && [ "$paths" -le 3 ] && [ "$rows" = "$paths" ]
verdict $? "analyze keypaths --pair: 1..k paths, one row each" "exit $rc, paths $paths, rows $rows: $err"
refused "analyze --pair of one node" "is not two different node IDs" analyze "$TMP/a" keypaths --pair 3,3
refused "analyze --pair outside keypaths" "--pair applies only to keypaths" \
	analyze "$TMP/a" sharing --pair 1,2
refused "analyze without a subcommand" "no subcommand" analyze "$TMP/a"
run analyze "$TMP/a" keypaths --pair 1,11
[ "$rc" != 0 ] && [[ $err == *"node 11 is not in the plan (nodes 1..10)"* ]] && [ -z "$out" ]
verdict $? "analyze --pair: a node outside the plan is refused" "exit $rc: $err"

run bench ilp --help
[ "$rc" = 0 ] && [[ $out == "Usage: kpsec-plan bench ilp "* ]]
verdict $? "bench ilp --help" "exit $rc: $out"
refused "bench ilp: configuration 14" "--configs 14" bench ilp --configs 14
refused "bench ilp: zero instances" "--instances must be in 1..1000" bench ilp --instances 0
refused "bench ilp: an unknown search" "--search must be auto, plain or descent" \
	bench ilp --search deep
refused "bench heuristic: a bad configuration list" "--configs" bench heuristic --configs T2:1
# Table 3 configuration 1: the paper solved all 100; three must be proven here.
run bench ilp --table 4 --configs 1 --instances 3 --time-limit 30 -j
[ "$rc" = 0 ] && jq -e '.tables[0].configs[0] | .solved == 3 and .instances == 3
	and .paper.solved == 100' "$TMP/out" > /dev/null
verdict $? "bench ilp: Table 3 configuration 1, 3 of 3 solved, beside the paper's row" \
	"exit $rc: $err"
# A row counts only proofs within the limit: at 1 ms, each -v line says
# optimal (within it), late (proven after it) or limit, and "solved" is the
# optimal ones alone.
run bench ilp --table 4 --configs 1 --instances 3 --time-limit 0.001 -v -j
printf '%s\n' "$err" | awk '/^T3 c1 seed/ { n++; t = $(NF - 1); st = $(NF - 2)
	if (st == "optimal") { opt++; if (t > 0.001) bad = 1 }
	else if (st == "late") { if (t <= 0.001) bad = 1 }
	else if (st != "limit") bad = 1 }
	END { print n + 0, opt + 0; exit bad || n != 3 }' > "$TMP/late"
[ "$rc" = 0 ] && read -r n opt < "$TMP/late" &&
	jq -e --argjson opt "$opt" '.tables[0].configs[0].solved == $opt' "$TMP/out" > /dev/null
verdict $? "bench ilp: a proof after the time limit is not counted as solved" \
	"exit $rc: $(cat "$TMP/late") $err"
# The cover descent alone proves the same three, and says it ran.
run bench ilp --table 4 --configs 1 --instances 3 --time-limit 30 --search descent -j
[ "$rc" = 0 ] && jq -e '.search == "descent" and .tables[0].configs[0].solved == 3' \
	"$TMP/out" > /dev/null
verdict $? "bench ilp --search descent: Table 3 configuration 1, 3 of 3 solved" "exit $rc: $err"
run bench heuristic --configs T1:1-2 --instances 3 --nodes none -j
[ "$rc" = 0 ] && jq -e '[.gap[] | .proven == 3 and .mean_gap <= 0.05] | all' \
	"$TMP/out" > /dev/null
verdict $? "bench heuristic: gap to the proven optima within 5 %" "exit $rc: $out $err"
run bench heuristic --configs T3:2 --instances 1 --nodes 200 -j
[ "$rc" = 0 ] && jq -e '.gap[0].table == 3 and .large[0].nodes == 200
	and .large[0].peak_rss_kib > 0' "$TMP/out" > /dev/null
verdict $? "bench heuristic -j: Table 3 alone and a large instance, valid JSON" "exit $rc: $out $err"

ktap_report
