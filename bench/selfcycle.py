#!/usr/bin/env python3
"""The self cycles' steps: the switch timeline's kernel phases, for a self cycle.

    bench/selfcycle.py [--prefix P] [--min-samples N] CONSOLE_LOG

The console log of bench/guest-selfcycle.sh holds the counter frequency
and three trace dumps of instance 0: dump 0 of the self cycles that wake
at once (selfcycle), dump 1 of those that sleep first (selfcycle_slept),
dump 2 of those that wake at once after an idle guest
(selfcycle_after_idle). A
self cycle suspends and resumes the same instance through the vector, so
it has the kernel phases of a switch (timeline.py's PHASES, sync to
post_notifiers) with one instance on both sides: a cycle runs from its
suspend_enter begin to its resumed point, its events up to vector_out are side A
and those from vector_in on side B. Events are put on counter time and
marked as timeline.py does it (the same functions), so a step here and
the same step of a switch are measured alike (docs/timeline.md). The
median of each phase per dump goes to stdout as "bench:" lines, a table
to stderr. On failure: "bench-fail: selfcycle: <reason>" on stdout, exit
status 1.
"""

import argparse
import statistics
import sys

import timeline as T

DUMPS = ((0, "selfcycle"), (1, "selfcycle_slept"), (2, "selfcycle_after_idle"))
STEPS = [p for p, _, _ in T.PHASES if p not in T.USER_PHASES]


def cycles(events):
    """The cycles of one trace: the events from each suspend_enter begin
    (where a switch's kernel side starts) through the next resumed point;
    a cycle without both is not one."""
    out, cur = [], None
    for ev in events:
        if ev.is_sr("suspend_enter", True):
            cur = []
        if cur is not None:
            cur.append(ev)
            if ev.is_point("resumed"):
                out.append(cur)
                cur = None
    return out


def cut(cycle):
    """{phase: seconds or None} of one cycle, or the reason it is skipped."""
    vout = next((n for n, ev in enumerate(cycle) if ev.is_point("vector_out")), None)
    vin = next((n for n, ev in enumerate(cycle) if ev.is_point("vector_in")), None)
    if vout is None or vin is None or vin < vout:
        return "no vector_out, then vector_in"
    for ev in cycle:
        if ev.time is None:
            return "events in a run without anchors"
        if ev.suspect:
            return ev.suspect
    marks = {}
    T.side_marks(marks, "A", cycle[:vout + 1])
    T.side_marks(marks, "B", cycle[vin:])
    spans = T.phase_spans(marks)
    return {p: (spans[p][1] - spans[p][0] if spans[p] else None) for p in STEPS}


def summarize(name, cut_cycles, prefix):
    """The metric lines of one dump, and its table for stderr."""
    lines = [f"bench: {prefix}{name}_steps_samples {len(cut_cycles)} count"]
    table = [f"  {name}: {'phase':<20} {'median':>9} {'min':>9} {'max':>9}  ms"]
    for p in STEPS:
        vals = [c[p] for c in cut_cycles if c[p] is not None]
        if len(vals) < len(cut_cycles):
            T.warn(f"{name}: phase {p}: no events in {len(cut_cycles) - len(vals)} "
                   f"of {len(cut_cycles)} cycles (counted as 0)")
        vals += [0.0] * (len(cut_cycles) - len(vals))
        med = statistics.median(vals)
        lines.append(f"bench: {prefix}{name}_{p}_median {T.ms(med)} ms")
        table.append(f"  {name}: {p:<20} {T.ms(med):>9} {T.ms(min(vals)):>9} {T.ms(max(vals)):>9}")
    return lines, table


def run(args):
    """Everything: the metric lines, or the failures (reasons)."""
    freq, _, dumps = T.read_console(args.log)
    lines, failures = [], []
    for inst, name in DUMPS:
        if inst not in dumps:
            raise T.Failure(f"no trace dump {inst} ({name}; fsw-trace-begin: {inst})")
        events = T.parse_trace(inst, T.decode_dump(inst, dumps[inst]))
        T.place(inst, events, freq)
        cut_cycles, why = [], []
        for cycle in cycles(events):
            c = cut(cycle)
            (why if isinstance(c, str) else cut_cycles).append(c)
        print(f"selfcycle {name}: {len(cut_cycles)} cycles cut, {len(why)} skipped",
              file=sys.stderr)
        failures += T.sample_failures(name, len(cut_cycles), why, args.min_samples, "cycles cut")
        if not cut_cycles:
            continue
        more, table = summarize(name, cut_cycles, args.prefix)
        lines += more
        print("\n".join(table), file=sys.stderr)
    return lines, failures


def main():
    """Parse the arguments, run, print the metrics or the failures."""
    parser = argparse.ArgumentParser(
        description="Cut the traced self cycles of bench/guest-selfcycle.sh into per-phase medians.")
    parser.add_argument("--min-samples", type=int, default=1, metavar="N",
                        help="fewer cycles cut in a dump is a failure (default 1)")
    parser.add_argument("log", help="the console log (out/logs/bench-selfcycleselfcyc_.log)")
    return T.bench_main(parser, run, "selfcycle")


if __name__ == "__main__":
    sys.exit(main())
