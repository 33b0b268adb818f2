#!/bin/sh
# Platform registers across kernels (docs/mandatory-registers.md): what one
# kernel programs into the platform must not reach the other. Instance 0
# (6.12, no RTC alarm) boots Debian's 6.1 (the v61 build) as instance 1,
# which arms an RTC wake alarm far in the future: the PL031's match
# register RTC_MR and the alarm bit of RTC_IMSC, which 6.12 here never
# set (cross-regs.peer.sh). Each time it is back, instance 0 reads
# (busybox devmem, on CPU 0: some GIC registers are banked per CPU) every
# mandatory GIC register of the vector's list and the PL031's alarm
# registers, reports which GIC registers changed while it was away and
# checks that the RTC alarm holds what it held when it left. Before each switch to instance 1 it sets
# and clears an alarm of its own (RTC_MR changes, the alarm bit stays
# clear), so that instance 1 can check the same from its side, and that
# its own alarm is back in the PL031. Rounds: 20 under make check-long,
# 3 under make check. Both kernels rewrite the GIC from their own copy
# right after the vector's jump (cpu_cluster_pm_exit, gic_dist_restore), so
# a GIC check would pass without the vector's restore too: the GIC is a
# diagnostic only. The RTC checks catch a register the vector leaves
# alone: they failed until RTC_MR and RTC_IMSC were made mandatory
# (docs/mandatory-registers.md).
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/lib.sh

PEER_NAME=v61
ROUNDS=$(long_or 20 3)
tool() {
	sh /usr/bin/fastswitch "$@"
}

. /tests/regs.sh

ktap_plan $((ROUNDS + 11))
regs_setup
check "register list: $REGS_GIC mandatory GIC registers, the PL031's RTC_MR and RTC_IMSC" \
	eval '[ "$REGS_GIC" -gt 100 ] && [ "$REGS_RTC" = 2 ]'
echo 0 >$RTC/wakealarm
check "instance 0 ($(uname -r)) has no RTC alarm: wakealarm empty, RTC_IMSC alarm bit clear" \
	eval '[ -z "$(cat $RTC/wakealarm)" ] && [ "$(rtc_alarm_bit)" = 0 ]'

state_start
regs_snap /tmp/left
before=$(counter_value)
peer_boot fsw.run=peer:cross-regs "fsw.rounds=$ROUNDS"
check "instance 1 booted: $(kernel_what /boot/$PEER_NAME/kernel-build), another kernel version (mark $(inst_mark 1))" \
	eval '[ "$(inst_mark 1)" = 1 ] && [ "$(kernel_differs /etc/kernel-build /boot/$PEER_NAME/kernel-build)" = version ]'
r=0 bad_switch=0 bad_run=0
while :; do
	regs_snap /tmp/now
	state_check "$before"
	regs_diff
	# both kernels rewrite the GIC themselves after the jump: no check
	ktap_diag "round $r, instance 0: $(grep -c "^GIC" /tmp/diff) of the $REGS_GIC GIC registers changed while away"
	check "round $r, instance 0: RTC_MR and RTC_IMSC hold what they held when it left, no alarm armed" \
		eval '! grep -q "^RTC" /tmp/diff && [ "$(rtc_alarm_bit)" = 0 ]'
	[ "$(inst_mark 1)" = $((r + 1)) ] || bad_run=$((bad_run + 1))
	[ $r = "$ROUNDS" ] && break
	r=$((r + 1))
	# an alarm of its own, set and cleared: RTC_MR moves, RTC_IMSC's
	# alarm bit is clear when it leaves
	echo 0 >$RTC/wakealarm
	echo "+$((1000 + r))" >$RTC/wakealarm
	echo 0 >$RTC/wakealarm
	regs_snap /tmp/left
	before=$(counter_value)
	tool switch 1 >/tmp/switch.out 2>&1 || { cat /tmp/switch.out; bad_switch=$((bad_switch + 1)); }
done
check "instance 0: every switch 1 succeeded ($bad_switch failed)" [ $bad_switch = 0 ]
check "instance 0: instance 1's user space ran before every return ($bad_run did not)" [ $bad_run = 0 ]
state_report $((ROUNDS + 1)) "instance 0"
check "instance 0: no WARN, BUG or Oops" dmesg_clean
