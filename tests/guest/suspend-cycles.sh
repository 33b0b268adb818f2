#!/bin/sh
# Suspend-to-RAM through the Fastswitch resume vector, 100 times, -smp 2.
# qemu-opts: -s 2
# qemu-append: fsw.cycles=100
. /tests/lib.sh

N=100
for arg in $(cat /proc/cmdline); do
	case $arg in fsw.cycles=*) N=${arg#fsw.cycles=} ;; esac
done

ktap_plan 11
check "mem_sleep offers s2idle and deep, deep selected" \
	grep -q 's2idle \[deep\]' /sys/power/mem_sleep

counter_start
echo "tmpfs witness $$ $(date)" >/tmp/witness
witness=$(md5sum </tmp/witness)
fsw-canary 64 /tmp/canary &
CANARY=$!
while [ ! -s /tmp/canary ]; do usleep 20000; done
canary0=$(cut -d' ' -f2 /tmp/canary)
ktap_diag "64 MiB canary checksum $canary0"

resumes0=$(status_field vector_resumes)
vec0=$(page_field vector_count)
succ0=$(cat /sys/power/suspend_stats/success)
dmesg_mark
failures=0 stalls=0 i=1
while [ "$i" -le "$N" ]; do
	before=$(counter_value)
	if ! suspend_mem; then
		failures=$((failures + 1))
		ktap_diag "cycle $i: echo mem > /sys/power/state failed"
	fi
	counter_wait_past "$before"
	i=$((i + 1))
done
ktap_diag "counter at $(counter_value) after $N cycles"
check "$N consecutive echo mem returned 0" [ "$failures" = 0 ]
check "every cycle resumed through the vector (status vector_resumes +$N)" \
	[ $(($(status_field vector_resumes) - resumes0)) -eq "$N" ]
check "the instance page counted $N passes (vector_count +$N)" \
	[ $(($(page_field vector_count) - vec0)) -eq "$N" ]
check "suspend_stats counted $N successes" \
	[ $(($(cat /sys/power/suspend_stats/success) - succ0)) -eq "$N" ]
check "no refusal and no error" [ "$(status_field refusals)/$(status_field errors)" = 0/0 ]
check "background counter still running" kill -0 "$COUNTER_PID"
check "tmpfs file unchanged" [ "$(md5sum </tmp/witness)" = "$witness" ]
kill -USR1 "$CANARY"
while ! grep -q '^2 ' /tmp/canary; do usleep 20000; done
ktap_diag "canary after cycles: $(cat /tmp/canary)"
check "64 MiB RAM canary keeps its checksum" \
	[ "$(cat /tmp/canary)" = "2 $canary0 ok" ]
check "every CPU online ($ALL_CPUS)" [ "$(cat /sys/devices/system/cpu/online)" = "$ALL_CPUS" ]
check "dmesg has no WARN, BUG or Oops" dmesg_clean
kill "$COUNTER_PID" "$CANARY"
