#!/bin/sh
# Step: scripts/checkpatch.pl --strict on every patch: no error, warning or
# check, except those listed with their reason in checkpatch.exceptions.
set -u
. "$(dirname "$0")/lib.sh"

cd "$BASETREE" || exit 1
ok=0
bad=0
for p in $(series_patches); do
	name=$(basename "$p")
	ignore=$(awk -v n="$name" '$1 == n { printf "%s%s", s, $2; s = "," }' \
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
