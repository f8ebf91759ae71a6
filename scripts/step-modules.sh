#!/bin/sh
# Step: the series' modules link.  x86_64 allnoconfig with the DRM core,
# its KUnit suites and the drivers the series touches built as modules
# (kunit/modules.config): the build and modpost must give no error (an
# unexported or missing symbol), each module asked for must be built, and
# so must the module of each tristate KUnit suite the series touches.
# The base is built the same way only when the series fails, to tell the
# errors the series brings from those the base has.
set -u
. "$(dirname "$0")/lib.sh"

MODULES_OUT=$OUT/modules
X86="ARCH=x86_64"

build() { # tree, build dir, log
	cfg=$(git hash-object "$TOP/kunit/modules.config")
	if [ "$(cat "$2/.harness-config" 2>/dev/null)" != "$cfg" ]; then
		mkdir -p "$2"
		make -C "$1" $X86 O="$2" KCONFIG_ALLCONFIG="$TOP/kunit/modules.config" \
			allnoconfig >"$3" 2>&1 || return 1
		echo "$cfg" >"$2/.harness-config"
	fi
	make -C "$1" $X86 O="$2" -j"$JOBS" >>"$3" 2>&1
}

# Each =m of kunit/modules.config that Kconfig kept as asked.
unmet_options() {
	grep '=m$' "$TOP/kunit/modules.config" | while read -r o; do
		grep -qx "$o" "$1/.config" || echo "$o"
	done
}

# Modules (drivers/gpu/drm/tests/x.ko) of the tristate suites the series
# touches: its test files that the tests' Makefile builds under
# CONFIG_DRM_KUNIT_TEST.
suite_modules() {
	mk=$WORK/drivers/gpu/drm/tests/Makefile
	tristate=$(awk '/^obj-\$\(CONFIG_DRM_KUNIT_TEST\)/ { on = 1; next }
		on && NF == 0 { on = 0 } on { print $1 }' "$mk")
	touched_files | sed -n 's|^drivers/gpu/drm/tests/\(.*\)\.c$|\1|p' |
		while read -r t; do
			echo "$tristate" | grep -qx "$t.o" &&
				echo "drivers/gpu/drm/tests/$t.ko"
		done
}

modpost_errors() {
	grep -E '^ERROR: modpost:|: undefined reference to|^make.*Error' "$1"
}

work_checkout refs/series/check || exit 1
log=$LOGS/modules-build.log
build "$WORK" "$MODULES_OUT" "$log"
rc=$?
missing=$(unmet_options "$MODULES_OUT")
for o in $missing; do
	echo "SUMMARY modules: $o not set in the configuration"
done
kos=""
for k in drivers/gpu/drm/drm.ko drivers/gpu/drm/drm_shmem_helper.ko \
	drivers/gpu/drm/panfrost/panfrost.ko drivers/gpu/drm/panthor/panthor.ko \
	drivers/gpu/drm/lima/lima.ko $(suite_modules); do
	[ -f "$MODULES_OUT/$k" ] || kos="$kos $k"
done
for k in $kos; do
	echo "SUMMARY modules: $k not built"
done
errors=$(modpost_errors "$log")
n=$(find "$MODULES_OUT" -name '*.ko' | wc -l)
if [ "$rc" -eq 0 ] && [ -z "$errors$missing$kos" ]; then
	echo "SUMMARY modules: x86_64, $n modules built and linked (modpost), 0 errors;" \
		"tristate suites the series touches:" $(suite_modules | sed 's|.*/||')
	echo "COUNTS 1 0"
	exit 0
fi
echo "$errors" | sed 's/^/SUMMARY   /'
git -C "$BASETREE" checkout -q -f --detach base || exit 1
build "$BASETREE" "$OUT/modules-base" "$LOGS/modules-base.log" ||
	echo "(the base does not build this way either)"
modpost_errors "$LOGS/modules-base.log" | sed 's/^/SUMMARY   base: /'
echo "SUMMARY modules: the series' modules do not build or link (log: $log)"
echo "COUNTS 0 1"
exit 1
