/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Section ownership commands on the table of asm/fastswitch.h: checking a
 * reserve or free against the table (the kernel's
 * fastswitch_sections_give/take() then write it). Pure logic, also built
 * on the host for unit tests.
 */
#ifndef FSW_TABLE_H
#define FSW_TABLE_H

#include "compat.h"
#include "cmd.h"

/*
 * Check @cmd (FSW_CMD_RESERVE or FSW_CMD_FREE) against the valid table @t
 * for instance @self; @alive has bit N set when instance N may be alive
 * (running or sleeping). Return: 0 and the first section index in *first,
 * or a negative errno and the reason in @why.
 */
int fsw_table_plan(const u32 *t, u32 self, u32 alive,
		   const struct fsw_cmd *cmd, unsigned int *first,
		   char why[FSW_WHY_LEN]);

/* "firmware", "shared", "nobody" or "instance" */
const char *fsw_owner_name(u32 owner);

#endif
