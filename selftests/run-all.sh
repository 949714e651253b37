#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every test of kpsec, as `make check` runs it:
#   - the module builds without warnings (W=1) and sparse reports nothing,
#     against Debian's 6.1 and 6.12 headers;
#   - host unit tests of lib/, fuzz smoke runs, CLI tests without a kernel,
#     the test KME and the ETSI GS QKD 014 client against it;
#   - the guest scenarios under QEMU, on 6.1 and on 6.12.
# Ends with "N passed, N failed" and exits non-zero when anything failed.
#
# Environment: KPSEC_KERNELS (default "6.1 6.12"), FUZZ_SECONDS (default 10),
# KPSEC_SCENARIOS (default: every test scenario), KPSEC_SKIP_DEPS=1.
set -uo pipefail
export LC_ALL=C

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top" || exit 2
logs=$top/selftests/logs
mkdir -p "$logs"
kernels=${KPSEC_KERNELS:-6.1 6.12}
scenarios=${KPSEC_SCENARIOS:-hwsim_line hwsim_topo static_pair load_unload demo mesh_line mesh_grid mesh_ring mesh_confidential mesh_hijack mesh_malformed kx_mesh kx_tamper kx_refuse kx_rekey plan_pakp10 plan_qcomp10 qkd_pair qkd_kme qkd_watch qkd_forge selftests/cli/guest-cli.sh}
total_pass=0 total_fail=0 total_skip=0
failed_stages=()
failed_logs=()

# kver SERIES: the generic Debian kernel of a series, e.g. 6.1.0-56-amd64.
kver() {
	ls -d /lib/modules/"$1".*/build 2>/dev/null | sed 's|/lib/modules/||; s|/build||' |
		grep -E -- '[0-9]-amd64$' | sort -V | tail -n 1
}

# tally STAGE LOG: add the KTAP results of LOG to the totals.
tally() {
	local p f s
	read -r p f s < <(awk -f selftests/ktap-count.awk "$2")
	total_pass=$((total_pass + p)) total_fail=$((total_fail + f)) total_skip=$((total_skip + s))
	[ "$f" = 0 ] || { failed_stages+=("$1 (log: $2)"); failed_logs+=("$2"); }
	printf '# %-28s %3d passed, %d failed%s\n' "$1" "$p" "$f" \
		"$([ "$s" = 0 ] || echo ", $s skipped")"
}

# stage NAME CMD...: run a KTAP-printing command, keep its output.
stage() {
	local name=$1 log=$logs/$1.log
	shift
	echo "# --- $name"
	"$@" >"$log" 2>&1
	local rc=$?
	# A command that failed without saying so in KTAP is one failure.
	if [ "$rc" != 0 ] && ! grep -Eq '^ *not ok |Bail out!' "$log"; then
		echo "not ok 1 $name exited with status $rc" >>"$log"
	fi
	if ! grep -Eq '^ *(not )?ok ' "$log"; then
		echo "not ok 1 $name printed no test result" >>"$log"
	fi
	tally "$name" "$log"
}

# ktap_build KVER: build the module for KVER with W=1 C=1, as KTAP.
ktap_build() {
	local kdir=/lib/modules/$1/build out
	echo "KTAP version 1"
	echo "1..2"
	make -s -C "$kdir" M="$top" clean >/dev/null 2>&1
	out=$(make -C "$top" module KDIR="$kdir" W=1 C=1 2>&1)
	local rc=$?
	local bad
	bad=$(printf '%s\n' "$out" | grep -E 'warning:|error:|^/.*: ' | grep -v 'Skipping BTF')
	if [ "$rc" = 0 ] && [ -f kmod/kpsec.ko ]; then
		echo "ok 1 kpsec.ko builds against $1"
	else
		printf '%s\n' "$out" | tail -n 20 | sed 's/^/# /'
		echo "not ok 1 kpsec.ko builds against $1"
	fi
	if [ -z "$bad" ] && [ "$rc" = 0 ]; then
		echo "ok 2 no compiler (W=1) or sparse (C=1) diagnostics against $1"
	else
		printf '%s\n' "$bad" | sed 's/^/# /'
		echo "not ok 2 no compiler (W=1) or sparse (C=1) diagnostics against $1"
	fi
}

if [ -z "${KPSEC_SKIP_DEPS:-}" ]; then
	echo "# installing dependencies (selftests/install-deps.sh)"
	bash selftests/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
fi

echo "# building tools"
if ! make -s -C tools >"$logs/tools-build.log" 2>&1 ||
   ! make -s -C selftests/progs >>"$logs/tools-build.log" 2>&1; then
	cat "$logs/tools-build.log"
	echo "0 passed, 1 failed"
	exit 1
fi

stage unit make -s -C selftests/unit run
stage fuzz-smoke make -s -C selftests/fuzz smoke FUZZ_SECONDS="${FUZZ_SECONDS:-10}"
stage cli bash selftests/cli/run.sh
stage qkd-kme bash selftests/qkd/kme.sh
stage qkd-client bash selftests/qkd/client.sh
stage plan make -s -C selftests/plan run

# The planner's 10-node plans of plan_pakp10 and plan_qcomp10, staged into the guest with --file.
plan_files=""
for s in plan_pakp10 plan_qcomp10; do
	rm -rf "$logs/$s"
	plan_files+=" $(bash selftests/vm/plan-stage.sh $s "$logs/$s")" || true
done

for series in $kernels; do
	kv=$(kver "$series")
	if [ -z "$kv" ]; then
		echo "not ok 1 no $series kernel headers installed" >"$logs/build-$series.log"
		tally "build-$series" "$logs/build-$series.log"
		continue
	fi
	stage "build-$series" ktap_build "$kv"
	# shellcheck disable=SC2086
	# guest-cli runs ~700 cases: more than the default 300 s per scenario on a busy host.
	stage "vm-$series" selftests/vm/run --kernel "$kv" --keep "$logs/vm-$series" --timeout 600 \
		--file selftests/cli/run.sh --file selftests/cli/kx.sh --file selftests/cli/qkd.sh \
		$plan_files $scenarios
done
# Leave a module built for the default guest kernel.
kv=$(kver 6.1) && [ -n "$kv" ] && make -s module KDIR="/lib/modules/$kv/build" >/dev/null 2>&1

echo "#"
# What failed, and the lines the runners printed about it, where the end
# of the output is all a CI record keeps.
for i in ${failed_stages[@]+"${!failed_stages[@]}"}; do
	echo "# FAILED: ${failed_stages[$i]}"
	grep -E -B3 '^ *not ok |^# vm: [^ ]+: (kernel:|guest |no |planned|bailed|the |FAILED)' \
		"${failed_logs[$i]}" | grep -vE '^ *ok ' | head -n 30 | sed 's/^/#   /'
done
if [ "$total_skip" != 0 ]; then
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
else
	echo "$total_pass passed, $total_fail failed"
fi
[ "$total_fail" = 0 ]
