#!/bin/bash
# grading-kit.sh: what grading lab N needs, in one directory without any
# solution code: the Gradescope bundle is this directory, and
# grade-submission makes one in its scratch directory (or takes one with
# --kit, as batch mode and the self-checks do).
#
# usage: labs/instructor/grading-kit.sh N KIT        (from the master tree)
#        KIT/bin/grading-kit.sh --grader KIT          (build KIT/grader only)
#
# KIT/
#   lab            the lab number
#   base/          lab N's student tree with every lab's regions as stubs
#                  (make handout LAB=N SOLVED=none): what a submission is
#                  built from; the leak check has passed on it
#   editable.txt   the files a student may edit (the ones with exercise
#                  regions of labs 1..N, and answers-labK.txt): the only
#                  files taken from a submission
#   regions/PATH   each editable file's stub with its exercise regions of
#                  labs 1..N between marker lines, for review.sh
#   hidden/        grader/hidden/labK.c for K <= N (mode 0700)
#   grader         the grader with the hidden tests, built from base/ and
#                  hidden/ (--grader; the Gradescope set-up builds it there)
#   bin/           grade-submission, sandbox, review.sh, this script
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# build_grader KIT: KIT/grader from KIT/base and KIT/hidden, built outside
# any tree a submission ever sees.
build_grader() {
	local kit=$1 tmp
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/erix-kit-grader.XXXXXX")
	cp -a "$kit/base/." "$tmp/"
	mkdir -p "$tmp/grader/hidden"
	cp "$kit"/hidden/*.c "$tmp/grader/hidden/" 2>/dev/null || true
	if ! make -s -C "$tmp" build/ref/grader/grader >"$tmp/build.log" 2>&1; then
		cat "$tmp/build.log" >&2
		rm -rf "$tmp"
		echo "grading-kit: the grader does not build" >&2
		return 1
	fi
	install -m 0755 "$tmp/build/ref/grader/grader" "$kit/grader"
	rm -rf "$tmp"
}

if [ "${1:-}" = --grader ]; then
	build_grader "$(cd "${2:?usage: grading-kit.sh --grader KIT}" && pwd)"
	exit
fi

lab=${1:?usage: grading-kit.sh N KIT}
kit=${2:?usage: grading-kit.sh N KIT}
case "$lab" in [1-6]) ;; *) echo "grading-kit: LAB must be 1..6" >&2; exit 2 ;; esac
top=$(cd "$here/../.." && pwd)
[ -d "$top/labs/instructor" ] || { echo "grading-kit: run it from the master tree" >&2; exit 2; }
mkdir -p "$kit"
kit=$(cd "$kit" && pwd)
[ -z "$(ls -A "$kit")" ] || { echo "grading-kit: $kit is not empty" >&2; exit 2; }

"$here/handout.sh" --solved none "$lab" "$kit/base" >"$kit/export.log" 2>&1 ||
	{ cat "$kit/export.log" >&2; echo "grading-kit: the export failed" >&2; exit 1; }
rm -f "$kit/export.log"
echo "$lab" >"$kit/lab"

# The editable files: those with regions of labs 1..N, and the answers.
cd "$top"
grep -rlE "^#if LAB[1-$lab]_SOLUTION" kernel user | sort >"$kit/editable.txt"
for k in $(seq 1 "$lab"); do echo "answers-lab$k.txt"; done >>"$kit/editable.txt"

# Each editable file's stub, its regions of labs 1..N marked: a marker line
# after the region's #else and before its #endif, then unifdef with every
# lab's stubs, as the export does.
defs=()
for k in 1 2 3 4 5 6; do defs+=("-DLAB${k}_SOLUTION=0"); done
while IFS= read -r f; do
	[ -f "$f" ] || continue
	mkdir -p "$kit/regions/$(dirname "$f")"
	awk -v lab="$lab" '
		/^[ \t]*#[ \t]*if/ {
			kind = "other"
			if (match($0, /^#if LAB[1-6]_SOLUTION/) && substr($0, 8, 1) + 0 <= lab)
				kind = "region"
			stack[++depth] = kind
		}
		/^[ \t]*#[ \t]*endif/ && stack[depth] == "region" { print "@@ERIX-REGION-END@@" }
		{ print }
		/^[ \t]*#[ \t]*else/ && stack[depth] == "region" { print "@@ERIX-REGION-BEGIN@@" }
		/^[ \t]*#[ \t]*endif/ { depth-- }
	' "$f" >"$kit/regions/$f.marked"
	set +e
	unifdef "${defs[@]}" -o "$kit/regions/$f" "$kit/regions/$f.marked"
	rc=$?
	set -e
	rm -f "$kit/regions/$f.marked"
	[ "$rc" -le 1 ] || { echo "grading-kit: unifdef failed on $f" >&2; exit 1; }
done <"$kit/editable.txt"

mkdir -p "$kit/hidden"
for k in $(seq 1 "$lab"); do
	[ -f "grader/hidden/lab$k.c" ] && cp "grader/hidden/lab$k.c" "$kit/hidden/"
done
chmod 0700 "$kit/hidden"

mkdir -p "$kit/bin"
cp "$here/grade-submission" "$here/sandbox" "$here/review.sh" "$here/grading-kit.sh" "$kit/bin/"
build_grader "$kit"
