#!/bin/sh
# Benchmark (guest side, instance 0): switching between two instances.
# Instance 0 boots the peer build (fsw.bench_peer: /boot/NAME, default
# peer; fsw.bench_path: direct or reset) and switches to it N times. With
# fsw.bench_self=1 the peer first measures its own N self cycles
# (another kernel's baseline, peer_self_cycle).
# Kernel-side switch times come from each side's status (suspend start on
# one instance to resume complete on the other); end to end, instance 0
# prints the counter before "fastswitch switch 1" (bench-start) and the
# peer's user space prints it when it runs again (bench-arrive): bench/run
# pairs them; the other way, the peer's bench-leave before its
# "fastswitch switch 0" and instance 0's bench-back after its switch
# returned.
# The baselines are interleaved with the switches, so that what drifts
# within a boot (this machine's load, the state the boot has reached)
# weighs on both alike: before each switch one self suspend/resume cycle
# through the vector (self_cycle), after it one asleep in the vector as
# long as instance 0 was away in that switch (self_cycle_slept: less its
# last_sleep_us, plus the immediate cycle's, the vector pass without a
# sleep), since every switch resumes an instance that slept
# (docs/timeline.md). Both are .begin to resumed (PM_POST_SUSPEND,
# last_cycle_resumed_us), the span of a switch's last_switch_us.
# switch_away_0 and the peer's switch_away_1 say how long each instance
# slept in the vector before a switch resumed it.
# With fsw.bench_trace=1 both sides trace the switches and print their
# traces at the end (bench/trace.sh, docs/timeline.md), with no self
# cycle in between (the traced baseline is bench/guest-selfcycle.sh's).
# A step that fails prints "bench-fail:" and ends the benchmark: no
# sample is taken from a status that a failed step left.
. /tests/lib.sh
N=$(cmdline_arg fsw.bench_cycles)
BPATH=$(cmdline_arg fsw.bench_path)
BPEER=$(cmdline_arg fsw.bench_peer)
BPEER=${BPEER:-peer}
BTRACE=$(cmdline_arg fsw.bench_trace)
. /bench/stats.sh
. /bench/trace.sh

# fail WHAT: report, and stop here (init powers off)
fail() {
	bench_fail "$*"
	exit 1
}

# wake WHEN: how the vector ends the platform's sleep (immediate, delay MS)
wake() {
	o=$(fastswitch wake "$@" 2>&1) || fail "wake $*: $o"
}

echo "bench-freq: $(page_field cnt_freq)"

o=$(fastswitch reserve $PEER_BASE $PEER_SECTIONS 1 2>&1) || fail "reserve: $o"
o=$(fastswitch load 1 kernel $PEER_KERNEL /boot/$BPEER/zImage 2>&1) || fail "load kernel: $o"
o=$(fastswitch load 1 initrd $PEER_INITRD /boot/$BPEER/initramfs.cpio.gz 2>&1) || fail "load initrd: $o"
o=$(fastswitch cmdline 1 console=ttyAMA0,115200 loglevel=4 fsw.run=peer:switch fsw.testing=1 \
	fsw.bench_cycles="$N" fsw.bench_path="$BPATH" fsw.bench_self="$(cmdline_arg fsw.bench_self)" \
	fsw.bench_trace="$BTRACE" 2>&1) ||
	fail "cmdline: $o"
echo "bench-kernels: $(uname -r) $(kernel_build release /boot/$BPEER/kernel-build)"
b=$(status_field boots)
o=$(fastswitch boot 1 "$BPATH" 2>&1) || fail "boot 1 $BPATH: $o"
[ "$(status_field boots)" = $((b + 1)) ] || fail "boot 1 $BPATH: boots $b -> $(status_field boots)"
[ "$BTRACE" != 1 ] || trace_start || fail "trace: not started"

# A switch counts when it returned 0 and the status says it happened:
# one more switch, back from instance 1, result 0
: >/tmp/k
: >/tmp/self
: >/tmp/slept
: >/tmp/away
i=0
while [ $i -lt "$N" ]; do
	i=$((i + 1))
	if [ "$BTRACE" != 1 ]; then
		self_cycle "self cycle $i" || exit 1
		status_field last_cycle_resumed_us >>/tmp/self
		pass=$(status_field last_sleep_us)	# the vector pass, no sleep
	fi
	s=$(status_field switches)
	cnt_now || fail "switch_status: no counter"
	echo "bench-start: $i $cnt"
	# the tool's output to a file, not $(...): a shell reading a pipe
	# is no freezable wait, and the freezer would wait a round for it
	fastswitch switch 1 >/tmp/o 2>&1 || fail "switch $i: $(cat /tmp/o)"
	cnt_now || fail "switch_status: no counter"
	echo "bench-back: $i $cnt"
	[ "$(status_field switches)" = $((s + 1)) ] && [ "$(status_field last_switch_from)" = 1 ] &&
		[ "$(status_field last_switch_result)" = 0 ] ||
		fail "switch $i: switches $s -> $(status_field switches), from $(status_field last_switch_from), result $(status_field last_switch_result)"
	status_field last_switch_us >>/tmp/k
	away=$(status_field last_sleep_us)
	echo "$away" >>/tmp/away
	[ "$BTRACE" != 1 ] || continue
	# as long asleep as away (ms, at least 1), then less the sleep
	away=$(((away + 500) / 1000))
	[ "$away" -gt 0 ] || away=1
	wake delay "$away"
	self_cycle "slept self cycle $i" || exit 1
	[ "$(status_field last_wake)" = delay ] ||
		fail "slept self cycle $i: woke by $(status_field last_wake)"
	echo $(($(status_field last_cycle_resumed_us) - $(status_field last_sleep_us) + pass)) >>/tmp/slept
	wake immediate
done
stats switch_kernel_1to0 ms 1000 "$N" </tmp/k
stats switch_away_0 ms 1000 "$N" </tmp/away
if [ "$BTRACE" = 1 ]; then
	trace_dump 0
else
	stats self_cycle ms 1000 "$N" </tmp/self
	stats self_cycle_slept ms 1000 "$N" </tmp/slept
fi
