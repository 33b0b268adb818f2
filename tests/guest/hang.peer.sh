#!/bin/sh
# Instance 1 of tests/guest/hang.sh: set its mark, arm the injected hang
# (its next resume stops before the hang guard's report), switch back to
# instance 0. Instance 0's next switch here hangs this instance.
. /tests/lib.sh
echo "mark 1" >"$FSW/control"
echo "inject resume-hang" >"$FSW/control"
sh /usr/bin/fastswitch switch 0 >/dev/null 2>&1
echo "fsw-hang-test: instance $(cmdline_arg fastswitch_id) reported its resume: the injected hang did not happen" >/dev/kmsg
