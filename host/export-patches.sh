#!/bin/sh
# Write the kernel tree's commits on top of debian-base back to patches/
# (after editing them in $FSW_CACHE/linux-<version>/src with git commit
# --amend or rebase). No signature, and blank context lines without their
# single space (git am reads them the same), so that checkpatch finds no
# trailing whitespace in the files themselves. The cover letter
# (patches/0000-cover-letter.patch) is kept as it is.
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
find "$FSW_TOP/patches" -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' -delete
{
	echo "# Applied in order with git am on Debian's linux-source-6.12."
	for p in "$tmp"/*.patch; do
		sed 's/^ $//' "$p" >"$FSW_TOP/patches/$(basename "$p")"
		basename "$p"
	done
} >"$FSW_TOP/patches/series"
fsw_log "patches/: $(grep -vc '^#' "$FSW_TOP/patches/series") patches from $src"
