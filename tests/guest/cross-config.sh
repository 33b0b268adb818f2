#!/bin/sh
# Kernels of one version in two configurations: the initial instance (6.12,
# HZ 1000, idle tick, high-resolution timers, no preemption, NR_CPUS 4)
# boots the third kernel, peer2 (fastswitch_variant.config: HZ 250,
# periodic tick, no high-resolution timers, full preemption, NR_CPUS 8),
# as instance 1 on the direct path.
# Switches follow (200 under make check-long, 40 under make check), each
# seen by the other side's user space, with the usual canaries, counters
# and files (instances.sh).
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/instances.sh
BOOT_PATH=direct SWITCHES=$(long_or 200 40) TOOL_SH=sh PEER_NAME=peer2 PEER_DIFFERS=config
instances_test cross-config
