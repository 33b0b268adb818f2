// SPDX-License-Identifier: GPL-2.0
/*
 * Fastswitch: several Linux instances time-sharing one ARM machine, one
 * running, the others asleep in suspend-to-RAM.
 *
 * This module is the policy: it maps the shared region the kernel was
 * booted with (fastswitch_mem=), registers this instance's page in it,
 * provides the platform suspend path that sleeps through the resume vector,
 * and the debugfs interface. See docs/ for the interface and the layout.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/io.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/suspend.h>
#include <linux/utsname.h>
#include <asm/arch_timer.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"

struct fsw_state fsw;

static bool testing;
module_param(testing, bool, 0444);
MODULE_PARM_DESC(testing, "Allow the fault injection commands (tests only)");

/*
 * (Re)write this instance's page from the module's state: the register
 * list, the resume entry, state running. The vector's counters survive.
 * Safe with interrupts off.
 */
int fsw_rebuild_page(void)
{
	u32 *pg = fsw.page;
	u32 vec = fsw_get(pg, FSW_PG_VECTOR_COUNT);
	u32 res = fsw_get(pg, FSW_PG_RESUME_COUNT);
	u64 s = fsw_get64(pg, FSW_PG_SUSPEND_CNT);
	u64 r = fsw_get64(pg, FSW_PG_RESUME_CNT);
	int ret;

	/* Nothing is wiped for a list that cannot be written. */
	ret = fsw_regs_check(fsw.regs, fsw.nr_regs);
	if (ret)
		return ret;
	if (fsw_get(pg, FSW_PG_MAGIC) != FSW_PAGE_MAGIC ||
	    fsw_get(pg, FSW_PG_ID) != fsw.id) {
		vec = 0;
		res = 0;
		s = 0;
		r = 0;
	}

	fsw_page_init(pg, fsw.id, fsw.resume_entry, fsw.cnt_freq,
		      init_utsname()->release);
	ret = fsw_page_set_regs(pg, fsw.regs, fsw.nr_regs);
	fsw_put(pg, FSW_PG_VECTOR_COUNT, vec);
	fsw_put(pg, FSW_PG_RESUME_COUNT, res);
	fsw_put(pg, FSW_PG_SUSPEND_CNT, lower_32_bits(s));
	fsw_put(pg, FSW_PG_SUSPEND_CNT + 4, upper_32_bits(s));
	fsw_put(pg, FSW_PG_RESUME_CNT, lower_32_bits(r));
	fsw_put(pg, FSW_PG_RESUME_CNT + 4, upper_32_bits(r));
	fsw_page_seal(pg);
	return ret;
}

/* Expand the platform table; the current list stays if it does not fit. */
static int fsw_build_regs(bool survey)
{
	struct fsw_reg_init *regs;
	struct fsw_reg_name *names;
	int n;

	regs = kcalloc(FSW_MAX_REGS, sizeof(*regs), GFP_KERNEL);
	names = kcalloc(FSW_MAX_REGS, sizeof(*names), GFP_KERNEL);
	if (!regs || !names) {
		kfree(regs);
		kfree(names);
		return -ENOMEM;
	}
	n = fsw_platform_build(&fsw.plat, survey, regs, names, FSW_MAX_REGS);
	if (n < 0) {
		pr_err("register table larger than an instance page (%u entries)\n",
		       FSW_MAX_REGS);
		kfree(regs);
		kfree(names);
		return n;
	}
	swap(fsw.regs, regs);
	swap(fsw.names, names);
	kfree(regs);
	kfree(names);
	fsw.nr_regs = n;
	fsw.survey = survey;
	return 0;
}

/* Called with the system sleep lock held: no suspend runs meanwhile. */
int fsw_apply(const struct fsw_cmd *cmd)
{
	int ret;

	switch (cmd->op) {
	case FSW_CMD_WAKE_IMMEDIATE:
		fsw.wake_mode = FSW_WAKE_MODE_IMMEDIATE;
		fsw.wake_ms = 0;
		return 0;
	case FSW_CMD_WAKE_DELAY:
		fsw.wake_mode = FSW_WAKE_MODE_DELAY;
		fsw.wake_ms = cmd->arg;
		return 0;
	case FSW_CMD_WAKE_RTC:
		fsw.wake_mode = FSW_WAKE_MODE_RTC;
		fsw.wake_ms = cmd->arg;
		return 0;
	case FSW_CMD_SURVEY:
		if (cmd->arg == fsw.survey)
			return 0;
		ret = fsw_build_regs(cmd->arg);
		if (ret)
			return ret;
		return fsw_rebuild_page();
	case FSW_CMD_INJECT:
		if (!fsw.testing) {
			pr_warn("control: inject needs the module loaded with testing=1\n");
			return -EPERM;
		}
		switch (cmd->arg) {
		case FSW_INJECT_TABLE:
			fsw_sections_inject();
			return 0;
		case FSW_INJECT_PAGE: {
			u32 *pg = fsw.region + FSW_PAGE_OFFSET(cmd->id) / 4;

			fsw_put(pg, FSW_PG_CSUM, fsw_get(pg, FSW_PG_CSUM) ^ 0x10);
			pr_info("injected fault: checksum of page %u toggled\n", cmd->id);
			return 0;
		}
		case FSW_INJECT_DEVICE:
			fsw.device_refuse = true;
			return 0;
		case FSW_INJECT_SUMS:
			fsw_sums_prepare();
			return 0;
		}
		fsw.inject = cmd->arg;
		return 0;
	case FSW_CMD_RESERVE:
	case FSW_CMD_FREE:
		return fsw_sections_apply(cmd);
	case FSW_CMD_LOAD:
	case FSW_CMD_CMDLINE:
	case FSW_CMD_BOOT:
	case FSW_CMD_SWITCH:
	case FSW_CMD_UNLOAD:
		return fsw_instances_apply(cmd);
	}
	return -EINVAL;
}

static int fsw_map_region(void)
{
	int ret;

	ret = fastswitch_region(&fsw.region_base, &fsw.region_size);
	if (ret) {
		pr_err("no shared region: boot the kernel with fastswitch_mem=<size>@<base>\n");
		return ret;
	}
	if (fsw.region_size < FSW_REGION_MIN_SIZE) {
		pr_err("shared region smaller than %#x\n", FSW_REGION_MIN_SIZE);
		return -EINVAL;
	}
	fsw.region = memremap(fsw.region_base, FSW_REGION_MIN_SIZE, MEMREMAP_WC);
	if (!fsw.region) {
		pr_err("cannot map the shared region at %pa\n", &fsw.region_base);
		return -ENOMEM;
	}
	fsw.hdr = fsw.region;
	fsw.page = fsw.region + FSW_PAGE_OFFSET(fsw.id) / 4;
	fsw.page_phys = fsw.region_base + FSW_PAGE_OFFSET(fsw.id);

	if (fsw_hdr_check(fsw.hdr, fsw.region_size)) {
		pr_info("shared region at %pa has no valid header: initialising it\n",
			&fsw.region_base);
		fsw_hdr_init(fsw.hdr, fsw.region_size, fsw.id);
	} else {
		fsw_put(fsw.hdr, FSW_HDR_RUNNING, fsw.id);
		fsw_hdr_seal(fsw.hdr);
	}
	return 0;
}

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
	fsw.cnt_freq = arch_timer_get_cntfrq();
	if (!fsw.cnt_freq) {
		pr_err("the architected timer has no frequency\n");
		return -ENODEV;
	}

	ret = fsw_platform_probe(&fsw.plat);
	if (ret)
		return ret;
	ret = fsw_build_regs(false);
	if (ret)
		goto err_free;

	ret = fsw_map_region();
	if (ret)
		goto err_free;
	ret = fsw_rebuild_page();
	if (ret)
		goto err_unmap;

	/* Booted by another instance: how long since it began to leave */
	fsw_switch_done();
	fsw.boot_us = fsw.last_switch_us;
	fsw.last_switch_us = 0;

	ret = fsw_instances_init();
	if (ret)
		goto err_page;
	ret = fsw_suspend_init();
	if (ret)
		goto err_inst;
	fsw_debugfs_init();

	pr_info("instance %u (%s): page at %pa, resume entry %#x, %u mandatory registers (%s)\n",
		fsw.id, init_utsname()->release, &fsw.page_phys,
		fsw.resume_entry, fsw.nr_regs, fsw.plat.plat->name);
	return 0;

err_inst:
	fsw_instances_exit();
err_page:
	fsw_put(fsw.page, FSW_PG_STATE, FSW_STATE_FREE);
	fsw_page_seal(fsw.page);
err_unmap:
	memunmap(fsw.region);
err_free:
	kfree(fsw.regs);
	kfree(fsw.names);
	return ret;
}
module_init(fsw_init);

static void __exit fsw_exit(void)
{
	fsw_debugfs_exit();
	fsw_suspend_exit();
	fsw_instances_exit();
	fsw_put(fsw.page, FSW_PG_STATE, FSW_STATE_FREE);
	fsw_page_seal(fsw.page);
	memunmap(fsw.region);
	kfree(fsw.regs);
	kfree(fsw.names);
}
module_exit(fsw_exit);

MODULE_DESCRIPTION("Fastswitch: switch between Linux instances sleeping in RAM");
MODULE_LICENSE("GPL");
