#!/bin/sh
# The third kernel next to 6.1: the initial instance runs Debian's 6.1 and
# boots peer2 (6.12 in the variant configuration) on the reset path.
# Switches follow (200 under make check-long, 40 under make check), each
# seen by the other side's user space, with the usual canaries, counters
# and files (instances.sh).
# qemu-append: fsw.testing=1
# qemu-peer: yes
# qemu-build: v61-initial
. /tests/instances.sh
BOOT_PATH=reset SWITCHES=$(long_or 200 40) TOOL_SH=sh PEER_NAME=peer2 PEER_DIFFERS=version
instances_test cross-config-61
