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

/* What the next suspend does instead of sleeping */
enum fsw_pending {
	FSW_PENDING_NONE,
	FSW_PENDING_SWITCH,
	FSW_PENDING_BOOT,
};

struct fsw_image_rec {
	u32 addr;
	u32 size;		/* 0: not loaded */
};

/* What this instance knows of another one it loads or boots */
struct fsw_instance {
	struct fsw_image_rec img[FSW_NR_IMAGES];
	char *cmdline;		/* NULL: none set */
	u32 dtb;
	u32 dtb_size;
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

	/* instances */
	struct fsw_instance inst[FSW_MAX_INSTANCES];
	enum fsw_pending pending;
	u32 pending_id;
	u32 pending_path;	/* enum fsw_boot_path */
	u32 boot_entry;
	u32 boot_dtb;
	bool sums_armed;
	bool device_refuse;
	u32 reset_smc;		/* PSCI conduit: 1 smc, 0 hvc */
	bool have_psci;
	u64 switches;		/* left this instance for another */
	u64 boots;		/* booted a new instance */
	u32 last_switch_to;
	int last_switch_result;	/* errno of the last switch or boot */
	u64 last_switch_us;	/* suspend start there, resume done here */
	u32 last_switch_from;
	u64 boot_us;		/* suspend start there, this module loaded */
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

int fsw_instances_init(void);
void fsw_instances_exit(void);
int fsw_instances_apply(const struct fsw_cmd *cmd);
int fsw_instances_show(struct seq_file *m);
int fsw_section_sums_show(struct seq_file *m);
int fsw_pending_check(void);
void fsw_switch_begin(void);
void fsw_switch_done(void);
void fsw_sums_prepare(void);
u64 fsw_cnt_to_us(u64 ticks);

int fsw_debugfs_init(void);
void fsw_debugfs_exit(void);

#endif
