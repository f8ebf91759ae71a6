#!/bin/sh
# Write the series ready to mail to build/series/: patches/ applied to the
# base with the sender (git config user.name and user.email) as author and
# in Signed-off-by instead of the neutral identity patches/ keeps, then
# git format-patch with the cover letter of patches/cover-letter.txt, its
# shortlog, diffstat and base-commit; checkpatch --strict runs on the result.
set -eu
. "$(dirname "$0")/lib.sh"

NEUTRAL="Sparse Shmem Developers <sparse-shmem@example.org>"
SERIES_TREE=$BUILD/wt/series
SERIES_OUT=$BUILD/series
COVER=$PATCHES/cover-letter.txt

name=$SENDER_NAME
email=$SENDER_EMAIL
[ -n "$name" ] && [ -n "$email" ] ||
	die "series: set git config user.name and user.email; whoever mails the series authors and signs it"
sender="$name <$email>"
[ "$sender" != "$NEUTRAL" ] ||
	die "series: $sender is the neutral identity of patches/; set your own"
# The sender is the committer of the applied series and the author of
# the cover letter, whatever the kernel tree's own configuration says.
GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email
GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

# "Subject: [PATCH v4 00/36] title": the version, the count, the title.
subject=$(sed -n '1s/^Subject: //p' "$COVER")
version=$(echo "$subject" | sed -n 's/^\[PATCH v\([0-9]*\) .*/\1/p')
count=$(echo "$subject" | sed -n 's/^\[PATCH v[0-9]* 0*\/\([0-9]*\)\].*/\1/p')
title=$(echo "$subject" | sed 's/^\[[^]]*\] //')
n=$(series_patches | wc -l)
[ -n "$version" ] && [ "$count" = "$n" ] ||
	die "series: $COVER's subject must read '[PATCH vN 00/$n] ...'"

sh "$TOP/scripts/tree.sh" --base
[ -d "$SERIES_TREE" ] ||
	git -C "$TREE" worktree add -q --detach "$SERIES_TREE" base
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for p in $(series_patches); do
	sed "/^From: \|^Signed-off-by: /s|$NEUTRAL|$sender|" "$p" >"$tmp/$(basename "$p")"
done
cd "$SERIES_TREE"
git am --abort >/dev/null 2>&1 || true
git checkout -q -f --detach base && git clean -q -f -d -x
git am -q --no-3way "$tmp"/*.patch ||
	die "series: patches/ does not apply to the base"

rm -rf "$SERIES_OUT"
git format-patch -q \
	-v "$version" --cover-letter --base=base --no-signature \
	-o "$SERIES_OUT" base..HEAD
git checkout -q -f --detach base && git clean -q -f -d -x

# The cover: the title and the text of patches/cover-letter.txt in place of
# format-patch's placeholders; its shortlog, diffstat and base-commit stay.
c=$(ls "$SERIES_OUT"/v"$version"-0000-cover-letter.patch)
sed '1,/^$/d' "$COVER" >"$tmp/blurb"
awk -v title="$title" -v blurb="$tmp/blurb" '
	/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, title) }
	/^\*\*\* BLURB HERE \*\*\*$/ {
		while ((getline l < blurb) > 0) print l
		next
	}
	{ print }' "$c" >"$tmp/cover" && mv "$tmp/cover" "$c"

CHECKPATCH_TREE=$SERIES_TREE sh "$TOP/scripts/step-checkpatch.sh" "$SERIES_OUT" >"$LOGS/series-checkpatch.log" 2>&1 || {
	tail -n 25 "$LOGS/series-checkpatch.log" >&2
	die "series: checkpatch has remarks on build/series (log: $LOGS/series-checkpatch.log)"
}
echo "series: v$version, $n patches and a cover letter in build/series, from $sender; checkpatch --strict clean"
echo "series: send with git send-email build/series/*.patch"
