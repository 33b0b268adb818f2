#!/bin/bash
# Host test (KTAP): the ownership invariant checker of the guest tests
# (owner_check in tests/guest/lib.sh) on crafted "online" reports and
# "sections" tables: it passes a consistent machine and fails each kind
# of violation, naming it.
set -u
FSW_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$FSW_TOP/tests/host/ktap.bash"

work=$(mktemp -d "${TMPDIR:-/tmp}/fsw-owner.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The guest library, with its debugfs directory and /tmp in $work
lib=$(sed "s,^FSW=.*,FSW=$work,; s,/tmp/owner_check.out,$work/out," "$FSW_TOP/tests/guest/lib.sh")

table() {
	cat >"$work/sections" <<TBL
table: 0x47021000
check: ok
sections: 64
    0-7      0x40000000-0x47ffffff firmware absent   128 MiB
    8-47     0x48000000-0x6fffffff 0        online   640 MiB
   48-58     0x70000000-0x7affffff $1 offline  176 MiB
   59-60     0x7b000000-0x7cffffff $2 online   32 MiB
   61-63     0x7d000000-0x7fffffff firmware absent   48 MiB
TBL
}

# case NAME WANT(0 pass, 1 fail) WORDS: owner_check on the files now
case_() {
	local out rc
	out=$(KTAP_PREFIX= bash -c "$lib"$'\n''owner_check' 2>&1)
	rc=$?
	if [ "$rc" = "$2" ] && { [ -z "$3" ] || echo "$out" | grep -q "$3"; }; then
		ktap_ok "$1"
	else
		ktap_fail "$1 (exit $rc, expected $2)"
		echo "$out" | sed 's/^/# /'
	fi
}

ktap_plan 6
table 1 0
printf '0* 8-47 59-60\n1 48-58\n' >"$work/online"
case_ "two instances, each online in its own sections: passes" 0 ""
printf '0* 8-47 59-60\n1 48-58 60\n' >"$work/online"
case_ "a section online in two instances fails" 1 "section 60 is online in instances 0 and 1"
table 1 1
printf '0* 8-47 59-60\n1 48-58\n' >"$work/online"
case_ "a section online where the table gives it to another fails" 1 "section 59 is online in instance 0, the table gives it to 1"
table 2 0
printf '0* 8-47 59-60\n' >"$work/online"
case_ "a section of an instance that is not alive fails" 1 "section 48 is instance 2's, which is not alive"
table 1 0
printf '0* 8-47 60\n1 48-58\n' >"$work/online"
case_ "a section of this instance not online here fails" 1 "section 59 is this instance's and not online here"
printf '0* 8-47 59-60\n1 48-57\n' >"$work/online"
case_ "a section a sleeping instance received and will online passes" 0 ""
ktap_end
