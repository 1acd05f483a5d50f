#!/bin/bash
# review.sh: what a submission changed that a TA should look at. Grading
# takes only the editable files from a submission (grade-submission), but
# code in them runs in ring 0 and could still forge what the grader reads;
# such code has to sit outside the exercise regions or name the kernel's
# grader-facing state, and this report shows both. It is for the
# instructor only (grade-submission puts it in a hidden entry of
# results.json and in its --review file).
#
# usage: review.sh KIT TREE
#   KIT   a grading kit (grading-kit.sh): editable.txt, regions/, base/
#   TREE  the submission's own tree, as unpacked
#
# For each editable file in TREE: "only inside its exercise regions" when
# the file equals its stub (KIT/regions) everywhere outside the regions,
# else the diff against the stub. Then, per file, the grader-facing names
# and assembler directives it uses more often than its stub does; and the
# other files the submission changed or added (ignored by grading).
set -u
kit=${1:?usage: review.sh KIT TREE}
tree=${2:?usage: review.sh KIT TREE}
lab=$(cat "$kit/lab")

# outside_ok STUB FILE: FILE is STUB with only the text between each pair
# of marker lines replaced. STUB's outside parts O0 R1 O1 ... Rk Ok must
# appear in FILE in order, O0 as a prefix and Ok as a suffix (leftmost
# matches; trailing blanks ignored).
outside_ok() {
	awk '
		function strip(s) { sub(/[ \t\r]+$/, "", s); return s }
		BEGIN { nseg = 0 } # the part before the first region is segment 0, not ""
		FNR == NR {
			if ($0 == "@@ERIX-REGION-BEGIN@@") { nseg++; inside = 1; next }
			if ($0 == "@@ERIX-REGION-END@@") { inside = 0; next }
			if (!inside)
				seg[nseg, ++len[nseg]] = strip($0)
			next
		}
		{ s[++m] = strip($0) }
		function at(i, p,   j) {
			if (p + len[i] - 1 > m) return 0
			for (j = 1; j <= len[i]; j++)
				if (s[p + j - 1] != seg[i, j]) return 0
			return 1
		}
		END {
			if (!at(0, 1)) exit 1
			cur = 1 + len[0]
			for (i = 1; i < nseg; i++) {
				for (p = cur; p <= m + 1 && !at(i, p); p++) ;
				if (p > m + 1) exit 1
				cur = p + len[i]
			}
			if (nseg == 0) exit (m == len[0] ? 0 : 1)
			p = m - len[nseg] + 1
			if (p < cur || !at(nseg, p)) exit 1
			exit 0
		}' "$1" "$2"
}

# The names of the kernel's state that graded tests read, ways to pull
# files or bytes into a kernel, and ways for code built into the host unit
# tests to end or fake their run (the unit suites are graded from inside
# that program: grader/hostunit.h): student code has no reason to use them.
watch='\.pushsection|\.section|debug_gdb_scripts|syscall_log|syscall_count|cdt_check|cdt_root|ktest_[a-z_]*|dying_head|\.incbin|\.include|#[ \t]*include[ \t]*[<"][^>"]*\.\.|#[ \t]*include[ \t]*[<"]/|grader|__attribute__[ \t]*\(\([ \t]*(constructor|destructor|section)|HOST_TEST|__asan|\b_?[eE]xit[ \t]*\(|\batexit|\bfork[ \t]*\(|srunner|ck_[a-z_]*|Checks:'

echo "Review of a lab-$lab submission (instructors only; never shown to students)"
echo
echo "Editable files (the only ones grading takes from a submission):"
flagged=0
while IFS= read -r f; do
	stub=$kit/regions/$f
	if [ ! -f "$tree/$f" ]; then
		[ -f "$kit/base/$f" ] && echo "  $f: not in the submission (graded with the handout's stub)"
		continue
	fi
	if [ ! -f "$stub" ]; then
		echo "  $f: present ($(wc -l <"$tree/$f") lines)"
		continue
	fi
	if outside_ok "$stub" "$tree/$f"; then
		echo "  $f: changes only inside its exercise regions"
	else
		flagged=1
		echo "  $f: CHANGED OUTSIDE ITS EXERCISE REGIONS; against the handout's stub:"
		grep -v '^@@ERIX-REGION-' "$stub" | diff -u --label "handout/$f" --label "submission/$f" \
			- "$tree/$f" | head -200 | sed 's/^/      /'
	fi
	uses=$(grep -oE "$watch" "$tree/$f" 2>/dev/null | sort | uniq -c | while read -r n name; do
		b=$(grep -oE "$watch" "$stub" 2>/dev/null | grep -cxF -- "$name")
		[ "$n" -gt "$b" ] && printf '%s (%d, the stub %d) ' "$name" "$n" "$b"
	done)
	if [ -n "$uses" ]; then
		flagged=1
		echo "  $f: uses grader-facing names or directives: $uses"
		grep -nE "$watch" "$tree/$f" | head -20 | sed 's/^/      /'
	fi
done <"$kit/editable.txt"

echo
others=$(cd "$tree" && find . -type f ! -path './.git/*' ! -path './build/*' | sed 's|^\./||' | sort |
	while IFS= read -r f; do
		grep -qxF -- "$f" "$kit/editable.txt" && continue
		if [ ! -f "$kit/base/$f" ]; then echo "$f (new)"
		elif ! cmp -s "$kit/base/$f" "$f"; then echo "$f (changed)"; fi
	done)
if [ -n "$others" ]; then
	echo "Other files the submission changed or added ($(echo "$others" | wc -l); grading used the handout's versions, or nothing):"
	echo "$others" | head -50 | sed 's/^/  /'
else
	echo "No other file differs from the handout."
fi
echo
if [ "$flagged" -eq 1 ]; then
	echo "Verdict: review needed (see the flagged files above)."
else
	echo "Verdict: nothing to review."
fi
