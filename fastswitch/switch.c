// SPDX-License-Identifier: GPL-2.0
/*
 * Switching: "switch <id>" arms the next suspend to leave this instance
 * for the sleeping instance <id>; the platform's .enter (suspend.c) checks
 * the target again with interrupts off, and the resume vector a third
 * time with the MMU off. The timing of a switch or boot is kept in the
 * region header, on the one counter every instance reads (CNTVCT).
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <asm/arch_timer.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"

/*
 * One armed operation: a new "switch" or "boot" replaces the last one.
 * @keep: stay armed through suspends that fail before .enter (autosleep)
 */
int fsw_switch(u32 id, bool keep, char *why)
{
	int ret;

	ret = fsw_check_entry(id, why);
	if (ret)
		return ret;
	fsw.pending.op = FSW_PENDING_SWITCH;
	fsw.pending.id = id;
	fsw.pending.keep = keep;
	return 0;
}

void fsw_pending_clear(void)
{
	fsw.pending.op = FSW_PENDING_NONE;
	fsw.pending.keep = false;
}

/* The armed switch stays armed through suspends that fail before .enter */
bool fsw_pending_keep(void)
{
	return fsw.pending.op == FSW_PENDING_SWITCH && fsw.pending.keep;
}

/*
 * "disarm": the next suspend sleeps and resumes this instance again; what
 * was armed ends -ECANCELED. A control command runs between suspends (the
 * sleep lock), so no request record is active yet.
 */
int fsw_disarm(void)
{
	if (fsw.pending.op == FSW_PENDING_NONE)
		return 0;
	if (fsw.pending.op == FSW_PENDING_REQUEST)
		fsw.req.last_result = -ECANCELED;
	else
		fsw.stats.last_switch_result = -ECANCELED;
	pr_info("disarmed: the next suspend resumes instance %u, not instance %u\n",
		fsw.id, fsw.pending.id);
	fsw_pending_clear();
	return 0;
}

/*
 * In .enter, interrupts off: the armed target can still be resumed, or
 * booted. One that went bad since the command refuses the suspend.
 */
int fsw_pending_check(void)
{
	char why[FSW_WHY_LEN] = "";
	int ret;

	if (fsw.pending.op == FSW_PENDING_NONE)
		return 0;
	if (fsw.pending.op == FSW_PENDING_BOOT)
		ret = fsw_boot_recheck(why);
	else
		ret = fsw_check_entry(fsw.pending.id, why);
	if (ret)
		pr_err("%s of instance %u refused: %s\n",
		       fsw.pending.op == FSW_PENDING_BOOT ? "boot" :
		       fsw.pending.op == FSW_PENDING_SWITCH ? "switch" :
		       fsw.pending.op == FSW_PENDING_REQUEST ? "request to" : "hand-on to",
		       fsw.pending.id, why);
	return ret == -EBADMSG ? -EBADMSG : ret ? -EBUSY : 0;
}

/* .begin of a switch or boot: tell the target when it started */
void fsw_switch_begin(void)
{
	u64 now = __arch_counter_get_cntvct();

	if (fsw.pending.op == FSW_PENDING_NONE)
		return;
	fsw_put(fsw.hdr, FSW_HDR_SWITCH_FROM, fsw.id);
	fsw_put(fsw.hdr, FSW_HDR_SWITCH_TO, fsw.pending.id);
	fsw_put(fsw.hdr, FSW_HDR_SWITCH_CNT, lower_32_bits(now));
	fsw_put(fsw.hdr, FSW_HDR_SWITCH_CNT + 4, upper_32_bits(now));
	fsw_hdr_seal(fsw.hdr);
}

/*
 * This instance runs again after another one left it (resume complete) or
 * after it was booted (module loaded): how long since the other's .begin.
 */
void fsw_switch_done(void)
{
	char why[FSW_WHY_LEN];
	u64 begin = fsw_get64(fsw.hdr, FSW_HDR_SWITCH_CNT);
	u64 now = __arch_counter_get_cntvct();

	fsw_put(fsw.hdr, FSW_HDR_RUNNING, fsw.id);
	if (begin && fsw_get(fsw.hdr, FSW_HDR_SWITCH_TO) == fsw.id &&
	    fsw_get(fsw.hdr, FSW_HDR_SWITCH_FROM) != fsw.id && now > begin) {
		fsw.stats.last_switch_from = fsw_get(fsw.hdr, FSW_HDR_SWITCH_FROM);
		/* a crash that returned here is no hand-over (crash.c) */
		if (fsw.stats.last_switch_from < FSW_MAX_INSTANCES &&
		    !(fsw.stats.crashes && fsw.stats.last_crash_id == fsw.stats.last_switch_from &&
		      fsw_instance_state(fsw.stats.last_switch_from, why) == FSW_STATE_CRASHED))
			fsw.handed_over_by = fsw.stats.last_switch_from;
		fsw.stats.last_switch_us = fsw_cnt_to_us(now - begin);
		fsw_put(fsw.hdr, FSW_HDR_SWITCH_CNT, 0);
		fsw_put(fsw.hdr, FSW_HDR_SWITCH_CNT + 4, 0);
	}
	fsw_hdr_seal(fsw.hdr);
}
