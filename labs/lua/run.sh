#!/bin/bash
# run.sh: make lua-test: Lua 5.4, an unmodified third-party C program
# built against EriX's libc, runs the scripts labs/lua/tests/*.lua inside
# EriX, and each one's output must be byte for byte the host's lua5.4's.
#
# usage: labs/lua/run.sh [options] [NAME ...]   (NAME: a script, e.g. strings)
#   --src-dir DIR    where fetch.sh puts Lua's source (default build/ref/lua-src)
#   --build-dir DIR  the test's own build directory (default build/ref/lua-test):
#                    the system built again there, its boot image with
#                    bin/lua, bin/tsc and the scripts as lua/NAME.lua
#   --icount         boot under QEMU's -icount and print the instructions
#                    each script took (slower; figures, never asserted)
#   --verbose        show the build's commands and the whole serial log
#   --make-var V=X   pass V=X to the build's make (make lua-test passes
#                    STAGE=N when given one)
#
# Steps: fetch the source (labs/lua/fetch.sh; kept once there), build
# (make O=BUILD-DIR IMAGE_EXTRA=... : user/Makefrag's hook, labs/lua/
# Makefrag's rules), boot EriX once, and type at its shell, for each
# script:
#     echo @@ST''ART NAME; lua lua/NAME.lua; echo @@E''ND NAME $?
# (the quotes keep the echo of the typed line from looking like the
# markers). What the console prints between the markers is the script's
# output (stdout and stderr: the console is both), its CR LF line ends
# made LF. The host runs the same file as lua/NAME.lua from a directory
# of its own, with an empty environment but TZ=UTC (EriX keeps UTC) and
# LC_ALL=C, stdout only (it must exit 0). The same relative path gives
# both the same chunk name, so error positions and tracebacks print
# alike. A script passes when EriX's lua exited 0 and the two outputs are
# the same bytes.
#
# Prints a PASS or FAIL line per script (with a diff on failure) and
# "lua-test: N passed, N failed"; exits 1 if any failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

src=$top/build/ref/lua-src build=$top/build/ref/lua-test icount="" verbose=""
names=() make_vars=()
while [ $# -gt 0 ]; do
	case "$1" in
	--src-dir) src=$2; shift 2 ;;
	--build-dir) build=$2; shift 2 ;;
	--icount) icount=1; shift ;;
	--verbose) verbose=1; shift ;;
	--make-var) make_vars+=("$2"); shift 2 ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) names+=("${1%.lua}"); shift ;;
	esac
done
if [ ${#names[@]} -eq 0 ]; then
	for f in "$here"/tests/*.lua; do names+=("$(basename "$f" .lua)"); done
fi
for n in "${names[@]}"; do
	[ -f "$here/tests/$n.lua" ] || { echo "run.sh: no script labs/lua/tests/$n.lua" >&2; exit 2; }
done
mkdir -p "$build" || exit 1
build=$(cd "$build" && pwd)

command -v lua5.4 >/dev/null 2>&1 ||
	{ echo "lua-test: the host's lua5.4 is missing: sudo apt-get install -y lua5.4 (or labs/tools/deps.sh lua)" >&2; exit 1; }

# ---- fetch and build ------------------------------------------------------
"$here/fetch.sh" "$src" || exit 1
src=$(cd "$src" && pwd)

extra="bin/lua=$build/lua/lua bin/tsc=$build/lua/tsc"
for f in "$here"/tests/*.lua; do extra="$extra lua/$(basename "$f")=$f"; done
echo "lua-test: building EriX with bin/lua in $build"
make -C "$top" --no-print-directory "${make_vars[@]}" O="$build" LUA_SRC="$src/lua5.4" \
	IMAGE_EXTRA="$extra" V="${verbose:-0}" "$build/erix.iso" >"$build/build.log" 2>&1
st=$?
[ -n "$verbose" ] && cat "$build/build.log"
if [ $st -ne 0 ]; then
	tail -30 "$build/build.log"
	echo "lua-test: the build failed (the whole log: $build/build.log)"
	exit 1
fi

# ---- the host's outputs ---------------------------------------------------
host=$build/host
rm -rf "$host" && mkdir -p "$host/lua" "$build/out"
cp "$here"/tests/*.lua "$host/lua/"
for n in "${names[@]}"; do
	(cd "$host" && env -i TZ=UTC LC_ALL=C PATH=/usr/bin:/bin lua5.4 "lua/$n.lua") \
		>"$build/out/$n.host" 2>"$build/out/$n.host-stderr"
	echo $? >"$build/out/$n.host-status"
done

# ---- EriX ----------------------------------------------------------------
tmp=$build/vm
rm -rf "$tmp" && mkdir -p "$tmp" && mkfifo "$tmp/serial.in" "$tmp/serial.out" || exit 1
log=$tmp/serial.log
: >"$log"
# Opened read-write, the FIFOs never block an open and never end.
exec {to_vm}<>"$tmp/serial.in" {from_vm}<>"$tmp/serial.out"
cat <&$from_vm >"$log" &
cat_pid=$!
timeout=$([ -n "$icount" ] && echo 3600 || echo 1200)
setsid "$top/labs/tools/qemu.sh" --quiet --timeout "$timeout" --workdir "$tmp" \
	--serial-pipe "$tmp/serial" ${icount:+--icount} "$build/erix.iso" >"$tmp/qemu.log" 2>&1 &
qemu_pid=$!
cleanup() {
	kill -- -"$qemu_pid" 2>/dev/null
	kill "$cat_pid" 2>/dev/null
	wait "$qemu_pid" "$cat_pid" 2>/dev/null
}
trap cleanup EXIT

# seen PATTERN: whether the serial log (CRs taken out) has a line
# matching the extended regular expression PATTERN.
seen() { tr -d '\r' <"$log" | grep -aqE -- "$1"; }

# wait_for PATTERN SECONDS: waits until seen PATTERN; 1 if the time ran
# out or QEMU ended first.
wait_for() {
	local end=$((SECONDS + $2))
	while ! seen "$1"; do
		if [ $SECONDS -ge $end ] || ! kill -0 "$qemu_pid" 2>/dev/null; then
			return 1
		fi
		sleep 0.2
	done
}

# script_output NAME: what the console printed between NAME's markers.
script_output() {
	tr -d '\r' <"$log" | awk -v start="@@START $1" -v end="@@END $1 " '
		$0 == start { on = 1; next }
		on && (i = index($0, end)) { printf "%s", substr($0, 1, i - 1); exit }
		on { print }'
}

# script_status NAME: the exit status the END marker reported.
script_status() {
	tr -d '\r' <"$log" | sed -n "s/.*@@END $1 \([0-9]*\)\$/\1/p" | head -1
}

# tsc_around NAME: the two tsc readings around NAME's command line.
tsc_around() {
	tr -d '\r' <"$log" | awk -v start="@@START $1" -v end="@@END $1 " '
		/^@@TSC / { last = $2; if (after) { print before, $2; exit } }
		$0 == start { before = last }
		index($0, end) { after = 1 }'
}

# type_line LINE: types LINE and Enter at the shell.
type_line() { printf '%s\r' "$1" >&$to_vm; }

booted=1
if ! wait_for '^init: all servers up' 120 || ! wait_for '^\$ ' 60; then
	booted=""
fi

# The line for a script; with --icount, between two tsc readings.
command_for() {
	local cmd="echo @@ST''ART $1; $2; echo @@E''ND $1 \$?"
	[ -n "$icount" ] && cmd="tsc; $cmd; tsc"
	echo "$cmd"
}

# instructions NAME: with --icount, the instructions between the two
# tsc readings around NAME's line (waiting a little for the second);
# nothing if they did not both come.
instructions() {
	local a="" b="" i
	for i in $(seq 1 50); do
		read -r a b < <(tsc_around "$1")
		[ -n "$b" ] && { echo $((b - a)); return; }
		sleep 0.2
	done
}

baseline=0
if [ -n "$booted" ] && [ -n "$icount" ]; then
	# What the line costs without lua: the shell, two echos, two tscs.
	type_line "$(command_for base true)"
	wait_for '@@END base [0-9]+$' 600 && baseline=$(instructions base)
	baseline=${baseline:-0}
fi

pass=0 fail=0 total=0
per_script=$([ -n "$icount" ] && echo 1800 || echo 300)
for n in "${names[@]}"; do
	got=$build/out/$n.erix
	if [ -z "$booted" ]; then
		echo "FAIL $n: EriX did not reach its shell (serial log: $log)"
		fail=$((fail + 1))
		continue
	fi
	type_line "$(command_for "$n" "lua lua/$n.lua")"
	if ! wait_for "@@END $n [0-9]+\$" "$per_script"; then
		script_output "$n" >"$got"
		echo "FAIL $n: no end marker within ${per_script}s (EriX hung or ended; serial log: $log)"
		fail=$((fail + 1))
		booted="" # the state of the machine is unknown: no more scripts
		continue
	fi
	count=""
	if [ -n "$icount" ]; then
		count=$(instructions "$n")
		if [ -n "$count" ]; then
			count=$((count - baseline))
			total=$((total + count))
			count=" ($count instructions)"
		fi
	fi
	script_output "$n" >"$got"
	status=$(script_status "$n")
	hstatus=$(cat "$build/out/$n.host-status")
	if [ "$hstatus" != 0 ]; then
		echo "FAIL $n: the host's lua5.4 exited with $hstatus:"
		sed 's/^/    /' "$build/out/$n.host-stderr"
		fail=$((fail + 1))
	elif [ "$status" != 0 ]; then
		echo "FAIL $n: lua in EriX exited with $status$count; the end of its output:"
		tail -5 "$got" | sed 's/^/    /'
		fail=$((fail + 1))
	elif cmp -s "$build/out/$n.host" "$got"; then
		echo "PASS $n: $(wc -l <"$got") lines, $(wc -c <"$got") bytes, byte-identical$count"
		pass=$((pass + 1))
	else
		echo "FAIL $n: output differs from the host's lua5.4$count (--- host, +++ EriX):"
		diff -u --label host --label EriX "$build/out/$n.host" "$got" | head -40 | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
[ -n "$verbose" ] && tr -d '\r' <"$log"
if [ -n "$icount" ]; then
	echo "lua-test: $total instructions in all (QEMU -icount: for each script, its line at the shell less the same line with true instead of lua, $baseline)"
fi
echo "lua-test: outputs in $build/out (NAME.host, NAME.erix), serial log $log"
echo "lua-test: $pass passed, $fail failed"
[ $fail -eq 0 ]
