#!/bin/sh
# Benchmark (guest side, the peer instance booted by guest-switch.sh).
KTAP_PREFIX=
. /tests/lib.sh
N=$(cmdline_arg fsw.bench_cycles)
BPATH=$(cmdline_arg fsw.bench_path)
. /bench/stats.sh
echo "peer: bench: boot_${BPATH}_ms $(awk -v u="$(status_field boot_us)" 'BEGIN { printf "%.3f", u / 1000 }') ms"
echo "peer: bench: boot_${BPATH}_uptime_at_init_s $(cut -d' ' -f1 /proc/uptime) s"
: >/tmp/k
i=0
while :; do
	if [ $i = "$N" ]; then
		stats switch_kernel_0to1 ms 1000 </tmp/k | sed 's/^/peer: /'
	fi
	fastswitch switch 0 >/dev/null
	echo "peer: bench-arrive: $((i + 1)) $(fsw-cnt)"
	i=$((i + 1))
	status_field last_switch_us >>/tmp/k
done
