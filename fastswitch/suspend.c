// SPDX-License-Identifier: GPL-2.0
/*
 * The platform suspend path: "mem" sleeps through the Fastswitch resume
 * vector. QEMU virt's PSCI has no SYSTEM_SUSPEND, so this is what makes
 * "deep" appear in /sys/power/mem_sleep.
 *
 * .enter runs with interrupts off on the boot CPU alone, after syscore
 * suspend: it fills the vector's arguments from what the control commands
 * armed (nothing, a switch, a boot, a request) and calls
 * fastswitch_enter(), which returns when this instance is resumed, by the
 * vector itself (a cycle or a refusal) or by another instance's vector
 * (after a switch or boot). Resumed to serve another instance's request,
 * it serves it in .suspend_again and suspends again (request.c).
 *
 * Autosleep (docs/android.md): a switch armed with "keep" stays armed
 * through the suspends that fail before .enter, which is how autosleep's
 * attempts end when a wakeup event comes while they freeze tasks or
 * suspend devices; an ordinary one is dropped, with -EAGAIN, by the
 * first suspend that does not reach .enter.
 *
 * The points of a cycle are trace events (fastswitch_trace.h) with the
 * counter.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/math64.h>
#include <linux/suspend.h>
#include <linux/timekeeping.h>
#include <asm/arch_timer.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"

#define CREATE_TRACE_POINTS
#include "fastswitch_trace.h"

#define PSCI_SYSTEM_RESET	0x84000009

static bool fsw_left;		/* another instance ran since .begin */
static bool fsw_begun;		/* .begin ran since PM_SUSPEND_PREPARE */

/* A point of the cycle, on the counter; the target is this instance or the armed one */
static void fsw_point(enum fsw_point point)
{
	if (trace_fastswitch_point_enabled())
		trace_fastswitch_point(point, fsw.pending.op == FSW_PENDING_NONE ? fsw.id :
				       fsw.pending.id, __arch_counter_get_cntvct());
}

static u64 ms_to_ticks(u32 ms)
{
	return div_u64((u64)ms * fsw.cnt_freq, 1000);
}

static int fsw_begin(suspend_state_t state)
{
	fsw_point(FSW_POINT_BEGIN);
	fsw_begun = true;
	fsw.stats.begin_ns = ktime_get_boottime_ns();
	fsw.stats.begin_cnt = __arch_counter_get_cntvct();
	fsw.stats.entered = false;
	fsw_left = false;
	if (fsw.pending.op != FSW_PENDING_NONE) {
		/* what the last switch measured is not this one's */
		fsw.stats.last_switch_us = 0;
		fsw.stats.last_switch_result = -EINPROGRESS;
	}
	fsw_switch_begin();
	fsw_request_begin();
	return 0;
}

static const char *pending_name(void)
{
	if (fsw.pending.op == FSW_PENDING_SWITCH)
		return "switch";
	if (fsw.pending.op == FSW_PENDING_REQUEST)
		return "request";
	if (fsw.pending.op == FSW_PENDING_SERVE)
		return "serving a request, the hand-on";
	return fsw.pending.path == FSW_BOOT_RESET ? "boot (reset path)" : "boot";
}

/* The boot request the initial instance's decompressor takes */
static void set_boot_request(bool on)
{
	u32 *h = fsw.hdr;

	fsw_put(h, FSW_HDR_BOOT_MAGIC, on ? FSW_BOOT_MAGIC : 0);
	fsw_put(h, FSW_HDR_BOOT_KIND, FSW_BOOT_KIND_BOOT);
	fsw_put(h, FSW_HDR_BOOT_ID, on ? fsw.pending.id : 0);
	fsw_put(h, FSW_HDR_BOOT_ENTRY, on ? fsw.pending.entry : 0);
	fsw_put(h, FSW_HDR_BOOT_DTB, on ? fsw.pending.dtb : 0);
	fsw_hdr_seal(h);
}

/* What the vector does: sleep and resume this instance, or leave it */
static void fill_args(struct fsw_vector_args *a)
{
	a->self_page = fsw.page_phys;
	a->target_page = fsw.page_phys;
	a->self_entry = fsw.resume_entry;
	a->table = fsw.region_base + FSW_TABLE_OFFSET;
	a->target_id = fsw.id;
	if (fsw.wake_mode == FSW_WAKE_MODE_DELAY)
		a->delay_ticks = ms_to_ticks(fsw.wake_ms);
	if (fsw.wake_mode == FSW_WAKE_MODE_RTC) {
		a->poll_addr = fsw_platform_rtc_ris(&fsw.plat, &a->poll_mask);
		a->poll_ticks = ms_to_ticks(fsw.wake_ms);
	}

	switch (fsw.pending.op) {
	case FSW_PENDING_NONE:
		break;
	case FSW_PENDING_SWITCH:
	case FSW_PENDING_REQUEST:
	case FSW_PENDING_SERVE:
		a->target_page = fsw_page_phys(fsw.pending.id);
		a->target_id = fsw.pending.id;
		a->delay_ticks = 0;
		a->poll_addr = 0;
		break;
	case FSW_PENDING_BOOT:
		a->target_page = 0;
		a->target_id = fsw.pending.id;
		a->mode = fsw.pending.path == FSW_BOOT_RESET ? FSW_MODE_RESET :
			  FSW_MODE_BOOT;
		a->boot_entry = fsw.pending.entry;
		a->boot_dtb = fsw.pending.dtb;
		a->reset_fn = PSCI_SYSTEM_RESET;
		a->reset_smc = fsw.reset_smc;
		break;
	}
}

/* Back from the vector: what happened, counted and logged */
static int account(const struct fsw_vector_args *a)
{
	struct fsw_stats *st = &fsw.stats;

	st->enters++;
	if (a->status != FSW_VEC_OK) {
		st->refusals++;
		st->last_refusal = a->status;
		st->last_found = a->detail;
		st->last_expected = a->expected;
		pr_err("instance page %u at %pa: %s (found %#x, expected %#x); resume refused, instance %u keeps running\n",
		       a->status & FSW_VEC_SELF ? fsw.id : a->target_id,
		       &(phys_addr_t){ a->status & FSW_VEC_SELF ? fsw.page_phys :
				       fsw_page_phys(a->target_id) },
		       fsw_vec_status_name(a->status), a->detail, a->expected, fsw.id);
		return -EBADMSG;
	}
	if (fsw.pending.op != FSW_PENDING_NONE) {
		/* Another instance ran, and switched back to this one. */
		fsw_left = true;
		st->last_switch_to = fsw.pending.id;
		if (fsw.pending.op == FSW_PENDING_BOOT) {
			st->boots++;
			memset(fsw.inst[fsw.pending.id].img, 0,
			       sizeof(fsw.inst[fsw.pending.id].img));
		} else if (fsw.pending.op == FSW_PENDING_SWITCH) {
			st->switches++;
		}
	}
	st->resumes++;
	st->last_wake = a->wake;
	if (a->wake == FSW_WAKE_TIMEOUT)
		pr_warn("woke up on the %u ms timeout: no RTC alarm came\n",
			fsw.wake_ms);
	return 0;
}

/* Interrupts off, boot CPU alone, after syscore suspend. */
static int fsw_enter(suspend_state_t state)
{
	struct fsw_vector_args a = { };
	unsigned int flags = 0;
	bool refused = false;	/* the vector refused the target */
	int ret;

	fsw_point(FSW_POINT_ENTER);
	fsw.stats.entered = true;
	if (fsw.pending.op == FSW_PENDING_SERVE && fsw.faults.serve_handon) {
		fsw.faults.serve_handon = false;
		pr_warn("injected fault: the hand-on of the request fails\n");
		return -EBUSY;
	}
	ret = fsw_pending_check();
	/* serving a request: back to the requester if the next hop is unfit */
	if (ret && fsw_request_reroute())
		ret = fsw_pending_check();
	if (ret) {
		fsw.stats.last_switch_result = ret;
		return ret;
	}
	fill_args(&a);
	fsw_page_set_state(FSW_STATE_RUNNING);
	if (fsw.faults.cpu_stuck)
		flags |= FSW_ENTER_TEST_CPU_STUCK;
	fsw.faults.cpu_stuck = false;
	fsw_inject_before_vector(&a);
	fsw_guard_arm(&a);
	if (a.mode == FSW_MODE_RESET)
		set_boot_request(true);

	fsw_point(FSW_POINT_VECTOR_OUT);
	ret = fastswitch_enter(&a, flags);
	fsw_point(FSW_POINT_VECTOR_IN);

	if (a.mode == FSW_MODE_RESET)
		set_boot_request(false);
	if (ret || a.status != FSW_VEC_OK)
		fsw_guard_report();	/* back by itself: nobody else ran */
	fsw_inject_after_vector(ret ? -1 : a.status);
	if (ret) {
		fsw.stats.errors++;
		pr_err("instance %u could not be suspended: %d\n", fsw.id, ret);
	} else {
		ret = account(&a);
		refused = ret && !(a.status & FSW_VEC_SELF);
	}
	if (refused && fsw_request_reroute()) {
		/* serving: the vector refused the next hop; once more, to the requester */
		fsw_page_rebuild();
		return fsw_enter(state);
	}
	if (ret) {
		fsw_page_rebuild();
		fsw.stats.last_switch_result = ret;
		return ret;
	}
	if (fsw.pending.op == FSW_PENDING_SERVE)
		fsw_request_handed_on();
	if (fsw.pending.op != FSW_PENDING_NONE)
		fsw.stats.last_switch_result = 0;
	fsw_page_set_state(FSW_STATE_RUNNING);
	return 0;
}

static void fsw_end(void)
{
	struct fsw_stats *st = &fsw.stats;

	/* autosleep retries without end: a failing device must not flood the log */
	if (fsw_pending_keep() && !fsw_left && !st->entered)
		pr_info_ratelimited("%s to instance %u did not happen: the suspend failed; still armed (keep)\n",
				    pending_name(), fsw.pending.id);
	else if (fsw.pending.op != FSW_PENDING_NONE && !fsw_left)
		pr_warn("%s to instance %u did not happen: the suspend failed\n",
			pending_name(), fsw.pending.id);
	if (fsw.pending.op != FSW_PENDING_NONE && st->last_switch_result == -EINPROGRESS)
		st->last_switch_result = -EAGAIN;	/* failed before .enter */
	if (fsw.pending.op == FSW_PENDING_REQUEST && !fsw_left)
		fsw_request_abort();
	if (fsw_pending_keep() && !fsw_left && !st->entered)
		st->last_switch_result = -EINPROGRESS;	/* still armed */
	else
		fsw_pending_clear();
	st->last_cycle_ns = ktime_get_boottime_ns() - st->begin_ns;
	st->last_entered = st->entered;
	st->cycles++;
}

/*
 * Resumed by another instance's vector: to serve its request only (then
 * suspend again at once, devices still suspended, tasks still frozen), or
 * to run.
 */
static bool fsw_suspend_again(void)
{
	return fsw_left && fsw_request_serve();
}

static const struct platform_suspend_ops fsw_suspend_ops = {
	.valid = suspend_valid_only_mem,
	.begin = fsw_begin,
	.enter = fsw_enter,
	.suspend_again = fsw_suspend_again,
	.end = fsw_end,
};

/*
 * A suspend that did not reach the platform's .begin: it failed freezing
 * tasks, or it was not this platform's (suspend-to-idle, pm_test
 * "freezer"). An ordinary switch is dropped as after any suspend that
 * does not reach .enter; one armed with "keep" stays.
 */
static void fsw_not_begun(void)
{
	if (fsw.pending.op == FSW_PENDING_NONE)
		return;
	if (fsw_pending_keep()) {
		fsw.stats.last_switch_result = -EINPROGRESS;	/* still armed */
		return;
	}
	pr_warn("%s to instance %u did not happen: the suspend did not reach the platform\n",
		pending_name(), fsw.pending.id);
	if (fsw.pending.op == FSW_PENDING_REQUEST)
		fsw.req.last_result = -EAGAIN;
	else
		fsw.stats.last_switch_result = -EAGAIN;
	fsw_pending_clear();
}

/*
 * A cycle that began here is complete: .begin to this point, where a
 * switch that resumed this instance has just taken its last_switch_us
 * (fsw_switch_done()). After a switch it holds the time away.
 */
static void fsw_cycle_resumed(void)
{
	u64 now = __arch_counter_get_cntvct();
	u64 begin = fsw.stats.begin_cnt;

	fsw.stats.last_cycle_resumed_us = now > begin ? fsw_cnt_to_us(now - begin) : 0;
}

/* Suspend about to start; resume complete: devices and user space are back */
static int fsw_pm_notify(struct notifier_block *nb, unsigned long event, void *p)
{
	if (event == PM_SUSPEND_PREPARE) {
		fsw.stats.last_prepare_cnt = __arch_counter_get_cntvct();
		fsw_begun = false;
		fsw_point(FSW_POINT_PREPARE);
		return NOTIFY_DONE;
	}
	if (event == PM_POST_SUSPEND && !fsw_begun)
		fsw_not_begun();
	if (event == PM_POST_SUSPEND && fsw_left) {
		u32 crashed;

		fsw_inject_resume_hang();
		crashed = fsw_crash_woken();
		/* before the sections received go online, which takes time */
		fsw_guard_report();

		fsw_switch_done();
		fsw_request_resumed(crashed);
		fsw_left = false;
	}
	if (event == PM_POST_SUSPEND && fsw_begun)
		fsw_cycle_resumed();
	if (event == PM_POST_SUSPEND) {
		fsw_guard_report();
		fsw_request_rescue();
		fsw_point(FSW_POINT_RESUMED);
	}
	return NOTIFY_DONE;
}

static struct notifier_block fsw_pm_nb = {
	.notifier_call = fsw_pm_notify,
};

int fsw_suspend_init(void)
{
	int ret = register_pm_notifier(&fsw_pm_nb);

	if (ret)
		return ret;
	suspend_set_ops(&fsw_suspend_ops);
	return 0;
}

void fsw_suspend_exit(void)
{
	suspend_set_ops(NULL);
	unregister_pm_notifier(&fsw_pm_nb);
	fsw_request_exit();
}
