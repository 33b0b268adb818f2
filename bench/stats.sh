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

# numbers VALUE...: true if every VALUE is a decimal number
numbers() {
	for _n; do
		case $_n in '' | *[!0-9]*) return 1 ;; esac
	done
}

# cycle_fields: the last cycle's last_cycle_resumed_us and last_sleep_us
# into _resumed and _asleep; false if either is not a number
cycle_fields() {
	_resumed=$(status_field last_cycle_resumed_us)
	_asleep=$(status_field last_sleep_us)
	numbers "$_resumed" "$_asleep"
}

# cycle_sample WHAT FILE: one self cycle (self_cycle WHAT), its
# last_cycle_resumed_us appended to FILE; else bench-fail, and false
cycle_sample() {
	self_cycle "$1" || return 1
	cycle_fields || { bench_fail "$1: no status fields"; return 1; }
	echo "$_resumed" >>"$2"
}

# switched FROM BEFORE: the last switch counted (switches is BEFORE + 1),
# came from instance FROM and succeeded; else bench-fail, and false
switched() {
	[ "$(status_field switches)" = $(($2 + 1)) ] && [ "$(status_field last_switch_from)" = "$1" ] &&
		[ "$(status_field last_switch_result)" = 0 ] && return 0
	bench_fail "switches $2 -> $(status_field switches), from $(status_field last_switch_from), result $(status_field last_switch_result)"
	return 1
}

# baselines AWAY_US WHAT SELF SLEPT: the baselines of the switch that just
# resumed this instance, measured by it: one self cycle asleep in the
# vector as long as it was away (AWAY_US, rounded to ms, at least 1),
# then one waking at once. Both are .begin to resumed
# (last_cycle_resumed_us), the span of a switch's last_switch_us. The
# slept one is appended to the file SLEPT less its last_sleep_us plus the
# immediate one's (the vector pass without a sleep, which a switch has
# too), the immediate one to the file SELF, both only when every step
# worked. The platform wakes at once again afterwards, also when a step
# failed (bench-fail WHAT, and false).
baselines() {
	local ms o how slept rc
	if ! numbers "$1"; then
		bench_fail "$2: time away '$1' is no number"
		return 1
	fi
	ms=$((($1 + 500) / 1000))
	[ "$ms" -gt 0 ] || ms=1
	if ! o=$(fastswitch wake delay "$ms" 2>&1); then
		bench_fail "$2: wake delay $ms: $o"
		return 1
	fi
	self_cycle "$2: slept self cycle" && how=$(status_field last_wake) && cycle_fields
	rc=$?
	if ! o=$(fastswitch wake immediate 2>&1); then
		bench_fail "$2: wake immediate: $o"
		return 1
	fi
	[ $rc = 0 ] || { bench_fail "$2: the slept self cycle failed or left no status"; return 1; }
	slept=$((_resumed - _asleep))
	if [ "$how" != delay ]; then
		bench_fail "$2: the slept self cycle woke by $how"
		return 1
	fi
	cycle_sample "$2: self cycle" "$3" || return 1
	echo $((slept + _asleep)) >>"$4"
}

# stats NAME UNIT SCALE [COUNT] < values: min/median/max/samples lines;
# if there are no values, or not COUNT of them, only a bench-fail line
stats() {
	sort -n | awk -v name="$1" -v unit="$2" -v scale="$3" -v want="${4:-}" -v pre="${BENCH_PREFIX:-}" '
		{ v[NR] = $1 / scale }
		END {
			if (NR == 0) { print pre "bench-fail: " name ": no samples"; exit }
			if (want != "" && NR != want) { print pre "bench-fail: " name ": " NR " samples, " want " expected"; exit }
			med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%sbench: %s_min %.3f %s\n", pre, name, v[1], unit
			printf "%sbench: %s_median %.3f %s\n", pre, name, med, unit
			printf "%sbench: %s_max %.3f %s\n", pre, name, v[NR], unit
			printf "%sbench: %s_samples %d count\n", pre, name, NR
		}'
}
