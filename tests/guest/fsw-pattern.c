// SPDX-License-Identifier: GPL-2.0
/*
 * A memory pattern that names its own address, for tests that check that
 * nobody writes into a range:
 *
 *   fsw-pattern write ADDR SIZE FILE   write the pattern of [ADDR, ADDR+SIZE)
 *   fsw-pattern crc ADDR SIZE          print its CRC32 (zlib's), 8 hex digits
 *
 * Word at physical address A: A ^ 0xa5c3f00f. Built for the guest and for
 * the host (tests/run uses it to make a QEMU -device loader image).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t crc_table[256];

static void crc_init(void)
{
	uint32_t c, n, k;

	for (n = 0; n < 256; n++) {
		for (c = n, k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

static uint32_t crc_update(uint32_t crc, const uint8_t *p, size_t n)
{
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc;
}

int main(int argc, char **argv)
{
	uint32_t buf[4096], crc = ~0u;
	unsigned long long addr, size, a;
	FILE *out = NULL;
	size_t i;

	if (argc < 4 || (!strcmp(argv[1], "write") && argc != 5) ||
	    (!strcmp(argv[1], "crc") && argc != 4) ||
	    (strcmp(argv[1], "write") && strcmp(argv[1], "crc"))) {
		fprintf(stderr, "usage: fsw-pattern write ADDR SIZE FILE | crc ADDR SIZE\n");
		return 2;
	}
	addr = strtoull(argv[2], NULL, 0);
	size = strtoull(argv[3], NULL, 0);
	if ((addr | size) & (sizeof(buf) - 1) || addr + size > 1ULL << 32) {
		fprintf(stderr, "fsw-pattern: ADDR and SIZE must be multiples of %zu below 4 GiB\n",
			sizeof(buf));
		return 2;
	}
	if (argc == 5) {
		out = fopen(argv[4], "wb");
		if (!out) {
			perror(argv[4]);
			return 1;
		}
	}
	crc_init();
	for (a = addr; a < addr + size; a += sizeof(buf)) {
		for (i = 0; i < 4096; i++)
			buf[i] = (uint32_t)(a + 4 * i) ^ 0xa5c3f00fu;
		if (out && fwrite(buf, sizeof(buf), 1, out) != 1) {
			perror(argv[4]);
			return 1;
		}
		crc = crc_update(crc, (const uint8_t *)buf, sizeof(buf));
	}
	if (out && fclose(out)) {
		perror(argv[4]);
		return 1;
	}
	if (!out)
		printf("%08x\n", ~crc);
	return 0;
}
