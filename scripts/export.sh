#!/bin/sh
# Export the commits of build/linux on top of the base to patches/ as
# numbered git format-patch files.  Refuses when patches/ changed since the
# tree last met it (the tree would be stale), unless FORCE=1.
set -eu
. "$(dirname "$0")/lib.sh"

[ -d "$TREE/.git" ] || die "export: no tree at build/linux (run make tree)"
cd "$TREE"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "export: build/linux has uncommitted changes; commit them first"
git rev-parse -q --verify base >/dev/null || die "export: no base tag in build/linux"

synced=$(git rev-parse -q --verify "$SYNCED" || git rev-parse base)
if [ "${FORCE:-0}" != 1 ] &&
	[ "$(range_digest "$TREE" "base..$synced")" != "$(patches_digest)" ]; then
	die "export: patches/ changed since build/linux last met it; the tree is
stale.  Run 'make tree' (after saving your commits elsewhere), or
'make export FORCE=1' to overwrite patches/ with the tree."
fi
n=$(git rev-list --count base..HEAD)
[ "$n" -gt 0 ] || [ "${FORCE:-0}" = 1 ] ||
	die "export: no commits on top of the base; refusing to empty patches/"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git format-patch -q --no-signature --zero-commit -o "$tmp" base..HEAD
if [ "$n" -gt 0 ]; then
	for p in "$tmp"/*.patch; do
		"$TREE/scripts/checkpatch.pl" --strict --quiet --no-summary "$p" ||
			echo "export: checkpatch has remarks on $(basename "$p")"
	done
fi
mkdir -p "$PATCHES"
rm -f "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch
[ "$n" -eq 0 ] || mv "$tmp"/*.patch "$PATCHES"/
git update-ref "$SYNCED" HEAD
echo "export: $n patch(es) written to patches/"
git -C "$TOP" status --short -- patches
