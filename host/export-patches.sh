#!/bin/sh
# Write the kernel tree's commits on top of debian-base back to
# patches/$FSW_KVER/ (FSW_KVER=6.12, the default, or 6.1; after editing them
# in $FSW_CACHE/linux-<version>/src with git commit --amend or rebase). No signature, and blank context lines without their
# single space (git am reads them the same), so that checkpatch finds no
# trailing whitespace in the files themselves. The cover letter
# (0000-cover-letter.patch) is kept as it is.
set -eu
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"
fsw_noargs "$@"

src=$FSW_CACHE/linux-$(fsw_kernel_debver)/src
git -C "$src" rev-parse -q --verify refs/tags/debian-base >/dev/null ||
	fsw_die "no kernel tree at $src (make kernel)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$src" format-patch -q --no-signature debian-base -o "$tmp"
mkdir -p "$FSW_PATCHES"
find "$FSW_PATCHES" -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' -delete
{
	echo "# Applied in order with git am on Debian's linux-source-$FSW_KVER."
	for p in "$tmp"/*.patch; do
		sed 's/^ $//' "$p" >"$FSW_PATCHES/$(basename "$p")"
		basename "$p"
	done
} >"$FSW_PATCHES/series"
fsw_log "patches/$FSW_KVER/: $(grep -vc '^#' "$FSW_PATCHES/series") patches from $src"
