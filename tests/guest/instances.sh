# shellcheck shell=sh
# Instance 0's half of the two-instance tests, sourced by two-instances*.sh
# and cross-*.sh with BOOT_PATH (direct|reset), SWITCHES, TOOL_SH (the
# shell that runs scripts/fastswitch: sh or mksh) and PEER_NAME (default
# peer). Instance 0 reserves sections for instance 1, loads the peer build
# (/boot/$PEER_NAME: its own kernel release and initramfs) with the shell
# tool, boots it, then switches to it SWITCHES times. The peer may be
# another kernel: another version (v61: Debian's 6.1 next to 6.12; the
# cross tests boot 6.1 as instance 0 too) or another configuration (peer2);
# each side checks that it runs the build it was given, and instance 0
# reports how the two differ. Instance 1 runs tests/guest/instance.peer.sh: its KTAP lines are
# prefixed "peer: " and counted by the runner as NAME.peer. A switch is
# proven by the other side's evidence: each instance's user space advances
# its own mark every time it runs (mark N), and each checks the other's.
# Before the boot and before the last switch, the vector sums every
# section as instance 0 leaves (inject sums): instance 1 checks that none
# of instance 0's changed while it ran.
. /tests/lib.sh

tool() {
	$TOOL_SH /usr/bin/fastswitch "$@"
}

# Every section of instance 1 (PEER_FIRST..PEER_LAST) is its own in the
# table and offline here, and the table gives it no other
peer_sections_offline() {
	[ "$(sects_of 1 | wc -l)" = "$PEER_SECTIONS" ] || return 1
	for s in $(seq "$PEER_FIRST" "$PEER_LAST"); do
		[ "$(sect_info "$s")" = "1 offline" ] || return 1
	done
}

# ktap_plan is called by the test with its own count (INSTANCES_CHECKS)
INSTANCES_CHECKS=19
instances_run() {
	name=$1
	PEER_NAME=${PEER_NAME:-peer}
	PEER_BUILD=/boot/$PEER_NAME/kernel-build
	# what the test says instance 1's kernel is: another build of the same
	# tree (build), another configuration (config), another version
	PEER_DIFFERS=${PEER_DIFFERS:-build}
	check "tool runs in $TOOL_SH: $(tool --help | head -n 1)" sh -c "$TOOL_SH /usr/bin/fastswitch --help | grep -q 'switch ID'"
	check "instance 0 runs its build, $(kernel_what); instance 1's differs by $(kernel_differs /etc/kernel-build "$PEER_BUILD") ($PEER_DIFFERS expected): $(kernel_what "$PEER_BUILD")" \
		eval 'kernel_is_build && [ "$(kernel_differs /etc/kernel-build "$PEER_BUILD")" = "$PEER_DIFFERS" ]'
	state_start
	ktap_diag "instance 0: $(uname -r), counter, files and canary started"
	ktap_diag "machine: CPUs $ALL_CPUS, $(sect_field sections) sections of $(sect_field section_size) from $(sect_field base), instance 0's: $(sects_of 0 | sed -n '1p;$p' | tr '\n' '-' | sed 's/-$//')"
	nmov=0
	for s in $(seq "$PEER_FIRST" "$PEER_LAST"); do
		grep -qx Movable "$MEMSYS/memory$(sect_block "$s")/valid_zones" && nmov=$((nmov + 1))
	done
	check "sections $PEER_FIRST-$PEER_LAST ($PEER_BASE) are $PEER_SECTIONS movable sections of instance 0, with its sections $((PEER_LAST + 1))-$((PEER_LAST + 2)) above them" \
		eval '[ $nmov = $PEER_SECTIONS ] && [ "$(sect_info $((PEER_LAST + 1)))" = "0 online" ] && [ "$(sect_info $((PEER_LAST + 2)))" = "0 online" ]'
	check "reserve sections $PEER_FIRST-$PEER_LAST for instance 1" tool reserve $PEER_BASE $PEER_SECTIONS 1
	check "load the peer kernel into them" tool load 1 kernel $PEER_KERNEL /boot/$PEER_NAME/zImage
	check "load the peer initramfs into them" tool load 1 initrd $PEER_INITRD /boot/$PEER_NAME/initramfs.cpio.gz
	check "set the peer's command line" tool cmdline 1 console=ttyAMA0,115200 loglevel=4 \
		fsw.run=peer:instance fsw.testing=1 fsw.switches="$SWITCHES" fsw.tool_sh="$TOOL_SH" \
		fsw.boot_path="$BOOT_PATH" fsw.peer_name="$PEER_NAME"
	echo "inject sums" >"$FSW/control"
	dmesg_mark
	before=$(counter_value)
	out=$(tool boot 1 "$BOOT_PATH")
	rc=$?
	ktap_diag "$out"
	check "boot 1 $BOOT_PATH: instance 1's user space ran (its mark: $(inst_mark 1)) and switched back (exit $rc)" \
		eval '[ $rc = 0 ] && [ "$(status_field boots)" = 1 ] && [ "$(inst_mark 1)" = 1 ]'
	check "instance 1 sleeps, the build it was given: $(awk '$1 == 1 { print $3 }' $FSW/instances)" \
		eval '[ "$(awk "\$1 == 1 { print \$2 }" $FSW/instances)" = sleeping ] && [ "$(awk "\$1 == 1 { print \$3 }" $FSW/instances)" = "$(kernel_build release "$PEER_BUILD")" ]'
	state_check "$before"
	bad_run=0 total_us=0 i=0
	while [ $i -lt "$SWITCHES" ]; do
		i=$((i + 1))
		before=$(counter_value)
		tool mark $i >/tmp/mark.out 2>&1 || cat /tmp/mark.out
		[ $i = "$SWITCHES" ] && echo "inject sums" >"$FSW/control"
		tool switch 1 >/tmp/switch.out 2>&1 || { cat /tmp/switch.out; break; }
		[ "$(inst_mark 1)" = $((i + 1)) ] || bad_run=$((bad_run + 1))
		total_us=$((total_us + $(status_field last_switch_us)))
		state_check "$before"
	done
	check "$SWITCHES switches to instance 1 and back, each seen by its user space ($i done, $bad_run not, mean kernel-side switch $((total_us / (i > 0 ? i : 1))) us)" \
		eval '[ $i = "$SWITCHES" ] && [ $bad_run = 0 ] && [ "$(status_field switches)" = "$SWITCHES" ]'
	state_report "$SWITCHES" "instance 0"
	check "switch_status says what status says: $(cat "$FSW/switch_status")" switch_status_agrees
	check "the tool reported the last switch from switch_status: $(tail -n 1 /tmp/switch.out)" \
		eval 'grep -qx "back in instance 0 from instance 1: kernel-side switch $(status_field last_switch_us) us" /tmp/switch.out'
	check "instance 0 cannot online instance 1's sections $PEER_FIRST and $PEER_LAST" eval 'online_refused $PEER_FIRST && online_refused $PEER_LAST'
	check "instance 1's sections are still its own and offline here" peer_sections_offline
	check "instance 0: no WARN, BUG or Oops" dmesg_clean
}

# instances_test NAME: the whole test, BOOT_PATH direct or reset. On the
# reset path, a second warm reset from instance 0 follows the switches:
# the initial instance must then boot normally (the same script runs
# again, after it, and checks that).
instances_test() {
	if [ "$BOOT_PATH" = direct ]; then
		ktap_plan $INSTANCES_CHECKS
		instances_run "$1"
		return
	fi
	if [ "$(status_field boot_requests_taken)" = 0 ]; then
		ktap_plan $((INSTANCES_CHECKS + 3))
		instances_run "$1"
		ktap_diag "instance 0: second warm reset (reboot -f); the initial instance must boot normally"
		sync
		reboot -f
		sleep 600
	fi
	# After the second reset: the same script, booted again by U-Boot
	KTAP_N=$INSTANCES_CHECKS
	PEER_BUILD=/boot/${PEER_NAME:-peer}/kernel-build
	check "second reset: the initial instance booted normally ($(uname -r), not $(kernel_build release "$PEER_BUILD"), fastswitch_id=$(cmdline_arg fastswitch_id))" \
		eval 'kernel_is_build && [ "$(uname -r)" != "$(kernel_build release "$PEER_BUILD")" ] && [ "$(cmdline_arg fastswitch_id)" = 0 ]'
	check "the boot request stayed cleared: $(status_field boot_request), taken $(status_field boot_requests_taken) time" \
		eval '[ "$(status_field boot_request)" = none ] && [ "$(status_field boot_requests_taken)" = 1 ]'
	check "instance 0 booted with the table: instance 1's sections $PEER_FIRST-$PEER_LAST ($PEER_PLAN planned) offline" \
		eval '[ "$PEER_SECTIONS" = "$PEER_PLAN" ] && peer_sections_offline'
}
