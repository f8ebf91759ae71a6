#!/bin/sh
# Step: KUnit on UML: the kernel's DRM suites and the series' suites, on the
# whole series.  Every case must pass; a skipped, crashed or failed case, or
# a parse error, fails the step.
set -u
. "$(dirname "$0")/lib.sh"

work_checkout refs/series/check || exit 1
out=$LOGS/kunit-run.log
kunit_py run $(kunit_args) "$@" >"$out" 2>&1
rc=$?
cat "$out"

# kunit.py's own summary: "Ran N tests: passed: P, failed: F, ..."
summary=$(grep -o 'Ran [0-9]* tests:.*' "$out" | tail -n 1 |
	sed 's/\x1b\[[0-9;]*m//g')
count() {
	echo "$summary" | grep -o "$1: [0-9]*" | grep -o '[0-9]*' || echo 0
}
passed=$(count passed)
failed=$(($(count failed) + $(count crashed) + $(count skipped) + $(count errors)))
[ -n "$summary" ] || failed=$((failed + 1))
[ "$rc" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "SUMMARY KUnit: ${summary:-no summary from kunit.py (see $out)}"
for s in $(grep -v '^#' "$TOP/kunit/series.suites" 2>/dev/null); do
	grep -E "^\[[0-9:]+\] .*(PASSED|FAILED|SKIPPED|CRASHED).* $s( |$)" "$out" |
		sed 's/\x1b\[[0-9;]*m//g; s/^\[[0-9:]*\] */SUMMARY   /'
done
echo "COUNTS $passed $failed"
[ "$failed" -eq 0 ]
