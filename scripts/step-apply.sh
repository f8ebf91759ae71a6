#!/bin/sh
# Step: apply patches/ to a fresh base with git am (no fuzz, no 3-way), in
# the build/wt/base worktree, and record the result as refs/series/check.
# The developer's tree is not touched.
set -eu
. "$(dirname "$0")/lib.sh"

[ -d "$BASETREE" ] ||
	git -C "$TREE" worktree add -q --detach "$BASETREE" base
cd "$BASETREE"
git am --abort >/dev/null 2>&1 || true
git checkout -q -f --detach base

n=$(series_patches | wc -l)
if [ "$n" -gt 0 ]; then
	# Committer and dates fixed: the same patches give the same commits.
	GIT_COMMITTER_NAME=Harness GIT_COMMITTER_EMAIL=harness@localhost \
		git $GIT_ID am -q --no-3way --committer-date-is-author-date $(series_patches) || {
		git am --abort >/dev/null 2>&1 || true
		git checkout -q -f --detach base
		echo "COUNTS 0 1"
		die "apply: the series does not apply to the base (see above)"
	}
fi
git update-ref refs/series/check HEAD
git checkout -q -f --detach base
echo "apply: $n patch(es) apply cleanly to $(git log -1 --format=%s base)"
echo "COUNTS 1 0"
