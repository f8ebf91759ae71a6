#!/bin/sh
# Step: the series' suites on a debug UML kernel (kunit/debug.config: KASAN,
# kmemleak, lockdep, atomic-sleep checks, fault injection), each suite in a
# boot of its own.  Besides every case passing, the kernel log of the tests
# must hold no report: no BUG (KASAN, sleeping in atomic), no WARNING
# (lockdep, WARN), no oops, and kmemleak's scan after the suites
# (kunit/kmemleak-scan.c, harness only) must find no leak.
set -u
. "$(dirname "$0")/lib.sh"

DEBUG_OUT=$OUT/uml-debug
passed=0
failed=0
points=0
iterations=0
reports=0
leaks=0

harness_commit debug refs/series/check || exit 1
work_checkout refs/series/debug || exit 1

build=$LOGS/debug-build.log
if ! kunit_py build --kunitconfig="$TOP/kunit/debug.config" $(kunit_args | sed "s|$UML_OUT|$DEBUG_OUT|") >"$build" 2>&1; then
	tail -n 30 "$build"
	echo "COUNTS 0 1"
	exit 1
fi

for s in $(series_suites); do
	log=$LOGS/debug-$s.log
	kunit_py exec --build_dir="$DEBUG_OUT" --timeout=1200 \
		--kernel_args=kmemleak.verbose=1 $(results_json "$log") "$s" >"$log" 2>&1
	rc=$?
	count_run "$log.json" "$rc" "debug KUnit, $s"
	scan_kernel_log "$DEBUG_OUT" "$log.kernel" 'unreferenced object'
	r=$log_reports
	l=$(sed -n 's/.*harness: \([0-9]*\) leaks after the tests.*/\1/p' "$log.kernel")
	p=$(sed -n 's/.*# [a-z_]*: \([0-9][0-9]*\) failure point.*/\1/p' "$log.kernel" |
		awk '{ n += $1 } END { print n + 0 }')
	i=$(sed -n 's/.*# [a-z_]*: \([0-9][0-9]*\) race iterations.*/\1/p' "$log.kernel" |
		awk '{ n += $1 } END { print n + 0 }')
	[ -n "$l" ] || { echo "$s: no kmemleak scan after the tests"; l=1; }
	if [ "$r" -gt 0 ] || [ "$l" -gt 0 ]; then
		failed=$((failed + 1))
	fi
	reports=$((reports + r))
	leaks=$((leaks + l))
	points=$((points + p))
	iterations=$((iterations + i))
	echo "SUMMARY   reports $r, leaks $l, failure points injected $p, race iterations $i (kernel log: $log.kernel)"
done
echo "SUMMARY debug run: failure points injected $points, race iterations $iterations, reports $reports, leaks $leaks"
echo "COUNTS $passed $failed"
[ "$failed" -eq 0 ]
