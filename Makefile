# Fastswitch: top-level build, run, test and benchmark.
#
#   make run     build everything, boot QEMU, show Fastswitch at work
#   make check   build everything and run the test suite
#   make check-long   the same with the full soaks (fsw.long=1)
#   make check-fresh  make run and make check on a fresh minimal Debian
#                (host/fresh-machine.sh; 45-50 minutes)
#   make bench   build everything and run the benchmarks
#
# Kbuild in this directory builds the module against the patched kernel
# (make -C $(KDIR) M=$(CURDIR)); this Makefile drives the whole flow.
# Caches (kernel tree and objects, ccache, packages) live in
# $(FSW_CACHE), default ~/.cache/fastswitch; outputs in out/.

SHELL := /bin/bash
TOP := $(CURDIR)
OUT := $(TOP)/out
CROSS := arm-linux-gnueabihf-
KDIR = $(shell cat $(OUT)/kdir 2>/dev/null)
# Commands that boot QEMU get SIGTERM if make dies (even by SIGKILL): they
# stop their QEMU then
DIES_WITH_MAKE := setpriv --pdeathsig TERM

.PHONY: all deps kernel module peer initramfs run check check-long check-host check-fresh bench clean

all: initramfs

deps:
	@$(TOP)/host/deps.sh

kernel: deps
	@$(TOP)/host/build-kernel.sh

module: kernel
	@echo "==> module: make -C $(KDIR) M=$(TOP)"
	@$(MAKE) -s -C $(KDIR) ARCH=arm CROSS_COMPILE=$(CROSS) \
		CC="ccache $(CROSS)gcc" M=$(TOP) modules

# The other instances, each with its module: peer, another build of the
# same tree; peer2, the same tree in another configuration; v61, Debian's
# 6.1 with its own series (also an initial instance, in out/v61-initial)
peer: module
	@$(TOP)/host/build-peer.sh
	@FSW_PEER_NAME=peer2 FSW_CONFIG_VARIANT=arch/arm/configs/fastswitch_variant.config \
		$(TOP)/host/build-peer.sh
	@FSW_PEER_NAME=v61 FSW_KVER=6.1 FSW_PEER_INITIAL=yes $(TOP)/host/build-peer.sh

initramfs: module peer
	@$(TOP)/host/build-initramfs.sh

run: all
	@$(DIES_WITH_MAKE) $(TOP)/host/run-demo.sh

check: all
	@$(DIES_WITH_MAKE) $(TOP)/tests/run

check-long: all
	@$(DIES_WITH_MAKE) $(TOP)/tests/run --long

check-host:
	@$(DIES_WITH_MAKE) $(TOP)/tests/run --host-only

# Not part of check: it builds everything twice from nothing in a new root
check-fresh:
	@$(DIES_WITH_MAKE) $(TOP)/host/fresh-machine.sh

bench: all
	@$(DIES_WITH_MAKE) $(TOP)/bench/run

clean:
	@if [ -n "$(KDIR)" ] && [ -d "$(KDIR)" ]; then \
		$(MAKE) -s -C $(KDIR) ARCH=arm CROSS_COMPILE=$(CROSS) M=$(TOP) clean; fi
	rm -rf $(OUT)
