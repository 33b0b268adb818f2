#!/bin/sh
# Section requests and gifts between two instances (docs/requests.md).
# Instance 0 boots the peer build as instance 1 with movablecore= (so it
# has a movable zone to give from), then:
#  1. requests 2 sections: instance 1 serves it with its tasks frozen and
#     gives 2; they arrive online here;
#  2. gives 1 section of its own to instance 1 (offline here at once);
#  3. refuses bad requests and gifts: errno, one log line, nothing changed;
#  4. after instance 1 armed "inject serve-stall" (its next offline never
#     ends), requests 1 section with a 300 ms budget: instance 1 spends its
#     budget, gives nothing, and instance 0 resumes with none (exit 4);
#  5. after instance 1 armed "inject serve-handon" (its suspend after it
#     served fails), requests 1 section: instance 1 resumes, and switches
#     back to instance 0 by itself.
# Instance 1 (request.peer.sh) checks its own side each time it runs: what
# it gave, that its user space did not run while it served, its state, and
# that the section given to it is online there. Both sides run the
# ownership invariant (owner_check) after every step.
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/lib.sh

tool() {
	sh /usr/bin/fastswitch "$@"
}

ktap_plan 39
state_start
check "ownership invariant at boot" owner_check
before=$(snap "$FSW/sections" "$FSW/instances")
dmesg_mark
fsw-write "$FSW/control" "request 1" >/tmp/rc
check "request with no other instance: ESRCH, one log line, nothing changed ($(cat /tmp/rc))" \
	eval '[ "$(cat /tmp/rc)" = ESRCH ] && [ "$(dmesg_new | grep -c "fastswitch: control: ")" = 1 ] && [ "$(snap $FSW/sections $FSW/instances)" = "$before" ]'

# Instance 1: the peer build in PEER_FIRST..PEER_LAST, its top 64 MiB movable
tool reserve "$PEER_BASE" "$PEER_SECTIONS" 1 >/dev/null &&
	tool load 1 kernel "$PEER_KERNEL" /boot/peer/zImage >/dev/null &&
	tool load 1 initrd "$PEER_INITRD" /boot/peer/initramfs.cpio.gz >/dev/null &&
	tool cmdline 1 console=ttyAMA0,115200 loglevel=4 fsw.run=peer:request fsw.testing=1 movablecore=64M
check "reserve, load and set up instance 1 in sections $PEER_FIRST-$PEER_LAST" [ $? = 0 ]
out=$(tool boot 1)
check "boot 1: $out" eval '[ "$(inst_mark 1)" = 1 ]'
check "ownership invariant with instance 1 asleep" owner_check

# 1. A request of 2 sections, served by instance 1
mine=$(sects_of 0 | wc -l)
total=$(meminfo MemTotal)
theirs_before=$(sects_of 1 | tr '\n' ' ')
before=$(counter_value)
out=$(tool request 2)
rc=$?
ktap_diag "$out"
got=$(sects_of 0 | wc -l)
new=$(for s in $theirs_before; do [ "$(sect_info "$s" | cut -d' ' -f1)" = 0 ] && echo "$s"; done | tr '\n' ' ')
check "request 2: all arrived, from instance 1 (exit $rc, status: got $(status_field last_request_got), from '$(status_field last_request_from)')" \
	eval '[ $rc = 0 ] && [ "$(status_field last_request_got)" = 2 ] && [ "$(status_field last_request_from)" = "1:2" ]'
nonline=0
for s in $new; do
	[ "$(sect_info "$s")" = "0 online" ] &&
		grep -qx Movable "$MEMSYS/memory$(sect_block "$s")/valid_zones" && nonline=$((nonline + 1))
done
check "the table gives 2 of instance 1's sections to instance 0 ($new), online movable here" \
	eval '[ $got = $((mine + 2)) ] && [ $nonline = 2 ]'
check "MemTotal grew by 2 sections ($total -> $(meminfo MemTotal) kB)" \
	[ $(($(meminfo MemTotal) - total)) = $((2 * $(sect_kb))) ]
check "instance 1 ran only in the kernel: its mark is still 1" [ "$(inst_mark 1)" = 1 ]
state_check "$before"
check "ownership invariant after the request" owner_check

# 2. A gift: the highest movable section of this instance
gift=$(sects_of 0 | while read -r s; do
	grep -qx Movable "$MEMSYS/memory$(sect_block "$s")/valid_zones" && [ "$(sect_info "$s")" = "0 online" ] && echo "$s"
done | tail -n 1)
total=$(meminfo MemTotal)
out=$(tool give 1 1)
rc=$?
check "give 1 1: section $gift is instance 1's, offline here (exit $rc: $out)" \
	eval '[ $rc = 0 ] && [ "$(sect_info $gift)" = "1 offline" ] && [ $((total - $(meminfo MemTotal))) = $(sect_kb) ]'
check "ownership invariant after the gift (instance 1 onlines it when it resumes)" owner_check

# 3. Bad requests and gifts
n1=$(sects_of 1 | wc -l)
refuse_each "request 0|ERANGE
request 1025|ERANGE
request x|EINVAL
request 1 0|ERANGE
request 1 60001|ERANGE
request 1 2 3|EINVAL
request $((n1 + 1))|ENOSPC
give 0 1|ERANGE
give 1 0|EINVAL
give 1 5|ENOENT
give 1 8|ERANGE
give 1|EINVAL
give 1000 1|ENOSPC" "$FSW/sections" "$FSW/instances" "$FSW/online"
echo "inject table" >"$FSW/control"
refuse_each "request 1|EBADMSG" "$FSW/instances" "$FSW/online"
echo "inject table" >"$FSW/control"

# Instance 1 checks its side and arms serve-stall
tool mark 2 >/dev/null
tool switch 1 >/tmp/switch.out 2>&1 || cat /tmp/switch.out
check "switch 1 and back: instance 1's user space ran (its mark: $(inst_mark 1))" [ "$(inst_mark 1)" = 2 ]

# 4. A request that instance 1 cannot serve within its budget
mine=$(sects_of 0 | wc -l)
before=$(counter_value)
out=$(tool request 1 300)
rc=$?
ktap_diag "$out"
check "request 1 300 with instance 1's offline stalled: none arrived (exit $rc), instance 0 resumed" \
	eval '[ $rc = 4 ] && [ "$(status_field last_request_got)" = 0 ] && [ "$(status_field last_request_from)" = "1:0" ] && [ "$(sects_of 0 | wc -l)" = $mine ]'
state_check "$before"
check "ownership invariant after the failed request" owner_check

tool mark 3 >/dev/null
tool switch 1 >/tmp/switch.out 2>&1 || cat /tmp/switch.out
check "switch 1 and back: instance 1 checked its side (its mark: $(inst_mark 1))" [ "$(inst_mark 1)" = 3 ]

# 5. Instance 1 armed "inject serve-handon": it serves, its next suspend
#    fails, and it switches back to the requester by itself
mine=$(sects_of 0 | wc -l)
before=$(counter_value)
out=$(tool request 1)
rc=$?
ktap_diag "$out"
check "request 1 whose hand-on fails in instance 1: it arrived, and instance 1 switched back itself (exit $rc, from $(status_field last_switch_from))" \
	eval '[ $rc = 0 ] && [ "$(status_field last_request_from)" = "1:1" ] && [ "$(status_field last_switch_from)" = 1 ] && [ "$(sects_of 0 | wc -l)" = $((mine + 1)) ]'
state_check "$before"
check "ownership invariant after the rescued request" owner_check

tool mark 4 >/dev/null
tool switch 1 >/tmp/switch.out 2>&1 || cat /tmp/switch.out
check "switch 1 and back: instance 1 checked the rescue (its mark: $(inst_mark 1))" [ "$(inst_mark 1)" = 4 ]
check "ownership invariant at the end" owner_check
state_report 4 "instance 0"
check "instance 0: no WARN, BUG or Oops" dmesg_clean
