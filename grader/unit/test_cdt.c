/*
 * test_cdt.c: kernel/cdt.c, the capability derivation tree:
 * cdt_insert_child, cdt_move, cdt_is_final, cdt_remove_leaf, cdt_revoke,
 * cdt_delete, cdt_cnode_dying with cdt_reap, and cdt_check.
 *
 * object.c is not built for the host; this file has its fakes
 * (object_bits, object_create, cap_release, object_destroy, object_name).
 * They keep the kernel's contracts where cdt.c can see them: object_bits
 * is the ABI's (erix_object_bits), object_create of a CNode keeps the
 * radix in its header (slot 0, struct cnode_header), object_destroy of a
 * CNode calls cdt_cnode_dying. They record every release and destroy, so
 * the tests can count them.
 *
 * Objects are plain host memory from each test's arena (ARENA_BYTES,
 * aligned to its size): host CNodes (the kernel's own: slots for the
 * tests' capabilities, their capabilities in no tree) and Untyped memory.
 * The tests:
 *  - tree_nodes[], a small named tree built with cdt_insert_child; every
 *    node of it moved, revoked and deleted in turn, every leaf removed,
 *    and the whole tree checked against the table each time;
 *  - deep structures, run on a SMALL_STACK-byte thread so that recursion
 *    overflows the stack (the kernel's is 16 KiB): a chain of CHAIN copies
 *    revoked and deleted (chain_cases[]), NCNODES CNodes each holding the
 *    next one's original capability (cnode_chain_cases[]); each case twice,
 *    the second time with SMALL_BUDGET units of work per kernel entry, so
 *    that it is preempted and restarted thousands of times (as_call);
 *  - CNodes' contents going with them: a copy whose original is elsewhere,
 *    an Untyped kept in a CNode made from it, a CNode holding its own
 *    capability, cdt_reap of nested CNodes;
 *  - cdt_check on trees corrupted one way each (corrupt_cases[]);
 *  - R_STEPS random operations checked after every step against a model
 *    the test keeps itself, for R_SEEDS fixed seeds (the odd ones with a
 *    budget of `seed` units per kernel entry).
 *
 * Wherever cdt_check() runs, the grader's own checker (grader/tests/
 * captree.c, which judges lab 3 from the tree read through GDB) runs
 * too, on the same host tree, and must agree: nothing wrong in a good
 * tree, a problem (the same one first) in every corrupted one, and the
 * same number of capabilities visited. grader_only_cases[] are trees that
 * break a rule only the grader's checker can afford to check: a
 * capability outside every live CNode's slots.
 *
 * The grader's checker is told where the tests' host CNodes are
 * (host_homes[]): capabilities live there, in CNodes the tree does not
 * name, which in the kernel would be a problem.
 *
 * A kernel panic (a full slot given to cdt_insert_child, a removal of a
 * slot with children) ends the test through test_frame.c's host panic(),
 * with exit status 87.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "cdt.h"
#include "object.h"
#include "preempt.h"
#include "tests/captree.h"

#define KIB 1024ull
#define MIB (1024 * KIB)
#define ARENA_BYTES (4 * MIB)
#define SMALL_STACK (64 * KIB)
#define LOG_MAX 16384

/* ---- host fakes of object.c ---------------------------------------------- */

struct destroyed {
	unsigned type, bits;
	uintptr_t obj;
};

static struct destroyed destroy_log[LOG_MAX];
static unsigned ndestroyed; /* object_destroy calls (> LOG_MAX: some lost) */
static unsigned nreleased;  /* cap_release calls */

/* object_bits: the kernel's (object.c): the ABI's one definition. */
unsigned object_bits(unsigned type, unsigned size_bits)
{
	return erix_object_bits(type, size_bits);
}

/* object_create: the kernel's, less the TCB's and VSpace's set-up: zero
 * the object, return its original capability with all rights; a CNode's
 * capability gets guard_bits 64 - radix, its slot 0 the radix. */
struct cap object_create(unsigned type, unsigned size_bits, uintptr_t addr)
{
	EXPECT(object_bits(type, size_bits) != 0,
	       "object_create(%s, %u): not made from memory",
	       object_name(type), size_bits);
	memset((void *)addr, 0, 1ull << object_bits(type, size_bits));
	struct cap cap = { .type = (uint8_t)type, .rights = ALL, .obj = addr };
	if (type == ERIX_OBJ_UNTYPED || type == ERIX_OBJ_CNODE)
		cap.bits = (uint8_t)size_bits;
	if (type == ERIX_OBJ_CNODE) {
		cap.guard_bits = (uint8_t)(ERIX_WORD_BITS - size_bits);
		((struct cnode_header *)addr)->radix = size_bits;
	}
	return cap;
}

/* cap_release: counted. */
void cap_release(struct cap *c)
{
	(void)c;
	nreleased++;
}

/* object_destroy: recorded; a CNode goes on the dying list, as in the
 * kernel. */
void object_destroy(const struct cap *c)
{
	if (ndestroyed < LOG_MAX)
		destroy_log[ndestroyed] = (struct destroyed){ c->type, c->bits,
							      c->obj };
	ndestroyed++;
	if (c->type == ERIX_OBJ_CNODE)
		cdt_cnode_dying(cnode_header(c));
}

const char *object_name(unsigned type)
{
	return erix_object_name(type);
}

/* ---- the arena, the fixture and helpers ---------------------------------- */

static uint8_t *arena;       /* ARENA_BYTES, aligned to ARENA_BYTES */
static uint64_t arena_used;  /* bytes handed out by arena_take */

#define MAX_HOSTS 16
static uint64_t host_homes[MAX_HOSTS][2]; /* host CNodes' slots 1..: [start, end) */
static int nhost_homes;

static void cdt_setup(void)
{
	arena = aligned_alloc(ARENA_BYTES, ARENA_BYTES);
	EXPECT(arena != NULL, "no memory for the arena");
	memset(arena, 0, ARENA_BYTES);
	arena_used = 0;
	memset(&cdt_root, 0, sizeof(cdt_root));
	ndestroyed = nreleased = 0;
	nhost_homes = 0;
}

static void cdt_teardown(void)
{
	free(arena);
	arena = NULL;
}

/* arena_take: 2^bits fresh (zeroed) bytes of the arena, aligned to their
 * size. */
static uintptr_t arena_take(unsigned bits)
{
	uint64_t size = 1ull << bits, at = ALIGN_UP(arena_used, size);

	EXPECT(at + size <= ARENA_BYTES, "the arena's %llu bytes are used up",
	       ARENA_BYTES);
	arena_used = at + size;
	return (uintptr_t)arena + at;
}

/* host_cnode: a CNode of 2^radix slots made in the arena like
 * object_create makes one; the kernel's own: its capability is in no
 * tree. Returns its slots. */
static struct cte *host_cnode(unsigned radix)
{
	uintptr_t a = arena_take(object_bits(ERIX_OBJ_CNODE, radix));
	struct cap c = object_create(ERIX_OBJ_CNODE, radix, a);
	EXPECT(nhost_homes < MAX_HOSTS, "more than %d host CNodes", MAX_HOSTS);
	host_homes[nhost_homes][0] = a + sizeof(struct cte);
	host_homes[nhost_homes++][1] = a + (sizeof(struct cte) << radix);
	return cap_cnode_slots(&c);
}

/* boot_untyped: a boot Untyped of 2^bits fresh arena bytes into the empty
 * slot s, under cdt_root. Returns s. */
static struct cte *boot_untyped(struct cte *s, unsigned bits)
{
	cdt_insert_child(&cdt_root, s,
			 object_create(ERIX_OBJ_UNTYPED, bits, arena_take(bits)));
	return s;
}

/* retype: what untyped.c does: an object of this type and size at ut's
 * watermark rounded up to its size (it must fit), its original capability
 * into the empty slot dest as ut's newest child, the watermark past it.
 * Returns dest. */
static struct cte *retype(struct cte *ut, unsigned type, unsigned size_bits,
			  struct cte *dest)
{
	unsigned bits = object_bits(type, size_bits);
	uint64_t size = 1ull << bits, at = ALIGN_UP(ut->cap.word, size);

	EXPECT(ut->cap.type == ERIX_OBJ_UNTYPED && bits,
	       "retype: not an Untyped, or a bad type");
	EXPECT(at + size <= 1ull << ut->cap.bits,
	       "retype: a %s does not fit in the Untyped", object_name(type));
	cdt_insert_child(ut, dest,
			 object_create(type, size_bits, ut->cap.obj + at));
	ut->cap.word = at + size;
	return dest;
}

/* copy: cnode.c's copy: src's capability with rights src's & rights into
 * the empty slot dest, as src's newest child (a Frame's copy starts
 * unmapped). Returns dest. */
static struct cte *copy(struct cte *src, struct cte *dest, unsigned rights)
{
	struct cap c = src->cap;

	c.rights &= rights;
	bool mapping = c.type == ERIX_OBJ_FRAME || c.type == ERIX_OBJ_PAGE_TABLE;
	if (mapping) { /* the copy is not mapped anywhere */
		c.asid = 0;
		c.word = 0;
	}
	cdt_insert_child(src, dest, c);
	return dest;
}

/* mint: copy, and an Endpoint or Notification without a badge gets this
 * one (one with a badge keeps its own). Returns dest. */
static struct cte *mint(struct cte *src, struct cte *dest, unsigned rights,
			uint64_t badge)
{
	copy(src, dest, rights);
	if (cap_has_badge(&src->cap) && !src->cap.word)
		dest->cap.word = badge;
	return dest;
}

/* slot_clear: s is as cdt_remove_leaf leaves a slot: all zero. */
static bool slot_clear(const struct cte *s)
{
	static const struct cte zero;
	return memcmp(s, &zero, sizeof(zero)) == 0;
}

/* destroys_of: the object_destroy calls for this object. */
static unsigned destroys_of(unsigned type, unsigned bits, uintptr_t obj)
{
	unsigned n = 0;

	EXPECT(ndestroyed <= LOG_MAX, "the destroy log overflowed");
	for (unsigned i = 0; i < ndestroyed; i++)
		n += destroy_log[i].type == type && destroy_log[i].obj == obj &&
		     destroy_log[i].bits == bits;
	return n;
}

/* expect_destroyed_once: object_destroy was called exactly once for the
 * capability c's object. */
static void expect_destroyed_once(const char *what, const struct cap *c)
{
	unsigned n = destroys_of(c->type, c->bits, c->obj);
	EXPECT(n == 1, "%s: the %s at %#lx destroyed %u times, want once",
	       what, object_name(c->type), (unsigned long)c->obj, n);
}

/* expect_counts: nreleased and ndestroyed are as given. */
static void expect_counts(const char *what, unsigned released,
			  unsigned destroyed)
{
	EXPECT(nreleased == released, "%s: %u capabilities released, want %u",
	       what, nreleased, released);
	EXPECT(ndestroyed == destroyed, "%s: %u objects destroyed, want %u",
	       what, ndestroyed, destroyed);
}

/* host_read: the grader checker's way to read memory, here the host's. */
static bool host_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	(void)ctx;
	memcpy(buf, (const void *)(uintptr_t)addr, len);
	return true;
}

/* grader_check: the grader's checker (grader/tests/captree.c) on the
 * host tree: its verdict. */
static struct captree_verdict grader_check(void)
{
	struct captree_input in = {
		.read = host_read,
		.root = (uintptr_t)&cdt_root,
		.dying_head = (uintptr_t)cdt_dying_head,
		.extra = (const uint64_t(*)[2])host_homes,
		.nextra = nhost_homes,
	};
	struct captree_verdict v;

	captree_check(&in, &v);
	return v;
}

/* expect_check_ok: cdt_check() and the grader's checker find nothing,
 * each having visited `nodes` capabilities (-1: any number, the same). */
static void expect_check_ok(const char *what, long nodes)
{
	int n = cdt_check();
	EXPECT(n == 0, "%s: cdt_check() found %d problem(s), the first: %s",
	       what, n, cdt_check_error);
	EXPECT(nodes < 0 || cdt_check_nodes == (uint64_t)nodes,
	       "%s: cdt_check() visited %lu capabilities, want %ld", what,
	       (unsigned long)cdt_check_nodes, nodes);
	struct captree_verdict v = grader_check();
	EXPECT(v.problems == 0,
	       "%s: the grader's checker found %d problem(s), the first: %s",
	       what, v.problems, v.first);
	EXPECT(v.nodes == cdt_check_nodes,
	       "%s: the grader's checker visited %lu capabilities, "
	       "cdt_check() %lu",
	       what, (unsigned long)v.nodes, (unsigned long)cdt_check_nodes);
}

/* expect_dying_seen: a CNode is on the dying list, as between two calls
 * when a call's budget ran out while reaping: cdt_check() accepts it (the
 * list is well formed), the grader's checker, which checks only once the
 * kernel has finished all reaping, reports it. */
static void expect_dying_seen(const char *what)
{
	int n = cdt_check();
	EXPECT(n == 0, "%s: cdt_check() found %d problem(s), the first: %s",
	       what, n, cdt_check_error);
	struct captree_verdict v = grader_check();
	EXPECT(v.problems > 0 && strstr(v.first, "dying"),
	       "%s: the grader's checker says \"%s\", want the dying list", what,
	       v.problems ? v.first : "nothing");
}

/* expect_both_see: cdt_check() and the grader's checker both find a
 * problem, and describe it with `want` in it (NULL: anything). */
static void expect_both_see(const char *what, const char *want)
{
	int n = cdt_check();
	EXPECT(n > 0, "%s: cdt_check() found no problem", what);
	EXPECT(cdt_check_error[0] != '\0',
	       "%s: cdt_check() returned %d with an empty cdt_check_error",
	       what, n);
	EXPECT(!want || strstr(cdt_check_error, want),
	       "%s: cdt_check_error is \"%s\", want it to say \"%s\"", what,
	       cdt_check_error, want);
	struct captree_verdict v = grader_check();
	EXPECT(v.problems > 0, "%s: the grader's checker found no problem",
	       what);
	EXPECT(!want || strstr(v.first, want),
	       "%s: the grader's checker says \"%s\", want it to say \"%s\"",
	       what, v.first, want);
}

/* ---- the system call layer's part ----------------------------------------- */

/* The budget of each kernel entry the ops below get (0: unlimited), and
 * the entries the last op took. */
static uint64_t test_budget, test_entries;

/*
 * as_call: op(c) as a system call makes it (kernel/syscall.c): each kernel
 * entry has test_budget units of work (preempt.h); it reaps what earlier
 * entries left, then runs op, and runs again while op is preempted; the
 * reaping op leaves is done in the same entry's remaining budget, then in
 * more entries, as the next system calls (or the idle loop) would. A
 * restarted op whose c the reaping emptied is done, as in syscall.c.
 * Between entries the tree must pass cdt_check(): other calls run there.
 * Every
 * revoke and delete of this file goes through it, so every one of them
 * must be restartable. The budget is unlimited again afterwards.
 */
static void as_call(int (*op)(struct cte *), struct cte *c)
{
	int err;
	bool restarted = false;

	preempt_budget = test_budget ? test_budget : ~0ull;
	for (test_entries = 1;; test_entries++) {
		preempt_begin();
		err = cdt_reap();
		if (!err && restarted && cap_is_null(&c->cap))
			break; /* the reaping removed c: the call is done (syscall.c) */
		if (!err) {
			err = op(c);
			restarted |= err == -ERR_PREEMPTED;
		}
		if (err != -ERR_PREEMPTED)
			break;
		/* Between entries, other calls run: the tree must be whole. */
		EXPECT(cdt_check() == 0, "%s, stopped at a preemption point after %lu "
		       "entries: cdt_check() says: %s", op == cdt_revoke ? "cdt_revoke" : "cdt_delete",
		       (unsigned long)test_entries, cdt_check_error);
	}
	EXPECT(err == 0, "%s returned %d (0 or -ERR_PREEMPTED expected)",
	       op == cdt_revoke ? "cdt_revoke" : "cdt_delete", err);
	while (cdt_reap() == -ERR_PREEMPTED) {
		test_entries++;
		preempt_begin();
	}
	preempt_budget = ~0ull;
	preempt_begin();
}

/* expect_entries: the last op, which had at least `units` units of work,
 * took as many kernel entries as the budget needs (and one when it is
 * unlimited). */
static void expect_entries(const char *what, uint64_t units)
{
	if (!test_budget) {
		EXPECT(test_entries == 1, "%s: preempted %lu times with an unlimited budget",
		       what, (unsigned long)(test_entries - 1));
		return;
	}
	uint64_t need = (units + test_budget - 1) / test_budget;
	EXPECT(test_entries >= need,
	       "%s: %lu units of work done in %lu kernel entries of %lu units each: "
	       "the loop does not stop when preempt_point() says so",
	       what, (unsigned long)units, (unsigned long)test_entries,
	       (unsigned long)test_budget);
}

static void do_revoke(struct cte *c)
{
	as_call(cdt_revoke, c);
}

static void do_delete(struct cte *c)
{
	as_call(cdt_delete, c);
}

struct stack_call {
	void (*fn)(struct cte *);
	struct cte *c;
};

static void *stack_call_run(void *arg)
{
	struct stack_call *sc = arg;
	sc->fn(sc->c);
	return NULL;
}

/* on_small_stack: fn(c) on a thread whose stack is SMALL_STACK bytes: a
 * recursion as deep as the tree overflows it, which AddressSanitizer
 * reports ("stack-overflow"): an error of the test. */
static void on_small_stack(void (*fn)(struct cte *), struct cte *c)
{
	struct stack_call sc = { fn, c };
	pthread_attr_t attr;
	pthread_t t;

	ck_assert(pthread_attr_init(&attr) == 0);
	ck_assert(pthread_attr_setstacksize(&attr, SMALL_STACK) == 0);
	EXPECT(pthread_create(&t, &attr, stack_call_run, &sc) == 0,
	       "pthread_create failed");
	ck_assert(pthread_join(t, NULL) == 0);
	pthread_attr_destroy(&attr);
}

/* ---- a small named tree -------------------------------------------------- */

/*
 *   cdt_root
 *   |-- Q   IRQControl (boot)
 *   |   `-- Qh  IRQHandler 5
 *   `-- U   Untyped 2^12 (boot)
 *       |-- C   CNode, radix 2        (retyped; U's children newest
 *       |-- N   Notification           first: C, N, E)
 *       `-- E   Endpoint
 *           |-- D   copy, R
 *           |-- B   mint, R|W, badge 5
 *           |   |-- B2  copy, R
 *           |   `-- B1  copy, R|W
 *           |       `-- B1a copy, R
 *           `-- A   copy, R|W|G
 *
 * Node i lives in host slot i + 1 (where[i] follows it when it moves).
 * Each parent comes before its children in the table; children are made in
 * table order, so a parent's list of children is in reverse table order.
 */
enum how { BOOT, RETYPE, COPY, MINT, IRQ };

struct tree_node {
	const char *name;
	int parent; /* a node, or -1: cdt_root */
	enum how how;
	unsigned type, size_bits, rights;
	uint64_t badge; /* MINT: the badge; IRQ: the IRQ number */
};

enum {
	T_U, T_E, T_A, T_B, T_B1, T_B1A, T_B2, T_D, T_N, T_C, T_Q, T_QH,
	NNODES
};

static const struct tree_node tree_nodes[NNODES] = {
	[T_U] = { "U (boot Untyped)", -1, BOOT, ERIX_OBJ_UNTYPED, 12, ALL, 0 },
	[T_E] = { "E (Endpoint)", T_U, RETYPE, ERIX_OBJ_ENDPOINT, 0, ALL, 0 },
	[T_A] = { "A (copy of E)", T_E, COPY, 0, 0, R | W | G, 0 },
	[T_B] = { "B (mint of E, badge 5)", T_E, MINT, 0, 0, R | W, 5 },
	[T_B1] = { "B1 (copy of B)", T_B, COPY, 0, 0, R | W, 0 },
	[T_B1A] = { "B1a (copy of B1)", T_B1, COPY, 0, 0, R, 0 },
	[T_B2] = { "B2 (copy of B)", T_B, COPY, 0, 0, R, 0 },
	[T_D] = { "D (copy of E)", T_E, COPY, 0, 0, R, 0 },
	[T_N] = { "N (Notification)", T_U, RETYPE, ERIX_OBJ_NOTIFICATION, 0,
		  ALL, 0 },
	[T_C] = { "C (CNode)", T_U, RETYPE, ERIX_OBJ_CNODE, 2, ALL, 0 },
	[T_Q] = { "Q (boot IRQControl)", -1, BOOT, ERIX_OBJ_IRQ_CONTROL, 0,
		  ALL, 0 },
	[T_QH] = { "Qh (IRQHandler)", T_Q, IRQ, ERIX_OBJ_IRQ_HANDLER, 0, ALL,
		   5 },
};

static struct cte *host;          /* the host CNode the tree lives in */
static struct cte *where[NNODES]; /* each node's slot */
static struct cap made[NNODES];   /* each node's capability, as it should be */

/* node_final: the node is its object's original capability. */
static bool node_final(int i)
{
	return tree_nodes[i].how != COPY && tree_nodes[i].how != MINT;
}

/* node_below: node i is a descendant of node a (strictly). */
static bool node_below(int i, int a)
{
	for (int p = tree_nodes[i].parent; p >= 0; p = tree_nodes[p].parent)
		if (p == a)
			return true;
	return false;
}

/* node_slot: node i's slot, or cdt_root for -1. */
static struct cte *node_slot(int i)
{
	return i < 0 ? &cdt_root : where[i];
}

/* build_tree: the tree above, in host slots 1..NNODES of a radix-4 host
 * CNode (slot 15 stays empty); made[] records the capabilities. */
static void build_tree(void)
{
	host = host_cnode(4);
	for (int i = 0; i < NNODES; i++) {
		const struct tree_node *t = &tree_nodes[i];
		struct cte *s = where[i] = &host[i + 1], *p;
		struct cap cap = { .type = (uint8_t)t->type, .rights = ALL };

		ck_assert(t->parent < i);
		p = node_slot(t->parent);
		switch (t->how) {
		case BOOT:
			if (t->type == ERIX_OBJ_UNTYPED)
				boot_untyped(s, t->size_bits);
			else
				cdt_insert_child(p, s, cap);
			break;
		case RETYPE:
			retype(p, t->type, t->size_bits, s);
			break;
		case COPY:
			copy(p, s, t->rights);
			break;
		case MINT:
			mint(p, s, t->rights, t->badge);
			break;
		case IRQ:
			cap.obj = t->badge;
			cdt_insert_child(p, s, cap);
			break;
		}
	}
	for (int i = 0; i < NNODES; i++)
		made[i] = where[i]->cap;
}

/*
 * expect_tree: the tree is the table less the nodes gone[]: those slots
 * clear, every other node holding made[] under its table parent, every
 * list of children in reverse table order with its prev links right; then
 * cdt_check() finds nothing.
 */
static void expect_tree(const char *what, const bool gone[NNODES])
{
	int nlive = 0;

	for (int i = -1; i < NNODES; i++) {
		if (i >= 0 && gone[i]) {
			EXPECT(slot_clear(where[i]),
			       "%s: %s's slot not cleared (type %s)", what,
			       tree_nodes[i].name,
			       object_name(where[i]->cap.type));
			continue;
		}
		const char *name = i < 0 ? "cdt_root" : tree_nodes[i].name;
		struct cte *s = node_slot(i);
		if (i >= 0) {
			nlive++;
			EXPECT(memcmp(&s->cap, &made[i], sizeof(made[i])) == 0,
			       "%s: %s's capability changed (type %s, rights "
			       "%#x, word %#lx; want %s, %#x, %#lx)",
			       what, name, object_name(s->cap.type),
			       s->cap.rights, (unsigned long)s->cap.word,
			       object_name(made[i].type), made[i].rights,
			       (unsigned long)made[i].word);
			EXPECT(s->parent == node_slot(tree_nodes[i].parent),
			       "%s: %s's parent pointer is %p, want %p", what,
			       name, (void *)s->parent,
			       (void *)node_slot(tree_nodes[i].parent));
		}
		/* Its children: the table's, newest first. */
		const struct cte *c = s->child, *prev = NULL;
		for (int j = NNODES - 1; j >= 0; j--) {
			if (tree_nodes[j].parent != i || gone[j])
				continue;
			EXPECT(c == where[j],
			       "%s: %s's children: %p where %s (%p) should be",
			       what, name, (const void *)c, tree_nodes[j].name,
			       (void *)where[j]);
			EXPECT(c->prev == prev,
			       "%s: %s's prev link is %p, want %p", what,
			       tree_nodes[j].name, (const void *)c->prev,
			       (const void *)prev);
			prev = c;
			c = c->next;
		}
		EXPECT(c == NULL, "%s: %s has a child %p too many", what, name,
		       (const void *)c);
	}
	expect_check_ok(what, nlive);
}

/* expect_destroys: exactly the final nodes of gone[] were destroyed,
 * once each, and every node of gone[] released. */
static void expect_destroys(const char *what, const bool gone[NNODES])
{
	unsigned ngone = 0, nfinal = 0;

	for (int i = 0; i < NNODES; i++) {
		if (!gone[i])
			continue;
		ngone++;
		if (node_final(i)) {
			nfinal++;
			expect_destroyed_once(what, &made[i]);
		}
	}
	expect_counts(what, ngone, nfinal);
}

/* Building the tree with cdt_insert_child gives the table's shape. */
START_TEST(test_cdt_insert_child)
{
	static const bool none[NNODES];

	build_tree();
	expect_tree("the tree just built", none);
	expect_counts("the tree just built", 0, 0);
}
END_TEST

START_TEST(test_cdt_is_final)
{
	const struct tree_node *t = &tree_nodes[_i];

	build_tree();
	EXPECT(cdt_is_final(where[_i]) == node_final(_i),
	       "cdt_is_final(%s) is %s, want %s", t->name,
	       cdt_is_final(where[_i]) ? "true" : "false",
	       node_final(_i) ? "true" : "false");
}
END_TEST

/* Every node moved to the empty host slot 15: it keeps its place. */
START_TEST(test_cdt_move)
{
	static const bool none[NNODES];
	const struct tree_node *t = &tree_nodes[_i];
	char what[96];

	build_tree();
	snprintf(what, sizeof(what), "cdt_move of %s to an empty slot", t->name);
	struct cte *src = where[_i], *dest = &host[15];
	cdt_move(dest, src);
	EXPECT(slot_clear(src), "%s: the source slot is not cleared", what);
	EXPECT(dest->spare == 0, "%s: the destination's spare is %#lx", what,
	       (unsigned long)dest->spare);
	where[_i] = dest;
	expect_tree(what, none);
	expect_counts(what, 0, 0);

	/* And back, to a slot that was used before. */
	snprintf(what, sizeof(what), "cdt_move of %s there and back", t->name);
	cdt_move(src, dest);
	where[_i] = src;
	EXPECT(slot_clear(dest), "%s: the source slot is not cleared", what);
	expect_tree(what, none);
}
END_TEST

static const int leaves[] = { T_A, T_B1A, T_B2, T_D, T_N, T_C, T_QH };

START_TEST(test_cdt_remove_leaf)
{
	int leaf = leaves[_i];
	bool gone[NNODES] = { false };
	char what[96];

	gone[leaf] = true;
	build_tree();
	snprintf(what, sizeof(what), "cdt_remove_leaf(%s)",
		 tree_nodes[leaf].name);
	cdt_remove_leaf(where[leaf]);
	if (leaf == T_C) {
		struct cte *slots = cap_cnode_slots(&made[T_C]);
		EXPECT(((struct cnode_header *)slots)->dying_mark == (struct cnode_header *)slots,
		       "%s: the CNode is not on the dying list", what);
		expect_dying_seen(what);
		cdt_reap();
		EXPECT(!((struct cnode_header *)slots)->dying_mark &&
		       !((struct cnode_header *)slots)->dying_next,
		       "%s: cdt_reap left the empty CNode on the list", what);
	}
	expect_destroys(what, gone);
	expect_tree(what, gone);
}
END_TEST

/* Revoking each node removes its descendants only. */
START_TEST(test_cdt_revoke_node)
{
	bool gone[NNODES] = { false };
	char what[96];

	build_tree();
	snprintf(what, sizeof(what), "cdt_revoke(%s)", tree_nodes[_i].name);
	for (int i = 0; i < NNODES; i++)
		gone[i] = node_below(i, _i);
	do_revoke(where[_i]);
	if (made[_i].type == ERIX_OBJ_UNTYPED)
		made[_i].word = 0;
	expect_destroys(what, gone);
	expect_tree(what, gone);
}
END_TEST

/* Deleting each node removes it and its descendants. */
START_TEST(test_cdt_delete_node)
{
	bool gone[NNODES] = { false };
	char what[96];

	build_tree();
	snprintf(what, sizeof(what), "cdt_delete(%s)", tree_nodes[_i].name);
	for (int i = 0; i < NNODES; i++)
		gone[i] = i == _i || node_below(i, _i);
	do_delete(where[_i]);
	expect_destroys(what, gone);
	expect_tree(what, gone);
}
END_TEST

/* ---- deep structures ----------------------------------------------------- */

#define CHAIN 10000 /* copies in a chain, each of the one before */

/*
 * The chain: host slot 1 a boot Untyped U, slot 2 an Endpoint E retyped
 * from it, slots 3.. CHAIN copies, copy k of copy k - 1 (copy 0 of E), the
 * second half read only. Each row does op at `at` (-2: U, -1: E, k: copy
 * k) and names what must be left: E (or not), the copies before `keep`.
 */
enum op { REVOKE, DELETE };

struct chain_case {
	const char *name;
	enum op op;
	int at;
	bool keep_e;
	int keep; /* copies 0..keep-1 stay */
};

static const struct chain_case chain_cases[] = {
	{ "revoke E: every copy goes", REVOKE, -1, true, 0 },
	{ "delete E: every copy goes, and E", DELETE, -1, false, 0 },
	{ "revoke copy 5000: the copies below it go", REVOKE, 5000, true,
	  5001 },
	{ "delete copy 5000: it and the copies below go", DELETE, 5000, true,
	  5000 },
	{ "revoke copy 0: all other copies go", REVOKE, 0, true, 1 },
	{ "revoke the last copy: nothing goes", REVOKE, CHAIN - 1, true,
	  CHAIN },
	{ "revoke U: E and every copy go, the watermark is 0", REVOKE, -2,
	  false, 0 },
};

/* The budget per kernel entry of the second run of each case: small, so
 * that the ops are preempted, and run again, thousands of times. */
#define SMALL_BUDGET 7

START_TEST(test_cdt_chain)
{
	const int ncases = ARRAY_SIZE(chain_cases);
	const struct chain_case *c = &chain_cases[_i % ncases];
	test_budget = _i < ncases ? 0 : SMALL_BUDGET;
	struct cte *h = host_cnode(14);
	struct cte *u = boot_untyped(&h[1], 12);
	struct cte *e = retype(u, ERIX_OBJ_ENDPOINT, 0, &h[2]);
	struct cte *prev = e;
	struct cap ecap = e->cap, ucap = u->cap;
	char what[128];

	for (int k = 0; k < CHAIN; k++)
		prev = copy(prev, &h[3 + k], k < CHAIN / 2 ? ALL : R);
	expect_check_ok("the chain just built", CHAIN + 2);

	snprintf(what, sizeof(what), "chain of %d copies%s: %s", CHAIN,
		 test_budget ? ", 7 units per kernel entry" : "", c->name);
	struct cte *target = c->at == -2 ? u : c->at == -1 ? e : &h[3 + c->at];
	on_small_stack(c->op == REVOKE ? do_revoke : do_delete, target);

	int removed = CHAIN - c->keep + !c->keep_e;
	expect_entries(what, (uint64_t)(removed - (c->op == DELETE)));
	expect_counts(what, removed, !c->keep_e);
	if (!c->keep_e)
		expect_destroyed_once(what, &ecap);
	for (int k = 0; k < CHAIN; k++) {
		struct cte *s = &h[3 + k];
		if (k >= c->keep) {
			EXPECT(slot_clear(s), "%s: copy %d is left", what, k);
			continue;
		}
		EXPECT(s->parent == (k ? s - 1 : e) &&
			       s->child == (k + 1 < c->keep ? s + 1 : NULL),
		       "%s: copy %d's links changed", what, k);
	}
	if (c->keep_e)
		EXPECT(memcmp(&e->cap, &ecap, sizeof(ecap)) == 0 &&
			       e->parent == u &&
			       e->child == (c->keep ? &h[3] : NULL),
		       "%s: E changed", what);
	else
		EXPECT(slot_clear(e), "%s: E is left", what);
	EXPECT(u->cap.word == (c->at == -2 ? 0 : ucap.word),
	       "%s: U's watermark is %#lx", what, (unsigned long)u->cap.word);
	expect_check_ok(what, 1 + c->keep_e + c->keep);
}
END_TEST

#define NCNODES 2000

/*
 * The CNode chain: a boot Untyped U of 1 MiB in host slot 1; CNodes C0 ..
 * C1999 retyped from it, C0's original capability in host slot 2, C(k+1)'s
 * in slot 1 of Ck; in each Ck, slot 2 an Endpoint retyped from U and slot
 * 3 a copy of it. Every row ends with all of it gone.
 */
struct cnode_chain_case {
	const char *name;
	enum op op;
	bool at_u; /* the op is on U; else on C0's original capability */
};

static const struct cnode_chain_case cnode_chain_cases[] = {
	{ "delete C0's original capability", DELETE, false },
	{ "revoke U, which all were made from", REVOKE, true },
	{ "delete U", DELETE, true },
};

static uintptr_t chain_cnodes[NCNODES], chain_eps[NCNODES];

START_TEST(test_cdt_cnode_chain)
{
	const int ncases = ARRAY_SIZE(cnode_chain_cases);
	const struct cnode_chain_case *c = &cnode_chain_cases[_i % ncases];
	test_budget = _i < ncases ? 0 : SMALL_BUDGET;
	struct cte *h = host_cnode(2);
	struct cte *u = boot_untyped(&h[1], 20);
	struct cte *slot = &h[2];
	char what[128];

	for (int k = 0; k < NCNODES; k++) {
		retype(u, ERIX_OBJ_CNODE, 2, slot);
		struct cte *s = cap_cnode_slots(&slot->cap);
		chain_cnodes[k] = slot->cap.obj;
		struct cte *e = retype(u, ERIX_OBJ_ENDPOINT, 0, &s[2]);
		chain_eps[k] = e->cap.obj;
		copy(e, &s[3], R);
		slot = &s[1];
	}
	uint64_t watermark = u->cap.word;
	expect_check_ok("the CNode chain just built", 1 + 3 * NCNODES);

	snprintf(what, sizeof(what), "chain of %d CNodes%s: %s", NCNODES,
		 test_budget ? ", 7 units per kernel entry" : "", c->name);
	on_small_stack(c->op == REVOKE ? do_revoke : do_delete,
		       c->at_u ? u : &h[2]);
	/* At least: each CNode's three slots looked at while reaping. */
	expect_entries(what, 3 * NCNODES);

	bool u_gone = c->at_u && c->op == DELETE;
	expect_counts(what, 3 * NCNODES + u_gone, 2 * NCNODES + u_gone);
	for (int k = 0; k < NCNODES; k++) {
		struct cte *s = (struct cte *)chain_cnodes[k];
		EXPECT(destroys_of(ERIX_OBJ_CNODE, 2, chain_cnodes[k]) == 1,
		       "%s: CNode %d not destroyed exactly once", what, k);
		EXPECT(destroys_of(ERIX_OBJ_ENDPOINT, 0, chain_eps[k]) == 1,
		       "%s: the Endpoint in CNode %d not destroyed exactly once",
		       what, k);
		for (int i = 1; i < 4; i++)
			EXPECT(slot_clear(&s[i]),
			       "%s: slot %d of CNode %d is left", what, i, k);
		EXPECT(!((struct cnode_header *)s)->dying_mark &&
		       !((struct cnode_header *)s)->dying_next,
		       "%s: CNode %d left on the dying list", what, k);
	}
	EXPECT(slot_clear(&h[2]), "%s: C0's capability is left", what);
	if (u_gone) {
		EXPECT(slot_clear(u), "%s: U is left", what);
	} else {
		EXPECT(u->child == NULL, "%s: U has children left", what);
		EXPECT(u->cap.word == (c->op == REVOKE ? 0 : watermark),
		       "%s: U's watermark is %#lx", what,
		       (unsigned long)u->cap.word);
	}
	expect_check_ok(what, !u_gone);
}
END_TEST

/* ---- CNodes' contents ---------------------------------------------------- */

/* A CNode holding a copy of a capability whose original is elsewhere: the
 * copy (and what was derived from it, in or out of the CNode) goes with
 * the CNode; the original and its other copies stay. */
START_TEST(test_cdt_cnode_foreign_copy)
{
	const char *what = "delete of a CNode holding a copy of E";
	struct cte *h = host_cnode(3);
	struct cte *u = boot_untyped(&h[1], 12);
	struct cte *e = retype(u, ERIX_OBJ_ENDPOINT, 0, &h[2]);
	struct cte *cn = retype(u, ERIX_OBJ_CNODE, 2, &h[3]);
	struct cap cncap = cn->cap, ecap = e->cap;
	struct cte *s = cap_cnode_slots(&cn->cap);
	struct cte *in = copy(e, &s[1], R | W);
	struct cte *out = copy(in, &h[4], R); /* derived from the copy */
	struct cte *other = copy(e, &h[5], R);

	expect_check_ok("built", 6);
	do_delete(cn);
	expect_counts(what, 3, 1);
	expect_destroyed_once(what, &cncap);
	EXPECT(slot_clear(cn) && slot_clear(in) && slot_clear(out),
	       "%s: the CNode's capability, the copy in it or the copy "
	       "derived from that is left",
	       what);
	EXPECT(memcmp(&e->cap, &ecap, sizeof(ecap)) == 0 &&
		       e->child == other && other->next == NULL &&
		       other->prev == NULL,
	       "%s: E or its other copy changed", what);
	expect_check_ok(what, 3);
}
END_TEST

/* An Untyped kept in a CNode made from it: revoking the Untyped destroys
 * the CNode, and reaping the CNode deletes the Untyped itself; deleting
 * it must not let the reaping delete it before cdt_delete does. Loop:
 * _i is the op. */
START_TEST(test_cdt_untyped_in_own_cnode)
{
	const char *what = _i == REVOKE
				   ? "revoke of an Untyped kept in a CNode made "
				     "from it"
				   : "delete of an Untyped kept in a CNode made "
				     "from it";
	struct cte *h = host_cnode(2);
	struct cte *u = boot_untyped(&h[1], 12);
	struct cte *cn = retype(u, ERIX_OBJ_CNODE, 2, &h[2]);
	struct cte *s = cap_cnode_slots(&cn->cap);
	struct cap cncap = cn->cap;

	cdt_move(&s[1], u);
	u = &s[1];
	struct cap ucap = u->cap;
	struct cte *e = retype(u, ERIX_OBJ_ENDPOINT, 0, &h[3]);
	struct cap ecap = e->cap;
	expect_check_ok("built", 3);

	if (_i == REVOKE)
		do_revoke(u);
	else
		do_delete(u);
	expect_counts(what, 3, 3);
	expect_destroyed_once(what, &cncap);
	expect_destroyed_once(what, &ecap);
	expect_destroyed_once(what, &ucap);
	for (int i = 1; i < 4; i++)
		EXPECT(slot_clear(&h[i]) && slot_clear(&s[i]),
		       "%s: slot %d of the host CNode or the CNode is left",
		       what, i);
	EXPECT(cdt_root.child == NULL, "%s: cdt_root has children", what);
	expect_check_ok(what, 0);
}
END_TEST

/* A CNode holding its own original capability: deleting that empties it
 * and takes it off the dying list; the Untyped stays. */
START_TEST(test_cdt_cnode_holds_itself)
{
	const char *what = "delete of a CNode's capability kept in the CNode";
	struct cte *h = host_cnode(2);
	struct cte *u = boot_untyped(&h[1], 12);
	struct cte *cn = retype(u, ERIX_OBJ_CNODE, 3, &h[2]);
	struct cte *s = cap_cnode_slots(&cn->cap);
	struct cap cncap = cn->cap;

	cdt_move(&s[7], cn);
	struct cte *e = retype(u, ERIX_OBJ_ENDPOINT, 0, &s[1]);
	copy(&s[7], &h[3], R); /* a copy of the CNode's capability, outside */
	expect_check_ok("built", 4);

	do_delete(&s[7]);
	expect_counts(what, 3, 2);
	expect_destroyed_once(what, &cncap);
	EXPECT(slot_clear(&s[7]) && slot_clear(e) && slot_clear(&h[3]),
	       "%s: a capability is left", what);
	EXPECT(!((struct cnode_header *)s)->dying_mark && !((struct cnode_header *)s)->dying_next,
	       "%s: the CNode is left on the dying list", what);
	EXPECT(u->child == NULL && u->cap.word != 0,
	       "%s: U has children, or its watermark was reset", what);
	expect_check_ok(what, 1);
}
END_TEST

/* cdt_reap empties a dying CNode, and the CNodes that die while it does,
 * and takes them all off the list. */
START_TEST(test_cdt_reap_nested)
{
	const char *what = "cdt_reap after the CNode C1 lost its capability";
	struct cte *h = host_cnode(2);
	struct cte *u = boot_untyped(&h[1], 12);
	struct cte *c1 = retype(u, ERIX_OBJ_CNODE, 3, &h[2]);
	struct cte *s1 = cap_cnode_slots(&c1->cap);
	struct cap c1cap = c1->cap;
	struct cte *e = retype(u, ERIX_OBJ_ENDPOINT, 0, &s1[1]);
	struct cap ecap = e->cap;
	copy(e, &s1[7], R);
	struct cte *c2 = retype(u, ERIX_OBJ_CNODE, 2, &s1[2]);
	struct cap c2cap = c2->cap;
	struct cte *s2 = cap_cnode_slots(&c2->cap);
	struct cte *n = retype(u, ERIX_OBJ_NOTIFICATION, 0, &s2[3]);
	struct cap ncap = n->cap;
	expect_check_ok("built", 6);

	cdt_remove_leaf(c1); /* object_destroy: C1 goes on the dying list */
	EXPECT(((struct cnode_header *)s1)->dying_mark == (struct cnode_header *)s1,
	       "cdt_remove_leaf of a CNode's original capability: the "
	       "CNode is not on the dying list");
	expect_dying_seen("a CNode on the dying list");

	cdt_reap();
	expect_counts(what, 5, 4);
	expect_destroyed_once(what, &c1cap);
	expect_destroyed_once(what, &c2cap);
	expect_destroyed_once(what, &ecap);
	expect_destroyed_once(what, &ncap);
	for (int i = 0; i < 8; i++)
		EXPECT(i == 0 || slot_clear(&s1[i]),
		       "%s: slot %d of C1 is left", what, i);
	for (int i = 1; i < 4; i++)
		EXPECT(slot_clear(&s2[i]), "%s: slot %d of C2 is left", what,
		       i);
	EXPECT(!((struct cnode_header *)s1)->dying_mark && !((struct cnode_header *)s2)->dying_mark,
	       "%s: a CNode is left on the dying list", what);
	expect_check_ok(what, 1);
}
END_TEST

/* ---- cdt_check on corrupted trees ---------------------------------------- */

/*
 * Each row corrupts the named tree one way; cdt_check() must then count a
 * problem and describe it, the description containing `want` (NULL: any),
 * so that the problem found is the one made.
 */
struct corrupt_case {
	const char *name;
	void (*corrupt)(void);
	const char *want;
};

static void prev_cleared(void) { where[T_N]->prev = NULL; }
static void next_skips(void) { where[T_C]->next = where[T_E]; }
static void child_wrong_parent(void) { where[T_B2]->parent = where[T_E]; }
static void first_child_prev(void) { where[T_D]->prev = where[T_A]; }
static void root_child_prev(void) { where[T_Q]->prev = where[T_U]; }
static void more_rights(void) { where[T_B1A]->cap.rights = ALL; }
static void bad_rights(void) { where[T_D]->cap.rights = 0x8; }
static void badge_changed(void) { where[T_B2]->cap.word = 6; }
static void badge_cleared(void) { where[T_B1]->cap.word = 0; }
static void below_watermark(void) { where[T_U]->cap.word = 300; }
static void watermark_past_end(void) { where[T_U]->cap.word = 4096 + 64; }
static void overlap(void) { where[T_N]->cap.obj = where[T_E]->cap.obj; }
static void misaligned(void) { where[T_C]->cap.obj = made[T_U].obj + 576; }
static void other_object(void) { where[T_A]->cap.obj = made[T_U].obj + 128; }
static void empty_in_tree(void) { where[T_D]->cap.type = ERIX_OBJ_NULL; }
static void bad_type(void) { where[T_D]->cap.type = ERIX_OBJ_COUNT; }
static void irq_parent(void) { where[T_Q]->cap.type = ERIX_OBJ_IOPORT; }
static void dying_unmarked(void)
{
	struct cte *slots = cap_cnode_slots(&made[T_C]);
	cdt_remove_leaf(where[T_C]); /* on the dying list */
	((struct cnode_header *)slots)->dying_mark = NULL;
}
static void dying_cursor_out(void)
{
	struct cte *slots = cap_cnode_slots(&made[T_C]);
	cdt_remove_leaf(where[T_C]);
	((struct cnode_header *)slots)->reap_next = 5; /* radix 2: slots 0-3 */
}
static void untyped_copy(void) { copy(where[T_U], &host[15], ALL); }

static const struct corrupt_case corrupt_cases[] = {
	{ "a broken sibling link: N's prev cleared", prev_cleared, "sibling" },
	{ "a broken sibling link: C's next skips N", next_skips, "sibling" },
	{ "a first child whose parent pointer is wrong (B2's)",
	  child_wrong_parent, "first child" },
	{ "a first child with a prev link (D's)", first_child_prev,
	  "first child" },
	{ "cdt_root's first child with a prev link", root_child_prev, "root" },
	{ "a copy with more rights than its parent (B1a: R|W|G under R|W)",
	  more_rights, "more rights" },
	{ "rights outside ERIX_RIGHTS_ALL (D)", bad_rights, "rights outside" },
	{ "a badge changed (B2: 5 to 6)", badge_changed, "badge" },
	{ "a badge cleared (B1: 5 to 0)", badge_cleared, "badge" },
	{ "an object outside its Untyped's watermark (U: 512 to 300)",
	  below_watermark, "outside" },
	{ "a watermark past the Untyped's end", watermark_past_end,
	  "past the end" },
	{ "two overlapping objects of one Untyped (N on E)", overlap,
	  "overlaps" },
	{ "a retyped object misaligned (C at U + 576)", misaligned,
	  "alignment" },
	{ "a copy naming another object (A)", other_object, "another object" },
	{ "an empty capability in the tree (D)", empty_in_tree, "empty" },
	{ "a bad type in the tree (D)", bad_type, "bad type" },
	{ "an IRQHandler under an IOPort", irq_parent, "another object" },
	{ "a CNode on the dying list without the mark", dying_unmarked, "dying" },
	{ "a dying CNode's cursor past its slots", dying_cursor_out, "dying" },
	{ "a copy of an Untyped (two would share a watermark)", untyped_copy,
	  NULL },
};

START_TEST(test_cdt_check_corrupt)
{
	const struct corrupt_case *c = &corrupt_cases[_i];

	build_tree();
	expect_check_ok("the tree before it is corrupted", NNODES);
	c->corrupt();
	expect_both_see(c->name, c->want);
}
END_TEST

/*
 * Trees that keep every rule cdt_check() checks, but not the one only the
 * grader's checker checks: every capability sits in slots 1.. of a CNode
 * that the tree names (or of a TCB). cdt_check() must find nothing (this
 * is what the grader's own check adds), the grader's checker the problem.
 */
struct lost_case {
	const char *name;
	void (*lose)(void);
	const char *want;
};

/* never_reaped: C dies (its original deleted) with two capabilities in
 * it, and a kernel that never reaps takes it off the dying list: its
 * slots stay in the tree, in memory no live CNode owns. */
static void never_reaped(void)
{
	struct cte *slots = cap_cnode_slots(&made[T_C]);

	copy(where[T_E], &slots[1], R);
	copy(where[T_N], &slots[3], ALL);
	cdt_remove_leaf(where[T_C]);
	cdt_dying_head = NULL; /* the list forgotten, not reaped */
	((struct cnode_header *)slots)->dying_mark = NULL;
	((struct cnode_header *)slots)->dying_next = NULL;
}

/* in_slot_zero: a copy put into C's reserved slot 0. */
static void in_slot_zero(void)
{
	struct cte *slots = cap_cnode_slots(&made[T_C]);

	copy(where[T_E], &slots[0], R);
}

static const struct lost_case lost_cases[] = {
	{ "a destroyed CNode whose capabilities were never reaped",
	  never_reaped, "no slot of a live CNode" },
	{ "a capability in slot 0 of a CNode", in_slot_zero, "slot 0" },
};

START_TEST(test_grader_check_lost)
{
	const struct lost_case *c = &lost_cases[_i];

	build_tree();
	expect_check_ok("the tree before", NNODES);
	c->lose();
	int n = cdt_check();
	EXPECT(n == 0, "%s: cdt_check() found %d problem(s) (%s); this "
	       "test wants a tree only the grader's checker rejects",
	       c->name, n, cdt_check_error);
	struct captree_verdict v = grader_check();
	EXPECT(v.problems > 0 && strstr(v.first, c->want),
	       "%s: the grader's checker found %d problem(s) (\"%s\"), want "
	       "one that says \"%s\"",
	       c->name, v.problems, v.first, c->want);
}
END_TEST

START_TEST(test_cdt_check_empty)
{
	expect_check_ok("an empty tree", 0);
	EXPECT(cdt_check_error[0] == '\0',
	       "an empty tree: cdt_check_error is \"%s\"", cdt_check_error);
}
END_TEST

/* ---- random operations against a model ----------------------------------- */

/*
 * The pool: the slots of R_HOSTS host CNodes, and of every CNode whose
 * original capability is live. R_BOOTS boot Untyped regions of
 * 2^R_BOOT_BITS bytes, their capabilities under cdt_root. Each step is one
 * operation: a retype (Endpoint, Notification, Frame, CNode or a smaller
 * Untyped) from a live Untyped, a copy with narrowed rights, a mint with a
 * badge, a move, a delete, a revoke, or a new boot Untyped for a region
 * whose capability was deleted.
 *
 * The model, indexed by a slot's position in the arena: live, original,
 * parent (a slot, or ROOT) and the capability. A delete or revoke removes
 * the model's descendants, and, for every CNode whose original goes, its
 * live slots with their descendants, until nothing more goes. After each
 * step: what the model removed is clear, released once each, the originals
 * among it destroyed once each; every pool slot is live in the tree iff in
 * the model, with the model's parent and capability; cdt_check() finds
 * nothing and visits as many capabilities as the model has.
 */
#define R_SEEDS 8
#define R_STEPS 3000
#define R_HOSTS 4
#define R_HOST_RADIX 5
#define R_BOOTS 3
#define R_BOOT_BITS 16
#define R_SLOTS 4096 /* the model covers the arena's first R_SLOTS slots */
#define ROOT (-1)

struct mslot {
	bool live, orig;
	int parent; /* a slot, or ROOT */
	struct cap cap;
};

static struct mslot model[R_SLOTS];
static int host_at[R_HOSTS];      /* each host CNode's slot 0 */
static uintptr_t boot_at[R_BOOTS]; /* each boot region */
static int pool[R_SLOTS], npool;
static bool r_gone[R_SLOTS]; /* what this step's operation removes */
static uint64_t rng_state;
static unsigned r_seed;
static int r_step;
static int r_target; /* the slot this step deletes or revokes, or -1 */
static char r_what[160]; /* this step's operation */

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static struct cte *mslot_cte(int i) { return (struct cte *)arena + i; }

/* index_of: the model index of a slot (or CNode) at address a. */
static int index_of(uintptr_t a)
{
	long i = (long)(a - (uintptr_t)arena) / (long)sizeof(struct cte);

	EXPECT(i >= 0 && i < R_SLOTS,
	       "seed %u step %d: slot %#lx outside the model", r_seed, r_step,
	       (unsigned long)a);
	return (int)i;
}

/* pool_compute: the pool (see above), slot 0s left out. */
static void pool_compute(void)
{
	npool = 0;
	for (int h = 0; h < R_HOSTS; h++)
		for (int j = 1; j < 1 << R_HOST_RADIX; j++)
			pool[npool++] = host_at[h] + j;
	for (int i = 0; i < R_SLOTS; i++) {
		const struct mslot *m = &model[i];
		if (!m->live || !m->orig || m->cap.type != ERIX_OBJ_CNODE)
			continue;
		int base = index_of(m->cap.obj);
		for (int j = 1; j < 1 << m->cap.bits; j++)
			pool[npool++] = base + j;
	}
}

/* What pick() may want of a slot. Untyped capabilities are never copied. */
static bool p_free(int i) { return !model[i].live; }
static bool p_live(int i) { return model[i].live; }

static bool p_untyped(int i)
{
	return model[i].live && model[i].cap.type == ERIX_OBJ_UNTYPED;
}

static bool p_copyable(int i)
{
	return model[i].live && model[i].cap.type != ERIX_OBJ_UNTYPED;
}

static bool p_badged(int i)
{
	return model[i].live && cap_has_badge(&model[i].cap);
}

/* pick: a random pool slot for which want() holds, or -1. */
static int pick(bool (*want)(int))
{
	int n = 0, k;

	for (int i = 0; i < npool; i++)
		n += want(pool[i]);
	if (n == 0)
		return -1;
	k = (int)(rng() % n);
	for (int i = 0; i < npool; i++)
		if (want(pool[i]) && k-- == 0)
			return pool[i];
	return -1;
}

/* m_below: slot i is strictly below slot a in the model. */
static bool m_below(int i, int a)
{
	for (int p = model[i].parent; p != ROOT; p = model[p].parent)
		if (p == a)
			return true;
	return false;
}

/* m_doom: mark in r_gone[] what deleting x (self) or revoking it removes. */
static void m_doom(int x, bool self)
{
	static bool expanded[R_SLOTS];
	bool more = true;

	memset(expanded, 0, sizeof(expanded));
	for (int i = 0; i < R_SLOTS; i++)
		r_gone[i] = model[i].live && ((self && i == x) || m_below(i, x));
	while (more) {
		more = false;
		for (int i = 0; i < R_SLOTS; i++) {
			const struct mslot *m = &model[i];
			if (!r_gone[i] || expanded[i] || !m->orig ||
			    m->cap.type != ERIX_OBJ_CNODE)
				continue;
			expanded[i] = more = true;
			int base = index_of(m->cap.obj);
			for (int j = 1; j < 1 << m->cap.bits; j++) {
				int k = base + j;
				if (!model[k].live || r_gone[k])
					continue;
				r_gone[k] = true;
				for (int l = 0; l < R_SLOTS; l++)
					if (model[l].live && m_below(l, k))
						r_gone[l] = true;
			}
		}
	}
}

/* r_retype: a random object from a random live Untyped, if it fits. */
static bool r_retype(void)
{
	int u = pick(p_untyped), d = pick(p_free);
	if (u < 0 || d < 0)
		return false;
	struct cap *uc = &model[u].cap;
	unsigned type, sb = 0, r = (unsigned)(rng() % 10);
	if (r < 3)
		type = ERIX_OBJ_ENDPOINT;
	else if (r < 5)
		type = ERIX_OBJ_NOTIFICATION;
	else if (r < 6)
		type = ERIX_OBJ_FRAME;
	else if (r < 8)
		type = ERIX_OBJ_CNODE, sb = 2 + (unsigned)(rng() % 2);
	else if (uc->bits > ERIX_UNTYPED_MIN_BITS)
		type = ERIX_OBJ_UNTYPED,
		sb = ERIX_UNTYPED_MIN_BITS +
		     (unsigned)(rng() % (uc->bits - ERIX_UNTYPED_MIN_BITS));
	else
		type = ERIX_OBJ_ENDPOINT;
	uint64_t size = 1ull << object_bits(type, sb);
	uint64_t at = ALIGN_UP(uc->word, size);
	if (at + size > 1ull << uc->bits)
		return false;

	if (type == ERIX_OBJ_CNODE) {
		int base = index_of(uc->obj + at);
		for (int j = 0; j < 1 << sb; j++)
			EXPECT(!model[base + j].live,
			       "seed %u step %d: a CNode would be made over "
			       "the live slot %d (a bug of the test)",
			       r_seed, r_step, base + j);
	}
	snprintf(r_what, sizeof(r_what),
		 "retype a %s (size_bits %u) from slot %d into slot %d",
		 object_name(type), sb, u, d);
	retype(mslot_cte(u), type, sb, mslot_cte(d));
	model[d] = (struct mslot){
		.live = true, .orig = true, .parent = u,
		.cap = { .type = (uint8_t)type, .rights = ALL,
			 .bits = (uint8_t)sb,
			 .guard_bits = (uint8_t)(type == ERIX_OBJ_CNODE
							 ? ERIX_WORD_BITS - sb
							 : 0),
			 .obj = uc->obj + at },
	};
	uc->word = at + size;
	return true;
}

/* r_copy: a copy (badge 0) or a mint (a badge). */
static bool r_copy(bool badge)
{
	int s = pick(badge ? p_badged : p_copyable), d = pick(p_free);
	if (s < 0 || d < 0)
		return false;
	unsigned rights = (unsigned)(rng() % 8);
	uint64_t b = 1 + rng() % 1000;
	snprintf(r_what, sizeof(r_what),
		 "%s slot %d (%s) into slot %d, rights %#x",
		 badge ? "mint" : "copy", s, object_name(model[s].cap.type), d,
		 rights);
	if (badge)
		mint(mslot_cte(s), mslot_cte(d), rights, b);
	else
		copy(mslot_cte(s), mslot_cte(d), rights);
	model[d] = (struct mslot){ .live = true, .parent = s,
				   .cap = model[s].cap };
	model[d].cap.rights &= (uint8_t)rights;
	if (model[d].cap.type == ERIX_OBJ_FRAME)
		model[d].cap.word = 0, model[d].cap.asid = 0;
	if (badge && !model[d].cap.word)
		model[d].cap.word = b;
	return true;
}

/* r_move: a random live slot to a random empty one. */
static bool r_move(void)
{
	int s = pick(p_live), d = pick(p_free);
	if (s < 0 || d < 0)
		return false;
	snprintf(r_what, sizeof(r_what), "move slot %d (%s) to slot %d", s,
		 object_name(model[s].cap.type), d);
	cdt_move(mslot_cte(d), mslot_cte(s));
	model[d] = model[s];
	model[s] = (struct mslot){ 0 };
	for (int i = 0; i < R_SLOTS; i++)
		if (model[i].live && model[i].parent == s)
			model[i].parent = d;
	return true;
}

/* r_remove: a delete or a revoke (of an Untyped a quarter of the time). */
static bool r_remove(enum op op)
{
	int x = op == REVOKE && rng() % 4 == 0 ? pick(p_untyped) : -1;
	if (x < 0)
		x = pick(p_live);
	if (x < 0)
		return false;
	snprintf(r_what, sizeof(r_what), "%s slot %d (%s)",
		 op == DELETE ? "delete" : "revoke", x,
		 object_name(model[x].cap.type));
	r_target = x;
	m_doom(x, op == DELETE);
	if (op == DELETE)
		do_delete(mslot_cte(x));
	else
		do_revoke(mslot_cte(x));
	if (op == REVOKE && !r_gone[x] && model[x].cap.type == ERIX_OBJ_UNTYPED)
		model[x].cap.word = 0;
	return true;
}

/* r_boot: a boot Untyped for a region whose capability is gone. */
static bool r_boot(void)
{
	int k, d = pick(p_free);
	bool used[R_BOOTS] = { false };

	for (int i = 0; i < R_SLOTS; i++)
		for (k = 0; k < R_BOOTS; k++)
			used[k] |= model[i].live && model[i].parent == ROOT &&
				   model[i].cap.obj == boot_at[k];
	for (k = 0; k < R_BOOTS && used[k]; k++)
		;
	if (k == R_BOOTS || d < 0)
		return false;
	snprintf(r_what, sizeof(r_what), "boot Untyped %d into slot %d", k, d);
	struct cap c = { .type = ERIX_OBJ_UNTYPED, .rights = ALL,
			 .bits = R_BOOT_BITS, .obj = boot_at[k] };
	cdt_insert_child(&cdt_root, mslot_cte(d), c);
	model[d] = (struct mslot){ .live = true, .orig = true, .parent = ROOT,
				   .cap = c };
	return true;
}

/* r_check: the tree against the model after a step (see above). */
static void r_check(void)
{
	unsigned ngone = 0, nfinal = 0;
	int nlive = 0, npool_live = 0;

	for (int i = 0; i < R_SLOTS; i++) {
		if (!r_gone[i])
			continue;
		ngone++;
		EXPECT(cap_is_null(&mslot_cte(i)->cap),
		       "seed %u step %d (%s): slot %d, %s, still holds a "
		       "capability (%s)",
		       r_seed, r_step, r_what, i,
		       i == r_target		? "the target itself"
		       : m_below(i, r_target) ? "derived from the target"
					      : "in a CNode that went, or "
						"derived from a slot of one",
		       object_name(mslot_cte(i)->cap.type));
		if (model[i].orig) {
			nfinal++;
			unsigned n = destroys_of(model[i].cap.type,
						 model[i].cap.bits,
						 model[i].cap.obj);
			EXPECT(n == 1,
			       "seed %u step %d (%s): the %s of slot %d "
			       "destroyed %u times, want once",
			       r_seed, r_step, r_what,
			       object_name(model[i].cap.type), i, n);
		}
	}
	for (int i = 0; i < R_SLOTS; i++)
		if (r_gone[i])
			model[i] = (struct mslot){ 0 };
	EXPECT(nreleased == ngone && ndestroyed == nfinal,
	       "seed %u step %d (%s): %u released, %u destroyed; want "
	       "%u and %u",
	       r_seed, r_step, r_what, nreleased, ndestroyed, ngone,
	       nfinal);

	pool_compute();
	for (int k = 0; k < npool; k++) {
		int i = pool[k];
		const struct cte *s = mslot_cte(i);
		const struct mslot *m = &model[i];
		EXPECT(!cap_is_null(&s->cap) == m->live,
		       "seed %u step %d (%s): slot %d holds %s, want %s",
		       r_seed, r_step, r_what, i, object_name(s->cap.type),
		       object_name(m->cap.type));
		if (!m->live)
			continue;
		npool_live++;
		const struct cte *want = m->parent == ROOT ? &cdt_root
							   : mslot_cte(m->parent);
		EXPECT(s->parent == want,
		       "seed %u step %d (%s): slot %d's parent is %p, want "
		       "slot %d (-1: cdt_root), %p",
		       r_seed, r_step, r_what, i, (void *)s->parent, m->parent,
		       (const void *)want);
		EXPECT(memcmp(&s->cap, &m->cap, sizeof(m->cap)) == 0,
		       "seed %u step %d (%s): slot %d's %s has rights %#x, "
		       "obj %#lx, word %#lx; want %s, %#x, %#lx, %#lx",
		       r_seed, r_step, r_what, i, object_name(s->cap.type),
		       s->cap.rights, (unsigned long)s->cap.obj,
		       (unsigned long)s->cap.word, object_name(m->cap.type),
		       m->cap.rights, (unsigned long)m->cap.obj,
		       (unsigned long)m->cap.word);
	}
	for (int i = 0; i < R_SLOTS; i++)
		nlive += model[i].live;
	EXPECT(nlive == npool_live,
	       "seed %u step %d (%s): the model has live slots outside "
	       "the pool (test bug)",
	       r_seed, r_step, r_what);
	int problems = cdt_check();
	EXPECT(problems == 0,
	       "seed %u step %d (%s): cdt_check() found %d problem(s), "
	       "the first: %s",
	       r_seed, r_step, r_what, problems, cdt_check_error);
	EXPECT(cdt_check_nodes == (uint64_t)nlive,
	       "seed %u step %d (%s): cdt_check() visited %lu "
	       "capabilities, the model has %d",
	       r_seed, r_step, r_what, (unsigned long)cdt_check_nodes,
	       nlive);
	/* The grader's own checker (an independent second opinion on what
	 * cdt_check() just passed) on every 8th step and the last: it walks
	 * the same tree, and every step doubled the suite's time. */
	if (r_step % 8 != 7 && r_step != R_STEPS - 1)
		return;
	struct captree_verdict v = grader_check();
	EXPECT(v.problems == 0 && v.nodes == (uint64_t)nlive,
	       "seed %u step %d (%s): the grader's checker found %d "
	       "problem(s) in %lu capabilities (the model has %d), the "
	       "first: %s",
	       r_seed, r_step, r_what, v.problems, (unsigned long)v.nodes,
	       nlive, v.first);
}

enum r_op { R_RETYPE, R_COPY, R_MINT, R_MOVE, R_DELETE, R_REVOKE, R_BOOT,
	    R_OPS };

/* Each operation's share of the tries, in percent. */
static const unsigned r_weights[R_OPS] = {
	[R_RETYPE] = 32, [R_COPY] = 28, [R_MINT] = 8, [R_MOVE] = 14,
	[R_DELETE] = 10, [R_REVOKE] = 5, [R_BOOT] = 3,
};

/* r_choose: a random operation, by r_weights. */
static enum r_op r_choose(void)
{
	unsigned r = (unsigned)(rng() % 100), op = 0;

	while (op + 1 < R_OPS && r >= r_weights[op])
		r -= r_weights[op++];
	return (enum r_op)op;
}

/* r_try: do op on random slots, if it applies; false if it does not. */
static bool r_try(enum r_op op)
{
	switch (op) {
	case R_RETYPE:
		return r_retype();
	case R_COPY:
		return r_copy(false);
	case R_MINT:
		return r_copy(true);
	case R_MOVE:
		return r_move();
	case R_DELETE:
		return r_remove(DELETE);
	case R_REVOKE:
		return r_remove(REVOKE);
	default:
		return r_boot();
	}
}

START_TEST(test_cdt_random)
{
	r_seed = (unsigned)_i;
	rng_state = 0x9e3779b97f4a7c15ull * (r_seed + 1);
	test_budget = r_seed % 2 ? r_seed : 0; /* odd seeds: tiny budgets, many restarts */
	memset(model, 0, sizeof(model));
	for (int h = 0; h < R_HOSTS; h++)
		host_at[h] = index_of((uintptr_t)host_cnode(R_HOST_RADIX));
	for (int k = 0; k < R_BOOTS; k++)
		boot_at[k] = arena_take(R_BOOT_BITS);
	ck_assert(arena_used <= R_SLOTS * sizeof(struct cte));
	pool_compute();
	for (int k = 0; k < R_BOOTS; k++)
		ck_assert(r_boot());

	for (r_step = 0; r_step < R_STEPS; r_step++) {
		ndestroyed = nreleased = 0;
		memset(r_gone, 0, sizeof(r_gone));
		r_target = -1;
		pool_compute();
		for (int tries = 0;; tries++) {
			EXPECT(tries < 1000,
			       "seed %u step %d: no operation applies",
			       r_seed, r_step);
			if (r_try(r_choose()))
				break;
		}
		r_check();
	}
}
END_TEST

Suite *cdt_suite(void)
{
	Suite *s = suite_create("cdt");
	TCase *tc = tcase_create("named tree");

	tcase_add_checked_fixture(tc, cdt_setup, cdt_teardown);
	tcase_add_test(tc, test_cdt_insert_child);
	tcase_add_loop_test(tc, test_cdt_is_final, 0, NNODES);
	tcase_add_loop_test(tc, test_cdt_move, 0, NNODES);
	tcase_add_loop_test(tc, test_cdt_remove_leaf, 0, ARRAY_SIZE(leaves));
	tcase_add_loop_test(tc, test_cdt_revoke_node, 0, NNODES);
	tcase_add_loop_test(tc, test_cdt_delete_node, 0, NNODES);
	suite_add_tcase(s, tc);

	tc = tcase_create("deep structures");
	tcase_add_checked_fixture(tc, cdt_setup, cdt_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_cdt_chain, 0, 2 * ARRAY_SIZE(chain_cases));
	tcase_add_loop_test(tc, test_cdt_cnode_chain, 0,
			    2 * ARRAY_SIZE(cnode_chain_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("CNode contents");
	tcase_add_checked_fixture(tc, cdt_setup, cdt_teardown);
	tcase_add_test(tc, test_cdt_cnode_foreign_copy);
	tcase_add_loop_test(tc, test_cdt_untyped_in_own_cnode, REVOKE,
			    DELETE + 1);
	tcase_add_test(tc, test_cdt_cnode_holds_itself);
	tcase_add_test(tc, test_cdt_reap_nested);
	suite_add_tcase(s, tc);

	tc = tcase_create("cdt_check");
	tcase_add_checked_fixture(tc, cdt_setup, cdt_teardown);
	tcase_add_test(tc, test_cdt_check_empty);
	tcase_add_loop_test(tc, test_cdt_check_corrupt, 0,
			    ARRAY_SIZE(corrupt_cases));
	tcase_add_loop_test(tc, test_grader_check_lost, 0,
			    ARRAY_SIZE(lost_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("random operations");
	tcase_add_checked_fixture(tc, cdt_setup, cdt_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_cdt_random, 0, R_SEEDS);
	suite_add_tcase(s, tc);
	return s;
}
