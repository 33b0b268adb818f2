#!/bin/sh
# Benchmark (guest side): the suspend/resume cycle through the Fastswitch
# resume vector against the same kernel's pm_test=core cycle (everything
# but the platform sleep and the vector), N cycles each, same boot.
FSW=/sys/kernel/debug/fastswitch
N=50
for arg in $(cat /proc/cmdline); do
	case $arg in fsw.bench_cycles=*) N=${arg#fsw.bench_cycles=} ;; esac
done

status_field() {
	sed -n "s/^$1: //p" "$FSW/status"
}

. /bench/stats.sh

# run MODE: N cycles; kernel-side (.begin..end) and user-side times
run() {
	: >/tmp/k.$1
	: >/tmp/u.$1
	i=0
	while [ "$i" -lt "$N" ]; do
		c=$(status_field cycles)
		u=$(fsw-suspend mem) || { bench_fail "$1 cycle $i: $u"; return 1; }
		# a cycle that did not complete, or did not go where this mode
		# goes, is not a sample: the status would be a stale one
		if [ "$(status_field cycles)" != $((c + 1)) ] ||
			[ "$(status_field last_cycle_entered)" != "$2" ]; then
			bench_fail "$1 cycle $i: cycles $c -> $(status_field cycles), platform entered = $(status_field last_cycle_entered)"
			return 1
		fi
		echo "$u" >>/tmp/u.$1
		status_field last_cycle_ns >>/tmp/k.$1
		# the vector's hand-off, from its entry to the jump (page tail)
		[ "$1" = vector ] && status_field last_handoff_us >>/tmp/v.$1
		i=$((i + 1))
	done
}

echo 0 >/sys/module/suspend/parameters/pm_test_delay
echo core >/sys/power/pm_test
run core no || exit 1
echo none >/sys/power/pm_test
: >/tmp/v.vector
run vector yes || exit 1

stats pmtest_core_cycle ms 1000000 "$N" </tmp/k.core
stats vector_cycle ms 1000000 "$N" </tmp/k.vector
stats pmtest_core_write ms 1000000 "$N" </tmp/u.core
stats vector_write ms 1000000 "$N" </tmp/u.vector
stats vector_handoff us 1 "$N" </tmp/v.vector
a=$(sort -n /tmp/k.vector | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
b=$(sort -n /tmp/k.core | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
awk -v a="$a" -v b="$b" 'BEGIN { printf "bench: vector_vs_pmtest_core_ratio %.3f ratio\n", a / b }'
