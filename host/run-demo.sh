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
# loglevel=5: warnings on the console, not the PM lines of every switch
shell_args="loglevel=5 fsw.run=demo fsw.shell=1"
# A test plays the terminal (tests/host/demo-shells.sh): FSW_DEMO_INPUT is
# a fifo it keeps open and types into, FSW_DEMO_LOG the console log
if [ -n "${FSW_DEMO_INPUT:-}" ]; then
	# shellcheck disable=SC2086
	exec "$FSW_TOP/host/qemu.sh" -t 900 -I "$FSW_DEMO_INPUT" -l "${FSW_DEMO_LOG:-/dev/null}" -- $shell_args
fi
if [ -t 0 ] && [ -t 1 ]; then
	echo "==> booting QEMU virt (-smp 2 -m 1G) through U-Boot; the demo runs, then a shell in each instance"
	# shellcheck disable=SC2086
	exec "$FSW_TOP/host/qemu.sh" -i -- $shell_args
fi
echo "==> booting QEMU virt (-smp 2 -m 1G) through U-Boot (no terminal: demo only)"
fsw_qemu -t 600 -l "$FSW_OUT/logs/demo.log" -- loglevel=5 fsw.run=demo
grep -aq '=== demo done' "$FSW_OUT/logs/demo.log" || fsw_die "the demo did not finish (log: $FSW_OUT/logs/demo.log)"
echo "==> demo done (console log: $FSW_OUT/logs/demo.log)"
