/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fastswitch section sums, for tests: with "inject sums" the resume
 * vector calls fsw_vec_sums just after it saved the leaving instance, with
 * the MMU and caches off. It sums every section of the ownership table's
 * range into the sums block of the shared region, so that the next kernel
 * can tell which sections changed while the instance slept (the section
 * holding its stack changes once cpu_suspend() has run, so the sums
 * cannot be taken earlier, with the MMU on). Kept apart from the
 * hand-off itself, which calls nothing else here.
 */
#include <linux/linkage.h>
#include <asm/assembler.h>
#include <asm/fastswitch.h>

	.arm
	.text
	.align	5

/*
 * r8 = sums block (FSW_SUMS_*): sum each section of the range its header
 * gives, over all its words, into the block's entries. Clobbers r0-r3,
 * r6, r7, r9.
 */
ENTRY(fsw_vec_sums)
	mov	r7, lr
	mov	r9, #0
1:	ldr	r0, [r8, #FSW_SUMS_HDR_NR]
	cmp	r9, r0
	bhs	9f
	ldr	r3, [r8, #FSW_SUMS_HDR_BITS]
	ldr	r6, [r8, #FSW_SUMS_HDR_BASE]
	mov	r1, #1
	lsl	r1, r1, r3			@ section size in bytes
	lsr	r1, r1, #2
	add	r1, r1, #1			@ csum leaves out the last word
	lsl	r0, r9, r3
	add	r0, r0, r6
	bl	fsw_vec_csum
	add	r2, r8, #FSW_SUMS_ENTRIES
	str	r0, [r2, r9, lsl #2]
	add	r9, r9, #1
	b	1b
9:	ldr	r0, [r8, #FSW_SUMS_HDR_COUNT]
	add	r0, r0, #1
	str	r0, [r8, #FSW_SUMS_HDR_COUNT]
	ret	r7
ENDPROC(fsw_vec_sums)
	.ltorg
