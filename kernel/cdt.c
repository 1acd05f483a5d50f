/*
 * cdt.c: the capability derivation tree (see cdt.h); its invariant
 * checker, cdt_check, is in cdt_check.c.
 *
 * Every function here runs in bounded kernel stack: loops, no recursion,
 * however deep the tree or however many CNodes a deletion destroys. And
 * in bounded time: the loops that do as much work as a user has built
 * stop at a preemption point when the kernel entry's budget is spent
 * (preempt.h), and are written so that calling them again goes on.
 */
#include "cdt.h"
#include "object.h"
#include "panic.h"
#include "preempt.h"
#include <erix/errors.h>

struct cte cdt_root;

/* The dying list (see cdt.h), linked through the CNodes' headers (slot
 * 0: struct cnode_header). Nothing can be put into a dying CNode (no
 * capability names it any more), so one pass over its slots empties it. */
struct cnode_header *cdt_dying_head;

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

void cdt_hoist(struct cte *y)
{
	struct cte *x = y->parent, *p = x->parent;
	if (x->child != y || !cap_same_object(&x->cap, &p->cap))
		panic("cdt_hoist: %p is not the first child of a copy", (void *)y);
	x->child = y->next; /* y is x's first child: off x's list */
	if (y->next)
		y->next->prev = NULL;
	y->parent = p;      /* onto the head of p's */
	y->prev = NULL;
	y->next = p->child;
	if (p->child)
		p->child->prev = y;
	p->child = y;
}

/*
 * cdt_remove_descendants (LAB 3 exercise).
 *
 * Requirements: remove every capability derived from c, children before
 * their parents, and leave c itself. Work from the top of c's subtree,
 * one step at a time, so that each step costs the same however deep the
 * tree is (a chain of copies can be 64,000 deep):
 *  - Before each step, call preempt_point() (preempt.h); when it returns
 *    true, return -ERR_PREEMPTED at once. The system call runs again later
 *    and calls you again with the same c: what is left of c's subtree is
 *    all you need to go on, so keep nothing from one call to the next.
 *  - A step: let x be c's first child. While x has children and is an
 *    original capability (cdt_is_final), go down to x's first child: x is
 *    an Untyped's object, or an object's first capability, and its
 *    children cannot move up past it. Such levels are few (Untyped in
 *    Untyped, each smaller than the last). Then if x has no children,
 *    cdt_remove_leaf(x); else x is a copy, and cdt_hoist(x->child) moves
 *    its first child up beside it, still below c.
 * Return 0 once c has no children. No recursion, and no walk down a chain
 * of copies: each capability is hoisted at most once and removed once.
 * Do not reap dying CNodes (cdt_reap): the system call layer does.
 *
 * Hint: the tree's links are in struct cte (cap.h).
 */
int cdt_remove_descendants(struct cte *c)
{
#if LAB3_SOLUTION
	while (c->child) {
		if (preempt_point())
			return -ERR_PREEMPTED;
		struct cte *x = c->child;
		while (x->child && cdt_is_final(x))
			x = x->child;
		if (x->child)
			cdt_hoist(x->child);
		else
			cdt_remove_leaf(x);
	}
	return 0;
#else
	/* LAB 3: your code here. */
	(void)c;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

/*
 * cdt_revoke (LAB 3 exercise).
 *
 * Requirements: remove c's descendants (cdt_remove_descendants; if it is
 * preempted, return what it returned and change nothing else). Then, if c
 * is an Untyped, set its watermark (cap.watermark) back to 0: nothing lives in
 * it any more. Return 0. Do not reap: the system call layer does.
 */
int cdt_revoke(struct cte *c)
{
#if LAB3_SOLUTION
	int err = cdt_remove_descendants(c);
	if (err)
		return err;
	if (c->cap.type == ERIX_OBJ_UNTYPED)
		c->cap.watermark = 0;
	return 0;
#else
	/* LAB 3: your code here. */
	(void)c;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

/*
 * cdt_delete (LAB 3 exercise).
 *
 * Requirements: remove c's descendants as cdt_revoke does (if preempted,
 * return what cdt_remove_descendants returned, with c still there), then
 * c itself with cdt_remove_leaf (which destroys the object if c was its
 * original capability). Return 0. Do not reap: the system call layer
 * does.
 */
int cdt_delete(struct cte *c)
{
#if LAB3_SOLUTION
	int err = cdt_remove_descendants(c);
	if (err)
		return err;
	cdt_remove_leaf(c);
	return 0;
#else
	/* LAB 3: your code here. */
	(void)c;
	return -ERR_NOT_IMPLEMENTED;
#endif
}

struct cte *cdt_preorder_next(const struct cte *c)
{
	if (c->child)
		return c->child;
	while (c != &cdt_root && !c->next)
		c = c->parent;
	return c == &cdt_root ? NULL : c->next;
}

void cdt_cnode_dying(struct cnode_header *h)
{
	if (h->dying_mark)
		panic("cdt_cnode_dying: CNode %p is dying twice", (void *)h);
	h->dying_mark = h;
	h->reap_next = 1; /* slot 0 is this header */
	h->dying_next = cdt_dying_head;
	cdt_dying_head = h;
}

int cdt_reap(void)
{
	/* One step: a slot emptied (its deletion has preemption points of
	 * its own) or looked at, or an empty CNode taken off the list. The
	 * step is counted after it is done, so that every entry gets at least
	 * one step done, however little budget the deletion left. */
	while (cdt_dying_head) {
		struct cnode_header *h = cdt_dying_head;
		struct cte *slots = (struct cte *)h;
		uint64_t i = h->reap_next;
		if (i == 1ull << h->radix) { /* empty: off the list; its memory waits for revoke */
			cdt_dying_head = h->dying_next;
			h->dying_mark = h->dying_next = NULL;
			h->reap_next = 0;
		} else {
			if (!cap_is_null(&slots[i].cap)) {
				int err = cdt_delete(&slots[i]); /* may put CNodes on the list */
				if (err == -ERR_PREEMPTED)
					return err; /* slot i still full: the next entry goes on */
				if (err || !cap_is_null(&slots[i].cap))
					panic("cdt_reap: cdt_delete left slot %lu of a dying CNode "
					      "full (lab 3)", (unsigned long)i);
			}
			h->reap_next = i + 1;
		}
		if (preempt_point())
			return -ERR_PREEMPTED;
	}
	return 0;
}
