#!/bin/sh
# A corrupted ownership table while no other instance can be alive (every
# other instance page never written) is recoverable: instance 0 names the
# fault and makes a new table from the boot memory U-Boot gave it, as on
# a cold boot. The host seals a table that gives two sections to instance
# 1, flips one bit of it, and QEMU's loader puts it where every instance
# looks for it. (section-corrupt-live: the same with instance 1's page
# saying it sleeps; section-bad-input: a table corrupted under a running
# instance.)
# qemu-prep: $HOSTBIN/fsw-mktable table.bin 0x40000000 64 24 --corrupt 0-7=firmware 8-58=0 59-60=1 61-63=firmware
# qemu-opts: -L $T/table.bin@0x47021000
. /tests/lib.sh

# Instance 0's boot memory, from what the kernel took from U-Boot
set -- $(kernel_range)
bs=$((0x$(cat $MEMSYS/block_size_bytes)))
last_block=$(($2 / bs - 1))
last_addr=$(printf '%#x' $((last_block * bs)))
nboot=$((($2 - $1) / bs))
ktap_diag "memory $1-$2: $nboot sections, last block memory$last_block at $last_addr"

ktap_plan 7

check "boot log: the corrupted table is named and replaced from the boot memory" \
	eval 'dmesg | grep -q "fastswitch: ownership table at $(sect_field table): bad checksum: no other instance can be alive: instance 0 makes a new one from its boot memory ($nboot sections)"'
check "a new table: it checks, is usable, generation 1" \
	eval '[ "$(sect_field check)" = ok ] && [ "$(sect_field usable)" = yes ] && [ "$(sect_field generation)" = 1 ]'
check "it gives all $nboot sections of the boot memory to instance 0, the rest to the firmware (the old one gave two to instance 1)" \
	eval '[ "$(sects_of 0 | wc -l)" = $nboot ] && [ -z "$(sects_of 1)" ] && [ "$(sects_of firmware | wc -l)" = $(($(sect_field sections) - nboot)) ]'
check "no other instance's section was added (no \"System RAM (fastswitch)\")" \
	eval '! grep -q "System RAM (fastswitch)" /proc/iomem'
r=$(fsw-write $MEMSYS/memory$last_block/state offline)
r2=$(fsw-write $MEMSYS/memory$last_block/state online_movable)
check "sections move again: memory$last_block offline $r, online $r2 through sysfs" \
	eval '[ "$r $r2" = "OK OK" ] && grep -qx online $MEMSYS/memory$last_block/state'
r=$(fsw-write "$FSW/control" "reserve $last_addr 1 1")
r2=$(fsw-write "$FSW/control" "free $last_addr 1")
check "reserve and free work: $r $r2" [ "$r $r2" = "OK OK" ]
check "no kernel warning, BUG or Oops" dmesg_clean
