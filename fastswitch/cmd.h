/* SPDX-License-Identifier: GPL-2.0 */
/* Fastswitch debugfs "control" commands: see docs/debugfs.md */
#ifndef FSW_CMD_H
#define FSW_CMD_H

#include "compat.h"
#include <asm/fastswitch.h>

#define FSW_CMD_MAX_LEN		128
#define FSW_CMD_MAX_ARGS	4

#define FSW_DELAY_MAX_MS	60000
#define FSW_RTC_MAX_MS		600000
/* A larger section count is refused by the parser (its message says 1024) */
#define FSW_SECTIONS_MAX	1024

enum fsw_cmd_op {
	FSW_CMD_WAKE_IMMEDIATE,
	FSW_CMD_WAKE_DELAY,	/* arg: milliseconds */
	FSW_CMD_WAKE_RTC,	/* arg: timeout in milliseconds */
	FSW_CMD_SURVEY,		/* arg: 0 off, 1 on */
	FSW_CMD_INJECT,		/* arg: enum fsw_inject */
	FSW_CMD_RESERVE,	/* addr, count, arg: instance */
	FSW_CMD_FREE,		/* addr, count */
};

enum fsw_inject {
	FSW_INJECT_NONE,
	FSW_INJECT_MAGIC,
	FSW_INJECT_VERSION,
	FSW_INJECT_CHECKSUM,
	FSW_INJECT_NR_REGS,
	FSW_INJECT_TABLE,	/* the ownership table, not the page */
};

struct fsw_cmd {
	enum fsw_cmd_op op;
	u32 arg;
	u32 addr;		/* reserve, free: physical address */
	u32 count;		/* reserve, free: number of sections */
};

/*
 * Parse one command of @len bytes (not NUL-terminated; one trailing newline
 * allowed). Return: 0 and *cmd filled, or a negative errno and *why set to
 * a short description of the problem. *cmd is untouched on error.
 */
int fsw_cmd_parse(const char *buf, size_t len, struct fsw_cmd *cmd,
		  const char **why);

const char *fsw_inject_name(u32 what);

#endif
