# Sparse GEM shmem objects: the series in patches/ and the harness that
# builds and tests it on Debian's linux-source-6.12 (see README.md).

SH := /bin/sh

.PHONY: all help demo check bench deps tree export series kunit fixes-proof clean

# A bare make says what there is; CI runs make check.
all: help

help:
	@echo "make demo         the series' suites, then a heap growing fault by fault"
	@echo "make check        every test; closes with 'N passed, N failed'"
	@echo "make bench        benchmarks (results/README.md)"
	@echo "make fixes-proof  each fix left out in turn: its case fails"
	@echo "make tree         build/linux: the base with patches/ applied"
	@echo "make export       build/linux's commits -> patches/"
	@echo "make series       the series ready to mail (build/series)"
	@echo "make kunit        apply and KUnit only; make deps: the packages"
	@echo "See README.md."

# The main job; HEAP_MIB and FAULTS (see scripts/demo-heap.sh) pass through.
demo:
	@$(SH) scripts/demo.sh

check:
	@$(SH) scripts/check.sh

# Harness benchmarks (bench/), measured side by side in one boot.
bench:
	@$(SH) scripts/bench.sh

# Each fix at the head of the series left out in turn: its case fails
# (results/fixes/).
fixes-proof: deps
	@$(SH) scripts/fixes-proof.sh

deps:
	@$(SH) scripts/deps.sh

tree: deps
	@$(SH) scripts/tree.sh

export:
	@$(SH) scripts/export.sh

# The series ready to mail (build/series), signed by git config user.*.
series: deps
	@$(SH) scripts/series.sh

# Quick loop while working: apply patches/ and run KUnit only.
kunit: deps
	@STEPS="apply kunit" $(SH) scripts/check.sh

clean:
	rm -rf build/out build/logs
