#!/bin/sh
# Kernels of two versions: the initial instance runs Debian's 6.1 (the v61
# build, from out/v61-initial) and boots 6.12 (peer) as instance 1 on the
# direct path.
# Switches follow (200 under make check-long, 40 under make check), each
# seen by the other side's user space, with the usual canaries, counters
# and files (instances.sh).
# qemu-append: fsw.testing=1
# qemu-peer: yes
# qemu-build: v61-initial
. /tests/instances.sh
BOOT_PATH=direct SWITCHES=$(long_or 200 40) TOOL_SH=sh PEER_NAME=peer PEER_DIFFERS=version
instances_test cross-612
