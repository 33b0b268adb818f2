#!/bin/sh
# Benchmark (guest side): the switch's baseline, in halves. N self
# suspend/resume cycles through the vector, traced as the switch timeline
# is (bench/trace.sh: the same events on, the same cost), each cut at
# Fastswitch's own points as bench/timeline.py cuts a switch
# (KERNEL_DETAILS): suspend_half, .begin to .enter (devices and CPUs
# down), and resume_half, vector_in to resumed (up again, to
# PM_POST_SUSPEND). Three times: waking at once; with the platform asleep
# fsw.bench_sleep ms (wake delay) first, as a switch's resuming instance
# slept while the other one ran (make bench passes the timeline's median
# asleep): what the sleep alone adds to a resume; and waking at once, each
# cycle after as long of an idle guest (user space sleeps): what an idle
# machine costs the cycle after it (bench/guest-idlecost.sh). Each trace
# is then dumped (bench/trace.sh), for bench/selfcycle.py to cut the cycles into
# the switch timeline's phases. docs/timeline.md says what the halves and
# steps of a switch and of a self cycle tell apart.
. /tests/lib.sh
N=$(cmdline_arg fsw.bench_cycles)
SLEEP=$(cmdline_arg fsw.bench_sleep)
. /bench/stats.sh
. /bench/trace.sh

# fail WHAT: report, and stop here (init powers off)
fail() {
	bench_fail "$*"
	exit 1
}

case $SLEEP in '' | *[!0-9]* | 0) fail "fsw.bench_sleep: '$SLEEP' is not a number of ms" ;; esac
freq=$(page_field cnt_freq)
echo "bench-freq: $freq"
scale=$(awk -v f="$freq" 'BEGIN { print f / 1000 }')
secs=$(awk -v ms="$SLEEP" 'BEGIN { printf "%.3f", ms / 1000 }')
# dump 0 (selfcycle) wakes at once, dump 1 (selfcycle_slept) after SLEEP,
# dump 2 (selfcycle_after_idle) at once, after SLEEP of an idle guest
for dump in 0 1 2; do
	idle=
	case $dump in
	0)
		o=$(fastswitch wake immediate 2>&1) || fail "wake immediate: $o"
		name=selfcycle
		;;
	1)
		o=$(fastswitch wake delay "$SLEEP" 2>&1) || fail "wake delay $SLEEP: $o"
		name=selfcycle_slept
		;;
	2)
		o=$(fastswitch wake immediate 2>&1) || fail "wake immediate: $o"
		name=selfcycle_after_idle
		idle=$secs
		;;
	esac
	trace_start || fail "trace: not started"
	i=0
	while [ $i -lt "$N" ]; do
		i=$((i + 1))
		[ -z "$idle" ] || sleep "$idle" || fail "sleep $idle: failed"
		self_cycle "$name $i" || exit 1
	done
	echo 0 >"$TRACEFS/tracing_on"
	# a trace that lost events lost points too
	written=$(sed -n 's|^# entries-in-buffer/entries-written: \([0-9]*\)/\([0-9]*\).*|\1 \2|p' "$TRACEFS/trace")
	[ -n "$written" ] && [ "${written% *}" = "${written#* }" ] ||
		fail "$name: the trace lost events (entries in buffer/written: ${written:-none})"
	# each cycle's points in order: begin, enter, vector_out, vector_in,
	# resumed; a half counts when both its points are in the trace
	awk '/fastswitch_point: / {
		p = ""; c = ""
		for (f = 1; f <= NF; f++) {
			if ($f ~ /^point=/) p = substr($f, 7)
			if ($f ~ /^cnt=/) c = substr($f, 5)
		}
		if (p == "begin") { b = c; e = ""; v = "" }
		else if (p == "enter" && b != "") e = c
		else if (p == "vector_in") v = c
		else if (p == "resumed" && v != "") {
			if (e != "") print "s", e - b
			print "r", c - v
			b = ""; e = ""; v = ""
		}
	}' "$TRACEFS/trace" >/tmp/halves
	[ "$(grep -c '^r' /tmp/halves)" = "$N" ] && [ "$(grep -c '^s' /tmp/halves)" = "$N" ] ||
		fail "$name: $(grep -c '^s' /tmp/halves) suspend and $(grep -c '^r' /tmp/halves) resume halves in the trace of $N cycles"
	sed -n 's/^s //p' /tmp/halves | stats "${name}_suspend_half" ms "$scale" "$N"
	sed -n 's/^r //p' /tmp/halves | stats "${name}_resume_half" ms "$scale" "$N"
	# and whole, for bench/selfcycle.py: the cycles' steps
	trace_dump $dump
done
o=$(fastswitch wake immediate 2>&1) || fail "wake immediate: $o"
