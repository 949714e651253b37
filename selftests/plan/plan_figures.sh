#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of "kpsec-plan figures" (tools/plan/figures.c), KTAP output.
#
# With --quick: every file is there with exact CSV headers and row counts,
# PNGs (when gnuplot is installed; without it the --no-plot run stands in
# and the PNG test is skipped), modes 0600/0700 under umask 000, Fig. 1
# equal to Lemma 1 computed here, Fig. 2b a cumulative distribution ending
# at 1, Table 3 beside the paper's values, figures.json naming every file,
# one run of a point equal to the "analyze" call it stands for, the same
# seed giving byte-identical CSVs and another seed different ones.  Every
# refusal asserts exit status 2, one stderr line with the exact message
# and no directory (nor hidden sibling) left.  A missing jq is a failure.
#
# Usage: [KPSEC_PLAN=path/to/kpsec-plan] bash selftests/plan/plan_figures.sh
set -u
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PLAN=${KPSEC_PLAN:-$ROOT/tools/kpsec-plan}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

. "$ROOT/selftests/plan/ktap.sh"

# refused DESC MESSAGE ARGS...: exit 2, stderr exactly "kpsec-plan figures:
# MESSAGE", no stdout, and nothing left in $TMP/r (where DIR points).
refused() {
	local desc=$1 want="kpsec-plan figures: $2" left
	shift 2
	rm -rf "$TMP/r"
	mkdir "$TMP/r"
	run "$@"
	left=$(ls -A "$TMP/r")
	if [ "$rc" = 2 ] && [ "$err" = "$want" ] && [ -z "$out" ] && [ -z "$left" ]; then
		pass "refused: $desc"
	else
		fail "refused: $desc" "kpsec-plan $*: exit $rc, stderr: $err
want: $want; left behind: $left"
	fi
}

# ok_run DESC ARGS...: exit 0, one line on stdout, nothing on stderr.
ok_run() {
	local desc=$1
	shift
	run "$@"
	[ "$rc" = 0 ] && [ -z "$err" ] && [ "$(wc -l < "$TMP/out")" = 1 ]
	verdict $? "$desc" "kpsec-plan $*: exit $rc, stdout: $out, stderr: $err"
}

if [ ! -x "$PLAN" ]; then
	echo "KTAP version 1"
	echo "1..1"
	echo "not ok 1 - $PLAN is not built (make -C tools kpsec-plan)"
	exit 1
fi
if ! command -v jq > /dev/null; then
	fail "jq is installed" "the figures.json checks need jq"
fi

D=$TMP/r/out
FIGS="fig1 fig2a fig2b fig3a fig3b fig10a fig10b table3"
IDS="fig1, fig2a, fig2b, fig3a, fig3b, fig10a, fig10b, table3"

# --- usage and refusals
run help
[ "$rc" = 0 ] && grep -q '^  figures ' "$TMP/out"
verdict $? "help lists figures" "exit $rc: $out"
run figures --help
[ "$rc" = 0 ] && [[ $out == "Usage: kpsec-plan figures [OPTIONS] DIR"* ]]
verdict $? "figures --help" "exit $rc: $out"
refused "no DIR" "DIR missing (kpsec-plan figures [OPTIONS] DIR)" figures --quick
refused "--runs 0" "--runs: '0' is not a number from 1 to 999" figures --runs 0 "$D"
refused "--runs 1000" "--runs: '1000' is not a number from 1 to 999" figures --runs 1000 "$D"
refused "--runs abc" "--runs: 'abc' is not a number from 1 to 999" figures --runs abc "$D"
refused "--runs without a value" "--runs: missing value" figures "$D" --runs
refused "--seed -1" "--seed: '-1' is not a number from 0 to 1000000000000000" \
	figures --seed -1 "$D"
refused "unknown figure" "--only: unknown figure 'fig4' ($IDS)" figures --only fig1,fig4 "$D"
refused "unknown option" "unknown option '--frob'" figures --frob "$D"
refused "option given twice" "--quick given twice" figures --quick --quick "$D"
refused "two directories" "unexpected argument '$D.2'" figures "$D" "$D.2"
refused "a quote gnuplot cannot take" \
	"$TMP/r/a'b: gnuplot takes no name with a quote, backslash or newline (use --no-plot)" \
	figures --quick "$TMP/r/a'b"
PLAN_PATH=/nonexistent refused "no gnuplot on PATH" \
	"gnuplot not found (install gnuplot-nox, or use --no-plot)" figures --quick "$D"
mkdir -p "$TMP/exists"
echo keep > "$TMP/exists/f"
run figures --quick "$TMP/exists"
want="kpsec-plan figures: $TMP/exists: already exists, refusing to overwrite it"
[ "$rc" = 2 ] && [ "$err" = "$want" ] &&
	[ "$(ls -A "$TMP/exists")" = f ] && [ "$(cat "$TMP/exists/f")" = keep ]
verdict $? "refused: an existing DIR, untouched" "exit $rc, stderr: $err"

# A runtime failure (gnuplot failing) exits 1 and leaves nothing behind.
mkdir -p "$TMP/bin" "$TMP/r2"
printf '#!/bin/sh\ncat > /dev/null\nexit 1\n' > "$TMP/bin/gnuplot"
chmod +x "$TMP/bin/gnuplot"
PATH=$TMP/bin:$PATH "$PLAN" figures --quick --only fig1 "$TMP/r2/out" > /dev/null 2> "$TMP/err"
rc=$?
[ "$rc" = 1 ] && [ -z "$(ls -A "$TMP/r2")" ] && grep -q 'gnuplot failed' "$TMP/err"
verdict $? "a failing gnuplot: exit 1, no DIR and no hidden directory left" \
	"exit $rc: $(cat "$TMP/err"); left: $(ls -A "$TMP/r2")"

# --- the quick run, with plots when gnuplot is installed
if command -v gnuplot > /dev/null; then
	PLOT=1
	NOPLOT=()
else
	PLOT=0
	NOPLOT=(--no-plot)
fi
Q=$TMP/q
( umask 000; "$PLAN" figures --quick "${NOPLOT[@]}" "$Q" > "$TMP/out" 2> "$TMP/err" )
rc=$?
[ "$rc" = 0 ] && [ ! -s "$TMP/err" ] && grep -q "^$Q: 8 figures, seed 1, quick, " "$TMP/out"
verdict $? "figures --quick${NOPLOT[*]/#/ }" "exit $rc: $(cat "$TMP/out" "$TMP/err")"

want=$(for f in $FIGS; do echo "$f.csv"; done; echo figures.json; echo README.txt)
if [ $PLOT = 1 ]; then
	want=$(echo "$want"; for f in $FIGS; do [ "$f" = table3 ] || echo "$f.png"; done)
fi
[ "$(ls -A "$Q" | sort)" = "$(echo "$want" | sort)" ]
verdict $? "every expected file and no other" "$(diff <(ls -A "$Q" | sort) <(echo "$want" | sort))"
[ "$(stat -c %a "$Q")" = 700 ] && [ -z "$(find "$Q" -type f ! -perm 0600)" ]
verdict $? "umask 000: DIR 0700, every file 0600" "$(stat -c '%a %n' "$Q" "$Q"/*)"
[ -z "$(find "$TMP" -maxdepth 1 -name '.*' ! -name .)" ]
verdict $? "no hidden directory left beside DIR" "$(ls -A "$TMP")"

# CSV headers (the quick settings: k = 3, 5) and row counts
declare -A HEAD=(
	[fig1]="rho,de1,de2,de3,de4,de5,de6,de7,de8"
	[fig2a]="n,mean_paths_k3,mean_paths_k5,sd_paths_k3,sd_paths_k5"
	[fig2b]="length,cdf_k3,cdf_k5"
	[fig3a]="fraction,mean_secure_k3,mean_secure_k5,success_theta_rho_k3,success_theta_rho_k5,success_theta_half_rho_k3,success_theta_half_rho_k5"
	[fig3b]="fraction,sd_secure_k3,sd_secure_k5"
	[fig10a]="n,kpsec,aug_ukp,aug_sst,paper_kpsec,paper_aug_ukp,paper_aug_sst"
	[fig10b]="rho,kpsec,aug_ukp,aug_sst,paper_kpsec,paper_aug_ukp,paper_aug_sst"
	[table3]="scheme,mean_de,r_rho3,snc_greedy,snc_best,snc_proven,paper_de,paper_r_rho3,paper_snc"
)
declare -A ROWS=([fig1]=10 [fig2a]=2 [fig3a]=13 [fig3b]=13 [fig10a]=2 [fig10b]=10 [table3]=3)
for f in $FIGS; do
	got=$(head -n 1 "$Q/$f.csv")
	[ "$got" = "${HEAD[$f]}" ]
	verdict $? "$f.csv header" "got:  $got
want: ${HEAD[$f]}"
	rows=$(($(wc -l < "$Q/$f.csv") - 1))
	if [ -n "${ROWS[$f]:-}" ]; then
		[ "$rows" = "${ROWS[$f]}" ]
	else
		[ "$rows" -ge 2 ]
	fi
	verdict $? "$f.csv: ${ROWS[$f]:-2 or more} rows" "$rows rows"
done
bad=$(awk -F, 'FNR > 1 && $1 != $1 + 0 { print FILENAME ": " $0 }' \
	"$Q"/fig[0-9]*.csv)
[ -z "$bad" ]
verdict $? "every figure row starts with a number" "$bad"
awk -F, 'NR > 1 { print $1 }' "$Q/fig3a.csv" | tr '\n' ' ' |
	grep -qx '0 0.05 0.1 0.15 0.2 0.25 0.3 0.35 0.4 0.45 0.5 0.55 0.6 '
verdict $? "fig3a: adversary fractions 0 to 0.6 by 0.05" \
	"$(cut -d, -f1 "$Q/fig3a.csv" | tr '\n' ' ')"

if [ $PLOT = 1 ]; then
	bad=""
	for f in $FIGS; do
		[ "$f" = table3 ] && continue
		[ "$(head -c 8 "$Q/$f.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
			bad="$bad $f.png"
	done
	[ -z "$bad" ]
	verdict $? "every figure has a PNG (magic bytes)" "not PNG:$bad"
else
	skip "every figure has a PNG (magic bytes)" "gnuplot is not installed"
fi

# Fig. 1 is Lemma 1, R = 1 - (1 - (1-p)^#DE)^rho, p = 0.1, in every cell.
bad=$(awk -F, 'NR > 1 { for (d = 1; d <= 8; d++) {
		r = 1 - (1 - 0.9 ^ d) ^ $1
		if ((r - $(d + 1)) ^ 2 > 1e-12)
			print "rho " $1 " #DE " d ": " $(d + 1) " != " r } }' \
	"$Q/fig1.csv")
[ -z "$bad" ] && grep -q '^5,0.99999,0.999752,0.998538,' "$Q/fig1.csv"
verdict $? "fig1: Lemma 1 in every cell (0.998538 at #DE = 3, rho = 5)" "$bad"

# Fig. 2b is cumulative: non-decreasing, within [0, 1], ending at exactly 1.
bad=$(awk -F, 'NR > 1 { for (c = 2; c <= NF; c++) {
		if ($c < 0 || $c > 1 || (NR > 2 && $c < last[c]))
			print "row " NR - 1 " col " c ": " $c
		last[c] = $c } }
	END { for (c = 2; c <= NF; c++) if ($c != "1") print "last row col " c ": " $c }' \
	"$Q/fig2b.csv")
[ -z "$bad" ]
verdict $? "fig2b: every column non-decreasing and ending at 1" "$bad"

# Fig. 2a: PAKP gives at most k key-paths per pair.
bad=$(awk -F, 'NR > 1 && ($2 <= 0 || $2 > 3 || $3 <= 0 || $3 > 5)' "$Q/fig2a.csv")
[ -z "$bad" ]
verdict $? "fig2a: 0 < mean paths <= k" "$bad"

# Table 3 beside the paper's values; PAKP needs n - 1 captures.
grep -q '^kpsec,[0-9.]*,0\.99[0-9]*,99,99,1,2\.25,0\.99,99$' "$Q/table3.csv" &&
	grep -q '^aug_ukp,\([0-9.]*,\)\{5\}4\.145,0\.95,10$' "$Q/table3.csv" &&
	grep -qx 'aug_sst,,,,,,8.425,0.8,23' "$Q/table3.csv"
verdict $? "table3: the three rows with the paper's values" "$(cat "$Q/table3.csv")"
awk -F, '$1 == 100 { exit !($5 == 2.25 && $6 == 4.145 && $7 == 8.425) }' "$Q/fig10a.csv" &&
	awk -F, 'NR == 4 { exit !($5 == 0.990598 && $6 == 0.955696 && $7 == 0.796305) }' \
		"$Q/fig10b.csv"
verdict $? "fig10a/10b: Table 3's D-E steps and their Lemma 1 at rho = 3" \
	"$(cat "$Q/fig10a.csv" "$Q/fig10b.csv")"

# figures.json: parses, names every file written, carries the paper's values.
listed=$(jq -r '.figures[] | .csv, (.png // empty)' "$Q/figures.json" 2> /dev/null | sort)
[ -n "$listed" ] && [ "$listed" = "$(find "$Q" -type f ! -name figures.json ! -name README.txt \
	-printf '%f\n' | sort)" ]
verdict $? "figures.json parses and names every CSV and PNG" "listed: $listed"
jq -e '[.figures[].id] == ["fig1", "fig2a", "fig2b", "fig3a", "fig3b", "fig10a", "fig10b",
	"table3"] and .seed == 1 and .quick
	and (.figures[] | select(.id == "table3") | .png == null
	     and .paper_values.kpsec.mean_de == 2.25 and .paper_values.aug_ukp.snc == 10
	     and .paper_values.aug_sst.resiliency == 0.8 and .settings.runs == 2)
	and (.figures[] | select(.id == "fig1") | .paper_values.introduction.r == 0.999)
	and (.figures[] | select(.id == "fig3a") | .paper_values.fraction_needed_theta_rho == 0.5)
	and (.figures[] | select(.id == "fig10b") | .paper_values.aug_sst.paths_near_perfect == 8)
	and ([.figures[] | .columns | length] | all(. > 1))' "$Q/figures.json" > /dev/null
verdict $? "figures.json: ids, settings and the paper's published values" \
	"$(head -c 600 "$Q/figures.json")"
[ "$(grep -cE "^(${FIGS// /|}) \(" "$Q/README.txt")" = 8 ]
verdict $? "README.txt: a paragraph per figure" "$(cat "$Q/README.txt")"

# One run of a point is the "analyze" call it stands for (plan seed 1000 S + 1).
ok_run "--runs 1 --only fig2a,fig10a" figures --quick --no-plot --runs 1 --seed 4 \
	--only fig2a,fig10a "$TMP/one"
[ "$(ls "$TMP/one" | tr '\n' ' ')" = "README.txt fig10a.csv fig2a.csv figures.json " ]
verdict $? "--only: just those figures" "$(ls "$TMP/one")"
a=$("$PLAN" analyze --scheme pakp --ring 3 --topology rgg 50 --seed 4001 keypaths --pairs 20 |
	sed -n 's/^# mean_paths=//p')
b=$("$PLAN" analyze --scheme ukp --unital-m 4 --blocks 2 --topology rgg 100 --seed 4001 \
	de-steps --pairs 20 | sed -n 's/^# mean_de=//p')
[ -n "$a" ] && [ -n "$b" ] && grep -q "^50,$a," "$TMP/one/fig2a.csv" &&
	grep -q "^100,[0-9.]*,$b," "$TMP/one/fig10a.csv"
verdict $? "fig2a and fig10a points equal analyze keypaths and de-steps" \
	"analyze: $a $b; $(cat "$TMP/one/fig2a.csv" "$TMP/one/fig10a.csv")"

# --- reproducibility: CSVs depend on the seed only
ok_run "same seed, --no-plot" figures --quick --no-plot "$TMP/a"
ok_run "another seed" figures --quick --no-plot --seed 2 "$TMP/b"
same=1
for f in $FIGS; do cmp -s "$Q/$f.csv" "$TMP/a/$f.csv" || same=0; done
[ $same = 1 ] && [ -z "$(find "$TMP/a" -name '*.png')" ] &&
	[ "$(jq '[.figures[].png] | map(select(. != null)) | length' "$TMP/a/figures.json")" = 0 ]
verdict $? "same seed: byte-identical CSVs (with and without plots); --no-plot: no PNG" \
	"$(for f in $FIGS; do cmp "$Q/$f.csv" "$TMP/a/$f.csv"; done 2>&1)"
differ=""
for f in fig2a fig2b fig3a fig3b fig10a table3; do
	cmp -s "$Q/$f.csv" "$TMP/b/$f.csv" || differ="$differ $f"
done
[ -n "$differ" ] && cmp -s "$Q/fig1.csv" "$TMP/b/fig1.csv"
verdict $? "another seed: sampled figures differ (${differ# }), fig1 does not" "differ:$differ"

ktap_report
