#!/bin/sh
# Two instances, direct boot path: instance 0 boots the peer build from the
# suspend finisher (no reset), then switches back and forth (200 times
# under make check-long, 40 under make check); both sides check their
# counter, tmpfs files, RAM canary, CPUs and sections.
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/instances.sh
BOOT_PATH=direct SWITCHES=$(long_or 200 40) TOOL_SH=sh
instances_test two-instances
