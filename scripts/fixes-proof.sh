#!/bin/sh
# make fixes-proof: show that each fix at the head of the series
# (kunit/fixes.cases) is needed.  For each fix in turn: the head of the
# series without that fix, applied with git am to the base, is built and
# its fix's suite run; the fix's case must not pass.  The run is kept in
# results/fixes/NN-<patch>.txt.  Exits non-zero if a case passes without
# its fix.
set -eu
. "$(dirname "$0")/lib.sh"

PROOF=$BUILD/wt/proof
PROOF_OUT=$OUT/fixes-proof
RESULTS=$TOP/results/fixes
sh "$TOP/scripts/tree.sh" --base
[ -d "$PROOF" ] || git -C "$TREE" worktree add -q --detach "$PROOF" base
mkdir -p "$RESULTS" "$PROOF_OUT" "$LOGS"
rm -f "$LOGS/fixes-proof.bad"

n=$(fixes_subjects | wc -l)
head_patches=$(series_patches | head -n "$n")
i=0
fixes_subjects | while read -r subject; do
	i=$((i + 1))
	line=$(fixes_lines | sed -n "${i}p")
	[ "${line%% *}" = fix ] || continue
	suite=$(echo "$line" | cut -d' ' -f2)
	case=$(echo "$line" | cut -d' ' -f3)
	patch=$(echo "$head_patches" | sed -n "${i}p")
	name=$(basename "$patch" .patch)
	echo "fixes-proof: without $name: $suite.$case"
	(
		cd "$PROOF"
		git am --abort >/dev/null 2>&1 || true
		git checkout -q -f --detach base
		GIT_COMMITTER_NAME=Harness GIT_COMMITTER_EMAIL=harness@localhost \
			git $GIT_ID am -q --no-3way $(echo "$head_patches" | grep -vx "$patch")
	) >"$LOGS/fixes-proof-am.log" 2>&1 ||
		die "fixes-proof: the head without $name does not apply (see $LOGS/fixes-proof-am.log)"
	cat "$PROOF/tools/testing/kunit/configs/arch_uml.config" \
		"$PROOF/drivers/gpu/drm/tests/.kunitconfig" "$TOP/kunit/drivers.config" \
		"$TOP/kunit/lockdep.config" "$TOP/kunit/series.config" >"$PROOF_OUT/.config"
	logged "$LOGS/fixes-proof-build.log" \
		make -C "$PROOF" ARCH=um O="$PROOF_OUT" olddefconfig
	logged "$LOGS/fixes-proof-build.log" \
		make -C "$PROOF" ARCH=um O="$PROOF_OUT" -j"$JOBS" all
	out=$RESULTS/$name.txt
	{
		echo "# $name left out of the head of the series, on $BASE_PACKAGE $BASE_VERSION."
		echo "# The case that fails without it: $suite.$case"
		echo
		(cd "$PROOF" && ./tools/testing/kunit/kunit.py exec \
			--build_dir="$PROOF_OUT" "$suite.$case" 2>&1) |
			sed 's/\x1b\[[0-9;]*m//g' | sed -E 's/^\[[0-9:]{8}\] //'
	} >"$out" || true
	# The case alone: it must have run, and failed or crashed.
	if grep -q "^\[PASSED\] $case\$" "$out" ||
		! grep -qE "^\[(FAILED\] $case|CRASHED\])" "$out"; then
		echo "fixes-proof: $suite.$case does not fail without $name" >&2
		echo bad >>"$LOGS/fixes-proof.bad"
	else
		echo "fixes-proof: $suite.$case fails without it: $out"
	fi
done
git -C "$PROOF" checkout -q -f --detach base
if [ -s "$LOGS/fixes-proof.bad" ]; then
	rm -f "$LOGS/fixes-proof.bad"
	exit 1
fi
