#!/bin/sh
# Instances 1 and 2 of tests/guest/three-instances.sh: booted by instance
# 0 with fsw.plan (the moves, "A>B,...") and fsw.rounds. Each checks its
# boot, then follows its own moves of the plan: each time it runs again it
# checks that it came from the instance the plan says, that this
# instance's user space ran meanwhile (its mark moved on), its own state
# and the ownership invariant; before its last move it reports (KTAP
# lines prefixed "peer<id>: ").
ID=$(sed -n 's/^instance: //p' /sys/kernel/debug/fastswitch/status)
KTAP_PREFIX="peer$ID: "
. /tests/lib.sh
PLAN=$(cmdline_arg fsw.plan | tr , ' ')
ROUNDS=$(cmdline_arg fsw.rounds)
tool() {
	sh /usr/bin/fastswitch "$@"
}
build=peer
[ "$ID" = 1 ] || build=peer$ID

ktap_plan 12
run=1
echo "mark $run" >"$FSW/control"
check "booted as instance $ID: $(uname -r), $(hostname)" \
	eval 'uname -r | grep -q -- "-fastswitch-$build\$" && [ "$(hostname)" = fastswitch-$build ]'
own=$(sects_of "$ID" | wc -l)
total=$(dmesg | sed -n 's/.*Memory: [0-9]*K\/\([0-9]*\)K available.*/\1/p')
check "its memory is its $own sections from the table: $total kB" [ "$total" = $((own * $(sect_kb))) ]
check "ownership invariant at its boot" owner_check
state_start
seen=$(marks_snap)
before=$(counter_value)
tool switch 0 >/tmp/switch.out 2>&1 || cat /tmp/switch.out

moves=$(plan_moves "$ID" "$PLAN")
nmoves=$(echo "$moves" | wc -l)
bad_route=0 bad_ran=0 bad_inv=0 bad_switch=0
r=0
while [ $r -lt "$ROUNDS" ]; do
	r=$((r + 1))
	k=0
	while [ $k -lt "$nmoves" ]; do
		k=$((k + 1))
		# shellcheck disable=SC2046
		set -- $(echo "$moves" | sed -n "${k}p")
		to=$1 from=$2
		[ "$(status_field last_switch_from)" = "$from" ] || bad_route=$((bad_route + 1))
		[ "$(inst_mark "$from")" -gt "$(mark_of "$seen" "$from")" ] || bad_ran=$((bad_ran + 1))
		owner_check >/dev/null || bad_inv=$((bad_inv + 1))
		state_check "$before"
		run=$((run + 1))
		echo "mark $run" >"$FSW/control"
		if [ $r = "$ROUNDS" ] && [ $k = "$nmoves" ]; then
			n=$((ROUNDS * nmoves))
			check "instance $ID: $n moves of the plan, none failed" [ $bad_switch = 0 ]
			check "instance $ID: each time it ran, it came from the instance the plan says ($bad_route did not)" [ $bad_route = 0 ]
			check "instance $ID: each time, that instance's user space had run ($bad_ran had not)" [ $bad_ran = 0 ]
			check "instance $ID: ownership invariant each time it ran ($bad_inv failed)" [ $bad_inv = 0 ]
			state_report "$n" "instance $ID"
			check "instance $ID: no WARN, BUG or Oops" dmesg_clean
			ktap_diag "instance $ID done; its last move, to $to"
		fi
		seen=$(marks_snap)
		before=$(counter_value)
		tool switch "$to" >/tmp/switch.out 2>&1 || { cat /tmp/switch.out; bad_switch=$((bad_switch + 1)); }
	done
done
