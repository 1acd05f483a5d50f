/*
 * irq.c: IRQControl and IRQHandler capabilities (see irq.h).
 */
#include "irq.h"
#include "cdt.h"
#include "arch.h"
#include "cspace.h"
#include "invocation.h"
#include "kprintf.h"
#include <erix/errors.h>
#include <erix/invocation.h>

bool irq_claimed[IRQ_LINES];
uint64_t irq_count[IRQ_LINES];

void irq_release(uint64_t irq)
{
	if (irq < IRQ_LINES)
		irq_claimed[irq] = false;
}

void irq_arrived(uint64_t n)
{
	irq_count[n]++;
	pic_mask((unsigned)n, true);
	pic_eoi((unsigned)n);
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
						.rights = ERIX_RIGHTS_ALL, .irq = irq });
	return 0;
}

/* ERIX_IRQ_HANDLER_ACK: unmask the handler's line -> its arrivals. */
int decode_irq_handler_invocation(struct tcb *t, struct cte *c, const struct invocation *inv,
				  uint64_t *out)
{
	(void)t;
	if (inv->label != ERIX_IRQ_HANDLER_ACK)
		return -ERR_BAD_LABEL;
	pic_mask((unsigned)c->cap.irq, false);
	*out = irq_count[c->cap.irq];
	return 0;
}
