#!/bin/sh
# Malformed writes to the control file: each fails with its documented
# errno (docs/debugfs.md), logs one line naming the problem, and changes
# nothing. Loaded without testing=1, so fault injection is refused.
# qemu-append: fsw.testing=0
. /tests/lib.sh

long=$(printf '%01100d' 0)
# input|errno (fsw-write escapes: \n \t \xHH; a newline is appended)
cases='|EINVAL
   \t |EINVAL
bogus|EINVAL
WAKE immediate|EINVAL
wake|EINVAL
wake sometimes|EINVAL
wake immediate now|EINVAL
wake delay|EINVAL
wake delay abc|EINVAL
wake delay -5|EINVAL
wake delay 1.5|EINVAL
wake delay 0x10|EINVAL
wake delay 0|ERANGE
wake delay 60001|ERANGE
wake delay 99999999999999999999|ERANGE
wake delay 10 20|EINVAL
wake rtc 0|ERANGE
wake rtc 600001|ERANGE
survey|EINVAL
survey maybe|EINVAL
inject checksum|EPERM
inject nothing|EINVAL
a b c d e f|E2BIG
'"$long"'|E2BIG
wake\x01delay 5|EILSEQ
wake delay 5\x00|EILSEQ
wake\ndelay 5|EILSEQ
wake delay 5\xe9|EILSEQ'

total=$(echo "$cases" | wc -l)
ktap_plan $((total + 3))

status0=$(cat "$FSW/status")
page0=$(cat "$FSW/page")
refuse_each "$cases" "$FSW/status" "$FSW/page"

check "status unchanged by the refused writes" [ "$(cat "$FSW/status")" = "$status0" ]
check "instance page unchanged by the refused writes" [ "$(cat "$FSW/page")" = "$page0" ]
check "valid commands are still accepted" \
	eval '[ "$(fsw-write "$FSW/control" "wake delay 5")/$(fsw-write "$FSW/control" "wake immediate")" = OK/OK ]'
