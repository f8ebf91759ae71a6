#!/bin/sh
# Step: the code of make bench and make demo (bench/, demo/) builds, so
# that it cannot rot unseen: each file of the benchmark commit on the
# series in the KUnit step's UML build directory, the THP benchmarks in the
# x86_64 step's (Panfrost's huge page suite is built there only), and the
# fault anchor on the head of the fixes in the fixes step's.  Only the files a commit changes are rebuilt, and
# rebuilt back by the next build of that directory.
set -u
. "$(dirname "$0")/lib.sh"

ok=0
bad=0
# Build object $3 of commit $2 with make arguments $4 in build directory $1.
build_obj() {
	if [ ! -f "$1/.config" ]; then
		echo "SUMMARY no build in $1: run the step that makes it first"
		bad=$((bad + 1))
		return
	fi
	work_checkout "$2" || exit 1
	if (cd "$WORK" && make $4 O="$1" -j"$JOBS" W=1 "$3"); then
		ok=$((ok + 1))
	else
		echo "SUMMARY $3 ($2): does not build with the harness code"
		bad=$((bad + 1))
	fi
}

bench_commit || die "harness: cannot prepare the benchmark commit"
x86_64_only=drivers/gpu/drm/panfrost/tests/panfrost_thp_test.c
for f in $(harness_targets bench); do
	[ "$f" = "$x86_64_only" ] && continue
	build_obj "$UML_OUT" refs/series/bench "${f%.c}.o" ARCH=um
done
for f in drivers/gpu/drm/tests/drm_gem_shmem_sparse_test.c "$x86_64_only"; do
	build_obj "$X86_64_OUT" refs/series/bench "${f%.c}.o" ARCH=x86_64
done
bench_anchor_commit || die "harness: cannot prepare the anchor commit on the fixes"
build_obj "$FIXES_OUT" refs/series/bench-612 \
	drivers/gpu/drm/panfrost/tests/panfrost_heap_test.o ARCH=um
work_checkout refs/series/check
echo "SUMMARY bench/ and demo/ build ($ok of $((ok + bad)) objects: on the series, UML and x86_64; the anchor on the fixes)"
echo "COUNTS $ok $bad"
[ "$bad" -eq 0 ]
