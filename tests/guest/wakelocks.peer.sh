#!/bin/sh
# Instance 1 of tests/guest/wakelocks.sh: each time it runs, it advances
# its mark (the evidence instance 0 reads) and switches back to 0.
. /tests/lib.sh
n=0
while :; do
	n=$((n + 1))
	echo "mark $n" >"$FSW/control"
	sh /usr/bin/fastswitch switch 0 >/dev/null 2>&1 || sleep 1
done
