/*
 * hidden/lab3_entry.c: hidden graded tests of lab 3's way into the kernel:
 * syscall_decode (Exercise 1), cspace_lookup (Exercise 2) and
 * user_check_range (Exercise 6).
 *
 * The public tests reach these functions through the root task's system
 * calls, with the inputs a test program happens to make. These tests stop
 * the kernel at ktest_ready, plant the inputs themselves (saved registers,
 * CNodes and their slots, whole page tables) in ktest_scratch and in
 * frames from frame_alloc(), call the student's function through GDB and
 * compare every result with the grader's own model of the handout's
 * requirements, written here. The rare cases come on every run: system
 * call numbers with high bits set, guards of 0 and 64 bits, depths 0 to
 * 65, ranges that wrap around or end at ERIX_USER_TOP.
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "../tests/lab3.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define DIRECT_MAP_BASE 0xffff800000000000ull /* kernel/include/memlayout.h */

/* boot_to_ready: a machine stopped at ktest_ready (boot done, frames and
 * page tables set up, no root task yet). */
static struct vm *boot_to_ready(void)
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	return vm;
}

/* expect_offset: the kernel's struct `type` has `field` at byte off (so
 * that what the grader plants is what the kernel reads). */
static void expect_offset(struct vm *vm, const char *type, const char *field, uint64_t off)
{
	uint64_t got = vm_eval(vm, "(unsigned long)&((struct %s *)0)->%s", type, field);
	ck_assert_msg(got == off, "grader: struct %s's %s is at byte %" PRIu64 ", not %" PRIu64,
		      type, field, got, off);
}

/* ---- syscall_decode ------------------------------------------------------ */

/* struct user_regs (arch/x86_64/uregs.h) and struct invocation
 * (invocation.h), as the grader writes and reads them. */
struct uregs_image {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rip, rflags, rsp;
};
struct inv_image {
	uint64_t nr, cptr, label, mr[4];
};

#define SD_REGS 0   /* struct user_regs, in ktest_scratch */
#define SD_INV 256  /* struct invocation */

/* check_decode_layout: the two structs are as the images above. */
static void check_decode_layout(struct vm *vm)
{
	static const char *const regs[] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi",
					    "rbp", "r8",  "r9",  "r10", "r11", "r12",
					    "r13", "r14", "r15", "rip", "rflags", "rsp" };
	ck_assert_msg(vm_eval(vm, "sizeof(struct user_regs)") == sizeof(struct uregs_image),
		      "grader: struct user_regs is not 18 words");
	for (unsigned i = 0; i < 18; i++)
		expect_offset(vm, "user_regs", regs[i], 8 * i);
	ck_assert_msg(vm_eval(vm, "sizeof(struct invocation)") == sizeof(struct inv_image),
		      "grader: struct invocation is not 7 words");
	expect_offset(vm, "invocation", "nr", 0);
	expect_offset(vm, "invocation", "cptr", 8);
	expect_offset(vm, "invocation", "label", 16);
	expect_offset(vm, "invocation", "mr", 24);
}

/* random_regs: every register a different random word; rdi, rsi and the
 * message registers with high bits set, so that a copy through 32 bits
 * or from the wrong register shows. */
static struct uregs_image random_regs(uint64_t rax)
{
	uint64_t w[18];
	for (int i = 0; i < 18; i++) {
		w[i] = grader_rand() | (uint64_t)1 << grader_rand_range(33, 63);
		for (int j = 0; j < i; j++)
			if (w[j] == w[i])
				w[i] ^= 0x5555; /* distinct, whatever the draw */
	}
	struct uregs_image r;
	memcpy(&r, w, sizeof(r));
	r.rax = rax;
	return r;
}

GRADER_TEST(lab3_decode_planted, .lab = 3, .points = 5, .limit = 60, .hidden = true,
	    .covers = "kernel/syscall_decode.c",
	    .title = "syscall_decode on planted registers: numbers 0, END, high bits, 2^64-1; every field, every time")
{
	struct vm *vm = boot_to_ready();
	check_decode_layout(vm);
	/* The numbers: each valid one; 0 and ERIX_SYS_END; a valid number
	 * with a high bit set (in each half), the sign bit, all ones. */
	uint64_t nrs[40];
	int n = 0;
	for (uint64_t k = 1; k < ERIX_SYS_END; k++)
		nrs[n++] = k;
	const uint64_t fixed[] = {
		0,
		ERIX_SYS_END,
		ERIX_SYS_END + 1,
		1 | (uint64_t)1 << 32,
		(ERIX_SYS_END - 1) | (uint64_t)1 << 32,
		2 | (uint64_t)1 << grader_rand_range(33, 62),
		(uint64_t)1 << 32,
		(uint64_t)1 << 63,
		1 | (uint64_t)1 << 63,
		~(uint64_t)0,
		~(uint64_t)0 - (uint64_t)grader_rand_range(1, 100),
		0xffffffff,
		(uint64_t)grader_rand_range(ERIX_SYS_END + 2, 1000000),
	};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		nrs[n++] = fixed[i];
	for (int i = 0; i < 6; i++)
		nrs[n++] = grader_rand();

	uint64_t regs_at = erix_scratch(vm, SD_REGS), inv_at = erix_scratch(vm, SD_INV);
	for (int i = 0; i < n; i++) {
		struct uregs_image r = random_regs(nrs[i]), r_after;
		struct inv_image canary, got;
		for (int k = 0; k < 7; k++)
			((uint64_t *)&canary)[k] = grader_rand();
		vm_write(vm, regs_at, &r, sizeof(r));
		vm_write(vm, inv_at, &canary, sizeof(canary));
		int64_t ret = (int64_t)vm_eval(vm, "(long)syscall_decode((const struct user_regs *)0x%"
					       PRIx64 ", (struct invocation *)0x%" PRIx64 ")",
					       regs_at, inv_at);
		vm_read(vm, inv_at, &got, sizeof(got));
		vm_read(vm, regs_at, &r_after, sizeof(r_after));

		/* The model: the handout's Exercise 1. */
		bool valid = nrs[i] >= 1 && nrs[i] < ERIX_SYS_END;
		int64_t want = valid ? 0 : -ERR_NO_SYSCALL;
		struct inv_image w = { r.rax, r.rdi, r.rsi, { r.rdx, r.r10, r.r8, r.r9 } };

		ck_assert_msg(ret == want, "syscall_decode with rax = 0x%" PRIx64 " returned %s, not %s",
			      nrs[i], lab3_error_name(ret), lab3_error_name(want));
		static const char *const names[] = { "nr (rax)", "cptr (rdi)", "label (rsi)",
						     "mr[0] (rdx)", "mr[1] (r10)", "mr[2] (r8)",
						     "mr[3] (r9)" };
		for (int k = 0; k < 7; k++) {
			uint64_t g = ((uint64_t *)&got)[k], e = ((uint64_t *)&w)[k];
			ck_assert_msg(g == e, "syscall_decode with rax = 0x%" PRIx64 " (%s): inv->%s "
				      "is 0x%" PRIx64 ", not 0x%" PRIx64 "%s", nrs[i],
				      valid ? "a system call" : "no system call", names[k], g, e,
				      g == ((uint64_t *)&canary)[k] ? " (left unwritten: *inv "
				      "must be filled in both cases)" : "");
		}
		ck_assert_msg(memcmp(&r, &r_after, sizeof(r)) == 0, "syscall_decode with rax = 0x%"
			      PRIx64 " changed the saved registers", nrs[i]);
	}
}

/* ---- cspace_lookup ------------------------------------------------------- */

/* struct cap and struct cte (cap.h), as the grader plants them. */
struct cap_image {
	uint8_t type, rights, bits, guard_bits;
	uint32_t asid;
	uint64_t obj, word;
};
struct cte_image {
	struct cap_image cap;
	uint64_t parent, child, prev, next, spare;
};
_Static_assert(sizeof(struct cap_image) == 24 && sizeof(struct cte_image) == 64,
	       "grader: cap images");

#define CS_ROOT 0     /* the root capability, in ktest_scratch */
#define CS_OUT 64     /* struct cte *: where the lookup puts its answer */
#define CS_FRAMES 4   /* planted CNodes, one frame (64 slots) each */
#define SLOTS 64      /* slots in a frame */

/* A planted CNode: one frame of 64 slots, the window [first, first + 64)
 * of a CNode of 2^radix slots whose slot 0 would be at obj. Slots outside
 * the window are never planted: the cases never go through them. */
struct pcnode {
	uint64_t frame;                /* the frame's kernel address */
	uint64_t first;                /* the index of the frame's first slot */
	struct cte_image slot[SLOTS];  /* what the grader writes there */
};

struct cspace_world {
	struct pcnode node[CS_FRAMES];
};

/* cnode_cap: a CNode capability for node nd of world w, with guard_bits
 * bits of guard `guard` and radix bits of index. */
static struct cap_image cnode_cap(const struct cspace_world *w, int nd, unsigned guard_bits,
				  uint64_t guard, unsigned radix)
{
	return (struct cap_image){ .type = ERIX_OBJ_CNODE, .rights = ERIX_RIGHTS_ALL,
				   .bits = (uint8_t)radix, .guard_bits = (uint8_t)guard_bits,
				   .obj = w->node[nd].frame - 64 * w->node[nd].first,
				   .word = guard };
}

/* slot_image: the planted contents of the slot at kernel address addr, or
 * NULL if the grader planted nothing there. */
static const struct cte_image *slot_image(const struct cspace_world *w, uint64_t addr)
{
	for (int i = 0; i < CS_FRAMES; i++)
		if (addr >= w->node[i].frame && addr < w->node[i].frame + 64 * SLOTS)
			return &w->node[i].slot[(addr - w->node[i].frame) / 64];
	return NULL;
}

/* Results of the model besides 0 and -ERR_*: the case reads a slot the
 * grader did not plant (the case is not used). */
#define MODEL_UNKNOWN 1

/* bits_of: the n bits of w just below bit `end` (n <= end <= 64; n may be
 * 0 or 64), without shifting by 64. */
static uint64_t bits_of(uint64_t w, unsigned end, unsigned n)
{
	if (n == 0)
		return 0;
	uint64_t v = w >> (end - n);
	return n == 64 ? v : v & (((uint64_t)1 << n) - 1);
}

/*
 * model_lookup: the grader's own lookup of cptr's lowest depth bits from
 * root, from the handout (Part 3, Exercise 2) and cspace.h: returns 0 and
 * sets *slot, -ERR_* in the order cspace.h lists, or MODEL_UNKNOWN.
 */
static int64_t model_lookup(const struct cspace_world *w, struct cap_image root, uint64_t cptr,
			    uint64_t depth, uint64_t *slot)
{
	if (root.type != ERIX_OBJ_CNODE)
		return -ERR_INVALID_ROOT;
	if (depth < 1 || depth > 64)
		return -ERR_DEPTH;
	struct cap_image cap = root;
	unsigned left = (unsigned)depth;
	for (;;) {
		if ((unsigned)cap.guard_bits + cap.bits > left)
			return -ERR_DEPTH;
		if (bits_of(cptr, left, cap.guard_bits) != cap.word)
			return -ERR_GUARD;
		left -= cap.guard_bits;
		uint64_t index = bits_of(cptr, left, cap.bits);
		left -= cap.bits;
		if (index == 0)
			return -ERR_INVALID;
		uint64_t at = cap.obj + 64 * index;
		if (left == 0) {
			*slot = at;
			return 0;
		}
		const struct cte_image *s = slot_image(w, at);
		if (!s)
			return MODEL_UNKNOWN;
		if (s->cap.type == ERIX_OBJ_NULL)
			return -ERR_EMPTY_SLOT;
		if (s->cap.type != ERIX_OBJ_CNODE)
			return -ERR_DEPTH;
		cap = s->cap;
	}
}

/* cap_text: a capability, for messages. */
static const char *cap_text(struct cap_image c)
{
	static char buf[4][96];
	static int k;
	char *b = buf[k++ % 4];
	snprintf(b, 96, "{type %u, guard_bits %u, guard 0x%" PRIx64 ", radix %u}", c.type,
		 c.guard_bits, c.word, c.bits);
	return b;
}

/* lookup_case: call the kernel's cspace_lookup(root, cptr, depth) on the
 * planted world and compare with the model; what says what the case is.
 * Returns false (and checks nothing) when the model cannot tell. */
static bool lookup_case(struct vm *vm, const struct cspace_world *w, struct cap_image root,
			uint64_t cptr, uint64_t depth, const char *what)
{
	uint64_t want_slot = 0;
	int64_t want = model_lookup(w, root, cptr, depth, &want_slot);
	if (want == MODEL_UNKNOWN)
		return false;
	uint64_t root_at = erix_scratch(vm, CS_ROOT), out_at = erix_scratch(vm, CS_OUT);
	uint64_t sentinel = 0xdead000000000000ull | (grader_rand() & 0xffffff) << 6;
	vm_write(vm, root_at, &root, sizeof(root));
	vm_write(vm, out_at, &sentinel, sizeof(sentinel));
	int64_t got = (int64_t)vm_eval(vm, "(long)cspace_lookup((const struct cap *)0x%" PRIx64
				       ", 0x%" PRIx64 "ul, %" PRIu64 "u, (struct cte **)0x%" PRIx64
				       ")", root_at, cptr, depth, out_at);
	char wants[32];
	snprintf(wants, sizeof(wants), "%s", lab3_error_name(want));
	ck_assert_msg(got == want, "cspace_lookup(root %s, cptr 0x%" PRIx64 ", depth %" PRIu64
		      ") [%s] returned %s, not %s", cap_text(root), cptr, depth, what,
		      lab3_error_name(got), wants);
	if (want == 0) {
		uint64_t slot;
		vm_read(vm, out_at, &slot, sizeof(slot));
		ck_assert_msg(slot == want_slot, "cspace_lookup(root %s, cptr 0x%" PRIx64 ", depth %"
			      PRIu64 ") [%s] set *slot to 0x%" PRIx64 ", not 0x%" PRIx64
			      " (slot %" PRId64 " of the CNode it ends in, counted from there)",
			      cap_text(root), cptr, depth, what, slot, want_slot,
			      (int64_t)(slot - want_slot) / 64);
	}
	return true;
}

/* plant_world: write every planted CNode's frame into the kernel. */
static void plant_world(struct vm *vm, const struct cspace_world *w)
{
	for (int i = 0; i < CS_FRAMES; i++)
		vm_write(vm, w->node[i].frame, w->node[i].slot, sizeof(w->node[i].slot));
}

/* A level of a planted CSpace: its CNode capability's shape. */
struct level {
	unsigned guard_bits, radix;
	uint64_t guard;
};

/* rand_level: a level of `g` guard bits (a random nonzero guard when
 * g > 0) and radix r. */
static struct level rand_level(unsigned g, unsigned r)
{
	uint64_t guard = g == 0 ? 0 : bits_of(grader_rand(), 64, g);
	if (g > 0 && guard == 0)
		guard = 1;
	return (struct level){ g, r, guard };
}

/* window_index: a random index of node nd's window that is not 0. */
static uint64_t window_index(const struct cspace_world *w, int nd, unsigned radix)
{
	uint64_t lo = w->node[nd].first, hi = lo + SLOTS - 1;
	if (hi >= ((uint64_t)1 << radix))
		hi = ((uint64_t)1 << radix) - 1;
	if (lo == 0)
		lo = 1;
	return (uint64_t)grader_rand_range((int64_t)lo, (int64_t)hi);
}

/* path_cptr: the CPtr that takes index[0..n-1] through levels lv[0..n-1]
 * (guards matching), with random bits above the bits used. Sets *depth to
 * the bits used. */
static uint64_t path_cptr(const struct level *lv, const uint64_t *index, int n, uint64_t *depth)
{
	unsigned used = 0;
	for (int i = 0; i < n; i++)
		used += lv[i].guard_bits + lv[i].radix;
	uint64_t c = used == 64 ? 0 : grader_rand() << used;
	unsigned at = used;
	for (int i = 0; i < n; i++) {
		at -= lv[i].guard_bits;
		if (lv[i].guard_bits)
			c |= lv[i].guard << at;
		at -= lv[i].radix;
		if (lv[i].radix)
			c |= index[i] << at;
	}
	*depth = used;
	return c;
}

/*
 * One planted CSpace of three levels: node 0 (the root's), whose slot
 * idx[0] holds a CNode capability (level 2) for node 1, whose slot idx[1]
 * holds one (level 3) for node 2. Node 0 also holds an empty slot and a
 * slot of another type dressed as a CNode (it names node 3, with a CNode's
 * bits, guard and rights); so does node 1. Node 3 holds CNode capabilities
 * everywhere, so that a lookup that wrongly goes on finds something.
 */
struct shape {
	struct level lv[3];
	uint64_t idx[3];            /* the path's index at each level */
	uint64_t empty[2], other[2]; /* in nodes 0 and 1 */
};

/* build_world: plant shape s in world w (frames already set). */
static void build_world(struct cspace_world *w, struct shape *s)
{
	for (int i = 0; i < CS_FRAMES; i++) {
		memset(w->node[i].slot, 0, sizeof(w->node[i].slot));
		w->node[i].first = 0;
	}
	/* Windows: the frame is slots [first, first + 64) of the CNode. */
	for (int i = 0; i < 3; i++) {
		unsigned r = s->lv[i].radix;
		if (r > 6)
			w->node[i].first = (uint64_t)grader_rand_range(0, ((int64_t)1 << r) - SLOTS);
	}
	for (int i = 0; i < 3; i++)
		s->idx[i] = window_index(w, i, s->lv[i].radix);
	for (int i = 0; i < 2; i++) {
		do
			s->empty[i] = window_index(w, i, s->lv[i].radix);
		while (s->empty[i] == s->idx[i]);
		do
			s->other[i] = window_index(w, i, s->lv[i].radix);
		while (s->other[i] == s->idx[i] || s->other[i] == s->empty[i]);
	}
	/* Node 3 (never reached by a right lookup): CNode capabilities that
	 * point back at node 3, guard 0, radix 6. */
	for (int k = 1; k < SLOTS; k++)
		w->node[3].slot[k].cap = cnode_cap(w, 3, 0, 0, 6);
	static const uint8_t others[] = { ERIX_OBJ_UNTYPED, ERIX_OBJ_TCB, ERIX_OBJ_ENDPOINT,
					  ERIX_OBJ_FRAME, ERIX_OBJ_PAGE_TABLE, ERIX_OBJ_NOTIFICATION };
	for (int i = 0; i < 3; i++) {
		struct pcnode *nd = &w->node[i];
		/* Every other slot of the window: a CNode capability into node
		 * 3, so that an index off by one does not land on nothing. */
		for (int k = 0; k < SLOTS; k++)
			if ((k + nd->first) % 3 == 1)
				nd->slot[k].cap = cnode_cap(w, 3, 0, 0, 6);
		if (i < 2) {
			const struct level *next = &s->lv[i + 1];
			nd->slot[s->idx[i] - nd->first].cap =
				cnode_cap(w, i + 1, next->guard_bits, next->guard, next->radix);
			nd->slot[s->empty[i] - nd->first].cap = (struct cap_image){ 0 };
			struct cap_image o = cnode_cap(w, 3, 0, 0, 6);
			o.type = others[grader_rand_range(0, 5)];
			nd->slot[s->other[i] - nd->first].cap = o;
		} else {
			nd->slot[s->idx[i] - nd->first].cap = (struct cap_image){ 0 }; /* ends empty */
		}
	}
}

/* run_shape: the cases of one shape: the three paths, with random bits
 * above; each depth from 0 to 65 (and 128) on the longest; each error at
 * each level; random bit flips. Returns the number of cases checked. */
static int run_shape(struct vm *vm, struct cspace_world *w, struct shape *s, int nlevels,
		     bool sweep, const char *name)
{
	plant_world(vm, w);
	struct cap_image root = cnode_cap(w, 0, s->lv[0].guard_bits, s->lv[0].guard,
					  s->lv[0].radix);
	int checked = 0;
	char what[160];
	uint64_t depth, c;
	for (int n = 1; n <= nlevels; n++) {
		c = path_cptr(s->lv, s->idx, n, &depth);
		snprintf(what, sizeof(what), "%s: a %d-level path", name, n);
		checked += lookup_case(vm, w, root, c, depth, what);
		/* Index 0 at the last level; one bit too few, one too many. */
		uint64_t idx0[3] = { s->idx[0], s->idx[1], s->idx[2] };
		idx0[n - 1] = 0;
		uint64_t d0, c0 = path_cptr(s->lv, idx0, n, &d0);
		snprintf(what, sizeof(what), "%s: index 0 at level %d", name, n);
		checked += lookup_case(vm, w, root, c0, d0, what);
		snprintf(what, sizeof(what), "%s: a %d-level path, one bit short", name, n);
		checked += lookup_case(vm, w, root, c >> 1, depth - 1, what);
		snprintf(what, sizeof(what), "%s: a %d-level path, one bit more", name, n);
		checked += lookup_case(vm, w, root, c << 1 | (grader_rand() & 1), depth + 1, what);
		/* Each guard bit of this level wrong, one at a time. */
		if (s->lv[n - 1].guard_bits) {
			unsigned below = (unsigned)depth - s->lv[n - 1].guard_bits;
			unsigned bit = below + (unsigned)grader_rand_range(0, s->lv[n - 1].guard_bits - 1);
			snprintf(what, sizeof(what), "%s: guard bit %u wrong at level %d", name,
				 bit - below, n);
			checked += lookup_case(vm, w, root, c ^ (uint64_t)1 << bit, depth, what);
		}
	}
	/* The empty slot and the other type, mid-way, with the next level's
	 * bits after them. */
	for (int n = 1; n < nlevels; n++) {
		uint64_t idx[3] = { s->idx[0], s->idx[1], s->idx[2] };
		for (int k = 0; k < 2; k++) {
			idx[n - 1] = k == 0 ? s->empty[n - 1] : s->other[n - 1];
			c = path_cptr(s->lv, idx, n + 1, &depth);
			snprintf(what, sizeof(what), "%s: %s at level %d, bits left", name,
				 k == 0 ? "an empty slot" : "a slot of another type", n);
			checked += lookup_case(vm, w, root, c, depth, what);
			/* ... and the same slot as the answer (no bits left). */
			c = path_cptr(s->lv, idx, n, &depth);
			snprintf(what, sizeof(what), "%s: %s at level %d, the answer", name,
				 k == 0 ? "an empty slot" : "a slot of another type", n);
			checked += lookup_case(vm, w, root, c, depth, what);
		}
	}
	/* Every depth, on the longest path. */
	c = path_cptr(s->lv, s->idx, nlevels, &depth);
	if (sweep) {
		for (uint64_t d = 0; d <= 65; d++) {
			snprintf(what, sizeof(what), "%s: depth %" PRIu64 " of the %d-level path's CPtr",
				 name, d, nlevels);
			checked += lookup_case(vm, w, root, c, d, what);
		}
		checked += lookup_case(vm, w, root, c, 128, "depth 128");
	}
	/* Random single and double bit flips of the full path. */
	for (int i = 0; i < 12; i++) {
		uint64_t f = c ^ (uint64_t)1 << grader_rand_range(0, (int64_t)depth - 1);
		if (i % 2)
			f ^= (uint64_t)1 << grader_rand_range(0, (int64_t)depth - 1);
		snprintf(what, sizeof(what), "%s: the path's CPtr with bits flipped", name);
		checked += lookup_case(vm, w, root, f, depth, what);
	}
	/* The same root, but not a CNode capability (each other type). */
	static const uint8_t types[] = { ERIX_OBJ_NULL, ERIX_OBJ_UNTYPED, ERIX_OBJ_TCB,
					 ERIX_OBJ_ENDPOINT, ERIX_OBJ_FRAME, ERIX_OBJ_VSPACE,
					 ERIX_OBJ_IRQ_HANDLER };
	struct cap_image bad = root;
	bad.type = types[grader_rand_range(0, 6)];
	static const uint64_t depths[] = { 0, 65 };
	snprintf(what, sizeof(what), "%s: the root is of type %u", name, bad.type);
	checked += lookup_case(vm, w, bad, c, depth, what);
	checked += lookup_case(vm, w, bad, c, depths[grader_rand() & 1], what);
	return checked;
}

/* cs_frames: take CS_FRAMES frames for planted CNodes, each high enough
 * above physical 1 MiB that a window's CNode (up to 2^12 slots) starts in
 * RAM. */
static void cs_frames(struct vm *vm, struct cspace_world *w)
{
	for (int i = 0; i < CS_FRAMES; i++) {
		uint64_t pa;
		do
			pa = vm_eval(vm, "frame_alloc()");
		while (pa != 0 && pa < 0x200000);
		ck_assert_msg(pa != 0, "frame_alloc() returned 0");
		w->node[i].frame = DIRECT_MAP_BASE + pa;
	}
}

GRADER_TEST(lab3_lookup_planted, .lab = 3, .points = 10, .limit = 60, .hidden = true,
	    .covers = "kernel/cspace.c",
	    .title = "cspace_lookup on planted CNodes: guards of 0 to 64 bits, depths 0 to 65, 3 levels, every error at every level")
{
	struct vm *vm = boot_to_ready();
	ck_assert_msg(vm_eval(vm, "sizeof(struct cap)") == 24 && vm_eval(vm, "sizeof(struct cte)") == 64,
		      "grader: struct cap is not 24 bytes or struct cte not 64");
	expect_offset(vm, "cap", "type", 0);
	expect_offset(vm, "cap", "bits", 2);
	expect_offset(vm, "cap", "guard_bits", 3);
	expect_offset(vm, "cap", "obj", 8);
	expect_offset(vm, "cap", "word", 16);
	static struct cspace_world w;
	cs_frames(vm, &w);
	int checked = 0;

	/* Shapes: no guard anywhere; guards at every level; the root's
	 * guard and radix filling all 64 bits (one level); a radix above 6
	 * at each level (the frame a window of it). */
	struct shape s;
	s = (struct shape){ .lv = { rand_level(0, (unsigned)grader_rand_range(2, 6)),
				    rand_level(0, (unsigned)grader_rand_range(2, 6)),
				    rand_level(0, (unsigned)grader_rand_range(2, 6)) } };
	build_world(&w, &s);
	checked += run_shape(vm, &w, &s, 3, true, "no guards");

	s = (struct shape){ .lv = { rand_level((unsigned)grader_rand_range(1, 20),
					       (unsigned)grader_rand_range(2, 12)),
				    rand_level((unsigned)grader_rand_range(1, 12),
					       (unsigned)grader_rand_range(2, 8)),
				    rand_level((unsigned)grader_rand_range(1, 8),
					       (unsigned)grader_rand_range(2, 6)) } };
	build_world(&w, &s);
	checked += run_shape(vm, &w, &s, 3, true, "guards at every level");

	unsigned r = (unsigned)grader_rand_range(2, 12);
	s = (struct shape){ .lv = { rand_level(64 - r, r), rand_level(0, 2), rand_level(0, 2) } };
	build_world(&w, &s);
	checked += run_shape(vm, &w, &s, 1, false, "guard_bits + radix = 64");

	/* The root's guard fills all bits but the last levels' (40 + 24). */
	s = (struct shape){ .lv = { rand_level(40 - 8, 8), rand_level(10, 4), rand_level(4, 6) } };
	build_world(&w, &s);
	checked += run_shape(vm, &w, &s, 3, false, "three levels, 64 bits in all");

	/* A 64-bit guard and radix 0: whatever the guard, index 0. */
	struct cap_image g64 = cnode_cap(&w, 0, 64, grader_rand() | 1, 0);
	checked += lookup_case(vm, &w, g64, g64.word, 64, "a 64-bit guard, matched");
	checked += lookup_case(vm, &w, g64, g64.word ^ (uint64_t)1 << grader_rand_range(0, 63), 64,
			       "a 64-bit guard, one bit wrong");
	checked += lookup_case(vm, &w, g64, g64.word, 63, "a 64-bit guard, depth 63");
	g64.word = 0;
	checked += lookup_case(vm, &w, g64, grader_rand() | 1, 64, "a 64-bit guard of 0, cptr not 0");
	/* No guard and radix 0: a level that needs no bits, so only the
	 * depth check stops depth 0 (index 0 comes after it). */
	struct cap_image none = cnode_cap(&w, 0, 0, 0, 0);
	checked += lookup_case(vm, &w, none, grader_rand(), 0, "no guard, radix 0, depth 0");
	checked += lookup_case(vm, &w, none, grader_rand(), 65, "no guard, radix 0, depth 65");
	checked += lookup_case(vm, &w, none, grader_rand(), (uint64_t)grader_rand_range(1, 64),
			       "no guard, radix 0");
	grader_note("%d lookups compared", checked);
	ck_assert_msg(checked > 100, "grader: only %d lookups could be checked", checked);
}

/* ---- user_check_range ---------------------------------------------------- */

#define P_P ((uint64_t)1 << 0)
#define P_W ((uint64_t)1 << 1)
#define P_U ((uint64_t)1 << 2)
#define P_PS ((uint64_t)1 << 7)
#define P_NX ((uint64_t)1 << 63)
#define P_ADDR ((uint64_t)0x000ffffffffff000)
#define PG 0x1000ull

/* The planted tables: host copies of frames, written once at the end. */
#define UA_TABLES 12
struct ua_world {
	uint64_t pa[UA_TABLES];
	uint64_t t[UA_TABLES][512];
	int n;
};

/* ua_table: a new, empty planted table; its index. */
static int ua_table(struct vm *vm, struct ua_world *u)
{
	ck_assert(u->n < UA_TABLES);
	uint64_t pa = vm_eval(vm, "frame_alloc()");
	ck_assert_msg(pa != 0, "frame_alloc() returned 0");
	u->pa[u->n] = pa;
	memset(u->t[u->n], 0, sizeof(u->t[0]));
	return u->n++;
}

/* ua_index: va's index at level (4: PML4 ... 1: PT). */
static unsigned ua_index(uint64_t va, int level)
{
	return (unsigned)(va >> (12 + 9 * (level - 1))) & 511;
}

/*
 * model_walk: the effective flags of va in the tables at root, read from
 * physical memory by the grader (not from its own copies): P, then W and
 * U only if every level has them; 0 if va is not mapped or not canonical.
 * A 2 MiB page ends the walk at level 2.
 */
static uint64_t model_walk(struct vm *vm, uint64_t root, uint64_t va)
{
	uint64_t top = va >> 47;
	if (top != 0 && top != 0x1ffff)
		return 0;
	uint64_t table = root, eff = P_P | P_W | P_U;
	for (int level = 4; level >= 1; level--) {
		uint64_t e;
		vm_read_phys(vm, table + 8 * ua_index(va, level), &e, sizeof(e));
		if (!(e & P_P))
			return 0;
		eff &= e | P_P;
		if (level == 1 || (level == 2 && (e & P_PS)))
			return eff;
		table = e & P_ADDR;
	}
	return 0;
}

/* model_range: the handout's Exercise 6, with the grader's walk. */
static int64_t model_range(struct vm *vm, uint64_t root, uint64_t addr, uint64_t len, bool write)
{
	if (len == 0)
		return 0;
	if (addr < ERIX_USER_MIN || addr >= ERIX_USER_TOP || len > ERIX_USER_TOP - addr)
		return -ERR_BAD_ADDRESS;
	uint64_t last = addr + len - 1;
	for (uint64_t page = addr & ~(PG - 1); page <= last; page += PG) {
		uint64_t f = model_walk(vm, root, page);
		if (!(f & P_U) || (write && !(f & P_W)))
			return -ERR_BAD_ADDRESS;
	}
	return 0;
}

/* range_case: compare the kernel's user_check_range with the model. */
static void range_case(struct vm *vm, uint64_t root, uint64_t addr, uint64_t len, bool write,
		       const char *what)
{
	int64_t want = model_range(vm, root, addr, len, write);
	int64_t got = (int64_t)vm_eval(vm, "(long)user_check_range(0x%" PRIx64 ", 0x%" PRIx64
				       "ul, 0x%" PRIx64 "ul, %d)", root, addr, len, write);
	char wants[32];
	snprintf(wants, sizeof(wants), "%s", lab3_error_name(want));
	ck_assert_msg(got == want, "user_check_range(addr 0x%" PRIx64 ", len 0x%" PRIx64 ", %s) [%s]"
		      " returned %s, not %s", addr, len, write ? "write" : "read", what,
		      lab3_error_name(got), wants);
}

/* Page flags of the run of 16 pages in the planted PT (see below). */
#define RW (P_P | P_U | P_W)
#define RO (P_P | P_U)

GRADER_TEST(lab3_user_range_planted, .lab = 3, .points = 5, .limit = 60, .hidden = true,
	    .covers = "kernel/uaccess.c",
	    .title = "user_check_range on planted page tables: pages missing, not user, read-only, mid-way or last; ERIX_USER_TOP, page 0, wrap-around")
{
	struct vm *vm = boot_to_ready();
	static struct ua_world u;
	u.n = 0;
	int pml4 = ua_table(vm, &u);
	uint64_t root = u.pa[pml4];

	/* Region R: a random PD of user space; its entry c a PT holding the
	 * run of 16 pages below, then 2 MiB mapped by one large page, then
	 * a PT of user pages under a PD entry without PTE_U, then one under
	 * a PD entry without PTE_W. */
	unsigned a = (unsigned)grader_rand_range(1, 254), b = (unsigned)grader_rand_range(0, 511);
	unsigned c = (unsigned)grader_rand_range(0, 508), s0 = (unsigned)grader_rand_range(0, 480);
	uint64_t R = (uint64_t)a << 39 | (uint64_t)b << 30 | (uint64_t)c << 21;
	int pdpt = ua_table(vm, &u), pd = ua_table(vm, &u), pta = ua_table(vm, &u);
	int ptb = ua_table(vm, &u), ptc = ua_table(vm, &u);
	u.t[pml4][a] = u.pa[pdpt] | RW;
	u.t[pdpt][b] = u.pa[pd] | RW;
	u.t[pd][c] = u.pa[pta] | RW;
	u.t[pd][c + 1] = (0x40000000ull + ((uint64_t)grader_rand_range(0, 511) << 21)) | RW | P_PS;
	u.t[pd][c + 2] = u.pa[ptb] | P_P | P_W;
	u.t[pd][c + 3] = u.pa[ptc] | P_P | P_U;
	/* A frame the leaves point at: never touched. */
	uint64_t leaf = 0x100000ull + ((uint64_t)grader_rand_range(0, 255) << 12);
	/* The run at page s0 of PT A: user read-write, read-only, missing
	 * (some with U and W but not P), kernel-only, NX. */
	static const uint64_t run[16] = { RW, RW, RW, RO, RW, P_U | P_W, RW, P_P | P_W,
					  RW, RO, RO, 0, RW | P_NX, RO, P_P, RW };
	for (int k = 0; k < 16; k++)
		u.t[pta][s0 + k] = run[k] ? leaf | run[k] : 0;
	u.t[pta][511] = leaf | RW;
	for (int k = 0; k < 512; k++) {
		u.t[ptb][k] = leaf | RW;
		u.t[ptc][k] = leaf | RW;
	}
	/* Pages 0, 1 and 2 (page 0 is below ERIX_USER_MIN), and the three
	 * pages ending at ERIX_USER_TOP and the page at it (which is not user
	 * space), all mapped user read-write. */
	int pdpt0 = ua_table(vm, &u), pd0 = ua_table(vm, &u), pt0 = ua_table(vm, &u);
	u.t[pml4][0] = u.pa[pdpt0] | RW;
	u.t[pdpt0][0] = u.pa[pd0] | RW;
	u.t[pd0][0] = u.pa[pt0] | RW;
	for (int k = 0; k < 3; k++)
		u.t[pt0][k] = leaf | RW;
	int pdptt = ua_table(vm, &u), pdt = ua_table(vm, &u), ptt = ua_table(vm, &u);
	u.t[pml4][255] = u.pa[pdptt] | RW;
	u.t[pdptt][511] = u.pa[pdt] | RW;
	u.t[pdt][511] = u.pa[ptt] | RW;
	for (int k = 508; k < 512; k++)
		u.t[ptt][k] = leaf | RW;
	/* The kernel's half: region R's tables again, with PTE_U. */
	u.t[pml4][256] = u.t[pml4][a];
	u.t[pml4][511] = u.t[pml4][a];
	for (int i = 0; i < u.n; i++)
		vm_write(vm, DIRECT_MAP_BASE + u.pa[i], u.t[i], sizeof(u.t[i]));

	const uint64_t TOP = ERIX_USER_TOP, MIN = ERIX_USER_MIN, ALL = ~(uint64_t)0;
	uint64_t kalias = 0xffff000000000000ull | (uint64_t)256 << 39 | (R & (((uint64_t)1 << 39) - 1));
	for (int write = 0; write < 2; write++) {
		bool wr = write;
		/* len 0, anywhere. */
		range_case(vm, root, 0, 0, wr, "len 0 at 0");
		range_case(vm, root, 0xffffffff80100000ull, 0, wr, "len 0 in the kernel");
		range_case(vm, root, TOP, 0, wr, "len 0 at ERIX_USER_TOP");
		range_case(vm, root, ALL, 0, wr, "len 0 at 2^64 - 1");
		range_case(vm, root, R + (s0 + 11) * PG, 0, wr, "len 0 at an unmapped page");
		/* Page 0 and ERIX_USER_MIN. */
		range_case(vm, root, 0, 1, wr, "page 0 (mapped)");
		range_case(vm, root, MIN - 1, 2, wr, "from the last byte of page 0");
		range_case(vm, root, MIN, 1, wr, "ERIX_USER_MIN");
		range_case(vm, root, MIN, 2 * PG, wr, "two pages at ERIX_USER_MIN");
		range_case(vm, root, MIN + 5, 2 * PG, wr, "into the unmapped page 3");
		/* ERIX_USER_TOP. */
		range_case(vm, root, TOP - PG, PG, wr, "the last user page");
		range_case(vm, root, TOP - 8, 8, wr, "ending at ERIX_USER_TOP");
		range_case(vm, root, TOP - 8, 9, wr, "one byte past ERIX_USER_TOP");
		range_case(vm, root, TOP - 3 * PG + 5, 3 * PG - 5, wr, "three pages to ERIX_USER_TOP");
		range_case(vm, root, TOP - 1, 2, wr, "across ERIX_USER_TOP");
		range_case(vm, root, TOP, 1, wr, "at ERIX_USER_TOP (mapped, user)");
		range_case(vm, root, TOP + 0x10, 0x10, wr, "above ERIX_USER_TOP");
		/* Wrapping around 2^64. */
		range_case(vm, root, MIN, 0 - MIN, wr, "0x1000, 2^64 - 0x1000");
		range_case(vm, root, R + s0 * PG, 0 - (R + s0 * PG) + PG, wr, "wraps to page 0");
		range_case(vm, root, R + s0 * PG + 7, ALL, wr, "len 2^64 - 1");
		range_case(vm, root, TOP - PG, 0 - (TOP - PG), wr, "ends at exactly 2^64");
		/* The kernel's half, mapped user here, and non-canonical. */
		range_case(vm, root, kalias + s0 * PG, 1, wr, "the kernel's half (mapped, user)");
		range_case(vm, root, 0xffffffff80100000ull, 8, wr, "the kernel image");
		range_case(vm, root, 0 - PG, PG, wr, "the last page of memory");
		range_case(vm, root, 0x0000800000000000ull, 1, wr, "non-canonical");
		/* The run: from each of its pages, 1 to 3 pages, ending mid-page,
		 * at a page's end or one byte into the next. */
		for (unsigned k = 0; k < 14; k++)
			for (unsigned np = 1; np <= 3; np++) {
				uint64_t start = R + (s0 + k) * PG;
				uint64_t off = (uint64_t)grader_rand_range(0, (int64_t)PG - 2);
				uint64_t end = (uint64_t)grader_rand_range(np == 1 ? (int64_t)off + 1 : 1,
									   (int64_t)PG - 1);
				char what[96];
				snprintf(what, sizeof(what), "run page %u, %u pages, at its end", k, np);
				range_case(vm, root, start, np * PG, wr, what);
				snprintf(what, sizeof(what), "run page %u + 0x%" PRIx64 ", ending mid-page %u",
					 k, off, np - 1);
				range_case(vm, root, start + off, (np - 1) * PG + end - off, wr, what);
				if (np == 1)
					range_case(vm, root, start + PG - 1, 2, wr,
						   "the last byte of a page and the first of the next");
			}
		/* Into the large page; the large page; the PTs under PD entries
		 * without U or W. */
		uint64_t big = R + 512 * PG;
		range_case(vm, root, big - PG + 9, PG, wr, "from PT A's last page into a 2 MiB page");
		range_case(vm, root, big + (uint64_t)grader_rand_range(0, 500) * PG + 3, 5 * PG, wr,
			   "inside a 2 MiB page");
		range_case(vm, root, big + 512 * PG - 4, 8, wr, "from a 2 MiB page into a PT without U");
		range_case(vm, root, big + 512 * PG + (uint64_t)grader_rand_range(0, 511) * PG, 1, wr,
			   "under a PD entry without U");
		range_case(vm, root, big + 1024 * PG + (uint64_t)grader_rand_range(0, 510) * PG + 9,
			   PG, wr, "under a PD entry without W");
	}
}
