/* SPDX-License-Identifier: GPL-2.0 */
/* Fastswitch debugfs "control" commands: see docs/debugfs.md */
#ifndef FSW_CMD_H
#define FSW_CMD_H

#include "compat.h"
#include <asm/fastswitch.h>

/* Room for a kernel command line (COMMAND_LINE_SIZE on ARM) */
#define FSW_CMD_MAX_LEN		1024
#define FSW_CMD_MAX_ARGS	5
/* Room for the reason of a refusal, logged once by the dispatcher */
#define FSW_WHY_LEN		160

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
	FSW_CMD_LOAD,		/* arg: instance, kind, addr, str: path */
	FSW_CMD_CMDLINE,	/* arg: instance, str: command line */
	FSW_CMD_BOOT,		/* arg: instance, kind: enum fsw_boot_path */
	FSW_CMD_SWITCH,		/* arg: instance, kind: enum fsw_switch_kind */
	FSW_CMD_UNLOAD,		/* arg: instance */
	FSW_CMD_MARK,		/* arg: the value of this page's mark */
	FSW_CMD_REQUEST,	/* count, arg: budget in ms */
	FSW_CMD_GIVE,		/* count, arg: instance */
	FSW_CMD_CLOSE,		/* arg: instance */
	FSW_CMD_DISARM,		/* no argument */
};

enum fsw_switch_kind {
	FSW_SWITCH_ONCE,	/* dropped by the first suspend that fails */
	FSW_SWITCH_KEEP,	/* armed through suspends failed before .enter */
};

enum fsw_image {
	FSW_IMAGE_KERNEL,
	FSW_IMAGE_INITRD,
	FSW_NR_IMAGES,
};

enum fsw_boot_path {
	FSW_BOOT_DIRECT,	/* from the vector into the new kernel */
	FSW_BOOT_RESET,		/* warm reset, boot loader, decompressor */
};

enum fsw_inject {
	FSW_INJECT_NONE,
	FSW_INJECT_MAGIC,
	FSW_INJECT_VERSION,
	FSW_INJECT_CHECKSUM,
	FSW_INJECT_NR_REGS,
	FSW_INJECT_TABLE,	/* the ownership table, not the page */
	FSW_INJECT_PAGE,	/* toggle a bit of page <id>'s checksum */
	FSW_INJECT_DEVICE,	/* a device refuses the next suspend */
	FSW_INJECT_SUMS,	/* the next exit sums every section */
	FSW_INJECT_CPU_STUCK,	/* a CPU never reports off, next suspend */
	/* the next switch's target breaks after the module checked it */
	FSW_INJECT_TARGET_ID,	/* its page says another id */
	FSW_INJECT_TARGET_STATE, /* its page says running */
	FSW_INJECT_TARGET_ENTRY, /* its resume entry is in this instance */
	FSW_INJECT_TARGET_TABLE, /* the ownership table does not check */
	/* the next boot's new kernel finds a table that does not check */
	FSW_INJECT_BOOT_TABLE,
	/* the next request this instance serves: no section goes offline */
	FSW_INJECT_SERVE_STALL,
	/* the next request this instance serves: its hand-on fails */
	FSW_INJECT_SERVE_HANDON,
	/* the next request this instance serves: panic once it gave */
	FSW_INJECT_SERVE_PANIC,
	/* the next resume after a switch: hang before the guard's report */
	FSW_INJECT_RESUME_HANG,
	/*
	 * Version skew: a block of the shared region says another layout
	 * version (or section size), resealed so that nothing else is wrong
	 */
	FSW_INJECT_SKEW_HEADER,	/* the region header's version */
	FSW_INJECT_SKEW_TABLE,	/* the ownership table's version */
	FSW_INJECT_SKEW_BITS,	/* the ownership table's section size */
	FSW_INJECT_SKEW_PAGE,	/* page <id>'s version */
	/* the next switch's target page says the next layout version */
	FSW_INJECT_TARGET_VERSION,
};

#define FSW_CMD_FIELDS							\
	enum fsw_cmd_op op;						\
	u32 arg;							\
	u32 addr;		/* reserve, free, load: physical address */ \
	u32 count;		/* reserve, free, request, give: sections */ \
	u32 kind;		/* load, boot, switch: fsw_image, _boot_path, _switch_kind */ \
	u32 id;			/* inject page, skew-page: instance */ \
	u32 value		/* inject skew-*: the value written */

/* A parsed command; the parser fills the fields of struct fsw_cmd_fields */
struct fsw_cmd_fields {
	FSW_CMD_FIELDS;
};

struct fsw_cmd {
	FSW_CMD_FIELDS;
	char str[FSW_CMD_MAX_LEN + 1];	/* load: path; cmdline: text */
};

/*
 * Parse one command of @len bytes (not NUL-terminated; one trailing newline
 * allowed). Return: 0 and *cmd filled, or a negative errno and *why set to
 * a short description of the problem. On error the fields of *cmd are
 * untouched; cmd->str, the parser's scratch line, is not.
 */
int fsw_cmd_parse(const char *buf, size_t len, struct fsw_cmd *cmd,
		  const char **why);

const char *fsw_inject_name(u32 what);
const char *fsw_image_name(u32 kind);

#endif
