// SPDX-License-Identifier: GPL-2.0
/*
 * fsw-suspend [STATE]: one write of STATE (default "mem") to
 * /sys/power/state; prints the wall time the write took in nanoseconds
 * (CLOCK_BOOTTIME, which counts the time asleep) or the errno name.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *state = argc > 1 ? argv[1] : "mem";
	struct timespec a, b;
	ssize_t r;
	int fd;

	fd = open("/sys/power/state", O_WRONLY);
	if (fd < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 2;
	}
	clock_gettime(CLOCK_BOOTTIME, &a);
	r = write(fd, state, strlen(state));
	clock_gettime(CLOCK_BOOTTIME, &b);
	if (r < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 1;
	}
	printf("%lld\n", (long long)(b.tv_sec - a.tv_sec) * 1000000000LL +
	       (b.tv_nsec - a.tv_nsec));
	return 0;
}
