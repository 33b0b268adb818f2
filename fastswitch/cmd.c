// SPDX-License-Identifier: GPL-2.0
/*
 * Fastswitch control command parser. Pure logic: also built on the host by
 * tests/host for unit tests. The grammar and the errno of every refusal are
 * documented in docs/debugfs.md.
 */
#include "cmd.h"
#include "request.h"

static const char * const inject_names[] = {
	[FSW_INJECT_NONE] = "none",
	[FSW_INJECT_MAGIC] = "magic",
	[FSW_INJECT_VERSION] = "version",
	[FSW_INJECT_CHECKSUM] = "checksum",
	[FSW_INJECT_NR_REGS] = "nr-regs",
	[FSW_INJECT_TABLE] = "table",
	[FSW_INJECT_PAGE] = "page",
	[FSW_INJECT_DEVICE] = "device",
	[FSW_INJECT_SUMS] = "sums",
	[FSW_INJECT_CPU_STUCK] = "cpu-stuck",
	[FSW_INJECT_TARGET_ID] = "target-id",
	[FSW_INJECT_TARGET_STATE] = "target-state",
	[FSW_INJECT_TARGET_ENTRY] = "target-entry",
	[FSW_INJECT_TARGET_TABLE] = "target-table",
	[FSW_INJECT_BOOT_TABLE] = "boot-table",
	[FSW_INJECT_SERVE_STALL] = "serve-stall",
	[FSW_INJECT_SERVE_HANDON] = "serve-handon",
	[FSW_INJECT_SERVE_PANIC] = "serve-panic",
	[FSW_INJECT_RESUME_HANG] = "resume-hang",
	[FSW_INJECT_SKEW_HEADER] = "skew-header",
	[FSW_INJECT_SKEW_TABLE] = "skew-table",
	[FSW_INJECT_SKEW_BITS] = "skew-bits",
	[FSW_INJECT_SKEW_PAGE] = "skew-page",
	[FSW_INJECT_TARGET_VERSION] = "target-version",
};

static const char unknown_fault[] = "unknown fault (docs/debugfs.md lists them)";

static const char * const image_names[] = {
	[FSW_IMAGE_KERNEL] = "kernel",
	[FSW_IMAGE_INITRD] = "initrd",
};

const char *fsw_image_name(u32 kind)
{
	if (kind >= ARRAY_SIZE(image_names))
		return "?";
	return image_names[kind];
}

const char *fsw_inject_name(u32 what)
{
	if (what >= ARRAY_SIZE(inject_names))
		return "?";
	return inject_names[what];
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Decimal, no sign, @min..@max */
static int parse_uint(const char *s, u32 min, u32 max, u32 *out,
		      const char **why)
{
	u64 v = 0;

	if (!*s || *s < '0' || *s > '9') {
		*why = "not a decimal number";
		return -EINVAL;
	}
	for (; *s; s++) {
		if (*s < '0' || *s > '9') {
			*why = "not a decimal number";
			return -EINVAL;
		}
		v = v * 10 + (u64)(*s - '0');
		if (v > max) {
			*why = "number out of range";
			return -ERANGE;
		}
	}
	if (v < min) {
		*why = "number out of range";
		return -ERANGE;
	}
	*out = (u32)v;
	return 0;
}

/* An address: 0x-prefixed hexadecimal or decimal, 32 bits */
static int parse_addr(const char *s, u32 *out, const char **why)
{
	unsigned int base = 10;
	u64 v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s) {
		*why = "not an address";
		return -EINVAL;
	}
	for (; *s; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9') {
			d = *s - '0';
		} else if (base == 16 && *s >= 'a' && *s <= 'f') {
			d = *s - 'a' + 10;
		} else if (base == 16 && *s >= 'A' && *s <= 'F') {
			d = *s - 'A' + 10;
		} else {
			*why = "not an address";
			return -EINVAL;
		}
		v = v * base + d;
		if (v > 0xffffffffULL) {
			*why = "address beyond 32 bits";
			return -ERANGE;
		}
	}
	*out = (u32)v;
	return 0;
}

static int parse_id(const char *s, u32 *id, const char **why)
{
	int ret = parse_uint(s, 0, FSW_MAX_INSTANCES - 1, id, why);

	if (ret == -ERANGE)
		*why = "instance id out of range (0..7)";
	return ret;
}

static int parse_count(const char *s, u32 *count, const char **why)
{
	int ret = parse_uint(s, 1, FSW_SECTIONS_MAX, count, why);

	if (ret == -ERANGE)
		*why = "section count out of range (1..1024)";
	return ret;
}

/* inject's words: inject, the fault, its instance and/or value */
static int inject_args(u32 what)
{
	switch (what) {
	case FSW_INJECT_PAGE:
	case FSW_INJECT_SKEW_HEADER:
	case FSW_INJECT_SKEW_TABLE:
	case FSW_INJECT_SKEW_BITS:
		return 3;
	case FSW_INJECT_SKEW_PAGE:
		return 4;
	}
	return 2;
}

static int want_args(int argc, int n, const char **why)
{
	if (argc < n) {
		*why = "missing argument";
		return -EINVAL;
	}
	if (argc > n) {
		*why = "unexpected argument";
		return -EINVAL;
	}
	return 0;
}

/*
 * Split the first @n words of @line (NUL-terminating each) into @argv and
 * point *@rest at what follows them and their trailing blanks: the rest of
 * the line, kept as written. Return: the number of words found.
 */
static int take_words(char *line, int n, char **argv, char **rest)
{
	char *p = line;
	int argc = 0;

	while (is_blank(*p))
		p++;
	while (*p && argc < n) {
		argv[argc++] = p;
		while (*p && !is_blank(*p))
			p++;
		if (*p)
			*p++ = '\0';
		while (is_blank(*p))
			p++;
	}
	*rest = p;
	return argc;
}

/*
 * A path as "load" takes it: the rest of the line, with "\ooo" (three octal
 * digits, 001-377) standing for that byte, so that any path the kernel can
 * open can be written with printable characters. Decoded in place.
 */
static int decode_path(char *s, const char **why)
{
	char *out = s;

	if (*s != '/') {
		*why = "the file needs an absolute path";
		return -EINVAL;
	}
	while (*s) {
		unsigned int v;

		if (*s != '\\') {
			*out++ = *s++;
			continue;
		}
		if (s[1] < '0' || s[1] > '3' || s[2] < '0' || s[2] > '7' ||
		    s[3] < '0' || s[3] > '7') {
			*why = "bad escape in path (a backslash takes three octal digits)";
			return -EINVAL;
		}
		v = (s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0');
		if (!v) {
			*why = "NUL byte in path";
			return -EINVAL;
		}
		*out++ = (char)v;
		s += 4;
	}
	*out = '\0';
	return 0;
}

int fsw_cmd_parse(const char *buf, size_t len, struct fsw_cmd *cmd,
		  const char **why)
{
	char *line = cmd->str;
	char *argv[FSW_CMD_MAX_ARGS];
	struct fsw_cmd_fields c;
	char *rest;
	int argc;
	size_t i;
	int ret;

	if (len && buf[len - 1] == '\n')
		len--;
	if (len > FSW_CMD_MAX_LEN) {
		*why = "command too long";
		return -E2BIG;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = buf[i];

		if ((c < 0x20 && c != '\t') || c >= 0x7f) {
			*why = "control or non-ASCII character in command";
			return -EILSEQ;
		}
	}
	memcpy(line, buf, len);
	line[len] = '\0';

	/*
	 * cmdline <id> <text> and load <id> <kind> <addr> <path>: the last
	 * argument is the rest of the line, blanks and all.
	 */
	argc = take_words(line, 1, argv, &rest);
	if (argc && !strcmp(argv[0], "cmdline")) {
		argc += take_words(rest, 1, argv + 1, &rest);
		if (argc < 2 || !*rest) {
			*why = "missing argument";
			return -EINVAL;
		}
		ret = parse_id(argv[1], &c.arg, why);
		if (ret)
			return ret;
		c.op = FSW_CMD_CMDLINE;
		memcpy(cmd, &c, sizeof(c));
		memmove(cmd->str, rest, strlen(rest) + 1);
		return 0;
	}
	if (argc && !strcmp(argv[0], "load")) {
		argc += take_words(rest, 3, argv + 1, &rest);
		if (argc < 4 || !*rest) {
			*why = "missing argument";
			return -EINVAL;
		}
		c.op = FSW_CMD_LOAD;
		ret = parse_id(argv[1], &c.arg, why);
		if (!ret) {
			for (c.kind = 0; c.kind < FSW_NR_IMAGES; c.kind++)
				if (!strcmp(argv[2], image_names[c.kind]))
					break;
			if (c.kind == FSW_NR_IMAGES) {
				*why = "unknown image kind (kernel, initrd)";
				ret = -EINVAL;
			}
		}
		if (!ret)
			ret = parse_addr(argv[3], &c.addr, why);
		if (!ret)
			ret = decode_path(rest, why);
		if (ret)
			return ret;
		memcpy(cmd, &c, sizeof(c));
		memmove(cmd->str, rest, strlen(rest) + 1);
		return 0;
	}
	if (argc) {
		argc += take_words(rest, FSW_CMD_MAX_ARGS - 1, argv + 1, &rest);
		if (*rest) {
			*why = "too many arguments";
			return -E2BIG;
		}
	}
	if (!argc) {
		*why = "empty command";
		return -EINVAL;
	}

	if (!strcmp(argv[0], "wake")) {
		if (argc < 2) {
			*why = "missing argument";
			return -EINVAL;
		}
		if (!strcmp(argv[1], "immediate")) {
			ret = want_args(argc, 2, why);
			c.op = FSW_CMD_WAKE_IMMEDIATE;
			c.arg = 0;
		} else if (!strcmp(argv[1], "delay")) {
			ret = want_args(argc, 3, why);
			c.op = FSW_CMD_WAKE_DELAY;
			if (!ret)
				ret = parse_uint(argv[2], 1, FSW_DELAY_MAX_MS,
						 &c.arg, why);
		} else if (!strcmp(argv[1], "rtc")) {
			ret = want_args(argc, 3, why);
			c.op = FSW_CMD_WAKE_RTC;
			if (!ret)
				ret = parse_uint(argv[2], 1, FSW_RTC_MAX_MS,
						 &c.arg, why);
		} else {
			*why = "unknown wake mode (immediate, delay, rtc)";
			ret = -EINVAL;
		}
	} else if (!strcmp(argv[0], "survey")) {
		ret = want_args(argc, 2, why);
		c.op = FSW_CMD_SURVEY;
		if (!ret) {
			if (!strcmp(argv[1], "on")) {
				c.arg = 1;
			} else if (!strcmp(argv[1], "off")) {
				c.arg = 0;
			} else {
				*why = "survey takes on or off";
				ret = -EINVAL;
			}
		}
	} else if (!strcmp(argv[0], "inject")) {
		ret = 0;
		c.op = FSW_CMD_INJECT;
		c.id = 0;
		if (argc < 2) {
			*why = "missing argument";
			ret = -EINVAL;
		}
		if (!ret) {
			for (c.arg = FSW_INJECT_MAGIC;
			     c.arg < ARRAY_SIZE(inject_names); c.arg++)
				if (!strcmp(argv[1], inject_names[c.arg]))
					break;
			if (c.arg >= ARRAY_SIZE(inject_names)) {
				*why = unknown_fault;
				ret = -EINVAL;
			}
		}
		if (!ret)
			ret = want_args(argc, inject_args(c.arg), why);
		if (!ret && (c.arg == FSW_INJECT_PAGE || c.arg == FSW_INJECT_SKEW_PAGE))
			ret = parse_id(argv[2], &c.id, why);
		if (!ret && c.arg >= FSW_INJECT_SKEW_HEADER && c.arg <= FSW_INJECT_SKEW_PAGE)
			ret = parse_uint(argv[argc - 1], 0, 0xffffffff, &c.value, why);
	} else if (!strcmp(argv[0], "boot")) {
		c.op = FSW_CMD_BOOT;
		c.kind = FSW_BOOT_DIRECT;
		ret = argc == 2 ? 0 : want_args(argc, 3, why);
		if (!ret)
			ret = parse_id(argv[1], &c.arg, why);
		if (!ret && argc == 3) {
			if (!strcmp(argv[2], "reset")) {
				c.kind = FSW_BOOT_RESET;
			} else if (strcmp(argv[2], "direct")) {
				*why = "unknown boot path (direct, reset)";
				ret = -EINVAL;
			}
		}
	} else if (!strcmp(argv[0], "mark")) {
		c.op = FSW_CMD_MARK;
		ret = want_args(argc, 2, why);
		if (!ret)
			ret = parse_uint(argv[1], 0, 0xffffffff, &c.arg, why);
	} else if (!strcmp(argv[0], "switch")) {
		c.op = FSW_CMD_SWITCH;
		c.kind = FSW_SWITCH_ONCE;
		ret = argc == 2 ? 0 : want_args(argc, 3, why);
		if (!ret)
			ret = parse_id(argv[1], &c.arg, why);
		if (!ret && argc == 3) {
			if (!strcmp(argv[2], "keep")) {
				c.kind = FSW_SWITCH_KEEP;
			} else {
				*why = "unknown switch option (keep)";
				ret = -EINVAL;
			}
		}
	} else if (!strcmp(argv[0], "disarm")) {
		c.op = FSW_CMD_DISARM;
		c.arg = 0;
		ret = want_args(argc, 1, why);
	} else if (!strcmp(argv[0], "unload") || !strcmp(argv[0], "close")) {
		c.op = argv[0][0] == 'u' ? FSW_CMD_UNLOAD : FSW_CMD_CLOSE;
		ret = want_args(argc, 2, why);
		if (!ret)
			ret = parse_id(argv[1], &c.arg, why);
	} else if (!strcmp(argv[0], "reserve") || !strcmp(argv[0], "free")) {
		bool reserve = argv[0][0] == 'r';

		c.op = reserve ? FSW_CMD_RESERVE : FSW_CMD_FREE;
		c.arg = 0;
		ret = want_args(argc, reserve ? 4 : 3, why);
		if (!ret)
			ret = parse_addr(argv[1], &c.addr, why);
		if (!ret)
			ret = parse_count(argv[2], &c.count, why);
		if (!ret && reserve)
			ret = parse_id(argv[3], &c.arg, why);
	} else if (!strcmp(argv[0], "request")) {
		c.op = FSW_CMD_REQUEST;
		c.arg = FSW_REQ_BUDGET_MS;
		ret = argc == 2 ? 0 : want_args(argc, 3, why);
		if (!ret)
			ret = parse_count(argv[1], &c.count, why);
		if (!ret && argc == 3) {
			ret = parse_uint(argv[2], 1, FSW_REQ_BUDGET_MAX_MS, &c.arg, why);
			if (ret == -ERANGE)
				*why = "budget out of range (1..60000 ms)";
		}
	} else if (!strcmp(argv[0], "give")) {
		c.op = FSW_CMD_GIVE;
		ret = want_args(argc, 3, why);
		if (!ret)
			ret = parse_count(argv[1], &c.count, why);
		if (!ret)
			ret = parse_id(argv[2], &c.arg, why);
	} else {
		*why = "unknown command";
		ret = -EINVAL;
	}

	if (ret)
		return ret;
	memcpy(cmd, &c, sizeof(c));
	return 0;
}
