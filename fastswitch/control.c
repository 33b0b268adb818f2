// SPDX-License-Identifier: GPL-2.0
/*
 * The control dispatcher: one parsed command (cmd.c) goes to what it acts
 * on; a refusal is its errno and exactly one "fastswitch: control:" line
 * naming the command and the reason. Called with the system sleep lock
 * held, so no suspend runs meanwhile. The commands and their errors:
 * docs/debugfs.md.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/kernel.h>
#include <asm/fastswitch.h>
#include "fastswitch.h"

/* Of a long command, the log shows the start: one printk record holds all */
#define FSW_LOG_CMD_LEN		200

/* The platform's sleep: how the vector waits before resuming */
static int set_wake(const struct fsw_cmd *cmd)
{
	fsw.wake_mode = cmd->op == FSW_CMD_WAKE_DELAY ? FSW_WAKE_MODE_DELAY :
			cmd->op == FSW_CMD_WAKE_RTC ? FSW_WAKE_MODE_RTC :
			FSW_WAKE_MODE_IMMEDIATE;
	fsw.wake_ms = cmd->arg;
	return 0;
}

/*
 * Save the surveyed registers too, or not: a new list, a new page. A list
 * that is refused leaves the old one, and a list that is taken always
 * fits the page.
 */
static int set_survey(bool on, char *why)
{
	int ret;

	if (on == fsw.survey)
		return 0;
	ret = fsw_regs_build(on);
	if (ret) {
		fsw_why(why, "the register list cannot be rebuilt (%d)", ret);
		return ret;
	}
	return fsw_page_rebuild();
}

/* The mark other instances read in this instance's page */
static int set_mark(u32 value)
{
	fsw_put(fsw.page, FSW_PG_MARK, value);
	fsw_page_seal(fsw.page);
	return 0;
}

static int dispatch(const struct fsw_cmd *cmd, char *why)
{
	switch (cmd->op) {
	case FSW_CMD_WAKE_IMMEDIATE:
	case FSW_CMD_WAKE_DELAY:
	case FSW_CMD_WAKE_RTC:
		return set_wake(cmd);
	case FSW_CMD_SURVEY:
		return set_survey(cmd->arg, why);
	case FSW_CMD_MARK:
		return set_mark(cmd->arg);
	case FSW_CMD_INJECT:
		return fsw_inject(cmd, why);
	case FSW_CMD_RESERVE:
	case FSW_CMD_FREE:
		return fsw_sections_apply(cmd, why);
	case FSW_CMD_LOAD:
		return fsw_load(cmd, why);
	case FSW_CMD_CMDLINE:
		return fsw_set_cmdline(cmd->arg, cmd->str, why);
	case FSW_CMD_BOOT:
		return fsw_boot(cmd->arg, cmd->kind, why);
	case FSW_CMD_SWITCH:
		return fsw_switch(cmd->arg, cmd->kind == FSW_SWITCH_KEEP, why);
	case FSW_CMD_DISARM:
		return fsw_disarm();
	case FSW_CMD_UNLOAD:
		return fsw_unload(cmd->arg, why);
	case FSW_CMD_REQUEST:
		return fsw_request(cmd->count, cmd->arg, why);
	case FSW_CMD_GIVE:
		return fsw_give(cmd->count, cmd->arg, why);
	case FSW_CMD_CLOSE:
		return fsw_close(cmd->arg, why);
	}
	fsw_why(why, "unknown command");
	return -EINVAL;
}

/**
 * fsw_control - carry out one control command
 * @cmd: the parsed command
 * @line: the command as written, for the log
 * @len: its length, without the final newline
 *
 * Return: 0, or a negative errno after one log line; nothing changed then.
 */
int fsw_control(const struct fsw_cmd *cmd, const char *line, size_t len)
{
	char why[FSW_WHY_LEN] = "";
	int ret = dispatch(cmd, why);

	if (ret) {
		if (!why[0])
			fsw_why(why, "error %d", ret);
		pr_warn("control: %.*s%s: %s\n", (int)min_t(size_t, len, FSW_LOG_CMD_LEN),
			line, len > FSW_LOG_CMD_LEN ? "..." : "", why);
	}
	return ret;
}
