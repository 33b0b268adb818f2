/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-platform tables of mandatory resume registers. A table is data: the
 * register blocks (found in the device tree by compatible) and, per block,
 * the registers the resume vector saves and restores, each with the reason
 * it is there. Another board adds its table to fsw_platforms[].
 */
#ifndef FSW_PLATFORM_H
#define FSW_PLATFORM_H

#include <linux/types.h>
#include "page.h"

#define FSW_MAX_BLOCKS		8

/* Descriptor-only flag: saved in survey mode only, never restored. */
#define FSW_DESC_SURVEY		0x100

struct fsw_reg_block {
	const char *name;
	const char *compatible;	/* first DT node with it */
	unsigned int index;	/* which "reg" entry */
};

struct fsw_reg_desc {
	const char *name;
	u8 block;
	u16 offset;
	u16 count;		/* registers, when irqs_per_reg is 0 */
	u8 irqs_per_reg;	/* GIC per-interrupt banks: count from GICD_TYPER */
	u16 first_irq;		/* interrupts below are not listed */
	u8 width;
	u16 flags;		/* FSW_REGF_*, FSW_DESC_SURVEY */
	u16 clear_offset;	/* with FSW_REGF_CLEAR_FIRST */
	const char *why;
};

struct fsw_platform {
	const char *name;
	const char *machine;	/* DT machine compatible */
	const struct fsw_reg_block *blocks;
	unsigned int nr_blocks;
	const struct fsw_reg_desc *regs;
	unsigned int nr_regs;
	int gicd_block;		/* GICD_TYPER gives the interrupt count */
	int rtc_block;		/* wake event: raw interrupt status */
	u16 rtc_ris_offset;
	u32 rtc_ris_mask;
};

struct fsw_plat_state {
	const struct fsw_platform *plat;
	phys_addr_t base[FSW_MAX_BLOCKS];
	unsigned int nr_irqs;
};

/* Name of a register in an instance page list */
struct fsw_reg_name {
	const struct fsw_reg_desc *desc;
	u16 index;
};

extern const struct fsw_platform fsw_platform_virt;

int fsw_platform_probe(struct fsw_plat_state *st);
int fsw_platform_build(const struct fsw_plat_state *st, bool survey,
		       struct fsw_reg_init *out, struct fsw_reg_name *names,
		       unsigned int max);
phys_addr_t fsw_platform_rtc_ris(const struct fsw_plat_state *st, u32 *mask);

#endif
