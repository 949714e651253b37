#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what building and testing kpsec needs on Debian 12 (bookworm):
# the guest kernels (6.1 from bookworm, 6.12 from bookworm-backports) with
# their headers, QEMU, the tools copied into the guest initramfs, and the
# host build dependencies.  Idempotent: does nothing when all is present.
#
# Usage: selftests/install-deps.sh [--no-612]
set -eu

want_612=1
[ "${1:-}" = "--no-612" ] && want_612=0

PKGS="build-essential pkg-config libnl-3-dev libnl-genl-3-dev libsodium-dev
      libcurl4-openssl-dev libjson-c-dev libssl-dev curl openssl
      linux-image-amd64 linux-headers-amd64 qemu-system-x86 busybox-static
      kmod iproute2 iw iperf3 tcpdump wireguard-tools batctl util-linux
      cpio gzip sparse clang python3 coinor-libcbc-dev gnuplot-nox jq"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
have_612() { ls -d /lib/modules/6.12.*[0-9]-amd64/build >/dev/null 2>&1 &&
	     ls /boot/vmlinuz-6.12.*[0-9]-amd64 >/dev/null 2>&1; }
need_612=0
[ $want_612 = 1 ] && ! have_612 && need_612=1

[ -z "$missing" ] && [ $need_612 = 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "kpsec: missing packages:$missing" >&2
	echo "kpsec: run as root: apt-get install$missing" >&2
	[ $need_612 = 1 ] && echo "kpsec: and linux-image/headers 6.12 from bookworm-backports (see Documentation/testing.rst)" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
src=/etc/apt/sources.list.d/debian.sources
bp=/etc/apt/sources.list.d/kpsec-backports.sources
if [ $need_612 = 1 ] && ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
	# Reuse the URIs and keyring of the existing bookworm entry.
	uris=$(awk '/^URIs:/ && !done { print $2; done=1 }' "$src")
	key=$(awk '/^Signed-By:/ && !done { print $2; done=1 }' "$src")
	[ -n "$uris" ] || { echo "kpsec: cannot find bookworm URIs in $src" >&2; exit 1; }
	printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: %s\n' \
		"$uris" "$key" > "$bp"
fi

apt-get update -qq
if [ -n "$missing" ]; then
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if [ $need_612 = 1 ]; then
	# The generic flavour only: not -rt, -cloud, -dbg or -unsigned.
	ver=$(apt-cache search '^linux-image-6\.12\.' | awk '{print $1}' |
	      grep -E '^linux-image-6\.12\.[0-9]+\+[a-z0-9.~]+-amd64$' | sort -V | tail -n 1)
	ver=${ver#linux-image-}
	[ -n "$ver" ] || { echo "kpsec: no 6.12 kernel in bookworm-backports" >&2; exit 1; }
	apt-get install -y -qq --no-install-recommends -t bookworm-backports \
		"linux-image-$ver" "linux-headers-$ver" >/dev/null
fi
