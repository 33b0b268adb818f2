#!/bin/sh
# A randomized sequence across three instances (issue 10): from a printed
# seed (fsw.seed=, or FSW_SEED=... tests/run random-ops@2G/4 to replay),
# OPS operations (300 under make check-long, 40 under make check) drawn
# from: switch to a peer and back, a hop between the two peers, a request
# by instance 0 or by a peer, a gift by instance 0 or by a peer, reserve
# and free of a section, close of a peer and its boot again. Instance 0
# drives: it puts the next operation for a peer in its own mark
# (seq * 100000 + op * 10000 + a * 1000 + b * 100 + n), and each peer
# (random-ops.peer.sh) carries it out when it runs. After every
# operation instance 0 runs the ownership invariant over every instance's
# report, checks its own state, and reads each peer's own verdict from
# its mark (runs * 1000 + failures it saw: its state and the invariant
# each time it ran). A failure names the operation and the seed.
# qemu-append: fsw.testing=1
. /tests/lib.sh
SEED=$(cmdline_arg fsw.seed)
[ -n "$SEED" ] || SEED=$(($(fsw-cnt) % 1000000))
OPS=$(long_or 300 40)

tool() {
	sh /usr/bin/fastswitch "$@"
}

ktap_plan 10
long=
[ "$(cmdline_arg fsw.long)" = 1 ] && long="--long "
ktap_diag "seed $SEED, $OPS operations (replay: FSW_SEED=$SEED tests/run $long""random-ops@2G/4; the draws replay, timings may not)"
state_start
seq=0
echo "mark 0" >"$FSW/control"

# say OP A B N: the next operation for the peers, in instance 0's mark
say_op() {
	seq=$((seq + 1))
	echo "mark $((seq * 100000 + $1 * 10000 + $2 * 1000 + $3 * 100 + $4))" >"$FSW/control"
}

# boot_peer ID: the highest free run of sections of ours, the peer build
boot_peer() {
	build=peer
	[ "$1" = 1 ] || build=peer$1
	first=$(free_run "$PEER_PLAN") || return 1
	base=$(sect_addr "$first")
	tool reserve "$base" "$PEER_PLAN" "$1" >/dev/null &&
		tool load "$1" kernel "$(hexadd "$base" $((2 * $(sect_bytes))))" "/boot/$build/zImage" >/dev/null &&
		tool load "$1" initrd "$(hexadd "$base" $((3 * $(sect_bytes))))" "/boot/$build/initramfs.cpio.gz" >/dev/null &&
		tool cmdline "$1" console=ttyAMA0,115200 loglevel=4 fsw.run=peer:random-ops fsw.testing=1 movablecore=64M >/dev/null &&
		say_op 1 0 0 0 && tool boot "$1" >/dev/null && [ "$(inst_mark "$1")" = 1000 ]
}

# peer_ok ID BEFORE: the peer ran since its mark was BEFORE, and saw no failure
peer_ok() {
	m=$(inst_mark "$1")
	[ "$((m / 1000))" -gt "$(($2 / 1000))" ] && [ "$((m % 1000))" = 0 ]
}

recv0=$(status_field sections_received) given0=$(status_field sections_given)
booted=0
for id in 1 2; do
	boot_peer "$id" && booted=$((booted + 1))
done
check "instances 1 and 2 booted (marks $(inst_mark 1) $(inst_mark 2))" [ $booted = 2 ]

# The draws, all from the seed: a linear congruential generator (the
# C library's constants) in the shell's 64-bit arithmetic; draw sets D to
# 0..999 (not in a subshell: it keeps its state)
RNG=$SEED
draw() {
	RNG=$(((RNG * 1103515245 + 12345) % 2147483648))
	D=$((RNG / 65536 % 1000))
}

bad=0 first_bad= i=0 counts=
while [ $i -lt "$OPS" ]; do
	i=$((i + 1))
	draw
	r=$D
	draw
	x=$((D % 2 + 1))
	y=$((3 - x))
	draw
	n=$((D % 2 + 1))
	mx=$(inst_mark $x) my=$(inst_mark $y)
	before=$(counter_value)
	ok=1
	if [ "$r" -lt 300 ]; then
		what="switch $x"
		say_op 1 0 0 0
		tool switch $x >/dev/null 2>&1 && [ "$(status_field last_switch_from)" = $x ] && peer_ok $x "$mx" || ok=0
	elif [ "$r" -lt 450 ]; then
		what="hop 0>$x>$y>0"
		say_op 2 $x $y 0
		tool switch $x >/dev/null 2>&1 && [ "$(status_field last_switch_from)" = $y ] &&
			peer_ok $x "$mx" && peer_ok $y "$my" || ok=0
	elif [ "$r" -lt 600 ]; then
		what="request $n by 0"
		tool request $n >/dev/null 2>&1
		rc=$?
		[ $rc = 0 ] || [ $rc = 3 ] || [ $rc = 4 ] || ok=0
	elif [ "$r" -lt 700 ]; then
		what="request $n by $x"
		say_op 3 $x 0 $n
		tool switch $x >/dev/null 2>&1 && [ "$(status_field last_switch_from)" = $x ] && peer_ok $x "$mx" || ok=0
	elif [ "$r" -lt 800 ]; then
		what="give $n from 0 to $x"
		out=$(tool give $n $x 2>&1) || echo "$out" | grep -q "online and movable" || ok=0
	elif [ "$r" -lt 880 ]; then
		what="give $n from $x to $y"
		say_op 4 $x $y $n
		tool switch $x >/dev/null 2>&1 && [ "$(status_field last_switch_from)" = $x ] && peer_ok $x "$mx" || ok=0
	elif [ "$r" -lt 950 ]; then
		what="reserve and free one section"
		s=$(free_run 1) && a=$(sect_addr "$s") &&
			tool reserve "$a" 1 5 >/dev/null && [ "$(sect_info "$s")" = "5 offline" ] &&
			tool free "$a" 1 >/dev/null && [ "$(sect_info "$s")" = "0 online" ] || ok=0
	else
		what="close $x and boot it again"
		tool close $x >/dev/null && boot_peer $x || ok=0
	fi
	owner_check >/tmp/inv.out || ok=0
	state_check "$before"
	counts="$counts ${what%% *}"
	if [ $ok = 0 ]; then
		bad=$((bad + 1))
		[ -n "$first_bad" ] || first_bad="operation $i ($what)"
		ktap_diag "operation $i ($what) failed; seed $SEED"
		sed 's/^/# /' /tmp/inv.out
	fi
done
ktap_diag "operations: $(echo $counts | tr ' ' '\n' | sort | uniq -c | tr -s ' \n' ' ')"
check "$OPS operations, each with the ownership invariant after it (failed: $bad${first_bad:+, first: $first_bad}; seed $SEED)" [ $bad = 0 ]
recv=$(($(status_field sections_received) - recv0)) given=$(($(status_field sections_given) - given0))
check "sections moved during the run: instance 0 received $recv and gave $given" \
	[ $((recv + given)) -gt 0 ]
# The peers' own verdicts, once more
mx=$(inst_mark 1) my=$(inst_mark 2)
say_op 2 1 2 0
tool switch 1 >/dev/null 2>&1
check "instances 1 and 2 saw no failure each time they ran (marks $(inst_mark 1) $(inst_mark 2); seed $SEED)" \
	eval 'peer_ok 1 "$mx" && peer_ok 2 "$my"'
state_report "$OPS" "instance 0"
check "ownership invariant at the end" owner_check
check "instance 0: no WARN, BUG or Oops" dmesg_clean
