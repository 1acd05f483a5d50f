/*
 * object.c: what every kernel object type has in common (see object.h).
 */
#include "object.h"
#include "cdt.h"
#include "ipc.h"
#include "irq.h"
#include "kstring.h"
#include "tcb.h"
#include "vspace.h"

unsigned object_bits(unsigned type, unsigned size_bits)
{
	return erix_object_bits(type, size_bits);
}

struct cap object_create(unsigned type, unsigned size_bits, uintptr_t addr)
{
	/* Zeroed, except an Untyped: what is made from it is zeroed then, and
	 * zeroing a big one here would be the longest thing the kernel does
	 * with interrupts off (64 MiB: a quarter of a second under QEMU). */
	if (type != ERIX_OBJ_UNTYPED)
		memset((void *)addr, 0, 1ull << object_bits(type, size_bits));
	struct cap cap = { .type = (uint8_t)type, .rights = ERIX_RIGHTS_ALL, .obj = addr };
	switch (type) {
	case ERIX_OBJ_UNTYPED:
		cap.bits = (uint8_t)size_bits;
		break;
	case ERIX_OBJ_CNODE:
		cap.bits = (uint8_t)size_bits;
		cap.guard_bits = (uint8_t)(ERIX_WORD_BITS - size_bits);
		cnode_header(&cap)->radix = size_bits; /* for cdt_reap */
		break;
	case ERIX_OBJ_TCB:
		tcb_init((struct tcb *)addr);
		break;
	case ERIX_OBJ_VSPACE:
		cap.asid = vspace_init(addr);
		break;
	default:
		break;
	}
	return cap;
}

void cap_release(struct cap *c)
{
	if (c->type == ERIX_OBJ_FRAME || c->type == ERIX_OBJ_PAGE_TABLE)
		vspace_unmap_cap(c);
}

void object_destroy(const struct cap *c)
{
	switch (c->type) {
	case ERIX_OBJ_CNODE:
		cdt_cnode_dying(cnode_header(c));
		break;
	case ERIX_OBJ_TCB:
		tcb_destroy((struct tcb *)c->obj);
		break;
	case ERIX_OBJ_ENDPOINT:
		endpoint_destroy((struct endpoint *)c->obj);
		break;
	case ERIX_OBJ_NOTIFICATION:
		notification_destroy((struct notification *)c->obj);
		break;
	case ERIX_OBJ_VSPACE:
		vspace_destroy(c);
		break;
	case ERIX_OBJ_IRQ_HANDLER:
		irq_release(c->irq);
		break;
	default: /* memory only: nothing holds on to it */
		break;
	}
}

const char *object_name(unsigned type)
{
	return erix_object_name(type);
}
