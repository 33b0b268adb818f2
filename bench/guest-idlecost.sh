#!/bin/sh
# Benchmark (guest side): what a self suspend/resume cycle costs after
# what came before it. N rounds, each of four self cycles through the
# vector, all .begin to resumed (last_cycle_resumed_us, the span of a
# switch's last_switch_us):
#   self_cycle_slept       asleep in the vector fsw.bench_sleep ms (wake
#                          delay): less its last_sleep_us, plus the
#                          next cycle's (the vector pass without a sleep)
#   self_cycle             at once after the previous one
#   self_cycle_after_idle  after as long of an idle guest (user space
#                          sleeps, every CPU waits in WFI)
#   self_cycle_after_busy  after as long with every online CPU busy
# The first two are a switch's baselines (bench/stats.sh baselines).
# Under TCG an idle guest lets this machine's CPUs idle, and what wakes
# them again is paid by the cycle after; the vector's sleep spins on
# the boot CPU. docs/timeline.md says what the switch benchmark makes
# of it.
. /tests/lib.sh
N=$(cmdline_arg fsw.bench_cycles)
SLEEP=$(cmdline_arg fsw.bench_sleep)
. /bench/stats.sh

# fail WHAT: report, and stop here (init powers off)
fail() {
	bench_fail "$*"
	exit 1
}

case $SLEEP in '' | *[!0-9]* | 0) fail "fsw.bench_sleep: '$SLEEP' is not a number of ms" ;; esac
secs=$(awk -v ms="$SLEEP" 'BEGIN { printf "%.3f", ms / 1000 }')
# one busy loop per online CPU, from the running system
cpus=$(grep -c '^processor' /proc/cpuinfo)
[ "$cpus" -gt 0 ] || fail "no CPU in /proc/cpuinfo"

# busy: every online CPU busy for SLEEP ms
busy() {
	pids=
	n=0
	while [ $n -lt "$cpus" ]; do
		yes >/dev/null &
		pids="$pids $!"
		n=$((n + 1))
	done
	sleep "$secs" || fail "sleep $secs: failed"
	# shellcheck disable=SC2086 # one word per pid
	kill $pids
	# shellcheck disable=SC2086
	wait $pids 2>/dev/null
}

: >/tmp/now
: >/tmp/idle
: >/tmp/busy
: >/tmp/slept
i=0
while [ $i -lt "$N" ]; do
	i=$((i + 1))
	baselines $((SLEEP * 1000)) "round $i" /tmp/now /tmp/slept || exit 1
	sleep "$secs" || fail "sleep $secs: failed"
	cycle_sample "round $i: after idle" /tmp/idle || exit 1
	busy
	cycle_sample "round $i: after busy" /tmp/busy || exit 1
done
echo "bench: sleep_ms $SLEEP ms"
stats self_cycle ms 1000 "$N" </tmp/now
stats self_cycle_after_idle ms 1000 "$N" </tmp/idle
stats self_cycle_after_busy ms 1000 "$N" </tmp/busy
stats self_cycle_slept ms 1000 "$N" </tmp/slept
