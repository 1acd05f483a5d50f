#!/bin/bash
# bench-servers.sh: lab 5's figures for make bench (printed, never
# asserted): the wall time from QEMU's start to "init: all servers up"
# (software emulation, GRUB included), and under -icount the instructions
# of a 4 KiB read through the file server and of spawning and reaping a
# process (the lab-5 test program's lab5_bench).
#
# usage: labs/tools/bench-servers.sh ISO OUTDIR
set -u
iso=${1:?usage: bench-servers.sh ISO OUTDIR} out=${2:?usage: bench-servers.sh ISO OUTDIR}
here=$(dirname "$0")

# run NAME LINE [qemu.sh options]: boot with test=lab5_bench in the
# background, wait (at most 120 s) for LINE on the serial port, stop QEMU;
# prints the seconds from the start to LINE, or nothing if it never came.
run() {
	local log=$out/$1.log line=$2
	shift 2
	rm -f "$log"
	local start
	start=$(date +%s.%N)
	setsid "$here/qemu.sh" --quiet --timeout 150 --args "test=lab5_bench" --serial "$log" "$@" \
		"$iso" >/dev/null 2>&1 &
	local pid=$! seen=""
	for _ in $(seq 1 1200); do
		if grep -aq -- "$line" "$log" 2>/dev/null; then
			seen=$(date +%s.%N)
			break
		fi
		sleep 0.1
	done
	kill -- -"$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -n "$seen" ] && awk -v a="$start" -v b="$seen" 'BEGIN { printf "%.1f\n", b - a }'
}

t=$(run bench-servers-boot "init: all servers up")
if [ -z "$t" ]; then
	echo "bench: the servers did not come up (see $out/bench-servers-boot.log)"
	exit 1
fi
echo "servers: boot to \"init: all servers up\": $t s wall from QEMU's start (software emulation, GRUB included)"
if [ -z "$(run bench-servers "lab5: lab5_bench done" --icount)" ]; then
	echo "bench: lab5_bench did not finish (see $out/bench-servers.log)"
	exit 1
fi
tr -d '\r' <"$out/bench-servers.log" | sed -n 's/^bench: /servers: /p'
