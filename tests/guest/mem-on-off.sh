#!/bin/sh
# The kernel's own memory hotplug selftest,
# tools/testing/selftests/memory-hotplug/mem-on-off-test.sh, copied
# unmodified from the kernel tree at build time and run by BusyBox sh:
# online/offline of hotpluggable memory blocks and the memory notifier
# error injection (memory-notifier-error-inject.ko), with the ownership
# notifier in place.
. /tests/lib.sh

ktap_plan 6
check "memory-notifier-error-inject loads and creates its debugfs files" \
	eval 'modprobe memory-notifier-error-inject && [ -d /sys/kernel/debug/notifier-error-inject/memory ] && modprobe -r memory-notifier-error-inject'
for r in 2 50; do
	# UID is bash's; give it the same value for BusyBox sh
	UID=$(id -u) sh /tests/kselftest/mem-on-off-test.sh -r $r >/tmp/kst.log 2>&1
	rc=$?
	check "-r $r: the error injection part ran (no \"skip extra tests\")" eval '! grep -q "skip extra tests" /tmp/kst.log' 
	sed 's/^/# /' /tmp/kst.log | grep -v '^# online->offline\|^# offline->online\|^# -> ' | head -40
	ktap_diag "$(grep -c '^-> Success' /tmp/kst.log) blocks offlined, $(grep -c '^offline->online' /tmp/kst.log) onlined"
	check "mem-on-off-test.sh -r $r passes (exit $rc)" [ $rc = 0 ]
done
check "no kernel warning, BUG or Oops" dmesg_clean
