#!/bin/sh
# Build the patched kernel: Debian's linux-source-$FSW_KVER (6.12 unless
# FSW_KVER=6.1), patches/$FSW_KVER/series applied with git am, the new files
# of arch/arm/ and memhotplug/ copied in, the fastswitch_virt config
# fragment merged onto allnoconfig (and FSW_CONFIG_VARIANT's fragment, if
# set, over it: another configuration of the same tree).
#
# The source tree and the objects live in $FSW_CACHE/linux-<version>/, keyed
# by the Debian version, so that a rebuild only recompiles what changed.
set -eu
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"
fsw_noargs "$@"

debver=$(fsw_kernel_debver)
[ -n "$debver" ] || fsw_die "linux-source-$FSW_KVER is not installed (run host/deps.sh)"
[ -f "$FSW_KSRC_TAR" ] || fsw_die "$FSW_KSRC_TAR is missing"
kroot=$FSW_CACHE/linux-$debver
src=$kroot/src
obj=$kroot/obj
# Other section sizes and the peer build in their own object directory
[ "$FSW_SECTION_BITS" = 24 ] || obj=$kroot/obj-s$FSW_SECTION_BITS
# FSW_PEER=NAME: another build, release -fastswitch-NAME, hostname fastswitch-NAME
[ -z "${FSW_PEER:-}" ] || obj=$obj-$FSW_PEER
# Sibling object directories share ccache entries (paths made relative)
export CCACHE_BASEDIR=$kroot
fsw_log "kernel: Debian linux-source-$FSW_KVER $debver"

git_k() {
	git -C "$src" -c user.name=fastswitch -c user.email=fastswitch@localhost \
		-c advice.detachedHead=false "$@"
}

if ! git_k rev-parse -q --verify refs/tags/debian-base >/dev/null 2>&1; then
	fsw_log "extracting $FSW_KSRC_TAR (first build for $debver)"
	rm -rf "$kroot"
	mkdir -p "$kroot"
	tar -C "$kroot" -xf "$FSW_KSRC_TAR"
	mv "$kroot/linux-source-$FSW_KVER" "$src"
	git_k init -q
	git_k add -A -f
	git_k commit -q -m "Debian linux-source-$FSW_KVER $debver"
	git_k tag debian-base
fi

# Apply the series only when it changed since the last build: resetting
# rewrites the patched files and costs their recompilation.
stamp=$(cat "$FSW_PATCHES/series" $(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' \
	-e "s|^|$FSW_PATCHES/|" "$FSW_PATCHES/series") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$kroot/series.stamp" 2>/dev/null)" != "$stamp" ]; then
	fsw_log "applying patches/$FSW_KVER/series"
	rm -f "$kroot/series.stamp"
	git_k am --abort >/dev/null 2>&1 || true
	git_k checkout -q -f debian-base
	git_k clean -q -fd
	for p in $(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$FSW_PATCHES/series"); do
		if ! git_k am -q --keep-cr "$FSW_PATCHES/$p" >"$kroot/am.log" 2>&1; then
			cat "$kroot/am.log" >&2
			git_k am --abort >/dev/null 2>&1 || true
			fsw_die "patch does not apply: patches/$FSW_KVER/$p"
		fi
		echo "    applied $p"
	done
	echo "$stamp" >"$kroot/series.stamp"
fi

# New kernel files are kept as plain files; copy those that changed.
(cd "$FSW_TOP" && find arch memhotplug -type f 2>/dev/null) | while read -r f; do
	if ! cmp -s "$FSW_TOP/$f" "$src/$f"; then
		mkdir -p "$(dirname "$src/$f")"
		cp "$FSW_TOP/$f" "$src/$f"
	fi
done

frag=$src/arch/arm/configs/fastswitch_virt.config
if [ "$FSW_SECTION_BITS" != 24 ] || [ -n "${FSW_PEER:-}" ]; then
	# The peer instance is another build: its own release and hostname.
	mkdir -p "$obj"
	sed -e "s/^CONFIG_ARM_SECTION_SIZE_BITS=.*/CONFIG_ARM_SECTION_SIZE_BITS=$FSW_SECTION_BITS/" \
		${FSW_PEER:+-e "s/^CONFIG_LOCALVERSION=.*/CONFIG_LOCALVERSION=\"-fastswitch-$FSW_PEER\"/"} \
		${FSW_PEER:+-e "s/^CONFIG_DEFAULT_HOSTNAME=.*/CONFIG_DEFAULT_HOSTNAME=\"fastswitch-$FSW_PEER\"/"} \
		"$frag" >"$obj/fastswitch_virt.config"
	frag=$obj/fastswitch_virt.config
fi
if [ -n "${FSW_CONFIG_VARIANT:-}" ]; then
	# Another configuration of the same tree: the variant's lines win
	# over the base fragment's (those of the symbols it sets are dropped),
	# as scripts/kconfig/merge_config.sh does.
	# A relative path is in the kernel tree (arch/arm/configs/), an
	# absolute one anywhere (bench/cuts/*.config).
	case $FSW_CONFIG_VARIANT in
	/*) variant=$FSW_CONFIG_VARIANT ;;
	*) variant=$src/$FSW_CONFIG_VARIANT ;;
	esac
	[ -f "$variant" ] || fsw_die "no config fragment $FSW_CONFIG_VARIANT"
	mkdir -p "$obj"
	awk 'FNR == NR { if (match($0, /CONFIG_[A-Za-z0-9_]+/)) set[substr($0, RSTART, RLENGTH)] = 1; next }
		match($0, /CONFIG_[A-Za-z0-9_]+/) && (substr($0, RSTART, RLENGTH) in set) { next }
		{ print }' "$variant" "$frag" >"$obj/fastswitch_merged.config"
	cat "$variant" >>"$obj/fastswitch_merged.config"
	frag=$obj/fastswitch_merged.config
fi
kmake() {
	make -s -C "$src" O="$obj" ARCH=arm CROSS_COMPILE="$FSW_CROSS" \
		CC="ccache ${FSW_CROSS}gcc" KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026" \
		KBUILD_BUILD_USER=fastswitch KBUILD_BUILD_HOST=qemu LOCALVERSION= "$@"
}
mkdir -p "$obj"
kmake allnoconfig KCONFIG_ALLCONFIG="$frag" >/dev/null
# Every line of the fragment must have survived Kconfig.
bad=$(sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*=.*\)$/\1/p' -e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1=n/p' "$frag" |
	while IFS= read -r l; do
		sym=${l%%=*}
		want=${l#*=}
		have=$(sed -n "s/^$sym=//p" "$obj/.config")
		[ -n "$have" ] || have=n
		[ "$have" = "$want" ] || echo "$sym: wanted $want, got $have"
	done)
[ -z "$bad" ] || fsw_die "config fragment not honoured:
$bad"

fsw_log "make zImage modules (-j$FSW_JOBS, ccache in $CCACHE_DIR)"
kmake -j"$FSW_JOBS" zImage modules
mkdir -p "$FSW_OUT"
cp "$obj/arch/arm/boot/zImage" "$FSW_OUT/zImage"
echo "$obj" >"$FSW_OUT/kdir"
echo "$debver" >"$FSW_OUT/kernel-debver"
fsw_log "kernel $(cat "$obj/include/config/kernel.release") -> $FSW_OUT/zImage"
