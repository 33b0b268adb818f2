// SPDX-License-Identifier: GPL-2.0
/*
 * The hang guard: the machine comes back when the instance it was handed
 * to never reports (docs/crash.md).
 *
 * An instance that hands the machine over (a switch, a boot, a request,
 * the hand-on of a request it served) cannot see whether the other one
 * comes up. In .enter, just before the vector, it names in the region
 * header the instance to wake and the one that must report
 * (FSW_HDR_GUARD_*) and starts the board's watchdog (guard-esb.c) for a
 * bound: guard_switch_ms for an instance resumed, guard_boot_ms for a new
 * kernel. The instance it hands over to reports as soon as its module
 * runs: at the end of fsw_init() for a new kernel, at resume complete
 * (PM_POST_SUSPEND, devices and user space back) for a resumed one. The
 * report stops the watchdog and takes the guard off the header; so does
 * the instance that set it when it comes back by itself (the vector
 * refused the target).
 *
 * Without a report the watchdog resets the machine; the boot loader
 * starts the initial zImage, whose decompressor finds no boot request but
 * the guard, and wakes the instance it names through its wake entry, as
 * after a panic (crash.c), naming the guarded one crashed with the reason
 * "hang". A reset by hand in that window does the same: on a board with
 * no watchdog it is the only way back. The reset of the reset path stops
 * the watchdog; the decompressor that takes the boot request starts it
 * again.
 *
 * Arming, extending and reporting run under the system sleep lock (the
 * platform suspend callbacks, the PM notifier) or in module init and
 * exit; the bounds are module parameters, read once per hand-over.
 *
 * The instance to wake is the one that hands over, or, for the hand-on of
 * a request, the requester, where a panic while serving returns as well.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/moduleparam.h>
#include <linux/seq_file.h>
#include <asm/arch_timer.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"

#define GUARD_MS_MIN	100
#define GUARD_MS_MAX	2000000		/* two stages of the watchdog's preload */

static unsigned int guard_switch_ms = 30000;
static unsigned int guard_boot_ms = 120000;

static int guard_ms_set(const char *val, const struct kernel_param *kp)
{
	unsigned int ms;
	int ret = kstrtouint(val, 0, &ms);

	if (ret || (ms && (ms < GUARD_MS_MIN || ms > GUARD_MS_MAX))) {
		pr_err("%s=%.*s: 0 (no guard) or %u..%u ms expected\n", kp->name,
		       (int)strcspn(val, "\n"), val, GUARD_MS_MIN, GUARD_MS_MAX);
		return -EINVAL;
	}
	*(unsigned int *)kp->arg = ms;
	return 0;
}

static const struct kernel_param_ops guard_ms_ops = {
	.set = guard_ms_set,
	.get = param_get_uint,
};

module_param_cb(guard_switch_ms, &guard_ms_ops, &guard_switch_ms, 0644);
MODULE_PARM_DESC(guard_switch_ms,
		 "Bound for an instance resumed by this one to report, ms (0: no guard)");
module_param_cb(guard_boot_ms, &guard_ms_ops, &guard_boot_ms, 0644);
MODULE_PARM_DESC(guard_boot_ms,
		 "Bound for a kernel booted by this one to load its module, ms (0: no guard)");

/*
 * This instance runs: its module is loaded, its resume is complete, or
 * the vector came back to it by itself. Nothing is left to wake for it:
 * take the guard off the header and stop the watchdog.
 */
void fsw_guard_report(void)
{
	u32 *h = fsw.hdr;

	/* a watchdog that runs on resets: then the guard must be there */
	if (fsw.guard.cfg && fsw_esb_stop(&fsw.guard)) {
		pr_err("the watchdog does not stop: the machine will reset, and the guard wakes instance %d\n",
		       (int)fsw_get(h, FSW_HDR_GUARD_WAKE) - 1);
		return;
	}
	if (fsw_get(h, FSW_HDR_GUARD_WAKE) || fsw_get(h, FSW_HDR_GUARD_FOR) ||
	    fsw_get(h, FSW_HDR_GUARD_MS)) {
		fsw_put(h, FSW_HDR_GUARD_WAKE, 0);
		fsw_put(h, FSW_HDR_GUARD_FOR, 0);
		fsw_put(h, FSW_HDR_GUARD_MS, 0);
		fsw_put64(h, FSW_HDR_GUARD_CNT, 0);
		fsw_hdr_seal(h);
	}
}

/*
 * In .enter, interrupts off, just before the vector: guard the hand-over
 * that @a describes. A cycle of this instance alone needs none.
 */
void fsw_guard_arm(const struct fsw_vector_args *a)
{
	const struct fsw_pending *p = &fsw.pending;
	u32 *h = fsw.hdr, ms, wake;

	if (p->op == FSW_PENDING_NONE)
		return;
	ms = p->op == FSW_PENDING_BOOT ? READ_ONCE(guard_boot_ms) :
	     READ_ONCE(guard_switch_ms);
	if (!ms)
		return;
	/* serving: the requester, unless this is the hand-on back to it */
	wake = p->op == FSW_PENDING_SERVE && a->target_id != fsw.req.serving_for ?
	       fsw.req.serving_for : fsw.id;
	if (wake >= FSW_MAX_INSTANCES)
		return;
	fsw_put(h, FSW_HDR_GUARD_WAKE, wake + 1);
	fsw_put(h, FSW_HDR_GUARD_FOR, a->target_id + 1);
	fsw_put(h, FSW_HDR_GUARD_MS, ms);
	fsw_put64(h, FSW_HDR_GUARD_CNT, __arch_counter_get_cntvct());
	fsw_hdr_seal(h);
	/* the reset of the reset path stops the watchdog: a reset by hand */
	if (fsw.guard.cfg && a->mode != FSW_MODE_RESET)
		fsw_esb_start(&fsw.guard, ms);
	fsw.stats.guards++;
}

/*
 * Resumed to serve a request, with up to @budget_ms of offlining to do
 * before it hands on: the guard's bound grows by that much, and the
 * watchdog starts over.
 */
void fsw_guard_extend(u32 budget_ms)
{
	u32 *h = fsw.hdr, ms = fsw_get(h, FSW_HDR_GUARD_MS);

	if (fsw_get(h, FSW_HDR_GUARD_FOR) != fsw.id + 1 || !ms)
		return;
	ms = min(ms + budget_ms, GUARD_MS_MAX);
	fsw_put(h, FSW_HDR_GUARD_MS, ms);
	fsw_hdr_seal(h);
	if (fsw.guard.cfg)
		fsw_esb_start(&fsw.guard, ms);
}

/* After a hang came back here: was it the watchdog that reset? */
bool fsw_guard_watchdog_fired(void)
{
	return fsw.guard.cfg && fsw_esb_fired(&fsw.guard);
}

void fsw_guard_show(struct seq_file *m)
{
	seq_printf(m, "guard_watchdog: %s\n", fsw.guard.cfg ? "i6300esb" : "none");
	seq_printf(m, "guard_switch_ms: %u\n", guard_switch_ms);
	seq_printf(m, "guard_boot_ms: %u\n", guard_boot_ms);
	seq_printf(m, "guards: %llu\n", fsw.stats.guards);
	seq_printf(m, "hangs: %llu\n", fsw.stats.hangs);
	seq_printf(m, "watchdog_resets: %llu\n", fsw.stats.watchdog_resets);
}

void fsw_guard_init(void)
{
	int ret = fsw_esb_probe(&fsw.guard);

	if (ret == -ENODEV)
		pr_info("no watchdog: an instance that hangs after a hand-over gives the machine back only on a reset by hand\n");
	else if (ret)
		pr_warn("watchdog: not usable (%d): an instance that hangs after a hand-over gives the machine back only on a reset by hand\n",
			ret);
	else
		pr_info("watchdog: i6300esb at %02x.%x, BAR at %pa: hand-overs are guarded\n",
			fsw.guard.devfn >> 3, fsw.guard.devfn & 7,
			&fsw.guard.bar_phys);
}

void fsw_guard_exit(void)
{
	fsw_guard_report();
	fsw_esb_remove(&fsw.guard);
}
