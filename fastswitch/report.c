// SPDX-License-Identifier: GPL-2.0
/*
 * What each instance has online: every instance writes the set of table
 * sections it has online into the region header (a bitmap per instance,
 * sealed with it) whenever it is about to sleep, after it served a request
 * and when its module loads, so that the running instance can show every
 * instance's set next to the table (debugfs "online"). A sleeping
 * instance's set cannot change while it sleeps; the running instance's
 * line is read live. A test collects these lines and fails if a section is
 * online in two instances or online where the table does not give it.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/bitmap.h>
#include <linux/seq_file.h>
#include <linux/suspend.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"
#include "report.h"

static_assert(FSW_HDR_REPORT_END <= FSW_HDR_MODULE_END);
static_assert(FSW_TBL_MAX_SECTIONS <= FSW_REPORT_BITS);

/* Our sections in state @state ("online", or not "absent") into @bits */
static void sections_now(unsigned long *bits, bool present)
{
	unsigned int nr = 0, i;
	phys_addr_t base;

	bitmap_zero(bits, FSW_REPORT_BITS);
	fastswitch_sections_lock();
	if (!fastswitch_sections_table(&nr, &base))
		nr = 0;
	fastswitch_sections_unlock();
	for (i = 0; i < min_t(unsigned int, nr, FSW_REPORT_BITS); i++) {
		const char *st = fastswitch_section_state(i);

		if (present ? strcmp(st, "absent") : !strcmp(st, "online"))
			set_bit(i, bits);
	}
}

static void online_now(unsigned long *bits)
{
	sections_now(bits, false);
}

/* Write our sets into the header; the caller seals it */
void fsw_report_update(void)
{
	DECLARE_BITMAP(bits, FSW_REPORT_BITS);

	sections_now(bits, false);
	bitmap_to_arr32(fsw.hdr + FSW_HDR_ONLINE(fsw.id) / 4, bits, FSW_REPORT_BITS);
	sections_now(bits, true);
	bitmap_to_arr32(fsw.hdr + FSW_HDR_PRESENT(fsw.id) / 4, bits, FSW_REPORT_BITS);
}

/* Instance @id is no more, or not yet: nothing of a former one stays */
void fsw_report_forget(u32 id)
{
	memset(fsw.hdr + FSW_HDR_ONLINE(id) / 4, 0, FSW_REPORT_BITS / 8);
	memset(fsw.hdr + FSW_HDR_PRESENT(id) / 4, 0, FSW_REPORT_BITS / 8);
	fsw_hdr_seal(fsw.hdr);
}

/*
 * This instance crashed: it has nothing online any more (its sections
 * stay its own in the table). Panic context: no lock; the caller seals.
 */
void fsw_report_crashed(void)
{
	memset(fsw.hdr + FSW_HDR_ONLINE(fsw.id) / 4, 0, FSW_REPORT_BITS / 8);
}

/*
 * Can instance @id online table section @i: is it present in its memory
 * map, as it last published? (An instance that published nothing can
 * online nothing given to it.)
 */
bool fsw_report_present(u32 id, unsigned int i)
{
	const u32 *w = fsw.hdr + FSW_HDR_PRESENT(id) / 4;

	if (id == fsw.id)
		return strcmp(fastswitch_section_state(i), "absent");
	return i < FSW_REPORT_BITS && (w[i / 32] >> (i % 32)) & 1;
}

/* "<id> <sections>" per instance that may be alive, ranges as a-b */
int fsw_report_show(struct seq_file *m)
{
	unsigned int flags = lock_system_sleep();
	DECLARE_BITMAP(bits, FSW_REPORT_BITS);
	u32 alive = fsw_instances_alive() | BIT(fsw.id);
	unsigned int id, rs, re;

	for (id = 0; id < FSW_MAX_INSTANCES; id++) {
		if (!(alive & BIT(id)))
			continue;
		if (id == fsw.id)
			online_now(bits);
		else
			bitmap_from_arr32(bits, fsw.hdr + FSW_HDR_ONLINE(id) / 4,
					  FSW_REPORT_BITS);
		seq_printf(m, "%u%s", id, id == fsw.id ? "*" : "");
		for_each_set_bitrange(rs, re, bits, FSW_REPORT_BITS)
			seq_printf(m, re - rs > 1 ? " %u-%u" : " %u", rs, re - 1);
		seq_putc(m, '\n');
	}
	unlock_system_sleep(flags);
	return 0;
}
