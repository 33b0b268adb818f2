// SPDX-License-Identifier: GPL-2.0
/*
 * The boot parameters of a new instance, generated from the load addresses
 * and the ownership table, never written by hand (the prototype's lesson):
 *
 * - the command line: "fastswitch_mem=<region> fastswitch_id=<id>" first,
 *   where the kernel's COMMAND_LINE_SIZE cannot cut them, then the user's
 *   text; a line the kernel would truncate is refused;
 * - the device tree: this kernel's boot tree with /chosen rewritten
 *   (fastswitch_fdt_build()): the command line, the initrd, the memory it
 *   may map, and the ranges of the sections that are its own, which it
 *   trusts when it cannot trust the table.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/io.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <asm/fastswitch.h>
#include <asm/setup.h>
#include "fastswitch.h"

/* At most this many separate runs of sections in fastswitch,memory */
#define FSW_MAX_RANGES		32

/* "fastswitch_mem=<size>@<base> fastswitch_id=<id>[ <user text>]" */
char *fsw_boot_cmdline(u32 id, const char *user)
{
	user = user ? user : "";
	return kasprintf(GFP_KERNEL, "fastswitch_mem=%#llx@%#llx fastswitch_id=%u%s%s",
			 (u64)fsw.region_size, (u64)fsw.region_base, id,
			 *user ? " " : "", user);
}

static int check_length(const char *line, char *why)
{
	size_t len = strlen(line);

	if (len >= COMMAND_LINE_SIZE) {
		fsw_why(why,
			"with the generated parameters the command line is %zu bytes; the kernel keeps %d",
			len, COMMAND_LINE_SIZE - 1);
		return -E2BIG;
	}
	return 0;
}

/* Refuse a command line that the booted kernel would cut. */
int fsw_boot_cmdline_check(u32 id, const char *user, char *why)
{
	char *line = fsw_boot_cmdline(id, user);
	int ret;

	if (!line)
		return -ENOMEM;
	ret = check_length(line, why);
	kfree(line);
	return ret;
}

/*
 * The runs of sections the table gives to @id (and the shared ones), as
 * ranges. Return: their number, 0 if it has none of its own, -E2BIG if
 * there are more than @max, -EPERM without a valid table.
 */
static int own_ranges(u32 id, struct fsw_range *r, unsigned int max)
{
	unsigned int nr, i, n = 0, mine = 0;
	phys_addr_t base;
	const u32 *t;
	int ret = 0;

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	if (!t)
		ret = -EPERM;
	for (i = 0; t && i < nr; i++) {
		u64 a = (u64)base + ((u64)i << SECTION_SIZE_BITS);
		u32 owner = fsw_tbl_owner(t, i);

		if (owner != id && owner != FSW_OWNER_SHARED)
			continue;
		if (owner == id)
			mine++;
		if (n && r[n - 1].base + r[n - 1].size == a) {
			r[n - 1].size += 1ULL << SECTION_SIZE_BITS;
			continue;
		}
		if (n == max) {
			ret = -E2BIG;
			break;
		}
		r[n].base = a;
		r[n++].size = 1ULL << SECTION_SIZE_BITS;
	}
	fastswitch_sections_unlock();
	return ret ? ret : mine ? n : 0;
}

/*
 * Write the device tree instance @id boots with at @at, in its own
 * sections. It may map [mem, mem + mem_size). Return: 0 with
 * inst[id].dtb set, or a negative errno and why; nothing is written then.
 */
int fsw_boot_dtb(u32 id, u32 at, u64 mem, u64 mem_size, char *why)
{
	struct fsw_instance *in = &fsw.inst[id];
	struct fsw_range *own;
	size_t size = SZ_64K;
	char *cmdline;
	void *buf = NULL, *va;
	int ret, n;

	own = kcalloc(FSW_MAX_RANGES, sizeof(*own), GFP_KERNEL);
	cmdline = fsw_boot_cmdline(id, in->cmdline);
	if (!own || !cmdline) {
		ret = -ENOMEM;
		goto out;
	}
	ret = check_length(cmdline, why);
	if (ret)
		goto out;
	n = own_ranges(id, own, FSW_MAX_RANGES);
	if (n == -E2BIG)
		fsw_why(why, "the sections of instance %u are in more than %u runs",
			id, FSW_MAX_RANGES);
	else if (n < 0)
		fsw_why_no_table(why, NULL);
	else if (!n)
		fsw_why(why, "instance %u has no sections", id);
	if (n <= 0) {
		ret = n ? n : -ENOENT;
		goto out;
	}
	for (;;) {
		buf = kvmalloc(size, GFP_KERNEL);
		if (!buf) {
			ret = -ENOMEM;
			goto out;
		}
		ret = fastswitch_fdt_build(buf, size, cmdline,
					   in->img[FSW_IMAGE_INITRD].addr,
					   in->img[FSW_IMAGE_INITRD].size, mem, mem_size,
					   own, n);
		if (ret != -E2BIG || size >= SZ_1M)
			break;
		kvfree(buf);
		size *= 2;
	}
	if (ret < 0) {
		fsw_why(why, "cannot make the device tree (%d)", ret);
		goto out;
	}
	if (fsw_check_owned(id, at, ret, why)) {
		fsw_why(why,
			"no room for the %d byte device tree at %#x in the sections of instance %u",
			ret, at, id);
		ret = -ENOSPC;
		goto out;
	}
	va = memremap(at, ret, MEMREMAP_WB);
	if (!va) {
		fsw_why(why, "cannot map %#x for the device tree", at);
		ret = -ENOMEM;
		goto out;
	}
	memcpy(va, buf, ret);
	memunmap(va);
	in->dtb = at;
	in->dtb_size = ret;
	pr_info("instance %u: device tree at %#x (%d bytes), %d own range(s), command line \"%s\"\n",
		id, at, ret, n, cmdline);
	ret = 0;
out:
	kvfree(buf);
	kfree(cmdline);
	kfree(own);
	return ret;
}
