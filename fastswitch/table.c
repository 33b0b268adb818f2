// SPDX-License-Identifier: GPL-2.0
/*
 * Section ownership commands: the rules of docs/sections.md, checked
 * before anything changes. Pure logic: also built on the host by
 * tests/host for unit tests.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#else
#include <stdio.h>
#endif
#include "table.h"

const char *fsw_owner_name(u32 owner)
{
	switch (owner) {
	case FSW_OWNER_SHARED:
		return "shared";
	case FSW_OWNER_FIRMWARE:
		return "firmware";
	case FSW_OWNER_NONE:
		return "nobody";
	}
	return "instance";
}

/* "the firmware's", "instance 3's", ... */
static void whose(char *buf, size_t len, u32 owner)
{
	if (owner < FSW_MAX_INSTANCES)
		snprintf(buf, len, "instance %u's", owner);
	else
		snprintf(buf, len, "%s", owner == FSW_OWNER_SHARED ? "shared" :
			 owner == FSW_OWNER_FIRMWARE ? "the firmware's" :
			 owner == FSW_OWNER_NONE ? "nobody's" : "unknown");
}

int fsw_table_plan(const u32 *t, u32 self, u32 alive,
		   const struct fsw_cmd *cmd, unsigned int *first,
		   char why[FSW_WHY_LEN])
{
	u32 bits = fsw_tbl_get(t, FSW_TBL_SECTION_BITS);
	u32 base = fsw_tbl_get(t, FSW_TBL_BASE);
	u32 nr = fsw_tbl_get(t, FSW_TBL_NR);
	u64 end = (u64)base + ((u64)nr << bits);
	u32 addr = cmd->addr, size = 1u << bits;
	bool reserve = cmd->op == FSW_CMD_RESERVE;
	unsigned int i, f;
	char who[24];

	if (cmd->op != FSW_CMD_RESERVE && cmd->op != FSW_CMD_FREE) {
		snprintf(why, FSW_WHY_LEN, "not a section command");
		return -EINVAL;
	}
	if (addr & (size - 1)) {
		snprintf(why, FSW_WHY_LEN, "%#x is not at a section boundary (%u MiB)",
			 addr, size >> 20);
		return -EINVAL;
	}
	if (addr < base || addr >= end) {
		snprintf(why, FSW_WHY_LEN, "%#x is outside RAM %#x-%#llx",
			 addr, base, (unsigned long long)end - 1);
		return -ERANGE;
	}
	f = (addr - base) >> bits;
	if (cmd->count > nr - f) {
		snprintf(why, FSW_WHY_LEN,
			 "%u sections from %#x go beyond the end of RAM (%u left)",
			 cmd->count, addr, nr - f);
		return -ERANGE;
	}
	if (reserve && cmd->arg == self) {
		snprintf(why, FSW_WHY_LEN, "instance %u cannot reserve sections for itself",
			 self);
		return -EINVAL;
	}
	for (i = f; i < f + cmd->count; i++) {
		u32 owner = fsw_tbl_owner(t, i);
		u32 a = base + i * size;

		whose(who, sizeof(who), owner);
		if (reserve && owner != self) {
			snprintf(why, FSW_WHY_LEN, "section %u (%#x) is %s, not this instance's",
				 i, a, who);
			return -EPERM;
		}
		if (reserve)
			continue;
		if (owner == self) {
			snprintf(why, FSW_WHY_LEN, "section %u (%#x) is already this instance's",
				 i, a);
			return -EINVAL;
		}
		if (owner >= FSW_MAX_INSTANCES) {
			snprintf(why, FSW_WHY_LEN, "section %u (%#x) is %s: it cannot be taken",
				 i, a, who);
			return -EPERM;
		}
		if (alive & (1u << owner)) {
			snprintf(why, FSW_WHY_LEN, "section %u (%#x) is %s, which may be alive",
				 i, a, who);
			return -EBUSY;
		}
	}
	*first = f;
	return 0;
}
