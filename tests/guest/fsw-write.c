// SPDX-License-Identifier: GPL-2.0
/*
 * fsw-write FILE STRING: write STRING to FILE in one write(2) and print the
 * result: "OK" or the errno name (EINVAL, ...). Exit 0 on success, 1 on a
 * refused write, 2 on a usage or open error. "\n", "\t", "\xHH" escapes
 * are decoded, so that any byte can be sent; -n sends no final newline;
 * -t adds the time the write took, in nanoseconds ("OK 1234567").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static size_t unescape(const char *s, char *out)
{
	size_t n = 0;

	while (*s) {
		if (s[0] == '\\' && s[1] == 'n') {
			out[n++] = '\n';
			s += 2;
		} else if (s[0] == '\\' && s[1] == 't') {
			out[n++] = '\t';
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
			char hex[3] = { s[2], s[3], 0 };

			out[n++] = (char)strtoul(hex, NULL, 16);
			s += 4;
		} else {
			out[n++] = *s++;
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	int newline = 1, timed = 0, fd;
	struct timespec a, b;
	char *buf;
	size_t n;
	ssize_t r;

	while (argc > 1 && (!strcmp(argv[1], "-n") || !strcmp(argv[1], "-t"))) {
		if (argv[1][1] == 'n')
			newline = 0;
		else
			timed = 1;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: fsw-write [-n] [-t] FILE STRING\n");
		return 2;
	}
	buf = malloc(strlen(argv[2]) + 2);
	if (!buf)
		return 2;
	n = unescape(argv[2], buf);
	if (newline)
		buf[n++] = '\n';
	fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	r = write(fd, buf, n);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (r < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 1;
	}
	if (timed)
		printf("OK %lld\n", (b.tv_sec - a.tv_sec) * 1000000000LL +
		       (b.tv_nsec - a.tv_nsec));
	else
		printf("OK\n");
	return 0;
}
