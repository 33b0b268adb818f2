// SPDX-License-Identifier: GPL-2.0
/*
 * zImage header parsing for the loader: see zimage.h. The header is
 * untrusted input (any file can be loaded as a kernel), so every offset is
 * checked before it is read and every sum is computed in 64 bits.
 */
#include "zimage.h"

/* Little-endian word at byte offset @off, which the caller checked */
static u32 word(const void *z, u64 off)
{
	const u8 *p = (const u8 *)z + off;

	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

bool fsw_zimage_magic(const void *hdr, size_t len)
{
	return len >= ZIMAGE_HDR_SIZE && word(hdr, ZIMAGE_MAGIC_OFF) == ZIMAGE_MAGIC;
}

int fsw_zimage_parse(const void *z, size_t size, struct fsw_zimage *out,
		     const char **why)
{
	u64 start, end, table, tag_words, isz_off, kernel;

	if (!fsw_zimage_magic(z, size)) {
		*why = "no zImage magic at 0x24";
		return -ENOEXEC;
	}
	start = word(z, ZIMAGE_START_OFF);
	end = word(z, ZIMAGE_END_OFF);
	if (end <= start || end - start > size) {
		*why = "the zImage's start and end do not fit the file";
		return -ENOEXEC;
	}
	/* tag: words, KLSZ, offset of the inflated size, bss, TEXT_OFFSET */
	table = word(z, ZIMAGE_TABLE_OFF);
	if (table & 3 || table < ZIMAGE_HDR_SIZE || table > size || size - table < 5 * 4) {
		*why = "the zImage's tag table is outside the file";
		return -ENOEXEC;
	}
	tag_words = word(z, table);
	if (word(z, table + 4) != ZIMAGE_TAG_KRNL_SIZE || tag_words < 5 ||
	    tag_words > (size - table) / 4) {
		*why = "the zImage has no usable KLSZ tag";
		return -ENOEXEC;
	}
	isz_off = word(z, table + 8);
	if (isz_off > size - 4) {
		*why = "the zImage's inflated size is outside the file";
		return -ENOEXEC;
	}
	out->text = word(z, table + 16);
	kernel = (u64)out->text + word(z, isz_off) + word(z, table + 12);
	if (kernel > 0xffffffffULL) {
		*why = "the zImage's kernel would not fit in 4 GiB";
		return -ENOEXEC;
	}
	out->image = end - start;
	out->kernel = kernel;
	return 0;
}
