#!/bin/sh
# Closing an instance (docs/requests.md): instance 0 boots the peer build
# as instance 1, whose user space fills its memory with data; refuses bad
# closes; closes instance 1: its page is retired, every one of its
# sections reads as zeros (section_crc, against the CRC of a zero
# section) and is instance 0's, online here; then boots instance 1 again
# in the same id and switches to it. Instance 0's own data stays intact.
# qemu-append: fsw.testing=1
. /tests/lib.sh

tool() {
	sh /usr/bin/fastswitch "$@"
}

ktap_plan 23
state_start
tool reserve "$PEER_BASE" "$PEER_SECTIONS" 1 >/dev/null &&
	tool load 1 kernel "$PEER_KERNEL" /boot/peer/zImage >/dev/null &&
	tool load 1 initrd "$PEER_INITRD" /boot/peer/initramfs.cpio.gz >/dev/null &&
	tool cmdline 1 console=ttyAMA0,115200 loglevel=4 fsw.run=peer:close >/dev/null &&
	tool boot 1 >/dev/null
check "instance 1 booted in sections $PEER_FIRST-$PEER_LAST, its user space filled its memory (mark $(inst_mark 1))" \
	[ "$(inst_mark 1)" = 1 ]
check "ownership invariant with instance 1 asleep" owner_check

refuse_each "close 0|EPERM
close 5|ENOENT
close 8|ERANGE
close|EINVAL
close x|EINVAL
close 1 2|EINVAL" "$FSW/sections" "$FSW/instances" "$FSW/online"

zero=$(head -c "$(sect_bytes)" /dev/zero | gzip -c | tail -c 8 | od -An -tx4 -N4 | tr -d ' ')
total=$(meminfo MemTotal)
theirs=$(sects_of 1 | tr '\n' ' ')
# Before: each of them holds data (QEMU starts with zeroed RAM: a section
# instance 1 never wrote would read as zeros anyway)
ndata=0
for s in $theirs; do
	[ "$(awk -v i="$s" '$1 == i { print $5 }' "$FSW/section_crc")" != "$zero" ] && ndata=$((ndata + 1))
done
check "instance 1's $(echo $theirs | wc -w) sections: $ndata of them hold data before the close (more than half)" \
	eval '[ "$(echo $theirs | wc -w)" = "$PEER_SECTIONS" ] && [ $((2 * ndata)) -gt "$PEER_SECTIONS" ]'
before=$(counter_value)
out=$(tool close 1)
rc=$?
ktap_diag "$out"
check "close 1: exit $rc, its page retired (instances: '$(awk '$1 == 1' "$FSW/instances")')" \
	eval '[ $rc = 0 ] && ! grep -q "^  1 " "$FSW/status" && [ "$(status_field closes)" = 1 ]'
nbad=0 nzero=0
for s in $theirs; do
	[ "$(sect_info "$s")" = "0 online" ] || nbad=$((nbad + 1))
	[ "$(awk -v i="$s" '$1 == i { print $5 }' "$FSW/section_crc")" = "$zero" ] && nzero=$((nzero + 1))
done
check "its $(echo $theirs | wc -w) sections ($theirs) are instance 0's, online here ($nbad not)" [ $nbad = 0 ]
check "each of them reads as zeros: CRC $zero ($nzero of $(echo $theirs | wc -w))" [ $nzero = "$(echo $theirs | wc -w)" ]
check "MemTotal grew by its sections ($total -> $(meminfo MemTotal) kB)" \
	[ $(($(meminfo MemTotal) - total)) = $(($(echo $theirs | wc -w) * $(sect_kb))) ]
check "close took $(status_field last_close_us) us for $(status_field last_close_sections) sections, $(status_field last_close_zero_us) us of it zeroing" \
	[ "$(status_field last_close_sections)" = "$(echo $theirs | wc -w)" ]
state_check "$before"
check "ownership invariant after the close" owner_check
check "switch 1 is refused now: instance 1 is no more" eval '! tool switch 1 >/dev/null 2>&1'

# The id boots again, in the same sections
peer_layout
PEER_LAST=$((PEER_FIRST + PEER_SECTIONS - 1))
tool reserve "$PEER_BASE" "$PEER_SECTIONS" 1 >/dev/null &&
	tool load 1 kernel "$PEER_KERNEL" /boot/peer/zImage >/dev/null &&
	tool load 1 initrd "$PEER_INITRD" /boot/peer/initramfs.cpio.gz >/dev/null &&
	tool cmdline 1 console=ttyAMA0,115200 loglevel=4 fsw.run=peer:close >/dev/null &&
	tool boot 1 >/dev/null
check "instance 1 booted again in the same id: its user space ran (mark $(inst_mark 1), boots $(status_field boots))" \
	eval '[ "$(inst_mark 1)" = 1 ] && [ "$(status_field boots)" = 2 ]'
check "ownership invariant at the end" owner_check
state_report 3 "instance 0"
check "instance 0: no WARN, BUG or Oops" dmesg_clean
