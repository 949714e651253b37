# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The KTAP plumbing of the planner's shell tests (plan_cli.sh,
# plan_figures.sh), sourced by them: results are collected and printed at
# the end by ktap_report, whose status is the test's.  $TMP must be set:
# run() keeps the command's output there.

N=0
FAILED=0
RESULTS=()
pass() { N=$((N + 1)); RESULTS+=("ok $N - $1"); }
fail() {
	local line
	N=$((N + 1))
	RESULTS+=("not ok $N - $1")
	while IFS= read -r line; do RESULTS+=("# $line"); done <<< "$2"
	FAILED=$((FAILED + 1))
}
skip() { N=$((N + 1)); RESULTS+=("ok $N - $1 # SKIP $2"); }
# verdict STATUS DESC DIAGNOSTIC; call as "verdict $? ...".
verdict() { if [ "$1" = 0 ]; then pass "$2"; else fail "$2" "$3"; fi; }

# run ARGS...: kpsec-plan ARGS; sets $rc, $out, $err.  PLAN_PATH, if set,
# is the PATH kpsec-plan gets.
run() {
	env ${PLAN_PATH:+PATH="$PLAN_PATH"} "$PLAN" "$@" < /dev/null > "$TMP/out" 2> "$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

ktap_report() {
	echo "KTAP version 1"
	echo "1..$N"
	printf '%s\n' "${RESULTS[@]}"
	echo "# $FAILED of $N failed"
	[ $FAILED = 0 ]
}
