#!/bin/sh
# Instance 1 of tests/guest/close.sh: fill most of its free memory with
# data (tmpfs files of random bytes), set its mark, switch back for good.
. /tests/lib.sh
echo "mark 1" >"$FSW/control"
free=$(meminfo MemFree)
mkdir -p /tmp/fill
i=0
while [ $i -lt $((free / 1024 - 24)) ]; do
	dd if=/dev/urandom of=/tmp/fill/$i bs=1M count=1 2>/dev/null || break
	i=$((i + 1))
done
sh /usr/bin/fastswitch switch 0 >/dev/null 2>&1
