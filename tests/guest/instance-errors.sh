#!/bin/sh
# Refusals of the instance commands: each bad load (bad path escapes
# included: a backslash takes three octal digits, no NUL, no raw byte
# outside printable ASCII), cmdline, boot or switch
# gets its errno and one "fastswitch: control:" line and changes nothing
# (instances, table, this instance's status); a corrupted target page and a
# device that refuses to suspend leave both instances working.
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/instances.sh
BOOT_PATH=direct SWITCHES=2 TOOL_SH=sh
C=$FSW/control
snapfiles="$FSW/instances $FSW/sections"
S=$(sect_bytes)

# Derived from the table: a section of instance 0 just below instance 1's,
# a file one section longer than instance 1's sections (it runs into
# instance 0's above them), the first address past the table's RAM, a
# firmware section (the first above instance 0's memory)
below=$(hexadd "$PEER_BASE" "-$S")
fwsect=$(sects_of firmware | awk -v t="$(sects_of 0 | tail -n 1)" '$1 > t' | head -n 1)
firmware=$(sect_addr "$fwsect")
ktap_diag "instance 1: sections $PEER_FIRST-$PEER_LAST at $PEER_BASE, kernel $PEER_KERNEL, initrd $PEER_INITRD; instance 0 below at $below; firmware s$fwsect at $firmware; RAM ends at $(sect_end)"
truncate -s $(((PEER_SECTIONS + 1) * S)) /tmp/big
echo "not a kernel" >/tmp/notzimage
cases1="switch 1|ENOENT
switch 0|EINVAL
switch 5|ENOENT
boot 1|ENOEXEC
boot 6 direct|ENOEXEC
boot 1 sideways|EINVAL
load 1 kernel $below /boot/peer/zImage|EPERM
load 1 kernel $firmware /boot/peer/zImage|EPERM
load 1 kernel $PEER_BASE /tmp/big|EPERM
load 1 kernel $(sect_end) /boot/peer/zImage|ERANGE
load 1 kernel $PEER_KERNEL /tmp/notzimage|ENOEXEC
load 1 kernel $PEER_KERNEL /no/such/file|ENOENT
load 1 kernel $PEER_KERNEL boot/peer/zImage|EINVAL
load 1 kernel $PEER_KERNEL /no such/file|ENOENT
load 1 kernel $PEER_KERNEL /boot/peer\zImage|EINVAL
load 1 kernel $PEER_KERNEL /boot/peer/zImage\4|EINVAL
load 1 kernel $PEER_KERNEL /boot/peer/zImage\000|EINVAL
load 1 kernel $PEER_KERNEL /boot/peer/\xc3\xa9|EILSEQ
load 1 dtb $PEER_KERNEL /boot/peer/zImage|EINVAL
load 0 kernel $PEER_KERNEL /boot/peer/zImage|EINVAL
load 9 kernel $PEER_KERNEL /boot/peer/zImage|ERANGE
cmdline 1 console=ttyAMA0 fastswitch_id=3|EINVAL
cmdline 1|EINVAL
switch|EINVAL
switch 1 2|EINVAL"
cases2="load 1 initrd $(hexadd "$PEER_KERNEL" 0x100000) /boot/peer/initramfs.cpio.gz|EBUSY"
cases3="load 1 kernel $PEER_KERNEL /boot/peer/zImage|EBUSY
cmdline 1 console=ttyAMA0|EBUSY
boot 1|EBUSY
unload 1|EBUSY
switch 1 now|EINVAL"

ktap_plan 47
echo "reserve $PEER_BASE $PEER_SECTIONS 1" >$C
refuse_each "$cases1" $snapfiles
echo "load 1 kernel $PEER_KERNEL /boot/peer/zImage" >$C
refuse_each "$cases2" $snapfiles

# Two sections for instance 2, four below instance 1's (s44-s45 at 1G),
# the two above them stay instance 0's: a zImage loaded near the end of
# instance 2's would put the device tree (after the decompressor's
# scratch) into instance 0's next section, which the boot must refuse.
i2=$((PEER_FIRST - 4))
i2base=$(sect_addr $i2)
echo "reserve $i2base 2 2" >$C
zsize=$(wc -c </boot/peer/zImage)
echo "load 2 kernel $(printf '%#x' $((i2base + 2 * S - zsize - 0x100000))) /boot/peer/zImage" >$C
refuse_each "boot 2|ENOSPC" $snapfiles
echo "unload 2" >$C
echo "free $i2base 2" >$C
check "instance 2's sections $i2-$((i2 + 1)) taken back" eval '[ "$(sect_info $i2)" = "0 online" ] && [ "$(sect_info $((i2 + 1)))" = "0 online" ]'

state_start
echo "load 1 initrd $PEER_INITRD /boot/peer/initramfs.cpio.gz" >$C
echo "cmdline 1 console=ttyAMA0,115200 loglevel=4 fsw.run=peer:instance fsw.testing=1 fsw.switches=$SWITCHES fsw.tool_sh=sh fsw.boot_path=direct" >$C
# The peer (instance.peer.sh) checks instance 0's sections with the sums
# the vector takes as instance 0 leaves, at the boot and at the last
# switch, and instance 0's mark before each of its returns.
echo "inject sums" >$C
check "boot 1: the peer's user space ran and switched back" eval 'tool boot 1 && [ "$(inst_mark 1)" = 1 ]'
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
tool mark 1
check "page restored: switch 1 and back, seen by instance 1" eval 'tool switch 1 && [ "$(inst_mark 1)" = 2 ]'
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
tool mark 2
echo "inject sums" >$C
check "then switch 1 and back, seen by instance 1" eval 'tool switch 1 && [ "$(inst_mark 1)" = 3 ]'
state_check "$before"
state_report 2 "instance 0"
check "instance 0: no WARN, BUG or Oops" dmesg_clean
