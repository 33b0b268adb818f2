/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fastswitch's trace event: the points of a switch that the kernel's own
 * events (power:suspend_resume, device_pm_callback_*, cpuhp_*) do not
 * mark, each with the counter every instance reads (CNTVCT), so that the
 * traces of two instances join into one timeline (bench/timeline.py,
 * docs/timeline.md). The trace clock stands still from syscore suspend
 * to syscore resume; the counter does not.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM fastswitch

#if !defined(FSW_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define FSW_TRACE_H

#include <linux/tracepoint.h>

#ifndef FSW_POINT_ENUM
#define FSW_POINT_ENUM
/*
 * prepare: PM_SUSPEND_PREPARE; begin: the platform's .begin; enter: its
 * .enter; vector_out: into the vector; vector_in: back from it (this
 * instance resumed); resumed: PM_POST_SUSPEND
 */
enum fsw_point {
	FSW_POINT_PREPARE,
	FSW_POINT_BEGIN,
	FSW_POINT_ENTER,
	FSW_POINT_VECTOR_OUT,
	FSW_POINT_VECTOR_IN,
	FSW_POINT_RESUMED,
};
#endif

TRACE_DEFINE_ENUM(FSW_POINT_PREPARE);
TRACE_DEFINE_ENUM(FSW_POINT_BEGIN);
TRACE_DEFINE_ENUM(FSW_POINT_ENTER);
TRACE_DEFINE_ENUM(FSW_POINT_VECTOR_OUT);
TRACE_DEFINE_ENUM(FSW_POINT_VECTOR_IN);
TRACE_DEFINE_ENUM(FSW_POINT_RESUMED);

TRACE_EVENT(fastswitch_point,
	    TP_PROTO(enum fsw_point point, u32 target, u64 cnt),
	    TP_ARGS(point, target, cnt),
	    TP_STRUCT__entry(__field(u32, point)
			     __field(u32, target)
			     __field(u64, cnt)),
	    TP_fast_assign(__entry->point = point;
			   __entry->target = target;
			   __entry->cnt = cnt;),
	    TP_printk("point=%s target=%u cnt=%llu",
		      __print_symbolic(__entry->point,
				       { FSW_POINT_PREPARE, "prepare" },
				       { FSW_POINT_BEGIN, "begin" },
				       { FSW_POINT_ENTER, "enter" },
				       { FSW_POINT_VECTOR_OUT, "vector_out" },
				       { FSW_POINT_VECTOR_IN, "vector_in" },
				       { FSW_POINT_RESUMED, "resumed" }),
		      __entry->target, __entry->cnt)
);

#endif /* FSW_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE fastswitch_trace
#include <trace/define_trace.h>
