# shellcheck shell=sh
# Sourced by the guest benchmarks.
# stats NAME UNIT SCALE < values: min/median/max lines
stats() {
	sort -n | awk -v name="$1" -v unit="$2" -v scale="$3" '
		{ v[NR] = $1 / scale }
		END {
			if (NR == 0) { print "bench: " name "_missing 1 count"; exit }
			med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "bench: %s_min %.3f %s\n", name, v[1], unit
			printf "bench: %s_median %.3f %s\n", name, med, unit
			printf "bench: %s_max %.3f %s\n", name, v[NR], unit
			printf "bench: %s_samples %d count\n", name, NR
		}'
}
