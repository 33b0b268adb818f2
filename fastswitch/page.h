/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Instance pages and the region header: building, sealing and checking the
 * blocks described in asm/fastswitch.h. Pure logic on 32-bit words, also
 * built on the host for unit tests.
 */
#ifndef FSW_PAGE_H
#define FSW_PAGE_H

#include "compat.h"
#include <asm/fastswitch.h>

struct fsw_reg_init {
	u32 addr;
	u16 width;
	u16 flags;
	u32 clear;
};

static inline u32 fsw_get(const u32 *blk, unsigned int off)
{
	return blk[off / 4];
}

static inline void fsw_put(u32 *blk, unsigned int off, u32 val)
{
	blk[off / 4] = val;
}

static inline u64 fsw_get64(const u32 *blk, unsigned int off)
{
	return fsw_get(blk, off) | (u64)fsw_get(blk, off + 4) << 32;
}

static inline void fsw_put64(u32 *blk, unsigned int off, u64 val)
{
	fsw_put(blk, off, (u32)val);
	fsw_put(blk, off + 4, (u32)(val >> 32));
}

void fsw_hdr_init(u32 *hdr, u32 region_size, u32 running);
int fsw_hdr_check(const u32 *hdr, u32 region_size);
bool fsw_hdr_other_layout(const u32 *hdr);
void fsw_hdr_seal(u32 *hdr);
void fsw_hdr_seal_as_is(u32 *hdr);

void fsw_page_init(u32 *pg, u32 id, u32 entry, u32 cnt_freq,
		   const char *release);
int fsw_regs_check(const struct fsw_reg_init *regs, unsigned int n);
int fsw_page_set_regs(u32 *pg, const struct fsw_reg_init *regs,
		      unsigned int n);
void fsw_page_seal(u32 *pg);

const char *fsw_state_name(u32 state);
const char *fsw_vec_status_name(u32 status);

#endif
