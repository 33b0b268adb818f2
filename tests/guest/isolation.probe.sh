#!/bin/sh
# Sourced by isolation.sh and isolation.peer.sh: as root in this instance,
# try every interface root has against the sections of instance $OTHER
# (and the firmware's, and the shared region), looking for the tag that
# instance wrote into its memory. Sets PROBE_SEEN (attempts that saw the
# tag or read any byte) and PROBE_TRIED, PROBE_DENIED; PROBE_MMIO is the
# control: /dev/mem still reads a device register (the GIC distributor's
# control register of this instance's page).
probe() {
	PROBE_SEEN=0 PROBE_TRIED=0 PROBE_DENIED=0
	# every section the table does not give to this instance
	me=$(sed -n 's/^this: //p' "$FSW/sections")
	awk -v me="$me" '$1 ~ /^[0-9]+-[0-9]+$/ && $3 != me { split($1, r, "-");
		for (i = r[1] + 0; i <= r[2] + 0; i++) print i }' "$FSW/sections" >/tmp/others
	pg=$(($(sect_bytes) / 4096))
	while read -r s; do
		first=$(($(sect_field base) / 4096 + s * pg))
		for p in $first $((first + pg / 2)) $((first + pg - 1)); do
			# read(2) of /dev/mem
			PROBE_TRIED=$((PROBE_TRIED + 1))
			dd if=/dev/mem of=/tmp/probe bs=4096 skip=$p count=1 2>/tmp/probe.err
			if [ -s /tmp/probe ]; then
				PROBE_SEEN=$((PROBE_SEEN + 1))
				grep -q "$1" /tmp/probe && ktap_diag "tag of instance $OTHER seen at page $p"
			fi
			# EPERM: refused by the filter; EFAULT: outside the
			# range read(2) of /dev/mem serves (lowmem) at all
			grep -q "Operation not permitted\|Bad address" /tmp/probe.err &&
				PROBE_DENIED=$((PROBE_DENIED + 1))
			# mmap(2) of /dev/mem
			PROBE_TRIED=$((PROBE_TRIED + 1))
			if v=$(devmem $((p * 4096)) 32 2>/tmp/probe.err); then
				PROBE_SEEN=$((PROBE_SEEN + 1))
				ktap_diag "devmem read page $p: $v"
			fi
			grep -q "mmap: Operation not permitted" /tmp/probe.err &&
				PROBE_DENIED=$((PROBE_DENIED + 1))
		done
	done </tmp/others
	gicd=$(sed -n '/^regs:/,$p' "$FSW/page" | awk '$5 ~ /^GICD_CTLR/ { print $1; exit }')
	PROBE_MMIO=$(devmem "$gicd" 32 2>/dev/null)
}

# probe_checks WHO: the checks of one instance
probe_checks() {
	n=$(wc -l </tmp/others)
	check "$1: /proc/kcore does not exist (compiled out)" [ ! -e /proc/kcore ]
	check "$1: /dev/mem works for devices: GICD_CTLR reads $PROBE_MMIO" [ -n "$PROBE_MMIO" ]
	check "$1: $PROBE_TRIED reads (read and mmap of /dev/mem, 3 pages in each of $n sections not its own) saw nothing" \
		eval '[ "$n" -gt 0 ] && [ "$PROBE_SEEN" = 0 ]'
	check "$1: all $PROBE_TRIED were refused: mmap with EPERM, read with EPERM or EFAULT ($PROBE_DENIED)" \
		[ "$PROBE_DENIED" = "$PROBE_TRIED" ]
	# the kernel's own mapping: a read of each section's first and last
	# word through the linear map (debugfs linear_map)
	lm_other=$(awk -v me="$me" 'NR > 1 && $2 != me && $4 == "readable"' "$FSW/linear_map" | wc -l)
	lm_unmapped=$(awk -v me="$me" 'NR > 1 && $2 != me && $4 == "unmapped"' "$FSW/linear_map" | wc -l)
	lm_own=$(awk -v me="$me" 'NR > 1 && $2 == me && $3 == "online" && $4 == "readable"' "$FSW/linear_map" | wc -l)
	lm_online=$(awk -v me="$me" 'NR > 1 && $2 == me && $3 == "online"' "$FSW/linear_map" | wc -l)
	check "$1: the linear map reaches no section not its own ($lm_unmapped in its lowmem, unmapped), and all its $lm_online online ones" \
		eval '[ "$lm_other" = 0 ] && [ "$lm_online" -gt 0 ] && [ "$lm_own" = "$lm_online" ]'
	check "$1: the test-only readers of section contents do not exist without testing=1" \
		eval '[ ! -e "$FSW/section_crc" ] && [ ! -e "$FSW/section_sums" ]'
	modes=$(for f in control status page sections instances online crashes linear_map; do
		echo "$f:$(stat -c %a "$FSW/$f")"; done | tr '\n' ' ')
	check "$1: debugfs modes: $modes" \
		[ "$modes" = "control:200 status:400 page:444 sections:400 instances:400 online:400 crashes:400 linear_map:400 " ]
}
