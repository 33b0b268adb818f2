#!/bin/sh
# ABI version skew (docs/abi.md): every block two kernels share carries the
# layout version, and a kernel accepts only its own. With instance 1 a
# kernel of another version (v61, Debian's 6.1) sleeping, the module writes
# a block as a kernel of another layout would have (inject skew-*: the
# version, or the table's section size, resealed so that nothing else is
# wrong) and every operation that would read it must be refused with
# EBADMSG or EBUSY and one log line naming both versions, nothing of
# instance 1 touched, instance 0 running on:
#  - instance 1's page at version V+1 and V-1;
#  - the ownership table at V+1 and V-1, and with sections of twice the size;
#  - the region header at V+1 and V-1;
#  - instance 1's page at V+1 after the module's check (inject
#    target-version): the resume vector refuses it with the MMU off.
# Then, all put back, a switch to instance 1 and back works, and instance 1
# (6.1) makes the same refusals of instance 0's page (abi-skew.peer.sh).
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/lib.sh
C=$FSW/control
PEER_NAME=v61
snapfiles="$FSW/instances $FSW/sections"
V=$(page_field version)
mib=$(sect_field section_size | cut -d' ' -f1)
bits=20
while [ $((1 << (bits - 20))) -lt "$mib" ]; do bits=$((bits + 1)); done
spare=$(sects_of 0 | tail -n 1)

ktap_plan 31
check "this kernel's layout version: $V, in its page, the table and the header ($(uname -r), sections 2^$bits)" \
	eval '[ "$V" -ge 1 ] && [ "$(sect_field version)" = "$V" ] && [ $((1 << bits)) = $((mib * 1048576)) ]'
state_start
check "boot instance 1: $(kernel_what /boot/v61/kernel-build)" \
	eval 'peer_boot fsw.run=peer:abi-skew fsw.testing=1 && [ "$(inst_mark 1)" = 1 ]'
line1=$(grep '^  1 ' "$FSW/status")
before=$(counter_value)

# skew INJECT RESTORE WANT CASES: inject, refuse each case, restore; one
# more result: the refusals' log lines said WANT
skew() {
	echo "inject $1" >$C
	dmesg_mark
	mark0=$DMESG_MARK
	refuse_each "$4" $snapfiles
	DMESG_MARK=$mark0
	said=$(dmesg_new | grep -c "fastswitch: control: .*$3")
	ncases=$(printf '%s\n' "$4" | wc -l)
	echo "inject $2" >$C
	check "inject $1: each of the $ncases refusals said \"$3\" ($said did); put back, instance 1, the table and the header check" \
		eval '[ "$said" = "$ncases" ] && [ "$(grep "^  1 " $FSW/status)" = "$line1" ] &&
			[ "$(sect_field check)" = ok ] && [ "$(status_field region_header)" = ok ]'
}

for v in $((V + 1)) $((V - 1)); do
	skew "skew-page 1 $v" "skew-page 1 $V" "layout version $v, this kernel's is $V" "switch 1|EBADMSG
boot 1|EBUSY
cmdline 1 quiet|EBUSY"
	skew "skew-table $v" "skew-table $V" "layout version $v, this kernel's is $V" "switch 1|EBADMSG
reserve $(sect_addr "$spare") 1 2|EBADMSG"
	skew "skew-header $v" "skew-header $V" "header is layout version $v, this kernel's is $V" "switch 1|EBADMSG"
done
skew "skew-bits $((bits + 1))" "skew-bits $bits" "sections of 2^$((bits + 1)) bytes, this kernel's are 2^$bits" "switch 1|EBADMSG
reserve $(sect_addr "$spare") 1 2|EBADMSG"
check "instance 1 untouched by all of it: $line1" eval '[ "$(grep "^  1 " $FSW/status)" = "$line1" ]'
state_check "$before"

# The vector's own check, with the MMU off
vector_refuses target-version "bad version"
before=$(counter_value)
round_trip
state_check "$before"
state_report 2 "instance 0"
check "instance 0: no WARN, BUG or Oops" dmesg_clean
