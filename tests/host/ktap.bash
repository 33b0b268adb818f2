# shellcheck shell=bash
# KTAP output for the host tests written in bash (tests/host/test-*.sh):
# one document, the plan first, one result per check.
KTAP_N=0
KTAP_FAILED=0

ktap_plan() {
	echo "KTAP version 1"
	echo "1..$1"
}

ktap_ok() {
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N - $*"
}

ktap_fail() {
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	echo "not ok $KTAP_N - $*"
}

# ktap_diag TEXT: a diagnostic line
ktap_diag() {
	echo "# $*"
}

# check NAME COMMAND...: one result from a command's exit status
check() {
	local name=$1
	shift
	if "$@"; then ktap_ok "$name"; else ktap_fail "$name"; fi
}

# ktap_end: exit status of the document (0: all passed)
ktap_end() {
	[ "$KTAP_FAILED" = 0 ]
}
