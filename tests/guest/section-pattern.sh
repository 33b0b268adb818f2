#!/bin/sh
# A table prepared on the host gives sections 59-60 to instance 1, and the
# host fills them with a pattern before the firmware runs (QEMU's loader).
# Instance 0 boots from U-Boot with all of 8-61 as its boot memory: it
# must keep 59-60 out of its allocator from early boot, add them offline,
# write nothing into them, and refuse to online them. The host's figures
# are for -m 1G; the checks take theirs from the table as read here.
# qemu-prep: $HOSTBIN/fsw-mktable table.bin 0x40000000 64 24 0-7=firmware 8-58=0 59-60=1 61-63=firmware && $HOSTBIN/fsw-pattern write 0x7b000000 0x2000000 pattern.bin
# qemu-opts: -L $T/table.bin@0x47021000 -L $T/pattern.bin@0x7b000000
# qemu-append: fsw.testing=1
. /tests/lib.sh

# The expectations come from the table the host wrote (as this instance
# reads it): instance 1's sections, their addresses and memory blocks.
S=$(sect_bytes) SKB=$(sect_kb)
others=$(sects_of 1 | tr '\n' ' ')
set -- $others
np=$# p1=$1
eval "p2=\${$#}"
pa=$(sect_addr "$p1")
own=$(sects_of 0 | wc -l)
ktap_diag "table: instance 1 has sections $others($pa), instance 0 $own sections"

ktap_plan 13

check "the prepared table was found and used" eval '[ "$(sect_field check)" = ok ] && [ "$(sect_field usable)" = yes ] && [ "$(sect_field generation)" = 1 ]'
check "boot log: instance 0 leaves $np sections to others" \
	eval 'dmesg | grep -q "fastswitch: ownership table at $(sect_field table): instance 0 leaves $np sections to others"'
bad=
for s in $others; do
	[ "$(sect_info "$s")" = "1 offline" ] || bad="$bad $s"
done
check "sections $p1-$p2 are instance 1's, present and offline" eval '[ "$np" -ge 1 ] && [ -z "$bad" ]'
bad=
for s in $(sects_of 0); do
	[ "$(sect_info "$s")" = "0 online" ] || bad="$bad $s"
done
check "instance 0's $own sections are online" [ -z "$bad" ]
bad=
for s in $others; do
	[ "$(cat $MEMSYS/memory$(sect_block "$s")/state)" = offline ] || bad="$bad $s"
done
check "their memory blocks $(sect_block $p1)-$(sect_block $p2) exist (they have a memmap) and are offline" [ -z "$bad" ]
online=$(grep -l '^online$' $MEMSYS/memory*/state | wc -l)
check "$own blocks online (instance 0's sections), MemTotal within them ($(meminfo MemTotal) kB)" \
	eval '[ "$online" = $own ] && [ "$(meminfo MemTotal)" -le $((own * SKB)) ] && [ "$(meminfo MemTotal)" -gt $(((own - 2) * SKB)) ]'
grep -i 'fastswitch' /proc/iomem | sed 's/^/# /'
bad=
for s in $others; do
	a=$(($(sect_addr "$s")))
	grep -q "$(printf '%x-%x' $a $((a + S - 1))) : System RAM (fastswitch)" /proc/iomem || bad="$bad $s"
done
check "/proc/iomem: each of them is \"System RAM (fastswitch)\"" [ -z "$bad" ]

# crcs: the CRC32 of each of instance 1's sections, as the kernel reads them
crcs() {
	for s in $others; do
		awk -v s="$s" '$1 == s { print $NF }' "$FSW/section_crc"
	done | tr '\n' ' '
}
want=$(for s in $others; do fsw-pattern crc "$(sect_addr "$s")" "$(printf '%#x' "$S")"; done | tr '\n' ' ')
got=$(crcs)
ktap_diag "CRC32 of sections $others: pattern $want, memory $got"
check "the host's pattern in sections $p1-$p2 is intact after boot: nothing wrote into them" \
	eval '[ "$got" = "$want" ]'

# Memory pressure and a suspend cycle do not touch them either
free_mb=$(($(meminfo MemFree) / 1024 - 64))
enters=$(status_field vector_enters)
hog_start $free_mb
hog_rc=$?
verdict=$(hog_check)
suspend_mem
susp_rc=$?
verdict2=$(hog_check)
hog_stop
check "a $free_mb MiB hog ran, its data intact before and after a suspend cycle through the vector ($verdict; $verdict2; suspend exit $susp_rc)" \
	eval '[ $hog_rc = 0 ] && [ "${verdict%% *}" = ok ] && [ "${verdict2%% *}" = ok ] && [ $susp_rc = 0 ] && [ "$(status_field vector_enters)" = $((enters + 1)) ]'
got=$(crcs)
check "the pattern is still intact after the hog and the suspend cycle" eval '[ "$got" = "$want" ]'

r=$(fsw-write $MEMSYS/memory$(sect_block $p1)/state online_movable)
check "onlining instance 1's section $p1 through sysfs is refused: $r" [ "$r" = EPERM ]
r=$(fsw-write "$FSW/control" "free $pa $np")
check "instance 1 is not loaded: free $pa $np takes them ($r)" \
	eval '[ "$r" = OK ] && [ "$(sect_info $p1)" = "0 online" ] && [ "$(cat $MEMSYS/memory$(sect_block $p2)/state)" = online ]'
check "no kernel warning, BUG or Oops" dmesg_clean
