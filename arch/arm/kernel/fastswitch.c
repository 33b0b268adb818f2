// SPDX-License-Identifier: GPL-2.0
/*
 * Fastswitch arch hooks: the shared region and the resume-vector hand-off.
 *
 * "fastswitch_mem=<size>@<base>" names the region shared by all instances
 * (instance pages, and later the section ownership table). It is removed
 * from memblock before the kernel maps its memory, so no kernel ever maps
 * it as ordinary RAM and it can be mapped non-cacheable by the policy
 * module, coherent with the MMU-off resume vector.
 *
 * fastswitch_enter() is the platform's sleep: it saves the CPU context with
 * cpu_suspend() and, with the MMU and caches off, enters the resume vector
 * (fastswitch-vector.S), which resumes this or another instance through its
 * physical cpu_resume. Policy (which instance, the page contents) belongs to
 * the fastswitch module.
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/cpu_pm.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/initrd.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/irqflags.h>
#include <linux/kstrtox.h>
#include <linux/math64.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/platform_device.h>
#include <linux/psci.h>
#include <linux/pstore_ram.h>
#include <uapi/linux/psci.h>
#include <linux/cpumask.h>

#include <asm/arch_timer.h>
#include <asm/cacheflush.h>
#include <asm/fastswitch.h>
#include <asm/memory.h>
#include <asm/outercache.h>
#include <asm/sections.h>
#include <asm/smp_plat.h>
#include <asm/suspend.h>

#include "reboot.h"

/* Read and written by fastswitch_vector with the MMU off. */
struct fsw_vector_args fastswitch_vector_args __aligned(64);

static phys_addr_t fsw_region_base;
static phys_addr_t fsw_region_size;
static u32 fsw_instance_id;
/* fastswitch_mem= or fastswitch_id= was given but refused */
static bool fsw_mem_refused, fsw_id_refused;

static int __init early_fastswitch_id(char *p)
{
	unsigned int id;

	if (!p || kstrtouint(p, 0, &id) || id >= FSW_MAX_INSTANCES) {
		pr_err("fastswitch_id=%s: expected 0..%u; this kernel is no instance\n",
		       p ? p : "", FSW_MAX_INSTANCES - 1);
		fsw_id_refused = true;
		return -EINVAL;
	}
	fsw_instance_id = id;
	return 0;
}
early_param("fastswitch_id", early_fastswitch_id);

/**
 * fastswitch_instance_id - this kernel's instance id (fastswitch_id=)
 *
 * Return: the id, 0 for the initial instance.
 */
u32 fastswitch_instance_id(void)
{
	return fsw_instance_id;
}
EXPORT_SYMBOL_GPL(fastswitch_instance_id);

/*
 * Parsed by setup_arch() once the DT memory and initrd are known and before
 * arm_memblock_init(): the region leaves memblock, as "mem=" does, before
 * anything is allocated from it or mapped.
 */
static int __init early_fastswitch_mem(char *p)
{
	phys_addr_t size, base, end;
	char *q;

	/* Any return below but the last: the region was asked for, not given. */
	fsw_mem_refused = true;
	if (!p) {
		pr_err("fastswitch_mem needs <size>@<base>; no region\n");
		return -EINVAL;
	}
	size = memparse(p, &q);
	if (q == p || *q != '@') {
		pr_err("fastswitch_mem=%s: expected <size>@<base>; no region\n", p);
		return -EINVAL;
	}
	p = q + 1;
	base = memparse(p, &q);
	if (q == p || *q) {
		pr_err("fastswitch_mem=: bad base '%s'; no region\n", p);
		return -EINVAL;
	}
	end = base + size;
	if (!PAGE_ALIGNED(base) || !PAGE_ALIGNED(size) || end <= base) {
		pr_err("fastswitch_mem=%pa@%pa: not page aligned or wraps; no region\n",
		       &size, &base);
		return -EINVAL;
	}
	if (IS_ENABLED(CONFIG_SPARSEMEM) &&
	    (!IS_ALIGNED(base, 1UL << SECTION_SIZE_BITS) ||
	     !IS_ALIGNED(size, 1UL << SECTION_SIZE_BITS))) {
		pr_err("fastswitch_mem=%pa@%pa: not whole %lu MiB sections; no region\n",
		       &size, &base, (1UL << SECTION_SIZE_BITS) >> 20);
		return -EINVAL;
	}
	if (size < FSW_REGION_MIN_SIZE) {
		pr_err("fastswitch_mem=%pa@%pa: smaller than %#x; no region\n",
		       &size, &base, FSW_REGION_MIN_SIZE);
		return -EINVAL;
	}
	if (base < __pa_symbol(_end) && end > __pa_symbol(_text)) {
		pr_err("fastswitch_mem=%pa@%pa: overlaps the kernel image; no region\n",
		       &size, &base);
		return -EINVAL;
	}
	if (phys_initrd_size && base < phys_initrd_start + phys_initrd_size &&
	    end > phys_initrd_start) {
		pr_err("fastswitch_mem=%pa@%pa: overlaps the initrd; no region\n",
		       &size, &base);
		return -EINVAL;
	}
	memblock_remove(base, size);
	fastswitch_sections_read_region(base);
	fsw_mem_refused = false;
	fsw_region_base = base;
	fsw_region_size = size;
	pr_info("shared region %pa+%pa, removed from the linear map\n",
		&fsw_region_base, &fsw_region_size);
	return 0;
}
early_param("fastswitch_mem", early_fastswitch_mem);

/**
 * fastswitch_region - the shared region given by fastswitch_mem=
 * @base: its physical base
 * @size: its size in bytes
 *
 * Return: 0; -ENODEV if the kernel was booted without fastswitch_mem=;
 * -EINVAL if fastswitch_mem= or fastswitch_id= was given but refused (the
 * kernel was meant to be an instance and must fail closed).
 */
int fastswitch_region(phys_addr_t *base, phys_addr_t *size)
{
	if (fsw_mem_refused || fsw_id_refused)
		return -EINVAL;
	if (!fsw_region_size)
		return -ENODEV;
	*base = fsw_region_base;
	*size = fsw_region_size;
	return 0;
}
EXPORT_SYMBOL_GPL(fastswitch_region);

/**
 * fastswitch_resume_entry - physical address where this kernel resumes
 *
 * Return: the physical address of cpu_resume.
 */
phys_addr_t fastswitch_resume_entry(void)
{
	return __pa_symbol(cpu_resume);
}
EXPORT_SYMBOL_GPL(fastswitch_resume_entry);

/**
 * fastswitch_wake_entry - physical address where this kernel is woken
 * after a reset, when an instance it handed over to crashed
 *
 * Return: the physical address of fastswitch_wake.
 */
phys_addr_t fastswitch_wake_entry(void)
{
	return __pa_symbol(fastswitch_wake);
}
EXPORT_SYMBOL_GPL(fastswitch_wake_entry);

/* Give a CPU that Linux took down this long to be off for the firmware */
#define FSW_CPU_OFF_WAIT_MS	2000

/*
 * No CPU but this one may run when the instance is left: another CPU still
 * on would go on running this instance's code (its cpu_die path) while
 * another instance owns the machine, or later re-enter this instance. Linux
 * took the other CPUs down before the platform suspend, but psci_cpu_kill()
 * gives up after 100 ms and the suspend goes on; here each must be OFF for
 * PSCI's AFFINITY_INFO.
 *
 * This runs after syscore_suspend(): timekeeping is suspended and
 * ktime_get*() stands still, so the wait is measured on the architected
 * counter, which runs. With FSW_ENTER_TEST_CPU_STUCK (fault injection) the
 * first other CPU is taken as never reaching OFF.
 */
static int fastswitch_others_off(unsigned int flags)
{
	u64 wait = div_u64((u64)arch_timer_get_cntfrq() * FSW_CPU_OFF_WAIT_MS, MSEC_PER_SEC);
	bool stuck = flags & FSW_ENTER_TEST_CPU_STUCK;
	unsigned int cpu;
	u64 start, now;
	int state = 0;

	if (num_present_cpus() == 1)
		return 0;
	if (!IS_ENABLED(CONFIG_ARM_PSCI_FW) || !psci_ops.affinity_info) {
		pr_err("no PSCI AFFINITY_INFO: nothing can tell that the other CPUs are off; not leaving this instance\n");
		return -EOPNOTSUPP;
	}
	for_each_present_cpu(cpu) {
		if (cpu == smp_processor_id())
			continue;
		start = __arch_counter_get_cntvct();
		do {
			state = psci_ops.affinity_info(cpu_logical_map(cpu), 0);
			if (stuck)
				state = PSCI_0_2_AFFINITY_LEVEL_ON;
			if (state == PSCI_0_2_AFFINITY_LEVEL_OFF)
				break;
			cpu_relax();
			now = __arch_counter_get_cntvct();
		} while (now - start < wait);
		if (state != PSCI_0_2_AFFINITY_LEVEL_OFF) {
			pr_err("CPU%u is not off after %u ms (AFFINITY_INFO %d%s): not leaving this instance\n",
			       cpu, FSW_CPU_OFF_WAIT_MS, state,
			       stuck ? ", injected" : "");
			return -EBUSY;
		}
	}
	return 0;
}

static int fastswitch_finisher(unsigned long arg)
{
	/* Caches cleaned and off, MMU off: never returns. */
	_soft_restart(__pa_symbol(fastswitch_vector), false);
	return -EIO;
}

#define FSW_ARG_AT(field, off) \
	BUILD_BUG_ON(offsetof(struct fsw_vector_args, field) != (off))

/**
 * fastswitch_enter - sleep through the Fastswitch resume vector
 * @args: what the vector does; status, detail, expected and wake are
 *        written back with what it did
 * @flags: 0, or FSW_ENTER_TEST_* fault injection (tests only)
 *
 * Must be called from a platform_suspend_ops->enter hook: interrupts off,
 * the boot CPU alone. The instance pages @args names must be sealed.
 *
 * Return: 0 after this instance was resumed, or a negative errno if the
 * CPU could not be suspended. A refusal by the vector is reported in
 * @args->status with a return of 0: the instance was resumed.
 */
int fastswitch_enter(struct fsw_vector_args *args, unsigned int flags)
{
	struct fsw_vector_args *va = &fastswitch_vector_args;
	phys_addr_t pa = __pa_symbol(va);
	int ret;

	/* The vector reads them at these offsets, with the MMU off. */
	BUILD_BUG_ON(sizeof(*args) != FSW_ARG_SIZE);
	FSW_ARG_AT(self_page, FSW_ARG_SELF_PAGE);
	FSW_ARG_AT(target_page, FSW_ARG_TARGET_PAGE);
	FSW_ARG_AT(self_entry, FSW_ARG_SELF_ENTRY);
	FSW_ARG_AT(poll_addr, FSW_ARG_POLL_ADDR);
	FSW_ARG_AT(poll_mask, FSW_ARG_POLL_MASK);
	FSW_ARG_AT(status, FSW_ARG_STATUS);
	FSW_ARG_AT(detail, FSW_ARG_DETAIL);
	FSW_ARG_AT(expected, FSW_ARG_EXPECTED);
	FSW_ARG_AT(wake, FSW_ARG_WAKE);
	FSW_ARG_AT(target_id, FSW_ARG_TARGET_ID);
	FSW_ARG_AT(delay_ticks, FSW_ARG_DELAY_TICKS);
	FSW_ARG_AT(poll_ticks, FSW_ARG_POLL_TICKS);
	FSW_ARG_AT(mode, FSW_ARG_MODE);
	FSW_ARG_AT(boot_entry, FSW_ARG_BOOT_ENTRY);
	FSW_ARG_AT(boot_dtb, FSW_ARG_BOOT_DTB);
	FSW_ARG_AT(reset_fn, FSW_ARG_RESET_FN);
	FSW_ARG_AT(reset_smc, FSW_ARG_RESET_SMC);
	FSW_ARG_AT(sums, FSW_ARG_SUMS);
	FSW_ARG_AT(table, FSW_ARG_TABLE);
	/* Page fields the vector writes or checks (ldr/str immediates) */
	BUILD_BUG_ON(FSW_PG_RESUME_COUNT >= 0x1000 || FSW_PG_REGS >= 0x1000);
	BUILD_BUG_ON(FSW_PG_TAIL <= FSW_PG_CSUM || FSW_PG_HANDOFF_JUMP + 8 > FSW_PAGE_SIZE);

	if (WARN_ON(!irqs_disabled() || num_online_cpus() != 1))
		return -EINVAL;
	ret = fastswitch_others_off(flags);
	if (ret)
		return ret;

	/* No process may keep a mapping of what is not online here */
	arm_lowmem_sweep();

	*va = *args;
	va->status = FSW_VEC_OK;
	va->wake = 0;
	/* The vector reads and writes them with the caches off. */
	__cpuc_flush_dcache_area(va, sizeof(*va));
	outer_clean_range(pa, pa + sizeof(*va));

	ret = cpu_pm_enter();
	if (ret)
		return ret;
	ret = cpu_cluster_pm_enter();
	if (ret)
		goto out_cpu;

	ret = cpu_suspend(0, fastswitch_finisher);

	cpu_cluster_pm_exit();
out_cpu:
	cpu_pm_exit();
	if (!ret) {
		outer_inv_range(pa, pa + sizeof(*va));
		__cpuc_flush_dcache_area(va, sizeof(*va));
		args->status = va->status;
		args->detail = va->detail;
		args->expected = va->expected;
		args->wake = va->wake;
	}
	return ret;
}
EXPORT_SYMBOL_GPL(fastswitch_enter);

/*
 * pstore/ramoops in this instance's area of the shared region: its panic
 * and oops logs and its console stay there across the reset that returns
 * the machine after a crash, for the next kernel booted as this instance
 * (/sys/fs/pstore). The region is outside every kernel's memory map and
 * each instance has its own area; an instance that is closed has it
 * cleared.
 */
static int __init fastswitch_ramoops_init(void)
{
	struct ramoops_platform_data pd = {
		.mem_size = FSW_PSTORE_SIZE,
		.mem_type = 0,			/* write-combined, as the module maps it */
		.record_size = FSW_PSTORE_RECORD,
		.console_size = FSW_PSTORE_CONSOLE,
		.max_reason = KMSG_DUMP_OOPS,
	};
	struct platform_device *pdev;

	if (!IS_ENABLED(CONFIG_PSTORE_RAM) || fsw_region_size < FSW_PSTORE_END)
		return 0;
	pd.mem_address = fsw_region_base + FSW_PSTORE_OFFSET(fsw_instance_id);
	pdev = platform_device_register_data(NULL, "ramoops", PLATFORM_DEVID_NONE,
					     &pd, sizeof(pd));
	if (IS_ERR(pdev)) {
		pr_err("no pstore area: %ld\n", PTR_ERR(pdev));
		return PTR_ERR(pdev);
	}
	return 0;
}
device_initcall(fastswitch_ramoops_init);
