#!/bin/sh
# Bad section commands: each is refused with its errno (docs/sections.md),
# logs one line naming the problem, and changes nothing (the table and the
# online state of every section are the same afterwards). The host
# prepares a table with a shared section and other instances' sections.
# Then the runtime corruption of the table (inject table).
# qemu-prep: $HOSTBIN/fsw-mktable table.bin 0x40000000 64 24 0-7=firmware 8-39=0 40=shared 41-49=0 50-51=1 52=2 53-60=0 61-63=firmware
# qemu-opts: -L $T/table.bin@0x47021000
# qemu-append: fsw.testing=1
. /tests/lib.sh

# The addresses come from the table as read here: instance 1's first
# section (I1), instance 2's (I2), the shared one (SH), instance 0's
# section two below I1 (A, movable), its first (the kernel's), the
# firmware's at the start of RAM, the shared region and above instance 0.
S=$(sect_bytes)
i1=$(sects_of 1 | head -n 1) i2=$(sects_of 2 | head -n 1) sh=$(sects_of shared | head -n 1)
a=$((i1 - 2)) k=$(sects_of 0 | head -n 1) fwtop=$(($(sects_of 0 | tail -n 1) + 1))
nsect=$(sect_field sections)
A=$(sect_addr $a) I1=$(sect_addr $i1) I2=$(sect_addr $i2) SH=$(sect_addr $sh)
base=$(sect_field base) end=$(sect_end)
region=$(cmdline_arg fastswitch_mem) region=${region#*@}
ktap_diag "table: instance 1 s$i1 $I1, instance 2 s$i2 $I2, shared s$sh $SH, instance 0 from s$k, A s$a $A, firmware from s$fwtop, RAM $base-$end, shared region $region"

# input|errno
cases="reserve|EINVAL
reserve $A|EINVAL
reserve $A 1|EINVAL
reserve $A 1 1 1 1|E2BIG
reserve 0xzz000000 1 1|EINVAL
reserve $(hexadd $A 1) 1 1|EINVAL
reserve $(hexadd $A $((S / 2))) 1 1|EINVAL
reserve $(hexadd $base -$S) 1 1|ERANGE
reserve $end 1 1|ERANGE
reserve 0x100000000 1 1|ERANGE
reserve $A 0 1|ERANGE
reserve $A 1025 1|ERANGE
reserve $(sect_addr $((nsect - 3))) 4 1|ERANGE
reserve $A 1 0|EINVAL
reserve $A 1 8|ERANGE
reserve $A 1 one|EINVAL
reserve $base 1 1|EPERM
reserve $region 1 1|EPERM
reserve $(sect_addr $fwtop) 1 1|EPERM
reserve $SH 1 1|EPERM
reserve $(sect_addr $((sh - 1))) 2 1|EPERM
reserve $I1 1 3|EPERM
reserve $I2 1 1|EPERM
reserve $(sect_addr $k) 1 1|EBUSY
free|EINVAL
free $I1|EINVAL
free $I1 1 1|EINVAL
free $A 1|EINVAL
free $(sect_addr $((i1 - 1))) 2|EINVAL
free $base 1|EPERM
free $SH 1|EPERM
free $(sect_addr $((nsect - 1))) 1|EPERM
free $(hexadd $I1 $((S / 2))) 1|EINVAL
free $(hexadd $end $((S * 16))) 1|ERANGE
free $(sect_addr $((i1 + 1))) 3|EINVAL"

total=$(echo "$cases" | wc -l)
ktap_plan $((total + 10))

check "the prepared table is in use: s$sh shared, s$i1 instance 1's, s$i2 instance 2's" eval '[ "$(sect_field check)" = ok ] && [ "$(sect_info $sh)" = "shared online" ] && [ "$(sect_info $i1)" = "1 offline" ] && [ "$(sect_info $i2)" = "2 offline" ]'
before=$(cat "$FSW/sections")
refuse_each "$cases" "$FSW/sections"

r=$(fsw-write $MEMSYS/memory$(sect_block $sh)/state offline)
check "the shared section cannot be offlined through sysfs: $r" [ "$r" = EPERM ]

# --- the table corrupted at runtime ---
gen=$(sect_field generation)
total=$(meminfo MemTotal)
dmesg_mark
r=$(fsw-write "$FSW/control" "inject table")
check "inject table: the table no longer checks ($r)" \
	eval '[ "$r" = OK ] && [ "$(sect_field check)" = "bad checksum" ] && [ "$(sect_field usable)" = no ]'
r=$(fsw-write $MEMSYS/memory$(sect_block $a)/state offline)
r2=$(fsw-write $MEMSYS/memory$(sect_block $i1)/state online_movable)
check "sysfs offline of an own section and online of instance 1's refused: $r $r2" \
	eval '[ "$r $r2" = "EPERM EPERM" ] && [ "$(cat $MEMSYS/memory$(sect_block $a)/state)" = online ]'
check "refusals logged: no valid ownership table" \
	eval '[ "$(dmesg_new | grep -c "no valid ownership table: o[nf]*line refused")" = 2 ]'
r=$(fsw-write "$FSW/control" "reserve $A 1 1")
r2=$(fsw-write "$FSW/control" "free $I1 1")
check "reserve and free refused with EBADMSG: $r $r2" [ "$r $r2" = "EBADMSG EBADMSG" ]
check "MemTotal unchanged" [ "$(meminfo MemTotal)" = "$total" ]
r=$(fsw-write "$FSW/control" "inject table")
check "inject table again restores it: valid, same generation ($r)" \
	eval '[ "$(sect_field check)" = ok ] && [ "$(sect_field generation)" = "$gen" ] && [ "$(cat "$FSW/sections")" = "$before" ]'
r=$(fsw-write "$FSW/control" "reserve $A 1 1")
r2=$(fsw-write "$FSW/control" "free $A 1")
check "valid commands work again: reserve and free ($r $r2)" \
	eval '[ "$r $r2" = "OK OK" ] && [ "$(sect_info $a)" = "0 online" ]'
check "no kernel warning, BUG or Oops" dmesg_clean
