/*
 * cnode.c: CNode invocations: copy, mint, move, delete, revoke.
 *
 * A CNode is an array of 2^radix slots (struct cte); slot 0 is the
 * kernel's (cdt.c keeps a destroyed CNode's bookkeeping there), so index 0
 * never names a capability. The CNode capability invoked is the root that
 * the destination (or target) index is looked up from, with the depth in
 * mr2; the source of a copy, mint or move is a CPtr in the caller's own
 * CSpace (depth 64), so that capabilities can go from one CSpace to
 * another.
 */
#include "cdt.h"
#include "cspace.h"
#include "invocation.h"
#include <erix/errors.h>
#include <erix/invocation.h>

/*
 * cap_derive (LAB 3 exercise).
 *
 * Requirements: the capability that copying (mint false) or minting (mint
 * true) src with the rights mask `rights` gives, in *out, and 0; or one
 * of these errors, checked in this order, with *out left alone:
 *   -ERR_WRONG_TYPE  src is an Untyped (Untyped capabilities are moved,
 *                    never copied: two of them would share a watermark)
 *   -ERR_INVALID     rights has bits outside ERIX_RIGHTS_ALL; or the mint
 *                    is not allowed (below)
 * The new capability is src with rights src->rights & rights: rights only
 * ever narrow. A Frame or PageTable copy starts unmapped (asid and mapping
 * 0).
 * A mint may also set:
 *   - an Endpoint's or Notification's badge (cap_has_badge): badge must
 *     fit in ERIX_BADGE_BITS bits, and a badge is set once: if src has a
 *     badge already (src->badge != 0), badge must be 0 or equal to it (the copy
 *     keeps the badge either way); if src has none, the new capability
 *     gets badge (0 stays "none");
 *   - a CNode's guard (guard_bits and guard): badge is packed as
 *     ERIX_GUARD (erix/caps.h) makes it, guard_bits in its low 6 bits and
 *     the guard in the bits above them; the guard must fit in guard_bits
 *     bits, and guard_bits + radix <= 64;
 *   - nothing else: for other types a non-zero badge is -ERR_INVALID.
 * A copy keeps src's badge or guard as it is.
 */
int cap_derive(const struct cap *src, unsigned rights, bool mint, uint64_t badge,
	       struct cap *out)
{
#if LAB3_SOLUTION
	if (src->type == ERIX_OBJ_UNTYPED)
		return -ERR_WRONG_TYPE;
	if (rights & ~ERIX_RIGHTS_ALL)
		return -ERR_INVALID;
	struct cap c = *src;
	c.rights = src->rights & rights;
	if (c.type == ERIX_OBJ_FRAME || c.type == ERIX_OBJ_PAGE_TABLE)
		c.asid = 0, c.mapping = 0;
	if (mint && cap_has_badge(src)) {
		if (badge >> ERIX_BADGE_BITS || (src->badge && badge && badge != src->badge))
			return -ERR_INVALID;
		if (!src->badge)
			c.badge = badge;
	} else if (mint && src->type == ERIX_OBJ_CNODE) {
		unsigned guard_bits = ERIX_GUARD_BITS(badge);
		uint64_t guard = ERIX_GUARD_VALUE(badge);
		if (guard_bits + src->bits > ERIX_WORD_BITS ||
		    (guard_bits < 64 && guard >> guard_bits))
			return -ERR_INVALID;
		c.guard_bits = (uint8_t)guard_bits;
		c.guard = guard;
	} else if (mint && badge) {
		return -ERR_INVALID;
	}
	*out = c;
	return 0;
#else
	/* LAB 3: your code here. */
	(void)src, (void)rights, (void)mint, (void)badge, (void)out;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

/* lookup_full: the non-empty slot at index/depth under root. */
static int lookup_full(const struct cap *root, uint64_t index, unsigned depth,
		       struct cte **s)
{
	int err = cspace_lookup(root, index, depth, s);
	if (!err && cap_is_null(&(*s)->cap))
		err = -ERR_EMPTY_SLOT;
	return err;
}

int decode_cnode_invocation(struct tcb *t, struct cte *c, const struct invocation *inv)
{
	const struct cap root = c->cap; /* c may move or go; keep the root */
	unsigned depth = inv->mr[2] ? (unsigned)inv->mr[2] : ERIX_WORD_BITS;
	if (inv->mr[2] > ERIX_WORD_BITS)
		return -ERR_DEPTH;
	struct cte *dest, *src;
	struct cap derived;
	int err;

	switch (inv->label) {
	case ERIX_CNODE_COPY:
	case ERIX_CNODE_MINT:
	case ERIX_CNODE_MOVE:
		if ((err = cspace_lookup(&root, inv->mr[0], depth, &dest)))
			return err;
		if (!cap_is_null(&dest->cap))
			return -ERR_SLOT_FULL;
		if ((err = cspace_lookup_cap(t, inv->mr[1], ERIX_OBJ_NULL, 0, &src)))
			return err;
		if (inv->label == ERIX_CNODE_MOVE) {
			cdt_move(dest, src);
			return 0;
		}
		if ((err = cap_derive(&src->cap, ERIX_MINT_RIGHTS(inv->mr[3]),
				      inv->label == ERIX_CNODE_MINT, ERIX_MINT_BADGE(inv->mr[3]),
				      &derived)))
			return err;
		cdt_insert_child(src, dest, derived);
		return 0;
	case ERIX_CNODE_DELETE:
	case ERIX_CNODE_REVOKE:
		if ((err = lookup_full(&root, inv->mr[0], depth, &src)))
			return err;
		/* Either may run out of the call's budget: -ERR_PREEMPTED, and
		 * the call runs again (preempt.h). */
		return inv->label == ERIX_CNODE_DELETE ? cdt_delete(src) : cdt_revoke(src);
	default:
		return -ERR_BAD_LABEL;
	}
}
