#!/bin/sh
# Step: arm64 W=1 build (Debian's aarch64 gcc) of every file and driver the
# series touches, in the base and with the series; every target object is
# rebuilt so that each prints its warnings.  Fails on a warning the base
# does not have.
set -u
. "$(dirname "$0")/lib.sh"

work_checkout refs/series/check || exit 1
git -C "$BASETREE" checkout -q -f --detach base || exit 1

build() { # tree, build dir, log
	targets=$(arm64_targets "$1")
	echo "== $1: $targets"
	arm64_config "$1" "$2" || return 1
	for t in $targets; do
		case $t in
		*/) find "$2/$t" -name '*.o' -delete 2>/dev/null ;;
		*) rm -f "$2/$t" ;;
		esac
	done
	make -C "$1" $ARM64 O="$2" W=1 -j"$JOBS" $targets >"$3" 2>&1
	rc=$?
	cat "$3"
	return $rc
}

build "$BASETREE" "$OUT/arm64-base" "$LOGS/arm64-base.log" ||
	echo "(the base has errors in these targets)"
build "$WORK" "$OUT/arm64" "$LOGS/arm64.log" || {
	echo "SUMMARY arm64 W=1: the series does not build"
	echo "COUNTS 0 1"
	exit 1
}
normalize_warnings "$LOGS/arm64-base.log" >"$LOGS/arm64-base.warnings"
normalize_warnings "$LOGS/arm64.log" >"$LOGS/arm64.warnings"
new_warnings "$LOGS/arm64-base.warnings" "$LOGS/arm64.warnings" >"$LOGS/arm64.new"
n=$(wc -l <"$LOGS/arm64.new")
echo "SUMMARY arm64 W=1: $(wc -l <"$LOGS/arm64-base.warnings") warning(s) in the base, $(wc -l <"$LOGS/arm64.warnings") with the series, $n new"
sed 's/^/SUMMARY   new: /' "$LOGS/arm64.new"
if [ "$n" -gt 0 ]; then
	echo "COUNTS 0 1"
	exit 1
fi
echo "COUNTS 1 0"
