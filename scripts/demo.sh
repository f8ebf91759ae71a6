#!/bin/sh
# make demo: apply the series to a fresh base, build and boot the patched
# UML kernel, run the series' KUnit suites and print a summary, then the
# heap-growth demonstration (scripts/demo-heap.sh).
set -u
. "$(dirname "$0")/lib.sh"

step() {
	printf '%s ... ' "$1"
	shift
	t0=$(date +%s)
	if logged "$LOGS/demo-$1.log" "$@"; then
		echo "ok ($(($(date +%s) - t0))s)"
	else
		echo "FAILED"
		exit 1
	fi
}

mkdir -p "$LOGS"
sh "$TOP/scripts/deps.sh" || exit 1
sh "$TOP/scripts/tree.sh" --base || exit 1
step "apply patches/ to a fresh $BASE_PACKAGE" sh "$TOP/scripts/step-apply.sh"
work_checkout refs/series/check || exit 1
step "build the patched UML KUnit kernel (first time: minutes)" kunit_py build $(kunit_args)

suites=$(series_suites)
[ -n "$suites" ] || die "demo: kunit/series.suites lists no suite"
total=0
fails=0
echo
echo "The series' KUnit suites on the patched kernel:"
for s in $suites; do
	kunit_py exec --build_dir="$UML_OUT" "$s" >"$LOGS/demo-$s.log" 2>&1
	rc=$?
	line=$(grep -o 'Ran [0-9]* tests:.*' "$LOGS/demo-$s.log" | sed 's/\x1b\[[0-9;]*m//g')
	printf '  %-32s %s\n' "$s" "${line:-no result (log: $LOGS/demo-$s.log)}"
	# What the cases report of themselves (fault injection figures).
	sed -n 's/^ *# \([a-z_]*\): \(.*failure.*\)/      \1: \2/p' "$UML_OUT/test.log"
	n=$(echo "$line" | grep -o 'Ran [0-9]*' | grep -o '[0-9]*' || echo 0)
	total=$((total + n))
	[ "$rc" -eq 0 ] && [ -n "$line" ] || fails=$((fails + 1))
done
echo
echo "The series (patches/):"
git -C "$TREE" log --format='  %s' --reverse base..refs/series/check
echo "$total case(s) in $(echo "$suites" | wc -w) suite(s); $fails suite(s) with failures"
[ "$fails" -eq 0 ] || exit 1

sh "$TOP/scripts/demo-heap.sh"
