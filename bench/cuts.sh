#!/bin/bash
# Measure cuts of the switch, each on its own (docs/timeline.md):
#
#   bench/cuts.sh [NAME...]     default: base and every bench/cuts/*.config
#
# A cut NAME is a kernel configuration fragment, bench/cuts/NAME.config,
# merged over fastswitch_virt.config. For each, one kernel is built in its
# own object directory (release -fastswitch-cut-NAME) with its module,
# and boots as both instances: instance 0 switches to a second copy of it
# and back FSW_BENCH_CYCLES times (default 21), both sides traced.
# "base" is the kernels of make all (instance 0 and the peer build).
# Prints, for each, the switch's kernel-side and end-to-end medians and
# the timeline's phases, as "bench: cut_NAME_..." lines, into
# out/cuts.txt. Not part of make bench: each cut is a kernel build.
set -u
FSW_TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$FSW_TOP/host/env.sh"

cycles=${FSW_BENCH_CYCLES:-21}
names=("$@")
if [ ${#names[@]} = 0 ]; then
	names=(base)
	for f in "$FSW_TOP"/bench/cuts/*.config; do
		n=${f##*/}
		names+=("${n%.config}")
	done
fi
CUTS_TXT=$FSW_OUT/cuts.txt
: >"$CUTS_TXT"
failures=0
fail() {
	echo "bench-fail: $*" >&2
	failures=$((failures + 1))
}

# cut NAME: build it (unless base), boot it traced, print its lines
cut() {
	local name=$1 top=$FSW_OUT out peer log
	if [ "$name" = base ]; then
		out=$FSW_OUT peer=peer
	else
		local frag=$FSW_TOP/bench/cuts/$name.config
		[ -f "$frag" ] || { fail "$name: no bench/cuts/$name.config"; return; }
		peer=cut-$name
		out=$FSW_OUT/$peer-initial
		FSW_PEER_NAME=$peer FSW_CONFIG_VARIANT=$frag "$FSW_TOP/host/build-peer.sh" ||
			{ fail "$name: the kernel did not build"; return; }
		mkdir -p "$out"
		cp "$FSW_OUT/$peer/zImage" "$FSW_OUT/$peer/kdir" "$FSW_OUT/$peer/kernel-debver" "$out/"
		FSW_OUT=$out FSW_KO=$top/$peer/mod/fastswitch/fastswitch.ko FSW_HOSTNAME=fastswitch-$peer \
			FSW_INITRAMFS_PEERS=$top/$peer "$FSW_TOP/host/build-initramfs.sh" ||
			{ fail "$name: no initramfs"; return; }
	fi
	log=$FSW_OUT/logs/cut-$name.log
	mkdir -p "$FSW_OUT/logs"
	echo "==> cut: $name (QEMU virt -smp 2 -m 1G, $cycles switches each way, traced)"
	FSW_OUT=$out fsw_qemu -t 1800 -l "$log" -m 1G -- loglevel=4 fsw.run=bench:switch \
		fsw.bench_cycles="$cycles" fsw.bench_path=direct fsw.testing=1 fsw.bench_trace=1 \
		fsw.bench_peer=$peer >/dev/null 2>&1
	grep -aq "FSW-GUEST-DONE switch" "$log" || { fail "$name: the guest did not finish (log: $log)"; return; }
	local line
	while IFS= read -r line; do
		case $line in
		"bench: "*) echo "bench: cut_${name}_${line#bench: }" | tee -a "$CUTS_TXT" ;;
		"bench-fail: "*) fail "$name: ${line#bench-fail: }" ;;
		esac
	done < <(tr -d '\r' <"$log" | sed 's/^peer: //' | grep -a -E '^bench(-fail)?: ' |
		grep -E 'self_cycle_median|switch_kernel_.*_median|bench-fail'
		python3 "$FSW_TOP/bench/timeline.py" --min-samples $((cycles / 2)) "$log" 2>"$FSW_OUT/logs/cut-$name.timeline.txt" |
			grep -E '_(0to1|1to0)_[A-Za-z0-9_]+_median|bench-fail')
}

for n in "${names[@]}"; do
	cut "$n"
done
echo "==> $(grep -c '^bench: ' "$CUTS_TXT") lines in $CUTS_TXT"
[ "$failures" = 0 ] || { echo "bench-fail: $failures failures" >&2; exit 1; }
