#!/bin/sh
# scripts/fastswitch runs unchanged in BusyBox ash and in mksh: the same
# results, the same usage errors (exit 2, nothing written), and the same
# bytes written to the control file for the same input, backslashes and
# any byte of a path included. Addresses come from the table.
. /tests/lib.sh

S=$(sect_bytes)
top=$(sects_of 0 | tail -n 1)
top_addr=$(sect_addr "$top")
fwsect=$(sects_of firmware | awk -v t="$top" '$1 > t' | head -n 1)
fw_addr=$(sect_addr "$fwsect")
DELAY=200

# Each line: the arguments of one command line that must be refused with
# exit 2 and the command's usage line, nothing written (shell words)
usage_cases="status extra
page extra
regs extra
sections extra
list extra
--help extra
''
cycle ''
cycle 1 2
cycle x
wake
wake ''
wake sideways
wake immediate extra
wake delay
wake delay ''
wake delay 5 extra
wake rtc ''
sleep
sleep ''
sleep 1 extra
survey
survey ''
survey maybe
survey on extra
reserve $top_addr 1
reserve '' 1 1
reserve $top_addr '' 1
reserve $top_addr 1 ''
reserve $top_addr 1 1 extra
reserve 0xzz 1 1
free $top_addr
free '' 1
free $top_addr ''
free $top_addr 1 extra
load 1 kernel $PEER_KERNEL
load '' kernel $PEER_KERNEL /boot/peer/zImage
load 1 '' $PEER_KERNEL /boot/peer/zImage
load 1 kernel '' /boot/peer/zImage
load 1 kernel $PEER_KERNEL ''
load 1 kernel $PEER_KERNEL /boot/peer/zImage extra
cmdline 1
cmdline '' console=ttyAMA0
cmdline 1 ''
cmdline 1 a '' b
boot
boot ''
boot 1 ''
boot 1 sideways
boot 1 direct extra
switch
switch ''
switch 1 extra
switch x
switch 1 --timeout
switch 1 --timeout 5x
switch 1 --timeout 1234567890
switch 1 --force --timeout 10 extra
mark
mark ''
mark x
mark 1 extra
request
request ''
request x
request 1 ''
request 1 x
request 1 2 extra
give
give 1
give '' 1
give 1 ''
give x 1
give 1 1 extra
place
place ''
place x
place 3
place 11 extra"
ncases=$(echo "$usage_cases" | wc -l)

ktap_plan $((2 * (23 + ncases) + 3))
snapfiles="$FSW/status $FSW/sections $FSW/instances"

# A path with spaces, a tab, a newline, a backslash, a non-ASCII (UTF-8)
# character and a %: the tool writes it escaped (docs/debugfs.md)
wdir=$(printf '/tmp/a dir/b\tc\nd\\e \303\251%%f')
wpath="$wdir/peer zImage"
wesc='/tmp/a dir/b\011c\012d\134e \303\251%f/peer zImage'
mkdir -p "$wdir"
cp /boot/peer/zImage "$wpath"
wsize=$(printf '%#x' "$(wc -c <"$wpath")")
# The same backslash input for the command line
BS_TEXT='a\tb\c \\ d'

for sh in ash mksh; do
	ktap_diag "$sh: $($sh -c 'echo ${KSH_VERSION:-busybox ash}')"
	fsw() {
		$sh /usr/bin/fastswitch "$@"
	}
	check "$sh: --help prints the usage, exit 0" \
		eval 'fsw --help | grep -q "^usage: fastswitch COMMAND"'
	check "$sh: status shows this instance" \
		eval 'fsw status | grep -q "^instance: 0$"'
	r0=$(status_field vector_resumes)
	check "$sh: cycle 3 runs three cycles through the vector" \
		eval 'fsw cycle 3 >/dev/null && [ $(($(status_field vector_resumes) - r0)) = 3 ]'
	check "$sh: wake delay $DELAY is applied" \
		eval 'fsw wake delay $DELAY && [ "$(status_field wake)" = "delay $DELAY ms" ]'
	fsw cycle >/dev/null
	slept=$(status_field last_sleep_us) woke=$(status_field last_wake)
	fsw wake immediate
	check "$sh: and the next cycle slept at least $DELAY ms in the vector ($slept us, woke by $woke)" \
		eval '[ "$slept" -ge $((DELAY * 1000)) ] && [ "$woke" = delay ] && [ "$(status_field wake)" = immediate ]'
	out=$(fsw wake delay 0 2>&1)
	rc=$?
	ktap_diag "$sh: wake delay 0 -> $rc: $out"
	check "$sh: a value the kernel refuses: exit 1 with the kernel's reason" \
		eval '[ $rc = 1 ] && echo "$out" | grep -q "number out of range"'
	out=$(fsw frobnicate 2>&1)
	rc=$?
	check "$sh: unknown command: exit 2 with a message" \
		eval '[ $rc = 2 ] && echo "$out" | grep -q "unknown command"'
	# the switch's fast path (before the rest of the script) and the
	# full dispatch a malformed switch falls through to
	out=$(FASTSWITCH_DEBUGFS=/nonexistent fsw switch 1 2>&1)
	rc=$?
	check "$sh: switch on the fast path without debugfs: exit 1, /nonexistent not found" \
		eval '[ $rc = 1 ] && echo "$out" | grep -q "^fastswitch: /nonexistent not found"'
	out=$(fsw switch 1 --timeout 5x 2>&1)
	rc=$?
	check "$sh: a malformed switch: exit 2, its reason and the switch's usage line" \
		eval '[ $rc = 2 ] && echo "$out" | grep -q "^fastswitch: switch: --timeout: .5x. is not a number of milliseconds" &&
			echo "$out" | grep -q "^usage: fastswitch switch ID \[--timeout MS\] \[--force\]$"'
	long=$(printf '%01100d' 0)
	before=$(snap $snapfiles)
	out=$(fsw cmdline 1 "$long" 2>&1)
	rc=$?
	check "$sh: a command over the kernel's 1024 bytes is not written (one write each): exit 1, nothing changed" \
		eval '[ $rc = 1 ] && echo "$out" | grep -q "at most 1024 bytes" && [ "$(snap $snapfiles)" = "$before" ]'
	check "$sh: regs lists the mandatory registers" \
		eval '[ "$(fsw regs | wc -l)" = "$(page_field nr_regs)" ]'
	# place: the same answer as the test library's own search (free_run)
	p=$(free_run 11)
	want="base=$(sect_addr "$p") kernel=$(sect_addr $((p + 2))) initrd=$(sect_addr $((p + 3))) sections=$p-$((p + 10))"
	out=$(fsw place 11)
	ktap_diag "$sh: place 11 -> $out"
	check "$sh: place 11 names the highest run of 11 movable sections online here and where its images go" \
		[ "$out" = "$want" ]
	# and what it claims: reserve can take that run
	eval "$out"
	above=$(sects_of 0 | awk -v l="${sections#*-}" '$1 > l' | wc -l)
	r=$(fsw-write "$FSW/control" "reserve $base 11 1")
	check "$sh: reserve $base 11 1 takes that run ($r); $above section(s) of instance 0 above it; free gives it back" \
		eval '[ "$r" = OK ] && [ "$(sect_info ${sections%-*})" = "1 offline" ] && [ "$(sect_info ${sections#*-})" = "1 offline" ] &&
			[ "$(fsw-write "$FSW/control" "free $base 11")" = OK ] && [ "$(sect_info ${sections%-*})" = "0 online" ]'
	out=$(fsw place 011)
	check "$sh: place 011 is place 11 (decimal, leading zeros dropped)" [ "$out" = "$want" ]
	out=$(fsw place $(($(sect_field sections) + 1)) 2>&1)
	rc=$?
	check "$sh: place of more sections than the machine has: exit 1 with the reason" \
		eval '[ $rc = 1 ] && echo "$out" | grep -q "no run of [0-9]* sections online and movable here"'
	check "$sh: reserve $top_addr 1 1 gives instance 0's last section $top to instance 1" \
		eval 'fsw reserve $top_addr 1 1 | grep -q "^ *$top-$top .* 1 *offline" && [ "$(sect_info $top)" = "1 offline" ]'
	out=$(fsw reserve "$fw_addr" 1 1 2>&1)
	rc=$?
	check "$sh: reserve of a firmware section (s$fwsect, $fw_addr): exit 1 with the kernel's reason" \
		eval '[ $rc = 1 ] && echo "$out" | grep -q "is the firmware.s, not this instance.s"'
	check "$sh: free $top_addr 1 takes it back online" \
		eval 'fsw free $top_addr 1 >/dev/null && [ "$(sect_info $top)" = "0 online" ] && fsw sections | grep -q "^check: ok"'

	# Usage errors: exit 2, the command's usage line, nothing written
	echo "$usage_cases" >/tmp/usage_cases
	while IFS= read -r c; do
		before=$(snap $snapfiles)
		dmesg_mark
		eval "fsw $c" >/tmp/out 2>/tmp/err
		rc=$?
		if [ $rc = 2 ] && grep -q '^usage: fastswitch' /tmp/err &&
		   [ "$(snap $snapfiles)" = "$before" ] && ! dmesg_new | grep -q 'fastswitch: control:'; then
			ktap_ok "$sh: fastswitch $c: usage error, exit 2, nothing written"
		else
			ktap_fail "$sh: fastswitch $c: usage error, exit 2, nothing written (exit $rc: $(head -n 1 /tmp/err))"
		fi
	done </tmp/usage_cases

	# The same bytes in every shell: the control writes themselves, into a
	# stand-in directory, and the kernel's copy of a command line
	mkdir -p /tmp/fake.$sh
	FASTSWITCH_DEBUGFS=/tmp/fake.$sh fsw cmdline 1 "$BS_TEXT" x
	cp /tmp/fake.$sh/control /tmp/write.cmdline.$sh
	FASTSWITCH_DEBUGFS=/tmp/fake.$sh fsw load 1 kernel "$PEER_KERNEL" "$wpath" >/dev/null
	cp /tmp/fake.$sh/control /tmp/write.load.$sh
	check "$sh: cmdline with backslashes writes them as given" \
		eval '[ "$(cat /tmp/write.cmdline.$sh)" = "cmdline 1 $BS_TEXT x" ] && [ "$(wc -l </tmp/write.cmdline.$sh)" = 1 ]'
	check "$sh: load writes the path escaped: spaces kept, tab, newline, backslash and UTF-8 as \\ooo" \
		eval '[ "$(cat /tmp/write.load.$sh)" = "load 1 kernel $PEER_KERNEL $wesc" ] && [ "$(wc -l </tmp/write.load.$sh)" = 1 ]'
	fsw cmdline 1 "$BS_TEXT"
	sed -n 's/^1 [^ ]* [^ ]* [^ ]* [^ ]* [^ ]* //p' "$FSW/instances" >/tmp/kernel.cmdline.$sh
	fsw-write "$FSW/control" "unload 1" >/dev/null
	check "$sh: the kernel's copy of that command line is the input, byte for byte" \
		eval '[ "$(cat /tmp/kernel.cmdline.$sh)" = "$BS_TEXT" ]'

	# A real load from that path: instance 1 gets its sections, the kernel
	# reads the file (its size in the list), then forgets it
	fsw-write "$FSW/control" "reserve $PEER_BASE $PEER_SECTIONS 1" >/dev/null
	out=$(fsw load 1 kernel "$PEER_KERNEL" "$wpath" 2>&1)
	rc=$?
	ktap_diag "$sh: load from the path: exit $rc: $out"
	check "$sh: load of a file whose path has spaces, a tab, a newline, a backslash and UTF-8: $PEER_KERNEL+$wsize" \
		eval '[ $rc = 0 ] && [ "$(awk "\$1 == 1 { print \$4 }" $FSW/instances)" = "$PEER_KERNEL+$wsize" ]'
	fsw-write "$FSW/control" "unload 1" >/dev/null
	r=$(fsw-write "$FSW/control" "free $PEER_BASE $PEER_SECTIONS")
	check "$sh: unloaded, sections $PEER_FIRST-$PEER_LAST back ($r)" \
		eval '[ "$r" = OK ] && [ "$(sect_info $PEER_FIRST)" = "0 online" ] && [ "$(sect_info $PEER_LAST)" = "0 online" ]'
done
check "ash and mksh wrote the same cmdline bytes" cmp /tmp/write.cmdline.ash /tmp/write.cmdline.mksh
check "ash and mksh wrote the same load bytes" cmp /tmp/write.load.ash /tmp/write.load.mksh
check "the kernel kept the same command line from both" cmp /tmp/kernel.cmdline.ash /tmp/kernel.cmdline.mksh
