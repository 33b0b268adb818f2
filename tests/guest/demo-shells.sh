#!/bin/sh
# make run, both ways, checked from the host (tests/host/demo-shells.sh):
# without a terminal the demo runs by itself and QEMU exits; with one
# (the host types into the console) the demo leaves a shell in instance
# 0, and "fastswitch switch N" goes to instance N's shell and back, each
# with its own processes and files. The guest side is the demo itself
# (fsw.run=demo); this script is not run.
# qemu-host-check: tests/host/demo-shells.sh
exit 0
