#!/bin/bash
# Boot the Fastswitch guest in QEMU virt through Debian's U-Boot.
#
#   host/qemu.sh [-m MEM] [-s SMP] [-t TIMEOUT] [-l LOG] [-q QEMU_ARGS] [-i] [-- APPEND...]
#
# -i: interactive (serial and monitor on this terminal, Ctrl-A x quits);
# otherwise the console goes to stdout (and LOG), no input, and QEMU is
# killed after TIMEOUT seconds (0: never). Exit status: QEMU's, or 124 on
# timeout.
set -eu
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"

mem=1G smp=2 timeout=0 log=/dev/null interactive=0 extra=
while getopts m:s:t:l:q:i opt; do
	case $opt in
	m) mem=$OPTARG ;;
	s) smp=$OPTARG ;;
	t) timeout=$OPTARG ;;
	l) log=$OPTARG ;;
	q) extra="$extra $OPTARG" ;;
	i) interactive=1 ;;
	*) fsw_die "usage: host/qemu.sh [-m MEM] [-s SMP] [-t TIMEOUT] [-l LOG] [-i] [-- APPEND...]" ;;
	esac
done
shift $((OPTIND - 1))
[ "${1:-}" = -- ] && shift

for f in "$FSW_OUT/zImage" "$FSW_OUT/initramfs.cpio.gz" "$FSW_UBOOT"; do
	[ -f "$f" ] || fsw_die "$f is missing (make all)"
done

append="console=ttyAMA0,115200 fastswitch_mem=$FSW_SHARED $*"
# shellcheck disable=SC2086
set -- qemu-system-arm -M virt -cpu cortex-a15 -smp "$smp" -m "$mem" \
	-bios "$FSW_UBOOT" -kernel "$FSW_OUT/zImage" \
	-initrd "$FSW_OUT/initramfs.cpio.gz" -append "$append" -no-reboot $extra

if [ "$interactive" = 1 ]; then
	exec "$@" -nographic
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
