#!/bin/bash
# check-stages.sh: every existing stage builds, boots, and grades as it must.
#
# usage: labs/instructor/check-stages.sh GRADER [BUILD]   (BUILD: make's, default build)
#
# A stage exists for every lab with solution regions in the tree. For stage
# N (make STAGE=N: labs before N solved, lab N and later stubbed) every
# test, public and hidden, of the labs before N must pass, and every test of
# lab N must fail: a lab-N test that passes on the stubs asserts nothing,
# and is reported by name as non-discriminating.
set -u
grader=$(realpath "${1:?usage: check-stages.sh GRADER [BUILD]}")
build=${2:-build}
stages=$(grep -rhoE '^#if LAB[1-6]_SOLUTION' kernel user grader 2>/dev/null |
	grep -oE '[1-6]' | sort -u)
passed=0 failed=0
echo "stage self-check (stages: $(echo $stages))"
for n in $stages; do
	out=$build/stage$n/check-stages.out
	if ! make -s BUILD="$build" STAGE="$n" all "$build/stage$n/host/unit-tests" \
		>"$build/stage$n.build.log" 2>&1; then
		echo "  FAIL  stage $n does not build:"; tail -20 "$build/stage$n.build.log"
		failed=$((failed + 1)); continue
	fi
	labs=()
	for k in $(seq 1 "$n"); do labs+=(--lab "$k"); done
	"$grader" --iso "$build/stage$n/erix.iso" --kernel "$build/stage$n/kernel/erix.elf" \
		--unit "$build/stage$n/host/unit-tests" "${labs[@]}" >"$out" 2>&1
	bad=0
	while read -r lab name rest; do
		case "$rest" in *PASS*) verdict=PASS ;; *FAIL*) verdict=FAIL ;; *) continue ;; esac
		if [ "$lab" -lt "$n" ] && [ "$verdict" = FAIL ]; then
			echo "  FAIL  stage $n: $name (lab $lab, solved in this stage) fails:"
			grep -A1 "^$lab  *$name " "$out" | sed -n 2p
			bad=1
		elif [ "$lab" -eq "$n" ] && [ "$verdict" = PASS ]; then
			echo "  FAIL  stage $n: $name passes on lab $n's stubs: non-discriminating"
			bad=1
		fi
	done < <(grep -E '^[0-9]+ +lab[0-9]_' "$out")
	ntests=$(grep -cE '^[0-9]+ +lab[0-9]_' "$out")
	if [ "$ntests" -eq 0 ]; then
		echo "  FAIL  stage $n: the grader ran no test"; bad=1
	fi
	if [ "$bad" -eq 0 ]; then
		echo "  PASS  stage $n builds, boots; its $ntests tests: earlier labs pass, lab $n's all fail"
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
