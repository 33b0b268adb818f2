#!/bin/sh
# Install what the build, the QEMU runs and the tests need, from Debian.
# Safe to run again: it only installs what is missing.
#
# Every package is named, recommended or not: packages are installed
# with --no-install-recommends, and a minimal Debian (debootstrap's
# minbase: only Priority: required) must get everything from this list.
# host/fresh-machine.sh checks that on a minimal root.
set -eu
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"
fsw_noargs "$@"

# Kernels: their sources (6.12 and 6.1), host compiler and C library (host programs of the
# kernel build, the host unit tests), the kernel build's tools
PKGS="linux-source-6.12 linux-source-6.1 gcc libc6-dev make git perl bison flex bc libssl-dev libelf-dev
xz-utils cpio kmod python3 ccache device-tree-compiler"
# Guest: the armhf cross compiler and its C library (the static test
# helpers, the module), the initramfs
PKGS="$PKGS gcc-arm-linux-gnueabihf libc6-dev-armhf-cross gzip"
# QEMU and its firmware, the boot disk (mkimage, sfdisk, mke2fs); the
# guest has no network card, so QEMU needs no NIC ROM (ipxe-qemu)
PKGS="$PKGS qemu-system-arm u-boot-qemu u-boot-tools fdisk e2fsprogs"
# Host scripts: setpriv (util-linux), ps/pgrep (procps, tests/host)
PKGS="$PKGS util-linux procps"

missing=
for p in $PKGS; do
	dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done

need_armhf=
dpkg --print-foreign-architectures | grep -qx armhf || need_armhf=1
debs=$FSW_CACHE/debs
ls "$debs"/busybox-static_*_armhf.deb >/dev/null 2>&1 || need_armhf=1
ls "$debs"/mksh_*_armhf.deb >/dev/null 2>&1 || need_armhf=1

if [ -z "$missing" ] && [ -z "$need_armhf" ]; then
	exit 0
fi

[ "$(id -u)" = 0 ] || fsw_die "missing Debian packages:$missing; run as root (apt-get) or install them"
command -v apt-get >/dev/null || fsw_die "apt-get not found: this needs a Debian system (missing:$missing)"

if [ -n "$need_armhf" ] && ! dpkg --print-foreign-architectures | grep -qx armhf; then
	fsw_log "dpkg --add-architecture armhf"
	dpkg --add-architecture armhf
fi

fsw_log "apt-get update"
# A mirror in sync may fail one index; the others are still used.
apt-get update -qq || echo "fastswitch: warning: apt-get update reported errors; trying with what it got" >&2

if [ -n "$missing" ]; then
	fsw_log "apt-get install$missing"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		fsw_die "apt-get install failed for:$missing"
fi

mkdir -p "$debs"
for p in busybox-static mksh; do
	ls "$debs/${p}"_*_armhf.deb >/dev/null 2>&1 && continue
	fsw_log "apt-get download $p:armhf"
	(cd "$debs" && apt-get download -qq -o APT::Sandbox::User=root "$p:armhf") ||
		fsw_die "cannot download $p:armhf (is the armhf architecture in the apt sources?)"
done
