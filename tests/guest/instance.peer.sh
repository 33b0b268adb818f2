#!/bin/sh
# Instance 1's half of the two-instance tests (see instances.sh): booted by
# instance 0 with fsw.run=peer:instance. It checks what it learnt at boot,
# then switches back to instance 0 and, each time instance 0 switches to
# it, checks that its own state survived. After the last of fsw.switches
# it reports (KTAP, lines prefixed "peer: ") and switches back for good.
# Its figures come from the table and the running system: its sections
# are those the table gives to instance 1 (lib.sh: PEER_FIRST..PEER_LAST),
# its memory range runs from them to the end of instance memory, and the
# sections of instance 0 inside that range must be offline here.
KTAP_PREFIX="peer: "
. /tests/lib.sh
SWITCHES=$(cmdline_arg fsw.switches)
TOOL_SH=$(cmdline_arg fsw.tool_sh)
BOOT_PATH=$(cmdline_arg fsw.boot_path)
PEER_NAME=$(cmdline_arg fsw.peer_name)
PEER_NAME=${PEER_NAME:-peer}
tool() {
	$TOOL_SH /usr/bin/fastswitch "$@"
}

nreset=0
[ "$BOOT_PATH" = reset ] && nreset=1
ktap_plan $((16 + nreset))
run=1
echo "mark $run" >"$FSW/control"
check "booted as instance 1: $PEER_NAME, $(kernel_what), $(uname -v)" \
	eval '[ "$(status_field instance)" = 1 ] && kernel_is_build && uname -r | grep -q -- "-$PEER_NAME\$" && [ "$(hostname)" = "fastswitch-$PEER_NAME" ]'
check "booted by instance 0 ($BOOT_PATH path) in $(status_field boot_us) us" [ "$(status_field boot_us)" -gt 0 ]
own=$(sects_of 1 | wc -l)
total=$(dmesg | sed -n 's/.*Memory: [0-9]*K\/\([0-9]*\)K available.*/\1/p')
check "its memory is its $own sections $PEER_FIRST-$PEER_LAST ($PEER_BASE): $total kB, MemTotal $(meminfo MemTotal) kB" \
	eval '[ "$own" -ge 1 ] && [ "$own" = "$PEER_SECTIONS" ] && [ "$total" = $((own * $(sect_kb))) ] && [ "$(meminfo MemTotal)" -le "$total" ]'
# Its memory blocks: the online ones are exactly its own sections
online_blocks=$(grep -l '^online$' $MEMSYS/memory[0-9]*/state | sed 's,.*/memory\([0-9]*\)/state,\1,' | sort -n | tr '\n' ' ')
own_blocks=$(for s in $(sects_of 1); do sect_block "$s"; done | sort -n | tr '\n' ' ')
check "the blocks online here are exactly its sections' ($own_blocks)" [ "$online_blocks" = "$own_blocks" ]
# Instance 0's sections inside its range: above its own, up to the end of
# the last section any instance owns
inside=$(sects_of 0 | awk -v f="$PEER_FIRST" '$1 > f' | tr '\n' ' ')
nrefused=0
for s in $inside; do
	online_refused "$s" && nrefused=$((nrefused + 1))
done
check "instance 0's sections inside its range ($inside) present offline here, onlining refused ($nrefused)" \
	eval '[ -n "$inside" ] && [ "$nrefused" = "$(echo $inside | wc -w)" ]'
check "every CPU online ($ALL_CPUS)" [ "$(cat /sys/devices/system/cpu/online)" = "$ALL_CPUS" ]
# The vector summed every section as instance 0 left; now again.
check "every section of instance 0 ($(sects_of 0 | wc -l)) is unchanged by the $BOOT_PATH boot" \
	eval '[ "$(status_field section_sums_taken)" = 1 ] && sums_unchanged'
changed=$(awk '$6 == "changed" { printf "%s(%s) ", $1, $3 }' /tmp/sums)
ktap_diag "sections changed since instance 0 left: $changed"
if [ "$BOOT_PATH" = reset ]; then
	check "only firmware and instance 1 sections changed" \
		eval '! awk "\$6 == \"changed\" && \$3 != \"firmware\" && \$3 != \"1\"" /tmp/sums | grep -q .'
	check "the decompressor took the boot request and cleared it" \
		eval '[ "$(status_field boot_request)" = none ] && [ "$(status_field boot_requests_taken)" = 1 ]'
else
	check "only instance 1's own sections changed: no firmware ran" \
		eval '! awk "\$6 == \"changed\" && \$3 != \"1\"" /tmp/sums | grep -q .'
fi
state_start
dmesg_mark
i=0 bad_run=0 bad_switch=0
while :; do
	before=$(counter_value)
	if [ $i = "$SWITCHES" ]; then
		state_report "$SWITCHES" "instance 1"
		check "instance 1: no WARN, BUG or Oops" dmesg_clean
		check "instance 1: every switch 0 succeeded ($bad_switch failed)" [ $bad_switch = 0 ]
		check "instance 1: instance 0's user space ran before every return ($bad_run did not)" [ $bad_run = 0 ]
		check "after $SWITCHES switches, every section of instance 0 is as it left it the last time" \
			eval '[ "$(status_field section_sums_taken)" = 2 ] && sums_unchanged'
		ktap_diag "sums taken $(status_field section_sums_taken); changed: $(awk '$6 == "changed" { printf "%s(%s) ", $1, $3 }' /tmp/sums)"
		ktap_diag "instance 1 done; switching back for good"
	fi
	tool switch 0 >/tmp/switch.out 2>&1 || { cat /tmp/switch.out; bad_switch=$((bad_switch + 1)); }
	i=$((i + 1))
	run=$((run + 1))
	tool mark $run >/tmp/mark.out 2>&1 || cat /tmp/mark.out
	[ "$(inst_mark 0)" = "$i" ] || bad_run=$((bad_run + 1))
	state_check "$before"
done
