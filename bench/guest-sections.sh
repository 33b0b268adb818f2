#!/bin/sh
# Benchmark (guest side): time to offline and to online one section
# (memory block) of ZONE_MOVABLE, idle and under a memory hog; memmap,
# table and shared-region overhead as a share of RAM. Baselines from the
# same boot: the idle figures, and a pm_test=core suspend cycle.
. /tests/lib.sh
N=3
for arg in $(cat /proc/cmdline); do
	case $arg in fsw.bench_rounds=*) N=${arg#fsw.bench_rounds=} ;; esac
done

. /bench/stats.sh

median() {
	sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure NAME: N rounds over the movable blocks, 4 at a time: offline
# each of the 4 (timed), then online each movable (timed). Four in a row
# is what giving sections to an instance does; under the hog there is
# room for four. Times in /tmp/off.NAME and /tmp/on.NAME (ns).
measure() {
	: >/tmp/off.$1
	: >/tmp/on.$1
	r=0
	while [ $r -lt $N ]; do
		set -- "$1" $movable
		name=$1
		shift
		while [ $# -ge 4 ]; do
			blocks="$1 $2 $3 $4"
			shift 4
			for b in $blocks; do
				o=$(fsw-write -t $MEMSYS/memory$b/state offline) &&
					echo "${o#OK }" >>/tmp/off.$name ||
					bench_fail "memory$b offline: $o"
			done
			for b in $blocks; do
				o=$(fsw-write -t $MEMSYS/memory$b/state online_movable) &&
					echo "${o#OK }" >>/tmp/on.$name ||
					bench_fail "memory$b online: $o"
			done
		done
		set -- "$name"
		r=$((r + 1))
	done
}

movable=$(movable_blocks)
echo "bench: movable_sections $(echo $movable | wc -w) count"
echo "bench: section_size $(sect_field section_size | cut -d' ' -f1) MiB"

measure idle
stats offline_idle ms 1000000 </tmp/off.idle
stats online_idle ms 1000000 </tmp/on.idle

# Leave room for the four sections offlined in a row, and 64 MiB: with
# less, the kernel cannot migrate the hog's pages and offline_pages()
# retries until a signal stops it.
sec=$(sect_field section_size | cut -d' ' -f1)
hog=$(($(meminfo MemFree) / 1024 - 4 * sec - 64))
echo "bench: hog_size $hog MiB"
hog_start $hog || bench_fail "the hog ($hog MiB) did not start"
measure hog
stats offline_hog ms 1000000 </tmp/off.hog
stats online_hog ms 1000000 </tmp/on.hog
verdict=$(hog_check)
echo "bench: hog_data_intact $([ "${verdict%% *}" = ok ] && echo 1 || echo 0) bool"
[ "${verdict%% *}" = ok ] || bench_fail "the hog's data changed: $verdict"
hog_stop

# Baseline, same boot: a suspend cycle of the same kernel (everything but
# the platform: pm_test=core), to put the hotplug times in proportion
echo 0 >/sys/module/suspend/parameters/pm_test_delay
echo core >/sys/power/pm_test
: >/tmp/susp
i=0
while [ $i -lt 10 ]; do
	if u=$(fsw-suspend mem); then echo "$u" >>/tmp/susp; else bench_fail "pm_test=core cycle $i: $u"; fi
	i=$((i + 1))
done
echo none >/sys/power/pm_test
stats baseline_pmtest_core_write ms 1000000 </tmp/susp

oi=$(median </tmp/off.idle) oh=$(median </tmp/off.hog) ni=$(median </tmp/on.idle)
nh=$(median </tmp/on.hog) sb=$(median </tmp/susp)
awk -v oi="$oi" -v oh="$oh" -v ni="$ni" -v nh="$nh" -v sb="$sb" 'BEGIN {
	printf "bench: ratio_offline_hog_vs_idle %.2f x\n", oh / oi
	printf "bench: ratio_online_hog_vs_idle %.2f x\n", nh / ni
	printf "bench: ratio_offline_idle_vs_suspend_cycle %.3f x\n", oi / sb
	printf "bench: ratio_offline_hog_vs_suspend_cycle %.3f x\n", oh / sb
}'

# Overheads, as a share of the machine's RAM
sec=$(sect_field section_size | cut -d' ' -f1)
ram=$(($(sect_field sections) * sec))
memmap=$(sect_field memmap_per_section | cut -d' ' -f1)
shared=$(sed -n 's/^region: .* size //p' "$FSW/status")
awk -v ram="$ram" -v mm="$memmap" -v sec="$sec" -v shared="$((shared))" 'BEGIN {
	printf "bench: memmap_per_section %d KiB\n", mm / 1024
	printf "bench: memmap_share_of_ram %.3f %%\n", 100 * mm / (sec * 1048576)
	printf "bench: table_share_of_ram %.5f %%\n", 100 * 4096 / (ram * 1048576)
	printf "bench: shared_region_share_of_ram %.3f %%\n", 100 * shared / (ram * 1048576)
}'
