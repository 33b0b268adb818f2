#!/bin/sh
# Instance 1 of tests/guest/crash.sh: set its mark, switch back to
# instance 0; when instance 0 switches here again, leave a line naming
# this round in the kernel log (instance 0 must find it in the crash
# record this kernel writes) and panic.
. /tests/lib.sh
echo "mark 1" >"$FSW/control"
sh /usr/bin/fastswitch switch 0 >/dev/null 2>&1
echo "fsw-crash-test: instance $(cmdline_arg fastswitch_id) $(uname -r) round $(cmdline_arg fsw.crash_round) panics now" >/dev/kmsg
echo c >/proc/sysrq-trigger
