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
echo "--- two instances: boot the peer build (another kernel release) in sections $PEER_FIRST-$PEER_LAST"
fastswitch reserve $PEER_BASE $PEER_SECTIONS 1 | grep -E ' 1 '
fastswitch load 1 kernel $PEER_KERNEL /boot/peer/zImage
fastswitch load 1 initrd $PEER_INITRD /boot/peer/initramfs.cpio.gz
fastswitch cmdline 1 console=ttyAMA0,115200 loglevel=4 fsw.run=peer:demo
echo "--- fastswitch boot 1: instance 0 sleeps, instance 1 boots (direct path)"
fastswitch boot 1
echo "--- back in instance 0 ($(uname -r)); date: $(date +%T); fastswitch list:"
fastswitch list
for i in 1 2 3; do
	echo "--- fastswitch switch 1 (round $i)"
	fastswitch switch 1
done
echo "--- instance 0's status after the switches"
fastswitch status | grep -E '^(instance|switches|boots|last_switch|boot_request)'
echo "=== demo done"
