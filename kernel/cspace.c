/*
 * cspace.c: CPtr lookup (see cspace.h).
 */
#include "cspace.h"
#include "tcb.h"
#include <erix/errors.h>

/* bits_at: the n bits of w that end `end` bits from the bottom, that is
 * bits [end - n, end). n <= end <= 64; n may be 0 or 64. */
static inline uint64_t bits_at(uint64_t w, unsigned end, unsigned n)
{
	if (n == 0)
		return 0;
	uint64_t v = w >> (end - n);
	return n == 64 ? v : v & ((1ull << n) - 1);
}

/*
 * cspace_lookup (LAB 3 exercise).
 *
 * Requirements: return what cspace.h says, in that order: 0 with *slot
 * set (even to an empty slot), or the first error found. erix/caps.h says
 * how a CPtr is read, and cspace.h works an example. First the root (not
 * a CNode capability: -ERR_INVALID_ROOT, which is also what a thread
 * whose CSpace slot is empty gets), then the depth (not 1..64:
 * -ERR_DEPTH). Then keep `left`, the number of bits not used yet (depth
 * at the start). At each CNode capability cap, from root on:
 *   - a level needs cap->guard_bits + cap->bits bits: fewer left is
 *     -ERR_DEPTH;
 *   - the next guard_bits bits must equal the guard (cap->guard), else
 *     -ERR_GUARD;
 *   - the next cap->bits bits are the index into cap_cnode_slots(cap);
 *     index 0 is -ERR_INVALID;
 *   - no bits left: that slot is the answer, whatever it holds;
 *   - bits left: the slot must hold a CNode capability to go on with
 *     (empty: -ERR_EMPTY_SLOT; anything else: -ERR_DEPTH).
 * Use bits_at() above. Loop; do not recurse.
 */
int cspace_lookup(const struct cap *root, uint64_t cptr, unsigned depth, struct cte **slot)
{
#if LAB3_SOLUTION
	if (root->type != ERIX_OBJ_CNODE)
		return -ERR_INVALID_ROOT;
	if (depth < 1 || depth > ERIX_WORD_BITS)
		return -ERR_DEPTH;
	const struct cap *cap = root;
	unsigned left = depth;
	for (;;) {
		unsigned guard_bits = cap->guard_bits, radix = cap->bits;
		if (guard_bits + radix > left)
			return -ERR_DEPTH;
		if (bits_at(cptr, left, guard_bits) != cap->guard)
			return -ERR_GUARD;
		left -= guard_bits;
		uint64_t index = bits_at(cptr, left, radix);
		left -= radix;
		if (index == 0)
			return -ERR_INVALID;
		struct cte *s = &cap_cnode_slots(cap)[index];
		if (left == 0) {
			*slot = s;
			return 0;
		}
		if (s->cap.type == ERIX_OBJ_NULL)
			return -ERR_EMPTY_SLOT;
		if (s->cap.type != ERIX_OBJ_CNODE)
			return -ERR_DEPTH;
		cap = &s->cap;
	}
#else
	/* LAB 3: your code here. */
	(void)root, (void)cptr, (void)depth, (void)slot, (void)bits_at;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

int cspace_lookup_cap(struct tcb *t, uint64_t cptr, unsigned type, unsigned rights,
		      struct cte **slot)
{
	int err = cspace_lookup(&t->slots[TCB_CSPACE].cap, cptr, ERIX_WORD_BITS, slot);
	if (err)
		return err;
	const struct cap *c = &(*slot)->cap;
	if (c->type == ERIX_OBJ_NULL)
		return -ERR_EMPTY_SLOT;
	if (type != ERIX_OBJ_NULL && c->type != type)
		return -ERR_WRONG_TYPE;
	if ((c->rights & rights) != rights)
		return -ERR_RIGHTS;
	return 0;
}

int cspace_lookup_empty(struct tcb *t, uint64_t cptr, unsigned depth, struct cte **slot)
{
	int err = cspace_lookup(&t->slots[TCB_CSPACE].cap, cptr, depth ? depth : ERIX_WORD_BITS,
				slot);
	if (err)
		return err;
	return cap_is_null(&(*slot)->cap) ? 0 : -ERR_SLOT_FULL;
}
