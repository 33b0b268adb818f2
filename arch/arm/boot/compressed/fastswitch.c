// SPDX-License-Identifier: GPL-2.0
/*
 * Fastswitch boot request, taken by the initial instance's decompressor.
 *
 * To boot a new instance through the boot loader, the running instance
 * suspends, leaves a boot request in the header of the Fastswitch shared
 * region and orders a warm reset. The boot loader then starts the initial
 * instance's zImage as on any boot; before it decompresses anything, this
 * code finds the shared region from "fastswitch_mem=<size>@<base>" in the
 * command line the boot loader passed, and if the request is there and the
 * header is valid, clears the request (so that the next reset boots the
 * initial instance again) and returns the new kernel's entry and DTB. A
 * request whose entry or DTB is not in a section the ownership table gives
 * to the instance it boots is refused (cleared, counted, and this kernel
 * boots as usual): it would write into another instance's memory.
 *
 * A wake request is left by an instance that crashed, for the sleeping
 * instance that handed over to it (docs/crash.md): the sleeping instance's
 * own wake entry is returned instead of a zImage, with its page in place
 * of the DTB. It is taken only if that page checks, is the instance's,
 * says sleeping, its wake and resume entries lie in the instance's
 * sections and none of its registers is RAM, as the resume vector checks
 * a target; else it is refused as above.
 *
 * Runs with the MMU off, before the GOT is fixed up: no global variables.
 */
#include <linux/kernel.h>
#include <linux/libfdt.h>
#include <asm/fastswitch.h>

unsigned long fastswitch_boot_request(const void *fdt, unsigned long *dtb);

/* memparse() for the decompressor: 0x hex or decimal, K/M/G suffix */
static unsigned long fsw_parse(const char **sp, const char *end)
{
	const char *s = *sp;
	unsigned long v = 0, base = 10;

	if (end - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; s < end; s++) {
		unsigned long d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		v = v * base + d;
	}
	if (s < end) {
		switch (*s) {
		case 'G': case 'g':
			v <<= 10;
			fallthrough;
		case 'M': case 'm':
			v <<= 10;
			fallthrough;
		case 'K': case 'k':
			v <<= 10;
			s++;
		}
	}
	*sp = s;
	return v;
}

/* Base of the shared region named by the command line, or 0 */
static unsigned long fsw_region_base(const char *args, int len)
{
	static const char key[] = "fastswitch_mem=";
	const char *end = args + strnlen(args, len);
	const char *p;

	for (p = args; p + sizeof(key) - 1 < end; p++) {
		unsigned long size;

		if ((p != args && p[-1] != ' ') ||
		    memcmp(p, key, sizeof(key) - 1))
			continue;
		p += sizeof(key) - 1;
		size = fsw_parse(&p, end);
		if (p == end || *p != '@' || size < FSW_REGION_MIN_SIZE)
			return 0;
		p++;
		return fsw_parse(&p, end);
	}
	return 0;
}

/* The sections table in the region, if it checks */
static const u32 *fsw_table(const u32 *hdr)
{
	const u32 *t = (const u32 *)((unsigned long)hdr + FSW_TABLE_OFFSET);
	u32 bits = fsw_tbl_get(t, FSW_TBL_SECTION_BITS);

	if (bits < 12 || bits > 31 || fsw_tbl_check(t, bits))
		return NULL;
	return t;
}

/* Are the request's entry and DTB in the sections of the instance it boots? */
static int fsw_request_owned(const u32 *hdr, u32 entry, u32 dtb)
{
	const u32 *t = fsw_table(hdr);
	u32 id = hdr[FSW_HDR_BOOT_ID / 4];

	if (!t || id >= FSW_MAX_INSTANCES)
		return 0;
	return fsw_tbl_owner_of(t, entry) == id && fsw_tbl_owner_of(t, dtb) == id;
}

/* Wake request: the wake entry of the sleeping instance, *page its page */
static u32 fsw_wake_entry(const u32 *hdr, unsigned long *page)
{
	const u32 *pg = fsw_wake_page(hdr, hdr[FSW_HDR_BOOT_ID / 4]);

	if (!pg)
		return 0;
	*page = (unsigned long)pg;
	return fsw_pg_get(pg, FSW_PG_WAKE_ENTRY);
}

/*
 * Return: the physical entry of the kernel to start instead of this one,
 * with *dtb its device tree; 0 to decompress this kernel as usual.
 */
unsigned long fastswitch_boot_request(const void *fdt, unsigned long *dtb)
{
	const char *args;
	u32 *hdr, entry;
	int node, len;

	if (!fdt || fdt_magic(fdt) != FDT_MAGIC)
		return 0;
	node = fdt_path_offset(fdt, "/chosen");
	if (node < 0)
		return 0;
	args = fdt_getprop(fdt, node, "bootargs", &len);
	if (!args || len <= 0)
		return 0;
	hdr = (u32 *)fsw_region_base(args, len);
	if (!hdr)
		return 0;

	if (hdr[FSW_HDR_MAGIC / 4] != FSW_REGION_MAGIC ||
	    hdr[FSW_HDR_VERSION / 4] != FSW_LAYOUT_VERSION ||
	    hdr[FSW_HDR_CSUM / 4] != fsw_csum(hdr, FSW_HDR_SIZE / 4) ||
	    hdr[FSW_HDR_BOOT_MAGIC / 4] != FSW_BOOT_MAGIC)
		return 0;

	hdr[FSW_HDR_BOOT_MAGIC / 4] = 0;
	switch (hdr[FSW_HDR_BOOT_KIND / 4]) {
	case FSW_BOOT_KIND_BOOT:
		entry = hdr[FSW_HDR_BOOT_ENTRY / 4];
		*dtb = hdr[FSW_HDR_BOOT_DTB / 4];
		if (!fsw_request_owned(hdr, entry, *dtb))
			entry = 0;
		break;
	case FSW_BOOT_KIND_WAKE:
		entry = fsw_wake_entry(hdr, dtb);
		break;
	default:
		entry = 0;
	}
	if (!entry) {
		/* nobody is woken: no instance may count a crash for it */
		hdr[FSW_HDR_CRASHED / 4] = 0;
		hdr[FSW_HDR_BOOT_REFUSED / 4]++;
	} else if (hdr[FSW_HDR_BOOT_KIND / 4] == FSW_BOOT_KIND_WAKE) {
		hdr[FSW_HDR_WAKE_COUNT / 4]++;
	} else {
		hdr[FSW_HDR_BOOT_COUNT / 4]++;
	}
	hdr[FSW_HDR_CSUM / 4] = fsw_csum(hdr, FSW_HDR_SIZE / 4);
	return entry;
}
