#!/bin/bash
# handout.sh: write the student tree for lab N.
#
# usage: labs/instructor/handout.sh [--solved earlier|none] N OUT
#
#   --solved earlier  labs before N keep their reference code (default: a
#                     fresh tree per lab)
#   --solved none     every lab's regions are stubs (students carry their
#                     own work forward; the handout repository uses this)
#
# From the files git tracks (or every file, outside git), it leaves out what
# labs/instructor/export.conf lists and the files of later labs, and runs
# Debian's unifdef over every file with solution regions (labs/README.md),
# with -DLABk_SOLUTION=1 for the solved labs and =0 for the rest. Then the
# leak check (leakcheck.sh) must find no text of any stripped region in OUT.
# OUT must not exist or be empty.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

solved=earlier
if [ "${1:-}" = --solved ]; then solved=$2; shift 2; fi
lab=${1:?usage: handout.sh [--solved earlier|none] N OUT}
out=${2:?usage: handout.sh [--solved earlier|none] N OUT}
case "$lab" in [1-6]) ;; *) echo "handout: LAB must be 1..6, not '$lab'" >&2; exit 2 ;; esac
case "$solved" in earlier|none) ;; *) echo "handout: --solved earlier|none" >&2; exit 2 ;; esac
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
	echo "handout: $out exists and is not empty" >&2
	exit 2
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

cd "$top"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	files=$(git ls-files --cached --others --exclude-standard)
else
	files=$(find . -type f ! -path './build/*' ! -path './.git/*' | sed 's|^\./||')
fi

# excluded PATH: listed in export.conf, or a file of a later lab.
mapfile -t excludes < <(grep -v '^#' "$here/export.conf" | sed '/^$/d')
excluded() {
	local p=$1 e
	for e in "${excludes[@]}"; do
		case "$e" in
		*/) [[ "$p" == "$e"* ]] && return 0 ;;
		*) [ "$p" = "$e" ] && return 0 ;;
		esac
	done
	local base=${p##*/}
	if [[ "$p" =~ ^(handouts|grader/tests)/ && "$base" =~ ^lab([0-9])[-_.] ]]; then
		[ "${BASH_REMATCH[1]}" -gt "$lab" ] && return 0
	fi
	return 1
}

# The switches: earlier labs solved (stage $lab), or every lab a stub.
read -r -a defs <<<"$("$here/../tools/lab-defs.sh" "$([ "$solved" = earlier ] && echo "$lab" || echo 1)")"

n=0
while IFS= read -r f; do
	[ -f "$f" ] || continue
	excluded "$f" && continue
	mkdir -p "$out/$(dirname "$f")"
	if grep -q 'LAB[1-6]_SOLUTION' "$f" 2>/dev/null && [[ "$f" =~ \.(c|h|S)$ ]]; then
		# unifdef: 0 unchanged, 1 changed, 2 trouble.
		set +e
		unifdef "${defs[@]}" -o "$out/$f" "$f"
		rc=$?
		set -e
		[ "$rc" -le 1 ] || { echo "handout: unifdef failed on $f" >&2; exit 1; }
	else
		cp -p "$f" "$out/$f"
	fi
	n=$((n + 1))
done <<<"$files"

# A student tree says which lab it is (the Makefile reads it).
echo "$lab" >"$out/.erix-lab"

"$here/leakcheck.sh" "$lab" "$solved" "$top" "$out"
echo "handout: lab $lab ($solved labs solved) written to $out: $n files"
