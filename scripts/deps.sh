#!/bin/sh
# make deps, the only step that calls apt: the packages the harness needs
# from Debian's archive, and a copy of the base, Debian's linux-source-6.12
# tarball with the bytes the series is tested on (base.conf).  Quick when
# all is there; never touches the repository or the trees.
set -eu
. "$(dirname "$0")/lib.sh"

PKGS="build-essential flex bison bc libelf-dev libssl-dev python3 python3-ply python3-git git xz-utils
gcc-aarch64-linux-gnu sparse perl gnuplot-nox qemu-system-x86 jq"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done

if [ -n "$missing" ]; then
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then
		sudo -n true 2>/dev/null ||
			die "deps: missing packages:$missing; installing them needs root: run 'sudo make deps', or install them"
		SUDO="sudo -n"
	fi
	echo "deps: installing$missing (log: $LOGS/deps.log)"
	logged "$LOGS/deps-update.log" $SUDO apt-get -q update ||
		die "deps: apt-get update failed: is Debian's archive reachable (network, /etc/apt/sources.list)?"
	DEBIAN_FRONTEND=noninteractive logged "$LOGS/deps.log" \
		$SUDO apt-get -y -q --no-install-recommends install $missing ||
		die "deps: apt-get install failed"
fi

base_tarball >/dev/null && exit 0

# No copy of the base: the package of that version from the archive, into
# build/base/ (no root needed; the system's package is left as it is, so
# that an upgrade of it changes nothing here).
deb="${BASE_PACKAGE}_$(echo "$BASE_VERSION" | sed 's/:/%3a/')_all.deb"
echo "deps: fetching $BASE_PACKAGE $BASE_VERSION into $BASE_CACHE"
mkdir -p "$BASE_CACHE"
if ! (cd "$BASE_CACHE" && logged "$LOGS/deps-base.log" \
	apt-get -q download "$BASE_PACKAGE=$BASE_VERSION"); then
	cat >&2 <<MSG
error: deps: cannot download $BASE_PACKAGE $BASE_VERSION from Debian's archive
error: (no network, or the archive no longer offers it).  Any copy of
error: $BASE_PACKAGE.tar.xz with sha256 $BASE_SHA256
error: serves: BASE_TARBALL=/path/to/it make ...
MSG
	exit 1
fi
dpkg-deb --fsys-tarfile "$BASE_CACHE/$deb" |
	tar -xOf - "./usr/src/$BASE_PACKAGE.tar.xz" >"$BASE_CACHE/$BASE_PACKAGE.tar.xz" ||
	die "deps: cannot extract the tarball from $BASE_CACHE/$deb"
rm -f "$BASE_CACHE/$deb"
base_tarball >/dev/null ||
	die "deps: $BASE_CACHE/$BASE_PACKAGE.tar.xz does not have sha256 $BASE_SHA256"
