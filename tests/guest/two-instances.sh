#!/bin/sh
# Two instances, direct boot path: instance 0 boots the peer build from the
# suspend finisher (no reset), then 200 switches back and forth; both
# sides check their counter, tmpfs files, RAM canary, CPUs and sections.
# qemu-append: fsw.testing=1
# qemu-peer: yes
BOOT_PATH=direct SWITCHES=200 TOOL_SH=sh
. /tests/instances.sh
ktap_plan 15
instances_run two-instances
