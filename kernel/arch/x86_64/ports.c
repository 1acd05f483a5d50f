/*
 * ports.c: x86 port I/O for generic code (see arch.h): what an IOPort
 * capability's In and Out do, once ioport.c has checked them.
 */
#include "arch.h"
#include "cpu.h"

uint32_t arch_port_in(uint16_t port, unsigned width)
{
	return width == 1 ? inb(port) : width == 2 ? inw(port) : inl(port);
}

void arch_port_out(uint16_t port, unsigned width, uint32_t value)
{
	if (width == 1)
		outb(port, (uint8_t)value);
	else if (width == 2)
		outw(port, (uint16_t)value);
	else
		outl(port, value);
}
