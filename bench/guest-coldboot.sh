#!/bin/sh
# Benchmark (guest side): a cold boot, for comparison with booting the same
# kernel as a second instance. The host times QEMU start to init.
echo "bench: coldboot_uptime_at_init_s $(cut -d' ' -f1 /proc/uptime) s"
