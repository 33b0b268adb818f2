// SPDX-License-Identifier: GPL-2.0
/*
 * Booting a new instance: "boot <id> [direct|reset]" checks everything the
 * boot needs, generates the device tree (bootparams.c) just above the
 * loaded images, and arms the next suspend, whose vector enters the new
 * kernel directly or through a warm reset (docs/booting.md).
 *
 * The new kernel decompresses itself to the lowest section of the
 * instance + TEXT_OFFSET, as the decompressor follows
 * linux,usable-memory-range; every byte it will write there, and the
 * device tree, must lie in the instance's own sections.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/io.h>
#include <linux/minmax.h>
#include <linux/mmzone.h>
#include <linux/of.h>
#include <linux/security.h>
#include <linux/sizes.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"
#include "zimage.h"

/* Room after the zImage for its decompressor's bss, stack and heap */
#define ZIMAGE_SCRATCH		SZ_1M

/*
 * The lowest section of instance @id, and the end of the highest section
 * any instance owns (the top of instance memory). Return: the number of
 * sections @id owns, -EPERM without a valid table.
 */
static int instance_span(u32 id, u64 *lo, u64 *top)
{
	unsigned int nr, i, n = 0;
	phys_addr_t base;
	const u32 *t;

	*lo = 0;
	*top = 0;
	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	for (i = 0; t && i < nr; i++) {
		u64 a = (u64)base + ((u64)i << SECTION_SIZE_BITS);
		u32 owner = fsw_tbl_owner(t, i);

		if (owner < FSW_MAX_INSTANCES)
			*top = a + (1ULL << SECTION_SIZE_BITS);
		if (owner == id && !n++)
			*lo = a;
	}
	fastswitch_sections_unlock();
	return t ? n : -EPERM;
}

/* The loaded kernel's header, read where it was loaded */
static int read_zimage(const struct fsw_image_rec *k, struct fsw_zimage *zi, char *why)
{
	const char *bad;
	void *z;
	int ret;

	z = memremap(k->addr, k->size, MEMREMAP_WB);
	if (!z) {
		fsw_why(why, "cannot map the kernel at %#x", k->addr);
		return -ENOMEM;
	}
	ret = fsw_zimage_parse(z, k->size, zi, &bad);
	memunmap(z);
	if (ret)
		fsw_why(why, "the kernel at %#x: %s", k->addr, bad);
	return ret;
}

int fsw_boot(u32 id, u32 path, char *why)
{
	const struct fsw_image_rec *k = &fsw.inst[id].img[FSW_IMAGE_KERNEL];
	const struct fsw_image_rec *rd = &fsw.inst[id].img[FSW_IMAGE_INITRD];
	struct fsw_pending *p = &fsw.pending;
	struct fsw_zimage zi;
	u64 lo, top, kend, dtb;
	int ret, n;

	ret = fsw_check_not_live(id, "boot", why);
	if (ret)
		return ret;
	if (security_locked_down(LOCKDOWN_KEXEC)) {
		fsw_why(why, "the kernel is locked down: no other kernel may be started");
		return -EPERM;
	}
	if (!k->size) {
		fsw_why(why, "no kernel loaded for instance %u", id);
		return -ENOEXEC;
	}
	if (path == FSW_BOOT_RESET && !fsw.have_psci) {
		fsw_why(why, "no PSCI in the device tree: no warm reset for the reset path");
		return -EOPNOTSUPP;
	}
	n = instance_span(id, &lo, &top);
	if (n < 0) {
		fsw_why_no_table(why, NULL);
		return n;
	}
	if (!n) {
		fsw_why(why, "instance %u has no sections (reserve them first)", id);
		return -ENOENT;
	}
	/* The sections may have changed since the images were loaded. */
	ret = fsw_check_owned(id, k->addr, k->size, why);
	if (!ret && rd->size)
		ret = fsw_check_owned(id, rd->addr, rd->size, why);
	if (!ret)
		ret = read_zimage(k, &zi, why);
	if (ret)
		return ret;

	kend = lo + zi.kernel;
	if (fsw_check_owned(id, lo, zi.kernel, why)) {
		fsw_why(why, "the kernel needs %#llx-%#llx, not all in the sections of instance %u",
			lo, kend - 1, id);
		return -EFBIG;
	}
	if (fsw_overlaps(lo, zi.kernel, k->addr, (u64)zi.image + ZIMAGE_SCRATCH) ||
	    fsw_overlaps(lo, zi.kernel, rd->addr, rd->size)) {
		fsw_why(why,
			"the kernel decompresses to %#llx-%#llx, over a loaded image: load them above",
			lo, kend - 1);
		return -EINVAL;
	}
	if (fsw_overlaps(k->addr, (u64)zi.image + ZIMAGE_SCRATCH, rd->addr, rd->size)) {
		fsw_why(why,
			"the initrd is within %u KiB after the kernel image (decompressor scratch)",
			ZIMAGE_SCRATCH / SZ_1K);
		return -EINVAL;
	}
	if (fsw_check_owned(id, k->addr, (u64)zi.image + ZIMAGE_SCRATCH, why)) {
		fsw_why(why,
			"the decompressor's %u KiB after the kernel image are not all instance %u's",
			ZIMAGE_SCRATCH / SZ_1K, id);
		return -EFBIG;
	}
	dtb = ALIGN(max3(kend, (u64)k->addr + zi.image + ZIMAGE_SCRATCH,
			 (u64)rd->addr + rd->size), SZ_4K);
	if (dtb > U32_MAX - SZ_1M) {
		fsw_why(why, "no room for the device tree below 4 GiB");
		return -ENOSPC;
	}
	ret = fsw_boot_dtb(id, dtb, lo, top - lo, why);
	if (ret)
		return ret;

	p->op = FSW_PENDING_BOOT;
	p->id = id;
	p->path = path;
	p->entry = k->addr;
	fsw.inst[id].entry = k->addr;
	p->dtb = fsw.inst[id].dtb;
	p->range[FSW_BOOT_KERNEL] = (struct fsw_range){ lo, zi.kernel };
	p->range[FSW_BOOT_ZIMAGE] = (struct fsw_range){ k->addr, zi.image + ZIMAGE_SCRATCH };
	p->range[FSW_BOOT_INITRD] = (struct fsw_range){ rd->addr, rd->size };
	p->range[FSW_BOOT_DTB] = (struct fsw_range){ fsw.inst[id].dtb, fsw.inst[id].dtb_size };
	/* what a former instance of this id published is not the new one's */
	fsw_report_forget(id);
	pr_info("instance %u: boot armed (%s path): kernel %#x, memory %#llx-%#llx; the next suspend boots it\n",
		id, path == FSW_BOOT_RESET ? "reset" : "direct", k->addr, lo, top - 1);
	return 0;
}

/*
 * In .enter, interrupts off: everything the armed boot will write is
 * still in the sections of the instance it boots (free of them is refused
 * while it is armed; this is the last look before the jump).
 */
int fsw_boot_recheck(char *why)
{
	const struct fsw_pending *p = &fsw.pending;
	const char *bad;
	const u32 *t;
	unsigned int i;
	int ret;

	t = fsw_region_table(&bad);
	if (!t) {
		fsw_why(why, "%s", bad);
		return -EBADMSG;
	}
	for (i = 0; i < FSW_NR_BOOT_RANGES; i++) {
		if (!p->range[i].size)
			continue;
		ret = fsw_owned_in(t, p->id, p->range[i].base, p->range[i].size, why);
		if (ret)
			return ret;
	}
	return 0;
}

/* The reset path needs a warm reset: PSCI, and its conduit */
void fsw_boot_init(void)
{
	struct device_node *np = of_find_node_by_path("/psci");
	const char *method;

	if (np && !of_property_read_string(np, "method", &method)) {
		fsw.have_psci = !strcmp(method, "hvc") || !strcmp(method, "smc");
		fsw.reset_smc = !strcmp(method, "smc");
	}
	of_node_put(np);
}
