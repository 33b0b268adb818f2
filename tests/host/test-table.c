// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the section commands: parsing (fastswitch/cmd.c),
 * checking against the ownership table (fastswitch/table.c), and the
 * table helpers of asm/fastswitch.h.
 */
#include <string.h>
#include "cmd.h"
#include "table.h"
#include "ktap.h"

#define BASE	0x40000000u
#define BITS	24
#define NR	64
#define SEC(i)	(BASE + ((u32)(i) << BITS))

static u32 t[FSW_TABLE_SIZE / 4];

/* The map of docs/memory-map.md for -m 1G: 0-7 and 62-63 firmware */
static void make_table(void)
{
	unsigned int i;

	fsw_tbl_init(t, BASE, NR, BITS);
	for (i = 0; i < NR; i++)
		fsw_tbl_set_owner(t, i, i < 8 || i >= 62 ? FSW_OWNER_FIRMWARE : 0);
	fsw_tbl_set_owner(t, 40, FSW_OWNER_SHARED);
	fsw_tbl_set_owner(t, 50, 1);
	fsw_tbl_set_owner(t, 51, 1);
	fsw_tbl_set_owner(t, 52, 2);
	fsw_tbl_set_owner(t, 53, FSW_OWNER_NONE);
	fsw_tbl_seal(t);
}

struct bad {
	const char *in;
	u32 alive;
	int err;		/* of the parser if parse_err, else of the plan */
	int parse_err;
};

static const struct bad bads[] = {
	{ "reserve", 0, -EINVAL, 1 },
	{ "reserve 0x50000000", 0, -EINVAL, 1 },
	{ "reserve 0x50000000 1", 0, -EINVAL, 1 },
	{ "reserve 0x50000000 1 1 1 1", 0, -E2BIG, 1 },
	{ "reserve 0x 1 1", 0, -EINVAL, 1 },
	{ "reserve 0xg0000000 1 1", 0, -EINVAL, 1 },
	{ "reserve -1 1 1", 0, -EINVAL, 1 },
	{ "reserve 0x100000000 1 1", 0, -ERANGE, 1 },
	{ "reserve 0x50000000 0 1", 0, -ERANGE, 1 },
	{ "reserve 0x50000000 1025 1", 0, -ERANGE, 1 },
	{ "reserve 0x50000000 x 1", 0, -EINVAL, 1 },
	{ "reserve 0x50000000 1 8", 0, -ERANGE, 1 },
	{ "reserve 0x50000000 1 one", 0, -EINVAL, 1 },
	{ "free 0x50000000", 0, -EINVAL, 1 },
	{ "free 0x50000000 1 1", 0, -EINVAL, 1 },
	{ "reserve 0x50000001 1 1", 0, -EINVAL, 0 },
	{ "reserve 0x50800000 1 1", 0, -EINVAL, 0 },
	{ "reserve 0x3f000000 1 1", 0, -ERANGE, 0 },
	{ "reserve 0x80000000 1 1", 0, -ERANGE, 0 },
	{ "reserve 0xff000000 1 1", 0, -ERANGE, 0 },
	{ "reserve 0x7e000000 3 1", 0, -ERANGE, 0 },
	{ "reserve 0x48000000 57 1", 0, -ERANGE, 0 },
	{ "reserve 0x50000000 1 0", 0, -EINVAL, 0 },
	{ "reserve 0x40000000 1 1", 0, -EPERM, 0 },
	{ "reserve 0x47000000 1 1", 0, -EPERM, 0 },
	{ "reserve 0x7e000000 1 1", 0, -EPERM, 0 },
	{ "reserve 0x68000000 1 1", 0, -EPERM, 0 },
	{ "reserve 0x71000000 2 1", 0, -EPERM, 0 },
	{ "reserve 0x74000000 1 3", 0, -EPERM, 0 },
	{ "reserve 0x75000000 1 3", 0, -EPERM, 0 },
	{ "free 0x48000000 1", 0, -EINVAL, 0 },
	{ "free 0x40000000 1", 0, -EPERM, 0 },
	{ "free 0x68000000 1", 0, -EPERM, 0 },
	{ "free 0x75000000 1", 0, -EPERM, 0 },
	{ "free 0x72000000 2", 0x2, -EBUSY, 0 },
	{ "free 0x72000000 3", 0x4, -EBUSY, 0 },
	{ "free 0x72000000 4", 0, -EPERM, 0 },
	{ "free 0x71000000 2", 0, -EINVAL, 0 },
	{ "free 0x80000000 1", 0, -ERANGE, 0 },
	{ "free 0x72000001 1", 0, -EINVAL, 0 },
};

static int plan(const char *in, u32 alive, struct fsw_cmd *c,
		unsigned int *first, char *why, int *parse_ret)
{
	const char *pwhy;

	*parse_ret = fsw_cmd_parse(in, strlen(in), c, &pwhy);
	if (*parse_ret)
		return *parse_ret;
	return fsw_table_plan(t, 0, alive, c, first, why);
}

int main(void)
{
	u32 copy[FSW_TABLE_SIZE / 4];
	char why[FSW_WHY_LEN];
	struct fsw_cmd c;
	unsigned int first, i;
	int ret, pret;

	KTAP_PLAN(10 + (int)ARRAY_SIZE(bads));
	make_table();
	memcpy(copy, t, sizeof(t));

	KTAP_CHECK(fsw_tbl_check(t, BITS) == NULL, "a sealed table checks");
	KTAP_CHECK(fsw_tbl_check(t, 28) != NULL, "and not for another section size");

	ret = plan("reserve 0x50000000 4 1\n", 0, &c, &first, why, &pret);
	KTAP_CHECK(!ret && c.op == FSW_CMD_RESERVE && c.addr == 0x50000000 &&
		   c.count == 4 && c.arg == 1 && first == 16,
		   "reserve 0x50000000 4 1: sections 16-19 for instance 1");
	ret = plan("reserve 1342177280 1 7", 0xff, &c, &first, why, &pret);
	KTAP_CHECK(!ret && first == 16 && c.arg == 7,
		   "decimal address; a loaded target instance is fine");
	ret = plan("reserve 0x48000000 54 1", 0, &c, &first, why, &pret);
	KTAP_CHECK(ret == -EPERM, "a range over a shared section is refused");
	ret = plan("free 0x72000000 2", 0x1, &c, &first, why, &pret);
	KTAP_CHECK(!ret && c.op == FSW_CMD_FREE && first == 50 && c.count == 2,
		   "free 0x72000000 2: instance 1 not loaded, sections 50-51");
	ret = plan("free 0x72000000 3", 0, &c, &first, why, &pret);
	KTAP_CHECK(!ret && first == 50, "free over two owners, none loaded");

	for (i = 16; i < 20; i++)
		fsw_tbl_set_owner(t, i, 1);
	fsw_tbl_seal(t);
	KTAP_CHECK(fsw_tbl_check(t, BITS) == NULL && fsw_tbl_owner(t, 15) == 0 &&
		   fsw_tbl_owner(t, 16) == 1 && fsw_tbl_owner(t, 19) == 1 &&
		   fsw_tbl_owner(t, 20) == 0 &&
		   fsw_tbl_get(t, FSW_TBL_GENERATION) ==
		   fsw_tbl_get(copy, FSW_TBL_GENERATION) + 1,
		   "owners set and sealed: exactly those sections, next generation");
	t[FSW_TBL_ENTRIES / 4] ^= 0x100;
	KTAP_CHECK(fsw_tbl_check(t, BITS) && !strcmp(fsw_tbl_check(t, BITS), "bad checksum"),
		   "a bit flipped outside the owner byte breaks the checksum");
	t[FSW_TBL_ENTRIES / 4] ^= 0x100;
	KTAP_CHECK(fsw_tbl_check(t, BITS) == NULL, "and flipping it back repairs it");
	memcpy(t, copy, sizeof(t));

	for (i = 0; i < ARRAY_SIZE(bads); i++) {
		const struct bad *bd = &bads[i];

		why[0] = '\0';
		ret = plan(bd->in, bd->alive, &c, &first, why, &pret);
		KTAP_CHECK(ret == bd->err && (pret != 0) == bd->parse_err &&
			   !memcmp(t, copy, sizeof(t)) &&
			   (bd->parse_err || strlen(why) > 10),
			   "\"%s\" refused with %d (got %d%s%s), table unchanged",
			   bd->in, bd->err, ret, why[0] ? ": " : "", why);
	}
	return KTAP_END();
}
