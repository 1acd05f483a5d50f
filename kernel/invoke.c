/*
 * invoke.c: ERIX_SYS_CALL: find the capability, hand it to its type.
 */
#include "invocation.h"
#include "cspace.h"
#include "tcb.h"
#include <erix/errors.h>
#include <erix/invocation.h>

int invoke(struct tcb *t, const struct invocation *inv, uint64_t *out)
{
	struct cte *c;
	int err = cspace_lookup_cap(t, inv->cptr, ERIX_OBJ_NULL, 0, &c);
	if (err)
		return err;
	if (inv->label == ERIX_CAP_IDENTIFY) {
		*out = ERIX_IDENTIFY_WORD(c->cap.type, c->cap.rights,
					  cap_has_badge(&c->cap) ? c->cap.badge : 0);
		return 0;
	}
	switch (c->cap.type) {
	case ERIX_OBJ_UNTYPED:
		return decode_untyped_invocation(t, c, inv);
	case ERIX_OBJ_CNODE:
		return decode_cnode_invocation(t, c, inv);
	case ERIX_OBJ_TCB:
		return decode_tcb_invocation(t, c, inv);
	case ERIX_OBJ_FRAME:
		return decode_frame_invocation(t, c, inv, out);
	case ERIX_OBJ_PAGE_TABLE:
		return decode_page_table_invocation(t, c, inv, out);
	case ERIX_OBJ_IRQ_CONTROL:
		return decode_irq_control_invocation(t, c, inv);
	case ERIX_OBJ_IRQ_HANDLER:
		return decode_irq_handler_invocation(t, c, inv, out);
	case ERIX_OBJ_IOPORT:
		return decode_ioport_invocation(t, c, inv, out);
	default: /* VSpace, Endpoint, Notification: lab 4 on */
		return -ERR_BAD_LABEL;
	}
}
