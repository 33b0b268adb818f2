#!/bin/sh
# pstore/ramoops across a crash (docs/crash.md): each instance's kernel
# keeps its panic log in its own area of the shared region. Instance 1
# panics; booted again over its crashed self (no close), the new kernel
# finds the panic log of the old one, with the line it logged just before,
# in /sys/fs/pstore. After a close, a kernel booted as instance 1 finds
# nothing: close clears the area. Each verdict is instance 1's own (its
# mark), read by instance 0.
. /tests/lib.sh

tool() {
	sh /usr/bin/fastswitch "$@"
}

ktap_plan 7
peer_layout
peer_boot fsw.run=peer:pstore fsw.pstore_round=1
check "round 1: instance 1's first kernel finds no pstore log (mark $(inst_mark 1))" [ "$(inst_mark 1)" = 1 ]
out=$(tool switch 1 2>&1)
check "round 1: instance 1 panicked and the machine came back to instance 0" \
	eval 'echo "$out" | grep -q "^warning: instance 1 crashed; back in instance 0 " &&
	      awk '"'"'$1 == 1 && $2 == "crashed"'"'"' "$FSW/instances" | grep -q .'
# booted again over its crashed self: its sections, no close
tool load 1 kernel "$PEER_KERNEL" /boot/peer/zImage >/dev/null &&
	tool load 1 initrd "$PEER_INITRD" /boot/peer/initramfs.cpio.gz >/dev/null &&
	tool cmdline 1 console=ttyAMA0,115200 loglevel=4 fsw.run=peer:pstore fsw.pstore_round=2 >/dev/null
out=$(tool boot 1 2>&1)
check "round 2: a crashed instance can be booted again, without a close ($out)" \
	eval '[ "$(inst_mark 1)" != 1 ] && awk '"'"'$1 == 1 && $2 == "sleeping"'"'"' "$FSW/instances" | grep -q .'
check "round 2: the new kernel read the old one's panic log from pstore, with its last line (mark $(inst_mark 1))" \
	[ "$(inst_mark 1)" = 2 ]
out=$(tool close 1 2>&1)
check "close 1 ($out)" [ -z "$(sects_of 1)" ]
peer_boot fsw.run=peer:pstore fsw.pstore_round=3
check "round 3: after the close, a kernel booted as instance 1 finds no pstore log (mark $(inst_mark 1))" \
	[ "$(inst_mark 1)" = 3 ]
tool close 1 >/dev/null 2>&1
check "instance 0: no WARN, BUG or Oops" dmesg_clean
