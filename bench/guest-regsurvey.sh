#!/bin/sh
# Register survey (guest side): with "survey on", take a snapshot of every
# surveyed platform register, as the resume vector saved it, after each of
# three suspend cycles. bench/regsurvey compares them across cycles, boots
# and machines with scripts/fastswitch-regdiff.
fastswitch survey on
for i in 1 2 3; do
	fastswitch cycle >/dev/null
	echo "FSW-REGS-BEGIN $i"
	fastswitch regs
	echo "FSW-REGS-END $i"
done
