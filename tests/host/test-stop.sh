#!/bin/bash
# Host test (KTAP): stopping a host command stops the QEMU it started.
# For each command that boots QEMU (host/qemu.sh, tests/run, bench/run,
# host/run-demo.sh): start it, wait until its qemu-system-arm runs, then
#   INT   to its process group (what Ctrl-C on a terminal does),
#   TERM, HUP, KILL   to the script alone (a killed run),
# and check that QEMU is gone within 5 s. The guest is U-Boot with a
# dummy kernel (it waits at its prompt): no kernel build is needed.
# Also: the hang timeout of host/qemu.sh kills QEMU and reports 124.
set -u
FSW_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$FSW_TOP/tests/host/ktap.bash"

work=$(mktemp -d "${TMPDIR:-/tmp}/fsw-stop.XXXXXX")
# Every QEMU of this test has its boot disk under $work/tmp (TMPDIR),
# which tells them from other QEMUs on the machine.
mkdir "$work/tmp" "$work/out"
head -c 65536 /dev/zero >"$work/out/zImage"
echo dummy | gzip >"$work/out/initramfs.cpio.gz"
mark="^qemu-system-arm .*$work/tmp/fsw-boot"
cleanup() {
	local q
	for q in $(pgrep -f "$mark"); do kill -KILL "$q" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT
set -m	# each command below in its own process group, as a terminal would

# qemu_pid: the PID of this test's QEMU, if one runs
qemu_pid() {
	pgrep -f "$mark" | head -n 1
}

# gone PID SECONDS: true when PID has ended within SECONDS
gone() {
	local i
	for i in $(seq $(($2 * 10))); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	! kill -0 "$1" 2>/dev/null
}

# stop_case NAME SIGNAL COMMAND...: start COMMAND, wait for its QEMU
# (60 s at most), send SIGNAL, check QEMU is gone within 5 s
stop_case() {
	local name=$1 sig=$2 pid q i
	shift 2
	# default dispositions: a run under nohup (or started in the
	# background) would ignore SIGHUP (SIGINT), and rightly go on
	TMPDIR=$work/tmp FSW_OUT=$work/out FSW_TEST_TIMEOUT=600 \
		env --default-signal=INT,TERM,HUP "$@" >"$work/cmd.log" 2>&1 &
	pid=$!
	q=
	for i in $(seq 600); do
		q=$(qemu_pid)
		[ -z "$q" ] || break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if [ -z "$q" ]; then
		ktap_fail "$name: SIG$sig stops QEMU (no QEMU started)"
		sed 's/^/# /' "$work/cmd.log"
		kill -KILL -- -"$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		return
	fi
	sleep 0.5	# let the script reach its wait
	if [ "$sig" = INT ]; then
		kill -INT -- -"$pid"
	else
		kill -"$sig" "$pid"
	fi
	if gone "$q" 5; then
		ktap_ok "$name: SIG$sig stops QEMU"
	else
		ktap_fail "$name: SIG$sig stops QEMU (QEMU $q still runs)"
		kill -KILL "$q" 2>/dev/null
	fi
	gone "$pid" 5 || kill -KILL -- -"$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

ktap_plan 17
for sig in INT TERM HUP KILL; do
	stop_case "host/qemu.sh" $sig "$FSW_TOP/host/qemu.sh" -t 600
	stop_case "tests/run NAME" $sig "$FSW_TOP/tests/run" suspend-cycles
	stop_case "bench/run" $sig "$FSW_TOP/bench/run"
	stop_case "host/run-demo.sh" $sig "$FSW_TOP/host/run-demo.sh"
done

# The hang timeout: QEMU killed, exit status 124
TMPDIR=$work/tmp FSW_OUT=$work/out "$FSW_TOP/host/qemu.sh" -t 3 >/dev/null 2>&1
rc=$?
check "host/qemu.sh -t 3: QEMU killed as hung, exit 124 (got $rc)" \
	eval '[ "$rc" = 124 ] && [ -z "$(qemu_pid)" ]'
ktap_end
