#!/bin/bash
# Host test (KTAP): bench/timeline.py on synthetic console logs. A
# generator (below) writes the log of a traced switch benchmark, the way
# bench/guest-switch.sh and its peer print it: two instances whose trace
# clocks have different offsets to the counter, a trace clock that stands
# still from syscore_suspend to syscore_resume and then goes on from there,
# a 50 us stamp delay on one anchor, "peer: " lines, kernel messages inside
# the base64 of the dumps, \r\n line ends; 6 switches each way, each phase
# and device callback of a known length (different per switch), and the
# tool's exec and exit among other tasks' (the user-space details). The peer
# dumps its trace before its last switch back (as on the guest), so that
# switch is outside its trace. timeline.py must give every median as
# constructed (to the microsecond), the samples, an SVG that parses, and
# fail (bench-fail:, exit 1) on anchors 3 ms apart, an overflowed trace
# buffer, a missing dump, too few samples and too many skipped switches.
# The same generator writes bench/guest-selfcycle.sh's log (mode self):
# bench/selfcycle.py must cut its self cycles into the same phases, as
# constructed, and fail on a missing dump and too few cycles.
set -u
FSW_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$FSW_TOP/tests/host/ktap.bash"

work=$(mktemp -d "${TMPDIR:-/tmp}/fsw-timeline.XXXXXX")
trap 'rm -rf "$work"' EXIT
# the interpreter itself, found once: a wrapper (pyenv's shim) may cost
# most of a second per start
py=$(python3 -c 'import sys; print(sys.executable)') || py=python3

cat >"$work/gen.py" <<'EOF'
"""gen.py DIR MODE: DIR/MODE.log (console) and DIR/MODE.want (expected
metric lines, prefix tl_). MODE: good, anchors (one anchor 3 ms off),
overflow (instance 1's buffer), nodump (no dump of instance 1), nocpuon
(no CPU_ON events), disorder (one bench-arrive before its switch)."""
import base64
import gzip
import statistics
import sys

work, mode = sys.argv[1], sys.argv[2]
F = 62500000                    # counter frequency (Hz)
N = 6                           # switches 0->1 (and 1->0)
DELAY = 50                      # us: the stamp delay of one anchor


def cnt(us):
    """The counter at real time US (us, even: exact)."""
    return us * F // 1000000


class Inst:
    """One instance: its trace clock (real = ts + off while it runs, ts
    stands still while frozen) and the events of its trace."""

    def __init__(self, ident, off, frozen=None):
        self.id, self.off, self.frozen = ident, off, frozen
        self.tracing, self.ev, self.last_out = False, [], None

    def ts(self, real):
        return self.frozen if self.frozen is not None else real - self.off

    def freeze(self, real):
        self.frozen = real - self.off

    def thaw(self, real):
        self.off, self.frozen = real - self.frozen, None

    def emit(self, real, name, payload, cpu=0, task="fsw switch-140", delay=0):
        if self.tracing:
            self.ev.append((self.ts(real + delay), len(self.ev), cpu, task, name, payload))

    def sr(self, real, action, val, what):
        self.emit(real, "suspend_resume", f"{action}[{val}] {what}")

    def point(self, real, point, target, delay=0, shift=0):
        self.emit(real, "fastswitch_point",
                  f"point={point} target={target} cnt={cnt(real - shift)}", delay=delay)

    def callback(self, real, dur, driver, dev, ops, verb, cpu=0):
        task = "pm worker-77" if cpu else "fsw switch-140"
        self.emit(real, "device_pm_callback_start",
                  f"{driver} {dev}, parent: platform, {ops}[{verb}]", cpu, task)
        self.emit(real + dur, "device_pm_callback_end", f"{driver} {dev}, err=0", cpu, task)

    def cpuhp(self, real, cpu, steps):
        """Hotplug steps of CPU from REAL: [(step, function, us)]; the end."""
        for step, fn, dur in steps:
            self.emit(real, "cpuhp_enter", f"cpu: {cpu:04d} target: {0:3d} step: {step:3d} ({fn})",
                      cpu, f"cpuhp/{cpu}-{17 + cpu}")
            real += dur
            self.emit(real, "cpuhp_exit", f" cpu: {cpu:04d}  state: {step - 1:3d} step: {step:3d} ret: 0",
                      cpu, f"cpuhp/{cpu}-{17 + cpu}")
            real += 2
        return real

    def text(self):
        lines = []
        for ts, _, cpu, task, name, payload in sorted(self.ev):
            lines.append(f"{task:>16} [{cpu:03d}] d..1. {ts // 10**6:5d}.{ts % 10**6:06d}: {name}: {payload}")
        n = len(lines)
        written = n + 12 if (mode, self.id) == ("overflow", 1) else n
        return "\n".join(["# tracer: nop", "#", f"# entries-in-buffer/entries-written: {n}/{written}   #P:3",
                          "#", "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION",
                          "#              | |         |   |||||     |         |"] + lines) + "\n"


class Phases:
    """The expected phases (us) of one switch: each from the end of the one
    before, or from its own begin when the one before has no events."""

    def __init__(self, start):
        self.prev, self.v, self.m = start, {}, {}

    def __call__(self, name, begin, end, present=True):
        start = self.prev if self.prev is not None else begin
        present = present and start is not None     # no start mark: not found
        self.v[name] = end - start if present else 0
        self.prev = end if present else None


log = []


def say(ident, text):
    log.append(("peer: " if ident == 1 else "") + text)


def kmsg(ident, real, text):
    say(ident, f"[{real // 10**6:5d}.{real % 10**6:06d}] {text}")


def leave(A, b, t, i, d, P, devs):
    """A's side from its suspend_enter begin at T: the vector_out time."""
    def dur(n, base):
        return base + 2 * ((n * 7 + i * 5 + d * 3) % 9)

    def gap(n):
        return 2 * ((n + i + d) % 4)

    A.sr(t, "suspend_enter", 3, "begin")
    P("user_to_kernel", None, t)
    t += gap(1)
    A.sr(t, "sync_filesystems", 0, "begin")
    b0, t = t, t + dur(1, 420)
    A.sr(t, "sync_filesystems", 0, "end")
    P("sync", b0, t)
    A.point(t + 10, "prepare", b)
    t += 10 + dur(2, 60)
    A.sr(t, "freeze_processes", 0, "begin")
    P("notifiers", None, t)
    b0, t = t, t + dur(3, 900)
    A.sr(t, "freeze_processes", 0, "end")
    P("freeze", b0, t)
    A.sr(t + 2, "suspend_enter", 3, "end")     # 6.12: before the devices suspend
    P.m["begin"] = t + 8
    A.point(t + 8, "begin", b, delay=DELAY if (i, d) == (2, 0) else 0)
    t += 10 + gap(4)
    A.sr(t, "dpm_prepare", 0, "begin")
    A.callback(t + 2, 10, "", "alarmtimer.0.auto", "", "suspend")
    b0, t = t, t + dur(4, 40)
    A.sr(t, "dpm_prepare", 0, "end")
    P("dpm_prepare", b0, t)
    t += gap(5)
    A.sr(t, "dpm_suspend", 0, "begin")
    d1 = dur(5, 150)
    A.callback(t + 4, d1, "virtio_mmio", "a003e00.virtio_mmio", "bus ", "suspend", cpu=1)
    A.callback(t + 6, 30, "virtio_mmio", "a003c00.virtio_mmio", "bus ", "suspend")
    devs["a003e00_virtio_mmio_suspend"] = d1
    b0, t = t, t + d1 + 10
    A.sr(t, "dpm_suspend", 0, "end")
    P("dpm_suspend", b0, t)
    t += gap(6)
    A.sr(t, "dpm_suspend_late", 0, "begin")
    b0, t = t, t + dur(6, 50)
    A.sr(t, "dpm_suspend_late", 0, "end")
    P("dpm_suspend_late", b0, t)
    t += gap(7)
    A.sr(t, "dpm_suspend_noirq", 0, "begin")
    d2 = dur(7, 80)
    A.callback(t + 2, d2, "pl061", "9030000.pl061", "noirq bus ", "suspend")
    devs["9030000_pl061_noirq_suspend"] = d2
    b0, t = t, t + d2 + 6
    A.sr(t, "dpm_suspend_noirq", 0, "end")
    P("dpm_suspend_noirq", b0, t)
    t += gap(8)
    b0 = t
    for cpu in (1, 2):
        A.sr(t, "CPU_OFF", cpu, "begin")
        t = A.cpuhp(t + 2, cpu, [(235, "sched_cpu_deactivate", dur(8, 30)), (120, "smpcfd_dying_cpu", 10)])
        A.sr(t, "CPU_OFF", cpu, "end")
        t += 4
    t -= 4
    P("cpus_down", b0, t)
    t += gap(9)
    A.sr(t, "syscore_suspend", 0, "begin")
    b0, t = t, t + dur(9, 30)
    A.freeze(t)
    A.sr(t, "syscore_suspend", 0, "end")
    P("syscore", b0, t)
    A.sr(t + 2, "machine_suspend", 3, "begin")
    A.point(t + 6, "enter", b)
    P.m["enter"] = t + 6
    t += 6 + dur(10, 120)
    A.point(t, "vector_out", b)
    A.last_out = t if A.tracing else None
    P("fastswitch_enter", None, t)
    return t


def arrive(B, v, i, d, P, devs):
    """B's side from its vector_in at V: the time of its resumed point."""
    def dur(n, base):
        return base + 2 * ((n * 5 + i * 3 + d * 7) % 11)

    def gap(n):
        return 2 * ((n + 2 * i + d) % 3)

    B.point(v, "vector_in", B.id)
    P.m["vector_in"], P.m["last_out"] = v, B.last_out
    P("vector", None, v)
    B.sr(v + 2, "machine_suspend", 3, "end")
    B.sr(v + 4, "syscore_resume", 0, "begin")
    B.thaw(v + 6)
    t = v + dur(11, 40)
    B.sr(t, "syscore_resume", 0, "end")
    P("syscore_resume", v, t)
    t += gap(12)
    b0 = t
    for cpu in (1, 2):
        if mode != "nocpuon":
            B.sr(t, "CPU_ON", cpu, "begin")
        t = B.cpuhp(t + 2, cpu, [(120, "smpcfd_prepare_cpu", 12), (235, "sched_cpu_activate", dur(12, 24))])
        if mode != "nocpuon":
            B.sr(t, "CPU_ON", cpu, "end")
        t += 4
    t -= 4
    P("cpus_up", b0, t, mode != "nocpuon")
    t += gap(13)
    B.sr(t, "dpm_resume_noirq", 0, "begin")
    d3 = dur(13, 70)
    B.callback(t + 2, d3, "pl061", "9030000.pl061", "noirq bus ", "resume")
    devs["9030000_pl061_noirq_resume"] = d3
    b0, t = t, t + d3 + 4
    B.sr(t, "dpm_resume_noirq", 0, "end")
    P("dpm_resume_noirq", b0, t)
    for n, phase in ((14, "dpm_resume_early"), (15, "dpm_resume"), (16, "dpm_complete"),
                     (17, "resume_console"), (18, "thaw_processes")):
        t += gap(n)
        B.sr(t, phase, 0, "begin")
        b0, own = t, dur(n, (30, 60, 20, 20, 700)[n - 14])
        if phase == "dpm_resume":
            d4 = dur(19, 200)
            B.callback(t + 2, d4, "virtio_mmio", "a003e00.virtio_mmio", "bus ", "resume", cpu=1)
            B.callback(t + 4, 20, "virtio_mmio", "a003c00.virtio_mmio", "bus ", "resume")
            devs["a003e00_virtio_mmio_resume"] = d4
            own += d4
        if phase == "dpm_complete":
            d5 = dur(20, 60)
            B.callback(t + 2, d5, "", "alarmtimer.0.auto", "", "resume")
            devs["alarmtimer_0_auto_complete"] = d5
            own += d5
        t += own
        B.sr(t, phase, 0, "end")
        P({"thaw_processes": "thaw"}.get(phase, phase), b0, t)
    t += dur(21, 40)
    P.m["resumed"] = t
    B.point(t, "resumed", B.id, shift=3000 if (mode, i, d) == ("anchors", 3, 0) else 0)
    P("post_notifiers", None, t)
    return t


KERNEL = ["sync", "notifiers", "freeze", "dpm_prepare", "dpm_suspend", "dpm_suspend_late",
          "dpm_suspend_noirq", "cpus_down", "syscore", "fastswitch_enter", "vector",
          "syscore_resume", "cpus_up", "dpm_resume_noirq", "dpm_resume_early", "dpm_resume",
          "dpm_complete", "resume_console", "thaw", "post_notifiers"]
want = {"0to1": [], "1to0": []}
wdevs = {"0to1": {}, "1to0": {}}


def switch(A, B, t, i):
    """Switch I from A to B, its start stamp at T: the end stamp's time."""
    d = A.id
    traced = A.tracing and B.tracing
    P, devs = Phases(t), {}
    t1 = t + 250 + 2 * (i * 11 % 7)
    # the tool: exec'd on A after the stamp (a tool run before it and a
    # sed after it are not it), its task's exit on B after the resume
    # (after a sed's)
    A.emit(t - 30, "sched_process_exec", f"filename=/usr/bin/fastswitch pid={300 + i} old_pid={300 + i}")
    x = 90 + 2 * (i % 3) + 10 * d
    A.emit(t + x, "sched_process_exec", f"filename=/usr/bin/fastswitch pid={200 + i} old_pid={200 + i}")
    A.emit(t + x + 40, "sched_process_exec", f"filename=/bin/sed pid={400 + i} old_pid={400 + i}")
    kmsg(A.id, t1 - 100, f"fastswitch: switch {i} to instance {B.id}")
    vout = leave(A, B.id, t1, i, d, P, devs)
    done = arrive(B, vout + 500 + 2 * (i * 3 % 5) + 40 * d, i, d, P, devs)
    end = done + 300 + 2 * (i * 7 % 5)
    P("kernel_to_user", None, end)
    y = 60 + 2 * (i % 4) + 6 * d
    B.emit(done + 20, "sched_process_exit", f"comm=sed pid={500 + i} prio=120")
    B.emit(done + y, "sched_process_exit", f"comm=fastswitch pid={100 + i} prio=120")
    if traced:
        P.v.update(usr_exec=x, usr_tool_in=t1 - t - x, usr_tool_out=y, usr_after=end - done - y)
        P.v.update(suspend_half=P.m["enter"] - P.m["begin"],
                   resume_half=P.m["resumed"] - P.m["vector_in"])
        if P.m["last_out"] is not None:
            P.v["asleep"] = P.m["vector_in"] - P.m["last_out"]
        P.v["kernel_side"] = done - t1
        P.v["end_to_end"] = end - t
        P.v["unaccounted"] = P.v["kernel_side"] - sum(P.v[k] for k in KERNEL)
        want[("0to1", "1to0")[d]].append(P.v)
        for k, v in devs.items():
            wdevs[("0to1", "1to0")[d]].setdefault(k, []).append(v)
    return end


def dump(inst, real, number=None):
    """INST's trace as dump NUMBER (default: its id), tracing off."""
    number = inst.id if number is None else number
    data = base64.encodebytes(gzip.compress(inst.text().encode())).decode().split()
    say(inst.id, f"fsw-trace-begin: {number}")
    for n, line in enumerate(data):
        say(inst.id, line)
        if n % 7 == 3:
            kmsg(inst.id, real + n, "virtio_blk virtio1: [vda] 131072 512-byte logical blocks")
    say(inst.id, f"fsw-trace-end: {number}")
    inst.tracing = False


def write(lines):
    """DIR/MODE.log from the console lines, DIR/MODE.want from LINES."""
    with open(f"{work}/{mode}.log", "w") as f:
        f.write("".join(line + "\r\n" for line in log))
    with open(f"{work}/{mode}.want", "w") as f:
        f.write("".join(line + "\n" for line in lines))


if mode.startswith("self"):
    # bench/guest-selfcycle.sh's log: instance 0 cycles through the vector
    # N times per dump, waking at once (dump 0), after 90 ms (dump 1) and
    # at once after 90 ms of idle (dump 2); MODE self1 dumps only the
    # first. The phases of selfcycle.py (prefix selfcyc_) as constructed:
    # no user stamps, so sync from its own begin.
    i0 = Inst(0, 41234567)
    say(0, f"bench-freq: {F}")
    lines, t = [], 60000000
    for number, name, asleep, idle in ((0, "selfcycle", 500, 0), (1, "selfcycle_slept", 90000, 0),
                                       (2, "selfcycle_after_idle", 500, 90000)):
        if (mode, number) == ("self1", 1):
            break
        i0.tracing, i0.ev, got = True, [], []
        for i in range(1, N + 1):
            P = Phases(None)
            t += idle
            t = arrive(i0, leave(i0, 0, t, i, number, P, {}) + asleep + 2 * i, i, number, P, {})
            got.append(P.v)
            t += 3000 + 2 * i
        say(0, f"bench: {name}_resume_half_median 1.000 ms")
        dump(i0, t, number)
        lines.append(f"bench: selfcyc_{name}_steps_samples {N} count")
        lines += [f"bench: selfcyc_{name}_{k}_median {statistics.median(v[k] for v in got) / 1000:.3f} ms"
                  for k in KERNEL]
    write(lines)
    sys.exit(0)


i0 = Inst(0, 0, frozen=8765432)     # asleep: it booted instance 1
i1 = Inst(1, 37123457)              # running, since real 37.1 s
say(0, f"bench-freq: {F}")
say(0, "bench: self_cycle_median 5.123 ms")
i1.tracing = True
t = 50000000
say(1, f"bench-leave: 0 {cnt(t)}")
t = switch(i1, i0, t, 0) + 2000
i0.tracing = True
for i in range(1, N + 1):
    say(0, f"bench-start: {i} {cnt(t)}")
    s = t
    t = switch(i0, i1, t, i)
    say(1, f"bench-arrive: {i} {cnt(s + 100 if (mode, i) == ('disorder', 2) else t)}")
    if i == N:
        say(1, "bench: switch_kernel_0to1_median 9.876 ms")
        if mode != "nodump":
            dump(i1, t + 100)
        t += 5000
    t += 600 + 2 * i
    say(1, f"bench-leave: {i} {cnt(t)}")
    t = switch(i1, i0, t, i)
    say(0, f"bench-back: {i} {cnt(t)}")
    t += 800
say(0, "bench: switch_kernel_1to0_median 9.123 ms")
dump(i0, t)
lines = []
for d in ("0to1", "1to0"):
    lines.append(f"bench: tl_timeline_{d}_samples {len(want[d])} count")
    for key in want[d][0]:
        med = statistics.median(sw[key] for sw in want[d])
        lines.append(f"bench: tl_timeline_{d}_{key}_median {med / 1000:.3f} ms")
    for key, vals in wdevs[d].items():
        lines.append(f"bench: tl_timeline_{d}_dev_{key}_median {statistics.median(vals) / 1000:.3f} ms")
write(lines)
EOF

# tl MODE [ARGS]: generate the MODE log, run timeline.py on it (--prefix
# tl_ --svg), stdout in MODE.out, stderr in MODE.err; its exit status
tl() {
	local mode=$1
	shift
	"$py" "$work/gen.py" "$work" "$mode" 2>"$work/$mode.err" || return 99
	"$py" "$FSW_TOP/bench/timeline.py" --prefix tl_ --svg "$work/$mode.svg" "$@" \
		"$work/$mode.log" >"$work/$mode.out" 2>"$work/$mode.err"
}

# same MODE INCLUDE [EXCLUDE]: the expected lines matching INCLUDE (and
# not EXCLUDE) are exactly the output's
same() {
	local want got
	want=$(grep -E "$2" "$work/$1.want" | grep -vE "${3:-^$}" | sort)
	got=$(grep -E "$2" "$work/$1.out" | grep -vE "${3:-^$}" | sort)
	[ -n "$want" ] && [ "$want" = "$got" ] && return 0
	diff <(echo "$want") <(echo "$got") | sed 's/^/# /'
	return 1
}

# fails MODE WORDS [ARGS]: timeline.py on the MODE log exits 1 with a
# "bench-fail: timeline:" line holding WORDS, and prints no metric
fails() {
	local mode=$1 words=$2 rc
	shift 2
	tl "$mode" "$@"
	rc=$?
	if [ "$rc" = 1 ] && grep -q "^bench-fail: timeline: .*$words" "$work/$mode.out" &&
		! grep -q '^bench: ' "$work/$mode.out"; then
		return 0
	fi
	echo "# exit $rc, expected 1 and '$words'"
	sed 's/^/# /' "$work/$mode.out" "$work/$mode.err"
	return 1
}

# sc MODE [ARGS]: generate the MODE log, run selfcycle.py on it (--prefix
# selfcyc_), stdout in MODE.out, stderr in MODE.err; its exit status
sc() {
	local mode=$1
	shift
	"$py" "$work/gen.py" "$work" "$mode" 2>"$work/$mode.err" || return 99
	"$py" "$FSW_TOP/bench/selfcycle.py" --prefix selfcyc_ "$@" \
		"$work/$mode.log" >"$work/$mode.out" 2>"$work/$mode.err"
}

TOTALS='_(kernel_side|end_to_end|unaccounted)_'

ktap_plan 18
tl good
rc=$?
check "two instances, 6 switches each way: timeline.py exits 0 (got $rc)" [ "$rc" = 0 ]
[ "$rc" = 0 ] || sed 's/^/# /' "$work/good.out" "$work/good.err"
check "every stdout line is a metric line bench/run takes, prefix tl_" \
	eval '[ -s "$work/good.out" ] &&
	! grep -vE "^bench: tl_timeline_[A-Za-z0-9_]+ -?[0-9]+(\.[0-9]+)? (ms|count)$" "$work/good.out"'
check "0to1: every phase median as constructed, the user-space and kernel details too" same good '_0to1_.*_median ' "_dev_|$TOTALS"
check "1to0: every phase median as constructed" same good '_1to0_.*_median ' "_dev_|$TOTALS"
check "totals kernel_side, end_to_end, unaccounted as constructed" same good "$TOTALS"
check "samples: 6 switches 0to1, 5 1to0 (the last 1->0 is outside the peer's trace)" \
	eval 'same good _samples && grep -q "1to0 switch 6 not traced" "$work/good.err"'
check "device medians as constructed; devices under 0.05 ms left out" \
	eval 'same good _dev_ && ! grep -qE "a003c00|alarmtimer_0_auto_prepare" "$work/good.out"'
check "the SVG is well-formed XML, every bar with a <title>" "$py" - "$work/good.svg" <<'EOF'
import sys
import xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
titles = [t.text for t in root.iter(ns + "title")]
rects = len(list(root.iter(ns + "rect")))
titled = sum(len(g.findall(ns + "rect")) for g in root.iter(ns + "g") if g.find(ns + "title") is not None)
need = ("sync:", "vector:", "a003e00.virtio_mmio suspend:", "a003e00.virtio_mmio resume:",
        "cpu1 step 235 sched_cpu_deactivate:", "kernel_to_user:", "phase dpm_resume")
missing = [n for n in need if not any(t.startswith(n) for t in titles)]
# 21 phases, the vector, 8 callbacks, 8 hotplug steps, the legend's 22;
# the background and the vector's band have none
if root.tag != ns + "svg" or len(titles) != 60 or titled != 60 or rects != 62 or missing:
    print(f"# {root.tag}: {len(titles)} titles, {titled} of {rects} rects titled, missing {missing}")
    sys.exit(1)
EOF
check "stderr: the table of phases and the top devices per direction" \
	eval 'grep -q "^timeline 0to1: 6 switches joined, 0 skipped, 0 outside" "$work/good.err" &&
	grep -q "^timeline 1to0: 5 switches joined, 0 skipped, 1 outside" "$work/good.err" &&
	grep -qE "^  dpm_suspend_noirq +[0-9.]+ +[0-9.]+ +[0-9.]+$" "$work/good.err" &&
	[ "$(grep -c "a003e00.virtio_mmio resume" "$work/good.err")" = 2 ]'
tl nocpuon
rc=$?
check "no CPU_ON events: cpus_up 0, reported once per direction, the rest as constructed (exit $rc)" \
	eval '[ "$rc" = 0 ] && same nocpuon "_median " _dev_ &&
	grep -q "tl_timeline_0to1_cpus_up_median 0.000 ms" "$work/nocpuon.out" &&
	[ "$(grep -c "phase cpus_up: no events" "$work/nocpuon.err")" = 2 ]'
check "anchors 3 ms apart: bench-fail, exit 1" fails anchors "anchors of run [0-9]* disagree by 3.000 ms"
check "an overflowed trace buffer: bench-fail, exit 1" fails overflow "instance 1 overflowed"
check "no trace dump of instance 1: bench-fail, exit 1" fails nodump "no trace dump of instance 1"
check "--min-samples 7 with 6 switches: bench-fail, exit 1" fails good "fewer than 7" --min-samples 7
check "1 of 6 switches out of time order (over 10% skipped): bench-fail, exit 1" \
	fails disorder "0to1: 1 of 6 switches skipped"
sc self
rc=$?
check "self cycles, 6 per dump, 3 dumps: selfcycle.py exits 0, every phase median and the samples as constructed" \
	eval '[ "$rc" = 0 ] && same self "^bench: " &&
	[ "$(grep -c "^bench: " "$work/self.out")" = $((3 * (1 + 20))) ]'
sc self1
rc=$?
check "self cycles without dump 1: bench-fail naming it, exit 1, no metric" \
	eval '[ "$rc" = 1 ] && grep -q "^bench-fail: selfcycle: no trace dump 1 " "$work/self1.out" &&
	! grep -q "^bench: " "$work/self1.out"'
sc self --min-samples 7
rc=$?
check "--min-samples 7 with 6 self cycles: bench-fail for each of the 3 dumps, exit 1, no metric" \
	eval '[ "$rc" = 1 ] && [ "$(grep -c "^bench-fail: selfcycle: .*fewer than 7" "$work/self.out")" = 3 ] &&
	! grep -q "^bench: " "$work/self.out"'
ktap_end
