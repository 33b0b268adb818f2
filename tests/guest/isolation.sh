#!/bin/sh
# Isolation (docs/isolation.md): no interface root has in one instance
# reaches another instance's memory. Instance 0 writes a tag into its
# memory and boots the peer build as instance 1, which writes its own;
# each then tries /dev/mem (read and mmap) on 3 pages of every section
# not its own (the other instance's, the firmware's, the shared region),
# and /proc/kcore (isolation.probe.sh). Nothing may be read: every
# attempt fails with EPERM, while /dev/mem still reads a device register.
# Without testing=1, the debugfs readers of section contents do not exist,
# and every view of other instances is root's only.
# qemu-peer: yes
. /tests/lib.sh
. /tests/isolation.probe.sh

tool() {
	sh /usr/bin/fastswitch "$@"
}

ktap_plan 8
tag="fsw-tag-0-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p /tmp/tag
i=0
while [ $i -lt 512 ]; do echo "$tag"; i=$((i + 1)); done >/tmp/tag/a
peer_boot fsw.run=peer:isolation "fsw.tag0=$tag"
check "instance 1 booted and wrote its tag (mark $(inst_mark 1))" [ "$(inst_mark 1)" = 1 ]
OTHER=1
probe "fsw-tag-1-"
probe_checks "instance 0"
tool switch 1 >/dev/null
