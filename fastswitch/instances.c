// SPDX-License-Identifier: GPL-2.0
/*
 * What this instance can tell of the others: the state their pages say,
 * and the sections the ownership table gives them. The checks every
 * command that touches another instance makes live here, so that they are
 * written once:
 *
 * - a page is "live" unless it was never written or checks and says
 *   free: a page with one flipped bit may still belong to a sleeping
 *   instance, whose memory nothing may then touch;
 * - a range belongs to an instance only if every byte of it lies in
 *   sections the (valid) table gives to that instance.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/mmzone.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/suspend.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"
#include "table.h"

#define SECTION_BYTES	BIT_ULL(SECTION_SIZE_BITS)

bool fsw_overlaps(u64 a, u64 asize, u64 b, u64 bsize)
{
	return asize && bsize && a < b + bsize && b < a + asize;
}

/*
 * State of instance @id from its page: FSW_STATE_*, -ENOENT for a page
 * never written, -EBADMSG (and why) for a page that does not check or
 * says a state there is not.
 */
int fsw_instance_state(u32 id, char *why)
{
	const u32 *pg = fsw_page_of(id);
	u32 found, expected, st;

	st = fsw_page_check(pg, &found, &expected);
	if (st == FSW_VEC_OK && fsw_get(pg, FSW_PG_STATE) <= FSW_STATE_CRASHED)
		return fsw_get(pg, FSW_PG_STATE);
	if (!fsw_page_may_be_live(pg))
		return -ENOENT;
	if (st == FSW_VEC_OK)
		fsw_why(why, "the page of instance %u at %pa says state %#x", id,
			&(phys_addr_t){ fsw_page_phys(id) }, fsw_get(pg, FSW_PG_STATE));
	else if (st == FSW_VEC_BAD_VERSION)
		fsw_why(why,
			"the page of instance %u at %pa is layout version %u, this kernel's is %u",
			id, &(phys_addr_t){ fsw_page_phys(id) }, found, expected);
	else
		fsw_why(why, "the page of instance %u at %pa is invalid (%s)", id,
			&(phys_addr_t){ fsw_page_phys(id) }, fsw_vec_status_name(st));
	return -EBADMSG;
}

/*
 * Refuse @id if it is this instance or may be alive (running, sleeping,
 * or a page that does not check; a crashed one never runs again).
 * Return: 0 if nothing of it can be live.
 */
int fsw_check_not_live(u32 id, const char *what, char *why)
{
	int st;

	if (id == fsw.id) {
		fsw_why(why, "instance %u is this instance", id);
		return -EINVAL;
	}
	st = fsw_instance_state(id, why);
	if (st == -ENOENT || st == FSW_STATE_FREE)
		return 0;
	/* a crashed instance never runs again: it may be booted anew */
	if (st == FSW_STATE_CRASHED && fsw_get(fsw_page_of(id), FSW_PG_ID) == id)
		return 0;
	if (st == -EBADMSG) {
		/* keep the reason, say what it means */
		strlcat(why, ": it may be a live instance", FSW_WHY_LEN);
		return -EBUSY;
	}
	fsw_why(why, "instance %u is %s: cannot %s it", id, fsw_state_name(st), what);
	return -EBUSY;
}

/* Instances other than this one that may be alive, as a bit mask */
u32 fsw_instances_alive(void)
{
	u32 alive = 0;
	unsigned int i;

	for (i = 0; i < FSW_MAX_INSTANCES; i++)
		if (i != fsw.id && fsw_page_may_be_live(fsw_page_of(i)))
			alive |= 1u << i;
	return alive;
}

/*
 * Is every byte of [addr, addr + size) in a section the valid table @t
 * gives to @id? The sections need not be contiguous. Return: 0, or
 * -EPERM (not its section) / -ERANGE (outside the table) and why.
 */
int fsw_owned_in(const u32 *t, u32 id, u64 addr, u64 size, char *why)
{
	u64 base = fsw_tbl_get(t, FSW_TBL_BASE), end = addr + size, a;
	unsigned int nr = fsw_tbl_get(t, FSW_TBL_NR);
	u32 owner;

	if (!size || addr < base || end > base + ((u64)nr << SECTION_SIZE_BITS)) {
		fsw_why(why, "%#llx-%#llx is outside the sections of the table", addr, end - 1);
		return -ERANGE;
	}
	for (a = round_down(addr, SECTION_BYTES); a < end; a += SECTION_BYTES) {
		unsigned int i = (a - base) >> SECTION_SIZE_BITS;

		owner = fsw_tbl_owner(t, i);
		if (owner == id)
			continue;
		if (owner < FSW_MAX_INSTANCES)
			fsw_why(why,
				"section %u (%#llx) is instance %u's, not reserved for instance %u",
				i, a, owner, id);
		else
			fsw_why(why,
				"section %u (%#llx) is not reserved for instance %u (owner: %s)",
				i, a, id, fsw_owner_name(owner));
		return -EPERM;
	}
	return 0;
}

/*
 * As fsw_owned_in(), in the table this kernel may change sections by
 * (fastswitch_sections_table(): it trusted it at boot and it checks now).
 * Return: also -EPERM without such a table.
 */
int fsw_check_owned(u32 id, u64 addr, u64 size, char *why)
{
	unsigned int nr;
	phys_addr_t base;
	const u32 *t;
	int ret;

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	if (t) {
		ret = fsw_owned_in(t, id, addr, size, why);
	} else {
		fsw_why_no_table(why, NULL);
		ret = -EPERM;
	}
	fastswitch_sections_unlock();
	return ret;
}

/*
 * The table in the shared region as the vector will read it, if it and the
 * region header check (a header of another layout: nothing is ours to read)
 * (this kernel need not have trusted it at boot). It is written only by
 * control commands, under the system sleep lock, which the callers hold
 * (or interrupts are off on the last CPU): no other lock is needed.
 */
const u32 *fsw_region_table(const char **bad)
{
	/*
	 * One buffer for the versions: the callers hold the system sleep lock
	 * or run in .enter on the last CPU, except the panic path (crash.c),
	 * which runs with the other CPUs stopped.
	 */
	static char skew[80];
	const u32 *t = fsw.region + FSW_TABLE_OFFSET / 4;

	/*
	 * A header of another layout: nothing in the region is ours to read
	 * (not its checksum: a request being served asks for the next hop
	 * before it seals the header).
	 */
	if (fsw_get(fsw.hdr, FSW_HDR_MAGIC) != FSW_REGION_MAGIC) {
		*bad = "the region header is gone";
		return NULL;
	}
	if (fsw_hdr_other_layout(fsw.hdr)) {
		snprintf(skew, sizeof(skew),
			 "the region header is layout version %u, this kernel's is %u",
			 fsw_get(fsw.hdr, FSW_HDR_VERSION), FSW_LAYOUT_VERSION);
		*bad = skew;
		return NULL;
	}
	*bad = fsw_tbl_check(t, SECTION_SIZE_BITS);
	if (!*bad)
		return t;
	if (fsw_tbl_get(t, FSW_TBL_MAGIC) == FSW_TABLE_MAGIC &&
	    fsw_tbl_get(t, FSW_TBL_VERSION) != FSW_LAYOUT_VERSION)
		snprintf(skew, sizeof(skew),
			 "the ownership table is layout version %u, this kernel's is %u",
			 fsw_tbl_get(t, FSW_TBL_VERSION), FSW_LAYOUT_VERSION);
	else if (fsw_tbl_get(t, FSW_TBL_MAGIC) == FSW_TABLE_MAGIC &&
		 fsw_tbl_get(t, FSW_TBL_SECTION_BITS) != SECTION_SIZE_BITS)
		snprintf(skew, sizeof(skew),
			 "the ownership table has sections of 2^%u bytes, this kernel's are 2^%u",
			 fsw_tbl_get(t, FSW_TBL_SECTION_BITS), SECTION_SIZE_BITS);
	else
		snprintf(skew, sizeof(skew), "ownership table: %s", *bad);
	*bad = skew;
	return NULL;
}

/*
 * Say why the kernel's ownership table is not usable, in the words of
 * fsw_region_table() (another layout version or section size names
 * both), then @what if any. A region table that checks is not usable here
 * only because it describes other RAM, or was not trusted at boot.
 */
void fsw_why_no_table(char *why, const char *what)
{
	const char *bad;

	if (fsw_region_table(&bad))
		bad = "no valid ownership table";
	if (what)
		fsw_why(why, "%s: %s", bad, what);
	else
		fsw_why(why, "%s", bad);
}

/*
 * May the vector jump into sleeping instance @id? Its page checks, is its
 * own, says sleeping, and its resume entry lies in its sections of the
 * table as it is now (the vector checks the same with the MMU off).
 * Return: 0, -EINVAL (this instance), -ENOENT (never booted), -EBADMSG
 * (its page or the table does not check, or the page is wrong), -EBUSY
 * (not sleeping), and why.
 */
int fsw_check_entry(u32 id, char *why)
{
	const u32 *pg = fsw_page_of(id);
	const char *bad;
	u32 entry, owner;
	const u32 *t;
	int st;

	if (id == fsw.id) {
		fsw_why(why, "instance %u is this instance", id);
		return -EINVAL;
	}
	st = fsw_instance_state(id, why);
	if (st == -ENOENT || st == FSW_STATE_FREE) {
		fsw_why(why, "instance %u was never booted", id);
		return -ENOENT;
	}
	if (st < 0)
		return st;
	if (fsw_get(pg, FSW_PG_ID) != id) {
		fsw_why(why, "the page of instance %u says it is instance %u's", id,
			fsw_get(pg, FSW_PG_ID));
		return -EBADMSG;
	}
	if (st != FSW_STATE_SLEEPING) {
		fsw_why(why, "instance %u is %s, not sleeping", id, fsw_state_name(st));
		return -EBUSY;
	}
	t = fsw_region_table(&bad);
	if (!t) {
		fsw_why(why, "%s: instance %u's resume entry cannot be checked", bad, id);
		return -EBADMSG;
	}
	entry = fsw_get(pg, FSW_PG_RESUME_ENTRY);
	owner = fsw_tbl_owner_of(t, entry);
	if (owner < FSW_MAX_INSTANCES && owner != id) {
		fsw_why(why, "the resume entry %#x of instance %u is in a section of instance %u",
			entry, id, owner);
		return -EBADMSG;
	}
	if (owner != id) {
		fsw_why(why,
			"the resume entry %#x of instance %u is not in its sections (owner: %s)",
			entry, id, fsw_owner_name(owner));
		return -EBADMSG;
	}
	return 0;
}

/* id state release kernel initrd dtb cmdline */
int fsw_instances_show(struct seq_file *m)
{
	unsigned int flags = lock_system_sleep();
	char why[FSW_WHY_LEN];
	unsigned int i, k;

	seq_puts(m, "id state release kernel initrd dtb cmdline\n");
	for (i = 0; i < FSW_MAX_INSTANCES; i++) {
		const struct fsw_instance *in = &fsw.inst[i];
		const u32 *pg = fsw_page_of(i);
		char rel[FSW_PG_RELEASE_LEN];
		int st = fsw_instance_state(i, why);

		if (st == -ENOENT && !in->img[0].size && !in->img[1].size && !in->cmdline)
			continue;
		rel[0] = '\0';
		if (st >= 0) {
			memcpy(rel, (const char *)pg + FSW_PG_RELEASE, sizeof(rel));
			rel[sizeof(rel) - 1] = '\0';
		}
		seq_printf(m, "%u %s %s", i,
			   i == fsw.id ? "running(this)" :
			   st == -ENOENT ? "none" : st == -EBADMSG ? "invalid" :
			   fsw_state_name(st), rel[0] ? rel : "-");
		for (k = 0; k < FSW_NR_IMAGES; k++) {
			if (in->img[k].size)
				seq_printf(m, " %#x+%#x", in->img[k].addr, in->img[k].size);
			else
				seq_puts(m, " -");
		}
		if (in->dtb)
			seq_printf(m, " %#x+%#x", in->dtb, in->dtb_size);
		else
			seq_puts(m, " -");
		seq_printf(m, " %s\n", in->cmdline ? in->cmdline : "-");
	}
	unlock_system_sleep(flags);
	return 0;
}

void fsw_instances_exit(void)
{
	unsigned int i;

	for (i = 0; i < FSW_MAX_INSTANCES; i++) {
		kfree(fsw.inst[i].cmdline);
		fsw.inst[i].cmdline = NULL;
	}
}
