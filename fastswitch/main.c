// SPDX-License-Identifier: GPL-2.0
/*
 * Fastswitch: several Linux instances time-sharing one ARM machine, one
 * running, the others asleep in suspend-to-RAM.
 *
 * This module is the policy. It maps the shared region the kernel was
 * booted with (fastswitch_mem=), registers this instance's page in it with
 * the platform's mandatory resume registers (region.c), provides the
 * platform suspend path that sleeps through the resume vector
 * (suspend.c), and the debugfs interface (debugfs.c) whose control
 * commands reserve and free sections, load, boot and switch to other
 * instances. fastswitch.h says which file does what; docs/ describes the
 * interfaces and the layouts.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/module.h>
#include <linux/utsname.h>
#include <asm/arch_timer.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"

struct fsw_state fsw;

static bool testing;
module_param(testing, bool, 0444);
MODULE_PARM_DESC(testing, "Allow the fault injection commands (tests only)");

static int __init fsw_init(void)
{
	int ret;

	fsw.id = fastswitch_instance_id();
	if (fsw.id >= FSW_MAX_INSTANCES) {
		pr_err("fastswitch_id=%u: instance ids are 0..%u\n", fsw.id,
		       FSW_MAX_INSTANCES - 1);
		return -EINVAL;
	}
	fsw.testing = testing;
	fsw.resume_entry = fastswitch_resume_entry();
	fsw.wake_entry = fastswitch_wake_entry();
	fsw.handed_over_by = FSW_NO_INSTANCE;
	fsw.req.serving_for = FSW_NO_INSTANCE;
	fsw.cnt_freq = arch_timer_get_cntfrq();
	if (!fsw.cnt_freq) {
		pr_err("the architected timer has no frequency\n");
		return -ENODEV;
	}

	ret = fsw_platform_probe(&fsw.plat);
	if (ret)
		return ret;
	ret = fsw_regs_build(false);
	if (ret)
		return ret;
	ret = fsw_region_map();
	if (ret)
		goto err_regs;
	ret = fsw_page_rebuild();
	if (ret)
		goto err_region;

	/* Booted by another instance: how long since it began to leave */
	fsw_switch_done();
	fsw.stats.boot_us = fsw.stats.last_switch_us;
	fsw.stats.last_switch_us = 0;
	fsw_report_update();
	fsw_hdr_seal(fsw.hdr);

	fsw_boot_init();
	fsw_guard_init();
	ret = fsw_inject_init();
	if (ret)
		goto err_guard;
	ret = fsw_suspend_init();
	if (ret)
		goto err_inject;
	ret = fsw_shutdown_init();
	if (ret)
		goto err_suspend;
	ret = fsw_crash_init();
	if (ret)
		goto err_shutdown;
	fsw_debugfs_init();
	/* the instance that booted this one stops waiting for it */
	fsw_guard_report();

	pr_info("instance %u (%s): page at %pa, resume entry %#x, %u mandatory registers (%s)\n",
		fsw.id, init_utsname()->release, &fsw.page_phys,
		fsw.resume_entry, fsw.nr_regs, fsw.plat.plat->name);
	return 0;

err_shutdown:
	fsw_shutdown_exit();
err_suspend:
	fsw_suspend_exit();
err_inject:
	fsw_inject_exit();
err_guard:
	fsw_esb_remove(&fsw.guard);
	fsw_instances_exit();
err_region:
	fsw_region_unmap();
err_regs:
	fsw_regs_free();
	return ret;
}
module_init(fsw_init);

static void __exit fsw_exit(void)
{
	fsw_debugfs_exit();
	fsw_crash_exit();
	fsw_shutdown_exit();
	fsw_suspend_exit();
	fsw_guard_exit();
	fsw_inject_exit();
	fsw_instances_exit();
	fsw_region_unmap();
	fsw_regs_free();
}
module_exit(fsw_exit);

MODULE_DESCRIPTION("Fastswitch: switch between Linux instances sleeping in RAM");
MODULE_LICENSE("GPL");
