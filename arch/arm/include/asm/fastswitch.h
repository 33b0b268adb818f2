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
 *
 * Every block ends with a checksum word over the rest of the block (see
 * fsw_csum()), so that the resume vector can check it with the MMU off.
 * The layout is documented in docs/instance-page.md; any change to it bumps
 * FSW_LAYOUT_VERSION.
 */
#ifndef __ASM_ARM_FASTSWITCH_H
#define __ASM_ARM_FASTSWITCH_H

#define FSW_LAYOUT_VERSION	1

#define FSW_REGION_MAGIC	0x52575346	/* "FSWR" */
#define FSW_PAGE_MAGIC		0x49575346	/* "FSWI" */

#define FSW_HDR_SIZE		0x1000
#define FSW_PAGE_SIZE		0x4000
#define FSW_MAX_INSTANCES	8
#define FSW_PAGE_OFFSET(id)	(FSW_HDR_SIZE + (id) * FSW_PAGE_SIZE)
#define FSW_REGION_MIN_SIZE	FSW_PAGE_OFFSET(FSW_MAX_INSTANCES)

/* Region header: word offsets in bytes */
#define FSW_HDR_MAGIC		0x00
#define FSW_HDR_VERSION		0x04
#define FSW_HDR_REGION_SIZE	0x08
#define FSW_HDR_PAGE_SIZE	0x0c
#define FSW_HDR_MAX_INSTANCES	0x10
#define FSW_HDR_RUNNING		0x14	/* id of the running instance */
#define FSW_HDR_CSUM		(FSW_HDR_SIZE - 4)

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
#define FSW_PG_RELEASE		0x40	/* uname -r, NUL-terminated */
#define FSW_PG_RELEASE_LEN	64
#define FSW_PG_REGS		0x80
#define FSW_PG_CSUM		(FSW_PAGE_SIZE - 4)

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

/* Instance states */
#define FSW_STATE_FREE		0
#define FSW_STATE_RUNNING	1
#define FSW_STATE_SLEEPING	2
#define FSW_STATE_RESUMING	3

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
#define FSW_ARG_PAD		0x24
#define FSW_ARG_DELAY_TICKS	0x28	/* u64: counter ticks to sleep first */
#define FSW_ARG_POLL_TICKS	0x30	/* u64: give up polling after this */
#define FSW_ARG_SIZE		0x38

/* Vector results */
#define FSW_VEC_OK		0
#define FSW_VEC_BAD_MAGIC	1
#define FSW_VEC_BAD_VERSION	2
#define FSW_VEC_BAD_CSUM	3
#define FSW_VEC_BAD_NR_REGS	4
#define FSW_VEC_NO_ENTRY	5
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
	u32 pad;
	u64 delay_ticks;
	u64 poll_ticks;
};

/*
 * The checksum of a block of @words 32-bit words is computed over all but
 * the last word, which holds it: sum = rotl(sum, 1) + word. The resume
 * vector (fastswitch-vector.S) computes the same with the MMU off.
 */
static inline u32 fsw_csum(const u32 *block, unsigned int words)
{
	u32 sum = FSW_CSUM_SEED;
	unsigned int i;

	for (i = 0; i + 1 < words; i++)
		sum = ((sum << 1) | (sum >> 31)) + block[i];
	return sum;
}

#ifdef __KERNEL__
extern struct fsw_vector_args fastswitch_vector_args;
void fastswitch_vector(void);
int fastswitch_region(phys_addr_t *base, phys_addr_t *size);
phys_addr_t fastswitch_resume_entry(void);
int fastswitch_enter(struct fsw_vector_args *args);
#endif

#endif /* __ASSEMBLY__ */
#endif /* __ASM_ARM_FASTSWITCH_H */
