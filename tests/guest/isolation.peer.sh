#!/bin/sh
# Instance 1 of tests/guest/isolation.sh: write its tag, switch back;
# when instance 0 switches here again, run the same probes against
# instance 0's memory (KTAP lines "peer: "), and switch back for good.
KTAP_PREFIX="peer: "
. /tests/lib.sh
. /tests/isolation.probe.sh
tag="fsw-tag-1-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p /tmp/tag
i=0
while [ $i -lt 512 ]; do echo "$tag"; i=$((i + 1)); done >/tmp/tag/a
echo "mark 1" >"$FSW/control"
sh /usr/bin/fastswitch switch 0 >/dev/null 2>&1
ktap_plan 7
OTHER=0
probe "$(cmdline_arg fsw.tag0)"
probe_checks "instance 1"
sh /usr/bin/fastswitch switch 0 >/dev/null 2>&1
