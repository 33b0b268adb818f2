#!/bin/sh
# Sections that change owner are zeroed before the new owner can online
# them (docs/sections.md, "Zeroing"): instance 0 fills its free memory
# with data (a hog that then ends), then reserves sections for instance 1,
# frees them again, boots instance 1 and gives it two more sections. Each
# time the sections that changed owner hold data before and read as zeros
# after (section_crc, against the CRC of a zero section), and the status
# counts them (scrubbed_sections, scrub_us). Instance 1 onlines the gift
# when it next runs; the ownership invariant holds throughout.
# qemu-append: fsw.testing=1
. /tests/lib.sh

tool() {
	sh /usr/bin/fastswitch "$@"
}

crc() {
	awk -v i="$1" '$1 == i { print $5 }' "$FSW/section_crc"
}

# online_in ID SECTION: instance ID reports SECTION online (online file)
online_in() {
	awk -v id="$1" -v s="$2" '{ i = $1; sub(/\*$/, "", i) } i == id {
		for (k = 2; k <= NF; k++) { n = split($k, r, "-"); b = n > 1 ? r[2] : r[1]
			if (s + 0 >= r[1] + 0 && s + 0 <= b + 0) found = 1 } }
		END { exit !found }' "$FSW/online"
}

# fill: dirty instance 0's free memory, then free it again
fill() {
	hog_start $(($(meminfo MemFree) / 1024 - 48)) && hog_stop
}

# count_data SECTIONS / count_zero SECTIONS: how many hold data / zeros
count_data() {
	n=0
	for s in $1; do [ "$(crc "$s")" != "$zero" ] && n=$((n + 1)); done
	echo $n
}
count_zero() {
	n=0
	for s in $1; do [ "$(crc "$s")" = "$zero" ] && n=$((n + 1)); done
	echo $n
}

ktap_plan 11
zero=$(head -c "$(sect_bytes)" /dev/zero | gzip -c | tail -c 8 | od -An -tx4 -N4 | tr -d ' ')
fill
set -- $(seq "$PEER_FIRST" "$PEER_LAST")
mine="$*"
nmine=$#
ndata=$(count_data "$mine")
check "sections $PEER_FIRST-$PEER_LAST, instance 0's: $ndata of $# hold data after the hog (more than half)" \
	[ $((2 * ndata)) -gt $# ]
s0=$(status_field scrubbed_sections)
out=$(tool reserve "$PEER_BASE" "$PEER_SECTIONS" 1 2>&1)
check "reserve for instance 1 (exit $?): they are instance 1's, offline here" \
	eval '[ "$(sects_of 1 | tr "\n" " ")" = "$mine " ] && [ "$(sect_info "$PEER_FIRST")" = "1 offline" ]'
check "each of them reads as zeros ($(count_zero "$mine") of $nmine), scrubbed_sections +$(($(status_field scrubbed_sections) - s0))" \
	eval '[ "$(count_zero "$mine")" = $nmine ] && [ $(($(status_field scrubbed_sections) - s0)) = $nmine ]'
fill
out=$(tool free "$PEER_BASE" "$PEER_SECTIONS" 2>&1)
rc=$?
check "free (exit $rc): instance 0's again, online, counted zeroed once more" \
	eval '[ $rc = 0 ] && [ -z "$(sects_of 1)" ] && [ "$(sect_info "$PEER_FIRST")" = "0 online" ] &&
		[ $(($(status_field scrubbed_sections) - s0)) = $((2 * nmine)) ]'
check "ownership invariant after the free" owner_check

peer_layout
peer_boot fsw.run=peer:movement fsw.testing=1
check "instance 1 booted in sections $PEER_FIRST-$PEER_LAST" [ "$(awk '$1 == 1 { print $2 }' "$FSW/instances")" = sleeping ]
fill
cp "$FSW/section_crc" /tmp/crc.before
had=$(sects_of 1 | tr '\n' ' ')
s1=$(status_field scrubbed_sections)
t1=$(status_field scrub_us)
out=$(tool give 2 1 2>&1)
gift=$(for s in $(sects_of 1); do case " $had" in *" $s "*) ;; *) echo "$s" ;; esac; done | tr '\n' ' ')
set -- $gift
check "give 2 1 ($out): sections $gift are instance 1's" [ $# = 2 ]
hadata=0
for s in $gift; do
	[ "$(awk -v i="$s" '$1 == i { print $5 }' /tmp/crc.before)" != "$zero" ] && hadata=$((hadata + 1))
done
check "each held data before the give ($hadata of 2) and reads as zeros before instance 1 onlines it ($(count_zero "$gift") of 2), scrubbed_sections +$(($(status_field scrubbed_sections) - s1)), $(($(status_field scrub_us) - t1)) us" \
	eval '[ $hadata = 2 ] && [ "$(count_zero "$gift")" = 2 ] && [ $(($(status_field scrubbed_sections) - s1)) = 2 ]'
check "ownership invariant after the gift" owner_check
o=$(tool switch 1 2>&1)
check "instance 1 ran and onlined them ($o)" eval 'for s in $gift; do online_in 1 "$s" || exit 1; done'
check "ownership invariant at the end" owner_check
