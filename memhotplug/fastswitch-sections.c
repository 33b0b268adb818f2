// SPDX-License-Identifier: GPL-2.0
/*
 * Fastswitch section ownership: which instance may online which sparsemem
 * section of the machine's RAM.
 *
 * The table lives in the shared region (fastswitch_mem=, at
 * FSW_TABLE_OFFSET), the same physical place for every instance. From
 * early boot, a kernel keeps only the sections the table gives it (and the
 * shared ones): the others are reserved before the first memblock
 * allocation, dropped from memblock before sparse_init(), and added back
 * after boot as offline memory blocks, so they have a memmap and a memory
 * block device but the kernel never writes into them. A memory notifier
 * enforces the table for every online and offline, sysfs included.
 *
 * The instance without a table (the initial one, at a cold boot) creates
 * it: its boot memory is its own, the RAM outside it belongs to the
 * firmware and boot loader (QEMU's DTB, U-Boot and its loads), and the
 * shared region is marked firmware too.
 *
 * A kernel that cannot trust the table (missing, corrupted, of another
 * layout version or section size, describing other RAM) fails closed: it
 * puts into its allocator only what is provably its own and says so. A
 * kernel booted by Fastswitch is told its own sections by its boot
 * parameters (/chosen/fastswitch,memory), independently of the table;
 * then it uses those. The initial instance, booted by the boot loader,
 * keeps its boot memory only if no other instance can be alive (every
 * other instance page unused or free); otherwise it keeps only the
 * sections that hold its kernel, initrd and device tree. The decisions
 * are listed in docs/sections.md.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/bitmap.h>
#include <linux/init.h>
#include <linux/initrd.h>
#include <linux/ioport.h>
#include <linux/io.h>
#include <linux/libfdt.h>
#include <linux/memblock.h>
#include <linux/memory.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/of_fdt.h>
#include <linux/slab.h>
#include <asm/early_ioremap.h>
#include <asm/fastswitch.h>
#include <asm/sections.h>

#define SECTION_BYTES	BIT(SECTION_SIZE_BITS)

static phys_addr_t table_phys;
static u32 *table;			/* non-cacheable mapping, after boot */
static bool table_usable;		/* checked at boot; else nothing moves */
static bool table_create;		/* none at boot: create it */
static u32 ram_base, ram_nr;		/* the machine's RAM, in sections */
static DECLARE_BITMAP(foreign, FSW_TBL_MAX_SECTIONS);
static u32 boot_table[FSW_TABLE_SIZE / 4] __initdata;
static u32 boot_page[FSW_PAGE_SIZE / 4] __initdata;
static bool boot_table_read __initdata;
/* Instances whose page may belong to a live instance, at boot; running */
static unsigned long pages_live __initdata, pages_running __initdata;
static DEFINE_MUTEX(table_lock);

static phys_addr_t sec_addr(unsigned int i)
{
	return ram_base + ((phys_addr_t)i << SECTION_SIZE_BITS);
}

/*
 * The machine's RAM from the DT memory node, before any usable-range cap;
 * without a usable node, the span of the boot memory in whole sections.
 */
static void __init dt_ram(u32 *base, u32 *nr)
{
	const void *fdt = initial_boot_params;
	const __be32 *reg;
	u64 b = 0, size = 0;
	bool ok = false;
	int node, len;

	node = fdt ? fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
						   sizeof("memory")) : -FDT_ERR_NOTFOUND;
	reg = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
	if (reg && len >= (dt_root_addr_cells + dt_root_size_cells) * 4) {
		b = dt_mem_next_cell(dt_root_addr_cells, &reg);
		size = dt_mem_next_cell(dt_root_size_cells, &reg);
		ok = size && b < SZ_4G && !(b & (SECTION_BYTES - 1));
	}
	if (!ok) {
		b = round_down(memblock_start_of_DRAM(), SECTION_BYTES);
		size = round_up((u64)memblock_end_of_DRAM(), SECTION_BYTES) - b;
		pr_err("no usable memory node in the device tree: sections from the boot memory, %#llx-%#llx\n",
		       b, b + size - 1);
	}
	/* phys_addr_t is 32-bit: the last section must end below 4 GiB */
	if (b + size > SZ_4G - SECTION_BYTES)
		size = SZ_4G - SECTION_BYTES - b;
	*base = b;
	*nr = min_t(u64, size >> SECTION_SIZE_BITS, FSW_TBL_MAX_SECTIONS);
}

/* Does [start, start + size) overlap section @i? */
static bool overlaps(u64 start, u64 size, unsigned int i)
{
	u64 s = sec_addr(i);

	return size && start < s + SECTION_BYTES && start + size > s;
}

/*
 * Called when fastswitch_mem= is parsed: copy the table, and note which
 * instances' pages may be live, through an early device mapping (ARM can
 * map only devices this early, and only before early_ioremap_reset()),
 * uncached as every instance writes them. A page that cannot be read
 * counts as live. (fastswitch_id= may come later on the command line:
 * this kernel's own page is left out when the pages are used.)
 */
void __init fastswitch_sections_read_region(phys_addr_t region)
{
	phys_addr_t tphys = region + FSW_TABLE_OFFSET;
	u32 found, expected;
	unsigned int i;
	void __iomem *t;

	for (i = 0; i < FSW_MAX_INSTANCES; i++) {
		t = early_ioremap(region + FSW_PAGE_OFFSET(i), FSW_PAGE_SIZE);
		if (!t) {
			__set_bit(i, &pages_live);
			continue;
		}
		memcpy_fromio(boot_page, t, FSW_PAGE_SIZE);
		early_iounmap(t, FSW_PAGE_SIZE);
		if (fsw_page_may_be_live(boot_page))
			__set_bit(i, &pages_live);
		if (fsw_page_check(boot_page, &found, &expected) == FSW_VEC_OK &&
		    fsw_pg_get(boot_page, FSW_PG_STATE) == FSW_STATE_RUNNING)
			__set_bit(i, &pages_running);
	}
	t = early_ioremap(tphys, FSW_TABLE_SIZE);
	if (!t) {
		pr_err("cannot map the ownership table at %pa\n", &tphys);
		return;
	}
	memcpy_fromio(boot_table, t, FSW_TABLE_SIZE);
	early_iounmap(t, FSW_TABLE_SIZE);
	boot_table_read = true;
}

static bool __init boot_params_present(void)
{
	const void *fdt = initial_boot_params;
	int node = fdt ? fdt_path_offset(fdt, "/chosen") : -FDT_ERR_NOTFOUND;

	return node >= 0 && fdt_getprop(fdt, node, FSW_DT_MEMORY, NULL);
}

/*
 * The sections the boot parameters give this kernel: /chosen/
 * fastswitch,memory, written by the instance that booted it. Return: 1 and
 * @own filled, 0 if there is no such property (booted by the boot
 * loader), -EINVAL if it is malformed (not whole sections, outside RAM).
 */
static int __init boot_params_own(unsigned long *own)
{
	const void *fdt = initial_boot_params;
	int node, len, cells = dt_root_addr_cells + dt_root_size_cells;
	const __be32 *reg, *end;

	node = fdt ? fdt_path_offset(fdt, "/chosen") : -FDT_ERR_NOTFOUND;
	reg = node >= 0 ? fdt_getprop(fdt, node, FSW_DT_MEMORY, &len) : NULL;
	if (!reg)
		return 0;
	if (len <= 0 || len % (cells * sizeof(*reg)))
		return -EINVAL;
	for (end = reg + len / sizeof(*reg); reg < end;) {
		u64 b = dt_mem_next_cell(dt_root_addr_cells, &reg);
		u64 size = dt_mem_next_cell(dt_root_size_cells, &reg);
		u64 first, n;

		if (b < ram_base || !size || (b | size) & (SECTION_BYTES - 1))
			return -EINVAL;
		first = (b - ram_base) >> SECTION_SIZE_BITS;
		n = size >> SECTION_SIZE_BITS;
		if (first >= ram_nr || n > ram_nr - first)
			return -EINVAL;
		bitmap_set(own, first, n);
	}
	return 1;
}

static bool __init in_boot_memory(unsigned int i)
{
	return memblock_is_region_memory(sec_addr(i), 1) ||
	       memblock_is_region_memory(sec_addr(i) + SECTION_BYTES - 1, 1);
}

/*
 * Sections of the boot memory that hold this kernel or anything reserved
 * so far (its device tree), and those that hold its initrd: what it
 * already runs in, or was given by whoever started it. (A device tree the
 * boot loader left outside the boot memory is in no section this kernel
 * could allocate from.)
 */
static void __init holding_boot_data(unsigned long *kernel, unsigned long *initrd)
{
	phys_addr_t kstart = __pa_symbol(_text), kend = __pa_symbol(_end);
	unsigned int i;

	for (i = 0; i < ram_nr; i++) {
		if (!in_boot_memory(i))
			continue;
		if (overlaps(kstart, kend - kstart, i) ||
		    memblock_is_region_reserved(sec_addr(i), SECTION_BYTES))
			__set_bit(i, kernel);
		if (overlaps(phys_initrd_start, phys_initrd_size, i))
			__set_bit(i, initrd);
	}
}

/* Where a kernel's own sections come from, see choose_own() */
enum own_from {
	OWN_TABLE,		/* the valid table (and the boot parameters) */
	OWN_COLD_BOOT,		/* no table and nobody alive: all boot memory */
	OWN_RECREATE,		/* bad table, nobody alive: all boot memory */
	OWN_BOOT_PARAMS,	/* bad table: the boot parameters' sections */
	OWN_BOOT_DATA,		/* nothing to trust: kernel, initrd, DTB */
};

/*
 * Decide which sections of the boot memory are this kernel's own, into
 * @own; *@why is what is wrong with the table (NULL: nothing), *@have the
 * result of boot_params_own(). Sets table_usable and table_create.
 */
static enum own_from __init choose_own(unsigned long *own, const char **why,
				       int *have)
{
	static DECLARE_BITMAP(params, FSW_TBL_MAX_SECTIONS) __initdata;
	unsigned int i, id = fastswitch_instance_id();
	unsigned long others = pages_live & ~BIT(id);
	const u32 *t = boot_table;
	bool missing, asleep;

	*have = boot_params_own(params);
	*why = boot_table_read ? fsw_tbl_check(t, SECTION_SIZE_BITS) :
				 "no shared region to read it from";
	if (!*why && (fsw_tbl_get(t, FSW_TBL_BASE) != ram_base ||
		      fsw_tbl_get(t, FSW_TBL_NR) != ram_nr))
		*why = "other RAM";
	missing = boot_table_read && fsw_tbl_get(t, FSW_TBL_MAGIC) != FSW_TABLE_MAGIC;

	/*
	 * Its own page says another kernel of this id sleeps (the machine was
	 * reset while it slept): the table's sections for this id are that
	 * kernel's, and so is the boot memory.
	 */
	asleep = test_bit(id, &pages_live) && !test_bit(id, &pages_running);
	if (asleep && !*why)
		*why = "this instance's page says another kernel of its id is asleep";

	if (*have < 0)
		return OWN_BOOT_DATA;
	if (!*why) {
		for (i = 0; i < ram_nr; i++)
			if (fsw_tbl_owner(t, i) == id || fsw_tbl_owner(t, i) == FSW_OWNER_SHARED)
				__set_bit(i, own);
		if (*have && !bitmap_subset(params, own, ram_nr))
			pr_err("the ownership table does not give instance %u every section of its boot parameters: only those both give are used\n",
			       id);
		if (*have)
			bitmap_and(own, own, params, ram_nr);
		table_usable = true;
		return OWN_TABLE;
	}
	if (*have) {
		bitmap_copy(own, params, ram_nr);
		return OWN_BOOT_PARAMS;
	}
	if (id != 0 || !boot_table_read || asleep)
		return OWN_BOOT_DATA;
	if (others) {
		if (missing)
			*why = "missing while another instance may be alive";
		return OWN_BOOT_DATA;
	}
	/* Nobody else can be alive: the boot memory is provably nobody else's. */
	for (i = 0; i < ram_nr; i++)
		if (in_boot_memory(i))
			__set_bit(i, own);
	table_create = true;
	table_usable = true;
	return missing ? OWN_COLD_BOOT : OWN_RECREATE;
}

/*
 * Called in setup_arch() just before arm_memblock_init(): memblock knows
 * all boot memory, only the DTB is reserved, and nothing (reserved
 * memory, CMA, page tables) has been allocated from it yet.
 */
void __init fastswitch_sections_reserve(void)
{
	static DECLARE_BITMAP(own, FSW_TBL_MAX_SECTIONS) __initdata;
	static DECLARE_BITMAP(kernel, FSW_TBL_MAX_SECTIONS) __initdata;
	static DECLARE_BITMAP(initrd, FSW_TBL_MAX_SECTIONS) __initdata;
	unsigned int i, nr, id = fastswitch_instance_id();
	phys_addr_t region, size;
	enum own_from from;
	const char *why;
	int have, ret;

	ret = fastswitch_region(&region, &size);
	if (ret == -ENODEV && !boot_params_present())
		return;		/* not booted as a Fastswitch instance */
	/*
	 * Early allocations (page tables, memmap, per-cpu areas) from the
	 * bottom, next to the kernel, in what becomes ZONE_NORMAL: top-down
	 * they would pin the highest sections, which kernelcore= makes
	 * movable and which must go offline for other instances.
	 */
	memblock_set_bottom_up(true);
	dt_ram(&ram_base, &ram_nr);
	if (ret) {
		pr_err("Fastswitch parameters refused or missing: no shared region, no ownership table\n");
		boot_table_read = false;
	} else {
		table_phys = region + FSW_TABLE_OFFSET;
	}

	holding_boot_data(kernel, initrd);
	from = choose_own(own, &why, &have);
	if (from == OWN_BOOT_DATA)
		bitmap_or(own, kernel, initrd, ram_nr);
	nr = bitmap_weight(own, ram_nr);
	switch (from) {
	case OWN_TABLE:
		break;
	case OWN_COLD_BOOT:
		pr_info("no ownership table at %pa: instance 0 creates it\n", &table_phys);
		break;
	case OWN_RECREATE:
		pr_err("ownership table at %pa: %s: no other instance can be alive: instance 0 makes a new one from its boot memory (%u sections)\n",
		       &table_phys, why, nr);
		break;
	case OWN_BOOT_PARAMS:
		pr_err("ownership table at %pa: %s: instance %u uses only the %u sections its boot parameters give it; no section can move\n",
		       &table_phys, why, id, nr);
		break;
	case OWN_BOOT_DATA:
		if (have < 0)
			pr_err("/chosen/fastswitch,memory is malformed: instance %u uses only the %u sections holding its kernel, initrd and device tree; no section can move\n",
			       id, nr);
		else
			pr_err("ownership table at %pa: %s, and instance %u has no sections of its own in its boot parameters: it uses only the %u sections holding its kernel, initrd and device tree; no section can move\n",
			       &table_phys, why, id, nr);
		break;
	}
	/* What this kernel runs in cannot be left to another. */
	for_each_set_bit(i, kernel, ram_nr) {
		if (test_bit(i, own))
			continue;
		pr_err("section %u (%pa) holds this kernel or its device tree but is not its own: kept; no section can move\n",
		       i, &(phys_addr_t){ sec_addr(i) });
		__set_bit(i, own);
		table_usable = false;
		table_create = false;
	}
	/* An initrd outside its own sections is not taken: another's memory */
	if (!bitmap_subset(initrd, own, ram_nr)) {
		pr_err("the initrd at %pa+%#lx is not in this instance's sections: not used\n",
		       &phys_initrd_start, phys_initrd_size);
		phys_initrd_start = 0;
		phys_initrd_size = 0;
	}
	for (i = 0; i < ram_nr; i++)
		if (in_boot_memory(i) && !test_bit(i, own))
			__set_bit(i, foreign);
	for_each_set_bit(i, foreign, ram_nr)
		memblock_reserve(sec_addr(i), SECTION_BYTES);
	pr_info("ownership table at %pa: instance %u leaves %u sections to others, uses %u\n",
		&table_phys, id, bitmap_weight(foreign, ram_nr), bitmap_weight(own, ram_nr));
}

/* Called in paging_init() before bootmem_init(): no memmap for them. */
void __init fastswitch_sections_remove(void)
{
	unsigned int i;

	for_each_set_bit(i, foreign, ram_nr) {
		memblock_phys_free(sec_addr(i), SECTION_BYTES);
		memblock_remove(sec_addr(i), SECTION_BYTES);
	}
}

/**
 * fastswitch_sections_lock - serialise changes of the ownership table
 *
 * Held around a check of the table and the onlining or offlining it
 * allows. Take it before lock_device_hotplug().
 */
void fastswitch_sections_lock(void)
{
	mutex_lock(&table_lock);
}
EXPORT_SYMBOL_GPL(fastswitch_sections_lock);

void fastswitch_sections_unlock(void)
{
	mutex_unlock(&table_lock);
}
EXPORT_SYMBOL_GPL(fastswitch_sections_unlock);

/**
 * fastswitch_sections_table - the ownership table, checked
 * @nr: set to the number of sections
 * @base: set to the physical address of section 0
 *
 * Return: the table (non-cacheable), or NULL if there is none or it does
 * not check: then nothing may be onlined or offlined through it.
 */
u32 *fastswitch_sections_table(unsigned int *nr, phys_addr_t *base)
{
	const char *why;

	if (!table || !table_usable)
		return NULL;
	why = fsw_tbl_check(table, SECTION_SIZE_BITS);
	if (!why && (fsw_tbl_get(table, FSW_TBL_BASE) != ram_base ||
		     fsw_tbl_get(table, FSW_TBL_NR) != ram_nr))
		why = "other RAM";
	if (why) {
		pr_err_ratelimited("ownership table at %pa: %s: refusing every change\n",
				   &table_phys, why);
		return NULL;
	}
	*nr = ram_nr;
	*base = ram_base;
	return table;
}
EXPORT_SYMBOL_GPL(fastswitch_sections_table);

/* The kernel's number of table section @i */
static unsigned long sec_nr(unsigned int i)
{
	return pfn_to_section_nr(PHYS_PFN(sec_addr(i)));
}

/* Is section @i online, offline, or absent here? */
const char *fastswitch_section_state(unsigned int i)
{
	if (!present_section_nr(sec_nr(i)))
		return "absent";
	return online_section_nr(sec_nr(i)) ? "online" : "offline";
}
EXPORT_SYMBOL_GPL(fastswitch_section_state);

/* Online or offline, per memory block of [start, start + size) */
static int set_block(struct memory_block *mem, void *arg)
{
	int online_type = *(int *)arg;
	int ret;

	if (online_type == MMOP_OFFLINE) {
		ret = device_offline(&mem->dev);
	} else {
		mem->online_type = online_type;
		ret = device_online(&mem->dev);
	}
	/* 1: it already was */
	return ret > 0 ? 0 : ret;
}

static bool section_online(unsigned int i)
{
	return online_section_nr(sec_nr(i));
}

/* How to online it again: in the zone it is in now */
static int section_online_type(unsigned int i)
{
	struct zone *z = page_zone(pfn_to_page(PHYS_PFN(sec_addr(i))));

	return zone_idx(z) == ZONE_MOVABLE ? MMOP_ONLINE_MOVABLE : MMOP_ONLINE_KERNEL;
}

/*
 * Online or offline whole sections, with the device hotplug lock held.
 * Sections already in the wanted state are left alone; on failure the
 * sections this call changed are changed back.
 */
static int set_online_locked(unsigned int first, unsigned int count,
			     int online_type)
{
	bool want = online_type != MMOP_OFFLINE;
	unsigned int i, k;
	int *back;
	int ret = 0;

	/* MMOP_OFFLINE (0) where a section did not change */
	back = kcalloc(count, sizeof(*back), GFP_KERNEL);
	if (!back)
		return -ENOMEM;
	for (i = first; i < first + count; i++) {
		int was;

		if (!present_section_nr(sec_nr(i))) {
			ret = -ENODEV;
			break;
		}
		if (section_online(i) == want)
			continue;
		was = want ? MMOP_OFFLINE : section_online_type(i);
		ret = walk_memory_blocks(sec_addr(i), SECTION_BYTES,
					 &online_type, set_block);
		if (ret)
			break;
		back[i - first] = want ? -1 : was;
	}
	if (ret) {
		for (k = 0; k < count; k++) {
			int type = back[k] < 0 ? MMOP_OFFLINE : back[k];

			if (!back[k])
				continue;
			if (walk_memory_blocks(sec_addr(first + k), SECTION_BYTES,
					       &type, set_block))
				pr_err("section %u (%pa): cannot undo its %s\n",
				       first + k,
				       &(phys_addr_t){ sec_addr(first + k) },
				       want ? "online" : "offline");
		}
	}
	kfree(back);
	return ret;
}

static bool range_ok(unsigned int first, unsigned int count)
{
	return table && table_usable && first < ram_nr && count <= ram_nr - first;
}

/**
 * fastswitch_sections_give - offline sections, scrub them, give them to @owner
 * @first: first section index in the table
 * @count: number of sections
 * @owner: the new owner
 * @scrub: called for each section (its physical start and size) once all
 *	are offline and before the table changes, so that none of this
 *	instance's data reaches the new owner (the caller zeroes them);
 *	NULL: none
 *
 * The offline, the scrub and the change of the table happen under the
 * device hotplug lock, so that no online through sysfs comes in between.
 * If the offline or a scrub fails, the sections come back online as they
 * were. Call with fastswitch_sections_lock() held, after checking the
 * request against the table.
 *
 * Return: 0, or a negative errno and nothing changed (a section that
 * cannot come back online is said so in the log).
 */
int fastswitch_sections_give(unsigned int first, unsigned int count, u32 owner,
			     int (*scrub)(phys_addr_t start, size_t size))
{
	unsigned int i;
	int *was, ret;

	lockdep_assert_held(&table_lock);
	if (!range_ok(first, count))
		return -EINVAL;
	was = kcalloc(count, sizeof(*was), GFP_KERNEL);
	if (!was)
		return -ENOMEM;
	lock_device_hotplug();
	for (i = 0; i < count; i++)
		was[i] = section_online(first + i) ? section_online_type(first + i) :
						      MMOP_OFFLINE;
	ret = set_online_locked(first, count, MMOP_OFFLINE);
	for (i = 0; !ret && scrub && i < count; i++)
		ret = scrub(sec_addr(first + i), SECTION_BYTES);
	if (!ret) {
		for (i = first; i < first + count; i++)
			fsw_tbl_set_owner(table, i, owner);
		fsw_tbl_seal(table);
	} else if (scrub) {
		/* a failed scrub; a failed offline was undone by itself */
		for (i = 0; i < count; i++)
			if (was[i] != MMOP_OFFLINE && !section_online(first + i) &&
			    set_online_locked(first + i, 1, was[i]))
				pr_err("section %u: cannot come back online after a failed scrub\n",
				       first + i);
	}
	unlock_device_hotplug();
	kfree(was);
	return ret;
}
EXPORT_SYMBOL_GPL(fastswitch_sections_give);

/**
 * fastswitch_sections_take - make sections this instance's and online them
 * @first: first section index in the table
 * @count: number of sections
 *
 * The sections go online movable. If one cannot, those onlined go
 * offline again and the table gets their old owners back; a section that
 * cannot be offlined again stays this instance's (it is online here, and
 * the kernel says so). Call with fastswitch_sections_lock() held, after
 * checking the request.
 *
 * Return: 0, or a negative errno.
 */
int fastswitch_sections_take(unsigned int first, unsigned int count)
{
	unsigned int i;
	u32 *was;
	int ret;

	lockdep_assert_held(&table_lock);
	if (!range_ok(first, count))
		return -EINVAL;
	was = kmalloc_array(count, sizeof(*was), GFP_KERNEL);
	if (!was)
		return -ENOMEM;
	lock_device_hotplug();
	for (i = 0; i < count; i++) {
		was[i] = fsw_tbl_owner(table, first + i);
		fsw_tbl_set_owner(table, first + i, fastswitch_instance_id());
	}
	fsw_tbl_seal(table);
	ret = set_online_locked(first, count, MMOP_ONLINE_MOVABLE);
	if (ret) {
		/* a section that could not go offline again stays ours */
		for (i = 0; i < count; i++)
			if (!section_online(first + i))
				fsw_tbl_set_owner(table, first + i, was[i]);
		fsw_tbl_seal(table);
	}
	unlock_device_hotplug();
	kfree(was);
	return ret;
}
EXPORT_SYMBOL_GPL(fastswitch_sections_take);

/* Decide for one section; see the rules in docs/sections.md. */
static int may_change(unsigned int i, bool online)
{
	u32 owner, id = fastswitch_instance_id();
	unsigned int nr;
	phys_addr_t base;
	u32 *t = fastswitch_sections_table(&nr, &base);

	if (!t) {
		pr_warn("section %u (%pa): no valid ownership table: %s refused\n",
			i, &(phys_addr_t){ sec_addr(i) }, online ? "online" : "offline");
		return -EPERM;
	}
	if (i >= nr)
		return 0;
	owner = fsw_tbl_owner(t, i);
	if (owner == FSW_OWNER_FIRMWARE || (online && owner != id &&
					    owner != FSW_OWNER_SHARED)) {
		pr_warn("section %u (%pa) is %s: %s refused\n", i,
			&(phys_addr_t){ sec_addr(i) },
			owner == FSW_OWNER_FIRMWARE ? "firmware's" :
			owner == FSW_OWNER_NONE ? "nobody's" : "another instance's",
			online ? "online" : "offline");
		return -EPERM;
	}
	if (!online && owner == FSW_OWNER_SHARED) {
		pr_warn("section %u (%pa) is shared: offline refused\n", i,
			&(phys_addr_t){ sec_addr(i) });
		return -EPERM;
	}
	return 0;
}

static int fsw_memory_notify(struct notifier_block *nb, unsigned long action,
			     void *arg)
{
	struct memory_notify *mn = arg;
	phys_addr_t start = PFN_PHYS(mn->start_pfn);
	phys_addr_t end = start + PFN_PHYS(mn->nr_pages);
	bool online = action == MEM_GOING_ONLINE;
	int ret = 0;

	if (action != MEM_GOING_ONLINE && action != MEM_GOING_OFFLINE)
		return NOTIFY_OK;
	if (start < ram_base || start >= sec_addr(ram_nr))
		return NOTIFY_OK;
	for (; start < end && !ret; start += SECTION_BYTES)
		ret = may_change((start - ram_base) >> SECTION_SIZE_BITS, online);
	return notifier_from_errno(ret);
}

static struct notifier_block fsw_memory_nb = {
	.notifier_call = fsw_memory_notify,
	/* before anyone acts on the change */
	.priority = INT_MAX,
};

/* The initial instance's table: its boot memory, the rest firmware */
static void __init create_table(phys_addr_t region, phys_addr_t size)
{
	unsigned int i, id = fastswitch_instance_id();

	fsw_tbl_init(table, ram_base, ram_nr, SECTION_SIZE_BITS);
	for (i = 0; i < ram_nr; i++) {
		phys_addr_t a = sec_addr(i);
		u32 owner = FSW_OWNER_FIRMWARE;

		if (memblock_is_region_memory(a, SECTION_BYTES))
			owner = id;
		else if (memblock_is_region_memory(a, 1) ||
			 memblock_is_region_memory(a + SECTION_BYTES - 1, 1))
			pr_warn("section %u (%pa) is only partly this kernel's RAM: marked firmware\n",
				i, &a);
		if (a < region + size && a + SECTION_BYTES > region)
			owner = FSW_OWNER_FIRMWARE;
		fsw_tbl_set_owner(table, i, owner);
	}
	fsw_tbl_seal(table);
}

/* One exclusive resource over [start, end]; 0 or an errno */
static int __init fence(phys_addr_t start, phys_addr_t end)
{
	struct resource *res;

	if (start > end)
		return 0;
	res = kzalloc(sizeof(*res), GFP_KERNEL);
	if (!res)
		return -ENOMEM;
	res->name = "Fastswitch: not this instance's";
	res->start = start;
	res->end = end;
	res->flags = IORESOURCE_MEM | IORESOURCE_BUSY | IORESOURCE_EXCLUSIVE;
	if (insert_resource(&iomem_resource, res)) {
		kfree(res);
		return -EBUSY;
	}
	return 0;
}

/*
 * /dev/mem (CONFIG_STRICT_DEVMEM) refuses RAM, but a section outside this
 * kernel's memory map is not RAM to it: another instance's memory below
 * this kernel's PHYS_OFFSET or above its end, the firmware's, the shared
 * region. Each run of such sections gets an exclusive resource, which
 * /dev/mem refuses as well. They never enter the map later: only present
 * sections can be taken. This instance's own pstore area in the shared
 * region is left out: its ramoops device requests it.
 */
static void __init fence_absent(phys_addr_t region, phys_addr_t size)
{
	phys_addr_t ps = region + FSW_PSTORE_OFFSET(fastswitch_instance_id());
	phys_addr_t ps_end = ps + FSW_PSTORE_SIZE - 1;
	unsigned int i, j, fenced = 0;

	if (!IS_ENABLED(CONFIG_PSTORE_RAM) || size < FSW_PSTORE_END)
		ps_end = 0;
	for (i = 0; i < ram_nr; i = j) {
		phys_addr_t start = sec_addr(i), end;
		int ret;

		j = i + 1;
		if (present_section_nr(sec_nr(i)))
			continue;
		while (j < ram_nr && !present_section_nr(sec_nr(j)))
			j++;
		end = sec_addr(j - 1) + SECTION_BYTES - 1;
		if (ps_end && ps >= start && ps_end <= end)
			ret = fence(start, ps - 1) ?: fence(ps_end + 1, end);
		else
			ret = fence(start, end);
		if (ret) {
			pr_err("sections %u-%u: cannot fence them from /dev/mem: %d\n",
			       i, j - 1, ret);
			continue;
		}
		fenced += j - i;
	}
	pr_info("%u sections outside this kernel's memory map fenced from /dev/mem\n",
		fenced);
}

static int __init fastswitch_sections_init(void)
{
	phys_addr_t region, size;
	unsigned int i, added = 0;
	int ret;

	if (fastswitch_region(&region, &size) || !table_phys)
		return 0;
	table = memremap(table_phys, FSW_TABLE_SIZE, MEMREMAP_WC);
	if (!table) {
		pr_err("cannot map the ownership table at %pa\n", &table_phys);
		table_usable = false;
		return -ENOMEM;
	}
	if (table_create)
		create_table(region, size);

	/* before adding them: an auto-online must already be checked */
	register_memory_notifier(&fsw_memory_nb);
	for_each_set_bit(i, foreign, ram_nr) {
		ret = add_memory_driver_managed(0, sec_addr(i), SECTION_BYTES,
						"System RAM (fastswitch)", MHP_NONE);
		if (ret)
			pr_warn("section %u (%pa): cannot add it offline: %d\n",
				i, &(phys_addr_t){ sec_addr(i) }, ret);
		else
			added++;
	}
	pr_info("ownership table at %pa, %u sections of %lu MiB from %#x; %u others' sections present offline\n",
		&table_phys, ram_nr, SECTION_BYTES >> 20, ram_base, added);
	fence_absent(region, size);
	return 0;
}
subsys_initcall(fastswitch_sections_init);
