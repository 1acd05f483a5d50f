/*
 * cap.h: capabilities and the slots that hold them (kernel side).
 *
 * A capability is a small value (struct cap) that names a kernel object
 * and says what its holder may do with it. Capabilities live only in
 * slots (struct cte, "capability table entry"): the slots of CNodes, and
 * three slots inside every TCB. User space never sees a struct cap; it
 * names slots with CPtrs (erix/caps.h, cspace.h).
 *
 * Every slot is also a node of the capability derivation tree (cdt.h):
 * parent, first child and siblings. One tree holds every capability in the
 * system; its root is the kernel's cdt_root slot, the parent of the
 * capabilities made at boot.
 */
#ifndef KERNEL_CAP_H
#define KERNEL_CAP_H

#include "types.h"
#include <erix/caps.h>

/*
 * What the fields mean depends on the type:
 *
 *   type          obj                      word              bits / asid
 *   Untyped       its memory               watermark: bytes  bits: size_bits
 *                                          used so far
 *   CNode         its slots                guard             bits: radix,
 *                                                            guard_bits
 *   TCB           struct tcb               -                 -
 *   Endpoint      struct endpoint          badge             -
 *   Notification  struct notification      badge             -
 *   Frame         the page                 mapped vaddr      asid: the VSpace
 *                                                            it is mapped in
 *   VSpace        its PML4                 -                 asid: its own
 *   PageTable     the table                mapped vaddr |    asid: as Frame
 *                                          level (1..3)
 *   IRQControl    -                        -                 -
 *   IRQHandler    the IRQ number           -                 -
 *   IOPort        the first port           the last port     -
 *
 * obj is a kernel (direct-map) address for memory objects. asid 0 means
 * "not mapped" (ASIDs start at 1).
 */
struct cap {
	uint8_t type;       /* enum erix_object_type; ERIX_OBJ_NULL: empty */
	uint8_t rights;     /* ERIX_RIGHT_* */
	uint8_t bits;       /* Untyped: size_bits; CNode: radix */
	uint8_t guard_bits; /* CNode */
	uint32_t asid;      /* Frame, PageTable, VSpace */
	uintptr_t obj;
	uint64_t word;
};

/* A slot: a capability and its place in the derivation tree. */
struct cte {
	struct cap cap;
	struct cte *parent; /* what it was derived from (cdt_root at the top) */
	struct cte *child;  /* its first child, or NULL */
	struct cte *prev;   /* its siblings: the parent's children form a */
	struct cte *next;   /*   NULL-terminated doubly linked list */
	uint64_t spare;     /* slot 0 of a CNode: cnode.c's bookkeeping */
};

_Static_assert(sizeof(struct cap) == 24, "struct cap layout");
_Static_assert(sizeof(struct cte) == 1u << ERIX_SLOT_BITS, "a slot is 64 bytes");

static inline bool cap_is_null(const struct cap *c) { return c->type == ERIX_OBJ_NULL; }

/* cap_has_badge: endpoints and notifications carry a badge in word. */
static inline bool cap_has_badge(const struct cap *c)
{
	return c->type == ERIX_OBJ_ENDPOINT || c->type == ERIX_OBJ_NOTIFICATION;
}

/* cap_same_object: do a and b name the same object? (Untyped capabilities
 * are never copied, so an Untyped names the same object only as itself.) */
static inline bool cap_same_object(const struct cap *a, const struct cap *b)
{
	return a->type == b->type && a->obj == b->obj && a->type != ERIX_OBJ_UNTYPED &&
	       a->type != ERIX_OBJ_NULL;
}

/* cap_cnode_slots: the slots of the CNode c names. */
static inline struct cte *cap_cnode_slots(const struct cap *c)
{
	return (struct cte *)c->obj;
}

#endif /* KERNEL_CAP_H */
