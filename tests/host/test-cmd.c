// SPDX-License-Identifier: GPL-2.0
/* Host unit tests of the control command parser (fastswitch/cmd.c) */
#include <string.h>
#include "cmd.h"
#include "request.h"
#include "ktap.h"

struct good {
	const char *in;
	enum fsw_cmd_op op;
	u32 arg;
};

struct bad {
	const char *in;
	size_t len;	/* 0: strlen */
	int err;
};

static const struct good goods[] = {
	{ "wake immediate", FSW_CMD_WAKE_IMMEDIATE, 0 },
	{ "wake immediate\n", FSW_CMD_WAKE_IMMEDIATE, 0 },
	{ "  wake\timmediate  \n", FSW_CMD_WAKE_IMMEDIATE, 0 },
	{ "wake delay 1", FSW_CMD_WAKE_DELAY, 1 },
	{ "wake delay 60000", FSW_CMD_WAKE_DELAY, 60000 },
	{ "wake delay 007", FSW_CMD_WAKE_DELAY, 7 },
	{ "wake rtc 600000", FSW_CMD_WAKE_RTC, 600000 },
	{ "survey on", FSW_CMD_SURVEY, 1 },
	{ "survey off", FSW_CMD_SURVEY, 0 },
	{ "inject magic", FSW_CMD_INJECT, FSW_INJECT_MAGIC },
	{ "inject version", FSW_CMD_INJECT, FSW_INJECT_VERSION },
	{ "inject checksum", FSW_CMD_INJECT, FSW_INJECT_CHECKSUM },
	{ "inject nr-regs", FSW_CMD_INJECT, FSW_INJECT_NR_REGS },
	{ "inject page 3", FSW_CMD_INJECT, FSW_INJECT_PAGE },
	{ "inject device", FSW_CMD_INJECT, FSW_INJECT_DEVICE },
	{ "inject sums", FSW_CMD_INJECT, FSW_INJECT_SUMS },
	{ "load 1 kernel 0x72000000 /boot/peer/zImage", FSW_CMD_LOAD, 1 },
	{ "load 7 initrd 1879048192 /x\n", FSW_CMD_LOAD, 7 },
	{ "cmdline 1 console=ttyAMA0,115200  quiet", FSW_CMD_CMDLINE, 1 },
	{ "boot 1", FSW_CMD_BOOT, 1 },
	{ "boot 2 direct", FSW_CMD_BOOT, 2 },
	{ "boot 3 reset\n", FSW_CMD_BOOT, 3 },
	{ "switch 0", FSW_CMD_SWITCH, 0 },
	{ "switch 2 keep", FSW_CMD_SWITCH, 2 },
	{ "disarm", FSW_CMD_DISARM, 0 },
	{ "\tdisarm\n", FSW_CMD_DISARM, 0 },
	{ "unload 7", FSW_CMD_UNLOAD, 7 },
	{ "request 1", FSW_CMD_REQUEST, FSW_REQ_BUDGET_MS },
	{ "request 1024 60000", FSW_CMD_REQUEST, 60000 },
	{ "give 3 7", FSW_CMD_GIVE, 7 },
	{ "close 1", FSW_CMD_CLOSE, 1 },
	{ "inject serve-stall", FSW_CMD_INJECT, FSW_INJECT_SERVE_STALL },
	{ "inject resume-hang", FSW_CMD_INJECT, FSW_INJECT_RESUME_HANG },
	{ "inject skew-header 5", FSW_CMD_INJECT, FSW_INJECT_SKEW_HEADER },
	{ "inject skew-table 3", FSW_CMD_INJECT, FSW_INJECT_SKEW_TABLE },
	{ "inject skew-bits 25", FSW_CMD_INJECT, FSW_INJECT_SKEW_BITS },
	{ "inject skew-page 1 5", FSW_CMD_INJECT, FSW_INJECT_SKEW_PAGE },
	{ "inject target-version", FSW_CMD_INJECT, FSW_INJECT_TARGET_VERSION },
};

static const struct bad bads[] = {
	{ "", 0, -EINVAL },
	{ "\n", 0, -EINVAL },
	{ " \t ", 0, -EINVAL },
	{ "wake", 0, -EINVAL },
	{ "wake later", 0, -EINVAL },
	{ "wake immediate 1", 0, -EINVAL },
	{ "wake delay", 0, -EINVAL },
	{ "wake delay x", 0, -EINVAL },
	{ "wake delay 5x", 0, -EINVAL },
	{ "wake delay -1", 0, -EINVAL },
	{ "wake delay +1", 0, -EINVAL },
	{ "wake delay 0", 0, -ERANGE },
	{ "wake delay 60001", 0, -ERANGE },
	{ "wake delay 4294967296", 0, -ERANGE },
	{ "wake delay 184467440737095516160", 0, -ERANGE },
	{ "wake rtc 0", 0, -ERANGE },
	{ "wake delay 1 2", 0, -EINVAL },
	{ "survey", 0, -EINVAL },
	{ "survey yes", 0, -EINVAL },
	{ "inject", 0, -EINVAL },
	{ "inject all", 0, -EINVAL },
	{ "inject none", 0, -EINVAL },
	{ "frob", 0, -EINVAL },
	{ "a b c d e f", 0, -E2BIG },
	{ "load 1 kernel 0x72000000 boot/zImage", 0, -EINVAL },
	{ "load 8 kernel 0x72000000 /x", 0, -ERANGE },
	{ "load 1 dtb 0x72000000 /x", 0, -EINVAL },
	{ "load 1 kernel 0x1g /x", 0, -EINVAL },
	{ "load 1 kernel 0x100000000 /x", 0, -ERANGE },
	{ "load 1 kernel 0x72000000", 0, -EINVAL },
	{ "load 1 kernel 0x72000000   ", 0, -EINVAL },
	{ "load 1 kernel 0x72000000 /x\\8", 0, -EINVAL },
	{ "load 1 kernel 0x72000000 /x\\000", 0, -EINVAL },
	{ "load 1 kernel 0x72000000 /x\\400", 0, -EINVAL },
	{ "load 1 kernel 0x72000000 /x\\12", 0, -EINVAL },
	{ "load 1 kernel 0x72000000 /x\\\\", 0, -EINVAL },
	{ "load 1 kernel 0x72000000 /x\xe9", 0, -EILSEQ },
	{ "cmdline", 0, -EINVAL },
	{ "cmdline 1", 0, -EINVAL },
	{ "cmdline 1   ", 0, -EINVAL },
	{ "cmdline x quiet", 0, -EINVAL },
	{ "cmdline 8 quiet", 0, -ERANGE },
	{ "boot", 0, -EINVAL },
	{ "boot 1 later", 0, -EINVAL },
	{ "boot 1 reset now", 0, -EINVAL },
	{ "switch 8", 0, -ERANGE },
	{ "switch 1 2", 0, -EINVAL },
	{ "switch 1 kept", 0, -EINVAL },
	{ "switch 1 keep now", 0, -EINVAL },
	{ "switch keep", 0, -EINVAL },
	{ "disarm 1", 0, -EINVAL },
	{ "unload", 0, -EINVAL },
	{ "request", 0, -EINVAL },
	{ "request 0", 0, -ERANGE },
	{ "request 1025", 0, -ERANGE },
	{ "request -1", 0, -EINVAL },
	{ "request 1 0", 0, -ERANGE },
	{ "request 1 60001", 0, -ERANGE },
	{ "request 1 2 3", 0, -EINVAL },
	{ "give", 0, -EINVAL },
	{ "close", 0, -EINVAL },
	{ "close 8", 0, -ERANGE },
	{ "close 1 2", 0, -EINVAL },
	{ "give 1", 0, -EINVAL },
	{ "give 0 1", 0, -ERANGE },
	{ "give 1 8", 0, -ERANGE },
	{ "give x 1", 0, -EINVAL },
	{ "give 1 1 1", 0, -EINVAL },
	{ "inject serve-stall 1", 0, -EINVAL },
	{ "inject page", 0, -EINVAL },
	{ "inject page 9", 0, -ERANGE },
	{ "inject device 1", 0, -EINVAL },
	{ "inject skew-header", 0, -EINVAL },
	{ "inject skew-table v5", 0, -EINVAL },
	{ "inject skew-bits 25 1", 0, -EINVAL },
	{ "inject skew-page 1", 0, -EINVAL },
	{ "inject skew-page 8 5", 0, -ERANGE },
	{ "inject skew-page 1 4294967296", 0, -ERANGE },
	{ "inject target-version 1", 0, -EINVAL },
	{ "wake\x01", 0, -EILSEQ },
	{ "wake\x7f", 0, -EILSEQ },
	{ "wake delay 5\0", 13, -EILSEQ },
	{ "wake\n delay 5", 0, -EILSEQ },
	{ "wake immediate\n\n", 0, -EILSEQ },
	{ "wake delay 5\xe9", 0, -EILSEQ },
	{ "wake\xc2\xa0" "delay 5", 0, -EILSEQ },
};

#define LOADCMD "load 2 initrd 0x73000000 /boot/peer/initramfs.cpio.gz"
/* load: the path is the rest of the line; \ooo is a byte */
static const struct {
	const char *in;
	const char *path;
} paths[] = {
	{ "load 1 kernel 0x72000000 /a b/c  d", "/a b/c  d" },
	{ "load 1 kernel 0x72000000 \t /x \n", "/x " },
	{ "load 1 kernel 0x72000000 /x\tz", "/x\tz" },
	{ "load 1 kernel 0x72000000 /x\\040y\\134z\\303\\251\\012", "/x y\\z\xc3\xa9\n" },
	{ "load 1 kernel 0x72000000 /a b c d e f g", "/a b c d e f g" },
};

#define CMDLINECMD "cmdline  1 \t console=ttyAMA0  a=\"b c\"\n"

int main(void)
{
	char longcmd[FSW_CMD_MAX_LEN + 2];
	struct fsw_cmd cmd;
	const char *why;
	size_t i;
	int ret;

	KTAP_PLAN((int)(ARRAY_SIZE(goods) + ARRAY_SIZE(bads) + ARRAY_SIZE(paths) + 10));

	for (i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
		why = NULL;
		ret = fsw_cmd_parse(goods[i].in, strlen(goods[i].in), &cmd, &why);
		KTAP_CHECK(ret == 0 && cmd.op == goods[i].op && cmd.arg == goods[i].arg,
			   "accepts \"%.*s\"", (int)strcspn(goods[i].in, "\n"), goods[i].in);
	}
	for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		size_t len = bads[i].len ? bads[i].len : strlen(bads[i].in);

		memset(&cmd, 0x5a, sizeof(cmd));
		why = NULL;
		ret = fsw_cmd_parse(bads[i].in, len, &cmd, &why);
		KTAP_CHECK(ret == bads[i].err && why && *why &&
			   ((unsigned char *)&cmd)[0] == 0x5a,
			   "refuses case %zu with errno %d (%s), cmd untouched",
			   i, -bads[i].err, why ? why : "no reason");
	}

	ret = fsw_cmd_parse(LOADCMD, strlen(LOADCMD), &cmd, &why);
	KTAP_CHECK(ret == 0 && cmd.arg == 2 && cmd.kind == FSW_IMAGE_INITRD &&
		   cmd.addr == 0x73000000 && !strcmp(cmd.str, "/boot/peer/initramfs.cpio.gz"),
		   "load: instance, kind, address and path");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		ret = fsw_cmd_parse(paths[i].in, strlen(paths[i].in), &cmd, &why);
		KTAP_CHECK(ret == 0 && cmd.op == FSW_CMD_LOAD && cmd.addr == 0x72000000 &&
			   !strcmp(cmd.str, paths[i].path), "load: path %zu decoded", i);
	}
	ret = fsw_cmd_parse(CMDLINECMD, strlen(CMDLINECMD), &cmd, &why);
	KTAP_CHECK(ret == 0 && cmd.arg == 1 && !strcmp(cmd.str, "console=ttyAMA0  a=\"b c\""),
		   "cmdline: the text kept as written (\"%s\")", ret ? "" : cmd.str);
	ret = fsw_cmd_parse("switch 3 keep", 13, &cmd, &why);
	KTAP_CHECK(ret == 0 && cmd.arg == 3 && cmd.kind == FSW_SWITCH_KEEP, "switch: keep");
	ret = fsw_cmd_parse("switch 3", 8, &cmd, &why);
	KTAP_CHECK(ret == 0 && cmd.arg == 3 && cmd.kind == FSW_SWITCH_ONCE, "switch: once");
	ret = fsw_cmd_parse("boot 4 reset", 12, &cmd, &why);
	KTAP_CHECK(ret == 0 && cmd.arg == 4 && cmd.kind == FSW_BOOT_RESET, "boot: instance and path");

	memset(longcmd, 'a', sizeof(longcmd));
	ret = fsw_cmd_parse(longcmd, FSW_CMD_MAX_LEN + 1, &cmd, &why);
	KTAP_CHECK(ret == -E2BIG, "refuses %d bytes with E2BIG", FSW_CMD_MAX_LEN + 1);
	memcpy(longcmd, "wake delay 5", 12);
	memset(longcmd + 12, ' ', FSW_CMD_MAX_LEN - 12);
	ret = fsw_cmd_parse(longcmd, FSW_CMD_MAX_LEN, &cmd, &why);
	KTAP_CHECK(ret == 0 && cmd.arg == 5, "accepts exactly %d bytes", FSW_CMD_MAX_LEN);
	ret = fsw_cmd_parse("inject skew-page 2 4294967295", 29, &cmd, &why);
	KTAP_CHECK(ret == 0 && cmd.id == 2 && cmd.value == 0xffffffff,
		   "inject skew-page: instance and value");
	ret = fsw_cmd_parse("inject skew-table 5", 19, &cmd, &why);
	KTAP_CHECK(ret == 0 && cmd.value == 5, "inject skew-table: value");
	KTAP_CHECK(!strcmp(fsw_inject_name(FSW_INJECT_CHECKSUM), "checksum") &&
		   !strcmp(fsw_inject_name(99), "?"), "fault names");
	return KTAP_END();
}
