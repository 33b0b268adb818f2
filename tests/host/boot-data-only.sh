#!/bin/bash
# The host half of tests/guest/section-corrupt-live.sh and
# section-skew-*.sh (run by tests/run as that QEMU test, with T, its
# scratch directory, HOSTBIN, and NAME, the test): boot instance 0 with a
# table it cannot trust and instance 1's page saying it sleeps, wait until
# the kernel has decided what is its own and has run as far as it can,
# then read instance 1's sections through QEMU's monitor and compare them
# with what the host put there. KTAP on stdout; the console log is
# $T/console.log.
#   boot-data-only.sh corrupt     a table with one bit flipped after sealing
#   boot-data-only.sh version +1  a sealed table of the next layout version
#                                 (-1: the one before; docs/abi.md)
#   boot-data-only.sh bits 25     a sealed table of 32 MiB sections
set -u
FSW_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$FSW_TOP/host/env.sh"
: "${T:?}" "${HOSTBIN:?}"
name=${NAME:-section-corrupt-live}
log=$T/console.log
# Instance 1's two sections in the host-made table: s59-s60 at 1 GiB
s1=0x7b000000 s1size=0x2000000
v=$(sed -n 's/^#define FSW_LAYOUT_VERSION[[:space:]]*\([0-9]*\).*/\1/p' "$FSW_TOP/arch/arm/include/asm/fastswitch.h")

# table BITS [FLAG...]: fsw-mktable's arguments for the 1 GiB of RAM at
# 0x40000000 in sections of 2^BITS bytes: the firmware's below 0x48000000
# and above instance 1's, instance 1's over s1, instance 0's in between
table() {
	local sec=$((1 << $1)) ram=0x40000000 end=0x80000000 fw=0x48000000
	echo "$ram $(((end - ram) / sec)) $*" \
		"0-$(((fw - ram) / sec - 1))=firmware" \
		"$(((fw - ram) / sec))-$(((s1 - ram) / sec - 1))=0" \
		"$(((s1 - ram) / sec))-$(((s1 + s1size - 1 - ram) / sec))=1" \
		"$(((s1 + s1size - 1 - ram) / sec + 1))-$(((end - ram) / sec - 1))=firmware"
}
case ${1:-corrupt} in
corrupt) args=$(table 24 --corrupt) why="bad checksum" ;;
version) d=${2:?version +N or -N} args=$(table 24 --version "$((v + d))") why="bad version" ;;
bits) args=$(table "${2:?bits B}") why="other section size" ;;
*) fsw_die "boot-data-only.sh: corrupt, version +N|-N or bits B, not '$*'" ;;
esac

echo "KTAP version 1"
echo "1..5"
echo "# the table: fsw-mktable table.bin $args (layout version $v here)"
# shellcheck disable=SC2086 # the table's arguments, as words
"$HOSTBIN/fsw-mktable" "$T/table.bin" $args &&
	"$HOSTBIN/fsw-mkpage" "$T/page1.bin" 1 sleeping $((s1 + 0x120cc)) &&
	"$HOSTBIN/fsw-pattern" write $s1 $s1size "$T/pattern.bin" >/dev/null ||
	fsw_die "cannot make the table, the page or the pattern"

fsw_qemu -t 300 -l "$log" -L "$T/table.bin@0x47021000" -L "$T/page1.bin@0x47005000" \
	-L "$T/pattern.bin@$s1" -q "-monitor unix:$T/mon,server,nowait" -- \
	loglevel=7 fsw.run=test:"$name" >/dev/null 2>&1 &
qpid=$!
# The kernel says what it uses, then runs as far as it can: to its user
# space (which waits), or to an out-of-memory panic
for _ in $(seq 600); do
	grep -aq "end Kernel panic\|FSW-HOST-CHECK .*: user space runs" "$log" 2>/dev/null && break
	kill -0 $qpid 2>/dev/null || break
	sleep 0.5
done
python3 - "$T/mon" "$T/after.bin" "$s1" "$s1size" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(60)
def talk(cmd):
    s.sendall((cmd + "\n").encode())
    out = b""
    while not out.endswith(b"(qemu) "):
        out += s.recv(4096)
talk("")
talk("pmemsave %s %s \"%s\"" % (sys.argv[3], sys.argv[4], sys.argv[2]))
s.sendall(b"quit\n")
PY
wait $qpid 2>/dev/null
tr -d '\r' <"$log" >"$T/console.txt"

n=$(sed -n 's/.*instance 0 has no sections of its own in its boot parameters: it uses only the \([0-9]*\) sections holding.*/\1/p' "$T/console.txt")
if grep -q "fastswitch: ownership table at 0x47021000: $why, and instance 0 has no sections of its own" "$T/console.txt" && [ -n "$n" ]; then
	echo "ok 1 - the kernel names what is wrong with the table ($why) and uses only the $n section(s) holding its kernel, initrd and device tree"
else
	echo "not ok 1 - the kernel names what is wrong with the table ($why) and uses only the sections holding its kernel, initrd and device tree"
fi
if grep -q "fastswitch: ownership table at 0x47021000: instance 0 leaves [0-9]* sections to others, uses ${n:-x}$" "$T/console.txt"; then
	echo "ok 2 - it leaves every other section of its boot memory to others: $(sed -n 's/.*instance 0 leaves \([0-9]*\) sections.*/\1/p' "$T/console.txt")"
else
	echo "not ok 2 - it leaves every other section of its boot memory to others"
fi
mem=$(sed -n 's/.*Memory: [0-9]*K\/\([0-9]*\)K available.*/\1/p' "$T/console.txt")
if [ -n "$n" ] && [ "$mem" = $((n * 16384)) ]; then
	echo "ok 3 - its memory is those sections: $mem kB"
else
	echo "not ok 3 - its memory is those sections (${mem:-no} kB)"
fi
how=$(grep -ao "Kernel panic - not syncing: .*\|FSW-HOST-CHECK .*" "$T/console.txt" | head -n 1)
if [ -n "$how" ]; then
	echo "ok 4 - it ran as far as it could: $how"
else
	echo "not ok 4 - it ran as far as it could (neither user space nor a panic in the log)"
fi
if [ -s "$T/after.bin" ] && cmp -s "$T/after.bin" "$T/pattern.bin"; then
	echo "ok 5 - instance 1's sections hold the host's pattern, byte for byte, after instance 0 ran"
else
	echo "not ok 5 - instance 1's sections hold the host's pattern, byte for byte, after instance 0 ran"
fi
echo "FSW-GUEST-DONE $name"
