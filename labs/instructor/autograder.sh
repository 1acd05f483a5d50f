#!/bin/bash
# autograder.sh: what it takes to grade lab N on Gradescope and on GitHub
# Classroom.
#
# usage: labs/instructor/autograder.sh N OUT
#
# Writes
#   OUT/gradescope-labN.zip      Gradescope's autograder bundle: setup.sh
#       (installs the Debian packages), run_autograder (grades
#       /autograder/submission with grade-submission, public and hidden
#       tests, hidden ones visible after the due date, into
#       /autograder/results/results.json) and the instructor's protected
#       files (the grader with its hidden tests, build rules, tools): no
#       solution code.
#   OUT/github-classroom/.github/classroom/autograding.json
#       GitHub Classroom's autograding config: one entry per public test of
#       labs 1..N, run with `make grade TEST=name` in the student's repo.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
lab=${1:?usage: autograder.sh N OUT}
out=${2:?usage: autograder.sh N OUT}
case "$lab" in [1-6]) ;; *) echo "autograder: LAB must be 1..6" >&2; exit 2 ;; esac
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$tmp/bundle

# The protected files, as grade-submission restores them.
mkdir -p "$src"
while IFS= read -r p; do
	case "$p" in '' | '#'*) continue ;; esac
	p=${p%/}
	[ -e "$top/$p" ] || continue
	mkdir -p "$src/$(dirname "$p")"
	cp -a "$top/$p" "$src/$p"
done <"$here/protected.txt"
rm -rf "$src/build"

cat >"$src/setup.sh" <<'SH'
#!/bin/bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
cd /autograder/source
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q make
labs/tools/deps.sh
SH
cat >"$src/run_autograder" <<SH
#!/bin/bash
# Gradescope runs this for every submission.
root=\${AUTOGRADER:-/autograder}
mkdir -p "\$root/results"
cd "\$root/source"
exec labs/instructor/grade-submission --lab $lab --out "\$root/results/results.json" "\$root/submission"
SH
chmod +x "$src/setup.sh" "$src/run_autograder"
rm -f "$out/gradescope-lab$lab.zip"
(cd "$src" && zip -qr "$out/gradescope-lab$lab.zip" .)

# GitHub Classroom: the public tests of labs 1..N.
grader=$tmp/gbuild/ref/grader/grader
make -s -C "$top" BUILD="$tmp/gbuild" "$grader" >/dev/null
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
echo "autograder: $out/github-classroom/.github/classroom/autograding.json ($(jq '.tests | length' "$out/github-classroom/.github/classroom/autograding.json") public tests)"
