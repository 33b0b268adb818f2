#!/bin/sh
# Instance 1 of tests/guest/crash.sh: set its mark, switch back to
# instance 0; when instance 0 switches here again, leave a line naming
# this round in the kernel log (instance 0 must find it in the crash
# record this kernel writes) and panic: by sysrq c, an oops (a NULL
# dereference, LKDTM EXCEPTION) or a BUG (LKDTM BUG), both with
# panic_on_oops, as fsw.crash_kind says.
. /tests/lib.sh
echo "mark 1" >"$FSW/control"
sh /usr/bin/fastswitch switch 0 >/dev/null 2>&1
echo "fsw-crash-test: instance $(cmdline_arg fastswitch_id) $(uname -r) round $(cmdline_arg fsw.crash_round) panics now" >/dev/kmsg
case $(cmdline_arg fsw.crash_kind) in
oops)	echo 1 >/proc/sys/kernel/panic_on_oops
	echo EXCEPTION >/sys/kernel/debug/provoke-crash/DIRECT ;;
bug)	echo 1 >/proc/sys/kernel/panic_on_oops
	echo BUG >/sys/kernel/debug/provoke-crash/DIRECT ;;
*)	echo c >/proc/sysrq-trigger ;;
esac
