// SPDX-License-Identifier: GPL-2.0
/*
 * Zeroing a section that changes owner, so that none of the old owner's
 * data reaches the new one: reserve, give, a request served, close, free.
 *
 * A section is 16 MiB: one CPU's memset of it is most of a close (about
 * 97 % under QEMU TCG, where stores are slow). Every online CPU zeroes
 * its share at once, through a work item on that CPU, in 1 MiB steps with
 * a reschedule point between them; the caller waits for all of them.
 * The section is mapped write-back, with the attributes of the linear
 * map (so that no older dirty line of it can be written back over the
 * zeros later), and memset through the cache is the fast way on every
 * ARMv7 core. Each step is then cleaned to the point of coherency: the
 * next owner may be another kernel, reached through a reset that no
 * cache maintenance precedes (a crash), and must find zeros in RAM.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/cpu.h>
#include <linux/io.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <asm/arch_timer.h>
#include <asm/cacheflush.h>
#include "fastswitch.h"

#define ZERO_STEP	SZ_1M

struct zero_part {
	struct work_struct work;
	void *p;
	size_t len;
};

static void zero_steps(void *p, size_t len)
{
	size_t done, n;

	for (done = 0; done < len; done += n) {
		n = min_t(size_t, len - done, ZERO_STEP);
		memset(p + done, 0, n);
		__cpuc_flush_dcache_area(p + done, n);
		cond_resched();
	}
}

static void zero_part(struct work_struct *w)
{
	struct zero_part *z = container_of(w, struct zero_part, work);

	zero_steps(z->p, z->len);
}

/**
 * fsw_zero_range - zero @size bytes of RAM at @phys with every online CPU
 * @phys: start, page aligned
 * @size: bytes, a multiple of PAGE_SIZE
 *
 * Return: 0, -EINVAL for an empty or unaligned range, or -ENOMEM if it
 * cannot be mapped (nothing was written).
 */
int fsw_zero_range(phys_addr_t phys, size_t size)
{
	struct zero_part *parts;
	unsigned int cpu, n = 0, i, nr;
	size_t share;
	void *p;

	if (WARN_ON_ONCE(!size || !PAGE_ALIGNED(phys) || !PAGE_ALIGNED(size)))
		return -EINVAL;
	p = memremap(phys, size, MEMREMAP_WB);
	if (!p)
		return -ENOMEM;
	cpus_read_lock();
	nr = num_online_cpus();
	parts = kcalloc(nr, sizeof(*parts), GFP_KERNEL);
	if (!parts) {
		/* one CPU, this one */
		zero_steps(p, size);
		goto out;
	}
	share = round_up(DIV_ROUND_UP(size, nr), PAGE_SIZE);
	for_each_online_cpu(cpu) {
		size_t off = (size_t)n * share;

		if (off >= size)
			break;
		INIT_WORK(&parts[n].work, zero_part);
		parts[n].p = p + off;
		parts[n].len = min(share, size - off);
		queue_work_on(cpu, system_highpri_wq, &parts[n].work);
		n++;
	}
	for (i = 0; i < n; i++)
		flush_work(&parts[i].work);
	kfree(parts);
out:
	cpus_read_unlock();
	memunmap(p);
	return 0;
}

/**
 * fsw_scrub - zero a section that leaves this instance, and count it
 * @phys: its start
 * @size: its size
 *
 * The scrub callback of fastswitch_sections_give(): called with the
 * section offline, before the table gives it away. Caller holds the
 * system sleep lock (the counters are fsw.stats).
 *
 * Return: as fsw_zero_range().
 */
int fsw_scrub(phys_addr_t phys, size_t size)
{
	u64 t0 = __arch_counter_get_cntvct();
	int ret = fsw_zero_range(phys, size);

	if (ret)
		return ret;
	fsw.stats.scrubbed++;
	fsw.stats.scrub_us += fsw_cnt_to_us(__arch_counter_get_cntvct() - t0);
	return 0;
}
