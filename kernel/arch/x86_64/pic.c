/*
 * pic.c: the two 8259 interrupt controllers (see arch.h): master (lines
 * 0..7) and slave (8..15, on master line 2). The kernel owns their ports
 * (ERIX_KERNEL_PORTS): no IOPort capability reaches them.
 */
#include "arch.h"
#include "cpu.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI 0x20

void pic_init(uint8_t vector_base)
{
	outb(PIC1_CMD, 0x11); /* ICW1: initialise, ICW4 follows */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, vector_base); /* ICW2: the vectors */
	outb(PIC2_DATA, (uint8_t)(vector_base + 8));
	outb(PIC1_DATA, 0x04); /* ICW3: the slave is on line 2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xff); /* every line masked */
	outb(PIC2_DATA, 0xff);
}

void pic_mask(unsigned line, bool masked)
{
	uint16_t port = line < 8 ? PIC1_DATA : PIC2_DATA;
	uint8_t bit = (uint8_t)(1u << (line % 8));
	uint8_t m = inb(port);
	outb(port, masked ? (uint8_t)(m | bit) : (uint8_t)(m & ~bit));
}

void pic_eoi(unsigned line)
{
	if (line >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}
