/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal KTAP output for the host unit tests */
#ifndef FSW_KTAP_H
#define FSW_KTAP_H

#include <stdio.h>

static int ktap_n, ktap_failed;

#define KTAP_PLAN(n) printf("KTAP version 1\n1..%d\n", (n))
#define KTAP_CHECK(cond, ...)						\
	do {								\
		ktap_n++;						\
		if (cond) {						\
			printf("ok %d - ", ktap_n);			\
		} else {						\
			ktap_failed++;					\
			printf("not ok %d - ", ktap_n);			\
		}							\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	} while (0)
#define KTAP_END() (ktap_failed ? 1 : 0)

#endif
