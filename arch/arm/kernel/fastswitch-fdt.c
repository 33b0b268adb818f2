// SPDX-License-Identifier: GPL-2.0
/*
 * Fastswitch: the device tree a new instance boots with.
 *
 * A new instance runs on the same machine, so it gets the device tree this
 * kernel was booted with (the boot loader's, still mapped read-only at
 * FDT_FIXED_BASE) with /chosen rewritten from what the fastswitch module
 * loaded: the command line, the initrd range, the memory it may map
 * (linux,usable-memory-range, which the decompressor also honours when it
 * picks the new kernel's PHYS_OFFSET) and, independently of the ownership
 * table, the sections that are its own (fastswitch,memory): a kernel that
 * cannot trust the table puts nothing else into its allocator. What the
 * boot loader said about this kernel only (its initrd, seeds, crash kernel
 * header) is dropped.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>

#include <asm/fastswitch.h>

static const char * const fsw_fdt_drop[] = {
	"bootargs", "linux,initrd-start", "linux,initrd-end",
	"linux,usable-memory-range", "linux,elfcorehdr", "linux,booted-from-kexec",
	"rng-seed", "kaslr-seed", FSW_DT_MEMORY,
};

/* Append @val as @cells big-endian 32-bit cells */
static fdt32_t *fsw_fdt_cells(fdt32_t *p, u64 val, int cells)
{
	if (cells == 2)
		*p++ = cpu_to_fdt32(upper_32_bits(val));
	*p++ = cpu_to_fdt32(lower_32_bits(val));
	return p;
}

static int fsw_fdt_errno(int err)
{
	return err == -FDT_ERR_NOSPACE ? -E2BIG : -EINVAL;
}

/**
 * fastswitch_fdt_build - the device tree for a new instance
 * @buf: where to build it
 * @size: room in @buf
 * @cmdline: its command line
 * @initrd: physical start of its initrd
 * @initrd_size: initrd size in bytes, 0 for none
 * @mem: physical start of the memory it may map (its PHYS_OFFSET)
 * @mem_size: size of that memory
 * @own: the ranges of the sections that are its own, within @mem
 * @nr_own: number of ranges in @own, at least one
 *
 * Return: the size of the packed tree, -ENODEV without a boot device tree,
 * -E2BIG if it does not fit in @size, -EINVAL if it cannot be edited or
 * the ranges do not fit the tree's cells.
 */
int fastswitch_fdt_build(void *buf, size_t size, const char *cmdline,
			 phys_addr_t initrd, phys_addr_t initrd_size,
			 phys_addr_t mem, phys_addr_t mem_size,
			 const struct fsw_range *own, unsigned int nr_own)
{
	fdt32_t range[4], *p = range;
	int chosen, ac, sc, ret;
	unsigned int i;
	fdt32_t *cells;

	if (!initial_boot_params)
		return -ENODEV;
	ret = fdt_open_into(initial_boot_params, buf, size);
	if (ret)
		return fsw_fdt_errno(ret);

	ac = fdt_address_cells(buf, 0);
	sc = fdt_size_cells(buf, 0);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -EINVAL;
	if ((ac == 1 && upper_32_bits(mem)) || (sc == 1 && upper_32_bits(mem_size)))
		return -EINVAL;
	if (!nr_own)
		return -EINVAL;
	for (i = 0; i < nr_own; i++)
		if ((ac == 1 && upper_32_bits(own[i].base)) ||
		    (sc == 1 && upper_32_bits(own[i].size)))
			return -EINVAL;

	chosen = fdt_path_offset(buf, "/chosen");
	if (chosen == -FDT_ERR_NOTFOUND)
		chosen = fdt_add_subnode(buf, 0, "chosen");
	if (chosen < 0)
		return fsw_fdt_errno(chosen);

	for (i = 0; i < ARRAY_SIZE(fsw_fdt_drop); i++) {
		ret = fdt_delprop(buf, chosen, fsw_fdt_drop[i]);
		if (ret && ret != -FDT_ERR_NOTFOUND)
			return fsw_fdt_errno(ret);
	}

	ret = fdt_setprop_string(buf, chosen, "bootargs", cmdline);
	if (!ret && initrd_size) {
		ret = fdt_setprop_u64(buf, chosen, "linux,initrd-start", initrd);
		if (!ret)
			ret = fdt_setprop_u64(buf, chosen, "linux,initrd-end",
					      initrd + initrd_size);
	}
	if (!ret) {
		p = fsw_fdt_cells(p, mem, ac);
		p = fsw_fdt_cells(p, mem_size, sc);
		ret = fdt_setprop(buf, chosen, "linux,usable-memory-range",
				  range, (p - range) * sizeof(*p));
	}
	if (!ret) {
		ret = fdt_setprop_placeholder(buf, chosen, FSW_DT_MEMORY,
					      nr_own * (ac + sc) * sizeof(*p),
					      (void **)&cells);
		for (i = 0; !ret && i < nr_own; i++) {
			cells = fsw_fdt_cells(cells, own[i].base, ac);
			cells = fsw_fdt_cells(cells, own[i].size, sc);
		}
	}
	if (!ret)
		ret = fdt_pack(buf);
	if (ret)
		return fsw_fdt_errno(ret);
	return fdt_totalsize(buf);
}
EXPORT_SYMBOL_GPL(fastswitch_fdt_build);
