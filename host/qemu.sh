#!/bin/bash
# Boot the Fastswitch guest in QEMU virt through Debian's U-Boot.
#
#   host/qemu.sh [-m MEM] [-s SMP] [-t TIMEOUT] [-l LOG] [-q QEMU_ARGS]
#                [-L FILE@ADDR] [-i] [-- APPEND...]
#
# -L loads FILE into guest RAM at physical ADDR before the firmware runs
# (QEMU's generic loader), e.g. a prepared ownership table or a pattern.
# -i: interactive (serial and monitor on this terminal, Ctrl-A x quits);
# otherwise the console goes to stdout (and LOG), no input, and QEMU is
# killed after TIMEOUT seconds (0: never). Exit status: QEMU's, or 124 on
# timeout.
set -eu
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"

mem=1G smp=2 timeout=0 log=/dev/null interactive=0 extra=
while getopts m:s:t:l:q:L:i opt; do
	case $opt in
	m) mem=$OPTARG ;;
	s) smp=$OPTARG ;;
	t) timeout=$OPTARG ;;
	l) log=$OPTARG ;;
	q) extra="$extra $OPTARG" ;;
	L) extra="$extra -device loader,file=${OPTARG%@*},addr=${OPTARG##*@},force-raw=on" ;;
	i) interactive=1 ;;
	*) fsw_die "usage: host/qemu.sh [-m MEM] [-s SMP] [-t TIMEOUT] [-l LOG] [-q ARGS] [-L FILE@ADDR] [-i] [-- APPEND...]" ;;
	esac
done
shift $((OPTIND - 1))
[ "${1:-}" = -- ] && shift

for f in "$FSW_OUT/zImage" "$FSW_OUT/initramfs.cpio.gz" "$FSW_UBOOT"; do
	[ -f "$f" ] || fsw_die "$f is missing (make all)"
done

# U-Boot's standard distro boot finds boot.scr on a virtio disk: it loads
# the zImage into the firmware's first section and the initramfs just
# above the kernel, and passes its own device tree with
# /chosen/linux,usable-memory-range, so that the kernel's PHYS_OFFSET is
# 0x48000000 and nothing a reset writes (QEMU's DTB at 0x40000000, the
# zImage, U-Boot at the top of RAM and its EFI memory map 16 MiB below
# it) is ever an instance's memory. See docs/memory-map.md.
case $mem in
1G | 1024 | 1024M) usable=$(printf '%#x' $((0x80000000 - FSW_TOP_FIRMWARE - FSW_BASE))) ;;
2G | 2048 | 2048M) usable=$(printf '%#x' $((0xc0000000 - FSW_TOP_FIRMWARE - FSW_BASE))) ;;
*) fsw_die "memory size $mem: the memory map knows 1G and 2G" ;;
esac
append="console=ttyAMA0,115200 fastswitch_mem=$FSW_SHARED fastswitch_id=0 retain_initrd kernelcore=$FSW_KERNELCORE $*"
stage=$(mktemp -d "${TMPDIR:-/tmp}/fsw-boot.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/fs"
cp "$FSW_OUT/zImage" "$FSW_OUT/initramfs.cpio.gz" "$stage/fs/"
# A Fastswitch boot request in the shared region's header (word 0x18,
# "BOOT") means this is the reset path of booting a new instance: the
# initial zImage's decompressor will start the new kernel, so U-Boot loads
# nothing into instance memory (no initramfs) and writes only firmware
# sections. See docs/booting.md.
region=${FSW_SHARED#*@}
request=$(printf '%#x' $((region + 0x18)))
cat >"$stage/boot.cmd" <<EOS
setenv bootargs "$append"
fdt addr \${fdtcontroladdr}
fdt resize 1024
fdt set /chosen linux,usable-memory-range <0x0 $FSW_BASE 0x0 $usable>
if itest.l *$request == 0x544f4f42; then
	echo "Fastswitch: boot request pending: initial zImage only"
	load virtio 0:1 $FSW_ZIMAGE_ADDR zImage
	bootz $FSW_ZIMAGE_ADDR - \${fdtcontroladdr}
fi
echo "Fastswitch: booting the initial instance"
load virtio 0:1 $FSW_ZIMAGE_ADDR zImage
load virtio 0:1 $FSW_INITRD_ADDR initramfs.cpio.gz
setenv fsw_initrd_size \${filesize}
bootz $FSW_ZIMAGE_ADDR $FSW_INITRD_ADDR:\${fsw_initrd_size} \${fdtcontroladdr}
EOS
mkimage -q -A arm -T script -C none -d "$stage/boot.cmd" "$stage/fs/boot.scr" >/dev/null
disk=$stage/boot.img
truncate -s 64M "$disk"
echo 'start=2048, type=83, bootable' | sfdisk -q "$disk" >/dev/null
mke2fs -q -F -t ext2 -d "$stage/fs" -E offset=1048576 "$disk" 60M >/dev/null 2>&1 ||
	fsw_die "cannot make the boot disk (mke2fs)"

# shellcheck disable=SC2086
set -- qemu-system-arm -M virt -cpu cortex-a15 -smp "$smp" -m "$mem" \
	-bios "$FSW_UBOOT" \
	-drive if=none,file="$disk",format=raw,id=boot -device virtio-blk-device,drive=boot \
	$extra

if [ "$interactive" = 1 ]; then
	"$@" -nographic
	exit $?
fi
if [ "$timeout" != 0 ]; then
	set -- timeout -s KILL "$timeout" "$@"
fi
set +e
"$@" -display none -monitor none -serial stdio </dev/null 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# timeout -s KILL reports 137; say "hung" as timeout(1) does
[ "$rc" = 137 ] && rc=124
exit "$rc"
