#!/bin/sh
# make bench: harness benchmarks, built into the UML KUnit kernel on top of
# the series (never part of it).  The sources in bench/ are committed by the
# harness on top of refs/series/check as refs/series/bench, built in
# build/wt/work and run as KUnit suites that print "BENCH ..." lines.
set -u
. "$(dirname "$0")/lib.sh"

mkdir -p "$LOGS" "$TOP/results"
sh "$TOP/scripts/deps.sh" || exit 1
sh "$TOP/scripts/tree.sh" --base || exit 1
logged "$LOGS/bench-apply.log" sh "$TOP/scripts/step-apply.sh" || exit 1

# The benchmark commit: bench/*.c as lib/, built in.
add_bench='for f in "$TOP"/bench/*.c; do
	cp "$f" lib/ && echo "obj-y += $(basename "${f%.c}").o" >>lib/Makefile || exit 1
done'
commit_on_series refs/series/bench "$add_bench" lib \
	"HARNESS ONLY: benchmarks (not for upstream)" ||
	die "bench: cannot prepare the benchmark commit"

work_checkout refs/series/bench || exit 1
out=$LOGS/bench-run.log
echo "bench: building and booting the UML kernel with the benchmarks (log: $out)"
kunit_py run $(kunit_args) 'sg_bench' >"$out" 2>&1
rc=$?
cat "$UML_OUT/test.log" >>"$out"	# the raw log, with the figures
work_checkout refs/series/check

csv=$TOP/results/bench-sg.csv
echo "what,layout,path,nents,min_ns,median_ns,max_ns" >"$csv"
sed -n 's/.*BENCH \([^ ]*\) \([^ ]*\) \([^ ]*\) nents=\([0-9]*\) min=\([0-9]*\) median=\([0-9]*\) max=\([0-9]*\) ns.*/\1,\2,\3,\4,\5,\6,\7/p' \
	"$out" >>"$csv"
[ "$rc" -eq 0 ] && [ "$(wc -l <"$csv")" -gt 1 ] ||
	die "bench: the benchmark run failed (see $out)"

echo
echo "sg_table of one 2 MiB granule (512 pages), ns per build+free, $(date -u +%F), $(nproc) cores, UML:"
awk -F, 'NR > 1 {
	med[$2 "," $3] = $6; row[$2] = 1; line[$2 "," $3] = $0
	printf "  %-11s %-13s nents=%-4s min=%-7s median=%-7s max=%s\n", $2, $3, $4, $5, $6, $7
}
END {
	for (l in row)
		printf "  %-11s array-series/array-6.12 = %.3f   xarray/array-series = %.3f\n", l,
			med[l ",array-series"] / med[l ",array-6.12"],
			med[l ",xarray"] / med[l ",array-series"]
}' "$csv"
echo "results: $csv"
