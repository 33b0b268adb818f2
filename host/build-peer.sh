#!/bin/sh
# Build a peer instance: another kernel build from the same patched tree
# (release 6.12.y-fastswitch-NAME, hostname fastswitch-NAME, its own object
# directory), the fastswitch module built against it and its own
# initramfs, in $FSW_OUT/NAME; NAME is $FSW_PEER_NAME, default peer (the
# tests' instance 1; peer2 is their instance 2). The initial instance's
# initramfs carries them in /boot/NAME, so that it can load and boot the
# peers at run time.
set -eu
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"
fsw_noargs "$@"

name=${FSW_PEER_NAME:-peer}
peer=$FSW_OUT/$name
FSW_PEER=$name FSW_OUT=$peer "$FSW_TOP/host/build-kernel.sh"
fsw_build_module "$peer"
FSW_OUT=$peer FSW_KO=$peer/mod/fastswitch/fastswitch.ko FSW_INITRAMFS_PEERS=none FSW_HOSTNAME=fastswitch-$name \
	"$FSW_TOP/host/build-initramfs.sh"
