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
instances_test two-instances-reset
