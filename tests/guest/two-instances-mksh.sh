#!/bin/sh
# The two-instance scenario driven by the shell tool under mksh (Android's
# shell) on both instances: boot by the direct path, 200 switches under
# make check-long, 40 under make check.
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/instances.sh
BOOT_PATH=direct SWITCHES=$(long_or 200 40) TOOL_SH=mksh
instances_test two-instances-mksh
