#!/bin/sh
# Instance 1 of tests/guest/pstore.sh: look at what pstore kept for this
# instance (round fsw.pstore_round), say it with the mark, switch back;
# in round 1, panic when instance 0 switches here again.
#   round 1 (first boot) and 3 (after a close): pstore holds no log: mark 1, 3
#   round 2 (booted again over the instance that panicked in round 1):
#           its panic log, with the line it logged before the panic: mark 2
#   anything else: mark 9
. /tests/lib.sh
round=$(cmdline_arg fsw.pstore_round)
line="fsw-pstore-test: instance 1 round 1 panics now"
mark=9
case $round in
1 | 3) [ -z "$(ls /sys/fs/pstore)" ] && mark=$round ;;
2) cat /sys/fs/pstore/dmesg-ramoops-* 2>/dev/null >/tmp/pstore
	grep -q "$line" /tmp/pstore && grep -q "Kernel panic - not syncing: sysrq triggered crash" /tmp/pstore &&
		mark=2 ;;
esac
echo "pstore round $round: $(ls /sys/fs/pstore | tr '\n' ' ')" >/dev/kmsg
echo "mark $mark" >"$FSW/control"
sh /usr/bin/fastswitch switch 0 >/dev/null 2>&1
if [ "$round" = 1 ]; then
	echo "$line" >/dev/kmsg
	echo c >/proc/sysrq-trigger
fi
