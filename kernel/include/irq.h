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

#define IRQ_LINES 16       /* the two 8259 PICs' ISA lines */
#define IRQ_VECTOR_BASE 32 /* line n arrives as vector 32 + n */

/* irq_claimed[n]: line n has an IRQHandler object. */
extern bool irq_claimed[IRQ_LINES];

/* irq_count[n]: how often line n has arrived (read by the grader). */
extern uint64_t irq_count[IRQ_LINES];

/* irq_release: line irq's handler object is gone. */
void irq_release(uint64_t irq);

/* irq_arrived: line n raised an interrupt: count it, mask the line again
 * (nothing delivers interrupts before lab 4: a thread that unmasked a
 * line with its IRQHandler's Ack must not flood the kernel), acknowledge
 * it. */
void irq_arrived(uint64_t n);

#endif /* KERNEL_IRQ_H */
