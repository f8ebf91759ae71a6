#!/bin/sh
# Prepare the kernel tree: Debian's linux-source-6.12 extracted under
# build/linux as a git repository whose first commit (tag "base") is the
# untouched base, with patches/ applied on top by git am.
#
#   tree.sh          create the tree if needed, bring it to patches/
#   tree.sh --base   only make sure the repository and its base exist
#
# A tree with commits or changes of its own that patches/ does not hold is
# never reset: it is reported and left as it is.
set -eu
. "$(dirname "$0")/lib.sh"

create_repo() {
	t=$(base_tarball) ||
		die "tree: no $BASE_PACKAGE.tar.xz with sha256 $BASE_SHA256 (run make deps)"
	v=$BASE_VERSION
	echo "tree: extracting $t ($v) into $TREE"
	rm -rf "$TREE.new"
	mkdir -p "$TREE.new"
	tar -C "$TREE.new" --strip-components=1 -xf "$t" ||
		die "tree: cannot extract $t"
	# Debian's top-level .gitignore ignores everything at the top level;
	# the base is added whole with -f and stays untouched.
	(
		cd "$TREE.new"
		git init -q
		git add -Af .
		GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" \
		GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
			git $GIT_ID commit -q -m "Linux $(make -s kernelversion) (Debian $BASE_PACKAGE $v)"
		git tag base
		git config harness.base "$v"
		git config user.name >/dev/null ||
			git config user.name "Sparse Shmem Developers"
		git config user.email >/dev/null ||
			git config user.email "sparse-shmem@example.org"
	) >"$LOGS/tree-create.log" 2>&1 ||
		die "tree: creating the base repository failed; log: $LOGS/tree-create.log"
	mv "$TREE.new" "$TREE"
	unignore_top_level
}

# In the developer's tree, drop Debian's rule from the working copy of
# .gitignore (the index keeps the base) so that new files show in git status.
unignore_top_level() {
	sed -i '/^# Debian packaging: ignore everything/,$d' "$TREE/.gitignore"
	git -C "$TREE" update-index --skip-worktree .gitignore
}

# base.conf names another base than the tree's (the series was moved).
check_base_version() {
	have=$(git -C "$TREE" config harness.base || true)
	if [ "$have" != "$BASE_VERSION" ]; then
		echo "WARNING: build/linux is based on $BASE_PACKAGE $have, base.conf on $BASE_VERSION;" >&2
		echo "WARNING: move build/ away and run make again to rebase on it." >&2
	fi
}

# Bring the developer's tree to what patches/ holds.
sync_tree() {
	cd "$TREE"
	if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
		echo "tree: build/linux has uncommitted changes: left as it is"
		return 0
	fi
	if [ "$(range_digest "$TREE" base..HEAD)" = "$(patches_digest)" ]; then
		echo "tree: build/linux holds the series of patches/"
		git update-ref "$SYNCED" HEAD
		return 0
	fi
	head=$(git rev-parse HEAD)
	synced=$(git rev-parse -q --verify "$SYNCED" || git rev-parse base)
	if [ "$head" != "$synced" ]; then
		cat <<MSG
tree: build/linux has commits that patches/ does not hold: left as it is.
tree: run 'make export' to save them to patches/, or move build/linux away.
MSG
		return 0
	fi
	echo "tree: applying patches/ to build/linux"
	git checkout -q -B series base
	unignore_top_level
	if series_patches >/dev/null &&
		! logged "$LOGS/tree-am.log" git am --no-3way $(series_patches); then
		git am --abort 2>/dev/null || true
		git reset -q --hard base
		unignore_top_level
		die "tree: patches/ does not apply to the base; tree left at the base"
	fi
	git update-ref "$SYNCED" HEAD
	echo "tree: build/linux is at $(git log -1 --format='%h %s')"
}

mkdir -p "$LOGS"
[ -d "$TREE/.git" ] || create_repo
check_base_version
[ "${1:-}" = "--base" ] || sync_tree
