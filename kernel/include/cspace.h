/*
 * cspace.h: finding a slot from a CPtr (cspace.c).
 *
 * A thread's CSpace is the tree of CNodes reachable from its CSpace root
 * capability (a CNode capability in its TCB). A CPtr is resolved against
 * it as erix/caps.h describes: guard, then index, level by level, until
 * `depth` bits are used up. Worked example, with a root CNode capability
 * of guard_bits 4, guard 0x5, radix 4, whose slot 3 holds a CNode
 * capability of guard_bits 0, radix 8:
 *
 *   CPtr 0x5307, depth 16:   0101 0011 00000111
 *                            guard idx  index
 *   level 1: guard 0101 = 0x5 matches; index 0011 = slot 3: a CNode, and
 *            8 bits remain, so go on in it
 *   level 2: no guard; index 00000111 = slot 7; 0 bits remain: found
 *
 *   CPtr 0x53, depth 8: level 1 ends exactly at slot 3 (the CNode
 *   capability itself, which is how you name a CNode to invoke it).
 */
#ifndef KERNEL_CSPACE_H
#define KERNEL_CSPACE_H

#include "cap.h"

struct tcb;

/*
 * cspace_lookup: the slot that cptr's lowest `depth` bits name, starting
 * at the CNode capability root. Returns 0 and sets *slot (which may be
 * empty), or, in the order they are checked:
 *   -ERR_INVALID_ROOT  root (or the root of the walk) is not a CNode
 *   -ERR_DEPTH         depth is not 1..64, or the bits left are fewer than
 *                      a level needs, or bits are left at a slot that
 *                      holds no CNode (and is not empty)
 *   -ERR_GUARD         a level's guard does not match
 *   -ERR_INVALID       the index is 0 (slot 0 is reserved)
 *   -ERR_EMPTY_SLOT    bits are left at an empty slot
 * (Lab 3 exercise: how each is found is above it in cspace.c.)
 */
int cspace_lookup(const struct cap *root, uint64_t cptr, unsigned depth, struct cte **slot);

/*
 * cspace_lookup_cap: look cptr up (depth 64) in thread t's CSpace and
 * demand a capability of type `type` (ERIX_OBJ_NULL: any type) with all
 * of `rights`. Returns 0 and sets *slot, a cspace_lookup error (an empty
 * CSpace root gives -ERR_INVALID_ROOT), -ERR_EMPTY_SLOT, -ERR_WRONG_TYPE or
 * -ERR_RIGHTS.
 */
int cspace_lookup_cap(struct tcb *t, uint64_t cptr, unsigned type, unsigned rights,
		      struct cte **slot);

/* cspace_lookup_empty: look cptr up with depth (0 means 64) in t's
 * CSpace and demand an empty slot: 0, a lookup error or -ERR_SLOT_FULL. */
int cspace_lookup_empty(struct tcb *t, uint64_t cptr, unsigned depth, struct cte **slot);

#endif /* KERNEL_CSPACE_H */
