#!/bin/sh
# Build a peer instance: another kernel build (release
# <version>-fastswitch-NAME, hostname fastswitch-NAME, its own object
# directory), the fastswitch module built against it and its own
# initramfs, in $FSW_OUT/NAME; NAME is $FSW_PEER_NAME, default peer (the
# tests' instance 1; peer2 is their instance 2). The kernel is the 6.12
# tree unless FSW_KVER=6.1, in the configuration of fastswitch_virt.config
# unless FSW_CONFIG_VARIANT names a fragment merged over it. The initial
# instance's initramfs carries the peers in /boot/NAME, so that it can load
# and boot them at run time.
#
# With FSW_PEER_INITIAL=yes the same kernel is also made an initial
# instance, in $FSW_OUT/NAME-initial: its initramfs carries peer and peer2
# (built first) as the default initial instance's does.
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
if [ "${FSW_PEER_INITIAL:-}" = yes ]; then
	init=$FSW_OUT/$name-initial
	mkdir -p "$init"
	cp "$peer/zImage" "$peer/kdir" "$peer/kernel-debver" "$init/"
	peers="$FSW_OUT/peer $FSW_OUT/peer2"
	FSW_OUT=$init FSW_KO=$peer/mod/fastswitch/fastswitch.ko FSW_HOSTNAME=fastswitch-$name \
		FSW_INITRAMFS_PEERS="$peers" "$FSW_TOP/host/build-initramfs.sh"
fi
