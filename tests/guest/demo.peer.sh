#!/bin/sh
# The peer instance of the demo: says who it is each time it runs, then
# switches back to instance 0.
n=0
while :; do
	n=$((n + 1))
	echo "    [instance 1: $(uname -r), visit $n, uptime $(cut -d' ' -f1 /proc/uptime) s, MemTotal $(sed -n 's/^MemTotal: *//p' /proc/meminfo), CPUs $(cat /sys/devices/system/cpu/online)]"
	fastswitch switch 0 >/dev/null
done
