#!/bin/sh
# make bench: harness benchmarks on top of the series (never part of it),
# measured side by side in one boot of a UML kernel without lock debugging
# (the KUnit kernel's configuration without kunit/lockdep.config).  The
# benchmark commit (refs/series/bench) appends the files of bench/ and
# demo/ to the kernel files whose static functions and test fixtures they
# use (harness.files): the shmem helpers, the Panfrost and Lima tests (their
# emulated GPUs), the sparse objects' test.  The suites print
# "BENCH..." lines, turned into results/bench-*.csv here.
#   P1 metadata, P2 fault time, P3 first fault (bench/heap_bench.c); P2
#      and P3 also across kernels: 6.12's fault handler on the head of the
#      fixes (refs/series/bench-612) against the series' (fault_anchor.c)
#   P4 a granule's sg table from the page cache vs. 6.12's from its page
#      array, same pages (bench/sg_bench.c)
#   P5 a 2 MiB granule populated as one huge folio or page by page
#      (bench/thp_bench.c), and a Panfrost heap fault on a huge granule,
#      on small folios and on 6.12's dense path, with its page allocations
#      (bench/panfrost_thp_bench.c), on x86_64 under QEMU: UML has no huge
#      pages
#   P6 Lima heap metadata as it grows (bench/lima_bench.c)
# BENCH_MEM (default 6G) is the UML kernel's memory: P1 populates a 4 GiB
# heap; BENCH_P1_MAX_MIB (default 4096) caps P1's sizes on smaller hosts;
# BENCH_BOOTS (default 5) is the rounds of boots of the fault anchor.
set -u
. "$(dirname "$0")/lib.sh"

BENCH_OUT=$OUT/uml-bench
BENCH_MEM=${BENCH_MEM:-6G}
BENCH_P1_MAX_MIB=${BENCH_P1_MAX_MIB:-4096}
RESULTS=$TOP/results

mkdir -p "$LOGS" "$RESULTS"
sh "$TOP/scripts/deps.sh" || exit 1
sh "$TOP/scripts/tree.sh" --base || exit 1
logged "$LOGS/bench-apply.log" sh "$TOP/scripts/step-apply.sh" || exit 1

bench_commit || die "bench: cannot prepare the benchmark commit"

work_checkout refs/series/bench || exit 1
echo "bench: building the UML kernel without lock debugging (log: $LOGS/bench-build.log)"
kunit_py build $(kunit_args | sed "s|$UML_OUT|$BENCH_OUT|; s|--kunitconfig=$TOP/kunit/lockdep.config||") \
	>"$LOGS/bench-build.log" 2>&1
rc=$?
work_checkout refs/series/check
[ "$rc" -eq 0 ] || die "bench: build failed (see $LOGS/bench-build.log)"

# kunit.py gives UML 1 GiB: boot the kernel ourselves, and let kunit.py
# parse what it printed.
raw=$LOGS/bench-raw.log
out=$LOGS/bench-run.log
echo "bench: booting it with mem=$BENCH_MEM (log: $raw)"
timeout 3600 "$BENCH_OUT/linux" mem="$BENCH_MEM" console=tty \
	kunit.enable=1 kunit.filter_glob='*_bench' kunit_shutdown=halt \
	panfrost.bench_p1_max_mib="$BENCH_P1_MAX_MIB" </dev/null >"$raw" 2>&1
kunit_py parse "$raw" >"$out" 2>&1
sed 's/\x1b\[[0-9;]*m//g' "$out" | grep -q 'Ran [0-9]* tests: passed: [0-9]*$' ||
	die "bench: a benchmark failed (see $out and $raw)"

# P2 and P3 across kernels (bench/fault_anchor.c): the driver's own fault
# handler on 6.12's path (the head of the series' fixes and their tests,
# built as make check's fixes step builds it, without lock debugging) and
# on the series' (the benchmark kernel above), booted in turn:
# BENCH_BOOTS rounds of three boots, 6.12, the series, 6.12 again (the A/A
# control), in an order that turns each round.
ANCHOR_OUT=$OUT/uml-bench-612
BENCH_BOOTS=${BENCH_BOOTS:-5}
bench_anchor_commit || die "bench: cannot prepare the anchor commit on the fixes"
work_checkout refs/series/bench-612 || exit 1
echo "bench: building 6.12's fault path with the anchor (log: $LOGS/bench-612-build.log)"
mkdir -p "$ANCHOR_OUT"
cat "$WORK/tools/testing/kunit/configs/arch_uml.config" \
	$(kunitconfigs | sed "s| $TOP/kunit/lockdep.config||") >"$ANCHOR_OUT/.config"
make -C "$WORK" ARCH=um O="$ANCHOR_OUT" olddefconfig >"$LOGS/bench-612-build.log" 2>&1 &&
	make -C "$WORK" ARCH=um O="$ANCHOR_OUT" -j"$JOBS" all >>"$LOGS/bench-612-build.log" 2>&1
rc=$?
work_checkout refs/series/check
[ "$rc" -eq 0 ] || die "bench: the anchor kernel does not build (see $LOGS/bench-612-build.log)"

anchor=$RESULTS/bench-anchor.csv
echo "round,kernel,figure,median,unit" >"$anchor"
r=1
while [ "$r" -le "$BENCH_BOOTS" ]; do
	set -- 6.12 series 6.12-again
	i=$((r % 3))
	while [ "$i" -gt 0 ]; do	# turn the order
		set -- "$2" "$3" "$1"
		i=$((i - 1))
	done
	for k in "$@"; do
		bin=$ANCHOR_OUT/linux
		[ "$k" = series ] && bin=$BENCH_OUT/linux
		log=$LOGS/bench-anchor-$r-$k.log
		timeout 900 "$bin" mem=2G console=tty kunit.enable=1 \
			kunit.filter_glob=panfrost_fault_anchor kunit_shutdown=halt \
			</dev/null >"$log" 2>&1
		kunit_py parse $(results_json "$log") "$log" >/dev/null 2>&1
		[ "$(jq -r '.. | objects | .test_cases? // empty | .[].status' "$log.json")" = PASS ] ||
			die "bench: the fault anchor failed on $k (see $log)"
		sed -n "s/.*BENCH-A figure=\(P[23]\) median=\([0-9]*\) \([a-z]*\).*/$r,$k,\1,\2,\3/p" \
			"$log" >>"$anchor"
	done
	r=$((r + 1))
done

# P5 needs transparent huge pages: x86_64 under QEMU, the kernel of make
# check's x86_64 step without lock debugging, with the benchmark commit.
work_checkout refs/series/bench || exit 1
echo "bench: building the x86_64 kernel (log: $LOGS/bench-x86_64-build.log)"
kunit_py build $(x86_64_bench_args) --jobs="$JOBS" >"$LOGS/bench-x86_64-build.log" 2>&1
rc=$?
work_checkout refs/series/check
[ "$rc" -eq 0 ] || die "bench: x86_64 build failed (see $LOGS/bench-x86_64-build.log)"
p5raw=$LOGS/bench-p5-raw.log
echo "bench: P5 on x86_64 under QEMU (log: $p5raw)"
kunit_py exec $(x86_64_bench_args) --timeout=1800 \
	'*_thp_bench' >"$LOGS/bench-p5-run.log" 2>&1 ||
	die "bench: P5 failed (see $LOGS/bench-p5-run.log)"
cp "$X86_64_BENCH_OUT/test.log" "$p5raw"

# "BENCH-Pn key=value ... min=A median=B max=C unit" in log $2 (the UML
# boot's by default) -> CSV rows.
to_csv() {
	grep -o "BENCH-$1 .*" "${2:-$raw}" | sed 's/^BENCH-P[0-9]* //' | awk '{
		row = ""
		for (i = 1; i <= NF - 1; i++) { sub(/^[a-z_]*=/, "", $i); row = row $i "," }
		print row $NF }'
}
p1=$RESULTS/bench-metadata.csv
p23=$RESULTS/bench-fault.csv
sg=$RESULTS/bench-sg.csv
echo "size_mib,percent,granules,path,min,median,max,unit" >"$p1"
to_csv P1 >>"$p1"
echo "figure,path,min,median,max,unit" >"$p23"
to_csv P2 | sed 's/^/P2,/' >>"$p23"
to_csv P3 | sed 's/^/P3,/' >>"$p23"
lima=$RESULTS/bench-lima.csv
echo "size_mib,heap_kib,path,bytes,unit" >"$lima"
to_csv P6 >>"$lima"
thp=$RESULTS/bench-thp.csv
echo "path,min,median,max,unit" >"$thp"
to_csv P5 "$p5raw" >>"$thp"
echo "what,layout,path,nents,min,median,max,unit" >"$sg"
sed -n 's/.*BENCH \([^ ]*\) \([^ ]*\) \([^ ]*\) nents=\([0-9]*\) min=\([0-9]*\) median=\([0-9]*\) max=\([0-9]*\) \([a-z]*\).*/\1,\2,\3,\4,\5,\6,\7,\8/p' \
	"$raw" >>"$sg"

# The report, also kept next to the CSVs it is made from.
{
echo "# make bench"
echo
echo "make bench, $(date -u +%F), $(nproc) cores, UML (mem=$BENCH_MEM, no lock debugging),"
echo "series at $(git -C "$TREE" rev-parse --short refs/series/check); made from the CSVs here."
echo
echo '```'
echo
echo "P1 page-tracking metadata, bytes (median of repeats), sparse vs. 6.12 dense over the"
echo "   same pages; then without the sg tables, which both hold alike (their size depends"
echo "   on how far the pages merge):"
awk -F, 'NR > 1 {
	k = $1 "," $2; med[k "," $4] = $6; gran[k] = $3; if (!(k in seen)) { seen[k] = 1; order[n++] = k } }
END {
	printf "  %8s %8s %8s %10s %10s %7s %11s %11s %7s\n", "size MiB", "resident", "granules",
		"sparse", "dense", "ratio", "sparse-sg", "dense-sg", "ratio"
	for (i = 0; i < n; i++) {
		k = order[i]; split(k, f, ",")
		s = med[k ",sparse"]; d = med[k ",dense"]
		s2 = s - med[k ",sparse-sg"]; d2 = d - med[k ",dense-sg"]
		printf "  %8d %7d%% %8d %10d %10d %7.4f %11d %11d %7.4f\n", f[1], f[2], gran[k],
			s, d, s / d, s2, d2, s2 / d2
	}
	print "  goals: sparse < dense in every row; 1 GiB at 1 %: sparse <= 0.02 x dense;"
	print "  1 GiB at 100 %: sparse <= 0.10 x dense, and without the sg tables <= 0.02 x"
}' "$p1"
awk -F, 'NR > 1 { med[$1 "," $2] = $4 }
END {
	print ""
	print "P2 fault in a 2 MiB granule of a 1 GiB heap, P3 first fault in it; medians of"
	print "   per-round ratios (UML), the A/A control (6.12 against itself) beside them:"
	printf "  P2 median ns: sparse %d, dense %d, dense again %d, floor %d\n",
		med["P2,sparse"], med["P2,dense"], med["P2,dense-again"], med["P2,floor"]
	printf "  P2 sparse/dense %.3f (goal <= 1.0), A/A %.3f; sparse/floor %.3f\n",
		med["P2,sparse/dense"] / 1000, med["P2,dense-again/dense"] / 1000,
		med["P2,sparse/floor"] / 1000
	printf "  P3 median ns: sparse %d, dense %d, dense again %d\n",
		med["P3,sparse"], med["P3,dense"], med["P3,dense-again"]
	printf "  P3 sparse/dense %.3f, A/A %.3f\n",
		med["P3,sparse/dense"] / 1000, med["P3,dense-again/dense"] / 1000
}' "$p23"
echo
# Medians over the rounds of per-round ratios $1/$2 of figure $3.
anchor_ratio() {
	awk -F, -v a="$1" -v b="$2" -v f="$3" 'NR > 1 && $3 == f { v[$1 "," $2] = $4; n = $1 }
		END { for (r = 1; r <= n; r++) printf "%.6f\n", v[r "," a] / v[r "," b] }' "$anchor" |
		sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'
}
anchor_ns() {
	awk -F, -v k="$1" -v f="$2" 'NR > 1 && $2 == k && $3 == f { print $4 }' "$anchor" |
		sort -n | awk '{ v[NR] = $1 } END { printf "%d", v[int((NR + 1) / 2)] }'
}
echo "P2, P3 across kernels: the driver's fault handler, 6.12's path (the head of the"
echo "   series' fixes, patches 1-15) and the series', each booted $BENCH_BOOTS times; medians"
echo "   of per-round ratios, the A/A control (6.12 booted again) beside them:"
for f in P2 P3; do
	echo "  $f median ns: series $(anchor_ns series $f), 6.12 $(anchor_ns 6.12 $f), 6.12 again $(anchor_ns 6.12-again $f)"
	echo "  $f series/6.12 $(anchor_ratio series 6.12 $f), A/A $(anchor_ratio 6.12-again 6.12 $f)"
done
echo
echo "P4 sg_table of one 2 MiB granule (512 pages) from the page cache, median ns per"
echo "   build+free; ratios are medians of per-round ratios; pages as allocated (merged)"
echo "   and pages that do not merge (scattered: the granule path walks the page cache):"
awk -F, 'NR > 1 { k = $2 "," $3; med[k] = $6; nents[$2] = $4; if (!($2 in seen)) { seen[$2] = 1; order[n++] = $2 } }
END {
	for (i = 0; i < n; i++) {
		l = order[i]
		printf "  %-9s %3d entries: 6.12 array helper %d, again %d, granule builder %d,\n",
			l, nents[l], med[l ",array-6.12"], med[l ",array-6.12-again"], med[l ",granule"]
		printf "  %-9s filled from folio batches instead %d\n", l, med[l ",granule-batch"]
		printf "  %-9s granule/6.12 %.3f (goal <= 1.1), A/A %.3f\n", l,
			med[l ",granule/array-6.12"] / 1000, med[l ",array-6.12-again/array-6.12"] / 1000
	}
}' "$sg"
echo
awk -F, 'NR > 1 { med[$1 "," $5] = $3 }
END {
	printf "P5 a 2 MiB granule populated without reclaim, median ns (x86_64, QEMU TCG: ratios\n"
	printf "   of software emulation): one huge folio %d, again %d, page by page %d;\n",
		med["thp,ns"], med["thp-again,ns"], med["pages,ns"]
	printf "   page by page / huge folio %.2f (goal >= 2), A/A %.3f (medians of per-round ratios)\n",
		med["pages/thp,permille"] / 1000, med["thp-again/thp,permille"] / 1000
	print "P5 a Panfrost heap fault in a 2 MiB granule, not the first, median ns, and its page"
	print "   allocations (median of 5): 2 MiB folios + small page cache pages + page tables"
	print "   + others (new slabs):"
	n = split("heap-huge heap-small heap-dense-6.12", p, " ")
	for (i = 1; i <= n; i++)
		printf "  %-16s %9d ns  %d + %d + %d + %d pages\n", p[i], med[p[i] ",ns"],
			med[p[i] ",huge-folios"], med[p[i] ",small-data-pages"],
			med[p[i] ",page-table-pages"], med[p[i] ",other-pages"]
	printf "  huge/dense-6.12 %.3f (goal <= 0.33), small/dense-6.12 %.3f, A/A %.3f\n",
		med["heap-huge/heap-dense-6.12,permille"] / 1000,
		med["heap-small/heap-dense-6.12,permille"] / 1000,
		med["heap-huge-again/heap-huge,permille"] / 1000
	print "  goal: a fault on a huge granule allocates one page, its folio, and no page table"
}' "$thp"
echo
awk -F, 'NR > 1 { b[$1 "," $2 "," $3] = $4; if (!(($1 "," $2) in seen)) { seen[$1 "," $2] = 1; order[n++] = $1 "," $2 } }
END {
	print "P6 Lima heap BO grown by doubling: page-tracking metadata, bytes, sparse vs. 6.12"
	print "   dense over the same pages (initial size, 1 MiB, 1/16 of the BO, all of it):"
	printf "  %8s %10s %10s %10s %8s\n", "size MiB", "heap KiB", "sparse", "dense", "ratio"
	for (i = 0; i < n; i++) {
		split(order[i], f, ",")
		if (f[2] != 32 && f[2] != 1024 && f[2] != f[1] * 64 && f[2] != f[1] * 1024)
			continue
		s = b[order[i] ",sparse"]; d = b[order[i] ",dense"]
		printf "  %8d %10d %10d %10d %8.4f\n", f[1], f[2], s, d, s / d
	}
}' "$lima"
echo '```'
} | tee "$RESULTS/README.md"
echo
echo "results: $p1 $p23 $anchor $sg $thp $lima $RESULTS/README.md"

if command -v gnuplot >/dev/null 2>&1; then
	# P1: metadata against residency, one line per heap size and path.
	plot=""
	for mib in $(awk -F, 'NR > 1 { print $1 }' "$p1" | sort -nu); do
		for path in sparse dense; do	# totals, sg tables included
			grep -q "^$mib,.*,$path," "$p1" || continue
			plot="$plot${plot:+, }\"< grep '^$mib,.*,$path,' $p1\" using 2:(\$6/1024) with linespoints title \"$mib MiB $path\""
		done
	done
	gnuplot <<PLOT && echo "plot:    $RESULTS/bench-metadata.png"
set terminal png size 900,560
set output "$RESULTS/bench-metadata.png"
set datafile separator ","
set title "P1: page-tracking metadata of a heap, sparse (series) vs. dense (6.12)"
set xlabel "resident (% of the heap)"
set ylabel "metadata (KiB)"
set logscale xy
set key top left
plot $plot
PLOT
fi
