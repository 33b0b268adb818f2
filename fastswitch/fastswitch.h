/* SPDX-License-Identifier: GPL-2.0 */
/* Fastswitch module: state shared by its files */
#ifndef FSW_FASTSWITCH_H
#define FSW_FASTSWITCH_H

#include <linux/ktime.h>
#include <linux/types.h>
#include "cmd.h"
#include "page.h"
#include "platform.h"

enum fsw_wake {
	FSW_WAKE_MODE_IMMEDIATE,
	FSW_WAKE_MODE_DELAY,
	FSW_WAKE_MODE_RTC,
};

struct fsw_state {
	u32 id;
	bool testing;
	phys_addr_t region_base;
	phys_addr_t region_size;
	u32 *region;			/* non-cacheable mapping */
	u32 *hdr;
	u32 *page;
	phys_addr_t page_phys;
	u32 resume_entry;
	u32 cnt_freq;

	struct fsw_plat_state plat;
	struct fsw_reg_init *regs;
	struct fsw_reg_name *names;
	unsigned int nr_regs;
	bool survey;

	enum fsw_wake wake_mode;
	u32 wake_ms;
	u32 inject;			/* enum fsw_inject, one-shot */

	/* counters and timings, updated by the suspend hooks */
	u64 cycles;			/* .begin .. .end */
	u64 enters;			/* through the vector */
	u64 resumes;
	u64 refusals;
	u64 errors;
	u32 last_refusal;		/* FSW_VEC_* */
	u32 last_found;
	u32 last_expected;
	u32 last_wake;			/* FSW_WAKE_* */
	ktime_t begin;
	bool entered;
	u64 last_cycle_ns;
	bool last_entered;
};

extern struct fsw_state fsw;

int fsw_rebuild_page(void);
int fsw_apply(const struct fsw_cmd *cmd);

int fsw_suspend_init(void);
void fsw_suspend_exit(void);

struct seq_file;
int fsw_sections_apply(const struct fsw_cmd *cmd);
void fsw_sections_inject(void);
int fsw_sections_show(struct seq_file *m);
int fsw_section_crc_show(struct seq_file *m);

int fsw_debugfs_init(void);
void fsw_debugfs_exit(void);

#endif
