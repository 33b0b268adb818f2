#!/bin/bash
# Host test (KTAP): the runner's KTAP parser (tests/ktap-parse.bash) on
# crafted console logs: each case gives the counts it must produce
# (passed failed skipped) and, for a refused log, the words of its error.
set -u
FSW_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$FSW_TOP/tests/host/ktap.bash"
. "$FSW_TOP/tests/ktap-parse.bash"

work=$(mktemp -d "${TMPDIR:-/tmp}/fsw-ktap.XXXXXX")
trap 'rm -rf "$work"' EXIT

# case NAME "P F S" WORDS LOG: parse LOG (printf format, \n between
# lines); expect P passed, F failed, S skipped, and WORDS (a grep -E
# pattern, or "" for none) in a "not ok NAME" line of the output
case_() {
	local name=$1 want=$2 words=$3 out got
	printf "$4" >"$work/log"
	out=$(passed=0 failed=0 skipped=0; ktap t "$work/log"; echo "counts: $passed $failed $skipped")
	got=${out##*counts: }
	if [ "$got" = "$want" ] &&
		{ [ -z "$words" ] || echo "$out" | grep -E "^not ok t - .*($words)" >/dev/null; } &&
		{ [ -n "$words" ] || ! echo "$out" | grep -q '^not ok t - '; }; then
		ktap_ok "$name"
	else
		ktap_fail "$name (counts $got, expected $want)"
		echo "$out" | sed 's/^/# /'
	fi
}

K='KTAP version 1\n'
ktap_plan 20
case_ "good: 3 results, console noise around"	"2 1 0" "" \
	"[    1.0] boot\n${K}1..3\nok 1 - a\n# diag\nnot ok 2 - b\nsome output\nok 3 - c\nFSW-GUEST-DONE x\n"
case_ "good: a skip is counted as skipped"	"1 0 1" "" "${K}1..2\nok 1 - a\nok 2 - b # SKIP no reason\n"
case_ "good: carriage returns of a serial console" "2 0 0" "" "KTAP version 1\r\n1..2\r\nok 1 - a\r\nok 2 - b\r\n"
case_ "good: peer lines of another document are not read" "1 0 0" "" \
	"${K}1..1\npeer: KTAP version 1\npeer: 1..2\npeer: ok 1 - x\nok 1 - a\npeer: ok 2 - y\n"
case_ "empty log: no plan"			"0 1 0" "no KTAP plan" "kernel panic\n"
case_ "plan missing"				"0 1 0" "before the plan" "${K}ok 1 - a\nok 2 - b\n"
case_ "version line missing"			"0 1 0" "before 'KTAP version 1'" "1..1\nok 1 - a\n"
case_ "plan after results"			"0 1 0" "before the plan" "${K}ok 1 - a\n1..1\n"
case_ "version line after the plan"		"0 1 0" "before .KTAP version 1." "1..1\n${K}ok 1 - a\n"
case_ "results missing at the end"		"1 2 0" "2 of 3 results missing" "${K}1..3\nok 1 - a\n"
case_ "gap: 1 then 3"				"1 1 0" "result 3 where 2 was due" "${K}1..3\nok 1 - a\nok 3 - c\nok 2 - b\n"
case_ "duplicate number"			"2 1 0" "result 2 again" "${K}1..3\nok 1 - a\nok 2 - b\nok 2 - b\nok 3 - c\n"
case_ "out of order: 2 before 1"		"0 1 0" "result 2 where 1 was due" "${K}1..2\nok 2 - b\nok 1 - a\n"
case_ "beyond the plan"				"2 1 0" "result 3 beyond the plan 1..2" "${K}1..2\nok 1 - a\nok 2 - b\nok 3 - c\n"
case_ "two documents (the test ran twice)"	"2 1 0" "a second KTAP document" \
	"${K}1..2\nok 1 - a\nok 2 - b\n${K}1..2\nok 1 - a\nok 2 - b\n"
case_ "a second plan in one document"		"1 1 0" "a second plan" "${K}1..2\nok 1 - a\n1..2\nok 2 - b\n"
case_ "an empty plan 1..0"			"0 1 0" "no results" "${K}1..0\n"
case_ "another KTAP version"			"0 1 0" "KTAP version 1 expected" "KTAP version 2\n1..1\nok 1 - a\n"
case_ "failed results are failures"		"0 2 0" "" "${K}1..2\nnot ok 1 - a\nnot ok 2 - b\n"
# The results are shown under the group's name, whatever it holds
printf "${K}1..2\nok 1 - a\nnot ok 2 - b # with / and \\\\ and &\n" >"$work/log"
out=$(passed=0 failed=0 skipped=0; ktap "t@2G/4" "$work/log" 2>&1)
check "results named GROUP.N, for a group with a '/'" \
	[ "$out" = "$(printf 'ok t@2G/4.1 - a\nnot ok t@2G/4.2 - b # with / and \\ and &')" ]
echo "$out" | sed 's/^/# /'
ktap_end
