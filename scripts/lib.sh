# Common definitions for the harness scripts (POSIX sh, sourced).

TOP=$(cd "$(dirname "$0")/.." && pwd)

# Debian's tools first: the Python modules the kernel's scripts need
# (ply, git for checkpatch's SPDX check) come from Debian's packages.
PATH=/usr/bin:/bin:$PATH
. "$TOP/base.conf"

BUILD=$TOP/build
TREE=$BUILD/linux		# the developer's tree: edit, commit, export
# The harness's own worktrees sit one level deeper than the developer's
# tree, so that tools looking for trees to export (build/*/.git) see only it.
BASETREE=$BUILD/wt/base		# worktree at the base; series applied here
WORK=$BUILD/wt/work		# worktree where the applied series is built
OUT=$BUILD/out			# build directories (O=)
LOGS=$BUILD/logs
PATCHES=$TOP/patches
SYNCED=refs/series/synced	# what patches/ held when tree and series last met
JOBS=${JOBS:-$(nproc)}

# Fixed identities and dates make the base commit and the applied series
# reproducible: the same inputs give the same commit ids on every machine.
GIT_ID="-c user.name=Harness -c user.email=harness@localhost"

die() {
	echo "error: $*" >&2
	exit 1
}

# One run at a time in a clone: the first script of a run takes build/.lock
# and its children inherit it.
if [ -z "${HARNESS_LOCKED:-}" ]; then
	mkdir -p "$BUILD"
	exec 9>"$BUILD/.lock"
	flock -n 9 || die "another run of the harness holds $BUILD/.lock"
	HARNESS_LOCKED=1
	export HARNESS_LOCKED
fi

# git reads no user or system configuration (am.threeWay, commit.gpgsign,
# format.* would change what the harness makes); the user's identity is
# read first, for make series, which signs with it.
if [ -z "${HARNESS_GIT_ISOLATED:-}" ]; then
	SENDER_NAME=$(git -C "$TOP" config user.name || true)
	SENDER_EMAIL=$(git -C "$TOP" config user.email || true)
	GIT_CONFIG_GLOBAL=/dev/null
	GIT_CONFIG_NOSYSTEM=1
	HARNESS_GIT_ISOLATED=1
	export SENDER_NAME SENDER_EMAIL GIT_CONFIG_GLOBAL GIT_CONFIG_NOSYSTEM \
		HARNESS_GIT_ISOLATED
fi

# The base tarball: the first of these whose sha256 is BASE_SHA256:
# $BASE_TARBALL, the package's copy in /usr/src, the copy make deps
# fetched into build/base/.  Nothing (status 1) if none is.
BASE_CACHE=$BUILD/base
base_tarball() {
	for t in ${BASE_TARBALL:-} "/usr/src/$BASE_PACKAGE.tar.xz" \
		"$BASE_CACHE/$BASE_PACKAGE.tar.xz"; do
		[ -f "$t" ] || continue
		[ "$(sha256sum <"$t" | cut -d' ' -f1)" = "$BASE_SHA256" ] || continue
		echo "$t"
		return 0
	done
	return 1
}

series_patches() {
	ls "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null
}

# A digest of a series as make export writes it: messages, diffs and their
# order.  The blob ids of the index lines are left out (their abbreviation
# grows with the repository).
series_digest() {
	sed '/^index [0-9a-f]*\.\.[0-9a-f]*/d' | git hash-object --stdin
}

# The digest of the series in patches/.
patches_digest() {
	series_patches | while read -r p; do cat "$p"; done | series_digest
}

# The digest of the commits of range $2 of repository $1, as export would
# write them.
range_digest() {
	_d=$(mktemp -d)
	git -C "$1" format-patch -q --no-signature --zero-commit -o "$_d" "$2"
	for _p in "$_d"/*.patch; do
		[ -f "$_p" ] && cat "$_p"
	done | series_digest
	rm -rf "$_d"
}

# Run a command with its output in a log file; on failure name the step and
# the log, and show the end of it.
logged() {
	_log=$1
	shift
	mkdir -p "$(dirname "$_log")"
	if "$@" >"$_log" 2>&1; then
		return 0
	fi
	echo "error: '$*' failed; log: $_log" >&2
	tail -n 25 "$_log" | sed 's/^/    /' >&2
	return 1
}

# The UML KUnit kernel: the kernel's DRM suites, the drivers the series
# touches, and the series' own suites.
UML_OUT=$OUT/uml
kunitconfigs() {
	echo "$WORK/drivers/gpu/drm/tests/.kunitconfig $TOP/kunit/drivers.config $TOP/kunit/lockdep.config $TOP/kunit/series.config"
}

# kunit.py creates its build directory but not the parents.
kunit_py() {
	mkdir -p "$OUT"
	(cd "$WORK" && ./tools/testing/kunit/kunit.py "$@")
}

kunit_args() {
	for c in $(kunitconfigs); do
		printf ' --kunitconfig=%s' "$c"
	done
	printf ' --build_dir=%s --jobs=%s' "$UML_OUT" "$JOBS"
}

# KUnit steps: add the cases of kunit.py's results $1 (written by --json)
# to the step's passed and failed counts, and print them after $3.  A case
# skipped, crashed or failed counts as a failure; so does a run that wrote
# no case, or that failed ($2).
count_run() {
	cases=$(jq -r '.. | objects | .test_cases? // empty | .[].status' "$1" 2>/dev/null)
	n() { echo "$cases" | grep -c "$1"; }
	total=$(n .)
	ok=$(n '^PASS$')
	skip=$(n '^SKIP$')
	crash=$(n '^ERROR$')
	f=$((total - ok))
	[ "$total" -gt 0 ] || f=$((f + 1))
	[ "$2" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	passed=$((passed + ok))
	failed=$((failed + f))
	st=""
	[ "$2" -eq 0 ] || st=" (kunit.py exit status $2)"
	echo "SUMMARY $3: $total cases: $ok passed, $((total - ok - skip - crash)) failed, $skip skipped, $crash crashed$st"
}

# kunit.py's JSON results of the run logged in $1, removed before it runs.
results_json() {
	rm -f "$1.json"
	echo "--json=$1.json"
}

# The series' KUnit suites (kunit/series.suites: suite, module).
series_suites() {
	awk '!/^#/ && NF { print $1 }' "$TOP/kunit/series.suites"
}

# The fixes at the head of the series (kunit/fixes.cases): their lines,
# the subjects of the fix and test patches in series order, their suites,
# and the build directory of the kernel of that head alone.
FIXES_OUT=$OUT/fixes
fixes_lines() {
	awk '!/^#/ && NF' "$TOP/kunit/fixes.cases"
}
fixes_subjects() {
	fixes_lines | sed -E 's/^fix [^ ]+ [^ ]+ //; s/^tests //'
}
fixes_suites() {
	fixes_lines | awk '$1 == "fix" { print $2 }' | sort -u
}

# The commit of refs/series/check whose subject is $1.
series_commit() {
	git -C "$TREE" log --format='%H %s' base..refs/series/check |
		awk -v s="$1" '{ h = $1; sub(/^[^ ]* /, ""); if ($0 == s) print h }'
}

# The last commit of the head the fixes form, if the series begins with
# them in the order kunit/fixes.cases gives; nothing otherwise.
fixes_head() {
	n=$(fixes_subjects | wc -l)
	[ "$(git -C "$TREE" log --reverse --format=%s base..refs/series/check |
		head -n "$n")" = "$(fixes_subjects)" ] || return 0
	git -C "$TREE" rev-list --reverse base..refs/series/check | sed -n "${n}p"
}

# The series' suites that need transparent huge pages, run on x86_64 under
# QEMU (kunit/x86_64.suites, same format), their build directory, and the
# kunit.py arguments of that kernel for build and exec (build adds --jobs),
# with lockdep; make bench's, without, in a build directory of its own.
X86_64_OUT=$OUT/x86_64
X86_64_BENCH_OUT=$OUT/x86_64-bench
x86_64_suites() {
	awk '!/^#/ && NF { print $1 }' "$TOP/kunit/x86_64.suites"
}
x86_64_args() {
	printf -- '--arch=x86_64 --build_dir=%s --kunitconfig=%s --kunitconfig=%s' \
		"$X86_64_OUT" "$TOP/kunit/x86_64.config" "$TOP/kunit/lockdep.config"
}
x86_64_bench_args() {
	printf -- '--arch=x86_64 --build_dir=%s --kunitconfig=%s' \
		"$X86_64_BENCH_OUT" "$TOP/kunit/x86_64.config"
}

# Reports in kernel log $1 (from the first test on): BUG (KASAN, sleeping
# in atomic), WARNING (lockdep, WARN), oops, panic.
KERNEL_REPORTS='BUG:|WARNING:|Oops|Kernel panic|general protection'
kernel_reports() {
	grep -cE "$KERNEL_REPORTS" "$1"
}

# The kernel log of the last boot of build directory $1, from the first
# test on (the boot has a WARN of its own before: UML's virt-pci without a
# virtio device), saved as $2.  Sets $log_reports to the count of reports in
# it, and prints the first of them and of the lines matching $3, if any.
scan_kernel_log() {
	sed -n '/^KTAP version/,$p' "$1/test.log" >"$2"
	log_reports=$(kernel_reports "$2")
	if [ "$log_reports" -gt 0 ] || { [ -n "${3:-}" ] && grep -qE "$3" "$2"; }; then
		grep -E -A20 "$KERNEL_REPORTS${3:+|$3}" "$2" | head -n 60
	fi
}

# A kunit.py --filter that leaves the series' modules out.
not_series_modules() {
	awk '!/^#/ && NF { printf "%smodule!=%s", s, $2; s = "," }' \
		"$TOP/kunit/series.suites"
}

# Harness code (harness.files): the rows of commit $1 (file, target), and
# its targets.
harness_rows() {
	awk -v c="$1" '!/^#/ && NF && $1 == c { print $2, $3 }' "$TOP/harness.files"
}
harness_targets() {
	harness_rows "$1" | awk '{ print $2 }' | sort -u
}

# Harness commit $1 on commit $2, never part of the series: in the base
# worktree, each file of its rows appended to its target, committed, and
# ref refs/series/$1 pointed at it.
harness_commit() {
	[ -n "$(harness_rows "$1")" ] || return 1
	(
		cd "$BASETREE" &&
		git checkout -q -f --detach "$2" &&
		harness_rows "$1" | while read -r file target; do
			cat "$TOP/$file" >>"$target" || exit 1
		done &&
		git add -f -- $(harness_targets "$1") &&
		GIT_AUTHOR_DATE=2000-01-01T00:00:00Z \
		GIT_COMMITTER_DATE=2000-01-01T00:00:00Z \
			git $GIT_ID commit -q -m "HARNESS ONLY: $1 (harness.files; not for upstream)" &&
		git update-ref "refs/series/$1" HEAD &&
		git checkout -q -f --detach base
	)
}

# Check out a commit in the build worktree; only what differs is touched,
# so builds there stay incremental.
work_checkout() {
	[ -d "$WORK" ] ||
		git -C "$TREE" worktree add -q --detach "$WORK" base
	git -C "$WORK" checkout -q -f --detach "$1"
}

# arm64 cross builds of what the series touches, base and patched.
ARM64="ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-"

# Files the series touches (relative to the tree).
touched_files() {
	git -C "$TREE" diff --name-only base refs/series/check
}

# make targets for what the series touches in tree $1: the object of every
# touched C file, and the whole directory of every touched DRM driver.
arm64_targets() {
	touched_files | while read -r f; do
		case $f in
		drivers/gpu/drm/*/*)
			d=${f#drivers/gpu/drm/}
			d=${d%%/*}
			[ "$d" = tests ] || { echo "drivers/gpu/drm/$d/"; continue; }
			;;
		esac
		case $f in
		*.c) [ -e "$1/$f" ] && echo "${f%.c}.o" ;;
		esac
	done | sort -u
}

# Configure build directory $2 for tree $1 (once per configuration).
arm64_config() {
	cfg=$(cat "$TOP/kunit/arm64.config" "$TOP/kunit/series.config" |
		git hash-object --stdin)
	[ "$(cat "$2/.harness-config" 2>/dev/null)" = "$cfg" ] && return 0
	mkdir -p "$2"
	make -C "$1" $ARM64 O="$2" W=1 defconfig &&
		"$1/scripts/kconfig/merge_config.sh" -m -O "$2" "$2/.config" \
			"$TOP/kunit/arm64.config" "$TOP/kunit/series.config" &&
		make -C "$1" $ARM64 O="$2" W=1 olddefconfig &&
		echo "$cfg" >"$2/.harness-config"
}

# Warnings of a build log, without line numbers and tree prefixes, sorted:
# the same warning in the base and the patched file compares equal.
normalize_warnings() {
	sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -E ': (warning|error):' |
		sed -E "s|$BUILD/(wt/)?[a-z0-9]+/||g; s|^(\.\./)+||; s|^([^:]+):[0-9]+(:[0-9]+)?:|\1:|" |
		sort
}

# Print what is in warnings file $2 (patched) and not in $1 (base).
new_warnings() {
	comm -13 "$1" "$2"
}

# The benchmark commit on the series: the code of make bench and make demo
# appended to the files whose static functions and test fixtures it uses;
# and the fault anchor's on the head of the fixes, on 6.12's fault path.
bench_commit() {
	harness_commit bench refs/series/check
}
bench_anchor_commit() {
	[ -n "$(fixes_head)" ] && harness_commit bench-612 "$(fixes_head)"
}
