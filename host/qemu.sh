#!/bin/bash
# Boot the Fastswitch guest in QEMU virt through Debian's U-Boot.
#
#   host/qemu.sh [-m MEM] [-s SMP] [-t TIMEOUT] [-l LOG] [-q QEMU_ARGS]
#                [-L FILE@ADDR] [-T FILE] [-I FILE] [-i] [-- APPEND...]
#
# -m MEM: guest RAM, 1G (default) or 2G; -s SMP: CPUs (default 2).
# -L loads FILE into guest RAM at physical ADDR before the firmware runs
# (QEMU's generic loader), e.g. a prepared ownership table or a pattern.
# -T FILE: write the host clock (date +%s%N) at the moment QEMU starts.
# -I FILE: the console's input comes from FILE, a fifo that a test writes
# commands to (it keeps a writer open from before this call to the end:
# opening the fifo blocks until there is one, and its end of file ends
# the input); otherwise, and with -i, there is none.
# -i: interactive (serial and monitor on this terminal, Ctrl-A x quits);
# otherwise the console goes to stdout (and LOG), and QEMU is killed
# after TIMEOUT seconds (0: never). APPEND: extra kernel
# parameters. Exit status: QEMU's, or 124 on timeout.
#
# QEMU has no network card (-nic none): the guest needs none. It is this
# script's child and dies with it: Ctrl-C, SIGTERM or SIGHUP of this
# script stop it, and so does SIGKILL (QEMU runs with a parent-death
# signal).
set -eu
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"

case ${1:-} in -h | --help) fsw_usage; exit 0 ;; esac
mem=1G smp=2 timeout=0 log=/dev/null interactive=0 extra= tstamp= input=/dev/null
while getopts m:s:t:l:q:L:T:I:i opt; do
	case $opt in
	m) mem=$OPTARG ;;
	s) smp=$OPTARG ;;
	t) timeout=$OPTARG ;;
	l) log=$OPTARG ;;
	q) extra="$extra $OPTARG" ;;
	L) extra="$extra -device loader,file=${OPTARG%@*},addr=${OPTARG##*@},force-raw=on" ;;
	T) tstamp=$OPTARG ;;
	I) input=$OPTARG ;;
	i) interactive=1 ;;
	*) fsw_usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ "${1:-}" = -- ] && shift
case $timeout in *[!0-9]* | "") fsw_die "-t $timeout: seconds expected" ;; esac

for f in "$FSW_OUT/zImage" "$FSW_OUT/initramfs.cpio.gz" "$FSW_UBOOT"; do
	[ -f "$f" ] || fsw_die "$f is missing (make all)"
done
: 2>/dev/null >"$log" || fsw_die "cannot write the log $log"

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
qpid= tpid= timer=
# stop_qemu: end QEMU if it runs: SIGTERM (QEMU restores the terminal),
# SIGKILL if it is still there after 3 s
stop_qemu() {
	local i
	[ -n "$qpid" ] || return 0
	if kill -TERM "$qpid" 2>/dev/null; then
		for i in $(seq 30); do
			kill -0 "$qpid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$qpid" 2>/dev/null || :
		wait "$qpid" 2>/dev/null || :
	fi
	qpid=
}
cleanup() {
	stop_qemu
	[ -z "$timer" ] || kill "$timer" 2>/dev/null || :
	[ -z "$tpid" ] || kill "$tpid" 2>/dev/null || :
	rm -rf "$stage"
}
# A signal stops QEMU, then this script dies of the same signal (so that
# a calling shell sees Ctrl-C as Ctrl-C).
for sig in INT TERM HUP; do
	# shellcheck disable=SC2064
	trap "cleanup; trap - $sig EXIT; kill -$sig \$\$" "$sig"
done
trap cleanup EXIT
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

# The guest has no network (-nic none; U-Boot probes none either).
# The i6300esb on virt's PCIe host is the board's watchdog: Fastswitch's
# hang guard (docs/crash.md); no kernel enumerates PCI. On its timeout
# QEMU resets the machine (its default watchdog action).
# QEMU gets a parent-death signal: if this script is killed, even with
# SIGKILL, the kernel kills QEMU too.
# shellcheck disable=SC2086
set -- setpriv --pdeathsig KILL qemu-system-arm -M virt -cpu cortex-a15 -smp "$smp" -m "$mem" \
	-bios "$FSW_UBOOT" -nic none -device i6300esb \
	-drive if=none,file="$disk",format=raw,id=boot -device virtio-blk-device,drive=boot \
	$extra

[ -z "$tstamp" ] || date +%s%N >"$tstamp"
if [ "$interactive" = 1 ]; then
	# QEMU in the background (so that the traps run at once) keeps the
	# terminal: its stdin is given explicitly.
	"$@" -nographic <&0 &
	qpid=$!
else
	# The console goes to stdout and LOG through tee; QEMU's own errors too
	mkfifo "$stage/console"
	tee "$log" <"$stage/console" &
	tpid=$!
	"$@" -display none -monitor none -serial stdio <"$input" >"$stage/console" 2>&1 &
	qpid=$!
fi
# The hang timer: a watchdog that kills QEMU after TIMEOUT seconds and
# says so in $stage/hung. It waits with bash's read -t on a fifo nobody
# writes (no child process) and dies with this script.
if [ "$timeout" != 0 ]; then
	mkfifo "$stage/timer"
	# shellcheck disable=SC2016
	setpriv --pdeathsig KILL bash -c 'read -r -t "$1" _ <>"$2"
		[ $? -gt 128 ] || exit 0
		: >"$3"
		kill -KILL "$4"' fsw-hang-timer "$timeout" "$stage/timer" "$stage/hung" "$qpid" &
	timer=$!
fi
set +e
wait "$qpid"
rc=$?
if [ -n "$timer" ]; then
	kill "$timer" 2>/dev/null
	wait "$timer" 2>/dev/null
fi
if [ -e "$stage/hung" ]; then
	echo "fastswitch: QEMU hung: killed after ${timeout}s" >&2
	rc=124
fi
qpid=
# tee ends when QEMU's side of the fifo closes: the log is complete
if [ -n "$tpid" ]; then
	wait "$tpid" 2>/dev/null
	tpid=
fi
exit "$rc"
