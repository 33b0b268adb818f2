#!/bin/sh
# The two-instance scenario driven by the shell tool under mksh (Android's
# shell) on both instances: boot by the direct path, 200 switches.
# qemu-append: fsw.testing=1
# qemu-peer: yes
BOOT_PATH=direct SWITCHES=200 TOOL_SH=mksh
. /tests/instances.sh
ktap_plan 15
instances_run two-instances-mksh
