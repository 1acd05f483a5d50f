/*
 * test_cspace.c: kernel/cspace.c, CPtr lookup (cspace_lookup,
 * cspace_lookup_cap, cspace_lookup_empty), on a small CSpace built by hand.
 *
 * The CSpace (cspace_setup) is plain host memory: each CNode an array of
 * 64-byte slots, each CNode capability's obj its address. Three roots:
 *
 *   EX  cspace.h's worked example: root guard 0x5 (4 bits), radix 4
 *         A[3]  CNode B, no guard, radix 8: B[7] Endpoint, B[8] Frame,
 *               B[255] Endpoint, the rest empty
 *         A[4]  CNode C, guard 0x2 (3 bits), radix 2: C[1] Endpoint
 *         A[5]  Endpoint R|W      A[9]  Notification R
 *         A[6]  empty
 *   RT  the root task's layout: a zero guard of 52 bits, radix 12 (CPtrs
 *       are slot numbers at depth 64): RT[5] Endpoint R|W, RT[4095]
 *       Notification R, the rest empty
 *   NG  three levels without guards: NG1 radix 2, NG1[1] CNode NG2 radix 2,
 *       NG2[2] CNode NG3 radix 3, NG3[5] Endpoint
 *
 * and two roots that are not CNode capabilities (an Endpoint, an empty
 * capability). Every row of lookup_cases[] is one cspace_lookup: the
 * example's resolutions, then one case per error of cspace.h's contract,
 * with cases that put two errors in one CPtr to pin the order they are
 * checked in. tcb_cases[] do the same for cspace_lookup_cap and
 * cspace_lookup_empty through a fake TCB whose CSpace slot holds a root.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"

#include "cspace.h"
#include "tcb.h"
#include <erix/errors.h>

/* ---- the CSpace ---------------------------------------------------------- */

enum cnode_id { CN_A, CN_B, CN_C, CN_RT, CN_NG1, CN_NG2, CN_NG3, CN_COUNT };
enum root_id {
	ROOT_EX, ROOT_RT, ROOT_NG, ROOT_ENDPOINT, ROOT_EMPTY, ROOT_COUNT
};

static struct cte cn_a[1 << 4], cn_b[1 << 8], cn_c[1 << 2], cn_rt[1 << 12],
	cn_ng1[1 << 2], cn_ng2[1 << 2], cn_ng3[1 << 3];

static const struct {
	const char *name;
	struct cte *slots;
	unsigned n;
} cnodes[CN_COUNT] = {
	[CN_A] = { "A", cn_a, ARRAY_SIZE(cn_a) },
	[CN_B] = { "B", cn_b, ARRAY_SIZE(cn_b) },
	[CN_C] = { "C", cn_c, ARRAY_SIZE(cn_c) },
	[CN_RT] = { "RT", cn_rt, ARRAY_SIZE(cn_rt) },
	[CN_NG1] = { "NG1", cn_ng1, ARRAY_SIZE(cn_ng1) },
	[CN_NG2] = { "NG2", cn_ng2, ARRAY_SIZE(cn_ng2) },
	[CN_NG3] = { "NG3", cn_ng3, ARRAY_SIZE(cn_ng3) },
};

static const char *const root_names[ROOT_COUNT] = {
	"EX", "RT", "NG", "an Endpoint capability", "an empty capability",
};

static struct cap roots[ROOT_COUNT];
static uint64_t objects[4]; /* what the non-CNode capabilities name */

/* cnode_cap: a capability to the CNode `slots` of 2^radix slots. */
static struct cap cnode_cap(struct cte *slots, unsigned radix,
			    unsigned guard_bits, uint64_t guard)
{
	return (struct cap){ .type = ERIX_OBJ_CNODE, .rights = ALL,
			     .bits = (uint8_t)radix,
			     .guard_bits = (uint8_t)guard_bits,
			     .obj = (uintptr_t)slots, .word = guard };
}

/* obj_cap: a capability of this type and rights to objects[i]. */
static struct cap obj_cap(unsigned type, unsigned rights, unsigned i)
{
	return (struct cap){ .type = (uint8_t)type, .rights = (uint8_t)rights,
			     .obj = (uintptr_t)&objects[i] };
}

/* The fixture: the CSpace described at the top, every other slot empty. */
static void cspace_setup(void)
{
	for (unsigned i = 0; i < CN_COUNT; i++)
		memset(cnodes[i].slots, 0, cnodes[i].n * sizeof(struct cte));

	roots[ROOT_EX] = cnode_cap(cn_a, 4, 4, 0x5);
	cn_a[3].cap = cnode_cap(cn_b, 8, 0, 0);
	cn_a[4].cap = cnode_cap(cn_c, 2, 3, 0x2);
	cn_a[5].cap = obj_cap(ERIX_OBJ_ENDPOINT, R | W, 0);
	cn_a[9].cap = obj_cap(ERIX_OBJ_NOTIFICATION, R, 1);
	cn_b[7].cap = obj_cap(ERIX_OBJ_ENDPOINT, ALL, 2);
	cn_b[8].cap = obj_cap(ERIX_OBJ_FRAME, R, 3);
	cn_b[255].cap = obj_cap(ERIX_OBJ_ENDPOINT, ALL, 2);
	cn_c[1].cap = obj_cap(ERIX_OBJ_ENDPOINT, ALL, 0);

	roots[ROOT_RT] = cnode_cap(cn_rt, 12, 52, 0);
	cn_rt[5].cap = obj_cap(ERIX_OBJ_ENDPOINT, R | W, 0);
	cn_rt[4095].cap = obj_cap(ERIX_OBJ_NOTIFICATION, R, 1);

	roots[ROOT_NG] = cnode_cap(cn_ng1, 2, 0, 0);
	cn_ng1[1].cap = cnode_cap(cn_ng2, 2, 0, 0);
	cn_ng2[2].cap = cnode_cap(cn_ng3, 3, 0, 0);
	cn_ng3[5].cap = obj_cap(ERIX_OBJ_ENDPOINT, ALL, 0);

	roots[ROOT_ENDPOINT] = obj_cap(ERIX_OBJ_ENDPOINT, ALL, 0);
	roots[ROOT_EMPTY] = (struct cap){ 0 };
}

/* ---- messages ------------------------------------------------------------ */

/* slot_name: "B[7]" for a slot of the CSpace, else its address (each call
 * overwrites one of two buffers, so two may be used in one message). */
static const char *slot_name(const struct cte *s)
{
	static char bufs[2][32];
	static int which;
	char *buf = bufs[which++ % 2];

	for (unsigned i = 0; i < CN_COUNT; i++)
		if (s >= cnodes[i].slots && s < cnodes[i].slots + cnodes[i].n) {
			snprintf(buf, 32, "%s[%ld]", cnodes[i].name,
				 (long)(s - cnodes[i].slots));
			return buf;
		}
	snprintf(buf, 32, "%p", (const void *)s);
	return buf;
}

/* A slot a lookup must find. */
struct want_slot {
	enum cnode_id cnode;
	unsigned index;
};

/* expect_result: a lookup returned err and *slot = got (left at the
 * sentinel `unset` if it set nothing); it must return want_err and, on
 * success, name want. */
static void expect_result(const char *what, int err, const struct cte *got,
			  const struct cte *unset, int want_err,
			  struct want_slot want)
{
	ck_assert_msg(err == want_err, "%s: returned %s, want %s", what,
		      unit_err_name(err), unit_err_name(want_err));
	if (want_err != 0)
		return;
	const struct cte *w = &cnodes[want.cnode].slots[want.index];
	ck_assert_msg(got != unset, "%s: returned 0 without setting *slot",
		      what);
	ck_assert_msg(got == w, "%s: *slot is %s, want %s", what,
		      slot_name(got), slot_name(w));
}

/* ---- cspace_lookup ------------------------------------------------------- */

struct lookup_case {
	const char *name;
	enum root_id root;
	uint64_t cptr;
	unsigned depth;
	int want;              /* 0 or -ERR_* */
	struct want_slot slot; /* when want is 0 */
};

#define OK(cn, i) 0, { cn, i }
#define FAIL(e) -(e), { 0, 0 }

/* Level 2 of the example through A[4] (CNode C: guard 3 bits, radix 2):
 * 0x54, then the guard, then the index: 13 bits. */
#define VIA_C(guard, index) ((0x54ull << 5) | ((guard) << 2) | (index))

static const struct lookup_case lookup_cases[] = {
	/* The worked example. */
	{ "example: 0x5307 depth 16 is slot 7 of the level-2 CNode",
	  ROOT_EX, 0x5307, 16, OK(CN_B, 7) },
	{ "example: 0x53 depth 8 names the CNode capability in A[3] itself",
	  ROOT_EX, 0x53, 8, OK(CN_A, 3) },
	{ "example: bits above depth are ignored",
	  ROOT_EX, 0xabcd000000005307, 16, OK(CN_B, 7) },
	{ "example: the last slot of the level-2 CNode, 0x53ff",
	  ROOT_EX, 0x53ff, 16, OK(CN_B, 255) },
	{ "example: an Endpoint at level 1, 0x55 depth 8",
	  ROOT_EX, 0x55, 8, OK(CN_A, 5) },
	{ "example: a level-2 CNode with a guard, guard 010 index 01",
	  ROOT_EX, VIA_C(0x2, 1), 13, OK(CN_C, 1) },
	{ "example at depth 64: the CPtr in the top 16 bits",
	  ROOT_EX, 0x5307ull << 48, 64, FAIL(ERR_DEPTH) },

	/* -ERR_INVALID_ROOT, checked first. */
	{ "root is an Endpoint capability",
	  ROOT_ENDPOINT, 0x5307, 16, FAIL(ERR_INVALID_ROOT) },
	{ "root is an empty capability",
	  ROOT_EMPTY, 0x5307, 16, FAIL(ERR_INVALID_ROOT) },
	{ "root is not a CNode and depth is 0: the root is checked first",
	  ROOT_ENDPOINT, 0, 0, FAIL(ERR_INVALID_ROOT) },

	/* -ERR_DEPTH. */
	{ "depth 0", ROOT_EX, 0x5307, 0, FAIL(ERR_DEPTH) },
	{ "depth 65", ROOT_EX, 0x5307, 65, FAIL(ERR_DEPTH) },
	{ "depth 7: fewer bits than level 1 needs (8)",
	  ROOT_EX, 0x53 >> 1, 7, FAIL(ERR_DEPTH) },
	{ "depth 12: 4 bits left for level 2, which needs 8",
	  ROOT_EX, 0x530, 12, FAIL(ERR_DEPTH) },
	{ "bits left at an Endpoint (A[5], 4 bits left)",
	  ROOT_EX, 0x557, 12, FAIL(ERR_DEPTH) },
	{ "bits left at an Endpoint at level 2 (B[7], 4 bits left)",
	  ROOT_EX, 0x53071, 20, FAIL(ERR_DEPTH) },
	{ "depth 7 with a wrong guard: the depth is checked before the guard",
	  ROOT_EX, 0x33, 7, FAIL(ERR_DEPTH) },
	{ "level 2 needs more bits than are left and its guard is wrong",
	  ROOT_EX, 0x54f, 12, FAIL(ERR_DEPTH) },

	/* -ERR_GUARD. */
	{ "level-1 guard 0100, want 0101", ROOT_EX, 0x43, 8, FAIL(ERR_GUARD) },
	{ "level-1 guard 1101: the guard's top bit",
	  ROOT_EX, 0xd3, 8, FAIL(ERR_GUARD) },
	{ "level-2 guard 011, want 010",
	  ROOT_EX, VIA_C(0x3, 1), 13, FAIL(ERR_GUARD) },
	{ "wrong guard and index 0: the guard is checked before the index",
	  ROOT_EX, 0x40, 8, FAIL(ERR_GUARD) },

	/* -ERR_INVALID: index 0. */
	{ "index 0 at level 1", ROOT_EX, 0x50, 8, FAIL(ERR_INVALID) },
	{ "index 0 at level 2", ROOT_EX, 0x5300, 16, FAIL(ERR_INVALID) },
	{ "index 0 at level 2 behind a guard",
	  ROOT_EX, VIA_C(0x2, 0), 13, FAIL(ERR_INVALID) },
	{ "index 0 with bits left: checked before the slot is looked at",
	  ROOT_EX, 0x500, 12, FAIL(ERR_INVALID) },

	/* -ERR_EMPTY_SLOT, and empty slots that are found. */
	{ "bits left at an empty slot (A[6], 4 bits left)",
	  ROOT_EX, 0x561, 12, FAIL(ERR_EMPTY_SLOT) },
	{ "bits left at an empty slot at level 2 (B[6])",
	  ROOT_EX, 0x53061, 20, FAIL(ERR_EMPTY_SLOT) },
	{ "the bits end at an empty slot: found (A[6])",
	  ROOT_EX, 0x56, 8, OK(CN_A, 6) },
	{ "the bits end at an empty slot at level 2: found (B[6])",
	  ROOT_EX, 0x5306, 16, OK(CN_B, 6) },

	/* The root task's layout: a 52-bit zero guard and radix 12. */
	{ "root task: slot 5 at depth 64", ROOT_RT, 5, 64, OK(CN_RT, 5) },
	{ "root task: slot 4095, the last", ROOT_RT, 4095, 64,
	  OK(CN_RT, 4095) },
	{ "root task: slot 1", ROOT_RT, 1, 64, OK(CN_RT, 1) },
	{ "root task: an empty slot is found", ROOT_RT, 2, 64, OK(CN_RT, 2) },
	{ "root task: slot 0", ROOT_RT, 0, 64, FAIL(ERR_INVALID) },
	{ "root task: bit 12 set, the guard's lowest",
	  ROOT_RT, 0x1005, 64, FAIL(ERR_GUARD) },
	{ "root task: bit 63 set, the guard's highest",
	  ROOT_RT, (1ull << 63) | 5, 64, FAIL(ERR_GUARD) },
	{ "root task: every bit set", ROOT_RT, ~0ull, 64, FAIL(ERR_GUARD) },
	{ "root task: depth 12, the guard needs 52 more",
	  ROOT_RT, 5, 12, FAIL(ERR_DEPTH) },
	{ "root task: depth 63", ROOT_RT, 5, 63, FAIL(ERR_DEPTH) },

	/* Three levels without guards: 01 10 101. */
	{ "no guards: three levels to NG3[5]",
	  ROOT_NG, 0x35, 7, OK(CN_NG3, 5) },
	{ "no guards: two levels to the CNode capability in NG2[2]",
	  ROOT_NG, 0x6, 4, OK(CN_NG2, 2) },
	{ "no guards: one level to NG1[1]", ROOT_NG, 0x1, 2, OK(CN_NG1, 1) },
	{ "no guards: an empty slot found at level 3",
	  ROOT_NG, 0x36, 7, OK(CN_NG3, 6) },
	{ "no guards: 1 bit left for level 2, which needs 2",
	  ROOT_NG, 0x3, 3, FAIL(ERR_DEPTH) },
	{ "no guards: bits left at the Endpoint NG3[5]",
	  ROOT_NG, 0x35 << 2, 9, FAIL(ERR_DEPTH) },
	{ "no guards: index 0 at level 3",
	  ROOT_NG, 0x30, 7, FAIL(ERR_INVALID) },
	{ "no guards: bits left at the empty slot NG2[3]",
	  ROOT_NG, 0x3d, 7, FAIL(ERR_EMPTY_SLOT) },
};

START_TEST(test_cspace_lookup)
{
	const struct lookup_case *c = &lookup_cases[_i];
	struct cte unset, *got = &unset;
	char what[200];

	snprintf(what, sizeof(what), "%s: cspace_lookup(%s, %#lx, depth %u)",
		 c->name, root_names[c->root], (unsigned long)c->cptr, c->depth);
	int err = cspace_lookup(&roots[c->root], c->cptr, c->depth, &got);
	expect_result(what, err, got, &unset, c->want, c->slot);
}
END_TEST

/* cspace_lookup changes nothing: the CSpace is the same after a lookup
 * of every case. */
START_TEST(test_cspace_lookup_changes_nothing)
{
	static struct cte before[ARRAY_SIZE(cn_rt)];
	struct cap roots_before[ROOT_COUNT];

	memcpy(roots_before, roots, sizeof(roots));
	for (unsigned n = 0; n < CN_COUNT; n++) {
		memcpy(before, cnodes[n].slots, cnodes[n].n * sizeof(struct cte));
		for (unsigned i = 0; i < ARRAY_SIZE(lookup_cases); i++) {
			const struct lookup_case *c = &lookup_cases[i];
			struct cte *got;
			cspace_lookup(&roots[c->root], c->cptr, c->depth, &got);
		}
		ck_assert_msg(memcmp(before, cnodes[n].slots,
				     cnodes[n].n * sizeof(struct cte)) == 0,
			      "CNode %s changed by cspace_lookup", cnodes[n].name);
	}
	ck_assert_msg(memcmp(roots_before, roots, sizeof(roots)) == 0,
		      "a root capability changed by cspace_lookup");
}
END_TEST

/* ---- cspace_lookup_cap and cspace_lookup_empty --------------------------- */

enum tcb_fn { LOOKUP_CAP, LOOKUP_EMPTY };

struct tcb_case {
	const char *name;
	enum tcb_fn fn;
	enum root_id root; /* what the TCB's CSpace slot holds */
	uint64_t cptr;
	unsigned type, rights; /* LOOKUP_CAP */
	unsigned depth;        /* LOOKUP_EMPTY */
	int want;
	struct want_slot slot;
};

#define NULLT ERIX_OBJ_NULL
#define EP ERIX_OBJ_ENDPOINT
#define NTFN ERIX_OBJ_NOTIFICATION

/* Each row: name; function, CSpace root, cptr, type, rights, depth; want. */
static const struct tcb_case tcb_cases[] = {
	{ "cap: the Endpoint RT[5], wanting an Endpoint with R",
	  LOOKUP_CAP, ROOT_RT, 5, EP, R, 0, OK(CN_RT, 5) },
	{ "cap: RT[5], any type, no rights",
	  LOOKUP_CAP, ROOT_RT, 5, NULLT, 0, 0, OK(CN_RT, 5) },
	{ "cap: RT[5], wanting exactly the rights it has (R|W)",
	  LOOKUP_CAP, ROOT_RT, 5, EP, R | W, 0, OK(CN_RT, 5) },
	{ "cap: the Notification RT[4095] with R",
	  LOOKUP_CAP, ROOT_RT, 4095, NTFN, R, 0, OK(CN_RT, 4095) },
	{ "cap: an empty slot",
	  LOOKUP_CAP, ROOT_RT, 2, NULLT, 0, 0, FAIL(ERR_EMPTY_SLOT) },
	{ "cap: an empty slot, wanting an Endpoint with R",
	  LOOKUP_CAP, ROOT_RT, 2, EP, R, 0, FAIL(ERR_EMPTY_SLOT) },
	{ "cap: an Endpoint where a Notification is wanted",
	  LOOKUP_CAP, ROOT_RT, 5, NTFN, 0, 0, FAIL(ERR_WRONG_TYPE) },
	{ "cap: an Endpoint without GRANT",
	  LOOKUP_CAP, ROOT_RT, 5, EP, G, 0, FAIL(ERR_RIGHTS) },
	{ "cap: R|W, wanting R|G: one of two rights missing",
	  LOOKUP_CAP, ROOT_RT, 5, EP, R | G, 0, FAIL(ERR_RIGHTS) },
	{ "cap: a Notification with R only, wanting W",
	  LOOKUP_CAP, ROOT_RT, 4095, NTFN, W, 0, FAIL(ERR_RIGHTS) },
	{ "cap: wrong type and missing right: the type is checked first",
	  LOOKUP_CAP, ROOT_RT, 5, NTFN, G, 0, FAIL(ERR_WRONG_TYPE) },
	{ "cap: slot 0: the lookup's error",
	  LOOKUP_CAP, ROOT_RT, 0, NULLT, 0, 0, FAIL(ERR_INVALID) },
	{ "cap: a guard mismatch: the lookup's error",
	  LOOKUP_CAP, ROOT_RT, 0x1005, NULLT, 0, 0, FAIL(ERR_GUARD) },
	{ "cap: always depth 64: the example's CPtr in the top 16 bits",
	  LOOKUP_CAP, ROOT_EX, 0x5307ull << 48, NULLT, 0, 0,
	  FAIL(ERR_DEPTH) },
	{ "cap: always depth 64: the example's CPtr 0x5307 (guard 0000)",
	  LOOKUP_CAP, ROOT_EX, 0x5307, NULLT, 0, 0, FAIL(ERR_GUARD) },
	{ "cap: an empty CSpace root",
	  LOOKUP_CAP, ROOT_EMPTY, 5, NULLT, 0, 0, FAIL(ERR_INVALID_ROOT) },
	{ "cap: a CSpace root that is an Endpoint",
	  LOOKUP_CAP, ROOT_ENDPOINT, 5, NULLT, 0, 0, FAIL(ERR_INVALID_ROOT) },

	{ "empty: RT[2], depth 0 (64)",
	  LOOKUP_EMPTY, ROOT_RT, 2, 0, 0, 0, OK(CN_RT, 2) },
	{ "empty: RT[2], depth 64",
	  LOOKUP_EMPTY, ROOT_RT, 2, 0, 0, 64, OK(CN_RT, 2) },
	{ "empty: RT[5] is full",
	  LOOKUP_EMPTY, ROOT_RT, 5, 0, 0, 0, FAIL(ERR_SLOT_FULL) },
	{ "empty: RT[2] at depth 12: the lookup's error",
	  LOOKUP_EMPTY, ROOT_RT, 2, 0, 0, 12, FAIL(ERR_DEPTH) },
	{ "empty: depth 65 is not taken for 64",
	  LOOKUP_EMPTY, ROOT_RT, 2, 0, 0, 65, FAIL(ERR_DEPTH) },
	{ "empty: slot 0", LOOKUP_EMPTY, ROOT_RT, 0, 0, 0, 0,
	  FAIL(ERR_INVALID) },
	{ "empty: the example's A[6] at depth 8",
	  LOOKUP_EMPTY, ROOT_EX, 0x56, 0, 0, 8, OK(CN_A, 6) },
	{ "empty: the example's B[6] at depth 16",
	  LOOKUP_EMPTY, ROOT_EX, 0x5306, 0, 0, 16, OK(CN_B, 6) },
	{ "empty: the CNode capability A[3] is full",
	  LOOKUP_EMPTY, ROOT_EX, 0x53, 0, 0, 8, FAIL(ERR_SLOT_FULL) },
	{ "empty: bits left at the empty A[6]",
	  LOOKUP_EMPTY, ROOT_EX, 0x561, 0, 0, 12, FAIL(ERR_EMPTY_SLOT) },
	{ "empty: an empty CSpace root",
	  LOOKUP_EMPTY, ROOT_EMPTY, 2, 0, 0, 0, FAIL(ERR_INVALID_ROOT) },
};

START_TEST(test_cspace_tcb)
{
	const struct tcb_case *c = &tcb_cases[_i];
	static struct tcb t;
	struct cte unset, *got = &unset;
	char what[200];
	int err;

	memset(&t, 0, sizeof(t));
	t.slots[TCB_CSPACE].cap = roots[c->root];
	if (c->fn == LOOKUP_CAP) {
		snprintf(what, sizeof(what),
			 "%s: cspace_lookup_cap(CSpace %s, %#lx, type %u, "
			 "rights %#x)",
			 c->name, root_names[c->root], (unsigned long)c->cptr,
			 c->type, c->rights);
		err = cspace_lookup_cap(&t, c->cptr, c->type, c->rights, &got);
	} else {
		snprintf(what, sizeof(what),
			 "%s: cspace_lookup_empty(CSpace %s, %#lx, depth %u)",
			 c->name, root_names[c->root], (unsigned long)c->cptr,
			 c->depth);
		err = cspace_lookup_empty(&t, c->cptr, c->depth, &got);
	}
	expect_result(what, err, got, &unset, c->want, c->slot);
}
END_TEST

Suite *cspace_suite(void)
{
	Suite *s = suite_create("cspace");
	TCase *tc = tcase_create("cspace_lookup");

	tcase_add_checked_fixture(tc, cspace_setup, NULL);
	tcase_add_loop_test(tc, test_cspace_lookup, 0, ARRAY_SIZE(lookup_cases));
	tcase_add_test(tc, test_cspace_lookup_changes_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("cspace_lookup_cap and _empty");
	tcase_add_checked_fixture(tc, cspace_setup, NULL);
	tcase_add_loop_test(tc, test_cspace_tcb, 0, ARRAY_SIZE(tcb_cases));
	suite_add_tcase(s, tc);
	return s;
}
