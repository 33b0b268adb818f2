/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The header of an ARM zImage (arch/arm/boot/compressed/head.S and
 * vmlinux.lds.S): what a loader needs to know before it starts one. Pure
 * logic, also built on the host for unit tests.
 */
#ifndef FSW_ZIMAGE_H
#define FSW_ZIMAGE_H

#include "compat.h"

#define ZIMAGE_MAGIC_OFF	0x24
#define ZIMAGE_START_OFF	0x28
#define ZIMAGE_END_OFF		0x2c
#define ZIMAGE_TABLE_OFF	0x38
#define ZIMAGE_HDR_SIZE		0x3c
#define ZIMAGE_MAGIC		0x016f2818
#define ZIMAGE_TAG_KRNL_SIZE	0x5a534c4b	/* "KLSZ" */

struct fsw_zimage {
	u32 image;	/* bytes of the zImage itself (end - start) */
	u32 text;	/* TEXT_OFFSET: where the kernel starts, from PHYS_OFFSET */
	u32 kernel;	/* TEXT_OFFSET + decompressed kernel + its bss */
};

/* Does the zImage header of @hdr (@len bytes) have the magic? */
bool fsw_zimage_magic(const void *hdr, size_t len);

/*
 * Parse the zImage of @size bytes at @z: its extent and, from its KLSZ tag,
 * the footprint of the decompressed kernel. Every offset and sum is checked
 * against @size and 4 GiB. Return: 0, or -ENOEXEC and the reason in *why.
 */
int fsw_zimage_parse(const void *z, size_t size, struct fsw_zimage *out,
		     const char **why);

#endif
