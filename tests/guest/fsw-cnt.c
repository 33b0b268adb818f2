// SPDX-License-Identifier: GPL-2.0
/*
 * fsw-cnt: print the ARM virtual counter (CNTVCT), which every instance
 * reads the same (one machine, one counter), so that a time taken in one
 * instance can be compared with one taken in another. Linux lets user
 * space read it (the vDSO does).
 */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	uint32_t lo, hi;

	__asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	printf("%llu\n", (unsigned long long)hi << 32 | lo);
	return 0;
}
