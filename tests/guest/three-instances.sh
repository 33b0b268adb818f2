#!/bin/sh
# Three instances, three builds: instance 0 boots the peer build as
# instance 1 and the peer2 build as instance 2 (direct path, each with
# movablecore=64M), with their sections computed from the table; requests
# sections that both sleeping instances serve in turn; then the three
# switch between every pair in both directions, ROUNDS times the plan
# "0>1 1>2 2>0 0>2 2>1 1>0" (30 under make check-long, 3 under make
# check). Every arrival is proven by the other side's evidence: the
# instance that switched here is the one the plan says, and its user space
# ran (its mark moved on). Every instance checks its counter, files,
# canary and CPUs, and the ownership invariant, each time it runs; the
# peers report their own KTAP (peer1:, peer2:).
# qemu-append: fsw.testing=1
# qemu-peers: peer1 peer2
. /tests/lib.sh
PLAN="0>1 1>2 2>0 0>2 2>1 1>0"
ROUNDS=$(long_or 30 3)

tool() {
	sh /usr/bin/fastswitch "$@"
}

ktap_plan 20
state_start
echo "mark 1" >"$FSW/control"
check "ownership invariant at boot" owner_check
booted=0
for id in 1 2; do
	build=peer
	[ "$id" = 1 ] || build=peer$id
	inst_layout "$id"
	tool reserve "$INST_BASE" "$INST_SECTIONS" "$id" >/dev/null &&
		tool load "$id" kernel "$INST_KERNEL" "/boot/$build/zImage" >/dev/null &&
		tool load "$id" initrd "$INST_INITRD" "/boot/$build/initramfs.cpio.gz" >/dev/null &&
		tool cmdline "$id" console=ttyAMA0,115200 loglevel=4 fsw.run=peer:three-instances \
			fsw.testing=1 fsw.plan="$(echo "$PLAN" | tr ' ' ,)" fsw.rounds="$ROUNDS" movablecore=64M &&
		tool boot "$id" >/tmp/boot.out 2>&1
	rc=$?
	rel=$(awk -v i="$id" '$1 == i { print $3 }' "$FSW/instances")
	check "instance $id: sections $INST_FIRST-$INST_LAST reserved, $build loaded and booted ($rel), its user space ran (mark $(inst_mark "$id"))" \
		eval '[ $rc = 0 ] && [ "$(inst_mark $id)" = 1 ] && echo "$rel" | grep -q -- "-fastswitch-$build\$"'
	[ $rc = 0 ] && booted=$((booted + 1))
	check "ownership invariant with instances 1..$id asleep" owner_check
done
ktap_diag "instances: $(awk 'NR > 1 { printf "%s %s %s; ", $1, $2, $3 }' "$FSW/instances")"
check "three instances of three builds: $(uname -r) and the two above" eval '[ $booted = 2 ] && ! uname -r | grep -q peer'

tool list >/tmp/list
sed 's/^/# /' /tmp/list
check "fastswitch list: every instance with its sections and memory, and a warning for the 2 sleeping" \
	eval 'for i in 0 1 2; do grep -q "^$i [0-9,-]* $(($(sects_of $i | wc -l) * $(sect_field section_size | cut -d" " -f1))) MiB\$" /tmp/list || exit 1; done; grep -q "^warning: 2 sleeping instance" /tmp/list'

# A request that both sleeping instances serve, in turn
mine=$(sects_of 0 | wc -l)
out=$(tool request 6)
rc=$?
ktap_diag "$out"
from=$(status_field last_request_from)
g1=$(echo " $from" | sed -n 's/.* 1:\([0-9]*\).*/\1/p')
g2=$(echo " $from" | sed -n 's/.* 2:\([0-9]*\).*/\1/p')
check "request 6 served by instance 1 ($g1) and instance 2 ($g2): all arrived, online here" \
	eval '[ $rc = 0 ] && [ "${g1:-0}" -gt 0 ] && [ "${g2:-0}" -gt 0 ] && [ $((g1 + g2)) = 6 ] && [ "$(sects_of 0 | wc -l)" = $((mine + 6)) ]'
check "ownership invariant after the request" owner_check

# The plan: every pair, both directions
moves=$(plan_moves 0 "$PLAN")
nmoves=$(echo "$moves" | wc -l)
run=1 bad_route=0 bad_ran=0 bad_inv=0 bad_switch=0 first=1
r=0
while [ $r -lt "$ROUNDS" ]; do
	r=$((r + 1))
	k=0
	while [ $k -lt "$nmoves" ]; do
		k=$((k + 1))
		# shellcheck disable=SC2046
		set -- $(echo "$moves" | sed -n "${k}p")
		to=$1 from=$2
		if [ $first = 0 ]; then
			[ "$(status_field last_switch_from)" = "$from" ] || bad_route=$((bad_route + 1))
			[ "$(inst_mark "$from")" -gt "$(mark_of "$seen" "$from")" ] || bad_ran=$((bad_ran + 1))
			owner_check >/dev/null || bad_inv=$((bad_inv + 1))
			state_check "$before"
		fi
		first=0
		run=$((run + 1))
		echo "mark $run" >"$FSW/control"
		seen=$(marks_snap)
		before=$(counter_value)
		tool switch "$to" >/tmp/switch.out 2>&1 || { cat /tmp/switch.out; bad_switch=$((bad_switch + 1)); }
	done
done
# Back from the plan's last move
[ "$(status_field last_switch_from)" = "$(echo "$moves" | sed -n 1p | cut -d' ' -f2)" ] || bad_route=$((bad_route + 1))
state_check "$before"
total=$((ROUNDS * nmoves))
check "instance 0: $total switches of the plan ($ROUNDS rounds of '$PLAN'), none failed" [ $bad_switch = 0 ]
check "instance 0: each time it ran again, it came from the instance the plan says ($bad_route did not)" [ $bad_route = 0 ]
check "instance 0: each time, that instance's user space had run (its mark moved on; $bad_ran did not)" [ $bad_ran = 0 ]
check "instance 0: ownership invariant each time it ran ($bad_inv failed)" [ $bad_inv = 0 ]
state_report "$total" "instance 0"
check "ownership invariant at the end" owner_check
check "every instance ran its part: marks $(marks_snap)" \
	eval '[ "$(inst_mark 1)" -gt $ROUNDS ] && [ "$(inst_mark 2)" -gt $ROUNDS ]'
check "instance 0: no WARN, BUG or Oops" dmesg_clean
