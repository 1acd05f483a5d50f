#!/bin/bash
# autograder.sh: what it takes to grade lab N on Gradescope and on GitHub
# Classroom.
#
# usage: labs/instructor/autograder.sh N OUT
#
# Writes
#   OUT/gradescope-labN.zip      Gradescope's autograder bundle: lab N's
#       grading kit (grading-kit.sh: the handout tree with every region a
#       stub, the editable-file list, the hidden tests' sources, the
#       grading scripts; no solution code), setup.sh (installs the Debian
#       packages, bubblewrap included, and builds the grader) and
#       run_autograder (grades /autograder/submission with
#       grade-submission: the student's build and every QEMU run in the
#       sandbox as a throwaway uid; the grader, the hidden tests and
#       /autograder/results out of their reach; hidden tests visible after
#       the due date; an instructors-only review entry).
#   OUT/github-classroom/.github/classroom/autograding.json
#       GitHub Classroom's autograding config: one entry per public test of
#       labs 1..N, run with `make grade TEST=name` in the student's repo.
#       Advisory only: it runs in the student's repository, with the
#       student's build rules and grader (labs/README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lab=${1:?usage: autograder.sh N OUT}
out=${2:?usage: autograder.sh N OUT}
case "$lab" in [1-6]) ;; *) echo "autograder: LAB must be 1..6" >&2; exit 2 ;; esac
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$tmp/bundle

"$here/grading-kit.sh" "$lab" "$src"
mv "$src/grader" "$tmp/grader" # setup.sh builds it on Gradescope's image

cat >"$src/setup.sh" <<'SH'
#!/bin/bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
cd /autograder/source
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q make
base/labs/tools/deps.sh
bin/grading-kit.sh --grader /autograder/source
bin/sandbox --check
SH
cat >"$src/run_autograder" <<SH
#!/bin/bash
# Gradescope runs this for every submission, as root: grade-submission
# builds and runs the submission in the sandbox, as a throwaway uid.
root=\${AUTOGRADER:-/autograder}
mkdir -p "\$root/results"
exec "\$root/source/bin/grade-submission" --lab $lab --kit "\$root/source" \\
	--out "\$root/results/results.json" "\$root/submission"
SH
chmod +x "$src/setup.sh" "$src/run_autograder"
rm -f "$out/gradescope-lab$lab.zip"
(cd "$src" && zip -qr "$out/gradescope-lab$lab.zip" .)

# GitHub Classroom: the public tests of labs 1..N.
# Advisory: students control that repository, its build rules and its
# grader; marks come from Gradescope or grade-submission.
grader=$tmp/grader
labs=()
for k in $(seq 1 "$lab"); do labs+=(--lab "$k"); done
mkdir -p "$out/github-classroom/.github/classroom"
"$grader" --list --public "${labs[@]}" | awk '{ print $1, $4, $7 }' |
	jq -R -s '{ tests: [ split("\n")[] | select(length > 0) | split(" ") |
		{ name: .[0], setup: "sudo labs/tools/deps.sh",
		  run: ("make grade TEST=" + .[0]), input: "", output: "",
		  comparison: "included",
		  timeout: ((.[2] | tonumber) / 60 | ceil + 5), points: (.[1] | tonumber) } ] }' \
	>"$out/github-classroom/.github/classroom/autograding.json"

echo "autograder: $out/gradescope-lab$lab.zip"
echo "autograder: $out/github-classroom/.github/classroom/autograding.json ($(jq '.tests | length' "$out/github-classroom/.github/classroom/autograding.json") public tests;
	advisory only: students control that repository, so use the bundle or grade-submission for marks)"
