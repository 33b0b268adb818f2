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

# input|errno
cases='reserve|EINVAL
reserve 0x70000000|EINVAL
reserve 0x70000000 1|EINVAL
reserve 0x70000000 1 1 1 1|E2BIG
reserve 0xzz000000 1 1|EINVAL
reserve 0x70000001 1 1|EINVAL
reserve 0x70800000 1 1|EINVAL
reserve 0x3f000000 1 1|ERANGE
reserve 0x80000000 1 1|ERANGE
reserve 0x100000000 1 1|ERANGE
reserve 0x70000000 0 1|ERANGE
reserve 0x70000000 1025 1|ERANGE
reserve 0x7d000000 4 1|ERANGE
reserve 0x70000000 1 0|EINVAL
reserve 0x70000000 1 8|ERANGE
reserve 0x70000000 1 one|EINVAL
reserve 0x40000000 1 1|EPERM
reserve 0x47000000 1 1|EPERM
reserve 0x7d000000 1 1|EPERM
reserve 0x68000000 1 1|EPERM
reserve 0x67000000 2 1|EPERM
reserve 0x72000000 1 3|EPERM
reserve 0x74000000 1 1|EPERM
reserve 0x48000000 1 1|EBUSY
free|EINVAL
free 0x72000000|EINVAL
free 0x72000000 1 1|EINVAL
free 0x70000000 1|EINVAL
free 0x71000000 2|EINVAL
free 0x40000000 1|EPERM
free 0x68000000 1|EPERM
free 0x7f000000 1|EPERM
free 0x72800000 1|EINVAL
free 0x90000000 1|ERANGE
free 0x73000000 3|EINVAL'

total=$(echo "$cases" | wc -l)
ktap_plan $((total + 10))

check "the prepared table is in use" eval '[ "$(sect_field check)" = ok ] && [ "$(sect_info 40)" = "shared online" ] && [ "$(sect_info 50)" = "1 offline" ] && [ "$(sect_info 52)" = "2 offline" ]'
before=$(cat "$FSW/sections")
refuse_each "$cases" "$FSW/sections"

r=$(fsw-write $MEMSYS/memory104/state offline)
check "the shared section cannot be offlined through sysfs: $r" [ "$r" = EPERM ]

# --- the table corrupted at runtime ---
gen=$(sect_field generation)
total=$(meminfo MemTotal)
dmesg_mark
r=$(fsw-write "$FSW/control" "inject table")
check "inject table: the table no longer checks ($r)" \
	eval '[ "$r" = OK ] && [ "$(sect_field check)" = "bad checksum" ] && [ "$(sect_field usable)" = no ]'
r=$(fsw-write $MEMSYS/memory100/state offline)
r2=$(fsw-write $MEMSYS/memory114/state online_movable)
check "sysfs offline of an own section and online of instance 1's refused: $r $r2" \
	eval '[ "$r $r2" = "EPERM EPERM" ] && [ "$(cat $MEMSYS/memory100/state)" = online ]'
check "refusals logged: no valid ownership table" \
	eval '[ "$(dmesg_new | grep -c "no valid ownership table: o[nf]*line refused")" = 2 ]'
r=$(fsw-write "$FSW/control" "reserve 0x70000000 1 1")
r2=$(fsw-write "$FSW/control" "free 0x72000000 1")
check "reserve and free refused with EBADMSG: $r $r2" [ "$r $r2" = "EBADMSG EBADMSG" ]
check "MemTotal unchanged" [ "$(meminfo MemTotal)" = "$total" ]
r=$(fsw-write "$FSW/control" "inject table")
check "inject table again restores it: valid, same generation ($r)" \
	eval '[ "$(sect_field check)" = ok ] && [ "$(sect_field generation)" = "$gen" ] && [ "$(cat "$FSW/sections")" = "$before" ]'
r=$(fsw-write "$FSW/control" "reserve 0x70000000 1 1")
r2=$(fsw-write "$FSW/control" "free 0x70000000 1")
check "valid commands work again: reserve and free ($r $r2)" \
	eval '[ "$r $r2" = "OK OK" ] && [ "$(sect_info 48)" = "0 online" ]'
check "no kernel warning, BUG or Oops" dmesg_clean
