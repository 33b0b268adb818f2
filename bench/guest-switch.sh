#!/bin/sh
# Benchmark (guest side, instance 0): switching between two instances.
# Instance 0 boots the peer build (fsw.bench_peer: /boot/NAME, default
# peer; fsw.bench_path: direct or reset), runs one round of a switch to
# it and back uncounted (the first switch each way runs code for the
# first time), then R counted rounds: R = 2N, or N when traced
# (fsw.bench_cycles=N). With fsw.bench_self=1 the peer first measures
# its own N self cycles (another kernel's baseline, peer_self_cycle).
# Kernel-side switch times come from each side's status (suspend start on
# one instance to resume complete on the other); end to end, instance 0
# prints the counter before "fastswitch switch 1" (bench-start) and the
# peer's user space prints it when it runs again (bench-arrive): bench/run
# pairs them; the other way, the peer's bench-leave before its
# "fastswitch switch 0" and instance 0's bench-back after its switch
# returned.
# Untraced, the baselines are interleaved with the switches, so that what
# drifts within a boot (this machine's load, the state the boot has
# reached) weighs on both alike, and each is taken by the instance that a
# switch resumed, right after that switch (bench/stats.sh baselines): one
# self cycle asleep in the vector as long as that instance was away in
# the switch (self_cycle_slept), then one waking at once (self_cycle);
# for 0to1 the peer's (self_cycle_slept_1, self_cycle_1). The two
# instances take turns: the peer after the 0to1 of odd rounds, instance 0
# after the 1to0 of even ones, N turns each. Were both to measure in
# every round, each one's sleep would hold the other's, and the times
# away would grow without end. The switches of an instance's turns
# (switch_kernel_1to0_matched with switch_away_0_matched; the peer's
# switch_kernel_0to1_matched, switch_away_1_matched) are the ones its
# baselines follow; switch_kernel_<dir> and switch_away_<n> cover every
# round, whose times away differ by turn (docs/timeline.md).
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
# the uncounted round, before instance 0's trace starts; untraced, with
# instance 0's baselines (not counted), so that the peer's first turn
# follows them as its others do
s=$(status_field switches)
fastswitch switch 1 >/tmp/o 2>&1 || fail "warm-up switch: $(cat /tmp/o)"
switched 1 "$s" || fail "warm-up switch: not counted as done"
R=$N
if [ "$BTRACE" != 1 ]; then
	R=$((2 * N))
	baselines "$(status_field last_sleep_us)" "warm-up round" /tmp/warm /tmp/warm || exit 1
fi
[ "$BTRACE" != 1 ] || trace_start || fail "trace: not started"

# A switch counts when it returned 0 and the status says it happened
# (switched: one more switch, back from instance 1, result 0)
: >/tmp/k
: >/tmp/away
: >/tmp/kturn
: >/tmp/awayturn
: >/tmp/self
: >/tmp/slept
i=0
while [ $i -lt "$R" ]; do
	i=$((i + 1))
	s=$(status_field switches)
	cnt_now || fail "switch_status: no counter"
	echo "bench-start: $i $cnt"
	# the tool's output to a file, not $(...): a shell reading a pipe
	# is no freezable wait, and the freezer would wait a round for it
	fastswitch switch 1 >/tmp/o 2>&1 || fail "switch $i: $(cat /tmp/o)"
	cnt_now || fail "switch_status: no counter"
	echo "bench-back: $i $cnt"
	switched 1 "$s" || fail "switch $i: not counted as done"
	us=$(status_field last_switch_us)
	away=$(status_field last_sleep_us)
	numbers "$us" "$away" || fail "switch $i: last_switch_us '$us', last_sleep_us '$away'"
	echo "$us" >>/tmp/k
	echo "$away" >>/tmp/away
	# instance 0's turn: the even rounds (the peer's: the odd ones)
	[ "$BTRACE" != 1 ] && [ $((i % 2)) = 0 ] || continue
	baselines "$away" "round $i" /tmp/self /tmp/slept || exit 1
	echo "$us" >>/tmp/kturn
	echo "$away" >>/tmp/awayturn
done
stats switch_kernel_1to0 ms 1000 "$R" </tmp/k
stats switch_away_0 ms 1000 "$R" </tmp/away
if [ "$BTRACE" = 1 ]; then
	trace_dump 0
else
	stats switch_kernel_1to0_matched ms 1000 "$N" </tmp/kturn
	stats switch_away_0_matched ms 1000 "$N" </tmp/awayturn
	stats self_cycle ms 1000 "$N" </tmp/self
	stats self_cycle_slept ms 1000 "$N" </tmp/slept
fi
