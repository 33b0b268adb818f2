#!/bin/sh
# Benchmark (guest side, instances 1 and 2 of guest-request.sh, fsw.run=peer:movement): switch
# back to instance 0 at once, every time it runs; while instance 0's mark
# is 1000, hold a memory hog (all free memory but 48 MiB), so that the
# sections it gives must have their pages migrated.
. /tests/lib.sh
while :; do
	m=$(inst_mark 0)
	if [ "$m" = 1000 ] && [ -z "${HOG_PID:-}" ]; then
		hog_start $(($(meminfo MemFree) / 1024 - 48)) || echo "peer: bench-fail: hog did not start"
	elif [ "$m" != 1000 ] && [ -n "${HOG_PID:-}" ]; then
		kill "$HOG_PID"
		wait "$HOG_PID" 2>/dev/null
		HOG_PID=
	fi
	sh /usr/bin/fastswitch switch 0 >/dev/null 2>&1
done
