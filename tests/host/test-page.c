// SPDX-License-Identifier: GPL-2.0
/* Host unit tests of the instance page layout (fastswitch/page.c) */
#include <stddef.h>
#include <stdlib.h>
#include "page.h"
#include "ktap.h"

static u32 rotl1(u32 x)
{
	return x << 1 | x >> 31;
}

int main(void)
{
	u32 *pg = calloc(1, FSW_PAGE_SIZE), *hdr = calloc(1, FSW_HDR_SIZE);
	struct fsw_reg_init regs[3] = {
		{ 0x08000000, 4, FSW_REGF_RESTORE, 0 },
		{ 0x08000100, 4, FSW_REGF_RESTORE | FSW_REGF_CLEAR_FIRST, 0x08000180 },
		{ 0x09000002, 2, 0, 0 },
	};
	struct fsw_reg_init *many;
	u32 found, expected, two[2] = { 0x12345678, 0 };
	unsigned int w, flips = 0, caught = 0;

	KTAP_PLAN(23);

	KTAP_CHECK(fsw_csum(two, 2) == rotl1(FSW_CSUM_SEED) + 0x12345678,
		   "checksum of one word: rotl(seed, 1) + word");
	KTAP_CHECK(offsetof(struct fsw_vector_args, status) == FSW_ARG_STATUS &&
		   offsetof(struct fsw_vector_args, wake) == FSW_ARG_WAKE &&
		   offsetof(struct fsw_vector_args, mode) == FSW_ARG_MODE &&
		   offsetof(struct fsw_vector_args, boot_entry) == FSW_ARG_BOOT_ENTRY &&
		   offsetof(struct fsw_vector_args, reset_fn) == FSW_ARG_RESET_FN &&
		   offsetof(struct fsw_vector_args, sums) == FSW_ARG_SUMS &&
		   offsetof(struct fsw_vector_args, target_id) == FSW_ARG_TARGET_ID &&
		   offsetof(struct fsw_vector_args, table) == FSW_ARG_TABLE &&
		   sizeof(struct fsw_vector_args) == FSW_ARG_SIZE,
		   "vector arguments: C struct matches the assembler offsets");
	KTAP_CHECK(FSW_PG_REGS + FSW_MAX_REGS * FSW_REG_SIZE <= FSW_PG_CSUM &&
		   FSW_PG_RELEASE + FSW_PG_RELEASE_LEN <= FSW_PG_REGS &&
		   FSW_PG_MARK + 4 <= FSW_PG_RELEASE && FSW_PG_CSUM + 4 == FSW_PG_TAIL &&
		   FSW_PG_HANDOFF_JUMP + 8 <= FSW_PAGE_SIZE,
		   "page fields do not overlap (%u registers fit)", FSW_MAX_REGS);
	KTAP_CHECK(FSW_REGION_MIN_SIZE == FSW_HDR_SIZE + FSW_MAX_INSTANCES * FSW_PAGE_SIZE +
		   FSW_TABLE_SIZE + FSW_SUMS_SIZE + FSW_MAX_INSTANCES * FSW_CRASH_SIZE &&
		   FSW_TABLE_OFFSET >= FSW_PAGE_OFFSET(FSW_MAX_INSTANCES) &&
		   FSW_SUMS_OFFSET == FSW_TABLE_OFFSET + FSW_TABLE_SIZE &&
		   FSW_CRASH_OFFSET(0) == FSW_SUMS_OFFSET + FSW_SUMS_SIZE &&
		   FSW_HDR_SWITCH_CNT + 8 <= FSW_HDR_MODULE &&
		   FSW_HDR_MODULE_END <= FSW_HDR_BOOT_KIND &&
		   FSW_HDR_WAKE_COUNT + 4 <= FSW_HDR_CSUM &&
		   FSW_CR_LOG + FSW_CR_LOG_MAX + 1 == FSW_CR_CSUM,
		   "region holds the header, %d pages, the table, the sums and the crash records after them",
		   FSW_MAX_INSTANCES);

	fsw_page_init(pg, 3, 0x400120ac, 62500000, "6.12.117-fastswitch");
	KTAP_CHECK(fsw_page_check(pg, &found, &expected) == FSW_VEC_OK,
		   "a fresh page checks");
	KTAP_CHECK(fsw_get(pg, FSW_PG_MAGIC) == FSW_PAGE_MAGIC &&
		   fsw_get(pg, FSW_PG_ID) == 3 &&
		   fsw_get(pg, FSW_PG_STATE) == FSW_STATE_RUNNING &&
		   fsw_get(pg, FSW_PG_RESUME_ENTRY) == 0x400120ac &&
		   !strcmp((char *)pg + FSW_PG_RELEASE, "6.12.117-fastswitch"),
		   "fields of a fresh page");

	KTAP_CHECK(fsw_page_set_regs(pg, regs, 3) == 0 &&
		   fsw_get(pg, FSW_PG_NR_REGS) == 3 &&
		   fsw_get(pg, FSW_PG_REGS + FSW_REG_SIZE + FSW_REG_CLEAR) == 0x08000180 &&
		   fsw_get(pg, FSW_PG_REGS + 2 * FSW_REG_SIZE + FSW_REG_WIDTH) == 2,
		   "register list written");
	KTAP_CHECK(fsw_page_check(pg, &found, &expected) == FSW_VEC_BAD_CSUM,
		   "an unsealed change is caught by the checksum");
	fsw_page_seal(pg);
	KTAP_CHECK(fsw_page_check(pg, &found, &expected) == FSW_VEC_OK, "sealed again");

	for (w = 0; w < FSW_PG_SEALED_WORDS; w += 7) {
		u32 bit = 1u << (w % 32);

		pg[w] ^= bit;
		flips++;
		if (fsw_page_check(pg, &found, &expected) != FSW_VEC_OK)
			caught++;
		pg[w] ^= bit;
	}
	KTAP_CHECK(caught == flips, "every single-bit flip is refused (%u of %u)", caught, flips);
	fsw_put(pg, FSW_PG_HANDOFF_JUMP, 0x1234);
	KTAP_CHECK(fsw_page_check(pg, &found, &expected) == FSW_VEC_OK,
		   "the tail (the vector's hand-off times) is not sealed");

	KTAP_CHECK(fsw_page_may_be_live(pg), "a running page may be live");
	fsw_put(pg, FSW_PG_STATE, FSW_STATE_FREE);
	fsw_page_seal(pg);
	KTAP_CHECK(!fsw_page_may_be_live(pg), "a sealed free page is not live");
	flips = caught = 0;
	for (w = 0; w < FSW_PG_SEALED_WORDS; w += 3) {
		u32 bit = 1u << (w % 32);

		pg[w] ^= bit;
		flips++;
		if (fsw_page_may_be_live(pg))
			caught++;
		pg[w] ^= bit;
	}
	KTAP_CHECK(caught == flips, "a free page with any one bit flipped may be live (%u of %u)",
		   caught, flips);
	memset(pg, 0, FSW_PAGE_SIZE);
	fsw_put(pg, FSW_PG_HANDOFF_ENTRY, 7);
	KTAP_CHECK(!fsw_page_may_be_live(pg), "a page never written is not live");
	pg[FSW_PG_SEALED_WORDS - 1] = 1;
	KTAP_CHECK(fsw_page_may_be_live(pg), "a zero page but for its checksum may be live");
	fsw_page_init(pg, 3, 0x400120ac, 62500000, "6.12.117-fastswitch");

	fsw_put(pg, FSW_PG_MAGIC, 0);
	KTAP_CHECK(fsw_page_check(pg, &found, &expected) == FSW_VEC_BAD_MAGIC &&
		   found == 0 && expected == FSW_PAGE_MAGIC, "bad magic reported first");
	fsw_put(pg, FSW_PG_MAGIC, FSW_PAGE_MAGIC);
	fsw_put(pg, FSW_PG_VERSION, FSW_LAYOUT_VERSION + 1);
	fsw_page_seal(pg);
	KTAP_CHECK(fsw_page_check(pg, &found, &expected) == FSW_VEC_BAD_VERSION &&
		   found == FSW_LAYOUT_VERSION + 1, "a sealed page of another version is refused");
	fsw_put(pg, FSW_PG_VERSION, FSW_LAYOUT_VERSION);
	fsw_put(pg, FSW_PG_NR_REGS, FSW_MAX_REGS + 1);
	fsw_page_seal(pg);
	KTAP_CHECK(fsw_page_check(pg, &found, &expected) == FSW_VEC_BAD_NR_REGS,
		   "a register count past the page is refused");

	many = calloc(FSW_MAX_REGS + 1, sizeof(*many));
	for (w = 0; w <= FSW_MAX_REGS; w++)
		many[w] = (struct fsw_reg_init){ 0x08000000 + 4 * w, 4, 0, 0 };
	KTAP_CHECK(fsw_page_set_regs(pg, many, FSW_MAX_REGS + 1) == -E2BIG &&
		   fsw_page_set_regs(pg, many, FSW_MAX_REGS) == 0,
		   "at most FSW_MAX_REGS registers");
	regs[0].width = 3;
	regs[2].width = 4;
	KTAP_CHECK(fsw_page_set_regs(pg, regs, 1) == -EINVAL &&
		   fsw_page_set_regs(pg, regs + 2, 1) == -EINVAL &&
		   fsw_get(pg, FSW_PG_NR_REGS) == FSW_MAX_REGS,
		   "bad width or unaligned address refused, list unchanged");

	fsw_hdr_init(hdr, 0x1000000, 0);
	KTAP_CHECK(fsw_hdr_check(hdr, 0x1000000) == 0 && fsw_hdr_check(hdr, 0x2000000) != 0,
		   "region header checks, and only for its size");
	hdr[5] ^= 1;
	KTAP_CHECK(fsw_hdr_check(hdr, 0x1000000) != 0, "a corrupted region header is refused");
	free(many);
	free(pg);
	free(hdr);
	return KTAP_END();
}
