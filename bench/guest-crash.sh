#!/bin/sh
# Benchmark (guest side, instance 0, fsw.run=bench:crash): crash
# containment. fsw.bench_cycles rounds: boot the peer build as instance 1
# (tests/guest/crash.peer.sh: it panics when switched to) and switch to
# it; back here after the reset, the time from its crash (the counter in
# its crash record) to this instance's user space running again (the
# counter read right after "fastswitch switch" returns) and to the
# module's resume complete (last_crash_us); then close it. Also the cost
# of zeroing a section that changes owner (every reserve and close here):
# scrub_us / scrubbed_sections.
. /tests/lib.sh
. /bench/stats.sh
N=$(cmdline_arg fsw.bench_cycles)

fail() {
	bench_fail "$*"
	exit 1
}

f=$(page_field cnt_freq)
: >/tmp/u
: >/tmp/k
i=0
while [ $i -lt "$N" ]; do
	i=$((i + 1))
	peer_layout
	o=$(fastswitch reserve "$PEER_BASE" "$PEER_SECTIONS" 1 2>&1) || fail "reserve: $o"
	o=$(fastswitch load 1 kernel "$PEER_KERNEL" /boot/peer/zImage 2>&1) || fail "load: $o"
	o=$(fastswitch load 1 initrd "$PEER_INITRD" /boot/peer/initramfs.cpio.gz 2>&1) || fail "load: $o"
	o=$(fastswitch cmdline 1 console=ttyAMA0,115200 loglevel=4 fsw.run=peer:crash \
		fsw.crash_round=$i 2>&1) || fail "cmdline: $o"
	o=$(fastswitch boot 1 2>&1) || fail "boot: $o"
	o=$(fastswitch switch 1 2>&1) || fail "switch 1 (round $i): $o"
	t=$(fsw-cnt)
	at=$(sed -n 's/^instance 1: crashed .* at_cnt \([0-9]*\) .*/\1/p' "$FSW/crashes")
	[ -n "$at" ] && [ "$(status_field crashes)" = $i ] || fail "round $i: no crash of instance 1 recorded"
	echo $(((t - at) * 1000000 / f)) >>/tmp/u
	status_field last_crash_us >>/tmp/k
	o=$(fastswitch close 1 2>&1) || fail "close 1: $o"
done
stats crash_to_user ms 1000 "$N" </tmp/u
stats crash_to_resumed ms 1000 "$N" </tmp/k
n=$(status_field scrubbed_sections)
[ "$n" -gt 0 ] || fail "no section was zeroed"
echo "bench: scrub_per_section $(awk -v u="$(status_field scrub_us)" -v n="$n" 'BEGIN { printf "%.3f", u / n / 1000 }') ms"
echo "bench: scrub_sections $n count"
