/*
 * hidden/lab3_caps.c: lab 3's hidden tests of the capability exercises
 * that reach the rare cases on every run (not in student trees).
 *
 * cap_derive and untyped_place are pure functions of a capability: the
 * grader plants capabilities of its own choosing in ktest_scratch, has
 * GDB call the kernel's function on them, and compares every field of the
 * answer with its own model of the handout's requirements. Retype, revoke
 * and delete change the whole derivation tree, so for them a root-task
 * test program (user/root/tests.h) builds the case, and the grader reads
 * the slots, the kernel's log of results and, last, the tree with its own
 * checker (captree.c).
 */
#define _GNU_SOURCE
#include "erix.h"
#include "grader.h"
#include "../tests/lab3.h"
#include "../../user/root/tests.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define ALL ERIX_RIGHTS_ALL
#define R ERIX_RIGHT_READ
#define W ERIX_RIGHT_WRITE
#define MAX_CALLS 1024

typedef unsigned __int128 u128;

static struct lab3_call calls[MAX_CALLS];

/* struct cap (kernel/include/cap.h), as the grader writes and reads it. */
struct kcap {
	uint8_t type, rights, bits, guard_bits;
	uint32_t asid;
	uint64_t obj, word;
};

/* Where the planted inputs go in ktest_scratch. */
#define AT_SRC 0   /* the source capability */
#define AT_OUT 64  /* cap_derive's output, untyped_place's offset */
#define CANARY 0xa5u

/* check_cap_layout: the kernel's struct cap is the grader's struct kcap. */
static void check_cap_layout(struct vm *vm)
{
	ck_assert_msg(vm_eval(vm, "sizeof(struct cap)") == sizeof(struct kcap) &&
			      vm_eval(vm, "(unsigned long)&((struct cap *)0)->asid") == 4 &&
			      vm_eval(vm, "(unsigned long)&((struct cap *)0)->obj") == 8 &&
			      vm_eval(vm, "(unsigned long)&((struct cap *)0)->word") == 16,
		      "grader: struct cap is not {type, rights, bits, guard_bits, asid, obj, word}");
}

static uint64_t urand(uint64_t lo, uint64_t hi)
{
	return lo + grader_rand() % (hi - lo + 1);
}

static const char *type_name(unsigned type)
{
	return erix_object_name(type);
}

/* cap_text: a capability's fields, for messages, in static buffer
 * `which` (0 to 2: up to three in one message). */
static const char *cap_text(const struct kcap *c, int which)
{
	static char buf[3][160];
	snprintf(buf[which], sizeof(buf[which]), "{%s rights 0x%x bits %u guard_bits %u asid %u "
		 "obj 0x%" PRIx64 " word 0x%" PRIx64 "}", type_name(c->type), c->rights, c->bits,
		 c->guard_bits, c->asid, c->obj, c->word);
	return buf[which];
}

/* ---- cap_derive, called on planted capabilities -------------------------- */

/* derive_model: what cap_derive must give, from its requirements
 * (kernel/cnode.c, the handout's Part 4): its result, and *out when 0. */
static int derive_model(const struct kcap *src, unsigned rights, bool mint, uint64_t badge,
			struct kcap *out)
{
	if (src->type == ERIX_OBJ_UNTYPED)
		return -ERR_WRONG_TYPE;
	if (rights & ~ALL)
		return -ERR_INVALID;
	struct kcap c = *src;
	c.rights = src->rights & rights;
	if (c.type == ERIX_OBJ_FRAME || c.type == ERIX_OBJ_PAGE_TABLE)
		c.asid = 0, c.word = 0; /* a copy starts unmapped */
	if (mint) {
		if (c.type == ERIX_OBJ_ENDPOINT || c.type == ERIX_OBJ_NOTIFICATION) {
			if (badge >> ERIX_BADGE_BITS)
				return -ERR_INVALID;
			if (src->word != 0 && badge != 0 && badge != src->word)
				return -ERR_INVALID;
			if (src->word == 0)
				c.word = badge;
		} else if (c.type == ERIX_OBJ_CNODE) {
			unsigned guard_bits = ERIX_GUARD_BITS(badge);
			uint64_t guard = ERIX_GUARD_VALUE(badge);
			if (guard_bits + src->bits > 64)
				return -ERR_INVALID;
			if (guard_bits < 64 && guard >> guard_bits)
				return -ERR_INVALID;
			c.guard_bits = (uint8_t)guard_bits;
			c.word = guard;
		} else if (badge != 0) {
			return -ERR_INVALID;
		}
	}
	*out = c;
	return 0;
}

/* derive_case: one call of cap_derive on src, compared with the model:
 * the result, and on success every field of the output. */
static void derive_case(struct vm *vm, const struct kcap *src, unsigned rights, bool mint,
			uint64_t badge, const char *what)
{
	unsigned char plant[AT_OUT + sizeof(struct kcap)];
	memset(plant, CANARY, sizeof(plant));
	memcpy(plant + AT_SRC, src, sizeof(*src));
	vm_write(vm, erix_scratch(vm, 0), plant, sizeof(plant));
	int64_t got = (int64_t)vm_eval(vm, "(long)cap_derive((const struct cap *)0x%" PRIx64
				       ", %uu, %d, 0x%" PRIx64 "ul, (struct cap *)0x%" PRIx64 ")",
				       erix_scratch(vm, AT_SRC), rights, mint, badge,
				       erix_scratch(vm, AT_OUT));
	struct kcap want, out;
	int64_t expect = derive_model(src, rights, mint, badge, &want);
	char res[32];
	snprintf(res, sizeof(res), "%s", lab3_error_name(got));
	ck_assert_msg(got == expect, "cap_derive(%s, rights 0x%x, %s, badge 0x%" PRIx64 ") (%s) "
		      "returned %s, not %s", cap_text(src, 0), rights, mint ? "mint" : "copy",
		      badge, what, res, lab3_error_name(expect));
	if (expect != 0)
		return;
	vm_read(vm, erix_scratch(vm, AT_OUT), &out, sizeof(out));
	ck_assert_msg(memcmp(&out, &want, sizeof(out)) == 0, "cap_derive(%s, rights 0x%x, %s, "
		      "badge 0x%" PRIx64 ") (%s) gave %s, not %s", cap_text(src, 0), rights,
		      mint ? "mint" : "copy", badge, what, cap_text(&out, 1), cap_text(&want, 2));
}

/* planted_cap: a capability of this type as the kernel could hold it, with
 * random fields (variant 0: an unmapped or unbadged one, where it matters). */
static struct kcap planted_cap(unsigned type, int variant)
{
	struct kcap c = { .type = (uint8_t)type, .rights = (uint8_t)urand(0, ALL) };
	c.obj = 0xffff800000000000ull + (urand(0x100, 0x7ffff) << 12);
	switch (type) {
	case ERIX_OBJ_UNTYPED:
		c.bits = (uint8_t)urand(12, 47);
		c.word = variant ? urand(0, 1ull << c.bits) : 0;
		c.obj &= ~((1ull << (c.bits > 30 ? 30 : c.bits)) - 1);
		break;
	case ERIX_OBJ_CNODE:
		c.bits = (uint8_t)urand(2, 16);
		c.guard_bits = (uint8_t)(variant ? urand(0, 64u - c.bits) : 64u - c.bits);
		c.word = variant && c.guard_bits ? grader_rand() >> (64 - c.guard_bits) : 0;
		break;
	case ERIX_OBJ_ENDPOINT:
	case ERIX_OBJ_NOTIFICATION:
		c.obj += 64 * urand(0, 63);
		c.word = variant ? urand(1, (1ull << ERIX_BADGE_BITS) - 1) : 0;
		break;
	case ERIX_OBJ_FRAME:
	case ERIX_OBJ_PAGE_TABLE:
		if (variant) {
			c.asid = (uint32_t)urand(1, 255);
			c.word = urand(1, 0x7ffffff) << 12 | (type == ERIX_OBJ_PAGE_TABLE ? urand(1, 3) : 0);
		}
		break;
	case ERIX_OBJ_VSPACE:
		c.asid = (uint32_t)urand(1, 255);
		break;
	case ERIX_OBJ_IRQ_HANDLER:
		c.obj = urand(0, 15);
		break;
	case ERIX_OBJ_IOPORT:
		c.obj = urand(0, 0xfff0);
		c.word = c.obj + urand(0, 15);
		break;
	case ERIX_OBJ_IRQ_CONTROL:
		c.obj = 0;
		break;
	}
	if (type == ERIX_OBJ_TCB)
		c.obj &= ~0x3ffull;
	return c;
}

GRADER_TEST(lab3_derive_model, .lab = 3, .points = 6, .limit = 120, .hidden = true,
	    .covers = "kernel/cnode.c",
	    .title = "cap_derive on planted caps of every type: rights, badges, guards, unmapping, errors")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	check_cap_layout(vm);
	for (unsigned type = ERIX_OBJ_UNTYPED; type < ERIX_OBJ_COUNT; type++) {
		for (int variant = 0; variant < 2; variant++) {
			struct kcap src = planted_cap(type, variant);
			/* Every rights mask, copy and mint (badge 0). */
			for (unsigned r = 0; r <= ALL; r++)
				derive_case(vm, &src, r, r & 1, 0, "a rights mask");
			/* Bits outside ERIX_RIGHTS_ALL, low and high. */
			unsigned bad = (unsigned)(8u << urand(0, 28)) | (unsigned)urand(0, ALL);
			if (type != ERIX_OBJ_UNTYPED) {
				derive_case(vm, &src, 8 | ALL, false, 0, "rights bit 3");
				derive_case(vm, &src, bad, variant, 0, "a rights bit above 3");
			}
			/* A copy ignores the badge argument. */
			derive_case(vm, &src, ALL, false, urand(1, 1ull << 40), "a copy given a badge");
			uint64_t b = urand(1, (1ull << ERIX_BADGE_BITS) - 1);
			switch (type) {
			case ERIX_OBJ_ENDPOINT:
			case ERIX_OBJ_NOTIFICATION:
				derive_case(vm, &src, ALL, true, b, "a mint with a new badge");
				derive_case(vm, &src, (unsigned)urand(0, ALL), true, 0, "a mint, badge 0");
				derive_case(vm, &src, ALL, true, src.word ? src.word : b,
					    "a mint with the same badge");
				derive_case(vm, &src, R, true, src.word ^ (1ull << urand(0, 55)),
					    "a mint with another badge");
				derive_case(vm, &src, ALL, true, (1ull << ERIX_BADGE_BITS) - 1,
					    "the widest badge");
				derive_case(vm, &src, ALL, true, 1ull << ERIX_BADGE_BITS,
					    "a badge one bit too wide");
				derive_case(vm, &src, ALL, true, src.word | 1ull << urand(56, 63),
					    "a badge with a high bit");
				break;
			case ERIX_OBJ_CNODE: {
				unsigned room = 64 - src.bits; /* guard_bits + radix <= 64 */
				unsigned wide = room < 58 ? room : 58; /* a guard has 58 bits */
				unsigned gb = (unsigned)urand(1, room < 57 ? room : 57);
				uint64_t g = grader_rand() >> (64 - gb);
				derive_case(vm, &src, ALL, true, ERIX_GUARD(room, grader_rand() >> (64 - wide)),
					    "guard_bits + radix == 64");
				derive_case(vm, &src, ALL, true, room + 1, "guard_bits + radix == 65");
				derive_case(vm, &src, ALL, true, 63, "guard_bits 63");
				derive_case(vm, &src, ALL, true, ERIX_GUARD(gb, g), "a guard that fits");
				derive_case(vm, &src, ALL, true, ERIX_GUARD(gb, (1ull << gb) | g),
					    "a guard one bit wider than guard_bits");
				derive_case(vm, &src, ALL, true, 0, "guard_bits 0, no guard");
				derive_case(vm, &src, ALL, true, 1ull << urand(6, 63),
					    "guard_bits 0 with a guard");
				derive_case(vm, &src, (unsigned)urand(0, ALL), false, ERIX_GUARD(gb, g),
					    "a copy keeps the guard");
				break;
			}
			case ERIX_OBJ_UNTYPED:
				/* ERR_WRONG_TYPE; no mint with a badge, where
				 * the handout leaves open which error wins. */
				derive_case(vm, &src, ALL, true, 0, "a mint of an Untyped");
				break;
			default:
				derive_case(vm, &src, ALL, true, b, "a badge on a type without one");
				derive_case(vm, &src, ALL, true, 1ull << 63, "a badge's top bit");
				derive_case(vm, &src, (unsigned)urand(0, ALL), true, 0, "a mint, badge 0");
				break;
			}
		}
	}
}

/* ---- untyped_place, called on planted Untypeds --------------------------- */

/* place_model: where an object of 2^bits bytes goes in an Untyped of
 * 2^ut_bits bytes with this watermark: 0 and *offset, or -ERR_NO_MEMORY. */
static int place_model(unsigned ut_bits, uint64_t mark, unsigned bits, uint64_t *offset)
{
	u128 size = (u128)1 << bits, end = (u128)1 << ut_bits;
	u128 at = ((u128)mark + size - 1) / size * size;
	if (at + size > end)
		return -ERR_NO_MEMORY;
	*offset = (uint64_t)at;
	return 0;
}

/* place_case: one call of untyped_place, compared with the model; the
 * Untyped must not change. */
static void place_case(struct vm *vm, unsigned ut_bits, uint64_t mark, unsigned bits,
		       const char *what)
{
	struct kcap ut = { .type = ERIX_OBJ_UNTYPED, .rights = ALL, .bits = (uint8_t)ut_bits,
			   .obj = 0xffff800000000000ull, .word = mark }, after;
	unsigned char plant[AT_OUT + 8];
	memset(plant, CANARY, sizeof(plant));
	memcpy(plant + AT_SRC, &ut, sizeof(ut));
	vm_write(vm, erix_scratch(vm, 0), plant, sizeof(plant));
	int64_t got = (int64_t)vm_eval(vm, "(long)untyped_place((const struct cap *)0x%" PRIx64
				       ", %u, (unsigned long *)0x%" PRIx64 ")",
				       erix_scratch(vm, AT_SRC), bits, erix_scratch(vm, AT_OUT));
	uint64_t want = 0, offset;
	int expect = place_model(ut_bits, mark, bits, &want);
	char res[32];
	snprintf(res, sizeof(res), "%s", lab3_error_name(got));
	ck_assert_msg(got == expect, "untyped_place(Untyped of 2^%u bytes, watermark 0x%" PRIx64
		      ", bits %u) (%s) returned %s, not %s", ut_bits, mark, bits, what, res,
		      lab3_error_name(expect));
	if (expect == 0) {
		vm_read(vm, erix_scratch(vm, AT_OUT), &offset, 8);
		ck_assert_msg(offset == want, "untyped_place(Untyped of 2^%u bytes, watermark 0x%"
			      PRIx64 ", bits %u) (%s) gave offset 0x%" PRIx64 ", not 0x%" PRIx64,
			      ut_bits, mark, bits, what, offset, want);
	}
	vm_read(vm, erix_scratch(vm, AT_SRC), &after, sizeof(after));
	ck_assert_msg(memcmp(&after, &ut, sizeof(ut)) == 0, "untyped_place changed the Untyped "
		      "(%s became %s): it must change nothing", cap_text(&ut, 0),
		      cap_text(&after, 1));
}

GRADER_TEST(lab3_place_model, .lab = 3, .points = 4, .limit = 120, .hidden = true,
	    .covers = "kernel/untyped.c",
	    .title = "untyped_place on planted Untypeds up to 2^47: alignment, exact fit, one byte over")
{
	struct vm *vm = erix_boot(&(struct vm_config){ 0 }, NULL);
	vm_run_to(vm, "ktest_ready");
	check_cap_layout(vm);
	/* Sizes small and large, some above 2^32, both 47 at least once. */
	for (int k = 0; k < 36; k++) {
		unsigned ut_bits = k == 0 ? 47 : k < 8 ? (unsigned)urand(33, 47)
						       : (unsigned)urand(6, 47);
		unsigned bits = k == 0 ? 47 : k % 3 == 0 ? ut_bits
				: (unsigned)urand(6, ut_bits < 47 ? ut_bits + 1 : 47);
		uint64_t end = 1ull << ut_bits, size = 1ull << bits;
		uint64_t mark = urand(0, end);
		place_case(vm, ut_bits, 0, bits, "an empty Untyped");
		place_case(vm, ut_bits, end, bits, "a full Untyped");
		place_case(vm, ut_bits, mark, bits, "a random watermark");
		place_case(vm, ut_bits, (mark | 1) < end ? mark | 1 : end - 1, bits,
			   "an odd watermark");
		if (size <= end) {
			place_case(vm, ut_bits, end - size, bits, "an exact fit at the end");
			place_case(vm, ut_bits, end - size + 1, bits, "one byte past the exact fit");
			if (size < end) {
				place_case(vm, ut_bits, end - size - 1, bits,
					   "one byte short of the last place");
				place_case(vm, ut_bits, urand(1, end / size - 1) * size, bits,
					   "an aligned watermark");
				place_case(vm, ut_bits, end - 2 * size + 1, bits,
					   "the last place, aligned up");
			}
		}
	}
}

/* ---- retype: two rounds in one Untyped, with a revoke between ------------ */

struct fill_object {
	unsigned type, size_bits;
	int64_t result;  /* 0 or -ERR_NO_MEMORY */
	uint64_t offset; /* when it fits */
};

/* fill_code: the caps_retype code (type | h << 4) for an Untyped of 2^b
 * bytes (6 <= b <= 21). */
static unsigned fill_code(unsigned b)
{
	return ERIX_OBJ_UNTYPED | (b - 6) << 4;
}

/* fill_plan: n objects for an Untyped of 2^k bytes, chosen so that some
 * fill it exactly, some are one size too big, and the rest random; the
 * grader's model places each (the watermark never moves on a failure). */
static void fill_plan(unsigned k, unsigned n, unsigned *code, struct fill_object *o)
{
	static const unsigned kinds[] = { ERIX_OBJ_UNTYPED, ERIX_OBJ_CNODE, ERIX_OBJ_TCB,
					  ERIX_OBJ_ENDPOINT, ERIX_OBJ_NOTIFICATION, ERIX_OBJ_FRAME,
					  ERIX_OBJ_VSPACE, ERIX_OBJ_PAGE_TABLE };
	uint64_t mark = 0, end = 1ull << k;
	for (unsigned i = 0; i < n; i++) {
		unsigned largest = 0; /* the largest Untyped that still fits */
		for (unsigned b = 6; b <= 21 && b < k; b++) { /* smaller than U */
			uint64_t at = (mark + (1ull << b) - 1) & ~((1ull << b) - 1);
			if (at + (1ull << b) <= end)
				largest = b;
		}
		uint64_t r = urand(0, 99);
		if (r < 30 && largest)
			code[i] = fill_code(largest);
		else if (r < 45 && largest && largest < 21)
			code[i] = fill_code(largest + 1);
		else
			code[i] = kinds[urand(0, 7)] | (unsigned)urand(0, 15) << 4;
		unsigned type = code[i] & 15, h = code[i] >> 4;
		o[i].type = type;
		o[i].size_bits = type == ERIX_OBJ_UNTYPED ? 6 + h : type == ERIX_OBJ_CNODE ? 2 + h % 4 : 0;
		uint64_t size = 1ull << captree_object_bits(type, o[i].size_bits);
		uint64_t at = (mark + size - 1) & ~(size - 1);
		o[i].result = at + size > end ? -ERR_NO_MEMORY
			      : type == ERIX_OBJ_UNTYPED && o[i].size_bits >= k ? -ERR_INVALID : 0;
		o[i].offset = at;
		if (o[i].result == 0)
			mark = at + size;
	}
}

/* fill_check: the objects of one round are in slots S(first ..), each
 * where the model put it, or the slot is empty; U's watermark is mark. */
static void fill_check(struct vm *vm, const struct captree_slot *u, uint64_t first,
		       const struct fill_object *o, unsigned n, const char *round)
{
	uint64_t mark = 0;
	for (unsigned i = 0; i < n; i++) {
		struct captree_slot s = lab3_slot(vm, lab3_S(vm, first + i));
		uint64_t size = 1ull << captree_object_bits(o[i].type, o[i].size_bits);
		if (o[i].result != 0) {
			ck_assert_msg(s.type == ERIX_OBJ_NULL, "%s, object %u (%s, %" PRIu64 " bytes) "
				      "does not fit after watermark 0x%" PRIx64 " in 2^%u bytes, but "
				      "slot S(%" PRIu64 ") holds a capability", round, i,
				      type_name(o[i].type), size, mark, u->bits, first + i);
			continue;
		}
		ck_assert_msg(s.type == o[i].type && s.obj == u->obj + o[i].offset &&
				      s.parent == u->addr,
			      "%s, object %u (%s, %" PRIu64 " bytes, watermark 0x%" PRIx64 "): slot S(%"
			      PRIu64 ") holds type %s at offset 0x%" PRIx64 " of U; it belongs at "
			      "0x%" PRIx64 ", a child of U", round, i, type_name(o[i].type), size, mark,
			      first + i, type_name(s.type), s.obj - u->obj, o[i].offset);
		if (o[i].type == ERIX_OBJ_UNTYPED || o[i].type == ERIX_OBJ_CNODE)
			ck_assert_msg(s.bits == o[i].size_bits, "%s, object %u: size_bits %u, not %u",
				      round, i, s.bits, o[i].size_bits);
		mark = o[i].offset + size;
	}
	ck_assert_msg(u->word == mark, "%s: U's watermark is 0x%" PRIx64 "; its last object ends "
		      "at 0x%" PRIx64, round, u->word, mark);
}

GRADER_TEST(lab3_retype_fill, .lab = 3, .points = 3, .limit = 90, .hidden = true,
	    .covers = "kernel/untyped.c",
	    .title = "retype until an Untyped is exactly full, past it, then again after a revoke")
{
	unsigned k = (unsigned)urand(12, 17), n = (unsigned)urand(16, 24), code[24];
	struct fill_object o[24];
	fill_plan(k, n, code, o);
	uint64_t args[8] = { k, n };
	for (unsigned i = 0; i < n; i++)
		args[2 + i / 8] |= (uint64_t)code[i] << (8 * (i % 8));
	struct vm *vm = lab3_boot("caps_retype_fill", args);
	/* The first round is over when the first CNode invocation (the
	 * revoke) starts. */
	vm_run_to(vm, "decode_cnode_invocation");
	uint64_t s0 = lab3_S(vm, 0);
	struct captree_slot u = lab3_slot(vm, s0);
	ck_assert_msg(u.type == ERIX_OBJ_UNTYPED && u.bits == k, "S(0) is not an Untyped of 2^%u "
		      "bytes", k);
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	int64_t want[2 * 24 + 2];
	want[0] = 0;
	for (unsigned i = 0; i < n; i++)
		want[1 + i] = want[2 + n + i] = o[i].result;
	want[1 + n] = 0; /* the revoke */
	lab3_expect_results(calls, nc, want, (int)n + 1, "caps_retype_fill, the first round");
	fill_check(vm, &u, 1, o, n, "first round");

	vm_run_to(vm, "sched_idle");
	nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	lab3_expect_results(calls, nc, want, 2 * (int)n + 2,
			    "caps_retype_fill (a round, the revoke, the round again)");
	for (unsigned i = 0; i < n; i++)
		lab3_expect_empty(vm, s0 + 1 + i, "made in the first round, then U was revoked");
	u = lab3_slot(vm, s0);
	fill_check(vm, &u, 32, o, n, "second round, after the revoke");
	lab3_check_tree(vm);
}

/* ---- revoke and delete in the middle of a tree -------------------------- */

/* children: how many children slot s has (its list of children walked). */
static int children(struct vm *vm, const struct captree_slot *s)
{
	int n = 0;
	for (uint64_t c = s->child; c && n < 1000; n++)
		c = lab3_slot_at(vm, c).next;
	return n;
}

GRADER_TEST(lab3_delete_subtree, .lab = 3, .points = 3, .limit = 60, .hidden = true,
	    .covers = "kernel/cdt.c",
	    .title = "revoke and delete mid-tree: subtrees go, the rest keeps its badge, guard, place")
{
	uint64_t args[8] = { urand(1, (1ull << ERIX_BADGE_BITS) - 1),
			     urand(1, (1ull << ERIX_BADGE_BITS) - 1),
			     urand(1, (1ull << ERIX_BADGE_BITS) - 1), urand(1, 255) };
	struct vm *vm = lab3_run("caps_delete_subtree", args);
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	ck_assert_msg(nc == 22, "%d invocations logged; the test program makes 22", nc);
	for (int i = 0; i < nc; i++)
		ck_assert_msg(calls[i].result == 0, "invocation %d (label %" PRIu64 ") returned %s",
			      i + 1, calls[i].label, lab3_error_name(calls[i].result));
	uint64_t s0 = lab3_S(vm, 0);
	struct captree_slot u = lab3_slot(vm, s0), e = lab3_slot(vm, s0 + 1),
			    c = lab3_slot(vm, s0 + 2), m = lab3_slot(vm, s0 + 4),
			    v = lab3_slot(vm, s0 + 11), g = lab3_slot(vm, s0 + 13);
	static const struct {
		int slot;
		const char *why;
	} gone[] = {
		{ 5, "a copy of the revoked mint S(4)" },
		{ 6, "the deleted copy of E" },
		{ 3, "the deleted Notification N" },
		{ 8, "a mint of the deleted N" },
		{ 9, "a copy of a mint of the deleted N" },
		{ 12, "the deleted Endpoint" },
	};
	for (size_t i = 0; i < sizeof(gone) / sizeof(gone[0]); i++)
		lab3_expect_empty(vm, s0 + (uint64_t)gone[i].slot, gone[i].why);
	for (int i = 1; i <= 4; i++) {
		struct captree_slot s = lab3_slot_at(vm, c.obj + 64 * (uint64_t)i);
		ck_assert_msg(s.type == ERIX_OBJ_NULL, "slot %d of CNode C still holds a capability "
			      "(type %s); everything put there was revoked or deleted", i,
			      type_name(s.type));
	}
	ck_assert_msg(e.type == ERIX_OBJ_ENDPOINT && e.parent == u.addr && e.word == 0 &&
			      e.rights == ALL && e.child == m.addr && m.next == 0 && m.prev == 0,
		      "Endpoint E (S(1)) is not U's child with one child left, the mint in S(4)");
	ck_assert_msg(m.type == ERIX_OBJ_ENDPOINT && m.obj == e.obj && m.rights == (R | W) &&
			      m.child == 0,
		      "the revoked mint S(4) is not a R|W capability to E without children");
	ck_assert_msg(m.word == args[0], "the revoked mint S(4) has badge 0x%" PRIx64 ", not 0x%"
		      PRIx64 ": revoke keeps the capability itself as it is", m.word, args[0]);
	ck_assert_msg(v.type == ERIX_OBJ_UNTYPED && v.bits == 12 && v.child == 0,
		      "S(11) is not the 4 KiB Untyped V without children");
	ck_assert_msg(v.word == 0, "Untyped V (its one object deleted, then V revoked) has "
		      "watermark 0x%" PRIx64 "; a revoke of an Untyped always resets it to 0", v.word);
	ck_assert_msg(c.type == ERIX_OBJ_CNODE && c.parent == u.addr && c.child == g.addr &&
			      g.next == 0 && g.prev == 0,
		      "CNode C (S(2)) is not U's child with one child left, the mint in S(13)");
	ck_assert_msg(g.type == ERIX_OBJ_CNODE && g.obj == c.obj && g.child == 0 &&
			      g.guard_bits == 8 && g.word == (args[3] & 0xff),
		      "the revoked guarded mint of C (S(13)) has guard_bits %u and guard 0x%" PRIx64
		      ", not 8 and 0x%" PRIx64 " (or kept children)", g.guard_bits, g.word,
		      args[3] & 0xff);
	ck_assert_msg(children(vm, &u) == 3, "U has %d children; E, C and V should be left",
		      children(vm, &u));
	lab3_check_tree(vm);
}

/* last_call: the result of the root task's last invocation (its exit
 * left out), from the kernel's log, which keeps the last 1024 calls. */
static int64_t last_call(struct vm *vm, uint64_t *label)
{
	uint64_t count = vm_eval(vm, "syscall_count");
	vm_read(vm, vm_symbol(vm, "syscall_log"), calls, sizeof(calls));
	for (uint64_t i = count; i-- > 0 && i + MAX_CALLS >= count;) {
		const struct lab3_call *c = &calls[i % MAX_CALLS];
		if (c->nr == ERIX_SYS_CALL && c->label != ERIX_TCB_SUSPEND) {
			*label = c->label;
			return c->result;
		}
	}
	*label = 0;
	return 1;
}

GRADER_TEST(lab3_delete_dying, .lab = 3, .points = 2, .limit = 90, .hidden = true,
	    .covers = "kernel/cdt.c",
	    .title = "delete an Untyped from inside a CNode made from it; a delete that reaps 400-1000 CNodes")
{
	/* A chain of CNodes, each holding the next one's original: reaping
	 * each deletes the next, in a loop, never nested. */
	uint64_t m = urand(400, 1000), args[8] = { m }, label;
	struct vm *vm = lab3_boot("caps_delete_nested", args);
	vm_break(vm, "panic");
	vm_break(vm, "sched_idle");
	const char *where = vm_continue(vm);
	ck_assert_msg(where && strcmp(where, "sched_idle") == 0, "deleting a chain of %" PRIu64
		      " nested CNodes did not end normally: the kernel %s", m,
		      where ? "panicked" : vm_end_name(vm_wait_end(vm)));
	int64_t r = last_call(vm, &label);
	ck_assert_msg(label == ERIX_CNODE_DELETE && r == 0, "the delete of the outer CNode %s",
		      label == ERIX_CNODE_DELETE ? "failed" : "is not the program's last call");
	uint64_t s0 = lab3_S(vm, 0);
	struct captree_slot e = lab3_slot(vm, s0 + 1);
	lab3_expect_empty(vm, s0 + 2, "the deleted outer CNode");
	ck_assert_msg(e.type == ERIX_OBJ_ENDPOINT && e.child == 0, "the Endpoint's copies in the "
		      "%" PRIu64 " nested CNodes are still in the tree", m);
	ck_assert_msg(vm_eval(vm, "cdt_dying_head == 0"), "after the delete, CNodes are "
		      "still on the dying list");
	lab3_check_tree(vm);
	vm_end_all();

	vm = lab3_run("caps_delete_dying", NULL);
	int nc = lab3_calls(vm, ERIX_SYS_CALL, 0, calls, MAX_CALLS);
	ck_assert_msg(nc == 13, "%d invocations logged; the test program makes 13", nc);
	for (int i = 0; i < nc; i++)
		ck_assert_msg(calls[i].result == 0, "invocation %d (label %" PRIu64 ") returned %s",
			      i + 1, calls[i].label, lab3_error_name(calls[i].result));
	s0 = lab3_S(vm, 0);
	for (uint64_t i = 0; i <= 4; i++)
		lab3_expect_empty(vm, s0 + i, "moved into a CNode, or made from the deleted "
				  "Untyped");
	ck_assert_msg(vm_eval(vm, "cdt_dying_head == 0"), "after the delete, CNodes are "
		      "still on the dying list");
	lab3_check_tree(vm);
}

GRADER_TEST(lab3_revoke_chain, .lab = 3, .points = 2, .limit = 120, .hidden = true,
	    .covers = "kernel/cdt.c",
	    .title = "revoke of a chain of 2500-3100 copies: no recursion on the kernel's 16 KiB stack")
{
	/* At most 3100: the root CNode's free slots (4096 less the boot
	 * modules' frames, about 900 with lab 6's boot image) hold the chain. */
	uint64_t n = urand(2500, 3100);
	uint64_t args[8] = { n, urand(0, n - 1), urand(1, (1ull << ERIX_BADGE_BITS) - 1) };
	struct vm *vm = lab3_boot("caps_revoke_chain", args);
	vm_break(vm, "panic");
	vm_break(vm, "sched_idle");
	const char *where = vm_continue(vm);
	ck_assert_msg(where && strcmp(where, "sched_idle") == 0, "revoking a chain of %" PRIu64
		      " copies did not end normally: the kernel %s", n,
		      where ? "panicked" : vm_end_name(vm_wait_end(vm)));
	/* The log keeps the last 1024 calls: the end of the chain, then the
	 * revoke, then the root task's last prints and its exit. */
	uint64_t count = vm_eval(vm, "syscall_count");
	ck_assert_msg(count >= n + 3 && count < n + 100, "%" PRIu64 " system calls were made; the "
		      "test program makes %" PRIu64 " and a few prints", count, n + 3);
	vm_read(vm, vm_symbol(vm, "syscall_log"), calls, sizeof(calls));
	int revoke = -1;
	for (uint64_t i = count - MAX_CALLS; i < count; i++) {
		const struct lab3_call *c = &calls[i % MAX_CALLS];
		if (c->nr == ERIX_SYS_CALL && c->label == ERIX_CNODE_REVOKE)
			revoke = (int)(i % MAX_CALLS);
		else if (c->nr == ERIX_SYS_CALL && c->label != ERIX_TCB_SUSPEND)
			ck_assert_msg(c->result == 0, "copy or mint %" PRIu64 " of the chain returned "
				      "%s", i - 2, lab3_error_name(c->result));
	}
	ck_assert_msg(revoke >= 0 && calls[revoke].result == 0, "the revoke %s",
		      revoke < 0 ? "is not in the kernel's log" : "failed");
	uint64_t s0 = lab3_S(vm, 0);
	struct captree_slot e = lab3_slot(vm, s0 + 1);
	ck_assert_msg(e.type == ERIX_OBJ_ENDPOINT && e.child == 0 && e.word == 0 &&
			      e.rights == ALL,
		      "the revoked Endpoint (S(1)) is gone, changed, or still has children");
	static uint8_t raw[512][64]; /* slots as the kernel lays them out */
	uint64_t base = vm_eval(vm, "(unsigned long)roottask.cnode") + 64 * (s0 + 2);
	for (uint64_t i = 0; i < n; i++) {
		if (i % 512 == 0)
			vm_read(vm, base + 64 * i, raw, 64 * (n - i < 512 ? n - i : 512));
		ck_assert_msg(raw[i % 512][0] == ERIX_OBJ_NULL, "link %" PRIu64 " of the chain "
			      "(S(%" PRIu64 ")) survived the revoke", i, i + 2);
	}
	lab3_check_tree(vm);
	ck_assert_msg(vm_wait_end(vm) == VM_POWEROFF, "the kernel did not power off normally");
}
