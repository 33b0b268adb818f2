# shellcheck shell=sh
# Instance 0's half of the two-instance tests, sourced by two-instances*.sh
# with BOOT_PATH (direct|reset), SWITCHES and TOOL_SH (the shell that runs
# scripts/fastswitch: sh or mksh). Instance 0 reserves sections for
# instance 1, loads the peer build (/boot/peer: its own kernel release and
# initramfs) with the shell tool, boots it, then switches to it SWITCHES
# times. Instance 1 runs tests/guest/instance.peer.sh: its KTAP lines are
# prefixed "peer: " and counted by the runner as NAME.peer.
. /tests/lib.sh

tool() {
	$TOOL_SH /usr/bin/fastswitch "$@"
}

# ktap_plan is called by the test with its own count
instances_run() {
	name=$1
	check "tool runs in $TOOL_SH: $(tool --help | head -n 1)" sh -c "$TOOL_SH /usr/bin/fastswitch --help | grep -q 'switch ID'"
	state_start
	ktap_diag "instance 0: $(uname -r), counter, files and canary started"
	check "reserve sections 48-58 for instance 1" tool reserve $PEER_BASE $PEER_SECTIONS 1
	check "load the peer kernel into them" tool load 1 kernel $PEER_KERNEL /boot/peer/zImage
	check "load the peer initramfs into them" tool load 1 initrd $PEER_INITRD /boot/peer/initramfs.cpio.gz
	check "set the peer's command line" tool cmdline 1 console=ttyAMA0,115200 loglevel=4 \
		fsw.run=peer:instance fsw.testing=1 fsw.switches="$SWITCHES" fsw.tool_sh="$TOOL_SH" \
		fsw.boot_path="$BOOT_PATH"
	[ "$BOOT_PATH" = reset ] && echo "inject sums" >"$FSW/control"
	dmesg_mark
	before=$(counter_value)
	out=$(tool boot 1 "$BOOT_PATH")
	rc=$?
	ktap_diag "$out"
	check "boot 1 $BOOT_PATH: instance 1 ran and switched back (exit $rc)" eval '[ $rc = 0 ] && [ "$(status_field boots)" = 1 ] && [ "$(status_field last_switch_from)" = 1 ]'
	check "instance 1 sleeps, another build: $(awk '$1 == 1 { print $3 }' $FSW/instances)" \
		eval '[ "$(awk "\$1 == 1 { print \$2 }" $FSW/instances)" = sleeping ] && awk "\$1 == 1 { print \$3 }" $FSW/instances | grep -q -- "-peer\$" && ! uname -r | grep -q -- -peer'
	state_check "$before"
	bad_from=0 total_us=0 i=0
	while [ $i -lt "$SWITCHES" ]; do
		i=$((i + 1))
		before=$(counter_value)
		tool switch 1 >/tmp/switch.out 2>&1 || { cat /tmp/switch.out; break; }
		[ "$(status_field last_switch_from)" = 1 ] || bad_from=$((bad_from + 1))
		total_us=$((total_us + $(status_field last_switch_us)))
		state_check "$before"
	done
	check "$SWITCHES switches to instance 1 and back ($i done, mean kernel-side switch $((total_us / (i > 0 ? i : 1))) us)" \
		eval '[ $i = "$SWITCHES" ] && [ $bad_from = 0 ] && [ "$(status_field switches)" = "$SWITCHES" ]'
	state_report "$SWITCHES" "instance 0"
	check "instance 0 cannot online instance 1's section 48" online_refused 48
	check "instance 1's sections are still its own and offline here" eval '[ "$(sect_info 48)" = "1 offline" ] && [ "$(sect_info 58)" = "1 offline" ]'
	check "instance 0: no WARN, BUG or Oops" dmesg_clean
}
