// SPDX-License-Identifier: GPL-2.0
/*
 * fsw-canary MIB STATUSFILE: fill MIB MiB of RAM with a pseudo-random
 * pattern and keep it. On start, and on every SIGUSR1, recompute the
 * checksum of the whole area and write one line to STATUSFILE:
 * "<check number> <checksum> ok|BAD". The pattern is regenerated from the
 * seed for comparison, so any changed word is caught.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static volatile sig_atomic_t pending;

static void on_usr1(int sig)
{
	(void)sig;
	pending = 1;
}

static uint32_t next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

int main(int argc, char **argv)
{
	size_t words, i;
	uint32_t *mem, seed, sum;
	unsigned long checks = 0;
	sigset_t usr1, waitmask;
	int bad;

	if (argc != 3) {
		fprintf(stderr, "usage: fsw-canary MIB STATUSFILE\n");
		return 2;
	}
	words = strtoul(argv[1], NULL, 0) * 1024 * 1024 / 4;
	mem = mmap(NULL, words * 4, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	seed = 0x2545f491;
	for (i = 0; i < words; i++)
		mem[i] = next(&seed);
	/*
	 * SIGUSR1 stays blocked but in sigsuspend(): a signal sent between
	 * the test of pending and the wait is not lost.
	 */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &waitmask);
	sigdelset(&waitmask, SIGUSR1);
	signal(SIGUSR1, on_usr1);
	pending = 1;
	for (;;) {
		FILE *f;

		while (!pending)
			sigsuspend(&waitmask);
		pending = 0;
		seed = 0x2545f491;
		sum = 0;
		bad = 0;
		for (i = 0; i < words; i++) {
			uint32_t want = next(&seed);

			if (mem[i] != want)
				bad++;
			sum = (sum << 1 | sum >> 31) + mem[i];
		}
		f = fopen(argv[2], "w");
		if (!f)
			return 1;
		fprintf(f, "%lu %08x %s\n", ++checks, sum, bad ? "BAD" : "ok");
		fclose(f);
	}
}
