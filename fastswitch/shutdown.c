// SPDX-License-Identifier: GPL-2.0
/*
 * Power off, halt and reboot with sleeping instances: they live only in
 * RAM, so the machine's end is theirs, without a close (their memory is
 * not zeroed, nothing of them is saved). The kernel cannot refuse a
 * reboot(2); it says so, once, on the console, naming them
 * (docs/requests.md, "Power off and reboot").
 */
#define pr_fmt(fmt) "fastswitch: " fmt

#include <linux/notifier.h>
#include <linux/reboot.h>
#include "fastswitch.h"

static int fsw_reboot_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	unsigned long alive = fsw_instances_alive();
	const char *what;

	if (!alive)
		return NOTIFY_DONE;
	switch (action) {
	case SYS_POWER_OFF:
		what = "power off";
		break;
	case SYS_HALT:
		what = "halt";
		break;
	default:
		what = "reboot";
		break;
	}
	pr_warn("%s with %u other instance(s) that may be alive (%*pbl): they end without a close\n",
		what, (unsigned int)hweight_long(alive), FSW_MAX_INSTANCES, &alive);
	return NOTIFY_DONE;
}

static struct notifier_block fsw_reboot_nb = {
	.notifier_call = fsw_reboot_notify,
};

int fsw_shutdown_init(void)
{
	return register_reboot_notifier(&fsw_reboot_nb);
}

void fsw_shutdown_exit(void)
{
	unregister_reboot_notifier(&fsw_reboot_nb);
}
