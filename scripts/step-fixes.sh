#!/bin/sh
# Step: the fixes at the head of the series (kunit/fixes.cases), alone on
# the base.  Each fix patch applies to the base by itself (git apply
# --check), and the kernel of the head they form with their test patches,
# kept by the bisect step (or built here), passes the suites of their
# cases, each in a boot of its own.
set -u
. "$(dirname "$0")/lib.sh"

passed=0
failed=0
fixes=$(fixes_head)
if [ -z "$fixes" ]; then
	echo "SUMMARY the series does not begin with the patches of kunit/fixes.cases, in order"
	echo "COUNTS 0 1"
	exit 1
fi

# Each fix by itself on the base.
idx=$(mktemp)
trap 'rm -f "$idx"' EXIT
fixes_lines | awk '$1 == "fix"' | sed -E 's/^fix [^ ]+ [^ ]+ //' |
	while read -r subject; do
		c=$(series_commit "$subject")
		rm -f "$idx"
		GIT_INDEX_FILE=$idx git -C "$TREE" read-tree base
		if git -C "$TREE" format-patch -1 --stdout "$c" |
			GIT_INDEX_FILE=$idx git -C "$TREE" apply --cached --check; then
			echo "applies alone to the base: $subject"
		else
			echo "FIXALONE does not apply alone to the base: $subject"
		fi
	done >"$LOGS/fixes-alone.log" 2>&1
cat "$LOGS/fixes-alone.log"
alone_bad=$(grep -c '^FIXALONE' "$LOGS/fixes-alone.log")
alone_ok=$(grep -c '^applies alone' "$LOGS/fixes-alone.log")
passed=$((passed + alone_ok))
failed=$((failed + alone_bad))
echo "SUMMARY $alone_ok of $((alone_ok + alone_bad)) fix(es) apply alone to the base"

# The kernel of the fixes' head: kept by the bisect step, else built.
id=$(git -C "$TREE" rev-parse "$fixes^{tree}")-$(cat "$TOP/kunit/drivers.config" \
	"$TOP/kunit/lockdep.config" "$TOP/kunit/series.config" | git hash-object --stdin)
if [ "$(cat "$FIXES_OUT/.harness-built" 2>/dev/null)" != "$id" ]; then
	work_checkout "$fixes" || exit 1
	mkdir -p "$FIXES_OUT"
	cat "$WORK/tools/testing/kunit/configs/arch_uml.config" $(kunitconfigs) \
		>"$FIXES_OUT/.config"
	log=$LOGS/fixes-build.log
	if make -C "$WORK" ARCH=um O="$FIXES_OUT" olddefconfig >"$log" 2>&1 &&
		make -C "$WORK" ARCH=um O="$FIXES_OUT" -j"$JOBS" all >>"$log" 2>&1; then
		echo "$id" >"$FIXES_OUT/.harness-built"
	else
		tail -n 30 "$log"
		echo "SUMMARY the head of the fixes does not build"
		echo "COUNTS $passed $((failed + 1))"
		exit 1
	fi
fi

for s in $(fixes_suites); do
	log=$LOGS/fixes-$s.log
	kunit_py exec --build_dir="$FIXES_OUT" $(results_json "$log") "$s" >"$log" 2>&1
	rc=$?
	cat "$log"
	count_run "$log.json" "$rc" "KUnit on the fixes alone, $s"
done
echo "COUNTS $passed $failed"
[ "$failed" -eq 0 ]
