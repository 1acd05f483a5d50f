/*
 * untyped.c: Untyped memory and retype.
 *
 * An Untyped capability stands for a power-of-two block of physical
 * memory nobody uses. Retype carves kernel objects out of it in order,
 * each aligned to its own size, after a watermark (cap.watermark: the bytes
 * used so far); the objects' capabilities become its children in the
 * derivation tree. Memory is only ever reused after cdt_revoke of the
 * Untyped, which deletes everything made from it and resets the
 * watermark: no object can outlive the memory it sits in.
 *
 *   Untyped, 2^14 bytes              watermark
 *   +--------+--------+------------+----+-----------------------+
 *   | TCB 1K | pad to | Frame 4K   | EP |        free           |
 *   |        | 4K     |            | 64 |                       |
 *   +--------+--------+------------+----+-----------------------+
 */
#include "cdt.h"
#include "cspace.h"
#include "invocation.h"
#include "object.h"
#include "vspace.h"
#include <erix/errors.h>
#include <erix/invocation.h>

/*
 * untyped_place (LAB 3 exercise; decode side).
 *
 * Requirements: find where an object of 2^bits bytes would go in the
 * Untyped ut: at the watermark (ut->watermark) rounded up to a multiple of
 * 2^bits. If it does not end inside the Untyped (2^ut->bits bytes; an
 * object bigger than the whole Untyped does not either), return
 * -ERR_NO_MEMORY; else set *offset (from the Untyped's start) and return
 * 0. Change nothing. Mind overflow: bits and ut->bits are at most 47.
 * (decode_untyped_invocation has checked the type, the size and the
 * destination slot before it calls this.)
 *
 * Hint: ALIGN_UP (types.h).
 */
int untyped_place(const struct cap *ut, unsigned bits, uint64_t *offset)
{
#if LAB3_SOLUTION
	uint64_t at = ALIGN_UP(ut->watermark, 1ull << bits);
	if (at > (1ull << ut->bits) || (1ull << bits) > (1ull << ut->bits) - at)
		return -ERR_NO_MEMORY;
	*offset = at;
	return 0;
#else
	/* LAB 3: your code here. */
	(void)ut, (void)bits, (void)offset;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

/*
 * untyped_retype (LAB 3 exercise; invoke side: cannot fail).
 *
 * Requirements: make an object of this type and size_bits at `offset`
 * bytes into the Untyped in slot ut (object_create, object.h), put its
 * capability into the empty slot dest as a child of ut
 * (cdt_insert_child, cdt.h), and move the watermark to the object's end.
 * It cannot fail: every check was done before (untyped_place and
 * decode_untyped_invocation).
 *
 * Hint: the object's size is 2^object_bits(type, size_bits).
 */
void untyped_retype(struct cte *ut, unsigned type, unsigned size_bits, uint64_t offset,
		    struct cte *dest)
{
#if LAB3_SOLUTION
	struct cap cap = object_create(type, size_bits, ut->cap.obj + offset);
	cdt_insert_child(ut, dest, cap);
	ut->cap.watermark = offset + (1ull << object_bits(type, size_bits));
#else
	/* LAB 3: your code here. */
	(void)ut, (void)type, (void)size_bits, (void)offset, (void)dest;
#endif
}

/* ERIX_UNTYPED_RETYPE: mr0 type, mr1 size_bits, mr2 dest, mr3 dest depth. */
int decode_untyped_invocation(struct tcb *t, struct cte *c, const struct invocation *inv)
{
	if (inv->label != ERIX_UNTYPED_RETYPE)
		return -ERR_BAD_LABEL;
	if (inv->mr[0] >= ERIX_OBJ_COUNT || inv->mr[1] > 64 || inv->mr[3] > 64)
		return -ERR_INVALID;
	unsigned type = (unsigned)inv->mr[0], size_bits = (unsigned)inv->mr[1];
	unsigned bits = object_bits(type, size_bits);
	if (!bits)
		return -ERR_INVALID;
	struct cte *dest;
	int err = cspace_lookup_empty(t, inv->mr[2], (unsigned)inv->mr[3], &dest);
	if (err)
		return err;
	uint64_t offset;
	if ((err = untyped_place(&c->cap, bits, &offset)))
		return err;
	/* An Untyped is retyped only into smaller Untypeds, so that they
	 * nest at most ERIX_UNTYPED_MAX_BITS - ERIX_UNTYPED_MIN_BITS deep: the
	 * walk that removes a subtree (cdt.c) goes down through them at every
	 * step, and must cost a bounded amount. */
	if (type == ERIX_OBJ_UNTYPED && size_bits >= c->cap.bits)
		return -ERR_INVALID;
	if (type == ERIX_OBJ_VSPACE && !vspace_asid_free())
		return -ERR_IN_USE;
	untyped_retype(c, type, size_bits, offset, dest);
	return 0;
}
