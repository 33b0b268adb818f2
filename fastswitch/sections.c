// SPDX-License-Identifier: GPL-2.0
/*
 * Section commands of the control file (reserve, free) and the debugfs
 * views of the ownership table (sections, section_crc). The kernel side
 * (memhotplug/fastswitch-sections.c) owns the table and enforces it for
 * every online and offline; this file changes it on the user's request.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/crc32.h>
#include <linux/io.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/uaccess.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"
#include "table.h"

#define SECTION_BYTES	BIT_ULL(SECTION_SIZE_BITS)

/*
 * reserve: offline this instance's sections and give them to another
 * instance. free: take back sections of an instance that cannot be alive
 * and holds nothing loaded there, and online them movable. Either all
 * sections change or none.
 */
int fsw_sections_apply(const struct fsw_cmd *cmd, char *why)
{
	u64 size = (u64)cmd->count << SECTION_SIZE_BITS;
	unsigned int first, nr, i;
	phys_addr_t base;
	u32 *t, owner;
	int ret;

	/* Images loaded for an instance not booted yet stay where they are. */
	if (cmd->op == FSW_CMD_FREE) {
		ret = fsw_images_in(cmd->addr, size, why);
		if (ret)
			return ret;
	}
	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	if (!t) {
		fsw_why_no_table(why, NULL);
		ret = -EBADMSG;
		goto out;
	}
	ret = fsw_table_plan(t, fsw.id, fsw_instances_alive(), cmd, &first, why);
	if (ret)
		goto out;
	/* An armed boot will write all over its sections: none of them goes. */
	for (i = first; cmd->op == FSW_CMD_FREE && i < first + cmd->count; i++) {
		if (fsw.pending.op != FSW_PENDING_BOOT ||
		    fsw_tbl_owner(t, i) != fsw.pending.id)
			continue;
		fsw_why(why, "section %u is instance %u's, whose boot is armed", i,
			fsw.pending.id);
		ret = -EBUSY;
		goto out;
	}
	if (cmd->op == FSW_CMD_RESERVE) {
		ret = fastswitch_sections_give(first, cmd->count, cmd->arg, fsw_scrub);
		if (ret) {
			fsw_why(why, "cannot offline and zero the sections (%d): they stay online",
				ret);
			ret = -EBUSY;
			goto out;
		}
		pr_info("sections %u-%u (%#x, %u MiB) reserved for instance %u\n",
			first, first + cmd->count - 1, cmd->addr,
			cmd->count << (SECTION_SIZE_BITS - 20), cmd->arg);
		goto out;
	}
	owner = fsw_tbl_owner(t, first);
	/* what the dead owner left there does not reach this instance */
	for (i = first; i < first + cmd->count; i++) {
		ret = fsw_scrub(base + ((phys_addr_t)i << SECTION_SIZE_BITS),
				BIT(SECTION_SIZE_BITS));
		if (ret) {
			fsw_why(why, "cannot zero section %u (%d): nothing taken", i, ret);
			goto out;
		}
	}
	ret = fastswitch_sections_take(first, cmd->count);
	if (ret) {
		fsw_why(why, "cannot online the sections (%d)", ret);
		goto out;
	}
	pr_info("sections %u-%u (%#x, %u MiB) taken back from instance %u, online\n",
		first, first + cmd->count - 1, cmd->addr,
		cmd->count << (SECTION_SIZE_BITS - 20), owner);
out:
	fastswitch_sections_unlock();
	return ret;
}

static void show_owner(struct seq_file *m, u32 owner)
{
	if (owner < FSW_MAX_INSTANCES)
		seq_printf(m, "%-9u", owner);
	else
		seq_printf(m, "%-9s", fsw_owner_name(owner));
}

/*
 * The table, one line per run of sections with the same owner and state:
 *   first-last  start-end  owner  state  size
 */
int fsw_sections_show(struct seq_file *m)
{
	const u32 *t = fsw.region + FSW_TABLE_OFFSET / 4;
	phys_addr_t tphys = fsw.region_base + FSW_TABLE_OFFSET;
	unsigned int nr, i, j;
	const char *why;
	phys_addr_t b;
	u32 base;

	fastswitch_sections_lock();
	why = fsw_tbl_check(t, SECTION_SIZE_BITS);
	base = fsw_tbl_get(t, FSW_TBL_BASE);
	seq_printf(m, "table: %pa\n", &tphys);
	seq_printf(m, "check: %s\n", why ? why : "ok");
	seq_printf(m, "usable: %s\n", fastswitch_sections_table(&nr, &b) ?
		   "yes" : "no");
	seq_printf(m, "version: %u\n", fsw_tbl_get(t, FSW_TBL_VERSION));
	seq_printf(m, "generation: %u\n", fsw_tbl_get(t, FSW_TBL_GENERATION));
	seq_printf(m, "section_size: %u MiB\n", 1u << (SECTION_SIZE_BITS - 20));
	seq_printf(m, "memmap_per_section: %lu bytes\n",
		   (unsigned long)(PAGES_PER_SECTION * sizeof(struct page)));
	seq_printf(m, "base: %#x\n", base);
	seq_printf(m, "sections: %u\n", fsw_tbl_get(t, FSW_TBL_NR));
	seq_printf(m, "this: %u\n", fsw.id);
	if (why) {
		fastswitch_sections_unlock();
		return 0;
	}
	nr = fsw_tbl_get(t, FSW_TBL_NR);
	seq_puts(m, "sections     start      end        owner    state    size\n");
	for (i = 0; i < nr; i = j) {
		u32 owner = fsw_tbl_owner(t, i);
		const char *st = fastswitch_section_state(i);
		u64 s = (u64)base + ((u64)i << SECTION_SIZE_BITS);

		for (j = i + 1; j < nr; j++)
			if (fsw_tbl_owner(t, j) != owner ||
			    strcmp(fastswitch_section_state(j), st))
				break;
		seq_printf(m, "%5u-%-5u  %#010llx-%#010llx ", i, j - 1, s,
			   s + ((u64)(j - i) << SECTION_SIZE_BITS) - 1);
		show_owner(m, owner);
		seq_printf(m, "%-8s %u MiB\n", st,
			   (j - i) << (SECTION_SIZE_BITS - 20));
	}
	fastswitch_sections_unlock();
	return 0;
}

/*
 * CRC32 (zlib's: crc32_le(~0) ^ ~0) of every section, read through a
 * cacheable mapping: for tests that check what nobody may write. Only a
 * valid table is followed; sections of nobody (not RAM) and the shared
 * region (mapped non-cacheable already) are not read.
 */
int fsw_section_crc_show(struct seq_file *m)
{
	const u32 *t;
	unsigned int nr, i;
	phys_addr_t base;

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	if (!t) {
		fastswitch_sections_unlock();
		seq_puts(m, "no valid ownership table\n");
		return 0;
	}
	for (i = 0; i < nr; i++) {
		u64 a = (u64)base + ((u64)i << SECTION_SIZE_BITS);
		size_t size = 1UL << SECTION_SIZE_BITS, off;
		u32 owner = fsw_tbl_owner(t, i), crc = ~0U;
		phys_addr_t pa = a;
		void *p;

		seq_printf(m, "%u %pa ", i, &pa);
		show_owner(m, owner);
		seq_printf(m, " %s ", fastswitch_section_state(i));
		if (owner == FSW_OWNER_NONE) {
			seq_puts(m, "not-ram\n");
			continue;
		}
		if (a < (u64)fsw.region_base + fsw.region_size &&
		    a + size > fsw.region_base) {
			seq_puts(m, "shared-region\n");
			continue;
		}
		p = memremap(pa, size, MEMREMAP_WB);
		if (!p) {
			seq_puts(m, "unmapped\n");
			continue;
		}
		for (off = 0; off < size; off += SZ_1M) {
			crc = crc32_le(crc, p + off, SZ_1M);
			cond_resched();
		}
		memunmap(p);
		seq_printf(m, "%08x\n", ~crc);
	}
	fastswitch_sections_unlock();
	return 0;
}

/*
 * "linear_map": for each section of the table in this kernel's lowmem,
 * whether a read of its first and last word through the linear map
 * succeeds (copy_from_kernel_nofault(): the value read is dropped). Only
 * the online sections may be readable (docs/isolation.md).
 */
int fsw_linear_map_show(struct seq_file *m)
{
	phys_addr_t base, lo = __pa(PAGE_OFFSET), hi = __pa(high_memory - 1) + 1;
	unsigned int nr, i;
	const u32 *t;

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	if (!t) {
		fastswitch_sections_unlock();
		seq_puts(m, "no valid ownership table\n");
		return 0;
	}
	seq_puts(m, "section owner state linear_map\n");
	for (i = 0; i < nr; i++) {
		phys_addr_t s = base + ((phys_addr_t)i << SECTION_SIZE_BITS);
		const char *map = "outside";
		u32 word, owner = fsw_tbl_owner(t, i);

		if (s >= lo && s + SECTION_BYTES <= hi)
			map = copy_from_kernel_nofault(&word, __va(s), 4) ||
			      copy_from_kernel_nofault(&word, __va(s + SECTION_BYTES - 4), 4) ?
			      "unmapped" : "readable";
		if (owner < FSW_MAX_INSTANCES)
			seq_printf(m, "%u %u", i, owner);
		else
			seq_printf(m, "%u %s", i, fsw_owner_name(owner));
		seq_printf(m, " %s %s\n", fastswitch_section_state(i), map);
	}
	fastswitch_sections_unlock();
	return 0;
}
