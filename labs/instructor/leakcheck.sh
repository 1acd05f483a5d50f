#!/bin/bash
# leakcheck.sh: no text of a stripped solution region may survive in an
# exported tree.
#
# usage: labs/instructor/leakcheck.sh N earlier|none MASTER_TREE EXPORTED_TREE
#
# Every region `#if LABk_SOLUTION ... #else|#endif` of the master tree that
# the stage strips (k >= N, or every k with "none") gives its lines;
# each line that says something (16 characters or more once blanks are
# trimmed), and that the master tree does not also have outside the
# stripped regions (a stub's `return 0;`, say), must appear in no text file
# of the export. Prints each leak as file:line and fails if there is one.
set -euo pipefail
lab=${1:?usage: leakcheck.sh N earlier|none MASTER EXPORT}
solved=${2:?}
master=${3:?}
export_dir=${4:?}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# 1. The stripped regions' lines, from the master tree.
cd "$master"
grep -rlE '^#if LAB[1-6]_SOLUTION' --include='*.c' --include='*.h' --include='*.S' \
	kernel user grader 2>/dev/null | while IFS= read -r f; do
	awk -v lab="$lab" -v solved="$solved" -v file="$f" '
	function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
	/^#if LAB[1-6]_SOLUTION/ {
		k = substr($2, 4, 1) + 0
		strip = (solved == "none" || k >= lab)
		inside = 1; depth = 0; next
	}
	inside && /^#[ \t]*if/ { depth++ }
	inside && depth == 0 && /^#[ \t]*(else|endif)/ { inside = 0; next }
	inside && /^#[ \t]*endif/ { depth--; }
	{ t = trim($0); if (length(t) >= 16) print t "\t" file ":" FNR "\t" (inside && strip ? "S" : "K") }
	' "$f"
done >"$tmp.all"
# Lines kept anywhere (outside stripped regions) are not solution text.
awk -F '\t' '$3 == "K" { kept[$1] = 1 } $3 == "S" { s[$1] = $2 }
	END { for (t in s) if (!(t in kept)) print t "\t" s[t] }' "$tmp.all" >"$tmp"
rm -f "$tmp.all"

regions=$(wc -l <"$tmp")
# 2. Any of those lines in the export?
cd "$export_dir"
leaks=$(grep -rIl '' . | sed 's|^\./||' | while IFS= read -r f; do
	awk -v file="$f" '
	function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
	FNR == NR { split($0, a, "\t"); want[a[1]] = a[2]; next }
	{ t = trim($0); if (t in want) print file ":" FNR ": " t "   (from " want[t] ")" }
	' "$tmp" "$f"
done)
if [ -n "$leaks" ]; then
	echo "leak check: solution text survives in the lab-$lab export:" >&2
	echo "$leaks" >&2
	exit 1
fi
echo "leak check: none of the $regions stripped solution lines is in the export"
