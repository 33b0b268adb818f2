#!/bin/sh
# Instance 1's half of tests/guest/request.sh: booted by instance 0 with
# movablecore=64M. Each time it runs it checks what happened to it since
# it last ran, by its own evidence: the request it served (status), the
# sections it gave or received (table, memory blocks), that no user space
# of it ran while it served (fsw-gaps: the serve window lies inside a span
# in which its user space did not run), its state (counter, files,
# canary) and the ownership invariant.
KTAP_PREFIX="peer: "
. /tests/lib.sh
tool() {
	sh /usr/bin/fastswitch "$@"
}

# own_movable: this instance's sections that are online and movable here
own_movable() {
	for s in $(sects_of 1); do
		[ "$(sect_info "$s")" = "1 online" ] &&
			grep -qx Movable "$MEMSYS/memory$(sect_block "$s")/valid_zones" && echo "$s"
	done
}

# in_gap: the last serve window lies inside a span its user space did not run
in_gap() {
	# shellcheck disable=SC2046
	set -- $(status_field last_serve_cnt)
	awk -v s="$1" -v e="$2" '$1 + 0 <= s + 0 && e + 0 <= $2 + 0 { found = 1 } END { exit !found }' /tmp/gaps
}

ktap_plan 20
echo "mark 1" >"$FSW/control"
movable=$(own_movable | tr '\n' ' ')
check "booted as instance 1 with movablecore=64M: movable sections $movable" \
	eval '[ "$(status_field instance)" = 1 ] && [ $(echo $movable | wc -w) = $((64 / $(sect_field section_size | cut -d" " -f1))) ]'
refuse_each "close 1|EINVAL
close 0|EPERM" "$FSW/sections" "$FSW/instances"
state_start
fsw-gaps /tmp/gaps 30 &
check "ownership invariant at boot" owner_check
own_before=$(sects_of 1 | tr '\n' ' ')
before=$(counter_value)
tool switch 0 >/tmp/switch.out 2>&1 || cat /tmp/switch.out

# Instance 0 requested 2 sections, then gave 1, then switched here
echo "mark 2" >"$FSW/control"
left=$(for s in $own_before; do [ "$(sect_info "$s" | cut -d' ' -f1)" = 0 ] && echo "$s"; done | tr '\n' ' ')
check "served instance 0's request: gave 2 sections ($left), requests_served $(status_field requests_served)" \
	eval '[ "$(status_field requests_served)" = 1 ] && [ "$(status_field last_serve_for)" = 0 ] && [ "$(status_field last_serve_gave)" = 2 ] && [ $(echo $left | wc -w) = 2 ]'
nleft=0
for s in $left; do
	[ "$(sect_info "$s")" = "0 offline" ] && echo " $movable " | grep -q " $s " && nleft=$((nleft + 1))
done
check "they were movable sections of its own, now offline here" [ $nleft = 2 ]
check "its user space did not run while it served ($(status_field last_serve_us) us; window $(status_field last_serve_cnt) inside a gap of its user space)" in_gap
new=$(sects_of 1 | while read -r s; do echo " $own_before " | grep -q " $s " || echo "$s"; done | tr '\n' ' ')
check "the section instance 0 gave it ($new) is online here (received $(status_field sections_received))" \
	eval '[ $(echo $new | wc -w) = 1 ] && [ "$(sect_info $new)" = "1 online" ] && [ "$(status_field sections_received)" = 1 ]'
state_check "$before"
check "ownership invariant after the request and the gift" owner_check

# The next request it serves stalls: its offline never ends
echo "inject serve-stall" >"$FSW/control"
own_before=$(sects_of 1 | tr '\n' ' ')
before=$(counter_value)
tool switch 0 >/tmp/switch.out 2>&1 || cat /tmp/switch.out

echo "mark 3" >"$FSW/control"
check "the stalled request: it gave nothing within its 300 ms budget (gave $(status_field last_serve_gave), error $(status_field last_serve_error), $(status_field last_serve_us) us)" \
	eval '[ "$(status_field requests_served)" = 2 ] && [ "$(status_field last_serve_gave)" = 0 ] && [ "$(status_field last_serve_error)" = -62 ] && [ "$(status_field last_serve_us)" -ge 300000 ]'
check "its user space did not run while it served (window $(status_field last_serve_cnt))" in_gap
check "its sections are as before ($own_before)" [ "$(sects_of 1 | tr '\n' ' ')" = "$own_before" ]
state_check "$before"
check "ownership invariant after the stalled request" owner_check

# The next request it serves: its hand-on fails. It then resumes (its
# user space too), switches back to instance 0 from a work item, and runs
# again when instance 0 switches here.
echo "inject serve-handon" >"$FSW/control"
own_before=$(sects_of 1 | wc -l)
seen0=$(inst_mark 0)
before=$(counter_value)
tool switch 0 >/tmp/switch.out 2>&1 || cat /tmp/switch.out
while [ "$(inst_mark 0)" -le "$seen0" ]; do usleep 20000; done

echo "mark 4" >"$FSW/control"
check "its hand-on failed: it switched back to instance 0 itself (rescues $(status_field serve_rescues)), having given 1 section" \
	eval '[ "$(status_field serve_rescues)" = 1 ] && [ "$(status_field requests_served)" = 3 ] && [ "$(status_field last_serve_gave)" = 1 ] && [ "$(sects_of 1 | wc -l)" = $((own_before - 1)) ]'
state_check "$before"
check "ownership invariant after the rescue" owner_check
state_report 3 "instance 1"
check "instance 1: no WARN, BUG or Oops" dmesg_clean
ktap_diag "instance 1 done; switching back for good"
tool switch 0 >/tmp/switch.out 2>&1 || cat /tmp/switch.out
