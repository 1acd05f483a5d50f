#!/bin/bash
# bench-grading.sh: what grading a submission costs, with the sandbox and
# without it, and for a batch. Figures only, never asserted.
#
# usage: labs/instructor/bench-grading.sh [LAB [BATCH]]   (make bench-grading)
#
# For lab LAB (default 1), with the reference code as the submission:
#   - unboxed: the kit's handout tree with the editable files copied in,
#     built with make and graded by the kit's grader, both on the host (what
#     grading cost before the sandbox);
#   - boxed: grade-submission on the same archive (listing, unpacking,
#     review, the build in the sandbox, every QEMU in the sandbox);
#   - a batch of BATCH (default 20) copies with grade-submission --batch -j 2.
set -euo pipefail
[ -d labs/instructor ] || { echo "bench-grading: run from the top of the master tree" >&2; exit 2; }
lab=${1:-1}
batch=${2:-20}
tools=$PWD/labs/instructor
work=$(mktemp -d "${TMPDIR:-/tmp}/erix-bench-grading.XXXXXX")
trap 'rm -rf "$work"' EXIT
seconds() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

"$tools/grading-kit.sh" "$lab" "$work/kit" >/dev/null
defs=()
for k in 1 2 3 4 5 6; do [ "$k" -le "$lab" ] && defs+=("-DLAB${k}_SOLUTION=1"); done
"$tools/handout.sh" --solved none "$lab" "$work/sub" >/dev/null
while IFS= read -r f; do
	[ -f "$f" ] && unifdef "${defs[@]}" -o "$work/sub/$f" "$f" || [ $? -eq 1 ]
done <"$work/kit/editable.txt"
tar -czf "$work/sub.tar.gz" -C "$work/sub" --transform 's|^\./|submission/|' .

# Unboxed: the same tree, built and graded on the host.
cp -a "$work/kit/base" "$work/tree"
while IFS= read -r f; do [ -f "$work/sub/$f" ] && cp "$work/sub/$f" "$work/tree/$f"; done <"$work/kit/editable.txt"
labs=()
for k in $(seq 1 "$lab"); do labs+=(--lab "$k"); done
s=$(date +%s.%N)
make -s -C "$work/tree" all build/ref/host/unit-tests >/dev/null 2>&1
build=$(seconds "$s")
"$work/kit/grader" --iso "$work/tree/build/ref/erix.iso" --kernel "$work/tree/build/ref/kernel/erix.elf" \
	--unit "$work/tree/build/ref/host/unit-tests" \
	--qemu-sh "$work/tree/labs/tools/qemu.sh" "${labs[@]}" >"$work/unboxed.out" 2>&1 || true
unboxed=$(seconds "$s")
points=$(grep -oE '^total: [0-9]+/[0-9]+' "$work/unboxed.out" | cut -d' ' -f2)

s=$(date +%s.%N)
"$tools/grade-submission" --lab "$lab" --kit "$work/kit" --out "$work/boxed.json" "$work/sub.tar.gz" >"$work/boxed.out" 2>&1
boxed=$(seconds "$s")

mkdir "$work/batch"
for i in $(seq 1 "$batch"); do cp "$work/sub.tar.gz" "$work/batch/s$i.tar.gz"; done
s=$(date +%s.%N)
"$tools/grade-submission" --lab "$lab" --kit "$work/kit" --batch "$work/batch" --out-dir "$work/results" -j 2 >"$work/batch.out" 2>&1
whole=$(seconds "$s")
scored=$(jq -s '[.[].score] | unique | map(tostring) | join(",")' "$work"/results/*.json)

echo "grading lab $lab, the reference as the submission ($points points unboxed, $(jq .score "$work/boxed.json") boxed):"
echo "  unboxed (build $build s on the host, then grade): $unboxed s"
echo "  boxed (grade-submission: unpack, review, sandboxed build and QEMU): $boxed s"
echo "  a batch of $batch submissions, -j 2: $whole s ($(awk -v w="$whole" -v n="$batch" 'BEGIN { printf "%.1f", w / n }') s each; scores $scored)"
