#!/bin/sh
# The instance page: layout and values after cycles, refusal of corrupted
# pages (test-only fault injection), the platform's sleep (delay, RTC).
# qemu-append: fsw.testing=1
. /tests/lib.sh

ktap_plan 25

hex() { printf '0x%08x' "$1"; }

# The physical cpu_resume, found independently of the module: the "Kernel
# code" resource starts at __pa(_text) = PHYS_OFFSET + 0x8000, and _stext
# lies just above _text = PAGE_OFFSET + 0x8000; both offsets are 16 MiB
# aligned (PHYS_OFFSET to 128 MiB, PAGE_OFFSET by VMSPLIT).
code=$(sed -n 's/^ *\([0-9a-f]*\)-[0-9a-f]* : Kernel code$/\1/p' /proc/iomem)
stext=$(sed -n 's/^\([0-9a-f]*\) T _stext$/\1/p' /proc/kallsyms)
resume=$(sed -n 's/^\([0-9a-f]*\) T cpu_resume$/\1/p' /proc/kallsyms)
entry=$(hex $((0x$resume - (0x$stext & ~0xffffff) + (0x$code & ~0xffffff))))
ktap_diag "Kernel code at 0x$code, _stext 0x$stext, cpu_resume 0x$resume: physical $entry"

check "page valid after boot (magic, version, checksum)" [ "$(page_field check)" = ok ]
check "magic FSWI, layout version 4 (docs/instance-page.md), id 0" \
	[ "$(page_field magic)/$(page_field version)/$(page_field id)" = 0x49575346/4/0 ]
check "resume entry is the physical cpu_resume ($entry)" [ "$(page_field resume_entry)" = "$entry" ]
check "release is uname -r" [ "$(page_field release)" = "$(uname -r)" ]
# The region must not be System RAM for this kernel
region_not_ram() {
	base=$(status_field region | cut -d' ' -f1)
	page=$(status_field page)
	grep 'System RAM' /proc/iomem | sed 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) .*/\1 \2/' | {
		while read -r a b; do
			if [ $((0x$a)) -le $((page)) ] && [ $((page)) -le $((0x$b)) ]; then
				return 1
			fi
		done
		[ $((page)) -ge $((base)) ]
	}
}
check "page lies in the shared region, outside System RAM" region_not_ram

counter_start
vec0=$(page_field vector_count)
suspend_mem
s1=$(page_field last_suspend_cnt)
r1=$(page_field last_resume_cnt)
check "after a cycle: state running, vector_count and resume_count +1" \
	[ "$(page_field state)/$(page_field vector_count)/$(page_field resume_count)" = "running/$((vec0 + 1))/$((vec0 + 1))" ]
check "suspend and resume timestamps set, resume after suspend" eval '[ "$s1" -gt 0 ] && [ "$r1" -ge "$s1" ]'
suspend_mem
check "timestamps advance with the next cycle" [ "$(page_field last_suspend_cnt)" -gt "$r1" ]

# Saved registers against the live ones (busybox devmem): the GIC's
# configuration is static while the system runs.
bad=0 n=0
page_regs=$(sed -n '/^regs:/,$p' "$FSW/page" | sed 1d)
echo "$page_regs" | grep -E 'GICD_(CTLR|IPRIORITYR|ITARGETSR|ICFGR)|GICC_PMR' >/tmp/regs
while read -r addr width flags value name; do
	live=$(hex "$(devmem "$addr" 32)")
	n=$((n + 1))
	if [ "$live" != "$value" ]; then
		bad=$((bad + 1))
		ktap_diag "$name at $addr: saved $value, live $live"
	fi
done </tmp/regs
ktap_diag "$n GIC registers compared"
check "saved GIC configuration matches the live registers ($n registers)" eval '[ "$n" -gt 100 ] && [ "$bad" = 0 ]'
check "GICD_CTLR saved as enabled" eval 'echo "$page_regs" | grep -q "0x00000001 GICD_CTLR\[0\]"'
ppi=$(echo "$page_regs" | sed -n 's/.* \(0x[0-9a-f]*\) GICD_ISENABLER\[0\]$/\1/p')
check "timer PPI enabled in the saved GICD_ISENABLER0 ($ppi)" [ $((ppi & 0x08000000)) -ne 0 ]

# Corrupted pages are refused; the instance keeps running
for fault in checksum magic version nr-regs; do
	case $fault in
	checksum) why="bad checksum" ;;
	magic) why="bad magic" ;;
	version) why="bad version" ;;
	nr-regs) why="bad register count" ;;
	esac
	ref0=$(status_field refusals)
	fsw-write "$FSW/control" "inject $fault" >/dev/null
	dmesg_mark
	before=$(counter_value)
	res=$(fsw-write /sys/power/state mem)
	counter_wait_past "$before"
	msg=$(dmesg_new | grep "resume refused")
	ktap_diag "$fault: write returned $res; $msg"
	check "page with $fault fault refused with EBADMSG, logged, instance runs on" eval \
		'[ "$res" = EBADMSG ] && [ "$(status_field refusals)" = $((ref0 + 1)) ] &&
		echo "$msg" | grep -q "$why.*instance 0 keeps running"'
done
check "after the refusals the page is valid again and a cycle works" eval \
	'suspend_mem && [ "$(page_field check)/$(page_field state)" = ok/running ]'

# The platform's sleep
fsw-write "$FSW/control" "wake delay 300" >/dev/null
suspend_mem
slept=$(status_field last_sleep_us)
ktap_diag "wake delay 300: slept $slept us, woke by $(status_field last_wake)"
check "wake delay 300 sleeps at least 300 ms in the vector" eval \
	'[ "$slept" -ge 300000 ] && [ "$(status_field last_wake)" = delay ]'
# .begin to resumed holds .begin to .end and the sleep (docs/debugfs.md)
resumed=$(status_field last_cycle_resumed_us) cyc=$(status_field last_cycle_ns)
ktap_diag "wake delay 300: .begin to resumed $resumed us, .begin to .end $cyc ns"
check "last_cycle_resumed_us holds the cycle to .end and the sleep" eval \
	'[ "$resumed" -gt "$slept" ] && [ "$((resumed * 1000))" -ge "$cyc" ]'
fsw-write "$FSW/control" "wake rtc 20000" >/dev/null
echo 0 >/sys/class/rtc/rtc0/wakealarm
echo +2 >/sys/class/rtc/rtc0/wakealarm
suspend_mem
slept=$(status_field last_sleep_us)
ktap_diag "wake rtc: slept $slept us, woke by $(status_field last_wake)"
check "wake rtc sleeps until the PL031 alarm" eval \
	'[ "$(status_field last_wake)" = event ] && [ "$slept" -ge 500000 ] && [ "$slept" -lt 20000000 ]'
fsw-write "$FSW/control" "wake immediate" >/dev/null
suspend_mem
check "an immediate cycle's last_cycle_resumed_us is its own, shorter than the 300 ms one" eval \
	'[ "$(status_field last_cycle_entered)" = yes ] && [ "$(status_field last_cycle_resumed_us)" -lt "$resumed" ]'

# Survey mode adds the surveyed registers, and takes them away again
n0=$(page_field nr_regs)
fsw-write "$FSW/control" "survey on" >/dev/null
suspend_mem
n1=$(page_field nr_regs)
ibrd=$(sed -n 's/.* \(0x[0-9a-f]*\) UART_IBRD\[0\]$/\1/p' "$FSW/page")
ktap_diag "survey: $n0 -> $n1 registers, UART_IBRD $ibrd"
check "survey on saves more registers, UART divisor non-zero" eval '[ "$n1" -gt "$n0" ] && [ $((ibrd)) -ne 0 ]'
fsw-write "$FSW/control" "survey off" >/dev/null
check "survey off restores the mandatory list" [ "$(page_field nr_regs)" = "$n0" ]
suspend_mem
fastswitch regs >/tmp/snap1
suspend_mem
fastswitch regs >/tmp/snap2
diffs=$(fastswitch-regdiff /tmp/snap1 /tmp/snap2)
ktap_diag "regdiff across two suspends: $(echo "$diffs" | tail -n 1)"
check "no mandatory register changes across suspends of the same boot" \
	eval 'echo "$diffs" | grep -q "^0 of $(page_field nr_regs) registers differ$"'
check "status lists instance 0 as running (this)" grep -q '^  0 running .*(this)$' "$FSW/status"
check "dmesg has no WARN, BUG or Oops" dmesg_clean
kill "$COUNTER_PID"
