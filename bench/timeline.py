#!/usr/bin/env python3
"""Fastswitch switch timeline: two instances' kernel traces joined on the counter.

    bench/timeline.py [--prefix P] [--svg FILE] [--min-samples N] CONSOLE_LOG

The console log of a traced switch benchmark (bench/guest-switch.sh with
fsw.bench_trace=1) holds the user-space stamps of each switch (counter
values), the counter frequency and a trace dump (gzip'd, base64) of each
instance. Every switch A->B is cut into phases; the median of each phase
per direction goes to stdout as "bench:" lines, a table to stderr, and the
median switch 0->1 into an SVG (docs/timeline.md). On failure:
"bench-fail: timeline: <reason>" on stdout, exit status 1.

The clock problem. Each instance stamps its events with its own sched_clock
(trace clock "local"): it counts from that instance's boot, stands still
from syscore_suspend to syscore_resume, and does not count the time the
instance slept while the other one ran. The traces share no time scale,
and within one trace the offset of the trace clock to real time changes at
every switch. The counter (CNTVCT) is the same in every instance and never
stops: the user-space stamps and Fastswitch's trace points record it (cnt,
read just before the event is stamped).

The join. An instance's events are split into runs at each vector_in (the
instance resumed): within a run the trace clock has one offset to the
counter. Each anchor of a run (the points prepare, begin and resumed, taken
while the clock runs) gives offset = cnt/F - ts; an interrupt between the
counter read and the stamp can only make ts later, so the run's offset is
the largest. Anchors more than 2 ms apart are a failure. Events right after
vector_in whose ts has not moved yet (machine_suspend end, syscore_resume
begin) take the counter time of that vector_in; events before vector_out in
the frozen window map to the moment the clock stopped, never later than
vector_out. Fastswitch's points take their own cnt. Then all is on counter
time, and a switch runs from A's stamp through A's first suspend_enter begin
after it, A's vector_out to B, B's first vector_in after that, to B's
resumed point (PM_POST_SUSPEND) and B's stamp. (Linux 6.12 ends its
suspend_enter event after freeze_processes, before the devices suspend:
nothing else marks the end of the resume.)
"""

import argparse
import base64
import binascii
import colorsys
import gzip
import html
import re
import statistics
import sys
import zlib

PEER = "peer: "
POINT = "fastswitch_point"
ANCHORS = ("prepare", "begin", "resumed")
ANCHOR_SPREAD = 0.002       # s: most the anchors of one run may disagree
SKIP_LIMIT = 0.10           # most fraction of skipped switches per direction
DEVICE_MIN_MS = 0.05        # a device line only from this median on
TOP_DEVICES = 10
SVG_DEVICE_ROWS = 60        # the devices with the longest callbacks only

# (phase, its own begin mark, its end mark): a phase runs from the end of
# the one before it when that one was found, else from its own begin.
# "A:" marks are on the instance that leaves, "B:" on the one that resumes.
PHASES = [
    ("user_to_kernel", "start", "A:suspend_enter:begin"),
    ("sync", "A:sync_filesystems:begin", "A:sync_filesystems:end"),
    ("notifiers", "A:sync_filesystems:end", "A:freeze_processes:begin"),
    ("freeze", "A:freeze_processes:begin", "A:freeze_processes:end"),
    ("dpm_prepare", "A:dpm_prepare:begin", "A:dpm_prepare:end"),
    ("dpm_suspend", "A:dpm_suspend:begin", "A:dpm_suspend:end"),
    ("dpm_suspend_late", "A:dpm_suspend_late:begin", "A:dpm_suspend_late:end"),
    ("dpm_suspend_noirq", "A:dpm_suspend_noirq:begin", "A:dpm_suspend_noirq:end"),
    ("cpus_down", "A:CPU_OFF:begin", "A:CPU_OFF:end"),
    ("syscore", "A:syscore_suspend:begin", "A:syscore_suspend:end"),
    ("fastswitch_enter", "A:machine_suspend:begin", "A:vector_out"),
    ("vector", "A:vector_out", "B:vector_in"),
    ("syscore_resume", "B:syscore_resume:begin", "B:syscore_resume:end"),
    ("cpus_up", "B:CPU_ON:begin", "B:CPU_ON:end"),
    ("dpm_resume_noirq", "B:dpm_resume_noirq:begin", "B:dpm_resume_noirq:end"),
    ("dpm_resume_early", "B:dpm_resume_early:begin", "B:dpm_resume_early:end"),
    ("dpm_resume", "B:dpm_resume:begin", "B:dpm_resume:end"),
    ("dpm_complete", "B:dpm_complete:begin", "B:dpm_complete:end"),
    ("resume_console", "B:resume_console:begin", "B:resume_console:end"),
    ("thaw", "B:thaw_processes:begin", "B:thaw_processes:end"),
    ("post_notifiers", "B:thaw_processes:end", "B:resumed"),
    ("kernel_to_user", "B:resumed", "end"),
]
USER_PHASES = ("user_to_kernel", "kernel_to_user")
# Inside the two user phases, when the trace has the tool's exec on A and
# its exit on B (sched_process_exec, sched_process_exit): (detail, from
# mark, to mark). Not phases: no total counts them twice.
TOOL = "fastswitch"         # the tool's name: its file's and its task's
USER_DETAILS = [
    ("usr_exec", "start", "A:tool_exec"),                     # fork and exec
    ("usr_tool_in", "A:tool_exec", "A:suspend_enter:begin"),  # the tool, to the suspend
    ("usr_tool_out", "B:resumed", "B:tool_exit"),             # the tool, after the resume
    ("usr_after", "B:tool_exit", "end"),                      # its exit to the stamp
]
# The two halves a self cycle has too (bench/guest-selfcycle.sh measures
# them the same way, from the same points): A's .begin to its .enter, and
# B's vector_in to its resumed; and how long B was away before it
# resumed: its last vector_out before the vector_in (B:last_vector_out),
# when B's trace has it. Details as well, not phases.
KERNEL_DETAILS = [
    ("suspend_half", "A:begin", "A:enter"),
    ("resume_half", "B:vector_in", "B:resumed"),
    ("asleep", "B:last_vector_out", "B:vector_in"),
]
TOTALS = ("kernel_side", "end_to_end", "unaccounted")
# (name, instance A, instance B, stamp before, stamp after)
DIRECTIONS = (("0to1", 0, 1, "start", "arrive"), ("1to0", 1, 0, "leave", "back"))

STAMP_RE = re.compile(r"bench-(start|arrive|leave|back): (\d+) (\d+)")
FREQ_RE = re.compile(r"bench-freq: (\d+)")
DUMP_RE = re.compile(r"fsw-trace-(begin|end): (\d+)")
B64_RE = re.compile(r"[A-Za-z0-9+/=]+")
EVENT_RE = re.compile(r"\[(\d+)\]\s+\S+\s+(\d+\.\d+): (\w+): (.*)$")
ENTRIES_RE = re.compile(r"entries-in-buffer/entries-written:\s*(\d+)/(\d+)")
LOST_RE = re.compile(r"\[LOST (\d+) EVENTS\]")


class Failure(Exception):
    """The timeline cannot be trusted: "bench-fail:", exit status 1."""


class Skip(Exception):
    """One switch that cannot be joined: skipped, and counted."""


class Untraced(Exception):
    """One switch outside a trace (tracing was off): not counted."""


class Event:
    """One trace event: its instance, index in the trace, CPU, trace clock
    (s), name and parsed payload; time (s on the counter) once placed."""
    __slots__ = ("inst", "idx", "cpu", "ts", "name", "args", "time", "suspect")

    def __init__(self, inst, idx, cpu, ts, name, args):
        self.inst, self.idx, self.cpu, self.ts = inst, idx, cpu, ts
        self.name, self.args, self.time = name, args, None
        self.suspect = None     # why its time cannot be trusted

    def is_point(self, point):
        """True for Fastswitch's point POINT."""
        return self.name == POINT and self.args["point"] == point

    def is_sr(self, action, begin):
        """True for suspend_resume ACTION begin (BEGIN) or end."""
        return (self.name == "suspend_resume" and self.args["action"] == action
                and self.args["begin"] == begin)


def warn(text):
    """A note on stderr (no failure)."""
    print(f"timeline: {text}", file=sys.stderr)


def ms(seconds):
    """Seconds as milliseconds, "%.3f" (no "-0.000")."""
    text = f"{seconds * 1000:.3f}"
    return "0.000" if text == "-0.000" else text


def sanitize(text):
    """TEXT for a metric name: [A-Za-z0-9_] only, one "_" for each run of others."""
    return re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9_]", "_", text)).strip("_")


# ---------------------------------------------------------------- console

def read_console(path):
    """The counter frequency, the stamps {kind: {number: cnt}} and the
    base64 lines of each trace dump {instance: [line]} of a console log."""
    try:
        with open(path, "rb") as f:
            data = f.read().decode("utf-8", "replace")
    except OSError as e:
        raise Failure(f"cannot read {path}: {e.strerror}") from e
    freq, stamps, dumps, cur = None, {}, {}, None
    for line in data.split("\n"):
        line = line.rstrip()
        if line.startswith(PEER):
            line = line[len(PEER):]
        m = DUMP_RE.fullmatch(line)
        if m:
            inst = int(m[2])
            if m[1] == "begin":
                if cur is not None:
                    raise Failure(f"the trace dump of instance {cur} has no end")
                if inst in dumps:
                    warn(f"a second trace dump of instance {inst}: the last one counts")
                cur, dumps[inst] = inst, []
            elif cur != inst:
                raise Failure(f"fsw-trace-end: {inst} without its begin")
            else:
                cur = None
            continue
        if cur is not None and B64_RE.fullmatch(line):
            dumps[cur].append(line)
            continue
        m = FREQ_RE.fullmatch(line)
        if m:
            freq = int(m[1])
        m = STAMP_RE.fullmatch(line)
        if m:
            stamps.setdefault(m[1], {})[int(m[2])] = int(m[3])
    if cur is not None:
        raise Failure(f"the trace dump of instance {cur} has no end")
    if not freq:
        raise Failure("no bench-freq line (counter frequency)")
    return freq, stamps, dumps


def decode_dump(inst, lines):
    """The trace text of instance INST from its base64 lines (gzip inside)."""
    try:
        raw = base64.b64decode("".join(lines), validate=True)
        return gzip.decompress(raw).decode("utf-8", "replace")
    except (binascii.Error, OSError, EOFError, zlib.error, ValueError) as e:
        raise Failure(f"the trace dump of instance {inst} does not decode: {e}") from e


# ---------------------------------------------------------------- trace

def pm_verb(ops, verb):
    """The verb of a device PM callback: the event's [...] qualified by the
    first word of its pm_ops ("noirq bus " [suspend] -> "noirq suspend");
    dpm_prepare and dpm_complete trace with empty pm_ops."""
    word = ops.split()[0] if ops.split() else ""
    if word in ("noirq", "late", "early"):
        return f"{word} {verb}"
    if not word:
        return {"suspend": "prepare", "resume": "complete"}.get(verb, verb)
    return verb


def device_name(head):
    """The device of "DRIVER DEVICE" (DRIVER may be empty)."""
    return head.split(" ", 1)[1] if " " in head else head


# event: (the pattern of its payload, the fields this script uses)
PAYLOADS = {
    "suspend_resume": (r"(\w+)\[(\d+)\] (begin|end)",
                       lambda m: {"action": m[1], "val": int(m[2]), "begin": m[3] == "begin"}),
    POINT: (r"point=(\w+) target=(\d+) cnt=(\d+)",
            lambda m: {"point": m[1], "target": int(m[2]), "cnt": int(m[3])}),
    "device_pm_callback_start": (r"(.*?), parent: (.*), ([^,\[]*)\[([^\]]*)\]",
                                 lambda m: {"device": device_name(m[1]), "verb": pm_verb(m[3], m[4])}),
    "device_pm_callback_end": (r"(.*), err=(-?\d+)",
                               lambda m: {"device": device_name(m[1]), "err": int(m[2])}),
    "cpuhp_enter": (r"\s*cpu:\s*(\d+)\s+target:\s*(-?\d+)\s+step:\s*(\d+)\s+\((.*)\)",
                    lambda m: {"cpu": int(m[1]), "step": int(m[3]), "fn": m[4]}),
    "sched_process_exec": (r"filename=(\S+) pid=(\d+) old_pid=(\d+)",
                           lambda m: {"file": m[1].rsplit("/", 1)[-1], "pid": int(m[2])}),
    "sched_process_exit": (r"comm=(\S+) pid=(\d+).*",
                           lambda m: {"comm": m[1], "pid": int(m[2])}),
    "cpuhp_exit": (r"\s*cpu:\s*(\d+)\s+state:\s*(-?\d+)\s+step:\s*(\d+)\s+ret:\s*(-?\d+)",
                   lambda m: {"cpu": int(m[1]), "step": int(m[3]), "ret": int(m[4])}),
}


def parse_payload(name, payload):
    """The fields of an event this script uses, or None."""
    if name not in PAYLOADS:
        return None
    pattern, fields = PAYLOADS[name]
    m = re.fullmatch(pattern, payload)
    return fields(m) if m else None


def parse_trace(inst, text):
    """The events of one instance's trace text, in trace order. Failure
    when the text is no trace or its buffer overflowed."""
    events, header = [], False
    for line in text.splitlines():
        if line.startswith("#"):
            m = ENTRIES_RE.search(line)
            if m:
                header = True
                if m[1] != m[2]:
                    raise Failure(f"the trace buffer of instance {inst} overflowed "
                                  f"(entries-in-buffer/entries-written: {m[1]}/{m[2]})")
            continue
        if LOST_RE.search(line):
            raise Failure(f"the trace of instance {inst} lost events: {line.strip()}")
        m = EVENT_RE.search(line)
        if not m:
            continue
        args = parse_payload(m[3], m[4].rstrip())
        if args:
            events.append(Event(inst, len(events), int(m[1]), float(m[2]), m[3], args))
    if not header:
        raise Failure(f"the trace of instance {inst} has no entries-in-buffer/entries-written header")
    return events


def place(inst, events, freq):
    """Put every event of one instance's trace on counter time (ev.time, s),
    run by run (a run starts at each vector_in); None for the events of a
    run without anchors. A run whose anchors disagree by more than
    ANCHOR_SPREAD marks its events suspect: a switch that needs them is
    skipped. (The first time a tracepoint fires under TCG, translating
    its code can delay the stamp by milliseconds; the least delayed
    anchor still places the run, but it is not trusted.)"""
    runs = []
    for ev in events:
        if not runs or ev.is_point("vector_in"):
            runs.append([])
        runs[-1].append(ev)
    for n, run in enumerate(runs):
        offsets = [ev.args["cnt"] / freq - ev.ts for ev in run
                   if ev.name == POINT and ev.args["point"] in ANCHORS]
        suspect = None
        if offsets and max(offsets) - min(offsets) > ANCHOR_SPREAD:
            suspect = (f"instance {inst}: the anchors of run {n} disagree by "
                       f"{ms(max(offsets) - min(offsets))} ms")
            warn(suspect)
        offset = max(offsets) if offsets else None
        vin = run[0] if run[0].is_point("vector_in") else None
        vout = next((ev for ev in run if ev.is_point("vector_out")), None)
        for ev in run:
            ev.suspect = suspect
            if ev.name == POINT:
                ev.time = ev.args["cnt"] / freq
            elif vin is not None and ev.ts <= vin.ts:
                ev.time = vin.args["cnt"] / freq     # the clock has not moved yet
            elif offset is None:
                ev.time = None
            else:
                ev.time = ev.ts + offset
                if vout is not None and ev.idx < vout.idx and ev.ts >= vout.ts:
                    ev.time = min(ev.time, vout.args["cnt"] / freq)
        if offset is None and len(run) > 1:
            warn(f"instance {inst}: run {n} ({len(run)} events) has no anchor")


# ---------------------------------------------------------------- join

def last_time(events):
    """The counter time of the last placed event of a trace, or None."""
    return max((ev.time for ev in events if ev.time is not None), default=None)


def side_marks(marks, side, events):
    """Add the marks of one side's events: "SIDE:action:begin" (first),
    "SIDE:action:end" (last), "SIDE:point" (first)."""
    for ev in events:
        if ev.name == "suspend_resume":
            key = f"{side}:{ev.args['action']}:{'begin' if ev.args['begin'] else 'end'}"
            if ev.args["begin"]:
                marks.setdefault(key, ev.time)
            else:
                marks[key] = ev.time
        elif ev.name == POINT:
            marks.setdefault(f"{side}:{ev.args['point']}", ev.time)


def tool_marks(marks, before_a, after_b, t_start, t_end):
    """Add "A:tool_exec", the last exec of the tool on A between the start
    stamp and A's suspend (BEFORE_A: A's events before it), and
    "B:tool_exit", the first exit of the tool's task on B after its resume
    (AFTER_B) up to the end stamp; each only when the trace has it."""
    for ev in reversed(before_a):
        if ev.time is None or ev.time < t_start:
            break
        if ev.name == "sched_process_exec" and ev.args["file"] == TOOL:
            marks["A:tool_exec"] = ev.time
            break
    for ev in after_b:
        if ev.time is None or ev.time > t_end:
            break
        if ev.name == "sched_process_exit" and ev.args["comm"] == TOOL:
            marks["B:tool_exit"] = ev.time
            break


def phase_spans(marks):
    """{phase: (t0, t1) or None}: each phase from the end of the one before
    (when that one was found), else from its own begin, to its end."""
    spans, prev = {}, None
    for name, begin, end in PHASES:
        t0 = prev if prev is not None else marks.get(begin)
        t1 = marks.get(end)
        spans[name] = (t0, t1) if t0 is not None and t1 is not None else None
        prev = t1 if spans[name] else None
    return spans


def callbacks(side, events):
    """[(side, device, verb, t0, t1, cpu)] of the device PM callbacks of
    EVENTS: an end pairs with the latest unmatched start of its device."""
    started, out = {}, []
    for ev in events:
        if ev.name == "device_pm_callback_start":
            started.setdefault(ev.args["device"], []).append(ev)
        elif ev.name == "device_pm_callback_end" and started.get(ev.args["device"]):
            s = started[ev.args["device"]].pop()
            out.append((side, s.args["device"], s.args["verb"], s.time, ev.time, s.cpu))
    return out


def hotplug(side, events):
    """[(side, cpu, step, function, t0, t1)] of the CPU hotplug steps of
    EVENTS: an exit pairs with the latest unmatched enter of its cpu+step."""
    started, out = {}, []
    for ev in events:
        key = (ev.args.get("cpu"), ev.args.get("step"))
        if ev.name == "cpuhp_enter":
            started.setdefault(key, []).append(ev)
        elif ev.name == "cpuhp_exit" and started.get(key):
            s = started[key].pop()
            out.append((side, key[0], key[1], s.args["fn"], s.time, ev.time))
    return out


def join_switch(tr_a, tr_b, b, t_start, t_end, entries, vins):
    """One switch A->B between the user stamps T_START and T_END (s), given
    A's suspend_enter begin events (ENTRIES) and B's vector_in (VINS): a
    dict with its marks, phase spans, values (s), device callbacks and
    hotplug steps. Raises Skip, Untraced, or Failure (events unplaced)."""
    se = next((ev for ev in entries if ev.time is not None and ev.time > t_start), None)
    if se is None:
        last = last_time(tr_a)
        if last is None or last < t_start:
            raise Untraced("after the end of the leaving instance's trace")
        raise Skip("no suspend_enter begin after the start stamp")
    vout = next((ev for ev in tr_a[se.idx:] if ev.is_point("vector_out")
                 and ev.args["target"] == b), None)
    if vout is None:
        raise Skip(f"no vector_out to {b} after suspend_enter begin")
    vin = min((ev for ev in vins if ev.time > vout.time), key=lambda ev: ev.time, default=None)
    if vin is None:
        last = last_time(tr_b)
        if last is None or last < vout.time:
            raise Untraced("after the end of the resuming instance's trace")
        raise Skip("no vector_in after the vector_out")
    done = next((ev for ev in tr_b[vin.idx:] if ev.is_point("resumed")), None)
    if done is None:
        raise Skip("no resumed point after the vector_in")
    side_a, side_b = tr_a[se.idx:vout.idx + 1], tr_b[vin.idx:done.idx + 1]
    for ev in side_a + side_b:
        if ev.time is None:
            raise Failure(f"a switch needs events of instance {ev.inst} in a run without anchors")
        if ev.suspect:
            raise Skip(ev.suspect)
    order = [t_start, se.time, vout.time, vin.time, done.time, t_end]
    if any(x > y for x, y in zip(order, order[1:])):
        raise Skip("boundaries out of time order: " + " ".join(ms(t - t_start) for t in order))
    marks = {"start": t_start, "end": t_end}
    side_marks(marks, "A", side_a)
    side_marks(marks, "B", side_b)
    tool_marks(marks, tr_a[:se.idx], tr_b[done.idx:], t_start, t_end)
    gone = next((ev for ev in reversed(tr_b[:vin.idx]) if ev.is_point("vector_out")), None)
    if gone is not None and gone.time is not None and gone.time < vin.time:
        marks["B:last_vector_out"] = gone.time
    spans = phase_spans(marks)
    values = {p: (s[1] - s[0] if s else 0.0) for p, s in spans.items()}
    values["kernel_side"] = done.time - se.time
    values["end_to_end"] = t_end - t_start
    values["unaccounted"] = values["kernel_side"] - sum(
        values[p] for p, _, _ in PHASES if p not in USER_PHASES)
    bars = callbacks("A", side_a) + callbacks("B", side_b)
    devices = {}
    for _, dev, verb, t0, t1, _ in bars:
        devices[(dev, verb)] = devices.get((dev, verb), 0.0) + t1 - t0
    details = {d: marks[t1] - marks[t0] for d, t0, t1 in USER_DETAILS + KERNEL_DETAILS
               if t0 in marks and t1 in marks}
    return {"start": t_start, "end": t_end, "marks": marks, "spans": spans,
            "values": values, "details": details, "missing": {p for p, s in spans.items() if not s},
            "bars": bars, "devices": devices,
            "steps": hotplug("A", side_a) + hotplug("B", side_b)}


def join_direction(traces, stamps, freq, direction):
    """The joined switches of one direction, and how many were skipped."""
    name, a, b, kind0, kind1 = direction
    first, second = stamps.get(kind0, {}), stamps.get(kind1, {})
    entries = [ev for ev in traces[a] if ev.is_sr("suspend_enter", True)]
    vins = [ev for ev in traces[b] if ev.is_point("vector_in")]
    joined, skipped, untraced, why = [], 0, 0, []
    for num in sorted(set(first) | set(second)):
        if num < 1:
            continue
        if num not in first or num not in second:
            warn(f"{name} switch {num}: only one of bench-{kind0}/bench-{kind1}: not paired")
            continue
        try:
            if second[num] <= first[num]:
                raise Skip(f"bench-{kind1} counter not after bench-{kind0}")
            sw = join_switch(traces[a], traces[b], b, first[num] / freq, second[num] / freq,
                             entries, vins)
            sw.update(number=num, a=a, b=b)
            joined.append(sw)
        except Skip as e:
            skipped += 1
            why.append(str(e))
            warn(f"{name} switch {num} skipped: {e}")
        except Untraced as e:
            untraced += 1
            warn(f"{name} switch {num} not traced: {e}")
    return joined, skipped, untraced, why


# ---------------------------------------------------------------- report

def summarize(name, joined, prefix):
    """The metric lines of one direction, and its table for stderr."""
    lines = [f"bench: {prefix}timeline_{name}_samples {len(joined)} count"]
    table = [f"  {'phase':<20} {'median':>9} {'min':>9} {'max':>9}  ms"]
    for key in [p for p, _, _ in PHASES] + list(TOTALS):
        vals = [sw["values"][key] for sw in joined]
        lines.append(f"bench: {prefix}timeline_{name}_{key}_median {ms(statistics.median(vals))} ms")
        table.append(f"  {key:<20} {ms(statistics.median(vals)):>9} {ms(min(vals)):>9} {ms(max(vals)):>9}")
    for d, t0, t1 in USER_DETAILS + KERNEL_DETAILS:
        vals = [sw["details"][d] for sw in joined if d in sw["details"]]
        if vals:
            lines.append(f"bench: {prefix}timeline_{name}_{d}_median {ms(statistics.median(vals))} ms")
            table.append(f"    {d:<18} {ms(statistics.median(vals)):>9} {ms(min(vals)):>9} "
                         f"{ms(max(vals)):>9}  ({len(vals)} switches)")
        elif (d, t0, t1) in USER_DETAILS:
            warn(f"{name}: {d}: the tool's exec or exit is in no switch's trace")
        else:
            warn(f"{name}: {d}: no switch's trace has both {t0} and {t1}")
    for p in sorted({p for sw in joined for p in sw["missing"]}):
        warn(f"{name}: phase {p}: no events in {sum(p in sw['missing'] for sw in joined)} "
             f"of {len(joined)} switches (counted as 0)")
    devs = {}
    for sw in joined:
        for key, secs in sw["devices"].items():
            devs.setdefault(key, []).append(secs)
    meds = sorted(((statistics.median(v), key) for key, v in devs.items()), reverse=True)
    table.append(f"  top devices (median ms of {len(joined)} switches):")
    for med, (dev, verb) in meds[:TOP_DEVICES]:
        table.append(f"    {dev + ' ' + verb:<40} {ms(med):>9}")
    for med, (dev, verb) in sorted(meds, key=lambda m: m[1]):
        if med * 1000 >= DEVICE_MIN_MS:
            lines.append(f"bench: {prefix}timeline_{name}_dev_{sanitize(dev)}_"
                         f"{sanitize(verb)}_median {ms(med)} ms")
    return lines, table


# ---------------------------------------------------------------- SVG

VERB_COLORS = {"prepare": "#c6dbef", "suspend": "#6baed6", "late suspend": "#4292c6",
               "noirq suspend": "#2171b5", "noirq resume": "#238b45",
               "early resume": "#41ab5d", "resume": "#74c476", "complete": "#c7e9c0"}


def color(i, n):
    """The I-th of N light colours around the colour wheel, as #rrggbb."""
    r, g, b = colorsys.hsv_to_rgb((i * 7 % n) / n, 0.45, 0.95)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


def nice_step(span):
    """A tick step (1, 2 or 5 times a power of ten) for about 10 ticks over SPAN."""
    step = 10 ** int(f"{span / 10:e}".split("e")[1])
    for k in (1, 2, 5, 10):
        if span / (step * k) <= 10:
            return step * k
    return step * 10


def draw_svg(path, sw, count):
    """Draw switch SW (the median of COUNT by end_to_end) as one
    self-contained SVG: the phases on each instance's lane, the vector,
    one row per device, one row per CPU of hotplug steps, a legend."""
    left, width, row, top = 240, 1100, 18, 60
    t0, total = sw["start"], max(sw["end"] - sw["start"], 1e-9)
    out, back = [], []

    def x(t):
        return left + (t - t0) / total * width

    def rect(y, xa, w, fill, title, label=""):
        w = max(w, 0.5)
        out.append(f'<g><title>{html.escape(title)}</title><rect x="{xa:.2f}" y="{y + 2}" '
                   f'width="{w:.2f}" height="{row - 4}" fill="{fill}" stroke="#555" stroke-width="0.3"/>')
        if label and w > 6.2 * len(label) + 4:
            out.append(f'<text x="{xa + w / 2:.2f}" y="{y + row - 5}" text-anchor="middle">'
                       f'{html.escape(label)}</text>')
        out.append("</g>")

    def lane(y, text):
        out.append(f'<text x="{left - 6}" y="{y + row - 5}" text-anchor="end">{html.escape(text)}</text>'
                   f'<line x1="{left}" x2="{left + width}" y1="{y + row}" y2="{y + row}" stroke="#eee"/>')

    names = {"A": sw["a"], "B": sw["b"]}
    vector_at = [p for p, _, _ in PHASES].index("vector")
    colors = [("#e31a1c" if i == vector_at else color(i, len(PHASES))) for i in range(len(PHASES))]
    y = top
    for side, lane_of in (("A", lambda i: i < vector_at), ("B", lambda i: i > vector_at),
                          ("vector", lambda i: i == vector_at)):
        lane(y, f"instance {names[side]} phases" if side in names else "vector")
        for i, (p, _, _) in enumerate(PHASES):
            if sw["spans"][p] and lane_of(i):
                ta, tb = sw["spans"][p]
                rect(y, x(ta), x(tb) - x(ta), colors[i], f"{p}: {ms(tb - ta)} ms", p)
        y += row
    busy = {}
    for side, dev, _, ta, tb, _ in sw["bars"]:
        busy[(side, dev)] = busy.get((side, dev), 0.0) + tb - ta
    drawn = sorted(busy, key=busy.get, reverse=True)[:SVG_DEVICE_ROWS]
    drawn.sort(key=lambda key: min(b[3] for b in sw["bars"] if b[:2] == key))
    for key in drawn:
        lane(y, f"{key[1]} ({names[key[0]]})")
        for _, dev, verb, ta, tb, cpu in (b for b in sw["bars"] if b[:2] == key):
            rect(y, x(ta), x(tb) - x(ta), VERB_COLORS.get(verb, "#999"),
                 f"{dev} {verb}: {ms(tb - ta)} ms (instance {names[key[0]]}, cpu {cpu})")
        y += row
    for key in sorted({s[:2] for s in sw["steps"]}):
        lane(y, f"cpu{key[1]} hotplug ({names[key[0]]})")
        for _, cpu, step, fn, ta, tb in (s for s in sw["steps"] if s[:2] == key):
            rect(y, x(ta), x(tb) - x(ta), color(step, 23),
                 f"cpu{cpu} step {step} {fn}: {ms(tb - ta)} ms (instance {names[key[0]]})")
        y += row
    if len(busy) > len(drawn):
        out.append(f'<text x="{left}" y="{y + row - 5}">{len(busy) - len(drawn)} more devices '
                   f'with shorter callbacks not drawn</text>')
        y += row
    vo, vi, rows_end = x(sw["marks"]["A:vector_out"]), x(sw["marks"]["B:vector_in"]), y
    back.append(f'<rect x="{vo:.2f}" y="{top}" width="{max(vi - vo, 0.5):.2f}" '
                f'height="{rows_end - top}" fill="#e31a1c" opacity="0.12"/>')
    step, tick = nice_step(total * 1000), 0
    while tick * step <= total * 1000:
        tx = x(t0 + tick * step / 1000)
        back.append(f'<line x1="{tx:.2f}" x2="{tx:.2f}" y1="{top - 6}" y2="{rows_end}" stroke="#ddd"/>'
                    f'<text x="{tx:.2f}" y="{top - 10}" text-anchor="middle">{tick * step:g}</text>')
        tick += 1
    for i, (p, _, _) in enumerate(PHASES):      # the legend of the phase colours
        lx, ly = left + i % 7 * 150, rows_end + 10 + i // 7 * row
        rect(ly, lx, 14, colors[i], f"phase {p}")
        out.append(f'<text x="{lx + 18}" y="{ly + row - 5}">{p}</text>')
    title = (f"Fastswitch switch {sw['a']}-&gt;{sw['b']} #{sw['number']}, the median of {count} "
             f"by end to end: {ms(sw['values']['end_to_end'])} ms (kernel side "
             f"{ms(sw['values']['kernel_side'])} ms); time in ms from the user-space stamp")
    doc = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" '
           f'height="{rows_end + 20 + (len(PHASES) + 6) // 7 * row}" font-family="sans-serif" font-size="11">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="10" y="20" font-size="14">{title}</text>'] + back + out + ["</svg>"]
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(doc) + "\n")
    except OSError as e:
        raise Failure(f"cannot write {path}: {e.strerror}") from e


# ---------------------------------------------------------------- main

def sample_failures(name, kept, why, min_samples, what):
    """The reasons NAME's samples fail: over SKIP_LIMIT of them skipped
    (WHY: a reason per skipped one), fewer than MIN_SAMPLES KEPT. WHAT:
    the samples, and how they were kept ("switches joined")."""
    noun, out = what.split()[0], []
    if len(why) > SKIP_LIMIT * (kept + len(why)):
        out.append(f"{name}: {len(why)} of {kept + len(why)} {noun} skipped (first: {why[0]})")
    if kept < min_samples:
        out.append(f"{name}: {kept} {what}, fewer than {min_samples}")
    return out


def run(args):
    """Everything: the metric lines, or the failures (reasons)."""
    freq, stamps, dumps = read_console(args.log)
    traces = {}
    for inst in (0, 1):
        if inst not in dumps:
            raise Failure(f"no trace dump of instance {inst} (fsw-trace-begin: {inst})")
        traces[inst] = parse_trace(inst, decode_dump(inst, dumps[inst]))
        place(inst, traces[inst], freq)
    lines, failures = [], []
    for direction in DIRECTIONS:
        name = direction[0]
        joined, skipped, untraced, why = join_direction(traces, stamps, freq, direction)
        print(f"timeline {name}: {len(joined)} switches joined, {skipped} skipped, "
              f"{untraced} outside the traces", file=sys.stderr)
        failures += sample_failures(name, len(joined), why, args.min_samples, "switches joined")
        if not joined:
            continue
        more, table = summarize(name, joined, args.prefix)
        lines += more
        print("\n".join(table), file=sys.stderr)
        if name == "0to1" and args.svg:
            ranked = sorted(joined, key=lambda sw: sw["values"]["end_to_end"])
            draw_svg(args.svg, ranked[(len(ranked) - 1) // 2], len(ranked))
    return lines, failures


def bench_main(parser, run_fn, tag):
    """Add --prefix to PARSER, parse the arguments, run RUN_FN(args); print
    its metric lines, or each failure as "bench-fail: TAG: <reason>".
    The exit status (bench/selfcycle.py has the same command line)."""
    parser.add_argument("--prefix", default="", help="in front of every metric name")
    args = parser.parse_args()
    if not re.fullmatch(r"[A-Za-z0-9_]*", args.prefix):
        parser.error("--prefix: letters, digits and _ only")
    try:
        lines, failures = run_fn(args)
    except Failure as e:
        lines, failures = [], [str(e)]
    for reason in failures:
        print(f"bench-fail: {tag}: {reason}")
    if failures:
        return 1
    for line in lines:
        print(line)
    return 0


def main():
    """Parse the arguments, run, print the metrics or the failures."""
    parser = argparse.ArgumentParser(
        description="Join the traces of a traced bench switch run into per-phase medians.")
    parser.add_argument("--svg", metavar="FILE", help="draw the median switch 0->1 into FILE")
    parser.add_argument("--min-samples", type=int, default=1, metavar="N",
                        help="fewer joined switches in a direction is a failure (default 1)")
    parser.add_argument("log", help="the console log (out/logs/bench-switchtl_.log)")
    return bench_main(parser, run, "timeline")


if __name__ == "__main__":
    sys.exit(main())
