// SPDX-License-Identifier: GPL-2.0
/*
 * fsw-mkpage OUT ID STATE ENTRY
 *
 * Write a sealed instance page (asm/fastswitch.h) to OUT, for QEMU's
 * -device loader: instance ID, STATE (free, running, sleeping), resume
 * entry ENTRY, no registers: a page that says another instance lives in
 * RAM, for the tests of what a booting kernel does then. Built by
 * tests/run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "page.h"

static u32 pg[FSW_PAGE_SIZE / 4];

int main(int argc, char **argv)
{
	static const char * const states[] = { "free", "running", "sleeping" };
	unsigned long id, entry;
	unsigned int st;
	FILE *f;

	if (argc != 5) {
		fprintf(stderr, "usage: fsw-mkpage OUT ID free|running|sleeping ENTRY\n");
		return 2;
	}
	id = strtoul(argv[2], NULL, 0);
	entry = strtoul(argv[4], NULL, 0);
	for (st = 0; st < 3 && strcmp(argv[3], states[st]); st++)
		;
	if (id >= FSW_MAX_INSTANCES || st == 3 || !entry) {
		fprintf(stderr, "fsw-mkpage: bad ID, STATE or ENTRY\n");
		return 2;
	}
	fsw_page_init(pg, id, entry, 62500000, "fsw-mkpage");
	fsw_put(pg, FSW_PG_STATE, st);
	fsw_page_seal(pg);
	f = fopen(argv[1], "wb");
	if (!f || fwrite(pg, sizeof(pg), 1, f) != 1 || fclose(f)) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
