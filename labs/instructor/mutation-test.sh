#!/bin/bash
# mutation-test.sh: does a grade move with correctness? Applies the bugs a
# student would make (the mutants in labs/instructor/mutants/labN.mut) to
# the reference solutions, one at a time, grades each mutant's lab (public
# and hidden tests) and counts the mutants that lose points ("killed").
# A mutant is graded with the tests of the mutated file first and stops at
# its first failing test (the grader's --covers-first, --stop-on-failure):
# a killed mutant costs one failure, a survivor the whole lab.
#
# usage: labs/instructor/mutation-test.sh [--lab N]... [--only NAME]...
#                                          [--sample K] [--seed S] [--list]
#   --lab N      the mutants of lab N (default: every lab with a .mut file)
#   --only NAME  just this mutant (repeatable; a shell glob)
#   --sample K   K mutants per lab, picked by --seed (default: the date), for
#                a time-bounded run (make check); the full corpus otherwise
#   --list       list the mutants and stop
#   --dry-run    only check that every mutant applies (no build, no grading)
#   --jobs J     mutants at once (default 2), each in its own copy of the
#                tree, graded one test at a time
#
# A lab's corpus is labs/instructor/mutants/labN.mut and any labN-*.mut.
# The .mut format: a mutant is a block
#
#   @@ NAME: the bug, as a student would make it
#   = path/of/the/file.c
#   -old line, exactly as in the file (after the one-character marker)
#   +new line
#   ! accepted: why surviving is fine (behaviour the requirements leave open)
#
# The old lines must occur exactly once in the file, inside an exercise
# region; they are replaced by the new ones (no + lines: deleted). A mutant
# that no longer applies or does not compile is reported as broken: the
# corpus must follow the reference code.
#
# Exit status: 0 when every mutant applied, compiled and was killed or is
# accepted; 1 otherwise (each survivor is listed with the tests it passed).
set -uo pipefail
[ -d labs/instructor ] || { echo "mutation-test: run from the top of the master tree" >&2; exit 2; }
top=$PWD
mutdir=$top/labs/instructor/mutants
labs=() only=() sample="" seed=$(date +%Y%m%d) list="" dry="" jobs=2
while [ $# -gt 0 ]; do
	case "$1" in
	--lab) labs+=("$2"); shift 2 ;;
	--only) only+=("$2"); shift 2 ;;
	--sample) sample=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	--list) list=1; shift ;;
	--dry-run) dry=1; shift ;;
	--jobs) jobs=$2; shift 2 ;;
	*) echo "mutation-test: unknown option $1" >&2; exit 2 ;;
	esac
done
[ "$jobs" -ge 1 ] 2>/dev/null || { echo "mutation-test: --jobs wants a number >= 1" >&2; exit 2; }
if [ ${#labs[@]} -eq 0 ]; then
	for f in "$mutdir"/lab[0-9].mut; do [ -f "$f" ] && labs+=("$(basename "$f" .mut | tr -dc 0-9)"); done
	# (a lab's corpus needs its labN.mut: labN-*.mut alone is not picked up)
fi

# corpus LAB: the lab's mutants, from labN.mut and any labN-*.mut (one file
# per exercise, or per author, as the corpus grows).
corpus() { cat "$mutdir/lab$1.mut" "$mutdir"/lab"$1"-*.mut 2>/dev/null; }

# names LAB: the mutants of a lab, one per line.
names() { corpus "$1" | sed -n 's/^@@ \([^:]*\):.*/\1/p'; }

# field LAB NAME KEY: the mutant's "@@" title, "=" file or "!" reason.
field() {
	awk -v name="$2" -v key="$3" '
		/^@@ / { split(substr($0, 4), a, ":"); cur = a[1]; if (cur == name && key == "@") print substr($0, 5 + length(cur)) }
		cur == name && key == "=" && /^= / { print substr($0, 3) }
		cur == name && key == "!" && /^! / { print substr($0, 3) }' <(corpus "$1")
}

# apply LAB NAME TREE: apply the mutant to TREE's copy of its file.
# Fails (with a message) when the old text is not there exactly once or not
# inside a region.
apply() {
	local file
	file=$(field "$1" "$2" =)
	[ -n "$file" ] && [ -f "$3/$file" ] || { echo "no such file: '$file'"; return 1; }
	awk -v name="$2" -v target="$3/$file" '
		BEGIN { RS = "\001" }
		FNR == NR {
			n = split($0, lines, "\n")
			for (i = 1; i <= n; i++) {
				if (lines[i] ~ /^@@ /) { split(substr(lines[i], 4), a, ":"); cur = a[1]; continue }
				if (cur != name) continue
				c = substr(lines[i], 1, 1); rest = substr(lines[i], 2)
				if (c == "-") old = old (nold++ ? "\n" : "") rest
				if (c == "+") new = new (nnew++ ? "\n" : "") rest
			}
			next
		}
		{
			text = $0
			if (nold == 0) { print "no old lines"; exit 1 }
			p = index(text, old)
			if (p == 0) { print "the old lines are not in the file"; exit 1 }
			if (index(substr(text, p + 1), old)) { print "the old lines occur more than once"; exit 1 }
			before = substr(text, 1, p - 1)
			# Inside a region: the last #if/#else/#endif before it opens one.
			k = split(before, b, "\n"); last = ""
			for (j = k; j >= 1; j--) if (b[j] ~ /^#[ \t]*(if|else|endif)/) { last = b[j]; break }
			if (last !~ /^#if LAB[1-6]_SOLUTION/) { print "the old lines are not inside a region"; exit 1 }
			printf "%s%s%s", before, new, substr(text, p + length(old)) >target
		}' <(corpus "$1") "$3/$file"
}

if [ -n "$list" ]; then
	for lab in "${labs[@]}"; do
		names "$lab" | while IFS= read -r m; do
			printf 'lab %s  %-28s %-32s %s\n' "$lab" "$m" "$(field "$lab" "$m" =)" "$(field "$lab" "$m" @)"
		done
	done
	exit 0
fi

if [ -n "$dry" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	bad=0
	for lab in "${labs[@]}"; do
		while IFS= read -r m; do
			f=$(field "$lab" "$m" =)
			mkdir -p "$tmp/$(dirname "$f")"
			cp "$f" "$tmp/$f" 2>/dev/null
			why=$(apply "$lab" "$m" "$tmp") || { echo "  lab $lab $m: BROKEN: $why"; bad=$((bad + 1)); }
			cp "$f" "$tmp/$f" 2>/dev/null
		done < <(names "$lab")
	done
	echo "mutation test (dry run): $bad mutants do not apply"
	[ "$bad" -eq 0 ]
	exit
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/erix-mutants.XXXXXX")
trap 'rm -rf "$work"' EXIT
tree=$work/tree
mkdir "$tree"
git ls-files -z | (cd "$top" && xargs -0 cp --parents -t "$tree")
[ -n "$sample" ] && echo "mutation test: a sample of $sample mutants per lab, seed $seed (again: --sample $sample --seed $seed)"
echo "mutation test: building the reference in $tree..."
unit=build/ref/host/unit-tests
make -s -C "$tree" all $unit build/ref/grader/grader >"$work/build.log" 2>&1 ||
	{ tail -20 "$work/build.log"; echo "mutation-test: the reference does not build" >&2; exit 2; }
grader=$tree/build/ref/grader/grader

# The mutants to run, in order: "LAB NAME" lines.
: >"$work/list"
for lab in "${labs[@]}"; do
	[ -n "$(names "$lab")" ] || { echo "mutation-test: no $mutdir/lab$lab.mut" >&2; exit 2; }
	mapfile -t ms < <(names "$lab")
	if [ ${#only[@]} -gt 0 ]; then
		keep=()
		for m in "${ms[@]}"; do for g in "${only[@]}"; do [[ "$m" == $g ]] && keep+=("$m") && break; done; done
		ms=("${keep[@]}")
	fi
	if [ -n "$sample" ] && [ "${#ms[@]}" -gt "$sample" ]; then
		mapfile -t ms < <(printf '%s\n' "${ms[@]}" | shuf -n "$sample" --random-source=<(yes "$seed$lab"))
	fi
	for m in "${ms[@]}"; do [ -n "$m" ] && echo "$lab $m" >>"$work/list"; done
	"$grader" --list --lab "$lab" | awk '{ s += $4 } END { print s }' >"$work/full$lab"
done

# run_mutant LAB NAME TREE DIR: apply, build, grade in TREE (scratch files
# in DIR); print the verdict line, prefixed by killed, accepted, SURVIVED
# or BROKEN and a tab. The tree is left as it was.
run_mutant() {
	local lab=$1 m=$2 tree=$3 dir=$4 file s why score failed t reason full
	full=$(cat "$work/full$lab")
	file=$(field "$lab" "$m" =)
	cp "$tree/$file" "$dir/original"
	s=$(date +%s)
	if ! why=$(apply "$lab" "$m" "$tree"); then
		printf 'BROKEN\t  lab %s %-28s BROKEN: %s\n' "$lab" "$m" "$why"
		return
	fi
	if ! make -s -C "$tree" all $unit >"$dir/build.log" 2>&1; then
		printf 'BROKEN\t  lab %s %-28s BROKEN: does not compile: %s\n' "$lab" "$m" \
			"$(grep -m1 error "$dir/build.log")"
		cp "$dir/original" "$tree/$file"
		return
	fi
	# One failing test kills a mutant: the tests of the mutated file
	# first, and none after the first failure (--stop-on-failure).
	(cd "$tree" && TMPDIR=$dir "$grader" --iso build/ref/erix.iso --kernel build/ref/kernel/erix.elf \
		--unit $unit --lab "$lab" --covers-first "$file" --stop-on-failure -j "$gjobs" \
		--format gradescope --output "$dir/r.json" >"$dir/grade.log" 2>&1)
	score=$(jq .score "$dir/r.json" 2>/dev/null || echo "?")
	cp "$dir/original" "$tree/$file"
	failed=$(jq -r '[.tests[] | select(.status == "failed") | select(.output | contains("reason: not run:") | not) | .name] | join(" ")' "$dir/r.json" 2>/dev/null)
	t=$(($(date +%s) - s))
	if [ "$score" != "$full" ]; then
		printf 'killed\t  lab %s %-28s killed   %2ss  by %s\n' "$lab" "$m" "$t" \
			"${failed:-(the grader did not run: see a rerun)}"
		return
	fi
	reason=$(field "$lab" "$m" !)
	if [ -n "$reason" ]; then
		printf 'accepted\t  lab %s %-28s accepted %3s/%s  %2ss  (%s)\n' "$lab" "$m" "$score" "$full" "$t" "$reason"
	else
		printf 'SURVIVED\t  lab %s %-28s SURVIVED %3s/%s  %2ss  %s\n' "$lab" "$m" "$score" "$full" "$t" \
			"$(field "$lab" "$m" @)"
	fi
}

# Workers: each has a copy of the built reference tree and takes every
# jobs-th mutant of the list; a result per mutant in $work/res/N.
mkdir -p "$work/res"
gjobs=$([ "$jobs" -gt 1 ] && echo 1 || nproc)
for ((w = 1; w < jobs; w++)); do cp -a "$tree" "$work/tree$w"; done
worker() {
	local w=$1 i=0 lab m tree dir=$work/w$1
	tree=$([ "$w" -eq 0 ] && echo "$work/tree" || echo "$work/tree$w")
	mkdir -p "$dir"
	while read -r lab m; do
		if [ $((i % jobs)) -eq "$w" ]; then
			run_mutant "$lab" "$m" "$tree" "$dir" >"$work/res/$i"
			cut -f2- "$work/res/$i"
		fi
		i=$((i + 1))
	done <"$work/list"
}
for ((w = 0; w < jobs; w++)); do worker "$w" & done
wait

killed_all=0 total_all=0 bad=0
report=$work/report
: >"$report"
i=0
declare -A killed total
while read -r lab m; do
	v=$(cut -f1 "$work/res/$i" 2>/dev/null)
	total[$lab]=$((${total[$lab]:-0} + 1))
	case "$v" in
	killed | accepted) killed[$lab]=$((${killed[$lab]:-0} + 1)) ;;
	BROKEN) bad=$((bad + 1)) ;;
	esac
	case "$v" in killed) ;; *) cut -f2- "$work/res/$i" >>"$report" ;; esac
	i=$((i + 1))
done <"$work/list"
for lab in "${labs[@]}"; do
	k=${killed[$lab]:-0} n=${total[$lab]:-0}
	echo "lab $lab: $k of $n mutants killed or accepted$([ "$n" -gt 0 ] &&
		awk -v k="$k" -v t="$n" 'BEGIN { printf " (%.0f%%)", 100 * k / t }')" >>"$work/summary"
	killed_all=$((killed_all + k)) total_all=$((total_all + n))
done

echo
cat "$work/summary"
if [ -s "$report" ]; then
	echo "survivors and broken mutants:"
	cat "$report"
fi
echo "mutation test: $killed_all of $total_all mutants killed or accepted, $bad broken"
[ "$killed_all" -eq "$total_all" ] && [ "$bad" -eq 0 ]
