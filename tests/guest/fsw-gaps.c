// SPDX-License-Identifier: GPL-2.0
/*
 * fsw-gaps FILE [MS]: a witness of when this instance's user space runs.
 * It reads the ARM virtual counter (CNTVCT, the one counter every instance
 * shares) every millisecond; whenever two reads lie more than MS (default
 * 30) milliseconds apart, it appends "<before> <after>" to FILE: a span in
 * which no user space of this instance ran. A test compares these spans
 * with what the kernel says it did meanwhile: a section request this
 * instance served with its tasks frozen must lie inside one of them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static uint64_t cntvct(void)
{
	uint32_t lo, hi;

	__asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return (uint64_t)hi << 32 | lo;
}

static uint32_t cntfrq(void)
{
	uint32_t f;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(f));
	return f;
}

int main(int argc, char **argv)
{
	uint64_t last, now, gap;
	FILE *out;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: fsw-gaps FILE [MS]\n");
		return 2;
	}
	gap = (uint64_t)cntfrq() * (argc == 3 ? strtoul(argv[2], NULL, 10) : 30) / 1000;
	out = fopen(argv[1], "a");
	if (!out || !gap) {
		perror(argv[1]);
		return 1;
	}
	last = cntvct();
	for (;;) {
		usleep(1000);
		now = cntvct();
		if (now - last > gap) {
			fprintf(out, "%llu %llu\n", (unsigned long long)last,
				(unsigned long long)now);
			fflush(out);
		}
		last = now;
	}
}
