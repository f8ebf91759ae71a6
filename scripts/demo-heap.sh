#!/bin/sh
# The heap-growth demonstration: a Panfrost heap BO faulted granule by
# granule through the driver's fault handler on the emulated GPU of the
# Panfrost KUnit tests.  demo/sparse_bytes.c and demo/panfrost_heap_demo.c
# (harness only) are appended to that test on top of the applied series
# (refs/series/demo, harness.files).
#   HEAP_MIB  heap size in MiB (default 1024)
#   FAULTS    granules faulted, 2 MiB each (default 128; the UML kernel
#             has 1 GiB of memory: keep FAULTS x 2 MiB under 768 MiB)
# Writes results/demo-heap.csv and results/demo-heap.png.
set -u
. "$(dirname "$0")/lib.sh"

HEAP_MIB=${HEAP_MIB:-1024}
FAULTS=${FAULTS:-128}
case "$HEAP_MIB$FAULTS" in *[!0-9]*) die "demo: HEAP_MIB and FAULTS are numbers" ;; esac
# Panfrost's GPU address space is 4 GiB less its first 32 MiB.
[ "$HEAP_MIB" -ge 2 ] && [ "$HEAP_MIB" -le 4064 ] || die "demo: HEAP_MIB from 2 to 4064"
[ "$FAULTS" -ge 1 ] && [ $((FAULTS * 2)) -le 768 ] || die "demo: FAULTS from 1 to 384"
# The kernel faults at most every granule of the heap once.
if [ "$FAULTS" -gt $((HEAP_MIB / 2)) ]; then
	FAULTS=$((HEAP_MIB / 2))
	echo "demo: FAULTS capped at the heap's $FAULTS granules"
fi

harness_commit demo refs/series/check || die "demo: cannot prepare the demo commit"

work_checkout refs/series/demo || exit 1
log=$LOGS/demo-heap.log
printf 'heap growth: building the demo into the UML kernel ... '
logged "$LOGS/demo-heap-build.log" kunit_py build $(kunit_args) || {
	work_checkout refs/series/check; die "demo: build failed (see $LOGS/demo-heap-build.log)"; }
echo ok

echo
echo "A ${HEAP_MIB} MiB Panfrost heap BO, faulted 2 MiB granule by granule ($FAULTS faults)"
echo "through panfrost_mmu_irq_handler_thread() on the emulated GPU; metadata is"
echo "measured (ksize() of what each path holds), the dense column is 6.12's path:"
printf '  %8s %14s %18s %18s %8s\n' granules "resident (MiB)" "sparse meta (B)" "6.12 dense (B)" "ratio"
# The log exists before tail opens it: on a fresh clone tail -f would
# otherwise find no file, give up, and print no row.
: >"$log"
kunit_py exec --build_dir="$UML_OUT" --raw_output=all \
	--kernel_args "panfrost.demo_heap_mib=$HEAP_MIB" \
	--kernel_args "panfrost.demo_faults=$FAULTS" 'panfrost_heap_demo' >>"$log" 2>&1 &
pid=$!
# Print the rows as the kernel writes them (every granule up to 8, then every 8th).
tail -n +1 -f "$log" --pid=$pid 2>/dev/null |
	sed -n 's/.* DEMO \([0-9]*\) \([0-9]*\) \([0-9]*\) \([0-9]*\)$/\1 \2 \3 \4/p' |
	awk -v last="$FAULTS" '$1 <= 8 || $1 % 8 == 0 || $1 == last {
		printf "  %8d %14.1f %18d %18d %8s\n", $1, $2 / 1048576, $3, $4,
			$4 ? sprintf("%.4f", $3 / $4) : "-"; fflush() }'
wait $pid
rc=$?
work_checkout refs/series/check

csv=$TOP/results/demo-heap.csv
echo "granules,resident_bytes,sparse_meta_bytes,dense_meta_bytes" >"$csv"
sed -n 's/.* DEMO \([0-9]*\) \([0-9]*\) \([0-9]*\) \([0-9]*\)$/\1,\2,\3,\4/p' "$log" >>"$csv"
rows=$(($(wc -l <"$csv") - 1))
grep -q '^ok [0-9]* panfrost_heap_demo' "$log" && [ "$rows" -eq $((FAULTS + 1)) ] ||
	die "demo: the heap-growth run failed (see $log)"

echo
echo "Summary ($HEAP_MIB MiB heap, $FAULTS granules faulted):"
tail -n 1 "$csv" | awk -F, -v mib="$HEAP_MIB" '{
	printf "  resident (fdinfo)        %10.1f MiB of %d MiB\n", $2 / 1048576, mib
	printf "  sparse metadata          %10d bytes (%.1f KiB)\n", $3, $3 / 1024
	printf "  6.12 dense metadata      %10d bytes (%.1f KiB)\n", $4, $4 / 1024
	printf "  sparse / dense           %10.4f\n", $3 / $4
}'
sed -n 2p "$csv" | awk -F, '{ printf "  before the first fault:  sparse %d bytes, dense 0 (6.12 allocates at the first fault)\n", $3 }'
echo "  results: $csv"

if command -v gnuplot >/dev/null 2>&1; then
	gnuplot <<PLOT && echo "  plot:    $TOP/results/demo-heap.png"
set terminal png size 900,560
set output "$TOP/results/demo-heap.png"
set datafile separator ","
set title "Page-tracking metadata of a $HEAP_MIB MiB Panfrost heap BO"
set xlabel "resident (MiB, fdinfo)"
set ylabel "metadata (KiB)"
set key top left
plot "$csv" every ::2 using (\$2/1048576):(\$4/1024) with lines lw 2 title "6.12 dense", \
     "$csv" every ::1 using (\$2/1048576):(\$3/1024) with lines lw 2 title "sparse (series)"
PLOT
else
	echo "  (no gnuplot: no plot)"
fi
[ "$rc" -eq 0 ]
