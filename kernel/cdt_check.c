/*
 * cdt_check.c: the derivation tree's invariant checker (see cdt.h).
 *
 * It reads the tree and changes nothing. The unit tests (make unit-test)
 * and the .gdbinit command `cdt` call it; the grader does not: it checks
 * the same rules with its own code, reading the tree through GDB
 * (grader/tests/captree.c), so that a lab-3 verdict never rests on code
 * the kernel under test could change.
 */
#include "cdt.h"
#include "format.h"
#include "object.h"

char cdt_check_error[160];
uint64_t cdt_check_nodes;

static int problems;

/* No tree has more slots than this (2^24: 1 GiB of slots); a walk longer
 * than that has gone round a cycle. */
#define CHECK_LIMIT (1ull << 24)

/* problem: count one, and describe it in cdt_check_error if it is the
 * first. */
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
		if (cap_has_badge(pc) && pc->badge && cc->badge != pc->badge)
			problem(c, "a badge different from its parent's");
		return;
	}
	if (pc->type == ERIX_OBJ_UNTYPED) { /* made by retype */
		unsigned bits = object_bits(cc->type, cc->bits);
		uint64_t size = bits ? 1ull << bits : 0;
		if (!bits || cc->obj % size)
			problem(c, "a retyped object of a bad size or alignment");
		else if (cc->obj < pc->obj || cc->obj + size > pc->obj + pc->watermark)
			problem(c, "an object outside its Untyped's used part");
		if (pc->watermark > (1ull << pc->bits))
			problem(p, "watermark past the end");
		return;
	}
	if (pc->type == ERIX_OBJ_IRQ_CONTROL && cc->type == ERIX_OBJ_IRQ_HANDLER)
		return;
	if (pc->type == ERIX_OBJ_IOPORT && cc->type == ERIX_OBJ_IOPORT) { /* Issue */
		if (cc->first_port > cc->last_port || cc->first_port < pc->first_port ||
		    cc->last_port > pc->last_port)
			problem(c, "an IOPort range outside the one it was issued from");
		if (cc->rights & ~pc->rights)
			problem(c, "more rights than the IOPort it was issued from");
		return;
	}
	problem(c, "derived from a capability to another object, not an Untyped");
}

/* check_untyped: if u is an Untyped, the objects made from it do not
 * overlap. Retype only ever places an object past the watermark and adds
 * its capability at the head of the children, so the list runs from the
 * highest address down: each object must end where the one before it in
 * the list starts, or below. (Linear, and bounded against cycles.) */
static void check_untyped(const struct cte *u)
{
	if (u->cap.type != ERIX_OBJ_UNTYPED)
		return;
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

/* check_dying: every CNode on the dying list carries the mark and a
 * cursor inside its slots (cdt.h). The list may be non-empty between
 * calls: a call whose budget ran out while reaping left it so. */
static void check_dying(void)
{
	uint64_t n = 0;
	for (const struct cnode_header *h = cdt_dying_head; h; h = h->dying_next) {
		if (++n > CHECK_LIMIT) {
			problem(&cdt_root, "a cycle in the dying list");
			return;
		}
		if (h->dying_mark != h)
			problem((const struct cte *)h, "on the dying list without the dying mark");
		else if (h->radix > ERIX_CNODE_MAX_BITS || h->reap_next < 1 ||
			 h->reap_next > (1ull << h->radix))
			problem((const struct cte *)h, "a dying CNode's cursor is outside its slots");
	}
}

/* cdt_check: see cdt.h. A preorder walk that needs no stack: down by
 * first children, across by next siblings, up by parents. */
int cdt_check(void)
{
	problems = 0;
	cdt_check_error[0] = '\0';
	cdt_check_nodes = 0;
	check_dying();
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
		check_untyped(c);
		c = cdt_preorder_next(c);
	}
	return problems;
}
