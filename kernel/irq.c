/*
 * irq.c: IRQControl and IRQHandler capabilities (see irq.h).
 */
#include "irq.h"
#include "cdt.h"
#include "cpu.h"
#include "cspace.h"
#include "invocation.h"
#include <erix/errors.h>
#include <erix/invocation.h>

bool irq_claimed[IRQ_LINES];

void irq_release(uint64_t irq)
{
	if (irq < IRQ_LINES)
		irq_claimed[irq] = false;
}

void pic_mask_all(void)
{
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
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
