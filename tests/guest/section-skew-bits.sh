#!/bin/sh
# An ownership table of another layout (docs/abi.md) at boot, while
# another instance may be alive: as section-corrupt-live, but the table is
# sealed and well formed, only of sections of 32 MiB, where this kernel's
# are 16 MiB. Instance 0 cannot trust it and puts only the section holding
# its kernel and initramfs into its allocator; the host checks, through
# QEMU's monitor, that instance 1's sections hold its pattern byte for
# byte after instance 0 ran. This script only says it got this far and
# waits for the host.
# qemu-host-check: tests/host/boot-data-only.sh bits 25
echo "FSW-HOST-CHECK section-skew-bits: user space runs"
while :; do sleep 10; done
