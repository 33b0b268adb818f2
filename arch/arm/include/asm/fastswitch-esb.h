/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fastswitch's hang guard watchdog on QEMU "virt": the Intel 6300ESB
 * watchdog that "-device i6300esb" puts on the board's generic PCIe host
 * (fastswitch/guard-esb.c, and the decompressor for the reset path).
 *
 * It counts down two stages of the same preload at about 1 kHz (one tick
 * is 2^15 / 33 MHz, 0.99 ms) and resets the machine when the second one
 * ends; a write of ESB_RELOAD_KICK to its reload register starts it over.
 * Every write to the BAR's registers takes the unlock sequence first.
 */
#ifndef __ASM_ARM_FASTSWITCH_ESB_H
#define __ASM_ARM_FASTSWITCH_ESB_H

#define ESB_ECAM_COMPATIBLE	"pci-host-ecam-generic"
#define ESB_VENDOR_DEVICE	0x25ab8086	/* PCI vendor and device id */
#define ESB_ECAM_DEV_SHIFT	15	/* bus 0, function 0: device << 15 */
#define ESB_ECAM_DEVICES	32
#define ESB_ECAM_BUS_SIZE	0x100000
#define ESB_PCI_SPACE_MASK	0x03000000	/* "ranges": address space */
#define ESB_PCI_SPACE_MEM32	0x02000000

/* PCI configuration space */
#define ESB_CFG_ID		0x00
#define ESB_CFG_COMMAND		0x04	/* 16 bits */
#define ESB_CMD_MEMORY		0x0002
#define ESB_CFG_BAR0		0x10
#define ESB_CFG_CONFIG		0x60	/* 16 bits */
#define ESB_CONFIG_VALUE	0x0003	/* reset on timeout, ~1 kHz, no interrupt */
#define ESB_CFG_LOCK		0x68	/* 8 bits */
#define ESB_LOCK_ENABLE		0x02
#define ESB_LOCK_LOCKED		0x01	/* "nowayout": cannot be stopped */

/* Memory BAR */
#define ESB_BAR_SIZE		16
#define ESB_TIMER1		0x00
#define ESB_TIMER2		0x04
#define ESB_RELOAD		0x0c	/* 16 bits */
#define ESB_RELOAD_KICK		0x0100
#define ESB_RELOAD_FIRED	0x0200	/* the last reset was the watchdog's; 1 clears */
#define ESB_UNLOCK1		0x80
#define ESB_UNLOCK2		0x86
#define ESB_PRELOAD_MAX		0xfffff

/*
 * Preload of each stage for a bound of @ms milliseconds: two stages of
 * 2^15 / 33 MHz per tick, never shorter than the bound
 */
static inline unsigned int esb_preload(unsigned int ms)
{
	unsigned int p = ((unsigned long long)ms * 33000 + 65535) >> 16;

	return p < 1 ? 1 : p > ESB_PRELOAD_MAX ? ESB_PRELOAD_MAX : p;
}

#endif
