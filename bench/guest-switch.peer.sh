#!/bin/sh
# Benchmark (guest side, the peer instance booted by guest-switch.sh):
# its boot time (and with fsw.bench_self=1 its own N self cycles, as
# peer_self_cycle); then back to instance 0, which resumes it once
# uncounted (guest-switch.sh); then each time instance 0 switches to it,
# the kernel-side time of that switch; switches back at once. After R
# rounds (2N, or N when traced) it prints the statistics (before
# switching back the last time), and with fsw.bench_trace=1 its trace.
# Before each switch back it prints the counter (bench-leave), which
# instance 0's bench-back pairs.
# Untraced, after the 0to1 switch of each odd round it measures that
# switch's baselines (bench/stats.sh baselines; the turns and why:
# guest-switch.sh): self_cycle_slept_1 and self_cycle_1, against
# switch_kernel_0to1_matched and switch_away_1_matched.
KTAP_PREFIX=
. /tests/lib.sh
N=$(cmdline_arg fsw.bench_cycles)
BPATH=$(cmdline_arg fsw.bench_path)
BENCH_PREFIX="peer: "
BTRACE=$(cmdline_arg fsw.bench_trace)
. /bench/stats.sh
. /bench/trace.sh
echo "peer: bench: boot_${BPATH}_ms $(awk -v u="$(status_field boot_us)" 'BEGIN { printf "%.3f", u / 1000 }') ms"
echo "peer: bench: boot_${BPATH}_uptime_at_init_s $(cut -d' ' -f1 /proc/uptime) s"
if [ "$(cmdline_arg fsw.bench_self)" = 1 ]; then
	: >/tmp/self
	i=0
	while [ $i -lt "$N" ]; do
		i=$((i + 1))
		cycle_sample "peer self cycle $i" /tmp/self || break
	done
	[ $i = "$N" ] && stats peer_self_cycle ms 1000 "$N" </tmp/self
fi
# back to instance 0's boot; its uncounted switch resumes this one
s=$(status_field switches)
if ! fastswitch switch 0 >/tmp/o 2>&1; then
	bench_fail "warm-up switch to 0: $(cat /tmp/o)"
	exit 1
fi
if ! switched 0 "$s"; then
	bench_fail "warm-up switch from 0: not counted as done"
	exit 1
fi
R=$N
[ "$BTRACE" = 1 ] || R=$((2 * N))
: >/tmp/k
: >/tmp/away
: >/tmp/kturn
: >/tmp/awayturn
: >/tmp/self
: >/tmp/slept
[ "$BTRACE" != 1 ] || trace_start || bench_fail "trace: not started"
i=0
while :; do
	if [ $i = "$R" ]; then
		stats switch_kernel_0to1 ms 1000 "$R" </tmp/k
		stats switch_away_1 ms 1000 "$R" </tmp/away
		if [ "$BTRACE" != 1 ]; then
			stats switch_kernel_0to1_matched ms 1000 "$N" </tmp/kturn
			stats switch_away_1_matched ms 1000 "$N" </tmp/awayturn
			stats self_cycle_1 ms 1000 "$N" </tmp/self
			stats self_cycle_slept_1 ms 1000 "$N" </tmp/slept
		fi
		[ "$BTRACE" != 1 ] || trace_dump 1
	fi
	s=$(status_field switches)
	cnt_now || bench_fail "switch_status: no counter"
	echo "peer: bench-leave: $i $cnt"
	# to a file, not $(...), as instance 0 does (guest-switch.sh)
	if ! fastswitch switch 0 >/tmp/o 2>&1; then
		# instance 0 stops at its own failure; this one stays here
		bench_fail "switch $((i + 1)) to 0: $(cat /tmp/o)"
		break
	fi
	cnt_now || bench_fail "switch_status: no counter"
	echo "peer: bench-arrive: $((i + 1)) $cnt"
	i=$((i + 1))
	if ! switched 0 "$s"; then
		bench_fail "switch $i from 0: not counted as done"
		continue
	fi
	us=$(status_field last_switch_us)
	away=$(status_field last_sleep_us)
	if ! numbers "$us" "$away"; then
		bench_fail "switch $i from 0: last_switch_us '$us', last_sleep_us '$away'"
		continue
	fi
	echo "$us" >>/tmp/k
	echo "$away" >>/tmp/away
	# the peer's turn: the odd rounds (guest-switch.sh); a failure is
	# reported, and instance 0 goes on to its own end
	[ "$BTRACE" != 1 ] && [ $((i % 2)) = 1 ] || continue
	baselines "$away" "peer round $i" /tmp/self /tmp/slept || continue
	echo "$us" >>/tmp/kturn
	echo "$away" >>/tmp/awayturn
done
