// SPDX-License-Identifier: GPL-2.0
/*
 * fsw-hog MIB DIR: a memory hog whose data can be checked. It fills MIB
 * MiB of anonymous memory with a pattern, creates DIR/ready, then on every
 * SIGUSR1 checks all of it and writes DIR/check.N (N = 1, 2, ...) with
 * "ok WORDS" or "bad WORD-INDEX VALUE EXPECTED". SIGTERM ends it. Used to
 * prove that offlining sections (which migrates the hog's pages) keeps
 * its data intact.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static volatile sig_atomic_t checks, stop;

static void on_usr1(int sig)
{
	(void)sig;
	checks++;
}

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static uint32_t word(size_t i)
{
	return (uint32_t)(i * 2654435761u) ^ 0x5eed1234u;
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[256], tmp[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s/.%s", dir, name);
	f = fopen(tmp, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) || rename(tmp, path)) {
		perror(path);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	size_t words, i;
	uint32_t *mem;
	char text[96], name[32];
	int done = 0;
	sigset_t all, none;

	if (argc != 3 || atoi(argv[1]) <= 0) {
		fprintf(stderr, "usage: fsw-hog MIB DIR\n");
		return 2;
	}
	words = (size_t)atoi(argv[1]) << 18;
	mem = mmap(NULL, words * 4, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED) {
		perror("fsw-hog: mmap");
		return 1;
	}
	for (i = 0; i < words; i++)
		mem[i] = word(i);
	sigemptyset(&none);
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	signal(SIGUSR1, on_usr1);
	signal(SIGTERM, on_term);
	put(argv[2], "ready", "ready\n");
	while (!stop) {
		if (done == checks) {
			sigsuspend(&none);
			continue;
		}
		done++;
		snprintf(text, sizeof(text), "ok %zu\n", words);
		for (i = 0; i < words; i++) {
			if (mem[i] != word(i)) {
				snprintf(text, sizeof(text), "bad %zu %#x %#x\n",
					 i, mem[i], word(i));
				break;
			}
		}
		snprintf(name, sizeof(name), "check.%d", done);
		put(argv[2], name, text);
	}
	return 0;
}
