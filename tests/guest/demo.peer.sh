#!/bin/sh
# The instances the demo boots (tests/guest/demo.sh): each time one runs
# it says who it is, then switches on as its route says (fsw.route, the
# targets of its visits in order, e.g. 0,2,0). Past its route it returns,
# and init gives it a shell (fsw.shell=1: make run from a terminal), or it
# switches back to instance 0 each time it runs.
. /tests/lib.sh
id=$(status_field instance)
visit=0
say() {
	visit=$((visit + 1))
	echo "    [instance $id: $(uname -r), $(hostname), visit $visit, came from instance $(status_field last_switch_from), uptime $(cut -d' ' -f1 /proc/uptime) s, MemTotal $(meminfo MemTotal) kB]"
}
for to in $(cmdline_arg fsw.route | tr , ' '); do
	say
	echo "    [instance $id: fastswitch switch $to]"
	fastswitch switch "$to" >/dev/null || echo "    [instance $id: the switch to $to failed]"
done
say
[ "$(cmdline_arg fsw.shell)" = 1 ] && exit 0
while :; do
	fastswitch switch 0 >/dev/null
	say
done
