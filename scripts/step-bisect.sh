#!/bin/sh
# Step: the UML KUnit kernel builds after every patch of the series, built
# incrementally in one build directory.  The configuration is the KUnit one
# (options a later patch adds are simply absent before it).  A tree that
# already built with the same configuration is not built again.  The
# kernel of the head the fixes form (kunit/fixes.cases) is kept in
# build/out/fixes for the fixes step.
set -u
. "$(dirname "$0")/lib.sh"

stamps=$UML_OUT/.harness-built
mkdir -p "$stamps"
cfg=$(cat "$TOP/kunit/drivers.config" "$TOP/kunit/lockdep.config" \
	"$TOP/kunit/series.config" | git hash-object --stdin)
fixes=$(fixes_head)
ok=0
bad=0
for c in $(git -C "$TREE" rev-list --reverse base..refs/series/check); do
	subject=$(git -C "$TREE" log -1 --format=%s "$c")
	id=$(git -C "$TREE" rev-parse "$c^{tree}")-$cfg
	stamp=$stamps/$id
	keep=false
	if [ "$c" = "$fixes" ] &&
		[ "$(cat "$FIXES_OUT/.harness-built" 2>/dev/null)" != "$id" ]; then
		keep=true
	fi
	if [ -e "$stamp" ] && ! $keep; then
		echo "== $subject: built before (same tree, same config)"
		ok=$((ok + 1))
		continue
	fi
	echo "== $subject"
	work_checkout "$c" || exit 1
	cat "$WORK/tools/testing/kunit/configs/arch_uml.config" $(kunitconfigs) \
		>"$UML_OUT/.config"
	log=$LOGS/bisect-build.log
	if make -C "$WORK" ARCH=um O="$UML_OUT" olddefconfig >"$log" 2>&1 &&
		make -C "$WORK" ARCH=um O="$UML_OUT" -j"$JOBS" all >>"$log" 2>&1; then
		cat "$log"
		touch "$stamp"
		ok=$((ok + 1))
		if [ "$c" = "$fixes" ]; then
			mkdir -p "$FIXES_OUT"
			cp "$UML_OUT/linux" "$UML_OUT/.config" "$FIXES_OUT/" &&
				echo "$id" >"$FIXES_OUT/.harness-built"
		fi
	else
		cat "$log"
		echo "SUMMARY does not build: $subject"
		grep -m 5 -E 'error:|No rule to make target' "$log" |
			sed 's/^/SUMMARY   /'
		bad=$((bad + 1))
	fi
done
work_checkout refs/series/check
echo "SUMMARY $ok of $((ok + bad)) patch(es) build"
echo "COUNTS $ok $bad"
[ "$bad" -eq 0 ]
