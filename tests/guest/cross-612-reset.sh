#!/bin/sh
# Kernels of two versions: the initial instance runs Debian's 6.1 and boots
# 6.12 (peer) as instance 1 on the reset path: the 6.1 zImage's
# decompressor takes the boot request and starts the 6.12 kernel; after the
# switches a second reset boots the 6.1 initial instance normally.
# Switches follow (200 under make check-long, 40 under make check), each
# seen by the other side's user space, with the usual canaries, counters
# and files (instances.sh).
# qemu-append: fsw.testing=1
# qemu-peer: yes
# qemu-build: v61-initial
. /tests/instances.sh
BOOT_PATH=reset SWITCHES=$(long_or 200 40) TOOL_SH=sh PEER_NAME=peer PEER_DIFFERS=version
instances_test cross-612-reset
