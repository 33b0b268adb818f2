/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fastswitch: layout of the memory shared by all instances, and the arch
 * hooks for the resume-vector hand-off.
 *
 * The shared region is given by "fastswitch_mem=<size>@<base>" and removed
 * from every kernel's linear map. It holds, all little-endian 32-bit words:
 *
 *   base + 0                      region header  (FSW_HDR_SIZE bytes)
 *   base + FSW_PAGE_OFFSET(id)    instance page of instance id
 *   base + FSW_TABLE_OFFSET       section ownership table
 *   base + FSW_CRASH_OFFSET(id)   crash record of instance id
 *   base + FSW_PSTORE_OFFSET(id)  pstore/ramoops area of instance id (if
 *                                 the region reaches FSW_PSTORE_END)
 *
 * Every block ends with a checksum word over the rest of the block (see
 * fsw_csum()), so that the resume vector can check it with the MMU off.
 * The layout is documented in docs/instance-page.md; any change to it bumps
 * FSW_LAYOUT_VERSION.
 */
#ifndef __ASM_ARM_FASTSWITCH_H
#define __ASM_ARM_FASTSWITCH_H

#define FSW_LAYOUT_VERSION	4

#define FSW_REGION_MAGIC	0x52575346	/* "FSWR" */
#define FSW_PAGE_MAGIC		0x49575346	/* "FSWI" */

#define FSW_HDR_SIZE		0x1000
#define FSW_PAGE_SIZE		0x4000
#define FSW_MAX_INSTANCES	8
#define FSW_PAGE_OFFSET(id)	(FSW_HDR_SIZE + (id) * FSW_PAGE_SIZE)
#define FSW_TABLE_OFFSET	FSW_PAGE_OFFSET(FSW_MAX_INSTANCES)
#define FSW_TABLE_SIZE		0x1000
#define FSW_SUMS_OFFSET		(FSW_TABLE_OFFSET + FSW_TABLE_SIZE)
#define FSW_SUMS_SIZE		0x1000
#define FSW_CRASH_SIZE		0x2000
#define FSW_CRASH_OFFSET(id)	(FSW_SUMS_OFFSET + FSW_SUMS_SIZE + (id) * FSW_CRASH_SIZE)
#define FSW_REGION_MIN_SIZE	FSW_CRASH_OFFSET(FSW_MAX_INSTANCES)
/*
 * Each instance's kernel keeps its pstore/ramoops records (panic and oops
 * logs, the console) in its own area, across the reset of a crash, for
 * the next kernel booted as that instance; close clears it. Its own
 * layout is ramoops' (persistent RAM zones), not a Fastswitch block.
 */
#define FSW_PSTORE_BASE		0x100000
#define FSW_PSTORE_SIZE		0x40000
#define FSW_PSTORE_RECORD	0x10000		/* one panic or oops log */
#define FSW_PSTORE_CONSOLE	0x10000		/* the console of the last boot */
#define FSW_PSTORE_OFFSET(id)	(FSW_PSTORE_BASE + (id) * FSW_PSTORE_SIZE)
#define FSW_PSTORE_END		FSW_PSTORE_OFFSET(FSW_MAX_INSTANCES)

/* Region header: word offsets in bytes */
#define FSW_HDR_MAGIC		0x00
#define FSW_HDR_VERSION		0x04
#define FSW_HDR_REGION_SIZE	0x08
#define FSW_HDR_PAGE_SIZE	0x0c
#define FSW_HDR_MAX_INSTANCES	0x10
#define FSW_HDR_RUNNING		0x14	/* id of the running instance */
/*
 * Boot request: set by the running instance just before it orders the
 * warm reset, read and cleared by the initial instance's decompressor,
 * which then enters ENTRY (a zImage) with r2 = DTB instead of itself.
 */
#define FSW_HDR_BOOT_MAGIC	0x18	/* FSW_BOOT_MAGIC when pending */
#define FSW_HDR_BOOT_ID		0x1c	/* instance being booted */
#define FSW_HDR_BOOT_ENTRY	0x20	/* physical zImage start */
#define FSW_HDR_BOOT_DTB	0x24	/* physical DTB */
#define FSW_HDR_BOOT_COUNT	0x28	/* requests taken by a decompressor */
/* The last switch or boot: who left, for whom, and when (CNTVCT, u64) */
#define FSW_HDR_SWITCH_FROM	0x2c
#define FSW_HDR_SWITCH_TO	0x30
#define FSW_HDR_BOOT_REFUSED	0x34	/* requests a decompressor refused */
#define FSW_HDR_SWITCH_CNT	0x38
/*
 * FSW_HDR_MODULE .. FSW_HDR_MODULE_END: the module's records (section
 * requests, online reports: fastswitch/request.h, report.h)
 */
#define FSW_HDR_MODULE		0x40
#define FSW_HDR_MODULE_END	0xf00
/*
 * What the boot request asks (FSW_BOOT_KIND_*). A wake request is left by
 * an instance that crashed (FSW_HDR_CRASHED is its id + 1) for the
 * instance that handed over to it: the decompressor enters that sleeping
 * instance's wake entry (its page's FSW_PG_WAKE_ENTRY) with r2 = its
 * page, instead of a zImage.
 */
#define FSW_HDR_BOOT_KIND	0xf00
#define FSW_HDR_CRASHED		0xf04	/* crashed instance + 1, 0: none */
#define FSW_HDR_WAKE_COUNT	0xf08	/* wake requests taken */
/*
 * The hang guard (docs/crash.md): an instance that hands the machine over
 * names here the instance to wake (FSW_HDR_GUARD_WAKE, id + 1) if the one
 * it hands over to (FSW_HDR_GUARD_FOR, id + 1) has not reported back (at
 * the end of its module's init, or at its resume complete) before the
 * machine resets: the board's watchdog, armed for FSW_HDR_GUARD_MS, or a reset by
 * hand. With no boot request pending, the decompressor takes the guard as
 * a wake request and names the guarded instance as crashed with
 * FSW_HDR_CRASH_REASON FSW_CRASH_HANG.
 */
#define FSW_HDR_GUARD_WAKE	0xf0c
#define FSW_HDR_GUARD_FOR	0xf10
#define FSW_HDR_GUARD_MS	0xf14	/* the bound the watchdog was given */
#define FSW_HDR_CRASH_REASON	0xf18	/* FSW_CRASH_*, with FSW_HDR_CRASHED */
#define FSW_HDR_GUARD_CNT	0xf1c	/* CNTVCT when the guard was set, u64 */
#define FSW_HDR_CSUM		(FSW_HDR_SIZE - 4)

#define FSW_BOOT_MAGIC		0x544f4f42	/* "BOOT" */
#define FSW_BOOT_KIND_BOOT	0	/* enter a new kernel's zImage */
#define FSW_BOOT_KIND_WAKE	1	/* wake a sleeping instance */

/*
 * Section sums (testing): the vector can sum every section of the table's
 * range with the MMU off just before it leaves an instance, so that the
 * next kernel can show which sections the reset path wrote.
 */
#define FSW_SUMS_MAGIC		0x534d5553	/* "SUMS" */
#define FSW_SUMS_HDR_MAGIC	0x00
#define FSW_SUMS_HDR_BASE	0x04
#define FSW_SUMS_HDR_NR		0x08
#define FSW_SUMS_HDR_BITS	0x0c
#define FSW_SUMS_HDR_GEN	0x10	/* table generation when summed */
#define FSW_SUMS_HDR_COUNT	0x14	/* times the vector summed */
#define FSW_SUMS_ENTRIES	0x40
#define FSW_SUMS_MAX		((FSW_SUMS_SIZE - FSW_SUMS_ENTRIES) / 4)

/* Instance page */
#define FSW_PG_MAGIC		0x00
#define FSW_PG_VERSION		0x04
#define FSW_PG_ID		0x08
#define FSW_PG_STATE		0x0c
#define FSW_PG_RESUME_ENTRY	0x10	/* physical cpu_resume */
#define FSW_PG_NR_REGS		0x14
#define FSW_PG_FLAGS		0x18
#define FSW_PG_VECTOR_COUNT	0x1c	/* passes through the vector as source */
#define FSW_PG_SUSPEND_CNT	0x20	/* CNTVCT when the vector saved it, u64 */
#define FSW_PG_RESUME_CNT	0x28	/* CNTVCT when the vector resumed it, u64 */
#define FSW_PG_CNT_FREQ		0x30	/* CNTFRQ, Hz */
#define FSW_PG_RESUME_COUNT	0x34	/* times the vector resumed it */
#define FSW_PG_MARK		0x38	/* set by this instance's user space */
#define FSW_PG_WAKE_ENTRY	0x3c	/* physical fastswitch_wake */
#define FSW_PG_RELEASE		0x40	/* uname -r, NUL-terminated */
#define FSW_PG_RELEASE_LEN	64
#define FSW_PG_REGS		0x80
#define FSW_PG_CSUM		(FSW_PG_TAIL - 4)
/* Checked words: everything up to and including the checksum */
#define FSW_PG_SEALED_WORDS	(FSW_PG_CSUM / 4 + 1)
/*
 * The tail is written by the vector after it sealed the page, just before
 * it jumps into the instance: the hand-off that resumed it, entry to jump
 * (CNTVCT, u64 each). Not covered by the checksum.
 */
#define FSW_PG_TAIL		(FSW_PAGE_SIZE - 0x20)
#define FSW_PG_HANDOFF_ENTRY	(FSW_PG_TAIL + 0x0)
#define FSW_PG_HANDOFF_JUMP	(FSW_PG_TAIL + 0x8)

/* One mandatory resume register: FSW_REG_SIZE bytes at FSW_PG_REGS */
#define FSW_REG_ADDR		0x0	/* physical address */
#define FSW_REG_VALUE		0x4	/* saved value */
#define FSW_REG_WIDTH		0x8	/* u16: 1, 2 or 4 bytes */
#define FSW_REG_FLAGS		0xa	/* u16: FSW_REGF_* */
#define FSW_REG_CLEAR		0xc	/* written with ~0 first if CLEAR_FIRST */
#define FSW_REG_SIZE		0x10
#define FSW_MAX_REGS		((FSW_PG_CSUM - FSW_PG_REGS) / FSW_REG_SIZE)

#define FSW_REGF_RESTORE	0x1	/* write back when resuming the page */
#define FSW_REGF_CLEAR_FIRST	0x2	/* set/clear pair: clear all, then set */

/*
 * Section ownership table: one u32 per sparsemem section of the machine's
 * RAM, from the section at FSW_TBL_BASE on. The low byte is the owner: an
 * instance id, or one of the FSW_OWNER_* codes.
 */
#define FSW_TABLE_MAGIC		0x54575346	/* "FSWT" */
#define FSW_TBL_MAGIC		0x00
#define FSW_TBL_VERSION		0x04
#define FSW_TBL_SECTION_BITS	0x08
#define FSW_TBL_BASE		0x0c	/* physical address of entry 0 */
#define FSW_TBL_NR		0x10	/* number of entries */
#define FSW_TBL_GENERATION	0x14	/* bumped by every change */
#define FSW_TBL_ENTRIES		0x40
#define FSW_TBL_CSUM		(FSW_TABLE_SIZE - 4)
#define FSW_TBL_MAX_SECTIONS	((FSW_TBL_CSUM - FSW_TBL_ENTRIES) / 4)

#define FSW_OWNER_MASK		0xff
#define FSW_OWNER_SHARED	0xfd	/* online in every instance */
#define FSW_OWNER_FIRMWARE	0xfe	/* firmware, boot loader, Fastswitch */
#define FSW_OWNER_NONE		0xff	/* nobody: not RAM */

/* Instance states */
#define FSW_STATE_FREE		0
#define FSW_STATE_RUNNING	1
#define FSW_STATE_SLEEPING	2
#define FSW_STATE_RESUMING	3
#define FSW_STATE_CRASHED	4	/* never resumed again: close or boot it */

/*
 * Crash record of an instance: written by its own kernel when it panics,
 * read by the instance it returns to. The log is the tail of its kernel
 * log, NUL-terminated. The last word is the checksum of the record.
 */
#define FSW_CRASH_MAGIC		0x43575346	/* "FSWC" */
#define FSW_CR_MAGIC		0x00
#define FSW_CR_VERSION		0x04
#define FSW_CR_ID		0x08
#define FSW_CR_REASON		0x0c	/* FSW_CRASH_* */
#define FSW_CR_CNT		0x10	/* CNTVCT at the crash, u64 */
#define FSW_CR_RETURN_TO	0x18	/* the instance woken, FSW_NO_INSTANCE: none */
#define FSW_CR_LOG_LEN		0x1c	/* bytes of log, without the NUL */
#define FSW_CR_RELEASE		0x20	/* uname -r, NUL-terminated */
#define FSW_CR_RELEASE_LEN	64
#define FSW_CR_WHY		0x60	/* the panic message, NUL-terminated */
#define FSW_CR_WHY_LEN		160
#define FSW_CR_LOG		0x100
#define FSW_CR_CSUM		(FSW_CRASH_SIZE - 4)
#define FSW_CR_LOG_MAX		(FSW_CR_CSUM - FSW_CR_LOG - 1)

#define FSW_CRASH_PANIC		1	/* the kernel panicked */
#define FSW_CRASH_HANG		2	/* no report within the guard's bound */

#define FSW_NO_INSTANCE		0xff

/* Checksum seed, so that an all-zero block never checks */
#define FSW_CSUM_SEED		0x46535700

/* Vector arguments, kept in the kernel image and read with the MMU off */
#define FSW_ARG_SELF_PAGE	0x00	/* phys of this instance's page */
#define FSW_ARG_TARGET_PAGE	0x04	/* phys of the page to resume */
#define FSW_ARG_SELF_ENTRY	0x08	/* phys cpu_resume, used on refusal */
#define FSW_ARG_POLL_ADDR	0x0c	/* wake when *addr & mask (0: none) */
#define FSW_ARG_POLL_MASK	0x10
#define FSW_ARG_STATUS		0x14	/* out: FSW_VEC_* */
#define FSW_ARG_DETAIL		0x18	/* out: what was found */
#define FSW_ARG_EXPECTED	0x1c	/* out: what was expected */
#define FSW_ARG_WAKE		0x20	/* out: FSW_WAKE_* */
#define FSW_ARG_TARGET_ID	0x24	/* id the target page must have */
#define FSW_ARG_DELAY_TICKS	0x28	/* u64: counter ticks to sleep first */
#define FSW_ARG_POLL_TICKS	0x30	/* u64: give up polling after this */
#define FSW_ARG_MODE		0x38	/* FSW_MODE_* */
#define FSW_ARG_BOOT_ENTRY	0x3c	/* boot: phys zImage start */
#define FSW_ARG_BOOT_DTB	0x40	/* boot: phys DTB */
#define FSW_ARG_RESET_FN	0x44	/* reset: PSCI SYSTEM_RESET id */
#define FSW_ARG_RESET_SMC	0x48	/* reset: 1 = smc, 0 = hvc */
#define FSW_ARG_SUMS		0x4c	/* phys of the sums block, or 0 */
#define FSW_ARG_TABLE		0x50	/* phys of the ownership table */
#define FSW_ARG_SIZE		0x58

/* What the vector does after saving this instance's registers */
#define FSW_MODE_RESUME		0	/* load target_page, jump to its entry */
#define FSW_MODE_BOOT		1	/* enter boot_entry as a boot loader does */
#define FSW_MODE_RESET		2	/* warm reset through PSCI SYSTEM_RESET */

/* Vector results */
#define FSW_VEC_OK		0
#define FSW_VEC_BAD_MAGIC	1
#define FSW_VEC_BAD_VERSION	2
#define FSW_VEC_BAD_CSUM	3
#define FSW_VEC_BAD_NR_REGS	4
#define FSW_VEC_NO_ENTRY	5
#define FSW_VEC_RESET_FAILED	6	/* SYSTEM_RESET returned */
#define FSW_VEC_BAD_ID		7	/* the target page is another's */
#define FSW_VEC_NOT_SLEEPING	8	/* the target is not asleep */
#define FSW_VEC_BAD_TABLE	9	/* the ownership table does not check */
#define FSW_VEC_ENTRY_NOT_OWN	10	/* resume entry outside its sections */
#define FSW_VEC_BAD_MODE	11	/* no such FSW_MODE_* */
#define FSW_VEC_BAD_REG		12	/* a register of the list is RAM */
#define FSW_VEC_SELF		0x80	/* or'ed in: the fault is in own page */

/* How the vector's sleep ended */
#define FSW_WAKE_DELAY		1	/* after the delay (0: immediate) */
#define FSW_WAKE_EVENT		2	/* the polled event came */
#define FSW_WAKE_TIMEOUT	3	/* the polled event did not come */

#ifndef __ASSEMBLY__

#ifdef __KERNEL__
#include <linux/types.h>
#endif

struct fsw_vector_args {
	u32 self_page;
	u32 target_page;
	u32 self_entry;
	u32 poll_addr;
	u32 poll_mask;
	u32 status;
	u32 detail;
	u32 expected;
	u32 wake;
	u32 target_id;
	u64 delay_ticks;
	u64 poll_ticks;
	u32 mode;
	u32 boot_entry;
	u32 boot_dtb;
	u32 reset_fn;
	u32 reset_smc;
	u32 sums;
	u32 table;
	u32 pad;
};

/* A physical range, for the sections an instance is booted with */
struct fsw_range {
	u64 base;
	u64 size;
};

/*
 * /chosen property of a kernel booted by Fastswitch: the ranges of the
 * sections that are its own (address and size cells of the root), from
 * its boot parameters, whatever the ownership table says.
 */
#define FSW_DT_MEMORY		"fastswitch,memory"

/* Continue the sum @sum over @n words: sum = rotl(sum, 1) + word */
static inline u32 fsw_sum(u32 sum, const u32 *w, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		sum = ((sum << 1) | (sum >> 31)) + w[i];
	return sum;
}

/*
 * The checksum of a block of @words 32-bit words is computed over all but
 * the last word, which holds it. The resume vector (fastswitch-vector.S)
 * computes the same with the MMU off, and sums whole sections with it.
 */
static inline u32 fsw_csum(const u32 *block, unsigned int words)
{
	return fsw_sum(FSW_CSUM_SEED, block, words ? words - 1 : 0);
}

static inline u32 fsw_pg_get(const u32 *pg, unsigned int off)
{
	return pg[off / 4];
}

/*
 * The checks the resume vector makes of a page, in its order
 * (fsw_vec_check in fastswitch-vector.S). Return: FSW_VEC_*, with what
 * was found and what was expected.
 */
static inline u32 fsw_page_check(const u32 *pg, u32 *found, u32 *expected)
{
	*found = fsw_pg_get(pg, FSW_PG_MAGIC);
	*expected = FSW_PAGE_MAGIC;
	if (*found != *expected)
		return FSW_VEC_BAD_MAGIC;
	*found = fsw_pg_get(pg, FSW_PG_VERSION);
	*expected = FSW_LAYOUT_VERSION;
	if (*found != *expected)
		return FSW_VEC_BAD_VERSION;
	*found = fsw_pg_get(pg, FSW_PG_NR_REGS);
	*expected = FSW_MAX_REGS;
	if (*found > *expected)
		return FSW_VEC_BAD_NR_REGS;
	*found = fsw_pg_get(pg, FSW_PG_RESUME_ENTRY);
	*expected = 0;
	if (!*found)
		return FSW_VEC_NO_ENTRY;
	*found = fsw_pg_get(pg, FSW_PG_CSUM);
	*expected = fsw_csum(pg, FSW_PG_SEALED_WORDS);
	if (*found != *expected)
		return FSW_VEC_BAD_CSUM;
	return FSW_VEC_OK;
}

/*
 * Can @pg belong to a live (running, sleeping or resuming) instance? Only
 * a page never written (every checked word zero) or one that checks and
 * says free cannot: a page with one flipped bit anywhere may.
 */
static inline bool fsw_page_may_be_live(const u32 *pg)
{
	u32 found, expected;
	unsigned int i;

	if (fsw_page_check(pg, &found, &expected) == FSW_VEC_OK)
		return fsw_pg_get(pg, FSW_PG_STATE) != FSW_STATE_FREE;
	for (i = 0; i < FSW_PG_SEALED_WORDS; i++)
		if (pg[i])
			return true;
	return false;
}

static inline u32 fsw_tbl_get(const u32 *t, unsigned int off)
{
	return t[off / 4];
}

static inline u32 fsw_tbl_owner(const u32 *t, unsigned int i)
{
	return fsw_tbl_get(t, FSW_TBL_ENTRIES + 4 * i) & FSW_OWNER_MASK;
}

static inline void fsw_tbl_set_owner(u32 *t, unsigned int i, u32 owner)
{
	t[FSW_TBL_ENTRIES / 4 + i] = owner & FSW_OWNER_MASK;
}

/* New table, every entry FSW_OWNER_NONE; the caller fills and seals it. */
static inline void fsw_tbl_init(u32 *t, u32 base, u32 nr, u32 section_bits)
{
	unsigned int i;

	for (i = 0; i < FSW_TABLE_SIZE / 4; i++)
		t[i] = 0;
	t[FSW_TBL_MAGIC / 4] = FSW_TABLE_MAGIC;
	t[FSW_TBL_VERSION / 4] = FSW_LAYOUT_VERSION;
	t[FSW_TBL_SECTION_BITS / 4] = section_bits;
	t[FSW_TBL_BASE / 4] = base;
	t[FSW_TBL_NR / 4] = nr;
	for (i = 0; i < nr; i++)
		fsw_tbl_set_owner(t, i, FSW_OWNER_NONE);
}

static inline void fsw_tbl_seal(u32 *t)
{
	t[FSW_TBL_GENERATION / 4]++;
	t[FSW_TBL_CSUM / 4] = fsw_csum(t, FSW_TABLE_SIZE / 4);
}

/*
 * Owner of the section that holds physical address @addr in the valid
 * table @t, FSW_OWNER_NONE outside the table. The resume vector looks up
 * a resume entry the same way (fsw_vec_owner in fastswitch-vector.S).
 */
static inline u32 fsw_tbl_owner_of(const u32 *t, u64 addr)
{
	u32 base = fsw_tbl_get(t, FSW_TBL_BASE);
	u32 bits = fsw_tbl_get(t, FSW_TBL_SECTION_BITS);
	u64 i;

	if (addr < base || bits > 31)
		return FSW_OWNER_NONE;
	i = (addr - base) >> bits;
	if (i >= fsw_tbl_get(t, FSW_TBL_NR))
		return FSW_OWNER_NONE;
	return fsw_tbl_owner(t, i);
}

/* Return: NULL if the table is valid, or what is wrong with it. */
static inline const char *fsw_tbl_check(const u32 *t, u32 section_bits)
{
	if (fsw_tbl_get(t, FSW_TBL_MAGIC) != FSW_TABLE_MAGIC)
		return "bad magic";
	if (fsw_tbl_get(t, FSW_TBL_VERSION) != FSW_LAYOUT_VERSION)
		return "bad version";
	if (fsw_tbl_get(t, FSW_TBL_SECTION_BITS) != section_bits)
		return "other section size";
	if (fsw_tbl_get(t, FSW_TBL_NR) > FSW_TBL_MAX_SECTIONS)
		return "bad section count";
	if (fsw_tbl_get(t, FSW_TBL_BASE) & ((1u << section_bits) - 1))
		return "unaligned base";
	if (fsw_tbl_get(t, FSW_TBL_CSUM) != fsw_csum(t, FSW_TABLE_SIZE / 4))
		return "bad checksum";
	return NULL;
}

/*
 * May a wake request enter instance @id? @region is the shared region
 * (header at offset 0). The checks of the vector for a target: the table
 * checks, the page checks, is @id's and says sleeping, its wake and
 * resume entries lie in @id's sections and none of its registers is RAM.
 * Used by the decompressor that takes the request and by the crashing
 * kernel that leaves it, so that both agree. Return: its page, or NULL.
 */
static inline const u32 *fsw_wake_page(const u32 *region, u32 id)
{
	const u32 *t = region + FSW_TABLE_OFFSET / 4;
	const u32 *pg = region + FSW_PAGE_OFFSET(id) / 4;
	u32 bits = fsw_tbl_get(t, FSW_TBL_SECTION_BITS);
	u32 found, expected, entry, i, n;
	const u32 *r;

	if (id >= FSW_MAX_INSTANCES || bits < 12 || bits > 31 ||
	    fsw_tbl_check(t, bits))
		return NULL;
	if (fsw_page_check(pg, &found, &expected) != FSW_VEC_OK ||
	    fsw_pg_get(pg, FSW_PG_ID) != id ||
	    fsw_pg_get(pg, FSW_PG_STATE) != FSW_STATE_SLEEPING)
		return NULL;
	entry = fsw_pg_get(pg, FSW_PG_WAKE_ENTRY);
	if (!entry || fsw_tbl_owner_of(t, entry) != id ||
	    fsw_tbl_owner_of(t, fsw_pg_get(pg, FSW_PG_RESUME_ENTRY)) != id)
		return NULL;
	n = fsw_pg_get(pg, FSW_PG_NR_REGS);
	for (i = 0; i < n; i++) {
		r = pg + (FSW_PG_REGS + i * FSW_REG_SIZE) / 4;
		if (fsw_tbl_owner_of(t, r[FSW_REG_ADDR / 4]) != FSW_OWNER_NONE)
			return NULL;
		if (((r[FSW_REG_WIDTH / 4] >> 16) & FSW_REGF_CLEAR_FIRST) &&
		    fsw_tbl_owner_of(t, r[FSW_REG_CLEAR / 4]) != FSW_OWNER_NONE)
			return NULL;
	}
	return pg;
}

#ifdef __KERNEL__
extern struct fsw_vector_args fastswitch_vector_args;
void fastswitch_vector(void);
void fastswitch_wake(void);
int fastswitch_region(phys_addr_t *base, phys_addr_t *size);
u32 fastswitch_instance_id(void);
int fastswitch_fdt_build(void *buf, size_t size, const char *cmdline,
			 u64 initrd, u64 initrd_size, u64 mem, u64 mem_size,
			 const struct fsw_range *own, unsigned int nr_own);
phys_addr_t fastswitch_resume_entry(void);
phys_addr_t fastswitch_wake_entry(void);

/* fastswitch_enter() flags, testing only */
#define FSW_ENTER_TEST_CPU_STUCK	0x1	/* a CPU never reports off */
int fastswitch_enter(struct fsw_vector_args *args, unsigned int flags);

#ifdef CONFIG_FASTSWITCH_SECTIONS
void fastswitch_sections_read_region(phys_addr_t region);
void fastswitch_sections_reserve(void);
void fastswitch_sections_remove(void);
void fastswitch_sections_lock(void);
void fastswitch_sections_unlock(void);
u32 *fastswitch_sections_table(unsigned int *nr, phys_addr_t *base);
const char *fastswitch_section_state(unsigned int i);
int fastswitch_sections_give(unsigned int first, unsigned int count, u32 owner,
			     int (*scrub)(phys_addr_t start, size_t size));
int fastswitch_sections_take(unsigned int first, unsigned int count);
#else
static inline void fastswitch_sections_read_region(phys_addr_t region) { }
static inline void fastswitch_sections_reserve(void) { }
static inline void fastswitch_sections_remove(void) { }
#endif

/* Lowmem not online is out of the linear map (arch/arm/mm/hotplug.c) */
#ifdef CONFIG_MEMORY_HOTPLUG
void arm_lowmem_sweep(void);
#else
static inline void arm_lowmem_sweep(void) { }
#endif
#endif

#endif /* __ASSEMBLY__ */
#endif /* __ASM_ARM_FASTSWITCH_H */
