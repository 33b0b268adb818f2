#!/bin/sh
# The main job's demonstration: suspend-to-RAM through the Fastswitch
# resume vector, shown from the instance's side, and the sections of
# memory that the ownership table gives it. Addresses come from the table
# (tests/guest/lib.sh), so the demo runs at any memory size.
. /tests/lib.sh
two=$(($(sects_of 0 | tail -n 1) - 1))
two_addr=$(sect_addr $two)
two_block=$(sect_block $two)
echo
echo "=== Fastswitch demo: $(uname -r) on $(cat /proc/device-tree/model 2>/dev/null | tr -d '\0')"
echo "--- /sys/power/mem_sleep: $(cat /sys/power/mem_sleep)"
echo "--- fastswitch status (before)"
fastswitch status
echo "--- fastswitch cycle 3: three suspend-to-RAM cycles through the resume vector"
fastswitch cycle 3
echo "--- fastswitch wake delay 500; fastswitch cycle: the platform sleeps 500 ms"
fastswitch wake delay 500 && fastswitch cycle && fastswitch wake immediate
echo "--- fastswitch page (head)"
fastswitch page | head -n 24
echo "--- fastswitch status (after)"
fastswitch status
echo "--- CPUs online: $(cat /sys/devices/system/cpu/online)"
echo "--- fastswitch sections: the ownership table (16 MiB sections)"
fastswitch sections
echo "--- MemTotal: $(grep MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2) kB"
echo "--- fastswitch reserve $two_addr 2 1: give two sections to instance 1"
fastswitch reserve $two_addr 2 1
echo "--- MemTotal: $(grep MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2) kB"
echo "--- echo online > /sys/devices/system/memory/memory$two_block/state (instance 1's):"
(echo online >/sys/devices/system/memory/memory$two_block/state) 2>&1 | sed 's/^/    /'
dmesg | grep 'fastswitch: section' | tail -n 1 | sed 's/^/    /'
echo "--- fastswitch free $two_addr 2: take them back"
fastswitch free $two_addr 2
echo "--- MemTotal: $(grep MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2) kB"
# Instances 1 and 2: another build of this kernel (peer) and Debian's 6.1
# (v61), placed by the tool in the highest free run of 11 sections, each
# in turn. Their
# routes (fsw.route: where each visit switches to) make the rounds below
# go 0>1>2>0 and 0>2>1>0; from a terminal (fsw.shell=1) their next visit
# is a shell.
shell=$(cmdline_arg fsw.shell)
for id in 1 2; do
	build=peer
	route=0,2,0
	[ $id = 1 ] || { build=v61; route=0,0,1; }
	echo "--- instance $id: the $build build, in the highest free run of 11 sections"
	echo "    \$ eval \"\$(fastswitch place 11)\""
	p=$(fastswitch place 11) || exit 1
	eval "$p"
	echo "    base=$base kernel=$kernel initrd=$initrd sections=$sections"
	fastswitch reserve "$base" 11 $id | grep -E " $id "
	fastswitch load $id kernel "$kernel" /boot/$build/zImage
	fastswitch load $id initrd "$initrd" /boot/$build/initramfs.cpio.gz
	echo "    \$ fastswitch cmdline $id console=ttyAMA0,115200 loglevel=5 movablecore=64M fsw.run=peer:demo fsw.route=$route${shell:+ fsw.shell=$shell}"
	fastswitch cmdline $id console=ttyAMA0,115200 loglevel=5 movablecore=64M fsw.run=peer:demo \
		fsw.route=$route ${shell:+fsw.shell=$shell}
	echo "--- fastswitch boot $id: instance 0 sleeps, instance $id boots (direct path)"
	fastswitch boot $id
done
echo "--- back in instance 0 ($(uname -r)); date: $(date +%T); fastswitch list:"
fastswitch list
echo "--- fastswitch switch 1: instance 1 switches to 2, which switches back here"
fastswitch switch 1
echo "--- fastswitch switch 2: instance 2 switches to 1, which switches back here"
fastswitch switch 2
echo "--- fastswitch request 6: the sleeping instances, in turn, give what they can of 6 sections"
fastswitch request 6
echo "--- fastswitch list"
fastswitch list
echo "--- instance 0's status after the switches"
fastswitch status | grep -E '^(instance|switches|boots|last_switch|last_request)'
echo "=== demo done"
