#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kpsec CLI tests (selftests/cli/run.sh) with the kpsec module loaded.
#
# A guest scenario of selftests/vm/run, which sources lib.sh first:
#   selftests/vm/run --file selftests/cli/run.sh selftests/cli/guest-cli.sh
# run.sh finds the module loaded and adds its kernel cases to the host ones;
# its KTAP lines are relayed here through lib.sh's KTAP channel.

modprobe kpsec || ktap_bail "modprobe kpsec failed"
[ -f /scenario/files/run.sh ] ||
	ktap_bail "no /scenario/files/run.sh: pass --file selftests/cli/run.sh"

KPSEC=/usr/bin/kpsec KPSEC_CLI_MODE=kernel bash /scenario/files/run.sh >/tmp/cli.ktap 2>&1
while IFS= read -r line; do
	case $line in
	"1.."*)
		ktap_plan "${line#1..}" ;;
	"not ok "*)
		rest=${line#not ok }
		ktap_fail "${rest#* }" ;;
	"ok "*" # SKIP "*)
		rest=${line#ok }
		rest=${rest#* }
		ktap_skip "${rest%% # SKIP *}" "${rest##* # SKIP }" ;;
	"ok "*)
		rest=${line#ok }
		ktap_ok "${rest#* }" ;;
	"# "*)
		ktap_diag "${line#\# }" ;;
	esac
done </tmp/cli.ktap
ktap_finish
