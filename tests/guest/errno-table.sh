#!/bin/sh
# The errors table of docs/debugfs.md, checked against the kernel: every
# example of its last column, in order, fails with its row's errno, logs
# exactly one "fastswitch: control:" line and changes nothing (instances,
# sections). The setup the document states first: instance 1 booted from
# sections 48-58 of the -m 1G map and sleeping. "A then B": A must
# succeed first; a fault A ("inject ...") is injected again after B,
# which undoes it.
# qemu-append: fsw.testing=1
# qemu-peer: yes
. /tests/lib.sh
C=$FSW/control
DOC=/tests/debugfs.md

# One example a line: ERRNO<TAB>first command[<TAB>then ...]
examples() {
	awk 'BEGIN { FS = "|" }
	/^\| `E[A-Z0-9]*` / {
		errno = $2; gsub(/[ `]/, "", errno); sub(/\/.*/, "", errno)
		ex = $4; out = ""; n = 0
		while (match(ex, /`[^`]*`/)) {
			sep = substr(ex, 1, RSTART - 1)
			cmd = substr(ex, RSTART + 1, RLENGTH - 2)
			ex = substr(ex, RSTART + RLENGTH)
			if (n && sep ~ /then/)
				out = out "\t" cmd
			else {
				if (n) print errno "\t" out
				out = cmd
			}
			n++
		}
		if (n) print errno "\t" out
	}' "$DOC"
}

examples >/tmp/examples
ktap_plan $((2 + $(wc -l </tmp/examples)))
ktap_diag "$(wc -l </tmp/examples) examples in $DOC"
ok=1
[ "$PEER_BASE" = 0x70000000 ] && [ "$PEER_SECTIONS" = 11 ] && [ "$PEER_KERNEL" = 0x72000000 ] &&
	[ "$PEER_INITRD" = 0x73000000 ] || ok=0
echo "reserve $PEER_BASE $PEER_SECTIONS 1" >$C || ok=0
echo "load 1 kernel $PEER_KERNEL /boot/peer/zImage" >$C || ok=0
echo "load 1 initrd $PEER_INITRD /boot/peer/initramfs.cpio.gz" >$C || ok=0
echo "cmdline 1 console=ttyAMA0,115200 loglevel=4 fsw.run=peer:errno-table fsw.testing=1" >$C || ok=0
echo "boot 1" >$C || ok=0
suspend_mem || ok=0
check "the document's setup: instance 1 booted from s48-s58 (here $PEER_BASE, $PEER_SECTIONS sections), sleeping" \
	eval '[ $ok = 1 ] && [ "$(awk "\$1 == 1 { print \$2 }" $FSW/instances)" = sleeping ] && [ "$(inst_mark 1)" = 1 ]'

tab=$(printf '\t')
while read -r line; do
	oldifs=$IFS
	IFS=$tab
	# shellcheck disable=SC2086
	set -- $line
	IFS=$oldifs
	want=$1 first=$2
	shift
	setup_ok=1
	while [ $# -gt 1 ]; do
		[ "$(fsw-write $C "$1")" = OK ] || setup_ok=0
		shift
	done
	before=$(snap $FSW/instances $FSW/sections)
	dmesg_mark
	got=$(fsw-write $C "$1")
	lines=$(dmesg_new | grep -c 'fastswitch: control: ')
	if [ $setup_ok = 1 ] && [ "$got" = "$want" ] && [ "$lines" = 1 ] &&
		[ "$(snap $FSW/instances $FSW/sections)" = "$before" ]; then
		ktap_ok "'$1' refused with $want as documented"
	else
		ktap_fail "'$1' refused with $want as documented (got $got, $lines log lines, setup $setup_ok)"
		dmesg_new | grep 'fastswitch: ' | sed 's/^/# /'
	fi
	case $first in
	"inject "*) [ "$first" != "$1" ] && echo "$first" >$C ;;
	esac
done </tmp/examples
check "instance 1 still sleeps, and a switch to it and back works" \
	eval '[ "$(sect_field check)" = ok ] && fastswitch switch 1 >/dev/null && [ "$(inst_mark 1)" = 2 ]'
