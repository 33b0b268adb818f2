// SPDX-License-Identifier: GPL-2.0
/*
 * Closing an instance: "close <id>" ends a sleeping instance for good.
 *
 * Its page is retired first (sealed free): from then on nothing resumes it,
 * neither the vector nor a switch. Then each of its sections is zeroed
 * by every online CPU (zero.c), so that none of its data reaches another
 * instance, made this instance's in the table and onlined here (movable).
 * The id can be booted again. The initial instance (0) is never closed:
 * its data must stay, and it is the one a cold boot resumes into.
 *
 * A reset between the retirement and the end leaves sections of an
 * instance that is no longer alive: a later "free" zeroes them and takes
 * them back.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/io.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <asm/arch_timer.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"

#define SECTION_BYTES	BIT_ULL(SECTION_SIZE_BITS)

/* The sections the table gives to @id, into @list; their number */
static unsigned int sections_of(u32 id, unsigned int *list, phys_addr_t *base)
{
	unsigned int nr, i, n = 0;
	const u32 *t;

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, base);
	for (i = 0; t && i < nr; i++)
		if (fsw_tbl_owner(t, i) == id)
			list[n++] = i;
	fastswitch_sections_unlock();
	return n;
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

int fsw_close(u32 id, char *why)
{
	unsigned int *list, n, i, m = 0, online = 0;
	u64 start = __arch_counter_get_cntvct(), zeroing = 0;
	phys_addr_t base;
	u32 *pg;
	int ret;

	if (id == 0) {
		fsw_why(why, "instance 0, the initial instance, is never closed");
		return -EPERM;
	}
	ret = fsw_check_entry(id, why);
	/* a crashed instance (its own page, checked) is closed as a sleeping one */
	if (ret == -EBUSY && fsw_instance_state(id, why) == FSW_STATE_CRASHED &&
	    fsw_get(fsw_page_of(id), FSW_PG_ID) == id)
		ret = 0;
	if (ret)
		return ret;
	if (!fastswitch_sections_table(&(unsigned int){ 0 }, &base)) {
		fsw_why_no_table(why, "its sections cannot be taken");
		return -EBADMSG;
	}
	list = kcalloc(FSW_TBL_MAX_SECTIONS, sizeof(*list), GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	n = sections_of(id, list, &base);
	/* every section must come online here: refuse before anything changes */
	for (i = 0; i < n; i++) {
		if (strcmp(fastswitch_section_state(list[i]), "absent"))
			continue;
		fsw_why(why,
			"section %u of instance %u is outside this instance's memory map: close it from an instance that maps it",
			list[i], id);
		kfree(list);
		return -EREMOTE;
	}
	if (fsw.pending.op != FSW_PENDING_NONE && fsw.pending.id == id)
		fsw_pending_clear();

	/* Nothing resumes it from here on */
	pg = fsw_page_of(id);
	fsw_put(pg, FSW_PG_STATE, FSW_STATE_FREE);
	fsw_page_seal(pg);
	memset(&fsw.inst[id].img, 0, sizeof(fsw.inst[id].img));
	fsw.inst[id].dtb = 0;
	fsw.inst[id].dtb_size = 0;
	fsw.inst[id].entry = 0;
	kfree(fsw.inst[id].cmdline);
	fsw.inst[id].cmdline = NULL;
	fsw_report_forget(id);
	fsw_crash_forget(id);

	for (i = 0; i < n; i++) {
		phys_addr_t a = base + ((phys_addr_t)list[i] << SECTION_SIZE_BITS);
		u64 t = __arch_counter_get_cntvct();

		ret = fsw_zero_range(a, SECTION_BYTES);
		zeroing += __arch_counter_get_cntvct() - t;
		if (ret) {
			pr_err("close %u: section %u (%pa) cannot be mapped to be zeroed: it stays instance %u's\n",
			       id, list[i], &a, id);
			continue;
		}
		fastswitch_sections_lock();
		ret = fastswitch_sections_take(list[i], 1);
		fastswitch_sections_unlock();
		if (ret)
			pr_warn("close %u: section %u (%pa) zeroed, but not onlined here (%d)\n",
				id, list[i], &a, ret);
		else
			online++;
		/* its index is read: keep its time in its place (m <= i) */
		list[m++] = min_t(u64, fsw_cnt_to_us(__arch_counter_get_cntvct() - t), U32_MAX);
	}
	fsw.stats.closes++;
	fsw.stats.last_close_us = fsw_cnt_to_us(__arch_counter_get_cntvct() - start);
	fsw.stats.last_close_sections = n;
	fsw.stats.last_close_zero_us = fsw_cnt_to_us(zeroing);
	/* of the sections zeroed (a section that could not be stays its own) */
	sort(list, m, sizeof(*list), cmp_uint, NULL);
	fsw.stats.last_close_section_us[0] = m ? list[0] : 0;
	fsw.stats.last_close_section_us[1] = m ? list[m / 2] : 0;
	fsw.stats.last_close_section_us[2] = m ? list[m - 1] : 0;
	kfree(list);
	pr_info("instance %u closed: %u sections zeroed, %u online here, in %llu us\n",
		id, n, online, fsw.stats.last_close_us);
	return 0;
}
