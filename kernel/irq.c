/*
 * irq.c: IRQControl and IRQHandler capabilities (see irq.h).
 */
#include "irq.h"
#include "cdt.h"
#include "cpu.h"
#include "cspace.h"
#include "invocation.h"
#include "kprintf.h"
#include <erix/errors.h>
#include <erix/invocation.h>

bool irq_claimed[IRQ_LINES];
uint64_t irq_count[IRQ_LINES];

/* The two 8259s: master (lines 0..7) and slave (8..15, on master line 2). */
#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI 0x20

void irq_release(uint64_t irq)
{
	if (irq < IRQ_LINES)
		irq_claimed[irq] = false;
}

void pic_init(void)
{
	outb(PIC1_CMD, 0x11); /* ICW1: initialise, ICW4 follows */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_VECTOR_BASE);     /* ICW2: the vectors */
	outb(PIC2_DATA, IRQ_VECTOR_BASE + 8);
	outb(PIC1_DATA, 0x04); /* ICW3: the slave is on line 2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xff); /* every line masked */
	outb(PIC2_DATA, 0xff);
}

/* pic_unmask: let line n through again. */
static void pic_unmask(uint64_t n)
{
	if (n < 8)
		outb(PIC1_DATA, inb(PIC1_DATA) & (uint8_t)~(1u << n));
	else
		outb(PIC2_DATA, inb(PIC2_DATA) & (uint8_t)~(1u << (n - 8)));
}

void irq_arrived(uint64_t n)
{
	irq_count[n]++;
	if (n < 8)
		outb(PIC1_DATA, inb(PIC1_DATA) | (uint8_t)(1u << n));
	else
		outb(PIC2_DATA, inb(PIC2_DATA) | (uint8_t)(1u << (n - 8)));
	if (n >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
	kprintf("irq: line %lu arrived and is masked again (interrupts are lab 4's)\n",
		(unsigned long)n);
}

/* ERIX_IRQ_CONTROL_GET: mr0 the line, mr1 dest, mr2 dest depth. */
int decode_irq_control_invocation(struct tcb *t, struct cte *c, const struct invocation *inv)
{
	if (inv->label != ERIX_IRQ_CONTROL_GET)
		return -ERR_BAD_LABEL;
	uint64_t irq = inv->mr[0];
	if (irq >= IRQ_LINES || irq == 2 || inv->mr[2] > 64) /* 2: the PICs' cascade */
		return -ERR_INVALID;
	struct cte *dest;
	int err = cspace_lookup_empty(t, inv->mr[1], (unsigned)inv->mr[2], &dest);
	if (err)
		return err;
	if (irq_claimed[irq])
		return -ERR_IN_USE;
	irq_claimed[irq] = true;
	cdt_insert_child(c, dest, (struct cap){ .type = ERIX_OBJ_IRQ_HANDLER,
						.rights = ERIX_RIGHTS_ALL, .obj = irq });
	return 0;
}

/* ERIX_IRQ_HANDLER_ACK: unmask the handler's line -> its arrivals. */
int decode_irq_handler_invocation(struct tcb *t, struct cte *c, const struct invocation *inv,
				  uint64_t *out)
{
	(void)t;
	if (inv->label != ERIX_IRQ_HANDLER_ACK)
		return -ERR_BAD_LABEL;
	pic_unmask(c->cap.obj);
	*out = irq_count[c->cap.obj];
	return 0;
}
