#!/bin/sh
# A corrupted ownership table while another instance may be alive: the
# host puts instance 1's page, sealed and sleeping, next to a corrupted
# table that gave it two sections, and fills those sections with a
# pattern. Instance 0, booted by U-Boot, has no boot parameters naming its
# sections and cannot know which ones are whose: it puts only the section
# holding its kernel and initramfs into its allocator and says so. That is
# too little to run much user space (it may run out of memory), so the
# checks are made from the host, through QEMU's monitor: instance 1's
# sections hold the host's pattern, byte for byte, after instance 0 ran.
# This script only says it got this far and waits for the host.
# qemu-host-check: tests/host/boot-data-only.sh
echo "FSW-HOST-CHECK section-corrupt-live: user space runs"
while :; do sleep 10; done
