# shellcheck shell=bash
# The runner's KTAP parser (sourced by tests/run and tests/host/test-ktap.sh).
#
# ktap GROUP LOG: read the one KTAP document of LOG, print its results as
# "ok GROUP.N ..." / "not ok GROUP.N ..." and its "# " diagnostics, and add
# them to the counters passed, failed and skipped (globals of the caller).
# Only lines that start with "KTAP version ", "1..", "ok ", "not ok " or
# "# " are read (a console log has other lines too; a peer instance's lines
# start with "peer: " and are read from their own extract).
#
# Strict: "KTAP version 1" comes first, then the plan "1..N", then every
# result number 1..N exactly once and in order. A second version line or
# plan (two documents in one log: the test ran twice), a result before the
# plan, beyond it, out of order, repeated or after a gap is a protocol
# error: one failure, and the rest of the log is not counted. Results
# missing at the end count as failures, one each.
ktap() {
	local group=$1 log=$2 line version=0 plan= next=1 num err=
	while IFS= read -r line; do
		case $line in
		"KTAP version "*)
			if [ "$version" = 1 ]; then
				err="a second KTAP document"
			elif [ -n "$plan" ] || [ "$next" != 1 ]; then
				err="'$line' after the plan or results"
			elif [ "$line" != "KTAP version 1" ]; then
				err="'$line': KTAP version 1 expected"
			else
				version=1
			fi
			;;
		1..*)
			num=${line#1..}
			case $num in "" | *[!0-9]*) continue ;; esac
			if [ -n "$plan" ]; then
				err="a second plan '$line'"
			elif [ "$version" = 0 ]; then
				err="plan '$line' before 'KTAP version 1'"
			elif [ "$next" != 1 ]; then
				err="plan '$line' after results"
			elif [ "$((10#$num))" = 0 ]; then
				err="plan '$line': no results"
			else
				plan=$((10#$num))
			fi
			;;
		"ok "[0-9]* | "not ok "[0-9]*)
			num=${line#ok }
			num=${num#not ok }
			num=${num%%[!0-9]*}
			num=$((10#$num))
			if [ -z "$plan" ]; then
				err="result $num before the plan"
			elif [ "$num" -gt "$plan" ]; then
				err="result $num beyond the plan 1..$plan"
			elif [ "$num" -lt "$next" ]; then
				err="result $num again or out of order (after $((next - 1)))"
			elif [ "$num" -gt "$next" ]; then
				err="result $num where $next was due"
			else
				next=$((next + 1))
				# "ok N ..." -> "ok GROUP.N ..." (GROUP may hold a '/')
				case $line in
				"not ok "*) echo "not ok $group.${line#not ok }" ;;
				*) echo "ok $group.${line#ok }" ;;
				esac
				case $line in
				*"# SKIP"*) skipped=$((skipped + 1)) ;;
				"not ok"*) failed=$((failed + 1)) ;;
				*) passed=$((passed + 1)) ;;
				esac
			fi
			;;
		"# "*) echo "    $line" ;;
		esac
		if [ -n "$err" ]; then
			echo "not ok $group - KTAP protocol error: $err (log: $log)"
			failed=$((failed + 1))
			return
		fi
	done < <(tr -d '\r' <"$log" | grep -a -E '^(KTAP version |1\.\.[0-9]+$|(not )?ok [0-9]+( |$)|# )')
	if [ -z "$plan" ]; then
		echo "not ok $group - no KTAP plan: the test did not run (log: $log)"
		failed=$((failed + 1))
	elif [ "$next" -le "$plan" ]; then
		echo "not ok $group - $((plan - next + 1)) of $plan results missing (log: $log)"
		failed=$((failed + plan - next + 1))
	fi
}
