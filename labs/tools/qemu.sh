#!/bin/bash
# qemu.sh: boot an EriX ISO in QEMU and report how the kernel ended.
#
# usage: qemu.sh [options] ISO
#   --args "A=B C"   kernel command line (via a tiny FAT disk; see grub.cfg)
#   --mem MIB        guest RAM (default 128)
#   --gdb PORT       start halted, GDB stub on 127.0.0.1:PORT
#   --gdb-socket P   start halted, GDB stub on the Unix socket P (the grader)
#   --serial FILE    serial output to FILE instead of the terminal
#   --serial-pipe B  the serial port on the FIFOs B.out (output) and B.in
#                    (input), which the caller makes (the grader types
#                    into B.in)
#   --cpu MODEL      QEMU CPU model (default qemu64,+smep,+smap; qemu32 has
#                    no long mode)
#   --timeout SEC    kill QEMU after SEC seconds (exit status 124)
#   --quiet          no closing line
#   --workdir DIR    keep scratch files (the arguments disk) in DIR
#   --incoming F     start from the machine state saved in F (a QEMU
#                    migration stream; the grader's boot snapshots) instead
#                    of the firmware: the same options as the boot that
#                    saved it, or QEMU refuses the state
#   --icount         count instructions: the guest's TSC advances one tick
#                    per instruction (-icount shift=0; slow: for make bench)
#   --exec           replace this script with QEMU: QEMU's own exit status,
#                    no closing line (the grader uses this)
#
# Exit status: 0 when the kernel powered off normally; 1 when it panicked;
# 2 when QEMU ended without the kernel's word (a triple fault under
# -no-reboot, or QEMU's own quit); 124 on timeout; QEMU's status otherwise.
set -u
here=$(cd "$(dirname "$0")" && pwd)
exit_h="$here/../../kernel/abi/erix/exit.h"

args="" mem=128 gdbport="" gdbsock="" serial="mon:stdio" cpu="" tmo="" quiet="" workdir="" exec="" icount="" incoming=""
while [ $# -gt 1 ]; do
	case "$1" in
	--args) args=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--gdb) gdbport=$2; shift 2 ;;
	--gdb-socket) gdbsock=$2; shift 2 ;;
	--serial) serial="file:$2"; shift 2 ;;
	--serial-pipe) serial="pipe:$2"; shift 2 ;;
	--cpu) cpu=$2; shift 2 ;;
	--timeout) tmo=$2; shift 2 ;;
	--quiet) quiet=1; shift ;;
	--workdir) workdir=$2; shift 2 ;;
	--exec) exec=1; quiet=1; shift ;;
	--icount) icount=1; shift ;;
	--incoming) incoming=$2; shift 2 ;;
	*) echo "qemu.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
iso=${1:?usage: qemu.sh [options] ISO}
[ -f "$iso" ] || { echo "qemu.sh: no ISO at $iso (run make first)" >&2; exit 2; }

# The debug-exit values and the statuses QEMU turns them into.
value() { sed -n "s/^#define $1 \\(0x[0-9a-fA-F]*\\).*/\\1/p" "$exit_h"; }
st_poweroff=$(( ($(value ERIX_EXIT_POWEROFF) << 1) | 1 ))
st_panic=$(( ($(value ERIX_EXIT_PANIC) << 1) | 1 ))

if [ -n "$workdir" ]; then
	tmp=$workdir
else
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/erix-qemu.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
fi

drives=()
if [ -n "$args" ]; then
	case "$args" in *'"'* | *'\'* | *'$'*)
		echo "qemu.sh: ARGS may not contain \", \\ or \$" >&2; exit 2 ;;
	esac
	printf 'set erix_args="%s"\n' "$args" >"$tmp/erix-args.cfg"
	mformat -i "$tmp/args.img" -C -f 1440 :: &&
		mcopy -i "$tmp/args.img" "$tmp/erix-args.cfg" ::/erix-args.cfg ||
		{ echo "qemu.sh: could not make the arguments disk (mtools)" >&2; exit 2; }
	drives=(-drive "file=$tmp/args.img,format=raw,if=ide,index=0,media=disk")
fi

cmd=(qemu-system-x86_64 -m "$mem" -display none -vga none -nic none -no-reboot
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
	-serial "$serial" -boot d
	-drive "file=$iso,format=raw,if=ide,index=2,media=cdrom,readonly=on"
	"${drives[@]}")
# The CPU: QEMU's default model with SMEP and SMAP (the kernel enables
# both: it never runs, nor touches by accident, a user page), unless
# --cpu names another.
cmd+=(-cpu "${cpu:-qemu64,+smep,+smap}")
[ -n "$icount" ] && cmd+=(-icount shift=0)
[ -n "$gdbport" ] && cmd+=(-S -gdb "tcp:127.0.0.1:$gdbport")
[ -n "$gdbsock" ] && cmd+=(-S -chardev "socket,id=gdb0,path=$gdbsock,server=on,wait=off"
	-gdb chardev:gdb0)
if [ -n "$incoming" ]; then
	# On descriptor 3, which QEMU inherits: no shell, no helper process.
	exec 3<"$incoming" || { echo "qemu.sh: cannot read $incoming" >&2; exit 2; }
	cmd+=(-incoming fd:3)
fi
[ -n "$tmo" ] && cmd=(timeout --foreground -k 2 "$tmo" "${cmd[@]}")

[ -n "$exec" ] && exec "${cmd[@]}"

if [ -n "$gdbport" ] && [ -z "$quiet" ]; then
	echo "*** QEMU is waiting for GDB on 127.0.0.1:$gdbport: run 'make gdb' in another terminal."
fi
"${cmd[@]}"
status=$?

say() { [ -n "$quiet" ] || echo "*** $*" >&2; }
case $status in
$st_poweroff) say "EriX powered off."; exit 0 ;;
$st_panic) say "EriX panicked (QEMU status $status)."; exit 1 ;;
0) say "QEMU ended without a status from the kernel: a triple fault (under -no-reboot) or QEMU's quit."; exit 2 ;;
124) say "QEMU killed after ${tmo}s: the kernel neither powered off nor panicked."; exit 124 ;;
*) say "QEMU failed (status $status)."; exit "$status" ;;
esac
