#!/bin/sh
# Refusals of the instance commands: each bad load, cmdline, boot or switch
# gets its errno and one "fastswitch: control:" line and changes nothing
# (instances, table, this instance's status); a corrupted target page and a
# device that refuses to suspend leave both instances working.
# qemu-append: fsw.testing=1
# qemu-peer: yes
BOOT_PATH=direct SWITCHES=2 TOOL_SH=sh
. /tests/instances.sh
C=$FSW/control
snapfiles="$FSW/instances $FSW/sections"

truncate -s 192M /tmp/big
echo "not a kernel" >/tmp/notzimage
cases1="switch 1|ENOENT
switch 0|EINVAL
switch 5|ENOENT
boot 1|ENOEXEC
boot 6 direct|ENOEXEC
boot 1 sideways|EINVAL
load 1 kernel 0x50000000 /boot/peer/zImage|EPERM
load 1 kernel 0x70000000 /tmp/big|EPERM
load 1 kernel 0x90000000 /boot/peer/zImage|ERANGE
load 1 kernel 0x72000000 /tmp/notzimage|ENOEXEC
load 1 kernel 0x72000000 /no/such/file|ENOENT
load 1 kernel 0x72000000 boot/peer/zImage|EINVAL
load 1 dtb 0x72000000 /boot/peer/zImage|EINVAL
load 0 kernel 0x72000000 /boot/peer/zImage|EINVAL
load 9 kernel 0x72000000 /boot/peer/zImage|ERANGE
cmdline 1 console=ttyAMA0 fastswitch_id=3|EINVAL
cmdline 1|EINVAL
switch|EINVAL
switch 1 2|EINVAL"
cases2="load 1 initrd 0x72100000 /boot/peer/initramfs.cpio.gz|EBUSY"
cases3="load 1 kernel 0x72000000 /boot/peer/zImage|EBUSY
cmdline 1 console=ttyAMA0|EBUSY
boot 1|EBUSY
unload 1|EBUSY
switch 1 now|EINVAL"

ktap_plan 41
echo "reserve $PEER_BASE $PEER_SECTIONS 1" >$C
refuse_each "$cases1" $snapfiles
echo "load 1 kernel $PEER_KERNEL /boot/peer/zImage" >$C
refuse_each "$cases2" $snapfiles

# Sections 44-45 for instance 2, s46 stays instance 0's: a zImage loaded
# near the end of s45 would put the device tree (after the decompressor's
# scratch) into s46, which the boot must refuse.
echo "reserve 0x6c000000 2 2" >$C
zsize=$(wc -c </boot/peer/zImage)
echo "load 2 kernel $(printf '%#x' $((0x6e000000 - zsize - 0x100000))) /boot/peer/zImage" >$C
refuse_each "boot 2|ENOSPC" $snapfiles
echo "unload 2" >$C
echo "free 0x6c000000 2" >$C
check "instance 2's sections taken back" eval '[ "$(sect_info 44)" = "0 online" ] && [ "$(sect_info 45)" = "0 online" ]'

state_start
echo "load 1 initrd $PEER_INITRD /boot/peer/initramfs.cpio.gz" >$C
echo "cmdline 1 console=ttyAMA0,115200 loglevel=4 fsw.run=peer:instance fsw.testing=1 fsw.switches=$SWITCHES fsw.tool_sh=sh fsw.boot_path=direct" >$C
check "boot 1: the peer ran and switched back" tool boot 1
refuse_each "$cases3" $snapfiles

# A corrupted target page: refused before anything is suspended
echo "inject page 1" >$C
enters=$(status_field vector_enters)
dmesg_mark
r=$(fsw-write $C "switch 1")
check "switch to a corrupted page refused: EBADMSG ($r)" [ "$r" = EBADMSG ]
check "the refusal names the page" eval 'dmesg_new | grep -q "control: switch 1: the page of instance 1 at .* is invalid (bad checksum)"'
check "nothing was suspended, nothing pending" eval '[ "$(status_field vector_enters)" = $enters ] && [ "$(status_field pending)" = none ]'
echo "inject page 1" >$C
before=$(counter_value)
check "page restored: switch 1 and back" tool switch 1
state_check "$before"

# A device refuses the suspend: this instance keeps running, the target
# is untouched (the vector never ran) and can be switched to afterwards
line1=$(grep '^  1 ' $FSW/status)
echo "inject device" >$C
enters=$(status_field vector_enters)
dmesg_mark
tool switch 1 >/tmp/out 2>&1
rc=$?
check "switch with a device refusing: fails (exit $rc), instance 0 runs on" eval '[ $rc = 1 ] && grep -q "suspend failed" /tmp/out'
check "the refusing device named in the log" eval 'dmesg_new | grep -q "fastswitch-test.*refusing to suspend"'
check "the vector never ran, instance 1's page untouched" eval '[ "$(status_field vector_enters)" = $enters ] && [ "$(grep "^  1 " $FSW/status)" = "$line1" ] && [ "$(status_field pending)" = none ]'
before=$(counter_value)
check "then switch 1 and back" tool switch 1
state_check "$before"
state_report 2 "instance 0"
check "instance 0: no WARN, BUG or Oops" dmesg_clean
