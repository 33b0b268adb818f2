#!/bin/sh
# Build the peer instance: a second kernel build from the same patched tree
# (release 6.12.y-fastswitch-peer, its own object directory), the fastswitch
# module built against it and its own initramfs, in $FSW_OUT/peer. The
# initial instance's initramfs carries them in /boot/peer, so that it can
# load and boot the peer at run time.
set -eu
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"
fsw_noargs "$@"

peer=$FSW_OUT/peer
FSW_PEER=1 FSW_OUT=$peer "$FSW_TOP/host/build-kernel.sh"
fsw_build_module "$peer"
FSW_OUT=$peer FSW_KO=$peer/mod/fastswitch/fastswitch.ko FSW_INITRAMFS_PEER=none FSW_HOSTNAME=fastswitch-peer \
	"$FSW_TOP/host/build-initramfs.sh"
