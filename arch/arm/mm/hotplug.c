// SPDX-License-Identifier: GPL-2.0
/*
 * Memory hotplug for 32-bit ARM, lowmem only.
 *
 * Upstream removed 32-bit memory hotplug (b59d02ed0869, 7ec58a2b941e)
 * because hot-added memory had to be mapped and zoned on a system whose
 * linear map is fixed at boot: memory meant for ZONE_HIGHMEM could be
 * onlined to a kernel zone and then touched through a linear mapping that
 * does not exist. ARM avoids that by construction: only ranges that the
 * boot linear map already covers (lowmem, mapped by map_lowmem() while
 * they were still in memblock) can be added. Such a range needs no new
 * mapping, has a valid __va(), and may be onlined to ZONE_NORMAL or
 * ZONE_MOVABLE alike. Anything else, highmem included, is refused.
 *
 * Lowmem that is not online is not mapped. The boot linear map covers
 * all boot lowmem, including ranges that are hot-added offline (under
 * Fastswitch: other instances' sections), and on the classic MMU every
 * process's page directory holds a copy of its first-level entries. So
 * that no mapping reaches memory this kernel does not use, a range's
 * first-level entries are taken out of init_mm and of every process when
 * it is added offline or goes offline, and put back into init_mm when it
 * goes online (a process faults them in again: do_translation_fault()).
 * A process forked meanwhile may have copied them just before: the
 * Fastswitch hand-off takes them out again once tasks are frozen, before
 * the machine is handed to a sleeping instance (arm_lowmem_sweep(); a
 * kernel that crashes hands it over without, and never runs again; a
 * kernel without Fastswitch hands its offline memory to nobody).
 * memremap() of such a range makes a mapping of its own
 * (arch_memremap_can_ram_remap(), ioremap.c).
 */
#define pr_fmt(fmt) "memory hotplug: " fmt

#include <linux/io.h>
#include <linux/memblock.h>
#include <linux/memory.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/oom.h>
#include <linux/printk.h>
#include <linux/sched/signal.h>
#include <asm/cacheflush.h>
#include <asm/fastswitch.h>
#include <asm/memory.h>
#include <asm/tlbflush.h>

#include "mm.h"

/* First-level entries of lowmem: one per SECTION_SIZE from PAGE_OFFSET */
#define LOWMEM_L1	((0UL - PAGE_OFFSET) >> SECTION_SHIFT)

/*
 * The entries taken out (l1_out) and what init_mm held there (l1_saved).
 * Changed under mem_hotplug_lock (arch_add_memory(), arch_remove_memory(),
 * the memory notifier); read by arm_lowmem_sweep(), which runs alone.
 */
static pmdval_t l1_saved[LOWMEM_L1];
static DECLARE_BITMAP(l1_out, LOWMEM_L1);

static unsigned long l1_addr(unsigned long i)
{
	return PAGE_OFFSET + (i << SECTION_SHIFT);
}

/* The first-level entry that maps the SECTION_SIZE at @addr in @mm */
static pmd_t *l1_entry(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pud_offset(p4d_offset(pgd_offset(mm, addr), addr),
					   addr), addr);

#ifndef CONFIG_ARM_LPAE
	if (addr & SECTION_SIZE)
		pmd++;
#endif
	return pmd;
}

/* Clear in @mm the entries of l1_out in [first, last] */
static void l1_clear(struct mm_struct *mm, unsigned long first, unsigned long last)
{
	for_each_set_bit_from(first, l1_out, last + 1) {
		pmd_t *pmd = l1_entry(mm, l1_addr(first));

		if (pmd_val(*pmd)) {
			*pmd = __pmd(0);
			flush_pmd_entry(pmd);
		}
	}
}

/* ... in init_mm first (what a fork copies), then in every process */
static void l1_clear_everywhere(unsigned long first, unsigned long last)
{
	struct task_struct *t, *p;

	l1_clear(&init_mm, first, last);
	rcu_read_lock();
	for_each_process(t) {
		if (t->flags & PF_KTHREAD)
			continue;
		p = find_lock_task_mm(t);
		if (!p)
			continue;
		l1_clear(p->mm, first, last);
		task_unlock(p);
	}
	rcu_read_unlock();
}

/* The lowmem entries of [start, start + size), or false if not lowmem */
static bool l1_range(u64 start, u64 size, unsigned long *first, unsigned long *last)
{
	if (!size || start < PHYS_OFFSET || start + size > PHYS_OFFSET +
	    ((u64)LOWMEM_L1 << SECTION_SHIFT))
		return false;
	*first = (unsigned long)(start - PHYS_OFFSET) >> SECTION_SHIFT;
	*last = (unsigned long)(start + size - 1 - PHYS_OFFSET) >> SECTION_SHIFT;
	return true;
}

/* [start, start + size) is not online: no mapping of it is left */
static void lowmem_unmap(u64 start, u64 size)
{
	unsigned long first, last, i;

	if (!l1_range(start, size, &first, &last))
		return;
	for (i = first; i <= last; i++) {
		if (test_bit(i, l1_out))
			continue;
		l1_saved[i] = pmd_val(*l1_entry(&init_mm, l1_addr(i)));
		__set_bit(i, l1_out);
	}
	l1_clear_everywhere(first, last);
	flush_tlb_all();
}

/* [start, start + size) goes online: init_mm maps it again */
static void lowmem_map(u64 start, u64 size)
{
	unsigned long first, last, i;

	if (!l1_range(start, size, &first, &last))
		return;
	for (i = first; i <= last; i++) {
		pmd_t *pmd;

		if (!__test_and_clear_bit(i, l1_out))
			continue;
		pmd = l1_entry(&init_mm, l1_addr(i));
		*pmd = __pmd(l1_saved[i]);
		flush_pmd_entry(pmd);
	}
}

/* Is any of [start, start + size) taken out of the linear map? */
bool arm_lowmem_unmapped(phys_addr_t start, size_t size)
{
	unsigned long first, last;

	if (!l1_range(start, size, &first, &last))
		return false;
	return find_next_bit(l1_out, last + 1, first) <= last;
}

/* End of lowmem: the boot linear map never grows */
static phys_addr_t arm_lowmem_end(void)
{
	return virt_to_phys(high_memory - 1) + 1;
}

/* The boot linear map covers [start, start + size)? */
static bool arm_lowmem_mapped(u64 start, u64 size)
{
	u64 addr;

	if (start < PHYS_OFFSET || start + size > arm_lowmem_end())
		return false;
	for (addr = start; addr < start + size; addr += SECTION_SIZE) {
		pmd_t *pmd = pmd_off_k((unsigned long)__va(addr));

		if (pmd_none(*pmd) && !arm_lowmem_unmapped(addr, 1))
			return false;
	}
	return true;
}

int arch_add_memory(int nid, u64 start, u64 size, struct mhp_params *params)
{
	unsigned long start_pfn = PFN_DOWN(start);
	unsigned long nr_pages = size >> PAGE_SHIFT;
	int ret;

	if (params->altmap) {
		pr_warn("%#llx-%#llx: no memmap on memory on ARM\n",
			start, start + size - 1);
		return -EINVAL;
	}
	if (!arm_lowmem_mapped(start, size)) {
		pr_warn("%#llx-%#llx: outside the boot lowmem map (%#llx-%#llx): refused\n",
			start, start + size - 1, (u64)PHYS_OFFSET,
			(u64)arm_lowmem_end() - 1);
		return -ERANGE;
	}

	ret = __add_pages(nid, start_pfn, nr_pages, params);
	if (ret)
		return ret;
	/* added offline: unmapped until it goes online */
	lowmem_unmap(start, size);
	if (start_pfn + nr_pages > max_pfn)
		max_pfn = start_pfn + nr_pages;
	if (start_pfn + nr_pages > max_low_pfn)
		max_low_pfn = start_pfn + nr_pages;
	return 0;
}

/*
 * Called by arch_remove_memory() (init.c, whose arguments follow each
 * kernel's hotplug core) once the pages are gone: offline already, so
 * nothing is left to do but to keep them out of the linear map.
 */
void arm_lowmem_removed(u64 start, u64 size)
{
	lowmem_unmap(start, size);
}

static int lowmem_memory_notify(struct notifier_block *nb, unsigned long action,
				void *arg)
{
	const struct memory_notify *mn = arg;
	u64 start = PFN_PHYS(mn->start_pfn), size = PFN_PHYS(mn->nr_pages);

	switch (action) {
	case MEM_GOING_ONLINE:
		lowmem_map(start, size);
		break;
	case MEM_OFFLINE:
	case MEM_CANCEL_ONLINE:
		lowmem_unmap(start, size);
		break;
	}
	return NOTIFY_OK;
}

/* Last: after those that may refuse an online */
static struct notifier_block lowmem_memory_nb = {
	.notifier_call = lowmem_memory_notify,
	.priority = INT_MIN,
};

/**
 * arm_lowmem_sweep - take out again what a fork may have copied back
 *
 * Called by fastswitch_enter() before the machine is handed to another
 * instance: interrupts off, this CPU alone, tasks frozen.
 */
void arm_lowmem_sweep(void)
{
	unsigned long first = find_first_bit(l1_out, LOWMEM_L1);

	if (first < LOWMEM_L1) {
		l1_clear_everywhere(first, LOWMEM_L1 - 1);
		local_flush_tlb_all();
	}
}

static int __init lowmem_unmap_init(void)
{
	return register_memory_notifier(&lowmem_memory_nb);
}
core_initcall(lowmem_unmap_init);
