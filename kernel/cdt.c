/*
 * cdt.c: the capability derivation tree (see cdt.h); its invariant
 * checker, cdt_check, is in cdt_check.c.
 *
 * Every function here runs in bounded kernel stack: loops, no recursion,
 * however deep the tree or however many CNodes a deletion destroys.
 */
#include "cdt.h"
#include "object.h"
#include "panic.h"

struct cte cdt_root;

/* The dying list (see cdt.h): slot 0's parent points at slot 0 itself
 * while a CNode is on it, and slot 0's cap.word is the next slot to empty
 * (nothing can be put into a dying CNode: no capability names it any
 * more, so one pass empties it). */
struct cte *cdt_dying_head;
bool cdt_reaping;

void cdt_insert_child(struct cte *parent, struct cte *slot, struct cap cap)
{
	if (!cap_is_null(&slot->cap))
		panic("cdt_insert_child: slot %p is not empty", (void *)slot);
	*slot = (struct cte){ .cap = cap, .parent = parent, .next = parent->child };
	if (parent->child)
		parent->child->prev = slot;
	parent->child = slot;
}

void cdt_move(struct cte *dest, struct cte *src)
{
	if (!cap_is_null(&dest->cap) || cap_is_null(&src->cap))
		panic("cdt_move: %p to %p", (void *)src, (void *)dest);
	*dest = *src;
	dest->spare = 0;
	if (dest->prev)
		dest->prev->next = dest;
	else
		dest->parent->child = dest;
	if (dest->next)
		dest->next->prev = dest;
	for (struct cte *c = dest->child; c; c = c->next)
		c->parent = dest;
	*src = (struct cte){ 0 };
}

bool cdt_is_final(const struct cte *c)
{
	return !cap_same_object(&c->parent->cap, &c->cap);
}

void cdt_remove_leaf(struct cte *c)
{
	if (c->child || cap_is_null(&c->cap))
		panic("cdt_remove_leaf: %p has children or is empty", (void *)c);
	bool final = cdt_is_final(c);
	struct cap cap = c->cap;

	cap_release(&cap);
	if (c->prev)
		c->prev->next = c->next;
	else
		c->parent->child = c->next;
	if (c->next)
		c->next->prev = c->prev;
	*c = (struct cte){ 0 };
	if (final)
		object_destroy(&cap);
}

/*
 * cdt_revoke (LAB 3 exercise).
 *
 * Requirements: remove every capability derived from c, children before
 * their parents, and leave c itself. Do it without recursion, and in time
 * linear in the number removed: as long as c has a child, go down by
 * first children until you reach a slot with no children, cdt_remove_leaf()
 * it, and go on from its parent, not from c again (starting from c each
 * time makes a chain of n copies cost n^2/2 steps: seconds with
 * interrupts off for a chain of 64,000). Then, if c is an Untyped,
 * set its watermark (cap.word) back to 0: nothing lives in it any more.
 * Last, call cdt_reap(), and do not touch c after it (the reaping may
 * delete c itself, if c sat in a CNode that died).
 *
 * Hint: the tree's links are in struct cte (cap.h); cdt_remove_leaf does
 * the unlinking and the destroying.
 */
void cdt_revoke(struct cte *c)
{
#if LAB3_SOLUTION
	struct cte *at = c; /* c, or a descendant of c whose children go first */
	while (c->child) {
		while (at->child)
			at = at->child;
		struct cte *up = at->parent;
		cdt_remove_leaf(at);
		at = up;
	}
	if (c->cap.type == ERIX_OBJ_UNTYPED)
		c->cap.word = 0;
	cdt_reap();
#else
	/* LAB 3: your code here. */
	(void)c;
#endif
}

/*
 * cdt_delete (LAB 3 exercise).
 *
 * Requirements: remove c and every capability derived from it: remove
 * the descendants as cdt_revoke does (without reaping in between: reaping
 * could delete c), then c itself with cdt_remove_leaf (which destroys the
 * object if c was its original capability), then cdt_reap().
 */
void cdt_delete(struct cte *c)
{
#if LAB3_SOLUTION
	bool was_reaping = cdt_reaping;
	cdt_reaping = true; /* no reaping until c itself is gone */
	cdt_revoke(c);
	cdt_reaping = was_reaping;
	cdt_remove_leaf(c);
	cdt_reap();
#else
	/* LAB 3: your code here. */
	(void)c;
#endif
}

void cdt_cnode_dying(struct cte *slots)
{
	if (slots[0].parent)
		panic("cdt_cnode_dying: CNode %p is dying twice", (void *)slots);
	slots[0].parent = &slots[0];
	slots[0].cap.word = 1;
	slots[0].next = cdt_dying_head;
	cdt_dying_head = slots;
}

void cdt_reap(void)
{
	if (cdt_reaping)
		return;
	cdt_reaping = true;
	while (cdt_dying_head) {
		struct cte *slots = cdt_dying_head;
		uint64_t n = 1ull << slots[0].spare; /* the radix (object_create) */
		uint64_t i = slots[0].cap.word;
		while (i < n && cap_is_null(&slots[i].cap))
			i++;
		slots[0].cap.word = i;
		if (i == n) { /* empty: off the list; its memory waits for revoke */
			if (cdt_dying_head != slots)
				panic("cdt_reap: the dying list changed under it");
			cdt_dying_head = slots[0].next;
			slots[0].parent = slots[0].next = NULL;
			slots[0].cap.word = 0;
			continue;
		}
		cdt_delete(&slots[i]);
		if (!cap_is_null(&slots[i].cap))
			panic("cdt_reap: cdt_delete left slot %lu of a dying CNode full (lab 3)",
			      (unsigned long)i);
	}
	cdt_reaping = false;
}
