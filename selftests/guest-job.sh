#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run one guest scenario as a job whose output is for people: install and
# build what it needs, boot the guest, and print what the scenario printed
# (without the kernel's messages).  The README's demo and the benchmark.
#
#   selftests/guest-job.sh [--kernel 6.1|6.12] SCENARIO [selftests/vm/run options]
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top" || exit 2
series=6.1
if [ "${1:-}" = --kernel ]; then
	series=$2
	shift 2
fi
[ $# -ge 1 ] || { echo "usage: $0 [--kernel 6.1|6.12] SCENARIO [OPTIONS]" >&2; exit 2; }
scenario=$1
shift

bash selftests/install-deps.sh || exit 1
kv=$(ls -d /lib/modules/"$series".*/build 2>/dev/null | sed 's|/lib/modules/||; s|/build||' |
	grep -E -- '[0-9]-amd64$' | sort -V | tail -n 1)
[ -n "$kv" ] || { echo "kpsec: no $series kernel headers under /lib/modules" >&2; exit 1; }
echo "# building kpsec.ko for $kv and the tools"
make -s -C "$top" module KDIR="/lib/modules/$kv/build" 2>&1 | grep -v 'Skipping BTF' || true
[ -f kmod/kpsec.ko ] || { echo "kpsec: module build failed" >&2; exit 1; }
make -s -C tools && make -s -C selftests/progs || exit 1

logs=$top/selftests/logs/$scenario-$kv
rm -rf "$logs"
echo "# booting a QEMU guest ($kv, software emulation): this takes a minute or two"
selftests/vm/run --kernel "$kv" --keep "$logs" "$@" "$scenario"
rc=$?
console=$(ls "$logs"/*/console.log 2>/dev/null | head -n 1)
if [ -n "$console" ]; then
	echo "# ---- what the guest printed (kernel messages left out; full log: $console)"
	# From the scenario's start; kernel lines carry a printk timestamp.
	sed -n '/^kpsec-vm: .* up in /,$p' "$console" | tr -d '\r' |
		grep -Ev '^\[ *[0-9]+\.[0-9]+\]|^kpsec-vm-probe|kpsec-vm-(end|exit)'
fi
exit $rc
