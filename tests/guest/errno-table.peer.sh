#!/bin/sh
# Instance 1 of errno-table.sh: it only has to be there. It advances its
# mark each time it runs and switches back to instance 0.
KTAP_PREFIX="peer: "
. /tests/lib.sh
ktap_plan 1
check "booted as instance 1" [ "$(status_field instance)" = 1 ]
run=0
while :; do
	run=$((run + 1))
	echo "mark $run" >"$FSW/control"
	fastswitch switch 0 >/tmp/switch.out 2>&1 || cat /tmp/switch.out
done
