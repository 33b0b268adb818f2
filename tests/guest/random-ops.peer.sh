#!/bin/sh
# A peer of tests/guest/random-ops.sh: each time it runs, it checks its
# state and the ownership invariant, then carries out what instance 0's
# mark says (seq * 100000 + op * 10000 + a * 1000 + b * 100 + n):
# 1 back to instance 0; 2 hop: instance a switches to b, b back to 0;
# 3 request n sections, then back; 4 give n sections to b, then back.
# Its mark is runs * 1000 + the failures it saw, its verdict for
# instance 0.
. /tests/lib.sh
ID=$(status_field instance)
KTAP_PREFIX="peer$ID: "
tool() {
	sh /usr/bin/fastswitch "$@"
}
runs=1 bad=0
echo "mark 1000" >"$FSW/control"
state_start
before=$(counter_value)
tool switch 0 >/dev/null 2>&1 || bad=$((bad + 1))
while :; do
	runs=$((runs + 1))
	was="$STATE_BAD_COUNTER $STATE_BAD_FILES $STATE_BAD_CANARY $STATE_BAD_CPUS"
	state_check "$before"
	now="$STATE_BAD_COUNTER $STATE_BAD_FILES $STATE_BAD_CANARY $STATE_BAD_CPUS"
	[ "$was" = "$now" ] || echo "peer$ID: failure: state (counter files canary cpus: $now), run $runs"
	owner_check || { bad=$((bad + 1)); echo "peer$ID: failure: the invariant, run $runs"; }
	m0=$(inst_mark 0)
	c=$((m0 % 100000))
	op=$((c / 10000)) a=$((c / 1000 % 10)) b=$((c / 100 % 10)) n=$((c % 100))
	# an operation only once: run again without a new one (a rescue), go back
	[ $((m0 / 100000)) -gt "${last_seq:-0}" ] || op=1
	last_seq=$((m0 / 100000))
	next=0
	case $op in
	2) [ "$ID" = "$a" ] && next=$b ;;
	3) tool request "$n" >/dev/null 2>&1
	   rc=$?
	   [ $rc = 0 ] || [ $rc = 3 ] || [ $rc = 4 ] || { bad=$((bad + 1)); echo "peer$ID: failure: request $n: exit $rc"; } ;;
	4) out=$(tool give "$n" "$b" 2>&1) || echo "$out" | grep -q "online and movable" ||
		{ bad=$((bad + 1)); echo "peer$ID: failure: give $n $b: $out"; } ;;
	esac
	f=$((bad + STATE_BAD_COUNTER + STATE_BAD_FILES + STATE_BAD_CANARY + STATE_BAD_CPUS))
	[ $f -lt 999 ] || f=999
	echo "mark $((runs * 1000 + f))" >"$FSW/control"
	before=$(counter_value)
	tool switch "$next" >/tmp/sw.out 2>&1 || { bad=$((bad + 1)); echo "peer$ID: failure: switch $next: $(cat /tmp/sw.out)"; }
done
