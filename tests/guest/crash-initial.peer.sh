#!/bin/sh
# Instance 1 of tests/guest/crash-initial.sh: set up its state (counter,
# files, canary), switch back to instance 0, which panics; woken after the
# reset, check that its state survived and that instance 0 is reported
# crashed from its own record, then end the run.
KTAP_PREFIX="peer: "
. /tests/lib.sh

tool() {
	sh /usr/bin/fastswitch "$@"
}

state_start
rel0=$(awk '$1 == 0 { print $3 }' "$FSW/instances")
echo "mark 1" >"$FSW/control"
before=$(counter_value)
out=$(tool switch 0 2>&1)
rc=$?
ktap_plan 12
state_check "$before"
check "instance 1 runs again after instance 0's panic and the reset ('switch 0' exit $rc${out:+: $out})" [ $rc = 0 ]
check "crash counted: crashes $(status_field crashes), last_crash_id $(status_field last_crash_id), $(status_field last_crash_us) us from the crash to here" \
	eval '[ "$(status_field crashes)" = 1 ] && [ "$(status_field last_crash_id)" = 0 ]'
check "instance 0 is crashed in the instance list ('$(awk '$1 == 0' "$FSW/instances")')" \
	eval 'awk '"'"'$1 == 0 && $2 == "crashed"'"'"' "$FSW/instances" | grep -q .'
check "instance 0's own crash record: its release $rel0, the panic message, the line it logged before it" \
	eval 'grep -q "^instance 0: crashed (panic) release $rel0 .* returned_to 1$" "$FSW/crashes" &&
		grep -qx "why: sysrq triggered crash" "$FSW/crashes" &&
		grep -q "fsw-crash-test: instance 0 $rel0 panics now" "$FSW/crashes"'
check "switch 0 is refused: EBUSY, and the log says why" \
	eval '[ "$(fsw-write "$FSW/control" "switch 0")" = EBUSY ] && dmesg | tail -n 1 | grep -q "instance 0 is crashed, not sleeping"'
check "close 0 is refused: EPERM (the initial instance is never closed)" \
	eval '[ "$(fsw-write "$FSW/control" "close 0")" = EPERM ]'
check "instance 0's sections stay its own" eval '[ "$(sects_of 0 | wc -l)" -gt 0 ]'
state_report 1 "instance 1"
check "instance 1: no WARN, BUG or Oops" dmesg_clean
echo "FSW-GUEST-DONE crash-initial"
poweroff -f
