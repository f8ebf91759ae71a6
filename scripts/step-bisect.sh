#!/bin/sh
# Step: the UML KUnit kernel builds after every patch of the series, built
# incrementally in one build directory.  The configuration is the KUnit one
# (options a later patch adds are simply absent before it).  A tree that
# already built with the same configuration is not built again.
set -u
. "$(dirname "$0")/lib.sh"

stamps=$UML_OUT/.harness-built
mkdir -p "$stamps"
cfg=$(cat "$TOP/kunit/drivers.config" "$TOP/kunit/series.config" | git hash-object --stdin)
ok=0
bad=0
for c in $(git -C "$TREE" rev-list --reverse base..refs/series/check); do
	subject=$(git -C "$TREE" log -1 --format=%s "$c")
	stamp=$stamps/$(git -C "$TREE" rev-parse "$c^{tree}")-$cfg
	if [ -e "$stamp" ]; then
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
