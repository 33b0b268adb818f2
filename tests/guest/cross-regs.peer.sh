#!/bin/sh
# Instance 1 of tests/guest/cross-regs.sh, the 6.1 build (v61): arms an
# RTC wake alarm far in the future (RTC_MR, the alarm bit of RTC_IMSC),
# which instance 0 (6.12) never does, and switches back. Each time
# instance 0 switches here again (fsw.rounds times), it checks that the
# mandatory GIC registers and the PL031's alarm registers hold what they
# held when it left, its alarm armed in the PL031, although instance 0
# set and cleared an alarm of its own meanwhile. KTAP lines "peer: ";
# after the last round it switches back for good.
KTAP_PREFIX="peer: "
. /tests/lib.sh

ROUNDS=$(cmdline_arg fsw.rounds)
tool() {
	sh /usr/bin/fastswitch "$@"
}

. /tests/regs.sh

# alarm_live: the PL031 holds this kernel's alarm: RTC_MR is it, armed
alarm_live() {
	[ -n "$alarm" ] && [ $(($(devmem "$RTC_MR" 32))) = "$alarm" ] && [ "$(rtc_alarm_bit)" = 1 ]
}

ktap_plan $((ROUNDS + 3))
regs_setup
echo 0 >$RTC/wakealarm
echo +100000 >$RTC/wakealarm
alarm=$(cat $RTC/wakealarm)
check "booted as instance 1: $(kernel_what), RTC alarm at $alarm in RTC_MR, RTC_IMSC's alarm bit set ($REGS_GIC GIC registers)" \
	eval '[ "$(status_field instance)" = 1 ] && kernel_is_build && [ "$REGS_GIC" -gt 100 ] && [ "$REGS_RTC" = 2 ] && alarm_live'
regs_snap /tmp/left
echo "mark 1" >"$FSW/control"
r=0 bad_switch=0
while [ $r -lt "$ROUNDS" ]; do
	tool switch 0 >/tmp/switch.out 2>&1 || { cat /tmp/switch.out; bad_switch=$((bad_switch + 1)); }
	r=$((r + 1))
	regs_snap /tmp/now
	regs_diff
	# both kernels rewrite the GIC themselves after the jump: no check
	ktap_diag "round $r, instance 1: $(grep -c "^GIC" /tmp/diff) of the $REGS_GIC GIC registers changed while away"
	check "round $r, instance 1: RTC_MR and RTC_IMSC hold what they held when it left, its alarm armed" \
		eval '! grep -q "^RTC" /tmp/diff && alarm_live'
	echo "mark $((r + 1))" >"$FSW/control"
	regs_snap /tmp/left
done
check "instance 1: every switch 0 succeeded ($bad_switch failed)" [ $bad_switch = 0 ]
check "instance 1: no WARN, BUG or Oops" dmesg_clean
ktap_diag "instance 1 done; switching back for good"
tool switch 0 >/dev/null 2>&1
