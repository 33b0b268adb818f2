#!/bin/sh
# Section ownership on one instance (docs/sections.md): the table the
# initial instance creates, the standard memory hotplug ABI on it, offline
# and online cycles of every movable section under a memory hog, reserve
# and free for another instance, enforcement through sysfs, and the table
# across a suspend cycle through the resume vector.
# qemu-append: fsw.testing=1
. /tests/lib.sh

ktap_plan 34

# The expectations come from the machine, not from the table: the RAM
# (the device tree's memory node), instance 0's boot memory (U-Boot's
# /chosen/linux,usable-memory-range) as far as the kernel took it (its
# lowmem: at -m 2G the boot memory runs on to 0xbd000000, the kernel
# stops at 0xb8000000), the memory block size, kernelcore=.
set -- $(ram_range)
ram_start=$1 ram_end=$2
set -- $(boot_range)
given_start=$1 given_end=$2
set -- $(kernel_range)
boot_start=$1 boot_end=$2
bs=$((0x$(cat $MEMSYS/block_size_bytes)))
nsect=$(((ram_end - ram_start) / bs))
first_own=$(((boot_start - ram_start) / bs))
last_own=$(((boot_end - ram_start) / bs - 1))
ktap_diag "RAM $ram_start-$ram_end, boot memory $given_start-$given_end, taken by the kernel $boot_start-$boot_end, blocks of $((bs >> 20)) MiB: sections $first_own-$last_own are instance 0's"

# --- the table the initial instance created ---
check "table created and valid; the kernel took its memory from the start of its boot memory" eval '[ "$(sect_field check)" = ok ] && [ "$(sect_field usable)" = yes ] && [ $((boot_start)) = $((given_start)) ] && [ $((boot_end)) -le $((given_end)) ]'
check "$nsect sections of $((bs >> 20)) MiB (one memory block each) from $ram_start: all of RAM" \
	eval '[ "$(sect_field sections)" = $nsect ] && [ $(($(sect_field base))) = $((ram_start)) ] && [ "$(sect_bytes)" = $bs ]'
bad=
i=0
while [ $i -lt "$nsect" ]; do
	if [ $i -ge $first_own ] && [ $i -le $last_own ]; then want="0 online"; else want="firmware absent"; fi
	[ "$(sect_info $i)" = "$want" ] || bad="$bad s$i($(sect_info $i))"
	i=$((i + 1))
done
check "sections $first_own-$last_own (the boot memory the kernel took) are instance 0's, online; all others (DTB, U-Boot loads, shared region, U-Boot and its EFI map) the firmware's, absent" [ -z "$bad" ]
[ -n "$bad" ] && ktap_diag "wrong:$bad"
sed 's/^/# /' "$FSW/sections"

# --- the standard ABI ---
check "block_size_bytes is one section" [ "$(sect_bytes)" = $bs ]
blocks=$(ls -d $MEMSYS/memory[0-9]* | sed 's/.*memory//' | sort -n | tr '\n' ' ')
last=$(echo $blocks | awk '{ print $NF }')
b0=$((boot_start / bs)) b1=$((boot_end / bs - 1))
check "memory blocks $b0..$b1 and no others (firmware sections have none)" eval '[ "$(echo $blocks | wc -w)" = $((b1 - b0 + 1)) ] && [ "${blocks%% *}" = $b0 ] && [ "$last" = $b1 ]'
check "every block is removable" [ "$(cat $MEMSYS/memory*/removable | sort -u)" = 1 ]
movable=$(movable_blocks)
nmov=$(echo $movable | wc -w)
kc=$(cmdline_arg kernelcore)
kc_bytes=$(( ${kc%M} * 1048576 ))
want_mov=$(( (boot_end - boot_start - kc_bytes) / bs ))
ktap_diag "movable blocks ($nmov): $(echo $movable)"
check "kernelcore=$kc leaves every block above the first $kc movable: $want_mov" \
	eval '[ "$nmov" = $want_mov ] && [ "${movable%%[!0-9]*}" = $(((boot_start + kc_bytes) / bs)) ]'

# --- offline/online cycles under a memory hog ---
free_mb=$(($(meminfo MemFree) / 1024))
hog_mb=$((free_mb - 96))
ktap_diag "MemTotal $(meminfo MemTotal) kB, MemFree $(meminfo MemFree) kB: hog of $hog_mb MiB"
check "memory hog of $hog_mb MiB running" hog_start $hog_mb
dmesg_mark

# cycle BLOCK: offline it, check, online it movable, check
SKB=$(sect_kb)
maxdev=0
cycle_fail=
cycle() {
	t0=$(meminfo MemTotal) f0=$(free_kb)
	r=$(fsw-write $MEMSYS/memory$1/state offline)
	t1=$(meminfo MemTotal) f1=$(free_kb)
	st=$(cat $MEMSYS/memory$1/state)
	r2=$(fsw-write $MEMSYS/memory$1/state online_movable)
	t2=$(meminfo MemTotal) f2=$(free_kb)
	dev=$((f0 - f1 - SKB))
	[ $dev -lt 0 ] && dev=$((-dev))
	[ $dev -gt $maxdev ] && maxdev=$dev
	if [ "$r" != OK ] || [ "$st" != offline ] || [ "$r2" != OK ] ||
	   [ $((t0 - t1)) != $SKB ] || [ $((t2 - t1)) != $SKB ] ||
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
	check "$order: every movable section offlined and onlined, MemTotal -/+$SKB kB each time, free pages (MemFree and per-cpu lists) within 1 MiB of -$SKB kB (max deviation ${maxdev} kB)" [ -z "$cycle_fail" ]
	[ -n "$cycle_fail" ] && ktap_diag "failed:$cycle_fail"
	verdict=$(hog_check)
	check "$order: the hog's $hog_mb MiB are intact ($verdict)" [ "${verdict%% *}" = ok ]
done
check "no kernel warning during the cycles" dmesg_clean

# --- reserve two sections for instance 1: the last two of instance 0 ---
s=$((last_own - 1))
a=$(sect_addr $s)
b1=$(sect_block $s) b2=$(sect_block $((s + 1)))
gen0=$(sect_field generation)
t0=$(meminfo MemTotal)
r=$(fsw-write $MEMSYS/memory$b1/state offline)
r2=$(fsw-write "$FSW/control" "reserve $a 2 1")
check "reserve $a 2 1 accepted, one of them offlined through sysfs before ($r $r2)" [ "$r $r2" = "OK OK" ]
check "sections $s-$((s + 1)) now instance 1's, offline" eval '[ "$(sect_info $s)" = "1 offline" ] && [ "$(sect_info $((s + 1)))" = "1 offline" ]'
check "memory$b1 and memory$b2 offline, MemTotal down by $((2 * SKB)) kB exactly" eval '[ "$(cat $MEMSYS/memory$b1/state)" = offline ] && [ "$(cat $MEMSYS/memory$b2/state)" = offline ] && [ $((t0 - $(meminfo MemTotal))) = $((2 * SKB)) ]'
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
