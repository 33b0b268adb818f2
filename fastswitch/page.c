// SPDX-License-Identifier: GPL-2.0
/*
 * Instance pages and the region header: see asm/fastswitch.h for the layout
 * and docs/instance-page.md for its description.
 */
#include "page.h"

#define HDR_WORDS	(FSW_HDR_SIZE / 4)

/* Seal the header whatever its layout version (tests: inject skew-header) */
void fsw_hdr_seal_as_is(u32 *hdr)
{
	fsw_put(hdr, FSW_HDR_CSUM, fsw_csum(hdr, HDR_WORDS));
}

/*
 * Seal the header after a change. One of another layout version is never
 * sealed: it belongs to a kernel this one cannot read (docs/abi.md), and a
 * word this kernel wrote into it must leave it failing that kernel's
 * check, not sealed as if that kernel had written it.
 */
void fsw_hdr_seal(u32 *hdr)
{
	if (fsw_get(hdr, FSW_HDR_VERSION) != FSW_LAYOUT_VERSION)
		return;
	fsw_hdr_seal_as_is(hdr);
}

void fsw_hdr_init(u32 *hdr, u32 region_size, u32 running)
{
	memset(hdr, 0, FSW_HDR_SIZE);
	fsw_put(hdr, FSW_HDR_MAGIC, FSW_REGION_MAGIC);
	fsw_put(hdr, FSW_HDR_VERSION, FSW_LAYOUT_VERSION);
	fsw_put(hdr, FSW_HDR_REGION_SIZE, region_size);
	fsw_put(hdr, FSW_HDR_PAGE_SIZE, FSW_PAGE_SIZE);
	fsw_put(hdr, FSW_HDR_MAX_INSTANCES, FSW_MAX_INSTANCES);
	fsw_put(hdr, FSW_HDR_RUNNING, running);
	fsw_hdr_seal(hdr);
}

/*
 * Is @hdr the header of a kernel of another layout version? Its magic says
 * it is a header, its version is not this kernel's. Its checksum does not
 * matter: it is stale while this kernel updates its own.
 */
bool fsw_hdr_other_layout(const u32 *hdr)
{
	return fsw_get(hdr, FSW_HDR_MAGIC) == FSW_REGION_MAGIC &&
	       fsw_get(hdr, FSW_HDR_VERSION) != FSW_LAYOUT_VERSION;
}

/* Return: 0 if the header is valid for a region of @region_size bytes */
int fsw_hdr_check(const u32 *hdr, u32 region_size)
{
	if (fsw_get(hdr, FSW_HDR_MAGIC) != FSW_REGION_MAGIC ||
	    fsw_get(hdr, FSW_HDR_VERSION) != FSW_LAYOUT_VERSION ||
	    fsw_get(hdr, FSW_HDR_REGION_SIZE) != region_size ||
	    fsw_get(hdr, FSW_HDR_PAGE_SIZE) != FSW_PAGE_SIZE ||
	    fsw_get(hdr, FSW_HDR_MAX_INSTANCES) != FSW_MAX_INSTANCES ||
	    fsw_get(hdr, FSW_HDR_CSUM) != fsw_csum(hdr, HDR_WORDS))
		return -EINVAL;
	return 0;
}

void fsw_page_seal(u32 *pg)
{
	fsw_put(pg, FSW_PG_CSUM, fsw_csum(pg, FSW_PG_SEALED_WORDS));
}

void fsw_page_init(u32 *pg, u32 id, u32 entry, u32 cnt_freq,
		   const char *release)
{
	size_t n = strlen(release);

	memset(pg, 0, FSW_PAGE_SIZE);
	fsw_put(pg, FSW_PG_MAGIC, FSW_PAGE_MAGIC);
	fsw_put(pg, FSW_PG_VERSION, FSW_LAYOUT_VERSION);
	fsw_put(pg, FSW_PG_ID, id);
	fsw_put(pg, FSW_PG_STATE, FSW_STATE_RUNNING);
	fsw_put(pg, FSW_PG_RESUME_ENTRY, entry);
	fsw_put(pg, FSW_PG_CNT_FREQ, cnt_freq);
	if (n >= FSW_PG_RELEASE_LEN)
		n = FSW_PG_RELEASE_LEN - 1;
	memcpy((char *)pg + FSW_PG_RELEASE, release, n);
	fsw_page_seal(pg);
}

/* Can @regs be an instance page's register list? */
int fsw_regs_check(const struct fsw_reg_init *regs, unsigned int n)
{
	unsigned int i;

	if (n > FSW_MAX_REGS)
		return -E2BIG;
	for (i = 0; i < n; i++) {
		if (regs[i].width != 1 && regs[i].width != 2 &&
		    regs[i].width != 4)
			return -EINVAL;
		if (regs[i].addr % regs[i].width)
			return -EINVAL;
	}
	return 0;
}

/* Replace the register list; values start at zero. Does not seal. */
int fsw_page_set_regs(u32 *pg, const struct fsw_reg_init *regs,
		      unsigned int n)
{
	unsigned int i;
	int ret;

	ret = fsw_regs_check(regs, n);
	if (ret)
		return ret;
	memset((char *)pg + FSW_PG_REGS, 0, FSW_PG_CSUM - FSW_PG_REGS);
	for (i = 0; i < n; i++) {
		unsigned int off = FSW_PG_REGS + i * FSW_REG_SIZE;

		fsw_put(pg, off + FSW_REG_ADDR, regs[i].addr);
		fsw_put(pg, off + FSW_REG_WIDTH,
			regs[i].width | (u32)regs[i].flags << 16);
		fsw_put(pg, off + FSW_REG_CLEAR, regs[i].clear);
	}
	fsw_put(pg, FSW_PG_NR_REGS, n);
	return 0;
}

const char *fsw_state_name(u32 state)
{
	switch (state) {
	case FSW_STATE_FREE:
		return "free";
	case FSW_STATE_RUNNING:
		return "running";
	case FSW_STATE_SLEEPING:
		return "sleeping";
	case FSW_STATE_RESUMING:
		return "resuming";
	case FSW_STATE_CRASHED:
		return "crashed";
	}
	return "invalid";
}

const char *fsw_vec_status_name(u32 status)
{
	switch (status & ~FSW_VEC_SELF) {
	case FSW_VEC_OK:
		return "ok";
	case FSW_VEC_BAD_MAGIC:
		return "bad magic";
	case FSW_VEC_BAD_VERSION:
		return "bad version";
	case FSW_VEC_BAD_CSUM:
		return "bad checksum";
	case FSW_VEC_BAD_NR_REGS:
		return "bad register count";
	case FSW_VEC_NO_ENTRY:
		return "no resume entry";
	case FSW_VEC_RESET_FAILED:
		return "warm reset failed";
	case FSW_VEC_BAD_ID:
		return "page of another instance";
	case FSW_VEC_NOT_SLEEPING:
		return "not sleeping";
	case FSW_VEC_BAD_TABLE:
		return "invalid ownership table";
	case FSW_VEC_ENTRY_NOT_OWN:
		return "resume entry outside its sections";
	case FSW_VEC_BAD_MODE:
		return "unknown mode";
	case FSW_VEC_BAD_REG:
		return "a register in RAM";
	}
	return "unknown fault";
}
