/*
 * irq.c: IRQControl and IRQHandler capabilities (see irq.h).
 */
#include "irq.h"
#include "ipc.h"
#include "cdt.h"
#include "arch.h"
#include "cspace.h"
#include "invocation.h"
#include "kprintf.h"
#include "tcb.h"
#include <erix/errors.h>
#include <erix/invocation.h>

bool irq_claimed[IRQ_LINES];
uint64_t irq_count[IRQ_LINES];
struct irq_binding irq_bound[IRQ_LINES];
static bool irq_unmasked[IRQ_LINES];

void irq_release(uint64_t irq)
{
	if (irq < IRQ_LINES) {
		irq_claimed[irq] = false;
		irq_bound[irq] = (struct irq_binding){ 0 };
		irq_unmasked[irq] = false;
		pic_mask((unsigned)irq, true);
	}
}

void irq_forget_notification(const struct notification *n)
{
	for (unsigned i = 0; i < IRQ_LINES; i++)
		if (irq_bound[i].n == n)
			irq_bound[i] = (struct irq_binding){ 0 };
}

bool irq_can_wake(void)
{
	for (unsigned i = 0; i < IRQ_LINES; i++) {
		const struct notification *n = irq_bound[i].n;
		if (n && irq_unmasked[i] &&
		    (n->queue.head || (n->bound && n->bound->state == TCB_BLOCKED_RECV)))
			return true;
	}
	return false;
}

void irq_arrived(uint64_t n)
{
	irq_count[n]++;
	pic_mask((unsigned)n, true);
	irq_unmasked[n] = false;
	pic_eoi((unsigned)n);
	if (irq_bound[n].n)
		notification_signal(irq_bound[n].n, irq_bound[n].badge);
	else
		kprintf("irq: line %lu arrived (no notification bound to it); masked until "
			"its Ack\n", (unsigned long)n);
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
						.rights = ERIX_RIGHTS_ALL, .irq = irq });
	return 0;
}

/* ERIX_IRQ_HANDLER_ACK: unmask the handler's line -> its arrivals.
 * ERIX_IRQ_HANDLER_SET_NOTIFICATION: mr0 a Notification (WRITE), or 0. */
int decode_irq_handler_invocation(struct tcb *t, struct cte *c, const struct invocation *inv,
				  uint64_t *out)
{
	uint64_t irq = c->cap.irq;
	struct cte *n;
	int err;
	switch (inv->label) {
	case ERIX_IRQ_HANDLER_ACK:
		irq_unmasked[irq] = true;
		pic_mask((unsigned)irq, false);
		*out = irq_count[irq];
		return 0;
	case ERIX_IRQ_HANDLER_SET_NOTIFICATION:
		if (!inv->mr[0]) {
			irq_bound[irq] = (struct irq_binding){ 0 };
			return 0;
		}
		if ((err = cspace_lookup_cap(t, inv->mr[0], ERIX_OBJ_NOTIFICATION, ERIX_RIGHT_WRITE,
					     &n)))
			return err;
		irq_bound[irq] = (struct irq_binding){ (struct notification *)n->cap.obj,
						       n->cap.badge };
		return 0;
	default:
		return -ERR_BAD_LABEL;
	}
}
