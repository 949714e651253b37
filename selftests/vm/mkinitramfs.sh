#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the initramfs of the kpsec test guest.
#
#   selftests/vm/mkinitramfs.sh KVER OUTFILE [EXTRA_BIN...]
#
# The image is a gzip'd newc cpio with a merged-/usr layout like Debian's:
# busybox-static (applet links made here, for names no real tool provides),
# the real networking tools with the libraries ldd lists, bash (scenarios
# run under it), the distro modules the scenarios need with their
# dependencies, kpsec.ko when one built for KVER exists, and the project's
# binaries (tools/kpsec, tools/kpsec-kme, selftests/vm/bin/*, EXTRA_BIN) in
# /usr/bin.
#
# Images are cached in selftests/vm/.cache/ under a hash of every input
# (file contents, this script, init.sh); OUTFILE is a hard link to the cached
# image, OUTFILE.manifest lists its files ("KIND GUEST_PATH HOST_PATH").  The image ends on a 4-byte boundary so that another cpio can be
# appended to it (run appends the scenario that way).
#
# Environment:
#   KPSEC_VM_KMOD=PATH           kpsec.ko to use (default: search kmod/)
#   KPSEC_VM_EXTRA_MODULES="m.." more distro modules to include
#   KPSEC_VM_CACHE=DIR           cache directory (default selftests/vm/.cache)
set -euo pipefail

VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$VM_DIR/../.." && pwd)
CACHE=${KPSEC_VM_CACHE:-$VM_DIR/.cache}
PROG=mkinitramfs

# Real tools in the guest, at the path they have on the host.
TOOLS="ip tc iw iperf3 tcpdump setpriv wg batctl kmod bash"
# kmod personalities: Debian links these to kmod in /usr/sbin.
KMOD_LINKS="modprobe insmod rmmod lsmod modinfo depmod"
# Distro modules the scenarios and the comparison peers use.  A name the
# kernel does not have is reported and skipped, not fatal.
MODULES="mac80211_hwsim cfg80211 mac80211 sch_ingress cls_flower cls_matchall act_gact
	 sch_netem sch_tbf sch_prio act_mirred ifb veth bridge dummy
	 wireguard batman-adv libcurve25519 chacha20poly1305 chacha_generic
	 poly1305_generic chacha-x86_64 poly1305-x86_64
	 xfrm_user esp4 esp6 xfrm_interface"

die() { echo "$PROG: $*" >&2; exit 1; }
note() { echo "$PROG: $*" >&2; }

[ $# -ge 2 ] || die "usage: $0 KVER OUTFILE [EXTRA_BIN...]"
KVER=$1
OUT=$2
shift 2
MODDIR=/lib/modules/$KVER
[ -d "$MODDIR/kernel" ] || die "no modules for $KVER in $MODDIR"
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

# The manifest lists what goes into the image, one "KIND DEST SRC" line per
# file: KIND is bin (ELF or script, plus its libraries), file, or mod (a kernel
# module, decompressed when copied).  DEST is the path in the guest.
MANIFEST=$(mktemp)
STAGE=""
cleanup() { rm -f "$MANIFEST"; [ -z "$STAGE" ] || rm -rf "$STAGE"; }
trap cleanup EXIT

add() { printf '%s %s %s\n' "$1" "$2" "$3" >>"$MANIFEST"; }

# The libraries (and loader) a dynamic executable needs, one path a line.
# Nothing for scripts and static binaries.
libs_of() {
	ldd "$1" 2>/dev/null | awk '
		$2 == "=>" && $3 ~ /^\// { print $3; next }
		$1 ~ /^\// { print $1 }' || true
}

add_bin() {			# DEST SRC
	local lib
	[ -f "$2" ] || die "$2: not found"
	add bin "$1" "$2"
	for lib in $(libs_of "$2"); do
		add file "$lib" "$lib"
	done
}

for t in busybox $TOOLS; do
	p=$(command -v "$t") || die "$t not installed (selftests/install-deps.sh)"
	add_bin "$p" "$p"
done
[ "$(libs_of "$(command -v busybox)")" = "" ] ||
	die "busybox is not static: install busybox-static"

# netem delay distributions and iproute2 tables; small and optional.
for f in /usr/lib/x86_64-linux-gnu/tc/*.dist /etc/iproute2/*; do
	[ -f "$f" ] && add file "$f" "$f"
done

# Our module: the first candidate built for this kernel.
kpsec_ko=""
if [ -n "${KPSEC_VM_KMOD:-}" ]; then
	candidates=$KPSEC_VM_KMOD
else
	candidates=$(ls "$TOP"/kmod/kpsec.ko "$TOP"/kmod/*/kpsec.ko \
		"$TOP"/build/*/kpsec.ko "$TOP"/build/*/kmod/kpsec.ko 2>/dev/null || true)
fi
for ko in $candidates; do
	vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null || true)
	if [ "${vermagic%% *}" = "$KVER" ]; then
		kpsec_ko=$ko
		break
	fi
	note "skipping $ko: built for '${vermagic%% *}', not $KVER"
done
[ -n "${KPSEC_VM_KMOD:-}" ] && [ -z "$kpsec_ko" ] &&
	die "KPSEC_VM_KMOD=$KPSEC_VM_KMOD is not a module for $KVER"
kmod_deps=""
if [ -n "$kpsec_ko" ]; then
	add mod "$MODDIR/extra/kpsec.ko" "$kpsec_ko"
	kmod_deps=$(modinfo -F depends "$kpsec_ko" | tr , ' ')
fi

# Distro modules and what they depend on ("insmod PATH" lines; built-in
# modules print "builtin NAME" and need nothing).  Compressed modules (6.12
# ships .ko.xz) are decompressed into the image: kmod could read them, but
# this saves guest time under TCG.
for m in $MODULES ${KPSEC_VM_EXTRA_MODULES:-} $kmod_deps; do
	if ! deps=$(modprobe -S "$KVER" --show-depends "$m" 2>/dev/null); then
		note "$KVER has no module $m: skipped"
		continue
	fi
	for ko in $(echo "$deps" | awk '$1 == "insmod" { print $2 }'); do
		dest=${ko%.xz}
		dest=${dest%.gz}
		add mod "${dest%.zst}" "$ko"
	done
done
for f in modules.order modules.builtin modules.builtin.modinfo; do
	[ -f "$MODDIR/$f" ] && add file "$MODDIR/$f" "$MODDIR/$f"
done

# The project's binaries, all in /usr/bin.
for f in kpsec kpsec-kme; do
	[ -x "$TOP/tools/$f" ] && [ -f "$TOP/tools/$f" ] &&
		add_bin "/usr/bin/$f" "$TOP/tools/$f"
done
for f in "$VM_DIR"/bin/* "$@"; do
	if [ ! -f "$f" ] || [ ! -x "$f" ]; then
		continue
	fi
	add_bin "/usr/bin/$(basename "$f")" "$f"
done

add file /init "$VM_DIR/init.sh"

sort -u -o "$MANIFEST" "$MANIFEST"

# Cache key: the content of every source file, where it goes, and the
# scripts that decide the layout.
hash=$({
	awk '{ print $1, $2 }' "$MANIFEST"
	awk '{ print $3 }' "$MANIFEST" | xargs -d '\n' sha256sum | awk '{ print $1 }'
	sha256sum "${BASH_SOURCE[0]}" | awk '{ print $1 }'
	busybox --list
} | sha256sum | cut -c1-16)
mkdir -p "$CACHE"
image=$CACHE/initramfs-$KVER-$hash.cpio.gz

if [ ! -f "$image" ]; then
	note "building $image"
	STAGE=$(mktemp -d "$CACHE/stage.XXXXXX")
	R=$STAGE/root

	# Merged /usr, as on the host, so ldd's paths are valid in the guest.
	mkdir -p "$R"/usr/{bin,sbin,lib,lib64} "$R"/{dev,proc,sys,run,tmp,etc,root,mnt}
	ln -s usr/bin "$R/bin"
	ln -s usr/sbin "$R/sbin"
	ln -s usr/lib "$R/lib"
	ln -s usr/lib64 "$R/lib64"
	mkdir -p "$R/var"
	ln -s ../run "$R/var/run"
	ln -s ../tmp "$R/var/tmp"

	while read -r kind dest src; do
		mkdir -p "$(dirname "$R$dest")"
		case $kind in
		bin|file) cp -L "$src" "$R$dest" ;;
		mod)
			case $src in
			*.xz) xz -dc "$src" >"$R$dest" ;;
			*.gz) gzip -dc "$src" >"$R$dest" ;;
			*.zst) zstd -qdc "$src" >"$R$dest" ;;
			*) cp -L "$src" "$R$dest" ;;
			esac
			# kpsec.ko's debug info is for the host (addr2line).
			strip --strip-debug "$R$dest" ;;
		esac
	done <"$MANIFEST"
	chmod 755 "$R/init"

	for l in $KMOD_LINKS; do
		ln -sf ../bin/kmod "$R/usr/sbin/$l"
	done
	# sh is bash: busybox ash runs its own applets (tc, ip, modprobe...)
	# even when a real tool is in PATH, a trap for `sh -c` and #!/bin/sh
	# scripts.  ash is still there by name; /init asks for it explicitly.
	ln -s bash "$R/usr/bin/sh"
	# Applet links only where no real tool exists, so that a PATH lookup
	# (bash, execvp) never lands on an applet by surprise.
	for a in $(busybox --list); do
		[ -e "$R/usr/bin/$a" ] || [ -e "$R/usr/sbin/$a" ] ||
			ln -s busybox "$R/usr/bin/$a"
	done

	cat >"$R/etc/passwd" <<-'EOF'
	root:x:0:0:root:/root:/bin/bash
	tcpdump:x:101:101:tcpdump:/nonexistent:/bin/false
	nobody:x:65534:65534:nobody:/nonexistent:/bin/false
	EOF
	cat >"$R/etc/group" <<-'EOF'
	root:x:0:
	tcpdump:x:101:
	nogroup:x:65534:
	EOF
	echo "hosts: files" >"$R/etc/nsswitch.conf"
	echo "127.0.0.1 localhost kpsec-vm" >"$R/etc/hosts"

	depmod -b "$R" "$KVER" || die "depmod failed"

	(cd "$R" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc -R 0:0 --quiet) | gzip -6 >"$STAGE/img"
	# Pad to 4 bytes: the kernel wants each appended cpio aligned.
	size=$(stat -c %s "$STAGE/img")
	head -c $(( (4 - size % 4) % 4 )) /dev/zero >>"$STAGE/img"
	mv "$STAGE/img" "$image"

	# Keep the three newest images per kernel.
	# shellcheck disable=SC2012 # our own file names
	ls -t "$CACHE"/initramfs-"$KVER"-*.cpio.gz | tail -n +4 | xargs -r rm -f
fi

mkdir -p "$(dirname "$OUT")"
ln -f "$image" "$OUT" 2>/dev/null || cp "$image" "$OUT"
# What went in, for people and for run's report ("KIND DEST SRC" lines).
cp "$MANIFEST" "$OUT.manifest"
