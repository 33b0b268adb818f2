#!/bin/sh
# Benchmark (guest side, instance 0): switching between two instances.
# Baseline first, in the same boot: N self suspend/resume cycles through
# the vector (kernel side, .begin to .end). Then instance 0 boots the peer
# build (fsw.bench_path: direct or reset) and switches to it N times.
# Kernel-side switch times come from each side's status (suspend start on
# one instance to resume complete on the other); end to end, instance 0
# prints the counter before "fastswitch switch 1" (bench-start) and the
# peer's user space prints it when it runs again (bench-arrive): bench/run
# pairs them.
. /tests/lib.sh
N=$(cmdline_arg fsw.bench_cycles)
BPATH=$(cmdline_arg fsw.bench_path)
. /bench/stats.sh

: >/tmp/self
i=0
while [ $i -lt "$N" ]; do
	i=$((i + 1))
	suspend_mem || echo "bench: self cycle $i failed"
	status_field last_cycle_ns >>/tmp/self
done
stats self_cycle ms 1000000 </tmp/self
echo "bench-freq: $(page_field cnt_freq)"

fastswitch reserve $PEER_BASE $PEER_SECTIONS 1 >/dev/null
fastswitch load 1 kernel $PEER_KERNEL /boot/peer/zImage >/dev/null
fastswitch load 1 initrd $PEER_INITRD /boot/peer/initramfs.cpio.gz >/dev/null
fastswitch cmdline 1 console=ttyAMA0,115200 loglevel=4 fsw.run=peer:switch fsw.testing=1 \
	fsw.bench_cycles="$N" fsw.bench_path="$BPATH"
fastswitch boot 1 "$BPATH" >/dev/null || echo "bench: boot 1 $BPATH failed"

: >/tmp/k
i=0
while [ $i -lt "$N" ]; do
	i=$((i + 1))
	echo "bench-start: $i $(fsw-cnt)"
	fastswitch switch 1 >/dev/null || echo "bench: switch $i failed"
	status_field last_switch_us >>/tmp/k
done
stats switch_kernel_1to0 ms 1000 </tmp/k
