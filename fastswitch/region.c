// SPDX-License-Identifier: GPL-2.0
/*
 * The shared region (fastswitch_mem=) and this instance's page in it.
 *
 * The region is mapped non-cacheable, so that what this kernel writes is
 * what the MMU-off resume vector and the other instances read. This
 * instance's page holds its register list (the mandatory resume registers
 * of the platform table, platform.c) and its resume entry; it is rebuilt
 * from the module's state whenever the list changes or a fault left it
 * broken. Layout: asm/fastswitch.h, docs/instance-page.md.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/utsname.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"

u32 *fsw_page_of(u32 id)
{
	return fsw.region + FSW_PAGE_OFFSET(id) / 4;
}

phys_addr_t fsw_page_phys(u32 id)
{
	return fsw.region_base + FSW_PAGE_OFFSET(id);
}

u64 fsw_cnt_to_us(u64 ticks)
{
	return mul_u64_u32_div(ticks, USEC_PER_SEC, fsw.cnt_freq);
}

/*
 * (Re)write this instance's page from the module's state: the register
 * list, the resume entry, state running. What the vector counted and what
 * user space marked survive a rebuild of a page that was this instance's.
 * Safe with interrupts off.
 */
int fsw_page_rebuild(void)
{
	static const unsigned int kept[] = {
		FSW_PG_VECTOR_COUNT, FSW_PG_RESUME_COUNT, FSW_PG_MARK,
		FSW_PG_SUSPEND_CNT, FSW_PG_SUSPEND_CNT + 4,
		FSW_PG_RESUME_CNT, FSW_PG_RESUME_CNT + 4,
	};
	u32 old[ARRAY_SIZE(kept)] = { };
	u32 *pg = fsw.page;
	unsigned int i;
	int ret;

	/* Nothing is wiped for a list that cannot be written. */
	ret = fsw_regs_check(fsw.regs, fsw.nr_regs);
	if (ret)
		return ret;
	if (fsw_get(pg, FSW_PG_MAGIC) == FSW_PAGE_MAGIC &&
	    fsw_get(pg, FSW_PG_ID) == fsw.id)
		for (i = 0; i < ARRAY_SIZE(kept); i++)
			old[i] = fsw_get(pg, kept[i]);

	fsw_page_init(pg, fsw.id, fsw.resume_entry, fsw.cnt_freq,
		      init_utsname()->release);
	ret = fsw_page_set_regs(pg, fsw.regs, fsw.nr_regs);
	fsw_put(pg, FSW_PG_WAKE_ENTRY, fsw.wake_entry);
	for (i = 0; i < ARRAY_SIZE(kept); i++)
		fsw_put(pg, kept[i], old[i]);
	fsw_page_seal(pg);
	return ret;
}

/* Mark this instance's page, and seal it. Safe with interrupts off. */
void fsw_page_set_state(u32 state)
{
	fsw_put(fsw.page, FSW_PG_STATE, state);
	fsw_page_seal(fsw.page);
}

/*
 * A register of the list must be a device: RAM here, or a section of
 * anyone in the ownership table, would have the vector write into memory.
 */
static bool is_ram(u32 addr)
{
	const u32 *t;

	if (page_is_ram(PHYS_PFN(addr)))
		return true;
	if (!fsw.region)
		return false;
	t = fsw.region + FSW_TABLE_OFFSET / 4;
	return !fsw_tbl_check(t, SECTION_SIZE_BITS) &&
	       fsw_tbl_owner_of(t, addr) != FSW_OWNER_NONE;
}

/*
 * Expand the platform table. The current list stays if the new one does
 * not fit in a page or names RAM, so that the page can always be rebuilt.
 */
int fsw_regs_build(bool survey)
{
	struct fsw_reg_init *regs;
	struct fsw_reg_name *names;
	int i, n, ret = -ENOMEM;

	regs = kcalloc(FSW_MAX_REGS, sizeof(*regs), GFP_KERNEL);
	names = kcalloc(FSW_MAX_REGS, sizeof(*names), GFP_KERNEL);
	if (!regs || !names)
		goto out;
	n = fsw_platform_build(&fsw.plat, survey, regs, names, FSW_MAX_REGS);
	if (n < 0) {
		pr_err("register table larger than an instance page (%u entries)\n",
		       FSW_MAX_REGS);
		ret = n;
		goto out;
	}
	ret = fsw_regs_check(regs, n);
	for (i = 0; !ret && i < n; i++) {
		if (!is_ram(regs[i].addr) && !(regs[i].clear && is_ram(regs[i].clear)))
			continue;
		pr_err("register %s[%u] at %#x is RAM\n", names[i].desc->name,
		       names[i].index, regs[i].addr);
		ret = -EINVAL;
	}
	if (ret)
		goto out;
	swap(fsw.regs, regs);
	swap(fsw.names, names);
	fsw.nr_regs = n;
	fsw.survey = survey;
out:
	kfree(regs);
	kfree(names);
	return ret;
}

void fsw_regs_free(void)
{
	kfree(fsw.regs);
	kfree(fsw.names);
	fsw.regs = NULL;
	fsw.names = NULL;
}

/*
 * Map the region the kernel was booted with and take its header: a header
 * of another layout version belongs to a kernel this one cannot read, and
 * is left alone (the module does not load); one that does not check is
 * initialised (the first instance after a cold boot); otherwise this
 * instance records itself as running.
 */
int fsw_region_map(void)
{
	int ret;

	ret = fastswitch_region(&fsw.region_base, &fsw.region_size);
	if (ret == -EINVAL) {
		pr_err("fastswitch_mem= or fastswitch_id= was refused at boot: this kernel is no instance\n");
		return ret;
	}
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
	fsw.page = fsw_page_of(fsw.id);
	fsw.page_phys = fsw_page_phys(fsw.id);

	if (fsw_hdr_other_layout(fsw.hdr)) {
		/* a kernel of another layout uses it: nothing here is ours */
		pr_err("shared region at %pa: its header is layout version %u, this kernel's is %u: Fastswitch stays off, the region untouched\n",
		       &fsw.region_base, fsw_get(fsw.hdr, FSW_HDR_VERSION),
		       FSW_LAYOUT_VERSION);
		memunmap(fsw.region);
		fsw.region = NULL;
		fsw.hdr = NULL;
		return -EPROTONOSUPPORT;
	}
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

/* Leave the page free (this instance is gone) and unmap the region. */
void fsw_region_unmap(void)
{
	fsw_page_set_state(FSW_STATE_FREE);
	memunmap(fsw.region);
}
