#!/bin/sh
# deps.sh: check for the Debian packages the EriX kit needs.
#
# Run as root, it installs the missing ones (apt-get update, then
# apt-get install -y). Run as anyone else, it prints the exact
# `sudo apt-get install` line and fails. Silent when all is present.
set -u

# bubblewrap: the sandbox in which grading builds and runs submissions
# (labs/instructor/sandbox).
PACKAGES="gcc binutils make grub-pc-bin grub-common xorriso mtools
qemu-system-x86 gdb check pkg-config unifdef jq libxml2-utils zip unzip
bubblewrap"
COMMANDS=""

# deps.sh GROUP: also the packages of a test that only it needs.
#   lua  make lua-test (labs/lua): Debian's Lua interpreter, whose output
#        EriX's must match, and what `apt-get source lua5.4` needs to fetch
#        and unpack Lua's source (dpkg-source, the archive's keyring).
case ${1:-} in
"") ;;
lua) PACKAGES="$PACKAGES lua5.4 dpkg-dev debian-archive-keyring"
     COMMANDS="lua5.4:lua5.4 dpkg-source:dpkg-dev" ;;
*) echo "deps.sh: unknown group $1 (known: lua)" >&2; exit 2 ;;
esac

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
	for p in $PACKAGES; do
		status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
		case "$status" in
		*"install ok installed"*) ;;
		*) missing="$missing $p" ;;
		esac
	done
else
	# Not Debian: check the commands, and name the Debian packages.
	for pair in gcc:gcc ld:binutils make:make grub-mkrescue:grub-common \
		xorriso:xorriso mformat:mtools qemu-system-x86_64:qemu-system-x86 \
		gdb:gdb pkg-config:pkg-config unifdef:unifdef jq:jq xmllint:libxml2-utils \
		zip:zip unzip:unzip bwrap:bubblewrap $COMMANDS; do
		command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
	done
	[ -d /usr/lib/grub/i386-pc ] || missing="$missing grub-pc-bin"
	pkg-config --exists check 2>/dev/null || missing="$missing check"
	if [ -n "$missing" ]; then
		echo "EriX needs these tools (Debian package names):$missing" >&2
		echo "Install them with your system's package manager." >&2
		exit 1
	fi
	exit 0
fi

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing the Debian packages EriX needs:$missing"
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get update -q || ! apt-get install -y -q $missing; then
		echo "deps: apt-get failed; install by hand: apt-get install -y$missing" >&2
		exit 1
	fi
	exit 0
fi

echo "EriX needs Debian packages that are not installed:$missing" >&2
echo "Install them with:" >&2
echo "  sudo apt-get install -y$missing" >&2
exit 1
