#!/bin/sh
# Two instances, reset boot path: instance 0 suspends, leaves a boot request
# and orders a warm reset; QEMU and the unmodified U-Boot run the normal
# distro boot, and the initial zImage's decompressor starts the peer. The
# resume vector summed every section just before the reset; the peer shows
# that only firmware sections and its own changed. Switches follow (200
# under make check-long, 40 under make check); then a second reset from
# instance 0 boots the initial instance normally.
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/instances.sh
BOOT_PATH=reset SWITCHES=$(long_or 200 40) TOOL_SH=sh
if [ "$(status_field boot_requests_taken)" = 0 ]; then
	ktap_plan $((INSTANCES_CHECKS + 3))
	instances_run two-instances-reset
	ktap_diag "instance 0: second warm reset (reboot -f); the initial instance must boot normally"
	sync
	reboot -f
	sleep 600
fi
# After the second reset: the same script, booted again by U-Boot
KTAP_N=$INSTANCES_CHECKS
check "second reset: the initial instance booted normally ($(uname -r), fastswitch_id=$(cmdline_arg fastswitch_id))" \
	eval '! uname -r | grep -q -- -peer && [ "$(cmdline_arg fastswitch_id)" = 0 ] && [ -e /sys/firmware/initrd ]'
check "the boot request stayed cleared: $(status_field boot_request), taken $(status_field boot_requests_taken) time" \
	eval '[ "$(status_field boot_request)" = none ] && [ "$(status_field boot_requests_taken)" = 1 ]'
check "instance 0 booted with the table: instance 1's sections $PEER_FIRST-$PEER_LAST ($PEER_PLAN planned) offline" \
	eval '[ "$PEER_SECTIONS" = "$PEER_PLAN" ] && peer_sections_offline'
