# shellcheck shell=sh
# The platform registers of the vector's list, live (busybox devmem), for
# tests/guest/cross-regs.sh and cross-regs.peer.sh; sourced after lib.sh,
# with tool() defined.
RTC=/sys/class/rtc/rtc0
# regs_setup: this shell and its children on CPU 0 (GICD_ISENABLER0,
# the SGI/PPI priorities and configuration and the CPU interface are
# banked per CPU), survey on (the page then lists the PL031 too) and
# /tmp/reglist, "ADDRESS NAME" of every register the vector restores
# (flags R and RC) and of RTC_MR and RTC_IMSC
regs_setup() {
	taskset -p 1 $$ >/dev/null
	tool survey on >/dev/null
	tool regs | awk '$3 ~ /^R/ || $5 ~ /^RTC_(MR|IMSC)\[/ { print $1, $5 }' >/tmp/reglist
	REGS_GIC=$(grep -c ' GIC' /tmp/reglist)
	REGS_RTC=$(grep -c ' RTC_' /tmp/reglist)
	RTC_MR=$(awk '$2 == "RTC_MR[0]" { print $1 }' /tmp/reglist)
	RTC_IMSC=$(awk '$2 == "RTC_IMSC[0]" { print $1 }' /tmp/reglist)
}

# regs_snap FILE: the live value of every register of the list, "NAME ADDRESS VALUE"
regs_snap() {
	while read -r a n; do
		printf '%s %s 0x%08x\n' "$n" "$a" "$(devmem "$a" 32)"
	done </tmp/reglist >"$1"
}

# regs_diff: the registers whose live value (/tmp/now) is not the one they
# held when this instance left (/tmp/left), "NAME ADDRESS: LEFT -> NOW", in
# /tmp/diff; each as a diagnostic
regs_diff() {
	awk 'NR == FNR { v[$1] = $3; next } v[$1] != $3 { print $1 " " $2 ": " v[$1] " -> " $3 }' \
		/tmp/left /tmp/now >/tmp/diff
	while read -r line; do
		ktap_diag "changed while away: $line"
	done </tmp/diff
}

# rtc_alarm_bit: the PL031's alarm interrupt mask bit (RTC_IMSC bit 0), live
rtc_alarm_bit() {
	echo $(($(devmem "$RTC_IMSC" 32) & 1))
}
