# shellcheck shell=sh
# Common settings for the host-side build, run and test scripts.
# Sourced; FSW_TOP must be set by the caller (the repository root).

: "${FSW_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/fastswitch}"
: "${FSW_OUT:=$FSW_TOP/out}"
: "${FSW_JOBS:=$(($(nproc 2>/dev/null || echo 2) + 1))}"
FSW_CROSS=arm-linux-gnueabihf-
FSW_UBOOT=/usr/lib/u-boot/qemu_arm/u-boot.bin
# The kernel: Debian's linux-source-$FSW_KVER, 6.12 (the default) or 6.1,
# with the series of patches/$FSW_KVER/
: "${FSW_KVER:=6.12}"
case $FSW_KVER in
6.12 | 6.1) ;;
*) echo "fastswitch: error: FSW_KVER=$FSW_KVER: the kernels are 6.12 and 6.1" >&2; exit 1 ;;
esac
FSW_KSRC_TAR=/usr/src/linux-source-$FSW_KVER.tar.xz
FSW_PATCHES=$FSW_TOP/patches/$FSW_KVER
CCACHE_DIR=${CCACHE_DIR:-$FSW_CACHE/ccache}
export FSW_CACHE FSW_OUT CCACHE_DIR

fsw_die() {
	echo "fastswitch: error: $*" >&2
	exit 1
}

fsw_log() {
	echo "==> $*"
}

# fsw_usage: the calling script's header comment (its help text)
fsw_usage() {
	awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
}

# fsw_noargs "$@": for scripts that take no arguments: --help prints the
# header comment; anything else is refused.
fsw_noargs() {
	case ${1:-} in
	"") ;;
	-h | --help) fsw_usage; exit 0 ;;
	*) fsw_usage >&2; echo "fastswitch: error: unknown argument: $1" >&2; exit 2 ;;
	esac
}

# fsw_qemu ARGS...: host/qemu.sh, stopped (SIGTERM) if the caller dies,
# even by SIGKILL; host/qemu.sh in turn stops its QEMU.
fsw_qemu() {
	setpriv --pdeathsig TERM "$FSW_TOP/host/qemu.sh" "$@"
}

# The Debian version of the kernel source package, e.g. 6.12.117-1~deb12u1.
fsw_kernel_debver() {
	dpkg-query -W -f '${Version}' "linux-source-$FSW_KVER" 2>/dev/null
}

# Section size of the kernel build, log2: 24 (16 MiB, the default and
# what the tests use) or 25 (32 MiB, built by make bench for comparison).
: "${FSW_SECTION_BITS:=24}"
export FSW_SECTION_BITS

# Memory map on QEMU virt (-m 1G: RAM 0x40000000-0x7fffffff). See
# docs/memory-map.md. The shared region is one whole section just below
# the first instance; the firmware's top sections hold U-Boot and its EFI
# map (0x7d000000-0x7fffffff at 1G, rounded out to whole sections).
case $FSW_SECTION_BITS in
24) : "${FSW_SHARED:=16M@0x47000000}"; FSW_TOP_FIRMWARE=0x3000000 ;;
25) : "${FSW_SHARED:=32M@0x46000000}"; FSW_TOP_FIRMWARE=0x4000000 ;;
*) echo "FSW_SECTION_BITS=$FSW_SECTION_BITS: the memory map knows 24 and 25" >&2; exit 1 ;;
esac
FSW_BASE=0x48000000		# every instance's memory starts here or above
FSW_ZIMAGE_ADDR=0x40400000	# U-Boot loads the initial zImage (firmware section)
FSW_INITRD_ADDR=0x48c00000	# ... and its initramfs, in its first section
: "${FSW_KERNELCORE:=160M}"	# the rest of instance 0's memory is movable

# fsw_build_module DIR: build the module against the kernel of DIR/kdir,
# from a copy of the sources in DIR/mod (M= builds write next to them).
fsw_build_module() {
	rm -rf "$1/mod"
	mkdir -p "$1/mod"
	cp "$FSW_TOP/Kbuild" "$1/mod/"
	cp -r "$FSW_TOP/fastswitch" "$1/mod/"
	rm -f "$1/mod/fastswitch/"*.o "$1/mod/fastswitch/"*.ko "$1/mod/fastswitch/".*.cmd
	fsw_log "module for $(cat "$1/kdir")"
	make -s -C "$(cat "$1/kdir")" ARCH=arm CROSS_COMPILE="$FSW_CROSS" \
		CC="ccache ${FSW_CROSS}gcc" M="$1/mod" modules
}
