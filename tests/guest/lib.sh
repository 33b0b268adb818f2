# shellcheck shell=sh
# KTAP helpers for the guest tests. Each test script prints one KTAP
# document: "KTAP version 1", the plan "1..N", then one result per check.

FSW=/sys/kernel/debug/fastswitch
KTAP_N=0
KTAP_FAILED=0

ktap_plan() {
	echo "KTAP version 1"
	echo "1..$1"
}

ktap_ok() {
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N - $*"
}

ktap_fail() {
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	echo "not ok $KTAP_N - $*"
}

ktap_diag() {
	echo "# $*"
}

# check NAME COMMAND...: one result from a command's exit status
check() {
	name=$1
	shift
	if "$@"; then
		ktap_ok "$name"
	else
		ktap_fail "$name"
	fi
}

# status_field KEY: a "key: value" line of the status file
status_field() {
	sed -n "s/^$1: //p" "$FSW/status"
}

page_field() {
	sed -n "s/^$1: //p" "$FSW/page"
}

# Kernel trouble since boot (or since the mark of dmesg_mark)
dmesg_mark() {
	DMESG_MARK=$(dmesg | wc -l)
}

dmesg_new() {
	dmesg | tail -n +$((${DMESG_MARK:-0} + 1))
}

dmesg_clean() {
	if dmesg | grep -E 'WARNING:|BUG:|Oops|Internal error|Unable to handle|rcu.*stall|Kernel panic'; then
		return 1
	fi
	return 0
}

# A background counter: /tmp/counter grows while the system runs.
counter_start() {
	(n=0; while :; do n=$((n + 1)); echo $n >/tmp/counter.new; mv /tmp/counter.new /tmp/counter; usleep 20000; done) &
	COUNTER_PID=$!
	while [ ! -s /tmp/counter ]; do usleep 10000; done
}

counter_value() {
	cat /tmp/counter
}

# Wait until the counter passes $1 (the hang timeout of the runner bounds it)
counter_wait_past() {
	while [ "$(counter_value)" -le "$1" ]; do usleep 10000; done
}

# One suspend-to-RAM cycle; returns the status of the write
suspend_mem() {
	echo mem >/sys/power/state
}
