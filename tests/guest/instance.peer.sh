#!/bin/sh
# Instance 1's half of the two-instance tests (see instances.sh): booted by
# instance 0 with fsw.run=peer:instance. It checks what it learnt at boot,
# then switches back to instance 0 and, each time instance 0 switches to
# it, checks that its own state survived. After the last of fsw.switches
# it reports (KTAP, lines prefixed "peer: ") and switches back for good.
KTAP_PREFIX="peer: "
. /tests/lib.sh
SWITCHES=$(cmdline_arg fsw.switches)
TOOL_SH=$(cmdline_arg fsw.tool_sh)
BOOT_PATH=$(cmdline_arg fsw.boot_path)
tool() {
	$TOOL_SH /usr/bin/fastswitch "$@"
}

nsums=0
[ "$BOOT_PATH" = reset ] && nsums=3
ktap_plan $((12 + nsums))
check "booted as instance 1: $(uname -r)" eval '[ "$(status_field instance)" = 1 ] && uname -r | grep -q -- "-peer$" && [ "$(hostname)" = fastswitch-peer ]'
check "booted by instance 0 ($BOOT_PATH path) in $(status_field boot_us) us" [ "$(status_field boot_us)" -gt 0 ]
own=$(awk '$3 == 1 && $1 ~ /-/ { split($1, r, "-"); n += r[2] - r[1] + 1 } END { print n + 0 }' "$FSW/sections")
total=$(dmesg | sed -n 's/.*Memory: [0-9]*K\/\([0-9]*\)K available.*/\1/p')
check "its memory is its $own sections: $total kB, MemTotal $(meminfo MemTotal) kB" \
	eval '[ "$own" = 11 ] && [ "$total" = $((own * 16384)) ] && [ "$(meminfo MemTotal)" -le "$total" ]'
online=0
for s in $(seq 48 58); do
	[ "$(cat $MEMSYS/memory$(sect_block $s)/state)" = online ] && online=$((online + 1))
done
check "sections 48-58 online here ($online)" [ $online = 11 ]
check "instance 0's sections 59-60 present offline here, onlining refused" eval 'online_refused 59 && online_refused 60'
check "both CPUs online" [ "$(cat /sys/devices/system/cpu/online)" = 0-1 ]
if [ "$BOOT_PATH" = reset ]; then
	# The vector summed every section just before the reset; now again.
	cat "$FSW/section_sums" >/tmp/sums
	changed=$(awk '$6 == "changed" { printf "%s(%s) ", $1, $3 }' /tmp/sums)
	ktap_diag "sections changed since instance 0 left: $changed"
	check "every section of instance 0 is unchanged across the reset path" \
		eval '[ "$(awk "\$3 == 0" /tmp/sums | wc -l)" = 42 ] && ! awk "\$3 == 0 && \$6 != \"same\"" /tmp/sums | grep -q .'
	check "only firmware and instance 1 sections changed" \
		eval '! awk "\$6 == \"changed\" && \$3 != \"firmware\" && \$3 != \"1\"" /tmp/sums | grep -q .'
	check "the decompressor took the boot request and cleared it" \
		eval '[ "$(status_field boot_request)" = none ] && [ "$(status_field boot_requests_taken)" = 1 ]'
fi
state_start
dmesg_mark
i=0 bad_from=0 ok=1
while :; do
	before=$(counter_value)
	if [ $i = "$SWITCHES" ]; then
		state_report "$SWITCHES" "instance 1"
		check "instance 1: no WARN, BUG or Oops" dmesg_clean
		check "instance 1: every return came from instance 0" [ $bad_from = 0 ]
		ktap_diag "instance 1 done; switching back for good"
	fi
	tool switch 0 >/tmp/switch.out 2>&1 || { cat /tmp/switch.out; ok=0; }
	i=$((i + 1))
	[ "$(status_field last_switch_from)" = 0 ] || bad_from=$((bad_from + 1))
	state_check "$before"
done
