#!/bin/sh
# Benchmark (guest side, instance 0, -m 2G): memory that moves.
# - switch latency with 2 and with 3 instances booted (the 1 -> 0 leg,
#   kernel side, N switches each): the ratio must stay about 1;
# - a request per section moved, from one sleeping instance (instance 1),
#   idle and with a memory hog in it, and from two (instances 1 and 2):
#   last_request_us / sections arrived, M requests each; after each, the
#   sections go back (give, then a switch so that the receiver onlines
#   them);
# - close of instance 2 per section, against the baseline of the same
#   boot: offline and online again of one of instance 0's movable sections.
# Each peer runs bench/guest-movement.peer.sh (switches back at once; when
# instance 0's mark is 1000 it starts its hog).
. /tests/lib.sh
N=$(cmdline_arg fsw.bench_cycles)
M=$((N / 5))
[ "$M" -ge 3 ] || M=3
. /bench/stats.sh

fail() {
	bench_fail "$*"
	exit 1
}

boot_peer() {
	id=$1 build=peer
	[ "$id" = 1 ] || build=peer$id
	inst_layout "$id"
	o=$(fastswitch reserve "$INST_BASE" "$INST_SECTIONS" "$id" 2>&1) || fail "reserve $id: $o"
	o=$(fastswitch load "$id" kernel "$INST_KERNEL" "/boot/$build/zImage" 2>&1) || fail "load $id: $o"
	o=$(fastswitch load "$id" initrd "$INST_INITRD" "/boot/$build/initramfs.cpio.gz" 2>&1) || fail "load $id: $o"
	o=$(fastswitch cmdline "$id" console=ttyAMA0,115200 loglevel=4 fsw.run=peer:movement \
		fsw.testing=1 movablecore=64M 2>&1) || fail "cmdline $id: $o"
	o=$(fastswitch boot "$id" 2>&1) || fail "boot $id: $o"
}

# switches NAME: N switches to instance 1 and back, the 1 -> 0 leg
switches() {
	: >/tmp/k
	i=0
	while [ $i -lt "$N" ]; do
		i=$((i + 1))
		o=$(fastswitch switch 1 2>&1) || fail "switch $i: $o"
		[ "$(status_field last_switch_from)" = 1 ] || fail "switch $i: back from $(status_field last_switch_from)"
		status_field last_switch_us >>/tmp/k
	done
	stats "$1" ms 1000 "$N" </tmp/k
}

# requests NAME COUNT IDS: M requests of COUNT sections; the time per
# section that arrived; then the sections go back to IDS (as they gave)
requests() {
	: >/tmp/r
	j=0
	while [ $j -lt "$M" ]; do
		j=$((j + 1))
		fastswitch request "$2" >/tmp/out 2>&1
		rc=$?
		[ $rc = 0 ] || [ $rc = 3 ] || fail "request $2 ($1, $j): exit $rc: $(cat /tmp/out)"
		got=$(status_field last_request_got)
		awk -v u="$(status_field last_request_us)" -v g="$got" 'BEGIN { printf "%.3f\n", u / g }' >>/tmp/r
		for g in $(status_field last_request_from); do
			o=$(fastswitch give "${g#*:}" "${g%%:*}" 2>&1) || fail "give back $g: $o"
			o=$(fastswitch switch "${g%%:*}" 2>&1) || fail "switch ${g%%:*}: $o"
		done
	done
	stats "$1" ms 1000 "$M" </tmp/r
}

# Baseline for close: offline and online one movable section of ours
: >/tmp/b
s=$(for x in $(sects_of 0); do grep -qx Movable "$MEMSYS/memory$(sect_block "$x")/valid_zones" && echo "$x"; done | tail -n 1)
b=$(sect_block "$s")
f=$(page_field cnt_freq)
i=0
while [ $i -lt "$N" ]; do
	i=$((i + 1))
	t0=$(fsw-cnt)
	o=$(fsw-write -t $MEMSYS/memory$b/state offline) && o=$(fsw-write -t $MEMSYS/memory$b/state online_movable) ||
		fail "offline/online of section $s: $o"
	t1=$(fsw-cnt)
	echo $(((t1 - t0) * 1000000 / f)) >>/tmp/b
done
stats offline_online_section ms 1000 "$N" </tmp/b

boot_peer 1
switches switch_2inst_1to0
requests request_1inst_idle_per_section 2
# instance 1 starts its hog when it sees our mark 1000
echo "mark 1000" >"$FSW/control"
o=$(fastswitch switch 1 2>&1) || fail "switch 1 (hog): $o"
requests request_1inst_hog_per_section 2
echo "mark 1001" >"$FSW/control"
o=$(fastswitch switch 1 2>&1) || fail "switch 1 (hog off): $o"

boot_peer 2
switches switch_3inst_1to0
requests request_2inst_idle_per_section 6

n=$(sects_of 2 | wc -l)
o=$(fastswitch close 2 2>&1) || fail "close 2: $o"
[ "$(status_field last_close_sections)" = "$n" ] || fail "close 2: $(status_field last_close_sections) of $n sections"
echo "bench: close_per_section $(awk -v u="$(status_field last_close_us)" -v n="$n" 'BEGIN { printf "%.3f", u / n / 1000 }') ms"
echo "bench: close_zero_per_section $(awk -v u="$(status_field last_close_zero_us)" -v n="$n" 'BEGIN { printf "%.3f", u / n / 1000 }') ms"
set -- $(status_field last_close_section_us)
echo "bench: close_section_min $(awk -v u="$2" 'BEGIN { printf "%.3f", u / 1000 }') ms"
echo "bench: close_section_median $(awk -v u="$4" 'BEGIN { printf "%.3f", u / 1000 }') ms"
echo "bench: close_section_max $(awk -v u="$6" 'BEGIN { printf "%.3f", u / 1000 }') ms"
echo "bench: close_sections $n count"
