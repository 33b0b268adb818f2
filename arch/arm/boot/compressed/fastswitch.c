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
 * With no request, the hang guard may be set: an instance handed the
 * machine over and the one it handed it to has not reported back since
 * (fastswitch/guard.c). If this is the initial instance's kernel, started
 * by the boot loader, this reset is the board's watchdog or one by hand:
 * the instance that handed over is woken as above, and the guarded one is
 * named crashed, for a hang.
 *
 * Runs with the MMU off, before the GOT is fixed up: no global variables.
 */
#include <linux/kernel.h>
#include <linux/libfdt.h>
#include <asm/io.h>
#include <asm/fastswitch.h>
#include <asm/fastswitch-esb.h>

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

/* The value of the first "@key" parameter in the command line, or NULL */
static const char *fsw_arg(const char *args, const char *end, const char *key)
{
	int n = strlen(key);
	const char *p;

	for (p = args; p + n < end; p++)
		if ((p == args || p[-1] == ' ') && !memcmp(p, key, n))
			return p + n;
	return NULL;
}

/* Base of the shared region named by the command line, or 0 */
static unsigned long fsw_region_base(const char *args, const char *end)
{
	const char *p = fsw_arg(args, end, "fastswitch_mem=");
	unsigned long size;

	if (!p)
		return 0;
	size = fsw_parse(&p, end);
	if (p == end || *p != '@' || size < FSW_REGION_MIN_SIZE)
		return 0;
	p++;
	return fsw_parse(&p, end);
}

/* Is this kernel the initial instance (fastswitch_id=0, or none given)? */
static int fsw_initial(const char *args, const char *end)
{
	const char *p = fsw_arg(args, end, "fastswitch_id=");

	return !p || (fsw_parse(&p, end) == 0 && (p == end || *p == ' '));
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

/* Wake request: the wake entry of sleeping instance @id, *page its page */
static u32 fsw_wake_entry(const u32 *hdr, u32 id, unsigned long *page)
{
	const u32 *pg = fsw_wake_page(hdr, id);

	if (!pg)
		return 0;
	*page = (unsigned long)pg;
	return fsw_pg_get(pg, FSW_PG_WAKE_ENTRY);
}

static u32 fdt_u32(const void *p)
{
	return fdt32_to_cpu(*(const fdt32_t *)p);
}

/* A root-level address of @cells cells below 4 GiB, or 0 */
static unsigned long fsw_fdt_addr(const fdt32_t *a, int cells)
{
	if (cells == 2 && fdt32_to_cpu(a[0]))
		return 0;
	return fdt32_to_cpu(a[cells - 1]);
}

/* Each write to the watchdog's registers follows this sequence */
static void esb_unlock(unsigned long bar)
{
	__raw_writew(ESB_UNLOCK1, IOMEM(bar + ESB_RELOAD));
	__raw_writew(ESB_UNLOCK2, IOMEM(bar + ESB_RELOAD));
}

/*
 * The reset of the reset path stopped the board's watchdog (and cleared
 * its PCI setup): start it again for the kernel this request boots, so
 * that its boot is guarded as a direct one is (fastswitch/guard.c does
 * the same with the MMU on). No watchdog in the device tree: nothing.
 */
static void fsw_guard_start(const void *fdt, u32 ms)
{
	const fdt32_t *reg, *r;
	unsigned long ecam, cfg = 0, bar = 0;
	int node, na, len, i, stride;
	const void *p;
	u32 bar_pci = 0, preload = esb_preload(ms);

	p = fdt_getprop(fdt, 0, "#address-cells", &len);
	na = p && len == 4 ? fdt_u32(p) : 2;
	node = fdt_node_offset_by_compatible(fdt, -1, ESB_ECAM_COMPATIBLE);
	if (node < 0 || na < 1 || na > 2)
		return;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || len < 4 * na)
		return;
	ecam = fsw_fdt_addr(reg, na);
	/* (3 PCI address cells, na parent cells, 2 size cells) each */
	stride = 3 + na + 2;
	r = fdt_getprop(fdt, node, "ranges", &len);
	for (i = 0; r && ecam && i + stride <= len / 4; i += stride) {
		if ((fdt32_to_cpu(r[i]) & ESB_PCI_SPACE_MASK) == ESB_PCI_SPACE_MEM32) {
			bar_pci = fdt32_to_cpu(r[i + 2]);
			bar = fsw_fdt_addr(r + i + 3, na);
			break;
		}
	}
	if (!bar)
		return;
	for (i = 0; i < ESB_ECAM_DEVICES && !cfg; i++)
		if (__raw_readl(IOMEM(ecam + (i << ESB_ECAM_DEV_SHIFT) + ESB_CFG_ID)) ==
		    ESB_VENDOR_DEVICE)
			cfg = ecam + (i << ESB_ECAM_DEV_SHIFT);
	if (!cfg)
		return;

	__raw_writel(bar_pci, IOMEM(cfg + ESB_CFG_BAR0));
	__raw_writew(__raw_readw(IOMEM(cfg + ESB_CFG_COMMAND)) | ESB_CMD_MEMORY,
		     IOMEM(cfg + ESB_CFG_COMMAND));
	__raw_writew(ESB_CONFIG_VALUE, IOMEM(cfg + ESB_CFG_CONFIG));
	esb_unlock(bar);
	__raw_writel(preload, IOMEM(bar + ESB_TIMER1));
	esb_unlock(bar);
	__raw_writel(preload, IOMEM(bar + ESB_TIMER2));
	esb_unlock(bar);
	__raw_writew(ESB_RELOAD_KICK | ESB_RELOAD_FIRED, IOMEM(bar + ESB_RELOAD));
	__raw_writeb(ESB_LOCK_ENABLE, IOMEM(cfg + ESB_CFG_LOCK));
}

/* The guard, taken as a wake request; 0 if it is not set or is refused */
static u32 fsw_guard_wake(u32 *hdr, unsigned long *page)
{
	u32 wake = hdr[FSW_HDR_GUARD_WAKE / 4], hung = hdr[FSW_HDR_GUARD_FOR / 4];
	u32 entry = 0;

	if (!wake && !hung)
		return 0;
	hdr[FSW_HDR_GUARD_WAKE / 4] = 0;
	hdr[FSW_HDR_GUARD_FOR / 4] = 0;
	if (wake && wake <= FSW_MAX_INSTANCES && hung && hung <= FSW_MAX_INSTANCES &&
	    wake != hung)
		entry = fsw_wake_entry(hdr, wake - 1, page);
	if (entry) {
		hdr[FSW_HDR_CRASHED / 4] = hung;
		hdr[FSW_HDR_CRASH_REASON / 4] = FSW_CRASH_HANG;
		hdr[FSW_HDR_SWITCH_FROM / 4] = hung - 1;
		hdr[FSW_HDR_SWITCH_TO / 4] = wake - 1;
		hdr[FSW_HDR_WAKE_COUNT / 4]++;
	} else {
		hdr[FSW_HDR_CRASHED / 4] = 0;
		hdr[FSW_HDR_BOOT_REFUSED / 4]++;
	}
	hdr[FSW_HDR_CSUM / 4] = fsw_csum(hdr, FSW_HDR_SIZE / 4);
	return entry;
}

/*
 * Return: the physical entry of the kernel to start instead of this one,
 * with *dtb its device tree; 0 to decompress this kernel as usual.
 */
unsigned long fastswitch_boot_request(const void *fdt, unsigned long *dtb)
{
	const char *args, *end;
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
	end = args + strnlen(args, len);
	hdr = (u32 *)fsw_region_base(args, end);
	if (!hdr)
		return 0;

	if (hdr[FSW_HDR_MAGIC / 4] != FSW_REGION_MAGIC ||
	    hdr[FSW_HDR_VERSION / 4] != FSW_LAYOUT_VERSION ||
	    hdr[FSW_HDR_CSUM / 4] != fsw_csum(hdr, FSW_HDR_SIZE / 4))
		return 0;
	/*
	 * Only the initial instance's zImage, which the boot loader starts
	 * after a reset, takes the guard: any other kernel is being booted
	 * by an instance, the guarded one itself.
	 */
	if (hdr[FSW_HDR_BOOT_MAGIC / 4] != FSW_BOOT_MAGIC)
		return fsw_initial(args, end) ? fsw_guard_wake(hdr, dtb) : 0;

	hdr[FSW_HDR_BOOT_MAGIC / 4] = 0;
	switch (hdr[FSW_HDR_BOOT_KIND / 4]) {
	case FSW_BOOT_KIND_BOOT:
		entry = hdr[FSW_HDR_BOOT_ENTRY / 4];
		*dtb = hdr[FSW_HDR_BOOT_DTB / 4];
		if (!fsw_request_owned(hdr, entry, *dtb))
			entry = 0;
		else if (hdr[FSW_HDR_GUARD_FOR / 4] == hdr[FSW_HDR_BOOT_ID / 4] + 1 &&
			 hdr[FSW_HDR_GUARD_MS / 4])
			fsw_guard_start(fdt, hdr[FSW_HDR_GUARD_MS / 4]);
		break;
	case FSW_BOOT_KIND_WAKE:
		entry = fsw_wake_entry(hdr, hdr[FSW_HDR_BOOT_ID / 4], dtb);
		break;
	default:
		entry = 0;
	}
	if (!entry) {
		/* nobody is woken: no instance may count a crash for it */
		hdr[FSW_HDR_CRASHED / 4] = 0;
		hdr[FSW_HDR_GUARD_WAKE / 4] = 0;
		hdr[FSW_HDR_GUARD_FOR / 4] = 0;
		hdr[FSW_HDR_BOOT_REFUSED / 4]++;
	} else if (hdr[FSW_HDR_BOOT_KIND / 4] == FSW_BOOT_KIND_WAKE) {
		hdr[FSW_HDR_WAKE_COUNT / 4]++;
	} else {
		hdr[FSW_HDR_BOOT_COUNT / 4]++;
	}
	hdr[FSW_HDR_CSUM / 4] = fsw_csum(hdr, FSW_HDR_SIZE / 4);
	return entry;
}
