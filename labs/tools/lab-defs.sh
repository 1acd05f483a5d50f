#!/bin/sh
# lab-defs.sh: the preprocessor switches of a stage, the one place they are
# built (the Makefile, handout.sh and the instructor self-checks call it).
#
# usage: lab-defs.sh STAGE
#
# Prints -DLABk_SOLUTION=1 for every lab k before STAGE (their reference
# code kept) and -DLABk_SOLUTION=0 for STAGE and after (their stubs), on
# one line. STAGE 1 is every stub; STAGE 7 (past the last lab) is the
# reference kit itself.
stage=${1:?usage: lab-defs.sh STAGE}
case $stage in [1-7]) ;; *) echo "lab-defs.sh: STAGE must be 1-7, not \"$stage\"" >&2; exit 2 ;; esac
defs=
for k in 1 2 3 4 5 6; do
	if [ "$k" -lt "$stage" ]; then v=1; else v=0; fi
	defs="$defs${defs:+ }-DLAB${k}_SOLUTION=$v"
done
echo "$defs"
