# shellcheck shell=sh
# Sourced by the guest benchmarks: the trace of the switch timeline
# (docs/timeline.md). trace_start turns on, in tracefs, the kernel's own
# suspend/resume events, the device PM callbacks, the CPU hotplug steps,
# Fastswitch's points (with the counter) and processes' exec and exit (the
# tool's, for the user-space details); trace_dump ID prints the
# trace between "fsw-trace-begin: ID" and "fsw-trace-end: ID", gzip'd
# and base64-encoded, each line with BENCH_PREFIX. bench/timeline.py
# joins the two instances' dumps on the counter.
TRACEFS=/sys/kernel/tracing
TRACE_EVENTS="power/suspend_resume power/device_pm_callback_start power/device_pm_callback_end
cpuhp/cpuhp_enter cpuhp/cpuhp_exit fastswitch/fastswitch_point sched/sched_process_exec
sched/sched_process_exit"

# trace_start: an empty buffer of 8 MiB per CPU, the events on
trace_start() {
	[ -d "$TRACEFS/events" ] || mount -t tracefs nodev "$TRACEFS" ||
		{ bench_fail "trace: cannot mount tracefs"; return 1; }
	echo 0 >"$TRACEFS/tracing_on"
	echo 8192 >"$TRACEFS/buffer_size_kb"
	: >"$TRACEFS/trace"
	for e in $TRACE_EVENTS; do
		echo 1 >"$TRACEFS/events/$e/enable" || { bench_fail "trace: no event $e"; return 1; }
	done
	echo 1 >"$TRACEFS/tracing_on"
}

# trace_dump ID: tracing off, the trace printed on the console
trace_dump() {
	echo 0 >"$TRACEFS/tracing_on"
	echo "${BENCH_PREFIX:-}fsw-trace-begin: $1"
	gzip -c "$TRACEFS/trace" | base64 | sed "s/^/${BENCH_PREFIX:-}/"
	echo "${BENCH_PREFIX:-}fsw-trace-end: $1"
}
