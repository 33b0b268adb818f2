#!/bin/sh
# Kernels of two versions: the initial instance runs 6.12 and boots Debian's
# 6.1 (the v61 build, its own series) as instance 1 on the direct path.
# Switches follow (200 under make check-long, 40 under make check), each
# seen by the other side's user space, with the usual canaries, counters
# and files (instances.sh).
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/instances.sh
BOOT_PATH=direct SWITCHES=$(long_or 200 40) TOOL_SH=sh PEER_NAME=v61 PEER_DIFFERS=version
instances_test cross-61
