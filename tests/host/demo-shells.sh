#!/bin/bash
# The host half of tests/guest/demo-shells.sh (run by tests/run as that
# QEMU test, with T, its scratch directory): make run's two ways.
#  1. host/run-demo.sh without a terminal: the demo runs and QEMU exits.
#  2. make run's terminal path (host/run-demo.sh with FSW_DEMO_INPUT),
#     with this script as the terminal: it types into the console through
#     a fifo (host/qemu.sh -I) and reads the console log.
#     Each check sends a command whose output cannot be the echo of what
#     was typed ($((6*7)) prints 42) and waits for it, or for the prompt
#     that names the instance and its release.
# KTAP on stdout; console logs in $T.
set -u
FSW_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$FSW_TOP/host/env.sh"
. "$FSW_TOP/tests/host/ktap.bash"
: "${T:?}"
log=$T/console.log

ktap_plan 11

# 1. Without a terminal
FSW_DEMO_INPUT= "$FSW_TOP/host/run-demo.sh" </dev/null >"$T/run-demo.out" 2>&1
rc=$?
check "make run without a terminal: the demo runs to its end and QEMU exits (exit $rc)" \
	eval '[ $rc = 0 ] && grep -q "^==> demo done" "$T/run-demo.out"'
tr -d '\r' <"$T/run-demo.out" >"$T/demo.txt"
check "the demo booted instances 1 and 2 and switched 0>1>2>0 and 0>2>1>0" \
	eval 'grep -q "instance 1: .*visit 2, came from instance 0" "$T/demo.txt" &&
		grep -q "instance 2: .*visit 2, came from instance 1" "$T/demo.txt" &&
		grep -q "instance 2: .*visit 3, came from instance 0" "$T/demo.txt" &&
		grep -q "instance 1: .*visit 3, came from instance 2" "$T/demo.txt"'

# 2. With a terminal: make run's own terminal path, this script types
rm -f "$T/input"
mkfifo "$T/input"
exec 3<>"$T/input"
FSW_DEMO_INPUT=$T/input FSW_DEMO_LOG=$log "$FSW_TOP/host/run-demo.sh" >/dev/null 2>&1 &
qpid=$!
from=0
rm -f "$T/missed"
# console: the log so far, without carriage returns and without the
# cursor position query (ESC [6n) that BusyBox's line editing sends
console() {
	[ -f "$log" ] || return 0
	tr -d '\r' <"$log" | sed 's/\x1b\[6n//g'
}
# wait_for ERE [SECONDS]: a line of the console after the last send
# matches ERE; prints it. A line is whole once a newline follows: the
# console arrives a byte at a time. After one miss (QEMU gone, or
# SECONDS, default 300), QEMU is stopped and every later wait fails
# ($T/missed: waits run in command substitutions).
wait_for() {
	local i
	[ ! -e "$T/missed" ] || return 1
	for i in $(seq $((${2:-300} * 5))); do
		console | tail -n +$((from + 1)) | grep -aE -m 1 "$1" && return 0
		kill -0 $qpid 2>/dev/null || break
		sleep 0.2
	done
	echo "$1" >"$T/missed"
	ktap_diag "no console line matching '$1': stopping QEMU" >&2
	kill $qpid 2>/dev/null
	return 1
}
# send LINE: type LINE and Enter; waits then look at what follows
send() {
	from=$(console | wc -l)
	printf '%s\r' "$1" >&3
}
# ask TAG LINE: send LINE, which prints "TAG:...:END", and print the ...
ask() {
	send "$2"
	wait_for "^$1:.*:END\$" 120 | sed "s/^$1://; s/:END\$//"
}
ere() {
	printf '%s' "$1" | sed 's/[].[\*^$+?(){}|]/\\&/g'
}

rel=()
wait_for '^=== demo done' 600 >/dev/null
for id in 0 1 2; do
	if [ $id = 0 ]; then
		rel[0]=$(console | sed -n 's/^=== Fastswitch demo: \([^ ]*\) on .*/\1/p' | head -n 1)
	else
		rel[id]=$(console | sed -n "s/^    \[instance $id: \([^,]*\), .*/\1/p" | head -n 1)
	fi
done
p0=$(wait_for "^\[instance 0 $(ere "${rel[0]}")\] / # " 60)
check "with a terminal: the demo ends at instance 0's shell, prompt '${p0% }'" [ -n "$p0" ]
# shellcheck disable=SC2016
s0=$(ask S0 'sleep 100000 & echo "S0:$((6*7)):$$:$!:$(hostname):END"; echo instance-0-file >/tmp/mine')
IFS=: read -r v0 sh0 bg0 host0 <<<"$s0"
ktap_diag "instance 0: shell $sh0, background sleep $bg0, hostname $host0"

send "fastswitch switch 1"
p1=$(wait_for "^\[instance 1 $(ere "${rel[1]}")\] / # ")
# shellcheck disable=SC2016
s1=$(ask S1 'sleep 100000 & echo "S1:$((6*7)):$$:$!:$(hostname):$(cat /tmp/mine 2>/dev/null || echo none):END"; echo instance-1-file >/tmp/mine')
IFS=: read -r v1 sh1 bg1 host1 mine1 <<<"$s1"
check "fastswitch switch 1 lands at instance 1's shell (prompt '${p1% }'): hostname $host1, none of instance 0's files" \
	eval '[ -n "$p1" ] && [ "$v1" = 42 ] && [ "$host1" = fastswitch-peer ] && [ "$mine1" = none ]'

send "fastswitch switch 2"
p2=$(wait_for "^\[instance 2 $(ere "${rel[2]}")\] / # ")
# shellcheck disable=SC2016
s2=$(ask S2 'echo "S2:$((6*7)):$(hostname):$(cat /tmp/mine 2>/dev/null || echo none):END"')
IFS=: read -r v2 host2 mine2 <<<"$s2"
check "fastswitch switch 2 from instance 1 lands at instance 2's shell (prompt '${p2% }'): hostname $host2, none of the others' files" \
	eval '[ -n "$p2" ] && [ "$v2" = 42 ] && [ "$host2" = fastswitch-v61 ] && [ "$mine2" = none ]'

send "fastswitch switch 0"
back0=$(wait_for "^back in instance 0 from instance 2")
p0b=$(wait_for "^\[instance 0 $(ere "${rel[0]}")\] / # ")
# shellcheck disable=SC2016
r0=$(ask R0 "echo \"R0:\$((6*7)):\$\$:\$(cat /tmp/mine):\$(kill -0 $bg0 && echo alive):END\"")
check "fastswitch switch 0 from instance 2 returns to the first shell as it was: ${back0:-no 'back in' line}; shell $sh0, /tmp/mine, its sleep $bg0 alive" \
	eval '[ -n "$back0" ] && [ -n "$p0b" ] && [ "$r0" = "42:$sh0:instance-0-file:alive" ] && [ "$v0" = 42 ] && [ "$host0" = fastswitch ]'

send "fastswitch switch 1"
p1b=$(wait_for "^\[instance 1 $(ere "${rel[1]}")\] / # ")
r1=$(ask R1 "echo \"R1:\$((6*7)):\$\$:\$(cat /tmp/mine):\$(kill -0 $bg1 && echo alive):END\"")
check "and instance 1's shell is as it was too: shell $sh1, /tmp/mine, its sleep $bg1 alive" \
	eval '[ -n "$p1b" ] && [ "$r1" = "42:$sh1:instance-1-file:alive" ]'
# shellcheck disable=SC2016
l1=$(ask L1 'echo "L1:$((6*7)):$(fastswitch list | grep -c "^[0-7] sleeping "):$(fastswitch list | grep -c "^warning: 2 sleeping"):END"')
check "fastswitch list in instance 1: instances 0 and 2 sleep, and it warns of them" [ "$l1" = 42:2:1 ]

send "fastswitch switch 0"
p0c=$(wait_for "^\[instance 0 $(ere "${rel[0]}")\] / # ")
send "poweroff -f"
wait $qpid
rc=$?
check "back at instance 0's shell, poweroff -f ends QEMU (exit $rc)" eval '[ -n "$p0c" ] && [ $rc = 0 ]'
exec 3>&-
console >"$T/console.txt"
check "the power off names the two sleeping instances it ends" \
	grep -q "fastswitch: power off with 2 other instance(s) that may be alive (1-2): they end without a close" "$T/console.txt"
check "no kernel warning, oops or panic in any instance" eval '[ -s "$T/console.txt" ] && [ -s "$T/demo.txt" ] && ! grep -aqE "WARNING:|Oops|Kernel panic|BUG:" "$T/console.txt" "$T/demo.txt"'
echo "FSW-GUEST-DONE demo-shells"
ktap_end
