#!/bin/sh
# Step: KUnit on x86_64 under QEMU (software emulation, kunit.py
# --arch=x86_64): the series' suites that need transparent huge pages
# (kunit/x86_64.suites), which User-Mode Linux does not have, on the whole
# series, each suite in a boot of its own.  Every case must pass, and the
# kernel log of the tests must hold no report (BUG, WARNING, oops).
set -u
. "$(dirname "$0")/lib.sh"

work_checkout refs/series/check || exit 1
passed=0
failed=0

build=$LOGS/x86_64-build.log
if ! kunit_py build $(x86_64_args) --jobs="$JOBS" >"$build" 2>&1; then
	tail -n 30 "$build"
	echo "COUNTS 0 1"
	exit 1
fi

for s in $(x86_64_suites); do
	log=$LOGS/x86_64-$s.log
	cpus=1
	case $s in *_race) cpus=2 ;; esac	# races need a second CPU
	kunit_py exec $(x86_64_args) --qemu_args="-smp $cpus" --timeout=1200 \
		$(results_json "$log") "$s" >"$log" 2>&1
	rc=$?
	cat "$log"
	count_run "$log.json" "$rc" "KUnit on x86_64 (QEMU), $s"
	scan_kernel_log "$X86_64_OUT" "$log.kernel"
	[ "$log_reports" -eq 0 ] || failed=$((failed + 1))
	echo "SUMMARY   reports $log_reports (kernel log: $log.kernel)"
	sed -n -e 's/^ *# \([a-z_]*\): \(.*failure point.*\)/SUMMARY   \1: \2/p' \
		-e 's/^ *# \([a-z_]*\): \(page allocations in .*\)/SUMMARY   \1: \2/p' \
		-e 's/^ *# \([a-z_]*\): \(.*race iterations.*\)/SUMMARY   \1: \2/p' \
		"$X86_64_OUT/test.log"
done
echo "COUNTS $passed $failed"
[ "$failed" -eq 0 ]
