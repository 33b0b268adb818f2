#!/bin/bash
# The fresh-machine check (make check-fresh): run the README's two
# commands, `make run` and `make check`, from nothing on a minimal Debian
# bookworm, as a new user would, and report how each ended.
#
#   host/fresh-machine.sh [--ref REF] [--dir DIR] [--keep]
#
# The root is made anew each run with mmdebstrap --variant=minbase (only
# Priority: required packages) plus git, make and ca-certificates, with
# this machine's apt configuration (sources, apt.conf.d, preferences,
# keyrings), so that it reaches the same package sources a fresh machine
# here would. The commit REF (default HEAD; uncommitted changes are not
# in it) is cloned inside and both commands run there with an empty cache
# (FSW_CACHE inside the root, no ccache of this machine), in their own
# mount and PID namespaces (/proc, /sys, /dev mounted there: nothing
# outlives the run, Ctrl-C included). Takes 30-40 minutes on 2 cores.
#
# DIR (default /var/tmp/fastswitch-fresh) holds root/ and logs/. The root
# is removed after a run that passed (unless --keep), kept after one that
# failed (to look inside: chroot DIR/root), and replaced by the next run.
# Exit status 0 only if both commands succeeded. Needs root; installs
# mmdebstrap if missing.
set -eu
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"

ref=HEAD dir=${FSW_FRESH_DIR:-/var/tmp/fastswitch-fresh} keep=0
while [ $# -gt 0 ]; do
	case $1 in
	--ref) ref=${2:?--ref needs a commit}; shift ;;
	--dir) dir=${2:?--dir needs a directory}; shift ;;
	--keep) keep=1 ;;
	-h | --help) fsw_usage; exit 0 ;;
	*) fsw_usage >&2; fsw_die "unknown argument: $1" ;;
	esac
	shift
done
[ "$(id -u)" = 0 ] || fsw_die "the fresh-machine check needs root (mmdebstrap, chroot, mounts)"
say() { echo "fresh-machine: $*"; }

commit=$(git -C "$FSW_TOP" rev-parse --verify -q "$ref^{commit}") || fsw_die "no commit $ref"
[ -z "$(git -C "$FSW_TOP" status --porcelain --untracked-files=no)" ] ||
	say "note: uncommitted changes in $FSW_TOP are not tested"

if ! command -v mmdebstrap >/dev/null; then
	fsw_log "apt-get install mmdebstrap (for this check only)"
	apt-get update -qq || :
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null ||
		fsw_die "cannot install mmdebstrap"
fi

root=$dir/root logs=$dir/logs
# Nothing is ever mounted under DIR in this mount namespace (the mounts
# live in the run's own namespace); refuse to delete through one.
mounted() {
	awk -v d="$dir" 'index($5, d) == 1' /proc/self/mountinfo | grep -q .
}
mounted && fsw_die "something is mounted under $dir: unmount it first"
rm -rf "$root" "$logs"
mkdir -p "$root" "$logs"

# Stop the run on Ctrl-C, SIGTERM, SIGHUP: killing unshare kills the
# PID namespace (--kill-child), and its mounts go with it.
upid=
stop() {
	[ -z "$upid" ] || kill -KILL "$upid" 2>/dev/null || :
}
for sig in INT TERM HUP; do
	# shellcheck disable=SC2064
	trap "stop; trap - $sig; kill -$sig \$\$" "$sig"
done
trap stop EXIT

# This machine's apt configuration, and every keyring a source names
# (Signed-By / signed-by=), copied into the root before apt runs there.
hook=$dir/setup-hook.sh
cat >"$hook" <<'EOF'
#!/bin/sh
set -eu
r=$1
rm -f "$r/etc/apt/sources.list"
for f in sources.list sources.list.d apt.conf.d preferences.d trusted.gpg trusted.gpg.d keyrings auth.conf.d; do
	[ -e "/etc/apt/$f" ] && cp -a "/etc/apt/$f" "$r/etc/apt/"
done
cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
	sed -n -e 's/^Signed-By:[[:space:]]*\(\/[^[:space:]]*\).*/\1/p' \
		-e 's/.*signed-by=\(\/[^] ,]*\).*/\1/p' | sort -u |
	while read -r k; do
		[ -f "$k" ] || continue
		mkdir -p "$r$(dirname "$k")"
		cp -a "$k" "$r$k"
	done
EOF
chmod +x "$hook"

t0=$(date +%s)
say "commit $(git -C "$FSW_TOP" log -1 --format='%h %s' "$commit")"
say "making a minimal Debian bookworm in $root (log: $logs/mmdebstrap.log)"
mmdebstrap --variant=minbase --include=git,make,ca-certificates \
	--setup-hook="$hook \"\$1\"" bookworm "$root" >"$logs/mmdebstrap.log" 2>&1 ||
	{ tail -n 20 "$logs/mmdebstrap.log" >&2; fsw_die "mmdebstrap failed (log: $logs/mmdebstrap.log)"; }
# Name resolution as on this machine
cp /etc/hosts /etc/resolv.conf "$root/etc/" 2>/dev/null || :
say "root made in $(($(date +%s) - t0)) s"

# The commit, pushed into a bare repository inside the root
git init -q --bare "$root/var/tmp/fastswitch.git"
git -C "$FSW_TOP" push -q "$root/var/tmp/fastswitch.git" "$commit:refs/heads/fresh"

# inside COMMAND: run COMMAND (bash -c) in the root, in new mount and PID
# namespaces with /proc, /sys and /dev, with a clean environment
inside() {
	unshare --mount --pid --fork --kill-child -- /bin/bash -c '
		set -e
		r=$1
		shift
		mount -t proc proc "$r/proc"
		mount --rbind /sys "$r/sys"
		mount --rbind /dev "$r/dev"
		exec chroot "$r" /usr/bin/env -i HOME=/root TERM=dumb \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			/bin/bash -c "$1"' fsw-fresh "$root" "$1" </dev/null &
	upid=$!
	wait "$upid"
}

inside 'git clone -q -b fresh /var/tmp/fastswitch.git /root/fastswitch' >"$logs/clone.log" 2>&1 ||
	fsw_die "git clone inside the root failed (log: $logs/clone.log)"

# make run, then make check in the clone: exit status, time, output in
# the log (the "==>" steps shown as they come)
declare -A rc secs
for target in run check; do
	say "make $target (log: $logs/make-$target.log)"
	t=$(date +%s)
	set +e
	inside "cd /root/fastswitch && make $target" > >(tee "$logs/make-$target.log" |
		grep --line-buffered -E '^(==> |fastswitch: error)' | sed -u 's/^/    /') 2>&1
	rc[$target]=$?
	set -e
	upid=
	secs[$target]=$(($(date +%s) - t))
done

summary=$(grep -aE '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$logs/make-check.log" | tail -n 1)
echo
for target in run check; do
	say "make $target: exit ${rc[$target]} ($((secs[$target] / 60)) min $((secs[$target] % 60)) s)"
done
say "make check: ${summary:-no summary line}"
if [ "${rc[run]}" = 0 ] && [ "${rc[check]}" = 0 ] && [ -n "$summary" ]; then
	if [ "$keep" = 0 ] && ! mounted; then
		rm -rf "$root"
	fi
	say "PASS (logs: $logs)"
	exit 0
fi
say "FAIL (logs: $logs; the root is kept: $root)"
exit 1
