#!/bin/sh
# Instance 1 of abi-skew.sh, a kernel of another version (v61): the same
# rule from its side. It writes instance 0's page as a kernel of another
# layout would have (V+1, V-1): a switch to instance 0 is refused with
# EBADMSG and a log line naming both versions, nothing changed; put back,
# it switches to instance 0, and afterwards each time it runs.
KTAP_PREFIX="peer: "
. /tests/lib.sh
C=$FSW/control
V=$(page_field version)
ktap_plan 5
run=1
echo "mark $run" >$C
check "booted as instance 1: $(kernel_what), layout version $V" \
	eval '[ "$(status_field instance)" = 1 ] && kernel_is_build && [ "$V" -ge 1 ]'
for v in $((V + 1)) $((V - 1)); do
	line0=$(grep '^  0 ' "$FSW/status")
	echo "inject skew-page 0 $v" >$C
	dmesg_mark
	mark0=$DMESG_MARK
	refuse_each "switch 0|EBADMSG" "$FSW/instances" "$FSW/sections"
	DMESG_MARK=$mark0
	said=$(dmesg_new | grep -c "layout version $v, this kernel's is $V")
	echo "inject skew-page 0 $V" >$C
	check "instance 0's page at version $v: the refusal said so, put back" \
		eval '[ "$said" = 1 ] && [ "$(grep "^  0 " $FSW/status)" = "$line0" ]'
done
while :; do
	fastswitch switch 0 >/tmp/switch.out 2>&1 || cat /tmp/switch.out
	run=$((run + 1))
	echo "mark $run" >$C
done
