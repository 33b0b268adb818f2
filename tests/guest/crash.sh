#!/bin/sh
# Crash containment (docs/crash.md): instance 0 boots the peer build as
# instance 1 and switches to it; instance 1 panics (sysrq c, an oops with
# panic_on_oops, a BUG, in turn: LKDTM provokes the last two). The machine
# resets, the boot loader starts the initial zImage, whose decompressor
# wakes instance 0 through its wake entry. Each round, instance 0 must run
# on with its counter process, tmpfs files, canary and CPUs as it left
# them; report instance 1 crashed, from instance 1's own crash record (its
# release, the panic message, the line its user space logged this round);
# refuse a switch to it; keep its sections its own; and then close it.
# Rounds: 3 (make check), 20 (make check-long).
. /tests/lib.sh

tool() {
	sh /usr/bin/fastswitch "$@"
}

ROUNDS=$(long_or 20 3)
ktap_plan 15
state_start
bad_boot=0 bad_back=0 bad_count=0 bad_record=0 bad_refuse=0 bad_sects=0 bad_owner=0 bad_close=0
us_list=
round=0
while [ $round -lt "$ROUNDS" ]; do
	round=$((round + 1))
	peer_layout
	PEER_LAST=$((PEER_FIRST + PEER_SECTIONS - 1))
	# sysrq c, an oops with panic_on_oops, a BUG, in turn
	case $((round % 3)) in
	1) kind=sysrq why="sysrq triggered crash" sign="sysrq triggered crash" ;;
	2) kind=oops why="Fatal exception" sign="Unable to handle kernel NULL pointer dereference" ;;
	0) kind=bug why="Fatal exception" sign="kernel BUG at" ;;
	esac
	if ! { peer_boot fsw.run=peer:crash fsw.crash_round=$round fsw.crash_kind=$kind && [ "$(inst_mark 1)" = 1 ]; }; then
		bad_boot=$((bad_boot + 1))
		ktap_diag "round $round: instance 1 did not boot"
		break
	fi
	theirs=$(sects_of 1 | tr '\n' ' ')
	rel=$(awk '$1 == 1 { print $3 }' "$FSW/instances")
	before=$(counter_value)
	out=$(tool switch 1 2>&1) && echo "$out" | grep -q "^warning: instance 1 crashed; back in instance 0 " ||
		{ bad_back=$((bad_back + 1)); ktap_diag "round $round: switch 1: $out"; }
	state_check "$before"
	[ "$(status_field crashes)" = $round ] && [ "$(status_field last_crash_id)" = 1 ] ||
		{ bad_count=$((bad_count + 1)); ktap_diag "round $round: crashes $(status_field crashes), last $(status_field last_crash_id)"; }
	us_list="$us_list $(status_field last_crash_us)"
	grep -q "^instance 1: crashed (panic) release $rel " "$FSW/crashes" &&
		grep -qx "why: $why" "$FSW/crashes" &&
		grep -q "fsw-crash-test: instance 1 $rel round $round panics now" "$FSW/crashes" &&
		grep -q "Kernel panic - not syncing: $why" "$FSW/crashes" &&
		grep -q "$sign" "$FSW/crashes" ||
		{ bad_record=$((bad_record + 1)); ktap_diag "round $round ($kind): crash record:"; sed -n '1,3p' "$FSW/crashes" | while IFS= read -r l; do ktap_diag "  $l"; done; }
	[ "$(fsw-write "$FSW/control" "switch 1")" = EBUSY ] &&
		dmesg | tail -n 1 | grep -q "instance 1 is crashed, not sleeping" ||
		bad_refuse=$((bad_refuse + 1))
	[ "$(sects_of 1 | tr '\n' ' ')" = "$theirs" ] || bad_sects=$((bad_sects + 1))
	owner_check || bad_owner=$((bad_owner + 1))
	if [ $round = 1 ]; then
		check "round 1: instance 0 runs again after instance 1's panic and the reset (switch 1 returned, instances: '$(awk '$1 == 1' "$FSW/instances" | head -n 1)')" \
			eval '[ $bad_back = 0 ] && awk '"'"'$1 == 1 && $2 == "crashed"'"'"' "$FSW/instances" | grep -q .'
		check "round 1: the decompressor took a wake request (header wake count), not a boot" \
			eval '[ "$(status_field region_wakes)" -ge 1 ]'
	fi
	out=$(tool close 1 2>&1) && [ -z "$(sects_of 1)" ] && ! grep -q "^instance 1:" "$FSW/crashes" ||
		{ bad_close=$((bad_close + 1)); ktap_diag "round $round: close 1: $out"; break; }
done
ktap_diag "crash to instance 0 resumed, us:$us_list"
check "all $ROUNDS rounds: instance 1 booted each time" [ $bad_boot = 0 ]
check "all $ROUNDS rounds: 'switch 1' came back to instance 0 after the crash, and warned" [ $bad_back = 0 ]
check "all $ROUNDS rounds: crashes counted, instance 1 named" [ $bad_count = 0 ]
check "all $ROUNDS rounds: instance 1's crash record: its release, the panic message, its user space's line of that round, the sign of the kind (sysrq c, oops, BUG in turn)" [ $bad_record = 0 ]
check "all $ROUNDS rounds: a switch to the crashed instance is refused (EBUSY, one log line)" [ $bad_refuse = 0 ]
check "all $ROUNDS rounds: the crashed instance's sections stay its own until the close" [ $bad_sects = 0 ]
check "all $ROUNDS rounds: ownership invariant after the crash" [ $bad_owner = 0 ]
check "all $ROUNDS rounds: close 1 takes the crashed instance's sections, its record goes" [ $bad_close = 0 ]
state_report "$ROUNDS" "instance 0"
check "instance 0: no WARN, BUG or Oops" dmesg_clean
