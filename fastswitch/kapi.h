/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel interfaces this module uses that differ between the kernels
 * it builds against (Debian's 6.1 and 6.12): the one place that knows.
 *
 * Differences are told by what the kernel's headers declare, not by its
 * version number: Debian backports interfaces into its stable kernels
 * (its 6.12 has the kmsg_dump_detail of upstream 6.13). Kbuild looks for
 * them in the headers of the kernel being built against and defines
 * FSW_HAVE_* for each one found.
 */
#ifndef FSW_KAPI_H
#define FSW_KAPI_H

#include <linux/kmsg_dump.h>

/*
 * A kmsg dumper's callback: FSW_KMSG_DUMPER(name, fn) defines the
 * callback @name, which calls void fn(enum kmsg_dump_reason reason).
 * Upstream 6.13 passes the reason in a struct kmsg_dump_detail.
 */
#ifdef FSW_HAVE_KMSG_DUMP_DETAIL
#define FSW_KMSG_DUMPER(name, fn)					\
static void name(struct kmsg_dumper *dumper,				\
		 struct kmsg_dump_detail *detail)			\
{									\
	fn(detail->reason);						\
}
#else
#define FSW_KMSG_DUMPER(name, fn)					\
static void name(struct kmsg_dumper *dumper,				\
		 enum kmsg_dump_reason reason)				\
{									\
	fn(reason);							\
}
#endif

#endif
