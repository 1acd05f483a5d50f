/*
 * power.c: ending the machine.
 */
#include "arch.h"
#include "cpu.h"
#include <erix/exit.h>

/* arch_power_off: report `code` on QEMU's isa-debug-exit port, which ends
 * QEMU with status (code << 1) | 1. Without that device the write is
 * ignored and the CPU halts with interrupts off, for good. */
void arch_power_off(uint8_t code)
{
	outb(ERIX_DEBUG_EXIT_PORT, code);
	for (;;) {
		cli();
		hlt();
	}
}
