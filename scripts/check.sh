#!/bin/sh
# make check: run each step, print progress (step, result, seconds), end
# with "N passed, N failed".  A step prints "COUNTS <passed> <failed>" as
# its last word on what it checked; its whole output goes to build/logs/.
set -u
. "$(dirname "$0")/lib.sh"

STEPS=${STEPS:-"apply checkpatch bisect fixes kunit x86_64 harness debug arm64 modules kdoc-sparse"}
# The other steps test what apply applied: it always runs, first.
STEPS="apply $(echo " $STEPS " | sed 's/ apply / /g')"
mkdir -p "$LOGS"
passed=0
failed=0
start=$(date +%s)

run_step() {
	name=$1
	log=$LOGS/check-$name.log
	t0=$(date +%s)
	printf '%-12s ... ' "$name"
	sh "$TOP/scripts/step-$name.sh" >"$log" 2>&1
	rc=$?
	counts=$(sed -n 's/^COUNTS //p' "$log" | tail -n 1)
	p=${counts% *}
	f=${counts#* }
	if [ -z "$counts" ]; then
		p=0
		f=1
	fi
	[ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	passed=$((passed + p))
	failed=$((failed + f))
	dt=$(($(date +%s) - t0))
	if [ "$rc" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "ok    ($p checked, ${dt}s)"
		grep '^SUMMARY ' "$log" | sed 's/^SUMMARY /    /'
		return 0
	fi
	echo "FAILED ($p passed, $f failed, ${dt}s)"
	grep '^SUMMARY ' "$log" | sed 's/^SUMMARY /    /'
	grep -v '^COUNTS \|^SUMMARY ' "$log" | tail -n 20 | sed 's/^/    | /'
	echo "    log: $log"
	return 1
}

echo "make check: series of $(series_patches | wc -l) patch(es) on $BASE_PACKAGE"
sh "$TOP/scripts/deps.sh" || { echo "0 passed, 1 failed"; exit 1; }
sh "$TOP/scripts/tree.sh" --base || { echo "0 passed, 1 failed"; exit 1; }
for s in $STEPS; do
	if ! run_step "$s" && [ "$s" = apply ]; then
		echo "the series does not apply: the other steps cannot run"
		failed=$((failed + 1))
		break
	fi
done
echo "total time $(($(date +%s) - start))s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
