// SPDX-License-Identifier: GPL-2.0
/*
 * fsw-mktable OUT BASE NR BITS [--corrupt] [--version V] FIRST[-LAST]=OWNER...
 *
 * Write a section ownership table (asm/fastswitch.h) to OUT, for QEMU's
 * -device loader: NR sections of 2^BITS bytes from BASE, every entry
 * "nobody" but those given; OWNER is an instance id, "shared" or
 * "firmware". --corrupt flips one bit after sealing; --version V seals a
 * table of layout version V (another kernel's, docs/abi.md). Built by
 * tests/run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compat.h"
#include <asm/fastswitch.h>

static u32 t[FSW_TABLE_SIZE / 4];

int main(int argc, char **argv)
{
	unsigned long base, nr, bits, version = FSW_LAYOUT_VERSION;
	int corrupt = 0, i;
	FILE *f;

	if (argc < 5) {
		fprintf(stderr, "usage: fsw-mktable OUT BASE NR BITS [OPTION]... RANGE=OWNER...\n"
			"OPTION: --corrupt, --version V; RANGE: FIRST[-LAST]\n");
		return 2;
	}
	base = strtoul(argv[2], NULL, 0);
	nr = strtoul(argv[3], NULL, 0);
	bits = strtoul(argv[4], NULL, 0);
	if (nr > FSW_TBL_MAX_SECTIONS || bits < 20 || bits > 31) {
		fprintf(stderr, "fsw-mktable: bad NR or BITS\n");
		return 2;
	}
	fsw_tbl_init(t, base, nr, bits);
	for (i = 5; i < argc; i++) {
		unsigned long first, last;
		char *p, *eq = strchr(argv[i], '=');
		u32 owner;

		if (!strcmp(argv[i], "--corrupt")) {
			corrupt = 1;
			continue;
		}
		if (!strcmp(argv[i], "--version") && i + 1 < argc) {
			version = strtoul(argv[++i], NULL, 0);
			continue;
		}
		if (!eq) {
			fprintf(stderr, "fsw-mktable: %s: want FIRST[-LAST]=OWNER\n", argv[i]);
			return 2;
		}
		first = strtoul(argv[i], &p, 0);
		last = *p == '-' ? strtoul(p + 1, NULL, 0) : first;
		if (!strcmp(eq + 1, "shared"))
			owner = FSW_OWNER_SHARED;
		else if (!strcmp(eq + 1, "firmware"))
			owner = FSW_OWNER_FIRMWARE;
		else
			owner = strtoul(eq + 1, NULL, 0);
		if (last >= nr || first > last) {
			fprintf(stderr, "fsw-mktable: %s: sections out of range\n", argv[i]);
			return 2;
		}
		for (; first <= last; first++)
			fsw_tbl_set_owner(t, first, owner);
	}
	t[FSW_TBL_VERSION / 4] = version;
	fsw_tbl_seal(t);
	if (corrupt)
		t[FSW_TBL_ENTRIES / 4 + nr / 2] ^= 0x100;
	f = fopen(argv[1], "wb");
	if (!f || fwrite(t, sizeof(t), 1, f) != 1 || fclose(f)) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
