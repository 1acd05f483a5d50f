#!/bin/bash
# handout-repo.sh: a git repository for students, one tagged commit per stage.
#
# usage: labs/instructor/handout-repo.sh OUT
#
# For every lab with solution regions (in order), the lab's student tree is
# exported with every lab's regions as stubs (handout.sh --solved none) and
# committed on branch main, tagged labN. Each commit thus changes only what
# lab N brings (its handout, its tests, its stage marker), never the regions
# students fill in: a student who finished lab N runs `git merge labN+1`
# (after `git fetch` from the course's copy) without conflicts, keeping
# their own code.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${1:?usage: handout-repo.sh OUT}
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
	echo "handout-repo: $out exists and is not empty" >&2
	exit 2
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

stages=$(cd "$top" && grep -rhoE '^#if LAB[1-6]_SOLUTION' kernel user grader 2>/dev/null |
	grep -oE '[1-6]' | sort -u)
[ -n "$stages" ] || { echo "handout-repo: no lab has solution regions" >&2; exit 1; }

export GIT_AUTHOR_NAME="EriX kit" GIT_AUTHOR_EMAIL="erix-kit@localhost"
export GIT_COMMITTER_NAME="EriX kit" GIT_COMMITTER_EMAIL="erix-kit@localhost"
git -C "$out" init -q -b main
for n in $stages; do
	"$here/handout.sh" --solved none "$n" "$tmp/lab$n" >/dev/null
	# Replace the work tree by the export.
	git -C "$out" rm -rq --ignore-unmatch . >/dev/null
	cp -a "$tmp/lab$n/." "$out/"
	name=$(cd "$top/handouts" && ls lab$n-*.md 2>/dev/null | head -1 | sed "s/^lab$n-//; s/\.md$//")
	git -C "$out" add -A
	git -C "$out" commit -qm "Lab $n${name:+ ($name)}: handout, tests and stubs"
	git -C "$out" tag "lab$n"
	echo "handout-repo: lab$n committed and tagged"
done
echo "handout-repo: $out (branch main, tags: $(git -C "$out" tag | tr '\n' ' '))"
