#!/bin/sh
# Benchmark (guest side, instance 0): how long a switch request waits
# before the suspend starts (docs/android.md). Instance 0 boots the peer
# (tests/guest/wakelocks.peer.sh: it switches back at once), then N times
# each: "fastswitch switch 1" with no wakelock held, from the request
# (the counter before the command) to PM_SUSPEND_PREPARE (the status'
# last_prepare_cnt); and with a wakelock held that is released 100 ms
# after the request: request to suspend, and release to suspend.
. /tests/lib.sh
N=$(cmdline_arg fsw.bench_cycles)
. /bench/stats.sh

fail() {
	bench_fail "$*"
	exit 1
}

peer_boot fsw.run=peer:wakelocks fsw.testing=1 || fail "the peer did not boot"
scale=$(awk -v f="$(page_field cnt_freq)" 'BEGIN { print f / 1000 }')

# one_switch I: a switch that happened (one more switch, from 1)
one_switch() {
	[ "$(status_field switches)" = $(($2 + 1)) ] && [ "$(status_field last_switch_from)" = 1 ] ||
		fail "switch $1: switches $2 -> $(status_field switches), from $(status_field last_switch_from)"
}

: >/tmp/none
: >/tmp/held
: >/tmp/release
i=0
while [ $i -lt "$N" ]; do
	i=$((i + 1))
	s=$(status_field switches)
	t=$(fsw-cnt)
	o=$(fastswitch switch 1 2>&1) || fail "switch $i (no wakelock): $o"
	one_switch "$i" "$s"
	echo "$t $(status_field last_prepare_cnt)" | awk '{ print $2 - $1 }' >>/tmp/none

	s=$(status_field switches)
	echo bench-hold >/sys/power/wake_lock
	t=$(fsw-cnt)
	fastswitch switch 1 >/dev/null 2>&1 &
	pid=$!
	usleep 100000
	r=$(fsw-cnt)
	echo bench-hold >/sys/power/wake_unlock
	wait $pid || fail "switch $i (wakelock released after 100 ms) failed"
	one_switch "$i" "$s"
	p=$(status_field last_prepare_cnt)
	[ "$(echo "$r $p" | awk '{ print ($2 > $1) }')" = 1 ] ||
		fail "switch $i: the suspend started before the wakelock was released"
	echo "$t $p" | awk '{ print $2 - $1 }' >>/tmp/held
	echo "$r $p" | awk '{ print $2 - $1 }' >>/tmp/release
done
stats wakelock_none_request_to_suspend ms "$scale" "$N" </tmp/none
stats wakelock_released_100ms_request_to_suspend ms "$scale" "$N" </tmp/held
stats wakelock_released_100ms_release_to_suspend ms "$scale" "$N" </tmp/release
