#!/bin/sh
# Kernels of two versions: the initial instance runs 6.12 and boots Debian's
# 6.1 (v61) as instance 1 on the reset path: the 6.12 zImage's decompressor
# takes the boot request and starts the 6.1 kernel; after the switches a
# second reset boots the 6.12 initial instance normally.
# Switches follow (200 under make check-long, 40 under make check), each
# seen by the other side's user space, with the usual canaries, counters
# and files (instances.sh).
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/instances.sh
BOOT_PATH=reset SWITCHES=$(long_or 200 40) TOOL_SH=sh PEER_NAME=v61 PEER_DIFFERS=version
instances_test cross-61-reset
