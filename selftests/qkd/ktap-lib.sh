# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# KTAP results of the host QKD suites (kme.sh, client.sh): collect them as
# the tests run, print the document at the end.

RESULTS=()
FAILED=0
count_tests() { local n=0 l; for l in "${RESULTS[@]}"; do [[ $l == \#* ]] || n=$((n + 1)); done; echo $n; }
pass() { RESULTS+=("ok $(($(count_tests) + 1)) $1"); }
# fail DESC DIAGNOSTIC: a failed test and its diagnostic lines.
fail() {
	RESULTS+=("not ok $(($(count_tests) + 1)) $1")
	local line
	while IFS= read -r line; do RESULTS+=("# $line"); done <<< "$2"
	FAILED=$((FAILED + 1))
}
# verdict STATUS DESC DIAGNOSTIC: call it as "verdict $? ...".
verdict() { if [ "$1" = 0 ]; then pass "$2"; else fail "$2" "$3"; fi; }
# finish: print the document and exit non-zero when anything failed.
finish() {
	echo "KTAP version 1"
	echo "1..$(count_tests)"
	printf '%s\n' "${RESULTS[@]}"
	echo "# $FAILED of $(count_tests) failed"
	[ "$FAILED" = 0 ]
	exit
}
