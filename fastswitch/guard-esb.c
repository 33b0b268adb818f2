// SPDX-License-Identifier: GPL-2.0
/*
 * The hang guard's watchdog on QEMU "virt": an Intel 6300ESB watchdog
 * (QEMU's "-device i6300esb") on the board's generic PCIe host, the only
 * watchdog "virt" can have (docs/crash.md says why).
 *
 * The instances' kernels are built without PCI: none of them enumerates
 * the bus, and the device is Fastswitch's alone. It is reached through the
 * host's ECAM window found in the device tree; its one memory BAR is
 * placed at the start of the host's 32-bit memory window, and placed
 * again before every use, because a reset (the watchdog's own, or the
 * reset boot path) clears it while the instance that set it sleeps.
 *
 * The device counts down two stages of the same preload at about 1 kHz
 * and resets the machine when the second one ends; a write to its reload
 * register, after the unlock sequence, starts it over.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/sizes.h>
#include <asm/fastswitch-esb.h>
#include "guard.h"

/* The 32-bit memory window of the host: PCI and CPU address */
static int mem_window(struct device_node *np, u32 *pci, phys_addr_t *cpu)
{
	const __be32 *r;
	int len, i, pna = of_n_addr_cells(np);

	r = of_get_property(np, "ranges", &len);
	if (!r)
		return -ENOENT;
	len /= 4;
	/* (3 PCI address cells, pna parent cells, 2 size cells) each */
	for (i = 0; i + 5 + pna <= len; i += 5 + pna) {
		if ((be32_to_cpu(r[i]) & ESB_PCI_SPACE_MASK) != ESB_PCI_SPACE_MEM32)
			continue;
		*pci = be32_to_cpu(r[i + 2]);
		*cpu = of_translate_address(np, r + i + 3);
		return *cpu == OF_BAD_ADDR ? -EINVAL : 0;
	}
	return -ENOENT;
}

/* Decode the BAR where this instance expects it */
static void esb_place(struct fsw_guard *g)
{
	writel(g->bar_pci, g->cfg + ESB_CFG_BAR0);
	writew(readw(g->cfg + ESB_CFG_COMMAND) | ESB_CMD_MEMORY,
	       g->cfg + ESB_CFG_COMMAND);
}

static void esb_unlock(struct fsw_guard *g)
{
	writew(ESB_UNLOCK1, g->regs + ESB_RELOAD);
	writew(ESB_UNLOCK2, g->regs + ESB_RELOAD);
}

/* Was the last reset of the machine the watchdog's? Clears the flag. */
bool fsw_esb_fired(struct fsw_guard *g)
{
	bool fired;

	esb_place(g);
	fired = readw(g->regs + ESB_RELOAD) & ESB_RELOAD_FIRED;
	if (fired) {
		esb_unlock(g);
		writew(ESB_RELOAD_FIRED, g->regs + ESB_RELOAD);
	}
	return fired;
}

/* Reset the machine @ms milliseconds from now unless stopped first */
void fsw_esb_start(struct fsw_guard *g, u32 ms)
{
	u32 preload = esb_preload(ms);

	esb_place(g);
	writew(ESB_CONFIG_VALUE, g->cfg + ESB_CFG_CONFIG);
	esb_unlock(g);
	writel(preload, g->regs + ESB_TIMER1);
	esb_unlock(g);
	writel(preload, g->regs + ESB_TIMER2);
	esb_unlock(g);
	/* a flag left by an earlier reset is not this guard's */
	writew(ESB_RELOAD_KICK | ESB_RELOAD_FIRED, g->regs + ESB_RELOAD);
	writeb(ESB_LOCK_ENABLE, g->cfg + ESB_CFG_LOCK);
}

/* Return: 0 if the watchdog is stopped */
int fsw_esb_stop(struct fsw_guard *g)
{
	esb_place(g);
	esb_unlock(g);
	writew(ESB_RELOAD_KICK, g->regs + ESB_RELOAD);
	writeb(0, g->cfg + ESB_CFG_LOCK);
	return readb(g->cfg + ESB_CFG_LOCK) & ESB_LOCK_ENABLE ? -EBUSY : 0;
}

/*
 * Find the watchdog. Return: 0, -ENODEV if the board has none (a hang is
 * then recovered only by a reset by hand), or another error.
 */
int fsw_esb_probe(struct fsw_guard *g)
{
	struct device_node *np;
	void __iomem *bus;
	struct resource ecam;
	phys_addr_t cpu;
	unsigned int dev;
	int ret;

	np = of_find_compatible_node(NULL, NULL, ESB_ECAM_COMPATIBLE);
	if (!np)
		return -ENODEV;
	ret = of_address_to_resource(np, 0, &ecam);
	if (!ret)
		ret = mem_window(np, &g->bar_pci, &cpu);
	of_node_put(np);
	if (ret)
		return ret;
	if (resource_size(&ecam) < ESB_ECAM_BUS_SIZE)
		return -EINVAL;

	bus = ioremap(ecam.start, ESB_ECAM_BUS_SIZE);
	if (!bus)
		return -ENOMEM;
	for (dev = 0; dev < ESB_ECAM_DEVICES; dev++)
		if (readl(bus + (dev << ESB_ECAM_DEV_SHIFT) + ESB_CFG_ID) == ESB_VENDOR_DEVICE)
			break;
	iounmap(bus);
	if (dev == ESB_ECAM_DEVICES)
		return -ENODEV;

	g->cfg = ioremap(ecam.start + (dev << ESB_ECAM_DEV_SHIFT), SZ_4K);
	g->regs = ioremap(cpu, ESB_BAR_SIZE);
	if (!g->cfg || !g->regs) {
		fsw_esb_remove(g);
		return -ENOMEM;
	}
	if (readb(g->cfg + ESB_CFG_LOCK) & ESB_LOCK_LOCKED) {
		pr_err("watchdog: locked running by someone else, not used\n");
		fsw_esb_remove(g);
		return -EBUSY;
	}
	g->bar_phys = cpu;
	g->devfn = dev << 3;
	return 0;
}

void fsw_esb_remove(struct fsw_guard *g)
{
	if (g->regs)
		iounmap(g->regs);
	if (g->cfg)
		iounmap(g->cfg);
	g->regs = NULL;
	g->cfg = NULL;
}
