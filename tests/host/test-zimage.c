// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the zImage header parser (fastswitch/zimage.c): a
 * well-formed header, and hostile ones whose offsets or sums would wrap
 * 32-bit arithmetic or point outside the file.
 */
#include <stdlib.h>
#include <string.h>
#include "zimage.h"
#include "ktap.h"

#define SIZE	0x10000
#define TABLE	0x100
#define ISZ	(SIZE - 4)

static unsigned char z[SIZE];

static void put(u32 off, u32 v)
{
	z[off] = v;
	z[off + 1] = v >> 8;
	z[off + 2] = v >> 16;
	z[off + 3] = v >> 24;
}

/* A zImage of SIZE bytes: kernel 0x8000 + 8 MiB + 128 KiB of bss */
static void good(void)
{
	memset(z, 0, sizeof(z));
	put(ZIMAGE_MAGIC_OFF, ZIMAGE_MAGIC);
	put(ZIMAGE_START_OFF, 0);
	put(ZIMAGE_END_OFF, SIZE);
	put(ZIMAGE_TABLE_OFF, TABLE);
	put(TABLE, 6);
	put(TABLE + 4, ZIMAGE_TAG_KRNL_SIZE);
	put(TABLE + 8, ISZ);
	put(TABLE + 12, 0x20000);
	put(TABLE + 16, 0x8000);
	put(TABLE + 20, 0x10000);
	put(ISZ, 0x800000);
}

struct hostile {
	const char *what;
	u32 off, val;
	size_t size;	/* 0: SIZE */
};

static const struct hostile hostiles[] = {
	{ "no magic", ZIMAGE_MAGIC_OFF, 0x12345678, 0 },
	{ "shorter than the header", 0, 0, 0x30 },
	{ "end before start", ZIMAGE_START_OFF, SIZE, 0 },
	{ "end past the file", ZIMAGE_END_OFF, SIZE + 4, 0 },
	{ "start and end past 4 GiB - 1", ZIMAGE_END_OFF, 0xffffffff, 0 },
	{ "table unaligned", ZIMAGE_TABLE_OFF, TABLE + 2, 0 },
	{ "table past the file", ZIMAGE_TABLE_OFF, SIZE + 0x100, 0 },
	{ "table + 24 wraps 32 bits", ZIMAGE_TABLE_OFF, 0xfffffff0, 0 },
	{ "table in the last 16 bytes", ZIMAGE_TABLE_OFF, SIZE - 16, 0 },
	{ "table inside the header", ZIMAGE_TABLE_OFF, 0x20, 0 },
	{ "tag is not KLSZ", TABLE + 4, 0x12345678, 0 },
	{ "tag longer than the file", TABLE, 0x40000000, 0 },
	{ "tag too short", TABLE, 4, 0 },
	{ "inflated size offset + 4 wraps", TABLE + 8, 0xfffffffe, 0 },
	{ "inflated size offset past the file", TABLE + 8, SIZE - 2, 0 },
	{ "TEXT_OFFSET + inflated + bss wraps 32 bits", ISZ, 0xfffff000, 0 },
	{ "TEXT_OFFSET near 4 GiB", TABLE + 16, 0xfffffff0, 0 },
	{ "bss wraps 32 bits", TABLE + 12, 0xffff8000, 0 },
};

int main(void)
{
	struct fsw_zimage zi;
	const char *why;
	size_t i;
	int ret;

	KTAP_PLAN((int)(sizeof(hostiles) / sizeof(hostiles[0])) + 3);

	good();
	why = NULL;
	ret = fsw_zimage_parse(z, SIZE, &zi, &why);
	KTAP_CHECK(ret == 0 && zi.image == SIZE && zi.text == 0x8000 &&
		   zi.kernel == 0x8000 + 0x800000 + 0x20000,
		   "a good header: image %#x, text %#x, kernel %#x", zi.image, zi.text, zi.kernel);
	KTAP_CHECK(fsw_zimage_magic(z, ZIMAGE_HDR_SIZE) && !fsw_zimage_magic(z, 0x20),
		   "magic needs the whole header");

	for (i = 0; i < sizeof(hostiles) / sizeof(hostiles[0]); i++) {
		const struct hostile *h = &hostiles[i];

		good();
		if (h->off || h->val)
			put(h->off, h->val);
		why = NULL;
		memset(&zi, 0x5a, sizeof(zi));
		ret = fsw_zimage_parse(z, h->size ? h->size : SIZE, &zi, &why);
		KTAP_CHECK(ret == -ENOEXEC && why && *why, "refused: %s (%s)", h->what,
			   why ? why : "no reason");
	}
	good();
	put(ISZ, 0xffffffff - 0x8000 - 0x20000);
	ret = fsw_zimage_parse(z, SIZE, &zi, &why);
	KTAP_CHECK(ret == 0 && zi.kernel == 0xffffffff, "a footprint up to 4 GiB - 1 is accepted");
	return KTAP_END();
}
