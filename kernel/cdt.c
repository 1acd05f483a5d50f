/*
 * cdt.c: the capability derivation tree (see cdt.h).
 *
 * Every function here runs in bounded kernel stack: loops, no recursion,
 * however deep the tree or however many CNodes a deletion destroys.
 */
#include "cdt.h"
#include "format.h"
#include "object.h"
#include "panic.h"

struct cte cdt_root;
char cdt_check_error[160];
uint64_t cdt_check_nodes;

/* CNodes whose original capability is gone, linked through slot 0's next;
 * slot 0's parent points at slot 0 itself while a CNode is on the list,
 * and its cap.word is the next slot to empty (nothing can be put into a
 * dying CNode: no capability names it any more, so one pass empties it). */
static struct cte *dying_head;
static bool reaping;

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
 * their parents, and leave c itself. Do it without recursion: as long as
 * c has a child, go down from c by first children until you reach a slot
 * with no children, and cdt_remove_leaf() it. Then, if c is an Untyped,
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
	while (c->child) {
		struct cte *leaf = c->child;
		while (leaf->child)
			leaf = leaf->child;
		cdt_remove_leaf(leaf);
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
	bool was_reaping = reaping;
	reaping = true; /* no reaping until c itself is gone */
	cdt_revoke(c);
	reaping = was_reaping;
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
	slots[0].next = dying_head;
	dying_head = slots;
}

void cdt_reap(void)
{
	if (reaping)
		return;
	reaping = true;
	while (dying_head) {
		struct cte *slots = dying_head;
		uint64_t n = 1ull << slots[0].spare; /* the radix (object_create) */
		uint64_t i = slots[0].cap.word;
		while (i < n && cap_is_null(&slots[i].cap))
			i++;
		slots[0].cap.word = i;
		if (i == n) { /* empty: off the list; its memory waits for revoke */
			if (dying_head != slots)
				panic("cdt_reap: the dying list changed under it");
			dying_head = slots[0].next;
			slots[0].parent = slots[0].next = NULL;
			slots[0].cap.word = 0;
			continue;
		}
		cdt_delete(&slots[i]);
		if (!cap_is_null(&slots[i].cap))
			panic("cdt_reap: cdt_delete left slot %lu of a dying CNode full (lab 3)",
			      (unsigned long)i);
	}
	reaping = false;
}

/* ---- the invariant checker ---------------------------------------------- */

static int problems;

/* No tree has more slots than this (2^24: 1 GiB of slots); a walk longer
 * than that has gone round a cycle. */
#define CHECK_LIMIT (1ull << 24)

static void problem(const struct cte *c, const char *what)
{
	if (problems++ == 0)
		ksnprintf(cdt_check_error, sizeof(cdt_check_error), "slot %p (%s): %s",
			  (const void *)c, object_name(c->cap.type), what);
}

/* check_links: c's links agree with its neighbours'. A tree whose links
 * are broken cannot be walked safely: the caller stops at the first. */
static bool check_links(const struct cte *c)
{
	int before = problems;
	if (!c->parent)
		problem(c, "no parent");
	else if (c->prev ? c->prev->next != c : c->parent->child != c)
		problem(c, "not in its parent's list of children");
	if (c->next && (c->next->prev != c || c->next->parent != c->parent))
		problem(c, "its next sibling does not link back");
	if (c->child && (c->child->parent != c || c->child->prev))
		problem(c, "its first child does not link back");
	return problems == before;
}

/* check_derivation: c against its parent p. */
static void check_derivation(const struct cte *c, const struct cte *p)
{
	const struct cap *cc = &c->cap, *pc = &p->cap;
	if (cc->type == ERIX_OBJ_NULL || cc->type >= ERIX_OBJ_COUNT) {
		problem(c, "empty or bad type in the tree");
		return;
	}
	if (cc->rights & ~ERIX_RIGHTS_ALL)
		problem(c, "rights outside ERIX_RIGHTS_ALL");
	if (p == &cdt_root)
		return;
	if (cap_same_object(cc, pc)) { /* a copy or a mint */
		if (cc->rights & ~pc->rights)
			problem(c, "more rights than the capability it was derived from");
		if (cap_has_badge(pc) && pc->word && cc->word != pc->word)
			problem(c, "a badge different from its parent's");
		return;
	}
	if (pc->type == ERIX_OBJ_UNTYPED) { /* made by retype */
		unsigned bits = object_bits(cc->type, cc->bits);
		uint64_t size = bits ? 1ull << bits : 0;
		if (!bits || cc->obj % size)
			problem(c, "a retyped object of a bad size or alignment");
		else if (cc->obj < pc->obj || cc->obj + size > pc->obj + pc->word)
			problem(c, "an object outside its Untyped's used part");
		if (pc->word > (1ull << pc->bits))
			problem(p, "watermark past the end");
		return;
	}
	if (pc->type == ERIX_OBJ_IRQ_CONTROL && cc->type == ERIX_OBJ_IRQ_HANDLER)
		return;
	problem(c, "derived from a capability to another object, not an Untyped");
}

/* check_untyped: the objects made from the Untyped u do not overlap.
 * Retype only ever places an object past the watermark and adds its
 * capability at the head of the children, so the list runs from the
 * highest address down: each object must end where the one before it in
 * the list starts, or below. (Linear, and bounded against cycles.) */
static void check_untyped(const struct cte *u)
{
	const struct cte *prev = NULL;
	uint64_t n = 0;
	for (const struct cte *a = u->child; a && n < CHECK_LIMIT; a = a->next, n++) {
		unsigned bits = object_bits(a->cap.type, a->cap.bits);
		if (!bits)
			continue; /* check_derivation reports it */
		if (prev && a->cap.obj + (1ull << bits) > prev->cap.obj)
			problem(a, "overlaps another object of its Untyped (or is out of order)");
		prev = a;
	}
}

int cdt_check(void)
{
	problems = 0;
	cdt_check_error[0] = '\0';
	cdt_check_nodes = 0;
	if (dying_head || reaping)
		problem(&cdt_root, "CNodes left on the dying list");
	const struct cte *c = cdt_root.child;
	if (c && (c->parent != &cdt_root || c->prev))
		problem(c, "the root's first child does not link back");
	while (c) {
		if (++cdt_check_nodes > CHECK_LIMIT) {
			problem(c, "a cycle in the tree");
			break;
		}
		if (!check_links(c))
			break;
		check_derivation(c, c->parent);
		if (c->cap.type == ERIX_OBJ_UNTYPED)
			check_untyped(c);
		/* Next in preorder: down, else across, else up and across. */
		if (c->child) {
			c = c->child;
			continue;
		}
		while (c != &cdt_root && !c->next)
			c = c->parent;
		c = c == &cdt_root ? NULL : c->next;
	}
	return problems;
}
