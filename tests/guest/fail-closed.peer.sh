#!/bin/sh
# Instance 1's half of fail-closed.sh: booted while instance 0 had
# corrupted the ownership table, with a command line of exactly the
# kernel's 1023 bytes. It checks that it used only the sections its boot
# parameters (/chosen/fastswitch,memory) give it and that no section but
# those and the shared region changed since instance 0 left (section sums
# taken by the vector, MMU off), that its command line was not cut, and
# that the table is refused for every change. It then puts the table back
# and switches to instance 0; each later time it runs it advances its mark
# and switches back.
KTAP_PREFIX="peer: "
. /tests/lib.sh
C=$FSW/control

# own_sections: its sections from the boot parameters, one index a line
own_sections() {
	ac=$((0x$(dt_cells /proc/device-tree/#address-cells)))
	sc=$((0x$(dt_cells /proc/device-tree/#size-cells)))
	base=$(sed -n 's/^base: //p' "$FSW/sections")
	dt_cells /proc/device-tree/chosen/fastswitch,memory | awk -v ac="$ac" -v sc="$sc" '
		{ w = w $1; n++; if (n == ac) { a = w; w = "" } if (n == ac + sc) { print a, w; w = ""; n = 0 } }' |
		while read -r a s; do
			first=$(( (0x$a - base) / $(sect_bytes) ))
			i=0
			while [ $i -lt $((0x$s / $(sect_bytes))) ]; do
				echo $((first + i))
				i=$((i + 1))
			done
		done
}

ktap_plan 8
own=$(own_sections | tr '\n' ' ')
nown=$(echo $own | wc -w)
ktap_diag "instance 1: $(uname -r); its sections from its boot parameters: $own"
check "booted as instance 1 of another build" \
	eval '[ "$(status_field instance)" = 1 ] && uname -r | grep -q -- "-peer$"'
check "the table is refused at boot, and instance 1 says it uses only its $nown sections" \
	eval 'dmesg | grep -q "fastswitch: ownership table at .*: bad checksum: instance 1 uses only the $nown sections its boot parameters give it; no section can move"'
total=$(dmesg | sed -n 's/.*Memory: [0-9]*K\/\([0-9]*\)K available.*/\1/p')
check "its memory is those sections: $total kB" \
	eval '[ "$nown" -gt 0 ] && [ "$total" = $((nown * $(sect_kb))) ]'

shared=$(( ($(status_field region | cut -d' ' -f1) - $(sect_field base)) / $(sect_bytes) ))
awk '$6 == "changed" { print $1 }' "$FSW/section_sums" >/tmp/changed
ktap_diag "sections changed since instance 0 left: $(tr '\n' ' ' </tmp/changed)(shared region: s$shared)"
bad=0
while read -r i; do
	case " $own $shared " in *" $i "*) ;; *) bad=$((bad + 1)) ;; esac
done </tmp/changed
check "only its own sections and the shared region changed since instance 0 left ($(wc -l </tmp/changed) changed)" \
	eval '[ "$(status_field section_sums_taken)" -ge 1 ] && [ $bad = 0 ] && [ "$(grep -c " same$" $FSW/section_sums)" -gt 0 ]'

check "its command line is the kernel's whole 1023 bytes, generated parameters first" \
	eval '[ "$(tr -d "\n" </proc/cmdline | wc -c)" = 1023 ] && grep -q "^fastswitch_mem=[^ ]* fastswitch_id=1 console=" /proc/cmdline && grep -q " fsw.end=1$" /proc/cmdline'
off=$(for d in $MEMSYS/memory[0-9]*; do grep -qx offline "$d/state" && echo "${d##*memory}"; done | head -n 1)
r=$( [ -n "$off" ] && fsw-write "$MEMSYS/memory$off/state" online)
r2=$(fsw-write $C "free $(sect_field base) 1")
check "with no trusted table, every change is refused: online of block $off $r, free $r2" \
	eval '[ "$r" = EPERM ] && [ "$r2" = EBADMSG ]'

echo "inject table" >$C
check "the table flipped back checks, but this kernel still moves nothing" \
	eval '[ "$(sect_field check)" = ok ] && [ "$(sect_field usable)" = no ]'
check "instance 1: no WARN, BUG or Oops" dmesg_clean
i=0
while :; do
	i=$((i + 1))
	echo "mark $i" >$C
	fastswitch switch 0 >/tmp/switch.out 2>&1 || cat /tmp/switch.out
done
