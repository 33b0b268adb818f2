# shellcheck shell=sh
# KTAP helpers for the guest tests. Each test script prints one KTAP
# document: "KTAP version 1", the plan "1..N", then one result per check.

FSW=/sys/kernel/debug/fastswitch
KTAP_N=0
KTAP_FAILED=0
# A peer instance prefixes its KTAP lines ("peer: "): the console is shared
KTAP_PREFIX=${KTAP_PREFIX:-}

ktap_plan() {
	echo "${KTAP_PREFIX}KTAP version 1"
	echo "${KTAP_PREFIX}1..$1"
}

ktap_ok() {
	KTAP_N=$((KTAP_N + 1))
	echo "${KTAP_PREFIX}ok $KTAP_N - $*"
}

ktap_fail() {
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	echo "${KTAP_PREFIX}not ok $KTAP_N - $*"
}

ktap_diag() {
	echo "${KTAP_PREFIX}# $*"
}

# check NAME COMMAND...: one result from a command's exit status
check() {
	name=$1
	shift
	if "$@"; then
		ktap_ok "$name"
	else
		ktap_fail "$name"
	fi
}

# status_field KEY: a "key: value" line of the status file
status_field() {
	sed -n "s/^$1: //p" "$FSW/status"
}

# cnt_now: cnt, the arch counter (CNTVCT, which every instance shares),
# read from switch_status by the read builtin: a time stamp without a
# fork, for stamps on a switch's path (fsw-cnt is an exec, and $(...) a
# fork: milliseconds under TCG)
cnt_now() {
	cnt=
	read -r cnt _ <"$FSW/switch_status" && [ -n "$cnt" ]
}

# switch_status_agrees: switch_status's one line says what status says,
# field by field, and its counter lies between two reads of fsw-cnt
switch_status_agrees() {
	local a b c id sw cr res from us cid cus pend rest
	a=$(fsw-cnt)
	read -r c id sw cr res from us cid cus pend rest <"$FSW/switch_status" || return 1
	b=$(fsw-cnt)
	# ten fields today (docs/debugfs.md: new ones come at the end)
	[ -z "$rest" ] && awk -v a="$a" -v c="$c" -v b="$b" 'BEGIN { exit !(a <= c && c <= b) }' &&
		[ "$id" = "$(status_field instance)" ] && [ "$sw" = "$(status_field switches)" ] &&
		[ "$cr" = "$(status_field crashes)" ] && [ "$res" = "$(status_field last_switch_result)" ] &&
		[ "$from" = "$(status_field last_switch_from)" ] && [ "$us" = "$(status_field last_switch_us)" ] &&
		[ "$cid" = "$(status_field last_crash_id)" ] && [ "$cus" = "$(status_field last_crash_us)" ] &&
		[ "$pend" = "$(status_field pending | cut -d' ' -f1)" ]
}

page_field() {
	sed -n "s/^$1: //p" "$FSW/page"
}

# Kernel trouble since boot (or since the mark of dmesg_mark)
dmesg_mark() {
	DMESG_MARK=$(dmesg | wc -l)
}

dmesg_new() {
	dmesg | tail -n +$((${DMESG_MARK:-0} + 1))
}

dmesg_clean() {
	if dmesg | grep -E 'WARNING:|BUG:|Oops|Internal error|Unable to handle|rcu.*stall|Kernel panic'; then
		return 1
	fi
	return 0
}

# snap FILE...: the files' contents, one after the other
snap() {
	for f in "$@"; do cat "$f"; done
}

# refuse_each CASES FILE...: write each "input|errno" line of CASES to the
# control file (fsw-write escapes). One result per case: ok when the write
# fails with that errno, logs exactly one "fastswitch: control:" line and
# leaves every FILE as it was.
refuse_each() {
	cases=$1
	shift
	refuse_before=$(snap "$@")
	printf '%s\n' "$cases" >/tmp/cases
	while IFS='|' read -r input want; do
		dmesg_mark
		got=$(fsw-write "$FSW/control" "$input")
		lines=$(dmesg_new | grep -c 'fastswitch: control: ')
		shown=$(printf '%s\n' "$input" | cut -c1-64)
		if [ "$got" = "$want" ] && [ "$lines" = 1 ] && [ "$(snap "$@")" = "$refuse_before" ]; then
			ktap_ok "'$shown' refused with $want, nothing changed"
		else
			ktap_fail "'$shown' refused with $want, nothing changed (got $got, $lines log lines)"
			snap "$@" | sed 's/^/# /'
		fi
		dmesg_new | grep 'fastswitch: control: ' | sed 's/^/# /'
	done </tmp/cases
}

# vector_refuses FAULT WHY: inject the target fault FAULT (inject
# target-*: the target breaks after the module's checks) and switch to
# instance 1. One result: ok when the vector refused it with WHY,
# instance 0 runs on (the switch failed), the refusal was counted,
# instance 1 is untouched (its status line, its mark) and the table checks.
vector_refuses() {
	vr_why=$2
	vr_line=$(grep '^  1 ' "$FSW/status")
	vr_mark=$(inst_mark 1) vr_refusals=$(status_field refusals)
	echo "inject $1" >"$FSW/control"
	fastswitch switch 1 >/tmp/out 2>&1
	vr_rc=$?
	check "$1: the vector refuses ($vr_why), instance 0 runs on, instance 1 untouched" \
		eval '[ $vr_rc = 1 ] && [ "$(status_field last_refusal)" = "$vr_why" ] &&
			[ "$(status_field refusals)" = $((vr_refusals + 1)) ] && [ "$(inst_mark 1)" = "$vr_mark" ] &&
			[ "$(grep "^  1 " $FSW/status)" = "$vr_line" ] && [ "$(sect_field check)" = ok ]'
}

# round_trip: one result: a switch to instance 1 and back, seen by its
# user space (its mark moved on)
round_trip() {
	rt_mark=$(inst_mark 1)
	check "then a switch to instance 1 and back: its user space ran (its mark moved on from $rt_mark)" \
		eval 'fastswitch switch 1 >/dev/null && [ "$(inst_mark 1)" = $((rt_mark + 1)) ]'
}

# A background counter: /tmp/counter grows while the system runs.
counter_start() {
	(n=0; while :; do n=$((n + 1)); echo $n >/tmp/counter.new; mv /tmp/counter.new /tmp/counter; usleep 20000; done) &
	COUNTER_PID=$!
	while [ ! -s /tmp/counter ]; do usleep 10000; done
}

counter_value() {
	cat /tmp/counter
}

# Wait until the counter passes $1 (the hang timeout of the runner bounds it)
counter_wait_past() {
	while [ "$(counter_value)" -le "$1" ]; do usleep 10000; done
}

# One suspend-to-RAM cycle; returns the status of the write
suspend_mem() {
	echo mem >/sys/power/state
}

# --- sections (docs/sections.md) ---
MEMSYS=/sys/devices/system/memory

# sect_info I: "OWNER STATE" of section I from the sections dump
sect_info() {
	awk -v i="$1" '$1 ~ /^[0-9]+-[0-9]+$/ { split($1, r, "-");
		if (i + 0 >= r[1] + 0 && i + 0 <= r[2] + 0) print $3, $4 }' "$FSW/sections"
}

sect_field() {
	sed -n "s/^$1: //p" "$FSW/sections"
}

# sect_addr I: the physical address of section I, 0x...
sect_addr() {
	printf '%#x\n' $(( $(sect_field base) + $1 * ${FSW_SECTION_MIB:=$(sect_field section_size | cut -d' ' -f1)} * 1048576 ))
}

# sect_block I: the memory block device number of section I
sect_block() {
	echo $(( $(sect_addr $1) / 0x$(cat $MEMSYS/block_size_bytes) ))
}

# meminfo KEY: the value in kB
meminfo() {
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

# free_kb: free pages in kB, the per-cpu lists included (MemFree leaves
# them out, and draining them on an offline would blur the count)
free_kb() {
	awk '$1 == "count:" { pcp += $2 } END { print pcp * 4 }' /proc/zoneinfo |
		{ read -r p; echo $(($(meminfo MemFree) + p)); }
}

# Memory blocks online in ZONE_MOVABLE, by number
movable_blocks() {
	for d in $MEMSYS/memory[0-9]*; do
		if grep -q '^online$' "$d/state" && grep -qx Movable "$d/valid_zones"; then
			echo "${d##*memory}"
		fi
	done | sort -n
}

# Sections dump without the online state: the table's content
table_digest() {
	sed -n 's/^\( *[0-9]*-[0-9]* *[^ ]* *[^ ]*\).*/\1/p; /^generation/p; /^check/p' "$FSW/sections"
}

# hog_start MIB: a checked memory hog (fsw-hog) in the background
hog_start() {
	HOG_DIR=/tmp/hog.$$
	rm -rf "$HOG_DIR"
	mkdir -p "$HOG_DIR"
	HOG_CHECKS=0
	fsw-hog "$1" "$HOG_DIR" &
	HOG_PID=$!
	while [ ! -f "$HOG_DIR/ready" ] && kill -0 "$HOG_PID" 2>/dev/null; do usleep 20000; done
	[ -f "$HOG_DIR/ready" ]
}

# hog_check: the hog checks all its data; prints its verdict
hog_check() {
	HOG_CHECKS=$((HOG_CHECKS + 1))
	kill -USR1 "$HOG_PID" || { echo "hog gone"; return 1; }
	while [ ! -f "$HOG_DIR/check.$HOG_CHECKS" ]; do usleep 20000; done
	cat "$HOG_DIR/check.$HOG_CHECKS"
	grep -q '^ok' "$HOG_DIR/check.$HOG_CHECKS"
}

hog_stop() {
	kill "$HOG_PID" 2>/dev/null
	wait "$HOG_PID" 2>/dev/null
}

# sect_bytes, sect_kb: the size of one section
sect_bytes() {
	echo $(( ${FSW_SECTION_MIB:=$(sect_field section_size | cut -d' ' -f1)} * 1048576 ))
}

sect_kb() {
	echo $(( $(sect_bytes) / 1024 ))
}

# sects_of OWNER: the sections the table gives to OWNER (0..7, firmware,
# shared), one index a line, in order
sects_of() {
	awk -v o="$1" '$1 ~ /^[0-9]+-[0-9]+$/ && $3 == o { split($1, r, "-");
		for (i = r[1] + 0; i <= r[2] + 0; i++) print i }' "$FSW/sections"
}

# sect_end: the address just past the table's last section (outside RAM)
sect_end() {
	printf '%#x\n' $(( $(sect_field base) + $(sect_field sections) * $(sect_bytes) ))
}

# hexadd ADDR BYTES: ADDR + BYTES, 0x...
hexadd() {
	printf '%#x\n' $(($1 + $2))
}

# dt_cells FILE: the big-endian 32-bit cells of a device tree property,
# as hexadecimal words, one a line
dt_cells() {
	od -An -v -tx1 "$1" | tr -s ' \n' '  ' |
		awk '{ for (i = 1; i + 3 <= NF; i += 4) print $i $(i + 1) $(i + 2) $(i + 3) }'
}

# dt_range FILE: "START END" (END exclusive, 0x...) of a property holding
# one address and one size in the root's cell sizes (a memory node's reg,
# /chosen/linux,usable-memory-range)
dt_range() {
	ac=$((0x$(dt_cells /proc/device-tree/#address-cells)))
	sc=$((0x$(dt_cells /proc/device-tree/#size-cells)))
	dt_cells "$1" | awk -v ac="$ac" -v sc="$sc" '
		{ w[NR] = $1 }
		END { a = ""; for (i = 1; i <= ac; i++) a = a w[i];
		      s = ""; for (i = ac + 1; i <= ac + sc; i++) s = s w[i];
		      print a, s }' | {
		read -r a sz
		printf '%#x %#x\n' $((0x$a)) $((0x$a + 0x$sz))
	}
}

# The machine's RAM (the memory node) and instance 0's boot memory, as
# U-Boot gave it (/chosen/linux,usable-memory-range): "START END"
ram_range() {
	dt_range "$(ls -d /proc/device-tree/memory@* | head -n 1)/reg"
}
boot_range() {
	dt_range /proc/device-tree/chosen/linux,usable-memory-range
}

# kernel_range: "START END" of the RAM this kernel took from its boot
# memory (the top-level "System RAM" of /proc/iomem; sections added from
# the table are "System RAM (fastswitch)"). Less than the boot memory when
# that runs past the kernel's lowmem (at -m 2G: up to 0xb8000000).
kernel_range() {
	grep '^[0-9a-f]*-[0-9a-f]* : System RAM$' /proc/iomem |
		awk -F'[- ]' 'NR == 1 { a = $1 } { b = $2 } END { print a, b }' | {
		read -r a b
		printf '%#x %#x\n' $((0x$a)) $((0x$b + 1))
	}
}

# Every CPU of the machine (QEMU's -smp), as the kernel lists them
ALL_CPUS=$(cat /sys/devices/system/cpu/present 2>/dev/null)

# inst_mark ID: the mark instance ID's user space last set (mark N), as
# this instance sees it in ID's page (status): only ID's user space can
# advance it, so it proves that ID ran
inst_mark() {
	sed -n "s/^  $1 .* mark \([0-9]*\).*/\1/p" "$FSW/status"
}

# sums_unchanged: every section the table gives to instance 0 has the sum
# the vector took when instance 0 last left (section_sums)
sums_unchanged() {
	cat "$FSW/section_sums" >/tmp/sums
	n0=$(sects_of 0 | wc -l)
	[ "$n0" -gt 0 ] && [ "$(awk '$3 == 0' /tmp/sums | wc -l)" = "$n0" ] &&
		! awk '$3 == 0 && $6 != "same"' /tmp/sums | grep -q .
}

# cmdline_arg NAME: the value of NAME= on the kernel command line
cmdline_arg() {
	tr ' ' '\n' </proc/cmdline | sed -n "s/^$1=//p"
}

# kernel_build KEY [FILE]: what a kernel build is (host/build-initramfs.sh
# writes it): release, hz, nr_cpus, preempt (none|voluntary|full), tick
# (periodic|idle). FILE is this kernel's /etc/kernel-build by default; a
# peer's is /boot/NAME/kernel-build.
kernel_build() {
	sed -n "s/^$1=//p" "${2:-/etc/kernel-build}"
}

# kernel_is_build: the running kernel is the build /etc/kernel-build
# describes: its release, NR_CPUS (kernel_max + 1) and preemption model
# (uname -v says PREEMPT for full preemption)
kernel_is_build() {
	[ "$(uname -r)" = "$(kernel_build release)" ] &&
		[ $(($(cat /sys/devices/system/cpu/kernel_max) + 1)) = "$(kernel_build nr_cpus)" ] || return 1
	case $(kernel_build preempt) in
	full) uname -v | grep -q ' PREEMPT ' ;;
	*) ! uname -v | grep -q ' PREEMPT ' ;;
	esac
}

# kernel_what [FILE]: one line saying what a build is
kernel_what() {
	echo "$(kernel_build release "$@") (HZ $(kernel_build hz "$@"), preempt $(kernel_build preempt "$@"), tick $(kernel_build tick "$@"), NR_CPUS $(kernel_build nr_cpus "$@"))"
}

# kernel_differs FILE1 FILE2: how two builds differ: version (another
# kernel version), config (the same version, another HZ, preemption model,
# tick or NR_CPUS), build (only the release name), same
kernel_differs() {
	local r1 r2 k
	r1=$(kernel_build release "$1") r2=$(kernel_build release "$2")
	if [ -z "$r1" ] || [ -z "$r2" ]; then
		echo unknown
	elif [ "${r1%%-*}" != "${r2%%-*}" ]; then
		echo version
	else
		for k in hz preempt tick nr_cpus; do
			[ "$(kernel_build $k "$1")" = "$(kernel_build $k "$2")" ] || { echo config; return; }
		done
		if [ "$r1" != "$r2" ]; then echo build; else echo same; fi
	fi
}

# long_or LONG SHORT: the soak figure under make check-long (fsw.long=1
# on the command line), the short one under make check
long_or() {
	if [ "$(cmdline_arg fsw.long)" = 1 ]; then echo "$1"; else echo "$2"; fi
}

# --- two instances (tests/guest/instances.sh, instance.peer.sh) ---
# Instance 1 gets a run of PEER_PLAN movable sections of instance 0 near
# the top of its memory, leaving instance 0's last two sections above
# them, so that instance 1 (whose range runs to the end of instance
# memory) sees those offline and refused. At -m 1G: s48-s58 (0x70000000),
# s59-s60 stay instance 0's; at -m 2G: s107-s117, s118-s119. Once the
# table gives sections to instance 1 (after the reserve, in instance 1,
# after a reset) they are those. Its zImage goes 2 sections above its
# base, its initramfs 3 sections above. peer_layout sets PEER_FIRST,
# PEER_LAST, PEER_SECTIONS, PEER_BASE, PEER_KERNEL and PEER_INITRD.
PEER_PLAN=11
peer_layout() {
	# shellcheck disable=SC2046
	set -- $(sects_of 1)
	if [ $# = 0 ]; then
		top=$(sects_of 0 | tail -n 1)
		[ -n "$top" ] || return 1
		PEER_LAST=$((top - 2))
		PEER_FIRST=$((PEER_LAST - PEER_PLAN + 1))
	else
		PEER_FIRST=$1
		eval "PEER_LAST=\${$#}"
	fi
	PEER_SECTIONS=$((PEER_LAST - PEER_FIRST + 1))
	PEER_BASE=$(sect_addr "$PEER_FIRST")
	PEER_KERNEL=$(hexadd "$PEER_BASE" $((2 * $(sect_bytes))))
	PEER_INITRD=$(hexadd "$PEER_BASE" $((3 * $(sect_bytes))))
}
[ -r "$FSW/sections" ] && peer_layout

# peer_boot ARGS...: reserve PEER_BASE for instance 1, load the peer
# build (/boot/$PEER_NAME, default peer) there and boot it with the
# console and ARGS on its command line (returns when it switches back);
# fails if a step fails
peer_boot() {
	sh /usr/bin/fastswitch reserve "$PEER_BASE" "$PEER_SECTIONS" 1 >/dev/null &&
		sh /usr/bin/fastswitch load 1 kernel "$PEER_KERNEL" "/boot/${PEER_NAME:-peer}/zImage" >/dev/null &&
		sh /usr/bin/fastswitch load 1 initrd "$PEER_INITRD" "/boot/${PEER_NAME:-peer}/initramfs.cpio.gz" >/dev/null &&
		sh /usr/bin/fastswitch cmdline 1 console=ttyAMA0,115200 loglevel=4 "$@" >/dev/null &&
		sh /usr/bin/fastswitch boot 1 >/dev/null
}

# The state a switch must keep: a counter process, tmpfs files, a canary
state_start() {
	counter_start
	mkdir -p /tmp/data
	for f in a b c; do
		dd if=/dev/urandom of=/tmp/data/$f bs=1k count=128 2>/dev/null
	done
	md5sum /tmp/data/* >/tmp/data.md5
	fsw-canary 16 /tmp/canary &
	CANARY_PID=$!
	CANARY_N=1
	while [ ! -s /tmp/canary ]; do usleep 20000; done
	STATE_BAD_COUNTER=0 STATE_BAD_FILES=0 STATE_BAD_CANARY=0 STATE_BAD_CPUS=0
}

# state_check BEFORE: after a switch back, everything is as it was left
# and alive (the counter moves on past BEFORE); counts what is not.
state_check() {
	# generous: the counter moves every 20 ms
	tries=0
	while [ "$(counter_value)" -le "$1" ] && [ $tries -lt 3000 ]; do
		usleep 10000
		tries=$((tries + 1))
	done
	[ $tries -lt 3000 ] || STATE_BAD_COUNTER=$((STATE_BAD_COUNTER + 1))
	md5sum -c -s /tmp/data.md5 || STATE_BAD_FILES=$((STATE_BAD_FILES + 1))
	CANARY_N=$((CANARY_N + 1))
	kill -USR1 $CANARY_PID
	while ! grep -q "^$CANARY_N " /tmp/canary; do usleep 10000; done
	grep -q "^$CANARY_N .* ok" /tmp/canary || STATE_BAD_CANARY=$((STATE_BAD_CANARY + 1))
	[ "$(cat /sys/devices/system/cpu/online)" = "$ALL_CPUS" ] || STATE_BAD_CPUS=$((STATE_BAD_CPUS + 1))
}

# state_report N WHO: the results of N state_checks
state_report() {
	check "$2: the counter process ran on after all $1 switches" [ "$STATE_BAD_COUNTER" = 0 ]
	check "$2: tmpfs files unchanged after all $1 switches" [ "$STATE_BAD_FILES" = 0 ]
	check "$2: 16 MiB RAM canary unchanged after all $1 switches ($STATE_BAD_CANARY bad)" [ "$STATE_BAD_CANARY" = 0 ]
	check "$2: every CPU ($ALL_CPUS) online after all $1 switches" [ "$STATE_BAD_CPUS" = 0 ]
}

# online_refused I: section I is a memory block here, and onlining it
# through sysfs fails with EPERM, the kernel naming its owner
online_refused() {
	b=$(sect_block "$1")
	[ -d "$MEMSYS/memory$b" ] || return 1
	[ "$(fsw-write "$MEMSYS/memory$b/state" online)" = EPERM ] &&
		grep -qx offline "$MEMSYS/memory$b/state" &&
		dmesg | tail -n 3 | grep -q "section $1 .* is another instance's: online refused"
}

# --- the ownership invariant (docs/requests.md) ---
# owner_check: every instance's report of the sections it has online
# (debugfs "online": "ID sections", this instance marked "*") against the
# table: no section is online in two instances, none is online where the
# table gives it to another, every section of an instance belongs to one
# that is alive, and every section of this instance is online here (a
# sleeping instance onlines what it received when it resumes). Prints
# each violation; fails if there is one.
owner_check() {
	awk 'FNR == NR {
		id = $1; if (sub(/\*$/, "", id)) me = id
		alive[id] = 1
		for (k = 2; k <= NF; k++) {
			n = split($k, r, "-"); b = n > 1 ? r[2] : r[1]
			for (i = r[1] + 0; i <= b + 0; i++) {
				if (i in on) { print "section " i " is online in instances " on[i] " and " id; bad++ }
				on[i] = id
			}
		}
		next
	}
	$1 ~ /^[0-9]+-[0-9]+$/ { split($1, r, "-"); for (i = r[1] + 0; i <= r[2] + 0; i++) owner[i] = $3 }
	END {
		for (i in on)
			if (owner[i] != on[i] && owner[i] != "shared") {
				print "section " i " is online in instance " on[i] ", the table gives it to " owner[i]; bad++
			}
		for (i in owner) {
			o = owner[i]
			if (o !~ /^[0-9]+$/) continue
			if (!(o in alive)) { print "section " i " is instance " o "'"'"'s, which is not alive"; bad++ }
			else if (o == me && !(i in on)) { print "section " i " is this instance'"'"'s and not online here"; bad++ }
		}
		exit bad > 0
	}' "$FSW/online" "$FSW/sections" >/tmp/owner_check.out
	rc=$?
	sed "s/^/${KTAP_PREFIX}# owner_check: /" /tmp/owner_check.out
	return $rc
}

# --- many instances (tests/guest/three-instances.sh) ---
# inst_layout N: the sections of instance N (N >= 1): those the table
# gives it, or, before it has any, a run of PEER_PLAN sections of
# instance 0 below those of the instances before it, each run one
# section apart (instance 1: as peer_layout). Sets INST_FIRST,
# INST_LAST, INST_SECTIONS, INST_BASE, INST_KERNEL and INST_INITRD.
inst_layout() {
	# shellcheck disable=SC2046
	set -- "$1" $(sects_of "$1")
	if [ $# = 1 ]; then
		top=$(sects_of 0 | tail -n 1)
		[ -n "$top" ] || return 1
		INST_LAST=$((top - 2 - ($1 - 1) * (PEER_PLAN + 1)))
		INST_FIRST=$((INST_LAST - PEER_PLAN + 1))
	else
		INST_FIRST=$2
		eval "INST_LAST=\${$#}"
	fi
	INST_SECTIONS=$((INST_LAST - INST_FIRST + 1))
	INST_BASE=$(sect_addr "$INST_FIRST")
	INST_KERNEL=$(hexadd "$INST_BASE" $((2 * $(sect_bytes))))
	INST_INITRD=$(hexadd "$INST_BASE" $((3 * $(sect_bytes))))
}

# plan_moves ME PLAN: the moves of instance ME in PLAN ("A>B ..."), in
# order, one a line: "TO FROM", where FROM is the instance whose move
# (the last one before, cyclically, that goes to ME) hands it the turn
plan_moves() {
	echo "$2" | awk -v me="$1" '{
		n = NF
		for (i = 1; i <= n; i++) { split($i, ab, ">"); f[i] = ab[1]; t[i] = ab[2] }
		for (i = 1; i <= n; i++) {
			if (f[i] != me) continue
			j = i
			do { j = j == 1 ? n : j - 1 } while (t[j] != me && j != i)
			print t[i], f[j]
		}
	}'
}

# marks_snap: every instance's mark now, "ID:MARK ..."
marks_snap() {
	for i in 0 1 2 3 4 5 6 7; do
		m=$(inst_mark "$i")
		[ -n "$m" ] && printf '%s:%s ' "$i" "$m"
	done
}

# mark_of SNAP ID: the mark of ID in a marks_snap
mark_of() {
	for e in $1; do
		[ "${e%%:*}" = "$2" ] && echo "${e#*:}"
	done
}

# free_run N: the first section of the highest run of N contiguous
# sections of this instance that are online and movable here
free_run() {
	me=$(status_field instance)
	run=0 prev=
	for s in $(sects_of "$me" | sort -rn); do
		if [ "$(sect_info "$s")" = "$me online" ] &&
			grep -qx Movable "$MEMSYS/memory$(sect_block "$s")/valid_zones"; then
			if [ -n "$prev" ] && [ "$s" = $((prev - 1)) ]; then run=$((run + 1)); else run=1; fi
			prev=$s
			if [ "$run" = "$1" ]; then
				echo "$s"
				return 0
			fi
		else
			run=0 prev=
		fi
	done
	return 1
}
