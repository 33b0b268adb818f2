/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fastswitch resume vector.
 *
 * Entered through cpu_reset() with the MMU and caches off, IRQs and FIQs
 * masked, on the last CPU left (the boot CPU), at the point where a platform
 * would have gone to sleep and later jumped to the resume routine. It does
 * what the platform's wake-up would, for the instance chosen to resume:
 *
 *  1. check this instance's page and, to resume another instance, the
 *     target's page (magic, version, register count, resume entry,
 *     checksum), that it is the target's and says sleeping, that its
 *     resume entry lies in a section the ownership table gives to the
 *     target and that none of its registers is RAM; on any error, or an
 *     unknown mode, write the reason into fastswitch_vector_args and
 *     resume this instance;
 *  2. save this instance's mandatory resume registers into its page and
 *     mark it sleeping;
 *  3. then, by mode:
 *     FSW_MODE_RESUME: sleep (wait the configured delay, then poll for the
 *       wake-up event), load the target's mandatory resume registers from
 *       its page, if asked (testing) sum every section, invalidate the
 *       I-cache and branch predictor, record the hand-off (entry and jump
 *       counter) in the page's unsealed tail, and jump to the target's
 *       physical resume entry (its cpu_resume); the boot modes sum the
 *       sections first as well;
 *     FSW_MODE_BOOT: enter a new kernel the way a boot loader (or arm
 *       kexec) does: r0 = 0, r1 = ~0 (no machine number), r2 = its DTB;
 *     FSW_MODE_RESET: order a warm reset (PSCI SYSTEM_RESET); the boot
 *       loader runs and the initial instance's decompressor takes the boot
 *       request the module left in the region header.
 *
 * Everything is PC-relative or read from the pages: this code runs at its
 * physical address. Register use in the main body: r4 = own page,
 * r5 = target page (own page after a refusal), r10/r11 = counter at
 * entry, r12 = vector arguments. The helpers clobber r0-r3, r6 and r7
 * only (fsw_vec_sums and fsw_vec_regs also r8, r9; fsw_vec_resume_target
 * also r8).
 */
#include <linux/linkage.h>
#include <asm/assembler.h>
#include <asm/fastswitch.h>

	.arch_extension	sec
	.arch_extension	virt
	.arm
	.text
	.align	5

/*
 * Testing: sum every section (fastswitch-sums.S) when the module asked,
 * after the last write into the leaving instance's memory (its page and
 * fastswitch_vector_args are written by then), so that the next kernel
 * sees exactly what it changed. Clobbers r0-r3, r6-r9.
 */
	.macro	sums_if_asked
	ldr	r8, [r12, #FSW_ARG_SUMS]
	cmp	r8, #0
	blne	fsw_vec_sums
	.endm

ENTRY(fastswitch_vector)
	adr_l	r12, fastswitch_vector_args
	mrrc	p15, 1, r10, r11, c14		@ CNTVCT at entry
	ldr	r4, [r12, #FSW_ARG_SELF_PAGE]
	ldr	r5, [r12, #FSW_ARG_TARGET_PAGE]

	mov	r0, r4
	bl	fsw_vec_check
	cmp	r0, #FSW_VEC_OK
	orrne	r0, r0, #FSW_VEC_SELF
	bne	.Lrefuse
	ldr	r1, [r12, #FSW_ARG_MODE]
	mov	r2, #FSW_MODE_RESET
	cmp	r1, r2
	movhi	r0, #FSW_VEC_BAD_MODE		@ no such mode
	bhi	.Lrefuse
	cmp	r1, #FSW_MODE_RESUME
	bne	1f				@ no page to check for a boot
	cmp	r5, r4
	beq	1f				@ a cycle of this instance
	mov	r0, r5
	bl	fsw_vec_check
	cmp	r0, #FSW_VEC_OK
	bne	.Lrefuse
	ldr	r1, [r5, #FSW_PG_ID]		@ the target's page
	ldr	r2, [r12, #FSW_ARG_TARGET_ID]
	cmp	r1, r2
	movne	r0, #FSW_VEC_BAD_ID
	bne	.Lrefuse
	ldr	r1, [r5, #FSW_PG_STATE]		@ asleep
	mov	r2, #FSW_STATE_SLEEPING
	cmp	r1, r2
	movne	r0, #FSW_VEC_NOT_SLEEPING
	bne	.Lrefuse
	ldr	r0, [r12, #FSW_ARG_TABLE]	@ a table to check it against
	bl	fsw_vec_table
	cmp	r0, #FSW_VEC_OK
	bne	.Lrefuse
	ldr	r0, [r12, #FSW_ARG_TABLE]	@ its entry in its sections
	ldr	r1, [r5, #FSW_PG_RESUME_ENTRY]
	bl	fsw_vec_owner_of
	ldr	r2, [r12, #FSW_ARG_TARGET_ID]
	cmp	r1, r2
	movne	r0, #FSW_VEC_ENTRY_NOT_OWN
	bne	.Lrefuse
	mov	r0, r5				@ its registers not in RAM
	bl	fsw_vec_regs
	cmp	r0, #FSW_VEC_OK
	bne	.Lrefuse
1:

	mov	r0, r4				@ save own registers
	bl	fsw_vec_save
	str	r10, [r4, #FSW_PG_SUSPEND_CNT]
	str	r11, [r4, #FSW_PG_SUSPEND_CNT + 4]
	ldr	r0, [r4, #FSW_PG_VECTOR_COUNT]
	add	r0, r0, #1
	str	r0, [r4, #FSW_PG_VECTOR_COUNT]
	mov	r0, #FSW_STATE_SLEEPING
	str	r0, [r4, #FSW_PG_STATE]
	mov	r0, r4
	bl	fsw_vec_seal

	ldr	r0, [r12, #FSW_ARG_MODE]
	cmp	r0, #FSW_MODE_BOOT
	beq	.Lboot
	cmp	r0, #FSW_MODE_RESET
	beq	.Lreset

	bl	fsw_vec_sleep

	bl	fsw_vec_resume_target		@ the target's registers
	sums_if_asked
	ldr	r6, [r5, #FSW_PG_RESUME_ENTRY]
	b	.Ljump

.Lboot:
	sums_if_asked
	ldr	r6, [r12, #FSW_ARG_BOOT_ENTRY]
	ldr	r2, [r12, #FSW_ARG_BOOT_DTB]
	mov	r0, #0
	mvn	r1, #0				@ ~0: no machine number, DT boot
	b	.Lenter

.Lreset:
	sums_if_asked
	ldr	r0, [r12, #FSW_ARG_RESET_FN]
	ldr	r6, [r12, #FSW_ARG_RESET_SMC]
	mov	r1, #0
	mov	r2, #0
	mov	r3, #0
	dsb
	cmp	r6, #0				@ HVC and SMC are never conditional
	bne	2f
	hvc	#0
	b	3f
2:	smc	#0
3:	mov	r0, #FSW_VEC_RESET_FAILED	@ SYSTEM_RESET never returns:
	mov	r1, #0				@ resume this instance, whose
	mov	r2, #0				@ module rewrites its page

.Lrefuse:
	str	r0, [r12, #FSW_ARG_STATUS]
	str	r1, [r12, #FSW_ARG_DETAIL]
	str	r2, [r12, #FSW_ARG_EXPECTED]
	ldr	r6, [r12, #FSW_ARG_SELF_ENTRY]
	mov	r5, r4				@ this instance resumes
.Ljump:
	bl	fsw_vec_flush
	ldr	r3, =FSW_PG_HANDOFF_ENTRY	@ the unsealed tail of the page
	add	r3, r5, r3
	str	r10, [r3]			@ the hand-off: from the entry ...
	str	r11, [r3, #4]
	isb
	mrrc	p15, 1, r0, r1, c14		@ ... to the jump
	str	r0, [r3, #8]
	str	r1, [r3, #12]
	dsb
	mov	r0, #0
	mov	r1, #0
	mov	r2, #0
	ret	r6

.Lenter:					@ r0-r2: boot arguments
	bl	fsw_vec_flush
	ret	r6
ENDPROC(fastswitch_vector)

/*
 * Wake after a reset: an instance crashed and this one, asleep, is the one
 * it returns to (docs/crash.md). Entered by the initial instance's
 * decompressor, which took the wake request from the region header and
 * checked this instance's page (magic, version, checksum, id, sleeping,
 * this entry in its sections), with the MMU and caches off, r2 = the page.
 * The platform was reset, as it would be after a sleep that lost its
 * state: load this instance's mandatory registers from its page and jump
 * to its resume entry, as the vector does for a target. No section is
 * summed: nothing of another instance is compared after a crash.
 */
ENTRY(fastswitch_wake)
	mrrc	p15, 1, r10, r11, c14		@ CNTVCT at entry
	mov	r4, r2
	mov	r5, r2
	mov	r0, r5				@ checked again: it is our page
	bl	fsw_vec_check
	cmp	r0, #FSW_VEC_OK
	bne	1f
	ldr	r0, [r5, #FSW_PG_WAKE_ENTRY]
	adr	r1, fastswitch_wake
	cmp	r0, r1
	bne	1f
	bl	fsw_vec_resume_target
	ldr	r6, [r5, #FSW_PG_RESUME_ENTRY]
	b	.Ljump				@ r5 page, r6 entry, r10/r11 start
1:	wfi					@ not ours: nothing to resume
	b	1b
ENDPROC(fastswitch_wake)

/*
 * r5 = page of the instance to resume: write back its mandatory registers,
 * count the resume and mark it resuming. Clobbers r0-r3, r6-r8.
 */
fsw_vec_resume_target:
	mov	r8, lr
	mov	r0, r5
	bl	fsw_vec_load
	mrrc	p15, 1, r0, r1, c14
	str	r0, [r5, #FSW_PG_RESUME_CNT]
	str	r1, [r5, #FSW_PG_RESUME_CNT + 4]
	ldr	r0, [r5, #FSW_PG_RESUME_COUNT]
	add	r0, r0, #1
	str	r0, [r5, #FSW_PG_RESUME_COUNT]
	mov	r0, #FSW_STATE_RESUMING
	str	r0, [r5, #FSW_PG_STATE]
	mov	r0, r5
	bl	fsw_vec_seal
	ret	r8
ENDPROC(fsw_vec_resume_target)

/* Nothing stale may run after the jump: I-cache, branch predictor. */
fsw_vec_flush:
	dsb
	mov	r3, #0
	mcr	p15, 0, r3, c7, c5, 0		@ ICIALLU
	mcr	p15, 0, r3, c7, c5, 6		@ BPIALL
	dsb
	isb
	ret	lr
ENDPROC(fsw_vec_flush)

/*
 * r0 = ownership table: r0 = FSW_VEC_OK if it checks (magic, version,
 * section count and size, base alignment, checksum), else
 * FSW_VEC_BAD_TABLE with r1 = the value found, r2 = the one expected.
 * Clobbers r3, r6, r7.
 */
fsw_vec_table:
	mov	r7, lr
	mov	r6, r0
	ldr	r1, [r6, #FSW_TBL_MAGIC]
	ldr	r2, =FSW_TABLE_MAGIC
	cmp	r1, r2
	bne	9f
	ldr	r1, [r6, #FSW_TBL_VERSION]
	mov	r2, #FSW_LAYOUT_VERSION
	cmp	r1, r2
	bne	9f
	ldr	r1, [r6, #FSW_TBL_NR]
	ldr	r2, =FSW_TBL_MAX_SECTIONS
	cmp	r1, r2
	bhi	9f
	ldr	r1, [r6, #FSW_TBL_SECTION_BITS]	@ 4 KiB .. 2 GiB sections
	mov	r2, #31
	cmp	r1, r2
	bhi	9f
	mov	r2, #12
	cmp	r1, r2
	blo	9f
	mov	r2, #1
	lsl	r2, r2, r1
	sub	r2, r2, #1
	ldr	r1, [r6, #FSW_TBL_BASE]		@ at a section boundary
	tst	r1, r2
	bic	r2, r1, r2
	bne	9f
	mov	r0, r6
	mov	r1, #(FSW_TABLE_SIZE / 4)
	bl	fsw_vec_csum
	mov	r2, r0
	ldr	r3, =FSW_TBL_CSUM
	ldr	r1, [r6, r3]
	cmp	r1, r2
	moveq	r0, #FSW_VEC_OK
	reteq	r7
9:	mov	r0, #FSW_VEC_BAD_TABLE
	ret	r7
ENDPROC(fsw_vec_table)

/*
 * r0 = a table that checks, r1 = physical address: r1 = the owner of the
 * section holding it, FSW_OWNER_NONE outside the table. Same as
 * fsw_tbl_owner_of(). Clobbers r2, r3.
 */
fsw_vec_owner_of:
	ldr	r2, [r0, #FSW_TBL_BASE]
	subs	r1, r1, r2			@ offset from the table's base
	bcc	9f
	ldr	r3, [r0, #FSW_TBL_SECTION_BITS]
	lsr	r1, r1, r3			@ section index
	ldr	r2, [r0, #FSW_TBL_NR]
	cmp	r1, r2
	bhs	9f
	add	r2, r0, #FSW_TBL_ENTRIES
	ldr	r1, [r2, r1, lsl #2]
	and	r1, r1, #FSW_OWNER_MASK
	ret	lr
9:	mov	r1, #FSW_OWNER_NONE
	ret	lr
ENDPROC(fsw_vec_owner_of)

/*
 * r0 = page, with the checked table at FSW_ARG_TABLE (r12): r0 =
 * FSW_VEC_OK if no register of its list, nor a clear register, lies in a
 * section of the table (registers are devices, never anyone's RAM), else
 * FSW_VEC_BAD_REG with r1 = that address, r2 = 0. Clobbers r3, r6-r9.
 */
fsw_vec_regs:
	mov	r9, lr
	ldr	r7, [r0, #FSW_PG_NR_REGS]
	add	r6, r0, #FSW_PG_REGS
	ldr	r8, [r12, #FSW_ARG_TABLE]
1:	subs	r7, r7, #1
	bmi	8f
	mov	r0, r8
	ldr	r1, [r6, #FSW_REG_ADDR]
	bl	fsw_vec_owner_of
	cmp	r1, #FSW_OWNER_NONE
	ldrne	r1, [r6, #FSW_REG_ADDR]
	bne	9f
	ldrh	r3, [r6, #FSW_REG_FLAGS]
	tst	r3, #FSW_REGF_CLEAR_FIRST
	beq	2f
	mov	r0, r8
	ldr	r1, [r6, #FSW_REG_CLEAR]
	bl	fsw_vec_owner_of
	cmp	r1, #FSW_OWNER_NONE
	ldrne	r1, [r6, #FSW_REG_CLEAR]
	bne	9f
2:	add	r6, r6, #FSW_REG_SIZE
	b	1b
8:	mov	r0, #FSW_VEC_OK
	ret	r9
9:	mov	r0, #FSW_VEC_BAD_REG
	mov	r2, #0
	ret	r9
ENDPROC(fsw_vec_regs)


/*
 * r0 = block, r1 = number of words (> 1): r0 = checksum of all words but
 * the last. Same as fsw_csum() in asm/fastswitch.h.
 */
ENTRY(fsw_vec_csum)
	ldr	r2, =FSW_CSUM_SEED
	sub	r1, r1, #1
1:	ldr	r3, [r0], #4
	add	r2, r3, r2, ror #31		@ sum = rotl(sum, 1) + word
	subs	r1, r1, #1
	bne	1b
	mov	r0, r2
	ret	lr
ENDPROC(fsw_vec_csum)

/* r0 = page: r0 = FSW_VEC_*, r1 = value found, r2 = value expected */
fsw_vec_check:
	mov	r7, lr
	mov	r6, r0
	ldr	r1, [r6, #FSW_PG_MAGIC]
	ldr	r2, =FSW_PAGE_MAGIC
	cmp	r1, r2
	movne	r0, #FSW_VEC_BAD_MAGIC
	bne	9f
	ldr	r1, [r6, #FSW_PG_VERSION]
	mov	r2, #FSW_LAYOUT_VERSION
	cmp	r1, r2
	movne	r0, #FSW_VEC_BAD_VERSION
	bne	9f
	ldr	r1, [r6, #FSW_PG_NR_REGS]
	ldr	r2, =FSW_MAX_REGS
	cmp	r1, r2
	movhi	r0, #FSW_VEC_BAD_NR_REGS
	bhi	9f
	ldr	r1, [r6, #FSW_PG_RESUME_ENTRY]
	mov	r2, #0
	cmp	r1, #0
	moveq	r0, #FSW_VEC_NO_ENTRY
	beq	9f
	mov	r0, r6
	ldr	r1, =FSW_PG_SEALED_WORDS
	bl	fsw_vec_csum
	mov	r2, r0
	ldr	r3, =FSW_PG_CSUM
	ldr	r1, [r6, r3]
	cmp	r1, r2
	movne	r0, #FSW_VEC_BAD_CSUM
	moveq	r0, #FSW_VEC_OK
9:	ret	r7
ENDPROC(fsw_vec_check)

/* r0 = page: store its checksum */
fsw_vec_seal:
	mov	r7, lr
	mov	r6, r0
	ldr	r1, =FSW_PG_SEALED_WORDS
	bl	fsw_vec_csum
	ldr	r3, =FSW_PG_CSUM
	str	r0, [r6, r3]
	ret	r7
ENDPROC(fsw_vec_seal)

/* r0 = page: read every register of its list into the list */
fsw_vec_save:
	ldr	r1, [r0, #FSW_PG_NR_REGS]
	add	r0, r0, #FSW_PG_REGS
1:	subs	r1, r1, #1
	bmi	9f
	ldr	r2, [r0, #FSW_REG_ADDR]
	ldrh	r3, [r0, #FSW_REG_WIDTH]
	mov	r6, #0
	cmp	r3, #4
	ldreq	r6, [r2]
	cmp	r3, #2
	ldrheq	r6, [r2]
	cmp	r3, #1
	ldrbeq	r6, [r2]
	str	r6, [r0, #FSW_REG_VALUE]
	add	r0, r0, #FSW_REG_SIZE
	b	1b
9:	ret	lr
ENDPROC(fsw_vec_save)

/* r0 = page: write back every register flagged FSW_REGF_RESTORE */
fsw_vec_load:
	ldr	r1, [r0, #FSW_PG_NR_REGS]
	add	r0, r0, #FSW_PG_REGS
1:	subs	r1, r1, #1
	bmi	9f
	ldrh	r3, [r0, #FSW_REG_FLAGS]
	tst	r3, #FSW_REGF_RESTORE
	beq	2f
	tst	r3, #FSW_REGF_CLEAR_FIRST
	ldrne	r2, [r0, #FSW_REG_CLEAR]
	mvnne	r6, #0
	strne	r6, [r2]			@ clear registers are 32-bit
	ldr	r2, [r0, #FSW_REG_ADDR]
	ldr	r6, [r0, #FSW_REG_VALUE]
	ldrh	r3, [r0, #FSW_REG_WIDTH]
	cmp	r3, #4
	streq	r6, [r2]
	cmp	r3, #2
	strheq	r6, [r2]
	cmp	r3, #1
	strbeq	r6, [r2]
2:	add	r0, r0, #FSW_REG_SIZE
	b	1b
9:	dsb
	ret	lr
ENDPROC(fsw_vec_load)

/*
 * The platform's sleep: wait delay_ticks, then, if poll_addr is set, until
 * (*poll_addr & poll_mask) or poll_ticks have passed. Deadlines are 64-bit
 * counter values, so no wait wraps. Writes how it woke into FSW_ARG_WAKE.
 * Uses r12 = vector arguments.
 */
fsw_vec_sleep:
	mrrc	p15, 1, r6, r7, c14		@ deadline = now + delay
	ldr	r0, [r12, #FSW_ARG_DELAY_TICKS]
	ldr	r1, [r12, #FSW_ARG_DELAY_TICKS + 4]
	adds	r6, r6, r0
	adc	r7, r7, r1
1:	mrrc	p15, 1, r2, r3, c14
	subs	r2, r2, r6
	sbcs	r3, r3, r7
	bmi	1b				@ now < deadline
	mov	r2, #FSW_WAKE_DELAY
	ldr	r0, [r12, #FSW_ARG_POLL_ADDR]
	cmp	r0, #0
	beq	9f
	mrrc	p15, 1, r6, r7, c14		@ deadline = now + poll time
	ldr	r2, [r12, #FSW_ARG_POLL_TICKS]
	ldr	r3, [r12, #FSW_ARG_POLL_TICKS + 4]
	adds	r6, r6, r2
	adc	r7, r7, r3
	ldr	r1, [r12, #FSW_ARG_POLL_MASK]
2:	ldr	r2, [r0]
	tst	r2, r1
	movne	r2, #FSW_WAKE_EVENT
	bne	9f
	mrrc	p15, 1, r2, r3, c14
	subs	r2, r2, r6
	sbcs	r3, r3, r7
	bmi	2b
	mov	r2, #FSW_WAKE_TIMEOUT
9:	str	r2, [r12, #FSW_ARG_WAKE]
	ret	lr
ENDPROC(fsw_vec_sleep)
	.ltorg
