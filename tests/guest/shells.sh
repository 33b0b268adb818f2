#!/bin/sh
# scripts/fastswitch runs unchanged in BusyBox ash and in mksh.
. /tests/lib.sh

ktap_plan 20
for sh in ash mksh; do
	ktap_diag "$sh: $($sh -c 'echo ${KSH_VERSION:-busybox ash}')"
	check "$sh: --help prints the usage, exit 0" \
		eval '$sh /usr/bin/fastswitch --help | grep -q "^usage: fastswitch COMMAND"'
	check "$sh: status shows this instance" \
		eval '$sh /usr/bin/fastswitch status | grep -q "^instance: 0$"'
	r0=$(status_field vector_resumes)
	check "$sh: cycle 3 runs three cycles through the vector" \
		eval '$sh /usr/bin/fastswitch cycle 3 >/dev/null && [ $(($(status_field vector_resumes) - r0)) = 3 ]'
	check "$sh: wake delay 20 is applied" \
		eval '$sh /usr/bin/fastswitch wake delay 20 && [ "$(status_field wake)" = "delay 20 ms" ]'
	$sh /usr/bin/fastswitch wake immediate
	out=$($sh /usr/bin/fastswitch wake delay 0 2>&1)
	rc=$?
	ktap_diag "$sh: wake delay 0 -> $rc: $out"
	check "$sh: a value the kernel refuses: exit 1 with the kernel's reason" \
		eval '[ $rc = 1 ] && echo "$out" | grep -q "number out of range"'
	out=$($sh /usr/bin/fastswitch frobnicate 2>&1)
	rc=$?
	check "$sh: unknown command: exit 2 with a message" \
		eval '[ $rc = 2 ] && echo "$out" | grep -q "unknown command"'
	check "$sh: regs lists the mandatory registers" \
		eval '[ "$($sh /usr/bin/fastswitch regs | wc -l)" = "$(page_field nr_regs)" ]'
	check "$sh: reserve 0x7c000000 1 1 gives section 60 to instance 1" \
		eval '$sh /usr/bin/fastswitch reserve 0x7c000000 1 1 | grep -q "^ *60-60 .* 1 *offline" && [ "$(sect_info 60)" = "1 offline" ]'
	out=$($sh /usr/bin/fastswitch reserve 0x40000000 1 1 2>&1)
	rc=$?
	check "$sh: reserve of a firmware section: exit 1 with the kernel's reason" \
		eval '[ $rc = 1 ] && echo "$out" | grep -q "is the firmware.s, not this instance.s"'
	check "$sh: free 0x7c000000 1 takes it back online" \
		eval '$sh /usr/bin/fastswitch free 0x7c000000 1 >/dev/null && [ "$(sect_info 60)" = "0 online" ] && $sh /usr/bin/fastswitch sections | grep -q "^check: ok"'
done
