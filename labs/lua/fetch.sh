#!/bin/bash
# fetch.sh: get the source of Lua 5.4 (Debian bookworm's source package
# lua5.4) into a build directory, for make lua-test (labs/lua/run.sh).
#
# usage: labs/lua/fetch.sh DIR
#
# The tree ends up in DIR/lua5.4 (Lua's src/ in DIR/lua5.4/src), as
# `apt-get source` unpacks it: upstream's 5.4.4 with Debian's patches,
# the same source Debian's lua5.4 package (the host interpreter the
# outputs are compared with) is built from. It is a test input: fetched
# at test time, never copied into the repository, never part of the
# system students build. A tree already there (a 5.4.x one) is kept.
#
# apt is given a private sources list (one deb-src entry for bookworm
# main) and private state and cache directories under DIR/apt, so the
# system's apt configuration and package lists are neither read for
# sources nor changed. LUA_MIRROR overrides the archive
# (default http://deb.debian.org/debian).
#
# Needs: apt-get, dpkg-source (package dpkg-dev, which apt-get source
# runs to unpack), the Debian archive keyring (debian-archive-keyring),
# and the network to reach the archive. Exit status 0 when DIR/lua5.4 is
# there; otherwise 1, with what is missing and how to get it.
set -u

dir=${1:?usage: fetch.sh DIR}
mirror=${LUA_MIRROR:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
tree=$dir/lua5.4

fail() {
	echo "lua fetch: $*" >&2
	exit 1
}

# version TREE: the x.y.z of the Lua source tree TREE, from its lua.h.
version() {
	sed -n 's/^#define LUA_VERSION_\(MAJOR\|MINOR\|RELEASE\)[ \t]*"\([0-9]*\)".*/\2/p' \
		"$1/src/lua.h" 2>/dev/null | paste -sd.
}

if [ -f "$tree/src/lua.h" ]; then
	case $(version "$tree") in
	5.4.*) exit 0 ;;
	*) echo "lua fetch: $tree holds Lua $(version "$tree"), not 5.4.x: fetching again" >&2
	   rm -rf "$tree" ;;
	esac
fi

command -v apt-get >/dev/null 2>&1 ||
	fail "apt-get is missing: this needs a Debian (or Debian-based) machine"
command -v dpkg-source >/dev/null 2>&1 ||
	fail "dpkg-source is missing, which apt-get source needs to unpack: install dpkg-dev (sudo apt-get install -y dpkg-dev, or make deps)"
[ -r "$keyring" ] ||
	fail "$keyring is missing, which checks the archive's signatures: install debian-archive-keyring"

apt=$dir/apt
mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial" "$dir/unpack" ||
	fail "cannot make directories under $dir"
dir=$(cd "$dir" && pwd) apt=$dir/apt tree=$dir/lua5.4
cat >"$apt/sources.list.d/lua5.4-src.sources" <<SOURCES
Types: deb-src
URIs: $mirror
Suites: bookworm
Components: main
Signed-By: $keyring
SOURCES
: >"$apt/sources.list"

# Every path apt writes is under DIR/apt; the sandbox user _apt (which
# apt downloads as when it runs as root) cannot write there, so apt
# downloads as the caller.
opts=(-o "Dir::Etc::SourceList=$apt/sources.list"
	-o "Dir::Etc::SourceParts=$apt/sources.list.d"
	-o "Dir::State::Lists=$apt/lists"
	-o "Dir::Cache=$apt/cache"
	-o "APT::Sandbox::User=$(id -un)")

echo "lua fetch: reading bookworm's source index from $mirror (private apt lists in $apt)"
if ! apt-get -q "${opts[@]}" update >"$apt/update.log" 2>&1 || grep -q '^\(Err\|E\):' "$apt/update.log"; then
	sed 's/^/  /' "$apt/update.log" >&2
	fail "apt-get update failed: is the network up, and $mirror reachable? (LUA_MIRROR=URL picks another Debian archive)"
fi

rm -rf "$dir/unpack" && mkdir -p "$dir/unpack"
echo "lua fetch: apt-get source lua5.4"
if ! (cd "$dir/unpack" && apt-get -q "${opts[@]}" source lua5.4) >"$apt/source.log" 2>&1; then
	sed 's/^/  /' "$apt/source.log" >&2
	fail "apt-get source lua5.4 failed (see above)"
fi

src=$(ls -d "$dir"/unpack/lua5.4-*/ 2>/dev/null | head -1)
[ -n "$src" ] && [ -f "$src/src/lua.h" ] ||
	fail "apt-get source gave no lua5.4-*/src/lua.h in $dir/unpack (see $apt/source.log)"
v=$(version "$src")
case $v in
5.4.*) ;;
*) fail "bookworm's lua5.4 source is Lua $v, not 5.4.x" ;;
esac
deb=$(sed -n 's/^Version: //p' "$dir"/unpack/*.dsc 2>/dev/null | head -1)
mv "$src" "$tree" || fail "cannot move $src to $tree"
rm -rf "$dir/unpack"
echo "lua fetch: Lua $v (Debian's lua5.4 ${deb:-?}) in $tree"
