#!/bin/bash
# The main job: boot the Fastswitch guest and show suspend-to-RAM through
# the resume vector, then boot a second instance and switch between the two.
# From a terminal, leave the user at the guest's shell
# (Ctrl-A x or 'poweroff -f' ends QEMU); otherwise run the demo and exit.
set -eu
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"
fsw_noargs "$@"

mkdir -p "$FSW_OUT/logs"
if [ -t 0 ] && [ -t 1 ]; then
	echo "==> booting QEMU virt (-smp 2 -m 1G) through U-Boot; the demo runs, then a shell"
	exec "$FSW_TOP/host/qemu.sh" -i -- fsw.run=demo fsw.shell=1
fi
echo "==> booting QEMU virt (-smp 2 -m 1G) through U-Boot (no terminal: demo only)"
fsw_qemu -t 300 -l "$FSW_OUT/logs/demo.log" -- fsw.run=demo
grep -aq '=== demo done' "$FSW_OUT/logs/demo.log" || fsw_die "the demo did not finish (log: $FSW_OUT/logs/demo.log)"
echo "==> demo done (console log: $FSW_OUT/logs/demo.log)"
