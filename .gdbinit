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

# Until boot.S turns paging on, the kernel's higher-half addresses are not
# mapped and a software breakpoint cannot be written there: use a hardware
# breakpoint (hbreak) for the first stop. `boot-break kmain` does that.
define boot-break
  hbreak $arg0
end
document boot-break
Set a hardware breakpoint, which works before paging is on. Use it for the
first stop (e.g. boot-break kmain), then ordinary breakpoints.
end

echo EriX: try "hbreak kmain", "continue", "next", "print boot_info.mem_usable", "bt".\n
