#!/bin/bash
# bench-posix.sh: lab 6's figures for make bench (printed, never
# asserted): the wall time from QEMU's start to the shell's first prompt
# (software emulation, GRUB included), and under -icount the instructions
# of fork + execve + waitpid of a small program and of `cat FILE | wc`
# over 1 MiB (the test program tests/bench6, typed at the shell).
#
# usage: labs/tools/bench-posix.sh ISO OUTDIR
set -u
iso=${1:?usage: bench-posix.sh ISO OUTDIR} out=${2:?usage: bench-posix.sh ISO OUTDIR}
here=$(dirname "$0")

# boot NAME [qemu.sh options]: QEMU in the background with its serial port
# on the FIFOs $out/NAME.{in,out}, copied into $out/NAME.log; sets
# qemu_pid, cat_pid, to_vm (the fd typed lines go to) and log.
boot() {
	local base=$out/$1
	shift
	rm -f "$base.in" "$base.out" && mkfifo "$base.in" "$base.out" || exit 1
	log=$base.log
	: >"$log"
	exec {to_vm}<>"$base.in" {from_vm}<>"$base.out"
	cat <&$from_vm >"$log" &
	cat_pid=$!
	start=$(date +%s.%N)
	setsid "$here/qemu.sh" --quiet --timeout 300 --serial-pipe "$base" "$@" "$iso" \
		>/dev/null 2>&1 &
	qemu_pid=$!
}
stop() {
	kill -- -"$qemu_pid" 2>/dev/null
	kill "$cat_pid" 2>/dev/null
	wait "$qemu_pid" "$cat_pid" 2>/dev/null
	exec {to_vm}>&- {from_vm}<&-
}
# wait_for PATTERN SECONDS: until the log (CRs out) has a line matching
# the extended regular expression; 1 if the time ran out.
wait_for() {
	local end=$((SECONDS + $2))
	until tr -d '\r' <"$log" | grep -aqE -- "$1"; do
		[ $SECONDS -ge $end ] && return 1
		kill -0 "$qemu_pid" 2>/dev/null || return 1
		sleep 0.05
	done
}

boot bench-posix-boot
if ! wait_for '^\$ ' 120; then
	stop
	echo "bench: no shell prompt (see $log)"
	exit 1
fi
t=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f\n", b - a }')
stop
echo "posix: boot to the shell's prompt: $t s wall from QEMU's start (software emulation, GRUB included; target 0.6 s)"

boot bench-posix --icount
if ! wait_for '^\$ ' 300; then
	stop
	echo "bench: no shell prompt under -icount (see $log)"
	exit 1
fi
printf '/tests/bench6\r' >&$to_vm
if ! wait_for '^bench: cat FILE' 600; then
	stop
	echo "bench: tests/bench6 did not finish (see $log)"
	exit 1
fi
stop
tr -d '\r' <"$log" | sed -n 's/^bench: /posix: /p'
