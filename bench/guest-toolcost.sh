#!/bin/sh
# Benchmark (guest side): what user space costs around a switch under
# TCG, the parts of the timeline's user_to_kernel and kernel_to_user
# (docs/timeline.md). Each figure is the counter read by fsw-cnt before
# and after the step, minus the same pair around nothing (two fsw-cnt:
# the baseline of this boot), N times:
#   exec              a fork and exec of a small static program (fsw-cnt)
#   sh_start          a shell that does nothing (sh -c :)
#   tool_switch_*     the tool on the switch path, in ash and mksh: its
#                     fast path up to need_fsw, which fails on the missing
#                     debugfs (nothing switches)
#   tool_status_*     the tool through the whole script: status, which
#                     fails the same way after the full dispatch
#   tool_ash, _mksh   fastswitch --help (the whole script, and the help)
#   status_read       one read of the status file (cat)
#   status_load       the status parsed by one sed (the tool's way until
#                     it had switch_status)
#   switch_load       the tool's switch_load (switch_status by read)
#   active_sources    the tool's active_sources (wakeup_sources by read)
. /tests/lib.sh
N=$(cmdline_arg fsw.bench_cycles)
. /bench/stats.sh
scale=$(awk -v f="$(page_field cnt_freq)" 'BEGIN { print f / 1000 }')

# one FILE CMD...: the counter ticks of CMD, appended to FILE
one() {
	f=$1
	shift
	a=$(fsw-cnt)
	"$@" >/dev/null 2>&1
	b=$(fsw-cnt)
	echo "$a $b" | awk '{ print $2 - $1 }' >>"$f"
}
status_sed() {
	eval "$(sed -n 's/^\([a-z_]*\): \(-\{0,1\}[0-9A-Za-z_]*\)\( .*\)\{0,1\}$/st_\1=\2/p' "$FSW/status")"
}

# scripts/fastswitch's switch_load, word for word (keep them the same);
# the fields are read, not used: the read is what is measured
# shellcheck disable=SC2034
switch_load() {
	read -r _ st_instance st_switches st_crashes st_last_switch_result \
		st_last_switch_from st_last_switch_us st_last_crash_id \
		st_last_crash_us st_pending _ <"$FSW/switch_status"
}

# scripts/fastswitch's active_sources, word for word (keep them the same)
active_sources() {
	act=
	ws=${FSW_DIR%/*}/wakeup_sources
	[ -r "$ws" ] || return 0
	# name active_count event_count wakeup_count expire_count active_since ...
	while read -r n _ _ _ _ since _; do
		[ "$since" = 0 ] || [ "$n" = name ] || act="$act${act:+ }$n"
	done <"$ws"
}
FSW_DIR=$FSW

# the tools started here find no debugfs: they switch nothing
export FASTSWITCH_DEBUGFS=/nonexistent
for k in base exec sh_start tool_switch_ash tool_switch_mksh tool_status_ash tool_status_mksh tool_ash tool_mksh status_read status_load switch_load active_sources; do : >/tmp/$k; done
i=0
while [ $i -lt "$N" ]; do
	i=$((i + 1))
	one /tmp/base true
	one /tmp/exec fsw-cnt
	one /tmp/sh_start sh -c :
	one /tmp/tool_switch_ash sh /usr/bin/fastswitch switch 1
	one /tmp/tool_switch_mksh mksh /usr/bin/fastswitch switch 1
	one /tmp/tool_status_ash sh /usr/bin/fastswitch status
	one /tmp/tool_status_mksh mksh /usr/bin/fastswitch status
	one /tmp/tool_ash sh /usr/bin/fastswitch --help
	one /tmp/tool_mksh mksh /usr/bin/fastswitch --help
	one /tmp/status_read cat "$FSW/status"
	one /tmp/status_load status_sed
	one /tmp/switch_load switch_load
	one /tmp/active_sources active_sources
done
stats toolcost_baseline ms "$scale" "$N" </tmp/base
base=$(sort -n /tmp/base | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
for k in exec sh_start tool_switch_ash tool_switch_mksh tool_status_ash tool_status_mksh tool_ash tool_mksh status_read status_load switch_load active_sources; do
	awk -v b="$base" '{ print $1 - b }' /tmp/$k | stats "toolcost_$k" ms "$scale" "$N"
done
