#!/bin/sh
# Step: scripts/checkpatch.pl --strict on every patch: no error, warning or
# check, except those listed with their reason in checkpatch.exceptions.
# With a directory argument, on the vN-NNNN-*.patch files there instead
# (the output of make series), whose names lose the "vN-" for the lookup.
set -u
. "$(dirname "$0")/lib.sh"

patches() {
	if [ $# -gt 0 ]; then
		ls "$1"/v*-[0-9][0-9][0-9][0-9]-*.patch | grep -v -- '-0000-cover-letter'
	else
		series_patches
	fi
}

cd "${CHECKPATCH_TREE:-$BASETREE}" || exit 1
ok=0
bad=0
for p in $(patches "$@"); do
	name=$(basename "$p" | sed 's/^v[0-9]*-//')
	# format-patch -v cuts long names shorter: a name matches the
	# exceptions' names it begins, without ".patch".
	ignore=$(awk -v n="${name%.patch}" 'index($1, n) == 1 { printf "%s%s", s, $2; s = "," }' \
		"$TOP/checkpatch.exceptions")
	echo "== $name${ignore:+ (ignoring $ignore)}"
	if ./scripts/checkpatch.pl --strict --show-types ${ignore:+--ignore "$ignore"} "$p"; then
		ok=$((ok + 1))
	else
		echo "SUMMARY $name: checkpatch remarks"
		bad=$((bad + 1))
	fi
done
echo "COUNTS $ok $bad"
[ "$bad" -eq 0 ]
