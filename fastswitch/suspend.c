// SPDX-License-Identifier: GPL-2.0
/*
 * The platform suspend path: "mem" sleeps through the Fastswitch resume
 * vector. QEMU virt's PSCI has no SYSTEM_SUSPEND, so this is what makes
 * "deep" appear in /sys/power/mem_sleep.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/math64.h>
#include <linux/suspend.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"

static u64 ms_to_ticks(u32 ms)
{
	return div_u64((u64)ms * fsw.cnt_freq, 1000);
}

static int fsw_begin(suspend_state_t state)
{
	fsw.begin = ktime_get_boottime();
	fsw.entered = false;
	return 0;
}

/* The one-shot test faults, applied to the sealed page. */
static void fsw_inject_fault(u32 *pg)
{
	switch (fsw.inject) {
	case FSW_INJECT_MAGIC:
		fsw_put(pg, FSW_PG_MAGIC, 0xdeadbeef);
		break;
	case FSW_INJECT_VERSION:
		fsw_put(pg, FSW_PG_VERSION, FSW_LAYOUT_VERSION + 98);
		fsw_page_seal(pg);
		break;
	case FSW_INJECT_CHECKSUM:
		fsw_put(pg, FSW_PG_CSUM, fsw_get(pg, FSW_PG_CSUM) ^ 0x10);
		break;
	case FSW_INJECT_NR_REGS:
		fsw_put(pg, FSW_PG_NR_REGS, FSW_MAX_REGS + 1);
		fsw_page_seal(pg);
		break;
	}
	if (fsw.inject)
		pr_info("injected fault: %s of page %u\n",
			fsw_inject_name(fsw.inject), fsw.id);
	fsw.inject = FSW_INJECT_NONE;
}

/* Interrupts off, boot CPU alone, after syscore suspend. */
static int fsw_enter(suspend_state_t state)
{
	struct fsw_vector_args a = { };
	int ret;

	fsw.entered = true;
	a.self_page = fsw.page_phys;
	a.target_page = fsw.page_phys;
	a.self_entry = fsw.resume_entry;
	if (fsw.wake_mode == FSW_WAKE_MODE_DELAY)
		a.delay_ticks = ms_to_ticks(fsw.wake_ms);
	if (fsw.wake_mode == FSW_WAKE_MODE_RTC) {
		a.poll_addr = fsw_platform_rtc_ris(&fsw.plat, &a.poll_mask);
		a.poll_ticks = ms_to_ticks(fsw.wake_ms);
	}

	fsw_put(fsw.page, FSW_PG_STATE, FSW_STATE_RUNNING);
	fsw_page_seal(fsw.page);
	fsw_inject_fault(fsw.page);

	ret = fastswitch_enter(&a);
	if (ret) {
		fsw.errors++;
		pr_err("instance %u could not be suspended: %d\n", fsw.id, ret);
		fsw_rebuild_page();
		return ret;
	}

	fsw.enters++;
	if (a.status != FSW_VEC_OK) {
		fsw.refusals++;
		fsw.last_refusal = a.status;
		fsw.last_found = a.detail;
		fsw.last_expected = a.expected;
		pr_err("instance page %u at %pa: %s (found %#x, expected %#x); resume refused, instance %u keeps running\n",
		       fsw.id, &fsw.page_phys, fsw_vec_status_name(a.status),
		       a.detail, a.expected, fsw.id);
		fsw_rebuild_page();
		return -EBADMSG;
	}

	fsw.resumes++;
	fsw.last_wake = a.wake;
	if (a.wake == FSW_WAKE_TIMEOUT)
		pr_warn("woke up on the %u ms timeout: no RTC alarm came\n",
			fsw.wake_ms);
	fsw_put(fsw.page, FSW_PG_STATE, FSW_STATE_RUNNING);
	fsw_page_seal(fsw.page);
	return 0;
}

static void fsw_end(void)
{
	fsw.last_cycle_ns = ktime_to_ns(ktime_sub(ktime_get_boottime(), fsw.begin));
	fsw.last_entered = fsw.entered;
	fsw.cycles++;
}

static const struct platform_suspend_ops fsw_suspend_ops = {
	.valid = suspend_valid_only_mem,
	.begin = fsw_begin,
	.enter = fsw_enter,
	.end = fsw_end,
};

int fsw_suspend_init(void)
{
	suspend_set_ops(&fsw_suspend_ops);
	return 0;
}

void fsw_suspend_exit(void)
{
	suspend_set_ops(NULL);
}
