// SPDX-License-Identifier: GPL-2.0
/*
 * Mandatory resume registers: find the platform's table and expand it into
 * the register list of an instance page.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include "platform.h"

static const struct fsw_platform * const fsw_platforms[] = {
	&fsw_platform_virt,
};

#define GICD_TYPER	0x004

int fsw_platform_probe(struct fsw_plat_state *st)
{
	const struct fsw_platform *p = NULL;
	struct resource res;
	struct device_node *np;
	void __iomem *gicd;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(fsw_platforms); i++) {
		if (of_machine_is_compatible(fsw_platforms[i]->machine)) {
			p = fsw_platforms[i];
			break;
		}
	}
	if (!p) {
		pr_err("no table of mandatory resume registers for this machine\n");
		return -ENODEV;
	}
	if (WARN_ON(p->nr_blocks > FSW_MAX_BLOCKS))
		return -EINVAL;

	for (i = 0; i < p->nr_blocks; i++) {
		np = of_find_compatible_node(NULL, NULL, p->blocks[i].compatible);
		if (!np) {
			pr_err("%s: no %s node in the device tree\n", p->name,
			       p->blocks[i].compatible);
			return -ENODEV;
		}
		ret = of_address_to_resource(np, p->blocks[i].index, &res);
		of_node_put(np);
		if (ret) {
			pr_err("%s: %s has no reg %u\n", p->name,
			       p->blocks[i].compatible, p->blocks[i].index);
			return ret;
		}
		st->base[i] = res.start;
	}

	gicd = ioremap(st->base[p->gicd_block], PAGE_SIZE);
	if (!gicd)
		return -ENOMEM;
	st->nr_irqs = min(32 * ((readl(gicd + GICD_TYPER) & 0x1f) + 1), 1020U);
	iounmap(gicd);
	st->plat = p;
	return 0;
}

/*
 * Expand the table into at most @max entries of @out, with their names.
 * Survey-only registers are included if @survey. Return: the number of
 * entries, or -E2BIG.
 */
int fsw_platform_build(const struct fsw_plat_state *st, bool survey,
		       struct fsw_reg_init *out, struct fsw_reg_name *names,
		       unsigned int max)
{
	const struct fsw_platform *p = st->plat;
	unsigned int i, k, n = 0;

	for (i = 0; i < p->nr_regs; i++) {
		const struct fsw_reg_desc *d = &p->regs[i];
		unsigned int first = 0, last = d->count;
		phys_addr_t base = st->base[d->block];

		if ((d->flags & FSW_DESC_SURVEY) && !survey)
			continue;
		if (d->irqs_per_reg) {
			first = d->first_irq / d->irqs_per_reg;
			last = DIV_ROUND_UP(st->nr_irqs, d->irqs_per_reg);
		}
		for (k = first; k < last; k++) {
			if (n == max)
				return -E2BIG;
			out[n].addr = base + d->offset + k * d->width;
			out[n].width = d->width;
			out[n].flags = d->flags & (FSW_REGF_RESTORE |
						   FSW_REGF_CLEAR_FIRST);
			out[n].clear = d->flags & FSW_REGF_CLEAR_FIRST ?
				base + d->clear_offset + k * d->width : 0;
			names[n].desc = d;
			names[n].index = k;
			n++;
		}
	}
	return n;
}

/* The register the vector polls for the RTC wake-up event */
phys_addr_t fsw_platform_rtc_ris(const struct fsw_plat_state *st, u32 *mask)
{
	const struct fsw_platform *p = st->plat;

	if (p->rtc_block < 0)
		return 0;
	*mask = p->rtc_ris_mask;
	return st->base[p->rtc_block] + p->rtc_ris_offset;
}
