// SPDX-License-Identifier: GPL-2.0
/*
 * Other instances: loading a new one into the sections reserved for it,
 * its boot parameters, booting it, and switching to a sleeping one.
 *
 * The control commands (docs/debugfs.md) only check and prepare: "boot"
 * and "switch" arm the next suspend, whose .enter hook (suspend.c) leaves
 * this instance through the resume vector to the chosen target. Every
 * check is made before anything is written; a refusal is an errno and one
 * "fastswitch: control:" line naming the problem.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/fs.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/suspend.h>
#include <asm/arch_timer.h>
#include <linux/unaligned.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"
#include "table.h"

#define FSW_WHY_MAX		160

/* zImage header (arch/arm/boot/compressed/head.S, vmlinux.lds.S) */
#define ZIMAGE_MAGIC_OFF	0x24
#define ZIMAGE_START_OFF	0x28
#define ZIMAGE_END_OFF		0x2c
#define ZIMAGE_TABLE_OFF	0x38
#define ZIMAGE_MAGIC		0x016f2818
#define ZIMAGE_TAG_KRNL_SIZE	0x5a534c4b	/* "KLSZ" */
/* Room after the zImage for its decompressor's bss, stack and heap */
#define ZIMAGE_SCRATCH		SZ_1M

static char fsw_why[FSW_WHY_MAX];

static __printf(1, 2) int why(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fsw_why, sizeof(fsw_why), fmt, ap);
	va_end(ap);
	return 0;
}

u64 fsw_cnt_to_us(u64 ticks)
{
	return mul_u64_u32_div(ticks, USEC_PER_SEC, fsw.cnt_freq);
}

static const u32 *page_of(u32 id)
{
	return fsw.region + FSW_PAGE_OFFSET(id) / 4;
}

static phys_addr_t page_phys(u32 id)
{
	return fsw.region_base + FSW_PAGE_OFFSET(id);
}

/*
 * State of instance @id from its page: FSW_STATE_*, or -ENOENT without a
 * page, -EBADMSG (and why) for a page that does not check.
 */
static int instance_state(u32 id)
{
	u32 found, expected, st;

	st = fsw_page_check(page_of(id), &found, &expected);
	if (st == FSW_VEC_BAD_MAGIC && !found)
		return -ENOENT;
	if (st != FSW_VEC_OK) {
		why("the page of instance %u at %pa is invalid (%s)", id,
		    &(phys_addr_t){ page_phys(id) }, fsw_vec_status_name(st));
		return -EBADMSG;
	}
	return fsw_get(page_of(id), FSW_PG_STATE);
}

/* Refuse @id if it is this instance or already booted. */
static int check_not_live(u32 id, const char *what)
{
	int st;

	if (id == fsw.id) {
		why("instance %u is this instance", id);
		return -EINVAL;
	}
	st = instance_state(id);
	if (st == -EBADMSG || st == -ENOENT || st == FSW_STATE_FREE)
		return 0;
	why("instance %u is %s: cannot %s it", id, fsw_state_name(st), what);
	return -EBUSY;
}

/*
 * The lowest section of instance @id, and the end of the highest section
 * any instance owns (the top of instance memory). Call with the sections
 * lock held. Return: the number of sections @id owns.
 */
static unsigned int instance_span(const u32 *t, unsigned int nr, phys_addr_t base,
				  u32 id, phys_addr_t *lo, phys_addr_t *top)
{
	unsigned int i, n = 0;

	*lo = 0;
	*top = 0;
	for (i = 0; i < nr; i++) {
		phys_addr_t a = base + ((phys_addr_t)i << SECTION_SIZE_BITS);
		u32 owner = fsw_tbl_owner(t, i);

		if (owner < FSW_MAX_INSTANCES)
			*top = a + (1UL << SECTION_SIZE_BITS);
		if (owner != id)
			continue;
		if (!n++)
			*lo = a;
	}
	return n;
}

/*
 * Is every byte of [addr, addr + size) in a section the table gives to
 * @id? The sections need not be contiguous. Return: 0, or -EPERM/-ERANGE
 * and why.
 */
static int check_owned(u32 id, u64 addr, u64 size)
{
	u64 end = addr + size, a;
	unsigned int nr, i;
	phys_addr_t base;
	const u32 *t;
	u32 owner;
	int ret = 0;

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	if (!t) {
		why("no valid ownership table");
		ret = -EPERM;
		goto out;
	}
	if (addr < base || end > base + ((u64)nr << SECTION_SIZE_BITS)) {
		why("%#llx-%#llx is outside the sections of the table", addr, end - 1);
		ret = -ERANGE;
		goto out;
	}
	for (a = round_down(addr, 1UL << SECTION_SIZE_BITS); a < end;
	     a += 1UL << SECTION_SIZE_BITS) {
		i = (a - base) >> SECTION_SIZE_BITS;
		owner = fsw_tbl_owner(t, i);
		if (owner == id)
			continue;
		if (owner < FSW_MAX_INSTANCES)
			why("section %u (%#llx) is instance %u's, not reserved for instance %u",
			    i, a, owner, id);
		else
			why("section %u (%#llx) is not reserved for instance %u (owner: %s)",
			    i, a, id, fsw_owner_name(owner));
		ret = -EPERM;
		break;
	}
out:
	fastswitch_sections_unlock();
	return ret;
}

static bool overlaps(u64 a, u64 asize, u64 b, u64 bsize)
{
	return asize && bsize && a < b + bsize && b < a + asize;
}

static int fsw_load(u32 id, u32 kind, u32 addr, const char *path)
{
	struct fsw_instance *in = &fsw.inst[id];
	const struct fsw_image_rec *other = &in->img[!kind];
	struct file *f;
	loff_t size, pos = 0;
	u32 hdr[16];
	void *va;
	int ret;

	ret = check_not_live(id, "load into");
	if (ret)
		return ret;
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f)) {
		why("cannot open %s (%ld)", path, PTR_ERR(f));
		return PTR_ERR(f);
	}
	ret = -EINVAL;
	size = i_size_read(file_inode(f));
	if (!S_ISREG(file_inode(f)->i_mode) || !size) {
		why("%s is not a regular file with data", path);
		goto out;
	}
	ret = check_owned(id, addr, size);
	if (ret)
		goto out;
	if (overlaps(addr, size, other->addr, other->size)) {
		why("%#x-%#llx overlaps the %s loaded at %#x-%#x", addr,
		    addr + size - 1, fsw_image_name(!kind), other->addr,
		    other->addr + other->size - 1);
		ret = -EBUSY;
		goto out;
	}
	if (kind == FSW_IMAGE_KERNEL) {
		ret = kernel_read(f, hdr, sizeof(hdr), &pos);
		pos = 0;
		if (ret != sizeof(hdr) ||
		    le32_to_cpu(hdr[ZIMAGE_MAGIC_OFF / 4]) != ZIMAGE_MAGIC) {
			why("%s is not an ARM zImage (no magic at 0x24)", path);
			ret = -ENOEXEC;
			goto out;
		}
	}

	va = memremap(addr, size, MEMREMAP_WB);
	if (!va) {
		why("cannot map %#x-%#llx", addr, addr + size - 1);
		ret = -ENOMEM;
		goto out;
	}
	in->img[kind].size = 0;		/* half loaded is not loaded */
	while (pos < size) {
		ret = kernel_read(f, va + pos, size - pos, &pos);
		if (ret <= 0)
			break;
	}
	memunmap(va);
	if (pos != size) {
		why("reading %s failed at byte %lld (%d)", path, pos, ret);
		ret = ret < 0 ? ret : -EIO;
		goto out;
	}
	in->img[kind].addr = addr;
	in->img[kind].size = size;
	pr_info("instance %u: %s %s loaded at %#x-%#llx (%lld bytes)\n", id,
		fsw_image_name(kind), path, addr, addr + size - 1, size);
	ret = 0;
out:
	filp_close(f, NULL);
	return ret;
}

static int fsw_set_cmdline(u32 id, const char *text)
{
	static const char * const generated[] = { "fastswitch_mem=", "fastswitch_id=" };
	unsigned int i;
	char *s;
	int ret;

	ret = check_not_live(id, "set the command line of");
	if (ret)
		return ret;
	for (i = 0; i < ARRAY_SIZE(generated); i++) {
		const char *p = strstr(text, generated[i]);

		if (p && (p == text || p[-1] == ' ' || p[-1] == '\t')) {
			why("%s is generated by the module; leave it out", generated[i]);
			return -EINVAL;
		}
	}
	s = kstrdup(text, GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	kfree(fsw.inst[id].cmdline);
	fsw.inst[id].cmdline = s;
	return 0;
}

/* The decompressed kernel's extent from the zImage header, see head.S */
static int zimage_footprint(u32 zaddr, u32 zsize, u32 *image, u32 *text,
			    u32 *kernel)
{
	u32 start, end, table, *z;
	int ret = -ENOEXEC;

	z = memremap(zaddr, zsize, MEMREMAP_WB);
	if (!z) {
		why("cannot map the kernel at %#x", zaddr);
		return -ENOMEM;
	}
	start = le32_to_cpu(z[ZIMAGE_START_OFF / 4]);
	end = le32_to_cpu(z[ZIMAGE_END_OFF / 4]);
	table = le32_to_cpu(z[ZIMAGE_TABLE_OFF / 4]);
	if (end <= start || end - start > zsize || table + 24 > zsize ||
	    table & 3 || le32_to_cpu(z[table / 4 + 1]) != ZIMAGE_TAG_KRNL_SIZE) {
		why("the kernel at %#x has no usable zImage header", zaddr);
		goto out;
	}
	*image = end - start;
	/* tag: size, KLSZ, offset of the inflated size, bss, TEXT_OFFSET */
	if (le32_to_cpu(z[table / 4 + 2]) + 4 > zsize) {
		why("the kernel at %#x has a bad size tag", zaddr);
		goto out;
	}
	*text = le32_to_cpu(z[table / 4 + 4]);
	*kernel = *text + get_unaligned_le32((u8 *)z + le32_to_cpu(z[table / 4 + 2])) +
		  le32_to_cpu(z[table / 4 + 3]);
	ret = 0;
out:
	memunmap(z);
	return ret;
}

/* " fastswitch_mem=<size>@<base> fastswitch_id=<id>" after the user's */
static char *boot_cmdline(u32 id)
{
	const char *user = fsw.inst[id].cmdline ? fsw.inst[id].cmdline : "";

	return kasprintf(GFP_KERNEL, "%s%sfastswitch_mem=%#llx@%#llx fastswitch_id=%u",
			 user, *user ? " " : "", (u64)fsw.region_size,
			 (u64)fsw.region_base, id);
}

static int write_dtb(u32 id, phys_addr_t mem, phys_addr_t mem_size, u32 at)
{
	struct fsw_instance *in = &fsw.inst[id];
	size_t size = SZ_64K;
	char *cmdline;
	void *buf, *va;
	int ret;

	cmdline = boot_cmdline(id);
	if (!cmdline)
		return -ENOMEM;
	for (;;) {
		buf = kvmalloc(size, GFP_KERNEL);
		if (!buf) {
			ret = -ENOMEM;
			break;
		}
		ret = fastswitch_fdt_build(buf, size, cmdline,
					   in->img[FSW_IMAGE_INITRD].addr,
					   in->img[FSW_IMAGE_INITRD].size, mem, mem_size);
		if (ret != -E2BIG || size >= SZ_1M)
			break;
		kvfree(buf);
		size *= 2;
	}
	if (ret < 0) {
		why("cannot make the device tree (%d)", ret);
		goto out;
	}
	if (check_owned(id, at, ret)) {
		why("no room for the %d byte device tree at %#x in the sections of instance %u",
		    ret, at, id);
		ret = -ENOSPC;
		goto out;
	}
	va = memremap(at, ret, MEMREMAP_WB);
	if (!va) {
		why("cannot map %#x for the device tree", at);
		ret = -ENOMEM;
		goto out;
	}
	memcpy(va, buf, ret);
	memunmap(va);
	in->dtb = at;
	in->dtb_size = ret;
	pr_info("instance %u: device tree at %#x (%d bytes), command line \"%s\"\n",
		id, at, ret, cmdline);
	ret = 0;
out:
	kvfree(buf);
	kfree(cmdline);
	return ret;
}

/*
 * Check everything a boot needs and write the new instance's device tree
 * just above its images. Return: 0 and the boot armed for the next suspend.
 */
static int fsw_boot(u32 id, u32 path)
{
	struct fsw_instance *in = &fsw.inst[id];
	const struct fsw_image_rec *k = &in->img[FSW_IMAGE_KERNEL];
	const struct fsw_image_rec *rd = &in->img[FSW_IMAGE_INITRD];
	phys_addr_t lo, top, base;
	u32 image, text, kernel, dtb;
	unsigned int nr, n = 0;
	const u32 *t;
	u64 kend;
	int ret;

	ret = check_not_live(id, "boot");
	if (ret)
		return ret;
	if (!k->size) {
		why("no kernel loaded for instance %u", id);
		return -ENOEXEC;
	}
	if (path == FSW_BOOT_RESET && !fsw.have_psci) {
		why("no PSCI in the device tree: no warm reset for the reset path");
		return -EOPNOTSUPP;
	}

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	if (t)
		n = instance_span(t, nr, base, id, &lo, &top);
	fastswitch_sections_unlock();
	if (!n) {
		why("instance %u has no sections (reserve them first)", id);
		return -ENOENT;
	}
	/* The sections may have changed since the images were loaded. */
	ret = check_owned(id, k->addr, k->size);
	if (!ret && rd->size)
		ret = check_owned(id, rd->addr, rd->size);
	if (ret)
		return ret;

	ret = zimage_footprint(k->addr, k->size, &image, &text, &kernel);
	if (ret)
		return ret;
	/* The kernel decompresses to lo + TEXT_OFFSET, its bss after it. */
	kend = (u64)lo + kernel;
	if (check_owned(id, lo, kernel)) {
		why("the kernel needs %#x-%#llx, not all in the sections of instance %u",
		    (u32)lo, kend - 1, id);
		return -EFBIG;
	}
	if (overlaps(lo, kernel, k->addr, (u64)image + ZIMAGE_SCRATCH) ||
	    overlaps(lo, kernel, rd->addr, rd->size)) {
		why("the kernel decompresses to %#x-%#llx, over a loaded image: load them above",
		    (u32)lo, kend - 1);
		return -EINVAL;
	}
	if (overlaps(k->addr, (u64)image + ZIMAGE_SCRATCH, rd->addr, rd->size)) {
		why("the initrd is within %u KiB after the kernel image (decompressor scratch)",
		    ZIMAGE_SCRATCH / SZ_1K);
		return -EINVAL;
	}
	dtb = ALIGN(max3(kend, (u64)k->addr + image + ZIMAGE_SCRATCH,
			 (u64)rd->addr + rd->size), SZ_4K);
	ret = write_dtb(id, lo, top - lo, dtb);
	if (ret)
		return ret;

	fsw.pending = FSW_PENDING_BOOT;
	fsw.pending_id = id;
	fsw.pending_path = path;
	fsw.boot_entry = k->addr;
	fsw.boot_dtb = in->dtb;
	pr_info("instance %u: boot armed (%s path): kernel %#x, memory %#llx-%#llx; the next suspend boots it\n",
		id, path == FSW_BOOT_RESET ? "reset" : "direct", k->addr,
		(u64)lo, (u64)top - 1);
	return 0;
}

static int fsw_switch(u32 id)
{
	int st;

	if (id == fsw.id) {
		why("instance %u is this instance", id);
		return -EINVAL;
	}
	st = instance_state(id);
	if (st == -ENOENT || st == FSW_STATE_FREE) {
		why("instance %u was never booted", id);
		return -ENOENT;
	}
	if (st < 0)
		return st;
	if (st != FSW_STATE_SLEEPING) {
		why("instance %u is %s, not sleeping", id, fsw_state_name(st));
		return -EBUSY;
	}
	fsw.pending = FSW_PENDING_SWITCH;
	fsw.pending_id = id;
	return 0;
}

static void fsw_unload(u32 id)
{
	struct fsw_instance *in = &fsw.inst[id];

	kfree(in->cmdline);
	memset(in, 0, sizeof(*in));
	if (fsw.pending == FSW_PENDING_BOOT && fsw.pending_id == id)
		fsw.pending = FSW_PENDING_NONE;
}

/* Called with the system sleep lock held. */
int fsw_instances_apply(const struct fsw_cmd *cmd)
{
	int ret = 0;

	fsw_why[0] = '\0';
	switch (cmd->op) {
	case FSW_CMD_LOAD:
		ret = fsw_load(cmd->arg, cmd->kind, cmd->addr, cmd->str);
		if (ret)
			pr_warn("control: load %u %s %#x %s: %s\n", cmd->arg,
				fsw_image_name(cmd->kind), cmd->addr, cmd->str, fsw_why);
		return ret;
	case FSW_CMD_CMDLINE:
		ret = fsw_set_cmdline(cmd->arg, cmd->str);
		break;
	case FSW_CMD_BOOT:
		ret = fsw_boot(cmd->arg, cmd->kind);
		break;
	case FSW_CMD_SWITCH:
		ret = fsw_switch(cmd->arg);
		break;
	case FSW_CMD_UNLOAD:
		ret = check_not_live(cmd->arg, "unload");
		if (!ret)
			fsw_unload(cmd->arg);
		break;
	default:
		return -EINVAL;
	}
	if (ret)
		pr_warn("control: %s %u: %s\n",
			cmd->op == FSW_CMD_CMDLINE ? "cmdline" :
			cmd->op == FSW_CMD_BOOT ? "boot" :
			cmd->op == FSW_CMD_SWITCH ? "switch" : "unload",
			cmd->arg, fsw_why[0] ? fsw_why : "out of memory");
	return ret;
}

/*
 * In .enter, interrupts off: the armed target is still there. A page that
 * went bad since the command refuses the suspend; nothing is left.
 */
int fsw_pending_check(void)
{
	int st;

	if (fsw.pending != FSW_PENDING_SWITCH)
		return 0;
	st = instance_state(fsw.pending_id);
	if (st == FSW_STATE_SLEEPING)
		return 0;
	pr_err("switch to instance %u refused: %s\n", fsw.pending_id,
	       st < 0 ? fsw_why : "it is not sleeping");
	return st == -EBADMSG ? -EBADMSG : -EBUSY;
}

/* .begin of a switch or boot: tell the target when it started */
void fsw_switch_begin(void)
{
	u64 now = __arch_counter_get_cntvct();

	if (fsw.pending == FSW_PENDING_NONE)
		return;
	fsw_put(fsw.hdr, FSW_HDR_SWITCH_FROM, fsw.id);
	fsw_put(fsw.hdr, FSW_HDR_SWITCH_TO, fsw.pending_id);
	fsw_put(fsw.hdr, FSW_HDR_SWITCH_CNT, lower_32_bits(now));
	fsw_put(fsw.hdr, FSW_HDR_SWITCH_CNT + 4, upper_32_bits(now));
	fsw_hdr_seal(fsw.hdr);
}

/*
 * This instance runs again after another one left it (resume complete) or
 * after it was booted (module loaded): how long since the other's .begin.
 */
void fsw_switch_done(void)
{
	u64 begin = fsw_get64(fsw.hdr, FSW_HDR_SWITCH_CNT);
	u64 now = __arch_counter_get_cntvct();

	fsw_put(fsw.hdr, FSW_HDR_RUNNING, fsw.id);
	if (begin && fsw_get(fsw.hdr, FSW_HDR_SWITCH_TO) == fsw.id &&
	    fsw_get(fsw.hdr, FSW_HDR_SWITCH_FROM) != fsw.id && now > begin) {
		fsw.last_switch_from = fsw_get(fsw.hdr, FSW_HDR_SWITCH_FROM);
		fsw.last_switch_us = fsw_cnt_to_us(now - begin);
		fsw_put(fsw.hdr, FSW_HDR_SWITCH_CNT, 0);
		fsw_put(fsw.hdr, FSW_HDR_SWITCH_CNT + 4, 0);
	}
	fsw_hdr_seal(fsw.hdr);
}

/* inject sums: describe the table's range for the vector to sum */
void fsw_sums_prepare(void)
{
	u32 *s = fsw.region + FSW_SUMS_OFFSET / 4;
	unsigned int nr;
	phys_addr_t base;
	const u32 *t;

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	memset(s, 0, FSW_SUMS_SIZE);
	if (t && nr <= FSW_SUMS_MAX) {
		fsw_put(s, FSW_SUMS_HDR_BASE, base);
		fsw_put(s, FSW_SUMS_HDR_NR, nr);
		fsw_put(s, FSW_SUMS_HDR_BITS, SECTION_SIZE_BITS);
		fsw_put(s, FSW_SUMS_HDR_GEN, fsw_tbl_get(t, FSW_TBL_GENERATION));
		fsw_put(s, FSW_SUMS_HDR_MAGIC, FSW_SUMS_MAGIC);
		fsw.sums_armed = true;
	}
	fastswitch_sections_unlock();
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
	    bits != SECTION_SIZE_BITS) {
		seq_puts(m, "no section sums\n");
		return 0;
	}
	fastswitch_sections_lock();
	t = fastswitch_sections_table(&tnr, &tbase);
	for (i = 0; i < nr; i++) {
		phys_addr_t pa = base + ((phys_addr_t)i << bits);
		u32 before = fsw_get(s, FSW_SUMS_ENTRIES + 4 * i), now = FSW_CSUM_SEED;
		size_t size = 1UL << bits, off;
		const u32 *p;

		u32 owner = t && i < tnr ? fsw_tbl_owner(t, i) : FSW_OWNER_NONE;

		seq_printf(m, "%u %pa ", i, &pa);
		if (owner < FSW_MAX_INSTANCES)
			seq_printf(m, "%u ", owner);
		else
			seq_printf(m, "%s ", fsw_owner_name(owner));
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

int fsw_instances_show(struct seq_file *m)
{
	unsigned int flags = lock_system_sleep();
	unsigned int i, k;

	seq_puts(m, "id state release kernel initrd dtb cmdline\n");
	for (i = 0; i < FSW_MAX_INSTANCES; i++) {
		const struct fsw_instance *in = &fsw.inst[i];
		char rel[FSW_PG_RELEASE_LEN];
		int st = instance_state(i);

		if (st == -ENOENT && !in->img[0].size && !in->img[1].size && !in->cmdline)
			continue;
		rel[0] = '\0';
		if (st >= 0) {
			memcpy(rel, (const char *)page_of(i) + FSW_PG_RELEASE, sizeof(rel));
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

/* A test device that refuses one suspend after "inject device" */
static int fsw_test_suspend(struct device *dev)
{
	if (!fsw.device_refuse)
		return 0;
	fsw.device_refuse = false;
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

static void fsw_find_psci(void)
{
	struct device_node *np = of_find_node_by_path("/psci");
	const char *method;

	if (np && !of_property_read_string(np, "method", &method)) {
		fsw.have_psci = !strcmp(method, "hvc") || !strcmp(method, "smc");
		fsw.reset_smc = !strcmp(method, "smc");
	}
	of_node_put(np);
}

int fsw_instances_init(void)
{
	int ret;

	fsw_find_psci();
	if (!fsw.testing)
		return 0;
	ret = platform_driver_register(&fsw_test_driver);
	if (ret)
		return ret;
	fsw_test_dev = platform_device_register_simple("fastswitch-test", -1, NULL, 0);
	if (IS_ERR(fsw_test_dev)) {
		platform_driver_unregister(&fsw_test_driver);
		return PTR_ERR(fsw_test_dev);
	}
	return 0;
}

void fsw_instances_exit(void)
{
	unsigned int i;

	if (fsw_test_dev) {
		platform_device_unregister(fsw_test_dev);
		platform_driver_unregister(&fsw_test_driver);
	}
	for (i = 0; i < FSW_MAX_INSTANCES; i++)
		kfree(fsw.inst[i].cmdline);
}
