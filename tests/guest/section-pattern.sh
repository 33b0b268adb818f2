#!/bin/sh
# A table prepared on the host gives sections 59-60 to instance 1, and the
# host fills them with a pattern before the firmware runs (QEMU's loader).
# Instance 0 boots from U-Boot with all of 8-61 as its boot memory: it
# must keep 59-60 out of its allocator from early boot, add them offline,
# write nothing into them, and refuse to online them.
# qemu-prep: $HOSTBIN/fsw-mktable table.bin 0x40000000 64 24 0-7=firmware 8-58=0 59-60=1 61-63=firmware && $HOSTBIN/fsw-pattern write 0x7b000000 0x2000000 pattern.bin
# qemu-opts: -L $T/table.bin@0x47021000 -L $T/pattern.bin@0x7b000000
. /tests/lib.sh

ktap_plan 11

check "the prepared table was found and used" eval '[ "$(sect_field check)" = ok ] && [ "$(sect_field usable)" = yes ] && [ "$(sect_field generation)" = 1 ]'
check "boot log: instance 0 leaves 2 sections to others" \
	dmesg | grep -q "fastswitch: ownership table at 0x47021000: instance 0 leaves 2 sections to others"
check "sections 59-60 are instance 1's, present and offline" \
	eval '[ "$(sect_info 59)" = "1 offline" ] && [ "$(sect_info 60)" = "1 offline" ]'
check "sections 8-58 are instance 0's, online" eval '[ "$(sect_info 8)" = "0 online" ] && [ "$(sect_info 58)" = "0 online" ]'
check "memory123 and memory124 exist (they have a memmap) and are offline" \
	eval '[ "$(cat $MEMSYS/memory123/state)" = offline ] && [ "$(cat $MEMSYS/memory124/state)" = offline ]'
online=$(grep -l '^online$' $MEMSYS/memory*/state | wc -l)
check "51 blocks online, MemTotal within them ($(meminfo MemTotal) kB)" \
	eval '[ "$online" = 51 ] && [ "$(meminfo MemTotal)" -le $((51 * 16384)) ] && [ "$(meminfo MemTotal)" -gt $((49 * 16384)) ]'
grep -i 'fastswitch' /proc/iomem | sed 's/^/# /'
check "/proc/iomem: 0x7b000000-0x7cffffff is \"System RAM (fastswitch)\"" \
	grep -q '7b000000-7bffffff : System RAM (fastswitch)' /proc/iomem

want=$(fsw-pattern crc 0x7b000000 0x1000000) want2=$(fsw-pattern crc 0x7c000000 0x1000000)
got=$(awk '$1 == 59 { print $NF }' "$FSW/section_crc") got2=$(awk '$1 == 60 { print $NF }' "$FSW/section_crc")
ktap_diag "CRC32 of sections 59, 60: pattern $want $want2, memory $got $got2"
check "the host's pattern in sections 59-60 is intact after boot: nothing wrote into them" \
	eval '[ "$got" = "$want" ] && [ "$got2" = "$want2" ]'

# Memory pressure and a suspend cycle do not touch them either
free_mb=$(($(meminfo MemFree) / 1024 - 64))
hog_start $free_mb
verdict=$(hog_check)
suspend_mem
hog_stop
got=$(awk '$1 == 59 { print $NF }' "$FSW/section_crc") got2=$(awk '$1 == 60 { print $NF }' "$FSW/section_crc")
check "still intact after a $free_mb MiB hog ($verdict) and a suspend cycle" \
	eval '[ "$got" = "$want" ] && [ "$got2" = "$want2" ]'

r=$(fsw-write $MEMSYS/memory123/state online_movable)
check "onlining instance 1's section through sysfs is refused: $r" [ "$r" = EPERM ]
r=$(fsw-write "$FSW/control" "free 0x7b000000 2")
check "instance 1 is not loaded: free 0x7b000000 2 takes them ($r)" \
	eval '[ "$r" = OK ] && [ "$(sect_info 59)" = "0 online" ] && [ "$(cat $MEMSYS/memory124/state)" = online ]'
check "no kernel warning, BUG or Oops" dmesg_clean
