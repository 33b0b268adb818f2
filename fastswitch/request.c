// SPDX-License-Identifier: GPL-2.0
/*
 * Memory that moves between running instances: section requests and gifts.
 *
 * "request <count> [<budget_ms>]": the running instance (the requester)
 * asks the sleeping ones for sections. Its next suspend leaves it for the
 * first sleeping instance. That one resumes only as far as
 * .suspend_again (suspend.c): its tasks are still frozen, so none of its
 * user space runs, and its devices went through the noirq and early
 * resume phases only. It offlines up to what is
 * still asked from its movable zone, within its time budget, gives those
 * sections to the requester in the table, and suspends again, towards the
 * next sleeping instance, or back to the requester once enough arrived or
 * every sleeping instance had its turn. The requester resumes last,
 * whatever the outcome, and onlines what it received.
 *
 * "give <count> <id>": the running instance offlines sections of its own
 * movable zone and gives them to sleeping instance <id>; all or none.
 *
 * A section changes owner in the table only after its giver has offlined
 * it, and its new owner onlines it only after that: it is never online in
 * two instances, whatever step a crash or reset interrupts. Every instance
 * onlines, when it resumes, each section the table gave it while it slept
 * (fsw_request_resumed()), so a gift, or a request cut short, completes
 * the next time its receiver runs; a section offlined but not yet given
 * stays its giver's. The request record in the region header (request.h)
 * is the only state the instances share about a request in flight.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/bitmap.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/suspend.h>
#include <linux/workqueue.h>
#include <linux/seq_file.h>
#include <asm/arch_timer.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"
#include "request.h"

static_assert(FSW_HDR_REQ_STATE >= FSW_HDR_MODULE && FSW_HDR_REQ_END <= FSW_HDR_MODULE_END);

#define SECTION_BYTES	BIT_ULL(SECTION_SIZE_BITS)

static u64 now_cnt(void)
{
	return __arch_counter_get_cntvct();
}

static u32 hdr(unsigned int off)
{
	return fsw_get(fsw.hdr, off);
}

/*
 * Is section @i of the table @t ours, online here, in ZONE_MOVABLE, and in
 * the memory map of @to, which must online it?
 */
static bool may_give(const u32 *t, unsigned int i, u32 to)
{
	u64 a = fsw_tbl_get(t, FSW_TBL_BASE) + ((u64)i << SECTION_SIZE_BITS);
	unsigned long first = PHYS_PFN(a), last = PHYS_PFN(a + SECTION_BYTES - 1);

	if (fsw_tbl_owner(t, i) != fsw.id ||
	    strcmp(fastswitch_section_state(i), "online") || !fsw_report_present(to, i))
		return false;
	return zone_idx(page_zone(pfn_to_page(first))) == ZONE_MOVABLE &&
	       zone_idx(page_zone(pfn_to_page(last))) == ZONE_MOVABLE;
}

/* The sections this instance could give to @to, highest first, into @list */
static unsigned int movable_sections(u32 to, unsigned int *list, unsigned int max)
{
	unsigned int nr, i, n = 0;
	phys_addr_t base;
	const u32 *t;

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	for (i = nr; t && i-- > 0 && n < max;)
		if (may_give(t, i, to))
			list[n++] = i;
	fastswitch_sections_unlock();
	return n;
}

/* One section offlined and given by a kernel thread that a signal stops */
struct fsw_offliner {
	struct completion done;
	unsigned int section;
	u32 owner;
	bool stall;		/* inject serve-stall: wait for the signal */
	int ret;
};

static int offliner_fn(void *arg)
{
	struct fsw_offliner *o = arg;
	unsigned int nr;
	phys_addr_t base;
	const u32 *t;

	allow_signal(SIGKILL);
	if (o->stall) {
		while (!signal_pending(current))
			schedule_timeout_interruptible(HZ);
		o->ret = -EINTR;
	} else {
		/* checked again: the table may have changed since the choice */
		fastswitch_sections_lock();
		t = fastswitch_sections_table(&nr, &base);
		if (t && o->section < nr && may_give(t, o->section, o->owner))
			o->ret = fastswitch_sections_give(o->section, 1, o->owner,
							  fsw_scrub);
		else
			o->ret = -EBUSY;
		fastswitch_sections_unlock();
	}
	kthread_complete_and_exit(&o->done, 0);
}

/*
 * Give section @i to @owner, offlining it, within *@left_ms: a migration
 * that does not end in time is interrupted (offline_pages() stops at a
 * pending signal), and the section stays ours, online. The signal is sent
 * again until the thread ends: one sent before the thread allowed it is
 * lost. A migration blocked without a signal check (a folio that needs
 * I/O, with devices suspended) still holds us: see docs/requests.md.
 * Return: 0, -ETIME (budget spent) or the offline's errno.
 */
static int give_one(unsigned int i, u32 owner, bool stall, long *left_ms)
{
	struct fsw_offliner o = { .section = i, .owner = owner, .stall = stall };
	struct task_struct *task;
	long left;
	u64 start = now_cnt();

	if (*left_ms <= 0)
		return -ETIME;
	init_completion(&o.done);
	task = kthread_create(offliner_fn, &o, "fsw-offline/%u", i);
	if (IS_ERR(task))
		return PTR_ERR(task);
	get_task_struct(task);
	wake_up_process(task);
	/* killable: a "give" from user space can be interrupted too */
	left = wait_for_completion_killable_timeout(&o.done, msecs_to_jiffies(*left_ms));
	if (left <= 0) {
		do {
			send_sig(SIGKILL, task, 1);
		} while (!wait_for_completion_timeout(&o.done, HZ / 10));
	}
	put_task_struct(task);
	*left_ms -= div_u64(fsw_cnt_to_us(now_cnt() - start), 1000);
	if (left <= 0 && o.ret)
		return -ETIME;
	return o.ret;
}

/*
 * Offline and give up to @count sections of our movable zone to @owner,
 * highest first, within @budget_ms. Return: how many were given; the
 * sections in @given, the first failure's errno in *@err (0: none).
 */
static unsigned int give_movable(u32 owner, unsigned int count, long budget_ms,
				 bool stall, unsigned int *given, int *err)
{
	unsigned int *cand, n, i, done = 0;
	int ret;

	*err = 0;
	cand = kcalloc(FSW_TBL_MAX_SECTIONS, sizeof(*cand), GFP_KERNEL);
	if (!cand) {
		*err = -ENOMEM;
		return 0;
	}
	n = movable_sections(owner, cand, FSW_TBL_MAX_SECTIONS);
	for (i = 0; i < n && done < count; i++) {
		ret = give_one(cand[i], owner, stall, &budget_ms);
		if (!ret) {
			given[done++] = cand[i];
			continue;
		}
		if (!*err)
			*err = ret;
		if (ret == -ETIME || ret == -ENOMEM)
			break;
	}
	kfree(cand);
	return done;
}

static unsigned int nr_movable(u32 to)
{
	unsigned int *cand = kcalloc(FSW_TBL_MAX_SECTIONS, sizeof(*cand), GFP_KERNEL);
	unsigned int n = 0;

	if (cand)
		n = movable_sections(to, cand, FSW_TBL_MAX_SECTIONS);
	kfree(cand);
	return n;
}

/* Sections the valid table gives to instances in @mask */
static unsigned int sections_of(u32 mask)
{
	unsigned int nr, i, n = 0;
	phys_addr_t base;
	const u32 *t;

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	for (i = 0; t && i < nr; i++) {
		u32 owner = fsw_tbl_owner(t, i);

		if (owner < FSW_MAX_INSTANCES && (mask & BIT(owner)))
			n++;
	}
	fastswitch_sections_unlock();
	return n;
}

/* Sleeping instances a switch could resume now, as a bit mask */
static u32 sleeping_instances(void)
{
	char why[FSW_WHY_LEN];
	u32 mask = 0;
	unsigned int i;

	for (i = 0; i < FSW_MAX_INSTANCES; i++)
		if (i != fsw.id && !fsw_check_entry(i, why))
			mask |= BIT(i);
	return mask;
}

/* "request <count> <budget_ms>": arm the next suspend to collect sections */
int fsw_request(u32 count, u32 budget_ms, char *why)
{
	u32 sleeping = sleeping_instances();
	unsigned int theirs;

	if (!fastswitch_sections_table(&(unsigned int){ 0 }, &(phys_addr_t){ 0 })) {
		fsw_why_no_table(why, "no section can move");
		return -EBADMSG;
	}
	if (!sleeping) {
		fsw_why(why, "no other instance sleeps: nobody can give sections");
		return -ESRCH;
	}
	theirs = sections_of(sleeping);
	if (count > theirs) {
		fsw_why(why, "%u sections asked, the sleeping instances own %u", count, theirs);
		return -ENOSPC;
	}
	fsw.pending.op = FSW_PENDING_REQUEST;
	fsw.pending.id = __ffs(sleeping);
	fsw.req.asked = count;
	fsw.req.budget_ms = budget_ms;
	return 0;
}

/* "give <count> <id>": offline sections of ours, give them to @id */
int fsw_give(u32 count, u32 id, char *why)
{
	unsigned int *given, n, i, have;
	int ret, err;

	ret = fsw_check_entry(id, why);
	if (ret)
		return ret;
	have = nr_movable(id);
	if (count > have) {
		fsw_why(why,
			"%u sections to give, %u of this instance's are online and movable, and in instance %u's memory map",
			count, have, id);
		return -ENOSPC;
	}
	given = kcalloc(count, sizeof(*given), GFP_KERNEL);
	if (!given)
		return -ENOMEM;
	n = give_movable(id, count, FSW_REQ_BUDGET_MAX_MS, false, given, &err);
	if (n < count) {
		/* all or none: take back what went */
		fastswitch_sections_lock();
		for (i = 0; i < n; i++)
			if (fastswitch_sections_take(given[i], 1))
				pr_err("give: section %u could not be taken back: it stays instance %u's\n",
				       given[i], id);
		fastswitch_sections_unlock();
		fsw_why(why, "only %u of %u sections went offline (%d): none given", n, count,
			err);
		kfree(given);
		return -EBUSY;
	}
	pr_info("give: %u sections (highest %u) given to instance %u, which onlines them when it resumes\n",
		n, given[0], id);
	fsw.req.gave += n;
	kfree(given);
	return 0;
}

/* .begin of every suspend: what we own now; of a request: its record */
void fsw_request_begin(void)
{
	unsigned int nr, i;
	phys_addr_t base;
	const u32 *t;
	u32 *h = fsw.hdr;

	fsw_report_update();
	bitmap_zero(fsw.req.owned, FSW_TBL_MAX_SECTIONS);
	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	for (i = 0; t && i < nr; i++)
		if (fsw_tbl_owner(t, i) == fsw.id)
			set_bit(i, fsw.req.owned);
	fastswitch_sections_unlock();

	/*
	 * A suspend that is not a hand-on of the request while a record is
	 * active: its chain broke (an instance that served it is running).
	 * Nobody serves it any more; its requester takes what arrived when it
	 * next runs, and clears its own record now if it is the one running.
	 */
	if (hdr(FSW_HDR_REQ_STATE) == FSW_REQ_ACTIVE) {
		if (hdr(FSW_HDR_REQ_FROM) == fsw.id)
			fsw_put(h, FSW_HDR_REQ_STATE, FSW_REQ_NONE);
		else
			fsw_put(h, FSW_HDR_REQ_HOP, FSW_REQ_NO_HOP);
	}
	fsw_hdr_seal(h);
	if (fsw.pending.op != FSW_PENDING_REQUEST)
		return;
	fsw.req.seq++;
	fsw.req.begin_cnt = now_cnt();
	memset(h + FSW_HDR_REQ_STATE / 4, 0, FSW_HDR_REQ_END - FSW_HDR_REQ_STATE);
	fsw_put(h, FSW_HDR_REQ_STATE, FSW_REQ_ACTIVE);
	fsw_put(h, FSW_HDR_REQ_FROM, fsw.id);
	fsw_put(h, FSW_HDR_REQ_ASKED, fsw.req.asked);
	fsw_put(h, FSW_HDR_REQ_SEQ, fsw.req.seq);
	fsw_put(h, FSW_HDR_REQ_BUDGET, fsw.req.budget_ms);
	fsw_put(h, FSW_HDR_REQ_HOP, fsw.pending.id);
	fsw_hdr_seal(h);
}

/* A request that never left (the suspend failed): nothing happened */
void fsw_request_abort(void)
{
	if (hdr(FSW_HDR_REQ_STATE) != FSW_REQ_ACTIVE || hdr(FSW_HDR_REQ_FROM) != fsw.id)
		return;
	fsw_put(fsw.hdr, FSW_HDR_REQ_STATE, FSW_REQ_NONE);
	fsw_hdr_seal(fsw.hdr);
	fsw.req.last_result = -EAGAIN;
}

/* The next to serve: a sleeping instance that has not, else the requester */
static u32 next_hop(u32 from)
{
	u32 served = hdr(FSW_HDR_REQ_SERVED), mask;

	if (hdr(FSW_HDR_REQ_GOT) >= hdr(FSW_HDR_REQ_ASKED))
		return from;
	mask = sleeping_instances() & ~served & ~BIT(from);
	return mask ? __ffs(mask) : from;
}

/*
 * .suspend_again, after the vector resumed this instance: if it was
 * resumed to serve a request, serve it and arm the suspend towards the
 * next instance. Return: true to suspend again at once.
 */
bool fsw_request_serve(void)
{
	u32 *h = fsw.hdr, from, want, next, budget;
	unsigned int *given, n = 0, i;
	u64 start = now_cnt();
	int err = -ENOMEM;

	/* only a record passed to this instance, by its chain */
	if (fsw_hdr_check(h, fsw.region_size) || hdr(FSW_HDR_REQ_STATE) != FSW_REQ_ACTIVE ||
	    hdr(FSW_HDR_REQ_HOP) != fsw.id || hdr(FSW_HDR_SWITCH_TO) != fsw.id)
		return false;
	from = hdr(FSW_HDR_REQ_FROM);
	if (from == fsw.id || from >= FSW_MAX_INSTANCES ||
	    (hdr(FSW_HDR_REQ_SERVED) & BIT(fsw.id)))
		return false;
	/* a crash while serving returns to the requester (crash.c) */
	fsw.req.serving_for = from;
	want = hdr(FSW_HDR_REQ_ASKED) - min(hdr(FSW_HDR_REQ_GOT), hdr(FSW_HDR_REQ_ASKED));
	budget = min_t(u32, hdr(FSW_HDR_REQ_BUDGET), FSW_REQ_BUDGET_MAX_MS);
	fsw_guard_extend(budget);
	given = kcalloc(max(want, 1u), sizeof(*given), GFP_KERNEL);
	if (given)
		n = give_movable(from, want, budget, fsw.faults.serve_stall,
				 given, &err);
	fsw.faults.serve_stall = false;
	if (fsw.faults.serve_panic)
		panic("fastswitch: injected panic while serving the request of instance %u, %u section(s) given\n",
		      from, n);
	/* what went is no longer ours: a later gift of it must go online */
	for (i = 0; i < n; i++)
		clear_bit(given[i], fsw.req.owned);
	kfree(given);

	fsw_put(h, FSW_HDR_REQ_GOT, hdr(FSW_HDR_REQ_GOT) + n);
	fsw_put(h, FSW_HDR_REQ_GIVEN + 4 * fsw.id, n);
	fsw_put(h, FSW_HDR_REQ_SERVED, hdr(FSW_HDR_REQ_SERVED) | BIT(fsw.id));
	fsw_put64(h, FSW_HDR_REQ_START(fsw.id), start);
	next = next_hop(from);
	fsw.req.served++;
	fsw.req.served_gave += n;
	fsw.req.serve_from = from;
	fsw.req.serve_gave = n;
	fsw.req.serve_err = n < want ? err : 0;
	fsw.req.serve_start = start;
	fsw.req.serve_end = now_cnt();
	fsw_put64(h, FSW_HDR_REQ_STOP(fsw.id), fsw.req.serve_end);
	fsw_put(h, FSW_HDR_REQ_HOP, next);
	fsw_report_update();
	fsw_hdr_seal(h);

	fsw.pending.op = FSW_PENDING_SERVE;
	fsw.pending.id = next;
	fsw.req.serving = true;
	fsw_switch_begin();
	return true;
}

/*
 * .enter found the next hop unfit (it stopped sleeping, its page broke):
 * go back to the requester instead. Return: true if there is another way.
 */
bool fsw_request_reroute(void)
{
	u32 from = hdr(FSW_HDR_REQ_FROM);

	if (fsw.pending.op != FSW_PENDING_SERVE || fsw.pending.id == from)
		return false;
	pr_warn("request of instance %u: instance %u cannot be resumed, back to the requester\n",
		from, fsw.pending.id);
	fsw.pending.id = from;
	fsw_put(fsw.hdr, FSW_HDR_REQ_HOP, from);
	fsw_switch_begin();
	return true;
}

/* .enter: the vector left this instance for the next hop and came back */
void fsw_request_handed_on(void)
{
	fsw.req.serving = false;
	fsw.req.serving_for = FSW_NO_INSTANCE;
}

/*
 * Resume complete, and the request this instance served was not handed on
 * (its next suspend failed: a wakeup event, a device; or the vector
 * refused both the next hop and the requester): the requester still
 * sleeps. Switch to it from a work item, as "switch <id>" would.
 */
static void rescue_fn(struct work_struct *work)
{
	unsigned int flags = lock_system_sleep();
	char why[FSW_WHY_LEN] = "";
	u32 to = fsw.req.serve_from;
	int ret = fsw_switch(to, false, why);

	unlock_system_sleep(flags);
	if (ret) {
		pr_err("request of instance %u: it cannot be resumed (%s); switch to it by hand\n",
		       to, why);
		return;
	}
	ret = pm_suspend(PM_SUSPEND_MEM);
	if (ret)
		pr_err("request of instance %u: the switch back to it failed (%d); switch to it by hand\n",
		       to, ret);
}

static DECLARE_WORK(rescue_work, rescue_fn);

/* Module exit: no rescue may run after it */
void fsw_request_exit(void)
{
	cancel_work_sync(&rescue_work);
}

void fsw_request_rescue(void)
{
	if (!fsw.req.serving)
		return;
	fsw.req.serving = false;
	fsw.req.serving_for = FSW_NO_INSTANCE;
	fsw.req.rescues++;
	pr_err("request of instance %u: this instance could not hand it on; switching back to it\n",
	       fsw.req.serve_from);
	schedule_work(&rescue_work);
}

/*
 * Resume complete, after another instance ran: online the sections the
 * table gave us while we slept, and, for our own request, take its result.
 * @crashed: the instance whose crash returned the machine here, or
 * FSW_NO_INSTANCE.
 */
void fsw_request_resumed(u32 crashed)
{
	unsigned int nr, i, got = 0, bad = 0;
	phys_addr_t base;
	const u32 *t;
	u32 *h = fsw.hdr;

	fastswitch_sections_lock();
	t = fastswitch_sections_table(&nr, &base);
	for (i = 0; t && i < nr; i++) {
		if (fsw_tbl_owner(t, i) != fsw.id ||
		    (test_bit(i, fsw.req.owned) && !test_bit(i, fsw.req.unonlined)))
			continue;
		set_bit(i, fsw.req.owned);
		if (fastswitch_sections_take(i, 1)) {
			/* tried again at the next resume */
			set_bit(i, fsw.req.unonlined);
			bad++;
			continue;
		}
		clear_bit(i, fsw.req.unonlined);
		got++;
	}
	fastswitch_sections_unlock();
	fsw.req.received += got;
	if (got || bad)
		pr_info("%u sections received while asleep are online%s\n", got,
			bad ? "; some could not be onlined: tried again at the next resume" : "");

	if (fsw_hdr_check(h, fsw.region_size) || hdr(FSW_HDR_REQ_STATE) != FSW_REQ_ACTIVE ||
	    hdr(FSW_HDR_REQ_FROM) != fsw.id || hdr(FSW_HDR_REQ_SEQ) != fsw.req.seq)
		return;
	fsw.req.last_asked = hdr(FSW_HDR_REQ_ASKED);
	fsw.req.last_got = hdr(FSW_HDR_REQ_GOT);
	for (i = 0; i < FSW_MAX_INSTANCES; i++)
		fsw.req.last_given[i] = hdr(FSW_HDR_REQ_GIVEN + 4 * i);
	fsw.req.last_served = hdr(FSW_HDR_REQ_SERVED);
	/*
	 * An instance that crashed while serving gave sections in the table
	 * but could not record them: the table is the truth, and what the
	 * record misses is the crashed instance's (crash.c).
	 */
	if (crashed < FSW_MAX_INSTANCES && got > fsw.req.last_got) {
		fsw.req.last_given[crashed] += got - fsw.req.last_got;
		fsw.req.last_served |= BIT(crashed);
		fsw.req.last_got = got;
	}
	fsw.req.last_us = fsw_cnt_to_us(now_cnt() - fsw.req.begin_cnt);
	fsw.req.last_result = 0;
	fsw_put(h, FSW_HDR_REQ_STATE, FSW_REQ_NONE);
	fsw_hdr_seal(h);
	pr_info("request: %u of %u sections arrived in %llu us\n", fsw.req.last_got,
		fsw.req.last_asked, fsw.req.last_us);
}

/* The request lines of the status file */
void fsw_request_show(struct seq_file *m)
{
	const struct fsw_request *r = &fsw.req;
	unsigned int i;

	seq_printf(m, "requests: %u\n", r->seq);
	seq_printf(m, "last_request_result: %d\n", r->last_result);
	seq_printf(m, "last_request_asked: %u\n", r->last_asked);
	seq_printf(m, "last_request_got: %u\n", r->last_got);
	seq_puts(m, "last_request_from:");
	for (i = 0; i < FSW_MAX_INSTANCES; i++)
		if (r->last_served & BIT(i))
			seq_printf(m, " %u:%u", i, r->last_given[i]);
	seq_puts(m, "\n");
	seq_printf(m, "last_request_us: %llu\n", r->last_us);
	seq_printf(m, "sections_received: %llu\n", r->received);
	seq_printf(m, "sections_given: %llu\n", r->gave + r->served_gave);
	seq_printf(m, "requests_served: %llu\n", r->served);
	seq_printf(m, "last_serve_for: %u\n", r->serve_from);
	seq_printf(m, "last_serve_gave: %u\n", r->serve_gave);
	seq_printf(m, "last_serve_error: %d\n", r->serve_err);
	seq_printf(m, "last_serve_cnt: %llu %llu\n", r->serve_start, r->serve_end);
	seq_printf(m, "last_serve_us: %llu\n", r->serve_end > r->serve_start ?
		   fsw_cnt_to_us(r->serve_end - r->serve_start) : 0);
	seq_printf(m, "serve_rescues: %llu\n", r->rescues);
}
