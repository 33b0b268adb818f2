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

#define PSCI_SYSTEM_RESET	0x84000009

static bool fsw_left;		/* another instance ran since .begin */

static int fsw_begin(suspend_state_t state)
{
	fsw.begin = ktime_get_boottime();
	fsw.entered = false;
	fsw_left = false;
	fsw_switch_begin();
	return 0;
}

static const char *pending_name(void)
{
	if (fsw.pending == FSW_PENDING_SWITCH)
		return "switch";
	return fsw.pending_path == FSW_BOOT_RESET ? "boot (reset path)" : "boot";
}

/* The boot request the initial instance's decompressor takes */
static void set_boot_request(bool on)
{
	u32 *h = fsw.hdr;

	fsw_put(h, FSW_HDR_BOOT_MAGIC, on ? FSW_BOOT_MAGIC : 0);
	fsw_put(h, FSW_HDR_BOOT_ID, on ? fsw.pending_id : 0);
	fsw_put(h, FSW_HDR_BOOT_ENTRY, on ? fsw.boot_entry : 0);
	fsw_put(h, FSW_HDR_BOOT_DTB, on ? fsw.boot_dtb : 0);
	fsw_hdr_seal(h);
}

/* Where the vector goes after saving this instance */
static void fill_target(struct fsw_vector_args *a)
{
	switch (fsw.pending) {
	case FSW_PENDING_NONE:
		break;
	case FSW_PENDING_SWITCH:
		a->target_page = fsw.region_base + FSW_PAGE_OFFSET(fsw.pending_id);
		a->delay_ticks = 0;
		a->poll_addr = 0;
		break;
	case FSW_PENDING_BOOT:
		a->target_page = 0;
		a->mode = fsw.pending_path == FSW_BOOT_RESET ? FSW_MODE_RESET :
			  FSW_MODE_BOOT;
		a->boot_entry = fsw.boot_entry;
		a->boot_dtb = fsw.boot_dtb;
		a->reset_fn = PSCI_SYSTEM_RESET;
		a->reset_smc = fsw.reset_smc;
		break;
	}
	if (fsw.sums_armed)
		a->sums = fsw.region_base + FSW_SUMS_OFFSET;
	fsw.sums_armed = false;
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

	ret = fsw_pending_check();
	if (ret) {
		fsw.last_switch_result = ret;
		return ret;
	}
	fill_target(&a);

	fsw_put(fsw.page, FSW_PG_STATE, FSW_STATE_RUNNING);
	fsw_page_seal(fsw.page);
	fsw_inject_fault(fsw.page);
	if (a.mode == FSW_MODE_RESET)
		set_boot_request(true);

	ret = fastswitch_enter(&a);
	if (a.mode == FSW_MODE_RESET)
		set_boot_request(false);
	if (ret) {
		fsw.errors++;
		pr_err("instance %u could not be suspended: %d\n", fsw.id, ret);
		fsw_rebuild_page();
		fsw.last_switch_result = ret;
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
		fsw.last_switch_result = -EBADMSG;
		return -EBADMSG;
	}
	if (fsw.pending != FSW_PENDING_NONE) {
		/* Another instance ran, and switched back to this one. */
		fsw_left = true;
		fsw.last_switch_to = fsw.pending_id;
		fsw.last_switch_result = 0;
		if (fsw.pending == FSW_PENDING_BOOT) {
			fsw.boots++;
			memset(fsw.inst[fsw.pending_id].img, 0,
			       sizeof(fsw.inst[fsw.pending_id].img));
		} else {
			fsw.switches++;
		}
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
	if (fsw.pending != FSW_PENDING_NONE && !fsw_left)
		pr_warn("%s to instance %u did not happen: the suspend failed\n",
			pending_name(), fsw.pending_id);
	fsw.pending = FSW_PENDING_NONE;
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

/* Resume complete: devices and user space are back */
static int fsw_pm_notify(struct notifier_block *nb, unsigned long event, void *p)
{
	if (event == PM_POST_SUSPEND && fsw_left) {
		fsw_switch_done();
		fsw_left = false;
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
}
