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
 */
#define pr_fmt(fmt) "memory hotplug: " fmt

#include <linux/memblock.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/printk.h>
#include <asm/memory.h>

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

		if (pmd_none(*pmd))
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
	if (start_pfn + nr_pages > max_pfn)
		max_pfn = start_pfn + nr_pages;
	if (start_pfn + nr_pages > max_low_pfn)
		max_low_pfn = start_pfn + nr_pages;
	return 0;
}

void arch_remove_memory(u64 start, u64 size, struct vmem_altmap *altmap,
			struct dev_pagemap *pgmap)
{
	/* The linear map of lowmem is fixed: it stays. */
	__remove_pages(PFN_DOWN(start), size >> PAGE_SHIFT, altmap, pgmap);
}
