/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hang guard (guard.c) and its watchdog (guard-esb.c).
 */
#ifndef FSW_GUARD_H
#define FSW_GUARD_H

#include <linux/types.h>

/*
 * struct fsw_guard - the board's watchdog, as the hang guard uses it
 * @cfg: its PCI configuration space (ECAM), NULL: no watchdog
 * @regs: its memory BAR
 * @bar_phys: where the BAR is placed (CPU address)
 * @bar_pci: the same, as a PCI address
 * @devfn: where it sits on bus 0
 */
struct fsw_guard {
	void __iomem *cfg;
	void __iomem *regs;
	phys_addr_t bar_phys;
	u32 bar_pci;
	u32 devfn;
};

int fsw_esb_probe(struct fsw_guard *g);
void fsw_esb_remove(struct fsw_guard *g);
void fsw_esb_start(struct fsw_guard *g, u32 ms);
int fsw_esb_stop(struct fsw_guard *g);
bool fsw_esb_fired(struct fsw_guard *g);

#endif
