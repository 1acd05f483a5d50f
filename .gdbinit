# .gdbinit: GDB set-up for EriX. `make gdb` runs `gdb -nx -x .gdbinit`
# with ERIX_KERNEL (the kernel's ELF) and ERIX_GDBPORT set; without them
# this file uses the reference build and the same per-user port as make.

# QEMU's stub speaks x86-64 from reset on, even in 16/32-bit modes.
set architecture i386:x86-64
set disassembly-flavor att
set pagination off
set confirm off

python
import os
kernel = os.environ.get("ERIX_KERNEL", "build/ref/kernel/erix.elf")
port = os.environ.get("ERIX_GDBPORT", str(os.getuid() % 5000 + 25000))
print("EriX: symbols from %s, QEMU at 127.0.0.1:%s" % (kernel, port))
gdb.execute("file " + kernel)
gdb.execute("target remote 127.0.0.1:" + port)
end

# Under QEMU's software emulation (TCG) QEMU keeps breakpoints itself, so
# `break kmain` works even before boot.S has mapped the higher half. On KVM
# or real hardware use a hardware breakpoint (hbreak) for that first stop.

echo EriX: try "break kmain", "continue", "next", "print boot_info.mem_usable", "bt".\n
