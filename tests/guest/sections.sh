#!/bin/sh
# Section ownership on one instance (docs/sections.md): the table the
# initial instance creates, the standard memory hotplug ABI on it, offline
# and online cycles of every movable section under a memory hog, reserve
# and free for another instance, enforcement through sysfs, and the table
# across a suspend cycle through the resume vector.
. /tests/lib.sh

ktap_plan 35

# --- the table the initial instance created ---
check "table created and valid" eval '[ "$(sect_field check)" = ok ] && [ "$(sect_field usable)" = yes ]'
check "64 sections of 16 MiB from 0x40000000" eval '[ "$(sect_field sections)" = 64 ] && [ "$(sect_field base)" = 0x40000000 ] && [ "$(sect_field section_size)" = "16 MiB" ]'
ok=1
for i in 0 1 2 3 4 5 6 7 61 62 63; do
	[ "$(sect_info $i)" = "firmware absent" ] || { ktap_diag "section $i: $(sect_info $i)"; ok=0; }
done
check "sections 0-7 (DTB, U-Boot loads, shared region) and 61-63 (U-Boot, its EFI map) are the firmware's, absent" [ $ok = 1 ]
ok=1
i=8
while [ $i -le 60 ]; do
	[ "$(sect_info $i)" = "0 online" ] || { ktap_diag "section $i: $(sect_info $i)"; ok=0; }
	i=$((i + 1))
done
check "sections 8-60 are instance 0's, online" [ $ok = 1 ]
sed 's/^/# /' "$FSW/sections"

# --- the standard ABI ---
check "block_size_bytes is one section" [ "$(cat $MEMSYS/block_size_bytes)" = 1000000 ]
blocks=$(ls -d $MEMSYS/memory[0-9]* | sed 's/.*memory//' | sort -n | tr '\n' ' ')
last=$(echo $blocks | awk '{ print $NF }')
check "memory blocks 72..124 and no others (firmware sections have none)" eval '[ "$(echo $blocks | wc -w)" = 53 ] && [ "${blocks%% *}" = 72 ] && [ "$last" = 124 ]'
check "every block is removable" [ "$(cat $MEMSYS/memory*/removable | sort -u)" = 1 ]
movable=$(movable_blocks)
nmov=$(echo $movable | wc -w)
ktap_diag "movable blocks ($nmov): $(echo $movable)"
check "kernelcore= leaves at least 40 sections movable" [ "$nmov" -ge 40 ]

# --- offline/online cycles under a memory hog ---
free_mb=$(($(meminfo MemFree) / 1024))
hog_mb=$((free_mb - 96))
ktap_diag "MemTotal $(meminfo MemTotal) kB, MemFree $(meminfo MemFree) kB: hog of $hog_mb MiB"
check "memory hog of $hog_mb MiB running" hog_start $hog_mb
dmesg_mark

# cycle BLOCK: offline it, check, online it movable, check
maxdev=0
cycle_fail=
cycle() {
	t0=$(meminfo MemTotal) f0=$(free_kb)
	r=$(fsw-write $MEMSYS/memory$1/state offline)
	t1=$(meminfo MemTotal) f1=$(free_kb)
	st=$(cat $MEMSYS/memory$1/state)
	r2=$(fsw-write $MEMSYS/memory$1/state online_movable)
	t2=$(meminfo MemTotal) f2=$(free_kb)
	dev=$((f0 - f1 - 16384))
	[ $dev -lt 0 ] && dev=$((-dev))
	[ $dev -gt $maxdev ] && maxdev=$dev
	if [ "$r" != OK ] || [ "$st" != offline ] || [ "$r2" != OK ] ||
	   [ $((t0 - t1)) != 16384 ] || [ $((t2 - t1)) != 16384 ] ||
	   [ $dev -gt 1024 ] || [ "$(cat $MEMSYS/memory$1/state)" != online ]; then
		cycle_fail="$cycle_fail memory$1($r/$st/$r2 total $t0>$t1>$t2 free $f0>$f1>$f2)"
	fi
}

orders="asc desc random"
seed=$(cat /proc/sys/kernel/random/uuid | tr -dc 0-9 | cut -c1-6)
for order in $orders; do
	case $order in
	asc) list=$movable ;;
	desc) list=$(echo $movable | tr ' ' '\n' | sort -rn) ;;
	random) list=$(echo $movable | tr ' ' '\n' | awk -v s="$seed" 'BEGIN { srand(s) } { print rand(), $1 }' | sort -n | cut -d' ' -f2)
		ktap_diag "random order (seed $seed): $(echo $list)" ;;
	esac
	cycle_fail= maxdev=0
	for b in $list; do
		cycle "$b"
	done
	check "$order: every movable section offlined and onlined, MemTotal -/+16384 kB each time, free pages (MemFree and per-cpu lists) within 1 MiB of -16384 kB (max deviation ${maxdev} kB)" [ -z "$cycle_fail" ]
	[ -n "$cycle_fail" ] && ktap_diag "failed:$cycle_fail"
	verdict=$(hog_check)
	check "$order: the hog's $hog_mb MiB are intact ($verdict)" [ "${verdict%% *}" = ok ]
done
check "no kernel warning during the cycles" dmesg_clean

# --- reserve two sections for instance 1 ---
s=59
a=$(sect_addr $s)
b1=$(sect_block $s) b2=$(sect_block $((s + 1)))
gen0=$(sect_field generation)
t0=$(meminfo MemTotal)
r=$(fsw-write $MEMSYS/memory$b1/state offline)
r2=$(fsw-write "$FSW/control" "reserve $a 2 1")
check "reserve $a 2 1 accepted, one of them offlined through sysfs before ($r $r2)" [ "$r $r2" = "OK OK" ]
check "sections $s-$((s + 1)) now instance 1's, offline" eval '[ "$(sect_info $s)" = "1 offline" ] && [ "$(sect_info $((s + 1)))" = "1 offline" ]'
check "memory$b1 and memory$b2 offline, MemTotal down by 32768 kB exactly" eval '[ "$(cat $MEMSYS/memory$b1/state)" = offline ] && [ "$(cat $MEMSYS/memory$b2/state)" = offline ] && [ $((t0 - $(meminfo MemTotal))) = 32768 ]'
check "table generation bumped once" [ "$(sect_field generation)" = $((gen0 + 1)) ]
dmesg_mark
r1=$(fsw-write $MEMSYS/memory$b1/state online)
r2=$(fsw-write $MEMSYS/memory$b2/state online_movable)
r3=$(fsw-write $MEMSYS/memory$b1/state online_kernel)
check "sysfs online of instance 1's sections refused: EPERM ($r1 $r2 $r3)" eval '[ "$r1 $r2 $r3" = "EPERM EPERM EPERM" ] && [ "$(cat $MEMSYS/memory$b1/state)" = offline ]'
check "each refusal logged, naming the section" \
	[ "$(dmesg_new | grep -c "fastswitch: section $s ($a) is another instance's: online refused")" = 2 ]
r=$(fsw-write "$FSW/control" "reserve $a 1 2")
check "reserving them again for instance 2 refused: EPERM ($r)" [ "$r" = EPERM ]

# --- the table across a suspend cycle through the resume vector ---
digest=$(table_digest)
enters=$(status_field vector_enters)
check "suspend cycle through the resume vector" suspend_mem
check "the vector was entered" [ "$(status_field vector_enters)" = $((enters + 1)) ]
check "table unchanged and valid after the cycle" eval '[ "$(table_digest)" = "$digest" ] && [ "$(sect_field check)" = ok ]'
r=$(fsw-write $MEMSYS/memory$b1/state online_movable)
check "still refused to instance 0 after the cycle ($r)" [ "$r" = EPERM ]

# --- free them: instance 0 takes them back ---
r=$(fsw-write "$FSW/control" "free $a 2")
check "free $a 2 accepted ($r)" [ "$r" = OK ]
check "sections $s-$((s + 1)) instance 0's again and online, MemTotal back" eval '[ "$(sect_info $s)" = "0 online" ] && [ "$(sect_info $((s + 1)))" = "0 online" ] && [ "$(meminfo MemTotal)" = "$t0" ] && grep -qx Movable $MEMSYS/memory$b1/valid_zones'
verdict=$(hog_check)
check "the hog's data intact ($verdict)" [ "${verdict%% *}" = ok ]
hog_stop
# Use them again: the pages of a hog of all but 64 MiB of free memory
# land in them (anonymous pages fill ZONE_MOVABLE first)
crc0=$(awk -v s=$s '$1 == s || $1 == s + 1 { print $NF }' "$FSW/section_crc" | tr '\n' ' ')
big=$(($(meminfo MemFree) / 1024 - 64))
check "a second hog of $big MiB runs" hog_start $big
crc1=$(awk -v s=$s '$1 == s || $1 == s + 1 { print $NF }' "$FSW/section_crc" | tr '\n' ' ')
ktap_diag "CRC32 of sections $s-$((s + 1)) before the hog: $crc0, with it: $crc1"
check "it wrote into both freed sections" eval '[ "${crc0% * }" != "${crc1% * }" ] && [ "${crc0#* }" != "${crc1#* }" ]'
verdict=$(hog_check)
check "and its data is intact ($verdict)" [ "${verdict%% *}" = ok ]
hog_stop
r=$(fsw-write $MEMSYS/memory$b1/state offline)
r2=$(fsw-write $MEMSYS/memory$b1/state online_movable)
check "memory$b1 offline/online through sysfs works again ($r $r2)" [ "$r $r2" = "OK OK" ]
check "no kernel warning, BUG or Oops" dmesg_clean
