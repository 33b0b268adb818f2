// SPDX-License-Identifier: GPL-2.0
/*
 * Mandatory resume registers of QEMU "virt" (Cortex-A15, GICv2, PL011,
 * PL031). How the set was measured, and the diffs behind each reason, are
 * in docs/mandatory-registers.md; scripts/fastswitch-regdiff repeats the
 * measurement.
 *
 * On virt nothing outside the CPU loses state in our "sleep", so what an
 * instance needs at its resume entry is the platform as it left it: the
 * interrupt controller, which every kernel programs differently and which
 * the other instance reprograms while it runs, and the RTC's alarm, which
 * no driver reprograms on resume (rtc-pl031 has no resume callback: an
 * alarm one instance armed would fire in the other, and one it cleared
 * would be gone for the first; measured across 6.1 and 6.12). The UART is
 * restored by its driver's resume (uart_resume_port()) and only surveyed.
 */
#include "platform.h"

enum { VIRT_GICD, VIRT_GICC, VIRT_UART, VIRT_RTC };

static const struct fsw_reg_block virt_blocks[] = {
	[VIRT_GICD] = { "gicd", "arm,cortex-a15-gic", 0 },
	[VIRT_GICC] = { "gicc", "arm,cortex-a15-gic", 1 },
	[VIRT_UART] = { "uart", "arm,pl011", 0 },
	[VIRT_RTC] = { "rtc", "arm,pl031", 0 },
};

#define R	FSW_REGF_RESTORE
#define RC	(FSW_REGF_RESTORE | FSW_REGF_CLEAR_FIRST)
#define S	FSW_DESC_SURVEY

static const struct fsw_reg_desc virt_regs[] = {
	{ "GICD_CTLR", VIRT_GICD, 0x000, 1, 0, 0, 4, R, 0,
	  "distributor enable; must be on when the target's first interrupt-driven wait runs" },
	{ "GICD_ISENABLER", VIRT_GICD, 0x100, 0, 32, 0, 4, RC, 0x180,
	  "enabled interrupts: differ between kernels (drivers, timers, IPIs)" },
	{ "GICD_IPRIORITYR", VIRT_GICD, 0x400, 0, 4, 0, 4, R, 0,
	  "interrupt priorities: each kernel sets its own (IPIs, timers)" },
	{ "GICD_ITARGETSR", VIRT_GICD, 0x800, 0, 4, 32, 4, R, 0,
	  "SPI routing to CPUs: set per kernel by irq affinity" },
	{ "GICD_ICFGR", VIRT_GICD, 0xc00, 0, 16, 0, 4, R, 0,
	  "edge/level configuration: set by each kernel's drivers" },
	{ "GICC_CTLR", VIRT_GICC, 0x000, 1, 0, 0, 4, R, 0,
	  "CPU interface enable and EOI mode: EOImode differs with and without HYP" },
	{ "GICC_PMR", VIRT_GICC, 0x004, 1, 0, 0, 4, R, 0,
	  "priority mask: a value left by the other kernel could block all IRQs" },
	{ "GICC_BPR", VIRT_GICC, 0x008, 1, 0, 0, 4, R, 0,
	  "binary point: preemption grouping expected by the kernel" },
	/* the match value first, then its interrupt unmasked */
	{ "RTC_MR", VIRT_RTC, 0x004, 1, 0, 0, 4, R, 0,
	  "alarm match value: each instance's own alarm (no driver restores it)" },
	{ "RTC_IMSC", VIRT_RTC, 0x010, 1, 0, 0, 4, R, 0,
	  "alarm interrupt mask: armed by the instance whose alarm it is" },

	{ "GICD_TYPER", VIRT_GICD, 0x004, 1, 0, 0, 4, S, 0, "survey" },
	{ "GICD_IIDR", VIRT_GICD, 0x008, 1, 0, 0, 4, S, 0, "survey" },
	{ "GICD_ISPENDR", VIRT_GICD, 0x200, 0, 32, 0, 4, S, 0, "survey" },
	{ "GICD_ISACTIVER", VIRT_GICD, 0x300, 0, 32, 0, 4, S, 0, "survey" },
	{ "UART_IBRD", VIRT_UART, 0x024, 1, 0, 0, 4, S, 0, "survey" },
	{ "UART_FBRD", VIRT_UART, 0x028, 1, 0, 0, 4, S, 0, "survey" },
	{ "UART_LCR_H", VIRT_UART, 0x02c, 1, 0, 0, 4, S, 0, "survey" },
	{ "UART_CR", VIRT_UART, 0x030, 1, 0, 0, 4, S, 0, "survey" },
	{ "UART_IFLS", VIRT_UART, 0x034, 1, 0, 0, 4, S, 0, "survey" },
	{ "UART_IMSC", VIRT_UART, 0x038, 1, 0, 0, 4, S, 0, "survey" },
	{ "RTC_CR", VIRT_RTC, 0x00c, 1, 0, 0, 4, S, 0, "survey" },
	{ "RTC_RIS", VIRT_RTC, 0x014, 1, 0, 0, 4, S, 0, "survey" },
};

const struct fsw_platform fsw_platform_virt = {
	.name = "qemu-virt",
	.machine = "linux,dummy-virt",
	.blocks = virt_blocks,
	.nr_blocks = ARRAY_SIZE(virt_blocks),
	.regs = virt_regs,
	.nr_regs = ARRAY_SIZE(virt_regs),
	.gicd_block = VIRT_GICD,
	.rtc_block = VIRT_RTC,
	.rtc_ris_offset = 0x014,	/* RTCRIS: raw alarm interrupt */
	.rtc_ris_mask = 0x1,
};
