#!/bin/bash
# handin.sh: pack your work for submission.
#
# usage: labs/tools/handin.sh [ARCHIVE]    (make handin)
#
# Checks that the tree builds, warns about changes git has not committed,
# and packs the tree (with its git history, without build/) into ARCHIVE,
# by default handin-labN.tar.gz for the lab in .erix-lab.
set -uo pipefail
cd "$(dirname "$0")/../.."
lab=$(cat .erix-lab 2>/dev/null || echo 0)
archive=${1:-handin-lab$lab.tar.gz}

echo "handin: checking that your tree builds..."
log=$(mktemp "${TMPDIR:-/tmp}/handin-build.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT
if ! make -s all >"$log" 2>&1; then
	tail -30 "$log"
	echo "handin: your tree does not build; fix it first (graders build it too)." >&2
	exit 1
fi

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
		echo "handin: warning: you have changes that are not committed:"
		git status --short --untracked-files=no | sed 's/^/    /'
		echo "handin: they are packed anyway; commit them to keep them in your history."
	fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$log"' EXIT
tar -czf "$tmp/handin.tar.gz" --exclude=./build --exclude='./handin-lab*.tar.gz' \
	--transform 's|^\./|submission/|' .
mv "$tmp/handin.tar.gz" "$archive"
echo "handin: wrote $archive ($(du -h "$archive" | cut -f1)); submit that file."
