#!/bin/sh
# scripts/fastswitch runs unchanged in BusyBox ash and in mksh.
. /tests/lib.sh

ktap_plan 14
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
done
