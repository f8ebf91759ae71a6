#!/bin/sh
# Step: KUnit on UML: the kernel's DRM suites and the series' suites, on the
# whole series.  One build; the kernel's suites in one boot, each suite of
# the series in a boot of its own (kunit/series.suites says why).  Every
# case must pass; a skipped, crashed or failed case, or a parse error, fails
# the step.
set -u
. "$(dirname "$0")/lib.sh"

work_checkout refs/series/check || exit 1
passed=0
failed=0

# Add kunit.py's summary of log $1 ("Ran N tests: passed: P, ...") to the
# counts, and print it after $3; a run without one, or that failed ($2),
# counts as a failure.
count_run() {
	summary=$(grep -o 'Ran [0-9]* tests:.*' "$1" | tail -n 1 | sed 's/\x1b\[[0-9;]*m//g')
	n() { echo "$summary" | grep -o "$1: [0-9]*" | grep -o '[0-9]*' || echo 0; }
	f=$(($(n failed) + $(n crashed) + $(n skipped) + $(n errors)))
	[ -n "$summary" ] || f=$((f + 1))
	[ "$2" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	passed=$((passed + $(n passed)))
	failed=$((failed + f))
	echo "SUMMARY $3: ${summary:-no summary from kunit.py (see $1)}"
}

out=$LOGS/kunit-run.log
kunit_py run $(kunit_args) --filter "$(not_series_modules)" "$@" >"$out" 2>&1
rc=$?
cat "$out"
count_run "$out" "$rc" "KUnit, the kernel's suites"

for s in $(series_suites); do
	log=$LOGS/kunit-$s.log
	kunit_py exec --build_dir="$UML_OUT" "$s" >"$log" 2>&1
	rc=$?
	cat "$log"
	count_run "$log" "$rc" "KUnit, $s"
	sed -n 's/^ *# \([a-z_]*\): \(.*failure point.*\)/SUMMARY   \1: \2/p' "$UML_OUT/test.log"
done
echo "COUNTS $passed $failed"
[ "$failed" -eq 0 ]
