#!/bin/sh
# Step: KUnit on UML: the kernel's DRM suites and the series' suites, on the
# whole series.  One build; the kernel's suites in one boot, each suite of
# the series in a boot of its own (kunit/series.suites says why).  Every
# case must pass; a skipped, crashed or failed case, or a parse error, fails
# the step, and so do a report (BUG, WARNING, oops) in the kernel log of a
# suite of the series' and a suite of the series' modules missing from the
# list.
set -u
. "$(dirname "$0")/lib.sh"

work_checkout refs/series/check || exit 1
passed=0
failed=0

out=$LOGS/kunit-run.log
kunit_py run $(kunit_args) --filter "$(not_series_modules)" \
	$(results_json "$out") "$@" >"$out" 2>&1
rc=$?
cat "$out"
count_run "$out.json" "$rc" "KUnit, the kernel's suites"

# Every suite in a module of the series' is in kunit/series.suites: the
# first boot leaves those modules out, so a suite the list missed would
# run in neither (kunit.py lists what the kernel has).
for m in $(awk '!/^#/ && NF { print $2 }' "$TOP/kunit/series.suites" | sort -u); do
	list=$LOGS/kunit-list-$m.log
	kunit_py exec --build_dir="$UML_OUT" --list_tests --filter "module=$m" >"$list" 2>&1
	for s in $(sed -n 's/^\([a-z0-9_]*\)\.[a-z0-9_]*$/\1/p' "$list" | sort -u); do
		series_suites | grep -qx "$s" && continue
		echo "SUMMARY suite $s (module $m) is not in kunit/series.suites: it would not run"
		failed=$((failed + 1))
	done
done

for s in $(series_suites); do
	log=$LOGS/kunit-$s.log
	kunit_py exec --build_dir="$UML_OUT" $(results_json "$log") "$s" >"$log" 2>&1
	rc=$?
	cat "$log"
	count_run "$log.json" "$rc" "KUnit, $s"
	scan_kernel_log "$UML_OUT" "$log.kernel"
	if [ "$log_reports" -gt 0 ]; then
		echo "SUMMARY   $s: $log_reports report(s) in the kernel log ($log.kernel)"
		failed=$((failed + 1))
	fi
	sed -n -e 's/^ *# \([a-z_]*\): \(.*failure point.*\)/SUMMARY   \1: \2/p' \
		-e 's/^ *# \([a-z_]*\): \(.*race iterations.*\)/SUMMARY   \1: \2/p' \
		-e 's/^ *# \([a-z_]*\): \(block tables allocated while growing.*\)/SUMMARY   \1: \2/p' \
		"$UML_OUT/test.log"
done
echo "COUNTS $passed $failed"
[ "$failed" -eq 0 ]
