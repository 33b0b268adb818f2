#!/bin/sh
# Assemble the guest's initramfs: BusyBox and mksh (Debian armhf), the
# fastswitch module, the shell tools of scripts/, the guest tests and their
# helper programs (tests/guest/*.c, built static for armhf), the kernel's
# own modules and its memory hotplug selftest (run unmodified).
set -eu
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"
fsw_noargs "$@"

debs=$FSW_CACHE/debs
ko=${FSW_KO:-$FSW_TOP/fastswitch/fastswitch.ko}
[ -f "$ko" ] || fsw_die "$ko is missing (make module)"
kobj=$(cat "$FSW_OUT/kdir" 2>/dev/null) || fsw_die "no kernel build (make kernel)"
ksrc=$(dirname "$kobj")/src

ext=$FSW_CACHE/armhf
if [ ! -x "$ext/bin/busybox" ] || [ ! -x "$ext/usr/lib/arm-linux-musleabihf/bin/mksh" ]; then
	rm -rf "$ext"
	mkdir -p "$ext"
	for d in "$debs"/busybox-static_*_armhf.deb "$debs"/mksh_*_armhf.deb; do
		[ -f "$d" ] || fsw_die "missing $d (host/deps.sh downloads it)"
		dpkg-deb -x "$d" "$ext"
	done
fi

st=$FSW_OUT/initramfs
rm -rf "$st"
mkdir -p "$st"/bin "$st"/sbin "$st"/usr/bin "$st"/usr/sbin "$st"/dev "$st"/proc \
	"$st"/sys "$st"/tmp "$st"/etc "$st"/root "$st"/lib/modules "$st"/tests "$st"/bench
cp "$ext/bin/busybox" "$st/bin/busybox"
cp "$ext/usr/lib/arm-linux-musleabihf/bin/mksh" "$st/bin/mksh"
cp "$ko" "$st/lib/modules/"
cp "$FSW_TOP/tests/guest/init" "$st/init"
cp "$FSW_TOP/tests/guest/profile" "$st/etc/profile"
for f in "$FSW_TOP"/scripts/*; do
	cp "$f" "$st/usr/bin/"
done
cp "$FSW_TOP"/tests/guest/*.sh "$st/tests/"
# the errors table of docs/debugfs.md, which tests/guest/errno-table.sh checks
cp "$FSW_TOP/docs/debugfs.md" "$st/tests/"
mkdir -p "$st/tests/kselftest"
cp "$ksrc/tools/testing/selftests/memory-hotplug/mem-on-off-test.sh" "$st/tests/kselftest/"
make -s -C "$kobj" ARCH=arm CROSS_COMPILE="$FSW_CROSS" INSTALL_MOD_PATH="$st" \
	INSTALL_MOD_STRIP=1 modules_install >/dev/null ||
	fsw_die "modules_install failed"
rm -f "$st"/lib/modules/*/build "$st"/lib/modules/*/source
cp "$FSW_TOP"/bench/guest-*.sh "$FSW_TOP/bench/stats.sh" "$FSW_TOP/bench/trace.sh" "$st/bench/"
for c in "$FSW_TOP"/tests/guest/*.c; do
	n=$(basename "$c" .c)
	"${FSW_CROSS}gcc" -static -O2 -Wall -Wextra -Werror -o "$st/usr/bin/$n" "$c"
done
chmod 755 "$st/init" "$st"/usr/bin/* "$st"/tests/*.sh "$st"/tests/kselftest/*.sh "$st"/bench/*.sh
# The initial instance carries the peer instances' kernels and initramfs
peers=${FSW_INITRAMFS_PEERS:-$FSW_OUT/peer $FSW_OUT/peer2 $FSW_OUT/v61}
if [ "$peers" != none ]; then
	for peer in $peers; do
		[ -f "$peer/zImage" ] && [ -f "$peer/initramfs.cpio.gz" ] ||
			fsw_die "no peer instance in $peer (host/build-peer.sh)"
		mkdir -p "$st/boot/${peer##*/}"
		cp "$peer/zImage" "$peer/initramfs.cpio.gz" "$peer/initramfs/etc/kernel-build" \
			"$st/boot/${peer##*/}/"
	done
fi
# What this kernel is: its release and the configuration the tests tell
# kernels apart by (tests/guest/lib.sh: kernel_build)
awk -v release="$(cat "$kobj/include/config/kernel.release")" '
	BEGIN { print "release=" release }
	/^CONFIG_HZ=/ { print "hz=" substr($0, 11) }
	/^CONFIG_NR_CPUS=/ { print "nr_cpus=" substr($0, 16) }
	/^CONFIG_PREEMPT_NONE=y/ { print "preempt=none" }
	/^CONFIG_PREEMPT_VOLUNTARY=y/ { print "preempt=voluntary" }
	/^CONFIG_PREEMPT=y/ { print "preempt=full" }
	/^CONFIG_HZ_PERIODIC=y/ { print "tick=periodic" }
	/^CONFIG_NO_HZ_IDLE=y/ { print "tick=idle" }' "$kobj/.config" >"$st/etc/kernel-build"
echo "${FSW_HOSTNAME:-fastswitch}" >"$st/etc/hostname"
echo "root:x:0:0:root:/root:/bin/sh" >"$st/etc/passwd"

(cd "$st" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -9n >"$FSW_OUT/initramfs.cpio.gz"
fsw_log "initramfs -> $FSW_OUT/initramfs.cpio.gz ($(du -k "$FSW_OUT/initramfs.cpio.gz" | cut -f1) KiB)"
