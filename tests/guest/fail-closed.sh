#!/bin/sh
# Fail closed: each fault that could let one kernel touch another
# instance's memory, or hang the machine, is injected and must be refused
# with nothing changed (docs/sections.md, docs/booting.md):
#  - a CPU that never reports off: the suspend fails after the guard's
#    timeout, measured on the arch counter (timekeeping is stopped there);
#  - hostile zImage headers (offsets and sums that wrap 32 bits);
#  - a command line at the kernel's limit, and one byte over it;
#  - commands on an instance whose boot is armed, and free of sections
#    that hold its images;
#  - the ownership table corrupted just before instance 1 boots, after
#    the module's last check (inject boot-table): instance 1 uses only
#    the sections its boot parameters give it (fail-closed.peer.sh checks
#    that, and that nothing else changed);
#  - a sleeping instance's page with one flipped bit: it may be live;
#  - a target page or table broken after the module's checks: the resume
#    vector refuses it, and this instance keeps running.
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/lib.sh
C=$FSW/control
snapfiles="$FSW/instances $FSW/sections"

# le_word FILE OFFSET: the little-endian 32-bit word at OFFSET
le_word() {
	od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '
}

# put_word FILE OFFSET VALUE: write VALUE there, little-endian
put_word() {
	v=$(($3))
	# shellcheck disable=SC2059
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((v & 255)) $((v >> 8 & 255)) \
		$((v >> 16 & 255)) $((v >> 24 & 255)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

ktap_plan 39

# --- a CPU that never reports off --------------------------------------
enters=$(status_field vector_enters)
dmesg_mark
echo "inject cpu-stuck" >$C
r=$(fsw-write /sys/power/state mem)
check "a CPU that never turns off: the suspend fails ($r), the vector never ran" \
	eval '[ "$r" = EBUSY ] && [ "$(status_field vector_enters)" = "$enters" ]'
check "the guard gave up after 2000 ms on the arch counter and said why" \
	eval 'dmesg_new | grep -q "CPU[0-9]* is not off after 2000 ms (AFFINITY_INFO [0-9]*, injected): not leaving this instance"'
check "every CPU ($ALL_CPUS) online again, the next cycle goes through the vector" \
	eval '[ "$(cat /sys/devices/system/cpu/online)" = "$ALL_CPUS" ] && suspend_mem && [ "$(status_field vector_enters)" = $((enters + 1)) ]'

# --- hostile zImage headers --------------------------------------------
echo "reserve $PEER_BASE $PEER_SECTIONS 1" >$C
z=/boot/peer/zImage
tbl=$(le_word $z 56)
isz=$(le_word $z $((tbl + 8)))
ktap_diag "peer: s$PEER_FIRST-s$PEER_LAST at $PEER_BASE; zImage tag table at $tbl, inflated size at $isz"
hostile() {
	cp $z "/tmp/$1"
	put_word "/tmp/$1" "$2" "$3"
	echo "load 1 kernel $PEER_KERNEL /tmp/$1|ENOEXEC"
}
cases="$(hostile end-past-file 44 0xffffffff)
$(hostile table-wraps 56 0xfffffff0)
$(hostile table-past-file 56 0x7ffffff0)
$(hostile tag-longer-than-file "$tbl" 0x40000000)
$(hostile size-offset-wraps $((tbl + 8)) 0xfffffffe)
$(hostile footprint-wraps "$isz" 0xfffff000)"
refuse_each "$cases" $snapfiles

# --- a command line at the limit ----------------------------------------
region=$(status_field region)
gen=$(printf 'fastswitch_mem=%#x@%#x fastswitch_id=1' "${region##* }" "${region%% *}")
head="console=ttyAMA0,115200 loglevel=4 fsw.run=peer:fail-closed fsw.testing=1 fsw.pad="
last=" fsw.end=1"
pad=$((1023 - ${#gen} - 1 - ${#head} - ${#last}))
text="$head$(printf "%${pad}s" | tr ' ' x)$last"
ktap_diag "generated: $gen (${#gen} bytes); the user's text: ${#text} bytes"
check "a command line of exactly 1023 bytes with the generated parameters is taken" \
	eval '[ $((${#gen} + 1 + ${#text})) = 1023 ] && [ "$(fsw-write $C "cmdline 1 $text")" = OK ]'
cases="cmdline 1 ${text}y|E2BIG
cmdline 1 quiet \"fastswitch_id=5\"|EINVAL
cmdline 1 quiet fastswitch-mem=16M@0x40000000|EINVAL
cmdline 1 initrd=$(sect_field base),16M|EINVAL
cmdline 1 mem=64M|EINVAL"
refuse_each "$cases" $snapfiles

# --- an armed boot, and the sections that hold what is loaded -----------
echo "load 1 kernel $PEER_KERNEL $z" >$C
echo "load 1 initrd $PEER_INITRD /boot/peer/initramfs.cpio.gz" >$C
ksec=$(( (PEER_KERNEL - $(sect_field base)) / $(sect_bytes) ))
refuse_each "free $PEER_KERNEL 1|EBUSY" $snapfiles
echo "boot 1" >$C
cases="load 1 kernel $PEER_KERNEL $z|EBUSY
cmdline 1 quiet|EBUSY
free $PEER_KERNEL 1|EBUSY
free $PEER_BASE 1|EBUSY"
refuse_each "$cases" $snapfiles $FSW/status
echo "unload 1" >$C
check "unload 1 disarms the boot and forgets the images (section $ksec)" \
	eval '[ "$(status_field pending)" = none ] && ! grep -q "^1 " $FSW/instances'

# --- the table corrupted just before instance 1 boots -------------------
echo "load 1 kernel $PEER_KERNEL $z" >$C
echo "load 1 initrd $PEER_INITRD /boot/peer/initramfs.cpio.gz" >$C
echo "cmdline 1 $text" >$C
state_start
echo "boot 1" >$C
echo "inject sums" >$C
echo "inject boot-table" >$C
ktap_diag "booting instance 1; the table breaks after the module's last check"
before=$(counter_value)
r=$(fsw-write /sys/power/state mem)
ktap_diag "back from instance 1: $r, its mark $(inst_mark 1)"
check "boot 1 with a corrupted table: instance 1 ran and switched back" \
	eval '[ "$r" = OK ] && [ "$(status_field boots)" = 1 ] && [ "$(inst_mark 1)" = 1 ]'
state_check "$before"
check "instance 1 put the table back as it was" \
	eval '[ "$(sect_field check)" = ok ] && [ "$(sect_field usable)" = yes ]'

# --- a sleeping instance's page with one flipped bit --------------------
echo "inject page 1" >$C
cases="free $PEER_BASE 1|EBUSY
load 1 kernel $PEER_KERNEL $z|EBUSY
cmdline 1 quiet|EBUSY
unload 1|EBUSY
boot 1|EBUSY
switch 1|EBADMSG"
refuse_each "$cases" $snapfiles
echo "inject page 1" >$C

# --- the vector's own checks of the target ------------------------------
for f in "target-id:page of another instance" "target-state:not sleeping" \
	"target-entry:resume entry outside its sections" "target-table:invalid ownership table"; do
	vector_refuses "${f%%:*}" "${f#*:}"
done
before=$(counter_value)
round_trip
state_check "$before"
state_report 2 "instance 0"
check "instance 0: no WARN, BUG or Oops" dmesg_clean
