// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/fastswitch/: status, page, control and the views of
 * the other files (sections, instances, section sums). The formats and
 * errors are documented in docs/debugfs.md.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/math64.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/suspend.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <asm/arch_timer.h>
#include "fastswitch.h"

static struct dentry *fsw_dir;

static void show_wake(struct seq_file *m)
{
	switch (fsw.wake_mode) {
	case FSW_WAKE_MODE_IMMEDIATE:
		seq_puts(m, "wake: immediate\n");
		break;
	case FSW_WAKE_MODE_DELAY:
		seq_printf(m, "wake: delay %u ms\n", fsw.wake_ms);
		break;
	case FSW_WAKE_MODE_RTC:
		seq_printf(m, "wake: rtc, timeout %u ms\n", fsw.wake_ms);
		break;
	}
}

static const char *wake_name(u32 wake)
{
	switch (wake) {
	case FSW_WAKE_DELAY:
		return "delay";
	case FSW_WAKE_EVENT:
		return "event";
	case FSW_WAKE_TIMEOUT:
		return "timeout";
	}
	return "none";
}

static void show_instances(struct seq_file *m)
{
	unsigned int i;

	seq_puts(m, "instances:\n");
	for (i = 0; i < FSW_MAX_INSTANCES; i++) {
		const u32 *pg = fsw_page_of(i);
		u32 found, expected, st;
		char rel[FSW_PG_RELEASE_LEN];

		st = fsw_page_check(pg, &found, &expected);
		if (!fsw_page_may_be_live(pg))
			continue;
		if (st != FSW_VEC_OK) {
			seq_printf(m, "  %u invalid (%s) page %#llx\n", i,
				   fsw_vec_status_name(st),
				   (u64)fsw.region_base + FSW_PAGE_OFFSET(i));
			continue;
		}
		memcpy(rel, (const char *)pg + FSW_PG_RELEASE, sizeof(rel));
		rel[sizeof(rel) - 1] = '\0';
		seq_printf(m, "  %u %s page %#llx entry %#x release %s mark %u%s\n", i,
			   fsw_state_name(fsw_get(pg, FSW_PG_STATE)),
			   (u64)fsw.region_base + FSW_PAGE_OFFSET(i),
			   fsw_get(pg, FSW_PG_RESUME_ENTRY), rel,
			   fsw_get(pg, FSW_PG_MARK), i == fsw.id ? " (this)" : "");
	}
}

static const char *pending_name(const struct fsw_pending *p)
{
	switch (p->op) {
	case FSW_PENDING_NONE:
		return "none";
	case FSW_PENDING_SWITCH:
		return "switch";
	case FSW_PENDING_REQUEST:
		return "request";
	case FSW_PENDING_SERVE:
		return "serve";
	case FSW_PENDING_BOOT:
		return p->path == FSW_BOOT_RESET ? "boot-reset" : "boot-direct";
	}
	return "unknown";
}

static int status_show(struct seq_file *m, void *v)
{
	unsigned int flags = lock_system_sleep();
	const struct fsw_stats *st = &fsw.stats;
	const struct fsw_pending *p = &fsw.pending;
	const u32 *pg = fsw.page;
	u64 s = fsw_get64(pg, FSW_PG_SUSPEND_CNT);
	u64 r = fsw_get64(pg, FSW_PG_RESUME_CNT);
	u64 he = fsw_get64(pg, FSW_PG_HANDOFF_ENTRY);
	u64 hj = fsw_get64(pg, FSW_PG_HANDOFF_JUMP);

	seq_printf(m, "instance: %u\n", fsw.id);
	seq_printf(m, "release: %s\n", init_utsname()->release);
	seq_printf(m, "platform: %s\n", fsw.plat.plat->name);
	seq_printf(m, "region: %pa size %pa\n", &fsw.region_base,
		   &fsw.region_size);
	seq_printf(m, "region_header: %s\n",
		   fsw_hdr_check(fsw.hdr, fsw.region_size) ? "invalid" : "ok");
	seq_printf(m, "page: %pa\n", &fsw.page_phys);
	seq_printf(m, "state: %s\n", fsw_state_name(fsw_get(pg, FSW_PG_STATE)));
	seq_printf(m, "mark: %u\n", fsw_get(pg, FSW_PG_MARK));
	seq_printf(m, "resume_entry: %#x\n", fsw.resume_entry);
	seq_printf(m, "mandatory_regs: %u\n", fsw.nr_regs);
	seq_printf(m, "survey: %s\n", fsw.survey ? "on" : "off");
	seq_printf(m, "testing: %s\n", fsw.testing ? "yes" : "no");
	show_wake(m);
	seq_printf(m, "cycles: %llu\n", st->cycles);
	seq_printf(m, "vector_enters: %llu\n", st->enters);
	seq_printf(m, "vector_resumes: %llu\n", st->resumes);
	seq_printf(m, "refusals: %llu\n", st->refusals);
	seq_printf(m, "errors: %llu\n", st->errors);
	seq_printf(m, "last_refusal: %s\n", st->refusals ?
		   fsw_vec_status_name(st->last_refusal) : "none");
	seq_printf(m, "last_wake: %s\n", wake_name(st->last_wake));
	seq_printf(m, "last_cycle_ns: %llu\n", st->last_cycle_ns);
	seq_printf(m, "last_cycle_resumed_us: %llu\n", st->last_cycle_resumed_us);
	seq_printf(m, "last_cycle_entered: %s\n",
		   st->last_entered ? "yes" : "no");
	seq_printf(m, "last_sleep_us: %llu\n", r > s ? fsw_cnt_to_us(r - s) : 0);
	seq_printf(m, "last_handoff_us: %llu\n", hj > he ? fsw_cnt_to_us(hj - he) : 0);
	seq_printf(m, "pending: %s", pending_name(p));
	if (p->op != FSW_PENDING_NONE)
		seq_printf(m, " %u", p->id);
	if (fsw_pending_keep())
		seq_puts(m, " keep");
	if (p->op == FSW_PENDING_REQUEST)
		seq_printf(m, " %u %u", fsw.req.asked, fsw.req.budget_ms);
	seq_putc(m, '\n');
	seq_printf(m, "switches: %llu\n", st->switches);
	seq_printf(m, "boots: %llu\n", st->boots);
	seq_printf(m, "last_switch_result: %d\n", st->last_switch_result);
	seq_printf(m, "last_switch_from: %u\n", st->last_switch_from);
	seq_printf(m, "last_switch_us: %llu\n", st->last_switch_us);
	seq_printf(m, "last_prepare_cnt: %llu\n", st->last_prepare_cnt);
	seq_printf(m, "boot_us: %llu\n", st->boot_us);
	seq_printf(m, "closes: %llu\n", st->closes);
	seq_printf(m, "last_close_sections: %u\n", st->last_close_sections);
	seq_printf(m, "last_close_us: %llu\n", st->last_close_us);
	seq_printf(m, "last_close_zero_us: %llu\n", st->last_close_zero_us);
	seq_printf(m, "last_close_section_us: min %u median %u max %u\n",
		   st->last_close_section_us[0], st->last_close_section_us[1],
		   st->last_close_section_us[2]);
	seq_printf(m, "scrubbed_sections: %llu\n", st->scrubbed);
	seq_printf(m, "scrub_us: %llu\n", st->scrub_us);
	seq_printf(m, "crashes: %llu\n", st->crashes);
	seq_printf(m, "region_wakes: %u\n", fsw_get(fsw.hdr, FSW_HDR_WAKE_COUNT));
	seq_printf(m, "last_crash_id: %d\n", st->crashes ? (int)st->last_crash_id : -1);
	seq_printf(m, "last_crash_us: %llu\n", st->last_crash_us);
	fsw_guard_show(m);
	seq_printf(m, "boot_request: %s\n",
		   fsw_get(fsw.hdr, FSW_HDR_BOOT_MAGIC) == FSW_BOOT_MAGIC ? "pending" : "none");
	seq_printf(m, "boot_requests_taken: %u\n", fsw_get(fsw.hdr, FSW_HDR_BOOT_COUNT));
	seq_printf(m, "boot_requests_refused: %u\n", fsw_get(fsw.hdr, FSW_HDR_BOOT_REFUSED));
	seq_printf(m, "reset_path: %s\n", fsw.have_psci ?
		   (fsw.reset_smc ? "psci-smc" : "psci-hvc") : "none");
	seq_printf(m, "section_sums_taken: %u\n",
		   fsw_get(fsw.region + FSW_SUMS_OFFSET / 4, FSW_SUMS_HDR_MAGIC) == FSW_SUMS_MAGIC ?
		   fsw_get(fsw.region + FSW_SUMS_OFFSET / 4, FSW_SUMS_HDR_COUNT) : 0);
	fsw_request_show(m);
	show_instances(m);
	unlock_system_sleep(flags);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(status);

/*
 * switch_status: what a switch's caller reads before and after it, on one
 * line, without the checks status runs (CRCs of the header and of every
 * instance page): a shell reads it with its read builtin, no fork. The
 * first field is the arch counter now, a time stamp in the counter that
 * the instances share.
 */
static int switch_status_show(struct seq_file *m, void *v)
{
	u64 now = __arch_counter_get_cntvct();	/* before a suspend's lock */
	unsigned int flags = lock_system_sleep();
	const struct fsw_stats *st = &fsw.stats;

	seq_printf(m, "%llu %u %llu %llu %d %u %llu %d %llu %s\n",
		   now, fsw.id, st->switches,
		   st->crashes, st->last_switch_result, st->last_switch_from,
		   st->last_switch_us,
		   st->crashes ? (int)st->last_crash_id : -1,
		   st->last_crash_us, pending_name(&fsw.pending));
	unlock_system_sleep(flags);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(switch_status);

static int page_show(struct seq_file *m, void *v)
{
	const u32 *pg = fsw.page;
	unsigned int flags = lock_system_sleep();
	u32 found, expected, st, n, i;
	char rel[FSW_PG_RELEASE_LEN];

	st = fsw_page_check(pg, &found, &expected);
	memcpy(rel, (const char *)pg + FSW_PG_RELEASE, sizeof(rel));
	rel[sizeof(rel) - 1] = '\0';
	seq_printf(m, "address: %pa\n", &fsw.page_phys);
	seq_printf(m, "check: %s\n", fsw_vec_status_name(st));
	seq_printf(m, "magic: %#010x\n", fsw_get(pg, FSW_PG_MAGIC));
	seq_printf(m, "version: %u\n", fsw_get(pg, FSW_PG_VERSION));
	seq_printf(m, "id: %u\n", fsw_get(pg, FSW_PG_ID));
	seq_printf(m, "state: %s\n", fsw_state_name(fsw_get(pg, FSW_PG_STATE)));
	seq_printf(m, "resume_entry: %#010x\n", fsw_get(pg, FSW_PG_RESUME_ENTRY));
	seq_printf(m, "release: %s\n", rel);
	seq_printf(m, "vector_count: %u\n", fsw_get(pg, FSW_PG_VECTOR_COUNT));
	seq_printf(m, "resume_count: %u\n", fsw_get(pg, FSW_PG_RESUME_COUNT));
	seq_printf(m, "cnt_freq: %u\n", fsw_get(pg, FSW_PG_CNT_FREQ));
	seq_printf(m, "last_suspend_cnt: %llu\n", fsw_get64(pg, FSW_PG_SUSPEND_CNT));
	seq_printf(m, "last_resume_cnt: %llu\n", fsw_get64(pg, FSW_PG_RESUME_CNT));
	seq_printf(m, "checksum: %#010x\n", fsw_get(pg, FSW_PG_CSUM));
	n = fsw_get(pg, FSW_PG_NR_REGS);
	seq_printf(m, "nr_regs: %u\n", n);
	seq_puts(m, "regs: address width flags value name\n");
	for (i = 0; i < n && i < FSW_MAX_REGS; i++) {
		unsigned int off = FSW_PG_REGS + i * FSW_REG_SIZE;
		u32 ctl = fsw_get(pg, off + FSW_REG_WIDTH);
		const struct fsw_reg_name *nm = i < fsw.nr_regs ? &fsw.names[i] : NULL;

		seq_printf(m, "  %#010x %u %s %#010x", fsw_get(pg, off + FSW_REG_ADDR),
			   ctl & 0xffff,
			   ctl >> 16 & FSW_REGF_CLEAR_FIRST ? "RC" :
			   ctl >> 16 & FSW_REGF_RESTORE ? "R " : "S ",
			   fsw_get(pg, off + FSW_REG_VALUE));
		if (nm && nm->desc)
			seq_printf(m, " %s[%u]", nm->desc->name, nm->index);
		seq_putc(m, '\n');
	}
	unlock_system_sleep(flags);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(page);

static int sections_show(struct seq_file *m, void *v)
{
	return fsw_sections_show(m);
}
DEFINE_SHOW_ATTRIBUTE(sections);

static int linear_map_show(struct seq_file *m, void *v)
{
	return fsw_linear_map_show(m);
}
DEFINE_SHOW_ATTRIBUTE(linear_map);

static int section_crc_show(struct seq_file *m, void *v)
{
	return fsw_section_crc_show(m);
}
DEFINE_SHOW_ATTRIBUTE(section_crc);

static int instances_show(struct seq_file *m, void *v)
{
	return fsw_instances_show(m);
}
DEFINE_SHOW_ATTRIBUTE(instances);

static int online_show(struct seq_file *m, void *v)
{
	return fsw_report_show(m);
}
DEFINE_SHOW_ATTRIBUTE(online);

static int section_sums_show(struct seq_file *m, void *v)
{
	return fsw_section_sums_show(m);
}
DEFINE_SHOW_ATTRIBUTE(section_sums);

static int crashes_show(struct seq_file *m, void *v)
{
	unsigned int flags = lock_system_sleep();
	int ret = fsw_crash_show(m);

	unlock_system_sleep(flags);
	return ret;
}
DEFINE_SHOW_ATTRIBUTE(crashes);

static ssize_t control_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct fsw_cmd *cmd;
	unsigned int flags;
	const char *why;
	size_t len;
	char *buf;
	int ret;

	if (count > FSW_CMD_MAX_LEN + 1) {
		pr_warn("control: command too long (%zu bytes)\n", count);
		return -E2BIG;
	}
	buf = memdup_user(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	cmd = kmalloc(sizeof(*cmd), GFP_KERNEL);
	if (!cmd) {
		kfree(buf);
		return -ENOMEM;
	}
	len = count && buf[count - 1] == '\n' ? count - 1 : count;
	ret = fsw_cmd_parse(buf, count, cmd, &why);
	if (ret) {
		pr_warn("control: %s: \"%*pE\"%s\n", why, (int)min_t(size_t, len, 200), buf,
			len > 200 ? "..." : "");
	} else {
		flags = lock_system_sleep();
		ret = fsw_control(cmd, buf, len);
		unlock_system_sleep(flags);
	}
	kfree(cmd);
	kfree(buf);
	return ret ? ret : count;
}

static const struct file_operations control_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = control_write,
};

void fsw_debugfs_init(void)
{
	fsw_dir = debugfs_create_dir("fastswitch", NULL);
	/*
	 * Root's only: control drives every instance, and every view but
	 * this instance's own page shows the others' state. The readers of
	 * section contents exist only for the tests (docs/debugfs.md).
	 */
	debugfs_create_file("status", 0400, fsw_dir, NULL, &status_fops);
	debugfs_create_file("switch_status", 0400, fsw_dir, NULL,
			    &switch_status_fops);
	debugfs_create_file("page", 0444, fsw_dir, NULL, &page_fops);
	debugfs_create_file("control", 0200, fsw_dir, NULL, &control_fops);
	debugfs_create_file("sections", 0400, fsw_dir, NULL, &sections_fops);
	debugfs_create_file("instances", 0400, fsw_dir, NULL, &instances_fops);
	debugfs_create_file("online", 0400, fsw_dir, NULL, &online_fops);
	debugfs_create_file("crashes", 0400, fsw_dir, NULL, &crashes_fops);
	debugfs_create_file("linear_map", 0400, fsw_dir, NULL, &linear_map_fops);
	if (!fsw.testing)
		return;
	debugfs_create_file("section_crc", 0400, fsw_dir, NULL,
			    &section_crc_fops);
	debugfs_create_file("section_sums", 0400, fsw_dir, NULL,
			    &section_sums_fops);
}

void fsw_debugfs_exit(void)
{
	debugfs_remove_recursive(fsw_dir);
}
