#!/bin/sh
# Switching the Android way (docs/android.md), under ash and under mksh:
# "fastswitch switch 1" waits while a wakelock is held and names it, goes
# through once it is released; --timeout gives up with exit 5 and changes
# nothing; --force switches whatever is held. With autosleep on, the
# switch happens at autosleep's next suspend, between autosleep's own
# cycles; the timeout and --force work there too. Every switch is proven
# by instance 1's own evidence: its user space advances its mark each
# time it runs. The test holds its own wakelock (test-run) whenever it
# must run between autosleep's suspends.
# qemu-append: fsw.testing=1
. /tests/lib.sh
ROUNDS=$(long_or 10 3)
PER=$((14 + 2 * ROUNDS))
ktap_plan $((2 * PER + 6))

lock() { echo "$1" >/sys/power/wake_lock; }
unlock() { echo "$1" >/sys/power/wake_unlock; }
held() { tr ' ' '\n' </sys/power/wake_lock | grep -qx "$1"; }
now_ms() { read -r up _ </proc/uptime; f=${up#*.}; echo $((${up%.*} * 1000 + ${f#0} * 10)); }
switches() { status_field switches; }

peer_boot fsw.run=peer:wakelocks fsw.testing=1
check "instance 1 booted and ran (mark $(inst_mark 1))" [ "$(inst_mark 1)" = 1 ]

# moved S M: one more switch than S, and instance 1 ran once more than M
moved() {
	[ "$(switches)" = $(($1 + 1)) ] && [ "$(inst_mark 1)" = $(($2 + 1)) ] &&
		[ "$(status_field last_switch_from)" = 1 ] && [ "$(status_field pending)" = none ]
}
# still S M: no switch, instance 1 did not run, nothing armed
still() {
	[ "$(switches)" = "$1" ] && [ "$(inst_mark 1)" = "$2" ] && [ "$(status_field pending)" = none ]
}

for SH in sh mksh; do
	tool() { $SH /usr/bin/fastswitch "$@"; }
	ktap_diag "--- $SH ---"

	# a held wakelock delays the switch, named; its release lets it through
	s=$(switches) m=$(inst_mark 1)
	lock test-hold
	tool switch 1 >/tmp/out 2>/tmp/err &
	pid=$!
	sleep 1
	check "$SH: switch waits while test-hold is held, and names it: $(head -n 1 /tmp/err)" \
		eval 'kill -0 $pid 2>/dev/null && grep -q "waiting for wakelocks:.*test-hold" /tmp/err'
	check "$SH: nothing switched while it waited (switches $s, mark $m)" still "$s" "$m"
	t=$(now_ms)
	unlock test-hold
	wait $pid
	rc=$?
	check "$SH: released, the switch goes through: exit $rc, $(cat /tmp/out), instance 1 ran (mark $m -> $(inst_mark 1)) $(($(now_ms) - t)) ms after the release" \
		eval '[ $rc = 0 ] && moved $s $m'

	# the timeout: exit 5, the wakelock named, nothing changed
	s=$(switches) m=$(inst_mark 1)
	lock test-hold
	t=$(now_ms)
	tool switch 1 --timeout 700 >/dev/null 2>/tmp/err
	rc=$? el=$(($(now_ms) - t))
	check "$SH: --timeout 700 with test-hold held: exit $rc after $el ms: $(tail -n 1 /tmp/err)" \
		eval '[ $rc = 5 ] && [ $el -ge 700 ] && grep -q "timed out after 700 ms.*test-hold.*nothing changed" /tmp/err'
	check "$SH: after the timeout nothing changed: switches $s, mark $m, nothing armed, test-hold still held" \
		eval 'still $s $m && held test-hold'

	# --force: now, the wakelock ignored and still held after
	tool switch 1 --force >/tmp/out 2>/tmp/err
	rc=$?
	check "$SH: --force with test-hold held: exit $rc, $(cat /tmp/out), mark $m -> $(inst_mark 1)" \
		eval '[ $rc = 0 ] && moved $s $m'
	check "$SH: --force named what it ignored ($(head -n 1 /tmp/err)); test-hold still held" \
		eval 'grep -q "ignoring wakelocks:.*test-hold" /tmp/err && held test-hold'
	unlock test-hold

	# disarm: an armed switch dropped, the next suspend is a cycle here
	s=$(switches) m=$(inst_mark 1) c=$(status_field cycles)
	echo "switch 1" >"$FSW/control"
	armed=$(status_field pending)
	echo disarm >"$FSW/control"
	res=$(status_field last_switch_result)
	suspend_mem
	check "$SH: disarm: '$armed' dropped (result $res, ECANCELED), the next suspend resumed instance 0 (cycles $c -> $(status_field cycles))" \
		eval '[ "$armed" = "switch 1" ] && [ "$res" = -125 ] && [ "$(status_field cycles)" = $((c + 1)) ] && still $s $m'

	# autosleep: its own cycles, and a switch at its next suspend
	lock test-run
	echo mem >/sys/power/autosleep
	check "$SH: autosleep on ($(cat /sys/power/autosleep))" [ "$(cat /sys/power/autosleep)" = mem ]
	r=0
	while [ $r -lt "$ROUNDS" ]; do
		r=$((r + 1))
		c=$(status_field cycles)
		unlock test-run
		sleep 1
		lock test-run
		c2=$(status_field cycles)
		check "$SH: autosleep round $r: autosleep suspended by itself ($((c2 - c)) cycles)" [ "$c2" -gt "$c" ]
		s=$(switches) m=$(inst_mark 1)
		tool switch 1 >/tmp/out 2>/tmp/err &
		pid=$!
		# the tool arms "switch 1 keep" under its own wakelock
		while [ "$(status_field pending)" != "switch 1 keep" ] && kill -0 $pid 2>/dev/null; do
			usleep 20000
		done
		# round 1: autosleep's first attempt fails in the devices'
		# suspend (before .enter); "keep" stays armed for the next
		[ $r != 1 ] || { dmesg_mark; echo "inject device" >"$FSW/control"; }
		unlock test-run
		wait $pid
		rc=$?
		lock test-run
		check "$SH: autosleep round $r: the switch happened at autosleep's suspend: exit $rc, $(cat /tmp/out), mark $m -> $(inst_mark 1); the tool's wakelock released" \
			eval '[ $rc = 0 ] && moved $s $m && ! held fastswitch-tool'
		[ $r != 1 ] || check "$SH: autosleep round 1: the attempt a device refused left the switch armed ($(dmesg_new | grep -m 1 'still armed (keep)' | sed 's/^\[[^]]*\] //'))" \
			eval 'dmesg_new | grep -q "switch to instance 1 did not happen: the suspend failed; still armed (keep)"'
	done

	# under autosleep: the timeout, and --force (autosleep restored)
	s=$(switches) m=$(inst_mark 1)
	tool switch 1 --timeout 700 >/dev/null 2>/tmp/err
	rc=$?
	check "$SH: autosleep, test-run held: --timeout 700: exit $rc: $(tail -n 1 /tmp/err)" \
		eval '[ $rc = 5 ] && grep -q "timed out after 700 ms.*test-run" /tmp/err'
	check "$SH: autosleep: after the timeout nothing changed, nothing armed" still "$s" "$m"
	tool switch 1 --force >/tmp/out 2>/tmp/err
	rc=$?
	check "$SH: autosleep, test-run held: --force: exit $rc, mark $m -> $(inst_mark 1)" \
		eval '[ $rc = 0 ] && moved $s $m'
	check "$SH: autosleep is on again after --force ($(cat /sys/power/autosleep))" \
		[ "$(cat /sys/power/autosleep)" = mem ]
	echo off >/sys/power/autosleep
	unlock test-run
done
# A suspend that does not reach the platform (pm_test "freezer": tasks
# frozen and thawed, no .begin): an ordinary switch is dropped (EAGAIN),
# one armed with keep stays armed
s=$(switches) m=$(inst_mark 1)
echo freezer >/sys/power/pm_test
echo "switch 1" >"$FSW/control"
suspend_mem
check "pm_test freezer: the ordinary switch dropped ($(status_field pending), result $(status_field last_switch_result))" \
	eval 'still $s $m && [ "$(status_field last_switch_result)" = -11 ]'
echo "switch 1 keep" >"$FSW/control"
suspend_mem
check "pm_test freezer: the keep switch still armed ($(status_field pending), result $(status_field last_switch_result))" \
	eval '[ "$(status_field pending)" = "switch 1 keep" ] && [ "$(switches)" = $s ]'
echo none >/sys/power/pm_test
echo disarm >"$FSW/control"
check "disarm: the keep switch dropped, result $(status_field last_switch_result) (ECANCELED)" \
	eval 'still $s $m && [ "$(status_field last_switch_result)" = -125 ]'
check "no wakelock left of the tool or the test ($(cat /sys/power/wake_lock))" \
	eval '! held fastswitch-tool && ! held test-run && ! held test-hold'
check "kernel log clean" dmesg_clean
