// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection and test instrumentation, only with testing=1: the
 * "inject" control commands (docs/debugfs.md), the test device that can
 * refuse a suspend, and the section sums the vector takes when it leaves.
 *
 * Faults that the resume vector must catch are applied in .enter, after
 * the module's own checks passed and just before the vector, and undone
 * right after it: the vector is then the only thing between the fault and
 * a jump into the wrong place.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/io.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"
#include "table.h"

/* The target page as it was before a target fault, to put it back */
static u32 *saved_target;
static u32 *broken_target;	/* the page to put back */
static bool broken_table;	/* the table bit to flip back */

/* Toggle a bit outside the owner byte of entry 0: the checksum breaks. */
static void toggle_table(void)
{
	u32 *t = fsw.region + FSW_TABLE_OFFSET / 4;

	t[FSW_TBL_ENTRIES / 4] ^= 0x100;
}

/* Fill the sums block's header for the vector: the table's sections */
static int sums_prepare(char *why)
{
	u32 *s = fsw.region + FSW_SUMS_OFFSET / 4;
	u32 count = fsw_get(s, FSW_SUMS_HDR_COUNT);
	unsigned int nr;
	phys_addr_t base;
	const u32 *t;
	int ret = 0;

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	if (!t || nr > FSW_SUMS_MAX) {
		fsw_why(why, "no valid ownership table of at most %lu sections",
			(unsigned long)FSW_SUMS_MAX);
		ret = -EBADMSG;
	} else {
		memset(s, 0, FSW_SUMS_SIZE);
		fsw_put(s, FSW_SUMS_HDR_BASE, base);
		fsw_put(s, FSW_SUMS_HDR_NR, nr);
		fsw_put(s, FSW_SUMS_HDR_BITS, SECTION_SIZE_BITS);
		fsw_put(s, FSW_SUMS_HDR_GEN, fsw_tbl_get(t, FSW_TBL_GENERATION));
		fsw_put(s, FSW_SUMS_HDR_COUNT, count);
		fsw_put(s, FSW_SUMS_HDR_MAGIC, FSW_SUMS_MAGIC);
	}
	fastswitch_sections_unlock();
	return ret;
}

/*
 * Version skew: write @cmd->value into a version (or section size) word of
 * a block of the shared region and seal the block again, as a kernel of
 * another layout would have written it; the same with the old value puts
 * it back.
 */
static void inject_skew(const struct fsw_cmd *cmd)
{
	u32 *t = fsw.region + FSW_TABLE_OFFSET / 4;
	u32 *pg = fsw_page_of(cmd->id);

	switch (cmd->arg) {
	case FSW_INJECT_SKEW_HEADER:
		fsw_put(fsw.hdr, FSW_HDR_VERSION, cmd->value);
		fsw_hdr_seal_as_is(fsw.hdr);
		pr_warn("injected skew: region header says layout version %u\n", cmd->value);
		break;
	case FSW_INJECT_SKEW_TABLE:
	case FSW_INJECT_SKEW_BITS:
		fastswitch_sections_lock();
		fsw_put(t, cmd->arg == FSW_INJECT_SKEW_TABLE ? FSW_TBL_VERSION :
			FSW_TBL_SECTION_BITS, cmd->value);
		fsw_tbl_seal(t);
		fastswitch_sections_unlock();
		pr_warn("injected skew: ownership table says %s %u\n",
			cmd->arg == FSW_INJECT_SKEW_TABLE ? "layout version" :
			"section size 2^", cmd->value);
		break;
	case FSW_INJECT_SKEW_PAGE:
		fsw_put(pg, FSW_PG_VERSION, cmd->value);
		fsw_page_seal(pg);
		pr_warn("injected skew: page of instance %u says layout version %u\n",
			cmd->id, cmd->value);
		break;
	}
}

int fsw_inject(const struct fsw_cmd *cmd, char *why)
{
	struct fsw_faults *f = &fsw.faults;
	int ret;

	if (!fsw.testing) {
		fsw_why(why, "inject needs the module loaded with testing=1");
		return -EPERM;
	}
	switch (cmd->arg) {
	case FSW_INJECT_MAGIC:
	case FSW_INJECT_VERSION:
	case FSW_INJECT_CHECKSUM:
	case FSW_INJECT_NR_REGS:
		f->own_page = cmd->arg;
		return 0;
	case FSW_INJECT_TABLE:
		fastswitch_sections_lock();
		toggle_table();
		fastswitch_sections_unlock();
		pr_warn("ownership table: fault injected (entry 0 flipped)\n");
		return 0;
	case FSW_INJECT_PAGE: {
		u32 *pg = fsw_page_of(cmd->id);

		fsw_put(pg, FSW_PG_CSUM, fsw_get(pg, FSW_PG_CSUM) ^ 0x10);
		pr_info("injected fault: checksum of page %u toggled\n", cmd->id);
		return 0;
	}
	case FSW_INJECT_DEVICE:
		f->device_refuse = true;
		return 0;
	case FSW_INJECT_SUMS:
		ret = sums_prepare(why);
		if (!ret)
			f->sums = true;
		return ret;
	case FSW_INJECT_CPU_STUCK:
		f->cpu_stuck = true;
		return 0;
	case FSW_INJECT_SERVE_STALL:
		f->serve_stall = true;
		return 0;
	case FSW_INJECT_SERVE_HANDON:
		f->serve_handon = true;
		return 0;
	case FSW_INJECT_SERVE_PANIC:
		f->serve_panic = true;
		return 0;
	case FSW_INJECT_RESUME_HANG:
		f->resume_hang = true;
		return 0;
	case FSW_INJECT_SKEW_HEADER:
	case FSW_INJECT_SKEW_TABLE:
	case FSW_INJECT_SKEW_BITS:
	case FSW_INJECT_SKEW_PAGE:
		inject_skew(cmd);
		return 0;
	case FSW_INJECT_TARGET_ID:
	case FSW_INJECT_TARGET_STATE:
	case FSW_INJECT_TARGET_ENTRY:
	case FSW_INJECT_TARGET_TABLE:
	case FSW_INJECT_BOOT_TABLE:
	case FSW_INJECT_TARGET_VERSION:
		if (!saved_target) {
			saved_target = kmalloc(FSW_PAGE_SIZE, GFP_KERNEL);
			if (!saved_target)
				return -ENOMEM;
		}
		f->target = cmd->arg;
		return 0;
	}
	fsw_why(why, "unknown fault");
	return -EINVAL;
}

/* Break this instance's sealed page for the vector to refuse it */
static void break_own_page(u32 *pg, u32 what)
{
	switch (what) {
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
}

/*
 * Break the target after the module checked it, sealed as if valid; for a
 * boot, break the table the new kernel will find (it is not put back).
 */
static void break_target(struct fsw_vector_args *a, u32 what)
{
	u32 *pg;

	if (what == FSW_INJECT_BOOT_TABLE && a->mode != FSW_MODE_RESUME) {
		toggle_table();
		broken_table = true;
		return;
	}
	if (what == FSW_INJECT_BOOT_TABLE || a->mode != FSW_MODE_RESUME ||
	    a->target_id == fsw.id) {
		pr_warn("injected fault %s does not fit this suspend: not applied\n",
			fsw_inject_name(what));
		return;
	}
	if (what == FSW_INJECT_TARGET_TABLE) {
		toggle_table();
		broken_table = true;
		return;
	}
	pg = fsw_page_of(a->target_id);
	memcpy(saved_target, pg, FSW_PAGE_SIZE);
	broken_target = pg;
	if (what == FSW_INJECT_TARGET_ID)
		fsw_put(pg, FSW_PG_ID, (a->target_id + 1) % FSW_MAX_INSTANCES);
	else if (what == FSW_INJECT_TARGET_STATE)
		fsw_put(pg, FSW_PG_STATE, FSW_STATE_RUNNING);
	else if (what == FSW_INJECT_TARGET_VERSION)
		fsw_put(pg, FSW_PG_VERSION, FSW_LAYOUT_VERSION + 1);
	else
		fsw_put(pg, FSW_PG_RESUME_ENTRY, fsw.resume_entry);
	fsw_page_seal(pg);
}

/* Resumed after a switch, before the hang guard's report: hang there */
void fsw_inject_resume_hang(void)
{
	if (!fsw.faults.resume_hang)
		return;
	fsw.faults.resume_hang = false;
	pr_emerg("injected fault: instance %u hangs before it reports its resume\n",
		 fsw.id);
	local_irq_disable();
	for (;;)
		cpu_relax();
}

/* In .enter, interrupts off, just before fastswitch_enter() */
void fsw_inject_before_vector(struct fsw_vector_args *a)
{
	struct fsw_faults *f = &fsw.faults;

	if (f->sums)
		a->sums = fsw.region_base + FSW_SUMS_OFFSET;
	f->sums = false;
	if (f->own_page) {
		break_own_page(fsw.page, f->own_page);
		pr_info("injected fault: %s of page %u\n",
			fsw_inject_name(f->own_page), fsw.id);
	}
	f->own_page = FSW_INJECT_NONE;
	if (f->target)
		break_target(a, f->target);
	f->target = FSW_INJECT_NONE;
}

/*
 * Right after fastswitch_enter(), with its vector status (-1: it did not
 * get there): what a target fault broke is put back, unless the vector
 * let the broken target run, which the test must see as it is.
 */
void fsw_inject_after_vector(int status)
{
	bool refused = status != FSW_VEC_OK;

	if (broken_table && refused)
		toggle_table();
	if (broken_target && refused)
		memcpy(broken_target, saved_target, FSW_PAGE_SIZE);
	broken_table = false;
	broken_target = NULL;
}

/*
 * section_sums: the sums the vector took when an instance last left with
 * "inject sums", next to the same sums now. One line per section:
 * index address owner before now same|changed.
 */
int fsw_section_sums_show(struct seq_file *m)
{
	const u32 *s = fsw.region + FSW_SUMS_OFFSET / 4;
	u32 nr = fsw_get(s, FSW_SUMS_HDR_NR), bits = fsw_get(s, FSW_SUMS_HDR_BITS);
	u32 base = fsw_get(s, FSW_SUMS_HDR_BASE);
	unsigned int i, tnr;
	phys_addr_t tbase;
	const u32 *t;

	if (fsw_get(s, FSW_SUMS_HDR_MAGIC) != FSW_SUMS_MAGIC || nr > FSW_SUMS_MAX ||
	    bits != SECTION_SIZE_BITS || !fsw_get(s, FSW_SUMS_HDR_COUNT)) {
		seq_puts(m, "no section sums\n");
		return 0;
	}
	fastswitch_sections_lock();
	t = fastswitch_sections_table(&tnr, &tbase);
	for (i = 0; i < nr; i++) {
		phys_addr_t pa = base + ((phys_addr_t)i << bits);
		u32 before = fsw_get(s, FSW_SUMS_ENTRIES + 4 * i), now = FSW_CSUM_SEED;
		u32 owner = t && i < tnr ? fsw_tbl_owner(t, i) : FSW_OWNER_NONE;
		size_t size = 1UL << bits, off;
		const u32 *p;

		seq_printf(m, "%u %pa ", i, &pa);
		if (owner < FSW_MAX_INSTANCES)
			seq_printf(m, "%u ", owner);
		else
			seq_printf(m, "%s ", fsw_owner_name(owner));
		/* mapped non-cacheable already: no cacheable alias of it */
		if (pa < fsw.region_base + fsw.region_size && pa + size > fsw.region_base) {
			seq_printf(m, "%08x shared-region\n", before);
			continue;
		}
		p = memremap(pa, size, MEMREMAP_WB);
		if (!p) {
			seq_printf(m, "%08x unmapped\n", before);
			continue;
		}
		for (off = 0; off < size; off += SZ_1M) {
			now = fsw_sum(now, p + off / 4, SZ_1M / 4);
			cond_resched();
		}
		memunmap((void *)p);
		seq_printf(m, "%08x %08x %s\n", before, now,
			   before == now ? "same" : "changed");
	}
	fastswitch_sections_unlock();
	return 0;
}

/* A test device that refuses one suspend after "inject device" */
static int fsw_test_suspend(struct device *dev)
{
	if (!fsw.faults.device_refuse)
		return 0;
	fsw.faults.device_refuse = false;
	dev_err(dev, "refusing to suspend (injected)\n");
	return -EBUSY;
}

static DEFINE_SIMPLE_DEV_PM_OPS(fsw_test_pm, fsw_test_suspend, NULL);

static struct platform_driver fsw_test_driver = {
	.driver = {
		.name = "fastswitch-test",
		.pm = pm_sleep_ptr(&fsw_test_pm),
	},
};

static struct platform_device *fsw_test_dev;

int fsw_inject_init(void)
{
	int ret;

	if (!fsw.testing)
		return 0;
	ret = platform_driver_register(&fsw_test_driver);
	if (ret)
		return ret;
	fsw_test_dev = platform_device_register_simple("fastswitch-test", -1, NULL, 0);
	if (IS_ERR(fsw_test_dev)) {
		platform_driver_unregister(&fsw_test_driver);
		ret = PTR_ERR(fsw_test_dev);
		fsw_test_dev = NULL;
		return ret;
	}
	return 0;
}

void fsw_inject_exit(void)
{
	if (fsw_test_dev) {
		platform_device_unregister(fsw_test_dev);
		platform_driver_unregister(&fsw_test_driver);
	}
	kfree(saved_target);
	saved_target = NULL;
}
