#!/bin/sh
# Install what the harness needs from Debian's archive.  Quick when every
# package is already there; never touches the repository or the trees.
set -eu
. "$(dirname "$0")/lib.sh"

PKGS="build-essential flex bison bc libelf-dev libssl-dev python3 python3-ply python3-git git xz-utils
gcc-aarch64-linux-gnu sparse perl gnuplot-nox qemu-system-x86"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
have=$(dpkg-query -W -f='${Status} ${Version}' "$BASE_PACKAGE" 2>/dev/null |
	sed -n 's/^install ok installed //p')
[ -z "$missing" ] && [ "$have" = "$BASE_VERSION" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
apt="$SUDO apt-get -y -q --no-install-recommends"

echo "deps: installing${missing:-} $BASE_PACKAGE (log: $LOGS/deps.log)"
logged "$LOGS/deps-update.log" $SUDO apt-get -q update ||
	die "deps: apt-get update failed: is Debian's archive reachable?"

# The exact base the series is tested on; if the archive no longer offers it,
# the newest 6.12 it offers, said loudly.
pkg="$BASE_PACKAGE=$BASE_VERSION"
if ! apt-cache madison "$BASE_PACKAGE" | grep -q " $BASE_VERSION "; then
	newest=$(apt-cache madison "$BASE_PACKAGE" | head -n 1 | cut -d'|' -f2 | tr -d ' ')
	[ -n "$newest" ] || die "deps: the archive offers no $BASE_PACKAGE"
	cat >&2 <<MSG
########################################################################
# WARNING: $BASE_PACKAGE $BASE_VERSION is no longer in the archive.
# Using the newest one offered, $newest: the series was tested on
# $BASE_VERSION, not on this base.
########################################################################
MSG
	pkg="$BASE_PACKAGE=$newest"
fi
logged "$LOGS/deps.log" $apt --allow-downgrades install $missing "$pkg" ||
	die "deps: apt-get install failed"
