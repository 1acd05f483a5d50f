#!/bin/bash
# grader-selftest.sh: the grader, graded.
#
# usage: labs/instructor/grader-selftest.sh GRADER REFERENCE_BUILD_DIR
#   (from the top of the tree; make grader-test runs it)
#
# 1. The reference passes every test, and the run's Gradescope results.json
#    has Gradescope's fields and types.
# 2. Each lab exercise, replaced alone by its stub (unifdef on that one
#    file), makes every test that covers it fail; and every test covers an
#    exercise file.
# 3. Hostile kernels fail cleanly, each test within its limit: one that
#    hangs, one that floods the console, one that triple-faults, and one
#    built on the stubs that prints the text a naive grader would look for
#    (its JUnit report must be well-formed XML).
#
# Each variant is a copy of the sources with one change, built in its own
# directory (from the reference's objects: only what changed is built
# again); the grader binary is the reference one. Prints one PASS/FAIL
# line per check and "N passed, N failed".
set -u
grader=$(realpath "${1:?usage: selftest.sh GRADER REFERENCE_BUILD_DIR}")
ref=$(realpath "${2:?usage: selftest.sh GRADER REFERENCE_BUILD_DIR}")
top=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/erix-selftest.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

check() { # check WHAT CONDITION...
	local what=$1
	shift
	if "$@"; then
		passed=$((passed + 1)); echo "  PASS  $what"
	else
		failed=$((failed + 1)); echo "  FAIL  $what"
	fi
}

# grade NAME ISO KERNEL [grader options]: run the grader; table in
# $work/NAME.out, exit status in $work/NAME.status. The host unit-test
# program is the one built beside the ISO.
grade() {
	local name=$1 iso=$2 kernel=$3
	shift 3
	"$grader" --iso "$iso" --kernel "$kernel" --qemu-sh "$top/labs/tools/qemu.sh" \
		--unit "$(dirname "$iso")/host/unit-tests" "$@" \
		>"$work/$name.out" 2>"$work/$name.err"
	echo $? >"$work/$name.status"
}
# results NAME: "PASS"/"FAIL" per test line of the table.
count() { grep -cE "^[0-9]+ +lab[0-9]_[a-z0-9_]+ .* $2 " "$work/$1.out"; }
status_is() { [ "$(cat "$work/$1.status")" = "$2" ]; }
all_fail() { [ "$(count "$1" PASS)" -eq 0 ] && [ "$(count "$1" FAIL)" -eq "$2" ] && status_is "$1" 1; }

# variant NAME: a copy of the sources in $work/NAME, with the reference's
# objects beside them (timestamps kept, boot snapshots left out): make then
# builds again only what the variant changes, and what depends on it.
variant() {
	mkdir -p "$work/$1/build/ref"
	cp -a Makefile kernel user labs grader "$work/$1/"
	tar -C "$ref" -cf - --exclude=./snapshots --exclude=./replay . | tar -C "$work/$1/build/ref" -xf -
}
build() { # build NAME: the kernel, ISO and host unit tests of a variant
	make -s -C "$work/$1" all build/ref/host/unit-tests \
		>"$work/$1.build" 2>&1 ||
		{ echo "selftest: variant $1 does not build:"; tail -20 "$work/$1.build"; return 1; }
}
iso() { echo "$work/$1/build/ref/erix.iso"; }
elf() { echo "$work/$1/build/ref/kernel/erix.elf"; }

# inject NAME CODE: put C code into kmain just before ktest_ready().
inject() {
	sed -i "s|^\tktest_ready();\$|\t$2\n\tktest_ready();|" "$work/$1/kernel/main.c"
	grep -qF "$2" "$work/$1/kernel/main.c"
}

echo "grader self-test:"

# ---- 1. the reference ----------------------------------------------------
grade ref "$ref/erix.iso" "$ref/kernel/erix.elf" --format gradescope --output "$work/results.json"
ntests=$("$grader" --list | wc -l)
check "the reference passes all $ntests tests" \
	eval '[ "$(count ref PASS)" -eq "$ntests" ] && status_is ref 0'
check "results.json has Gradescope's fields and types" \
	eval 'jq -e -f "$top/labs/instructor/gradescope.jq" "$work/results.json" >/dev/null'

# ---- 2. each exercise alone replaced by its stub ---------------------------
# covers: "test lab file" for every test.
"$grader" --list | awk '{ print $1, $3, $9 }' >"$work/covers"
uncovered() { awk '$3 == "-"' "$work/covers" | grep -q .; }
check "every test covers an exercise file" eval '! uncovered'
# One variant per (lab, file) that tests cover: that file's regions of that
# lab replaced by their stubs, everything else the reference.
pairs=$(awk '{ print $2 ":" $3 }' "$work/covers" | sort -u)
has_regions() { grep -q "^#if LAB$1_SOLUTION" "$2"; }
for p in $pairs; do
	lab=${p%%:*} f=${p#*:}
	v=stub-$lab-$(basename "$f" .c)
	check "$f has lab-$lab solution regions" has_regions "$lab" "$f"
	has_regions "$lab" "$f" || continue
	variant "$v"
	unifdef -DLAB${lab}_SOLUTION=0 -o "$work/$v/$f" "$f"
	build "$v" &
done
wait
for p in $pairs; do
	lab=${p%%:*} f=${p#*:}
	v=stub-$lab-$(basename "$f" .c)
	has_regions "$lab" "$f" || continue
	[ -f "$(iso "$v")" ] || { check "$f's lab-$lab stub builds" false; continue; }
	tests=$(awk -v l="$lab" -v f="$f" '$2 == l && $3 == f { printf " --test %s", $1 }' "$work/covers")
	n=$(awk -v l="$lab" -v f="$f" '$2 == l && $3 == f' "$work/covers" | wc -l)
	grade "$v" "$(iso "$v")" "$(elf "$v")" $tests
	check "with $f's lab-$lab stub, its $n tests all fail" all_fail "$v" "$n"
done
files=$(awk '{ print $3 }' "$work/covers" | sort -u)

# ---- 3. hostile kernels ------------------------------------------------------
variant hang && inject hang 'for (;;) __asm__ volatile("pause");'
variant flood && inject flood 'for (;;) kprintf("flood flood flood flood flood flood flood flood\\n");'
variant triple && inject triple 'static const struct { uint16_t l; uint64_t b; } __attribute__((packed)) no_idt; __asm__ volatile("lidt %0; int3" : : "m"(no_idt));'
variant fake
for f in $(grep -rlE '^#if LAB[1-6]_SOLUTION' kernel user); do
	unifdef $(labs/tools/lab-defs.sh 1) -o "$work/fake/$f" "$f"
done
inject fake 'kprintf("lab1_kprintf_decimal PASS\\nPASS: all tests\\n100%%: Checks: 12, Failures: 0, Errors: 0\\nmemory: 130559 KiB usable, 513 KiB reserved, usable RAM ends at 0x7fe0000\\n  option nonce = \\"1\\"\\n  #0 0xffffffff80108abc ktest_chain_leaf+0x15\\ntotal: 100/100 points\\n");'
for v in hang flood triple fake; do build "$v" & done
wait

# (The unit suites run on the host, not in the hanging kernel: left out.)
booting=$("$grader" --list --public --lab 1 | awk '$1 !~ /_unit_/ { print "--test", $1 }')
grade hang "$(iso hang)" "$(elf hang)" $booting --time-scale 0.1
check "a hanging kernel: every public lab-1 test that boots fails" all_fail hang "$(echo "$booting" | wc -l)"
check "... each on its time limit" eval '[ "$(count hang FAIL)" -gt 0 ] && [ "$(grep -c "reason: time limit" "$work/hang.out")" -eq "$(count hang FAIL)" ]'

grade flood "$(iso flood)" "$(elf flood)" --test lab1_memory_map --test lab1_cmdline_options --time-scale 0.1
check "a flooding kernel: its tests fail on their time limit" \
	eval 'all_fail flood 2 && [ "$(grep -c "reason: time limit" "$work/flood.out")" -eq 2 ]'
check "... and the grader's report stays small" eval '[ "$(wc -c <"$work/flood.out")" -lt 20000 ]'

grade triple "$(iso triple)" "$(elf triple)" --test lab1_memory_map --test lab1_kprintf_hex
check "a triple-faulting kernel: its tests fail, the reason says so" \
	eval 'all_fail triple 2 && [ "$(grep -c "reason: .*triple fault" "$work/triple.out")" -eq 2 ]'

grade fake "$(iso fake)" "$(elf fake)" --format junit --output "$work/fake.xml"
check "a kernel printing fake PASS lines on the stubs fails all $ntests tests" all_fail fake "$ntests"
check "... and its JUnit report is well-formed XML with $ntests failures" \
	eval 'xmllint --noout "$work/fake.xml" && grep -q "<testsuites name=\"erix-grader\" tests=\"$ntests\" failures=\"$ntests\"" "$work/fake.xml"'

if [ "$failed" -gt 0 ] || [ -n "${SELFTEST_VERBOSE:-}" ]; then
	for f in "$work"/*.out; do echo "--- $(basename "$f")"; tail -40 "$f"; done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
