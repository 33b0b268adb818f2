#!/bin/sh
# Instance 1 of tests/guest/crash-request.sh: arm "inject serve-panic",
# set its mark and switch back; the request instance 0 makes next finds
# it asleep, and it panics while serving it.
. /tests/lib.sh
echo "inject serve-panic" >"$FSW/control"
echo "mark 1" >"$FSW/control"
sh /usr/bin/fastswitch switch 0 >/dev/null 2>&1
echo "fsw-crash-request: instance 1 should have panicked while serving" >/dev/kmsg
