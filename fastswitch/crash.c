// SPDX-License-Identifier: GPL-2.0
/*
 * Crash containment: an instance that panics gives the machine back to the
 * instance that handed it over (docs/crash.md).
 *
 * The crashing side runs in panic context (the other CPUs stopped by
 * smp_send_stop(), which on ARM gives up after a second): it takes no
 * lock, allocates nothing and writes only its own page, its own crash
 * record and the region header. Its panic notifier picks the instance
 * to return to (crash_target(): the one that handed over to it, or else
 * the lowest that can be woken). It marks its own page crashed (the
 * vector, the decompressor and every command refuse to resume a page
 * that does not say sleeping), writes its crash record (reason, release,
 * time) and leaves a wake request for that instance in the header; its
 * kmsg dumper then adds the tail of its kernel log to the record. The
 * kernel's panic path resets the machine: panic_timeout is made non-zero
 * if it was 0 (wait for ever), so that the reset comes.
 *
 * The boot loader runs on the reset and starts the initial instance's
 * zImage, whose decompressor takes the wake request, checks the sleeping
 * instance's page as the vector checks a target, and enters its wake
 * entry (fastswitch_wake), which resumes it as from a switch. There,
 * fsw_crash_woken() learns from the header who crashed and says so; the
 * crashed instance's sections stay its own until it is closed.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/io.h>
#include <linux/kmsg_dump.h>
#include <linux/notifier.h>
#include <linux/panic.h>
#include <linux/panic_notifier.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <asm/arch_timer.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"
#include "kapi.h"

/* Written only in panic context, where nothing else runs */
static bool fsw_crash_recorded;
static char fsw_crash_log[FSW_CR_LOG_MAX + 1];

static u32 *crash_record(u32 id)
{
	return fsw.region + FSW_CRASH_OFFSET(id) / 4;
}

static void crash_seal(u32 *cr)
{
	fsw_put(cr, FSW_CR_CSUM, fsw_csum(cr, FSW_CRASH_SIZE / 4));
}

/* A record that checks and is @id's, or NULL */
static const u32 *crash_valid(u32 id)
{
	const u32 *cr = crash_record(id);

	if (fsw_get(cr, FSW_CR_MAGIC) != FSW_CRASH_MAGIC ||
	    fsw_get(cr, FSW_CR_VERSION) != FSW_LAYOUT_VERSION ||
	    fsw_get(cr, FSW_CR_ID) != id ||
	    fsw_get(cr, FSW_CR_LOG_LEN) > FSW_CR_LOG_MAX ||
	    fsw_get(cr, FSW_CR_CSUM) != fsw_csum(cr, FSW_CRASH_SIZE / 4))
		return NULL;
	return cr;
}

/* Would the decompressor wake @id (and would a switch go there)? */
static bool wake_ok(u32 id)
{
	char why[FSW_WHY_LEN];

	return id < FSW_MAX_INSTANCES && id != fsw.id &&
	       !fsw_check_entry(id, why) && fsw_wake_page(fsw.region, id);
}

/*
 * The instance a crash of this one returns to, or FSW_NO_INSTANCE: the
 * requester while this one serves a request; else the one that last
 * switched to it or booted it (the header says so from the vector on,
 * before this kernel's resume completes); else the one that handed over
 * at the last resume this module saw; else the lowest that can be woken.
 */
static u32 crash_target(void)
{
	const u32 *h = fsw.hdr;
	u32 i;

	if (wake_ok(fsw.req.serving_for))
		return fsw.req.serving_for;
	if (fsw_get(h, FSW_HDR_SWITCH_TO) == fsw.id &&
	    wake_ok(fsw_get(h, FSW_HDR_SWITCH_FROM)))
		return fsw_get(h, FSW_HDR_SWITCH_FROM);
	if (wake_ok(fsw.handed_over_by))
		return fsw.handed_over_by;
	for (i = 0; i < FSW_MAX_INSTANCES; i++)
		if (wake_ok(i))
			return i;
	return FSW_NO_INSTANCE;
}

static int fsw_crash_panic(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	const char *msg = data ? data : "";
	u32 *cr = crash_record(fsw.id), *h = fsw.hdr;
	u64 now = __arch_counter_get_cntvct();
	u32 to = crash_target();

	memset(cr, 0, FSW_CRASH_SIZE);
	fsw_put(cr, FSW_CR_MAGIC, FSW_CRASH_MAGIC);
	fsw_put(cr, FSW_CR_VERSION, FSW_LAYOUT_VERSION);
	fsw_put(cr, FSW_CR_ID, fsw.id);
	fsw_put(cr, FSW_CR_REASON, FSW_CRASH_PANIC);
	fsw_put64(cr, FSW_CR_CNT, now);
	fsw_put(cr, FSW_CR_RETURN_TO, to);
	strscpy((char *)cr + FSW_CR_RELEASE, init_utsname()->release,
		FSW_CR_RELEASE_LEN);
	strscpy((char *)cr + FSW_CR_WHY, msg, FSW_CR_WHY_LEN);
	crash_seal(cr);
	fsw_page_set_state(FSW_STATE_CRASHED);
	fsw_report_crashed();
	fsw_hdr_seal(h);
	fsw_crash_recorded = true;

	if (to == FSW_NO_INSTANCE) {
		pr_emerg("instance %u crashed: no sleeping instance to return to\n",
			 fsw.id);
		return NOTIFY_DONE;
	}
	fsw_put(h, FSW_HDR_BOOT_KIND, FSW_BOOT_KIND_WAKE);
	fsw_put(h, FSW_HDR_BOOT_ID, to);
	fsw_put(h, FSW_HDR_BOOT_ENTRY, 0);
	fsw_put(h, FSW_HDR_BOOT_DTB, 0);
	fsw_put(h, FSW_HDR_CRASHED, fsw.id + 1);
	fsw_put(h, FSW_HDR_CRASH_REASON, FSW_CRASH_PANIC);
	/* this wake request replaces the guard of the hand-over to here */
	fsw_put(h, FSW_HDR_GUARD_WAKE, 0);
	fsw_put(h, FSW_HDR_GUARD_FOR, 0);
	fsw_put(h, FSW_HDR_SWITCH_FROM, fsw.id);
	fsw_put(h, FSW_HDR_SWITCH_TO, to);
	fsw_put64(h, FSW_HDR_SWITCH_CNT, now);
	fsw_put(h, FSW_HDR_BOOT_MAGIC, FSW_BOOT_MAGIC);
	fsw_hdr_seal(h);
	if (!panic_timeout)
		panic_timeout = -1;
	wmb();	/* the record and the request are in RAM before the reset */
	pr_emerg("instance %u crashed: returning to instance %u through a reset\n",
		 fsw.id, to);
	return NOTIFY_DONE;
}

static struct notifier_block fsw_panic_nb = {
	.notifier_call = fsw_crash_panic,
	.priority = INT_MIN,	/* last: after the others have said their part */
};

/* After the notifiers: the tail of the kernel log into the record */
static void fsw_crash_dump(enum kmsg_dump_reason reason)
{
	u32 *cr = crash_record(fsw.id);
	struct kmsg_dump_iter iter;
	size_t len = 0;

	if (reason != KMSG_DUMP_PANIC || !fsw_crash_recorded)
		return;
	kmsg_dump_rewind(&iter);
	kmsg_dump_get_buffer(&iter, false, fsw_crash_log, FSW_CR_LOG_MAX, &len);
	len = min_t(size_t, len, FSW_CR_LOG_MAX);
	fsw_crash_log[len] = '\0';
	memcpy((char *)cr + FSW_CR_LOG, fsw_crash_log, len + 1);
	fsw_put(cr, FSW_CR_LOG_LEN, len);
	crash_seal(cr);
	wmb();	/* the log is in RAM before the reset */
}

FSW_KMSG_DUMPER(fsw_crash_dumper, fsw_crash_dump)

static struct kmsg_dumper fsw_dumper = {
	.dump = fsw_crash_dumper,
	.max_reason = KMSG_DUMP_PANIC,
};

/*
 * @id was handed the machine and did not report back within the guard's
 * bound (guard.c): it can write nothing, so its record and its page are
 * written here. The record's time is the hand-over's; its page says
 * crashed (a page it never wrote, if it hung before its module ran, is
 * written for it, if this instance booted it), so that nothing resumes it
 * and close takes it.
 */
static void crash_record_hang(u32 id, bool watchdog)
{
	u32 *cr = crash_record(id), *pg = fsw_page_of(id);
	u32 ms = fsw_get(fsw.hdr, FSW_HDR_GUARD_MS);
	char why[FSW_WHY_LEN];
	int st = fsw_instance_state(id, why);
	/* its module wrote it: a page left free by a former instance is not */
	bool own = st > FSW_STATE_FREE && fsw_get(pg, FSW_PG_ID) == id;

	memset(cr, 0, FSW_CRASH_SIZE);
	fsw_put(cr, FSW_CR_MAGIC, FSW_CRASH_MAGIC);
	fsw_put(cr, FSW_CR_VERSION, FSW_LAYOUT_VERSION);
	fsw_put(cr, FSW_CR_ID, id);
	fsw_put(cr, FSW_CR_REASON, FSW_CRASH_HANG);
	fsw_put64(cr, FSW_CR_CNT, fsw_get64(fsw.hdr, FSW_HDR_GUARD_CNT));
	fsw_put(cr, FSW_CR_RETURN_TO, fsw.id);
	strscpy((char *)cr + FSW_CR_RELEASE,
		own ? (const char *)pg + FSW_PG_RELEASE : "unknown",
		min(FSW_CR_RELEASE_LEN, FSW_PG_RELEASE_LEN));
	snprintf((char *)cr + FSW_CR_WHY, FSW_CR_WHY_LEN,
		 "no report within %u ms of the hand-over (%s); reset by %s",
		 ms, own ? "its module ran" : "its module never ran",
		 watchdog ? "the watchdog" : "hand or by itself");
	crash_seal(cr);

	if (!own) {
		/*
		 * Only a page never written or left free is written for it:
		 * one that does not check may be another's live page.
		 */
		if (!fsw.inst[id].entry || (st != -ENOENT && st != FSW_STATE_FREE))
			return;
		/* its resume entry: where it was started (never used: crashed) */
		fsw_page_init(pg, id, fsw.inst[id].entry, fsw.cnt_freq, "unknown");
	}
	fsw_put(pg, FSW_PG_STATE, FSW_STATE_CRASHED);
	fsw_page_seal(pg);
}

/*
 * Resume complete after a reset: if the header names an instance that
 * crashed and returned here, count it, say so, and take the request off.
 * Return: that instance, or FSW_NO_INSTANCE.
 */
u32 fsw_crash_woken(void)
{
	u32 c = fsw_get(fsw.hdr, FSW_HDR_CRASHED);
	u32 reason = fsw_get(fsw.hdr, FSW_HDR_CRASH_REASON);
	u64 now = __arch_counter_get_cntvct(), at = 0;
	const u32 *cr;
	u32 id;

	if (!c)
		return FSW_NO_INSTANCE;
	fsw_put(fsw.hdr, FSW_HDR_CRASHED, 0);
	fsw_put(fsw.hdr, FSW_HDR_CRASH_REASON, 0);
	fsw_hdr_seal(fsw.hdr);
	id = c - 1;
	/* the crash must have returned here: else not ours to count */
	if (fsw_get(fsw.hdr, FSW_HDR_SWITCH_TO) != fsw.id) {
		pr_err("region header names instance %u as crashed, returning to instance %u: ignored\n",
		       id, fsw_get(fsw.hdr, FSW_HDR_SWITCH_TO));
		return FSW_NO_INSTANCE;
	}
	if (id >= FSW_MAX_INSTANCES || id == fsw.id) {
		pr_err("region header names instance %u as crashed: ignored\n", id);
		return FSW_NO_INSTANCE;
	}
	/* the guard's bound and time stay in the header until the report */
	if (reason == FSW_CRASH_HANG) {
		char why[FSW_WHY_LEN];
		bool watchdog;

		/* a sleeping instance did not hang: the header is wrong */
		if (fsw_instance_state(id, why) == FSW_STATE_SLEEPING) {
			pr_err("region header names instance %u as hung, but it sleeps: ignored\n",
			       id);
			return FSW_NO_INSTANCE;
		}
		watchdog = fsw_guard_watchdog_fired();
		crash_record_hang(id, watchdog);
		fsw.stats.hangs++;
		fsw.stats.watchdog_resets += watchdog;
	}
	cr = crash_valid(id);
	if (cr)
		at = fsw_get64(cr, FSW_CR_CNT);
	fsw.stats.crashes++;
	fsw.stats.last_crash_id = id;
	fsw.stats.last_crash_us = at && now > at ? fsw_cnt_to_us(now - at) : 0;
	pr_warn("instance %u crashed (%s); instance %u runs again, %llu us after the %s; the sections of instance %u stay reserved until it is closed\n",
		id, cr ? (const char *)cr + FSW_CR_WHY : "no valid crash record",
		fsw.id, fsw.stats.last_crash_us,
		reason == FSW_CRASH_HANG ? "hand-over" : "crash", id);
	return id;
}

/*
 * "close" of @id: its record and its pstore area are no longer its (the
 * next kernel booted as @id must not read them)
 */
void fsw_crash_forget(u32 id)
{
	u32 *cr = crash_record(id);
	void *ps;

	memset(cr, 0, FSW_CRASH_SIZE);
	if (fsw.region_size < FSW_PSTORE_END)
		return;
	ps = memremap(fsw.region_base + FSW_PSTORE_OFFSET(id), FSW_PSTORE_SIZE,
		      MEMREMAP_WC);
	if (!ps) {
		pr_err("instance %u: cannot clear its pstore area\n", id);
		return;
	}
	memset(ps, 0, FSW_PSTORE_SIZE);
	memunmap(ps);
}

/* The crash records of the instances that say crashed */
int fsw_crash_show(struct seq_file *m)
{
	char why[FSW_WHY_LEN];
	const char *name;
	const u32 *cr;
	u32 i, r;

	for (i = 0; i < FSW_MAX_INSTANCES; i++) {
		if (fsw_instance_state(i, why) != FSW_STATE_CRASHED)
			continue;
		cr = crash_valid(i);
		if (!cr) {
			seq_printf(m, "instance %u: crashed, no valid crash record\n", i);
			continue;
		}
		r = fsw_get(cr, FSW_CR_RETURN_TO);
		switch (fsw_get(cr, FSW_CR_REASON)) {
		case FSW_CRASH_PANIC:
			name = "panic";
			break;
		case FSW_CRASH_HANG:
			name = "hang";
			break;
		default:
			name = "unknown";
		}
		seq_printf(m, "instance %u: crashed (%s) release %.*s at_cnt %llu returned_to %d\n",
			   i, name, FSW_CR_RELEASE_LEN, (const char *)cr + FSW_CR_RELEASE,
			   fsw_get64(cr, FSW_CR_CNT), r == FSW_NO_INSTANCE ? -1 : (int)r);
		seq_printf(m, "why: %.*s\n", FSW_CR_WHY_LEN, (const char *)cr + FSW_CR_WHY);
		seq_printf(m, "log:\n%.*s", FSW_CR_LOG_MAX, (const char *)cr + FSW_CR_LOG);
		seq_puts(m, "end of log\n");
	}
	return 0;
}

int fsw_crash_init(void)
{
	int ret = kmsg_dump_register(&fsw_dumper);

	if (ret)
		return ret;
	atomic_notifier_chain_register(&panic_notifier_list, &fsw_panic_nb);
	return 0;
}

void fsw_crash_exit(void)
{
	atomic_notifier_chain_unregister(&panic_notifier_list, &fsw_panic_nb);
	kmsg_dump_unregister(&fsw_dumper);
}
