#!/bin/sh
# The initial instance panicking (docs/crash.md): instance 0 boots the
# peer build as instance 1, which keeps its state and switches back; then
# instance 0 panics (sysrq c). The machine resets, the initial zImage's
# decompressor wakes instance 1, the instance that last handed over to
# instance 0; instance 1 checks its own state and instance 0's crash
# record (tests/guest/crash-initial.peer.sh, KTAP lines "peer: ") and
# ends the run.
# qemu-peer: yes
. /tests/lib.sh

tool() {
	sh /usr/bin/fastswitch "$@"
}

ktap_plan 2
peer_boot fsw.run=peer:crash-initial
check "instance 1 booted, its state set up (mark $(inst_mark 1))" [ "$(inst_mark 1)" = 1 ]
check "instance 1 handed over to instance 0 last (last_switch_from $(status_field last_switch_from))" \
	[ "$(status_field last_switch_from)" = 1 ]
echo "fsw-crash-test: instance 0 $(uname -r) panics now" >/dev/kmsg
echo c >/proc/sysrq-trigger
