#!/bin/sh
# A valid table that gives away the section holding the booting kernel and
# its initramfs (s8, 0x48000000: kernel at 0x48008000, initramfs at
# 0x48c00000) cannot be obeyed for that section: the kernel reports the
# conflict, keeps that section (it runs in it), takes the rest of its
# memory from the table as usual and refuses every change through it.
# qemu-prep: $HOSTBIN/fsw-mktable table.bin 0x40000000 64 24 0-7=firmware 8=1 9-60=0 61-63=firmware
# qemu-opts: -L $T/table.bin@0x47021000
. /tests/lib.sh

# From the machine, not from the table: the first section of the boot
# memory instance 0 took from U-Boot (it holds the kernel), its last block
set -- $(ram_range)
ram_start=$1
set -- $(kernel_range)
bs=$((0x$(cat $MEMSYS/block_size_bytes)))
ks=$((($1 - ram_start) / bs))
ks_addr=$(printf '%#x' $(($1)))
last_block=$(($2 / bs - 1))
last_addr=$(printf '%#x' $((last_block * bs)))

ktap_plan 6

check "boot log: the conflict is named" \
	eval 'dmesg | grep -q "fastswitch: section $ks ($ks_addr) holds this kernel or its device tree but is not its own: kept; no section can move"'
check "the table itself checks, but is not used" \
	eval '[ "$(sect_field check)" = ok ] && [ "$(sect_field usable)" = no ]'
check "no section was added from it (no \"System RAM (fastswitch)\")" \
	eval '! grep -q "System RAM (fastswitch)" /proc/iomem'
r=$(fsw-write $MEMSYS/memory$last_block/state offline)
r2=$(fsw-write "$FSW/control" "reserve $last_addr 1 1")
check "sysfs offline and reserve refused: $r $r2" [ "$r $r2" = "EPERM EBADMSG" ]
check "the table is left as the host wrote it (section $ks still instance 1's)" \
	[ "$(sect_info $ks | cut -d' ' -f1)" = 1 ]
check "no kernel warning, BUG or Oops" dmesg_clean
