/*
 * tests/captree.c: the grader's own derivation-tree checker (see captree.h).
 *
 * Every lab-3 test ends by checking the capability derivation tree. The
 * kernel has a checker of its own, cdt_check(), but it is code in the
 * kernel under test: a verdict must not rest on it. This file checks the
 * same rules from the raw slots alone (struct captree_slot, read through a
 * callback: GDB for a graded run, plain memory for the unit tests, which
 * run it beside the kernel's checker on the same trees), with object sizes
 * from the public ABI (erix/caps.h), and nothing else of the kernel's.
 *
 * The rules (kernel/include/cdt.h says why):
 *  - the links agree both ways (parent, first child, siblings), and the
 *    walk meets no slot twice (no cycles);
 *  - a capability derived from one to the same object has at most its
 *    rights, and keeps its badge once one is set;
 *  - an object retyped from an Untyped is aligned to its size and lies in
 *    the Untyped's used part, below a watermark that is inside the
 *    Untyped; the objects of one Untyped do not overlap;
 *  - an IRQHandler may hang under IRQControl; no other capability is
 *    derived from one to a different object;
 *  - no CNode is left on the dying list (the tests check once no thread
 *    runs, and the kernel finishes any reaping before it idles);
 *  - one rule the kernel's checker cannot afford: every capability sits in
 *    a slot of a live object, slots 1.. of a CNode or a TCB's own slots,
 *    of which the tree holds a capability. A revoke that never empties a
 *    destroyed CNode leaves capabilities that break it.
 *
 * The walk is a preorder walk without recursion, bounded: at most
 * CAPTREE_MAX_NODES capabilities, each seen once.
 */
#include "captree.h"

#include <erix/bootinfo.h>
#include <erix/caps.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOT_SIZE ((uint64_t)1 << ERIX_SLOT_BITS)

/* ---- object sizes, from the ABI ------------------------------------------ */


/* captree_object_bits: see captree.h. */
unsigned captree_object_bits(unsigned type, unsigned size_bits)
{
	return erix_object_bits(type, size_bits);
}

/* same_object: do capabilities a and b name the same object? (An Untyped
 * is never copied: it names the same object only as itself.) */
static bool same_object(const struct captree_slot *a, const struct captree_slot *b)
{
	return a->type == b->type && a->obj == b->obj && a->type != ERIX_OBJ_UNTYPED &&
	       a->type != ERIX_OBJ_NULL;
}

/* has_badge: Endpoints and Notifications carry a badge in word. */
static bool has_badge(const struct captree_slot *s)
{
	return s->type == ERIX_OBJ_ENDPOINT || s->type == ERIX_OBJ_NOTIFICATION;
}

/* ---- the walk's state ---------------------------------------------------- */

/* A place where slots may live: [start, end), one slot every SLOT_SIZE. */
struct home {
	uint64_t start, end;
};

struct walk {
	const struct captree_input *in;
	struct captree_verdict *v;
	uint64_t *seen;    /* open-addressing set of visited slot addresses */
	size_t seen_size;  /* a power of two, at least twice the visited */
	uint64_t *order;   /* the visited slots, in walk order */
	size_t norder, order_size;
	struct home *homes; /* slots of the CNodes and TCBs the tree names */
	size_t nhomes, homes_size;
	uint64_t *slot0s;  /* slot 0 of those CNodes (reserved) */
	size_t nslot0s, slot0s_size;
};

/* grow: make room for one more element in the array *a of *size elements
 * of elem bytes, n of them used (doubling); aborts when memory runs out. */
static void grow(void *a, size_t *size, size_t n, size_t elem)
{
	if (n < *size)
		return;
	size_t want = *size ? 2 * *size : 256;
	void *p = realloc(*(void **)a, want * elem);
	if (!p)
		abort();
	*(void **)a = p;
	*size = want;
}

/* seen_hash: where addr's search starts in a set of `size` entries. */
static size_t seen_hash(uint64_t addr, size_t size)
{
	return (size_t)((addr >> 6) * 0x9e3779b97f4a7c15ull) & (size - 1);
}

/* seen_insert: put addr (not 0) into the set; false if it was there. */
static bool seen_insert(uint64_t *set, size_t size, uint64_t addr)
{
	for (size_t i = seen_hash(addr, size);; i = (i + 1) & (size - 1)) {
		if (set[i] == addr)
			return false;
		if (set[i] == 0) {
			set[i] = addr;
			return true;
		}
	}
}

/* visit: record that the walk reached the slot at addr; false if it had
 * been there before (a cycle). */
static bool visit(struct walk *w, uint64_t addr)
{
	if (2 * (w->norder + 1) > w->seen_size) { /* rehash into twice the room */
		size_t size = w->seen_size ? 2 * w->seen_size : 1024;
		uint64_t *set = calloc(size, sizeof(*set));
		if (!set)
			abort();
		for (size_t i = 0; i < w->norder; i++)
			seen_insert(set, size, w->order[i]);
		free(w->seen);
		w->seen = set;
		w->seen_size = size;
	}
	if (!seen_insert(w->seen, w->seen_size, addr))
		return false;
	grow(&w->order, &w->order_size, w->norder, sizeof(*w->order));
	w->order[w->norder++] = addr;
	return true;
}

/* slot_name: how messages name the slot at addr: cdt_root, a root CNode
 * slot by its index, else by its address. */
static const char *slot_name(const struct walk *w, uint64_t addr, char *buf, size_t size)
{
	uint64_t rc = w->in->root_cnode;
	if (addr == w->in->root)
		snprintf(buf, size, "cdt_root");
	else if (rc && addr >= rc && addr - rc < (SLOT_SIZE << ERIX_ROOT_CNODE_BITS) &&
		 (addr - rc) % SLOT_SIZE == 0)
		snprintf(buf, size, "root slot %" PRIu64, (addr - rc) / SLOT_SIZE);
	else
		snprintf(buf, size, "the slot at 0x%" PRIx64, addr);
	return buf;
}

/* problem: count a broken rule at slot s; the first one is described in
 * the verdict, printf-style after the slot's name and type. */
static void problem(struct walk *w, const struct captree_slot *s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void problem(struct walk *w, const struct captree_slot *s, const char *fmt, ...)
{
	if (w->v->problems++ > 0)
		return;
	char name[64], what[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	slot_name(w, s->addr, name, sizeof(name));
	if (s->addr == w->in->root)
		snprintf(w->v->first, sizeof(w->v->first), "%s: %s", name, what);
	else
		snprintf(w->v->first, sizeof(w->v->first), "%s (%s): %s", name,
			 s->type < ERIX_OBJ_COUNT ? erix_object_name(s->type) : "a bad type", what);
}

/* read_slot: the slot at addr into *s; false (and *s empty, at addr) if
 * it cannot be read. Slots are 8-byte aligned (cdt_root) or 64 (the rest). */
static bool read_slot(struct walk *w, uint64_t addr, struct captree_slot *s)
{
	bool ok = addr != 0 && addr % 8 == 0 && w->in->read(w->in->ctx, addr, s, SLOT_SIZE);
	if (!ok)
		*s = (struct captree_slot){ 0 };
	s->addr = addr;
	return ok;
}

/* follow: read the slot a link of s points to; a link that cannot be read
 * is a problem (what names the link). */
static bool follow(struct walk *w, const struct captree_slot *s, uint64_t to, const char *what,
		 struct captree_slot *out)
{
	if (read_slot(w, to, out))
		return true;
	problem(w, s, "its %s link points to 0x%" PRIx64 ", which is no slot that can be read",
		what, to);
	return false;
}

/* ---- the rules ------------------------------------------------------------ */

/* check_links: s's links agree with its neighbours'. A tree whose links
 * are broken cannot be walked safely: the caller stops at the first. */
static bool check_links(struct walk *w, const struct captree_slot *s)
{
	int before = w->v->problems;
	struct captree_slot n;
	if (!s->parent) {
		problem(w, s, "no parent");
	} else if (s->prev) {
		if (follow(w, s, s->prev, "prev", &n) && n.next != s->addr)
			problem(w, s, "not in its parent's list of children");
	} else if (follow(w, s, s->parent, "parent", &n) && n.child != s->addr) {
		problem(w, s, "not in its parent's list of children");
	}
	if (s->next && follow(w, s, s->next, "next", &n) &&
	    (n.prev != s->addr || n.parent != s->parent))
		problem(w, s, "its next sibling does not link back");
	if (s->child && follow(w, s, s->child, "child", &n) && (n.parent != s->addr || n.prev))
		problem(w, s, "its first child does not link back");
	return w->v->problems == before;
}

/* check_derivation: the capability in c against the one in its parent p. */
static void check_derivation(struct walk *w, const struct captree_slot *c,
			     const struct captree_slot *p)
{
	if (c->type == ERIX_OBJ_NULL || c->type >= ERIX_OBJ_COUNT) {
		problem(w, c, "empty or bad type in the tree");
		return;
	}
	if (c->rights & ~ERIX_RIGHTS_ALL)
		problem(w, c, "rights outside ERIX_RIGHTS_ALL (0x%x)", c->rights);
	if (p->addr == w->in->root)
		return; /* a boot capability */
	if (same_object(c, p)) { /* a copy or a mint */
		if (c->rights & ~p->rights)
			problem(w, c, "more rights than the capability it was derived from "
				"(0x%x under 0x%x)", c->rights, p->rights);
		if (has_badge(p) && p->word && c->word != p->word)
			problem(w, c, "a badge different from its parent's (%" PRIu64 ", not %"
				PRIu64 ")", c->word, p->word);
		return;
	}
	if (p->type == ERIX_OBJ_UNTYPED) { /* made by retype */
		unsigned bits = captree_object_bits(c->type, c->bits);
		unsigned ubits = captree_object_bits(ERIX_OBJ_UNTYPED, p->bits);
		uint64_t size = bits ? 1ull << bits : 0;
		if (!bits || c->obj % size)
			problem(w, c, "a retyped object of a bad size or alignment (0x%" PRIx64
				", size_bits %u)", c->obj, c->bits);
		else if (c->obj < p->obj || c->obj - p->obj > p->word ||
			 size > p->word - (c->obj - p->obj))
			problem(w, c, "an object outside its Untyped's used part (0x%" PRIx64
				", the Untyped at 0x%" PRIx64 " used up to +0x%" PRIx64 ")",
				c->obj, p->obj, p->word);
		if (!ubits || p->word > 1ull << ubits)
			problem(w, p, "watermark past the end (0x%" PRIx64 " in 2^%u bytes)",
				p->word, p->bits);
		return;
	}
	if (p->type == ERIX_OBJ_IRQ_CONTROL && c->type == ERIX_OBJ_IRQ_HANDLER)
		return;
	if (p->type == ERIX_OBJ_IOPORT && c->type == ERIX_OBJ_IOPORT) { /* Issue */
		if (c->obj > c->word || c->obj < p->obj || c->word > p->word)
			problem(w, c, "an IOPort range [0x%" PRIx64 ", 0x%" PRIx64 "] outside "
				"[0x%" PRIx64 ", 0x%" PRIx64 "], which it was issued from",
				c->obj, c->word, p->obj, p->word);
		if (c->rights & ~p->rights)
			problem(w, c, "more rights than the IOPort it was issued from");
		return;
	}
	problem(w, c, "derived from a capability to another object, not an Untyped");
}

/* check_untyped: the objects made from the Untyped u do not overlap.
 * Retype only ever places an object past the watermark and adds its
 * capability at the head of the children, so the list runs from the
 * highest address down: each object must end where the one before it in
 * the list starts, or below. (A link that cannot be read ends the list
 * here; the walk reports it.) */
static void check_untyped(struct walk *w, const struct captree_slot *u)
{
	struct captree_slot a, prev = { 0 };
	bool have_prev = false;
	uint64_t n = 0;
	for (uint64_t at = u->child; at && n < CAPTREE_MAX_NODES && read_slot(w, at, &a);
	     at = a.next, n++) {
		unsigned bits = captree_object_bits(a.type, a.bits);
		if (!bits)
			continue; /* check_derivation reports it */
		if (have_prev && (a.obj >= prev.obj || (1ull << bits) > prev.obj - a.obj))
			problem(w, &a, "overlaps another object of its Untyped (or is out of "
				"order): 0x%" PRIx64 " + 2^%u, the next object at 0x%" PRIx64,
				a.obj, bits, prev.obj);
		prev = a;
		have_prev = true;
	}
}

/* add_homes: if s is a CNode or a TCB, its slots are a home for
 * capabilities (a CNode's from slot 1 on: slot 0 is reserved). */
static void add_homes(struct walk *w, const struct captree_slot *s)
{
	struct home h;
	if (s->type == ERIX_OBJ_CNODE && captree_object_bits(ERIX_OBJ_CNODE, s->bits)) {
		h = (struct home){ s->obj + SLOT_SIZE, s->obj + (SLOT_SIZE << s->bits) };
		grow(&w->slot0s, &w->slot0s_size, w->nslot0s, sizeof(*w->slot0s));
		w->slot0s[w->nslot0s++] = s->obj;
	} else if (s->type == ERIX_OBJ_TCB) {
		h = (struct home){ s->obj + w->in->tcb_slots,
				   s->obj + w->in->tcb_slots + SLOT_SIZE * w->in->tcb_nslots };
	} else {
		return;
	}
	grow(&w->homes, &w->homes_size, w->nhomes, sizeof(*w->homes));
	w->homes[w->nhomes++] = h;
}

/* home_order, addr_order: qsort's comparisons, by start address. */
static int home_order(const void *a, const void *b)
{
	const struct home *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int addr_order(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* check_homes: every visited slot is in a home (one of the input's extra
 * homes, or a CNode's or TCB's the tree names), at a slot boundary. */
static void check_homes(struct walk *w)
{
	const struct captree_input *in = w->in;
	for (int i = 0; i < in->nextra; i++) {
		grow(&w->homes, &w->homes_size, w->nhomes, sizeof(*w->homes));
		w->homes[w->nhomes++] = (struct home){ in->extra[i][0], in->extra[i][1] };
	}
	if (w->nhomes)
		qsort(w->homes, w->nhomes, sizeof(*w->homes), home_order);
	if (w->nslot0s)
		qsort(w->slot0s, w->nslot0s, sizeof(*w->slot0s), addr_order);
	/* reach[i]: the highest end among homes[0..i], so that an address
	 * is in a home iff it is below reach[] of the last home starting at
	 * or before it. */
	uint64_t *reach = malloc((w->nhomes + 1) * sizeof(*reach));
	if (!reach)
		abort();
	for (size_t i = 0; i < w->nhomes; i++)
		reach[i] = i && reach[i - 1] > w->homes[i].end ? reach[i - 1] : w->homes[i].end;
	for (size_t k = 0; k < w->norder; k++) {
		uint64_t a = w->order[k];
		size_t lo = 0, hi = w->nhomes; /* homes[0..lo) start at or before a */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (w->homes[mid].start <= a)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo > 0 && reach[lo - 1] > a && a % SLOT_SIZE == 0)
			continue;
		struct captree_slot s;
		read_slot(w, a, &s);
		if (w->nslot0s && bsearch(&a, w->slot0s, w->nslot0s, sizeof(a), addr_order))
			problem(w, &s, "in slot 0 of a CNode, which is reserved");
		else
			problem(w, &s, "in no slot of a live CNode or TCB (a destroyed CNode that "
				"was never emptied?)");
	}
	free(reach);
}

/* ---- the walk ------------------------------------------------------------- */

/* captree_check: see captree.h. Problems with the dying list and the
 * root come first, then the walk's in preorder, then misplaced slots. */
void captree_check(const struct captree_input *in, struct captree_verdict *v)
{
	struct walk w = { .in = in, .v = v };
	struct captree_slot root, s, p;
	*v = (struct captree_verdict){ 0 };
	if (!read_slot(&w, in->root, &root)) {
		problem(&w, &root, "cdt_root cannot be read");
		return;
	}
	if (in->dying_head)
		problem(&w, &root, "CNodes left on the dying list (head 0x%" PRIx64 ")",
			in->dying_head);
	bool complete = false;
	uint64_t c = root.child;
	if (c && follow(&w, &root, c, "child", &s) && (s.parent != in->root || s.prev))
		problem(&w, &s, "the root's first child does not link back");
	while (c) {
		if (w.norder >= CAPTREE_MAX_NODES) {
			problem(&w, &root, "more than %d capabilities in the tree",
				CAPTREE_MAX_NODES);
			goto stop;
		}
		if (!visit(&w, c)) {
			read_slot(&w, c, &s);
			problem(&w, &s, "a cycle in the tree: the walk comes back here");
			goto stop;
		}
		if (!read_slot(&w, c, &s)) {
			problem(&w, &s, "a link points here, but there is no slot to read");
			goto stop;
		}
		if (!check_links(&w, &s))
			goto stop;
		if (!read_slot(&w, s.parent, &p)) {
			problem(&w, &s, "its parent (0x%" PRIx64 ") cannot be read", s.parent);
			goto stop;
		}
		check_derivation(&w, &s, &p);
		if (s.type == ERIX_OBJ_UNTYPED)
			check_untyped(&w, &s);
		add_homes(&w, &s);
		/* Next in preorder: down, else across, else up and across. The
		 * parents going up were all visited on the way down (check_links
		 * saw that each child names its parent), so the climb ends at
		 * cdt_root; it is bounded all the same. */
		if (s.child) {
			c = s.child;
			continue;
		}
		for (size_t up = 0; s.addr != in->root && !s.next; up++) {
			if (up > w.norder || !read_slot(&w, s.parent, &s)) {
				problem(&w, &s, "the climb back to cdt_root is lost here");
				goto stop;
			}
		}
		c = s.addr == in->root ? 0 : s.next;
	}
	complete = true;
stop:
	v->nodes = w.norder;
	if (complete)
		check_homes(&w);
	free(w.seen);
	free(w.order);
	free(w.homes);
	free(w.slot0s);
}
