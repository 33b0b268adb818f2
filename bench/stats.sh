# shellcheck shell=sh
# Sourced by the guest benchmarks.
# Only "bench: <metric> <value> <unit>" lines are metrics; a failed step
# prints "bench-fail: <what>" (bench/run then fails), never a metric.

# bench_fail WHAT: report a failed step
bench_fail() {
	echo "${BENCH_PREFIX:-}bench-fail: $*"
}

# self_cycle WHAT: one suspend/resume cycle through the vector, which must
# be counted and must have entered the platform (a cycle that did not is
# not a sample: the status would be a stale one); else bench-fail WHAT
# with the counts, and false. Needs /tests/lib.sh.
self_cycle() {
	_before=$(status_field cycles)
	if ! suspend_mem || [ "$(status_field cycles)" != $((_before + 1)) ] ||
		[ "$(status_field last_cycle_entered)" != yes ]; then
		bench_fail "$1: cycles $_before -> $(status_field cycles), entered $(status_field last_cycle_entered)"
		return 1
	fi
}

# stats NAME UNIT SCALE [COUNT] < values: min/median/max/samples lines;
# fails if there are no values, or not COUNT of them
stats() {
	sort -n | awk -v name="$1" -v unit="$2" -v scale="$3" -v want="${4:-}" -v pre="${BENCH_PREFIX:-}" '
		{ v[NR] = $1 / scale }
		END {
			if (NR == 0) { print pre "bench-fail: " name ": no samples"; exit }
			if (want != "" && NR != want) print pre "bench-fail: " name ": " NR " samples, " want " expected"
			med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%sbench: %s_min %.3f %s\n", pre, name, v[1], unit
			printf "%sbench: %s_median %.3f %s\n", pre, name, med, unit
			printf "%sbench: %s_max %.3f %s\n", pre, name, v[NR], unit
			printf "%sbench: %s_samples %d count\n", pre, name, NR
		}'
}
