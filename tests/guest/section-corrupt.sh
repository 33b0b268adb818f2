#!/bin/sh
# A corrupted ownership table is detected at boot and nothing is onlined
# or offlined from it: the host seals a table, flips one bit of it, and
# QEMU's loader puts it where every instance looks for it. The instance
# keeps the boot memory U-Boot gave it and refuses every change.
# (The runtime case, a table corrupted under a running instance, is in
# section-bad-input.)
# qemu-prep: $HOSTBIN/fsw-mktable table.bin 0x40000000 64 24 --corrupt 0-7=firmware 8-58=0 59-60=1 61-63=firmware
# qemu-opts: -L $T/table.bin@0x47021000
. /tests/lib.sh

# Not from the table (it does not check): instance 0's last section, from
# the memory the kernel took from U-Boot, and its block
set -- $(kernel_range)
bs=$((0x$(cat $MEMSYS/block_size_bytes)))
last_block=$(($2 / bs - 1))
last_addr=$(printf '%#x' $((last_block * bs)))
nboot=$((($2 - $1) / bs))
ktap_diag "memory $1-$2: last block memory$last_block at $last_addr"

ktap_plan 9

check "boot log: the table is reported corrupted and ignored" \
	eval 'dmesg | grep -q "fastswitch: ownership table at $(sect_field table): bad checksum: no other instance can be alive, instance 0 keeps its boot memory ($nboot sections); no section can move"'
check "sections: check bad checksum, not usable" \
	eval '[ "$(sect_field check)" = "bad checksum" ] && [ "$(sect_field usable)" = no ]'
check "no other instance's section was added from it (no \"System RAM (fastswitch)\")" \
	eval '! grep -q "System RAM (fastswitch)" /proc/iomem'
before=$(cat "$FSW/sections")
total=$(meminfo MemTotal)
nonline=$(grep -l '^online$' $MEMSYS/memory*/state | wc -l)
dmesg_mark
r=$(fsw-write $MEMSYS/memory$last_block/state offline)
check "offline of a movable block (memory$last_block) through sysfs refused: $r, and logged" \
	eval 'grep -qx Movable $MEMSYS/memory$last_block/valid_zones && [ "$r" = EPERM ] && dmesg_new | grep -q "no valid ownership table: offline refused"'
dmesg_new | sed 's/^/# /'
r=$(fsw-write "$FSW/control" "reserve $last_addr 1 1")
r2=$(fsw-write "$FSW/control" "free $last_addr 1")
check "reserve and free refused: $r $r2" [ "$r $r2" = "EBADMSG EBADMSG" ]
check "reserve and free logged: no valid ownership table" \
	eval '[ "$(dmesg_new | grep -c "fastswitch: control: .*: no valid ownership table")" = 2 ]'
check "the table was left as it was: no repair, no new table" [ "$(cat "$FSW/sections")" = "$before" ]
check "every block stays online, MemTotal unchanged" \
	eval '[ "$(grep -l "^online$" $MEMSYS/memory*/state | wc -l)" = "$nonline" ] && [ "$(meminfo MemTotal)" = "$total" ]'
check "no kernel warning, BUG or Oops" dmesg_clean
