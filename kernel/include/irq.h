/*
 * irq.h: interrupt lines as capabilities (irq.c).
 *
 * The root task's IRQControl capability makes one IRQHandler capability
 * per line it claims (ERIX_IRQ_CONTROL_GET); a line has at most one
 * handler object at a time. Delivering interrupts to user space comes in
 * lab 4 (a handler is bound to a notification); lab 3 keeps every line
 * masked.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "types.h"

#define IRQ_LINES 16 /* the two 8259 PICs' ISA lines */

/* irq_claimed[n]: line n has an IRQHandler object. */
extern bool irq_claimed[IRQ_LINES];

/* irq_release: line irq's handler object is gone. */
void irq_release(uint64_t irq);

/* pic_mask_all: mask every line of both PICs (nothing is delivered yet). */
void pic_mask_all(void);

#endif /* KERNEL_IRQ_H */
