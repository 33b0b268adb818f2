#!/bin/sh
# A crash during a section request (docs/crash.md): instance 0 boots the
# peer build as instance 1 (movablecore=64M), which arms "inject
# serve-panic"; instance 0 requests 2 sections. Instance 1, resumed to
# serve the request only, offlines, zeroes and gives its sections, then
# panics before it records them. The machine resets and the decompressor
# wakes the requester (instance 0), which must online what the table gave
# it, report instance 1 crashed, keep the ownership invariant and its own
# state, and can close instance 1.
# qemu-append: fsw.testing=1
. /tests/lib.sh

tool() {
	sh /usr/bin/fastswitch "$@"
}

ktap_plan 11
peer_boot fsw.run=peer:crash-request fsw.testing=1 movablecore=64M
check "instance 1 booted and armed its fault (mark $(inst_mark 1))" [ "$(inst_mark 1)" = 1 ]
state_start
mine=$(sects_of 0 | wc -l)
theirs=$(sects_of 1 | wc -l)
before=$(counter_value)
out=$(tool request 2 2>&1)
rc=$?
ktap_diag "$out"
state_check "$before"
got=$(status_field last_request_got)
check "request 2 came back after instance 1's panic (exit $rc, got $got from '$(status_field last_request_from)')" \
	eval '[ "$(status_field crashes)" = 1 ] && [ "$(status_field last_crash_id)" = 1 ] &&
		[ "$(status_field last_request_from)" = "1:$got" ] && [ $rc = 0 ]'
check "the sections instance 1 gave before it panicked are instance 0's, online here ($mine -> $(sects_of 0 | wc -l), instance 1: $theirs -> $(sects_of 1 | wc -l))" \
	eval '[ "$got" -ge 1 ] && [ "$(sects_of 0 | wc -l)" = $((mine + got)) ] && [ "$(sects_of 1 | wc -l)" = $((theirs - got)) ] &&
		for s in $(sects_of 0); do [ "$(sect_info "$s")" = "0 online" ] || exit 1; done'
check "instance 1's own record names the injected panic" \
	grep -q "^why: fastswitch: injected panic while serving the request of instance 0" "$FSW/crashes"
check "ownership invariant after the crash (instance 1 has nothing online)" owner_check
out=$(tool close 1 2>&1)
check "close 1: its sections come here ($out)" eval '[ -z "$(sects_of 1)" ]'
check "ownership invariant after the close" owner_check
state_report 1 "instance 0"
