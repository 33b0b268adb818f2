#!/bin/sh
# Instance 1 of tests/guest/hang.sh, kind "request": set its mark, switch
# back to instance 0; when instance 0 switches here again, arm the
# injected hang and ask instance 0 for one section. Instance 0 serves and
# hands the machine back here, and this instance hangs before it reports:
# the guard the server set wakes the server.
. /tests/lib.sh
echo "mark 1" >"$FSW/control"
sh /usr/bin/fastswitch switch 0 >/dev/null 2>&1
echo "inject resume-hang" >"$FSW/control"
sh /usr/bin/fastswitch request 1 >/dev/null 2>&1
echo "fsw-hang-test: instance $(cmdline_arg fastswitch_id) reported after its request: the injected hang did not happen" >/dev/kmsg
