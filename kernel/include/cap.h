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

#include "memlayout.h"
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
 * "not mapped" (ASIDs start at 1). The unions below give obj and word
 * their name for each type; a PageTable's level is packed into its
 * mapping's low bits, so read a mapping with the functions after them.
 */
struct cap {
	uint8_t type;       /* enum erix_object_type; ERIX_OBJ_NULL: empty */
	uint8_t rights;     /* ERIX_RIGHT_* */
	uint8_t bits;       /* Untyped: size_bits; CNode: radix */
	uint8_t guard_bits; /* CNode */
	uint32_t asid;      /* Frame, PageTable, VSpace */
	union {
		uintptr_t obj;       /* a memory object's kernel address */
		uint64_t irq;        /* IRQHandler: its line */
		uint64_t first_port; /* IOPort */
	};
	union {                      /* one word, named by the type: */
		uint64_t word;       /*   as such (copying, comparing) */
		uint64_t watermark;  /*   Untyped */
		uint64_t guard;      /*   CNode */
		uint64_t badge;      /*   Endpoint, Notification (0: none yet) */
		uint64_t mapping;    /*   Frame, PageTable: cap_mapped_vaddr... */
		uint64_t last_port;  /*   IOPort */
	};
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

/* A Frame's or a PageTable's mapping, which the capability records (asid
 * the VSpace's; 0: none). cap_mapped_vaddr: the address; cap_table_level:
 * the level a mapped PageTable became (1: a page table, 2: a page
 * directory, 3: a PDPT; its entry sits one level up). */
static inline uint64_t cap_mapped_vaddr(const struct cap *c)
{
	return c->mapping & ~(uint64_t)PAGE_MASK;
}
static inline int cap_table_level(const struct cap *c) { return (int)(c->mapping & 3); }

/* cap_record_mapping: c (a Frame, level 0, or a PageTable of that level)
 * is now mapped at vaddr in the VSpace of this asid; asid 0: unmapped. */
static inline void cap_record_mapping(struct cap *c, uint32_t asid, uint64_t vaddr, int level)
{
	c->asid = asid;
	c->mapping = asid ? (vaddr & ~(uint64_t)PAGE_MASK) | (uint64_t)level : 0;
}

/* cap_cnode_slots: the slots of the CNode c names. */
static inline struct cte *cap_cnode_slots(const struct cap *c)
{
	return (struct cte *)c->obj;
}

/*
 * Slot 0 of every CNode holds no capability (CPtr 0 is the null CPtr
 * everywhere): the kernel keeps the CNode's own bookkeeping in its 64
 * bytes, laid over struct cte so that slot 0 still reads as an empty,
 * unlinked slot to anything that walks the slots.
 */
struct cnode_header {
	uint8_t type;                    /* ERIX_OBJ_NULL, always */
	uint8_t unused[15];
	uint64_t reap_next;              /* dying: the next slot cdt_reap looks at */
	struct cnode_header *dying_mark; /* itself while the CNode is dying, else NULL */
	uint64_t unused_links[2];
	struct cnode_header *dying_next; /* the next CNode on the dying list */
	uint64_t radix;                  /* log2 of its slots (object_create) */
};
_Static_assert(sizeof(struct cnode_header) == sizeof(struct cte), "a CNode's slot 0");
_Static_assert(__builtin_offsetof(struct cnode_header, reap_next) ==
		       __builtin_offsetof(struct cte, cap.word) &&
	       __builtin_offsetof(struct cnode_header, dying_mark) ==
		       __builtin_offsetof(struct cte, parent) &&
	       __builtin_offsetof(struct cnode_header, dying_next) ==
		       __builtin_offsetof(struct cte, next) &&
	       __builtin_offsetof(struct cnode_header, radix) ==
		       __builtin_offsetof(struct cte, spare),
	       "slot 0's fields lie where struct cte's stay unused");

/* cnode_header: the header (slot 0) of the CNode c names. */
static inline struct cnode_header *cnode_header(const struct cap *c)
{
	return (struct cnode_header *)c->obj;
}

#endif /* KERNEL_CAP_H */
