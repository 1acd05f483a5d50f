/*
 * object.c: what every kernel object type has in common (see object.h).
 */
#include "object.h"
#include "cdt.h"
#include "irq.h"
#include "kstring.h"
#include "tcb.h"
#include "vspace.h"

/* The fixed sizes come from erix/caps.h's table. */
#define OBJECT_BITS(name, number, bits) [number] = bits,
static const uint8_t fixed_bits[ERIX_OBJ_COUNT] = { ERIX_OBJECT_TYPES(OBJECT_BITS) };
#undef OBJECT_BITS

unsigned object_bits(unsigned type, unsigned size_bits)
{
	switch (type) {
	case ERIX_OBJ_UNTYPED:
		return size_bits >= ERIX_UNTYPED_MIN_BITS && size_bits <= ERIX_UNTYPED_MAX_BITS
			       ? size_bits : 0;
	case ERIX_OBJ_CNODE:
		return size_bits >= ERIX_CNODE_MIN_BITS && size_bits <= ERIX_CNODE_MAX_BITS
			       ? size_bits + ERIX_SLOT_BITS : 0;
	case ERIX_OBJ_TCB:
	case ERIX_OBJ_ENDPOINT:
	case ERIX_OBJ_NOTIFICATION:
	case ERIX_OBJ_FRAME:
	case ERIX_OBJ_VSPACE:
	case ERIX_OBJ_PAGE_TABLE:
		return fixed_bits[type];
	default: /* not made from memory */
		return 0;
	}
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
		((struct cte *)addr)[0].spare = size_bits; /* for cdt_reap */
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
		cdt_cnode_dying(cap_cnode_slots(c));
		break;
	case ERIX_OBJ_TCB:
		tcb_destroy((struct tcb *)c->obj);
		break;
	case ERIX_OBJ_VSPACE:
		vspace_destroy(c);
		break;
	case ERIX_OBJ_IRQ_HANDLER:
		irq_release(c->obj);
		break;
	default: /* memory only: nothing holds on to it */
		break;
	}
}

const char *object_name(unsigned type)
{
	static const char *const names[ERIX_OBJ_COUNT] = {
		"empty", "Untyped", "CNode", "TCB", "Endpoint", "Notification",
		"Frame", "VSpace", "PageTable", "IRQControl", "IRQHandler", "IOPort",
	};
	return type < ERIX_OBJ_COUNT ? names[type] : "?";
}
