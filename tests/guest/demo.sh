#!/bin/sh
# The main job's demonstration: suspend-to-RAM through the Fastswitch
# resume vector, shown from the instance's side.
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
echo "=== demo done"
