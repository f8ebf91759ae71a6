#!/bin/sh
# Step: scripts/kernel-doc -Wall on every touched C file and header, and
# sparse (C=2 on the arm64 build) on every touched C file, base and patched.
# Fails on a warning the base does not have.
set -u
. "$(dirname "$0")/lib.sh"

work_checkout refs/series/check || exit 1
git -C "$BASETREE" checkout -q -f --detach base || exit 1
ok=0
bad=0

kdoc() { # tree
	touched_files | grep -E '\.[ch]$' | while read -r f; do
		[ -e "$1/$f" ] && (cd "$1" && ./scripts/kernel-doc -none -Wall "$f" 2>&1)
	done
}

sparse() { # tree, build dir
	objs=$(touched_files | grep '\.c$' | while read -r f; do
		[ -e "$1/$f" ] && echo "${f%.c}.o"
	done)
	[ -n "$objs" ] || return 0
	arm64_config "$1" "$2" &&
		make -C "$1" $ARM64 O="$2" W=1 C=2 -j"$JOBS" $objs 2>&1
}

compare() { # name, base log, patched log
	normalize_warnings "$2" >"$2.warnings"
	normalize_warnings "$3" >"$3.warnings"
	new_warnings "$2.warnings" "$3.warnings" >"$3.new"
	n=$(wc -l <"$3.new")
	echo "SUMMARY $1: $(wc -l <"$2.warnings") warning(s) in the base, $(wc -l <"$3.warnings") with the series, $n new"
	sed 's/^/SUMMARY   new: /' "$3.new"
	if [ "$n" -eq 0 ]; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
}

kdoc "$BASETREE" >"$LOGS/kdoc-base.log"
kdoc "$WORK" >"$LOGS/kdoc.log"
cat "$LOGS/kdoc.log"
compare kernel-doc "$LOGS/kdoc-base.log" "$LOGS/kdoc.log"

sparse "$BASETREE" "$OUT/arm64-base" >"$LOGS/sparse-base.log"
sparse "$WORK" "$OUT/arm64" >"$LOGS/sparse.log" || bad=$((bad + 1))
cat "$LOGS/sparse.log"
compare sparse "$LOGS/sparse-base.log" "$LOGS/sparse.log"

echo "COUNTS $ok $bad"
[ "$bad" -eq 0 ]
