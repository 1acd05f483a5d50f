#!/bin/bash
# handout-test.sh: the exports, the handout repository and submission
# grading, tested end to end.
#
# usage: labs/instructor/handout-test.sh   (from the top of the master tree)
#
# 1. Every stage's student tree (make handout) passes the leak check, holds
#    no hidden test and no instructor file, builds, boots, and its own
#    make grade runs exactly the public tests of its labs.
# 2. The leak check catches a solution line planted in an export.
# 3. The handout repository has a tag per stage, none with solution text;
#    a scripted student fills lab 1's regions with the reference code as
#    their own commit, merges the last tag without conflict, and the merged
#    tree builds and passes lab 1's public tests.
# 4. grade-submission: the reference work earns every point, public and
#    hidden; one solved exercise earns exactly its tests' points; a hostile
#    submission (edited tests and grader, fake PASS lines, rewritten build
#    rules, on the stubs) earns nothing; one that does not build gets 0 with
#    the compiler's errors. (The full hostile corpus: hostile-test.sh.)
# 5. The Gradescope bundle (make autograder) grades a submission laid out
#    as Gradescope does into a valid results.json; the GitHub Classroom
#    config lists the public tests.
set -u
[ -d labs/instructor ] && [ -d .git ] || { echo "handout-test: run from the top of the master tree" >&2; exit 2; }
top=$(pwd)
tools=$top/labs/instructor
work=$(mktemp -d "${TMPDIR:-/tmp}/erix-handout-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() {
	local what=$1
	shift
	if "$@"; then passed=$((passed + 1)); echo "  PASS  $what"
	else failed=$((failed + 1)); echo "  FAIL  $what"; fi
}
grader=$top/build/ref/grader/grader
stages=$(grep -rhoE '^#if LAB[1-6]_SOLUTION' kernel user grader | grep -oE '[1-6]' | sort -u)
hidden_names=$("$grader" --list | awk '$6 == "hidden" { print $1 }')
echo "handout test (stages: $(echo $stages)):"

# ---- 1. student trees ------------------------------------------------------
for n in $stages; do
	t=$work/lab$n
	check "lab $n: the export passes the leak check" eval '"$tools/handout.sh" "$n" "$t" >"$work/export$n.log" 2>&1'
	check "lab $n: no hidden test, no instructor file in the export" eval '
		[ ! -e "$t/grader/hidden" ] && [ ! -e "$t/labs/instructor" ] && [ ! -e "$t/labs/README.md" ] &&
		! grep -rqF -e "$(echo "$hidden_names" | head -1)" "$t"'
	check "lab $n: no solution marker left in the export" eval '! grep -rqE "LAB[1-6]_SOLUTION" "$t/kernel" "$t/user"'
	check "lab $n: the export builds" eval 'make -s -C "$t" all build/ref/grader/grader >"$work/build$n.log" 2>&1'
	(cd "$t" && make -s grade >"$work/grade$n.out" 2>&1)
	want=$("$grader" --list --public $(for k in $(seq 1 "$n"); do echo --lab "$k"; done) | wc -l)
	got=$(grep -cE '^[0-9]+ +lab[0-9]_' "$work/grade$n.out")
	check "lab $n: its make grade runs the $want public tests (ran $got)" test "$got" -eq "$want"
done

# ---- 2. the leak check catches a leak -------------------------------------
n1=$(echo "$stages" | head -1)
cp -a "$work/lab$n1" "$work/leaky"
line=$(sed -n '/^#if LAB1_SOLUTION/,/^#else/p' kernel/format.c |
	awk '{ sub(/^[ \t]+/, "") } length > length(best) { best = $0 } END { print best }')
echo "	$line" >>"$work/leaky/handouts/lab1-boot.md"
check "the leak check finds a solution line planted in a handout" \
	eval '! "$tools/leakcheck.sh" 1 earlier "$top" "$work/leaky" >/dev/null 2>&1'

# ---- 3. the handout repository and a student's merge --------------------------
"$tools/handout-repo.sh" "$work/repo" >"$work/repo.log" 2>&1
want_tags=$(for n in $stages; do printf 'lab%s ' "$n"; done)
check "handout-repo: one tag per stage ($want_tags)" \
	eval '[ "$(git -C "$work/repo" tag | sort | tr "\n" " ")" = "$want_tags" ]'
clean_tags() {
	local n
	for n in $stages; do
		rm -rf "$work/tag"
		mkdir "$work/tag"
		git -C "$work/repo" archive "lab$n" | tar -xf - -C "$work/tag" || return 1
		"$tools/leakcheck.sh" "$n" none "$top" "$work/tag" >/dev/null 2>&1 || return 1
		grep -rqE "LAB[1-6]_SOLUTION" "$work/tag/kernel" && return 1
	done
	return 0
}
check "handout-repo: no tag holds solution text or markers" clean_tags
last=$(echo "$stages" | tail -1)
git clone -q --branch lab1 "$work/repo" "$work/student" 2>/dev/null
(
	set -e
	cd "$work/student"
	git checkout -q -b mine lab1
	for f in $(cd "$top" && grep -rlE '^#if LAB1_SOLUTION' kernel user); do
		unifdef $("$top/labs/tools/lab-defs.sh" 2) -o "$f" "$top/$f" || [ $? -eq 1 ] # 1: changed
	done
	git -c user.name=student -c user.email=s@example.org commit -qam "My lab 1"
) >"$work/student.log" 2>&1
check "a student's lab-1 work merges tag lab$last without conflict" eval '
	[ -d "$work/student/.git" ] && [ "$last" != 1 ] &&
	(cd "$work/student" && git -c user.name=student -c user.email=s@example.org merge -q --no-edit "lab$last") >>"$work/student.log" 2>&1'
check "... keeping their code, with lab $last's handout" eval '
	grep -q "do {" "$work/student/kernel/format.c" && ls "$work/student/handouts/lab$last-"*.md >/dev/null'
check "... and the merged tree builds and passes lab 1's public tests" eval '
	(cd "$work/student" && make -s all build/ref/grader/grader build/ref/host/unit-tests &&
		build/ref/grader/grader --iso build/ref/erix.iso --kernel build/ref/kernel/erix.elf \
		--unit build/ref/host/unit-tests --lab 1) >"$work/student-grade.out" 2>&1'

# ---- 4. grading submissions --------------------------------------------------
# pack NAME DIR: a handin-style archive of a tree.
pack() { tar -czf "$work/$1.tar.gz" -C "$2" --exclude=./build --transform 's|^\./|submission/|' .; }
score() { jq -r .score "$work/$1.json"; }
"$tools/grading-kit.sh" 1 "$work/kit1" >"$work/kit1.log" 2>&1
grade_sub() { "$tools/grade-submission" --lab 1 --kit "$work/kit1" --out "$work/$1.json" "$work/$1.tar.gz" >"$work/$1.log" 2>&1; }
"$tools/handout.sh" --solved none 1 "$work/base" >/dev/null
total=$("$grader" --list --lab 1 | awk '{ s += $4 } END { print s }')

cp -a "$work/base" "$work/honest"
for f in $(grep -rlE '^#if LAB1_SOLUTION' kernel user); do
	unifdef -DLAB1_SOLUTION=1 -o "$work/honest/$f" "$f"
done
pack honest "$work/honest"

cp -a "$work/base" "$work/partial"
unifdef -DLAB1_SOLUTION=1 -o "$work/partial/kernel/format.c" kernel/format.c
pack partial "$work/partial"
partial_points=$("$grader" --list --lab 1 | awk '$9 == "kernel/format.c" { s += $4 } END { print s }')

cp -a "$work/base" "$work/hostile"
(
	set -e
	cd "$work/hostile"
	# Tests that cannot fail, a grader that always passes, build rules that
	# skip the kernel, a kernel that prints what a naive grader looks for.
	sed -i 's/^{$/{ return;/' grader/tests/lab1.c
	sed -i 's/bool pass = .*/bool pass = true;/' grader/grader.c
	printf 'grade:\n\t@echo "100%%: Checks: 12, Failures: 0, Errors: 0"\n' >>grader/Makefrag
	sed -i 's/^\tktest_ready();$/\tkprintf("lab1_kprintf_decimal PASS\\n100%%: Checks: 12, Failures: 0\\n");\n\tktest_ready();/' kernel/main.c
	echo 'KERNEL_CFLAGS += -DHOSTILE' >>kernel/Makefrag
)
pack hostile "$work/hostile"

cp -a "$work/base" "$work/broken"
echo 'this is not C;' >>"$work/broken/kernel/format.c"
pack broken "$work/broken"

for s in honest partial hostile broken; do grade_sub "$s" & done
wait
check "the reference work earns all $total points, hidden tests included" test "$(score honest)" = "$total"
check "one solved exercise earns exactly its $partial_points points" test "$(score partial)" = "$partial_points"
check "a hostile submission earns nothing" test "$(score hostile)" = 0
check "a submission that does not build gets 0, with the compiler's errors" eval '
	[ "$(score broken)" = 0 ] && jq -r .output "$work/broken.json" | grep -q "error"'
check "results.json of a hidden test is visible only after the due date" eval '
	jq -e "[.tests[] | select(.visibility == \"after_due_date\")] | length > 0" "$work/honest.json" >/dev/null'

# ---- 5. the Gradescope bundle and the GitHub Classroom config -------------------
"$tools/autograder.sh" 1 "$work/autograder" >"$work/autograder.log" 2>&1
mkdir -p "$work/ag/source" "$work/ag/submission"
(cd "$work/ag/source" && unzip -q "$work/autograder/gradescope-lab1.zip")
cp -a "$work/honest/." "$work/ag/submission/"
AUTOGRADER=$work/ag "$work/ag/source/run_autograder" >"$work/ag.log" 2>&1
check "the Gradescope bundle grades a submission into a valid results.json" \
	eval 'jq -e -f "$tools/gradescope.jq" "$work/ag/results/results.json" >/dev/null &&
	      [ "$(jq .score "$work/ag/results/results.json")" = "$total" ]'
check "... and the bundle holds no solution code (the leak check over all of it)" eval '
	mkdir "$work/bundle" && (cd "$work/bundle" && unzip -q "$work/autograder/gradescope-lab1.zip") &&
	"$tools/leakcheck.sh" 1 none "$top" "$work/bundle" >"$work/bundle-leak.log" 2>&1'
check "the GitHub Classroom config lists the public tests" eval '
	[ "$(jq ".tests | length" "$work/autograder/github-classroom/.github/classroom/autograding.json")" = \
	  "$("$grader" --list --public --lab 1 | wc -l)" ]'

if [ "$failed" -gt 0 ] || [ -n "${HANDOUT_TEST_VERBOSE:-}" ]; then
	for f in "$work"/*.log "$work"/*.out; do echo "--- $(basename "$f")"; tail -15 "$f"; done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
