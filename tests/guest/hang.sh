#!/bin/sh
# The hang guard (docs/crash.md): instance 0 hands the machine to
# instance 1, which never reports back; the board's watchdog resets the
# machine and the initial zImage's decompressor wakes instance 0. Five
# kinds, each checked on instance 0's side: it runs on with its counter
# process, files, canary and CPUs as it left them; names instance 1
# crashed for a hang, in a record it wrote for it, reset by the watchdog
# (the device's own flag), no sooner than the bound it set; refuses a
# switch to it; closes it.
#   resume: instance 1 resumed by a switch hangs before its report
#           (inject resume-hang, armed by instance 1 before it sleeps)
#   request: instance 1 asks instance 0 for a section, instance 0 serves
#           and hands back, instance 1 hangs: the server is woken
#   init:   a new instance 1 whose user space never loads the module
#           (fsw.hang=init: /init spins first), booted by the direct path
#   reset:  the same, booted by the reset path (the decompressor of the
#           initial zImage starts the watchdog the reset stopped)
#   panic:  a new instance 1 whose kernel panics before any module
#           (init=/nonexistent: "Requested init failed"), panic=0
# The bounds are set small here (guard_switch_ms, guard_boot_ms);
# rounds of the five: 1 (make check), 3 (make check-long).
. /tests/lib.sh

tool() {
	sh /usr/bin/fastswitch "$@"
}

PARAM=/sys/module/fastswitch/parameters
ROUNDS=$(long_or 3 1)
SWITCH_MS=4000
BOOT_MS=12000
ktap_plan 17
state_start
check "the board's watchdog is the guard's (status guard_watchdog)" [ "$(status_field guard_watchdog)" = i6300esb ]
def_switch=$(cat $PARAM/guard_switch_ms) def_boot=$(cat $PARAM/guard_boot_ms)
check "bad bounds are refused, the bound stays (guard_switch_ms 50, 9999999, x)" \
	eval '! echo 50 >$PARAM/guard_switch_ms 2>/dev/null && ! echo 9999999 >$PARAM/guard_switch_ms 2>/dev/null &&
	      ! echo x >$PARAM/guard_boot_ms 2>/dev/null && [ "$(cat $PARAM/guard_switch_ms)" = $def_switch ] &&
	      [ "$(cat $PARAM/guard_boot_ms)" = $def_boot ]'

bad_back=0 bad_count=0 bad_record=0 bad_time=0 bad_refuse=0 bad_sects=0 bad_close=0 bad_owner=0
hangs=0 us_list=
# one_hang KIND MS CMD...: run CMD (the hand-over), then check what
# instance 0 says of instance 1 afterwards
one_hang() {
	kind=$1 ms=$2
	shift 2
	before=$(counter_value)
	wd=$(status_field watchdog_resets)
	out=$("$@" 2>&1)
	hangs=$((hangs + 1))
	echo "$out" | grep -q "^warning: instance 1 crashed; back in instance 0 " ||
		{ bad_back=$((bad_back + 1)); ktap_diag "$kind: '$*': $out"; }
	state_check "$before"
	[ "$(status_field hangs)" = $hangs ] && [ "$(status_field last_crash_id)" = 1 ] &&
		[ "$(status_field watchdog_resets)" = $((wd + 1)) ] ||
		{ bad_count=$((bad_count + 1)); ktap_diag "$kind: hangs $(status_field hangs) (want $hangs), watchdog_resets $(status_field watchdog_resets), last $(status_field last_crash_id)"; }
	case $kind in
	resume | request) ran="its module ran" rel=$REL ;;
	*) ran="its module never ran" rel=unknown ;;
	esac
	grep -q "^instance 1: crashed (hang) release $rel " "$FSW/crashes" &&
		grep -qx "why: no report within $ms ms of the hand-over ($ran); reset by the watchdog" "$FSW/crashes" &&
		awk '$1 == 1 && $2 == "crashed"' "$FSW/instances" | grep -q . ||
		{ bad_record=$((bad_record + 1)); ktap_diag "$kind: crash record:"; sed -n '1,2p' "$FSW/crashes" | while IFS= read -r l; do ktap_diag "  $l"; done; }
	us=$(status_field last_crash_us)
	us_list="$us_list $kind:$us"
	# from the hand-over: never before the bound, nor a minute after it
	[ "$us" -ge $((ms * 1000)) ] && [ "$us" -le $(((ms + 60000) * 1000)) ] ||
		{ bad_time=$((bad_time + 1)); ktap_diag "$kind: back $us us after the hand-over, bound $ms ms"; }
	[ "$(fsw-write "$FSW/control" "switch 1")" = EBUSY ] &&
		dmesg | tail -n 1 | grep -q "instance 1 is crashed, not sleeping" ||
		bad_refuse=$((bad_refuse + 1))
	# a request's section went to instance 1 before it hung
	if [ "$kind" = request ]; then
		[ "$(sects_of 1 | wc -l)" = $(($(echo $theirs | wc -w) + 1)) ]
	else
		[ "$(sects_of 1 | tr '\n' ' ')" = "$theirs" ]
	fi || { bad_sects=$((bad_sects + 1)); ktap_diag "$kind: sections of instance 1: $(sects_of 1 | tr '\n' ' '), before: $theirs"; }
	owner_check || bad_owner=$((bad_owner + 1))
	out=$(tool close 1 2>&1) && [ -z "$(sects_of 1)" ] && ! grep -q "^instance 1:" "$FSW/crashes" &&
		! awk '$1 == 1' "$FSW/instances" | grep -q crashed ||
		{ bad_close=$((bad_close + 1)); ktap_diag "$kind: close 1: $out"; }
}

# load instance 1 with ARGS, without booting it
peer_load() {
	peer_layout
	sh /usr/bin/fastswitch reserve "$PEER_BASE" "$PEER_SECTIONS" 1 >/dev/null &&
		sh /usr/bin/fastswitch load 1 kernel "$PEER_KERNEL" /boot/peer/zImage >/dev/null &&
		sh /usr/bin/fastswitch load 1 initrd "$PEER_INITRD" /boot/peer/initramfs.cpio.gz >/dev/null &&
		sh /usr/bin/fastswitch cmdline 1 console=ttyAMA0,115200 loglevel=4 "$@" >/dev/null
}

guards=$(status_field guards)
round=0 bad_boot=0
while [ $round -lt "$ROUNDS" ]; do
	round=$((round + 1))
	# resume: boot it with the default bounds, then switch to it
	echo "$def_switch" >$PARAM/guard_switch_ms
	if ! { peer_boot fsw.run=peer:hang fsw.testing=1 && [ "$(inst_mark 1)" = 1 ]; }; then
		bad_boot=$((bad_boot + 1))
		ktap_diag "round $round: instance 1 did not boot"
		break
	fi
	REL=$(awk '$1 == 1 { print $3 }' "$FSW/instances")
	theirs=$(sects_of 1 | tr '\n' ' ')
	echo $SWITCH_MS >$PARAM/guard_switch_ms
	one_hang resume $SWITCH_MS tool switch 1

	echo "$def_switch" >$PARAM/guard_switch_ms
	if ! { peer_boot fsw.run=peer:hang-request fsw.testing=1 && [ "$(inst_mark 1)" = 1 ]; }; then
		bad_boot=$((bad_boot + 1))
		ktap_diag "round $round: instance 1 did not boot for the request"
		break
	fi
	theirs=$(sects_of 1 | tr '\n' ' ')
	echo $SWITCH_MS >$PARAM/guard_switch_ms
	one_hang request $SWITCH_MS tool switch 1

	echo $BOOT_MS >$PARAM/guard_boot_ms
	peer_load fsw.hang=init || { bad_boot=$((bad_boot + 1)); break; }
	theirs=$(sects_of 1 | tr '\n' ' ')
	one_hang init $BOOT_MS tool boot 1

	peer_load fsw.hang=init || { bad_boot=$((bad_boot + 1)); break; }
	theirs=$(sects_of 1 | tr '\n' ' ')
	one_hang reset $BOOT_MS tool boot 1 reset

	peer_load init=/nonexistent rdinit=/nonexistent panic=0 || { bad_boot=$((bad_boot + 1)); break; }
	theirs=$(sects_of 1 | tr '\n' ' ')
	one_hang panic $BOOT_MS tool boot 1
	echo "$def_boot" >$PARAM/guard_boot_ms
done
echo "$def_switch" >$PARAM/guard_switch_ms
ktap_diag "hand-over to instance 0 resumed, us:$us_list"
# check_hangs NAME COMMAND...: as check, and every hang happened
check_hangs() {
	name=$1
	shift
	if [ $hangs = $((ROUNDS * 5)) ] && "$@"; then
		ktap_ok "$name"
	else
		ktap_fail "$name"
	fi
}
check "all $ROUNDS rounds: instance 1 loaded and booted each time" [ $bad_boot = 0 ]
check_hangs "all $hangs hangs: the hand-over came back to instance 0, with the warning" [ $bad_back = 0 ]
check_hangs "all $hangs hangs: counted as hangs (status hangs), instance 1 named, the watchdog's reset (its flag)" [ $bad_count = 0 ]
check_hangs "all $hangs hangs: instance 1's record says hang, its release or unknown, the bound, whether its module ran" [ $bad_record = 0 ]
check_hangs "all $hangs hangs: instance 0 ran again no sooner than the bound after the hand-over" [ $bad_time = 0 ]
check_hangs "all $hangs hangs: a switch to the hung instance is refused (EBUSY, one log line)" [ $bad_refuse = 0 ]
check_hangs "all $hangs hangs: the hung instance's sections stay its own until the close" [ $bad_sects = 0 ]
check_hangs "all $hangs hangs: ownership invariant after the hang" [ $bad_owner = 0 ]
check_hangs "all $hangs hangs: close 1 takes the hung instance's sections, its record goes" [ $bad_close = 0 ]
# per round: 2 boots and a switch for resume and request, the request's
# hand-on back, 3 boots that hang
check "every hand-over was guarded (status guards +$((ROUNDS * 8)))" [ "$(status_field guards)" = $((guards + ROUNDS * 8)) ]
state_report "$ROUNDS" "instance 0"
check "instance 0: no WARN, BUG or Oops" dmesg_clean
