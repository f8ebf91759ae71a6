#!/bin/sh
# Step: the code of make bench and make demo (bench/, demo/) builds on the
# series, so that it cannot rot unseen: the benchmark commit, which holds
# all of it, compiled in the KUnit step's UML build directory (only the
# files it changes are rebuilt, and rebuilt back by the next KUnit build).
set -u
. "$(dirname "$0")/lib.sh"

[ -f "$UML_OUT/.config" ] ||
	die "harness: no UML build in $UML_OUT: run the kunit step first"
bench_commit || die "harness: cannot prepare the benchmark commit"
work_checkout refs/series/bench || exit 1
objs=$(echo "$BENCH_FILES" | sed 's/\.c$/.o/')
ok=0
bad=0
for o in $objs; do
	if (cd "$WORK" && make ARCH=um O="$UML_OUT" -j"$JOBS" W=1 "$o"); then
		ok=$((ok + 1))
	else
		echo "SUMMARY $o: does not build with the harness code"
		bad=$((bad + 1))
	fi
done
work_checkout refs/series/check
echo "SUMMARY bench/ and demo/ build on the series ($ok of $(echo "$objs" | wc -l) objects)"
echo "COUNTS $ok $bad"
[ "$bad" -eq 0 ]
