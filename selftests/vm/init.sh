#!/bin/busybox ash
# shellcheck shell=dash
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the kpsec test guest (busybox ash; the image's /init).
#
# Mounts the usual file systems, runs /scenario/scenario.sh under bash with
# /scenario/env and /scenario/lib.sh sourced first, then powers off.  The run
# script appends /scenario/ to the initramfs as a second cpio.
#
# Output channels: ttyS0 is the console (kernel log, this script, the
# scenario's stdout and stderr); ttyS1 carries only the KTAP lines, written by
# lib.sh through fd 3, so that the host parses them without kernel messages
# cut into them.  Without a second serial port KTAP goes to the console only.

export PATH=/usr/sbin:/usr/bin HOME=/root LC_ALL=C

mount -t devtmpfs -o mode=0755 devtmpfs /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs -o mode=0755 tmpfs /run
mount -t tmpfs -o mode=1777 tmpfs /tmp
mkdir -p /run/netns /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
# What udev would make: bash's process substitution, <(...), needs /dev/fd.
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
# Module autoload (request_module) must find kmod, not the busybox applet.
echo /usr/sbin/modprobe >/proc/sys/kernel/modprobe
hostname kpsec-vm
/usr/sbin/ip link set lo up

read -r uptime _ </proc/uptime
echo "kpsec-vm: $(uname -r) up in ${uptime}s"

# KVM probe of the run script: booting is all it wants to know.
if grep -q 'kpsec_vm.probe' /proc/cmdline; then
	echo "kpsec-vm-probe-ok"
	poweroff -f
fi

ktap=/dev/console
if stty -F /dev/ttyS1 raw -echo 115200 2>/dev/null; then
	ktap=/dev/ttyS1
fi
# say LINE: to the console and to the KTAP channel.
say() {
	echo "$*"
	[ "$ktap" = /dev/console ] || echo "$*" >"$ktap"
}

if [ -f /scenario/scenario.sh ]; then
	cd /scenario || exit 1
	[ "$ktap" = /dev/console ] || export KPSEC_VM_KTAP_FD=3
	# $0 of the scenario is its own path.
	/usr/bin/bash -c '. /scenario/env && . /scenario/lib.sh && . "$0"' \
		/scenario/scenario.sh </dev/null 3>"$ktap"
	rc=$?
else
	say "Bail out! no /scenario/scenario.sh in the initramfs"
	rc=1
fi

# run --shell: a shell on the console, with the scenario's state and lib.sh.
if grep -q 'kpsec_vm.shell' /proc/cmdline; then
	cat >/tmp/shellrc <<-'EOF'
	. /scenario/env
	. /scenario/lib.sh
	PS1='kpsec-vm \w# '
	EOF
	echo "kpsec-vm: scenario exit status $rc; bash with lib.sh, exit to power off"
	setsid -c /usr/bin/bash --rcfile /tmp/shellrc -i \
		</dev/ttyS0 >/dev/ttyS0 2>&1
fi

# Kill what the scenario left running (servers, tcpdump): they may hold the
# KTAP port open, and its last close is what drains its output buffer.
kill -KILL -1 2>/dev/null
read -r uptime _ </proc/uptime
say "# kpsec-vm-exit $rc uptime ${uptime}s"
poweroff -f
